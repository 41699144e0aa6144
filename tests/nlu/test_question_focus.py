"""QuestionFocus: classifiers see the question of a long message; QuestionFocusRestore gives the actions it all."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.question_focus import (
    FULL_TEXT,
    QuestionFocus,
    QuestionFocusRestore,
    focus,
    fold_katakana,
    fold_long_vowels,
    names_a_topic,
    sentences,
)

LONG = "お世話になります。町内で見守り活動をしている者です。報告会をオンラインで開きたいです。機材は借りられますか。"


def test_sentences_are_cut_after_end_marks():
    assert sentences("こんにちは！場所は？ 教えて\n電話も") == ["こんにちは！", "場所は？", "教えて", "電話も"]


def test_greetings_dropped_and_a_short_question_keeps_the_sentence_before():
    assert focus(LONG) == "報告会をオンラインで開きたいです。機材は借りられますか。"


def test_a_self_contained_question_is_the_focus_alone():
    text = "こんにちは。町会で防災をやっています。交流館の交流ホールを予約して使うにはどうすればよいですか。"
    assert focus(text) == "交流館の交流ホールを予約して使うにはどうすればよいですか。"


def test_a_question_pointing_back_keeps_the_sentence_before():
    text = "はじめまして。市の広報で市民団体の登録という言葉を見ました。それはどういう仕組みになっているのでしょうか。"
    assert focus(text) == "市の広報で市民団体の登録という言葉を見ました。それはどういう仕組みになっているのでしょうか。"


def test_short_messages_keep_their_words_and_dialect_is_standardised():
    assert focus("交流館の場所は？") == "交流館の場所は？"
    assert focus("こんにちは。何時までやっとるけ") == "何時までやっていますか"
    assert focus("こんにちは") == "こんにちは"  # a greeting alone stays a greeting


def test_focus_for_features_then_the_whole_text_back():
    message = Message(data={"text": LONG})
    QuestionFocus().process([message])
    assert message.get("text") == "報告会をオンラインで開きたいです。機材は借りられますか。"
    assert message.get(FULL_TEXT) == LONG
    QuestionFocusRestore().process([message])
    assert message.get("text") == LONG
    assert FULL_TEXT not in message.data


def test_unchanged_text_is_not_copied():
    message = Message(data={"text": "交流館の住所"})
    QuestionFocus().process([message])
    assert FULL_TEXT not in message.data
    QuestionFocusRestore().process([message])
    assert message.get("text") == "交流館の住所"


FOCUS_CASES = [
    # (message, focus the classifiers see)
    # a question naming no topic leans on the nearest earlier sentence that names one, not just the one before
    (
        "はじめまして。北部の町会で会長をしています。学生の雪かきボランティアを呼ぶか相談中です。来てもらうと町内にとって何が変わりますか。",
        "学生の雪かきボランティアを呼ぶか相談中です。来てもらうと町内にとって何が変わりますか。",
    ),
    (
        "こんにちは。広報で「協働をすすめる市民団体」の記事を読みました。うちも当てはまるかもしれません。それは何ですか。",
        "広報で「協働をすすめる市民団体」の記事を読みました。それは何ですか。",
    ),
    # the sentence that asks is the focus, even when a closing sentence follows it
    (
        "学童の保護者会の者です。交流館の電話番号とメールアドレスを教えてください。急ぎではありません。",
        "交流館の電話番号とメールアドレスを教えてください。",
    ),
    # more greetings and openings are dropped
    ("お疲れさまです。初めて連絡します。サポートセンターの場所はどこですか。", "サポートセンターの場所はどこですか。"),
    ("夜分に失礼します。協働の原則を全部教えてください。宜しくお願い致します。", "協働の原則を全部教えてください。"),
    # dialect endings are standardised sentence by sentence, before the question is chosen
    ("町会の者やけど。交流館って何時までやっとるけ", "町会の者だけど。交流館って何時までやっていますか"),
    # an all-katakana message is read in hiragana; katakana words in a normal sentence stay
    ("コウリュウカンノデンワバンゴウ", "こうりゅうかんのでんわばんごう"),
    ("サポートセンターノジュウショハ?", "さぽーとせんたーのじゅうしょは?"),
    ("サポートセンターの住所は?", "サポートセンターの住所は?"),
    ("メリット", "メリット"),  # too short to be a sentence in kana
]


@pytest.mark.parametrize("message,expected", FOCUS_CASES)
def test_focus(message, expected):
    assert focus(message) == expected


TOPIC_CASES = [
    ("交流館は何時まで", True),
    ("登録したいです", True),
    ("実際どんな効果がありますか", False),
    ("うちも当てはまるかもしれません", False),
]


@pytest.mark.parametrize("sentence,named", TOPIC_CASES)
def test_names_a_topic(sentence, named):
    assert names_a_topic(sentence) is named


KATAKANA_CASES = [
    ("キョウドウノゲンソク", "きょうどうのげんそく"),
    ("トウロク ノ メリット", "とうろく の めりっと"),
    ("ヴァイオリン教室", "ヴァイオリン教室"),
    ("ハンドブック", "はんどぶっく"),
    ("カフェ", "カフェ"),
]


@pytest.mark.parametrize("text,expected", KATAKANA_CASES)
def test_fold_katakana(text, expected):
    assert fold_katakana(text) == expected


LONG_VOWEL_CASES = [
    ("とーろくの手続き", "とうろくの手続き"),
    ("こーりゅーかん", "こうりゅうかん"),
    ("せーどについて", "せいどについて"),
    ("かーど", "かあど"),
    ("サポーターの登録", "サポーターの登録"),  # katakana keeps its long-vowel mark
]


@pytest.mark.parametrize("text,expected", LONG_VOWEL_CASES)
def test_fold_long_vowels(text, expected):
    assert fold_long_vowels(text) == expected


def test_focus_folds_long_vowels_before_reading_katakana():
    assert focus("とーろくのしかたは?") == "とうろくのしかたは?"
    assert focus("サポーターノトウロク") == "さぽーたーのとうろく"
