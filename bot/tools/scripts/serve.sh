#!/usr/bin/env bash
# Serves the bot: the action server on :5055, then Rasa (REST, web chat and, when configured, LINE) on :5005.
# With --shell, `rasa shell` takes the place of the server. Ctrl-C stops everything.
#
# Conversations are kept in the SQL tracker store (var/tracker.db, or TRACKER_STORE_URL), the project data in
# DATABASE_URL (default var/kyodo.db). LOCK_STORE_URL=redis://… adds the Redis lock store, which lets
# RASA_WORKERS=N Sanic workers (or several replicas) serve the same conversations. What is older than
# RETENTION_DAYS (default 180) is deleted now and then once a day while serving (log: var/retention.log).
set -euo pipefail
cd "$(dirname "$0")/../../.."
VENV=.venv
MODEL=models/kyodo.tar.gz
RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
export ACTIONS_PORT
# First, before any file is written or emptied: a second `make run` while one is serving stops here, leaving the
# running bot's var/credentials.yml and var/actions.log alone.
if ! "$VENV/bin/python" -m bot.tools.ports "$RASA_PORT" "$ACTIONS_PORT"; then
  echo ">>> Not starting: the port(s) above are taken (is the bot already running?). Stop that process, or set" \
    "RASA_PORT / ACTIONS_PORT to free ports." >&2
  exit 1
fi
mkdir -p var

"$VENV/bin/python" -m bot.tools.make_credentials var/credentials.yml
"$VENV/bin/python" -m bot.tools.make_endpoints var/endpoints.yml

echo ">>> Starting the action server on :$ACTIONS_PORT (log: var/actions.log)"
"$VENV/bin/rasa" run actions --actions actions --port "$ACTIONS_PORT" >var/actions.log 2>&1 &
actions_pid=$!
( while true; do "$VENV/bin/python" -m bot.tools.retention >>var/retention.log 2>&1 || true; sleep 86400; done ) &
retention_pid=$!
trap 'pkill -P $retention_pid 2>/dev/null; kill $actions_pid $retention_pid 2>/dev/null; wait $actions_pid 2>/dev/null' EXIT INT TERM

if [ "${1:-}" = "--shell" ]; then
  "$VENV/bin/rasa" shell --model "$MODEL" --endpoints var/endpoints.yml
  exit 0
fi

# Coordinator console login: CONSOLE_USER / CONSOLE_PASSWORD; with no password, a random one for this run.
export CONSOLE_USER="${CONSOLE_USER:-coordinator}"
console_password_note="(from CONSOLE_PASSWORD)"
if [ -z "${CONSOLE_PASSWORD:-}" ]; then
  CONSOLE_PASSWORD="$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(12))')"
  export CONSOLE_PASSWORD
  console_password_note="$CONSOLE_PASSWORD (generated for this run)"
fi
# Sanic workers: more than one needs the Redis lock store (Rasa keeps one worker otherwise, and says so).
export SANIC_WORKERS="${RASA_WORKERS:-1}"

cat <<MSG
>>> Starting Rasa on :$RASA_PORT ($SANIC_WORKERS worker(s)). When it says "Rasa server is up and running", talk to the bot:
    web chat page : http://localhost:$RASA_PORT/webhooks/webchat/
    coordinators  : http://localhost:$RASA_PORT/webhooks/console/  user $CONSOLE_USER, password $console_password_note
    REST channel  : curl -s localhost:$RASA_PORT/webhooks/rest/webhook -d '{"sender":"a","message":"サポートセンターの電話番号は？"}'
    Ctrl-C stops both servers.
MSG
"$VENV/bin/rasa" run --model "$MODEL" --endpoints var/endpoints.yml --credentials var/credentials.yml \
  --port "$RASA_PORT" --log-file var/rasa.log
