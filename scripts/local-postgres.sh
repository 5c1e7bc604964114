#!/usr/bin/env bash
# A private PostgreSQL server in the foreground: local-postgres.sh DATA_DIR PORT
# Creates the cluster on first use. On SIGTERM/SIGINT it asks for a *fast* shutdown (SIGINT), so
# stopping never waits for clients to disconnect.
set -euo pipefail
data=$(realpath -m "$1"); port=$2
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
mkdir -p "$data"
run=()
if [ "$(id -u)" = 0 ]; then
  # postgres refuses to run as root: run it as the postgres user, which must reach the folder.
  chown postgres:postgres "$data"; chmod 0700 "$data"
  d=$(dirname "$data"); while [ "$d" != / ]; do chmod o+x "$d"; d=$(dirname "$d"); done
  run=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi
if [ ! -f "$data/PG_VERSION" ]; then
  "${run[@]}" "$bin/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
fi
"${run[@]}" "$bin/postgres" -D "$data" -p "$port" -k "$data" -c listen_addresses=127.0.0.1 \
  -c max_connections=400 -c shared_buffers=128MB &
pid=$!
trap 'kill -INT $pid 2>/dev/null || true' TERM INT
while kill -0 $pid 2>/dev/null; do wait $pid || true; done
