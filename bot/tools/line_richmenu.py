"""The LINE official account's default rich menu, through the Messaging API.

Usage (from the project root, with the project's venv)::

    python -m bot.tools.line_richmenu create   # create the menu, upload its image, make it the default
    python -m bot.tools.line_richmenu show     # the default menu's id and areas
    python -m bot.tools.line_richmenu delete   # delete this project's menus (the default one with them)

The layout (areas, the text each sends, the picture's lines) is data/line_richmenu.yml ``richmenu``; the image is
bot/channels/line/static/richmenu.png, drawn by bot/tools/scripts/draw_richmenu.sh. ``create`` replaces an earlier
menu of the same name once the new one is the default, and deletes the new one again when a step fails.

Environment: LINE_CHANNEL_ACCESS_TOKEN (required), LINE_API_BASE (default https://api.line.me) and
LINE_API_DATA_BASE (the image upload host, default https://api-data.line.me). Errors show LINE's status and
message, never the token. Exit status: 0 done, 1 LINE refused or could not be reached, 2 no token or no image.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import yaml

from bot.core.texts import text

ROOT = Path(__file__).resolve().parents[2]
LAYOUT_FILE = ROOT / "data" / "line_richmenu.yml"
IMAGE_FILE = ROOT / "bot" / "channels" / "line" / "static" / "richmenu.png"
API_BASE, DATA_BASE = "https://api.line.me", "https://api-data.line.me"


class RichMenuError(RuntimeError):
    """LINE refused a call, or could not be reached."""


@dataclass(frozen=True)
class Area:
    label: str
    text: str
    intent: str
    picture: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    name: str
    width: int
    height: int
    columns: int
    areas: tuple[Area, ...]

    @property
    def rows(self) -> int:
        return -(-len(self.areas) // self.columns)

    def bounds(self, index: int) -> dict[str, int]:
        """Area ``index``'s rectangle on the grid (the last column and row take what rounding leaves)."""
        row, column = divmod(index, self.columns)
        x0, x1 = self.width * column // self.columns, self.width * (column + 1) // self.columns
        y0, y1 = self.height * row // self.rows, self.height * (row + 1) // self.rows
        return {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0}


def load_layout(path: Path = LAYOUT_FILE) -> Layout:
    with open(path, encoding="utf-8") as f:
        menu = yaml.safe_load(f)["richmenu"]
    areas = tuple(
        Area(str(a["label"]), str(a["text"]), str(a["intent"]), tuple(a.get("picture") or [a["label"]]))
        for a in menu["areas"]
    )
    return Layout(str(menu["name"]), int(menu["width"]), int(menu["height"]), int(menu["columns"]), areas)


def richmenu_object(layout: Layout) -> dict[str, Any]:
    """The rich menu object of the Messaging API: each area a message action sending its text."""
    return {
        "size": {"width": layout.width, "height": layout.height},
        "selected": True,  # open when the chat is opened
        "name": layout.name,
        "chatBarText": text("line.richmenu_chat_bar"),
        "areas": [
            {"bounds": layout.bounds(i), "action": {"type": "message", "label": a.label, "text": a.text}}
            for i, a in enumerate(layout.areas)
        ],
    }


class RichMenuApi:
    def __init__(self, session: aiohttp.ClientSession, token: str, api_base: str, data_base: str) -> None:
        self._session, self._token = session, token
        self.api_base, self.data_base = api_base.rstrip("/"), data_base.rstrip("/")

    async def call(self, method: str, url: str, body: Any = None, data: bytes | None = None) -> Any:
        headers = {"Authorization": f"Bearer {self._token}"}
        if data is not None:
            headers["Content-Type"] = "image/png"
        try:
            async with self._session.request(method, url, json=body, data=data, headers=headers) as resp:
                payload = await resp.json(content_type=None) if await resp.read() else {}
                if 200 <= resp.status < 300:
                    return payload
                message = str(payload.get("message", "")) if isinstance(payload, dict) else ""
                raise RichMenuError(f"{method} {url.split('/v2/', 1)[-1]}: status {resp.status} {message}"[:300])
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError, ValueError) as exc:
            raise RichMenuError(f"{method} {url.split('/v2/', 1)[-1]}: {type(exc).__name__}: {exc}"[:300]) from None

    async def default_id(self) -> str | None:
        try:
            return str((await self.call("GET", f"{self.api_base}/v2/bot/user/all/richmenu"))["richMenuId"])
        except RichMenuError as exc:
            if "status 404" in str(exc):
                return None
            raise

    async def named(self, name: str) -> list[str]:
        menus = (await self.call("GET", f"{self.api_base}/v2/bot/richmenu/list")).get("richmenus", [])
        return [str(m["richMenuId"]) for m in menus if m.get("name") == name]

    async def delete(self, menu_id: str) -> None:
        await self.call("DELETE", f"{self.api_base}/v2/bot/richmenu/{menu_id}")


async def create(api: RichMenuApi, layout: Layout, image: bytes) -> str:
    """Create, upload, set as default, then delete the earlier menus of the same name; the new menu's id."""
    earlier = await api.named(layout.name)
    created = await api.call("POST", f"{api.api_base}/v2/bot/richmenu", body=richmenu_object(layout))
    menu_id = str(created["richMenuId"])
    try:
        await api.call("POST", f"{api.data_base}/v2/bot/richmenu/{menu_id}/content", data=image)
        await api.call("POST", f"{api.api_base}/v2/bot/user/all/richmenu/{menu_id}")
    except RichMenuError:
        await api.delete(menu_id)  # no half-made menu left behind
        raise
    for old in earlier:
        await api.delete(old)
    return menu_id


async def show(api: RichMenuApi) -> list[str]:
    menu_id = await api.default_id()
    if menu_id is None:
        return ["no default rich menu"]
    menu = await api.call("GET", f"{api.api_base}/v2/bot/richmenu/{menu_id}")
    lines = [f"default rich menu {menu_id} ({menu.get('name')}, {menu['size']['width']}x{menu['size']['height']})"]
    for area in menu.get("areas", []):
        action, b = area["action"], area["bounds"]
        sent = action.get("text") or action.get("data") or action.get("uri")
        lines.append(f"  {b['x']},{b['y']} {b['width']}x{b['height']}: {action.get('label', '')} -> {sent}")
    return lines


async def delete(api: RichMenuApi, layout: Layout) -> int:
    menus = await api.named(layout.name)
    for menu_id in menus:
        await api.delete(menu_id)
    return len(menus)


async def run(command: str, env: dict[str, str], layout: Layout, image_file: Path) -> list[str]:
    token = env.get("LINE_CHANNEL_ACCESS_TOKEN", "").strip()
    bases = (env.get("LINE_API_BASE") or API_BASE, env.get("LINE_API_DATA_BASE") or DATA_BASE)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:
        api = RichMenuApi(session, token, *bases)
        if command == "create":
            menu_id = await create(api, layout, image_file.read_bytes())
            return [f"created rich menu {menu_id} ({len(layout.areas)} areas) and made it the default"]
        if command == "show":
            return await show(api)
        return [f"deleted {await delete(api, layout)} rich menu(s) named {layout.name}"]


def main(argv: Sequence[str] | None = None, env: dict[str, str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.line_richmenu", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["create", "show", "delete"])
    parser.add_argument("--image", type=Path, default=IMAGE_FILE, help="the PNG to upload (create)")
    args = parser.parse_args(argv)
    env = dict(os.environ) if env is None else env
    if not env.get("LINE_CHANNEL_ACCESS_TOKEN", "").strip():
        print("line_richmenu: LINE_CHANNEL_ACCESS_TOKEN is not set", file=sys.stderr)
        return 2
    if args.command == "create" and not args.image.is_file():
        print(f"line_richmenu: no image at {args.image} (bot/tools/scripts/draw_richmenu.sh draws it)", file=sys.stderr)
        return 2
    try:
        lines = asyncio.run(run(args.command, env, load_layout(), args.image))
    except RichMenuError as exc:
        print(
            f"line_richmenu: {args.command} failed: {str(exc).replace(env['LINE_CHANNEL_ACCESS_TOKEN'], '***')}",
            file=sys.stderr,
        )
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
