"""QuestionFocus: classifiers see the question of a long message; QuestionFocusRestore gives the actions it all."""

from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message

from bot.nlu.question_focus import FULL_TEXT, QuestionFocus, QuestionFocusRestore, focus, sentences

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
