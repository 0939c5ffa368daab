"""Citation dates judged the way the wiki's citation module judges them, and a lenient reading.

The module (Module:Citation/CS1/Date_validation) accepts a closed list of forms: ``5 May 2019``,
``May 5, 2019``, ``2019-05-05``, ``May 2019``, ``2019``, seasons, quarters, ``Easter 2019``,
ranges (``5–7 May 2019``, ``May–June 2019``, ``2018–19``), ``c. 2019``, ``n.d.`` and a year
with a letter (``2019a``) that tells apart two works of one author and year. Month names are
English, capitalised, in full or in three letters (``Sep``, not ``Sept`` or ``Sep.``); days have
no leading zero; ranges take an en dash (a hyphen is accepted and fixed by a bot). It then
asks that the day exist, that a publication year be no later than next year (works announced
for next year are cited), and that an access date fall between the wiki's founding and
tomorrow (time zones).

A hand-written grammar is used rather than a general date parser: libraries such as
``dateparser`` or ``dateutil`` are built to read *anything* that might be a date (``5/6/19``,
``yesterday``), which is exactly what must be reported here, and the module's list of forms is
short. Whether a day exists is counted as the module counts it (Julian leap years before
1582), and the standard library's :class:`datetime.date` compares days with today.

Articles are not all English. A lenient reading is used where the strict grammar does not
apply: the dates of the French and German citation templates, and dates in
English-named templates written with the month names of other languages (``12 mars 2020``,
``3. März 2019``, ``5 de maio de 2018``), which the English wiki's module would reject but a
wiki in that language accepts. It yields a calendar date (to the year, month or day), or why
the day cannot exist, and never a verdict on the form.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum


class DateKind(Enum):
    """What a date parameter holds, which decides what it may be."""

    PUBLICATION = "publication"
    """``date``, ``publication-date``: any form; up to the end of next year."""
    YEAR = "year"
    """``year``: a year alone (with its letter, or ``c.``)."""
    ACCESS = "access"
    """``access-date``: a full date, from the wiki's founding to tomorrow."""
    ARCHIVE = "archive"
    """``archive-date``: no later than tomorrow; to the day, as its documentation asks."""


@dataclass(frozen=True, slots=True)
class Day:
    """A calendar date known to the year, the month or the day (the start of a range)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def full(self) -> bool:
        return self.day is not None

    def earliest(self) -> date:
        """The first day it can mean (a Julian 29 February, which the Gregorian lacks, as the
        28th: close enough for comparing with today)."""
        month = self.month or 1
        day = min(self.day or 1, days_in_month(max(self.year, 1583), month))
        return date(self.year, month, day)


WIKI_FOUNDED = date(2001, 1, 15)
"""No access date can be earlier: the module's lower bound."""

_LONG = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
_MONTHS = {name: i for i, full in enumerate(_LONG, 1) for name in (full, full[:3])}
# Seasons (Winter and Summer may span two years, as in the southern hemisphere), quarters and
# the two named days the module knows; none of them is a month, so a day cannot go with them.
_SEASONS = frozenset({"Winter", "Spring", "Summer", "Fall", "Autumn"})
_SPANNING_SEASONS = frozenset({"Winter", "Summer"})
_OTHER_NAMES = frozenset(
    {"First Quarter", "Second Quarter", "Third Quarter", "Fourth Quarter", "Easter", "Christmas"}
)

_BLANK = re.compile(r"(?:&nbsp;|&#160;|&#xa0;|\u00a0|&thinsp;|\u2009|\s)+", re.IGNORECASE)
_DASH_ENTITY = re.compile(r"&ndash;|&#8211;|&#x2013;|\{\{\s*(?:spaced )?ndash\s*\}\}", re.I)

_NAME = r"([^\W\d_](?:[^\W\d_]| (?=[^\W\d_]))*)"  # letters, words joined by single spaces
_D = r"([1-9][0-9]?)"
_Y = r"([0-9]{3,4})"
_Y4 = r"([0-9]{4})"
_LETTER = r"[a-z]?"
_DASH = r"[-–]"
_SPACED = r" [-–] "


# The module's forms (its ``patterns`` table), in its order. Groups hold the fields named after
# each pattern; a trailing letter (``2019a``) is allowed where the module allows it.
_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ymd", re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")),
    ("ymx", re.compile(r"([0-9]{4})-([0-9]{2})-XX")),  # EDTF: a month whose day is not known
    ("Mdy", re.compile(rf"{_NAME} {_D}, {_Y}{_LETTER}")),
    ("Md-dy", re.compile(rf"{_NAME} {_D}{_DASH}{_D}, {_Y4}{_LETTER}")),
    ("dMy", re.compile(rf"{_D} {_NAME} {_Y}{_LETTER}")),
    ("d-dMy", re.compile(rf"{_D}{_DASH}{_D} {_NAME} {_Y4}{_LETTER}")),
    ("dM-dMy", re.compile(rf"{_D} {_NAME}{_SPACED}{_D} {_NAME} {_Y4}{_LETTER}")),
    ("Md-Mdy", re.compile(rf"{_NAME} {_D}{_SPACED}{_NAME} {_D}, {_Y4}{_LETTER}")),
    ("dMy-dMy", re.compile(rf"{_D} {_NAME} {_Y4}{_SPACED}{_D} {_NAME} {_Y4}{_LETTER}")),
    ("Mdy-Mdy", re.compile(rf"{_NAME} {_D}, {_Y4}{_SPACED}{_NAME} {_D}, {_Y4}{_LETTER}")),
    ("Sy4-y2", re.compile(rf"{_NAME} ([0-9]{{2}})([0-9]{{2}}){_DASH}([0-9]{{2}}){_LETTER}")),
    ("Sy-y", re.compile(rf"{_NAME} {_Y4}{_DASH}{_Y4}{_LETTER}")),
    ("My-My", re.compile(rf"{_NAME} {_Y4}{_SPACED}{_NAME} {_Y4}{_LETTER}")),
    ("M-My", re.compile(rf"{_NAME}{_DASH}{_NAME} {_Y4}{_LETTER}")),
    ("My", re.compile(rf"{_NAME} {_Y4}{_LETTER}")),
    ("y-y", re.compile(rf"{_Y}{_DASH}{_Y}{_LETTER}")),
    ("y4-y2", re.compile(rf"([0-9]{{2}})([0-9]{{2}}){_DASH}([0-9]{{2}}){_LETTER}")),
    ("y", re.compile(rf"{_Y}{_LETTER}")),
)
_CIRCA = re.compile(r"c\. ([1-9][0-9]{2,3})[a-z]?")
_NO_DATE = re.compile(r"(?:n\.d\.|nd)[a-z]?")
_YEAR_ONLY = re.compile(r"[1-9][0-9]{2,3}[a-z]?")
_FULL_FORMS = frozenset({"ymd", "Mdy", "dMy"})


class _Invalid(Exception):
    """The value has one of the module's forms but names no real date."""


class _UnknownName(_Invalid):
    """A word where the module wants a month (or season) name: a matter of form."""


_NOT_A_FORM = "not a date form the citation module accepts"
NOT_FULL = "not a full date (day, month and year)"
"""An access or archive date to the month or year only (or a range). The module rejects such
an access date; it takes an archive date to the month, though its documentation asks for the
day."""


def normalise(value: str) -> str:
    """Blanks (``&nbsp;`` too) collapsed to one space and en-dash entities to the dash."""
    if "&" in value or "{" in value or "  " in value or _OTHER_BLANK.search(value):
        return _BLANK.sub(" ", _DASH_ENTITY.sub("–", value)).strip()
    return value.strip()  # most values: nothing to collapse


_OTHER_BLANK = re.compile(r"[^\S ]")
"""Whitespace other than a plain space (tabs, newlines, no-break spaces)."""


def days_in_month(year: int, month: int) -> int:
    """As the module counts them: Julian leap years before 1582, Gregorian ones after."""
    if month != 2:
        return _DAYS[month - 1]
    if year < 1582:
        return 29 if year % 4 == 0 else 28
    return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _unjudged(text: str) -> bool:
    """Empty, or holding a template or a tag (escaped too): what it shows is not known here."""
    return not text or "{{" in text or "<" in text or "&lt;" in text


@functools.lru_cache(maxsize=4096)  # access dates repeat within an article, and across
def judge_date(value: str, kind: DateKind, *, today: date, strict: bool) -> str | None:
    """Why a date parameter's value is invalid; None when it is valid or cannot be judged.

    ``strict`` holds the value to the citation module's forms (the English citation
    templates), except that a date written with another language's month names is only
    checked for being a real day and not in the future. Otherwise (other templates) only a
    date read leniently is judged, and only for being a real day and not in the future.
    """
    if strict:
        verdict, form_only = _judge_cs1(value, kind, today)
        if not form_only:
            return verdict
        foreign = _foreign_month_date(value)
        if foreign is None:
            return verdict
        if isinstance(foreign, str):
            return foreign  # another language's form, but a day that does not exist
        if kind in (DateKind.ACCESS, DateKind.ARCHIVE) and not foreign.full:
            return NOT_FULL
        return _judge_future(foreign, kind, today)
    found = _read(value)
    if isinstance(found, str):
        return found
    return None if found is None else _judge_future(found, kind, today)


def _judge_future(day: Day, kind: DateKind, today: date) -> str | None:
    if kind in (DateKind.PUBLICATION, DateKind.YEAR):
        return _year_limit(day.year, today)
    if day.earliest() > today + timedelta(days=1):
        return "in the future"
    return None


def judge_cs1_date(value: str, kind: DateKind, *, today: date) -> str | None:
    """Why the citation module would reject a date parameter's value; None when it accepts it.

    ``value`` is the parameter's source without comments; a value holding a template or a
    tag is not judged (what it becomes is not known here).
    """
    return _judge_cs1(value, kind, today)[0]


def _judge_cs1(value: str, kind: DateKind, today: date) -> tuple[str | None, bool]:
    """The verdict, and whether it is only about the form (another language may accept it)."""
    text = normalise(value)
    if _unjudged(text):
        return None, False
    if kind is DateKind.YEAR:
        verdict = _judge_year(text, today)
        return verdict, verdict == "not a year"
    if kind is DateKind.PUBLICATION:
        if _NO_DATE.fullmatch(text):
            return None, False
        if circa := _CIRCA.fullmatch(text):
            return _year_limit(int(circa[1]), today), False
    # An access or archive date is judged against tomorrow below, not against next year.
    limit = today.year + 1 if kind is DateKind.PUBLICATION else date.max.year
    try:
        start, form = _parse_cs1(text, limit)
    except _Invalid as error:
        return str(error), isinstance(error, _UnknownName)
    if start is None:
        return _NOT_A_FORM, True
    if kind is DateKind.PUBLICATION:
        return None, False
    if form not in _FULL_FORMS or not start.full or text[-1].isalpha():
        return NOT_FULL, False
    return _judge_recorded(start.earliest(), kind, today), False


def _judge_year(text: str, today: date) -> str | None:
    if circa := _CIRCA.fullmatch(text):
        return _year_limit(int(circa[1]), today)
    if not _YEAR_ONLY.fullmatch(text):
        return "not a year"
    return _year_limit(int(text.rstrip("abcdefghijklmnopqrstuvwxyz")), today)


def _year_limit(year: int, today: date) -> str | None:
    if year > today.year + 1:
        return f"in the future (a publication year can be at most {today.year + 1})"
    return None


def _judge_recorded(day: date, kind: DateKind, today: date) -> str | None:
    """An access or archive date: not after tomorrow (time zones), access not before 2001."""
    if day > today + timedelta(days=1):
        return "in the future"
    if kind is DateKind.ACCESS and day < WIKI_FOUNDED:
        return "earlier than the wiki itself (15 January 2001)"
    return None


def _parse_cs1(text: str, limit: int) -> tuple[Day | None, str]:
    for form, pattern in _FORMS:
        match = pattern.fullmatch(text)
        if match is not None:
            return _FIELDS[form](match.groups(), limit), form
    return None, ""


def _month(name: str) -> int:
    number = _MONTHS.get(name)
    if number is None:
        raise _UnknownName(f"{name!r} is not a month name the citation module knows")
    return number


def _year(text: str, limit: int) -> int:
    year = int(text)
    if year < 100:
        raise _Invalid(f"the year {text} is not a year")
    if year > limit:
        raise _Invalid(f"in the future (a publication year can be at most {limit})")
    return year


def _day(year: int, month: int, day: int) -> Day:
    last = days_in_month(year, month)
    if day > last:
        name = _LONG[month - 1]
        raise _Invalid(
            f"{name} {year} has no day {day}"
            if month != 2 or day != 29
            else f"{year} is not a leap year: February has no 29th"
        )
    return Day(year, month, day)


def _ordered(first: Day, second: Day) -> None:
    if first.earliest() >= second.earliest():
        raise _Invalid("the range ends before it starts")


def _season_or_month(name: str) -> tuple[str, int | None]:
    if name in _SEASONS:
        return "season", None
    if name in _OTHER_NAMES:
        return "other", None
    return "month", _month(name)


def _ymd(groups: tuple[str, ...], limit: int) -> Day:
    year, month, day = (int(g) for g in groups)
    if not 1 <= month <= 12 or day == 0:
        raise _Invalid("not a calendar date (year-month-day)")
    if year < 1582:
        raise _Invalid("a year-month-day date must be in the Gregorian calendar (from 1582)")
    return _day(_year(groups[0], limit), month, day)


def _ymx(groups: tuple[str, ...], limit: int) -> Day:
    year, month = (int(g) for g in groups)
    if not 1 <= month <= 12:
        raise _Invalid("not a calendar month (year-month-XX)")
    if year < 1582:
        raise _Invalid("a year-month-XX date must be in the Gregorian calendar (from 1582)")
    return Day(_year(groups[0], limit), month)


def _mdy(groups: tuple[str, ...], limit: int) -> Day:
    name, day, year = groups
    return _day(_year(year, limit), _month(name), int(day))


def _md_dy(groups: tuple[str, ...], limit: int) -> Day:
    name, first, last, year = groups
    month, number = _month(name), _year(year, limit)
    start, end = _day(number, month, int(first)), _day(number, month, int(last))
    _ordered(start, end)
    return start


def _dmy(groups: tuple[str, ...], limit: int) -> Day:
    day, name, year = groups
    return _day(_year(year, limit), _month(name), int(day))


def _d_dmy(groups: tuple[str, ...], limit: int) -> Day:
    first, last, name, year = groups
    return _md_dy((name, first, last, year), limit)


def _same_style(name: str, name2: str) -> None:
    """Both months in full or both abbreviated (``May`` is both): not ``Feb–March``."""
    if len(name) != len(name2) and "May" not in (name, name2) and 3 in (len(name), len(name2)):
        raise _Invalid(f"{name} and {name2}: write both months in full or both abbreviated")


_SEASON_ORDER = {"Winter": 1, "Spring": 2, "Summer": 3, "Fall": 4, "Autumn": 4}


def _month_range(name: str, name2: str) -> tuple[int | None, int | None]:
    """Two months (or seasons) of a range within a year, in order, in the same style."""
    kind, month = _season_or_month(name)
    kind2, month2 = _season_or_month(name2)
    if kind != kind2 or kind == "other":
        raise _Invalid(f"{name} and {name2} do not make a range")
    if kind == "season":
        first, last = _SEASON_ORDER[name], _SEASON_ORDER[name2]
        if first >= last and not (first == 4 and last == 1):  # Fall–Winter runs into next year
            raise _Invalid("the range ends before it starts")
        return None, None
    assert month is not None and month2 is not None
    if month >= month2:
        raise _Invalid("the range ends before it starts")
    _same_style(name, name2)
    return month, month2


def _dm_dmy(groups: tuple[str, ...], limit: int) -> Day:
    day, name, day2, name2, year = groups
    number = _year(year, limit)
    month, month2 = _month_range(_as_month(name), _as_month(name2))
    assert month is not None and month2 is not None
    _day(number, month2, int(day2))
    return _day(number, month, int(day))


def _as_month(name: str) -> str:
    _month(name)  # a season cannot take a day
    return name


def _md_mdy(groups: tuple[str, ...], limit: int) -> Day:
    name, day, name2, day2, year = groups
    return _dm_dmy((day, name, day2, name2, year), limit)


def _dmy_dmy(groups: tuple[str, ...], limit: int) -> Day:
    day, name, year, day2, name2, year2 = groups
    first, last = _year(year, limit), _year(year2, limit)
    if first >= last:
        raise _Invalid("the range ends before it starts")
    _same_style(name, name2)
    _day(last, _month(name2), int(day2))
    return _day(first, _month(name), int(day))


def _mdy_mdy(groups: tuple[str, ...], limit: int) -> Day:
    name, day, year, name2, day2, year2 = groups
    return _dmy_dmy((day, name, year, day2, name2, year2), limit)


def _spanning_season(name: str, first: int, last: int) -> Day:
    if name not in _SPANNING_SEASONS:
        raise _Invalid(f"only Winter and Summer span two years, not {name}")
    if last != first + 1:
        raise _Invalid("a season spans two consecutive years")
    return Day(first)


def _sy4_y2(groups: tuple[str, ...], limit: int) -> Day:
    name, century, first, last = groups
    start = _year(century + first, limit)
    return _spanning_season(name, start, int(century + last))


def _sy_y(groups: tuple[str, ...], limit: int) -> Day:
    name, first, last = groups
    _year(last, limit)
    return _spanning_season(name, _year(first, limit), int(last))


def _my_my(groups: tuple[str, ...], limit: int) -> Day:
    name, year, name2, year2 = groups
    kind, month = _season_or_month(name)
    kind2, _ = _season_or_month(name2)
    if kind != kind2 or kind == "other":
        raise _Invalid(f"{name} and {name2} do not make a range")
    if kind == "month":
        _same_style(name, name2)
    start, end = _year(year, limit), _year(year2, limit)
    if start >= end:
        raise _Invalid("the range ends before it starts")
    return Day(start, month)


def _m_my(groups: tuple[str, ...], limit: int) -> Day:
    name, name2, year = groups
    month, _ = _month_range(name, name2)
    return Day(_year(year, limit), month)


def _my(groups: tuple[str, ...], limit: int) -> Day:
    name, year = groups
    _, month = _season_or_month(name)
    return Day(_year(year, limit), month)


def _y_y(groups: tuple[str, ...], limit: int) -> Day:
    first, last = groups
    start, end = _year(first, limit), _year(last, limit)
    if start >= end:
        raise _Invalid("the range ends before it starts")
    return Day(start)


def _y4_y2(groups: tuple[str, ...], limit: int) -> Day:
    century, first, last = groups
    if int(last) < 13:  # 2003-05 might be May 2003: the module takes neither reading
        raise _Invalid("YYYY-MM (a year and a month, or a range?) is not a form the module accepts")
    return _y_y((century + first, century + last), limit)


def _y(groups: tuple[str, ...], limit: int) -> Day:
    return Day(_year(groups[0], limit))


_FIELDS = {
    "ymd": _ymd,
    "ymx": _ymx,
    "Mdy": _mdy,
    "Md-dy": _md_dy,
    "dMy": _dmy,
    "d-dMy": _d_dmy,
    "dM-dMy": _dm_dmy,
    "Md-Mdy": _md_mdy,
    "dMy-dMy": _dmy_dmy,
    "Mdy-Mdy": _mdy_mdy,
    "Sy4-y2": _sy4_y2,
    "Sy-y": _sy_y,
    "My-My": _my_my,
    "M-My": _m_my,
    "My": _my,
    "y-y": _y_y,
    "y4-y2": _y4_y2,
    "y": _y,
}


# ---------------------------------------------------------------- the lenient reading

# Month names (lower case) of the languages whose articles citecheck is tested on, with their
# usual abbreviations; English too, in any case. Names shared by several languages ("april",
# "august") agree on the number.
_FOREIGN_MONTHS: dict[str, int] = {}
for _names in (
    # English
    "january february march april may june july august september october november december",
    "jan feb mar apr may jun jul aug sep oct nov dec",
    # French (with and without accents) and its abbreviations
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "janv févr mars avr mai juin juil août sept oct nov déc",
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
    # German (and Austrian Jänner) and its abbreviations
    "januar februar märz april mai juni juli august september oktober november dezember",
    "jänner feb märz apr mai jun jul aug sept okt nov dez",
    # Spanish
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    # Portuguese
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    # Italian
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    # Dutch
    "januari februari maart april mei juni juli augustus september oktober november december",
):
    for _number, _name in enumerate(_names.split(), 1):
        _FOREIGN_MONTHS.setdefault(_name, _number)
_FOREIGN_MONTHS.update({"setiembre": 9, "sept": 9, "jän": 1, "janv": 1})

_WORD = r"([^\W\d_]+)\.?"
_LENIENT_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ymd", re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")),
    ("ym", re.compile(r"([0-9]{4})-([0-9]{2})")),
    ("d.m.y", re.compile(r"([0-9]{1,2})[./]\s?([0-9]{1,2})[./]\s?([0-9]{4})")),
    # 5 May 2019, 1er mars 2020, 3. März 2019, 5 de maio de 2018, 1º de enero de 2020
    ("dMy", re.compile(rf"([0-9]{{1,2}})(?:er|\.|º|\.º)? (?:de )?{_WORD},? (?:de )?([0-9]{{4}})")),
    ("Mdy", re.compile(rf"{_WORD} ([0-9]{{1,2}}),? ([0-9]{{4}})")),
    ("My", re.compile(rf"{_WORD},? (?:de )?([0-9]{{4}})")),
    ("y", re.compile(r"([0-9]{4})")),
)


def _foreign_month_date(value: str) -> Day | str | None:
    """A date written with a non-English month name (``12 mars 2020``), read leniently, or why
    it cannot exist; None when the value has no such month name."""
    text = normalise(value)
    words = re.findall(r"[^\W\d_]+", text.casefold())
    if not words or all(w in _ENGLISH_WORDS for w in words):
        return None
    if not any(w in _FOREIGN_MONTHS for w in words):
        return None
    return _read(text)


_ENGLISH_WORDS = frozenset(
    name.casefold() for name in (*_MONTHS, *_SEASONS, "quarter", "first", "second", "third")
) | {"fourth", "easter", "christmas", "c", "n", "d", "nd"}


def _read(value: str) -> Day | str | None:
    text = normalise(value)
    if _unjudged(text):
        return None
    for form, pattern in _LENIENT_FORMS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        groups = match.groups()
        if form == "ymd":
            year, month, day = (int(g) for g in groups)
        elif form == "ym":
            year, month, day = int(groups[0]), int(groups[1]), None
        elif form == "d.m.y":
            day, month, year = (int(g) for g in groups)
            if month > 12 >= day:  # 12/31/2019: month first, as in the United States
                day, month = month, day
        elif form in ("dMy", "Mdy"):
            if form == "dMy":
                day_text, name, year_text = groups
            else:
                name, day_text, year_text = groups
            found = _FOREIGN_MONTHS.get(name.casefold())
            if found is None:
                return None
            year, month, day = int(year_text), found, int(day_text)
        elif form == "My":
            found = _FOREIGN_MONTHS.get(groups[0].casefold())
            if found is None:
                return None
            year, month, day = int(groups[1]), found, None
        else:
            year, month, day = int(groups[0]), None, None
        if year < 1:
            return None  # not a year of the calendar: not read
        if month is None:
            return Day(year)
        if not 1 <= month <= 12:
            return f"there is no month {month}"
        if day is not None:
            last = days_in_month(year, month)
            if not 1 <= day <= last:
                return f"{_LONG[month - 1]} {year} has no day {day}"
        return Day(year, month, day)
    return None
