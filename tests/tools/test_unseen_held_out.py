"""The unseen sets stay held out: no message of tests/nlu_unseen is a training example (data/nlu) or an NLU test
example (tests/nlu), compared after NFKC, case folding and without spaces or end punctuation.

A message written twice by chance (「明日は開いてますか」 is a natural question) is removed from the unseen set, as
tests/nlu_unseen/README.md says: a sentence the model was trained on measures nothing.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
UNSEEN = ROOT / "tests" / "nlu_unseen"
_ANNOTATION = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}")
_IGNORED = re.compile(r"[\s。、．，,.!！?？]+")


def fold(text: str) -> str:
    """One form for comparing: NFKC, lower case, no spaces or punctuation, entity annotations read as their text."""
    plain = _ANNOTATION.sub(lambda m: m.group(1) or m.group(2) or "", text)
    return _IGNORED.sub("", unicodedata.normalize("NFKC", plain).casefold())


def example_texts(folder: Path) -> set[str]:
    """Every example of every ``nlu:`` item of the YAML files under ``folder``, folded."""
    found: set[str] = set()
    for path in sorted(folder.rglob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        items = document.get("nlu") if isinstance(document, dict) else None
        for item in items or []:
            for line in str(item.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    found.add(fold(line[2:]))
    return found


def unseen_texts() -> list[tuple[str, str]]:
    cases = []
    for path in sorted(UNSEEN.glob("*.yml")):
        if path.name == "floors.yml":
            continue
        cases += [(path.name, str(case["text"])) for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []]
    return cases


def test_fold_reads_annotations_and_ignores_punctuation() -> None:
    assert fold("明日は 開いてますか？") == fold("明日は開いてますか")
    assert fold("[交流館](facility)の電話") == fold("交流館の電話")
    assert fold("Ｐｈｏｎｅ?") == "phone"
    assert fold("交流館の電話") != fold("サポートセンターの電話")


def test_the_unseen_sets_are_read() -> None:
    assert len(unseen_texts()) >= 300
    assert len(example_texts(ROOT / "data" / "nlu")) > 1000


def test_no_unseen_message_is_a_training_or_test_example() -> None:
    known = example_texts(ROOT / "data" / "nlu") | example_texts(ROOT / "tests" / "nlu")
    leaked = [(name, text) for name, text in unseen_texts() if fold(text) in known]
    assert leaked == []
