#!/usr/bin/env bash
# npm test: installs what is missing, brings up the services, then lint, type check, unit and
# end-to-end tests. Ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

step "1/5 依赖 / packages"
ensure_node_modules
use_built_media_worker
ensure_browser
step "2/5 服务 / services"
ensure_services
step "3/5 代码检查 / lint"
npm run --silent lint
step "4/5 类型检查 / type check"
npm run --silent typecheck
step "5/5 单元与端到端测试 / unit and end-to-end tests"
status=0
rm -rf .data/test-skips
npx jest --selectProjects unit --json --outputFile=.data/jest-unit.json || status=$?
npx jest --selectProjects e2e --json --outputFile=.data/jest-e2e.json "$@" || status=$?
node scripts/test-summary.js .data/jest-unit.json .data/jest-e2e.json || status=1
exit $status
