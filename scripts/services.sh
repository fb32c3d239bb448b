#!/usr/bin/env bash
# Makes PostgreSQL and Redis reachable for duijie, and says what it did:
#   1. DATABASE_URL / REDIS_URL from the environment, when set;
#   2. else whatever answers on the local default ports (5432, 6379);
#   3. else PostgreSQL and Redis from the system's packages (apt-get; sudo when not root), started on
#      loopback with their data under .data/ (ignored by git).
# The URLs chosen are written to .data/services.env for scripts/demo.sh and scripts/test.sh.
# Running it again is harmless: what is running stays running.
#   bash scripts/services.sh stop    stops the servers this script started (not the system's own)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DATA=$ROOT/.data

say() { printf '%s\n' "$*" >&2; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p; for p in "$@"; do port_open "$p" || { echo "$p"; return; }; done; return 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  say "需要 root 权限安装软件包 / root is needed to install packages: $*"; exit 1; fi; }

APT_UPDATED=
apt_install() {
  command -v apt-get >/dev/null || { say "未找到 apt-get，请手动安装 / apt-get not found, please install: $*"; exit 1; }
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq >&2; APT_UPDATED=1; fi
  say "  正在安装 / installing: $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

redis_answers() { # host port
  local reply
  reply=$( (exec 3<>"/dev/tcp/$1/$2" && printf 'PING\r\n' >&3 && timeout 3 head -c 7 <&3) 2>/dev/null || true)
  [[ $reply == +PONG* || $reply == -NOAUTH* ]]
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# Runs a PostgreSQL server program as a user it accepts (it refuses root), from a folder that user
# may enter (the project folder may not be one: a clone under /root or in a mktemp -d folder).
pg_run() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# Where this project's own cluster lives. Normally .data/postgres; when the postgres user cannot
# reach the project folder (run as root from a folder of mode 700), a folder in PostgreSQL's own
# home, named after the project's path and recorded in .data/postgres-dir so that `stop` finds it.
# PostgreSQL's programs are always given that real path, never a path through the project folder.
pg_data_dir() {
  if [ -f "$DATA/postgres-dir" ]; then cat "$DATA/postgres-dir"; return; fi
  local dir=$DATA/postgres
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$DATA" 2>/dev/null; then
    dir=/var/lib/postgresql/duijie-$(printf '%s' "$ROOT" | md5sum | cut -c1-8)
    say "  项目目录对 postgres 用户不可访问，数据目录改为 / the project folder is closed to the postgres user; data in: $dir"
  fi
  echo "$dir" >"$DATA/postgres-dir"
  echo "$dir"
}

# The last lines of a log, indented, for a server that did not start.
show_log() { [ -f "$1" ] && tail -n 15 "$1" | sed 's/^/    | /' >&2; }

pg_answers() { # bin port
  pg_run "$1/pg_isready" -q -h 127.0.0.1 -p "$2" -t 2 >/dev/null 2>&1
}

# A cluster of this project's own was made by an earlier run: keep using it.
own_postgres_exists() {
  local dir
  dir=$(cat "$DATA/postgres-dir" 2>/dev/null || echo "$DATA/postgres")
  [ -f "$dir/PG_VERSION" ]
}

start_own_postgres() {
  local bin dir port log
  bin=$(pg_bin)
  if [ -z "$bin" ]; then apt_install postgresql; bin=$(pg_bin); fi
  [ -n "$bin" ] || { say "  未找到 PostgreSQL 程序 / PostgreSQL programs not found"; return 1; }
  dir=$(pg_data_dir)
  log=$dir/server.log
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir" && chmod 700 "$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    say "  初始化数据目录 / initialising $dir"
    if ! pg_run "$bin/initdb" -D "$dir" --username=postgres --auth=trust --encoding=UTF8 --no-locale >"$DATA/initdb.log" 2>&1; then
      say "  初始化失败 / initdb failed:"; show_log "$DATA/initdb.log"; return 1
    fi
  fi
  if [ -f "$dir/postmaster.pid" ] && pg_run "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    port=$(sed -n 4p "$dir/postmaster.pid")
    say "  本项目的 PostgreSQL 已在运行 / this project's PostgreSQL is already running on 127.0.0.1:$port"
  else
    port=$(free_port 5432 55432 55433) || { say "  没有空闲端口 / no free port among 5432 55432 55433"; return 1; }
    pg_run "$bin/pg_ctl" -D "$dir" -l "$log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null 2>&1 || true
    if ! pg_answers "$bin" "$port"; then
      say "  PostgreSQL 未能启动 / PostgreSQL did not start (log: $log):"; show_log "$log"; return 1
    fi
    say "  已启动 PostgreSQL / started PostgreSQL on 127.0.0.1:$port (log: $log)"
  fi
  echo "postgres://postgres@127.0.0.1:$port/duijie"
}

start_own_redis() {
  local dir=$DATA/redis port
  command -v redis-server >/dev/null || apt_install redis-server
  mkdir -p "$dir"
  if [ -f "$dir/port" ] && redis_answers 127.0.0.1 "$(cat "$dir/port")"; then
    port=$(cat "$dir/port")
    say "  本项目的 Redis 已在运行 / this project's Redis is already running on 127.0.0.1:$port"
  else
    port=$(free_port 6379 56379 56380) || { say "  没有空闲端口 / no free port among 6379 56379 56380"; return 1; }
    redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --dir "$dir" --appendonly yes \
      --maxmemory-policy noeviction --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null 2>&1 || true
    for _ in $(seq 50); do redis_answers 127.0.0.1 "$port" && break; sleep 0.1; done
    if ! redis_answers 127.0.0.1 "$port"; then
      say "  Redis 未能启动 / Redis did not start (log: $dir/redis.log):"; show_log "$dir/redis.log"; return 1
    fi
    echo "$port" >"$dir/port"
    say "  已启动 Redis / started Redis on 127.0.0.1:$port (data: $dir)"
  fi
  echo "redis://127.0.0.1:$port"
}

stop_own() {
  local bin dir
  bin=$(pg_bin)
  dir=$(cat "$DATA/postgres-dir" 2>/dev/null || echo "$DATA/postgres")
  if [ -n "$bin" ] && [ -f "$dir/postmaster.pid" ]; then
    if pg_run "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1; then
      say "已停止 PostgreSQL / stopped PostgreSQL"
    else
      say "PostgreSQL 未能停止 / PostgreSQL did not stop (log: $dir/server.log)"; show_log "$dir/server.log"; exit 1
    fi
  fi
  if [ -f "$DATA/redis/redis.pid" ]; then
    local pid
    pid=$(cat "$DATA/redis/redis.pid")
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      say "已停止 Redis / stopped Redis"
    fi
    rm -f "$DATA/redis/redis.pid" "$DATA/redis/port"
  fi
}

if [ "${1:-}" = stop ]; then stop_own; exit 0; fi

mkdir -p "$DATA"
ENV_FILE=$DATA/services.env
: >"$ENV_FILE"

say "PostgreSQL:"
if [ -n "${DATABASE_URL:-}" ]; then
  say "  使用环境变量 / using DATABASE_URL from the environment"
  node scripts/ensure-database.js "$DATABASE_URL"
elif ! own_postgres_exists && port_open 5432 &&
  node scripts/ensure-database.js postgres://postgres@127.0.0.1:5432/duijie 2>/dev/null; then
  say "  使用本机已运行的服务 / using the server already running on 127.0.0.1:5432"
else
  port_open 5432 && say "  5432 端口的服务拒绝登录，改用项目自己的服务 / the server on 5432 refuses us; starting our own"
  url=$(start_own_postgres) || exit 1
  node scripts/ensure-database.js "$url"
  echo "export DATABASE_URL=$url" >>"$ENV_FILE"
fi

say "Redis:"
if [ -n "${REDIS_URL:-}" ]; then
  say "  使用环境变量 / using REDIS_URL from the environment"
elif [ ! -f "$DATA/redis/redis.pid" ] && redis_answers 127.0.0.1 6379; then
  say "  使用本机已运行的服务 / using the server already running on 127.0.0.1:6379"
else
  url=$(start_own_redis) || exit 1
  echo "export REDIS_URL=$url" >>"$ENV_FILE"
fi
