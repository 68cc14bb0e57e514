#!/usr/bin/env bash
# Runs the browser suite (Playwright with Debian's Chromium). Called through
# `npm run test:e2e`, which prepares the toolchain first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[e2e] installing Chromium from Debian's packages" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "[e2e] error: no Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium}; install Debian's chromium package (or set CHROMIUM_PATH)" >&2
    exit 1
  fi
fi

exec playwright test "$@"
