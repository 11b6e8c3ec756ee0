"""Date expressions -> (ISO value, kind, year). Pure and memoised per surface string."""
from __future__ import annotations

import calendar
import re
from functools import lru_cache

from ..lexicon import MONTHS
from ..vocab import DateKind

_NUM_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_UNIT = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "Y", "hour": "H"}
_RELATIVE = re.compile(r"\b(today|tonight|yesterday|tomorrow|now|currently|recently|these days|nowadays|"
                       r"this (year|month|week|summer|fall|winter|spring)|last (year|month|week|night)|"
                       r"next (year|month|week)|the (past|last|next|following|previous) \w+|ago|"
                       r"early|later?|annual|daily|weekly|monthly|yearly|the time|childhood|"
                       r"teenage|youth)\b", re.I)
_AGE = re.compile(r"\b(aged?|years? old|\d+-year-old|when (i|he|she|they) (was|were))\b", re.I)
_DURATION = re.compile(r"^(?:for |about |over |nearly |almost |around |some |more than |the (?:past|last|next) )?"
                       r"(\d+|a|an|" + "|".join(_NUM_WORDS) + r")\s+(year|month|week|day|decade|hour)s?\b", re.I)
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_MONTHS = {m: i for i, m in enumerate(MONTHS, 1)}
# the shapes most dates have, read without dateparser: '29 December 1928', 'June 4, 1999', 'May 2001'
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2}) ([a-z]+),? (\d{4})", re.I)
_MONTH_DAY_YEAR = re.compile(r"([a-z]+) (\d{1,2}),? (\d{4})", re.I)
_MONTH_YEAR = re.compile(r"([a-z]+),? (\d{4})", re.I)
_DECADE = re.compile(r"\b(1[5-9]\d|20\d)0s\b")


@lru_cache(maxsize=65536)
def parse(text: str) -> tuple[str | None, DateKind, int | None]:
    """'22 June 1940' -> ('1940-06-22', date, 1940); '8 months' -> ('P8M', duration, None)."""
    t = " ".join(text.split())
    years = _YEAR.findall(t)
    year = int(years[0]) if years else None
    if _AGE.search(t):
        return None, DateKind.AGE, None
    m = _DURATION.match(t)
    if m and not years:
        n = m.group(1).lower()
        count = 1 if n in {"a", "an"} else _NUM_WORDS.get(n, None) if not n.isdigit() else int(n)
        unit = m.group(2).lower()
        if count is not None:
            count = count * 10 if unit == "decade" else count
            return f"P{count}{_UNIT[unit]}", DateKind.DURATION, None
    if years and len(set(years)) == 1 and not _DECADE.search(t):
        return _full_date(t, year), DateKind.DATE, year
    if _DECADE.search(t):
        return None, DateKind.DATE, year
    if years:  # a range or list of years: the first one dates it
        return years[0], DateKind.DATE, year
    if _RELATIVE.search(t) or not any(c.isdigit() for c in t):
        return None, DateKind.RELATIVE, None
    return None, DateKind.DATE, None


def _full_date(text: str, year: int) -> str:
    """The most precise ISO value the text gives: day, month or year."""
    if re.fullmatch(r"(the )?(year )?\d{4}s?", text, re.I):
        return str(year)
    return _plain_date(text) or _dateparser_date(text, year)


def _plain_date(text: str) -> str | None:
    """The ISO value of a day or a month in full words, as dateparser gives it; None for any other
    text (and for a day the month does not have), which dateparser reads instead."""
    if m := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = m.group(1), m.group(2), m.group(3)
    elif m := _MONTH_DAY_YEAR.fullmatch(text):
        month, day, year = m.group(1), m.group(2), m.group(3)
    elif m := _MONTH_YEAR.fullmatch(text):
        month, day, year = m.group(1), None, m.group(2)
    else:
        return None
    n = _MONTHS.get(month.lower())
    if n is None:
        return None
    if day is None:
        return f"{year}-{n:02d}"
    if not 1 <= int(day) <= calendar.monthrange(int(year), n)[1]:
        return None
    return f"{year}-{n:02d}-{int(day):02d}"


def _dateparser_date(text: str, year: int) -> str:
    parsed = _parser().get_date_data(text)
    if parsed and parsed.date_obj and parsed.date_obj.year == year:
        d = parsed.date_obj
        if parsed.period == "day":
            return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
        if parsed.period == "month":
            return f"{d.year:04d}-{d.month:02d}"
    return str(year)


@lru_cache(maxsize=1)
def _parser():
    import dateparser.date  # slow import: only when a date needs more than a year

    return dateparser.date.DateDataParser(languages=["en"], settings={
        "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"], "STRICT_PARSING": False})


_DAY_MONTH = re.compile(r"(?:on |from |until |by )?(?:(\d{1,2}) ([a-z]+)|([a-z]+) (\d{1,2})(?:st|nd|rd|th)?)", re.I)


def in_year(text: str, year: int) -> str | None:
    """'20 November', 'October 12' in a year the text has already given: its ISO day; None for any
    other text or a day the month does not have."""
    m = _DAY_MONTH.fullmatch(" ".join(text.split()))
    if m is None:
        return None
    day, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    n = _MONTHS.get(month.lower())
    if n is None or not 1 <= int(day) <= calendar.monthrange(year, n)[1]:
        return None
    return f"{year:04d}-{n:02d}-{int(day):02d}"
