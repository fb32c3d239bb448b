#!/usr/bin/env bash
# npm run demo: installs what is missing, brings up PostgreSQL and Redis, migrates, loads the demo
# data, then runs the API and the worker until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

step "1/5 依赖 / packages"
ensure_node_modules
use_built_media_worker
step "2/5 服务 / services"
ensure_services
step "3/5 构建 / build"
if [ ! -f dist/.built ] || [ -n "$(find src scripts migrations package-lock.json -newer dist/.built -print -quit)" ]; then
  npm run --silent build
  touch dist/.built
  echo "已构建 / built"
else
  echo "已是最新 / up to date"
fi
step "4/5 迁移与演示数据 / migrations and demo data"
node node_modules/typeorm/cli.js migration:run -d dist/src/database/cli-data-source.js | grep -E "^Migration|No migrations" || true
node dist/scripts/seed-demo.js

step "5/5 启动 / starting API and worker"
export LOG_LEVEL=${LOG_LEVEL:-warn}
node dist/src/worker.js &
WORKER=$!
node dist/src/main.js &
API=$!
trap 'kill $API $WORKER 2>/dev/null; wait 2>/dev/null; echo; echo "已停止 / stopped"' EXIT INT TERM
URL=${PUBLIC_URL:-http://localhost:${PORT:-3000}}
for _ in $(seq 100); do
  node -e "fetch('http://127.0.0.1:${PORT:-3000}/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" && break
  kill -0 $API 2>/dev/null || { echo "API 启动失败 / the API did not start"; exit 1; }
  sleep 0.2
done
cat <<TXT

  对接平台已运行 / duijie is running
    网址 / URL:            $URL
    组织者控制台 / console: $URL/console   (organizer@duijie.demo)
    专家工作台 / expert:    $URL/expert    (expert@duijie.demo)
    企业工作台 / enterprise: $URL/enterprise (enterprise@duijie.demo)
    接口文档 / API docs:   $URL/api/docs
    健康检查 / health:     $URL/health
  按 Ctrl-C 停止 / press Ctrl-C to stop.
TXT
wait
