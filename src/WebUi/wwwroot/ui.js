// Keyboard scoring: Enter saves the draft, Ctrl+Enter submits; outside a field n / p go to the
// next work to score / the previous one, k plays or pauses, j / l seek 10 s back / forward.
document.addEventListener('keydown', (event) => {
  const typing = event.target.closest('input, textarea, select');
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && event.target.closest('#score-form')) {
    event.preventDefault();
    document.getElementById('submit')?.click();
    return;
  }
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const player = document.getElementById('player');
  switch (event.key) {
    case 'n': document.getElementById('next')?.click(); break;
    case 'p': document.getElementById('previous')?.click(); break;
    case 'k': if (player) { player.paused ? player.play() : player.pause(); } break;
    case 'j': if (player) player.currentTime = Math.max(0, player.currentTime - 10); break;
    case 'l': if (player) player.currentTime = player.currentTime + 10; break;
    case 's': document.getElementById('score')?.focus(); event.preventDefault(); break;
  }
});
