"""UCDP GED events in Iraq, scored from their source headlines.

Only events with a source headline are scored (several headlines joined by
";" are coded as one text, one headline a sentence). The prediction is the
headline's main violent event: the highest-confidence ASSAULT (or ACLED
violent event) with a modality in ``defaults.EVAL_UCDP_MODALITIES``.

- ``coverage``: share of headlines with a predicted violent event;
- ``country_agreement``: the event's place is in the gold country (Iraq);
- ``tov_agreement``: UCDP type of violence — 3 one-sided when the recipients
  are civilians (ACLED "Violence against civilians"), else 1 state-based when
  any side is a state actor (ACLED inter 1 or a government/military/police
  actor), else 2 non-state;
- deaths, on the headlines that state the event's toll (a number in the
  headline lies within the gold low-high range): ``deaths_exact`` (largest
  fatality count of the headline's events equals ``best``) and
  ``deaths_within`` (it lies within low-high, widened to include best where a
  row has best outside its own range).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sitrep import defaults
from sitrep.eval.base import SetScore, iso_date, need, read_jsonl
from sitrep.eval.coder import CoderLike, TextItem
from sitrep.eval.metrics import classification_scores
from sitrep.models import Event

NAME = "ucdp"
DESCRIPTION = "UCDP GED Iraq headlines -> country, type of violence, deaths"
HEADLINE = ("coverage", "country_agreement", "tov_agreement", "deaths_exact", "deaths_within")
FILE = ("ucdp", "ucdp_ged_iraq_dev.jsonl")
VIOLENT_ACLED = ("Battles", "Explosions/Remote violence", "Violence against civilians")
STATE_TYPES = ("government", "military", "police")
#: UCDP country names in this set -> ISO 3166 alpha-3
COUNTRY_ISO3 = {"Iraq": "IRQ"}

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "dozen": 12, "dozens": 12, "hundred": 100, "hundreds": 100,
}


@dataclass(frozen=True, slots=True)
class UcdpItem:
    id: str
    text: str
    date: str | None
    country: str | None
    tov: int
    best: int
    low: int
    high: int
    states_deaths: bool

    @property
    def fold_key(self) -> str:
        return f"{NAME}:{self.id}"


def headline_numbers(text: str) -> list[int]:
    """Numbers a headline states, in digits ("1,200") or words ("six", "dozens")."""
    out = [int(m.replace(",", "")) for m in re.findall(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b", text)]
    out += [_NUMBER_WORDS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in _NUMBER_WORDS]
    return out


def files(gold_dir: Path) -> list[Path]:
    return [gold_dir.joinpath(*FILE)]


def _int(value: object) -> int:
    try:
        return int(str(value).strip() or 0)
    except ValueError:
        return 0


def load(gold_dir: Path) -> list[UcdpItem]:
    path = gold_dir.joinpath(*FILE)
    items = []
    for n, rec in read_jsonl(path):
        headline = str(rec.get("source_headline") or "").strip()
        if not headline:
            continue
        parts = [p.strip() for p in headline.split(";") if p.strip()]
        text = "\n".join(p if p[-1] in ".!?" else p + "." for p in parts)
        best, low, high = _int(rec.get("best")), _int(rec.get("low")), _int(rec.get("high"))
        low, high = min(low, best), max(high, best)  # a few rows have best outside low..high
        states = any(low <= x <= high for x in headline_numbers(headline)) and high > 0
        items.append(UcdpItem(str(need(rec, "id", path, n)), text, iso_date(rec.get("source_date")),
                              COUNTRY_ISO3.get(str(rec.get("country"))), _int(need(rec, "type_of_violence", path, n)),
                              best, low, high, states))
    return items


def predict(items: Sequence[UcdpItem], coder: CoderLike, gold_dir: Path | None = None) -> dict[str, list[Event]]:
    return coder.code_texts([TextItem(it.id, it.text, it.date) for it in items])


def is_violent(ev: Event) -> bool:
    if ev.modality not in defaults.EVAL_UCDP_MODALITIES:
        return False
    return ev.event == "ASSAULT" or (ev.acled_event_type or "") in VIOLENT_ACLED


def type_of_violence(ev: Event) -> int:
    """UCDP type of violence a sitrep event stands for (1 state-based, 2 non-state, 3 one-sided)."""
    if ev.acled_event_type == "Violence against civilians" or any(
            r.type == "civilians" or r.inter == 7 for r in ev.recipient):
        return 3
    if any(a.inter == 1 or a.type in STATE_TYPES for a in (*ev.actor, *ev.recipient)):
        return 1
    return 2


def score(items: Sequence[UcdpItem], predictions: dict[str, list[Event]]) -> SetScore:
    covered = country_ok = 0
    tov_pairs: list[tuple[str, str]] = []
    stated = exact = within = 0
    for it in items:
        violent = [ev for ev in predictions.get(it.id, []) if is_violent(ev)]
        main = max(violent, key=lambda e: (e.confidence, -e.evidence.trigger.start)) if violent else None
        covered += main is not None
        if main is not None and main.location is not None and it.country:
            country_ok += main.location.country == it.country
        tov_pairs.append((str(it.tov), str(type_of_violence(main)) if main else "none"))
        if it.states_deaths:
            stated += 1
            deaths = max((ev.fatalities for ev in violent if ev.fatalities is not None), default=None)
            if deaths is not None:
                exact += deaths == it.best
                within += it.low <= deaths <= it.high
    n = len(items)
    tov = classification_scores(tov_pairs, ("1", "2", "3"))
    metrics = {
        "coverage": covered / n if n else None,
        "country_agreement": country_ok / n if n else None,
        "tov_agreement": tov["accuracy"],
        "deaths_exact": exact / stated if stated else None,
        "deaths_within": within / stated if stated else None,
    }
    details = {"n": n, "headlines_stating_deaths": stated, "tov": tov["per_class"], "tov_confusions": tov["confusions"]}
    return SetScore(metrics, details)
