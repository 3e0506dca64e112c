#!/usr/bin/env bash
# Headless Chromium and its driver from Debian's packages, for the browser tests
# (tests/test_web_browser.py). Idempotent and quiet: does nothing when both are on PATH.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium and chromium-driver (Debian packages) for the browser tests" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium chromium-driver >/dev/null
  exit 0
fi
echo "chromium/chromedriver missing: run as root 'apt-get install chromium chromium-driver' (browser tests need them)" >&2
exit 1
