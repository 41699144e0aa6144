"""``RulePolicy._get_possible_keys`` on the last states only: the same keys, without a pass over the whole history.

Rasa's method filters the learned rules against every state of the conversation, newest first; but a rule of
length L is applicable at every turn index i >= L (its own first check), so only the last ``max L`` states can
remove a key. Rasa walks all of them on each of ~4 calls per turn, which grew a long conversation's turn. Here the
states are cut to the longest rule's length before Rasa's own method runs: for every turn index it still checks,
the state is the same, so the keys are the same (tests/serving/test_rule_keys.py compares both).
"""

from __future__ import annotations

from typing import Dict, List, Set

from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.domain import State

from bot.serving.version_guard import install_if_checked

_rasa_get_possible_keys = RulePolicy._get_possible_keys
_longest: Dict[int, int] = {}  # id(lookup) -> the longest rule's length
_sizes: Dict[int, int] = {}  # id(lookup) -> its size when that was computed


def longest_rule(lookup: Dict[str, str]) -> int:
    """The number of states of the longest rule key in ``lookup`` (remembered per lookup and size)."""
    key = id(lookup)
    if _sizes.get(key) != len(lookup):
        _longest[key] = max((len(RulePolicy._rule_key_to_state(k)) for k in lookup), default=0)
        _sizes[key] = len(lookup)
    return _longest[key]


def get_possible_keys(self: RulePolicy, lookup: Dict[str, str], states: List[State]) -> Set[str]:
    """Drop-in for ``RulePolicy._get_possible_keys``."""
    return _rasa_get_possible_keys(self, lookup, states[-longest_rule(lookup) :] if lookup else states)


def _patch() -> None:
    RulePolicy._get_possible_keys = get_possible_keys  # type: ignore[method-assign]


def install() -> bool:
    """On a checked Rasa version only (True when installed). Idempotent."""
    return install_if_checked("the rule keys on the last states", _patch)
