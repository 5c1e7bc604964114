#!/usr/bin/env bash
# Runs the platform on this machine: installs what is missing, then starts the AppHost, which runs
# PostgreSQL and RabbitMQ (containers where a Docker engine answers, otherwise local processes
# with their data under .data/platform), the five services and the Aspire dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# What production runs: a Release build. A developer who wants Debug asks for it:
#   CAMPAIGN_CONFIGURATION=Debug bash scripts/run.sh
configuration=${CAMPAIGN_CONFIGURATION:-Release}
dotnet build src/AppHost --no-restore -c "$configuration" -v quiet -nologo
exec dotnet run --project src/AppHost --no-build -c "$configuration" --launch-profile http "$@"
