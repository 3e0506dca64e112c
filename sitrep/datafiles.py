"""Reading the knowledge files in ``sitrep/data`` (and user-supplied ones).

Every loader reads its YAML through :func:`read_yaml`, so a missing or broken
file always fails the same way: a :class:`~sitrep.errors.DataFileError` naming
the file. Each loader then checks its own schema.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import DataFileError

#: libyaml's safe loader when PyYAML was built with it (several times faster on the
#: actor dictionary), else the pure-Python safe loader. Both build plain data only.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, what: str) -> Any:
    """The parsed YAML of ``path``; ``what`` says what the file holds, for the message."""
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)  # noqa: S506 - a safe loader only
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read {what}: {exc}", item=str(path)) from exc


def read_tsv(path: Path, columns: tuple[str, ...]) -> list[tuple[int, list[str]]]:
    """``(line number, cells)`` of a tab-separated data file whose first row names exactly
    ``columns`` (blank lines and ``#`` comments skipped); a DataFileError names the file
    and line of a wrong header or row."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(f"cannot read: {exc}", item=str(path)) from None
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    for n, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if tuple(header) != columns:
                raise DataFileError(f"line {n}: columns must be {', '.join(columns)}", item=str(path))
            continue
        if len(cells) != len(columns):
            raise DataFileError(f"line {n}: {len(cells)} cells, expected {len(columns)}", item=str(path))
        rows.append((n, cells))
    return rows
