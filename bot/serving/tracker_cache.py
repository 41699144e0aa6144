"""Each process keeps the conversations it served, so a turn reads only what is new in the database.

Rasa's ``SQLTrackerStore.retrieve`` reads every event of the conversation's latest session, parses its JSON and
replays it into a new tracker on every turn: at turn 300 (~2,100 events) that was a third of the turn. Here the store
keeps, per sender, the tracker it last saved or read, with the number of the sender's stored rows and the highest
row id. The next ``retrieve`` asks the database for those two figures (one aggregate query) and:

- hands the kept tracker back when nothing changed and the tracker holds exactly what was stored (a turn that
  failed before saving left more events on it: then it is rebuilt from the database);
- reads only the newer rows (written by another process or replica, which the lock store let go first) and applies
  them to the kept tracker, as Rasa's own ``from_dict`` would, when the stored rows only grew and no new session
  began among them;
- else (rows deleted by the console or the retention rule, a new session, a cold cache) does what Rasa does.

So the database stays the truth: a tracker is never handed out unless its events are the stored ones, in order.
``MAX_KEPT`` conversations per process at most (least recently used out), none over ``MAX_EVENTS`` events.
Only ``retrieve`` (the latest session, what the processor reads each turn) is cached; ``retrieve_full_tracker``
and the console's readers keep Rasa's path.
"""

from __future__ import annotations

import itertools
import json
import os
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Iterator, Optional

import sqlalchemy as sa
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

MAX_KEPT = 512
MAX_EVENTS = 20_000


@dataclass
class Kept:
    tracker: DialogueStateTracker
    events: int  # len(tracker.events) when it matched the database
    rows: int  # stored rows of this sender, all sessions
    max_id: int  # the highest of their ids


class CachedRetrieval:
    """Mixin for ``SQLTrackerStore``: ``retrieve`` from the kept tracker, ``save`` keeps it."""

    SQLEvent: Any
    domain: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kept: OrderedDict[str, Kept] = OrderedDict()
        self.keeps = os.environ.get("TRACKER_CACHE", "1") != "0"  # 0 only to measure Rasa's path (bot/bench)

    def forget(self, sender_id: Optional[str] = None) -> None:
        """Drop one kept conversation (or all): after deletes made through this store."""
        if sender_id is None:
            self._kept.clear()
        else:
            self._kept.pop(sender_id, None)

    def _figures(self, session: Any, sender_id: str) -> tuple[int, int]:
        """How many rows this sender has (all sessions), and the highest id: one aggregate on the indexed sender."""
        count, max_id = (
            session.query(sa.func.count(self.SQLEvent.id), sa.func.max(self.SQLEvent.id))
            .filter(self.SQLEvent.sender_id == sender_id)
            .one()
        )
        return int(count or 0), int(max_id or 0)

    def _keep(self, sender_id: str, kept: Kept) -> None:
        if len(kept.tracker.events) > MAX_EVENTS:
            self._kept.pop(sender_id, None)
            return
        self._kept[sender_id] = kept
        self._kept.move_to_end(sender_id)
        while len(self._kept) > MAX_KEPT:
            self._kept.popitem(last=False)

    def _extended(self, session: Any, sender_id: str, kept: Kept, rows: int, max_id: int) -> bool:
        """Apply the rows another process added after ``kept``; False when they are not only new rows of the same
        session (then the caller reads the session as Rasa does)."""
        newer = (
            session.query(self.SQLEvent.type_name, self.SQLEvent.data)
            .filter(self.SQLEvent.sender_id == sender_id, self.SQLEvent.id > kept.max_id)
            .order_by(self.SQLEvent.id)
            .all()
        )
        if len(newer) != rows - kept.rows or any(type_name == SessionStarted.type_name for type_name, _ in newer):
            return False
        for _, data in newer:
            kept.tracker.update(Event.from_parameters(json.loads(data)))
        self._keep(sender_id, Kept(kept.tracker, len(kept.tracker.events), rows, max_id))
        return True

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        """The tracker of the latest session, as Rasa's ``SQLTrackerStore.retrieve`` gives it."""
        if not self.domain or not self.keeps:
            return await super().retrieve(sender_id)  # type: ignore[misc]
        with self.session_scope() as session:  # type: ignore[attr-defined]
            rows, max_id = self._figures(session, sender_id)
            kept = self._kept.get(sender_id)
            if rows == 0:
                self._kept.pop(sender_id, None)
                return None
            if kept is not None and len(kept.tracker.events) == kept.events:
                if (rows, max_id) == (kept.rows, kept.max_id):
                    self._kept.move_to_end(sender_id)
                    return kept.tracker
                if rows > kept.rows and max_id > kept.max_id and self._extended(session, sender_id, kept, rows, max_id):
                    return kept.tracker
            stored = (
                self._event_query(session, sender_id, fetch_events_from_all_sessions=False)  # type: ignore[attr-defined]
                .with_entities(self.SQLEvent.data)
                .all()
            )
        if not stored:
            self._kept.pop(sender_id, None)
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, [json.loads(d) for (d,) in stored], self.domain.slots)
        self._keep(sender_id, Kept(tracker, len(tracker.events), rows, max_id))
        return tracker

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        """Rasa's: the tracker's events after those its latest stored session holds. For the tracker this store
        handed out, still matching the database, those are its first ``kept.events``: no count query."""
        kept = self._kept.get(tracker.sender_id)
        if self.keeps and kept is not None and kept.tracker is tracker:
            return itertools.islice(tracker.events, kept.events, len(tracker.events))
        return super()._additional_events(session, tracker)  # type: ignore[misc]

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's save (only the events the database lacks), then keep the tracker with the stored figures.

        Kept only when this is the tracker the store handed out and it still matched the database then: its new
        events are then exactly what Rasa writes, and a new session among them drops it (Rasa's next read starts at
        the new session)."""
        if not self.keeps:
            return await super().save(tracker)  # type: ignore[misc]
        kept = self._kept.get(tracker.sender_id)
        await super().save(tracker)  # type: ignore[misc]
        ours = kept is not None and kept.tracker is tracker
        new = list(itertools.islice(tracker.events, kept.events, len(tracker.events))) if ours else []  # type: ignore[union-attr]
        if not ours or any(isinstance(e, SessionStarted) for e in new):
            self._kept.pop(tracker.sender_id, None)
            if not ours and len(tracker.events) and self.domain:
                await self.retrieve(tracker.sender_id)  # keep what was stored (a first turn, or a new session)
            return
        with self.session_scope() as session:  # type: ignore[attr-defined]
            rows, max_id = self._figures(session, tracker.sender_id)
        if rows == kept.rows + len(new):  # type: ignore[union-attr]
            self._keep(tracker.sender_id, Kept(tracker, len(tracker.events), rows, max_id))
        else:  # another writer in between (no shared lock store): read it anew next time
            self._kept.pop(tracker.sender_id, None)
