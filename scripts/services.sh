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

# Runs a PostgreSQL server program as a user it accepts (it refuses root).
pg_run() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_own_postgres() {
  local bin dir port
  bin=$(pg_bin)
  if [ -z "$bin" ]; then apt_install postgresql; bin=$(pg_bin); fi
  dir=$DATA/postgres
  if [ "$(id -u)" = 0 ]; then
    mkdir -p "$dir"
    chown postgres:postgres "$dir"
    if ! runuser -u postgres -- test -w "$dir"; then
      # The project folder is not reachable for the postgres user (e.g. under /root): keep the data
      # in PostgreSQL's own home and point .data/postgres at it.
      local home=/var/lib/postgresql/duijie-$(printf '%s' "$ROOT" | md5sum | cut -c1-8)
      mkdir -p "$home" && chown postgres:postgres "$home"
      rmdir "$dir" && ln -s "$home" "$dir"
      say "  数据目录 / data directory: $home (项目目录对 postgres 用户不可访问 / project folder not accessible to postgres)"
    fi
  fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    say "  初始化数据目录 / initialising $dir"
    pg_run "$bin/initdb" -D "$dir" --username=postgres --auth=trust --encoding=UTF8 --no-locale >/dev/null
  fi
  if [ -f "$dir/postmaster.pid" ] && pg_run "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    port=$(sed -n 4p "$dir/postmaster.pid")
  else
    port=$(free_port 5432 55432 55433)
    pg_run "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
    say "  已启动 PostgreSQL / started PostgreSQL on 127.0.0.1:$port (log: $dir/server.log)"
  fi
  echo "postgres://postgres@127.0.0.1:$port/duijie"
}

start_own_redis() {
  local dir=$DATA/redis port
  command -v redis-server >/dev/null || apt_install redis-server
  mkdir -p "$dir"
  if [ -f "$dir/port" ] && redis_answers 127.0.0.1 "$(cat "$dir/port")"; then
    port=$(cat "$dir/port")
  else
    port=$(free_port 6379 56379 56380)
    redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --dir "$dir" --appendonly yes \
      --maxmemory-policy noeviction --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
    for _ in $(seq 50); do redis_answers 127.0.0.1 "$port" && break; sleep 0.1; done
    echo "$port" >"$dir/port"
    say "  已启动 Redis / started Redis on 127.0.0.1:$port (data: $dir)"
  fi
  echo "redis://127.0.0.1:$port"
}

stop_own() {
  local bin
  bin=$(pg_bin)
  if [ -n "$bin" ] && [ -f "$DATA/postgres/postmaster.pid" ]; then
    pg_run "$bin/pg_ctl" -D "$DATA/postgres" -m fast stop >/dev/null && say "已停止 PostgreSQL / stopped PostgreSQL"
  fi
  if [ -f "$DATA/redis/redis.pid" ] && kill "$(cat "$DATA/redis/redis.pid")" 2>/dev/null; then
    rm -f "$DATA/redis/redis.pid" "$DATA/redis/port"
    say "已停止 Redis / stopped Redis"
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
elif port_open 5432 && node scripts/ensure-database.js postgres://postgres@127.0.0.1:5432/duijie 2>/dev/null; then
  say "  使用本机已运行的服务 / using the server already running on 127.0.0.1:5432"
else
  port_open 5432 && say "  5432 端口的服务拒绝登录，改用项目自己的服务 / the server on 5432 refuses us; starting our own"
  url=$(start_own_postgres)
  node scripts/ensure-database.js "$url"
  echo "export DATABASE_URL=$url" >>"$ENV_FILE"
fi

say "Redis:"
if [ -n "${REDIS_URL:-}" ]; then
  say "  使用环境变量 / using REDIS_URL from the environment"
elif redis_answers 127.0.0.1 6379; then
  say "  使用本机已运行的服务 / using the server already running on 127.0.0.1:6379"
else
  echo "export REDIS_URL=$(start_own_redis)" >>"$ENV_FILE"
fi
