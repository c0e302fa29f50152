#!/usr/bin/env bash
# Rebuilds src/loopcoach/web/static/coding/editor.js (committed, so `make run` needs no Node.js).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --silent 2>/dev/null || npm install --no-audit --no-fund --silent
node build.mjs
