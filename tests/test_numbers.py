"""Counts in words and figures: sitrep.resolve.numbers."""

from __future__ import annotations

import pytest
from conftest import gold_record

from sitrep.errors import DataFileError
from sitrep.resolve.numbers import QUALIFIERS, Count, find_counts, load_tables, parse_count, tokenize


@pytest.mark.parametrize(("phrase", "expected"), [
    # figures and number words
    ("four", (4, "exact")),
    ("Twelve", (12, "exact")),
    ("twenty-three", (23, "exact")),
    ("twenty three", (23, "exact")),
    ("ninety-nine", (99, "exact")),
    ("one hundred and five", (105, "exact")),
    ("two thousand three hundred", (2300, "exact")),
    ("five hundred thousand", (500_000, "exact")),
    ("twelve hundred", (1200, "exact")),
    ("a hundred", (100, "exact")),
    ("1,200", (1200, "exact")),
    ("3.5 million", (3_500_000, "exact")),
    ("3.5m", (3_500_000, "exact")),
    ("2bn", (2_000_000_000, "exact")),
    ("two dozen", (24, "exact")),
    # word2number gets these wrong or fails (../shared/PACKAGES.md)
    ("Some 3.5 million", (3_500_000, "about")),
    ("a dozen", (12, "exact")),
    ("half a dozen", (6, "exact")),
    # ACLED vague quantities (FIELD.md)
    ("dozens", (12, "vague")),
    ("Dozens.", (12, "vague")),
    ("dozens more", (12, "vague")),
    ("scores", (20, "vague")),
    ("hundreds", (100, "vague")),
    ("thousands", (1000, "vague")),
    ("tens of thousands", (10_000, "vague")),
    ("hundreds of thousands", (100_000, "vague")),
    ("several", (10, "vague")),
    ("a few", (10, "vague")),
    ("many", (10, "vague")),
    ("a handful", (3, "vague")),
    ("a couple of", (2, "vague")),
    # qualifiers: the stated figure, and how to read it
    ("at least 12", (12, "at least")),
    ("no fewer than 7", (7, "at least")),
    ("more than 40", (40, "more than")),
    ("over 50", (50, "more than")),
    ("more than a dozen", (12, "more than")),
    ("at least a dozen", (12, "at least")),
    ("up to 5", (5, "up to")),
    ("as many as 30", (30, "up to")),
    ("fewer than 10", (10, "less than")),
    ("nearly 40", (40, "about")),
    ("an estimated 200", (200, "about")),
    ("some 70", (70, "about")),
    # ranges give their lower end
    ("12-15", (12, "range")),
    ("12 to 15", (12, "range")),
    ("between 12 and 15", (12, "range")),
    ("between 500,000 and 1 million", (500_000, "range")),
    # nobody
    ("no", (0, "exact")),
    ("none", (0, "exact")),
    ("no one", (0, "exact")),
    ("nobody", (0, "exact")),
    # no count at all: never a default
    ("people", (None, "")),
    ("over the weekend", (None, "")),
    ("", (None, "")),
])
def test_parse_count(phrase: str, expected: tuple[int | None, str]) -> None:
    assert parse_count(phrase) == expected


def test_qualifiers_are_from_the_vocabulary() -> None:
    for phrase in ("four", "dozens", "at least 12", "up to 5", "12-15", "no", "some 70", "fewer than 3"):
        assert parse_count(phrase)[1] in QUALIFIERS


def test_a_headline_prefix_is_no_range() -> None:
    # Reuters "UPDATE 1-Seventeen killed ...": "1-Seventeen" mixes a figure and a word
    assert parse_count("1-Seventeen")[0] == 1
    assert find_counts(["1", "-", "Seventeen", "killed"])[-1] == Count(17, "exact", 2, 3)


def test_find_counts_returns_token_indices() -> None:
    words = ["The", "blast", "killed", "at", "least", "12", "people", "and", "wounded", "dozens", "more"]
    assert find_counts(words) == [Count(12, "at least", 3, 6), Count(12, "vague", 9, 10)]


def test_find_counts_reads_spacy_style_hyphen_tokens() -> None:
    assert find_counts(["twenty", "-", "three", "soldiers"]) == [Count(23, "exact", 0, 3)]
    assert find_counts(["twenty-three"]) == [Count(23, "exact", 0, 1)]


def test_tokenize_keeps_figures_whole() -> None:
    assert tokenize("killed 1,200 people, 3.5 million displaced.") == [
        "killed", "1,200", "people", "3.5", "million", "displaced"]


def test_ucdp_headline_figure() -> None:
    # "Suicide car bomber kills at least 12 in Iraq" (UCDP GED, best = 12)
    row = gold_record("ucdp/ucdp_ged_iraq_dev.jsonl", "113958")
    after = row["source_headline"].split("kills", 1)[1]
    assert parse_count(after) == (int(row["best"]), "at least")


def test_broken_tables_name_the_entry(tmp_path) -> None:
    good = load_tables()
    assert good.units["seven"] == 7
    bad = tmp_path / "numbers.yaml"
    bad.write_text(
        "units: {one: 1}\ntens: {twenty: 20}\nscales: {hundred: 100}\nzero: ['no']\n"
        "vague:\n  - {phrase: dozens, value: -12, qualifier: vague}\n"
        "qualifiers: {at least: [at least]}\nnon_person_units: [km]\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_tables(bad)
    assert err.value.item == "numbers.yaml"
    assert "vague[0]" in str(err.value)


def test_unreadable_tables(tmp_path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("units: [unclosed", encoding="utf-8")
    with pytest.raises(DataFileError):
        load_tables(bad)


@pytest.mark.parametrize("phrase", [
    "$3 billion deal", "a dollars 6bn (pounds 3.12bn) deal", "US$3bn", "£2bn", "€40m", "3 billion dollars",
    "40 million euros", "Rs 500 crore", "300 mln dlr sanctions", "about $3bn",
])
def test_currency_amounts_are_never_counts(phrase: str) -> None:
    assert parse_count(phrase) == (None, "")


def test_currency_amount_beside_a_count_keeps_the_count() -> None:
    assert parse_count("a $5m ransom for 12 hostages") == (12, "exact")
    assert [c.value for c in find_counts(["$", "3", "billion", "and", "40", "people"])] == [40]
    assert parse_count("40 people") == (40, "exact")
