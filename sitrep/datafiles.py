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
