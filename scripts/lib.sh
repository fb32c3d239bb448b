# Shared by scripts/demo.sh and scripts/test.sh.

step() { printf '\n\033[1m▶ %s\033[0m\n' "$*"; }

# Installs the npm packages when node_modules is missing or older than package-lock.json.
ensure_node_modules() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    # mediasoup would download or build its media worker while installing, which needs the internet
    # (and a C++ toolchain to build); it skips that when MEDIASOUP_WORKER_BIN is set. The worker
    # comes from `npm run live:install-worker`, or from MEDIASOUP_WORKER_BIN at run time.
    MEDIASOUP_WORKER_BIN="${MEDIASOUP_WORKER_BIN:-none}" npm ci --no-audit --no-fund
  else
    echo "依赖已安装 / packages already installed"
  fi
}

# Uses the media worker `npm run live:build-worker` built on this machine, unless one is named or
# mediasoup installed its own (npm run live:install-worker).
use_built_media_worker() {
  local version built
  version=$(node -p "require('./node_modules/mediasoup/package.json').version")
  built="$HOME/.cache/duijie/mediasoup-worker-$version"
  if [ -z "${MEDIASOUP_WORKER_BIN:-}" ] && [ ! -x node_modules/mediasoup/worker/out/Release/mediasoup-worker ] && [ -x "$built" ]; then
    export MEDIASOUP_WORKER_BIN="$built"
    echo "直播媒体 worker / media worker: $built"
  fi
}

# Brings up PostgreSQL and Redis and exports the URLs scripts/services.sh chose.
ensure_services() {
  bash scripts/services.sh
  set -a
  # shellcheck disable=SC1091
  . .data/services.env
  set +a
}
