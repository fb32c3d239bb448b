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

# The browser tests drive Debian's Chromium, with a Chinese font so that pages render as people see
# them, and ffmpeg (the check-in test's fake camera plays a QR code video it makes; the live tests
# send its test pattern); installed from Debian's packages where missing (as root, with apt).
ensure_browser() {
  if [ -x /usr/bin/chromium ] && fc-list :lang=zh 2>/dev/null | grep -q . && command -v ffmpeg >/dev/null; then
    echo "Chromium 与 ffmpeg 已安装 / installed"
  elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei ffmpeg >/dev/null
    echo "已安装 Chromium、中文字体与 ffmpeg / installed Chromium, a Chinese font and ffmpeg"
  else
    echo "请安装 / please install: apt-get install chromium fonts-wqy-microhei ffmpeg (browser tests need them)"
  fi
}

# The media worker `npm run live:build-worker` builds on this machine (kept between runs).
built_media_worker() {
  echo "$HOME/.cache/duijie/mediasoup-worker-$(node -p "require('./node_modules/mediasoup/package.json').version")"
}

# Uses the media worker built on this machine, unless one is named or mediasoup installed its own
# (npm run live:install-worker).
use_built_media_worker() {
  local built
  built=$(built_media_worker)
  if [ -z "${MEDIASOUP_WORKER_BIN:-}" ] && [ ! -x node_modules/mediasoup/worker/out/Release/mediasoup-worker ] && [ -x "$built" ]; then
    export MEDIASOUP_WORKER_BIN="$built"
    echo "直播媒体 worker / media worker: $built"
  fi
}

# CI runs the real media tests every time: it builds the worker once per machine when none exists.
ensure_media_worker() {
  if [ -n "${MEDIASOUP_WORKER_BIN:-}" ] && [ -x "$MEDIASOUP_WORKER_BIN" ]; then
    echo "直播媒体 worker / media worker: $MEDIASOUP_WORKER_BIN"
  elif [ -x node_modules/mediasoup/worker/out/Release/mediasoup-worker ] || [ -x "$(built_media_worker)" ]; then
    echo "直播媒体 worker 已存在 / media worker present"
  else
    echo "未找到直播媒体 worker，正在构建（约 8–17 分钟，仅此一次）/ no media worker: building it once (8–17 min)"
    bash scripts/build-media-worker.sh
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
