#!/usr/bin/env bash
# The accessibility browser tests (tests/channels/test_a11y_browser.py) run axe-core from the npm registry, pinned
# in bot/tools/axe/package-lock.json, never from a CDN. Install it (npm ci) when the lockfile changed; idempotent.
set -u
DIR="$(cd "$(dirname "$0")/../axe" && pwd)"
STAMP="$DIR/node_modules/.stamp-axe"
if [ -f "$STAMP" ] && [ -f "$DIR/node_modules/axe-core/axe.min.js" ] && [ "$STAMP" -nt "$DIR/package-lock.json" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo ">>> Installing Debian's npm for the accessibility tests..."
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; } >/tmp/apt-npm.log 2>&1 \
      || { echo "WARNING: npm could not be installed (see /tmp/apt-npm.log); the axe tests will be skipped."; exit 0; }
  else
    echo "WARNING: npm is missing and this user cannot apt-get it; the axe tests will be skipped."
    exit 0
  fi
fi
echo ">>> Installing axe-core (pinned in bot/tools/axe/package-lock.json) for the accessibility tests..."
if npm ci --prefix "$DIR" --no-audit --no-fund --ignore-scripts --loglevel=error >/tmp/npm-axe.log 2>&1; then
  touch "$STAMP"
else
  echo "WARNING: npm ci failed (see /tmp/npm-axe.log); the axe tests will be skipped."
fi
exit 0
