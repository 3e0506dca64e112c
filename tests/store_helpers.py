"""Helpers for the store, dedup and ingest tests: hand-built events from real
sentences, and a tiny deterministic coder so store behaviour is tested apart
from the real coder's quality."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sitrep.models import Actor, Article, CodingFailure, Event, Evidence, Place, Span, event_id_for

_TRIGGERS = {"killed": "ASSAULT", "strikes": "ASSAULT", "attack": "ASSAULT", "rockets": "ASSAULT",
             "protest": "PROTEST", "march": "PROTEST"}
_SENT = re.compile(r"[^.!?\n]+[.!?]?")


def make_event(article_id: str, sentence: str, text: str | None = None, *, trigger: str, event: str = "ASSAULT",
               mode: str | None = None, actor: Sequence[Actor] = (), recipient: Sequence[Actor] = (),
               place: Place | None = None, date: str | None = "2021-06-28", precision: str | None = "day",
               fatalities: int | None = None, modality: str = "asserted", confidence: float = 0.8) -> Event:
    """An Event over ``sentence`` (found in ``text`` when given, for real offsets)."""
    base = text.find(sentence) if text is not None else 0
    base = max(base, 0)
    t = sentence.find(trigger)
    assert t >= 0, f"{trigger!r} not in {sentence!r}"
    start = base + t
    return Event(
        article_id=article_id, event_id=event_id_for(article_id, start, event), event=event, mode=mode,
        acled_event_type=None, acled_sub_event_type=None, cameo=None, actor=tuple(actor),
        recipient=tuple(recipient),
        evidence=Evidence(sentence=sentence, start=base, end=base + len(sentence),
                          trigger=Span(trigger, start, start + len(trigger))),
        confidence=confidence, modality=modality, location=place, date=date, date_precision=precision,
        fatalities=fatalities)


def toy_coder(articles: Sequence[Article]) -> Iterable[tuple[Article, list[Event] | CodingFailure]]:
    """One event per sentence holding a trigger word; fails on articles that say "FAILME"."""
    for art in articles:
        if "FAILME" in art.text:
            yield art, CodingFailure(item=art.id, reason="toy coder refuses this article", error="InputError")
            continue
        events = []
        for m in _SENT.finditer(art.text):
            sent = m.group(0)
            for word, etype in _TRIGGERS.items():
                i = sent.find(word)
                if i >= 0:
                    start = m.start() + i
                    events.append(Event(
                        article_id=art.id, event_id=event_id_for(art.id, start, etype), event=etype, mode=None,
                        acled_event_type=None, acled_sub_event_type=None, cameo=None, actor=(), recipient=(),
                        evidence=Evidence(sentence=sent, start=m.start(), end=m.end(),
                                          trigger=Span(word, start, start + len(word))),
                        confidence=0.7, date=art.date, date_precision="publication"))
                    break
        yield art, events
