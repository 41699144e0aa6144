"""RulePolicy's rule keys from the last states only (bot/serving/rule_keys.py) are Rasa's keys from the whole
history: for rules cut out of the conversation test stories (with and without a conversation start) against every
turn of those stories and of a long conversation; and only the last states are walked (counted, not timed)."""

from __future__ import annotations

import json

import pytest
from rasa.core.policies.rule_policy import RulePolicy

from bot.serving import rule_keys
from tests.serving.test_states_cache import conversation, domain, stored, story_events, turn_ends

domain, story_events = domain, story_events  # fixtures: the domain, every conversation test story as events


@pytest.fixture(autouse=True)
def installed():
    rule_keys.install()


@pytest.fixture(scope="module")
def policy() -> RulePolicy:
    return RulePolicy.__new__(RulePolicy)  # the lookup methods use no trained state


def story_states(domain, story_events) -> list[list[dict]]:
    return [
        stored(name, events[:end], domain).past_states(domain)
        for name, events in story_events.items()
        for end in turn_ends(events)
    ]


def rules_from(all_states: list[list[dict]]) -> dict[str, str]:
    """Windows of 1-4 states cut out of real conversations, and the same ones as conversation starts."""
    lookup = {}
    for states in all_states[::3]:
        for length in (1, 2, 3, 4):
            window = states[-length:]
            lookup[json.dumps(window, sort_keys=True)] = "utter_a"
            lookup[json.dumps([{}, *window[1:]], sort_keys=True)] = "utter_b"
    return lookup


def test_the_keys_are_rasas_for_every_turn_of_every_story_and_a_long_conversation(policy, domain, story_events):
    all_states = story_states(domain, story_events)
    lookup = rules_from(all_states)
    assert rule_keys.longest_rule(lookup) == 4 and len(lookup) > 50
    long_states = stored("long", conversation(200), domain).past_states(domain)
    compared = 0
    for states in [*all_states, long_states, long_states[:3], []]:
        ours = rule_keys.get_possible_keys(policy, lookup, states)
        assert ours == rule_keys._rasa_get_possible_keys(policy, lookup, states)
        compared += bool(ours)
    assert compared > 20  # most turns keep some rules: the comparison is not between empty sets


def test_only_the_last_states_are_walked(policy, domain, monkeypatch) -> None:
    lookup = {json.dumps([{"prev_action": {"action_name": "action_listen"}}]): "utter_a"}
    walked = []
    real = RulePolicy._is_rule_applicable
    monkeypatch.setattr(RulePolicy, "_is_rule_applicable", lambda s, k, i, st: (walked.append(i), real(s, k, i, st))[1])
    states = stored("long", conversation(300), domain).past_states(domain)
    rule_keys.get_possible_keys(policy, lookup, states)
    assert max(walked) == 0
    walked.clear()
    rule_keys._rasa_get_possible_keys(policy, lookup, states)
    assert max(walked) == len(states) - 1 > 600  # one state per action of 300 turns
