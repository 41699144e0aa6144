"""``DialogueStateTracker.copy`` from a kept replay, extended by the new events, instead of a replay of every event.

Rasa's processor copies the tracker before each action it runs (``tracker.copy()``, a ``travel_back_in_time`` to
the end: a new tracker and every stored event replayed into it), 3-4 times per turn, so each turn of a long
conversation paid for its whole history again. Here each tracker object keeps a private replay (built exactly as
``travel_back_in_time`` builds it, and never handed out), extends it by the events added since the last copy, and
hands out a clone of it: its own event deque (the Event objects are shared, as in Rasa's copy), its own slot
objects, and its own ``latest_action`` dict and ``active_loop`` object, the only state Rasa changes in place.

The replay is extended only while the tracker's events are an append-only extension of what it replayed (the same
deque, longer, the same last object at the old end); anything else (a rewind rebuilds the deque contents, a capped
history drops old events) replays from the start, as Rasa does. Trackers without domain slots (``AnySlotDict``) and
of other classes keep Rasa's method.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass
from typing import Optional

from rasa.shared.core.events import Event
from rasa.shared.core.trackers import AnySlotDict, DialogueStateTracker

from bot.serving.version_guard import install_if_checked

_rasa_copy = DialogueStateTracker.copy


@dataclass
class _Kept:
    events_id: int
    count: int
    last: Optional[Event]
    replay: DialogueStateTracker


def _clone(replay: DialogueStateTracker) -> DialogueStateTracker:
    clone = copy.copy(replay)  # a new object with the same attributes ...
    clone.events = replay._create_events(list(replay.events))  # ... its own deque,
    clone.slots = {name: copy.copy(slot) for name, slot in replay.slots.items()}  # own slots,
    clone.latest_action = dict(replay.latest_action) if replay.latest_action is not None else None
    clone.active_loop = copy.copy(replay.active_loop)  # a dataclass the processor changes in place
    clone.__dict__.pop("_kyodo_copy", None)
    clone.__dict__.pop("_kyodo_applied", None)
    return clone


def tracker_copy(self: DialogueStateTracker) -> DialogueStateTracker:
    """Drop-in for ``DialogueStateTracker.copy``: the same tracker ``travel_back_in_time(inf)`` would give."""
    if type(self) is not DialogueStateTracker or isinstance(self.slots, AnySlotDict):
        return _rasa_copy(self)
    events, count = self.events, len(self.events)
    kept: Optional[_Kept] = self.__dict__.get("_kyodo_copy")
    usable = (
        kept is not None
        and kept.events_id == id(events)
        and events.maxlen is None
        and kept.count <= count
        and (kept.count == 0 or events[kept.count - 1] is kept.last)
    )
    if not usable:
        kept = _Kept(id(events), 0, None, self.init_copy())
    assert kept is not None
    for event in itertools.islice(events, kept.count, count):
        kept.replay.update(event)  # Rasa's travel_back_in_time: every event, in order (all timestamps <= inf)
    kept.count, kept.last = count, events[-1] if count else None
    self.__dict__["_kyodo_copy"] = kept
    return _clone(kept.replay)


def _patch() -> None:
    DialogueStateTracker.copy = tracker_copy  # type: ignore[method-assign]


def install() -> bool:
    """On a checked Rasa version only (True when installed). Idempotent."""
    return install_if_checked("the kept tracker replay for copies", _patch)
