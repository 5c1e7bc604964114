#!/usr/bin/env bash
# Runs the platform on this machine: installs what is missing, then starts the AppHost, which runs
# PostgreSQL and RabbitMQ (containers where a Docker engine answers, otherwise local processes
# with their data under .data/platform), the five services and the Aspire dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet build src/AppHost --no-restore -v quiet -nologo
exec dotnet run --project src/AppHost --no-build --launch-profile http "$@"
