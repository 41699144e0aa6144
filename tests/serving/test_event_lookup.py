"""The event type table gives Rasa's own answer for every event type, and rebuilding a long conversation no
longer walks the Event class tree once per event (counted, not timed)."""

from __future__ import annotations

import pytest
import rasa.shared.utils.common
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.serving import event_lookup


def rasa_names() -> list[str]:
    return sorted({cls.type_name for cls in rasa.shared.utils.common.all_subclasses(Event)})


@pytest.mark.parametrize("name", rasa_names())
def test_every_event_type_resolves_as_rasa_resolves_it(name):
    assert event_lookup.resolve_by_type(name) is event_lookup._rasa_resolve_by_type(name)


def test_unknown_names_keep_rasas_answers():
    assert event_lookup.resolve_by_type("topic") is None
    assert event_lookup.resolve_by_type("no_such_event", default=UserUttered) is UserUttered
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        event_lookup.resolve_by_type("no_such_event")


def test_a_subclass_imported_later_is_found():
    class LateEvent(Event):
        type_name = "kyodo_late_test_event"

        def as_story_string(self) -> str:
            return self.type_name

        def __eq__(self, other: object) -> bool:
            return isinstance(other, LateEvent)

        __hash__ = Event.__hash__

    assert event_lookup.resolve_by_type("kyodo_late_test_event") is LateEvent


def test_listing_serving_speedups_installs_it():
    import bot.serving.speedups  # noqa: F401

    assert Event.resolve_by_type is event_lookup.resolve_by_type


def test_a_300_turn_conversation_is_rebuilt_without_a_class_walk_per_event(monkeypatch):
    import bot.serving.speedups  # noqa: F401

    events = []
    for i in range(300):
        events += [
            UserUttered(f"q{i}", {"name": "faq"}),
            ActionExecuted("utter_faq"),
            BotUttered("a"),
            ActionExecuted("action_listen"),
        ]
    stored = [event.as_dict() for event in events]
    walks = []
    original = rasa.shared.utils.common.all_subclasses
    monkeypatch.setattr(rasa.shared.utils.common, "all_subclasses", lambda cls: walks.append(cls) or original(cls))
    rebuilt = DialogueStateTracker.from_dict("long", stored)
    assert len(rebuilt.events) == 1200
    assert len(walks) <= 30  # Rasa's own lookup: one recursive walk (~30 calls) per event, ~36,000 here
