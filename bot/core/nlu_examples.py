"""The one reader of Rasa NLU YAML examples (data/nlu, tests/nlu) without Rasa: intent -> its example sentences."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def example_lines(block: str) -> list[str]:
    """The example sentences of one ``examples: |`` block, entity markup reduced to its text."""
    texts = []
    for line in (block or "").splitlines():
        line = line.strip()
        if line.startswith("- "):
            texts.append(_ANNOTATION.sub(r"\1", line[2:].strip()))
    return [t for t in texts if t]


def examples_by_intent(nlu_dir: Path) -> dict[str, list[str]]:
    """Intent (or ``faq/<key>``) -> its examples, over ``nlu_dir``/*.yml sorted by file name, in file order."""
    found: dict[str, list[str]] = {}
    for path in sorted(Path(nlu_dir).glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in document.get("nlu") or []:
            if isinstance(block, dict) and block.get("intent"):
                found.setdefault(str(block["intent"]), []).extend(example_lines(block.get("examples") or ""))
    return found
