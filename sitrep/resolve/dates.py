"""Publication dates and event-time expressions -> ISO dates with a precision.

Two jobs:

* :func:`parse_publication_date` reads the date an article carries (ISO,
  "1 July 2021", RFC 2822 from feeds, numeric when unambiguous) and refuses
  impossible or absurd dates with :class:`~sitrep.errors.BadDateError`.
* :func:`resolve_expression` turns a time expression found in the text
  ("on Sunday", "last week", "in February", "January 2020") into a date
  relative to the publication date.

**The date convention.** A resolved date is the *first day of the period the
expression names*, and the precision says how long that period is:

====================  ================================================  ============
precision             date                                              ACLED
====================  ================================================  ============
``"day"``             that day                                          1
``"week"``            the Monday of that (ISO) week; a weekend belongs  2
                      to the week of the Monday before it
``"month"``           the 1st of the month                              3
``"year"``            1 January                                         (none)
====================  ================================================  ============

So ``(date, precision)`` always denotes the interval :func:`date_range`
returns, which is what deduplication and matching against UCDP's
``date_start``/``date_end`` need. ACLED codes "within a week" with
time_precision 2; it only promises the week, as we do.

Further rules, all relative to the publication date ``pub``:

* A weekday ("Sunday", "on Sunday", "late on Tuesday", "Tuesday night") is the
  most recent such day on or before ``pub``; "last Sunday" the most recent one
  strictly before ``pub``; "next Sunday" the first one after it.
* "overnight" and "last night" are the day before ``pub`` (the night began
  then); "today", "tonight", "this morning" are ``pub``.
* A month without a year ("in February") is that month of ``pub``'s year, or
  of the year before when the month lies after ``pub``'s month. A month and
  day without a year ("on June 27") likewise, except that a day up to
  ``defaults.DATE_FUTURE_TOLERANCE_DAYS`` after ``pub`` stays in ``pub``'s year
  (scheduled events, feeds stamped in another time zone).
* "since January 2020", "until March" resolve to the date named (the start or
  end of the span); the caller keeps the word if it needs the span.
* "early/mid/late June", "the end of June" -> June (month); "so far this year"
  -> this year (year); "in the past three days" -> that week, "over the last
  year" -> that year; spans longer than a year ("in the last 80 years") and
  decades do not resolve.
* Text about the future ("will meet on Thursday") reads bare weekdays and
  months forward with ``prefer="future"``; the caller decides, with
  :func:`sitrep.nlp.timex.expression_tense`.

Without a publication date only expressions carrying their own year resolve.
Our own rules run first (precompiled regular expressions, ~0.1 ms uncached); dateparser
(``languages=['en']``, ``RELATIVE_BASE`` = ``pub``, ``PREFER_DATES_FROM='past'``)
is the fallback for forms the rules do not know, and its answers are checked
(it puts "on the 27th" in the future and "next Friday" a week late).
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from sitrep import defaults
from sitrep.datafiles import read_yaml
from sitrep.errors import BadDateError, DataFileError
from sitrep.models import DATE_PRECISIONS
from sitrep.resolve.numbers import parse_count

TIMEX_FILE = defaults.DATA_DIR / "timex.yaml"

# --- calendar words ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Calendar:
    """Month and weekday words from ``timex.yaml``."""

    #: lower-case name or abbreviation -> month number 1..12
    months: dict[str, int]
    month_names: tuple[str, ...]
    month_abbreviations: tuple[str, ...]
    ambiguous_months: frozenset[str]
    #: lower-case name or abbreviation -> weekday 0 (Monday) .. 6
    weekdays: dict[str, int]
    weekday_names: tuple[str, ...]
    weekday_abbreviations: tuple[str, ...]
    parts_of_day: tuple[str, ...]


def _names(raw: Any, section: str, low: int, high: int,
           path: Path) -> tuple[dict[str, int], list[str], list[str]]:
    if not isinstance(raw, list) or len(raw) != high - low + 1:
        raise DataFileError(f"entry {section!r}: must list all {high - low + 1} {section}", item=path.name)
    lookup: dict[str, int] = {}
    names: list[str] = []
    abbrs: list[str] = []
    for i, entry in enumerate(raw):
        where = f"{section}[{i}]"
        if not isinstance(entry, dict):
            raise DataFileError(f"entry {where!r}: must be a mapping", item=path.name)
        number, name, ab = entry.get("number"), entry.get("name"), entry.get("abbreviations", [])
        if not isinstance(number, int) or not low <= number <= high or number in lookup.values():
            raise DataFileError(f"entry {where!r}: number must be {low}..{high}, once", item=path.name)
        if not isinstance(name, str) or not name.isalpha():
            raise DataFileError(f"entry {where!r}: name must be a word", item=path.name)
        if not isinstance(ab, list) or not all(isinstance(a, str) and a.isalpha() for a in ab):
            raise DataFileError(f"entry {where!r}: abbreviations must be a list of words", item=path.name)
        names.append(name)
        abbrs.extend(ab)
        for word in [name, *ab]:
            lookup[word.lower()] = number
    return lookup, names, abbrs


@cache
def load_calendar(path: Path = TIMEX_FILE) -> Calendar:
    """Read and check ``timex.yaml``; raises DataFileError naming the entry."""
    raw = read_yaml(path, "calendar words")
    if not isinstance(raw, dict):
        raise DataFileError("entry '<top>': must be a mapping", item=path.name)
    months, month_names, month_abbrs = _names(raw.get("months"), "months", 1, 12, path)
    weekdays, weekday_names, weekday_abbrs = _names(raw.get("weekdays"), "weekdays", 0, 6, path)
    amb = raw.get("ambiguous_months", [])
    if not isinstance(amb, list) or not all(a in month_names for a in amb):
        raise DataFileError("entry 'ambiguous_months': must list month names", item=path.name)
    parts = raw.get("parts_of_day", [])
    if not isinstance(parts, list) or not all(isinstance(p, str) for p in parts):
        raise DataFileError("entry 'parts_of_day': must be a list of words", item=path.name)
    return Calendar(
        months=months, month_names=tuple(month_names), month_abbreviations=tuple(month_abbrs),
        ambiguous_months=frozenset(amb), weekdays=weekdays, weekday_names=tuple(weekday_names),
        weekday_abbreviations=tuple(weekday_abbrs), parts_of_day=tuple(p.lower() for p in parts),
    )


@cache
def calendar_names() -> frozenset[str]:
    """The lower-case month and weekday names of ``timex.yaml`` ("march", "sunday"), no abbreviations."""
    cal = load_calendar()
    return frozenset(n.lower() for n in (*cal.month_names, *cal.weekday_names))


# --- publication dates ---------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?$",
                  re.IGNORECASE)
_ISO_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_YMD_SLASH = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_TIME_TAIL = re.compile(
    r"[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,5}|[+-]\d{4}|[+-]\d{2}:\d{2}))?$",
    re.IGNORECASE)


def _calendar_date(y: int, m: int, d: int, raw: str, item: str | None) -> date:
    if not defaults.MIN_YEAR <= y <= defaults.MAX_YEAR:
        raise BadDateError(
            f"date {raw!r} has year {y}, outside {defaults.MIN_YEAR}..{defaults.MAX_YEAR}", item=item)
    try:
        return date(y, m, d)
    except ValueError:
        raise BadDateError(f"date {raw!r} is not a real calendar date", item=item) from None


def _words_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) from "1 July 2021", "July 1, 2021", "Thu, 01 Jul 2021"."""
    cal = load_calendar()
    s = re.sub(r"[.,]", " ", text.lower())
    s = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", s)
    words = [w for w in s.split() if w not in cal.weekdays and w != "of" and w != "the"]
    if len(words) != 3:
        return None
    month_pos = [i for i, w in enumerate(words) if w in cal.months]
    if len(month_pos) != 1:
        return None
    mi = month_pos[0]
    nums = [w for i, w in enumerate(words) if i != mi]
    if not all(n.isdigit() for n in nums):
        return None
    if mi == 0:
        d, y = nums  # July 1 2021
    elif mi == 1:
        d, y = nums  # 1 July 2021
        if len(d) == 4:  # 2021 July 1
            y, d = nums
    else:
        return None
    if len(y) != 4 or len(d) > 2:
        return None
    return int(y), cal.months[words[mi]], int(d)


_DAY_MON_YEAR = re.compile(r"^(\d{1,2})-([A-Za-z]{3})-(\d{4})\b")
_MONTH_ABBR = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def parse_publication_date(value: str | date, *, item: str | None = None, dayfirst: bool | None = None) -> str:
    """An article's publication date as ISO ``YYYY-MM-DD``.

    Accepts ISO dates and datetimes ("2021-07-01", "2021-07-01T09:30:00Z"; the
    stated local date is kept, not converted to UTC), "20210701", "2021/07/01",
    dates in words ("1 July 2021", "July 1, 2021", "Thursday, 1 July 2021"),
    RFC 2822 as feeds write it ("Thu, 01 Jul 2021 10:00:00 +0000"), and numeric
    day/month/year dates *when they are unambiguous*: "31/12/2021" is day-first
    because 31 cannot be a month, "12/31/2021" month-first. "07/01/2021" could
    be either and raises BadDateError unless ``dayfirst`` says which.

    Raises BadDateError naming ``item`` for an impossible date ("31/02/2021",
    "2021-13-01"), a year outside ``defaults.MIN_YEAR..MAX_YEAR``, an ambiguous
    numeric date, or anything unreadable (relative words such as "yesterday"
    included: a publication date must be absolute).
    """
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return _calendar_date(value.year, value.month, value.day, value.isoformat(), item).isoformat()
    if not isinstance(value, str) or not value.strip():
        raise BadDateError(f"publication date {value!r} is empty", item=item)
    raw = value.strip()
    s = raw
    for pattern in (_ISO, _ISO_COMPACT, _YMD_SLASH):
        m = pattern.match(s)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            return _calendar_date(y, mo, d, raw, item).isoformat()
    m = _DAY_MON_YEAR.match(s)  # newswire archives: "26-FEB-1987 15:01:01.79"
    if m and m.group(2).lower() in _MONTH_ABBR:
        return _calendar_date(int(m.group(3)), _MONTH_ABBR[m.group(2).lower()], int(m.group(1)), raw, item).isoformat()
    m = _NUMERIC.match(s)
    if m:
        a, b, y = (int(g) for g in m.groups())
        if a > 12 and b > 12:
            raise BadDateError(f"date {raw!r} is not a real calendar date", item=item)
        if a > 12 or (b <= 12 and dayfirst is True) or a == b:
            d, mo = a, b
        elif b > 12 or dayfirst is False:
            mo, d = a, b
        else:
            raise BadDateError(
                f"date {raw!r} is ambiguous (day/month or month/day); write it as ISO YYYY-MM-DD", item=item)
        return _calendar_date(y, mo, d, raw, item).isoformat()
    # RFC 2822 and dates in words: drop a trailing time and zone, then read the words.
    s = _TIME_TAIL.sub("", s)
    ymd = _words_date(s)
    if ymd is not None:
        return _calendar_date(*ymd, raw, item).isoformat()
    try:
        parsed = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return _calendar_date(parsed.year, parsed.month, parsed.day, raw, item).isoformat()
    raise BadDateError(f"cannot read publication date {raw!r}; use ISO YYYY-MM-DD", item=item)


# --- periods ----------------------------------------------------------------------------------


def period_start(day: date, precision: str) -> date:
    """The first day of the ``precision`` period holding ``day`` (see module docstring)."""
    if precision == "week":
        return day - timedelta(days=day.weekday())
    if precision == "month":
        return day.replace(day=1)
    if precision == "year":
        return day.replace(month=1, day=1)
    return day


def date_range(iso: str, precision: str | None) -> tuple[str, str]:
    """First and last day (ISO, inclusive) of the period ``(iso, precision)`` denotes.

    ``"publication"`` and None are treated as a week, as ACLED would code a
    report that gives no date.
    """
    start = date.fromisoformat(iso)
    if precision in (None, "publication", "week"):
        start = period_start(start, "week")
        end = start + timedelta(days=6)
    elif precision == "month":
        start = start.replace(day=1)
        nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        end = nxt - timedelta(days=1)
    elif precision == "year":
        start, end = date(start.year, 1, 1), date(start.year, 12, 31)
    elif precision == "day":
        end = start
    else:
        raise ValueError(f"unknown precision {precision!r}; one of {DATE_PRECISIONS}")
    return start.isoformat(), end.isoformat()


#: The part of a month or year an expression names: "early June", "in mid-May", "the first half
#: of 2015". The date stays the period's first day at its precision (ACLED codes "early June" as
#: June); the part only says how late in the period the happening can be.
_PART = re.compile(r"(?i)\b(?:(?P<early>early|the\s+beginning\s+of|the\s+start\s+of)|(?P<mid>mid|the\s+middle\s+of)|"
                   r"(?P<half>the\s+first\s+half\s+of))(?:\s+|-)")
#: Last day of each part: of a month (day of month), of a year (month, day).
_PART_END_MONTH = {"early": 10, "mid": 20, "half": 15}
_PART_END_YEAR = {"early": (4, 30), "mid": (8, 31), "half": (6, 30)}


def named_part(expr: str) -> str | None:
    """"early", "mid" or "half" where ``expr`` names only that part of its period, else None."""
    m = _PART.search(expr)
    if m is None:
        return None
    return next(k for k in ("early", "mid", "half") if m[k])


def period_end(iso: str, precision: str | None, part: str | None = None) -> str:
    """Last day (ISO) of the period ``(iso, precision)``, or of its ``part`` (see
    :func:`named_part`) for a month or a year: "early June" ends on 10 June."""
    start, end = date_range(iso, precision)
    day = date.fromisoformat(start)
    if part in _PART_END_MONTH and precision == "month":
        return day.replace(day=_PART_END_MONTH[part]).isoformat()
    if part in _PART_END_YEAR and precision == "year":
        month, dom = _PART_END_YEAR[part]
        return date(day.year, month, dom).isoformat()
    return end


# --- expressions ------------------------------------------------------------------------------

_Result = tuple[str, str]


@dataclass(frozen=True, slots=True)
class _Patterns:
    md: re.Pattern[str]
    dm: re.Pattern[str]
    my: re.Pattern[str]
    month: re.Pattern[str]
    month_mod: re.Pattern[str]
    weekday: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    cal = load_calendar()
    mon = "|".join(sorted(cal.months, key=len, reverse=True))
    wd = "|".join(sorted(cal.weekdays, key=len, reverse=True))
    opt_wd = rf"(?:(?:{wd})\s+)?"
    return _Patterns(
        md=re.compile(rf"^{opt_wd}(?P<m>{mon})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?P<y>\d{{4}}))?$"),
        dm=re.compile(rf"^{opt_wd}(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{mon})(?:\s+(?P<y>\d{{4}}))?$"),
        my=re.compile(rf"^(?P<m>{mon})\s+(?:of\s+)?(?P<y>\d{{4}})$"),
        month=re.compile(rf"^(?P<m>{mon})$"),
        month_mod=re.compile(rf"^(?P<mod>last|this|next|this past|this coming|in next)\s+(?P<m>{mon})$"),
        weekday=re.compile(rf"^(?:(?P<mod>last|this|next|past|this past|coming|this coming)\s+)?(?P<w>{wd})$"),
    )


_PREP = re.compile(r"^(?:since|from|as of|until|till|by|before|after|on|in|at|during|throughout|through|over|"
                   r"for|of|between|within|around|about)\s+")
_LEAD_MOD = re.compile(r"^(?:(?:late|early|later|earlier|so far|until|up to)\s+(?:on\s+|in\s+)?|mid(?:-|\s+)|"
                       r"(?:the\s+)?(?:end|beginning|start|middle|rest|first half|second half|first week|second week|"
                       r"third week|fourth week|last week|last days|first days|closing days)\s+of\s+(?:the\s+)?)")
_TRAIL = re.compile(r"\s+(?:morning|afternoon|evening|night|midday|noon|dawn|dusk|"
                    r"local time|gmt|utc)$")
_DAY_OFFSETS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "earlier today": 0, "later today": 0,
    "yesterday": -1, "last night": -1, "overnight": -1, "yesterday morning": -1,
    "the day before yesterday": -2, "tomorrow": 1,
}
_UNIT_AGO = re.compile(r"^(?P<n>.+?)\s+(?P<u>day|week|month|year|fortnight)s?\s+ago$")
_REL_PERIOD = re.compile(
    r"^(?:the\s+)?(?P<mod>this|last|next|past|previous|coming|current|this past|the past)\s+"
    r"(?P<u>week|weekend|month|year)$")
_PAST_N = re.compile(r"^(?:the\s+)?(?:past|last|previous)\s+(?P<n>.+?)\s+(?P<u>hour|day|week|month|year)s$")
_RECENT = re.compile(r"^(?:the\s+)?recent\s+(?P<u>days|weeks|months)$")
_WEEKEND = re.compile(r"^(?:the\s+)?weekend$")
_YEAR = re.compile(r"^(?:the\s+year\s+)?(\d{4})$")
_ISO_EXPR = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_OF_MONTH = re.compile(r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)$")
_DECADE = re.compile(r"^(?:the\s+)?(?:early\s+|late\s+|mid-?)?(?:\d{2})?\d0s$")
_SEASON = re.compile(r"^(?:the\s+)?(?:(?P<mod>last|this|next)\s+)?(?P<season>summer|winter|spring|autumn|fall)"
                     r"(?:\s+(?:of\s+)?(?P<y>\d{4}))?$")


#: The months a season of the northern hemisphere spans within one year (meteorological seasons);
#: winter runs across the new year, so which year "last winter" is stays the year before.
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def _normalise(expr: str) -> str:
    s = expr.lower().replace("’", "'").replace("–", "-")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[.,;:()\"]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    for _ in range(3):  # "since late on", "in the end of", "overnight on"
        before = s
        s = _PREP.sub("", s)
        s = _LEAD_MOD.sub("", s)
        if s.startswith("overnight "):
            s = s[len("overnight "):]
            s = re.sub(r"^(?:on|into)\s+", "", s)
        s = re.sub(r"^the\s+(?=(?:\d|weekend|year|past|previous|day|recent))", "", s)
        if s == before:
            break
    if s not in _DAY_OFFSETS:
        t = _TRAIL.sub("", s)
        if t:
            s = t
    return s.strip()


def _month_day(pub: date | None, m: int, d: int, y: int | None, future: bool = False) -> date | None:
    if y is not None:
        try:
            return date(y, m, d)
        except ValueError:
            return None
    if pub is None:
        return None
    if future:
        for year in range(pub.year, pub.year + 5):
            try:
                cand = date(year, m, d)
            except ValueError:
                continue
            if cand >= pub:
                return cand
        return None
    limit = pub + timedelta(days=defaults.DATE_FUTURE_TOLERANCE_DAYS)
    for year in range(pub.year, pub.year - 5, -1):
        try:
            cand = date(year, m, d)
        except ValueError:
            continue  # 29 February
        if cand <= limit:
            return cand
    return None


def _month_only(pub: date | None, m: int, future: bool = False) -> date | None:
    if pub is None:
        return None
    if future:
        return date(pub.year if m >= pub.month else pub.year + 1, m, 1)
    return date(pub.year if m <= pub.month else pub.year - 1, m, 1)


def _weekday(pub: date, wd: int, mod: str | None, future: bool = False) -> date:
    back = (pub.weekday() - wd) % 7
    if mod is None and future:
        return pub + timedelta(days=(wd - pub.weekday()) % 7)
    if mod in ("next", "coming", "this coming"):
        return pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
    if mod in ("last", "past", "this past") and back == 0:
        back = 7
    return pub - timedelta(days=back)


def _shift_months(day: date, n: int) -> date:
    idx = day.year * 12 + day.month - 1 + n
    return date(idx // 12, idx % 12 + 1, 1)


#: How far back a vague count of months ("a few months ago", "several", "many") may reach:
#: more than one month (else "a month ago") and less than a year (else "a year ago").
_VAGUE_MONTHS = (2, 11)
#: Vague counts with no upper bound ("many months ago", "a number of months ago").
_OPEN_COUNT = re.compile(r"\b(?:many|number)\b")


def _count(text: str) -> tuple[int | None, bool]:
    """A small count for "two days ago", "a week ago", "a few days ago" -> (n, vague)."""
    if text in ("a", "an", "one"):
        return 1, False
    value, qual = parse_count(text)
    if value is None:
        return None, False
    if qual == "vague":
        return 3, True
    return value, False


def _rules(s: str, pub: date | None, future: bool = False) -> tuple[date, str] | None:
    """Our own reading of a normalised expression: (anchor day, precision) or None."""
    cal = load_calendar()
    pat = _patterns()
    m = _ISO_EXPR.match(s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])), "day"
        except ValueError:
            return None
    for rx in (pat.md, pat.dm):
        m = rx.match(s)
        if m:
            day = _month_day(pub, cal.months[m["m"]], int(m["d"]), int(m["y"]) if m["y"] else None, future)
            return (day, "day") if day else None
    m = pat.my.match(s)
    if m:
        return date(int(m["y"]), cal.months[m["m"]], 1), "month"
    m = pat.month.match(s)
    if m:
        day = _month_only(pub, cal.months[m["m"]], future)
        return (day, "month") if day else None
    m = _YEAR.match(s)
    if m:
        return date(int(m[1]), 1, 1), "year"
    m = pat.month_mod.match(s)
    if m and pub is not None:
        month = cal.months[m["m"]]
        if m["mod"] in ("next", "this coming", "in next"):
            return date(pub.year if month > pub.month else pub.year + 1, month, 1), "month"
        if m["mod"] == "this":
            return date(pub.year, month, 1), "month"
        # "last May": the latest May before the current month
        return date(pub.year if month < pub.month else pub.year - 1, month, 1), "month"
    m = _SEASON.match(s)
    if m and m["y"]:
        return date(int(m["y"]), 1, 1), "year"
    if m and pub is not None:
        first, last = _SEASON_MONTHS.get(m["season"], (None, None))
        if m["mod"] == "last" and last is not None and last < pub.month:
            # "last summer" in a report of November: the summer just over, this year's
            return date(pub.year, 1, 1), "year"
        if m["mod"] == "next" and first is not None and first > pub.month:
            # "next summer" in a report of February: the summer still to come this year
            return date(pub.year, 1, 1), "year"
        return date(pub.year - (m["mod"] == "last") + (m["mod"] == "next"), 1, 1), "year"
    if pub is None:
        return None
    m = _DAY_OF_MONTH.match(s)
    if m:
        limit = pub + timedelta(days=defaults.DATE_FUTURE_TOLERANCE_DAYS)
        for step in range(3):
            month_start = _shift_months(pub, step if future else -step)
            try:
                cand = month_start.replace(day=int(m[1]))
            except ValueError:
                continue
            if (future and cand >= pub) or (not future and cand <= limit):
                return cand, "day"
        return None
    if s in _DAY_OFFSETS:
        return pub + timedelta(days=_DAY_OFFSETS[s]), "day"
    m = pat.weekday.match(s)
    if m:
        return _weekday(pub, cal.weekdays[m["w"]], m["mod"], future), "day"
    m = _REL_PERIOD.match(s)
    if m:
        mod, unit = m["mod"], m["u"]
        step = {"last": -1, "past": -1, "previous": -1, "this past": -1, "the past": -1,
                "next": 1, "coming": 1}.get(mod, 0)
        if unit == "week":
            return pub + timedelta(weeks=step), "week"
        if unit == "weekend":
            sat = _weekday(pub, 5, None, future)  # ("this weekend" of a rally to come: the coming one)
            if step == 1:
                sat = _weekday(pub, 5, "next")
            elif step == -1 and pub.weekday() == 5:
                sat -= timedelta(days=7)
            return sat, "week"
        if unit == "month":
            return _shift_months(pub, step), "month"
        return date(pub.year + step, 1, 1), "year"
    if _WEEKEND.match(s):
        return _weekday(pub, 5, None, future), "week"
    m = _UNIT_AGO.match(s)
    if m:
        n, vague = _count(m["n"])
        if n is None:
            return None
        unit = m["u"]
        if unit == "fortnight":
            n, unit = n * 2, "week"
        if unit == "day":
            return pub - timedelta(days=n), ("week" if vague else "day")
        if unit == "week":
            return pub - timedelta(weeks=n), ("month" if vague else "week")
        if unit == "month" and not vague:
            return _shift_months(pub, -n), "month"
        if unit == "month" and _OPEN_COUNT.search(m["n"]):
            return None  # "many months ago" may reach back years: no year the text names
        if unit == "month":
            # "a few months ago", "several months ago": some 2 to 11 months back, which names a
            # year only where all of that span lies in one year (else nothing is invented)
            lo, hi = _shift_months(pub, -_VAGUE_MONTHS[1]), _shift_months(pub, -_VAGUE_MONTHS[0])
            return (date(lo.year, 1, 1), "year") if lo.year == hi.year else None
        if vague:
            return None  # "a few years ago", "many years ago": no year the text names
        return date(pub.year - n, 1, 1), "year"
    m = _PAST_N.match(s)
    if m:
        n, _vague = _count(m["n"])
        if n is None:
            return None
        days = {"hour": n / 24, "day": n, "week": 7 * n, "month": 30 * n, "year": 365 * n}[m["u"]]
        if days <= 2:
            return pub, "day"
        if days <= 7:
            return pub - timedelta(days=int(days) // 2), "week"
        if days <= 31:
            return pub - timedelta(days=int(days) // 2), "month"
        if days <= 366:
            return pub - timedelta(days=int(days) // 2), "year"
        return None  # "in the last 80 years": a span, not a period we can name
    m = _RECENT.match(s)
    if m:
        return (pub - timedelta(days=3), "week") if m["u"] == "days" else (pub - timedelta(days=14), "month")
    return None


@lru_cache(maxsize=64)
def _dateparser(pub_iso: str, prefer: str) -> Any:
    from dateparser.date import DateDataParser

    base = datetime.fromisoformat(pub_iso)
    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first",
    })


_DP_PRECISION = {"day": "day", "time": "day", "part_of_day": "day", "week": "week", "month": "month",
                 "year": "year"}
_FUTURE_WORDS = re.compile(r"\b(?:next|coming|tomorrow|later|in \d+|from now|upcoming)\b")


def _fallback(expr: str, pub: date, future: bool) -> tuple[date, str] | None:
    try:
        data = _dateparser(pub.isoformat(), "future" if future else "past").get_date_data(expr)
    except (ValueError, OverflowError, TypeError):
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    precision = _DP_PRECISION.get(data.period or "day", "day")
    limit = pub + timedelta(days=defaults.DATE_FUTURE_TOLERANCE_DAYS)
    if day > limit and not future and not _FUTURE_WORDS.search(expr.lower()):
        return None  # dateparser ignored PREFER_DATES_FROM='past'
    return day, precision


#: "the day before", "the next day", "two days later", "later that day": a day counted from the
#: story's own day, which the text gave before.
_ANAPHORIC_DAY = re.compile(
    r"^(?:on\s+)?(?:the\s+(?:day|night)\s+(?P<d1>before|after)|the\s+(?P<d2>previous|next|following)\s+"
    r"(?:day|night|morning|evening)|(?P<n>.+?)\s+(?P<u>day|week|month|year)s?\s+(?P<d3>earlier|later)|"
    r"(?P<d0>earlier|later)\s+"
    r"(?:in\s+the|that|the\s+same)\s+day)$")
#: "earlier in the week", "later in the month": a part of the period of the story's day told last
#: (of the report's where the text gave none); the precision is that period's.
_IN_THE_PERIOD = re.compile(r"^(?:earlier|later)\s+in\s+the\s+(?P<u>week|month|year)$")


def _anaphoric(expr: str, anchor: date | None) -> tuple[bool, _Result | None]:
    """Resolve "the day before", "two days later", "later that day" from ``anchor`` (the story's
    day the text gave last): ``(is such an expression, (date, "day") or None)``, None where it
    cannot be placed: with no story day it counts from no day the text names (the report's own
    day is not the story's: "the previous day" in a report of Monday's attack is Sunday)."""
    s = re.sub(r"\s+", " ", expr.lower().strip())
    m = _ANAPHORIC_DAY.match(s)
    if not m:
        return False, None
    precision = "day"
    if m["d0"]:
        offset = 0
    elif m["n"]:
        n, vague = _count(m["n"].removeprefix("a full ").strip() or "a")
        if n is None or vague:
            return True, None
        if m["u"] == "week":  # "three weeks later": that week, not a day of it
            n, precision = 7 * n, "week"
        offset = n if m["d3"] == "later" else -n
        if m["u"] in ("month", "year"):
            # "eight years later", "two months earlier": that month or year counted from the
            # story's day (never from the report's: "eight years later" is no year to come)
            if anchor is None:
                return True, None
            months = offset * (12 if m["u"] == "year" else 1)
            day = _shift_months(anchor, months)
            if not defaults.MIN_YEAR <= day.year <= defaults.MAX_YEAR:
                return True, None
            return True, (period_start(day, m["u"]).isoformat(), m["u"])
    else:
        offset = 1 if (m["d1"] or m["d2"]) in ("after", "next", "following") else -1
    if anchor is None:
        return True, None
    day = anchor + timedelta(days=offset)
    if not defaults.MIN_YEAR <= day.year <= defaults.MAX_YEAR:
        return True, None
    return True, (period_start(day, precision).isoformat(), precision)


@lru_cache(maxsize=4096)
def _resolve_cached(expr: str, pub_iso: str | None, future: bool) -> _Result | None:
    pub = date.fromisoformat(pub_iso) if pub_iso else None
    s = _normalise(expr)
    if not s or _DECADE.match(s):
        return None  # "the 1990s": no period we can name
    found = _rules(s, pub, future)
    if found is None and pub is not None and any(ch.isalpha() for ch in s) and not _PAST_N.match(s):
        found = _fallback(s, pub, future)
    if found is None:
        return None
    day, precision = found
    if not defaults.MIN_YEAR <= day.year <= defaults.MAX_YEAR:
        return None
    return period_start(day, precision).isoformat(), precision


def resolve_expression(expr: str, pub_date: str | None, *, prefer: str = "past",
                       anchor: str | None = None) -> tuple[str, str] | None:
    """Resolve a time expression against the publication date.

    Returns ``(ISO date, precision)`` with precision one of "day", "week",
    "month", "year" (see the module docstring for the convention), or None
    when the expression is not a date or cannot be placed (a weekday without
    a publication date, "June 31", "in the last 80 years"). ``pub_date`` is
    ISO ``YYYY-MM-DD``; a malformed one raises BadDateError.

    ``prefer="future"`` reads a bare weekday, month, or month and day as the
    next one on or after the publication date ("Modi is due to hold a meeting
    on Thursday"); :func:`sitrep.nlp.timex.expression_tense` tells which to
    use. Words that fix the direction ("last", "next", "ago") win either way.

    ``anchor`` (ISO) is the story's own day where the text gave one before: "the day before",
    "the next day", "two days later" and "later that day" count from it; without it they do not
    resolve.

    >>> resolve_expression("on Sunday", "2021-07-01")
    ('2021-06-27', 'day')
    >>> resolve_expression("in February", "2021-07-01")
    ('2021-02-01', 'month')
    """
    if not expr or not expr.strip():
        return None
    pub_iso: str | None = None
    if pub_date:
        try:
            pub_iso = date.fromisoformat(pub_date[:10]).isoformat()
        except ValueError:
            raise BadDateError(f"publication date {pub_date!r} is not ISO YYYY-MM-DD") from None
    if prefer not in ("past", "future"):
        raise ValueError(f"prefer must be 'past' or 'future', not {prefer!r}")
    story_day = None
    if anchor:
        try:
            story_day = date.fromisoformat(anchor[:10])
        except ValueError:
            raise BadDateError(f"story date {anchor!r} is not ISO YYYY-MM-DD") from None
    anaphoric, told = _anaphoric(expr, story_day)
    if anaphoric:
        return told
    m = _IN_THE_PERIOD.match(re.sub(r"\s+", " ", expr.lower().strip()))
    if m:
        base = story_day or (date.fromisoformat(pub_iso) if pub_iso else None)
        return None if base is None else (period_start(base, m["u"]).isoformat(), m["u"])
    return _resolve_cached(expr, pub_iso, prefer == "future")
