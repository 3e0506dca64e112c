"""PETRARCH/TABARI dictionary reader (sitrep/resolve/petrarch.py) and a resolver built on it.

Uses the PETRARCH validation dictionaries and records under ../shared/gold/petrarch.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import gold_record, shared_file

from sitrep.errors import DataFileError
from sitrep.resolve import petrarch as P
from sitrep.resolve.actors import ActorResolver

V09 = ("gold", "petrarch", "validation_dictionaries")
V14 = ("gold", "petrarch", "validation_dictionaries_140226")


def _actors(which: tuple[str, ...]) -> Path:
    return shared_file(*which, "PETR.Validate.actors.txt")


def _agents(which: tuple[str, ...]) -> Path:
    return shared_file(*which, "PETR.Validate.agents.txt")


@pytest.fixture(scope="module")
def r09() -> ActorResolver:
    return ActorResolver.from_petrarch(_actors(V09), _agents(V09))


@pytest.fixture(scope="module")
def r14() -> ActorResolver:
    return ActorResolver.from_petrarch(_actors(V14), _agents(V14))


def _count_lines(path: Path, pattern: str) -> int:
    """Independent count: lines of a given shape outside comments, by a plain regex."""
    text = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
    return sum(1 for line in text.splitlines() if re.match(pattern, line))


@pytest.mark.parametrize("which", [V09, V14])
def test_actor_record_and_synonym_counts(which):
    path = _actors(which)
    records = P.read_actors(path)
    primaries = _count_lines(path, r"[^+#<;\s]")
    synonyms = _count_lines(path, r"\+")
    assert len(records) == primaries > 100
    assert sum(len(r.phrases) - 1 for r in records) == synonyms
    assert len(P.actor_entries(records)) == len(records)


def test_known_actor_entries():
    recs = {r.phrases[0]: r for r in P.read_actors(_actors(V09))}
    un = recs["UNITED NATIONS"]
    assert un.code == "UNO" and {"U.N.", "SECURITY COUNCIL", "UN", "SECRETARY GENERAL"} <= set(un.phrases)
    assert recs["INTERNATIONAL CRIMINAL POLICE ORGANIZATION"].phrases == [
        "INTERNATIONAL CRIMINAL POLICE ORGANIZATION", "INTERPOL"]
    assert recs["INTERNATIONAL CRIMINAL POLICE ORGANIZATION"].code == "IGOCOPITP"
    assert recs["ARNOR"].code == "ARN"  # trailing underscore dropped
    assert recs["ENT"].code == "ENT"  # code on the next, tab-indented line
    assert recs["PALESTINIAN"].code == "PSE"  # lower-case code in the file
    assert "NASGUL" not in recs  # commented out with '#'
    assert not any("IMPORTANT" in k or "VERSION" in k for k in recs)  # <!-- --> blocks
    gollum = recs["GOLLUM"]
    assert gollum.code is None and gollum.phrases == ["GOLLUM", "SMEAGOL", "SLINKER", "STINKER"]
    assert [(d.code, d.op) for d in gollum.dated] == [("HOB", "<"), ("HOBGOV", "-"), ("HOBREB", ">")]
    zim = recs["ZIMBABWE"]
    assert zim.code == "ZBW" and zim.dated[0].code == "RHO" and zim.dated[0].lo == P.parse_date("790606")
    assert recs["PRINCE OF DOL AMROTH"].code == "DOL" and recs["PRINCE OF DOL AMROTH"].dated[0].code == "---"


def test_tabari_inline_restrictions_and_legacy_comments():
    recs = {r.phrases[0]: r for r in P.read_actors(_actors(V14))}
    albright = recs["ALBRIGHT"]
    assert albright.code == "---" and albright.dated[0].code == "USAGOV"
    assert (albright.dated[0].lo, albright.dated[0].hi) == (P.parse_date("991201"), P.parse_date("010114"))
    assert recs["AXNOR"].code == "AR2" and recs["AXNOR"].dated[0].op == "<"
    assert recs["MOUSE"].code == "MUS"  # "MOUSE=" marker dropped
    assert recs["NASGUL"].code == "###"
    assert recs["ARNOR"].code == "ARN"  # "[ ARN ]"
    assert "MOHAMMAD ZAHIR SHAH" in recs and "CountryInfo" not in " ".join(recs)  # ';' comments
    assert [d.code for d in recs["SAM GAMGEE"].dated] == ["HOBCIV", "ORC", "HOBMIL", "HOBGOV", "HOBELI"]


def test_dates_yymmdd_and_yyyymmdd():
    assert P.parse_date("950601") == P.parse_date("19950601")
    assert P.parse_date("290101") == P.parse_date("20290101")  # 00-30 -> 20YY
    assert P.parse_date("310101") == P.parse_date("19310101")
    with pytest.raises(ValueError):
        P.parse_date("20100931")


def test_agents_plurals_substitutions_and_prefix_codes():
    agents = P.read_agents(_agents(V09))
    by = {a.phrase: a for a in agents}
    assert {"CONGRESSMAN", "CONGRESSMEN", "CONGRESSWOMAN", "CONGRESSWOMEN", "CONGRESSPERSON"} <= set(by)
    assert "CONGRESSMANS" not in by and by["CONGRESSMAN"].code == "LEG"
    assert "MINISTER OF SILLY WALKS" in by and "MINISTRIES OF SILLY WALKS" in by
    assert "TROOPS" in by and "TROOPSS" not in by  # {} = no plural
    assert "ATTORNEYS GENERAL" in by and "ATTORNEY GENERALS" not in by  # {explicit plural}
    assert "AMBASSADORS" in by and "AUTHORITIES" in by and "CONGRESSES" in by  # +S, -Y -> -IES, -S -> +ES
    assert by["POLICE"].code == "COP" and not by["POLICE"].prefix  # "[ ~COP]"
    assert by["HUMAN RIGHTS BODY"].code == "NGO" and by["HUMAN RIGHTS BODY"].prefix
    assert by["FOREIGN MINISTER"].code == "GOVFRM"
    assert "JOURNALISTS'" not in " ".join(by)  # commented-out line


def test_reader_errors_name_file_and_line(tmp_path: Path):
    bad = tmp_path / "bad.actors"
    bad.write_text("GOOD_GUY [GGY]\nBAD_GUY\n\t[BGY 20100931-20111231]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad.actors line 3"):
        P.read_actors(bad)
    bad_agents = tmp_path / "bad.agents"
    bad_agents.write_text("SOLDIER [~MIL]\nWIDGET [MIL]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad.agents line 2"):
        P.read_agents(bad_agents)
    bad_agents.write_text("!MINIST!_OF_FUN [~GOV]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="MINIST"):
        P.read_agents(bad_agents)


# --- a resolver over the PETRARCH dictionaries --------------------------------------------------

@pytest.mark.parametrize("rec_id", ["DATE-01", "DATE-02", "DATE-03", "DATE-04", "DATE-07", "DATE-08"])
def test_date_restricted_codes_follow_the_record_date(r14, rec_id):
    rec = gold_record("petrarch/petrarch_validate_records_140226.jsonl", rec_id)
    found = r14.find_mentions(rec["text"], date=rec["date"])
    assert found and found[0][2].code == rec["expected"][0]["source"], (rec["text"], found)


def test_first_matching_restriction_wins(r09):
    # SAM_GAMGEE: [HOBCIV <20080120] [ORCHOB 20100109-20100112] [HOBMIL 20080120-20121109] ...
    assert r09.resolve("Sam Gamgee", date="2010-01-10").code == "ORCHOB"
    assert r09.resolve("Sam Gamgee", date="2010-01-13").code == "HOBMIL"
    assert r09.resolve("Sam Gamgee", date="1995-01-04").code == "HOBCIV"
    assert r09.resolve("Sam Gamgee").code == "HOB"  # no date: the default code
    assert r09.resolve("Smeagol", date="1996-01-01").code == "HOBGOV"  # a synonym shares the codes


@pytest.mark.parametrize(("rec_id", "phrase", "code"), [
    ("DEMO-19", "Arnor's foreign minister", "ARNGOVFRM"),
    ("AGENTS-10", "Arnor security officials", "ARNGOV"),
    ("AGENTS-10", "Gondor police", "GONCOP"),
    ("AGENTS-11", "White House security officials", "USAGOV"),
    ("AGENTS-11", "Minas Tirith border police", "GONCOP"),
    ("AGENT-02", "MSF Arnor", "NGOARN"),
])
def test_actor_plus_agent_codes(r09, rec_id, phrase, code):
    rec = gold_record("petrarch/petrarch2_unittest_records.jsonl", rec_id)
    assert phrase in rec["text"]
    expected = {e[k] for e in rec["expected"] for k in ("source", "target")}
    assert code in expected
    actor = r09.resolve(phrase, date=rec["date"])
    assert actor is not None and actor.code == code, (phrase, actor)


def test_codes_give_country_and_type(r09):
    hamas = r09.resolve("Hamas gunmen")
    assert (hamas.code, hamas.country, hamas.type) == ("PSEHMSMIL", "PSE", "military")
    arnor = r09.resolve("Arnor")
    assert (arnor.code, arnor.country) == ("ARN", None)  # not an ISO code
    assert r09.resolve("Washington").code == "USAGOV" and r09.resolve("Washington").type == "government"
    police = r09.resolve("police")
    assert police.code == "---COP" and police.type == "police"
    shire = r09.resolve("the Shire")
    assert shire.code == "FRO/BIL/SAM" and shire.country is None  # compound code
    assert r09.resolve("us") is None and r09.resolve("Mouses") is None


def test_compound_codes_expand(r09):
    got = r09.resolve_all("The Shire")
    assert [a.code for a in got] == ["FRO", "BIL", "SAM"]


def test_include_default_keeps_petrarch_entries_first():
    both = ActorResolver.from_petrarch(_actors(V09), _agents(V09), include_default=True)
    assert both.resolve("Egypt").code == "UAR"  # the PETRARCH dictionary's own code
    assert both.resolve("Arnor").code == "ARN"
    assert both.resolve("Kataeb Hizbullah").name == "Kataib Hezbollah"  # sitrep's entries behind
