"""The store's tables, its schema version and the migrations between versions.

Keys are deterministic hashes of canonical content, so writing the same thing
twice is a no-op:

===============  =======================================================================
table            one row per
===============  =======================================================================
meta             setting (``schema_version``)
batches          ingest batch (one transaction): when, how many articles/events/failures
articles         distinct article; ``article_id`` = models.article_id_for(text)
article_reports  copy of an article as seen (the original, exact or near duplicates):
                 its own id, url, outlet, title, date, and the similarity to the article
article_bands    LSH band hash of an article's MinHash signature (near-duplicate index)
events           reported event (one article's record of it), full JSON in ``record``;
                 ``origin`` says where it came from: sitrep (coded news) or an imported
                 dataset (acled, ucdp, gdelt)
actors           actor or recipient of an event (for queries by actor)
places           distinct resolved place
event_links      report -> cluster (one real event), with the checks that merged it
clusters         one real event: canonical record and the columns queries filter on
merge_blocks     pairs of reports a user split apart; never merged again
ingest_log       item that failed, with the reason and the error class
reviews          (v2) one review decision, append-only: who, when, action, before, after,
                 note, and ``basis`` (md5 of the coder's record it was made on)
review_state     (v2) an event's reviews folded (status, changed fields): derived from
                 ``reviews``, rebuilt on every review, so queries filter on the view
users            (v2) a person who may use ``sitrep serve``: role, argon2 hashes of the
                 password and API token (never the secrets themselves)
watch_sources    followed source (``sitrep watch``): validators (ETag, Last-Modified), last
                 fetch, errors, circuit breaker, counters (v3)
watch_items      item of a source seen by the monitor: done or failed, never done twice
watch_alerts     alert raised (rule x event x kind): the ledger that stops repeats
watch_deliveries alert x sink: pending, sending, sent or failed
sessions         (v4) a login to ``sitrep serve``: sha256 of the session id, user, role, CSRF
                 token, expiry (so a restart does not log everyone out)
===============  =======================================================================

Only ``articles``, ``events`` and ``meta`` have primary keys: DuckDB keeps an
index per key, and rows of the other tables are replaced (delete + insert) or
written with anti-joins, which need none.
"""

from __future__ import annotations

SCHEMA_VERSION = 4

_V1 = [
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS batches (
        batch_id BIGINT, started_at TIMESTAMP, finished_at TIMESTAMP, n_articles INTEGER,
        n_reports INTEGER, n_events INTEGER, n_failures INTEGER, note VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS articles (
        article_id VARCHAR PRIMARY KEY, text VARCHAR NOT NULL, title VARCHAR, date VARCHAR,
        url VARCHAR, source VARCHAR, ext_id VARCHAR, n_words INTEGER, minhash BLOB,
        batch_id BIGINT, added_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS article_reports (
        report_id VARCHAR, article_id VARCHAR, content_key VARCHAR, relation VARCHAR,
        similarity DOUBLE, ext_id VARCHAR, url VARCHAR, source VARCHAR, title VARCHAR, date VARCHAR,
        item VARCHAR, batch_id BIGINT, added_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS article_bands (band SMALLINT, hash BIGINT, article_id VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS events (
        event_id VARCHAR PRIMARY KEY, article_id VARCHAR, origin VARCHAR, event VARCHAR, mode VARCHAR,
        modality VARCHAR, acled_event_type VARCHAR, acled_sub_event_type VARCHAR, cameo VARCHAR,
        date VARCHAR, date_precision VARCHAR, fatalities INTEGER, injured INTEGER, count INTEGER,
        confidence DOUBLE, place_id VARCHAR, country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE,
        geo_precision INTEGER, record VARCHAR, raw VARCHAR, batch_id BIGINT, added_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS actors (
        event_id VARCHAR, role VARCHAR, idx INTEGER, text VARCHAR, name VARCHAR, country VARCHAR,
        type VARCHAR, inter INTEGER, code VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS places (
        place_id VARCHAR, name VARCHAR, country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE,
        geo_precision INTEGER)""",
    """CREATE TABLE IF NOT EXISTS event_links (
        event_id VARCHAR, cluster_id VARCHAR, reason VARCHAR, linked_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS clusters (
        cluster_id VARCHAR, origin VARCHAR, event VARCHAR, mode VARCHAR, modality VARCHAR,
        acled_event_type VARCHAR, acled_sub_event_type VARCHAR, date VARCHAR, date_precision VARCHAR,
        country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE, fatalities INTEGER,
        n_reports INTEGER, n_articles INTEGER, record VARCHAR, updated_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS merge_blocks (event_a VARCHAR, event_b VARCHAR, blocked_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS ingest_log (
        log_id VARCHAR, item VARCHAR, reason VARCHAR, error VARCHAR, batch_id BIGINT, logged_at TIMESTAMP)""",
    """CREATE INDEX IF NOT EXISTS idx_reports_key ON article_reports (content_key)""",
    """CREATE INDEX IF NOT EXISTS idx_bands ON article_bands (hash)""",
    """CREATE INDEX IF NOT EXISTS idx_links_cluster ON event_links (cluster_id)""",
    """CREATE INDEX IF NOT EXISTS idx_clusters_id ON clusters (cluster_id)""",
]

_V2 = [
    """CREATE TABLE IF NOT EXISTS reviews (
        review_id VARCHAR, event_id VARCHAR, action VARCHAR, reviewer VARCHAR, reviewed_at TIMESTAMP,
        before VARCHAR, after VARCHAR, note VARCHAR, basis VARCHAR, undoes VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS review_state (
        event_id VARCHAR, status VARCHAR, changes VARCHAR, event VARCHAR, acled_event_type VARCHAR,
        acled_sub_event_type VARCHAR, modality VARCHAR, date VARCHAR, fatalities INTEGER, basis VARCHAR,
        n_reviews INTEGER, updated_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS users (
        name VARCHAR PRIMARY KEY, role VARCHAR, password_hash VARCHAR, token_id VARCHAR, token_hash VARCHAR,
        created_at TIMESTAMP)""",
    """CREATE INDEX IF NOT EXISTS idx_reviews_event ON reviews (event_id)""",
    """CREATE INDEX IF NOT EXISTS idx_review_state_event ON review_state (event_id)""",
]

#: Version 3: the monitor's state (sitrep/watch/state.py). Its cursors (which batches
#: were evaluated for alerts, when the last digest went out) live in ``meta``.
_V3 = [
    """CREATE TABLE IF NOT EXISTS watch_sources (
        source VARCHAR, location VARCHAR, etag VARCHAR, last_modified VARCHAR, last_fetch TIMESTAMP,
        last_ok TIMESTAMP, last_status VARCHAR, last_error VARCHAR, consecutive_failures INTEGER,
        open_until TIMESTAMP, next_due TIMESTAMP, n_fetches BIGINT, n_not_modified BIGINT, n_items BIGINT,
        n_errors BIGINT, last_new_at TIMESTAMP, updated_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS watch_items (
        source VARCHAR, item_key VARCHAR, url VARCHAR, status VARCHAR, article_id VARCHAR, attempts INTEGER,
        reason VARCHAR, published VARCHAR, first_seen TIMESTAMP, done_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS watch_alerts (
        alert_id VARCHAR, rule VARCHAR, cluster_id VARCHAR, kind VARCHAR, fatalities INTEGER, payload VARCHAR,
        created_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS watch_deliveries (
        alert_id VARCHAR, sink VARCHAR, state VARCHAR, attempts INTEGER, error VARCHAR, updated_at TIMESTAMP)""",
    """CREATE INDEX IF NOT EXISTS idx_watch_items ON watch_items (source, item_key)""",
    """CREATE INDEX IF NOT EXISTS idx_watch_alerts ON watch_alerts (rule, cluster_id)""",
]

#: Version 4: the logins of ``sitrep serve`` (sitrep/web/auth.py), so that a restart keeps them.
#: The session id is a bearer secret: only its sha256 is stored.
_V4 = [
    """CREATE TABLE IF NOT EXISTS sessions (
        sid_hash VARCHAR, name VARCHAR, role VARCHAR, csrf VARCHAR, expires DOUBLE, created_at TIMESTAMP)""",
]

#: MIGRATIONS[v] brings a store from version v-1 to v. Never edit a released
#: entry: add the next one (and bump SCHEMA_VERSION).
MIGRATIONS: dict[int, list[str]] = {
    1: _V1,
    2: _V2,
    3: _V3,
    4: _V4,
}
