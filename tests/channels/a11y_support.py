"""Support for the accessibility browser tests: axe-core (npm, pinned in bot/tools/axe, installed by
bot/tools/scripts/ensure_axe.sh), injected into the page through a Playwright context with ``bypass_csp`` (the
page's own CSP stays as it is), and the keyboard walk (Tab order, visible focus, no trap)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_DIR = ROOT / "bot" / "tools" / "axe"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = [360, 1280]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def pinned_axe_version() -> str:
    lock = json.loads((AXE_DIR / "package-lock.json").read_text(encoding="utf-8"))
    return str(lock["packages"]["node_modules/axe-core"]["version"])


def axe_source() -> str:
    """axe.min.js as installed from the lockfile; skipped when absent (failed under CI=true)."""
    if not AXE_JS.exists():
        message = f"{AXE_JS} is missing: run `bash bot/tools/scripts/ensure_axe.sh` (make test does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    installed = json.loads((AXE_JS.parent / "package.json").read_text(encoding="utf-8"))["version"]
    assert installed == pinned_axe_version(), "node_modules is stale: run bash bot/tools/scripts/ensure_axe.sh"
    return AXE_JS.read_text(encoding="utf-8")


AUDIT = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
    return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                        nodes: v.nodes.map(n => n.target.join(" ") + " :: " + n.failureSummary)}));
}"""


async def audit(page: Any, source: str) -> list[dict[str, Any]]:
    """The WCAG 2.0/2.1 A and AA violations axe finds on the page as it is now."""
    if not await page.evaluate("typeof window.axe === 'object'"):
        await page.add_script_tag(content=source)
    return list(await page.evaluate(AUDIT, WCAG_TAGS))


async def audit_at_widths(page: Any, source: str, view: str) -> dict[str, list[dict[str, Any]]]:
    """{"<view> @<width>px": violations} at every width of WIDTHS (empty lists when all is well)."""
    found = {}
    for width in WIDTHS:
        await page.set_viewport_size({"width": width, "height": 800})
        found[f"{view} @{width}px"] = await audit(page, source)
        overflow = await page.evaluate("document.documentElement.scrollWidth")
        if overflow > width:  # WCAG 1.4.10 reflow: no sideways scrolling at 320 CSS px and up
            found[f"{view} @{width}px"].append({"id": "reflow", "nodes": [f"scrollWidth {overflow}"]})
    return {k: v for k, v in found.items() if v}


FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body || e === document.documentElement) return null;
    const s = getComputedStyle(e);
    const width = parseFloat(s.outlineWidth) || 0;
    return {
        key: e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ").join(".") : "")
             + (e.id ? "#" + e.id : "") + "|"
             + (e.getAttribute("aria-label") || e.textContent || "").trim().slice(0, 30),
        tag: e.tagName.toLowerCase(), cls: String(e.className || ""), text: (e.textContent || "").trim(),
        visible: (s.outlineStyle !== "none" && width >= 2) || (s.boxShadow && s.boxShadow !== "none"),
    };
}"""


@dataclass
class Stop:
    key: str
    tag: str
    cls: str
    text: str
    visible: bool


async def tab_walk(page: Any, limit: int = 80) -> list[Stop]:
    """Press Tab from the top of the page until focus leaves the page or comes back to the first stop.

    Every stop is recorded with whether its focus is visible: an outline of 2px or more or a box shadow on the
    focused element, or else (focus on a part inside it, such as a date field's calendar button) its pixels change
    when focus moves on. A walk that neither leaves the page nor comes round within ``limit`` presses is a trap.
    """
    await page.evaluate("document.activeElement && document.activeElement.blur()")
    await page.mouse.click(1, 1)  # start from the document, focus on nothing
    stops: list[Stop] = []
    pending: tuple[Stop, dict[str, float], bytes] | None = None  # a stop to judge by its pixels
    for _ in range(limit):
        await page.keyboard.press("Tab")
        if pending:
            stop, clip, focused = pending
            stop.visible = await page.screenshot(clip=clip) != focused
            pending = None
        now = await page.evaluate(FOCUSED)
        if now is None:  # past the last element: out to the browser UI
            return stops
        stop = Stop(**now)
        if stops and stop.key == stops[0].key:
            return stops
        stops.append(stop)
        if not stop.visible:
            box = await page.evaluate(BOX)
            if box:
                pending = (stop, box, await page.screenshot(clip=box))
    raise AssertionError(f"keyboard trap: {limit} Tab presses never left the page: {[s.key for s in stops[-5:]]}")


BOX = """() => { const r = document.activeElement.getBoundingClientRect();
                 if (!r.width || !r.height) return null;
                 return {x: Math.max(0, r.x - 5), y: Math.max(0, r.y - 5),
                         width: r.width + 10, height: r.height + 10}; }"""


async def shift_tab_returns(page: Any, stops: list[Stop]) -> bool:
    """Tab to the last stop again, then Shift+Tab: focus goes back to the stop before it (no one-way trap)."""
    if len(stops) < 2:
        return True
    await page.evaluate("document.activeElement && document.activeElement.blur()")
    await page.mouse.click(1, 1)
    for _ in stops:
        await page.keyboard.press("Tab")
    await page.keyboard.press("Shift+Tab")
    back = await page.evaluate(FOCUSED)
    return bool(back) and back["key"] == stops[-2].key


def invisible_focus(stops: list[Stop]) -> list[str]:
    return [s.key for s in stops if not s.visible]
