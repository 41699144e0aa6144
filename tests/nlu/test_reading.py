"""Readings as features: kana-only spellings meet the kanji of the training data."""

import pytest
import spacy

from bot.nlu.ginza import DEFAULT_EXCLUDE
from bot.nlu.reading import to_katakana, token_readings


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("ja_ginza", exclude=DEFAULT_EXCLUDE)


def grams(readings, n=3):
    return {r[i : i + n] for r in readings for i in range(len(r) - n + 1)}


@pytest.mark.parametrize(
    "written,typed",
    [
        ("交流館って何", "コウリュウカンって何"),
        ("対等な関係とは", "タイトウな関係とは"),
        ("雪かきボランティアとは", "ユキカキボランティアとは"),
        ("登録制度ってなに", "とうろくせいどってなに"),
    ],
)
def test_kana_spellings_share_reading_ngrams(nlp, written, typed):
    a, b = grams(token_readings(nlp(written))), grams(token_readings(nlp(typed)))
    assert len(a & b) / len(a) >= 0.5


def test_readings_align_with_tokens(nlp):
    doc = nlp("サポセン の 電話番号は？")
    assert len(token_readings(doc)) == len([t for t in doc if t.text.strip()])


def test_to_katakana():
    assert to_katakana("こうりゅうかん、ABC") == "コウリュウカン、ABC"
