"""How the evaluation runs sitrep's coder over gold texts.

Scorers never call the coder themselves: a set's ``predict`` hands its texts to
an :class:`EvalCoder`, which returns ``{record id: [Event, ...]}``. Tests pass a
fake with the same method, so every scorer is checked on hand-built events.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sitrep.models import Article, CodingFailure, Event


@dataclass(frozen=True, slots=True)
class TextItem:
    """One text to code: the record id it answers for, the text and its publication date."""

    id: str
    text: str
    date: str | None = None


class CoderLike(Protocol):
    notes: list[str]

    def code_texts(self, items: Sequence[TextItem], *, actors: Any = None) -> dict[str, list[Event]]:
        ...


def accepts_verbs(coder: CoderLike) -> bool:
    """Does the coder's ``code_texts`` take a ``verbs=`` dictionary (test fakes may not)?"""
    try:
        return "verbs" in inspect.signature(coder.code_texts).parameters
    except (TypeError, ValueError):
        return False


@dataclass
class EvalCoder:
    """Codes gold texts with sitrep (``sitrep.code_many``; a given actor resolver goes to ``sitrep.code``).

    Texts the coder refuses (a CodingFailure) count as "no events" and are
    tallied in ``failures``; ``notes`` collects anything a reader of the report
    should know (a missing keyword, a fallback).
    """

    n_process: int = 1
    batch_size: int = 32
    failures: int = 0
    failed_ids: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    texts: int = 0

    def code_texts(self, items: Sequence[TextItem], *, actors: Any = None, verbs: Any = None) -> dict[str, list[Event]]:
        """Code the texts; ``actors`` / ``verbs``: a resolver and a verb dictionary to code with."""
        t0 = time.perf_counter()
        try:
            if actors is None and verbs is None:
                return self._code_many(items)
            return self._code_with_actors(items, actors, verbs)
        finally:
            self.seconds += time.perf_counter() - t0
            self.texts += len(items)

    def _record_failure(self, item_id: str, failure: CodingFailure) -> None:
        self.failures += 1
        if len(self.failed_ids) < 20:
            self.failed_ids.append(f"{item_id}: {failure.error}: {failure.reason}")

    def _code_many(self, items: Sequence[TextItem]) -> dict[str, list[Event]]:
        import sitrep

        out: dict[str, list[Event]] = {}
        articles = [Article(text=it.text, id=it.id, date=it.date) for it in items]
        try:
            for art, result in sitrep.code_many(articles, n_process=self.n_process, batch_size=self.batch_size):
                key = art.id if art is not None else ""
                if isinstance(result, CodingFailure):
                    self._record_failure(key or result.item, result)
                    out[key or result.item] = []
                else:
                    out[key] = list(result)
        except Exception as exc:  # noqa: BLE001 - a coder crash is measured, not fatal
            # a bug in the coder (not bad input) broke the batch: code what is left one by one,
            # so the crash costs the one text that causes it, and say so in the report
            self.notes.append(f"code_many raised {type(exc).__name__}: {exc}; remaining texts coded one by one")
            for art in articles:
                if art.id not in out:
                    out[art.id] = self._code_one(art)
        for it in items:  # a coder that drops an item still answers for it
            out.setdefault(it.id, [])
        return out

    def _code_one(self, art: Article) -> list[Event]:
        import sitrep

        try:
            return list(sitrep.code_article(art))
        except Exception as exc:  # noqa: BLE001 - recorded as a failure of this text
            self._record_failure(art.id, CodingFailure(item=art.id, reason=str(exc), error=type(exc).__name__))
            return []

    def _code_with_actors(self, items: Sequence[TextItem], actors: Any, verbs: Any = None) -> dict[str, list[Event]]:
        import sitrep
        from sitrep import pipeline

        out: dict[str, list[Event]] = {}
        coder_cls = getattr(pipeline, "Coder", None)
        if coder_cls is not None and hasattr(coder_cls, "code_articles"):
            # one coder holding the dictionary for the whole set (the public
            # sitrep.code(actors=...) builds a fresh one per call)
            coder = coder_cls(actors, verbs=verbs) if verbs is not None else coder_cls(actors)
            articles = [Article(text=it.text, id=it.id, date=it.date) for it in items]
            for start in range(0, len(articles), self.batch_size):
                chunk = articles[start:start + self.batch_size]
                for art, result in zip(chunk, coder.code_articles(chunk), strict=True):
                    if isinstance(result, CodingFailure):
                        self._record_failure(art.id, result)
                        out[art.id] = []
                    else:
                        out[art.id] = list(result)
            return out
        if "actors" not in inspect.signature(sitrep.code).parameters:
            self.notes.append("sitrep.code() takes no actors= keyword yet: coded with the default actor dictionary")
            return self._code_many(items)
        for it in items:
            try:
                out[it.id] = list(sitrep.code(it.text, date=it.date, article_id=it.id, actors=actors))
            except sitrep.SitrepError as exc:
                self._record_failure(it.id, CodingFailure(item=it.id, reason=str(exc), error=type(exc).__name__))
                out[it.id] = []
        return out
