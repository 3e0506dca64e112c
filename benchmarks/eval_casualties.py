"""Casualty extraction measured on the shared gold sets.

    python benchmarks/eval_casualties.py [--limit N]

1. PLOVER GSR (``plover/plover_gsr.jsonl``): the records whose ``dead`` or
   ``injured`` is given; the killed/injured read from the text
   (sitrep.nlp.casualties, largest value per kind) against those numbers.
2. UCDP GED Iraq (``ucdp/ucdp_ged_iraq_dev.jsonl``): rows with a
   ``source_headline``; a headline "states deaths" when a figure or number word
   stands within four words of a death word (a regular expression independent
   of the code measured). On those, how often the killed count read from the
   headline equals the row's ``best`` or lies within ``low..high``. This is an
   approximate check: UCDP splits one report into several events and sums
   several reports into one ("attacks kill 21" may be three events of 6, 8
   and 7), so the script also says how often the count equals the sum of
   ``best`` over the rows that share the headline.
   To separate extraction errors from that aggregation, it also compares the
   count with a plain regular-expression reading of the headline's own figure
   ("kill(s) [at least] N", "N ... killed/dead", "toll ... to N") and lists
   the headlines where the two differ.
3. Speed of find_casualties on parsed headlines, and of the parse itself.

Prints the numbers; exits 2 when a gold set is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import spacy

from sitrep import defaults
from sitrep.nlp.casualties import find_casualties, killed_and_injured

GOLD = defaults.SHARED_DIR / "gold"
_NUMBER = (r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
           r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
           r"ninety|hundred|hundreds|dozen|dozens|scores)")
_DEATH = r"(?:kill|kills|killed|killing|dead|death|deaths|die|dies|died|toll|slain)"
_NEAR = re.compile(rf"\b{_NUMBER}\b(?:\W+\w+){{0,3}}?\W+{_DEATH}\b|\b{_DEATH}\b(?:\W+\w+){{0,3}}?\W+{_NUMBER}\b",
                   re.IGNORECASE)


def _load(path: Path) -> list[dict]:
    if not path.exists():
        print(f"{path} is absent: the shared gold folder is not beside this checkout", file=sys.stderr)
        sys.exit(2)
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _read(nlp, texts: list[str]) -> tuple[list[tuple[int | None, int | None]], float, float]:
    """(killed, injured) per text; seconds parsing; seconds in find_casualties."""
    out = []
    t_find = 0.0
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    t_parse = time.perf_counter() - t0
    for doc in docs:
        t1 = time.perf_counter()
        found = [c for sent in doc.sents for c in find_casualties(sent)]
        t_find += time.perf_counter() - t1
        out.append(killed_and_injured(found))
    return out, t_parse, t_find


def eval_plover(nlp) -> None:
    rows = [r for r in _load(GOLD / "plover" / "plover_gsr.jsonl")
            if r.get("dead") is not None or r.get("injured") is not None]
    got, _, _ = _read(nlp, [r["text"] for r in rows])
    right = total = 0
    misses = []
    for r, (killed, injured) in zip(rows, got, strict=True):
        for field, value in (("dead", killed), ("injured", injured)):
            if r.get(field) is None:
                continue
            total += 1
            if value == int(r[field]):
                right += 1
            else:
                misses.append(f"  {r['id']} {field}: gold {r[field]} read {value}")
    print(f"PLOVER GSR: {len(rows)} sentences with dead/injured, {right}/{total} counts exact "
          f"({right / max(total, 1):.1%})")
    for m in misses:
        print(m)


_N = (r"(\d[\d,]*|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
      r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?|dozens)")
_SURFACE = (
    re.compile(r"\bkill(?:s|ed|ing)?\s+(?:at least |more than |about |some |nearly |up to )?" + _N + r"\b", re.I),
    re.compile(r"\b" + _N + r"\s+(?:[\w'-]+\s+){0,3}?(?:killed|dead)\b", re.I),
    re.compile(r"\btoll\s+(?:\w+\s+){0,3}?(?:to|at|of)\s+(?:at least |more than )?" + _N, re.I),
)


def surface_figure(headline: str) -> int | None:
    """The headline's death figure read by a regular expression (independent of the NLP)."""
    from sitrep.resolve.numbers import parse_count

    for rx in _SURFACE:
        m = rx.search(headline)
        if m:
            return parse_count(m.group(1))[0]
    return None


def eval_ucdp(nlp, limit: int | None) -> tuple[int, float, float]:
    rows = [r for r in _load(GOLD / "ucdp" / "ucdp_ged_iraq_dev.jsonl") if (r.get("source_headline") or "").strip()]
    if limit:
        rows = rows[:limit]
    headlines = sorted({h.strip() for r in rows for h in r["source_headline"].split(";") if h.strip()})
    stating = [h for h in headlines if _NEAR.search(h)]
    got, t_parse, t_find = _read(nlp, stating)
    killed_of = {h: k for h, (k, _i) in zip(stating, got, strict=True)}
    # rows whose whole source is one headline that states deaths
    single = [r for r in rows if ";" not in r["source_headline"] and r["source_headline"].strip() in killed_of]
    best_sum: dict[tuple[str, str], int] = defaultdict(int)
    for r in rows:
        best_sum[(r["source_headline"].strip(), r.get("source_date") or "")] += int(r["best"])
    read = eq = within = ge = eq_sum = 0
    for r in single:
        k = killed_of[r["source_headline"].strip()]
        if k is None:
            continue
        read += 1
        best, low, high = int(r["best"]), int(r["low"]), int(r["high"])
        eq += k == best
        within += low <= k <= high
        ge += k >= best
        eq_sum += k == best_sum[(r["source_headline"].strip(), r.get("source_date") or "")]
    multi = [r for r in rows if ";" in r["source_headline"]]
    any_eq = any_read = 0
    for r in multi:
        ks = [killed_of.get(h.strip()) for h in r["source_headline"].split(";")]
        ks = [k for k in ks if k is not None]
        if ks:
            any_read += 1
            any_eq += int(r["best"]) in ks
    n = max(read, 1)
    print(f"UCDP Iraq dev: {len(rows)} rows with a headline; {len(headlines)} distinct headlines, "
          f"{len(stating)} state deaths (number near a death word)")
    print(f"  headlines stating deaths with a killed count read: "
          f"{sum(k is not None for k in killed_of.values())}/{len(stating)} "
          f"({sum(k is not None for k in killed_of.values()) / max(len(stating), 1):.1%})")
    print(f"  rows with one such headline: {len(single)}; count read for {read}")
    print(f"    killed == best: {eq}/{read} ({eq / n:.1%});  low <= killed <= high: {within}/{read} ({within / n:.1%})")
    print(f"    killed >= best: {ge}/{read} ({ge / n:.1%});  killed == sum of best over rows sharing the "
          f"headline and date: {eq_sum}/{read} ({eq_sum / n:.1%})")
    print(f"    killed == best or == that sum: "
          f"{sum(1 for r in single if (k := killed_of[r['source_headline'].strip()]) is not None and (k == int(r['best']) or k == best_sum[(r['source_headline'].strip(), r.get('source_date') or '')]))}/{read}")
    print(f"  rows with several headlines, some count read: {any_read}; best equals one headline's count: "
          f"{any_eq}/{any_read} ({any_eq / max(any_read, 1):.1%})")
    surface = {h: surface_figure(h) for h in headlines}
    with_fig = [h for h in headlines if surface[h] is not None]
    got2, _, _ = _read(nlp, with_fig)
    agree = [h for h, (k, _i) in zip(with_fig, got2, strict=True) if k == surface[h]]
    print(f"  agreement with a regular-expression reading of the headline's figure: {len(agree)}/{len(with_fig)} "
          f"({len(agree) / max(len(with_fig), 1):.1%}); where they differ:")
    for h, (k, _i) in zip(with_fig, got2, strict=True):
        if k != surface[h]:
            print(f"    read {k}, regex {surface[h]}: {h[:100]!r}")
    return len(stating), t_parse, t_find


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N UCDP rows with a headline")
    args = ap.parse_args()
    nlp = spacy.load(defaults.SPACY_MODEL, disable=["ner"])
    eval_plover(nlp)
    n, t_parse, t_find = eval_ucdp(nlp, args.limit)
    print(f"speed: find_casualties {n / max(t_find, 1e-9):,.0f} headlines/s "
          f"({1000 * t_find / max(n, 1):.2f} ms each); spaCy parse {n / max(t_parse, 1e-9):,.0f} headlines/s")


if __name__ == "__main__":
    main()
