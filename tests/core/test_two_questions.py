"""bot.core.two_questions: cutting a message into two questions, and the rule the channels follow (issue 14, kind 6).

The sentences are written for this test (none is from tests/nlu_unseen)."""

from __future__ import annotations

import pytest

from bot.core.feedback_rules import is_feedback_ask
from bot.core.two_questions import answers_both, routed_labels, split_questions

SPLITS = [
    # two nouns: the shared tail goes into both, the shared head into a short second noun
    (
        "サポートセンターの住所と電話番号を教えて",
        ["サポートセンターの住所を教えて", "サポートセンターの電話番号を教えて"],
    ),
    ("交流館の開館時間や休館日は？", ["交流館の開館時間は？", "交流館の休館日は？"]),
    ("登録の要件、メリットを知りたい", ["登録の要件を知りたい", "登録のメリットを知りたい"]),
    (
        "交流館の電話及びメールアドレスを教えてください",
        ["交流館の電話を教えてください", "交流館のメールアドレスを教えてください"],
    ),
    ("交流館の住所とサポートセンターの電話番号は？", ["交流館の住所は？", "サポートセンターの電話番号は？"]),
    ("交流館の場所とイベントスペースの予約方法は？", ["交流館の場所は？", "イベントスペースの予約方法は？"]),
    (
        "ハンドブックの発行元と、どこでもらえるかを教えて",
        ["ハンドブックの発行元を教えて", "ハンドブックはどこでもらえるかを教えて"],
    ),
    ("会議室の料金と、空きはどこで確認できる？", ["会議室の料金は?", "会議室の空きはどこで確認できる？"]),
    ("対等な関係と相互理解ってそれぞれ何？", ["対等な関係って何？", "相互理解って何？"]),
    ("ばしょとでんわばんごうおしえて", ["ばしょおしえて", "でんわばんごうおしえて"]),
    # two sentences, also joined by あと / それと / それから
    ("協働って何ですか？登録はどうやるの？", ["協働って何ですか？", "登録はどうやるの？"]),
    ("交流館の住所は？ それと駐車場はある？", ["交流館の住所は？", "駐車場はある？"]),
    ("原則って何個あるん、あと協働の担い手は誰？", ["原則って何個あるん", "協働の担い手は誰？"]),
    ("サポセンの場所教えて それから電話番号も", ["サポセンの場所教えて", "電話番号も"]),
    ("機材って借りれますか。相談もできますか。", ["機材って借りれますか", "相談もできますか"]),
    # two clauses; the second takes the first's topic when it has none
    ("交流館ってどこにあって、何時まで開いてる？", ["交流館ってどこにあって", "交流館は何時まで開いてる？"]),
    (
        "サポートセンターってどんな施設で、どこにあるん？",
        ["サポートセンターってどんな施設ですか?", "サポートセンターはどこにあるん？"],
    ),
    ("交流館って何時までやってて、電話番号はどれ？", ["交流館って何時までやってる?", "交流館の電話番号はどれ？"]),
    ("提出書類は何で、費用はかかりますか", ["提出書類は何ですか?", "費用はかかりますか"]),
    (
        "チャレンジ事業とは何か、それとその応募方法も知りたい",
        ["チャレンジ事業とは何か", "チャレンジ事業の応募方法も知りたい"],
    ),
    ("機材を借りたいのと、研修にも出たいです。どちらもできますか", ["機材を借りたい", "研修にも出たいです"]),
]
WHOLE = [
    "協働とは何ですか",
    "金沢学生のまち市民交流館の場所を教えて",
    "市民と行政の役割は？",
    "役割と責任の明確化ってどういう意味？",
    "登録するとどうなりますか",
    "協働とか参画ってどういうこと",
    "こんにちは。交流館の場所を教えてください",
    "初めて使います。会議室の予約はどうすればいいですか？",
    "年末年始の間、交流館はお休みですか",  # a time, then one question: 、 lists no nouns here
    "夏休み中、サポートセンターは開いていますか",
    "",
]


@pytest.mark.parametrize(("text", "parts"), SPLITS)
def test_two_questions_become_two_parts(text: str, parts: list[str]) -> None:
    assert split_questions(text) == parts


@pytest.mark.parametrize("text", WHOLE)
def test_one_question_and_names_with_to_stay_whole(text: str) -> None:
    assert split_questions(text) == [text]


@pytest.mark.parametrize(
    ("labels", "both"),
    [
        (["faq/kouryukan_address", "faq/kouryukan_contact"], True),
        (["faq/opening_hours", "ask_opening_hours"], True),
        (["faq/kouryukan_address", "faq/kouryukan_address"], False),  # the same answer twice
        (["faq/what_is_kyodo", "nlu_fallback"], False),
        (["out_of_scope", "faq/what_is_kyodo"], False),
        (["greet", "faq/what_is_kyodo"], False),
        (["faq/what_is_kyodo", "start_precheck"], False),  # a form is no answer
        (["faq/what_is_kyodo"], False),
    ],
)
def test_only_two_different_handbook_answers_count(labels: list[str], both: bool) -> None:
    assert answers_both(labels) is both


ROUTES = {
    "交流館の住所は？": "faq/kouryukan_address",
    "交流館の電話番号は？": "faq/kouryukan_contact",
    "交流館の住所と電話番号は？": "faq/kouryukan_address",
    "交流館の住所と駐車場は？": "faq/kouryukan_access",
    "交流館の駐車場は？": "faq/kouryukan_access",
    "協働とは何ですか": "faq/what_is_kyodo",
}


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("交流館の住所と電話番号は？", ["faq/kouryukan_address", "faq/kouryukan_contact"]),
        ("交流館の住所と駐車場は？", ["faq/kouryukan_address", "faq/kouryukan_access"]),
        ("協働とは何ですか", ["faq/what_is_kyodo"]),
        ("交流館の住所と料金は？", ["nlu_fallback"]),  # one part unsure: the whole message's routing
    ],
)
def test_routed_labels_follow_the_channels_rule(text: str, labels: list[str]) -> None:
    assert routed_labels(text, lambda part, _previous: ROUTES.get(part, "nlu_fallback")) == labels


@pytest.mark.parametrize(
    ("message", "ask"),
    [
        (
            {
                "text": "この回答は役に立ちましたか？",
                "buttons": [{"payload": "/feedback_good"}, {"payload": "/feedback_bad"}],
            },
            True,
        ),
        (
            {"text": "Was this helpful?", "buttons": [{"payload": "/feedback_bad"}, {"payload": "/feedback_good"}, {}]},
            True,
        ),
        ({"text": "どれにしますか", "buttons": [{"payload": "/feedback_good"}]}, False),
        ({"text": "交流館の住所は…"}, False),
    ],
)
def test_the_feedback_question_is_known_by_its_buttons(message: dict, ask: bool) -> None:
    assert is_feedback_ask(message) is ask


def test_the_second_part_is_routed_after_the_first_answer() -> None:
    """「必要書類は何で、メリットは？」: the second part leans on the first answer, as it does in the conversation."""
    seen: list[tuple[str, str | None]] = []

    def route(part: str, previous: str | None) -> str:
        seen.append((part, previous))
        if previous == "faq/registration_documents":
            return "faq/registration_benefits"
        return "faq/registration_documents" if previous is None and "書類" in part else "nlu_fallback"

    assert routed_labels("必要書類は何で、メリットは何ですか？", route) == [
        "faq/registration_documents",
        "faq/registration_benefits",
    ]
    assert seen[1][1] == "faq/registration_documents"


@pytest.mark.parametrize(
    ("text", "second"),
    [
        ("協働の担い手は誰で、なぜ今協働が必要なんですか", "なぜ今協働が必要なんですか"),  # its own subject
        ("交流館ってどんなところで、どこにあるの？", "交流館はどこにあるの？"),
    ],
)
def test_a_second_clause_takes_the_topic_only_without_a_subject_of_its_own(text: str, second: str) -> None:
    assert split_questions(text)[1].rstrip("?？") == second.rstrip("?？")
