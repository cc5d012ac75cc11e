#!/usr/bin/env bash
# One-time set-up on a fresh machine: Debian's Chromium (for the browser tests and the Playground test)
# and the npm dependencies (npm ci also builds dist/ through the prepare script).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core fonts-noto-color-emoji >/dev/null
  else
    echo "setup: chromium not found; install Debian's 'chromium' package for the browser tests" >&2
  fi
fi
npm ci --no-audit --no-fund
