#!/usr/bin/env bash
# Serves the bot: the action server on :5055, then Rasa (REST, web chat and, when configured, LINE) on :5005.
# With --shell, `rasa shell` takes the place of the server. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=.venv
MODEL=models/kyodo.tar.gz
RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
mkdir -p var

"$VENV/bin/python" -m bot.make_credentials var/credentials.yml

echo ">>> Starting the action server on :$ACTIONS_PORT (log: var/actions.log)"
"$VENV/bin/rasa" run actions --actions actions --port "$ACTIONS_PORT" >var/actions.log 2>&1 &
actions_pid=$!
trap 'kill $actions_pid 2>/dev/null; wait $actions_pid 2>/dev/null' EXIT INT TERM

if [ "${1:-}" = "--shell" ]; then
  "$VENV/bin/rasa" shell --model "$MODEL" --endpoints endpoints.yml
  exit 0
fi

cat <<MSG
>>> Starting Rasa on :$RASA_PORT. When it says "Rasa server is up and running", talk to the bot:
    web chat page : http://localhost:$RASA_PORT/webhooks/webchat/
    REST channel  : curl -s localhost:$RASA_PORT/webhooks/rest/webhook -d '{"sender":"a","message":"サポートセンターの電話番号は？"}'
    Ctrl-C stops both servers.
MSG
"$VENV/bin/rasa" run --model "$MODEL" --endpoints endpoints.yml --credentials var/credentials.yml \
  --port "$RASA_PORT" --log-file var/rasa.log
