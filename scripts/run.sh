#!/usr/bin/env bash
# Runs the platform on this machine: installs what is missing, then starts the AppHost, which runs
# PostgreSQL and RabbitMQ (containers where a Docker engine answers, otherwise local processes
# with their data under .data/platform), the five services and the Aspire dashboard.
#   --demo   also loads the demo campaign (demo/campaigns/demo-campaign.json) beside the real one and, once the
#            services answer, seeds it through the API (demo/demo.mjs) and prints the links to look at.
set -euo pipefail
cd "$(dirname "$0")/.."
demo=false
args=()
for arg in "$@"; do
  if [ "$arg" = --demo ]; then demo=true; else args+=("$arg"); fi
done
bash scripts/setup.sh
# What production runs: a Release build. A developer who wants Debug asks for it:
#   CAMPAIGN_CONFIGURATION=Debug bash scripts/run.sh
configuration=${CAMPAIGN_CONFIGURATION:-Release}
dotnet build src/AppHost --no-restore -c "$configuration" -v quiet -nologo
if ! $demo; then
  exec dotnet run --project src/AppHost --no-build -c "$configuration" --launch-profile http "${args[@]}"
fi

(cd demo && npm ci --no-audit --no-fund --loglevel=error)
Demo__Enabled=true dotnet run --project src/AppHost --no-build -c "$configuration" --launch-profile http "${args[@]}" &
apphost=$!
# A background job ignores Ctrl+C: pass it on as SIGTERM, which stops the services, then RabbitMQ and PostgreSQL.
trap 'kill -TERM "$apphost" 2>/dev/null || true; wait "$apphost"; exit 130' INT TERM
for port in 5101 5102 5103 5104 5105; do
  until curl -sf -o /dev/null "http://localhost:$port/health"; do
    kill -0 "$apphost" 2>/dev/null || { echo "run: the AppHost stopped before the services answered" >&2; exit 1; }
    sleep 2
  done
done
DASHBOARD_URL=http://localhost:18888 node demo/demo.mjs || echo "run: the demo stopped with an error (above); the platform keeps running" >&2
echo "The platform keeps running with the demo campaign; Ctrl+C stops it."
wait "$apphost"
