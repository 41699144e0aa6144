#!/usr/bin/env bash
# Creates the project's virtualenv with Python 3.10 (Rasa 3.6 needs <3.11), taken from PATH or from pyenv.
set -euo pipefail
venv=${1:-.venv}
candidates=()
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for p in "$root"/versions/3.10.*/bin/python3.10; do [ -x "$p" ] && candidates+=("$p"); done
fi
for p in "${candidates[@]}"; do
  if "$p" -c 'import sys, venv; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
    echo ">>> Creating $venv with $p"
    "$p" -m venv "$venv"
    "$venv/bin/python" -m pip install --disable-pip-version-check -q pip==24.0
    exit 0
  fi
done
echo "ERROR: Python 3.10 is needed (Rasa 3.6 requires Python < 3.11) and none was found." >&2
echo "Install it, e.g. 'pyenv install 3.10.13' or Debian/Ubuntu's python3.10 and python3.10-venv, then run make again." >&2
exit 1
