"""Time expressions on real news sentences: coverage, sanity and speed.

    python benchmarks/eval_dates.py [--sample N] [--seed S]

Reads the Voice of America sentences of ``m2e2_voa/m2e2_text_only_event_sentences.jsonl``;
each document id carries its publication date (``VOA_EN_NW_2016.04.19.3291980``
was published 2016-04-19). The set has no gold dates, so the script reports:

* how many expressions sitrep.nlp.timex finds and how many
  sitrep.resolve.dates resolves, by precision;
* sanity failures: resolved dates after the publication date (other than
  expressions that say "next"/"tomorrow"/"coming"), and dates more than 30
  years before it;
* what dateparser alone (``languages=['en']``, ``RELATIVE_BASE`` = publication
  date, ``PREFER_DATES_FROM='past'``) resolves of the same expressions, and
  where the two disagree on the day;
* speed: finder sentences/s, resolver expressions/s (uncached and cached),
  dateparser expressions/s;
* a random sample to read by eye (``--sample``).

Exits 2 when the set is absent.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from datetime import date, datetime

from sitrep import defaults
from sitrep.nlp import timex
from sitrep.resolve import dates

M2E2 = defaults.SHARED_DIR / "gold" / "m2e2_voa" / "m2e2_text_only_event_sentences.jsonl"
_DOC_DATE = re.compile(r"_(\d{4})\.(\d{2})\.(\d{2})\.")
_FUTURE = re.compile(r"\b(?:next|tomorrow|coming|upcoming)\b", re.IGNORECASE)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sample", type=int, default=25, help="expressions to print for reading by eye")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tense", action="store_true",
                    help="also parse the sentences and resolve with expression_tense (needs spaCy)")
    args = ap.parse_args()
    if not M2E2.exists():
        print(f"{M2E2} is absent: the shared gold folder is not beside this checkout", file=sys.stderr)
        sys.exit(2)
    rows = [json.loads(line) for line in M2E2.open(encoding="utf-8") if line.strip()]
    items: list[tuple[str, str, str]] = []  # (pub, expression, sentence)
    spans: list[tuple[int, int]] = []
    t0 = time.perf_counter()
    for r in rows:
        m = _DOC_DATE.search(r["doc_id"])
        if not m:
            continue
        pub = "-".join(m.groups())
        for s, e, expr in timex._find_cached.__wrapped__(r["sentence"]):  # uncached, for the timing
            items.append((pub, expr, r["sentence"]))
            spans.append((s, e))
    t_find = time.perf_counter() - t0
    print(f"m2e2/VOA: {len(rows)} sentences, {len(items)} time expressions found "
          f"({len(rows) / t_find:,.0f} sentences/s)")

    dates._resolve_cached.cache_clear()
    dates.resolve_expression("yesterday", "2016-01-01")  # load tables and dateparser outside the timing
    dates._resolve_cached.cache_clear()
    t0 = time.perf_counter()
    resolved = [dates.resolve_expression(expr, pub) for pub, expr, _ in items]
    t_resolve = time.perf_counter() - t0
    t0 = time.perf_counter()
    for pub, expr, _ in items:
        dates.resolve_expression(expr, pub)
    t_cached = time.perf_counter() - t0
    by_precision = Counter(r[1] if r else "unresolved" for r in resolved)
    print(f"resolved {sum(r is not None for r in resolved)}/{len(items)} "
          f"({sum(r is not None for r in resolved) / max(len(items), 1):.1%}); by precision: "
          + ", ".join(f"{k} {v}" for k, v in by_precision.most_common()))
    print(f"resolver speed: {len(items) / t_resolve:,.0f} expressions/s uncached, "
          f"{len(items) / t_cached:,.0f} cached")

    late = []
    old = []
    for (pub, expr, _), r in zip(items, resolved, strict=True):
        if r is None:
            continue
        start, end = dates.date_range(*r)
        p = date.fromisoformat(pub)
        if date.fromisoformat(start) > p and not _FUTURE.search(expr):
            late.append(f"  after publication: {expr!r} @ {pub} -> {r}")
        if (p - date.fromisoformat(end)).days > 30 * 365:
            old.append(f"  >30 years before: {expr!r} @ {pub} -> {r}")
    print(f"sanity: {len(late)} resolved after the publication date without a future word; "
          f"{len(old)} more than 30 years back")
    for line in (late + old)[:20]:
        print(line)

    from dateparser.date import DateDataParser

    parsers: dict[str, DateDataParser] = {}
    t0 = time.perf_counter()
    dp_results = []
    for pub, expr, _ in items:
        if pub not in parsers:
            parsers[pub] = DateDataParser(languages=["en"], settings={
                "RELATIVE_BASE": datetime.fromisoformat(pub), "PREFER_DATES_FROM": "past",
                "RETURN_TIME_AS_PERIOD": True})
        d = parsers[pub].get_date_data(expr)
        dp_results.append(d.date_obj.date() if d and d.date_obj else None)
    t_dp = time.perf_counter() - t0
    dp_ok = sum(d is not None for d in dp_results)
    disagree = []
    for (pub, expr, _), ours, theirs in zip(items, resolved, dp_results, strict=True):
        if ours and theirs and ours[1] == "day" and ours[0] != theirs.isoformat():
            disagree.append(f"  {expr!r} @ {pub}: sitrep {ours[0]}, dateparser {theirs.isoformat()}")
    print(f"dateparser alone: {dp_ok}/{len(items)} ({dp_ok / max(len(items), 1):.1%}) "
          f"at {len(items) / t_dp:,.0f} expressions/s; day-precision disagreements: {len(disagree)}")
    for line in disagree[:15]:
        print(line)

    if args.tense:
        import spacy

        nlp = spacy.load(defaults.SPACY_MODEL, disable=["ner"])
        sentences = sorted({sent for _, _, sent in items})
        docs = dict(zip(sentences, nlp.pipe(sentences, batch_size=64), strict=True))
        changed = []
        n_future = 0
        for (pub, expr, sent), (s, e), ours in zip(items, spans, resolved, strict=True):
            tense = timex.expression_tense(docs[sent], s, e)
            n_future += tense == "future"
            again = dates.resolve_expression(expr, pub, prefer=tense)
            if again != ours:
                changed.append(f"  {pub} {expr!r}: {ours} -> {again}   | {sent[:80]}")
        print(f"expression_tense: {n_future} expressions read as future; {len(changed)} resolutions change")
        for line in changed[:args.sample]:
            print(line)

    rng = random.Random(args.seed)
    print(f"sample of {args.sample} for reading:")
    for k in rng.sample(range(len(items)), min(args.sample, len(items))):
        pub, expr, sent = items[k]
        print(f"  {pub}  {expr!r:32} -> {resolved[k]}   | {sent[:90]}")


if __name__ == "__main__":
    main()
