# syntax=docker/dockerfile:1
# duijie: one image, three commands (API, worker, migrations).
#   docker build -t duijie .
#   docker run --rm duijie node node_modules/typeorm/cli.js migration:run -d dist/src/database/cli-data-source.js
#   docker run duijie                      # API on port 3000
#   docker run duijie node dist/src/worker.js

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The mediasoup worker is installed once, in production-deps, not here.
RUN MEDIASOUP_WORKER_BIN=none npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src src
COPY migrations migrations
COPY scripts scripts
RUN npm run build

FROM node:20-bookworm-slim AS production-deps
WORKDIR /app
COPY package.json package-lock.json ./
# mediasoup's worker as mediasoup intends (a prebuilt binary for this platform, else built):
# the image build has the internet that a developer's offline machine may lack.
RUN MEDIASOUP_WORKER_BIN=none npm ci --omit=dev --no-audit --no-fund \
  && npm run live:install-worker \
  && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
# ffmpeg relays live sessions as HLS and records them (without it, only those two are unavailable).
RUN apt-get update \
  && apt-get install -y --no-install-recommends ffmpeg \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN mkdir -p var/live && chown node:node var/live
COPY --from=production-deps --chown=node:node /app/node_modules node_modules
COPY --from=build --chown=node:node /app/dist dist
COPY --chown=node:node package.json ./
COPY --chown=node:node templates templates
# The pages' scripts, bundled by esbuild on first request (src/web/assets.controller.ts).
COPY --from=build --chown=node:node /app/src/web/client src/web/client
COPY --chown=node:node scripts/typeorm.js scripts/ensure-database.js scripts/
USER node
EXPOSE 3000
# WebRTC media (LIVE_RTC_MIN_PORT–LIVE_RTC_MAX_PORT); set LIVE_ANNOUNCED_ADDRESS to the public IP.
EXPOSE 40000-49999/udp 40000-49999/tcp
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
