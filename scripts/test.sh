#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what is missing, starts private PostgreSQL and
# RabbitMQ servers for the run, builds, runs all test projects, and stops the servers.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The real tus-js-client (and @tus/server for the benchmark), pinned by the lock file.
(cd tests/tus-client && npm ci --no-audit --no-fund --loglevel=error)
# The demo's script (tests/EndToEnd/TheDemo.cs runs it) uses tus-js-client too, pinned by its own lock file.
(cd demo && npm ci --no-audit --no-fund --loglevel=error)
# An S3-compatible server (s3rver) for the S3 media store.
(cd tests/s3-server && npm ci --no-audit --no-fund --loglevel=error)
source scripts/test-servers.sh
trap stop_test_servers EXIT
dotnet build Campaign.sln --no-restore -c Release -v quiet -nologo
# The whole log is long (the outage tests log every refused connection): the failures are printed
# again at its end, where a CI summary that keeps only the tail still shows them.
status=0
dotnet test Campaign.sln --no-build -c Release --logger "console;verbosity=normal" --results-directory .data/test-results "$@" \
  2>&1 | tee .data/test-output.log || status=$?
if [ "$status" -ne 0 ]; then
  echo "===== failed tests (from .data/test-output.log) ====="
  grep -A 25 -E '^\s+Failed Campaign\.' .data/test-output.log | grep -vE '^\s+at (Xunit|System\.Runtime|Microsoft\.)' | head -300 || true
  grep -E '^\s+Failed Campaign\.|Test Run Aborted|The active test run was aborted' .data/test-output.log || true
fi
exit "$status"
