#!/usr/bin/env bash
# End-to-end checks against the real servers: starts the action server and Rasa (with the trained model) on
# spare loopback ports, runs the REST and browser tests against them, and stops both, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/../../.."
VENV=.venv
RASA_PORT=${E2E_RASA_PORT:-5305}
ACTIONS_PORT=${E2E_ACTIONS_PORT:-5355}
mkdir -p var/e2e
# Fresh embedded stores for this run: the project database and the conversations, both SQLite under var/e2e/.
export DATABASE_URL="sqlite:///$PWD/var/e2e/e2e.db" TRACKER_STORE_URL="sqlite:///$PWD/var/e2e/tracker.db"
unset LOCK_STORE_URL
rm -f var/e2e/e2e.db var/e2e/tracker.db
"$VENV/bin/python" -m bot.tools.make_endpoints var/e2e/endpoints.yml --actions-url "http://localhost:$ACTIONS_PORT/webhook"
env -u LINE_CHANNEL_SECRET -u LINE_CHANNEL_ACCESS_TOKEN "$VENV/bin/python" -m bot.tools.make_credentials var/e2e/credentials.yml

"$VENV/bin/rasa" run actions --actions actions --port "$ACTIONS_PORT" >var/e2e/actions.log 2>&1 &
actions_pid=$!
"$VENV/bin/rasa" run --model models/kyodo.tar.gz --endpoints var/e2e/endpoints.yml \
  --credentials var/e2e/credentials.yml --port "$RASA_PORT" >var/e2e/rasa.log 2>&1 &
rasa_pid=$!
trap 'kill $actions_pid $rasa_pid 2>/dev/null; wait $actions_pid $rasa_pid 2>/dev/null || true' EXIT

echo ">>> End-to-end: waiting for Rasa on :$RASA_PORT (at most 180 s)..."
for _ in $(seq 1 90); do
  if curl -sf "http://localhost:$RASA_PORT/status" >/dev/null 2>&1 || curl -sf "http://localhost:$RASA_PORT/" >/dev/null 2>&1; then
    ready=1; break
  fi
  kill -0 $rasa_pid 2>/dev/null || break
  sleep 2
done
if [ -z "${ready:-}" ]; then echo "Rasa did not start; see var/e2e/rasa.log"; tail -20 var/e2e/rasa.log; exit 1; fi
for _ in $(seq 1 30); do curl -sf "http://localhost:$ACTIONS_PORT/health" >/dev/null 2>&1 && break; sleep 1; done

E2E_REST_URL="http://localhost:$RASA_PORT/webhooks/rest/webhook" \
WEBCHAT_E2E_URL="http://localhost:$RASA_PORT/webhooks/webchat/" \
  "$VENV/bin/python" -m pytest -q tests/e2e/test_e2e_rest.py tests/channels/test_webchat_browser.py
