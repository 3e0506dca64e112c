"""Publication dates and time expressions: sitrep.resolve.dates."""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import gold_record, shared_file

from sitrep.errors import BadDateError, DataFileError, InputError
from sitrep.models import DATE_PRECISIONS
from sitrep.nlp.timex import find_time_expressions
from sitrep.resolve.dates import date_range, load_calendar, parse_publication_date, resolve_expression

PUB = "2021-07-01"  # a Thursday


# --- publication dates -------------------------------------------------------------

@pytest.mark.parametrize(("value", "iso"), [
    ("2021-07-01", "2021-07-01"),
    ("2021-7-1", "2021-07-01"),
    ("2021-07-01T09:30:00Z", "2021-07-01"),
    ("2021-07-01T23:30:00-05:00", "2021-07-01"),  # the stated local date is kept
    ("2021-07-01 09:30", "2021-07-01"),
    ("20210701", "2021-07-01"),
    ("2021/07/01", "2021-07-01"),
    ("1 July 2021", "2021-07-01"),
    ("July 1, 2021", "2021-07-01"),
    ("July 1st, 2021 10:00 AM EST", "2021-07-01"),
    ("Thursday, 1 July 2021", "2021-07-01"),
    ("Thu, 01 Jul 2021 10:00:00 +0000", "2021-07-01"),  # RFC 2822, as feeds write it
    ("Thu, 01 Jul 2021 10:00:00 GMT", "2021-07-01"),
    ("31/12/2021", "2021-12-31"),  # day-first: 31 cannot be a month
    ("12/31/2021", "2021-12-31"),  # month-first: 31 cannot be a month
    ("05/05/2021", "2021-05-05"),  # both readings agree
    (date(2021, 7, 1), "2021-07-01"),
])
def test_parse_publication_date(value: str, iso: str) -> None:
    assert parse_publication_date(value) == iso


@pytest.mark.parametrize("value", [
    "31/02/2021",  # no 31 February
    "2021-13-01",  # no month 13
    "2021-02-29",  # not a leap year
    "Thu, 31 Feb 2021 10:00:00 +0000",
    "1850-01-01",  # absurd years
    "3021-07-01",
    "07/01/2021",  # July 1 or 7 January: ambiguous
    "yesterday",  # a publication date must be absolute
    "",
    "   ",
    "not a date",
])
def test_bad_publication_dates_are_refused_by_name(value: str) -> None:
    with pytest.raises(BadDateError) as err:
        parse_publication_date(value, item="article-17")
    assert err.value.item == "article-17"
    assert "article-17" in str(err.value)
    assert isinstance(err.value, InputError)


def test_ambiguous_numeric_date_with_dayfirst() -> None:
    assert parse_publication_date("07/01/2021", dayfirst=True) == "2021-01-07"
    assert parse_publication_date("07/01/2021", dayfirst=False) == "2021-07-01"
    with pytest.raises(BadDateError):
        parse_publication_date("31/02/2021", dayfirst=True)


# --- expressions against a fixed publication date --------------------------------

@pytest.mark.parametrize(("expr", "expected"), [
    ("Sunday", ("2021-06-27", "day")),
    ("on Sunday", ("2021-06-27", "day")),
    ("Sunday's", ("2021-06-27", "day")),
    ("Thursday", ("2021-07-01", "day")),  # the publication day itself
    ("last Thursday", ("2021-06-24", "day")),
    ("late on Tuesday", ("2021-06-29", "day")),
    ("Tuesday night", ("2021-06-29", "day")),
    ("overnight", ("2021-06-30", "day")),
    ("overnight Tuesday", ("2021-06-29", "day")),
    ("yesterday", ("2021-06-30", "day")),
    ("last night", ("2021-06-30", "day")),
    ("today", ("2021-07-01", "day")),
    ("two days ago", ("2021-06-29", "day")),
    ("10 days ago", ("2021-06-21", "day")),
    ("on June 27", ("2021-06-27", "day")),
    ("June 27th", ("2021-06-27", "day")),
    ("on the 27th", ("2021-06-27", "day")),
    ("27 June 2021", ("2021-06-27", "day")),
    ("Feb. 9, 2016", ("2016-02-09", "day")),
    ("on Saturday, June 26, 2021", ("2021-06-26", "day")),
    ("on July 4", ("2021-07-04", "day")),  # within the future tolerance
    ("on July 20", ("2020-07-20", "day")),  # beyond it: last year's
    # weeks: the Monday of the week
    ("last week", ("2021-06-21", "week")),
    ("earlier this week", ("2021-06-28", "week")),
    ("a week ago", ("2021-06-21", "week")),
    ("three weeks ago", ("2021-06-07", "week")),
    ("over the weekend", ("2021-06-21", "week")),
    ("last weekend", ("2021-06-21", "week")),
    ("in recent days", ("2021-06-28", "week")),
    ("a few days ago", ("2021-06-28", "week")),
    # months: the 1st
    ("earlier this month", ("2021-07-01", "month")),
    ("last month", ("2021-06-01", "month")),
    ("in February", ("2021-02-01", "month")),
    ("in August", ("2020-08-01", "month")),  # after the publication month: last year's
    ("in May", ("2021-05-01", "month")),
    ("January 2020", ("2020-01-01", "month")),
    ("since January 2020", ("2020-01-01", "month")),
    ("mid-June", ("2021-06-01", "month")),
    ("late June", ("2021-06-01", "month")),
    ("the end of June", ("2021-06-01", "month")),
    ("last May", ("2021-05-01", "month")),
    ("last November", ("2020-11-01", "month")),
    # years: 1 January
    ("2019", ("2019-01-01", "year")),
    ("in 2014", ("2014-01-01", "year")),
    ("since mid-2014", ("2014-01-01", "year")),
    ("this year", ("2021-01-01", "year")),
    ("so far this year", ("2021-01-01", "year")),
    ("last year", ("2020-01-01", "year")),
    ("late last year", ("2020-01-01", "year")),
    ("the summer of 2014", ("2014-01-01", "year")),
])
def test_resolve_expression(expr: str, expected: tuple[str, str]) -> None:
    assert resolve_expression(expr, PUB) == expected


@pytest.mark.parametrize(("expr", "pub", "year"), [
    # a season is the one the report's month points to: "last summer" in November is the summer
    # just over, in August (still summer) the year before's; "next summer" in February is this year's
    ("last summer", "2015-11-08", "2015-01-01"),
    ("last summer", "2015-08-08", "2014-01-01"),
    ("last fall", "2015-12-20", "2015-01-01"),
    ("last spring", "2015-05-20", "2014-01-01"),
    ("next summer", "2016-02-10", "2016-01-01"),
    ("next summer", "2016-07-10", "2017-01-01"),
])
def test_a_season_is_dated_by_the_year_the_report_points_to(expr: str, pub: str, year: str) -> None:
    assert resolve_expression(expr, pub) == (year, "year")


@pytest.mark.parametrize("expr", ["June 31", "the 1990s", "in the last 80 years", "the previous day", "", "   "])
def test_expressions_that_name_no_period(expr: str) -> None:
    assert resolve_expression(expr, PUB) is None


def test_without_publication_date_only_absolute_expressions_resolve() -> None:
    assert resolve_expression("January 2020", None) == ("2020-01-01", "month")
    assert resolve_expression("27 June 2021", None) == ("2021-06-27", "day")
    assert resolve_expression("Sunday", None) is None
    assert resolve_expression("in February", None) is None
    assert resolve_expression("last week", None) is None


def test_future_reading() -> None:
    assert resolve_expression("on Thursday", "2016-09-27", prefer="future") == ("2016-09-29", "day")
    assert resolve_expression("on Thursday", "2016-09-27") == ("2016-09-22", "day")
    assert resolve_expression("in June", "2014-05-12", prefer="future") == ("2014-06-01", "month")
    assert resolve_expression("on May 7", "2016-04-22", prefer="future") == ("2016-05-07", "day")
    # "expected to rally this weekend" on a Wednesday: the coming weekend (in the week of its Monday)
    assert resolve_expression("this weekend", "2017-03-01", prefer="future") == ("2017-02-27", "week")
    assert resolve_expression("this weekend", "2017-03-01") == ("2017-02-20", "week")
    assert resolve_expression("at the weekend", "2017-03-01", prefer="future") == ("2017-02-27", "week")
    # words that fix the direction win
    assert resolve_expression("last Friday", PUB, prefer="future") == ("2021-06-25", "day")
    assert resolve_expression("next Friday", PUB) == ("2021-07-02", "day")
    with pytest.raises(ValueError):
        resolve_expression("Sunday", PUB, prefer="sideways")


def test_malformed_publication_date_is_refused() -> None:
    with pytest.raises(BadDateError):
        resolve_expression("Sunday", "01/07/2021")


def test_date_range() -> None:
    assert date_range("2021-06-21", "week") == ("2021-06-21", "2021-06-27")
    assert date_range("2021-06-24", "week") == ("2021-06-21", "2021-06-27")
    assert date_range("2021-02-01", "month") == ("2021-02-01", "2021-02-28")
    assert date_range("2020-12-01", "month") == ("2020-12-01", "2020-12-31")
    assert date_range("2021-01-01", "year") == ("2021-01-01", "2021-12-31")
    assert date_range("2021-06-27", "day") == ("2021-06-27", "2021-06-27")
    assert date_range("2021-07-01", "publication") == ("2021-06-28", "2021-07-04")
    with pytest.raises(ValueError):
        date_range("2021-07-01", "fortnight")


def test_every_resolution_starts_its_period() -> None:
    for expr in ("last week", "in February", "so far this year", "three weeks ago", "Sunday", "over the weekend"):
        iso, precision = resolve_expression(expr, PUB)
        assert precision in DATE_PRECISIONS
        assert date_range(iso, precision)[0] == iso


# --- real sentences (VOA, m2e2): the publication date is in the document id ----------

def _voa(sentence_id: str) -> tuple[str, str]:
    rec = gold_record("m2e2_voa/m2e2_text_only_event_sentences.jsonl", sentence_id, key="sentence_id")
    y, m, d = re.search(r"_(\d{4})\.(\d{2})\.(\d{2})\.", rec["doc_id"]).groups()
    return rec["sentence"], f"{y}-{m}-{d}"


@pytest.mark.parametrize(("sentence_id", "expected"), [
    # "... the base Tuesday night ..., and Wednesday they took over the airfield" (published Wed 2016-02-10)
    ("VOA_EN_NW_2016.02.10.3184811_46", {"Tuesday night": ("2016-02-09", "day"), "Wednesday": ("2016-02-10", "day")}),
    # "wounded in an airstrike 10 days ago ..., Feb. 9, 2016"
    ("VOA_EN_NW_2016.02.10.3184811_6", {"10 days ago": ("2016-01-31", "day"), "Feb. 9, 2016": ("2016-02-09", "day")}),
    # "runner-up in the February 18 presidential election ... was arrested Wednesday" (published Mon 2016-05-16)
    ("VOA_EN_NW_2016.05.16.3331907_1", {"February 18": ("2016-02-18", "day"), "Wednesday": ("2016-05-11", "day")}),
    # "three of the five police officers killed last week" (published Thu 2016-07-14)
    ("VOA_EN_NW_2016.07.14.3417836_22", {"last week": ("2016-07-04", "week")}),
])
def test_voa_sentences(sentence_id: str, expected: dict[str, tuple[str, str]]) -> None:
    sentence, pub = _voa(sentence_id)
    found = {text: resolve_expression(text, pub) for _s, _e, text in find_time_expressions(sentence)}
    assert found == expected


def test_voa_weekdays_fall_in_the_week_before_publication() -> None:
    path = shared_file("gold", "m2e2_voa", "m2e2_text_only_event_sentences.jsonl")
    import json

    checked = 0
    with path.open(encoding="utf-8") as fh:
        for line in list(fh)[:2000]:
            rec = json.loads(line)
            y, m, d = re.search(r"_(\d{4})\.(\d{2})\.(\d{2})\.", rec["doc_id"]).groups()
            pub = date(int(y), int(m), int(d))
            for _s, _e, text in find_time_expressions(rec["sentence"]):
                if text.split()[-1] in load_calendar().weekday_names and not text.lower().startswith(("last", "next")):
                    iso, precision = resolve_expression(text, pub.isoformat())
                    assert precision == "day"
                    assert 0 <= (pub - date.fromisoformat(iso)).days <= 6, (text, pub)
                    checked += 1
    assert checked > 50


def test_broken_calendar_names_the_entry(tmp_path) -> None:
    bad = tmp_path / "timex.yaml"
    bad.write_text("months: [{number: 13, name: Smarch}]\nweekdays: []\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_calendar(bad)
    assert err.value.item == "timex.yaml"


def test_newswire_archive_dates_are_read():
    # the Reuters-21578 corpus writes dates like this
    assert parse_publication_date("26-FEB-1987 15:01:01.79", item="reuters") == "1987-02-26"
    with pytest.raises(BadDateError):
        parse_publication_date("31-FEB-1987 15:01:01.79", item="reuters")


def test_a_day_counted_from_the_story_day() -> None:
    """"the day before", "the next day", "two days later" count from the story's own day where
    the text gave one; without it they name no day (see test_expressions_that_name_no_period)."""
    story = "2016-06-03"
    assert resolve_expression("the next day", "2016-06-10", anchor=story) == ("2016-06-04", "day")
    assert resolve_expression("two days later", "2016-06-10", anchor=story) == ("2016-06-05", "day")
    assert resolve_expression("the day before", "2016-06-10", anchor=story) == ("2016-06-02", "day")
    assert resolve_expression("Later that day", "2016-06-10", anchor=story) == ("2016-06-03", "day")
    assert resolve_expression("a day earlier", "2016-06-10", anchor=story) == ("2016-06-02", "day")
    assert resolve_expression("the next day", "2016-06-10") is None
    assert resolve_expression("a few days later", "2016-06-10", anchor=story) is None  # vague
    assert [t for _s, _e, t in find_time_expressions("Notices went up the day before Friday's raid.")] == [
        "before Friday"]  # the raid's day, not a day counted back
    with pytest.raises(BadDateError):
        resolve_expression("the next day", "2016-06-10", anchor="June 3")


def test_the_part_of_a_period_an_expression_names() -> None:
    from sitrep.resolve.dates import named_part, period_end

    assert [named_part(e) for e in ("In early June", "in mid-May", "the first half of 2015", "late June",
                                    "in June")] == ["early", "mid", "half", None, None]
    assert period_end("2016-06-01", "month", "early") == "2016-06-10"
    assert period_end("2016-06-01", "month", "mid") == "2016-06-20"
    assert period_end("2016-06-01", "month", None) == "2016-06-30"
    assert period_end("2015-01-01", "year", "half") == "2015-06-30"
    assert period_end("2016-06-13", "day", "early") == "2016-06-13"  # a day has no part


def test_weeks_later_and_a_part_of_the_storys_period() -> None:
    """"three weeks later" counts from the story's day as "two days later" does, at week precision;
    "earlier in the week" is the week of the story's day, or of the report's where none was told."""
    assert resolve_expression("three weeks later", PUB, anchor="2021-06-02") == ("2021-06-21", "week")
    assert resolve_expression("a week earlier", PUB, anchor="2021-06-02") == ("2021-05-24", "week")
    assert resolve_expression("three weeks later", PUB) is None
    assert resolve_expression("earlier in the week", "2017-03-15") == ("2017-03-13", "week")
    assert resolve_expression("later in the month", PUB, anchor="2020-05-04") == ("2020-05-01", "month")
    # "the first week of March" names March's first days: March, as ACLED codes a part of a month
    assert resolve_expression("in the first week of March", "2017-03-15") == ("2017-03-01", "month")


@pytest.mark.parametrize(("expr", "pub", "anchor", "expected"), [
    # a vague count of months names a year only where all of 2-11 months back lies in one year
    ("a few months ago", "2016-02-10", None, ("2015-01-01", "year")),
    ("several months ago", "2016-12-20", None, ("2016-01-01", "year")),
    ("a few months ago", "2016-07-10", None, None),
    # "many" has no upper bound; a vague count of years names no year
    ("many months ago", "2016-02-10", None, None),
    ("a few years ago", "2016-02-10", None, None),
    ("three years ago", "2016-02-10", None, ("2013-01-01", "year")),
    # months and years later or earlier count from the story's day, never from the report's
    ("eight years later", "2016-09-02", None, None),
    ("eight years later", "2016-09-02", "2008-05-01", ("2016-01-01", "year")),
    ("three months later", "2016-09-02", "2008-05-01", ("2008-08-01", "month")),
    ("two years earlier", "2016-09-02", "2008-05-01", ("2006-01-01", "year")),
])
def test_vague_and_anaphoric_distances(expr, pub, anchor, expected) -> None:
    assert resolve_expression(expr, pub, anchor=anchor) == expected
