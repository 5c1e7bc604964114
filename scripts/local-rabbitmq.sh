#!/usr/bin/env bash
# A private RabbitMQ node in the foreground: local-rabbitmq.sh DATA_DIR AMQP_PORT MANAGEMENT_PORT DIST_PORT
# Calls the broker script directly (the Debian wrapper su's to rabbitmq and orphans the broker on
# SIGTERM); NOTIFY_SOCKET pointing nowhere makes the script exec Erlang, so this pid is the broker.
set -euo pipefail
D=$(realpath -m "$1"); amqp=$2; management=$3; dist=$4
mkdir -p "$D/home" "$D/mnesia" "$D/log"
printf 'management.tcp.port = %s\nmanagement.tcp.ip = 127.0.0.1\nloopback_users = none\n' "$management" > "$D/rabbitmq.conf"
echo '[rabbitmq_management].' > "$D/enabled_plugins"
touch "$D/rabbitmq-env.conf"
export HOME=$D/home RABBITMQ_NODENAME=campaign-$amqp@localhost RABBITMQ_NODE_PORT=$amqp \
  RABBITMQ_DIST_PORT=$dist RABBITMQ_CONF_ENV_FILE=$D/rabbitmq-env.conf \
  RABBITMQ_CONFIG_FILE=$D/rabbitmq.conf RABBITMQ_ADVANCED_CONFIG_FILE=$D/advanced.config \
  RABBITMQ_ENABLED_PLUGINS_FILE=$D/enabled_plugins RABBITMQ_MNESIA_BASE=$D/mnesia \
  RABBITMQ_LOG_BASE=$D/log RABBITMQ_PID_FILE=$D/broker.pid RABBITMQ_LOGS=- \
  ERL_CRASH_DUMP=$D/log/erl_crash.dump NOTIFY_SOCKET=$D/no-such.sock
exec /usr/lib/rabbitmq/bin/rabbitmq-server
