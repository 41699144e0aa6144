"""Export questions the bot failed as Rasa NLU training data (YAML ready to paste under data/nlu/).

The target is an intent or faq/<key> that already has training examples, so `rasa data validate` accepts the
result as it is (a new faq key would also need its answer). Examples keep the citizen's wording on one line;
square brackets become full-width so that Rasa does not read them as entity annotations.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

INTENT_NAME = re.compile(r"^[A-Za-z0-9_]+(/[A-Za-z0-9_]+)?$")
MAX_EXAMPLE_CHARS = 300


def clean_example(text: str | None) -> str | None:
    """One training example from a citizen's question, or None when nothing usable is left."""
    folded = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text or "")
    folded = re.sub(r" +", " ", folded).strip().replace("[", "［").replace("]", "］")
    if not folded or folded.startswith("/") or len(folded) > MAX_EXAMPLE_CHARS:
        return None
    return folded


def examples_of(texts: Iterable[str | None]) -> list[str]:
    """Clean, unique examples in their first order."""
    return list(dict.fromkeys(e for e in (clean_example(t) for t in texts) if e))


def nlu_yaml(intent: str, texts: Iterable[str | None], note: str = "") -> str:
    """A complete NLU file with one intent block; ValueError on a bad intent name or no usable example."""
    if not INTENT_NAME.match(intent or ""):
        raise ValueError(f"not an intent name: {intent!r}")
    examples = examples_of(texts)
    if not examples:
        raise ValueError("no usable example")
    comment = "".join(f"# {line}\n" for line in note.splitlines() if line.strip())
    body = "".join(f"      - {example}\n" for example in examples)
    return f'version: "3.1"\n{comment}nlu:\n  - intent: {intent}\n    examples: |\n{body}'


def check_with_rasa(text: str) -> int:
    """Read ``text`` with Rasa's own NLU YAML reader (schema included); the number of examples it holds."""
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    data = RasaYAMLReader().reads(text)
    if data.entities:
        raise ValueError("the export must not hold entity annotations")
    return len(data.intent_examples)
