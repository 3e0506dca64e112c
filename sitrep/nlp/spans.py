"""Text of parsed Docs and Spans, read once.

spaCy rebuilds ``Doc.text`` (and ``Span.text``) by joining every token's text
on each access; the coder reads the text of a sentence's Doc many times per
event (place, date, actors, casualties), which made those reads a large share
of the coding time on long sentences. The Doc's text is kept in its
``user_data`` the first time it is read.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_KEY = "sitrep.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def keep_text(doc: Doc, text: str) -> None:
    """Give :func:`doc_text` the text ``doc`` was made from (a Doc's text is its source's,
    character for character), so it is not built again from the Doc's tokens."""
    doc.user_data[_KEY] = text


def release(doc: Doc) -> None:
    """Forget what was kept of ``doc`` (its text, token list, sentence table and the coder's
    per-Doc caches), once it is coded. The kept Tokens refer back to their Doc, a cycle that
    only the cyclic collector could free: without them the Doc goes when the last reference
    to it does. A Doc read again after this builds what it needs again."""
    doc.user_data.clear()


def doc_tokens(doc: Doc) -> list[Token]:
    """The Doc's tokens as one list, built once per Doc.

    spaCy builds a new Token object on each ``doc[i]`` and each step of a walk over the Doc; the
    run-on cuts walk a sentence a dozen times and read each word's neighbours. A Token reads its
    annotations from the Doc when asked, so the list stays right as arcs or entities are set
    (no Doc is retokenized after parsing).
    """
    toks = doc.user_data.get(_TOKENS)
    if toks is None:
        toks = doc.user_data[_TOKENS] = list(doc)
    return toks  # type: ignore[no-any-return]


_TOKENS = "sitrep.tokens"


def tokens_of(span: Span | Doc) -> list[Token]:
    """The tokens of a Span (or Doc) from :func:`doc_tokens`, in order."""
    if not hasattr(span, "start_char"):
        return doc_tokens(span)  # type: ignore[arg-type]
    return doc_tokens(span.doc)[span.start:span.end]  # type: ignore[union-attr]


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


def sentence_bounds(tok: Token) -> tuple[int, int]:
    """``(tok.sent.start, tok.sent.end)``, the Doc's sentences read once.

    ``Token.sent`` walks the Doc's sentence starts and builds a Span on every access (several
    microseconds, as long as a dozen token reads); the coder asks it of the same words again and
    again (place cues, names, casualty words). Asked only after parsing, when no arc changes any
    more (the parser's repairs and the run-on cuts set arcs before any coding).
    """
    doc = tok.doc
    table = doc.user_data.get(_SENTS)
    if table is None:
        if "sents" in doc.user_hooks or "sent" in doc.user_span_hooks or "sent" in doc.user_token_hooks:
            sent = tok.sent  # (a hook decides sentences: ask it each time)
            return sent.start, sent.end
        table = []
        for sent in doc.sents:
            table.extend([(sent.start, sent.end)] * (sent.end - sent.start))
        doc.user_data[_SENTS] = table
    return table[tok.i]  # type: ignore[no-any-return]


def sentence_of(tok: Token) -> Span:
    """``tok.sent``, from :func:`sentence_bounds`."""
    start, end = sentence_bounds(tok)
    return tok.doc[start:end]


_SENTS = "sitrep.sentence_bounds"


def part_docs(doc: Doc, bounds: list[tuple[int, int]]) -> list[Doc]:
    """``doc[a:b].as_doc()`` for each token range ``(a, b)`` of ``bounds`` (disjoint ranges), with
    the same tokens, annotations (tags, lemmas, morphology, arcs within the part, entities,
    sentence starts) and token tensor, read from ``doc`` once for all the parts.

    ``Span.as_doc`` walks the span's tokens three times per part (texts, spaces and the mean of
    their vectors for ``Doc.vector``, which the coder never reads) and copies the whole Doc's
    annotation array each time; on run-on text cut into many parts that was most of the cost.
    The part's ``vector`` is left to be computed on demand from its tensor.
    """
    from spacy.attrs import ENT_IOB
    from spacy.tokens import Doc as _Doc

    if not bounds:
        return []
    toks = doc_tokens(doc)
    words = [t.text for t in toks]
    spaces = [bool(t.whitespace_) for t in toks]
    text = doc_text(doc)
    src: Any = doc  # (spaCy types leave out the attributes below)
    head: Any = src._get_array_attrs()  # the attributes Span.as_doc copies
    array: Any = doc.to_array(head)
    iob = head.index(ENT_IOB) if ENT_IOB in head else None
    # (the Doc's entities read once: a part's are those of the Doc inside its range, and
    # ``Span.ents`` walks all the Doc's entities for each part)
    doc_ents = {(ent.start, ent.end) for ent in doc.ents}
    out = []
    for a, b in bounds:
        span: Any = doc[a:b]
        part: Any = _Doc(doc.vocab, words=words[a:b], spaces=spaces[a:b])
        arr = array[a:b]  # a view: the fixes below touch only this part's rows
        span._fix_dep_copy(head, arr)
        if len(arr) > 0 and iob is not None and arr[0][iob] == 1:
            arr[0][iob] = 3  # an entity cut at the start begins here
        part.from_array(head, arr)
        # as Span.as_doc: an entity cut at either edge is left unannotated
        ents = part.ents
        if len(ents) > 0:
            if (ents[0].start + a, ents[0].end + a) not in doc_ents:
                part.set_ents([], missing=[ents[0]], default="unmodified")
            if (ents[-1].start + a, ents[-1].end + a) not in doc_ents:
                part.set_ents([], missing=[ents[-1]], default="unmodified")
        part.noun_chunks_iterator = src.noun_chunks_iterator
        part.user_hooks = doc.user_hooks
        part.user_span_hooks = doc.user_span_hooks
        part.user_token_hooks = doc.user_token_hooks
        part.tensor = doc.tensor[a:b]
        # (a part's text is the Doc's from its first token to the next part's: a token's
        # whitespace is one space or none, the same in the part as in the Doc)
        keep_text(part, text[toks[a].idx if a < len(toks) else len(text):toks[b].idx if b < len(toks) else len(text)])
        out.append(part)
    return out
