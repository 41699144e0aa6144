"""The layout's rules, checked on the source: imports go one way (channels and actions -> core and db), with no
cycle; pure logic imports no Rasa; no Python file passes ~300 lines; no bot sentence is left in Python."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ("bot", "actions")
MAX_LINES = 300

# Which project packages each layer may import (a layer always may import itself).
ALLOWED = {
    "bot.core": set(),
    "bot.db": {"bot.core"},
    "bot.nlu": {"bot.core"},
    "bot.serving": {"bot.core"},  # the styled NLG (issue 16) reads the pure variants and style rules
    "bot.channels": {"bot.core", "bot.db"},
    "actions": {"bot.core", "bot.db"},
    "bot.tools": {"bot.core", "bot.db", "bot.serving"},
    "bot.bench": {"bot.core", "bot.tools"},
}
NO_RASA = ("bot.core", "bot.db")
# Where bot text must not be written in Python (the tools' and the benchmark's own console output is not bot text).
TEXT_FREE = ("bot.core", "bot.db", "bot.nlu", "bot.serving", "bot.channels", "actions")


def python_files() -> list[Path]:
    return sorted(p for d in SOURCE_DIRS for p in (ROOT / d).rglob("*.py"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> str:
    return max((layer for layer in ALLOWED if module == layer or module.startswith(layer + ".")), key=len, default="")


def project_imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) of every import of a project module, at any depth (function-level imports included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] in ("bot", "actions"):
                yield node.lineno, name


def known_module(name: str, modules: set[str]) -> str:
    """The project module ``name`` refers to (``bot.db.models.Facility`` -> ``bot.db.models``), or ""."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name


def test_every_module_belongs_to_a_layer():
    assert [m for m in map(module_name, python_files()) if m not in ("bot", "actions") and not layer_of(m)] == []


def test_imports_go_one_way():
    modules = {module_name(p) for p in python_files()}
    wrong = []
    for path in python_files():
        own = layer_of(module_name(path))
        for line, name in project_imports(path):
            target = known_module(name, modules)
            other = layer_of(target)
            if target and other and other != own and other not in ALLOWED.get(own, set()):
                wrong.append(f"{path.relative_to(ROOT)}:{line} ({own}) imports {target} ({other})")
    assert wrong == []


def test_pure_layers_import_no_rasa():
    wrong = []
    for path in python_files():
        if layer_of(module_name(path)) in NO_RASA:
            text = path.read_text(encoding="utf-8")
            wrong += [
                f"{path.relative_to(ROOT)}: {m.group(0)}"
                for m in re.finditer(r"^\s*(from|import) (rasa|rasa_sdk|sanic)\b.*$", text, re.M)
            ]
    assert wrong == []


def test_no_import_cycle():
    modules = {module_name(p) for p in python_files()}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for path in python_files():
        source = module_name(path)
        for _, name in project_imports(path):
            target = known_module(name, modules)
            if target and target != source and not source.startswith(target + "."):  # a package's own __init__
                graph[source].add(target)
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(" -> ".join(stack[stack.index(nxt) :] + [nxt]))
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


@pytest.mark.parametrize(
    "path", python_files() + sorted((ROOT / "tests").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_no_python_file_passes_300_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


JAPANESE = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff]")
SENTENCE = re.compile(r"[。？！]|(です|ます|ください|でした)$")
REGEX_CALLS = {"compile", "search", "match", "fullmatch", "sub", "split", "findall", "finditer"}


def literal_strings(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, text) of each string literal and f-string (its literal parts joined), except docstrings and regexes."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skipped.add(id(first.value))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in REGEX_CALLS:
            skipped.update(id(arg) for arg in node.args[:1])
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(v) for v in node.values)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value
        elif isinstance(node, ast.JoinedStr):
            yield (
                node.lineno,
                "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)),
            )


def is_sentence(text: str) -> bool:
    text = text.strip()
    return bool(JAPANESE.search(text)) and bool(
        SENTENCE.search(text) if len(text) >= 8 else re.search(r"[。？！]", text)
    )


def test_no_bot_sentence_in_python():
    found = []
    for path in python_files():
        if layer_of(module_name(path)) not in TEXT_FREE:
            continue
        for line, text in literal_strings(ast.parse(path.read_text(encoding="utf-8"))):
            if is_sentence(text):
                found.append(f"{path.relative_to(ROOT)}:{line}: {text[:40]}")
    assert found == []


@pytest.mark.parametrize(
    "text, sentence",
    [
        ("ただいまお答えできません。", True),
        ("次の中からお選びください。", True),
        ("{label}は休館日です。", True),
        ("担当者からの連絡をお待ちください", True),
        ("そうです", False),
        ("問題ありません", False),
        ("、", False),
        ("金沢以外", False),
        ("please retry.", False),
    ],
)
def test_the_sentence_check_itself(text, sentence):
    assert is_sentence(text) is sentence
