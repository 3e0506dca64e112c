"""Cross-report merging judged on UCDP GED rows (``gold/ucdp/ucdp_ged_world_dev.jsonl``).

Each UCDP row is one incident; its ``source_article`` lists the reports it was
coded from, one ``"Outlet,YYYY-MM-DD,Headline"`` each. A report here is one such
headline: an article whose text is the headline, published on that date, tied
to every row that cites it (one report may cite several incidents: "7 killed in
clashes across Bangladesh" backs several rows).

The store merges the reports' events (``Store.add_events_many``, the code path
of ``sitrep ingest``). A merge (a report's event joining a cluster another
report founded) is **right** when the two reports share a UCDP row (the same
incident, told by two outlets: "New clashes over Bangladesh Islamist's death
sentence" and "Bangladesh violence over war crime trials kills two"), and
**wrong** otherwise: distinct incidents, often on the same day in the same
country, that must stay apart. Reported:

- ``merges``, ``wrong``, ``wrong_rate`` (wrong / merges: the issue's target is < 2%);
- ``copies``: of the wrong merges, those between near-identical texts (word overlap at
  least ``defaults.MERGE_SAME_WORDING``: "Boko Haram abducts 135, kills 8 in Cameroon
  raid" cited by two rows UCDP split from one story). No reader of the texts could
  tell those incidents apart; ``wrong_distinct`` and ``wrong_rate_distinct`` leave them
  out. Both rates are reported;
- ``right`` merges, and ``copy_recall``: of the pairs of reports of one row
  from different outlets that both gave a mergeable event of one type, the share
  whose events ended in one cluster (a merger that never merges scores 0 here);
- ``pair_precision``: over every pair of reports in one cluster, the share that
  share a row.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep import defaults
from sitrep.dedup import wording_overlap
from sitrep.errors import DataFileError
from sitrep.models import Article, Event, article_id_for

FILE = ("ucdp", "ucdp_ged_world_dev.jsonl")
_ENTRY = re.compile(r'"([^"]*)"')
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Report:
    """One outlet's headline: an article, and the UCDP rows (incidents) citing it."""

    article: Article
    outlet: str
    rows: set[str] = field(default_factory=set)
    country: str | None = None


def parse_sources(source_article: str) -> list[tuple[str, str, str]]:
    """``(outlet, date, headline)`` of each ``"Outlet,YYYY-MM-DD,Headline"`` entry
    (entries in other shapes, as in older rows, are skipped)."""
    out = []
    for entry in _ENTRY.findall(source_article or ""):
        parts = entry.split(",", 2)
        if len(parts) == 3 and _DATE.match(parts[1].strip()) and parts[2].strip():
            out.append((parts[0].strip(), parts[1].strip(), parts[2].strip()))
    return out


def load_reports(path: Path, *, countries: Iterable[str] | None = None) -> list[Report]:
    """The reports behind the rows of ``path`` (optionally of some countries only),
    in publication order. A report cited by several rows is one report."""
    wanted = set(countries) if countries else None
    by_key: dict[tuple[str, str, str], Report] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(f"cannot read UCDP rows: {exc}", item=str(path)) from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row: dict[str, Any] = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFileError(f"line {n}: not JSON ({exc.msg})", item=str(path)) from exc
        if wanted is not None and row.get("country") not in wanted:
            continue
        for outlet, day, headline in parse_sources(str(row.get("source_article") or "")):
            key = (outlet, day, headline)
            rep = by_key.get(key)
            if rep is None:
                art = Article(text=headline, id=article_id_for(f"{outlet}|{day}|{headline}"), date=day, source=outlet)
                rep = by_key[key] = Report(art, outlet, country=row.get("country"))
            rep.rows.add(str(row["id"]))
    return sorted(by_key.values(), key=lambda r: (r.article.date or "", r.article.id))


@dataclass(frozen=True, slots=True)
class MergeScore:
    merges: int
    wrong: int
    right: int
    copies: int
    copy_pairs: int
    copy_pairs_merged: int
    cluster_pairs: int
    cluster_pairs_right: int
    examples: tuple[tuple[str, ...], ...]  # wrong merges, copies left out: (joining headline, cluster's headlines)

    @property
    def wrong_rate(self) -> float | None:
        return self.wrong / self.merges if self.merges else None

    @property
    def wrong_rate_distinct(self) -> float | None:
        return (self.wrong - self.copies) / self.merges if self.merges else None

    @property
    def copy_recall(self) -> float | None:
        return self.copy_pairs_merged / self.copy_pairs if self.copy_pairs else None

    @property
    def pair_precision(self) -> float | None:
        return self.cluster_pairs_right / self.cluster_pairs if self.cluster_pairs else None

    def to_dict(self) -> dict[str, Any]:
        return {"merges": self.merges, "wrong": self.wrong, "right": self.right, "wrong_rate": self.wrong_rate,
                "copies": self.copies, "wrong_distinct": self.wrong - self.copies,
                "wrong_rate_distinct": self.wrong_rate_distinct,
                "copy_pairs": self.copy_pairs, "copy_pairs_merged": self.copy_pairs_merged,
                "copy_recall": self.copy_recall, "cluster_pairs": self.cluster_pairs,
                "pair_precision": self.pair_precision, "wrong_examples": [list(e) for e in self.examples]}


def score_merges(reports: Sequence[Report], events: dict[str, list[Event]],
                 clusters: Iterable[tuple[str, Sequence[str]]], *, mergeable: Any = None,
                 max_examples: int = 20) -> MergeScore:
    """Judge clusters ``(cluster id, member event ids in link order)`` over the
    reports' ``events`` (article id -> events). ``mergeable(event)`` says which
    events could merge at all (for copy recall); all when None."""
    rep_of = {r.article.id: r for r in reports}
    art_of = {e.event_id: aid for aid, evs in events.items() for e in evs}
    cluster_of: dict[str, str] = {}
    merges = wrong = right = copies = 0
    pairs = pairs_right = 0
    examples: list[tuple[str, ...]] = []
    for cid, members in clusters:
        seen: list[str] = []  # article ids of earlier members
        for eid in members:
            cluster_of[eid] = cid
            aid = art_of.get(eid)
            if aid is None:
                continue
            if seen and aid not in seen:
                merges += 1
                rows = rep_of[aid].rows
                if any(rows & rep_of[a].rows for a in seen):
                    right += 1
                else:
                    wrong += 1
                    text = rep_of[aid].article.text
                    if any(wording_overlap(text, rep_of[a].article.text) >= defaults.MERGE_SAME_WORDING for a in seen):
                        copies += 1
                    elif len(examples) < max_examples:
                        examples.append((rep_of[aid].article.text, *[rep_of[a].article.text for a in dict.fromkeys(seen)]))
            if aid not in seen:
                for a in seen:
                    pairs += 1
                    pairs_right += bool(rep_of[aid].rows & rep_of[a].rows)
                seen.append(aid)
    # copy recall: reports of one row by different outlets, each with an event of one type
    ok = mergeable or (lambda e: True)
    by_row: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        for row in r.rows:
            by_row[row].append(r)
    copy_pairs = copy_merged = 0
    done: set[tuple[str, str]] = set()
    for reps in by_row.values():
        for i, ra in enumerate(reps):
            for rb in reps[i + 1:]:
                key = (min(ra.article.id, rb.article.id), max(ra.article.id, rb.article.id))
                if ra.outlet == rb.outlet or key in done:
                    continue
                done.add(key)
                ea = [e for e in events.get(ra.article.id, []) if ok(e)]
                eb = [e for e in events.get(rb.article.id, []) if ok(e)]
                types = {e.event for e in ea} & {e.event for e in eb}
                if not types:
                    continue
                copy_pairs += 1
                ca = {cluster_of.get(e.event_id) for e in ea if e.event in types}
                cb = {cluster_of.get(e.event_id) for e in eb if e.event in types}
                copy_merged += bool((ca & cb) - {None})
    return MergeScore(merges, wrong, right, copies, copy_pairs, copy_merged, pairs, pairs_right, tuple(examples))


def iter_batches(reports: Sequence[Report], size: int) -> Iterator[list[Report]]:
    for i in range(0, len(reports), size):
        yield list(reports[i:i + size])


# --- copies of one story in a news corpus ------------------------------------------------


def near_duplicate_pairs(articles: Sequence[Article], threshold: float = defaults.NEAR_DUPLICATE_JACCARD
                         ) -> list[tuple[Article, Article]]:
    """Pairs of different articles whose texts are near-identical (MinHash Jaccard at
    least ``threshold``, found by LSH bands as the store's article dedup finds them),
    exact copies left out: a wire story filed twice, a correction, a refile."""
    from sitrep.ingest import dedup as artdedup

    sigs = artdedup.signatures([a.text for a in articles])
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, sig in enumerate(sigs):
        if sig is not None:
            for b, h in enumerate(artdedup.band_hashes(sig)):
                buckets[(b, h)].append(i)
    seen: set[tuple[int, int]] = set()
    out = []
    for members in buckets.values():
        for k, i in enumerate(members):
            for j in members[k + 1:]:
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                si, sj = sigs[i], sigs[j]
                assert si is not None and sj is not None
                if articles[i].text.strip() != articles[j].text.strip() and artdedup.similarity(si, sj) >= threshold:
                    out.append((articles[i], articles[j]))
    return out


def copy_merge_share(pairs: Sequence[tuple[Article, Article]], events: dict[str, list[Event]],
                     cluster_of: dict[str, str], *, mergeable: Any = None) -> tuple[int, int]:
    """(events of the second copies that could merge, of which merged with an event
    of the first copy): copies of one story should tell one set of events."""
    ok = mergeable or (lambda e: True)
    n = merged = 0
    for a, b in pairs:
        clusters_a = {cluster_of.get(e.event_id) for e in events.get(a.id, []) if ok(e)}
        types_a = {e.event for e in events.get(a.id, []) if ok(e)}
        for e in events.get(b.id, []):
            if ok(e) and e.event in types_a:
                n += 1
                merged += cluster_of.get(e.event_id) in clusters_a
    return n, merged
