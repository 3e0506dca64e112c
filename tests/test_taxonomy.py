"""Crosswalk tables: CAMEO labels, CAMEO -> PLOVER, ACLED/CASE codes, and their loaders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import shared_file

from sitrep.coding import taxonomy as tx
from sitrep.errors import DataFileError
from sitrep.models import ACTOR_TYPES, PLOVER_EVENTS

# --- CAMEO -----------------------------------------------------------------------------


def test_every_code_of_the_cameo_codefile_has_a_label() -> None:
    path = shared_file("gold", "cameo", "CAMEO_codefile.txt")
    codes = set(re.findall(r"^LABEL[iI]?:\s*(\d{2,4})i?=", path.read_text(encoding="utf-8"), re.M))
    assert len(codes) > 250
    missing = sorted(c for c in codes if tx.cameo_label(c) is None)
    assert missing == []


@pytest.mark.parametrize(("code", "label"), [
    ("195", "Employ aerial weapons"),
    ("0871", "Declare truce, ceasefire"),
    ("173", "Arrest, detain, or charge with legal action"),
    ("19", "Fight"),
])
def test_cameo_labels(code: str, label: str) -> None:
    assert tx.cameo_label(code) == label


def test_unknown_and_malformed_codes_give_none() -> None:
    assert tx.cameo_label("999") is None
    assert tx.cameo_label("abc") is None
    assert tx.cameo_label(None) is None
    assert tx.cameo_to_plover("x1") is None


def test_cameo_root_and_uncertain_marks() -> None:
    assert tx.cameo_root("1951") == "19"
    assert tx.cameo_root("023?") == "02"  # PETRARCH marks uncertain codes with "?"
    assert tx.cameo_root("") is None


# --- CAMEO -> PLOVER ----------------------------------------------------------------------


def test_plover_rows_follow_the_2021_table() -> None:
    path = shared_file("gold", "plover", "CAMEO2PLOVER-2021.txt")
    checked = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,", line)
        if m:
            got = tx.cameo_to_plover(m.group(1))
            assert got is not None and got[0] == m.group(2), line
            checked += 1
    assert checked > 250


@pytest.mark.parametrize(("code", "expected"), [
    ("0871", ("RETREAT", "ceasefire")),
    ("1951", ("ASSAULT", "heavy-weapons")),  # not in the table: falls back to 195
    ("19", ("ASSAULT", None)),               # a root: its general code 190
    ("173", ("COERCE", "arrest")),
    ("0212", ("REQUEST", "assist")),         # appeals are PLOVER REQUEST
])
def test_cameo_to_plover_with_fallbacks(code: str, expected: tuple[str, str | None]) -> None:
    assert tx.cameo_to_plover(code) == expected


def test_statements_have_no_plover_event() -> None:
    assert tx.cameo_to_plover("010") is None
    assert tx.cameo_to_plover("01") is None


def test_plover_to_cameo_roots_round_trip_for_every_event() -> None:
    for event in PLOVER_EVENTS:
        code = tx.plover_to_cameo(event)
        assert code is not None, event
        assert tx.cameo_to_plover(code)[0] == event  # type: ignore[index]


@pytest.mark.parametrize(("event", "mode", "root"), [
    ("ASSAULT", "firearms", "19"),
    ("ASSAULT", "aerial", "19"),
    ("ASSAULT", "suicide-attack", "18"),
    ("PROTEST", "riot", "14"),
    ("COERCE", "arrest", "17"),
    ("RETREAT", "ceasefire", "08"),
    ("PROTEST", "no-such-mode", "14"),
])
def test_plover_to_cameo_root(event: str, mode: str, root: str) -> None:
    assert tx.plover_to_cameo_root(event, mode) == root


def test_unknown_plover_event_has_no_cameo() -> None:
    assert tx.plover_to_cameo("DANCE") is None


# --- QuadClass and Goldstein -------------------------------------------------------------------


@pytest.mark.parametrize(("code", "quad"), [("042", 1), ("057", 1), ("073", 2), ("112", 3), ("145", 4), ("195", 4)])
def test_quad_class(code: str, quad: int) -> None:
    assert tx.quad_class(code) == quad


def test_goldstein_signs_and_fallback() -> None:
    assert tx.goldstein("195") == -10.0
    assert tx.goldstein("057") is not None and tx.goldstein("057") > 0  # type: ignore[operator]
    assert tx.goldstein("1951") == tx.goldstein("195")  # no own value: parent's
    assert tx.goldstein("nonsense") is None
    assert all(-10 <= c.goldstein <= 10 for c in tx.cameo_codes().values() if c.goldstein is not None)


# --- ACLED and CASE 2021 ---------------------------------------------------------------------


def test_acled_has_six_types_and_25_sub_events() -> None:
    assert len(tx.acled_event_types()) == 6
    assert len(tx.acled_sub_event_types()) == 25
    assert len(tx.case_codes()) == 30
    assert set(tx.case_non_acled_codes()) == {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"}


def test_case_codes_match_the_gold_readme() -> None:
    readme = shared_file("gold", "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("CASE 2021 codes and ACLED sub-event names"):]
    for code in tx.case_codes():
        if code in tx.case_non_acled_codes():
            continue
        m = re.search(rf"\b{code}\b ([^;]+?)(;|\. The five)", block.replace("\n", " "))
        assert m, code
        assert tx.sub_event_for_case_code(code) == m.group(1).strip()


def test_case_codes_of_task2_are_all_known() -> None:
    path = shared_file("gold", "case2021", "task2_dev.tsv")
    labels = {line.rsplit("\t", 1)[-1].strip() for line in path.read_text(encoding="utf-8").splitlines()[1:] if line}
    assert labels <= set(tx.case_codes())


@pytest.mark.parametrize(("sub", "etype", "code"), [
    ("Air/drone strike", "Explosions/Remote violence", "AIR_STRIKE"),
    ("armed clash", "Battles", "ARMED_CLASH"),  # case-insensitive
    ("Excessive force against protesters", "Protests", "FORCE_AGAINST_PROTEST"),
    ("Looting/property destruction", "Strategic developments", "PROPERTY_DISTRUCT"),
])
def test_acled_lookups(sub: str, etype: str, code: str) -> None:
    assert tx.acled_event_type(sub) == etype
    assert tx.case_code(sub) == code
    assert tx.sub_event_for_case_code(code).casefold() == sub.casefold()  # type: ignore[union-attr]


def test_non_acled_case_codes_have_no_sub_event() -> None:
    assert tx.sub_event_for_case_code("NATURAL_DISASTER") is None
    assert tx.case_code("Earthquake") is None
    assert tx.acled_event_type(None) is None


def test_acled_defaults_are_consistent_with_the_cameo_tables() -> None:
    for sub in tx.acled_sub_event_types():
        entry = tx.acled_entry(sub)
        assert entry is not None
        if entry.cameo:
            assert tx.is_cameo_code(entry.cameo), sub
        if entry.plover_event:
            assert entry.plover_event in PLOVER_EVENTS


# --- actor codes and PLOVER versions ----------------------------------------------------------


@pytest.mark.parametrize(("code", "country", "types"), [
    ("IRQMIL", "IRQ", ("military",)),
    ("---GOV", None, ("government",)),
    ("IGO", None, ("IGO",)),
    ("USAGOVLEG", "USA", ("government", "legislature")),
    ("PSEREBHMS", "PSE", ("rebels",)),
    ("", None, ()),
])
def test_cameo_actor_parts(code: str, country: str | None, types: tuple[str, ...]) -> None:
    assert tx.cameo_actor_parts(code) == (country, types)


def test_sector_types_are_sitrep_actor_types() -> None:
    for code in ("GOV", "MIL", "COP", "REB", "CVL", "MED", "JUD", "LEG", "IGO", "NGO"):
        assert tx.cameo_sector_type(code) in ACTOR_TYPES


def test_legacy_plover_names() -> None:
    assert tx.normalize_plover_event("DEMAND") == "REQUEST"
    assert tx.normalize_plover_event("fight") == "ASSAULT"
    assert tx.normalize_plover_event("ASSAULT") == "ASSAULT"
    assert tx.normalize_plover_event("BOGUS") is None
    assert tx.normalize_plover_mode("strike-hun") == "hunger"
    assert tx.normalize_plover_mode("aerial") == "aerial"
    assert tx.normalize_plover_mode("aerial", table_2021=True) == "heavy-weapons"
    assert tx.normalize_plover_mode("  ") is None


# --- loaders reject broken files ------------------------------------------------------------------


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "table.tsv"
    p.write_text(text, encoding="utf-8")
    return p


def test_cameo_loader_names_the_line_of_a_bad_code(tmp_path: Path) -> None:
    p = _write(tmp_path, "# c\ncode\tlabel\ticews_label\tgoldstein\n010\tMake statement\t\t0.0\n01x\tBad\t\t\n")
    with pytest.raises(DataFileError, match=r"table\.tsv: line 4: bad CAMEO code"):
        tx.load_cameo(p)


def test_cameo_loader_rejects_duplicates_and_bad_goldstein(tmp_path: Path) -> None:
    p = _write(tmp_path, "code\tlabel\ticews_label\tgoldstein\n010\tA\t\t0\n010\tB\t\t0\n")
    with pytest.raises(DataFileError, match="duplicate"):
        tx.load_cameo(p)
    p = _write(tmp_path, "code\tlabel\ticews_label\tgoldstein\n010\tA\t\t12\n")
    with pytest.raises(DataFileError, match="outside"):
        tx.load_cameo(p)


def test_plover_loader_rejects_unknown_events(tmp_path: Path) -> None:
    p = _write(tmp_path, "code\tevent\tmode\tcontext\tsource\tnote\tlabel\n190\tFIGHT\t\t\tx\t\t\n")
    with pytest.raises(DataFileError, match="unknown PLOVER event 'FIGHT'"):
        tx.load_cameo_plover(p)


def test_loader_rejects_wrong_header_and_extra_fields(tmp_path: Path) -> None:
    p = _write(tmp_path, "code\tname\n")
    with pytest.raises(DataFileError, match="header"):
        tx.load_cameo(p)
    p = _write(tmp_path, "kind\tlegacy\tcurrent\tnote\nevent\tA\tASSAULT\tx\textra\n")
    with pytest.raises(DataFileError, match="line 2: 5 fields"):
        tx.load_plover_legacy(p)


def test_acled_loader_checks_cameo_and_pairs(tmp_path: Path) -> None:
    head = "event_type\tsub_event_type\tcase_code\tplover_event\tplover_mode\tcameo\tnote\n"
    p = _write(tmp_path, head + "Battles\t\tARMED_CLASH\t\t\t\t\n")
    with pytest.raises(DataFileError, match="both"):
        tx.load_acled(p)
    p = _write(tmp_path, head + "Battles\tArmed clash\tARMED_CLASH\tASSAULT\t\t999\t\n")
    with pytest.raises(DataFileError, match="999"):
        tx.load_acled(p, cameo=tx.cameo_codes())


def test_sector_loader_rejects_unknown_types(tmp_path: Path) -> None:
    p = _write(tmp_path, "code\ttype\tkind\tlabel\nGOV\tgovernors\trole\tx\n")
    with pytest.raises(DataFileError, match="ACTOR_TYPES"):
        tx.load_cameo_sectors(p)


def test_missing_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="missing"):
        tx.load_cameo(tmp_path / "nope.tsv")
