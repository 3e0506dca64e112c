"""Sides as data, side matching, dyad directions and the most active dyads."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.analysis.sides import (
    Side,
    active_dyads,
    active_dyads_of,
    direction,
    dyad_events,
    load_sides,
    resolve_side,
    undirected,
)
from sitrep.errors import DataFileError
from sitrep.models import Actor, Event, Evidence, Span

KH = Actor(text="Kataib Hezbollah", name="Kataib Hezbollah", code="IRQUAFKTH")
MILITIAS = Actor(text="Iraqi militia groups", name="Iraqi militias", code="IRQUAF")
US = Actor(text="US troops", name="United States military", code="USAMIL")
AMIRI = Actor(text="Hadi al-Amiri", name="Hadi al-Amiri", code="IRQUAFBDR", org="Badr Organisation")
AWAKENING = Actor(text="Sahwa", name="Sons of Iraq", code="IRQUAF")


def ev(actor=(), recipient=(), event="ASSAULT", eid="e1", date="2021-07-01", **kw) -> Event:
    return Event(article_id="a", event_id=eid, event=event, mode=kw.pop("mode", None), acled_event_type=kw.pop(
        "acled_event_type", None), acled_sub_event_type=None, cameo=None, actor=tuple(actor),
        recipient=tuple(recipient), evidence=Evidence("s", 0, 1, Span("s", 0, 1)), confidence=0.8, date=date,
        date_precision="day", **kw)


def test_sides_file_loads_and_names_the_brief_sides():
    sides = load_sides()
    militias = sides["Iran-aligned Iraqi militias"]
    for name in ("Kataib Hezbollah", "Kataib Sayyid al-Shuhada", "Badr Organisation", "Popular Mobilisation Forces",
                 "Asaib Ahl al-Haq"):
        assert name in militias.actors
    assert "US forces" in sides and "Government of Iraq" in sides and "IS" in sides


def test_matching_by_name_code_and_organisation():
    militias = resolve_side("Iran-aligned Iraqi militias")
    assert militias.matches(KH) and militias.matches(MILITIAS)
    assert militias.matches(AMIRI)  # a person, by the organisation he heads
    assert not militias.matches(AWAKENING)  # the shared generic code IRQUAF is not enough
    assert not militias.matches(US)
    assert resolve_side("US forces").matches(US)


def test_resolve_side_by_alias_or_actor_name():
    assert resolve_side("isis").name == "IS"
    assert resolve_side("United States").name == "US forces"
    side = resolve_side("Government of Turkey")  # not in the file: a side of one actor
    assert side.actors == ("Government of Turkey",)
    assert side.matches(Actor(text="x", name="Government of Turkey"))


def test_direction_of_an_event_between_two_sides():
    a, b = resolve_side("Iran-aligned Iraqi militias"), resolve_side("US forces")
    assert direction(ev([KH], [US]), a, b) == "ab"
    assert direction(ev([US], [KH, MILITIAS]), a, b) == "ba"
    assert direction(ev([KH, US]), a, b) == "mutual"
    assert direction(ev([KH], [AWAKENING]), a, b) is None
    assert direction(ev([], [KH, US]), a, b) is None


def test_ucdp_rows_are_undirected_unless_a_hint_says_who_acted():
    gov, isis = Actor(text="Government of Iraq", name="Government of Iraq"), Actor(text="IS", name="IS")
    row = ev([gov], [isis], rule="import:ucdp", eid="ucdp-1")
    a, b = resolve_side("Government of Iraq"), resolve_side("IS")
    assert undirected(row)
    assert direction(row, a, b) == "undirected"
    assert direction(row, a, b, "actor") == "ab"
    assert direction(row, a, b, "recipient") == "ba"
    assert direction(row, b, a, "actor") == "ba"  # the dyad's order does not matter
    battle = ev([gov], [isis], rule="import:acled", acled_event_type="Battles")
    strike = ev([gov], [isis], rule="import:acled", acled_event_type="Explosions/Remote violence")
    assert undirected(battle) and not undirected(strike)
    got = dyad_events([row, ev([gov], [isis], eid="e2", date="2021-01-01")], a, b, hints={"ucdp-1": "recipient"})
    assert [(d.event.event_id, d.direction) for d in got] == [("e2", "ab"), ("ucdp-1", "ba")]


def test_active_dyads_counts_by_type_and_folds_actors_into_sides():
    events = [ev([KH], [US], eid="1", fatalities=2), ev([US], [MILITIAS], eid="2", date="2021-07-03"),
              ev([KH], [US], event="THREATEN", eid="3", modality="threatened"),
              ev([KH], [US], event="AGREE", eid="4", modality="hypothetical"),  # an offer: not an occurrence
              ev([Actor(text="x", name="Houthis")], [US], eid="5")]
    rows = active_dyads(events)
    top = rows[0]
    assert (top.side_a, top.side_b) == ("Iran-aligned Iraqi militias", "US forces")
    assert top.total == 3 and top.by_type == {"ASSAULT": 2, "THREATEN": 1}
    assert top.fatalities == 2 and (top.first, top.last) == ("2021-07-01", "2021-07-03")
    assert ("Houthis", "US forces") in {(r.side_a, r.side_b) for r in rows}


@pytest.mark.parametrize("text, message", [
    ("sides: [{name: X}]\n", "lists no actors"),
    ("sides: [{name: X, actors: [a], colour: red}]\n", "unknown field"),
    ("sides: [{name: X, actors: [a]}, {name: Y, aliases: [x], actors: [b]}]\n", "already names side"),
    ("sides: [{name: X, actors: a}]\n", "must be a list"),
    ("nothing: here\n", "top-level"),
])
def test_broken_sides_files_are_refused_by_entry(tmp_path: Path, text: str, message: str):
    p = tmp_path / "sides.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as info:
        load_sides(p)
    assert info.value.item == str(p)


def test_a_side_can_be_built_in_code():
    side = Side("Kurds", actors=("Peshmerga",), codes=("IRQMIL",))
    assert side.matches(Actor(text="x", name="peshmerga"))


def test_active_dyads_counted_in_the_store_match_the_events(tmp_path: Path):
    """active_dyads_of counts in SQL what active_dyads counts over the events: the same rows,
    in the current view (a rejected event leaves, a corrected type moves), with date filters."""
    from sitrep.models import Article, article_id_for
    from sitrep.store import Store

    store = Store.open(tmp_path / "d.db")
    specs = [([KH], [US], "ASSAULT", "2021-07-01", "asserted", 2), ([US], [MILITIAS], "ASSAULT", "2021-07-03", "asserted", 5),
             ([KH], [US], "THREATEN", "2021-07-04", "threatened", None),
             ([KH], [US], "AGREE", "2021-07-05", "hypothetical", None),  # not an occurrence
             ([Actor(text="x", name="Houthis")], [US], "ASSAULT", None, "asserted", 1),
             ([KH, AMIRI, AWAKENING], [], "MOBILIZE", "2021-08-01", "asserted", None),  # no recipient: actor pairs
             ([US, KH], [KH, Actor(text="y", name="Houthis")], "ASSAULT", "2021-05-01", "asserted", 3)]
    ids = []
    for k, (act, rec, etype, date, modality, fat) in enumerate(specs):
        text = f"Report number {k} of a clash."
        art = Article(text=text, id=article_id_for(text), date="2021-07-01")
        store.add_articles([art])
        e = ev(act, rec, event=etype, eid=f"ev{k}", date=date, modality=modality, fatalities=fat)
        e = Event.from_dict({**e.to_dict(), "article_id": art.id})
        store.add_events(art, [e])
        ids.append(e.event_id)
    store.review(ids[0], "correct", reviewer="t", changes={"event": "COERCE"})
    store.review(ids[1], "reject", reviewer="t")
    store.review(ids[4], "correct", reviewer="t", changes={"actor1": "Kataib Hezbollah"})  # Houthis -> a militia

    def same(**kw: str) -> list[dict]:
        want = [r.to_dict() for r in active_dyads(store.events(**kw))]
        assert [r.to_dict() for r in active_dyads_of(store, **kw)] == want
        return want

    rows = same()
    assert rows and all(r["by_type"].get("AGREE") is None for r in rows)
    top = {(r["side_a"], r["side_b"]): r for r in rows}[("Iran-aligned Iraqi militias", "US forces")]
    assert top["by_type"] == {"COERCE": 1, "THREATEN": 1, "ASSAULT": 2}  # corrected; rejected one gone
    assert same(since="2021-07-02", until="2021-07-31")
    store.close()
