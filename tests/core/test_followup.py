"""bot.core.followup (issue 14, kind 3): which messages lean on the last answer, and what they then ask."""

from __future__ import annotations

import pytest

from bot.core.followup import facility_of, followup_shaped, resolve_followup, topic_of


@pytest.mark.parametrize(
    ("text", "previous", "predicted", "expected"),
    [
        # an aspect of the previous answer's facility
        ("そこのファックス番号を知りたい", "faq/kouryukan_access", "nlu_fallback", "faq/kouryukan_contact"),
        ("でんわばんごうは", "faq/support_center_location", "faq/kouryukan_contact", "faq/support_center_contact"),
        ("車で行けますか", "faq/kouryukan_contact", "nlu_fallback", "faq/kouryukan_access"),
        ("自転車とめられる？", "faq/kouryukan_address", "nlu_fallback", "faq/kouryukan_access"),
        ("ふぁっくすもある？", "faq/support_center_about", "nlu_fallback", "faq/support_center_contact"),
        ("りょうきんは", "faq/kouryukan_rooms_reserve", "nlu_fallback", "faq/room_fee"),
        ("あそこは何時に閉まるの", "faq/support_center_about", "nlu_fallback", "faq/opening_hours"),
        ("じゃあ所在地は", "faq/support_center_contact", "nlu_fallback", "faq/support_center_location"),
        # the narrower aspect wins over the wider word it contains
        ("予約せずに入れる部屋ってある？", "faq/room_fee", "faq/kouryukan_rooms_reserve", "faq/kouryukan_rooms_free"),
        ("空きはどこで確認するの", "faq/room_fee", "faq/kouryukan_address", "faq/kouryukan_availability"),
        ("土蔵も借りられる？", "faq/kouryukan_rooms_free", "nlu_fallback", "faq/kouryukan_rooms_reserve"),
        ("料金はいくら？", "faq/kouryukan_rooms_free", "faq/registration_procedure", "faq/room_fee"),
        # the サポートセンター's services
        ("プロジェクターは貸してもらえる？", "faq/support_center_about", "nlu_fallback", "faq/equipment_lending"),
        ("専門家の派遣は？", "faq/support_services", "nlu_fallback", "faq/advisor_dispatch"),
        ("なにしてくれるの", "faq/support_center_contact", "nlu_fallback", "faq/support_services"),
        # a bare facility after the other facility's answer: the same question about it
        ("いや、交流館の方", "faq/support_center_location", "nlu_fallback", "faq/kouryukan_address"),
        ("サポセンのことです", "faq/kouryukan_about", "faq/support_services", "faq/support_center_about"),
        ("サポートセンターのほう", "faq/kouryukan_rooms_free", "nlu_fallback", "faq/support_center_about"),
        # the サポートセンター is on the 交流館's first floor: the same way there
        ("サポートセンターのほう", "faq/kouryukan_access", "nlu_fallback", "faq/kouryukan_access"),
        # aspects within a topic
        ("特典はありますか", "faq/registration_about", "nlu_fallback", "faq/registration_benefits"),
        ("どんな書類を用意すればいい", "faq/registration_benefits", "faq/kyodo_roles", "faq/registration_documents"),
        ("登録できない団体は？", "faq/registration_procedure", "nlu_fallback", "faq/registration_exclusions"),
        ("申請のやり方は", "faq/registration_requirements", "nlu_fallback", "faq/registration_procedure"),
        ("どんな資格がいるの", "faq/registration_benefits", "nlu_fallback", "faq/registration_requirements"),
        ("誰が作ったの", "faq/handbook_copy", "nlu_fallback", "faq/publisher"),
        ("どこで手に入る？", "faq/publisher", "nlu_fallback", "faq/handbook_copy"),
        ("成果はどうだった？", "faq/example_snow", "nlu_fallback", "faq/example_snow_effects"),
        ("ほかの事例は", "faq/example_challenge", "nlu_fallback", "faq/example_snow"),
        ("何団体か一緒に応募できる？", "faq/example_challenge", "nlu_fallback", "faq/challenge_group_collab"),
        ("第三の原則は", "faq/principles", "nlu_fallback", "faq/principle_mutual_understanding"),
        ("７つ目は？", "faq/principle_roles", "nlu_fallback", "faq/principle_evaluation"),
        ("次は？", "faq/principle_equal", "nlu_fallback", "faq/principle_autonomy"),
        ("いくつあるの", "faq/principle_disclosure", "nlu_fallback", "faq/principles"),
        # a topic named: only an aspect of that same topic, never the last facility's
        ("げんそくって何個あるん", "faq/principle_roles", "nlu_fallback", "faq/principles"),
        ("除雪の成果は", "faq/example_snow", "nlu_fallback", "faq/example_snow_effects"),
        ("ハンドブックはどこで手に入る", "faq/kouryukan_address", "nlu_fallback", "nlu_fallback"),
        ("登録の書類は", "faq/principles", "nlu_fallback", "nlu_fallback"),
        # nothing to lean on, or nothing asked: the NLU's own answer
        ("協働とは？", "faq/kouryukan_address", "faq/what_is_kyodo", "faq/what_is_kyodo"),
        ("そこのファックス番号を知りたい", None, "nlu_fallback", "nlu_fallback"),
        ("サポートセンターのことです", None, "nlu_fallback", "nlu_fallback"),
        ("特典はありますか", "faq/what_is_kyodo", "nlu_fallback", "nlu_fallback"),
        ("相談できる？", "faq/kouryukan_address", "faq/coordinator_consultation", "faq/coordinator_consultation"),
    ],
)
def test_resolve_followup(text: str, previous: str | None, predicted: str, expected: str) -> None:
    assert resolve_followup(text, previous, predicted) == expected


@pytest.mark.parametrize(
    "text",
    [
        "そこのファックス番号を知りたい",
        "でんわばんごうは",
        "それっていくら？",
        "駐車場ある？",
        "予約いるん？",
        "４番目は",
        "次は？",
        "特典はありますか",
        "いや、交流館の方",
        "ｻﾎﾟｾﾝのことです",
        "サポートセンターのほうです",
        "交流ホールも使える？",
    ],
)
def test_followup_shaped(text: str) -> None:
    assert followup_shaped(text)


@pytest.mark.parametrize(
    "text",
    [
        "交流館の電話番号を教えてください",  # names its facility
        "サポセンの場所はどこですか",
        "協働の原則はいくつありますか",  # names its topic
        "登録のメリットは？",
        "ハンドブックはどこでもらえますか",
        "げんそくは全部でいくつ",
        "協働って何ですか",  # asks no aspect, points at nothing
        "ありがとう、よくわかりました",
        "市民と行政はそれぞれ何をするの",
        "/faq",
        "",
        "金沢学生のまち市民交流館の駐車場について、車で行く予定なので何台とめられるか教えてほしいです",  # long
    ],
)
def test_not_followup_shaped(text: str) -> None:
    assert not followup_shaped(text)


@pytest.mark.parametrize(
    ("text", "shaped"),
    [
        ("原則は何個ある？", True),
        ("ハンドブックはどこで手に入る", True),
        ("登録の条件は", True),
        ("協働の意味は", False),  # a topic with no aspects of its own
        ("原則について", False),  # no aspect asked
    ],
)
def test_an_unsure_message_may_name_its_topic(text: str, shaped: bool) -> None:
    assert followup_shaped(text, unsure=True) is shaped
    assert followup_shaped(text) is False  # a confident answer to a named topic stands


def test_topic_of() -> None:
    assert topic_of("faq", "faq/kouryukan_address", "交流館の住所は") == "faq/kouryukan_address"
    assert topic_of("ask_opening_hours", None, "明日サポセンやってる？") == "support_center"
    assert topic_of("ask_opening_hours", None, "明日は開いてる？") is None
    assert topic_of("greet", None, "こんにちは") is None


@pytest.mark.parametrize(
    ("label", "facility"),
    [
        ("faq/kouryukan_rooms_free", "kouryukan"),
        ("faq/room_fee", "kouryukan"),
        ("faq/equipment_lending", "support_center"),
        ("support_center", "support_center"),
        ("faq/what_is_kyodo", None),
        (None, None),
    ],
)
def test_facility_of(label: str | None, facility: str | None) -> None:
    assert facility_of(label) == facility


def test_an_opening_hours_topic_carries_its_facility() -> None:
    assert resolve_followup("そこの住所は", "kouryukan", "nlu_fallback") == "faq/kouryukan_address"


@pytest.mark.parametrize(
    ("text", "previous", "expected"),
    [
        ("交流ホールの料金を教えて", "faq/kouryukan_rooms_reserve", "faq/room_fee"),  # the fee, not the room again
        ("和室っていくら？", "faq/kouryukan_rooms_free", "faq/room_fee"),
        ("交流ホールは？", "faq/kouryukan_rooms_free", "faq/kouryukan_rooms_reserve"),  # the room alone: its answer
    ],
)
def test_a_room_name_counts_only_when_no_other_aspect_is_asked(text, previous, expected):
    assert resolve_followup(text, previous, "nlu_fallback") == expected
