"""Plain typed data: what every stage downstream of the NLP reads and writes.

No spaCy object ever appears here. All classes are frozen dataclasses that
pickle cheaply (worker processes return them) and round-trip through JSON with
``to_dict`` / ``from_dict``.

Offsets (``start``/``end``) are always character offsets into the *article
text* (``Article.text``), end exclusive, so ``article.text[start:end] == text``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

# --- controlled vocabularies -------------------------------------------------

#: PLOVER event types (PLOVER manual, draft 0.8).
PLOVER_EVENTS = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

#: How an event is reported. ``asserted`` is the only modality that stands for
#: a new, real, completed occurrence.
Modality = Literal["asserted", "negated", "threatened", "hypothetical", "historical", "aggregate"]
MODALITIES = ("asserted", "negated", "threatened", "hypothetical", "historical", "aggregate")

#: Date precision. ``publication`` means no date expression was found and the
#: publication date was used (ACLED would code this as a week at best).
DatePrecision = Literal["day", "week", "month", "year", "publication"]
DATE_PRECISIONS = ("day", "week", "month", "year", "publication")

#: Actor types (sectors). ``inter`` follows ACLED: 1 state forces, 2 rebels,
#: 3 political militias, 4 identity militias, 5 rioters, 6 protesters,
#: 7 civilians, 8 external/other.
ACTOR_TYPES = (
    "government", "military", "police", "rebels", "militia", "political party",
    "civilians", "protesters", "rioters", "IGO", "NGO", "media", "business",
    "judiciary", "legislature", "religious", "criminal", "refugees", "other",
)

T = TypeVar("T")


def _clean(value: Any) -> Any:
    """Make dataclass dicts JSON-friendly: tuples -> lists, recursively."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


class _Record:
    """Mixin: JSON round-trip for frozen dataclasses."""

    def to_dict(self) -> dict[str, Any]:
        return _clean(dataclasses.asdict(self))  # type: ignore[call-overload]

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Span(_Record):
    """A piece of article text with its character offsets in the article."""

    text: str
    start: int
    end: int

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(text=d["text"], start=int(d["start"]), end=int(d["end"]))


@dataclass(frozen=True, slots=True)
class Actor(_Record):
    """A participant resolved to a canonical actor.

    ``text`` is the words in the article; ``name`` the canonical name
    ("Kataib Hezbollah", "United States", "Iraqi militias"). ``country`` is
    ISO 3166 alpha-3 or None when unknown; ``type`` one of ``ACTOR_TYPES``;
    ``inter`` the ACLED interaction code; ``code`` a CAMEO-style actor code
    ("USAMIL") when one is known; ``role`` a person's office when the actor is
    a person ("head of the Badr Organisation"); ``org`` the organisation a
    person belongs to. ``start``/``end`` locate ``text`` in the article
    (for a resolved pronoun they locate the pronoun).
    """

    text: str
    name: str
    country: str | None = None
    type: str | None = None
    inter: int | None = None
    code: str | None = None
    role: str | None = None
    org: str | None = None
    start: int | None = None
    end: int | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass(frozen=True, slots=True)
class Place(_Record):
    """Where an event happened, resolved offline.

    ``geo_precision`` follows ACLED: 1 the town itself, 2 near a town or part
    of a region, 3 a larger region. A place known only to the country gets
    ``geo_precision`` None and no coordinates of its own (ACLED never codes
    country-only; we say so rather than invent a point).
    """

    text: str
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    start: int | None = None
    end: int | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass(frozen=True, slots=True)
class Attribution(_Record):
    """Who says so: "Middle East Eye", "a US-led coalition spokesman"."""

    text: str
    name: str
    start: int | None = None
    end: int | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Attribution:
        return cls(text=d["text"], name=d["name"], start=d.get("start"), end=d.get("end"))


@dataclass(frozen=True, slots=True)
class Evidence(_Record):
    """The sentence supporting an event and where its trigger is."""

    sentence: str
    start: int
    end: int
    trigger: Span

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(
            sentence=d["sentence"], start=int(d["start"]), end=int(d["end"]),
            trigger=Span.from_dict(d["trigger"]),
        )


@dataclass(frozen=True, slots=True)
class Article(_Record):
    """One news report to code. ``id`` defaults to a hash of the text."""

    text: str
    id: str = ""
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD publication date
    url: str | None = None
    source: str | None = None  # outlet name

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", article_id_for(self.text))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        return cls(
            text=d["text"], id=str(d.get("id") or ""), title=d.get("title"),
            date=d.get("date"), url=d.get("url"), source=d.get("source"),
        )


@dataclass(frozen=True, slots=True)
class Event(_Record):
    """One coded event with its evidence. See README "Output record"."""

    article_id: str
    event_id: str
    event: str  # PLOVER event type
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    cameo: str | None
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    evidence: Evidence
    confidence: float
    modality: str = "asserted"
    location: Place | None = None
    date: str | None = None
    date_precision: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    count: int | None = None  # for aggregates: how many events this record stands for
    size: int | None = None  # crowd size for protests ("thousands" -> 1000), ACLED-style lower bound
    attribution: Attribution | None = None
    # further sentences of the same article that report this same event
    support: tuple[Evidence, ...] = ()
    # explanation of how the event was found: lexicon entry id, rules that fired
    rule: str | None = None

    @property
    def rules(self) -> list[str]:
        """The steps of ``rule`` in order (the lexicon entry first); ``[""]`` when there is none."""
        return (self.rule or "").split(";")

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        loc = d.get("location")
        att = d.get("attribution")
        return cls(
            article_id=d["article_id"], event_id=d["event_id"], event=d["event"],
            mode=d.get("mode"), acled_event_type=d.get("acled_event_type"),
            acled_sub_event_type=d.get("acled_sub_event_type"), cameo=d.get("cameo"),
            actor=tuple(Actor.from_dict(a) for a in d.get("actor") or ()),
            recipient=tuple(Actor.from_dict(a) for a in d.get("recipient") or ()),
            evidence=Evidence.from_dict(d["evidence"]), confidence=float(d["confidence"]),
            modality=d.get("modality", "asserted"),
            location=Place.from_dict(loc) if loc else None,
            date=d.get("date"), date_precision=d.get("date_precision"),
            fatalities=d.get("fatalities"), injured=d.get("injured"), count=d.get("count"),
            size=d.get("size"),
            attribution=Attribution.from_dict(att) if att else None, rule=d.get("rule"),
            support=tuple(Evidence.from_dict(e) for e in d.get("support") or ()),
        )


@dataclass(frozen=True, slots=True)
class CodingFailure(_Record):
    """An item a batch run could not code: which one and why."""

    item: str
    reason: str
    error: str = field(default="InputError")


def article_id_for(text: str) -> str:
    """Deterministic article id: a hash of the whitespace-normalised text."""
    canon = " ".join(text.split())
    return "a-" + hashlib.sha1(canon.encode("utf-8")).hexdigest()[:16]


def event_id_for(article_id: str, trigger_start: int, event: str) -> str:
    """Deterministic event id from the article, trigger position and type."""
    raw = f"{article_id}|{trigger_start}|{event}"
    return "e-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]
