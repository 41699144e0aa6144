"""金沢弁 and colloquial endings rewritten into standard polite Japanese, for the classifiers' features only.

The training data is written mostly in standard Japanese; citizens write 「やっとるけ」「あるがけ？」「来まっし」
「できんの」. Each rule of dialect_rules.yml (beside this module, applied in order) rewrites one grammatical ending,
never a content word, so 「交流館って何時までやっとるけ」 is featurised as 「交流館って何時までやっていますか」.
Pure functions, no Rasa imports.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

RULES_FILE = Path(__file__).with_name("dialect_rules.yml")


@lru_cache(maxsize=1)
def rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The (pattern, replacement) pairs of dialect_rules.yml, compiled once."""
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    return tuple((re.compile(rule["pattern"]), str(rule["replace"])) for rule in data["rules"])


def standardize(text: str) -> str:
    """``text`` with its 金沢弁/colloquial endings in standard Japanese (unchanged when it has none)."""
    for pattern, replacement in rules():
        text = pattern.sub(replacement, text)
    return text
