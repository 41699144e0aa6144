#!/usr/bin/env bash
# Draw the LINE rich menu's picture, bot/channels/line/static/richmenu.png, from data/line_richmenu.yml.
# The Japanese font comes from Debian's fonts-noto-cjk, installed here with apt-get when missing (as root, or
# through sudo); no font is ever downloaded from elsewhere. Arguments go to python -m bot.tools.richmenu_image
# (e.g. --out /tmp/richmenu.png). Usage: bash bot/tools/scripts/draw_richmenu.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."

FONT=/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
PYTHON=${PYTHON:-.venv/bin/python}

if [ ! -f "$FONT" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "draw_richmenu: $FONT is missing; install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk) as root" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! "${SUDO[@]}" apt-get install -y --no-install-recommends fonts-noto-cjk; then
    "${SUDO[@]}" apt-get update
    "${SUDO[@]}" apt-get install -y --no-install-recommends fonts-noto-cjk
  fi
fi

exec nice -n 10 "$PYTHON" -m bot.tools.richmenu_image --font "$FONT" "$@"
