#!/usr/bin/env bash
# Starts the private PostgreSQL and RabbitMQ the tests use, with fresh data under .data/test, and
# prints the environment that names them. Sourced by scripts/test.sh; stop them with stop_test_servers.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data=$root/.data/test
pg_port=${CAMPAIGN_TEST_PG_PORT:-55433}
amqp_port=${CAMPAIGN_TEST_AMQP_PORT:-55673}
mgmt_port=${CAMPAIGN_TEST_MGMT_PORT:-55674}
dist_port=${CAMPAIGN_TEST_DIST_PORT:-55675}

# Servers left behind by an interrupted run hold the ports: stop them first.
pkill -INT -f -- "-D $data/postgres" 2>/dev/null || true
pkill -TERM -f -- "-home $data/rabbitmq/home" 2>/dev/null || true
for _ in $(seq 40); do pgrep -f -- "$data/" >/dev/null || break; sleep 0.25; done
rm -rf "$data" && mkdir -p "$data"
bash "$root/scripts/local-postgres.sh" "$data/postgres" "$pg_port" >"$data/postgres.log" 2>&1 &
test_pg_pid=$!
bash "$root/scripts/local-rabbitmq.sh" "$data/rabbitmq" "$amqp_port" "$mgmt_port" "$dist_port" >"$data/rabbitmq.log" 2>&1 &
test_mq_pid=$!

stop_test_servers() {
  kill -TERM "$test_mq_pid" "$test_pg_pid" 2>/dev/null || true
  wait "$test_mq_pid" "$test_pg_pid" 2>/dev/null || true
}

fail() { stop_test_servers; echo "$1" >&2; exit 1; }
ready() { curl -fsS -u guest:guest "http://127.0.0.1:$mgmt_port/api/overview" >/dev/null 2>&1; }
for _ in $(seq 120); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null && ready; then break; fi
  kill -0 "$test_pg_pid" 2>/dev/null || { cat "$data/postgres.log"; fail "test PostgreSQL did not start"; }
  kill -0 "$test_mq_pid" 2>/dev/null || { tail -50 "$data/rabbitmq.log"; fail "test RabbitMQ did not start"; }
  sleep 0.5
done
ready || { tail -50 "$data/rabbitmq.log"; fail "test RabbitMQ did not answer"; }

export CAMPAIGN_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"
export CAMPAIGN_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$amqp_port/"
export CAMPAIGN_TEST_RABBITMQ_MANAGEMENT="http://127.0.0.1:$mgmt_port/"
