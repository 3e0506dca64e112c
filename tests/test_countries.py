"""Country names, aliases, demonyms and capitals -> ISO alpha-3."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import DataFileError
from sitrep.resolve.countries import (
    country_code,
    country_name,
    demonym,
    is_country_code,
    load_country_file,
    lookup_country,
)


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        # names and official names
        ("Iraq", "IRQ"), ("Syria", "SYR"), ("Syrian Arab Republic", "SYR"), ("Iran", "IRN"),
        ("Islamic Republic of Iran", "IRN"), ("Republic of Korea", "KOR"), ("Bolivia", "BOL"),
        ("Côte d’Ivoire", "CIV"), ("Cote d'Ivoire", "CIV"), ("Kosovo", "XKX"), ("IRAQ", "IRQ"),
        # aliases news uses
        ("US", "USA"), ("U.S.", "USA"), ("USA", "USA"), ("U.S.A.", "USA"), ("America", "USA"),
        ("the United States", "USA"), ("UK", "GBR"), ("U.K.", "GBR"), ("Britain", "GBR"),
        ("Great Britain", "GBR"), ("Ivory Coast", "CIV"), ("DR Congo", "COD"), ("DRC", "COD"),
        ("Congo", "COD"), ("Republic of Congo", "COG"), ("Burma", "MMR"), ("UAE", "ARE"), ("Turkiye", "TUR"),
        ("Bosnia-Herzegovina", "BIH"), ("the Netherlands", "NLD"), ("Holland", "NLD"),
        # a headline's shortening of a two-word name ("S.Sudan gunmen attack UN base")
        ("S. Sudan", "SSD"), ("S.Sudan", "SSD"),
        # demonyms and plurals
        ("Iraqi", "IRQ"), ("Iraqis", "IRQ"), ("American", "USA"), ("Americans", "USA"), ("Syrian", "SYR"),
        ("Israeli", "ISR"), ("Palestinian", "PSE"), ("British", "GBR"), ("Britons", "GBR"), ("Yemeni", "YEM"),
        ("Saudi", "SAU"), ("Emirati", "ARE"), ("Afghan", "AFG"), ("Nigerien", "NER"), ("Nigerian", "NGA"),
        ("South Korean", "KOR"), ("North Korean", "PRK"), ("Swiss", "CHE"), ("Frenchmen", "FRA"),
        # capitals and seats of power standing for the state
        ("Washington", "USA"), ("Moscow", "RUS"), ("Tehran", "IRN"), ("Teheran", "IRN"), ("Kyiv", "UKR"),
        ("Kiev", "UKR"), ("Sana'a", "YEM"), ("Sanaa", "YEM"), ("the Kremlin", "RUS"), ("White House", "USA"),
        # attached forms
        ("Iran-backed", "IRN"), ("US-led", "USA"), ("U.S.-led", "USA"), ("Britain's", "GBR"), ("Turkish-backed", "TUR"),
    ],
)
def test_country_code(text: str, iso3: str) -> None:
    assert country_code(text) == iso3


@pytest.mark.parametrize(
    "text",
    ["us", "Us", "Korea", "Korean", "Kurdish", "Arab", "Atlantis", "", "   ", "Jerusalem", "Tripoli",
     "the States", "states", "Iraq Syria border region of the world " * 3],
)
def test_no_country(text: str) -> None:
    # the pronoun "us", names shared by two states, contested or ambiguous cities, unknowns
    assert country_code(text) is None


def test_match_kinds() -> None:
    assert lookup_country("Iraqi").kind == "demonym"  # type: ignore[union-attr]
    assert lookup_country("U.S.").kind == "abbrev"  # type: ignore[union-attr]
    assert lookup_country("Tehran").kind == "capital"  # type: ignore[union-attr]
    assert lookup_country("Kremlin").kind == "metonym"  # type: ignore[union-attr]
    assert lookup_country("Burma").kind == "alias"  # type: ignore[union-attr]
    assert lookup_country("Iraq").kind == "name"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("iso3", "name"),
    [("CIV", "Ivory Coast"), ("IRN", "Iran"), ("USA", "United States"), ("GBR", "United Kingdom"),
     ("SYR", "Syria"), ("RUS", "Russia"), ("PSE", "Palestine"), ("COD", "Democratic Republic of the Congo"),
     ("XKX", "Kosovo"), ("irq", "Iraq")],
)
def test_country_name(iso3: str, name: str) -> None:
    assert country_name(iso3) == name


def test_country_name_round_trips() -> None:
    for iso3 in ("IRQ", "SYR", "AFG", "YEM", "LBY", "SOM", "MLI", "NGA", "UKR", "MMR"):
        assert country_code(country_name(iso3)) == iso3


def test_unknown_code_is_returned_as_is() -> None:
    assert country_name("ZZZ") == "ZZZ"
    assert not is_country_code("ZZZ")
    assert is_country_code("IRQ")


@pytest.mark.parametrize(
    ("text", "adj"),
    [("Syria", "Syrian"), ("IRQ", "Iraqi"), ("Baghdad", "Iraqi"), ("the U.S.", "American"), ("Britain", "British"),
     ("Iraqis", "Iraqi")],
)
def test_demonym(text: str, adj: str) -> None:
    assert demonym(text) == adj


def test_demonym_unknown() -> None:
    assert demonym("Narnia") is None
    assert demonym("") is None


def test_broken_country_file_names_file_and_entry(tmp_path: Path) -> None:
    bad = tmp_path / "countries.yaml"
    bad.write_text("countries:\n  Iraq: {demonyms: [Iraqi]}\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_country_file(bad)
    assert "Iraq" in str(info.value) and str(bad) in str(info.value)
    bad.write_text("countries:\n  IRQ: {demonyms: Iraqi}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="IRQ.demonyms"):
        load_country_file(bad)
    bad.write_text("countries: [\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        load_country_file(bad)
