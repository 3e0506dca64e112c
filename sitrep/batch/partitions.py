"""Input partitions: the unit of work of a batch run.

The driver only *plans*: it lists files and, for JSON Lines, finds line
offsets (one sequential read, no parsing); for Parquet it reads row counts
from the footer. A :class:`Partition` names where its articles are (a byte
range of a JSONL file, a row range of a Parquet file, or a group of files of a
folder), and the worker that codes it reads them itself, so article text never
travels through the scheduler. Workers therefore need the inputs at the same
path (a shared file system, as on a SLURM or Kubernetes cluster with a shared
volume).

Items are named exactly as :func:`sitrep.ingest.sources.read_sources` names
them (``file:line``, folder-relative ids), so failures and ingest reports read
the same as in a single-machine run.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep import defaults
from sitrep.errors import BatchError, InputError, MalformedRecordError, OversizeError
from sitrep.ingest import sources as src_mod
from sitrep.models import Article, CodingFailure

#: What a partition reads: JSONL byte range, Parquet row range, or a group of files.
KINDS = ("jsonl", "parquet", "files")
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})


@dataclass(frozen=True, slots=True)
class Partition:
    """One partition of the input.

    ``source`` is the input as given on the command line (items are named after it in
    ingest, as ``sitrep ingest`` does); ``path`` the file read; ``start``/``stop`` a byte
    range (jsonl) or row range (parquet); ``first_line`` the line number at ``start``;
    ``files`` the files of a ``files`` partition with their external ids; ``nbytes`` the
    input bytes it reads (an estimate for Parquet): its expected share of the coding time.
    """

    index: int
    seq0: int  # global position of the partition's first item (input order)
    kind: str
    source: str
    path: str
    start: int = 0
    stop: int = 0
    first_line: int = 1
    files: tuple[tuple[str, str], ...] = ()
    nbytes: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "seq0": self.seq0, "kind": self.kind, "source": self.source, "path": self.path,
                "start": self.start, "stop": self.stop, "first_line": self.first_line,
                "files": [list(f) for f in self.files], "nbytes": self.nbytes}


def _jsonl_ranges(path: Path, size: int, max_bytes: int) -> Iterator[tuple[int, int, int, int]]:
    """(start byte, stop byte, first line number, lines) of runs of ``size`` lines, or fewer
    where their bytes reach ``max_bytes``."""
    start, line, n, pos = 0, 1, 0, 0
    with path.open("rb") as fh:
        for raw in fh:
            pos += len(raw)
            n += 1
            if n >= size or pos - start >= max_bytes:
                yield start, pos, line, n
                start, line, n = pos, line + n, 0
    if n:
        yield start, pos, line, n


def plan_partitions(sources: Sequence[str | Path], size: int = defaults.BATCH_PARTITION_ARTICLES,
                    max_bytes: int = defaults.BATCH_PARTITION_BYTES) -> list[Partition]:
    """Split files and folders into partitions of at most ``size`` items and about
    ``max_bytes`` of input each (a partition closes at whichever comes first), in input order.

    The byte cap evens out the coding time of partitions: it grows with the text, so
    250 long reports would be one task many times longer than 250 wire items, and such a
    task left for last keeps one worker busy while the others wait (see docs/distributed.md).

    Raises :class:`BatchError` for inputs a partitioned run cannot read (stdin, URLs,
    a path that does not exist).
    """
    size, max_bytes = max(1, size), max(1, max_bytes)
    parts: list[Partition] = []
    seq = 0

    def add(**kw: Any) -> None:
        nonlocal seq
        parts.append(Partition(index=len(parts), seq0=seq, **kw))

    for source in sources:
        name = str(source)
        if name == "-" or name.startswith(("http://", "https://")):
            raise BatchError("a partitioned run reads files and folders only (not stdin or URLs)", item=name)
        p = Path(name)
        if not p.exists():
            raise BatchError("no such file or folder", item=name)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*")
                           if f.is_file() and f.suffix.lower() in src_mod.KNOWN_SUFFIXES | PARQUET_SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            group: list[tuple[str, str]] = []
            group_bytes = 0
            for f in files:
                suffix = f.suffix.lower()
                if suffix in src_mod.JSONL_SUFFIXES or suffix in PARQUET_SUFFIXES:
                    if group:
                        add(kind="files", source=name, path=name, files=tuple(group), nbytes=group_bytes)
                        seq += len(group)
                        group, group_bytes = [], 0
                    seq = _add_file(parts, name, f, size, max_bytes, seq)
                    continue
                group.append((str(f), f.relative_to(p).with_suffix("").as_posix()))
                group_bytes += f.stat().st_size
                if len(group) >= size or group_bytes >= max_bytes:
                    add(kind="files", source=name, path=name, files=tuple(group), nbytes=group_bytes)
                    seq += len(group)
                    group, group_bytes = [], 0
            if group:
                add(kind="files", source=name, path=name, files=tuple(group), nbytes=group_bytes)
                seq += len(group)
            continue
        suffix = p.suffix.lower()
        if suffix in src_mod.JSONL_SUFFIXES or suffix in PARQUET_SUFFIXES:
            seq = _add_file(parts, name, p, size, max_bytes, seq)
        else:
            add(kind="files", source=name, path=name, files=((str(p), p.stem),), nbytes=p.stat().st_size)
            seq += 1
    return parts


def _add_file(parts: list[Partition], source: str, f: Path, size: int, max_bytes: int, seq: int) -> int:
    if f.suffix.lower() in PARQUET_SUFFIXES:
        import pyarrow.parquet as pq

        try:
            meta = pq.ParquetFile(f).metadata
            rows = meta.num_rows
            # the footer's uncompressed sizes give the average bytes of a row: rows per
            # partition follow the byte cap as lines of a JSONL file do
            raw = sum(meta.row_group(g).total_byte_size for g in range(meta.num_row_groups))
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for a broken file
            raise BatchError(f"not a readable Parquet file ({exc})", item=str(f)) from None
        if rows and raw:
            size = max(1, min(size, int(max_bytes * rows / raw)))
        for start in range(0, rows, size):
            stop = min(rows, start + size)
            parts.append(Partition(index=len(parts), seq0=seq, kind="parquet", source=source, path=str(f),
                                   start=start, stop=stop, first_line=start + 1,
                                   nbytes=int(raw * (stop - start) / rows)))
            seq += stop - start
        return seq
    for start, stop, line, n in _jsonl_ranges(f, size, max_bytes):
        parts.append(Partition(index=len(parts), seq0=seq, kind="jsonl", source=source, path=str(f),
                               start=start, stop=stop, first_line=line, nbytes=stop - start))
        seq += n
    return seq


def fingerprint(parts: Sequence[Partition], **settings: Any) -> str:
    """A hash of the planned input (files with their sizes and modification times, the
    partition ranges) and the run's settings: a manifest written for another input
    or other settings is not resumed from."""
    h = hashlib.sha256()
    seen: set[str] = set()
    for part in parts:
        h.update(json.dumps(part.to_dict(), sort_keys=True).encode())
        for path in [part.path] + [f for f, _ in part.files]:
            if path in seen:
                continue
            seen.add(path)
            try:
                st = Path(path).stat()
                h.update(f"{path}\x1f{st.st_size}\x1f{st.st_mtime_ns}".encode())
            except OSError:
                h.update(f"{path}\x1fmissing".encode())
    h.update(json.dumps(settings, sort_keys=True, default=str).encode())
    return h.hexdigest()[:32]


# --- reading one partition (on a worker) ---------------------------------------------------


def read_partition(part: Partition, *, default_date: str | None = None
                   ) -> list[tuple[str, Article | CodingFailure]]:
    """The partition's items as ``(item name, article or failure)``, in input order.
    Bad items come back as failures naming file and line; the partition goes on."""
    if part.kind == "jsonl":
        return list(_read_jsonl_range(part, default_date))
    if part.kind == "parquet":
        return list(_read_parquet_rows(part, default_date))
    out: list[tuple[str, Article | CodingFailure]] = []
    for path, ext_id in part.files:
        for x in src_mod._read_file(Path(path), ext_id=ext_id, default_date=default_date, errors="yield"):
            out.append((_item_of(x, path), x))
    return out


def _item_of(x: Article | CodingFailure, where: str) -> str:
    return x.item if isinstance(x, CodingFailure) else where


def _read_jsonl_range(part: Partition, default_date: str | None) -> Iterator[tuple[str, Article | CodingFailure]]:
    limit = defaults.MAX_ARTICLE_BYTES * 2  # as sources._read_jsonl: JSON escapes can double the size
    with open(part.path, "rb") as fh:
        fh.seek(part.start)
        data = fh.read(part.stop - part.start)
    for k, raw in enumerate(io.BytesIO(data)):
        lineno = part.first_line + k
        where = f"{part.path}:{lineno}"
        try:
            if len(raw) > limit:
                raise OversizeError(f"line is longer than {limit:,} bytes", item=where)
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            line = src_mod.decode_bytes(raw, item=where)
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedRecordError(f"not valid JSON ({exc.msg} at column {exc.colno})", item=where) from None
            yield where, src_mod.record_to_article(rec, item=where, default_date=default_date)
        except InputError as exc:
            yield where, src_mod._fail(exc, where)


def _read_parquet_rows(part: Partition, default_date: str | None) -> Iterator[tuple[str, Article | CodingFailure]]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(part.path)
    cols = [c for c in ("id", "text", "title", "date", "url", "source", "outlet") if c in pf.schema_arrow.names]
    groups, first, row0 = [], None, 0  # only the row groups that overlap the partition's rows
    for g in range(pf.metadata.num_row_groups):
        n = pf.metadata.row_group(g).num_rows
        if row0 < part.stop and row0 + n > part.start:
            groups.append(g)
            first = row0 if first is None else first
        row0 += n
    table = pf.read_row_groups(groups, columns=cols) if groups else pf.schema_arrow.empty_table().select(cols)
    rows = table.slice(part.start - (first or 0), part.stop - part.start).to_pylist()
    for k, rec in enumerate(rows):
        where = f"{part.path}:{part.start + k + 1}"
        rec = {key: (value.isoformat() if key == "date" and hasattr(value, "isoformat") else value)
               for key, value in rec.items() if value is not None}
        try:
            yield where, src_mod.record_to_article(rec, item=where, default_date=default_date)
        except InputError as exc:
            yield where, src_mod._fail(exc, where)
