"""The benchmark's configs (ours and vanilla, the same policies, epochs) and the test texts it sends."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bench.configs import (
    OURS_CONFIG,
    VANILLA_CONFIG,
    component_names,
    epochs_of,
    example_lines,
    load_config,
    nlu_test_texts,
    policy_mismatch,
    vanilla_with_our_policies,
    with_epochs,
)

ROOT = Path(__file__).resolve().parents[2]


def test_vanilla_config_is_what_the_issue_describes():
    vanilla = load_config(VANILLA_CONFIG)
    assert component_names(vanilla) == [
        "SpacyNLP",
        "SpacyTokenizer",
        "SpacyFeaturizer",
        "CountVectorsFeaturizer",
        "DIETClassifier",
        "ResponseSelector",
        "FallbackClassifier",
    ]
    steps = {step["name"]: step for step in vanilla["pipeline"]}
    assert steps["SpacyNLP"] == {"name": "SpacyNLP", "model": "ja_ginza"}  # default settings
    assert (
        steps["CountVectorsFeaturizer"]["analyzer"],
        steps["CountVectorsFeaturizer"]["min_ngram"],
        steps["CountVectorsFeaturizer"]["max_ngram"],
    ) == ("char_wb", 1, 4)
    assert epochs_of(vanilla) == {"DIETClassifier": None, "ResponseSelector": None}  # default epochs
    assert steps["ResponseSelector"]["retrieval_intent"] == "faq"


def test_vanilla_is_trained_with_our_policies_and_its_own_pipeline():
    ours, vanilla = load_config(OURS_CONFIG), load_config(VANILLA_CONFIG)
    vanilla["policies"][-1]["epochs"] = 999  # whatever the file says
    merged = vanilla_with_our_policies(ours, vanilla)
    assert policy_mismatch(ours, merged) is None
    assert merged["pipeline"] == vanilla["pipeline"] and merged["language"] == "ja"
    assert vanilla["policies"][-1]["epochs"] == 999  # the inputs are left alone


def test_policy_mismatch_names_the_difference():
    ours = load_config(OURS_CONFIG)
    other = {**ours, "policies": [dict(p) for p in ours["policies"]]}
    other["policies"][-1]["epochs"] = 1
    assert "differs" in policy_mismatch(ours, other)
    assert "policies differ" in policy_mismatch(ours, {**ours, "policies": ours["policies"][:1]})


def test_config_without_policies_is_refused(tmp_path):
    path = tmp_path / "config.yml"
    path.write_text("pipeline:\n  - name: WhitespaceTokenizer\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_config(path)


def test_with_epochs_sets_both_and_leaves_the_original():
    ours = load_config(OURS_CONFIG)
    before = epochs_of(ours)
    changed = with_epochs(ours, 20)
    assert epochs_of(changed) == {"DIETClassifier": 20, "ResponseSelector": 20}
    assert epochs_of(ours) == before
    with pytest.raises(ValueError):
        with_epochs(ours, 0)
    with pytest.raises(ValueError):
        with_epochs({"pipeline": [{"name": "SpacyNLP"}], "policies": []}, 10)


@pytest.mark.parametrize(
    "block, expected",
    [
        ("- サポセンの電話番号は？\n- 交流館は何時まで\n", ["サポセンの電話番号は？", "交流館は何時まで"]),
        ("- [明日](date)は開いてる？\n", ["明日は開いてる？"]),
        ('- [サポセン]{"entity": "facility"}は？\n', ["サポセンは？"]),
        ("  - 前に空白\n\n-\n", ["前に空白"]),
    ],
)
def test_example_lines_read_rasa_example_blocks(block, expected):
    assert example_lines(block) == expected


def test_test_texts_reads_every_test_file(tmp_path):
    (tmp_path / "b.yml").write_text(
        'version: "3.1"\nnlu:\n  - intent: greet\n    examples: |\n      - こんにちは\n', encoding="utf-8"
    )
    (tmp_path / "a.yml").write_text(
        "nlu:\n  - intent: faq/x\n    examples: |\n      - 一\n      - 二\n"
        "  - regex: r\n    examples: |\n      - \\d+\n",
        encoding="utf-8",
    )
    assert nlu_test_texts(tmp_path) == ["一", "二", "こんにちは"]
    assert len(nlu_test_texts(ROOT / "tests" / "nlu")) >= 300
