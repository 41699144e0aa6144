"""Pure config handling of the benchmark: the two pipelines, the policy check, and epoch overrides."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from bot.core.nlu_examples import example_lines

ROOT = Path(__file__).resolve().parents[2]
OURS_CONFIG = ROOT / "config.yml"
VANILLA_CONFIG = Path(__file__).resolve().parent / "vanilla-config.yml"
EPOCH_COMPONENTS = ("DIETClassifier", "ResponseSelector")


def load_config(path: Path) -> dict[str, Any]:
    """A Rasa config file as a dict; raises ValueError when it has no pipeline or no policies."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not data.get("pipeline") or not data.get("policies"):
        raise ValueError(f"{path}: a config needs both `pipeline:` and `policies:`")
    return data


def component_names(config: dict[str, Any]) -> list[str]:
    return [str(step.get("name")) for step in config["pipeline"]]


def policy_mismatch(ours: dict[str, Any], vanilla: dict[str, Any]) -> str | None:
    """None when both configs have the same policies (same order and settings), else what differs."""
    if ours["policies"] == vanilla["policies"]:
        return None
    names_a = [p.get("name") for p in ours["policies"]]
    names_b = [p.get("name") for p in vanilla["policies"]]
    if names_a != names_b:
        return f"policies differ: ours {names_a}, vanilla {names_b}"
    for a, b in zip(ours["policies"], vanilla["policies"], strict=True):
        if a != b:
            return f"policy {a.get('name')} differs: ours {a}, vanilla {b}"
    return "policies differ"


def vanilla_with_our_policies(ours: dict[str, Any], vanilla: dict[str, Any]) -> dict[str, Any]:
    """Vanilla's pipeline (and recipe, language) with ours' policies verbatim: the two sides differ in NLU only."""
    merged = copy.deepcopy(vanilla)
    merged["policies"] = copy.deepcopy(ours["policies"])
    return merged


def with_epochs(config: dict[str, Any], epochs: int, components=EPOCH_COMPONENTS) -> dict[str, Any]:
    """A copy of ``config`` whose DIETClassifier and ResponseSelector train for ``epochs`` epochs."""
    if epochs < 1:
        raise ValueError("epochs must be at least 1")
    changed = copy.deepcopy(config)
    found = 0
    for step in changed["pipeline"]:
        if step.get("name") in components:
            step["epochs"] = int(epochs)
            found += 1
    if not found:
        raise ValueError(f"no {' or '.join(components)} in the pipeline")
    return changed


def epochs_of(config: dict[str, Any]) -> dict[str, int | None]:
    """The configured epochs of each epoch-trained component (None where the default applies)."""
    return {
        str(step["name"]): step.get("epochs") for step in config["pipeline"] if step.get("name") in EPOCH_COMPONENTS
    }


def write_config(config: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def nlu_test_texts(tests_dir: Path) -> list[str]:
    """Every example sentence under ``tests_dir`` (*.yml, sorted by file name, in file order), without Rasa."""
    texts: list[str] = []
    for path in sorted(Path(tests_dir).glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in data.get("nlu") or []:
            if isinstance(item, dict) and "intent" in item:
                texts.extend(example_lines(item.get("examples", "")))
    return texts
