"""Cross-report event merging: one record per real event, every report kept.

The same strike is reported by many outlets; GDELT counts each report as an
event. sitrep merges reports of one event into a *cluster* whose canonical
record lists every report and the claims where they differ.

Two reported events may merge when every check of :func:`compare` passes:

=============  ==============================================================
check          passes when
=============  ==============================================================
articles       they come from different articles (one article's repeated
               mentions are the coder's business, not ours)
type           same PLOVER event type
mode           same mode, or one of them has none
modality       same modality, and one that stands for a new occurrence
               (``defaults.MERGEABLE_MODALITIES``): historical, aggregate and
               hypothetical mentions never merge
date           both dated; their date intervals (resolve.dates.date_range;
               a publication-date fallback covers only the last
               ``defaults.MERGE_PUBLICATION_DAYS`` days) overlap or lie
               ``defaults.MERGE_DATE_SLACK_DAYS`` apart (no slack when only
               one report gives a place); a period longer than
               ``MERGE_MAX_INTERVAL_DAYS`` never merges
place          coordinates within ``defaults.MERGE_MAX_KM`` when both are
               town-level (even across a border); otherwise the same country
               and admin1 where known
actor          the actors are compatible (see :func:`actors_compatible`)
recipient      likewise for the recipients
fatalities     compatible counts (:func:`counts_compatible`); also injured
anchor         at least ``defaults.MERGE_MIN_TIES`` positive ties (:func:`ties`):
               the town itself, a named organisation or person, a close toll;
               the same wording (a copy of one story) is enough alone
=============  ==============================================================

A cluster's canonical record (:func:`canonical_event`) takes the most precise
date and place among its reports and the *lowest reliable* fatality figure
(ACLED: "the most conservative reported figure" when sources differ; reports
under ``defaults.MERGE_RELIABLE_CONFIDENCE`` are not reliable). Every check's
outcome is kept with the link, so ``explain`` can say why reports merged, and
``split`` undoes a merge (see :class:`sitrep.store.db.Store`).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sitrep import defaults
from sitrep.models import Actor, Event, Place

# --- checks -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Check:
    """One merge check: its name, whether it passed and what it compared."""

    name: str
    ok: bool
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.name, "ok": self.ok, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class Comparison:
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failed(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.ok)

    def to_list(self) -> list[dict[str, Any]]:
        return [c.to_dict() for c in self.checks]


def interval(ev: Event) -> tuple[date, date] | None:
    """The days an event's (date, precision) covers, or None when undated."""
    if not ev.date:
        return None
    try:
        start = date.fromisoformat(ev.date[:10])
    except ValueError:
        return None
    prec = ev.date_precision
    if prec == "day":
        return start, start
    if prec in (None, "publication", "week"):
        monday = start - timedelta(days=start.weekday())
        return monday, monday + timedelta(days=6)
    if prec == "month":
        first = start.replace(day=1)
        nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        return first, nxt - timedelta(days=1)
    return date(start.year, 1, 1), date(start.year, 12, 31)


def _window(ev: Event) -> tuple[date, date] | None:
    """The days a report's date may stand for when comparing reports: its interval,
    but for a publication-date fallback only the last
    ``defaults.MERGE_PUBLICATION_DAYS`` days up to publication (a report with no date
    tells of something days, not weeks, old)."""
    iv = interval(ev)
    if iv is None or ev.date_precision not in (None, "publication"):
        return iv
    pub = date.fromisoformat(ev.date[:10])  # type: ignore[index]
    return pub - timedelta(days=defaults.MERGE_PUBLICATION_DAYS), pub


def _place_known(ev: Event) -> bool:
    return ev.location is not None


def dates_compatible(a: Event, b: Event) -> Check:
    ia, ib = _window(a), _window(b)
    if ia is None or ib is None:
        return Check("date", False, "undated report: cannot tell it is the same event")
    span = max((ia[1] - ia[0]).days, (ib[1] - ib[0]).days) + 1
    if span > defaults.MERGE_MAX_INTERVAL_DAYS:
        return Check("date", False, f"date too vague ({a.date_precision} / {b.date_precision})")
    gap = max((ib[0] - ia[1]).days, (ia[0] - ib[1]).days, 0)
    # the slack is for a known day; two vague periods must overlap, and a report with no
    # place may be the same event as a placed one only on the same days: on neighbouring
    # days it is as likely another incident of the same war
    slack = defaults.MERGE_DATE_SLACK_DAYS if "day" in (a.date_precision, b.date_precision) else 0
    if _place_known(a) != _place_known(b):
        slack = 0
    ok = gap <= slack
    return Check("date", ok, f"{a.date} ({a.date_precision}) vs {b.date} ({b.date_precision}): "
                             f"{gap} day(s) apart")


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def places_compatible(a: Event, b: Event) -> Check:
    la, lb = a.location, b.location
    if la is None or lb is None:
        return Check("place", True, "place unknown in at least one report")
    town_level = (la.geo_precision in (1, 2) and lb.geo_precision in (1, 2)
                  and None not in (la.lat, la.lon, lb.lat, lb.lon))
    if town_level:  # distance decides, even across a border (strikes on Abu Kamal / al-Qaim)
        km = km_between(la.lat, la.lon, lb.lat, lb.lon)  # type: ignore[arg-type]
        return Check("place", km <= defaults.MERGE_MAX_KM, f"{la.name} vs {lb.name}: {km:.0f} km apart")
    if la.country and lb.country and la.country != lb.country:
        return Check("place", False, f"{la.name} ({la.country}) vs {lb.name} ({lb.country}): different countries")
    if la.admin1 and lb.admin1 and la.admin1 != lb.admin1:
        return Check("place", False, f"{la.name} ({la.admin1}) vs {lb.name} ({lb.admin1}): different regions")
    return Check("place", True, f"{la.name} vs {lb.name}: same area as far as known")


#: A bracketed qualifier closing a name: "Protesters (Egypt)", "Military Forces of Egypt (2014-)".
_BRACKETED = re.compile(r"\S\s+\(([^()]+)\)$")
_PARTICLE = re.compile(r"^(?:al|el|ad|ash|as|at|az|ar|an|ul|ibn|bin|abu|ben)[-\u2010]", re.IGNORECASE)


def _norm(name: str | None) -> str:
    return " ".join((name or "").lower().replace("'", "").replace("\u2019", "").split())


def is_generic(actor: Actor) -> bool:
    """A generic actor ("Iraqi fighters", "US forces", "militiamen") names a kind
    of participant, not one organisation: its head word is a common noun, in the
    text or in the canonical name (a headline's "Gunmen Kill 6" is "militias"). ACLED's name of
    an unnamed kind of party, its kind and its country in brackets ("Protesters (Egypt)",
    "Rioters (Kenya)"), is a kind too, whatever its capitals."""
    qualifier = _BRACKETED.search(actor.name or "")
    if qualifier is not None:
        from sitrep.resolve.countries import lookup_country

        if lookup_country(qualifier.group(1)) is not None:
            return True
    for words in ((actor.name or "").split(), (actor.text or actor.name or "").split()):
        if not words:
            return True
        head = _PARTICLE.sub("", words[-1].strip(".,;:'\u2019\"()"))  # "al-Haq" -> "Haq"
        if not head[:1].isupper():
            return True
    return False


def is_specific(actor: Actor) -> bool:
    """A named organisation or person that ties two reports together: not generic,
    not a state ("Russia", "Pakistan": a state's forces fight in many places each day),
    not a place standing for its people ("Idlib"), and, where it has an actor code,
    one that names an organisation below a country's sector ("NGAREBBKH", not "SYRMIL")."""
    from sitrep.resolve.countries import lookup_country

    if is_generic(actor) or actor.type is None or lookup_country(actor.name) is not None:
        return False
    return actor.code is None or len(actor.code) > 6


def actors_compatible(xs: Sequence[Actor], ys: Sequence[Actor], role: str) -> Check:
    """Two reports' actors for one role agree when either is unknown, they share a
    canonical name, or a generic actor on one side fits the other side's
    (same type, no conflicting country). Two different named organisations do not."""
    if not xs or not ys:
        return Check(role, True, f"{role} unknown in at least one report")
    names_x = {_norm(a.name) for a in xs}
    names_y = {_norm(a.name) for a in ys}
    shared = names_x & names_y
    if shared:
        return Check(role, True, f"both name {sorted(shared)[0]!r}")
    for x in xs:
        for y in ys:
            if not (is_generic(x) or is_generic(y)):
                continue
            if x.country and y.country and x.country != y.country:
                continue
            if x.type and y.type and x.type != y.type:
                continue
            return Check(role, True, f"{x.name!r} and {y.name!r} can be the same {x.type or y.type or 'actor'}")
    return Check(role, False, f"{sorted(names_x)} vs {sorted(names_y)}: different {role}s")


def counts_compatible(a: int | None, b: int | None, what: str) -> Check:
    """"4 killed" vs "5 killed" agree; 4 vs 40 do not; a missing count agrees with any."""
    if a is None or b is None:
        return Check(what, True, f"{what}: {a} vs {b} (not reported in one)")
    lo, hi = min(a, b), max(a, b)
    ok = hi - lo <= defaults.MERGE_COUNT_SLACK or (lo > 0 and hi / lo <= defaults.MERGE_MAX_COUNT_RATIO)
    return Check(what, ok, f"{what}: {a} vs {b}")


def _town_level(p: Place | None) -> bool:
    return p is not None and p.geo_precision in (1, 2) and None not in (p.lat, p.lon)


def _close_counts(a: int | None, b: int | None) -> bool:
    if a is None or b is None or max(a, b) == 0 or max(a, b) > defaults.MERGE_TIE_MAX_TOLL:
        return False
    return abs(a - b) <= max(defaults.MERGE_TIE_COUNT_SLACK, defaults.MERGE_TIE_COUNT_SHARE * max(a, b))


_WORDS = re.compile(r"\w+")


def wording_overlap(a: str, b: str) -> float:
    """Jaccard overlap of two sentences' lower-case word sets."""
    wa, wb = set(_WORDS.findall(a.lower())), set(_WORDS.findall(b.lower()))
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


_FIGURES = re.compile(r"\d+(?:[.,]\d+)*")


def _figures(ev: Event) -> set[str]:
    """The numbers of an event's sentence other than its own toll ("1,380" read as 1380)."""
    own = {str(n) for n in (ev.fatalities, ev.injured) if n is not None}
    return {f.replace(",", "") for f in _FIGURES.findall(ev.evidence.sentence)} - own


def same_figures(a: Event, b: Event) -> bool:
    """Whether two like-worded reports agree on their figures besides the toll: one's
    numbers hold all of the other's. A copy of one story repeats its numbers (a refile may
    add one, "UPDATE 1-", or update the toll itself); a templated report (a monitor's daily
    toll, "27 were killed yesterday including 2 members of ... and 25 other people") reuses
    its wording with a new breakdown for a new day, so its wording ties nothing."""
    fa, fb = _figures(a), _figures(b)
    return fa <= fb or fb <= fa


def ties(a: Event, b: Event) -> list[str]:
    """What two compatible reports positively share: a town-level place (the place
    check has made sure they lie within ``defaults.MERGE_MAX_KM``), a named
    organisation or person (:func:`is_specific`), a close toll; the same wording
    with the same figures (a copy of one story) counts as enough on its own."""
    out = []
    la, lb = a.location, b.location
    if _town_level(la) and _town_level(lb) and (la.geo_precision == lb.geo_precision == 1  # type: ignore[union-attr]
                                                 or la.name == lb.name):  # type: ignore[union-attr]
        # the town itself in both, or the same place named by both: "near Aleppo" and
        # "the countryside of Idlib" (precision 2) cover a district's incidents, and two
        # such places within MERGE_MAX_KM are not one place
        out.append(f"town {la.name}")  # type: ignore[union-attr]
    for xs, ys in ((a.actor, b.actor), (a.recipient, b.recipient), (a.actor, b.recipient), (a.recipient, b.actor)):
        shared = {_norm(x.name) for x in xs if is_specific(x)} & {_norm(y.name) for y in ys if is_specific(y)}
        if shared:
            out.append(f"named {sorted(shared)[0]!r}")
            break
    if _close_counts(a.fatalities, b.fatalities):
        out.append(f"toll {a.fatalities}/{b.fatalities}")
    overlap = wording_overlap(a.evidence.sentence, b.evidence.sentence)
    if overlap >= defaults.MERGE_SAME_WORDING and same_figures(a, b):
        # the same sentence from two outlets (a wire story and its copy): one happening
        out.extend([f"same wording ({overlap:.2f})"] * defaults.MERGE_MIN_TIES)
    return out


def anchored(a: Event, b: Event) -> Check:
    """Compatibility by absence proves nothing, and one shared fact proves little in a
    war: a city holds many shellings a day, an armed group fights in many places. Two
    reports merge only when they share at least ``defaults.MERGE_MIN_TIES`` of
    :func:`ties`. A region ("Darfur", "Sagaing region") or a country ties nothing."""
    found = ties(a, b)
    ok = len(found) >= defaults.MERGE_MIN_TIES
    return Check("anchor", ok, ("in common: " + ", ".join(dict.fromkeys(found))) if found else
                 "no town-level place, named organisation or toll in common: nothing ties the reports")


def compare(a: Event, b: Event) -> Comparison:
    """Run every merge check on two reported events (order does not matter)."""
    checks = [
        Check("articles", a.article_id != b.article_id,
              "different articles" if a.article_id != b.article_id else "same article"),
        Check("type", a.event == b.event, f"{a.event} vs {b.event}"),
        Check("mode", a.mode is None or b.mode is None or a.mode == b.mode, f"{a.mode} vs {b.mode}"),
        Check("modality", a.modality == b.modality and a.modality in defaults.MERGEABLE_MODALITIES,
              f"{a.modality} vs {b.modality}"),
        dates_compatible(a, b),
        places_compatible(a, b),
        actors_compatible(a.actor, b.actor, "actor"),
        actors_compatible(a.recipient, b.recipient, "recipient"),
        counts_compatible(a.fatalities, b.fatalities, "fatalities"),
        counts_compatible(a.injured, b.injured, "injured"),
        anchored(a, b),
    ]
    return Comparison(tuple(checks))


def mergeable(ev: Event) -> bool:
    """Whether an event may ever join a cluster with others."""
    return ev.modality in defaults.MERGEABLE_MODALITIES and interval(ev) is not None


def distance_score(a: Event, b: Event) -> float:
    """How close two compatible reports are (lower is closer): used to pick the
    best of several candidate clusters."""
    ia, ib = interval(a), interval(b)
    days = abs((ia[0] - ib[0]).days) if ia and ib else 7
    km = 0.0
    if a.location and b.location and None not in (a.location.lat, a.location.lon, b.location.lat, b.location.lon):
        km = km_between(a.location.lat, a.location.lon, b.location.lat, b.location.lon)  # type: ignore[arg-type]
    return days + km / 10.0


# --- canonical record ----------------------------------------------------------------

_PRECISION_RANK = {"day": 0, "week": 1, "publication": 2, "month": 3, "year": 4, None: 5}


def lowest_reliable(values: Sequence[tuple[int | None, float]]) -> int | None:
    """ACLED's rule for differing counts: the lowest figure among reliable reports
    (confidence >= MERGE_RELIABLE_CONFIDENCE); all reports if none is reliable."""
    known = [(v, c) for v, c in values if v is not None]
    if not known:
        return None
    reliable = [v for v, c in known if c >= defaults.MERGE_RELIABLE_CONFIDENCE]
    return min(reliable or [v for v, _ in known])


def canonical_event(cluster_id: str, members: Sequence[Event]) -> Event:
    """One record for a cluster of reports; the first member is the founder.

    Type, mode and modality by majority (founder breaks ties); date: the most
    precise, earliest; place: the most precise (lowest geo_precision); actors:
    the founder's unless it has none; counts: lowest reliable; confidence:
    the highest (several independent reports make an event surer, not less).
    """
    if not members:
        raise ValueError("a cluster needs at least one report")
    founder = members[0]
    if len(members) == 1 and founder.event_id == cluster_id:
        return founder

    def majority(values: list[Any]) -> Any:
        counts = Counter(v for v in values if v is not None)
        if not counts:
            return None
        best = max(counts.values())
        return next(v for v in values if v is not None and counts[v] == best)

    dated = [m for m in members if m.date]
    best_date = min(dated, key=lambda m: (_PRECISION_RANK.get(m.date_precision, 5), m.date)) if dated else founder
    located = [m for m in members if m.location is not None]
    best_place = min(located, key=lambda m: (m.location.geo_precision or 9,  # type: ignore[union-attr]
                                             m.location.lat is None)) if located else founder  # type: ignore[union-attr]
    actor = founder.actor or next((m.actor for m in members if m.actor), ())
    recipient = founder.recipient or next((m.recipient for m in members if m.recipient), ())
    conf = [(m.confidence or 0.0) for m in members]
    return dataclasses.replace(
        founder,
        event_id=cluster_id,
        event=majority([m.event for m in members]) or founder.event,
        mode=majority([m.mode for m in members]),
        modality=majority([m.modality for m in members]) or founder.modality,
        date=best_date.date, date_precision=best_date.date_precision,
        location=best_place.location,
        actor=actor, recipient=recipient,
        fatalities=lowest_reliable([(m.fatalities, c) for m, c in zip(members, conf, strict=True)]),
        injured=lowest_reliable([(m.injured, c) for m, c in zip(members, conf, strict=True)]),
        count=lowest_reliable([(m.count, c) for m, c in zip(members, conf, strict=True)]),
        size=lowest_reliable([(getattr(m, "size", None), c) for m, c in zip(members, conf, strict=True)]),
        confidence=max(conf),
        acled_event_type=majority([m.acled_event_type for m in members]),
        acled_sub_event_type=majority([m.acled_sub_event_type for m in members]),
        cameo=majority([m.cameo for m in members]) or founder.cameo,
    )


def differing_claims(members: Sequence[Event]) -> dict[str, dict[str, list[str]]]:
    """Fields on which the reports disagree: {field: {value: [event ids]}}."""
    fields = {
        "fatalities": lambda e: e.fatalities, "injured": lambda e: e.injured,
        "date": lambda e: f"{e.date} ({e.date_precision})" if e.date else None,
        "place": lambda e: e.location.name if e.location else None,
        "mode": lambda e: e.mode,
        "actor": lambda e: ", ".join(a.name for a in e.actor) or None,
        "recipient": lambda e: ", ".join(a.name for a in e.recipient) or None,
    }
    out: dict[str, dict[str, list[str]]] = {}
    for name, get in fields.items():
        values: dict[str, list[str]] = {}
        for m in members:
            values.setdefault(str(get(m)), []).append(m.event_id)
        known = {k: v for k, v in values.items() if k != "None"}
        if len(known) > 1:
            out[name] = values
    return out


# --- clustering a batch ---------------------------------------------------------------


@dataclass
class Cluster:
    """A cluster being built: id (= founder's event id) and its reports."""

    cluster_id: str
    members: list[Event]
    blocked: set[str] = dataclasses.field(default_factory=set)  # event ids split from it by hand
    changed: bool = False
    _span: tuple[date, date] | None = None
    _span_n: int = -1

    def span(self) -> tuple[date, date] | None:
        """First and last day any report of the cluster covers (cached)."""
        if self._span_n != len(self.members):
            ivs = [iv for iv in (interval(m) for m in self.members) if iv is not None]
            self._span = (min(i[0] for i in ivs), max(i[1] for i in ivs)) if ivs else None
            self._span_n = len(self.members)
        return self._span


def best_cluster(ev: Event, clusters: Sequence[Cluster], *, article_groups: dict[str, str] | None = None
                 ) -> tuple[Cluster | None, Comparison | None]:
    """The cluster a new report joins, with the comparison against its closest
    member, or (None, None). A report joins only a cluster all of whose
    reports it is compatible with (no chaining), none from its own article
    group, and none it was split from."""
    if not mergeable(ev):
        return None, None
    groups = article_groups or {}
    my_group = groups.get(ev.article_id, ev.article_id)
    iv = interval(ev)
    assert iv is not None  # mergeable events are dated
    reach = timedelta(days=defaults.MERGE_DATE_SLACK_DAYS)
    best: tuple[float, Cluster, Comparison] | None = None
    for cl in clusters:
        # cheap rejections first: type and dates, before the full comparison
        if not cl.members or cl.members[0].event != ev.event:
            continue
        span = cl.span()
        if span is None or span[0] > iv[1] + reach or span[1] < iv[0] - reach:
            continue
        if ev.event_id in cl.blocked or any(m.event_id == ev.event_id for m in cl.members):
            continue
        if any(groups.get(m.article_id, m.article_id) == my_group for m in cl.members):
            continue
        comps = [compare(ev, m) for m in cl.members]
        if not all(c.ok for c in comps):
            continue
        score = min(distance_score(ev, m) for m in cl.members)
        closest = min(zip(comps, cl.members, strict=True), key=lambda cm: distance_score(ev, cm[1]))[0]
        if best is None or score < best[0]:
            best = (score, cl, closest)
    if best is None:
        return None, None
    return best[1], best[2]
