"""The event store (DuckDB): articles stored once, events merged across reports, exports, importers."""

from sitrep.store.db import AddResult, EventsResult, Explanation, Store

__all__ = ["AddResult", "EventsResult", "Explanation", "Store"]
