"""PLOVER gold standard records: CAMEO-manual example sentences recoded in PLOVER.

Each record is one sentence with one gold event. The prediction is the
sentence's main event (highest confidence, any modality; a ``threatened``
event reads as PLOVER THREATEN, which is how PLOVER codes a threat). Older
PLOVER names in the gold (DEMAND, FIGHT, strike-hun, ...) are mapped to draft
0.8 names through ``plover_legacy.tsv``.

Actors: gold actor codes are CAMEO-style (country + role); a country is scored
when it is a real ISO 3166 alpha-3 code, a sector through ``cameo_sectors.tsv``.
Actor/recipient country and sector F1 are micro-averaged over records, with the
main event's actors (or recipients) as the predicted set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pycountry

from sitrep.coding import taxonomy
from sitrep.errors import DataFileError
from sitrep.eval.base import Judged, SetScore, iso_date, need, read_jsonl
from sitrep.eval.coder import CoderLike, TextItem
from sitrep.eval.metrics import PRF, classification_scores, main_event, set_prf
from sitrep.eval.sampling import unique_ids
from sitrep.models import PLOVER_EVENTS, Actor, Event

NAME = "plover"
DESCRIPTION = "PLOVER gold standard sentences -> event type, mode, actors"
HEADLINE = ("event_accuracy", "event_macro_f1", "event_in_any", "mode_accuracy", "actor_country_f1",
            "recipient_country_f1", "actor_sector_f1", "recipient_sector_f1")
FILE = ("plover", "plover_gsr.jsonl")
NONE = "NONE"


@dataclass(frozen=True, slots=True)
class GoldActors:
    countries: frozenset[str]
    types: frozenset[str]
    has_sector: bool  # at least one gold actor carries a sector


@dataclass(frozen=True, slots=True)
class PloverItem:
    id: str
    text: str
    date: str | None
    event: str
    mode: str | None
    actor: GoldActors
    recipient: GoldActors

    @property
    def fold_key(self) -> str:
        return f"{NAME}:{self.id}"


@cache
def _iso3() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries)


def gold_actors(entries: list[dict[str, Any]]) -> GoldActors:
    countries: set[str] = set()
    types: set[str] = set()
    has_sector = False
    for a in entries or []:
        country, code_types = taxonomy.cameo_actor_parts(a.get("code"))
        if country and country in _iso3():
            countries.add(country)
        sector = (a.get("sector") or "").strip()
        sector_type = taxonomy.cameo_sector_type(sector[:3]) if sector and sector != "***" else None
        if sector_type:
            types.add(sector_type)
            has_sector = True
        elif code_types:
            types.update(code_types)
            has_sector = True
    return GoldActors(frozenset(countries), frozenset(types), has_sector)


def files(gold_dir: Path) -> list[Path]:
    return [gold_dir.joinpath(*FILE)]


def load(gold_dir: Path) -> list[PloverItem]:
    path = gold_dir.joinpath(*FILE)
    items = []
    recs = list(read_jsonl(path))
    ids = unique_ids([str(need(rec, "id", path, n)) for n, rec in recs])  # one id occurs twice
    for rid, (n, rec) in zip(ids, recs, strict=True):
        raw_event = need(rec, "event", path, n)
        event = taxonomy.normalize_plover_event(raw_event)
        if event is None:
            raise DataFileError(f"line {n}: unknown PLOVER event {raw_event!r}", item=str(path))
        items.append(PloverItem(
            id=rid, text=need(rec, "text", path, n), date=iso_date(rec.get("date")),
            event=event, mode=taxonomy.normalize_plover_mode(rec.get("mode"), table_2021=True),
            actor=gold_actors(rec.get("source") or []), recipient=gold_actors(rec.get("target") or []),
        ))
    return items


def predict(items: Sequence[PloverItem], coder: CoderLike, gold_dir: Path | None = None) -> dict[str, list[Event]]:
    return coder.code_texts([TextItem(it.id, it.text, it.date) for it in items])


def plover_view(ev: Event) -> str:
    """The PLOVER event type a sitrep event stands for, as PLOVER's coders file it."""
    return taxonomy.plover_intent_view(ev)


def _countries(actors: Sequence[Actor]) -> set[str]:
    return {a.country for a in actors if a.country}


def _types(actors: Sequence[Actor]) -> set[str]:
    return {a.type for a in actors if a.type}


def score(items: Sequence[PloverItem], predictions: dict[str, list[Event]]) -> SetScore:
    pairs: list[tuple[str, str]] = []
    any_hits = 0
    mode_n = mode_hits = 0
    prf = {k: PRF() for k in ("actor_country", "recipient_country", "actor_sector", "recipient_sector")}
    judged: list[Judged] = []
    for it in items:
        events = predictions.get(it.id, [])
        ev = main_event(events)
        pred = plover_view(ev) if ev else NONE
        pairs.append((it.event, pred))
        any_hits += any(plover_view(e) == it.event for e in events)
        if ev is not None:
            judged.append(Judged(NAME, it.id, ev.confidence, pred == it.event, ev))
        if it.mode:
            mode_n += 1
            pred_mode = taxonomy.normalize_plover_mode(taxonomy.plover_intent_mode(ev), table_2021=True) if ev else None
            mode_hits += pred_mode == it.mode
        actors = ev.actor if ev else ()
        recips = ev.recipient if ev else ()
        prf["actor_country"].add(set_prf(it.actor.countries, _countries(actors)))
        prf["recipient_country"].add(set_prf(it.recipient.countries, _countries(recips)))
        if it.actor.has_sector:
            prf["actor_sector"].add(set_prf(it.actor.types, _types(actors)))
        if it.recipient.has_sector:
            prf["recipient_sector"].add(set_prf(it.recipient.types, _types(recips)))
    cls = classification_scores(pairs, PLOVER_EVENTS)
    metrics: dict[str, float | None] = {
        "event_accuracy": cls["accuracy"],
        "event_macro_f1": cls["macro_f1"],
        "event_in_any": any_hits / len(items) if items else None,
        "mode_accuracy": mode_hits / mode_n if mode_n else None,
    }
    for key, counts in prf.items():
        metrics[f"{key}_f1"] = counts.f1
    details = {"n": len(items), "mode_records": mode_n, "per_class": cls["per_class"],
               "confusions": cls["confusions"], "actors": {k: v.as_dict() for k, v in prf.items()}}
    return SetScore(metrics, details, judged)
