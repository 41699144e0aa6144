"""GinzaNLP loads ja_ginza without the pipes the features don't read, and only once per process."""

import numpy as np
import pytest
import spacy

from bot.nlu.ginza import DEFAULT_EXCLUDE, GinzaNLP

# Sentences of the kinds citizens type: kanji, kana spellings, half-width, digits, English, emoji, unknown words.
SENTENCES = [
    "金沢市市民活動サポートセンターの電話番号は？",
    "こうりゅうかんは何時まで開いていますか",
    "ｻﾎﾟｰﾄｾﾝﾀｰの住所を教えて",
    "2027年1月4日は開館していますか",
    "協働をすすめる市民団体の登録に必要な書類は？",
    "対等の原則ってなに",
    "Wi-Fiは使えますか🙂",
    "サポセンで印刷機を使いたい",
    "ぐわらぐわらぴーすけ",
    "月曜日が祝日のときは翌日がお休み？",
]


def test_trimmed_pipeline_keeps_tokens_lemmas_and_vectors():
    model = GinzaNLP.load_trimmed("ja_ginza", tuple(DEFAULT_EXCLUDE))
    assert model.model.pipe_names == []
    doc = model.model("サポセンの電話番号は？")
    assert [t.text for t in doc] == ["サポセン", "の", "電話番号", "は", "？"]
    assert doc[2].has_vector and doc[2].lemma_ == "電話番号"
    assert model.model_name == "ja_ginza-without-" + "+".join(sorted(DEFAULT_EXCLUDE)) + "+strings"


@pytest.fixture(scope="module")
def full_vocabulary_model():
    return spacy.load("ja_ginza", exclude=DEFAULT_EXCLUDE)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_same_features_as_with_the_whole_vocabulary(sentence, full_vocabulary_model):
    lean = GinzaNLP.load_trimmed("ja_ginza", tuple(DEFAULT_EXCLUDE)).model
    lean_doc, full_doc = lean(sentence), full_vocabulary_model(sentence)

    def described(doc):
        return [(t.text, t.lemma_, t.tag_, str(t.morph), t.has_vector) for t in doc]

    assert described(lean_doc) == described(full_doc)
    assert any(t.has_vector for t in lean_doc)
    for lean_token, full_token in zip(lean_doc, full_doc, strict=True):
        assert np.array_equal(lean_token.vector, full_token.vector)


def test_string_table_not_loaded():
    lean = GinzaNLP.load_trimmed("ja_ginza", tuple(DEFAULT_EXCLUDE)).model
    assert lean.vocab.vectors.shape == (20000, 300)
    # The package's table holds about 600,000 strings; only the tokens seen in this process are here.
    assert len(lean.vocab.strings) < 50_000


def test_loaded_once_per_process():
    first = GinzaNLP.load_trimmed("ja_ginza", tuple(DEFAULT_EXCLUDE))
    second = GinzaNLP.load_trimmed("ja_ginza", tuple(DEFAULT_EXCLUDE))
    assert first.model is second.model
