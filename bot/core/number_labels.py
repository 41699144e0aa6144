"""What the 数字 page and its CSV say for internal keys: the handbook's words for a pre-check requirement (data/texts/
precheck.yml), the handbook section or the canonical question for a topic, a channel's name (data/texts/console.yml).
A key without words is shown as it is, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.core import eligibility
from bot.core.texts import text

CHANNEL_TEXTS = {
    "webchat": "console.channel_webchat",
    "line": "console.channel_line",
    "rest": "console.channel_rest",
    "socketio": "console.channel_socketio",
    "cmdline": "console.channel_cmdline",
}
UNKNOWN_CHANNEL = ("", "（不明）")


def requirement_label(key: str) -> str:
    """A pre-check requirement key (bot/core/eligibility.py) as the handbook words it."""
    for rule in eligibility._RULES:  # noqa: SLF001 - the one table of requirements and their wording keys
        if rule.key == key:
            return text(rule.wording)
    if key == eligibility.MUTUAL_AID_OR_HOBBY:
        return text("precheck.requirement_exclusion")
    return key


def channel_label(name: str) -> str:
    if name in UNKNOWN_CHANNEL:
        return text("console.channel_unknown")
    return text(CHANNEL_TEXTS[name]) if name in CHANNEL_TEXTS else name


def topic_label(key: str, section_of: Callable[[str], str], questions: Mapping[str, str]) -> str:
    """``faq/<key>`` or an intent as 「<question>（<handbook section>）」, or what of it is known, or the key."""
    question, section = questions.get(key, ""), section_of(key)
    if question and section:
        return f"{question}（{section}）"
    return question or section or key
