"""Ingest: reading sources into Articles (sources), article dedup (dedup), the ingest run (run)."""

from sitrep.ingest.sources import read_feed, read_path, read_sources, read_stream, read_url

__all__ = ["read_feed", "read_path", "read_sources", "read_stream", "read_url"]
