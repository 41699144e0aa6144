"""Several days and periods in one question → one answer listing the open and the closed days, with the reasons.

Each question runs through ``reply_for`` (the code path of action_answer_opening_hours) on a throw-away database.
Today is 2026-12-02 (Wednesday) unless the row says otherwise. The verdicts were worked out by hand from the handbook
rule (毎週月曜日、月曜日が祝日の場合はその直後の平日、年末年始 12月29日〜1月3日) and the holiday calendar.
"""

from datetime import datetime

import pytest

from actions.opening_hours import reply_for
from bot.core.japanese_calendar import TOKYO
from bot.core.opening_answer import first_sentence
from bot.tools import facilities

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=TOKYO)
HOURS = "（午前10時〜午後10時）"
WEEKLY = "毎週月曜日は休館となります。"
YEAR_END = "年末年始（12月29日から1月3日まで）は休館となります。"
AFTER_HOLIDAY = "1月11日（月）が祝日（成人の日）のため、その直後の平日が休館となります。"
KOURYUKAN = "金沢学生のまち市民交流館についてのご案内です。"

SEVERAL = [
    # (question, first line: open and closed days, the first day's kind first; lines that must follow, by their start)
    (
        "12/30と1/4は開いてる？",
        "12月30日（水）、2027年1月4日（月）は休館日です。",
        [YEAR_END, WEEKLY],
    ),
    (
        "来週の月曜と火曜は交流館使える？",
        "12月7日（月）は休館日です。12月8日（火）は開館しています" + HOURS + "。",
        [KOURYUKAN, WEEKLY],
    ),
    (
        "明日か明後日にサポセン行きたい",
        "12月3日（木）、12月4日（金）は開館しています" + HOURS + "。",
        ["金沢市市民活動サポートセンター（金沢学生のまち市民交流館1階）についてのご案内です。"],
    ),
    (
        "1月11日と12日はやってますか",
        "2027年1月11日（月・祝）は開館しています" + HOURS + "。2027年1月12日（火）は休館日です。",
        [AFTER_HOLIDAY],
    ),
    (
        "12月28日と1月5日って空いとる？",
        "12月28日（月）は休館日です。2027年1月5日（火）は開館しています" + HOURS + "。",
        [WEEKLY],
    ),
]


@pytest.mark.parametrize("question,first_line,then", SEVERAL)
def test_several_days_list_open_and_closed_days(temp_db, question, first_line, then):
    lines = reply_for(question, NOW).split("\n")
    assert lines[0] == first_line
    for sentence in then:
        assert any(line.startswith(sentence) for line in lines[1:]), sentence


RANGES = [
    # (question, first line, a line that must follow)
    (
        "来週の月曜から水曜まで開いてる？",
        "2026年12月7日（月）〜12月9日（水）のうち、休館日は12月7日（月）です。ほかの日は開館しています" + HOURS + "。",
        "開館日は12月8日（火）、12月9日（水）です。",
    ),
    (
        "今週の金曜から日曜ってやってる？",
        "2026年12月4日（金）〜12月6日（日）は、すべて開館しています" + HOURS + "。",
        "なお、翌日の2026年12月7日（月）は休館日です。" + WEEKLY,
    ),
    (
        "お盆休みに交流館行けますか",
        "お盆（2027年8月13日（金）〜8月16日（月））のうち、休館日は8月16日（月）です。ほかの日は開館しています"
        + HOURS
        + "。",
        "開館日は8月13日（金）、8月14日（土）、8月15日（日）です。",
    ),
    (
        "年末年始はいつからいつまで休み？",
        "年末年始（2026年12月29日（火）〜2027年1月3日（日））は、すべて休館日です。",
        "次の開館日は2027年1月5日（火）です。",
    ),
    (
        "年明けっていつから開いとるん",
        "年明け（2027年1月1日（金・祝）〜1月4日（月））は、すべて休館日です。",
        "次の開館日は2027年1月5日（火）です。",
    ),
]


@pytest.mark.parametrize("question,first,then", RANGES)
def test_a_period_lists_its_open_and_closed_days(temp_db, question, first, then):
    reply = reply_for(question, NOW)
    lines = reply.split("\n")
    assert lines[0] == first
    assert then in lines


def test_a_long_period_lists_the_closed_days_and_sums_up_the_rest(temp_db):
    reply = reply_for("12月7日から12月27日までで休みの日は？", NOW)
    assert reply.split("\n")[0] == (
        "2026年12月7日（月）〜12月27日（日）のうち、休館日は12月7日（月）、12月14日（月）、12月21日（月）です。"
        "ほかの日は開館しています" + HOURS + "。"
    )
    assert not any(line.startswith("開館日は") for line in reply.split("\n"))  # 18 open days are not listed


def test_many_days_asked_together_list_only_the_closed_ones(temp_db):
    reply = reply_for("来週と再来週と12月28日は？", NOW)
    assert reply.split("\n")[0] == (
        "12月7日（月）、12月14日（月）、12月28日（月）は休館日です。ほかの日は開館しています" + HOURS + "。"
    )


def test_a_special_closure_from_the_database_is_named_with_its_reason(temp_db):
    assert facilities.main(["close", "2026-12-10", "--reason", "設備点検", "--facility", "交流館"]) == 0
    reply = reply_for("12月9日と10日は開いてますか", NOW)
    assert reply.startswith(
        "【金沢学生のまち市民交流館】12月9日（水）は開館しています" + HOURS + "。12月10日（木）は休館日です。"
    )
    assert "設備点検のため、臨時に休館となります。" in reply
    assert "【金沢市市民活動サポートセンター】12月9日（水）、12月10日（木）は開館しています" + HOURS + "。" in reply


def test_one_day_keeps_the_single_day_answer(temp_db):
    assert (
        first_sentence(reply_for("来週の水曜って開いてる？", NOW))
        == "2026年12月9日（水）は開館しています" + HOURS + "。"
    )
