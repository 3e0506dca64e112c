"""The monitor's state in the store (schema 2 tables ``watch_*``; cursors in ``meta``).

Why nothing is lost or repeated after a kill -9:

* an item is marked ``done`` in the **same transaction** that stores its article
  and events, so a crash before the commit leaves it unmarked (it is fetched and
  stored again, once) and a crash after leaves it done (never again);
* alerts are decided in one transaction that also advances the alert cursor
  (``meta.watch_alert_batch``): the batches up to it have had their alerts
  written to the ledger with one ``pending`` delivery per sink;
* a delivery goes ``pending -> sending -> sent``. A restart finds ``sending``
  rows: a file sink is checked for the alert id (exactly once); other sinks are
  sent again with the same idempotency key (``X-Sitrep-Alert-Id``, the
  e-mail's Message-ID), which is the most a network sink can promise.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sitrep.store import Store

ALERT_CURSOR = "watch_alert_batch"
DIGEST_CURSOR = "watch_digest_at"


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class SourceState:
    """What the store remembers of one source."""

    source: str
    location: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_fetch: datetime | None = None
    last_ok: datetime | None = None
    last_status: str | None = None
    last_error: str | None = None
    consecutive_failures: int = 0
    open_until: datetime | None = None
    next_due: datetime | None = None
    n_fetches: int = 0
    n_not_modified: int = 0
    n_items: int = 0
    n_errors: int = 0
    last_new_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: (v.isoformat() + "Z" if isinstance(v, datetime) else v) for k, v in self.__dict__.items()}


_SOURCE_COLS = ("source", "location", "etag", "last_modified", "last_fetch", "last_ok", "last_status", "last_error",
                "consecutive_failures", "open_until", "next_due", "n_fetches", "n_not_modified", "n_items",
                "n_errors", "last_new_at")


class WatchState:
    """Reads and writes of the ``watch_*`` tables. Writes join the caller's
    ``store.atomic()`` block when there is one."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # --- sources ---------------------------------------------------------------------

    def sources(self) -> dict[str, SourceState]:
        with self.store.session() as con:
            rows = con.execute(f"SELECT {', '.join(_SOURCE_COLS)} FROM watch_sources").fetchall()
        out: dict[str, SourceState] = {}
        for r in rows:
            vals: dict[str, Any] = {c: (0 if x is None and c in _INT_COLS else x)
                                    for c, x in zip(_SOURCE_COLS, r, strict=True)}
            out[str(r[0])] = SourceState(**vals)
        return out

    def source(self, name: str) -> SourceState:
        return self.sources().get(name) or SourceState(name)

    def put_source(self, st: SourceState) -> None:
        with self.store.atomic() as con:
            con.execute("DELETE FROM watch_sources WHERE source = ?", [st.source])
            row = {c: getattr(st, c) for c in _SOURCE_COLS}
            row["updated_at"] = now()
            self.store._insert("watch_sources", [row])

    # --- items -------------------------------------------------------------------------

    def _read(self, sql: str, params: dict[str, Any], con: Any | None) -> list[tuple[Any, ...]]:
        if con is not None:  # a cursor of another thread (store.reader())
            return list(con.execute(sql, params).fetchall())
        with self.store.session() as c:
            return list(c.execute(sql, params).fetchall())

    def settled(self, source: str, keys: list[str], con: Any | None = None) -> set[str]:
        """Keys of this source already done or failed for good. ``con``: a cursor
        (``store.reader()``) when called from a worker thread."""
        if not keys:
            return set()
        rows = self._read("SELECT item_key FROM watch_items WHERE source = $s AND status IN ('done', 'failed') "
                          "AND item_key IN (SELECT unnest($k))", {"s": source, "k": keys}, con)
        return {r[0] for r in rows}

    def attempts(self, source: str, keys: list[str], con: Any | None = None) -> dict[str, int]:
        if not keys:
            return {}
        rows = self._read("SELECT item_key, attempts FROM watch_items WHERE source = $s AND status = 'retry' "
                          "AND item_key IN (SELECT unnest($k))", {"s": source, "k": keys}, con)
        return {r[0]: int(r[1] or 0) for r in rows}

    def has_retries(self, source: str, con: Any | None = None) -> bool:
        """Does the source have items waiting for another try?"""
        return bool(self._read("SELECT count(*) FROM watch_items WHERE source = $s AND status = 'retry'",
                               {"s": source}, con)[0][0])

    def mark_items(self, source: str, rows: list[dict[str, Any]]) -> None:
        """Upsert item rows (keys: item_key, url, status, article_id, attempts, reason, published)."""
        if not rows:
            return
        t = now()
        with self.store.atomic() as con:
            con.execute("DELETE FROM watch_items WHERE source = $s AND item_key IN (SELECT unnest($k))",
                        {"s": source, "k": [r["item_key"] for r in rows]})
            self.store._insert("watch_items", [{
                "source": source, "item_key": r["item_key"], "url": r.get("url"), "status": r["status"],
                "article_id": r.get("article_id"), "attempts": int(r.get("attempts") or 0), "reason": r.get("reason"),
                "published": r.get("published"), "first_seen": r.get("first_seen") or t,
                "done_at": t if r["status"] in ("done", "failed") else None} for r in rows])

    def item_counts(self) -> dict[str, dict[str, int]]:
        with self.store.session() as con:
            rows = con.execute("SELECT source, status, count(*) FROM watch_items GROUP BY ALL").fetchall()
        out: dict[str, dict[str, int]] = {}
        for s, st, n in rows:
            out.setdefault(s, {})[st] = int(n)
        return out

    # --- cursors -------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        with self.store.session() as con:
            rows = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchall()
            row = rows[0] if rows else None
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.store.atomic() as con:
            con.execute("DELETE FROM meta WHERE key = ?", [key])
            con.execute("INSERT INTO meta VALUES (?, ?)", [key, value])

    # --- alerts and deliveries --------------------------------------------------------------

    def alerted(self, rule: str, cluster_ids: list[str]) -> dict[str, dict[str, Any]]:
        """cluster id -> {kinds, max fatalities alerted} for one rule."""
        if not cluster_ids:
            return {}
        with self.store.session() as con:
            rows = con.execute("SELECT cluster_id, list(DISTINCT kind), max(fatalities) FROM watch_alerts "
                               "WHERE rule = $r AND cluster_id IN (SELECT unnest($c)) GROUP BY cluster_id",
                               {"r": rule, "c": cluster_ids}).fetchall()
        return {c: {"kinds": set(k or []), "fatalities": f} for c, k, f in rows}

    def has_alert(self, alert_id: str) -> bool:
        with self.store.session() as con:
            return con.execute("SELECT count(*) FROM watch_alerts WHERE alert_id = ?",
                               [alert_id]).fetchall()[0][0] > 0

    def recent_alerts(self, rule: str, kind: str) -> list[dict[str, Any]]:
        with self.store.session() as con:
            rows = con.execute("SELECT payload FROM watch_alerts WHERE rule = ? AND kind = ? ORDER BY created_at",
                               [rule, kind]).fetchall()
        return [json.loads(r[0]) for r in rows]

    def add_alerts(self, alerts: list[dict[str, Any]], sinks_of: dict[str, list[str]]) -> int:
        """Write new alerts and one pending delivery per sink (skips alert ids already there)."""
        fresh = [a for a in alerts if not self.has_alert(a["alert_id"])]
        if not fresh:
            return 0
        t = now()
        with self.store.atomic():
            self.store._insert("watch_alerts", [{
                "alert_id": a["alert_id"], "rule": a["rule"], "cluster_id": a.get("event_id"), "kind": a["kind"],
                "fatalities": a.get("fatalities"), "payload": json.dumps(a, ensure_ascii=False),
                "created_at": t} for a in fresh], key="alert_id")
            self.store._insert("watch_deliveries", [{
                "alert_id": a["alert_id"], "sink": s, "state": "pending", "attempts": 0, "error": None,
                "updated_at": t} for a in fresh for s in sinks_of[a["rule"]]])
        return len(fresh)

    def deliveries(self, states: tuple[str, ...] = ("pending", "sending")) -> list[tuple[str, str, str, int, dict[str, Any]]]:
        """(alert id, sink, state, attempts, alert) of deliveries in these states, oldest first."""
        with self.store.session() as con:
            rows = con.execute(
                "SELECT d.alert_id, d.sink, d.state, d.attempts, a.payload FROM watch_deliveries d "
                "JOIN watch_alerts a ON a.alert_id = d.alert_id WHERE d.state IN (SELECT unnest($s)) "
                "ORDER BY a.created_at, d.alert_id, d.sink", {"s": list(states)}).fetchall()
        return [(a, s, st, int(n or 0), json.loads(p)) for a, s, st, n, p in rows]

    def set_delivery(self, alert_id: str, sink: str, state: str, *, attempts: int | None = None,
                     error: str | None = None) -> None:
        with self.store.atomic() as con:
            con.execute("UPDATE watch_deliveries SET state = $st, attempts = coalesce($n, attempts), error = $e, "
                        "updated_at = $t WHERE alert_id = $a AND sink = $s",
                        {"st": state, "n": attempts, "e": error, "t": now(), "a": alert_id, "s": sink})

    def alerts_since(self, since: datetime | None) -> list[dict[str, Any]]:
        with self.store.session() as con:
            rows = con.execute("SELECT payload FROM watch_alerts WHERE $t IS NULL OR created_at > $t "
                               "ORDER BY created_at", {"t": since}).fetchall()
        return [json.loads(r[0]) for r in rows]

    def alert_counts(self) -> dict[str, dict[str, int]]:
        """rule -> kind -> alerts; plus the deliveries by state under key '_deliveries'."""
        with self.store.session() as con:
            out: dict[str, dict[str, int]] = {}
            for r, k, n in con.execute("SELECT rule, kind, count(*) FROM watch_alerts GROUP BY ALL").fetchall():
                out.setdefault(r, {})[k] = int(n)
            out["_deliveries"] = {s: int(n) for s, n in con.execute(
                "SELECT state, count(*) FROM watch_deliveries GROUP BY ALL").fetchall()}
        return out


_INT_COLS = {"consecutive_failures", "n_fetches", "n_not_modified", "n_items", "n_errors"}
