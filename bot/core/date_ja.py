"""Japanese date expressions → a date (or a short period), or a polite correction; never an exception.

``parse_date_ja(text, today)``: 今日/明日/明後日, 今週・来週・再来週の○曜日, 今度の土曜, 週末, 来月, ○月○日, ○日,
YYYY年M月D日, 令和, M/D, YYYY/M/D, ranges (12/28〜1/4), 全角/kanji digits, 元日, 年末(年始), GW, お盆, 祝日 and
holiday names, 今/今から (``is_now``) and a time of day (19時). A date with no year is the next such date from
``today``; an impossible one (2月30日, 13月1日, 2027年2月29日) gives a ``DateCorrection`` with a polite message.

Why not ja-timex: 0.2.8 installs without touching the pins (the dry run only adds pendulum 3.0.0b1, a beta,
time-machine and tzdata), but it covers little of what citizens ask here: it raises ValueError on 2月30日,
resolves 1/12 and 15日 to past dates, returns 今日 as a duration and 来週の月曜 as two tags still to compose,
and knows nothing of GW, 元日, 年末年始 or 今から. These small rules are tested in tests/core/test_date_ja.py.
The corrections' sentences are in data/texts/dates.yml.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, time, timedelta

from bot.core.date_names import named_days
from bot.core.date_types import DateCorrection, DateQuery, ParseResult, correction, next_month_day
from bot.core.japanese_calendar import WEEKDAYS_JA
from bot.core.numerals import replace_kanji_numerals
from bot.core.text_fold import fold

MAX_RANGE_DAYS = 62
MIN_YEAR, MAX_YEAR = 2000, 2099


_WD = "([月火水木金土日])曜"
_NOW = re.compile(r"今(?![日度週月年晩夜朝回後])|いま(?=から|って|は|、|すぐ|開|空|行|やって|あい)|現在|これから")
_RELATIVE_DAYS = (
    ("しあさって|明々後日|明明後日", 3),
    ("明後日|あさって", 2),
    ("明日|あした|あす", 1),
    ("一昨日|おととい", -2),
    ("昨日|きのう", -1),
    ("今日|きょう|本日|今晩|今夜|今朝", 0),
)
_WEEK_OFFSETS = {"先週": -1, "今週": 0, "来週": 1, "再来週": 2}
_MONTH_OFFSETS = {"今月": 0, "来月": 1, "再来月": 2}
_YEAR_OFFSETS = {"去年": -1, "昨年": -1, "今年": 0, "本年": 0, "来年": 1, "再来年": 2}
_FULL_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日|(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})")
_MONTH_DAY = re.compile(
    r"(?:(去年|昨年|今年|本年|来年|再来年)の?)?(\d{1,2})月(\d{1,2})日|(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])"
)
_CONNECTOR = re.compile(r"^(から|より|〜|~|-|ー|－|—|の間?)$")


def normalize(typed: str) -> str:
    """NFKC (全角 digits, 半角 kana), no spaces, kanji numerals before 年/月/日/時 as digits, 令和 as 西暦."""
    folded = replace_kanji_numerals(fold(typed, spaces="drop"), "[年月日時]")
    return re.sub(r"令和(\d{1,2}|元)年", lambda m: f"{2018 + (1 if m.group(1) == '元' else int(m.group(1)))}年", folded)


def _month_daycorrection(month: int, day: int, year: int | None = None) -> DateCorrection | None:
    if not 1 <= month <= 12:
        return correction("dates.no_such_month", month=month)
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        return correction("dates.year_out_of_range", year=year, min_year=MIN_YEAR, max_year=MAX_YEAR)
    last = calendar.monthrange(year if year is not None else 2000, month)[1]  # 2000 is a leap year
    if 1 <= day <= last:
        return None
    if year is not None:
        return correction("dates.no_such_date_in_year", year=year, month=month, day=day, last=last)
    if month == 2 and day in (30, 31):
        return correction("dates.no_such_february_date", day=day)
    return correction("dates.no_such_date", month=month, day=day, last=last)


def _single_dates(text: str, today: date) -> list[tuple[int, int, date | DateCorrection, bool]]:
    """Every explicit date in ``text``: (start, end, date or correction, year given)."""
    found = []
    for m in _FULL_DATE.finditer(text):
        y, mo, d = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
        fix = _month_daycorrection(mo, d, y)
        found.append((m.start(), m.end(), fix or date(y, mo, d), True))
    for m in _MONTH_DAY.finditer(text):
        if any(s <= m.start() < e for s, e, _, _ in found):
            continue
        rel, mo, d = (
            (m.group(1), int(m.group(2)), int(m.group(3))) if m.group(2) else (None, int(m.group(4)), int(m.group(5)))
        )
        if rel is not None:
            y = today.year + _YEAR_OFFSETS[rel]
            fix = _month_daycorrection(mo, d, y)
            found.append((m.start(), m.end(), fix or date(y, mo, d), True))
        else:
            fix = _month_daycorrection(mo, d)
            found.append((m.start(), m.end(), fix or next_month_day(mo, d, today), False))
    return sorted(found, key=lambda f: f[0])


def _explicit(text: str, today: date) -> ParseResult | None:
    found = _single_dates(text, today)
    if not found:
        return None
    for _, _, value, _ in found:
        if isinstance(value, DateCorrection):
            return value
    (_, e1, first, _), rest = found[0], found[1:]
    if rest and _CONNECTOR.match(text[e1 : rest[0][0]]):
        second, second_has_year = rest[0][2], rest[0][3]
        assert isinstance(first, date) and isinstance(second, date)
        if not second_has_year:  # 12/28〜1/4: the end is the next such date from the start
            second = next_month_day(second.month, second.day, first)
        if second < first:
            return correction("dates.range_reversed")
        if (second - first).days >= MAX_RANGE_DAYS:
            return correction("dates.range_too_long")
        return DateQuery(first, second)
    assert isinstance(first, date)
    return DateQuery(first, first)


_WEEK_WORD = "(先週|今週|再来週|来週|今度|次|こんど|つぎ)?の?"
_WEEKDAY_RANGE = re.compile(_WEEK_WORD + _WD + "日?(?:から|〜|~|-|－)" + _WEEK_WORD + _WD)


def _weekday(word: str | None, weekday: str, today: date, after: date | None = None) -> date:
    """「来週の水曜」 (weeks start on Monday), 「次の水曜」, or a bare 「水曜」: the next one on or after ``after``."""
    monday = today - timedelta(days=today.weekday())
    index = WEEKDAYS_JA.index(weekday)
    if word in _WEEK_OFFSETS:
        return monday + timedelta(weeks=_WEEK_OFFSETS[word], days=index)
    base = after or today
    if word and after is None:  # 今度の/次の: strictly after today
        return today + timedelta(days=(index - today.weekday() - 1) % 7 + 1)
    return base + timedelta(days=(index - base.weekday()) % 7)


def _weeks(text: str, today: date) -> DateQuery | None:
    monday = today - timedelta(days=today.weekday())
    m = _WEEKDAY_RANGE.search(text)
    if m:  # 「来週の月曜から水曜まで」「金曜〜日曜」: the end is the next such weekday from the start
        start = _weekday(m.group(1), m.group(2), today)
        end = _weekday(m.group(3), m.group(4), today, None if m.group(3) else start)
        if end >= start:
            return DateQuery(start, end)
    m = re.search(r"(先週|今週|再来週|来週)(?:の?週末|末|の?土日)|週末|土日", text)
    if m:
        week = monday + timedelta(weeks=_WEEK_OFFSETS[m.group(1) or "今週"])
        saturday = week + timedelta(days=5)
        return DateQuery(max(saturday, today) if week == monday else saturday, week + timedelta(days=6), "週末")
    m = re.search(r"(先週|今週|再来週|来週)の?" + _WD, text)
    if m:
        d = monday + timedelta(weeks=_WEEK_OFFSETS[m.group(1)], days=WEEKDAYS_JA.index(m.group(2)))
        return DateQuery(d, d)
    m = re.search(r"(今度|次|こんど|つぎ)の?" + _WD, text)
    if m:
        d = today + timedelta(days=(WEEKDAYS_JA.index(m.group(2)) - today.weekday() - 1) % 7 + 1)
        return DateQuery(d, d)
    m = re.search(r"先週|今週|再来週|来週", text)
    if m:
        week = monday + timedelta(weeks=_WEEK_OFFSETS[m.group()])
        return DateQuery(max(week, today) if week == monday else week, week + timedelta(days=6), m.group())
    return None


def _months(text: str, today: date) -> ParseResult | None:
    """「2027年1月」「1月」「来月」 (no day after them) → that whole month; the current month from today."""
    m = re.search(r"(?:(\d{4})年)?(?<!\d)(\d{1,2})月(?!\d{1,2}日)", text)
    if m:
        year, month = (int(m.group(1)) if m.group(1) else None), int(m.group(2))
        fix = _month_daycorrection(month, 1, year)
        if fix:
            return fix
        if year is None:
            year = today.year if month >= today.month else today.year + 1
    else:
        m = re.search(r"(今月|来月|再来月)(?!の?\d{1,2}日)", text)
        if not m:
            return None
        index = today.month - 1 + _MONTH_OFFSETS[m.group(1)]
        year, month = today.year + index // 12, index % 12 + 1
    start = date(year, month, 1)
    end = date(year, month, calendar.monthrange(year, month)[1])
    return DateQuery(max(start, today) if start <= today <= end else start, end, f"{month}月")


def _relative(text: str, today: date) -> ParseResult | None:
    m = re.search(r"(\d{1,3})(日|週間)後", text)
    if m:
        d = today + timedelta(days=int(m.group(1)) * (7 if m.group(2) == "週間" else 1))
        return DateQuery(d, d)
    m = re.search(r"(今月|来月|再来月)の?(\d{1,2})日", text)
    if m:
        month_index = today.month - 1 + _MONTH_OFFSETS[m.group(1)]
        y, mo, day = today.year + month_index // 12, month_index % 12 + 1, int(m.group(2))
        return _month_daycorrection(mo, day, y) or DateQuery(date(y, mo, day), date(y, mo, day))
    m = re.search(r"(?<![\d月/])(\d{1,2})日(?![後間前])", text)
    if m:
        day = int(m.group(1))
        if not 1 <= day <= 31:
            return correction("dates.no_such_day", day=day)
        for months in range(0, 3):
            index = today.month - 1 + months
            y, mo = today.year + index // 12, index % 12 + 1
            if day <= calendar.monthrange(y, mo)[1] and date(y, mo, day) >= today:
                return DateQuery(date(y, mo, day), date(y, mo, day))
    for pattern, offset in _RELATIVE_DAYS:
        if re.search(pattern, text):
            d = today + timedelta(days=offset)
            return DateQuery(d, d)
    m = re.search(_WD, text)
    if m:
        d = today + timedelta(days=(WEEKDAYS_JA.index(m.group(1)) - today.weekday()) % 7)
        return DateQuery(d, d)
    return None


def parse_time_ja(text: str) -> time | None:
    """「19時」「午後7時半」「夜9時」「18:30」 → a time of day (None when there is none, or it is impossible)."""
    m = re.search(r"(午前|午後|朝|夜|夕方)?(\d{1,2})時(半|(\d{1,2})分)?", text)
    if m:
        hour, minute = int(m.group(2)), 30 if m.group(3) == "半" else int(m.group(4) or 0)
        if m.group(1) in ("午後", "夜", "夕方") and hour < 12:
            hour += 12
    else:
        m = re.search(r"(?<![\d/])(\d{1,2}):(\d{2})(?!\d)", text)
        if not m:
            return None
        hour, minute = int(m.group(1)), int(m.group(2))
    return time(hour, minute) if hour < 24 and minute < 60 else None


def parse_date_ja(text: str, today: date) -> ParseResult | None:
    """The date ``text`` asks about, a correction, or None when it names no date and no moment."""
    norm = normalize(text)
    is_now = bool(_NOW.search(norm))
    result: ParseResult | None = None
    for step in (_explicit, named_days, _weeks, _months, _relative):
        result = step(norm, today)
        if result is not None:
            break
    if isinstance(result, DateCorrection):
        return result
    at = parse_time_ja(norm)
    if result is None:
        if not is_now and at is None:
            return None
        return DateQuery(today, today, is_now=is_now, at=at)
    if result.is_range:
        return result
    shift = _day_shift(norm)
    if shift:
        day = result.start + timedelta(days=shift)
        return DateQuery(day, day, "", False, at)
    return DateQuery(result.start, result.end, result.label, is_now and result.start == today, at)


def _day_shift(norm: str) -> int:
    """「成人の日の翌日」「12/28の次の日」 → +1; 「元日の前日」 → -1; else 0 (「次の日曜」 is a weekday, no shift)."""
    if re.search(r"の(翌日|次の日(?!曜)|あくる日|後の日)", norm):
        return 1
    if re.search(r"の(前日|前の日)", norm):
        return -1
    return 0
