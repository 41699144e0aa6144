"""Event types looked up in a table, not by walking every Event subclass for every event.

Rasa 3.6 rebuilds a conversation from its stored events each turn (``DialogueStateTracker.from_dict``, in the
in-memory and the SQL tracker store alike), and ``Event.resolve_by_type`` walks the whole ``Event`` class tree
(``all_subclasses``, about 30 classes, recursively) for each event. With 300 turns (about 2,100 events) that is
most of a turn's time, and it grows with the conversation. ``resolve_by_type`` here answers from a table
``type_name -> class`` built from the same walk, in the same order (the first class with a name wins, as in Rasa's
loop); a name the table lacks rebuilds it once (an Event subclass imported later) before Rasa's own answer for
unknown names (None for the old "topic", the default, or ValueError).
"""

from __future__ import annotations

from typing import Dict, Optional, Type

import rasa.shared.utils.common
from rasa.shared.core.events import Event

from bot.serving.version_guard import install_if_checked

_rasa_resolve_by_type = Event.resolve_by_type
_table: Dict[str, Type[Event]] = {}


def _build() -> None:
    table: Dict[str, Type[Event]] = {}
    for cls in rasa.shared.utils.common.all_subclasses(Event):
        table.setdefault(cls.type_name, cls)
    _table.clear()
    _table.update(table)


def resolve_by_type(type_name: str, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    """Drop-in for ``Event.resolve_by_type``."""
    found = _table.get(type_name)
    if found is None:
        _build()
        found = _table.get(type_name)
    if found is not None:
        return found
    return _rasa_resolve_by_type(type_name, default)


def _patch() -> None:
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign]


def install() -> bool:
    """On a checked Rasa version only (True when installed). Idempotent."""
    return install_if_checked("the event type table", _patch)
