"""Text of parsed Docs and Spans, read once.

spaCy rebuilds ``Doc.text`` (and ``Span.text``) by joining every token's text
on each access; the coder reads the text of a sentence's Doc many times per
event (place, date, actors, casualties), which made those reads a large share
of the coding time on long sentences. The Doc's text is kept in its
``user_data`` the first time it is read.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_KEY = "sitrep.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def span_text(span: Span | Doc) -> str:
    """``span.text`` (``doc.text`` for a Doc), from the Doc's text kept once."""
    if not hasattr(span, "start_char"):
        return doc_text(span)  # type: ignore[arg-type]
    return doc_text(span.doc)[span.start_char:span.end_char]  # type: ignore[union-attr]


def tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens of ``doc`` that begin at a character offset in [start, end), in order
    (``[t for t in doc if start <= t.idx < end]`` without walking the whole Doc)."""
    starts = doc.user_data.get(_STARTS)
    if starts is None:
        starts = doc.user_data[_STARTS] = [t.idx for t in doc]
    return [doc[i] for i in range(bisect_left(starts, start), bisect_left(starts, end))]


_STARTS = "sitrep.token_starts"
