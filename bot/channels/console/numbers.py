"""The 数字 page's figures, labelled as a coordinator reads them (bot/core/number_labels.py), and their CSV export
for the city's monthly report (``GET /numbers.csv``, UTF-8 with BOM so Excel opens it; written to the audit log)."""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.console import trackers
from bot.channels.console.ask import handbook_section, response_text
from bot.channels.console.auth import Session
from bot.core import number_labels as labels
from bot.core import usage_numbers as numbers
from bot.core.japanese_calendar import TOKYO
from bot.core.texts import text
from bot.db import console as store


async def gather(request: Request) -> dict[str, Any]:
    """Everything the 数字 page shows, with words instead of keys."""
    from bot.core.suggestions import canonical_questions

    agent = getattr(request.app.ctx, "agent", None)
    tracker_store = getattr(agent, "tracker_store", None)
    responses = getattr(getattr(agent, "domain", None), "responses", None) or {}
    turns = await trackers.collect_turns(tracker_store)
    questions = canonical_questions()

    def section_of(key: str) -> str:
        return handbook_section(response_text(responses, f"utter_{key}") or "")

    db_numbers = await asyncio.to_thread(store.load_db_numbers)
    precheck = dict(db_numbers["precheck"])
    precheck["failed"] = [(labels.requirement_label(k), n) for k, n in precheck.get("failed") or []]
    return {
        **db_numbers,
        "precheck": precheck,
        "turns": len(turns),
        "days": numbers.per_day(turns, datetime.now(TOKYO).date(), TOKYO),
        "fallback_rate": numbers.fallback_rate(turns),
        "topics": [(labels.topic_label(k, section_of, questions), n) for k, n in numbers.top_topics(turns)],
        "channels": [(labels.channel_label(c), n) for c, n in numbers.by_channel(turns)],
        "store_kind": trackers.tracker_store_kind(tracker_store),
    }


def to_csv(data: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["区分", "項目", "件数"])
    writer.writerows((text("console.csv_days"), day.isoformat(), n) for day, n in data["days"])
    writer.writerows((text("console.csv_topics"), label, n) for label, n in data["topics"])
    writer.writerows((text("console.csv_channels"), label, n) for label, n in data["channels"])
    writer.writerows((text("console.csv_requirements"), label, n) for label, n in data["precheck"]["failed"])
    writer.writerows(
        (text("console.csv_handoffs"), text(f"console.status_{s}"), n) for s, n in data["handoffs"].items()
    )
    writer.writerow((text("console.csv_thumbs"), "👍", data["thumbs"]["good"]))
    writer.writerow((text("console.csv_thumbs"), "👎", data["thumbs"]["bad"]))
    return "\ufeff" + out.getvalue()


def add_routes(bp: Blueprint, guarded: Callable[..., Any]) -> None:
    @bp.route("/numbers.csv", methods=["GET"])
    @guarded
    async def numbers_csv(request: Request, session: Session) -> HTTPResponse:
        body = to_csv(await gather(request))
        await asyncio.to_thread(store.audit, session.user, "exported", "numbers.csv")
        name = f"kyodo-numbers-{datetime.now(TOKYO):%Y%m%d}.csv"
        headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
        return response.text(body, content_type="text/csv; charset=utf-8", headers=headers)
