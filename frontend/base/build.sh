#!/usr/bin/env bash
# Copies the base layout's browser libraries from npm into src/loopcoach/web/static/vendor/.
# The copied files are committed, so `make run` needs no Node.js; run this only to upgrade them.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --silent 2>/dev/null || npm install --no-audit --no-fund --silent
cp node_modules/htmx.org/dist/htmx.min.js ../../src/loopcoach/web/static/vendor/htmx.min.js
echo "copied htmx $(node -p "require('htmx.org/package.json').version")"
