"""What the command line does with failures that are not a bad item: one line, never a traceback.

* :func:`one_line_warnings`: sitrep's warnings (``errors.SitrepWarning``) print as
  ``sitrep: warning: ...`` on stderr, one line each.
"""

from __future__ import annotations

import sys
import warnings
from typing import TextIO

from sitrep.errors import SitrepWarning

_shown = warnings.showwarning


def _show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
          file: TextIO | None = None, line: str | None = None) -> None:
    if isinstance(category, type) and issubclass(category, SitrepWarning):
        try:
            print(f"sitrep: warning: {message}", file=file or sys.stderr)
        except (OSError, ValueError):
            pass
        return
    _shown(message, category, filename, lineno, file, line)


def one_line_warnings() -> None:
    """Print sitrep's warnings as one line each (every one, not once per place)."""
    warnings.showwarning = _show
    warnings.simplefilter("always", SitrepWarning)


