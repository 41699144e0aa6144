"""bot/core/texts.py on a catalogue of its own (tmp_path), and the whole project's use of data/texts: every literal
key the Python asks for exists, and every text in data/texts is asked for by some Python file (no dead text)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.core import texts as texts_module
from bot.core.texts import TEXT_DIR, TextError, catalogue, text, texts

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ("bot", "actions")
CATALOGUE_YML = """\
# A test catalogue.
texts:
  hello: "{name}さん、こんにちは。"
  plain: "ご回答がありませんでした。"
  braces: "{{name}}は{name}です。"
  positional: "{0}です。"
  steps:
    - "{n}番目の書類"
    - "登録完了"
  number: 5
"""


@pytest.fixture
def own_catalogue(tmp_path, monkeypatch) -> dict[str, texts_module.Entry]:
    """text() and texts() reading tmp_path's catalogue instead of data/texts."""
    (tmp_path / "greetings.yml").write_text(CATALOGUE_YML, encoding="utf-8")
    (tmp_path / "other.yml").write_text("texts:\n  bye: またどうぞ。\n", encoding="utf-8")
    (tmp_path / "empty.yml").write_text("# nothing yet\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("texts:\n  ignored: 読まれません。\n", encoding="utf-8")
    loaded = catalogue(tmp_path)  # an explicit path: the cached default (data/texts) is another call
    monkeypatch.setattr(texts_module, "catalogue", lambda: loaded)
    return loaded


def test_catalogue_keys_are_file_stem_and_name(own_catalogue):
    assert sorted(own_catalogue) == [
        "greetings.braces",
        "greetings.hello",
        "greetings.number",
        "greetings.plain",
        "greetings.positional",
        "greetings.steps",
        "other.bye",
    ]
    assert own_catalogue["greetings.steps"] == ["{n}番目の書類", "登録完了"]
    assert own_catalogue["greetings.number"] == "5"  # scalars become templates


def test_text_fills_its_placeholders(own_catalogue):
    assert text("greetings.hello", name="山田") == "山田さん、こんにちは。"
    assert text("greetings.plain") == "ご回答がありませんでした。"
    assert text("greetings.braces", name="金沢") == "{name}は金沢です。"


def test_values_a_template_does_not_use_are_ignored(own_catalogue):
    # date_ja passes {check_again} to every correction; only some of them place it.
    assert text("greetings.plain", check_again="もう一度") == "ご回答がありませんでした。"


def test_texts_fills_every_item(own_catalogue):
    assert texts("greetings.steps", n=1) == ["1番目の書類", "登録完了"]


@pytest.mark.parametrize(
    "call",
    [
        lambda: text("greetings.missing"),
        lambda: texts("nowhere.steps"),
        lambda: text("notes.ignored"),
        lambda: text("hello"),
    ],
)
def test_a_missing_key_raises(own_catalogue, call):
    with pytest.raises(TextError, match="no text"):
        call()


def test_a_missing_key_is_a_key_error(own_catalogue):
    with pytest.raises(KeyError):
        text("greetings.missing")


@pytest.mark.parametrize(
    "key, values, missing",
    [
        ("greetings.hello", {}, "'name'"),
        ("greetings.hello", {"nam": "山田"}, "'name'"),
        ("greetings.positional", {}, "Replacement index 0"),  # a positional {0} can never be given: text() takes names
    ],
)
def test_a_missing_placeholder_raises_naming_it(own_catalogue, key, values, missing):
    with pytest.raises(TextError, match=f"{key!r} needs the value {missing}"):
        text(key, **values)


def test_a_missing_placeholder_in_a_list_raises(own_catalogue):
    with pytest.raises(TextError, match="needs the value 'n'"):
        texts("greetings.steps")


def test_list_and_str_are_not_interchangeable(own_catalogue):
    with pytest.raises(TextError, match="is a list: use texts"):
        text("greetings.steps", n=1)
    with pytest.raises(TextError, match="is not a list: use text"):
        texts("greetings.plain")


# --- the whole project ------------------------------------------------------------------------------------------


def python_files() -> list[Path]:
    return sorted(p for d in SOURCE_DIRS for p in (ROOT / d).rglob("*.py"))


def _text_callers(tree: ast.AST) -> tuple[set[str], set[str]]:
    """The local names of text()/texts() and of the bot.core.texts module, as this file imports them."""
    functions, modules = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "bot.core.texts":
            functions |= {a.asname or a.name for a in node.names if a.name in ("text", "texts")}
        elif isinstance(node, ast.ImportFrom) and node.module == "bot.core":
            modules |= {a.asname or a.name for a in node.names if a.name == "texts"}
        elif isinstance(node, ast.Import):
            modules |= {a.asname for a in node.names if a.name == "bot.core.texts" and a.asname}
    return functions, modules


def literal_keys(source: str) -> Iterator[tuple[int, str]]:
    """(line, key) of each text()/texts() call in ``source`` whose key is a string literal."""
    tree = ast.parse(source)
    functions, modules = _text_callers(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func, key = node.func, node.args[0]
        named = isinstance(func, ast.Name) and func.id in functions
        dotted = (
            isinstance(func, ast.Attribute)
            and func.attr in ("text", "texts")
            and isinstance(func.value, ast.Name)
            and func.value.id in modules
        )
        if (named or dotted) and isinstance(key, ast.Constant) and isinstance(key.value, str):
            yield node.lineno, key.value


def string_constants() -> set[str]:
    """Every string literal of the Python under bot/ and actions/ (a key may be kept in a table before its call)."""
    found: set[str] = set()
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_the_key_finder_sees_every_way_of_calling():
    source = (
        "from bot.core.texts import text, texts as many\nfrom bot.core import texts as t\n"
        "text('a.one', x=1)\nmany('a.two')\nt.text('a.three')\nt.texts('a.four')\nstatus.text('not.a_key')\n"
        "text(variable)\n"
    )
    assert sorted(literal_keys(source)) == [(3, "a.one"), (4, "a.two"), (5, "a.three"), (6, "a.four")]


def test_every_literal_key_in_python_is_in_data_texts():
    known = catalogue(TEXT_DIR)
    missing = [
        f"{path.relative_to(ROOT)}:{line}: {key}"
        for path in python_files()
        for line, key in literal_keys(path.read_text(encoding="utf-8"))
        if key not in known
    ]
    assert missing == []


def test_the_project_asks_for_texts_literally():
    assert sum(1 for path in python_files() for _ in literal_keys(path.read_text(encoding="utf-8"))) > 50


@pytest.mark.parametrize("path", sorted(TEXT_DIR.glob("*.yml")), ids=lambda p: p.name)
def test_every_text_is_used_by_the_python(path):
    used = string_constants()
    names = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("texts") or {}
    assert [f"{path.stem}.{name}" for name in names if f"{path.stem}.{name}" not in used] == []


@pytest.mark.parametrize("path", sorted(TEXT_DIR.glob("*.yml")), ids=lambda p: p.name)
def test_every_text_file_is_a_commented_catalogue_of_strings(path):
    source = path.read_text(encoding="utf-8")
    document = yaml.safe_load(source)
    assert source.startswith("#"), "a text file starts with a comment saying what it holds"
    assert list(document) == ["texts"] and isinstance(document["texts"], dict)
    wrong = [
        name
        for name, value in document["texts"].items()
        if not (isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value)))
    ]
    assert wrong == []  # an empty or numeric value would be read as "None" or "5"
