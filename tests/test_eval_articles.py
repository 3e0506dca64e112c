"""The whole-article scorer (sitrep/eval/articles.py), checked with oracle and hand-built records
on the real VOA gold articles (../shared/gold/articles/voa_dev.jsonl, read at run time)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import shared_file

from sitrep.eval import articles
from sitrep.models import Actor, Event, Evidence, Place, Span


@pytest.fixture(scope="module")
def items() -> list[articles.ArticleItem]:
    return articles.load(shared_file("gold").parent / "gold")


def oracle(item: articles.ArticleItem, g: articles.GoldEvent, k: int, *, conf: float = 0.9,
           event: str | None = None, modality: str | None = None) -> Event:
    """A system record that says exactly what the gold event says."""
    place = None
    if g.place:
        place = Place(text=g.place["name"], name=g.place["name"], country=g.place.get("country"),
                      admin1=g.place.get("admin1"))
    sysmod = "historical" if g.timing == "background" and g.modality == "asserted" else g.modality
    return Event(
        article_id=item.id, event_id=f"e-{item.id}-{k}-{event or g.type}", event=event or g.type, mode=None,
        acled_event_type=g.acled_event_type, acled_sub_event_type=None, cameo=None,
        actor=tuple(Actor(text=n, name=n, country=g.actor_country) for n in g.actor),
        recipient=tuple(Actor(text=n, name=n, country=g.recipient_country) for n in g.recipient),
        evidence=Evidence(g.evidence, g.start, g.end, Span(g.evidence[:4], g.start, g.start + 4)),
        confidence=conf, modality=modality or sysmod, location=place,
        date={4: f"{g.date}-01-01", 7: f"{g.date}-01"}.get(len(g.date), g.date) if g.date else None,
        fatalities=g.fatalities,
    )


def test_loader_finds_every_evidence_in_its_article(items: list[articles.ArticleItem]) -> None:
    assert len(items) == 40
    assert sum(len(it.events) for it in items) == 279
    for it in items:
        for g in it.events:
            assert it.text[g.start:g.end] == g.evidence


def test_perfect_records_score_one(items: list[articles.ArticleItem]) -> None:
    preds = {it.id: [oracle(it, g, k) for k, g in enumerate(it.events)] for it in items}
    m = articles.score(items, preds).metrics
    # a record tells background only through modality "historical": a threatened, offered or
    # refused event told as background reads as current (the one field the oracle cannot say)
    gold = [g for it in items for g in it.events]
    silent = sum(1 for g in gold if g.timing == "background" and g.modality != "asserted")
    assert 0 < silent < 20
    assert m["field_timing"] == pytest.approx(1 - silent / len(gold))
    for key in ("precision", "recall", "recall_current_asserted", "events_per_record", "usable",
                "field_modality", "field_actor", "field_recipient", "field_place_country",
                "field_place_name", "field_date", "field_fatalities"):
        assert m[key] == pytest.approx(1.0), key


def test_a_duplicate_record_costs_precision_and_records_per_event(items: list[articles.ArticleItem]) -> None:
    it = next(i for i in items if i.events)
    g = it.events[0]
    twice = [oracle(it, g, 0, conf=0.9), oracle(it, g, 1, conf=0.4)]
    result = articles.score([it], {it.id: twice})
    assert result.details["matched"] == 1
    assert result.details["system_records"] == 2
    assert result.metrics["precision"] == pytest.approx(0.5)
    assert result.details["records_per_event"] == pytest.approx(2.0)
    # the more confident record is the one matched; the copy is judged wrong
    assert [j.correct for j in sorted(result.judged, key=lambda j: -j.confidence)] == [True, False]


def test_precision_is_read_at_each_confidence_a_user_keeps(items: list[articles.ArticleItem]) -> None:
    it = next(i for i in items if len(i.events) >= 3)
    right = [oracle(it, g, k, conf=c) for k, (g, c) in enumerate(zip(it.events, (0.95, 0.75, 0.55), strict=False))]
    wrong = oracle(it, it.events[0], 9, conf=0.8, event="CONSULT" if it.events[0].type != "CONSULT" else "AID")
    m = articles.score([it], {it.id: [*right, wrong]}).metrics
    assert m["precision_conf_090"] == pytest.approx(1.0)
    assert m["precision_conf_070"] == pytest.approx(2 / 3)  # 0.95 and 0.75 right, the 0.8 record of a wrong type
    assert m["precision_conf_050"] == pytest.approx(3 / 4)


def test_out_of_scope_types_count_neither_way(items: list[articles.ArticleItem]) -> None:
    it = next(i for i in items if i.events)
    g = it.events[0]
    accuse = oracle(it, g, 0, event="ACCUSE")
    result = articles.score([it], {it.id: [accuse]})
    assert result.details["system_records"] == 0
    assert result.metrics["precision"] is None


def test_wrong_type_does_not_match(items: list[articles.ArticleItem]) -> None:
    it = next(i for i in items if any(g.type != "CONSULT" for g in i.events))
    g = next(g for g in it.events if g.type != "CONSULT")
    result = articles.score([it], {it.id: [oracle(it, g, 0, event="CONSULT")]})
    assert result.details["matched"] == 0


def test_a_background_event_coded_current_is_a_timing_error(items: list[articles.ArticleItem]) -> None:
    it, g = next((i, g) for i in items for g in i.events if g.timing == "background" and g.modality == "asserted")
    rec = oracle(it, g, 0, modality="asserted")
    m = articles.score([it], {it.id: [rec]}).metrics
    assert m["field_timing"] == 0.0
    assert m["field_modality"] == 1.0  # background events are asserted happenings


@pytest.mark.parametrize(("system", "gold", "country", "right"), [
    (["Officer Darren Wilson"], ["Darren Wilson"], "USA", True),            # system name contains the gold name
    (["police"], ["Darren Wilson"], "USA", False),
    ([], [], None, True),
    (["Islamic State"], [], None, False),                                     # an actor the article does not give
])
def test_actor_names(system: list[str], gold: list[str], country: str | None, right: bool) -> None:
    actors = [Actor(text=n, name=n, country=country) for n in system]
    assert articles.actors_right(actors, gold, country) is right


def test_a_generic_gold_actor_is_matched_by_country_and_kind() -> None:
    police = Actor(text="officers", name="Turkish police", country="TUR", type="police")
    assert articles.actors_right([police], ["police"], "SYR")  # the name holds the gold name: right anywhere
    assert articles.actors_right([police], ["security forces"], "TUR")
    assert not articles.actors_right([police], ["security forces"], "SYR")
    crowd = Actor(text="crowd", name="crowd", country="TUR", type="protesters")
    assert articles.actors_right([crowd], ["demonstrators"], "TUR")
    assert not articles.actors_right([crowd], ["demonstrators"], "SYR")
    assert not articles.actors_right([crowd], ["soldiers"], "TUR")


def test_a_country_word_before_a_description_keeps_it_generic() -> None:
    army = Actor(text="troops", name="Iraqi military", country="IRQ", type="military")
    assert articles.is_generic("Iraqi forces") and articles.is_generic("Syrian government forces")
    assert not articles.is_generic("Islamic State") and not articles.is_generic("Free Syrian Army")
    assert articles.actors_right([army], ["Iraqi forces"], None)            # the country word decides
    assert not articles.actors_right([army], ["Syrian government forces"], "IRQ")
    assert not articles.actors_right([army], ["Iraqi militants"], "IRQ")    # same country, other kind


def test_one_gold_name_is_enough_and_every_name_is_stricter() -> None:
    army = Actor(text="Iraqi troops", name="Iraqi military", country="IRQ", type="military")
    gold = ["Iraqi forces", "Islamic State"]                                # both sides of a clash
    assert articles.actors_right([army], gold, "IRQ")
    assert not articles.actors_all_right([army], gold, "IRQ")
    assert not articles.actors_right([], gold, "IRQ") and articles.actors_all_right([], [], None)


def test_place_names_ignore_articles_and_diacritics() -> None:
    assert articles.norm("al-Raqqa") == articles.norm("Raqqa")
    assert articles.norm("Şanlıurfa") == "sanliurfa"


def test_the_fast_gate_keeps_every_article(tmp_path: Path, items: list[articles.ArticleItem]) -> None:
    assert len(articles.sample(items, None)) == len(items)


def test_a_record_pairs_with_the_gold_event_whose_evidence_holds_its_trigger(items: list[articles.ArticleItem]) -> None:
    it, k, j = next((i, k, j) for i in items for k, g in enumerate(i.events) for j, h in enumerate(i.events)
                    if j > k and g.type == h.type and g.end <= h.start and g.end - g.start > h.end - h.start)
    g, h = it.events[k], it.events[j]
    rec = oracle(it, h, 0)
    # the evidence sentence spans both gold events and covers more of the first; the trigger sits in the second
    wide = dataclasses.replace(rec, evidence=dataclasses.replace(rec.evidence, start=g.start, end=h.end))
    _system, matched = articles.match(it, [wide])
    assert list(matched) == [j]


def test_a_dictionary_alias_and_a_state_named_by_its_country_match() -> None:
    ypg = Actor(text="Kurdish fighters", name="People's Protection Units", country="SYR", type="rebels")
    assert articles.actors_right([ypg], ["YPG"], "SYR")  # an alias the dictionaries give the name
    assert not articles.actors_right([ypg], ["Free Syrian Army"], "SYR")
    government = Actor(text="Islamabad", name="Pakistani government", country="PAK", type="government")
    assert articles.actors_right([government], ["Pakistan"], "PAK")
    civilians = Actor(text="villagers", name="Pakistani civilians", country="PAK", type="civilians")
    assert not articles.actors_right([civilians], ["Pakistan"], "PAK")  # a country's people are not its state
