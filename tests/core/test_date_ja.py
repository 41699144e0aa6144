"""Japanese date expressions with a fixed 'today' (Wednesday 2026-11-25)."""

from datetime import date, time

import pytest

from bot.core.date_ja import DateCorrection, DateQuery, normalize, parse_date_ja

TODAY = date(2026, 11, 25)  # Wednesday

# (text as typed, expected start, expected end or None for a single day)
SINGLE_AND_RANGES = [
    ("今日は開いてる？", "2026-11-25", None),
    ("本日は開館していますか", "2026-11-25", None),
    ("明日サポセンやってますか", "2026-11-26", None),
    ("あしたは？", "2026-11-26", None),
    ("明後日って開いてる？", "2026-11-27", None),
    ("あさっては", "2026-11-27", None),
    ("しあさっては開館日？", "2026-11-28", None),
    ("昨日は開いてた？", "2026-11-24", None),
    ("来週の月曜は？", "2026-11-30", None),
    ("来週月曜日", "2026-11-30", None),
    ("再来週の水曜日に行きたい", "2026-12-09", None),
    ("今週の金曜って開いてる？", "2026-11-27", None),
    ("今度の土曜は開いてますか", "2026-11-28", None),
    ("次の水曜", "2026-12-02", None),  # strictly after today
    ("水曜日は開いてる？", "2026-11-25", None),  # today is a Wednesday
    ("日曜", "2026-11-29", None),
    ("12月30日は？", "2026-12-30", None),
    ("11月1日は", "2027-11-01", None),  # already past this year: the next one
    ("11月25日", "2026-11-25", None),
    ("15日は開館してる？", "2026-12-15", None),
    ("30日", "2026-11-30", None),
    ("31日は？", "2026-12-31", None),  # November has no 31st
    ("2027年1月11日に交流ホール使える？", "2027-01-11", None),
    ("1/12は開館してる？", "2027-01-12", None),
    ("2027/1/12", "2027-01-12", None),
    ("2027-05-06は", "2027-05-06", None),
    ("１２月３０日は開いてますか", "2026-12-30", None),
    ("２０２７年１月１１日", "2027-01-11", None),
    ("十二月三十日", "2026-12-30", None),
    ("令和9年5月6日", "2027-05-06", None),
    ("来年の1月4日", "2027-01-04", None),
    ("来月の3日", "2026-12-03", None),
    ("3日後は？", "2026-11-28", None),
    ("2月29日", "2028-02-29", None),  # the next leap day
    ("元日って開いてる？", "2027-01-01", None),
    ("元旦", "2027-01-01", None),
    ("大晦日はやってる？", "2026-12-31", None),
    ("成人の日は開いてる？", "2027-01-11", None),
    ("祝日は開いてる？", "2027-01-01", None),  # the next holiday from today
    ("年末", "2026-12-29", "2026-12-31"),
    ("年末年始は開いてる？", "2026-12-29", "2027-01-03"),
    ("お正月", "2027-01-01", "2027-01-03"),
    ("GWは開いてる？", "2027-04-29", "2027-05-05"),
    ("ＧＷ", "2027-04-29", "2027-05-05"),
    ("ゴールデンウィークも開館していますか", "2027-04-29", "2027-05-05"),
    ("週末", "2026-11-28", "2026-11-29"),
    ("来週末は開いてますか", "2026-12-05", "2026-12-06"),
    ("来週", "2026-11-30", "2026-12-06"),
    ("来月の休館日を教えて", "2026-12-01", "2026-12-31"),
    ("12/28〜1/4は？", "2026-12-28", "2027-01-04"),
    ("12月29日から1月3日まで", "2026-12-29", "2027-01-03"),
]


@pytest.mark.parametrize("text,start,end", SINGLE_AND_RANGES)
def test_expressions(text, start, end):
    result = parse_date_ja(text, TODAY)
    assert isinstance(result, DateQuery), result
    assert (result.start, result.end) == (date.fromisoformat(start), date.fromisoformat(end or start))


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2月30日は開いてる？", "2月30日という日付はありません。2月は28日まで（うるう年は29日まで）です。"),
        ("２月３０日", "2月30日という日付はありません。"),
        ("2027年2月29日", "2027年2月29日という日付はありません。2027年の2月は28日までです。"),
        ("2027/2/30", "2027年2月30日という日付はありません。"),
        ("13月1日", "13月という月はありません。"),
        ("4/31は？", "4月31日という日付はありません。4月は30日までです。"),
        ("6月31日", "6月31日という日付はありません。6月は30日までです。"),
        ("32日", "32日という日付はありません。"),
        ("0日", "0日という日付はありません。"),
        ("2027年1月10日から2027年1月5日まで", "期間の終わりが始まりより前になっています。"),
        ("1/1〜12/31", "期間が長すぎるため、まとめてご案内できません。2か月以内"),
        ("1850年1月1日", "1850年の開館日はご案内できません。"),
    ],
)
def test_impossible_dates_get_a_polite_correction(text, expected):
    result = parse_date_ja(text, TODAY)
    assert isinstance(result, DateCorrection)
    assert result.message.startswith(expected)
    assert result.message.endswith("。")


@pytest.mark.parametrize("text", ["開館時間は？", "休館日はいつ？", "こんにちは", "", "交流館の住所を教えて"])
def test_no_date_gives_none(text):
    assert parse_date_ja(text, TODAY) is None


@pytest.mark.parametrize(
    "text,is_now",
    [
        ("今から行っても大丈夫？", True),
        ("今って開いてる？", True),
        ("いま開いてますか", True),
        ("今サポセン空いてる？", True),
        ("これから行けますか", True),
        ("今日は開いてる？", False),
        ("今度の土曜", False),
        ("今週の金曜", False),
        ("開いていますか", None),  # "います" is not いま
    ],
)
def test_now(text, is_now):
    result = parse_date_ja(text, TODAY)
    if is_now is None:
        assert result is None
    else:
        assert result.is_now is is_now


@pytest.mark.parametrize(
    "text,at",
    [
        ("今日の夜9時に行っても間に合いますか", time(21, 0)),
        ("明日19時に交流ホール行ける？", time(19, 0)),
        ("午後7時半", time(19, 30)),
        ("18:30に行きたい", time(18, 30)),
        ("午前9時", time(9, 0)),
    ],
)
def test_time_of_day(text, at):
    assert parse_date_ja(text, TODAY).at == at


def test_labels_for_periods_and_holidays():
    assert parse_date_ja("GW", TODAY).label == "ゴールデンウィーク"
    assert parse_date_ja("祝日", TODAY).label == "次の祝日（元日）"
    assert parse_date_ja("年末年始", TODAY).label == "年末年始"


def test_during_the_year_end_the_current_period_is_meant():
    result = parse_date_ja("年末年始", date(2027, 1, 2))
    assert (result.start, result.end) == (date(2026, 12, 29), date(2027, 1, 3))
    assert parse_date_ja("GW", date(2027, 5, 7)).start == date(2028, 4, 29)


@pytest.mark.parametrize(
    "text",
    [
        "99999999年99月99日",
        "2/0",
        "0月0日",
        "年月日",
        "？？？",
        "令和元年",
        "1/",
        "/5",
        "12:99",
        "25時",
        "明日明後日今日",
        "😀",
        "月曜月曜月曜",
    ],
)
def test_odd_text_never_raises(text):
    result = parse_date_ja(text, TODAY)
    assert result is None or isinstance(result, (DateQuery, DateCorrection))


def test_normalize():
    assert normalize("ｻﾎﾟｾﾝ　１２月 三十日") == "サポセン12月30日"
