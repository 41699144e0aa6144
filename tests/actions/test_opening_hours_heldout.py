"""Held-out date questions as citizens type them → the verdict in the first sentence.

Expected verdicts were worked out by hand from the handbook rule (毎週月曜日、月曜日が祝日の場合はその直後の
平日、年末年始 12月29日〜1月3日) and the holiday calendar. Each question runs through ``reply_for``, the code
path of action_answer_opening_hours (date parser → facility database → calendar rule → answer).
"""

from datetime import datetime

import pytest

from actions.opening_hours import reply_for
from bot.core.japanese_calendar import TOKYO
from bot.core.opening_answer import first_sentence

OPEN = "は開館しています（午前10時〜午後10時）。"
CLOSED = "は休館日です。"

HELD_OUT = [
    # (now in Tokyo, typed question, expected first sentence)
    # today and tomorrow
    ("2027-01-06 10:30", "今日って開いてる？", "2027年1月6日（水）" + OPEN),
    ("2027-01-06 10:30", "あしたサポセンやってる？", "2027年1月7日（木）" + OPEN),
    ("2027-01-06 15:00", "今から行っても大丈夫？", "2027年1月6日（水）" + OPEN),
    ("2027-01-12 11:00", "今日やってる？", "2027年1月12日（火）" + CLOSED),
    ("2026-12-30 18:00", "明日は？", "2026年12月31日（木）" + CLOSED),
    # holiday Mondays and the next 平日
    ("2027-01-10 09:00", "明日は交流館あいてますか", "2027年1月11日（月・祝）" + OPEN),
    ("2027-01-10 09:00", "あさってって休み？", "2027年1月12日（火）" + CLOSED),
    ("2027-01-06 12:00", "来週の月曜は？", "2027年1月11日（月・祝）" + OPEN),
    ("2027-01-06 12:00", "来週の火曜日に交流ホール使いたいんですけど", "2027年1月12日（火）" + CLOSED),
    ("2027-01-11 11:00", "今開いてますか", "2027年1月11日（月・祝）" + OPEN),
    ("2027-03-01 12:00", "3月22日って開いてる？", "2027年3月22日（月・休）" + OPEN),
    ("2027-03-01 12:00", "3月23日にサポセン行けますか", "2027年3月23日（火）" + CLOSED),
    ("2026-09-10 12:00", "9/22は？", "2026年9月22日（火・休）" + OPEN),
    ("2026-09-10 12:00", "9月24日は開館日ですか", "2026年9月24日（木）" + CLOSED),
    ("2028-01-05 12:00", "１／１１は開いてますか", "2028年1月11日（火）" + CLOSED),
    ("2027-07-10 12:00", "海の日は開いてる？", "2027年7月19日（月・祝）" + OPEN),
    ("2028-11-01 12:00", "2028年11月23日は？", "2028年11月23日（木・祝）" + OPEN),
    # year-end
    ("2026-11-25 12:00", "12月30日は？", "2026年12月30日（水）" + CLOSED),
    ("2026-11-25 12:00", "12/28はやってますか", "2026年12月28日（月）" + CLOSED),
    ("2026-11-25 12:00", "12月27日って開館してる？", "2026年12月27日（日）" + OPEN),
    ("2026-11-25 12:00", "1月4日はサポートセンターあいてますか", "2027年1月4日（月）" + CLOSED),
    ("2026-11-25 12:00", "１月５日から開いてる？", "2027年1月5日（火）" + OPEN),
    ("2026-11-25 12:00", "元日は開いてますか", "2027年1月1日（金・祝）" + CLOSED),
    (
        "2026-12-20 12:00",
        "今年の年末って開いてる？",
        "年末（2026年12月29日（火）〜12月31日（木））は、すべて休館日です。",
    ),
    # Golden Week
    ("2027-04-20 12:00", "5月6日は開いてる？", "2027年5月6日（木）" + CLOSED),
    ("2027-04-20 12:00", "5/3は開館してますか", "2027年5月3日（月・祝）" + OPEN),
    ("2027-05-01 12:00", "来週の木曜日って休館日？", "2027年5月6日（木）" + CLOSED),
    (
        "2027-04-20 12:00",
        "ゴールデンウィーク中は休みありますか",
        "ゴールデンウィーク（2027年4月29日（木・祝）〜5月5日（水・祝））は、すべて開館しています（午前10時〜午後10時）。",
    ),
    (
        "2026-04-20 12:00",
        "GWって開いてますか",
        "ゴールデンウィーク（2026年4月29日（水・祝）〜5月6日（水・休））は、すべて開館しています（午前10時〜午後10時）。",
    ),
    ("2026-04-20 12:00", "5月7日は？", "2026年5月7日（木）" + CLOSED),
]


@pytest.mark.parametrize("now,question,expected", HELD_OUT)
def test_first_sentence_verdict(temp_db, now, question, expected):
    moment = datetime.strptime(now, "%Y-%m-%d %H:%M").replace(tzinfo=TOKYO)
    assert first_sentence(reply_for(question, moment)) == expected
