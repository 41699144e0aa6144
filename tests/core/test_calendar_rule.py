"""The opening-day rule: 月曜休館, the 祝日 shift to the next 平日, 年末年始, special days, and the clock."""

from datetime import date, datetime, time, timezone

import pytest

from bot.core import calendar_rule as rule
from bot.core import japanese_calendar as jc
from bot.core.calendar_rule import FacilityInfo, SpecialDayInfo, next_open_day, status_on

HALL = FacilityInfo(key="kouryukan", name="金沢学生のまち市民交流館", short_name="交流館")

OPEN, WEEKLY, SHIFT, YEAR_END = rule.KIND_OPEN, rule.KIND_WEEKLY, rule.KIND_HOLIDAY_SHIFT, rule.KIND_YEAR_END

# (date, open?, kind) — worked out by hand from the handbook rule and the holiday calendar.
TABLE = [
    # year-end edges
    ("2026-12-27", True, OPEN),  # Sun, last open day of 2026
    ("2026-12-28", False, WEEKLY),  # Mon
    ("2026-12-29", False, YEAR_END),
    ("2026-12-31", False, YEAR_END),
    ("2027-01-01", False, YEAR_END),  # 元日 is closed too
    ("2027-01-03", False, YEAR_END),  # Sun, last day of the period
    ("2027-01-04", False, WEEKLY),  # Mon right after the period
    ("2027-01-05", True, OPEN),
    ("2028-12-28", True, OPEN),  # Thu
    ("2028-12-29", False, YEAR_END),  # Fri
    ("2028-01-01", False, YEAR_END),  # Sat, 元日
    ("2026-01-04", True, OPEN),  # Sun after the 2025/26 period
    ("2026-01-05", False, WEEKLY),
    # Monday holidays and the next 平日
    ("2027-01-11", True, OPEN),  # Mon 成人の日
    ("2027-01-12", False, SHIFT),
    ("2027-01-13", True, OPEN),
    ("2026-02-23", True, OPEN),  # Mon 天皇誕生日
    ("2026-02-24", False, SHIFT),
    ("2026-07-20", True, OPEN),  # Mon 海の日
    ("2026-07-21", False, SHIFT),
    ("2026-11-23", True, OPEN),  # Mon 勤労感謝の日
    ("2026-11-24", False, SHIFT),
    ("2028-01-10", True, OPEN),  # Mon 成人の日
    ("2028-01-11", False, SHIFT),
    ("2028-09-18", True, OPEN),  # Mon 敬老の日
    ("2028-09-19", False, SHIFT),
    ("2028-03-20", True, OPEN),  # Mon 春分の日
    ("2028-03-21", False, SHIFT),
    # 振替休日 on a Monday, and a 国民の休日 chain
    ("2027-03-22", True, OPEN),  # Mon 春分の日 振替休日
    ("2027-03-23", False, SHIFT),
    ("2026-09-21", True, OPEN),  # Mon 敬老の日
    ("2026-09-22", True, OPEN),  # Tue 国民の休日
    ("2026-09-23", True, OPEN),  # Wed 秋分の日
    ("2026-09-24", False, SHIFT),  # Thu: first 平日
    # Golden Week chains
    ("2027-05-03", True, OPEN),  # Mon 憲法記念日
    ("2027-05-04", True, OPEN),
    ("2027-05-05", True, OPEN),
    ("2027-05-06", False, SHIFT),  # Thu
    ("2027-05-07", True, OPEN),
    ("2026-05-04", True, OPEN),  # Mon みどりの日
    ("2026-05-05", True, OPEN),
    ("2026-05-06", True, OPEN),  # Wed 振替休日 (憲法記念日 fell on a Sunday)
    ("2026-05-07", False, SHIFT),  # Thu
    ("2028-05-01", False, WEEKLY),  # Mon, not a holiday
    ("2028-05-03", True, OPEN),
    ("2028-05-05", True, OPEN),  # Fri
    ("2028-05-08", False, WEEKLY),
    # ordinary days and holidays that are not Mondays
    ("2026-03-20", True, OPEN),  # Fri 春分の日
    ("2027-02-11", True, OPEN),  # Thu 建国記念の日
    ("2028-02-29", True, OPEN),  # Tue, leap day
    ("2027-01-18", False, WEEKLY),
]


@pytest.mark.parametrize("day,is_open,kind", TABLE)
def test_rule_table(day, is_open, kind):
    status = status_on(HALL, date.fromisoformat(day))
    assert (status.is_open, status.kind) == (is_open, kind)
    assert status.verdict.startswith(jc.format_date(date.fromisoformat(day)))
    assert ("開館しています" in status.verdict) is is_open


@pytest.mark.parametrize(
    "day,holiday",
    [
        ("2027-01-11", "成人の日"),
        ("2027-03-22", "春分の日 振替休日"),
        ("2026-05-06", "憲法記念日 振替休日"),
        ("2026-09-22", "国民の休日"),
        ("2027-05-03", "憲法記念日"),
        ("2027-05-06", None),
    ],
)
def test_jpholiday_facts_the_table_relies_on(day, holiday):
    assert jc.holiday_name(date.fromisoformat(day)) == holiday


def test_issue_sentences_exactly():
    assert status_on(HALL, date(2027, 1, 12)).text == (
        "2027年1月12日（火）は休館日です。1月11日（月）が祝日（成人の日）のため、その直後の平日が休館となります。"
    )
    assert (
        status_on(HALL, date(2027, 1, 11)).verdict == "2027年1月11日（月・祝）は開館しています（午前10時〜午後10時）。"
    )


@pytest.mark.parametrize(
    "day,text",
    [
        ("2026-12-30", "2026年12月30日（水）は休館日です。年末年始（12月29日から1月3日まで）は休館となります。"),
        ("2027-01-18", "2027年1月18日（月）は休館日です。毎週月曜日は休館となります。"),
        (
            "2027-03-23",
            "2027年3月23日（火）は休館日です。3月22日（月）が休日（春分の日の振替休日）のため、その直後の平日が休館となります。",
        ),
        (
            "2027-05-06",
            "2027年5月6日（木）は休館日です。5月3日（月）が祝日（憲法記念日）のため、その直後の平日が休館となります。",
        ),
        (
            "2026-09-24",
            "2026年9月24日（木）は休館日です。9月21日（月）が祝日（敬老の日）のため、その直後の平日が休館となります。",
        ),
    ],
)
def test_closed_sentences(day, text):
    assert status_on(HALL, date.fromisoformat(day)).text == text


def test_monday_holiday_says_which_day_closes_instead():
    status = status_on(HALL, date(2027, 5, 3))
    assert status.verdict == "2027年5月3日（月・祝）は開館しています（午前10時〜午後10時）。"
    assert "5月6日（木）が休館となります" in status.reason


def test_special_closure_overrides_an_open_day():
    special = {date(2027, 2, 10): SpecialDayInfo(date(2027, 2, 10), False, "設備点検")}
    status = status_on(HALL, date(2027, 2, 10), special)
    assert (status.is_open, status.kind) == (False, rule.KIND_SPECIAL_CLOSED)
    assert status.text == "2027年2月10日（水）は臨時休館日です。設備点検のため、臨時に休館となります。"
    assert status_on(HALL, date(2027, 2, 10)).is_open  # without the table: a normal Wednesday
    assert status_on(HALL, date(2027, 2, 9), special).is_open


def test_special_opening_overrides_the_year_end():
    special = {date(2026, 12, 29): SpecialDayInfo(date(2026, 12, 29), True, "年末特別相談会のため")}
    status = status_on(HALL, date(2026, 12, 29), special)
    assert (status.is_open, status.kind) == (True, rule.KIND_SPECIAL_OPEN)
    assert status.verdict == "2026年12月29日（火）は特別に開館します（午前10時〜午後10時）。"
    assert status.reason == "年末特別相談会のための特別開館です。"


@pytest.mark.parametrize(
    "after,expected",
    [
        ("2026-12-28", "2027-01-05"),  # through the year-end and the Monday after it
        ("2027-01-11", "2027-01-13"),  # skips the shifted closure
        ("2027-05-05", "2027-05-07"),
        ("2026-11-29", "2026-12-01"),
    ],
)
def test_next_open_day(after, expected):
    assert next_open_day(HALL, date.fromisoformat(after)).day == date.fromisoformat(expected)


def test_next_open_day_skips_special_closures():
    special = {date(2027, 1, 13): SpecialDayInfo(date(2027, 1, 13), False, "")}
    assert next_open_day(HALL, date(2027, 1, 11), special).day == date(2027, 1, 14)


def test_rule_reads_the_facility_record():
    tuesday_place = FacilityInfo(
        key="x",
        name="X",
        short_name="X",
        opens=time(9),
        closes=time(17),
        closed_weekday=1,
        year_end_start=(12, 28),
        year_end_end=(1, 4),
    )
    assert status_on(tuesday_place, date(2027, 1, 11)).is_open  # Monday holiday: not its closed day
    assert status_on(tuesday_place, date(2027, 1, 19)).kind == WEEKLY  # Tue
    assert status_on(tuesday_place, date(2027, 1, 4)).kind == YEAR_END
    assert status_on(tuesday_place, date(2027, 1, 5)).kind == WEEKLY
    assert "（午前9時〜午後5時）" in status_on(tuesday_place, date(2027, 1, 6)).verdict
    assert "毎週火曜日" in status_on(tuesday_place, date(2027, 1, 19)).reason


def test_holidays_are_cached_per_year():
    jc._holidays_of_year.cache_clear()
    for day in range(1, 29):
        jc.holiday_name(date(2027, 2, day))
    info = jc._holidays_of_year.cache_info()
    assert (info.misses, info.hits) == (1, 27)


@pytest.mark.parametrize(
    "utc,expected",
    [
        # the server clock in UTC; the answer is in Asia/Tokyo (UTC+9)
        ((2027, 1, 13, 0, 30), "ただいま（午前9時30分）は開館前です。午前10時に開館します。"),
        ((2027, 1, 13, 3, 0), "ただいま（正午）は開館時間内です（午後10時まで）。"),
        ((2027, 1, 13, 12, 59), "ただいま（午後9時59分）は開館時間内です（午後10時まで）。"),
        ((2027, 1, 13, 13, 0), "ただいま（午後10時）は本日の開館時間（午後10時まで）を過ぎています。"),
    ],
)
def test_now_in_tokyo_whatever_the_server_timezone(utc, expected):
    now = jc.now_in_tokyo(datetime(*utc, tzinfo=timezone.utc))
    assert now.date() == date(2027, 1, 13)
    assert rule.now_sentence(status_on(HALL, now.date()), HALL, now) == expected


def test_now_on_a_closed_day():
    now = jc.now_in_tokyo(datetime(2027, 1, 12, 3, 0, tzinfo=timezone.utc))
    assert rule.now_sentence(status_on(HALL, now.date()), HALL, now) == "ただいま（正午）はご利用いただけません。"


@pytest.mark.parametrize(
    "at,expected",
    [
        (time(21, 30), "午後9時30分は開館時間内です。"),
        (time(22, 0), "午後10時は開館時間外です（開館は午前10時〜午後10時）。"),
        (time(9, 0), "午前9時は開館時間外です（開館は午前10時〜午後10時）。"),
    ],
)
def test_time_sentence(at, expected):
    assert rule.time_sentence(status_on(HALL, date(2027, 1, 13)), HALL, at) == expected
