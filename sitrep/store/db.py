"""The event store: one DuckDB file holding articles, events, clusters and the ingest log.

    >>> from sitrep.store import Store
    >>> store = Store.open("sitrep.db")
    >>> with store.atomic():
    ...     result = store.add_articles(articles)
    ...     store.add_events(article, events)
    >>> store.events(actor="Kataib Hezbollah", since="2021-06-01")

**Identity.** An article's id is the hash of its whitespace-normalised text
(``models.article_id_for``); an event's id is the coder's deterministic
``event_id_for(article, trigger, type)``. Writing the same article or event
again is a no-op, so re-ingesting is idempotent.

**Transactions.** ``with store.atomic():`` is one DuckDB transaction (nested
blocks join the outer one). Every write method opens one when called outside
a block. ``sitrep ingest`` writes each batch in one: a kill -9 leaves either
the whole batch or none of it.

**Concurrency.** DuckDB lets one *process* hold a database file read-write,
and no other process may open it, even read-only, while it does. Within one
process any number of connections share the database with snapshot isolation
(``store.reader()``). Across processes sitrep takes turns: a store opened with
``hold_lock=False`` (what ``sitrep ingest`` does) closes the file after each
transaction, and every open waits for the lock (``defaults.STORE_LOCK_TIMEOUT_S``)
instead of failing. Readers (``sitrep events``, ``export``, ``explain``) open
read-only, read, and close. A reader therefore sees the store as of a batch
boundary: never half a batch.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from sitrep import defaults
from sitrep.dedup import Cluster, best_cluster, canonical_event, differing_claims, interval, mergeable
from sitrep.errors import BadDateError, StoreCorruptError, StoreError
from sitrep.ingest import dedup as artdedup
from sitrep.models import Article, CodingFailure, Event, Place
from sitrep.plausible import plausible_events
from sitrep.store.cache import ReadCache, StoreShared
from sitrep.store.reviews import ReviewsMixin
from sitrep.store.schema import MIGRATIONS, SCHEMA_VERSION

SITREP = "sitrep"  # origin of events coded from news by sitrep itself


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """``to_dict`` without dataclasses.asdict's deep copies (the same output, ~10x faster)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        names = _FIELD_NAMES.get(cls)
        if names is None:
            names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(value))
        return {n: _plain(getattr(value, n)) for n in names}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def event_json(ev: Event) -> str:
    """An event as the JSON ``Event.to_json`` writes."""
    return json.dumps(_plain(ev), ensure_ascii=False)


def _hash(*parts: object, prefix: str = "") -> str:
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return prefix + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def place_id_of(loc: Place) -> str:
    """A place's row id: a hash of its name, country, admin1 and rounded coordinates."""
    return _hash(loc.name, loc.country, loc.admin1, None if loc.lat is None else round(loc.lat, 4),
                 None if loc.lon is None else round(loc.lon, 4), prefix="p-")


def event_row(ev: Event, origin: str) -> dict[str, Any]:
    """The ``events`` table's columns for one report (the store and batch runs write the same)."""
    loc = ev.location
    return {
        "event_id": ev.event_id, "article_id": ev.article_id, "origin": origin, "event": ev.event,
        "mode": ev.mode, "modality": ev.modality, "acled_event_type": ev.acled_event_type,
        "acled_sub_event_type": ev.acled_sub_event_type, "cameo": ev.cameo, "date": ev.date,
        "date_precision": ev.date_precision, "fatalities": ev.fatalities, "injured": ev.injured,
        "count": ev.count, "confidence": ev.confidence, "place_id": place_id_of(loc) if loc else None,
        "country": loc.country if loc else None, "admin1": loc.admin1 if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "geo_precision": loc.geo_precision if loc else None, "record": event_json(ev)}


def actor_rows_of(ev: Event) -> list[dict[str, Any]]:
    """The ``actors`` table's rows of one report: its actors, then its recipients, in order."""
    return [{"event_id": ev.event_id, "role": role, "idx": i, "text": a.text, "name": a.name,
             "country": a.country, "type": a.type, "inter": a.inter, "code": a.code}
            for role, group in (("actor", ev.actor), ("recipient", ev.recipient)) for i, a in enumerate(group)]


def cluster_row(cl: Cluster, origin: str, now: datetime) -> dict[str, Any]:
    """The ``clusters`` table's row of a canonical event (its members' merged record)."""
    canon = canonical_event(cl.cluster_id, cl.members)
    loc = canon.location
    return {
        "cluster_id": cl.cluster_id, "origin": origin, "event": canon.event, "mode": canon.mode,
        "modality": canon.modality, "acled_event_type": canon.acled_event_type,
        "acled_sub_event_type": canon.acled_sub_event_type, "date": canon.date,
        "date_precision": canon.date_precision, "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None, "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None, "fatalities": canon.fatalities,
        "n_reports": len(cl.members), "n_articles": len({m.article_id for m in cl.members}),
        "record": event_json(canon), "updated_at": now}


def _is_lock_error(exc: Exception) -> bool:
    """The file is in use: another process holds DuckDB's file lock, or a connection of this
    process holds it open in the other mode (read-write vs read-only; DuckDB refuses a second
    configuration of one open file until the last connection to it, cursors included, lets go).
    Both pass when the holder lets go, so both are waited for."""
    msg = str(exc).lower()
    return ("lock" in msg and ("conflicting" in msg or "could not set" in msg)) or \
        "different configuration" in msg


def _item_namespace(item: str | None, source: str | None) -> str:
    """Where an external id is unique: the outlet, else the file it came from."""
    if source:
        return f"source:{source}"
    base = (item or "").split(" (id ")[0]
    for sep in ("[",):
        base = base.split(sep)[0]
    if ":" in base and not base.startswith(("http://", "https://")):
        head, _, tail = base.rpartition(":")
        if tail.isdigit():
            base = head
    return f"file:{base}"


# --- results --------------------------------------------------------------------------


@dataclass
class AddResult:
    """What ``add_articles`` did with each article, by outcome."""

    new: list[Article] = field(default_factory=list)  # stored; ids are content keys; to be coded
    duplicate: list[tuple[Article, str, float]] = field(default_factory=list)  # (copy, article it copies, sim)
    seen: list[Article] = field(default_factory=list)  # this very copy was stored before (a rerun)
    failed: list[CodingFailure] = field(default_factory=list)


@dataclass
class _Plan:
    result: AddResult
    article_rows: list[dict[str, Any]]
    report_rows: list[dict[str, Any]]
    band_rows: list[dict[str, Any]]


@dataclass
class EventsResult:
    new: int = 0  # reports stored
    merged: int = 0  # of which joined an existing event cluster
    seen: int = 0  # already stored (rerun)


@dataclass
class Report:
    """One report of a clustered event, for ``explain``."""

    event: Event
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    copies: list[dict[str, Any]]  # every stored copy of the article: outlet, url, relation
    founder: bool
    checks: list[dict[str, Any]]  # why it merged (empty for the founder)


@dataclass
class Explanation:
    cluster_id: str
    canonical: Event
    reports: list[Report]
    claims: dict[str, dict[str, list[str]]]
    blocked: list[tuple[str, str]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster_id, "canonical": _plain(self.canonical),
            "reports": [{
                "event_id": r.event.event_id, "article_id": r.event.article_id, "title": r.title,
                "url": r.url, "source": r.source, "published": r.published, "copies": r.copies,
                "founder": r.founder, "sentence": r.event.evidence.sentence,
                "fatalities": r.event.fatalities, "date": r.event.date,
                "place": r.event.location.name if r.event.location else None, "checks": r.checks,
            } for r in self.reports],
            "claims": self.claims, "blocked": [list(b) for b in self.blocked],
        }

    def render(self) -> str:
        """Plain text for the terminal."""
        c = self.canonical
        lines = [f"event {self.cluster_id}: {c.event}{' (' + c.mode + ')' if c.mode else ''}, "
                 f"{c.date} ({c.date_precision}), {c.location.name if c.location else 'place unknown'}, "
                 f"fatalities {c.fatalities if c.fatalities is not None else '-'}; "
                 f"{len(self.reports)} report(s)"]
        for r in self.reports:
            e = r.event
            outlets = sorted({str(x.get('source') or x.get('url') or x.get('ext_id') or '?') for x in r.copies}) or ["?"]
            lines.append(f"  - {e.event_id} in {e.article_id} ({', '.join(outlets)}) "
                         f"{'[first report]' if r.founder else ''}")
            lines.append(f"      \"{e.evidence.sentence.strip()[:200]}\"")
            lines.append(f"      date {e.date} ({e.date_precision}); place "
                         f"{e.location.name if e.location else '-'}; fatalities "
                         f"{e.fatalities if e.fatalities is not None else '-'}")
            for chk in r.checks:
                lines.append(f"      {'ok ' if chk['ok'] else 'NO '} {chk['check']}: {chk['detail']}")
        if self.claims:
            lines.append("  reports differ on:")
            for name, values in self.claims.items():
                parts = "; ".join(f"{v} ({len(ids)} report(s))" for v, ids in values.items())
                lines.append(f"    {name}: {parts}")
            if "fatalities" in self.claims:
                lines.append(f"    canonical fatalities {c.fatalities}: the lowest reliable report (ACLED rule)")
        if self.blocked:
            lines.append(f"  split by hand from: {', '.join(sorted({b for p in self.blocked for b in p}))}")
        return "\n".join(lines)


# --- the store ------------------------------------------------------------------------


class Store(ReviewsMixin):
    """A sitrep event store in one DuckDB file. Open with :meth:`open`."""

    def __init__(self, path: str | Path, *, read_only: bool = False, hold_lock: bool = True,
                 lock_timeout: float | None = None) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.hold_lock = hold_lock
        self.lock_timeout = defaults.STORE_LOCK_TIMEOUT_S if lock_timeout is None else lock_timeout
        self._con: duckdb.DuckDBPyConnection | None = None
        self._depth = 0
        self._schema_ok = False
        self._shared = StoreShared()  # the write counter and read cache, shared with siblings

    # --- opening, locking, transactions ---------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None, *, read_only: bool = False, hold_lock: bool = True,
             lock_timeout: float | None = None) -> Store:
        """Open (or create) the store at ``path`` (default ``defaults.DEFAULT_DB``).

        ``read_only`` stores never write and need an existing file.
        ``hold_lock=False`` closes the file between operations so that other
        processes can take turns (see the module docstring).
        """
        store = cls(path if path is not None else defaults.DEFAULT_DB, read_only=read_only,
                    hold_lock=hold_lock, lock_timeout=lock_timeout)
        if read_only and not store.path.exists():
            raise StoreError("no store here; create one with `sitrep ingest` or `sitrep import`",
                             item=str(store.path))
        store._connect()
        store.release()
        return store

    def _connect(self) -> duckdb.DuckDBPyConnection:
        if self._con is not None:
            return self._con
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.02
        while True:
            try:
                con = duckdb.connect(str(self.path), read_only=self.read_only)
                break
            except duckdb.Error as exc:
                if not _is_lock_error(exc):
                    raise StoreError(f"cannot open the store: {exc}", item=str(self.path)) from None
                if time.monotonic() >= deadline:
                    raise StoreError(f"the store is in use by another process or connection and stayed locked for "
                                     f"{self.lock_timeout:.0f} s ({exc})", item=str(self.path)) from None
                time.sleep(delay * (0.5 + random.random()))  # jitter: takers do not march in step
                delay = min(delay * 1.5, 0.1)
        self._con = con
        if not self._schema_ok:  # once per Store: the schema does not change under an open store
            try:
                self._check_schema()
            except duckdb.Error as exc:  # a damaged file opens, then fails on its first read
                self._con = None
                con.close()
                raise StoreCorruptError(f"the store file is damaged or not a sitrep store "
                                        f"({str(exc).splitlines()[0]})", item=str(self.path)) from None
            except BaseException:
                self._con = None
                con.close()
                raise
            self._schema_ok = True
        return con

    def _check_schema(self) -> None:
        con = self._con
        assert con is not None
        has_meta = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'").fetchone()[0]  # type: ignore[index]
        version = 0
        if has_meta:
            row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(f"store has schema version {version}, newer than this sitrep knows "
                             f"({SCHEMA_VERSION}); upgrade sitrep", item=str(self.path))
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError(f"store has schema version {version}, this sitrep needs {SCHEMA_VERSION}: "
                             "open it once for writing (e.g. `sitrep ingest`) to migrate it", item=str(self.path))
        con.execute("BEGIN TRANSACTION")
        try:
            for v in range(version + 1, SCHEMA_VERSION + 1):
                for stmt in MIGRATIONS[v]:
                    con.execute(stmt)
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    @property
    def schema_version(self) -> int:
        with self._session() as con:
            row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    @contextmanager
    def _session(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = self._connect()
        try:
            yield con
        finally:
            if self._depth == 0:
                self.release()

    @contextmanager
    def session(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Hold the file for a block of reads (a store with ``hold_lock=False``
        otherwise opens and closes it for every call)."""
        con = self._connect()
        self._depth += 1
        try:
            yield con
        finally:
            self._depth -= 1
            if self._depth == 0:
                self.release()

    def release(self) -> None:
        """Close the file if this store does not hold its lock between operations."""
        if not self.hold_lock and self._depth == 0 and self._con is not None:
            self._con.close()
            self._con = None

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction: all writes inside commit together or not at all."""
        if self.read_only:
            raise StoreError("the store is open read-only", item=str(self.path))
        con = self._connect()
        if self._depth:
            self._depth += 1
            try:
                yield con
            finally:
                self._depth -= 1
            return
        self._depth = 1
        con.execute("BEGIN TRANSACTION")
        try:
            yield con
            con.execute("COMMIT")
        except BaseException:
            try:
                con.execute("ROLLBACK")
            except duckdb.Error:
                pass
            raise
        finally:
            self._depth = 0
            self._shared.bump()  # after the commit: answers cached from before it are gone
            self.release()

    # --- the read cache (sitrep serve) -----------------------------------------------------

    @property
    def version(self) -> int:
        """The write counter: bumped by every commit through this Store or its siblings."""
        return self._shared.version

    def enable_read_cache(self, sizes: dict[str, int] | None = None) -> None:
        """Keep answers of reads (event list pages, event details) until the next write
        (see :mod:`sitrep.store.cache`); for a process that owns the store, as
        ``sitrep serve`` does. Shared with this Store's siblings, made before or after."""
        self._shared.cache = ReadCache(defaults.SERVE_CACHE_SIZES if sizes is None else sizes)

    @property
    def read_cache(self) -> ReadCache | None:
        return self._shared.cache

    def cached(self, kind: str, key: Any, compute: Any) -> Any:
        """``compute()``, or its answer kept from an earlier call with the same ``kind`` and
        ``key`` when nothing was written since (only with :meth:`enable_read_cache`)."""
        cache = self._shared.cache
        if cache is None:
            return compute()
        shared = self._shared
        return cache.get(kind, key, shared.version, compute, lambda: shared.version)

    def reader(self) -> duckdb.DuckDBPyConnection:
        """A separate connection to the same database for another thread of this
        process: it reads committed data (snapshot isolation), never half a batch."""
        return self._connect().cursor()

    # --- bulk insert ------------------------------------------------------------------------

    def _insert(self, table: str, rows: Sequence[dict[str, Any]], *, key: str | None = None) -> int:
        """Insert rows (dicts with the same keys); with ``key``, rows whose key is
        already in the table (or earlier in ``rows``) are skipped. Arrow when
        pyarrow is installed, VALUES lists otherwise (never executemany)."""
        if not rows:
            return 0
        if key:
            seen: set[Any] = set()
            uniq = []
            for r in rows:
                if r[key] not in seen:
                    seen.add(r[key])
                    uniq.append(r)
            rows = uniq
        cols = list(rows[0])
        con = self._connect()
        where = f" WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE t.{key} = n.{key})" if key else ""
        col_list = ", ".join(cols)
        try:
            import pyarrow as pa
        except ImportError:
            pa = None
        if pa is not None:
            tbl = pa.table({c: [r[c] for r in rows] for c in cols})
            con.register("_sitrep_new", tbl)
            try:
                con.execute(f"INSERT INTO {table} ({col_list}) SELECT {col_list} FROM _sitrep_new n{where}")
            finally:
                con.unregister("_sitrep_new")
            return len(rows)
        chunk = max(1, 2000 // len(cols))
        for i in range(0, len(rows), chunk):
            part = rows[i:i + chunk]
            values = ", ".join(["(" + ", ".join(["?"] * len(cols)) + ")"] * len(part))
            params = [r[c] for r in part for c in cols]
            con.execute(f"INSERT INTO {table} ({col_list}) SELECT * FROM (VALUES {values}) AS n({col_list}){where}",
                        params)
        return len(rows)

    def _select_in(self, sql: str, values: Iterable[Any]) -> list[tuple[Any, ...]]:
        """Run ``sql`` with ``$vals`` bound to a list (for ``col IN (SELECT unnest($vals))``)."""
        vals = list(dict.fromkeys(v for v in values if v is not None))
        if not vals:
            return []
        return self._connect().execute(sql, {"vals": vals}).fetchall()

    # --- articles -------------------------------------------------------------------------

    def _plan_articles(self, items: Sequence[tuple[Article, str | None]], *,
                       pending: artdedup.PendingIndex | None = None,
                       pending_keys: dict[str, str] | None = None,
                       pending_reports: set[str] | None = None, batch_id: int | None = None) -> _Plan:
        """Decide, without writing, what each article is: new, a duplicate of a
        stored (or pending) article, a copy seen before, or a duplicate id."""
        pending = pending if pending is not None else artdedup.PendingIndex()
        pkeys = pending_keys if pending_keys is not None else {}
        preps = pending_reports if pending_reports is not None else set()
        result = AddResult()
        plan = _Plan(result, [], [], [])
        if not items:
            return plan
        now = _now()
        keys = [artdedup.content_key(a.text) for a, _ in items]
        rids = [_hash(k, a.id, a.url, a.source, prefix="r-") for k, (a, _) in zip(keys, items, strict=True)]
        with self._session():
            known = dict(self._select_in(
                "SELECT content_key, article_id FROM article_reports WHERE content_key IN (SELECT unnest($vals))", keys))
            seen_rids = {r[0] for r in self._select_in(
                "SELECT report_id FROM article_reports WHERE report_id IN (SELECT unnest($vals))", rids)}
            ext_rows = self._select_in(
                "SELECT ext_id, source, item, content_key, article_id FROM article_reports "
                "WHERE ext_id IN (SELECT unnest($vals))", [a.id for a, _ in items if a.id])
            ext_index: dict[tuple[str, str], tuple[str, str]] = {}
            for ext_id, source, item, ckey, aid in ext_rows:
                ext_index.setdefault((ext_id, _item_namespace(item, source)), (ckey, aid))
            # near-duplicate candidates for articles not known exactly
            unknown = [i for i, k in enumerate(keys) if k not in known and k not in pkeys]
            sigs = artdedup.signatures([items[i][0].text for i in unknown])
            sig_of = dict(zip(unknown, sigs, strict=True))
            hashes_of = {i: artdedup.band_hashes(s) for i, s in sig_of.items() if s is not None}
            db_cands: dict[int, set[str]] = {}
            band_rows = [{"idx": i, "band": b, "hash": h} for i, hs in hashes_of.items() for b, h in enumerate(hs)]
            if band_rows:
                con = self._connect()
                try:
                    import pyarrow as pa

                    con.register("_sitrep_q", pa.table({k: [r[k] for r in band_rows] for k in ("idx", "band", "hash")}))
                    src = "_sitrep_q"
                except ImportError:
                    values = ", ".join(f"({r['idx']}, {r['band']}, {r['hash']})" for r in band_rows)
                    src = f"(VALUES {values}) AS q(idx, band, hash)"
                try:
                    for idx, aid in con.execute(
                            f"SELECT DISTINCT q.idx, b.article_id FROM {src} q JOIN article_bands b "
                            "ON b.band = q.band AND b.hash = q.hash").fetchall():
                        db_cands.setdefault(int(idx), set()).add(aid)
                finally:
                    if src == "_sitrep_q":
                        con.unregister("_sitrep_q")
            cand_sigs = {aid: artdedup.sig_from_bytes(blob) for aid, blob in self._select_in(
                "SELECT article_id, minhash FROM articles WHERE article_id IN (SELECT unnest($vals)) "
                "AND minhash IS NOT NULL", {a for s in db_cands.values() for a in s})}

        for i, ((art, item), key, rid) in enumerate(zip(items, keys, rids, strict=True)):
            ns = _item_namespace(item, art.source)
            if rid in seen_rids or rid in preps:
                result.seen.append(art)
                continue
            target, relation, sim = known.get(key) or pkeys.get(key), "exact", 1.0
            sig = sig_of.get(i)
            if target is None and sig is not None:
                hashes = hashes_of[i]
                best: tuple[float, str] | None = None
                for aid in db_cands.get(i, set()) | pending.candidates(hashes):
                    other = pending.sigs.get(aid)
                    if other is None:
                        other = cand_sigs.get(aid)
                    if other is None:
                        continue
                    s = artdedup.similarity(sig, other)
                    if s >= defaults.NEAR_DUPLICATE_JACCARD and (best is None or s > best[0]):
                        best = (s, aid)
                if best is not None:
                    target, relation, sim = best[1], "near", best[0]
            if art.id:
                prior = ext_index.get((art.id, ns))
                if prior is not None and prior[0] != key and target != prior[1]:
                    result.failed.append(CodingFailure(
                        item=item or art.id,
                        reason=f"duplicate id {art.id!r}: already stored with a different text "
                               f"(article {prior[1]}); give each article its own id",
                        error="MalformedRecordError"))
                    continue
                ext_index.setdefault((art.id, ns), (key, target or key))
            report = {"report_id": rid, "article_id": target or key, "content_key": key, "relation": relation,
                      "similarity": sim, "ext_id": art.id or None, "url": art.url, "source": art.source,
                      "title": art.title, "date": art.date, "item": item, "batch_id": batch_id, "added_at": now}
            preps.add(rid)
            if target is not None:
                plan.report_rows.append(report)
                result.duplicate.append((art, target, sim))
                continue
            report["relation"] = "original"
            plan.report_rows.append(report)
            stored = dataclasses.replace(art, id=key)
            pkeys[key] = key
            plan.article_rows.append({
                "article_id": key, "text": art.text, "title": art.title, "date": art.date, "url": art.url,
                "source": art.source, "ext_id": art.id or None, "n_words": artdedup.word_count(art.text),
                "minhash": artdedup.sig_to_bytes(sig) if sig is not None else None,
                "batch_id": batch_id, "added_at": now})
            if sig is not None:
                hashes = hashes_of[i]
                pending.add(key, sig, hashes)
                plan.band_rows.extend({"band": b, "hash": h, "article_id": key} for b, h in enumerate(hashes))
            result.new.append(stored)
        return plan

    def _apply_plan(self, plan: _Plan, *, articles: Sequence[str] | None = None) -> None:
        """Write a plan (or the part of it for the given new article ids)."""
        keep = set(articles) if articles is not None else None
        dropped = set() if keep is None else {r["article_id"] for r in plan.article_rows} - keep
        rows = [r for r in plan.article_rows if r["article_id"] not in dropped]
        with self.atomic():
            self._insert("articles", rows, key="article_id")
            # copies of a dropped article go too: the next run sees them afresh
            reports = [r for r in plan.report_rows if r["article_id"] not in dropped]
            self._insert("article_reports", reports, key="report_id")
            bands = [r for r in plan.band_rows if r["article_id"] not in dropped]
            if bands:
                self._insert("article_bands", bands)

    def add_articles(self, articles: Iterable[Article | tuple[Article, str]]) -> AddResult:
        """Store articles once: exact and near-duplicate copies become reports of
        the stored article (with their own url, outlet and id). Returns what
        happened to each; ``result.new`` holds the stored articles, their ids
        now being content keys (what events must refer to)."""
        items = [(a, None) if isinstance(a, Article) else (a[0], a[1]) for a in articles]
        with self.atomic():
            plan = self._plan_articles(items)
            self._apply_plan(plan)
        return plan.result

    def article(self, article_id: str) -> Article | None:
        """A stored article by its id (content key), or by an external id it was seen under."""
        with self._session() as con:
            row = con.execute("SELECT text, article_id, title, date, url, source FROM articles WHERE article_id = ?",
                              [article_id]).fetchone()
            if row is None:
                alias = con.execute("SELECT article_id FROM article_reports WHERE ext_id = ? LIMIT 1",
                                    [article_id]).fetchone()
                if alias:
                    row = con.execute("SELECT text, article_id, title, date, url, source FROM articles "
                                      "WHERE article_id = ?", [alias[0]]).fetchone()
        if row is None:
            return None
        return Article(text=row[0], id=row[1], title=row[2], date=row[3], url=row[4], source=row[5])

    def article_reports(self, article_id: str) -> list[dict[str, Any]]:
        """Every copy of an article: relation (original/exact/near), similarity, id, url, outlet."""
        with self._session() as con:
            cur = con.execute(
                "SELECT relation, similarity, ext_id, url, source, title, date, item FROM article_reports "
                "WHERE article_id = ? ORDER BY added_at, report_id", [article_id])
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    # --- events -------------------------------------------------------------------------------

    def add_events(self, article: Article | str, events: Sequence[Event], *, origin: str = SITREP,
                   raw: Sequence[str | None] | None = None, batch_id: int | None = None) -> EventsResult:
        """Store one article's events and merge them with reports of the same
        real events from other articles. Idempotent: events already stored are skipped."""
        aid = article if isinstance(article, str) else article.id
        return self.add_events_many([(aid, events)], origin=origin, raw=raw, batch_id=batch_id)

    def add_events_many(self, pairs: Sequence[tuple[Article | str, Sequence[Event]]], *, origin: str = SITREP,
                        raw: Sequence[str | None] | None = None, batch_id: int | None = None) -> EventsResult:
        """``add_events`` for many articles at once (one candidate query, one transaction)."""
        res = EventsResult()
        evs: list[Event] = []
        for art, events in pairs:
            aid = art if isinstance(art, str) else art.id
            for ev in events:
                evs.append(ev if ev.article_id == aid or not aid else dataclasses.replace(ev, article_id=aid))
        raws = list(raw) if raw is not None else [None] * len(evs)
        if not evs:
            return res
        evs = plausible_events(evs)  # an implausible toll is unknown, never an overflow that stops the batch
        with self.atomic():
            existing = {r[0] for r in self._select_in(
                "SELECT event_id FROM events WHERE event_id IN (SELECT unnest($vals))", [e.event_id for e in evs])}
            fresh: list[tuple[Event, str | None]] = []
            ids: set[str] = set()
            for ev, r in zip(evs, raws, strict=True):
                if ev.event_id in existing or ev.event_id in ids:
                    res.seen += 1
                    continue
                ids.add(ev.event_id)
                fresh.append((ev, r))
            if not fresh:
                return res
            now = _now()
            self._write_events(fresh, origin=origin, batch_id=batch_id, now=now)
            clusters, founders_only = self._candidate_clusters([e for e, _ in fresh]) if origin == SITREP \
                else ([], True)
            links = []
            touched: dict[str, Cluster] = {}
            for ev, _ in fresh:
                cl, comp = best_cluster(ev, clusters) if origin == SITREP else (None, None)
                if cl is not None and comp is not None:
                    cl.members.append(ev)
                    cl.changed = True
                    touched[cl.cluster_id] = cl
                    links.append({"event_id": ev.event_id, "cluster_id": cl.cluster_id,
                                  "reason": json.dumps(comp.to_list()), "linked_at": now})
                    res.merged += 1
                else:
                    new = Cluster(ev.event_id, [ev], changed=True)
                    touched[new.cluster_id] = new
                    if origin == SITREP and mergeable(ev):
                        clusters.append(new)
                    links.append({"event_id": ev.event_id, "cluster_id": ev.event_id,
                                  "reason": json.dumps([{"check": "first report", "ok": True,
                                                         "detail": "no earlier report of this event"}]),
                                  "linked_at": now})
                res.new += 1
            self._insert("event_links", links)
            self._write_clusters(list(touched.values()), origin=origin, now=now)
        return res

    def _write_events(self, fresh: Sequence[tuple[Event, str | None]], *, origin: str, batch_id: int | None,
                      now: datetime) -> None:
        ev_rows, actor_rows, place_rows = [], [], []
        for ev, raw in fresh:
            loc = ev.location
            row = event_row(ev, origin)
            if loc is not None:
                place_rows.append({"place_id": row["place_id"], "name": loc.name, "country": loc.country,
                                   "admin1": loc.admin1, "lat": loc.lat, "lon": loc.lon,
                                   "geo_precision": loc.geo_precision})
            ev_rows.append({**row, "raw": raw, "batch_id": batch_id, "added_at": now})
            actor_rows.extend(actor_rows_of(ev))
        self._insert("events", ev_rows, key="event_id")
        self._insert("actors", actor_rows)
        self._insert("places", place_rows, key="place_id")

    def _candidate_clusters(self, evs: Sequence[Event]) -> tuple[list[Cluster], bool]:
        """Stored clusters that reports in ``evs`` might join: same types, mergeable
        modality, dates near theirs. Loaded with all members and blocks."""
        spans = [sp for sp in (interval(e) for e in evs if mergeable(e)) if sp is not None]
        if not spans:
            return [], True
        from datetime import timedelta

        pad = timedelta(days=defaults.MERGE_MAX_INTERVAL_DAYS + defaults.MERGE_DATE_SLACK_DAYS + 7)
        lo = (min(s[0] for s in spans) - pad).isoformat()
        hi = (max(s[1] for s in spans) + pad).isoformat()
        types = sorted({e.event for e in evs})
        con = self._connect()
        rows = con.execute(
            "SELECT l.cluster_id, e.record FROM event_links l JOIN events e ON e.event_id = l.event_id "
            "WHERE l.cluster_id IN (SELECT cluster_id FROM clusters WHERE origin = 'sitrep' "
            "AND event IN (SELECT unnest($types)) AND modality IN (SELECT unnest($mods)) "
            "AND date BETWEEN $lo AND $hi) ORDER BY l.cluster_id, l.linked_at, e.event_id",
            {"types": types, "mods": list(defaults.MERGEABLE_MODALITIES), "lo": lo, "hi": hi}).fetchall()
        by_id: dict[str, Cluster] = {}
        for cid, record in rows:
            ev = Event.from_dict(json.loads(record))
            cl = by_id.setdefault(cid, Cluster(cid, []))
            cl.members.append(ev)
        for cl in by_id.values():  # founder first
            cl.members.sort(key=lambda m: m.event_id != cl.cluster_id)
        if by_id:
            for a, b in con.execute(
                    "SELECT event_a, event_b FROM merge_blocks WHERE event_a IN (SELECT unnest($ids)) "
                    "OR event_b IN (SELECT unnest($ids))",
                    {"ids": [m.event_id for cl in by_id.values() for m in cl.members]}).fetchall():
                for cl in by_id.values():
                    ids = {m.event_id for m in cl.members}
                    if a in ids:
                        cl.blocked.add(b)
                    if b in ids:
                        cl.blocked.add(a)
        return list(by_id.values()), False

    def _write_clusters(self, clusters: Sequence[Cluster], *, origin: str, now: datetime) -> None:
        if not clusters:
            return
        con = self._connect()
        ids = [c.cluster_id for c in clusters]
        con.execute("DELETE FROM clusters WHERE cluster_id IN (SELECT unnest($vals))", {"vals": ids})
        rows = []
        for cl in clusters:
            if not cl.members:
                continue
            rows.append(cluster_row(cl, origin, now))
        self._insert("clusters", rows)

    def _cluster_of(self, event_id: str) -> str | None:
        con = self._connect()
        row = con.execute("SELECT cluster_id FROM clusters WHERE cluster_id = ?", [event_id]).fetchone()
        if row:
            return str(row[0])
        row = con.execute("SELECT cluster_id FROM event_links WHERE event_id = ?", [event_id]).fetchone()
        return str(row[0]) if row else None

    def _members(self, cluster_id: str) -> list[tuple[Event, str, str]]:
        """(event, origin, reason json) of a cluster's reports, founder first."""
        con = self._connect()
        rows = con.execute(
            "SELECT e.record, e.origin, l.reason FROM event_links l JOIN events e ON e.event_id = l.event_id "
            "WHERE l.cluster_id = ? ORDER BY l.linked_at, e.event_id", [cluster_id]).fetchall()
        out = [(Event.from_dict(json.loads(r)), o, reason) for r, o, reason in rows]
        out.sort(key=lambda t: t[0].event_id != cluster_id)
        return out

    def reports(self, event_id: str) -> list[Event]:
        """The reported events (one per article) behind a canonical event."""
        with self._session():
            cid = self._cluster_of(event_id)
            return [e for e, _, _ in self._members(cid)] if cid else []

    def events(self, actor: str | None = None, country: str | None = None, type: str | None = None,
               since: str | None = None, until: str | None = None, *, origin: str | None = None,
               reports: bool = False, limit: int | None = None, reviewed_only: bool = False,
               include_rejected: bool = False, **filters: Any) -> list[Event]:
        """Canonical events (one per real event), filtered, in their current view:
        the coder's record with its reviews applied; rejected events are left
        out unless ``include_rejected`` (see ``store/reviews.py``).

        ``actor``: part of an actor's or recipient's name, or its CAMEO code
        (any report of the event counts); ``country``: ISO alpha-3 or a country
        name, matched against the place and the actors; ``type``: a PLOVER type
        ("ASSAULT") or an ACLED event or sub-event type ("Battles",
        "Air/drone strike"); ``since``/``until``: ISO dates, inclusive;
        ``origin``: sitrep, acled, ucdp or gdelt; ``reviewed_only``: only events
        a reviewer confirmed or corrected; further ``filters`` as
        ``events_page`` takes them. ``reports=True`` returns every report (the
        coder's records) instead of one record per event.
        """
        sql, params = self._view_query(actor=actor, country=country, type=type, since=since, until=until,
                                       origin=origin, limit=limit, reviewed_only=reviewed_only,
                                       include_rejected=include_rejected, **filters)
        with self._session() as con:
            rows = con.execute(sql, params).fetchall()
            if not reports:
                return [self._view_event(r, ch) for _, r, ch in rows]
            out: list[Event] = []
            for cid, _, _ in rows:
                out.extend(e for e, _, _ in self._members(cid))
            return out

    def _view_query(self, *, since: str | None = None, until: str | None = None, limit: int | None = None,
                    **filters: Any) -> tuple[str, dict[str, Any]]:
        """The SELECT of :meth:`events` over the current view (coder records with reviews applied)."""
        for name, value in (("since", since), ("until", until)):
            if value and not _is_iso_date(value):
                raise BadDateError(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", item=f"--{name}")
        where, params = self._event_filters(since=since, until=until, **filters)
        sql = ("SELECT c.cluster_id, c.record, r.changes FROM clusters c "
               "LEFT JOIN review_state r ON r.event_id = c.cluster_id")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY coalesce(r.date, c.date) NULLS LAST, c.cluster_id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return sql, params

    def iter_events(self, actor: str | None = None, country: str | None = None, type: str | None = None,
                    since: str | None = None, until: str | None = None, *, origin: str | None = None,
                    limit: int | None = None, chunk: int | None = None, reviewed_only: bool = False,
                    include_rejected: bool = False, **filters: Any) -> Iterator[list[Event]]:
        """:meth:`events` in chunks of ``chunk`` canonical events, read as they are
        written out: memory stays bounded whatever the size of the store. The store
        is held (one read snapshot) until the iteration ends."""
        sql, params = self._view_query(actor=actor, country=country, type=type, since=since, until=until,
                                       origin=origin, limit=limit, reviewed_only=reviewed_only,
                                       include_rejected=include_rejected, **filters)
        chunk = chunk or defaults.EXPORT_CHUNK_ROWS
        with self.session() as con:
            cur = con.cursor()
            try:
                cur.execute(sql, params)
                while rows := cur.fetchmany(chunk):
                    yield [self._view_event(r, ch) for _, r, ch in rows]
            finally:
                cur.close()

    def event_origins(self) -> dict[str, str]:
        """cluster id -> origin (sitrep/acled/ucdp/gdelt), for exports."""
        with self._session() as con:
            return dict(con.execute("SELECT cluster_id, origin FROM clusters").fetchall())

    def cluster_sizes(self) -> dict[str, tuple[int, int]]:
        """cluster id -> (reports, articles)."""
        with self._session() as con:
            return {r[0]: (r[1], r[2]) for r in con.execute(
                "SELECT cluster_id, n_reports, n_articles FROM clusters").fetchall()}

    def cluster_outlets(self) -> dict[str, tuple[list[str], list[str]]]:
        """cluster id -> (outlets, urls) of every copy of every article reporting it."""
        with self._session() as con:
            rows = con.execute(
                "SELECT l.cluster_id, list(DISTINCT r.source) FILTER (WHERE r.source IS NOT NULL), "
                "list(DISTINCT r.url) FILTER (WHERE r.url IS NOT NULL) FROM event_links l "
                "JOIN events e ON e.event_id = l.event_id JOIN article_reports r ON r.article_id = e.article_id "
                "GROUP BY l.cluster_id").fetchall()
        return {cid: (sorted(src or []), sorted(urls or [])) for cid, src, urls in rows}

    # --- explain and split ---------------------------------------------------------------------

    def explain(self, event_id: str) -> Explanation:
        """The reports behind an event (a cluster id or any report's id), what each
        says, and why they were merged."""
        with self._session() as con:
            row = con.execute("SELECT record FROM clusters WHERE cluster_id = ?", [event_id]).fetchone()
            cid: str | None = event_id
            if row is None:  # a report's id: its cluster
                cid = self._cluster_of(event_id)
                if cid is None:
                    raise StoreError("no such event in the store", item=event_id)
                row = con.execute("SELECT record FROM clusters WHERE cluster_id = ?", [cid]).fetchone()
            assert cid is not None
            # the reports with their articles' title, url, outlet and date in one query
            rows = con.execute(
                "SELECT e.record, e.origin, l.reason, a.title, a.url, a.source, a.date FROM event_links l "
                "JOIN events e ON e.event_id = l.event_id LEFT JOIN articles a ON a.article_id = e.article_id "
                "WHERE l.cluster_id = ? ORDER BY l.linked_at, e.event_id", [cid]).fetchall()
            joined = [(Event.from_dict(json.loads(r[0])), r[1], r[2], r[3:]) for r in rows]
            joined.sort(key=lambda t: t[0].event_id != cid)  # founder first, as _members
            members = [(ev, o, reason) for ev, o, reason, _ in joined]
            canonical = Event.from_dict(json.loads(row[0])) if row else canonical_event(cid, [m for m, _, _ in members])
            reports = []
            for ev, _origin, reason, meta in joined:
                art = meta if any(v is not None for v in meta) else None
                copies = [dict(zip(("relation", "similarity", "ext_id", "url", "source"), r, strict=True))
                          for r in con.execute(
                              "SELECT relation, similarity, ext_id, url, source FROM article_reports "
                              "WHERE article_id = ? ORDER BY added_at, report_id", [ev.article_id]).fetchall()]
                checks = json.loads(reason) if reason else []
                founder = ev.event_id == cid
                reports.append(Report(ev, art[0] if art else None, art[1] if art else None,
                                      art[2] if art else None, art[3] if art else None, copies, founder,
                                      [] if founder else checks))
            ids = [m.event_id for m, _, _ in members]
            blocked = [(a, b) for a, b in con.execute(
                "SELECT event_a, event_b FROM merge_blocks WHERE list_contains($ids, event_a) "
                "OR list_contains($ids, event_b)", {"ids": ids}).fetchall()]
        return Explanation(cid, canonical, reports, differing_claims([m for m, _, _ in members]), blocked)

    def split(self, event_id: str) -> list[str]:
        """Undo a merge. Given a cluster id, every report becomes its own event;
        given one report's id, that report leaves its cluster. The pairs split
        apart are remembered and never merged again. Returns the cluster ids
        the reports are in afterwards."""
        with self.atomic() as con:
            cid = self._cluster_of(event_id)
            if cid is None:
                raise StoreError("no such event in the store", item=event_id)
            members = self._members(cid)
            if len(members) < 2:
                return [cid]
            origin = members[0][1]
            evs = [m for m, _, _ in members]
            leaving = evs if event_id == cid else [e for e in evs if e.event_id == event_id]
            staying = [] if event_id == cid else [e for e in evs if e.event_id != event_id]
            now = _now()
            blocks = []
            for e in leaving:
                for o in evs:
                    if o.event_id != e.event_id:
                        blocks.append({"event_a": e.event_id, "event_b": o.event_id, "blocked_at": now})
            self._insert("merge_blocks", blocks)
            ids = [e.event_id for e in leaving]
            con.execute("DELETE FROM event_links WHERE event_id IN (SELECT unnest($vals))", {"vals": ids})
            note = json.dumps([{"check": "split", "ok": True, "detail": f"split from {cid} by hand"}])
            self._insert("event_links", [{"event_id": e.event_id, "cluster_id": e.event_id, "reason": note,
                                          "linked_at": now} for e in leaving])
            new_clusters = [Cluster(e.event_id, [e]) for e in leaving]
            if staying:
                # the founder stays, so the cluster keeps its id
                new_clusters.append(Cluster(cid, staying))
            self._write_clusters(new_clusters, origin=origin, now=now)
            return sorted({c.cluster_id for c in new_clusters})

    # --- failures, batches, stats -------------------------------------------------------------

    def log_failures(self, failures: Iterable[CodingFailure], *, batch_id: int | None = None) -> int:
        now = _now()
        rows = [{"log_id": _hash(f.item, f.reason, f.error, prefix="f-"), "item": f.item, "reason": f.reason,
                 "error": f.error, "batch_id": batch_id, "logged_at": now} for f in failures]
        if not rows:
            return 0
        with self.atomic():
            self._insert("ingest_log", rows, key="log_id")
        return len(rows)

    def failures(self, limit: int | None = None) -> list[CodingFailure]:
        sql = "SELECT item, reason, error FROM ingest_log ORDER BY logged_at, log_id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        with self._session() as con:
            return [CodingFailure(item=i, reason=r, error=e) for i, r, e in con.execute(sql).fetchall()]

    def next_batch_id(self) -> int:
        with self._session() as con:
            return int(con.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM batches").fetchone()[0])  # type: ignore[index]

    def record_batch(self, batch_id: int, *, started: datetime, n_articles: int, n_reports: int, n_events: int,
                     n_failures: int, note: str | None = None) -> None:
        with self.atomic():
            self._insert("batches", [{"batch_id": batch_id, "started_at": started, "finished_at": _now(),
                                      "n_articles": n_articles, "n_reports": n_reports, "n_events": n_events,
                                      "n_failures": n_failures, "note": note}])

    def stats(self) -> dict[str, int]:
        """Row counts: articles, copies, reported events, canonical events, failures."""
        with self._session() as con:
            q = {
                "articles": "SELECT count(*) FROM articles",
                "article_reports": "SELECT count(*) FROM article_reports",
                "events": "SELECT count(*) FROM events",
                "clusters": "SELECT count(*) FROM clusters",
                "merged_clusters": "SELECT count(*) FROM clusters WHERE n_reports > 1",
                "failures": "SELECT count(*) FROM ingest_log",
                "batches": "SELECT count(*) FROM batches",
            }
            return {k: int(con.execute(v).fetchone()[0]) for k, v in q.items()}  # type: ignore[index]


def _is_iso_date(text: str) -> bool:
    """"2021-06-27", "2021-06" or "2021", a real date: what ``--since``/``--until`` take."""
    parts = text.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4 \
            or any(len(p) != 2 for p in parts[1:]):
        return False
    y, m, d = (int(p) for p in (*parts, "01", "01")[:3])
    try:
        datetime(y, m, d)
    except ValueError:
        return False
    return True


def _country_code(text: str) -> str:
    t = text.strip()
    if len(t) == 3 and t.isupper():
        return t
    try:
        from sitrep.resolve.countries import country_code
    except ImportError:
        return t.upper()
    return country_code(t) or t.upper()
