#!/usr/bin/env bash
# Runs the benchmarks and rewrites docs/benchmarks.md. Each compares against baselines measured in
# the same run and reports ratios: the machines are shared and noisy. Needs the same servers as the
# tests (started here, stopped at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
(cd tests/tus-client && npm ci --no-audit --no-fund --loglevel=error)
dotnet build Campaign.sln -c Release --no-restore -v quiet -nologo
source scripts/test-servers.sh
trap stop_test_servers EXIT
mkdir -p .data/bench
status=0
dotnet bench/Upload.Bench/bin/Release/net10.0/Upload.Bench.dll .data/bench .data/bench/upload.md \
  "$PWD/src/Submission/bin/Release/net10.0/Campaign.Submission.dll" "$CAMPAIGN_TEST_POSTGRES" "$CAMPAIGN_TEST_RABBITMQ" "$PWD/tests/tus-client" || status=1
dotnet bench/MediaCheck.Bench/bin/Release/net10.0/MediaCheck.Bench.dll .data/bench .data/bench/mediacheck.md || status=1
dotnet bench/Engagement.Bench/bin/Release/net10.0/Engagement.Bench.dll .data/bench/engagement.md \
  "$PWD/src/Engagement/bin/Release/net10.0/Campaign.Engagement.dll" "$CAMPAIGN_TEST_POSTGRES" "$CAMPAIGN_TEST_RABBITMQ" "$PWD/tests/campaigns" || status=1
# Deadline day: the whole platform in the AppHost; bounded at 5,000 entries or 300 s of submitting.
dotnet bench/Load.Bench/bin/Release/net10.0/Load.Bench.dll .data/bench/load.md docs/images/deadline-day.svg 5000 50 300 || status=1
# The same day with stories only: what the platform does when no media tool shares the cores.
dotnet bench/Load.Bench/bin/Release/net10.0/Load.Bench.dll .data/bench/load-stories.md docs/images/deadline-day-stories.svg 5000 50 300 0 || status=1
{
  echo "# Benchmarks"
  echo
  echo "Every figure is set against a baseline measured in the same run on the same machine;"
  echo "absolute times on a shared 2-core machine are noise. Re-run with \`bash bench/run.sh\`."
  echo "A target missed in a run is printed as measured, not retried."
  echo
  cat .data/bench/upload.md bench/notes/upload.md; echo
  cat .data/bench/mediacheck.md
  cat .data/bench/engagement.md bench/notes/engagement.md; echo
  cat .data/bench/load.md bench/notes/load.md; echo
  cat .data/bench/load-stories.md bench/notes/load-stories.md
} > docs/benchmarks.md
exit $status
