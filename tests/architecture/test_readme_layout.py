"""The README's layout table matches the tree: every path it names exists, and every folder of bot/ is named."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def layout_rows() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Layout", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| `")]


def named_paths() -> list[str]:
    """The paths in the first column of the table (`a`, `b/<topic>.yml` … are patterns: their folder is checked)."""
    paths = []
    for row in layout_rows():
        for path in re.findall(r"`([^`]+)`", row.split("|")[1]):
            paths.append(path.split("<")[0].rstrip("/") or path)
    return paths


def git_ignored() -> set[str]:
    lines = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    return {line.strip().rstrip("/") for line in lines if line.strip() and not line.startswith("#")}


def test_every_path_in_the_layout_table_exists():
    assert len(named_paths()) >= 15
    made_by_running = git_ignored()  # models/, var/, results/ appear once the bot has been trained and run
    assert [p for p in named_paths() if p not in made_by_running and not (ROOT / p).exists()] == []


def test_every_folder_of_bot_is_in_the_layout_table():
    folders = sorted(f"bot/{p.name}" for p in (ROOT / "bot").iterdir() if p.is_dir() and (p / "__init__.py").exists())
    assert [f for f in folders if f not in named_paths()] == []
