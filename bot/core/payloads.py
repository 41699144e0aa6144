"""Which ``/intent`` payloads a user's message may carry: only those the bot's own buttons send.

Rasa reads a message that starts with "/" as an intent (``/faq``, ``/faq{"x":1}``, ``/faq@0.01``, ``/restart``),
skipping the NLU's judgement. A user can type such text, so every message that starts with "/" and is not exactly
one of the allowed payloads is turned into plain text: its "/" becomes the full-width solidus "／", which Rasa's
payload parser does not take. (The NLU's TextNormalizer folds "／" back to "/" by NFKC, so the pipeline's last
component, bot/nlu/not_a_question.py, applies ``as_user_text`` again to the folded text.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.core.handoff_rules import BACK_TO_BOT_PAYLOAD, LEAVE_MESSAGE_PAYLOAD
from bot.core.situation_answer import START_PRECHECK_PAYLOAD

ROOT = Path(__file__).resolve().parents[2]
PAYLOAD_PREFIX = "/"
TEXT_PREFIX = "／"  # U+FF0F FULLWIDTH SOLIDUS: NFKC folds it to "/", Rasa's payload parser does not read it
# Payloads built in code, not in a domain response: the handoff buttons (bot/core/handoff_rules.py), the pre-check
# button under a situation answer (bot/core/situation_answer.py) and the greeting
# the web widget sends when it opens and the LINE channel sends on a follow event (bot/channels/line/events.py).
CODE_PAYLOADS = frozenset({LEAVE_MESSAGE_PAYLOAD, BACK_TO_BOT_PAYLOAD, START_PRECHECK_PAYLOAD, "/greet"})


def _buttons(responses: Any) -> Iterator[Mapping[str, Any]]:
    if not isinstance(responses, Mapping):
        return
    for variations in responses.values():
        for variation in variations if isinstance(variations, list) else []:
            if isinstance(variation, Mapping):
                for button in variation.get("buttons") or []:
                    if isinstance(button, Mapping):
                        yield button


def button_payloads(domain: Mapping[str, Any]) -> frozenset[str]:
    """Every button payload of every response of ``domain`` (a domain or NLU YAML document) that starts with "/"."""
    payloads = (str(button.get("payload") or "").strip() for button in _buttons((domain or {}).get("responses")))
    return frozenset(p for p in payloads if p.startswith(PAYLOAD_PREFIX))


def _documents(paths: Iterable[Path]) -> Iterator[Mapping[str, Any]]:
    for path in paths:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(document, Mapping):
            yield document


@lru_cache(maxsize=1)
def allowed_payloads(root: Path = ROOT) -> frozenset[str]:
    """The payloads the bot's buttons send: domain.yml and data/nlu/*.yml responses, plus ``CODE_PAYLOADS``."""
    paths = [root / "domain.yml", *sorted((root / "data" / "nlu").glob("*.yml"))]
    found: set[str] = set(CODE_PAYLOADS)
    for document in _documents(p for p in paths if p.exists()):
        found |= button_payloads(document)
    return frozenset(found)


def as_user_text(text: str, allowed: frozenset[str]) -> str:
    """``text`` unchanged if it is plain text or exactly an allowed payload; otherwise its leading "/" becomes "／",
    so Rasa reads it as text for the NLU, not as an intent."""
    if not isinstance(text, str):
        return text
    stripped = text.strip()
    if not stripped.startswith(PAYLOAD_PREFIX) or stripped in allowed:
        return text
    return TEXT_PREFIX + stripped[len(PAYLOAD_PREFIX) :]
