#!/usr/bin/env bash
# The browser tests drive Debian's chromium through Playwright (no browser download). Install it when missing.
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo ">>> Installing Debian's chromium for the browser tests..."
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/tmp/apt-chromium.log 2>&1 \
    || { echo "WARNING: chromium could not be installed (see /tmp/apt-chromium.log); browser tests will be skipped."; exit 0; }
else
  echo "WARNING: /usr/bin/chromium is missing and this user cannot apt-get it; browser tests will be skipped."
fi
