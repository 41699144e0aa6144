"""A fake of LINE's rich menu API on loopback (aiohttp), on two hosts as LINE has them: ``api_base`` (api.line.me)
and ``data_base`` (api-data.line.me, the image upload only). It checks the bearer token, the rich menu object
against its schema (tests/fakes/line_schema.py) and LINE's rules (areas inside the menu, width/height >= 1.45, a
PNG or JPEG under 1 MB of the menu's exact size, one image per menu, an image before the menu becomes the default),
and records every request in ``requests`` as (host, method, path, status).
"""

from __future__ import annotations

import io
import json
import uuid
from typing import Any

from aiohttp import web
from PIL import Image

from tests.fakes.line_schema import RICHMENU_VALIDATOR, schema_errors

MAX_IMAGE_BYTES = 1024 * 1024


class FakeRichMenuApi:
    def __init__(self, access_token: str) -> None:
        self.access_token = access_token
        self.menus: dict[str, dict[str, Any]] = {}
        self.images: dict[str, bytes] = {}
        self.default: str | None = None
        self.requests: list[tuple[str, str, str, int]] = []
        self.refuse_images = False  # answer every upload 400, as for a broken image
        self._runners: list[web.AppRunner] = []
        self.api_base = self.data_base = ""

    async def _site(self, app: web.Application) -> str:
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        self._runners.append(runner)
        host, port = runner.addresses[0][:2]
        return f"http://{host}:{port}"

    async def start(self) -> tuple[str, str]:
        api = web.Application(middlewares=[self._guard("api")])
        api.router.add_post("/v2/bot/richmenu", self._create)
        api.router.add_get("/v2/bot/richmenu/list", self._list)
        api.router.add_get("/v2/bot/richmenu/{id}", self._get)
        api.router.add_delete("/v2/bot/richmenu/{id}", self._delete)
        api.router.add_post("/v2/bot/user/all/richmenu/{id}", self._set_default)
        api.router.add_get("/v2/bot/user/all/richmenu", self._get_default)
        data = web.Application(middlewares=[self._guard("data")])
        data.router.add_post("/v2/bot/richmenu/{id}/content", self._upload)
        self.api_base, self.data_base = await self._site(api), await self._site(data)
        return self.api_base, self.data_base

    async def close(self) -> None:
        for runner in self._runners:
            await runner.cleanup()

    def _guard(self, host: str):
        @web.middleware
        async def guard(request: web.Request, handler) -> web.StreamResponse:
            if request.headers.get("Authorization") != f"Bearer {self.access_token}":
                response: web.StreamResponse = _error(401, "Authentication failed.")
            else:
                try:
                    response = await handler(request)
                except web.HTTPException as exc:  # e.g. an unknown path on this host
                    response = _error(exc.status, exc.reason)
            self.requests.append((host, request.method, request.path, response.status))
            return response

        return guard

    def _known(self, request: web.Request) -> str:
        menu_id = request.match_info["id"]
        if menu_id not in self.menus:
            raise web.HTTPNotFound(reason="Not found")
        return menu_id

    async def _create(self, request: web.Request) -> web.Response:
        try:
            body = json.loads(await request.read())
        except ValueError:
            return _error(400, "The request body is not valid JSON")
        errors = schema_errors(RICHMENU_VALIDATOR, body) or _rule_errors(body)
        if errors:
            return web.json_response(
                {"message": "A message (messages[0]) in the request body is invalid", "details": errors}, status=400
            )
        menu_id = f"richmenu-{uuid.uuid4().hex}"
        self.menus[menu_id] = body
        return web.json_response({"richMenuId": menu_id})

    async def _list(self, request: web.Request) -> web.Response:
        return web.json_response({"richmenus": [{"richMenuId": k, **v} for k, v in self.menus.items()]})

    async def _get(self, request: web.Request) -> web.Response:
        menu_id = self._known(request)
        return web.json_response({"richMenuId": menu_id, **self.menus[menu_id]})

    async def _delete(self, request: web.Request) -> web.Response:
        menu_id = self._known(request)
        del self.menus[menu_id]
        self.images.pop(menu_id, None)
        if self.default == menu_id:
            self.default = None
        return web.json_response({})

    async def _set_default(self, request: web.Request) -> web.Response:
        menu_id = self._known(request)
        if menu_id not in self.images:
            return _error(400, "must upload richmenu image before applying it to user")
        self.default = menu_id
        return web.json_response({})

    async def _get_default(self, request: web.Request) -> web.Response:
        if self.default is None:
            return _error(404, "no default richmenu")
        return web.json_response({"richMenuId": self.default})

    async def _upload(self, request: web.Request) -> web.Response:
        menu_id = self._known(request)
        raw = await request.read()
        if request.content_type not in ("image/png", "image/jpeg"):
            return _error(415, "Unsupported Media Type")
        if menu_id in self.images:
            return _error(400, "An image has already been uploaded to the richmenu")
        size = self.menus[menu_id]["size"]
        try:
            with Image.open(io.BytesIO(raw)) as image:
                shape, kind = image.size, image.format
        except OSError:
            return _error(400, "invalid image")
        wanted = {"image/png": "PNG", "image/jpeg": "JPEG"}[request.content_type]
        if (
            self.refuse_images
            or kind != wanted
            or len(raw) > MAX_IMAGE_BYTES
            or shape != (size["width"], size["height"])
        ):
            return _error(400, "invalid image: size or format")
        self.images[menu_id] = raw
        return web.json_response({})


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"message": message}, status=status)


def _rule_errors(body: dict[str, Any]) -> list[dict[str, str]]:
    width, height = body["size"]["width"], body["size"]["height"]
    errors = [] if width / height >= 1.45 else [{"message": "width/height must be at least 1.45", "property": "size"}]
    for i, area in enumerate(body["areas"]):
        b = area["bounds"]
        if b["x"] + b["width"] > width or b["y"] + b["height"] > height or not (b["width"] and b["height"]):
            errors.append({"message": "the area is outside the rich menu", "property": f"areas[{i}].bounds"})
    return errors
