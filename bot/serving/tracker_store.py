"""The conversations' store: Rasa's own ``SQLTrackerStore``, on a SQLite file under ``var/`` by default, or on the
database that ``TRACKER_STORE_URL`` names (e.g. ``postgresql://kyodo@127.0.0.1:5432/kyodo``).

The URL is read from the environment when Rasa creates the store, so endpoints.yml names only the class and no
password is ever written to a file. Two additions for the console and the retention rule, both plain deletes on
Rasa's ``events`` table: one conversation, and everything older than a moment.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Optional

from rasa.core.tracker_store import SQLTrackerStore

from bot.serving.tracker_cache import CachedRetrieval

URL_ENV = "TRACKER_STORE_URL"
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "var" / "tracker.db"


def tracker_store_url(environ: Optional[dict] = None) -> str:
    """``TRACKER_STORE_URL``, else the SQLite file var/tracker.db (its folder made if needed)."""
    url = (environ if environ is not None else os.environ).get(URL_ENV, "").strip()
    if url:
        return url
    DEFAULT_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_PATH}"


class ProjectSQLTrackerStore(CachedRetrieval, SQLTrackerStore):
    """``SQLTrackerStore`` on ``tracker_store_url()``, keeping the trackers it served (bot/serving/tracker_cache.py);
    selected in endpoints.yml by its class path."""

    def __init__(
        self,
        domain: Any = None,
        host: Optional[str] = None,
        event_broker: Any = None,
        url: Optional[str] = None,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("dialect", None)
        kwargs.pop("db", None)
        super().__init__(domain=domain, host=url or tracker_store_url(), event_broker=event_broker, **kwargs)

    def delete_conversation(self, sender_id: str) -> int:
        """Delete every event of one conversation; how many."""
        with self.session_scope() as session:
            count = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
        self.forget(sender_id)
        return int(count or 0)

    def user_event_dicts(self) -> list[dict]:
        """Every user message of every conversation kept, as event dicts, oldest first (the console's numbers)."""
        with self.session_scope() as session:
            rows = (
                session.query(self.SQLEvent.data).filter(self.SQLEvent.type_name == "user").order_by(self.SQLEvent.id)
            )
            return [json.loads(data) for (data,) in rows]

    def delete_events_before(self, timestamp: float) -> int:
        """Delete every event older than ``timestamp`` (seconds since the epoch), in all conversations; how many."""
        with self.session_scope() as session:
            count = session.query(self.SQLEvent).filter(self.SQLEvent.timestamp < timestamp).delete()
            session.commit()
        self.forget()
        return int(count or 0)
