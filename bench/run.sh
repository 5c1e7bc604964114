#!/usr/bin/env bash
# Runs the benchmarks and rewrites their sections of docs/benchmarks.md. Each compares against a
# baseline measured in the same run and reports a ratio: the machines are shared and noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p .data/bench
dotnet run --project bench/MediaCheck.Bench -c Release -- .data/bench .data/bench/mediacheck.md
{
  echo "# Benchmarks"
  echo
  echo "Every figure is a ratio to a baseline measured in the same run on the same machine;"
  echo "absolute times on a shared 2-core machine are noise. Re-run with \`bash bench/run.sh\`."
  echo
  cat .data/bench/mediacheck.md
} > docs/benchmarks.md
