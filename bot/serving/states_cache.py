"""The dialogue states of a conversation computed once and extended turn by turn, not replayed from the session start.

``Domain.states_for_tracker_history`` (what ``DialogueStateTracker.past_states`` calls) replays every applied event of
the session through ``generate_all_prior_trackers`` and builds one state per action. ``RulePolicy`` and
``MemoizationPolicy`` call it about 7 times per turn, so a turn's cost grew with the conversation: at turn 300 (~2,100
events) this was most of the turn (bot/bench/RESULTS.md).

This module keeps, per conversation (sender id, domain and the call's options), the replayed tracker, the states built
so far and the two loop variables of Rasa's method, and on the next call only replays the applied events it has not
seen. It recognises "the events it has seen" by a fingerprint of each applied event (type, timestamp and the field
that names it); when the applied events are no longer an extension of the cached ones (a new session, a rewind, a
restart, another conversation under the same id), it starts over from the first event, exactly as Rasa would.
The loop body is Rasa 3.6.21's, step for step; tests/serving/test_states_cache.py checks the states equal Rasa's own
for every test story and for long, rewound and restarted conversations.

Only trackers of the ``DialogueStateTracker`` class itself are cached (the ones Rasa serves); training trackers
(``TrackerWithCachedStates``) keep Rasa's own path. ``applied_events`` is also remembered per tracker object for as
long as its events do not change, since several policies and the processor ask for it on every prediction.

States handed out are copies where Rasa's featurizers change them in place (their ``user`` sub-state), so the cache
never sees a caller's edits. At most ``MAX_CONVERSATIONS`` conversations are kept per process (least recently used
first out).
"""

from __future__ import annotations

import itertools
import logging
import operator
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Dict, FrozenSet, Hashable, Iterable, List, Optional, Tuple

from rasa.core.policies.policy import Policy
from rasa.shared.core import constants as core_constants
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.serving.version_guard import install_if_checked

MAX_CONVERSATIONS = 2048
USER = core_constants.USER

_rasa_states_for_tracker_history = Domain.states_for_tracker_history
_rasa_applied_events = DialogueStateTracker.applied_events
_rasa_format_tracker_states = Policy.format_tracker_states


@dataclass
class _Replay:
    """Where Rasa's loop was after the applied events whose fingerprints are ``seen``, for the domain ``domain``."""

    domain: Optional[weakref.ReferenceType[Domain]]
    tracker: DialogueStateTracker
    seen: List[Tuple[Any, ...]] = field(default_factory=list)
    objects: List[Event] = field(default_factory=list)  # the same events as ``seen``, as last handed in
    states: List[State] = field(default_factory=list)
    last_ml_action_sub_state: Optional[Dict[str, Any]] = None
    turn_was_hidden: bool = False


_replays: OrderedDict[Hashable, _Replay] = OrderedDict()


def fingerprint(event: Event) -> Tuple[Any, ...]:
    """What tells one applied event from another in a conversation's history (cheap: no serialisation)."""
    if isinstance(event, UserUttered):
        return (event.type_name, event.timestamp, event.text, event.intent_name)
    if isinstance(event, ActionExecuted):
        return (event.type_name, event.timestamp, event.action_name, event.action_text)
    if isinstance(event, SlotSet):
        return (event.type_name, event.timestamp, event.key, repr(event.value))
    if isinstance(event, ActiveLoop):
        return (event.type_name, event.timestamp, event.name)
    return (event.type_name, event.timestamp)


def _rule_only_key(rule_only_data: Optional[Dict[str, Any]]) -> Hashable:
    if not rule_only_data:
        return None
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in rule_only_data.items()))


def _step(
    domain: Domain,
    replay: _Replay,
    tr: DialogueStateTracker,
    hide_rule_turn: bool,
    states: List[State],
    ignore_rule_only_turns: bool,
    omit_unset_slots: bool,
    rule_only_data: Optional[Dict[str, Any]],
) -> None:
    """One iteration of Rasa's loop in ``Domain.states_for_tracker_history`` (its loop variables live in ``replay``)."""
    if ignore_rule_only_turns:
        if not replay.turn_was_hidden:
            replay.last_ml_action_sub_state = domain._get_prev_action_sub_state(tr)
        if not tr.followup_action and not tr.latest_action_name == tr.active_loop_name:
            replay.turn_was_hidden = hide_rule_turn
        if replay.turn_was_hidden:
            return
    state = domain.get_active_state(tr, omit_unset_slots=omit_unset_slots)
    if ignore_rule_only_turns:
        domain._remove_rule_only_features(state, rule_only_data)
        if states:
            domain._substitute_rule_only_user_input(state, states[-1])
        if replay.last_ml_action_sub_state:
            state[core_constants.PREVIOUS_ACTION] = replay.last_ml_action_sub_state  # type: ignore[typeddict-item]
    states.append(domain._clean_state(state))


def _handed_out(state: State) -> State:
    """A copy safe to give away: the featurizers delete keys of the ``user`` sub-state in place."""
    if USER in state:
        copied = dict(state)
        copied[USER] = dict(state[USER])  # type: ignore[literal-required]
        return copied
    return state


def states_for_tracker_history(
    self: Domain,
    tracker: DialogueStateTracker,
    omit_unset_slots: bool = False,
    ignore_rule_only_turns: bool = False,
    rule_only_data: Optional[Dict[str, Any]] = None,
) -> List[State]:
    """Drop-in for ``Domain.states_for_tracker_history``: the same states, extended from the last call's."""
    if type(tracker) is not DialogueStateTracker:
        return _rasa_states_for_tracker_history(self, tracker, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
    applied = tracker.applied_events()
    key = (id(self), tracker.sender_id, omit_unset_slots, ignore_rule_only_turns, _rule_only_key(rule_only_data))
    replay = _replays.get(key)
    if replay is None or replay.domain is None or replay.domain() is not self or len(replay.seen) > len(applied):
        replay = _Replay(weakref.ref(self), tracker.init_copy())
    done = len(replay.seen)
    if not all(map(operator.is_, applied[:done], replay.objects)):  # other objects (a tracker read anew): compare
        if [fingerprint(event) for event in applied[:done]] != replay.seen:
            replay, done = _Replay(weakref.ref(self), tracker.init_copy()), 0
    options = (ignore_rule_only_turns, omit_unset_slots, rule_only_data)
    for event in applied[done:]:
        if isinstance(event, ActionExecuted):
            _step(self, replay, replay.tracker, event.hide_rule_turn, replay.states, *options)
        replay.tracker.update(event)
        replay.seen.append(fingerprint(event))
    replay.objects = applied
    _replays[key] = replay
    _replays.move_to_end(key)
    while len(_replays) > MAX_CONVERSATIONS:
        _replays.popitem(last=False)
    # The last state (after every event) is Rasa's final ``yield tracker, False``: computed on copies of the loop
    # variables, since the next call goes on from the last action, not from here.
    states = [_handed_out(state) for state in replay.states]
    final = _Replay(None, replay.tracker, [], [], replay.last_ml_action_sub_state, replay.turn_was_hidden)
    _step(self, final, replay.tracker, False, states, *options)
    return states


@dataclass
class _Applied:
    events_id: int
    count: int
    last: Optional[Event]
    loop_names: FrozenSet[str]
    applied: List[Event]


def _fold(
    tracker: DialogueStateTracker, events: Iterable[Event], applied: List[Event], loop_names: FrozenSet[str]
) -> None:
    """The loop of Rasa 3.6.21's ``DialogueStateTracker.applied_events``, continued from ``applied``."""
    for event in events:
        if isinstance(event, (Restarted, SessionStarted)):
            applied.clear()
        elif isinstance(event, ActionReverted):
            tracker._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, UserUtteranceReverted):
            tracker._undo_till_previous(UserUttered, applied)
            tracker._undo_till_previous(ActionExecuted, applied)
        elif (
            isinstance(event, ActionExecuted)
            and event.action_name in loop_names
            and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)  # type: ignore[arg-type]
        ):
            tracker._undo_till_previous_loop_execution(event.action_name, applied)  # type: ignore[arg-type]
        else:
            applied.append(event)


def _loop_names(events: Iterable[Event]) -> FrozenSet[str]:
    return frozenset(e.name for e in events if isinstance(e, ActiveLoop) and e.name)


def applied_events(self: DialogueStateTracker) -> List[Event]:
    """Drop-in for ``DialogueStateTracker.applied_events``: the last answer, extended by the events added since.

    Rasa's loop reads the names of every loop in the whole history first, so the answer is extended only when the
    new events name no new loop, and the older events are the same objects (an append-only deque); else recomputed.
    """
    events = self.events
    count = len(events)
    cached: Optional[_Applied] = self.__dict__.get("_kyodo_applied")
    if (
        cached is not None
        and cached.events_id == id(events)
        and events.maxlen is None
        and cached.count <= count
        and (cached.count == 0 or events[cached.count - 1] is cached.last)
    ):
        if cached.count == count:
            return list(cached.applied)
        new = list(itertools.islice(events, cached.count, count))
        if _loop_names(new) <= cached.loop_names:
            applied = list(cached.applied)
            _fold(self, new, applied, cached.loop_names)
            self.__dict__["_kyodo_applied"] = _Applied(id(events), count, events[-1], cached.loop_names, applied)
            return list(applied)
    loop_names = _loop_names(events)
    applied = []
    _fold(self, events, applied, loop_names)
    self.__dict__["_kyodo_applied"] = _Applied(id(events), count, events[-1] if events else None, loop_names, applied)
    return list(applied)


def format_tracker_states(states: List[Dict]) -> str:
    """Drop-in for ``Policy.format_tracker_states``, which RulePolicy calls on every prediction only to log the whole
    history at debug level: formatted only when Rasa logs at debug level."""
    if logging.getLogger("rasa").isEnabledFor(logging.DEBUG):
        return _rasa_format_tracker_states(states)
    return f"({len(states)} states; formatted at debug level only)"


def clear() -> None:
    _replays.clear()


def _patch() -> None:
    Domain.states_for_tracker_history = states_for_tracker_history  # type: ignore[method-assign]
    DialogueStateTracker.applied_events = applied_events  # type: ignore[method-assign]
    Policy.format_tracker_states = staticmethod(format_tracker_states)  # type: ignore[method-assign]


def install() -> bool:
    """On a checked Rasa version only (True when installed). Idempotent."""
    return install_if_checked("the incremental dialogue states", _patch)
