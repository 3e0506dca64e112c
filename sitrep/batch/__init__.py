"""Partitioned batch runs: code and ingest whole archives on local processes or a Dask cluster.

See docs/distributed.md.
"""
