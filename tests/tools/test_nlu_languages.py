"""Per-language NLU figures (bot/tools/nlu_languages.py, nlu_report --nlu): counted from fake Rasa results."""

from __future__ import annotations

import json
from pathlib import Path

from bot.tools import nlu_report
from bot.tools.nlu_languages import ENGLISH, JAPANESE, figures, language_of, read_examples

TEST_FILE = """version: "3.1"
nlu:
  - intent: faq/kouryukan_contact
    examples: |
      - 交流館の電話番号は？
      - 交流館のFAXを教えて
      - What is the phone number of the exchange center?
  - intent: greet
    examples: |
      - こんにちは
      - Hello, how are you?
"""


def _results(tmp_path: Path, intent_errors: list[str], answer_errors: list[str]) -> Path:
    results = tmp_path / "results"
    results.mkdir()
    (results / "intent_errors.json").write_text(json.dumps([{"text": t} for t in intent_errors]), encoding="utf-8")
    (results / "response_selection_errors.json").write_text(
        json.dumps([{"text": t} for t in answer_errors]), encoding="utf-8"
    )
    for name in ("intent_report.json", "response_selection_report.json"):
        (results / name).write_text(json.dumps({"accuracy": 0.95, "weighted avg": {"support": 5}}), encoding="utf-8")
    return results


def _nlu(tmp_path: Path) -> Path:
    folder = tmp_path / "nlu"
    folder.mkdir()
    (folder / "test.yml").write_text(TEST_FILE, encoding="utf-8")
    return folder


def test_languages_are_told_apart() -> None:
    assert language_of("交流館の電話番号は？") == JAPANESE
    assert language_of("What is the phone number?") == ENGLISH


def test_figures_count_each_language_on_its_own(tmp_path: Path) -> None:
    examples = read_examples(_nlu(tmp_path))
    assert len(examples) == 5
    found = figures(examples, _results(tmp_path, ["Hello, how are you?"], ["交流館のFAXを教えて"]))
    assert found.intent_accuracy(JAPANESE) == 1.0
    assert found.intent_accuracy(ENGLISH) == 0.5
    assert found.answer_accuracy(JAPANESE) == 0.5
    assert found.answer_accuracy(ENGLISH) == 1.0


def test_report_fails_only_on_a_japanese_figure_below_its_bar(tmp_path: Path) -> None:
    nlu = _nlu(tmp_path)
    english_miss = _results(tmp_path, ["Hello, how are you?"], [])
    args = [str(english_miss), "--nlu", str(nlu), "--min-japanese-intent", "0.98", "--min-japanese-answer", "0.95"]
    assert nlu_report.main(args) == 0
    japanese_miss = tmp_path / "j"
    japanese_miss.mkdir()
    results = _results(japanese_miss, ["こんにちは"], [])
    args[0] = str(results)
    assert nlu_report.main(args) == 1
