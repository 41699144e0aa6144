"""The LINE rich menu: its layout (data/line_richmenu.yml), its committed picture, and the command
(python -m bot.tools.line_richmenu create|show|delete) against the fake rich menu API on its two hosts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
import yaml
from PIL import Image, ImageChops

from bot.tools import line_richmenu, richmenu_image
from tests.fakes.line_richmenu_api import FakeRichMenuApi
from tests.fakes.line_schema import RICHMENU_VALIDATOR, schema_errors

TOKEN = "fake-richmenu-token-Qw7"
ROOT = Path(__file__).resolve().parents[2]
ISSUE_AREAS = [
    "協働とは",
    "交流館",
    "サポートセンター",
    "今日は開いてる？",
    "団体登録",
    "登録できるか確認",
    "人と話したい",
]
LAST_AREA = ("ヘルプ", "やさしい日本語")  # ヘルプ until the やさしい日本語 mode lands


def nlu_examples() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if "intent" in item:
                lines = str(item.get("examples") or "").splitlines()
                found.setdefault(item["intent"], set()).update(x.strip()[2:].strip() for x in lines if x.strip())
    return found


def test_the_areas_are_the_issues_and_each_sends_a_text_the_bot_is_trained_on() -> None:
    layout = line_richmenu.load_layout()
    assert [a.label for a in layout.areas[:-1]] == ISSUE_AREAS and layout.areas[-1].label in LAST_AREA
    examples = nlu_examples()
    for area in layout.areas:
        assert area.text in examples.get(area.intent, set()), (area.label, area.intent)
        assert 1 <= len(area.label) <= 20 and 1 <= len(area.text) <= 300
        assert "".join(area.picture) == area.label


def test_the_menu_object_is_valid_and_its_areas_tile_the_menu() -> None:
    layout = line_richmenu.load_layout()
    menu = line_richmenu.richmenu_object(layout)
    assert schema_errors(RICHMENU_VALIDATOR, menu) == []
    assert (menu["size"]["width"], menu["size"]["height"]) in [(2500, 1686), (2500, 843)]
    covered = sum(a["bounds"]["width"] * a["bounds"]["height"] for a in menu["areas"])
    assert covered == layout.width * layout.height  # no gap, and (all inside) no overlap
    assert all(
        b["x"] + b["width"] <= layout.width and b["y"] + b["height"] <= layout.height
        for b in (a["bounds"] for a in menu["areas"])
    )
    assert [a["action"]["text"] for a in menu["areas"]] == [a.text for a in layout.areas]


def test_the_committed_picture_matches_the_layout_and_is_under_1_mb(tmp_path) -> None:
    layout = line_richmenu.load_layout()
    committed = line_richmenu.IMAGE_FILE
    assert committed.stat().st_size < 1_000_000
    with Image.open(committed) as image:
        assert (image.format, image.size) == ("PNG", (layout.width, layout.height))
        if not richmenu_image.FONT_FILE.is_file():
            pytest.skip("fonts-noto-cjk is not installed (bot/tools/scripts/draw_richmenu.sh installs it)")
        assert richmenu_image.main(["--out", str(tmp_path / "drawn.png")]) == 0
        with Image.open(tmp_path / "drawn.png") as drawn:  # the picture shows the layout's current labels
            assert ImageChops.difference(image.convert("RGB"), drawn.convert("RGB")).getbbox() is None


def test_drawing_without_the_font_says_how_to_get_it(tmp_path, capsys) -> None:
    assert richmenu_image.main(["--font", str(tmp_path / "none.ttc"), "--out", str(tmp_path / "x.png")]) == 2
    assert "fonts-noto-cjk" in capsys.readouterr().err and not (tmp_path / "x.png").exists()


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[tuple[FakeRichMenuApi, dict[str, str]]]:
    api = FakeRichMenuApi(TOKEN)
    base, data = await api.start()
    yield api, {"LINE_CHANNEL_ACCESS_TOKEN": TOKEN, "LINE_API_BASE": base, "LINE_API_DATA_BASE": data}
    await api.close()


async def command(env: dict[str, str], *argv: str) -> int:
    return await asyncio.to_thread(line_richmenu.main, list(argv), env)


@pytest.mark.asyncio
async def test_create_show_and_delete_against_the_fake(fake, capsys) -> None:
    api, env = fake
    assert await command(env, "create") == 0
    [menu_id] = api.menus
    assert api.default == menu_id and api.images[menu_id] == line_richmenu.IMAGE_FILE.read_bytes()
    assert api.menus[menu_id] == line_richmenu.richmenu_object(line_richmenu.load_layout())
    hosts = [(host, method, path.replace(menu_id, "ID"), status) for host, method, path, status in api.requests]
    assert hosts == [
        ("api", "GET", "/v2/bot/richmenu/list", 200),
        ("api", "POST", "/v2/bot/richmenu", 200),
        ("data", "POST", "/v2/bot/richmenu/ID/content", 200),
        ("api", "POST", "/v2/bot/user/all/richmenu/ID", 200),
    ]
    assert f"created rich menu {menu_id}" in capsys.readouterr().out

    assert await command(env, "create") == 0  # again: the new menu replaces the old one
    [second] = api.menus
    assert second != menu_id and api.default == second

    assert await command(env, "show") == 0
    out = capsys.readouterr().out
    assert f"default rich menu {second}" in out and out.count(" -> ") == 8 and "人と話したい -> 人と話したい" in out

    assert await command(env, "delete") == 0
    assert api.menus == {} and api.default is None
    assert await command(env, "show") == 0 and "no default rich menu" in capsys.readouterr().out


@pytest.mark.asyncio
async def test_a_refused_image_leaves_no_menu_and_no_token_in_the_error(fake, capsys) -> None:
    api, env = fake
    api.refuse_images = True
    assert await command(env, "create") == 1
    assert api.menus == {} and api.default is None
    err = capsys.readouterr().err
    assert "status 400" in err and TOKEN not in err


@pytest.mark.asyncio
async def test_a_wrong_token_or_none_is_refused(fake, capsys) -> None:
    api, env = fake
    assert await command(dict(env, LINE_CHANNEL_ACCESS_TOKEN="wrong"), "create") == 1
    assert "status 401" in capsys.readouterr().err and api.menus == {}
    assert await command(dict(env, LINE_CHANNEL_ACCESS_TOKEN=""), "show") == 2
    assert "LINE_CHANNEL_ACCESS_TOKEN" in capsys.readouterr().err


@pytest.mark.asyncio
async def test_the_image_goes_to_the_data_host_only(fake) -> None:
    api, env = fake
    assert await command(dict(env, LINE_API_DATA_BASE=env["LINE_API_BASE"]), "create") == 1  # wrong host: 404
    assert api.menus == {} and ("api", "POST", "/v2/bot/richmenu", 200) in api.requests
