"""Whole articles with every in-scope event written down by hand (``gold/articles/``).

The yardstick for records an analyst would keep. Scored exactly as
``gold/articles/GUIDELINES.md`` says:

- only system records whose PLOVER type is in scope count (``SCOPE``); ACCUSE,
  SUPPORT and COOPERATE records are counted neither way;
- a system record and a gold event **match** when the record's evidence
  sentence (``evidence.start``-``evidence.end``) overlaps the gold evidence's
  span in the same text and the PLOVER types are equal; matching is one to one,
  highest system confidence first;
- ``precision``: matched records / system records (``precision_asserted`` for
  asserted records, ``precision_conf_050``/``_070``/``_090`` for records at
  confidence >= 0.5, 0.7, 0.9, and per confidence band in ``details``). The
  shipped calibration (``data/calibration.json``) is fitted on fold 0 only, so
  the fold 1 column of the ``_070``/``_090`` rows is the held-out reading of the
  confidence a user relies on (issue 11: >= 0.85 and >= 0.90);
- ``recall``: matched gold events / gold events (``recall_current_asserted``
  for gold events told as current news and asserted; per ACLED type in
  ``details``);
- ``records_per_event`` (details) and ``events_per_record`` (its inverse, so a
  floor can pin it from below): per matched gold event, its record plus the
  unmatched system records of the same type overlapping its evidence (gold
  events may share a sentence, so records matched to another gold event are not
  copies);
- field accuracy on matched pairs (``field_<name>``): modality (a system
  ``historical`` record is asserted background), timing, actor and recipient
  (a system name, text or alias equals or contains a gold name; where the gold
  name is a generic description, "gunmen" or "Iraqi forces", the same country
  and kind of actor; ``field_actor_every_name`` wants every gold name), place
  country and place name (lower-cased, diacritics and articles such as "al-"
  dropped), date (equal at the gold's precision), fatalities (equal; null = null),
  ACLED event type (equal; none = none);
- ``usable``: matched records whose modality, actor, place country and date are
  all right, over all system records in scope.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep import defaults
from sitrep.eval.base import Judged, SetScore, need, read_jsonl
from sitrep.eval.coder import CoderLike, TextItem
from sitrep.models import Actor, Event
from sitrep.resolve.actors import ActorResolver
from sitrep.resolve.countries import country_code, lookup_country

NAME = "articles"
DESCRIPTION = "whole articles (VOA dev) -> the records an analyst would keep"
HEADLINE = (
    "precision", "precision_conf_050", "precision_conf_070", "precision_conf_090", "precision_asserted", "recall", "recall_current_asserted",
    "events_per_record", "usable", "field_modality", "field_timing", "field_actor", "field_recipient",
    "field_place_country", "field_place_name", "field_date", "field_fatalities",
)
FILE = ("articles", "voa_dev.jsonl")
#: PLOVER types the guideline records; a system record of another type is not counted.
SCOPE = frozenset({
    "ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "THREATEN", "SANCTION", "RETREAT", "CONCEDE", "AGREE",
    "REJECT", "REQUEST", "CONSULT", "AID",
})
FIELDS = ("modality", "timing", "actor", "recipient", "place_country", "place_name", "date", "fatalities",
          "actor_every_name", "recipient_every_name", "acled_type")
#: Confidence bands for per-band precision, [low, high); the last includes 1.0.
BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.0))
#: Thresholds for cumulative precision ("records at confidence >= c are right ...").
AT_LEAST = (0.5, 0.7, 0.9)


@dataclass(frozen=True, slots=True)
class GoldEvent:
    type: str
    acled_event_type: str | None
    modality: str
    timing: str
    actor: tuple[str, ...]
    actor_country: str | None
    recipient: tuple[str, ...]
    recipient_country: str | None
    place: dict[str, Any] | None
    date: str | None
    fatalities: int | None
    evidence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ArticleItem:
    id: str
    text: str
    date: str | None
    events: tuple[GoldEvent, ...]

    @property
    def fold_key(self) -> str:
        return f"{NAME}:{self.id}"


def files(gold_dir: Path) -> list[Path]:
    return [gold_dir.joinpath(*FILE)]


def load(gold_dir: Path) -> list[ArticleItem]:
    path = gold_dir.joinpath(*FILE)
    items = []
    for n, rec in read_jsonl(path):
        text = str(need(rec, "text", path, n))
        events = []
        for k, ev in enumerate(need(rec, "events", path, n) or []):
            evidence = str(ev.get("evidence") or "")
            start = text.find(evidence) if evidence else -1
            if start < 0:
                from sitrep.errors import DataFileError

                raise DataFileError(f"line {n}: event {k}: evidence is not a substring of the text", item=str(path))
            fat = ev.get("fatalities")
            events.append(GoldEvent(
                type=str(ev["type"]), acled_event_type=ev.get("acled_event_type"),
                modality=str(ev.get("modality") or "asserted"), timing=str(ev.get("timing") or "current"),
                actor=tuple(ev.get("actor") or ()), actor_country=ev.get("actor_country"),
                recipient=tuple(ev.get("recipient") or ()), recipient_country=ev.get("recipient_country"),
                place=ev.get("place"), date=ev.get("date"), fatalities=int(fat) if fat is not None else None,
                evidence=evidence, start=start, end=start + len(evidence),
            ))
        items.append(ArticleItem(str(need(rec, "id", path, n)), text, rec.get("date"), tuple(events)))
    return items


def sample(items: Sequence[ArticleItem], limit: int | None) -> list[ArticleItem]:
    """Whole articles are few and every one counts: ``--fast`` keeps all of them unless a limit is given."""
    return list(items) if limit is None else list(items[:limit])


def predict(items: Sequence[ArticleItem], coder: CoderLike, gold_dir: Path | None = None) -> dict[str, list[Event]]:
    return coder.code_texts([TextItem(it.id, it.text, it.date) for it in items])


# --- field comparisons ---------------------------------------------------------------

_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae"})
_ARTICLES = re.compile(r"\b(?:the|a|an)\s+|\b(?:al|el|ad|ar|as|ash|at|az|an)[-\s]")
_GENERIC_HEADS: dict[str, tuple[str | None, ...]] = {
    # the kind of actor a generic description names -> sitrep actor types that are that kind
    "protester": ("protesters",), "demonstrator": ("protesters",), "marcher": ("protesters",),
    "rioter": ("rioters", "protesters"), "worker": ("protesters", "civilians", "business"),
    "student": ("protesters", "civilians"), "police": ("police",), "officer": ("police", "military"),
    "soldier": ("military",), "troop": ("military",), "army": ("military",), "force": ("military", "police", "militia", "rebels"),
    "military": ("military",), "gunman": ("rebels", "militia", "criminal", None), "gunmen": ("rebels", "militia", "criminal", None),
    "militant": ("rebels", "militia"), "rebel": ("rebels",), "insurgent": ("rebels",), "fighter": ("rebels", "militia"),
    "militia": ("militia",), "attacker": ("rebels", "militia", "criminal", None), "bomber": ("rebels", "militia", None),
    "civilian": ("civilians",), "people": ("civilians",), "resident": ("civilians",), "villager": ("civilians",),
    "government": ("government",), "authorities": ("government", "police"), "official": ("government",),
    "court": ("judiciary",), "prosecutor": ("judiciary",), "journalist": ("media", "civilians"),
}


def norm(name: str) -> str:
    """Lower-case, strip diacritics, drop articles ("the", "al-") and punctuation."""
    text = unicodedata.normalize("NFKD", name.translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("’", "'").replace("'s ", " ")
    text = _ARTICLES.sub(" ", f" {text} ")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return " ".join(text.split())


def _contains(hay: str, needle: str) -> bool:
    return bool(needle) and f" {needle} " in f" {hay} "


def is_generic(name: str) -> bool:
    """A gold name that describes rather than names ("unidentified gunmen", "protesters",
    and with a country's word before it "Iraqi forces", "Egyptian security forces")."""
    return _generic_country(name) is not False


def _generic_country(name: str) -> str | None | bool:
    """For a generic description, the country its leading country word gives (None when it
    has none: "gunmen"); False for a proper name ("Islamic State", "Kurdish Red Crescent")."""
    words = re.findall(r"[A-Za-z][\w'.’-]*", name)
    country: str | None = None
    while words and words[0][:1].isupper():
        iso3 = country_code(words[0])
        if iso3 is None or (country and iso3 != country):
            break
        country, words = iso3, words[1:]
    if not words or any(w[:1].isupper() for w in words):
        return False
    return country


def _head_types(name: str) -> tuple[str | None, ...] | None:
    words = norm(name).split()
    for w in reversed(words):
        for key in (w, w.rstrip("s"), w[:-2] if w.endswith("es") else w):
            if key in _GENERIC_HEADS:
                return _GENERIC_HEADS[key]
    return None


#: Kinds of actor that act for a state: a country named as a party ("Pakistan", "Iraq") is one of them.
_STATE_KINDS = frozenset({"government", "military", "police", "legislature", "judiciary"})


def _actor_strings(a: Actor) -> list[str]:
    names = (a.text, *ActorResolver.default().aliases_of(a.name), a.role or "", a.org or "")
    return [norm(s) for s in dict.fromkeys(names) if s]


def _name_right(system: Sequence[Actor], name: str, gold_country: str | None) -> bool:
    g = norm(name)
    if any(any(s == g or _contains(s, g) for s in _actor_strings(a)) for a in system):
        return True
    state = lookup_country(name)
    if state is not None and state.kind in ("name", "alias", "abbrev"):  # the state itself named as a party
        return any(a.country == state.iso3 and a.type in _STATE_KINDS for a in system)
    country = _generic_country(name)
    if country is False:
        return False
    want = country or gold_country
    kinds = _head_types(name)
    head = norm(name).split()[-1:]
    return any(
        a.country == want
        and (kinds is None or a.type in kinds or any(_contains(s, w) for s in _actor_strings(a) for w in head))
        for a in system)


def actors_right(system: Sequence[Actor], gold: Sequence[str], gold_country: str | None) -> bool:
    """A system actor's name or alias equals or contains a gold name, or, where the gold name is a
    generic description, has its country and kind (GUIDELINES.md); an empty gold list wants no actor."""
    if not gold:
        return not system
    return any(_name_right(system, name, gold_country) for name in gold)


def actors_all_right(system: Sequence[Actor], gold: Sequence[str], gold_country: str | None) -> bool:
    """The stricter reading: every gold name is matched (both sides of a clash, every party to a deal)."""
    if not gold:
        return not system
    return all(_name_right(system, name, gold_country) for name in gold)


def place_right(ev: Event, gold: dict[str, Any] | None) -> tuple[bool, bool]:
    """(country right, name right); a gold null place wants no place."""
    loc = ev.location
    if not gold:
        return loc is None, loc is None
    if loc is None:
        return False, False
    country_ok = (loc.country or None) == (gold.get("country") or None)
    g = norm(str(gold.get("name") or ""))
    names = {norm(loc.name), norm(loc.text)} - {""}
    name_ok = country_ok and (g in names or any(_contains(n, g) or _contains(g, n) for n in names if len(n) > 3))
    return country_ok, name_ok


def date_right(ev: Event, gold: str | None) -> bool:
    if not gold:
        return ev.date is None
    if not ev.date:
        return False
    return ev.date[: len(gold)] == gold


def system_modality(ev: Event) -> str:
    return "asserted" if ev.modality == "historical" else ev.modality


def system_timing(ev: Event) -> str:
    return "background" if ev.modality == "historical" else "current"


def field_values(ev: Event, g: GoldEvent) -> dict[str, bool]:
    country_ok, name_ok = place_right(ev, g.place)
    return {
        "modality": system_modality(ev) == g.modality,
        "timing": system_timing(ev) == g.timing,
        "actor": actors_right(ev.actor, g.actor, g.actor_country),
        "recipient": actors_right(ev.recipient, g.recipient, g.recipient_country),
        "actor_every_name": actors_all_right(ev.actor, g.actor, g.actor_country),
        "recipient_every_name": actors_all_right(ev.recipient, g.recipient, g.recipient_country),
        "place_country": country_ok,
        "place_name": name_ok,
        "date": date_right(ev, g.date),
        "fatalities": ev.fatalities == g.fatalities,
        "acled_type": (ev.acled_event_type or None) == (g.acled_event_type or None),
    }


def _overlaps(ev: Event, g: GoldEvent) -> bool:
    return ev.evidence.start < g.end and g.start < ev.evidence.end


def _band(conf: float) -> str:
    for lo, hi in BANDS:
        if lo <= conf < hi or (hi == 1.0 and conf >= lo):
            return f"{lo:.1f}-{hi:.1f}"
    return "?"


# --- scoring -------------------------------------------------------------------------


def match(item: ArticleItem, events: Sequence[Event]) -> tuple[list[Event], dict[int, Event]]:
    """The in-scope system records and the one-to-one matching ``{gold index: record}``."""
    system = sorted((ev for ev in events if ev.event in SCOPE),
                    key=lambda e: (-e.confidence, e.evidence.start, e.event_id))
    matched: dict[int, Event] = {}
    for ev in system:
        free = [k for k, g in enumerate(item.events) if k not in matched and g.type == ev.event and _overlaps(ev, g)]
        if free:  # of several gold events in its sentence, the one whose evidence holds its trigger, then
            # the one whose evidence it covers best
            matched[max(free, key=lambda k: (_holds_trigger(ev, item.events[k]), _jaccard(ev, item.events[k]), -k))] = ev
    return system, matched


def _holds_trigger(ev: Event, g: GoldEvent) -> bool:
    return g.start <= ev.evidence.trigger.start and ev.evidence.trigger.end <= g.end


def _jaccard(ev: Event, g: GoldEvent) -> float:
    inter = min(ev.evidence.end, g.end) - max(ev.evidence.start, g.start)
    union = max(ev.evidence.end, g.end) - min(ev.evidence.start, g.start)
    return inter / union if union > 0 else 0.0


def score(items: Sequence[ArticleItem], predictions: dict[str, list[Event]]) -> SetScore:
    n_sys = n_matched = 0
    n_asserted = m_asserted = 0
    band_n: Counter[str] = Counter()
    band_m: Counter[str] = Counter()
    at_n: Counter[float] = Counter()
    at_m: Counter[float] = Counter()
    n_gold = n_current = m_current = 0
    recall_by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    overlapping: list[int] = []
    fields: dict[str, list[int]] = {f: [0, 0] for f in FIELDS}
    usable = 0
    judged: list[Judged] = []
    errors: list[dict[str, Any]] = []
    for it in items:
        events = predictions.get(it.id, [])
        system, matched = match(it, events)
        right = {ev.event_id for ev in matched.values()}
        for ev in system:
            ok = ev.event_id in right
            n_sys += 1
            n_matched += ok
            if ev.modality == "asserted":
                n_asserted += 1
                m_asserted += ok
            band_n[_band(ev.confidence)] += 1
            band_m[_band(ev.confidence)] += ok
            for c in AT_LEAST:
                if ev.confidence >= c:
                    at_n[c] += 1
                    at_m[c] += ok
            judged.append(Judged(NAME, it.id, ev.confidence, ok, ev))  # the article id: folds hold out whole articles
            if not ok:
                errors.append({"article": it.id, "kind": "unmatched", "event": ev.event, "modality": ev.modality,
                               "confidence": ev.confidence, "trigger": ev.evidence.trigger.text,
                               "sentence": ev.evidence.sentence[:200]})
        for k, g in enumerate(it.events):
            n_gold += 1
            acled = g.acled_event_type or "none"
            recall_by_type[acled][1] += 1
            current = g.timing == "current" and g.modality == "asserted"
            n_current += current
            hit = matched.get(k)
            if hit is None:
                errors.append({"article": it.id, "kind": "missed", "event": g.type, "timing": g.timing,
                               "modality": g.modality, "evidence": g.evidence[:200]})
                continue
            recall_by_type[acled][0] += 1
            m_current += current
            # the matched record and every unmatched record of its type told in the same words
            overlapping.append(1 + sum(1 for s in system if s.event_id not in right and s.event == g.type
                                       and _overlaps(s, g)))
            vals = field_values(hit, g)
            for f, ok in vals.items():
                fields[f][0] += ok
                fields[f][1] += 1
            usable += all(vals[f] for f in ("modality", "actor", "place_country", "date"))

    def ratio(a: float, b: float) -> float | None:
        return a / b if b else None

    n_match_events = len(overlapping)
    metrics: dict[str, float | None] = {
        "precision": ratio(n_matched, n_sys),
        "precision_conf_050": ratio(at_m[0.5], at_n[0.5]),
        "precision_conf_070": ratio(at_m[0.7], at_n[0.7]),
        "precision_conf_090": ratio(at_m[0.9], at_n[0.9]),
        "precision_asserted": ratio(m_asserted, n_asserted),
        "recall": ratio(n_matched, n_gold),
        "recall_current_asserted": ratio(m_current, n_current),
        "events_per_record": ratio(n_match_events, sum(overlapping)),
        "usable": ratio(usable, n_sys),
    }
    for f in FIELDS:
        metrics[f"field_{f}"] = ratio(*fields[f])
    details: dict[str, Any] = {
        "system_records": n_sys, "matched": n_matched, "gold_events": n_gold, "current_asserted_gold": n_current,
        "records_per_event": ratio(sum(overlapping), n_match_events),
        "precision_by_band": {b: {"n": band_n[b], "precision": ratio(band_m[b], band_n[b])} for b in sorted(band_n)},
        "precision_at_least": {f"{c:.1f}": {"n": at_n[c], "precision": ratio(at_m[c], at_n[c])} for c in AT_LEAST},
        "recall_by_acled_type": {t: {"n": v[1], "recall": ratio(v[0], v[1])} for t, v in sorted(recall_by_type.items())},
        "fields_n": {f: v[1] for f, v in fields.items()},
        "errors": errors[: defaults.EVAL_ARTICLES_MAX_ERRORS],
    }
    return SetScore(metrics, details, judged)
