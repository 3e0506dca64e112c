"""What the command line does with failures that are not a bad item: one line, never a traceback.

* :class:`HardenedGroup`: a disk full, output to a full device (``/dev/full``), a
  damaged store file or a closed pipe ends a command with one line on stderr.
* :func:`exit_status`: 0 all went well, 1 some items failed, 2 nothing could be done.
* :func:`strip_controls`: terminal escape sequences from article text never reach the terminal.
* :func:`one_line_warnings`: sitrep's warnings (``errors.SitrepWarning``) print as
  ``sitrep: warning: ...`` on stderr, one line each.
"""

from __future__ import annotations

import errno
import os
import re
import sys
import warnings
from typing import Any, TextIO

import click

from sitrep.errors import SitrepError, SitrepWarning

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




# --- terminal output ---------------------------------------------------------------------

#: C0/C1 control characters and escape sequences: text from articles must never drive the terminal.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (tabs and
    newlines kept), for tables printed to a terminal."""
    return _ESCAPES.sub("", text)


# --- exit status -------------------------------------------------------------------------


def exit_status(done: int, failed: int) -> int:
    """0 when nothing failed, 1 when some items failed, 2 when nothing could be done
    (every item failed, or there was nothing to do but failures)."""
    if failed == 0:
        return 0
    return 2 if done == 0 else 1


# --- failures that stop a command --------------------------------------------------------


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush of what could not be
    written (a full device, a closed pipe) raises nothing more at exit."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):
        pass


def describe(exc: BaseException) -> str | None:
    """One line for a failure that stops a command, or None when it is not one of ours to word."""
    import duckdb

    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        if exc.errno == errno.ENOSPC:
            return f"no space left on the device{where}: output or store could not be written; " \
                   "every batch committed before stays in the store"
        if exc.errno == errno.EDQUOT:
            return f"disk quota exceeded{where}; every batch committed before stays in the store"
        return f"{exc.strerror or exc}{where}"
    if isinstance(exc, duckdb.Error):
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if "No space left" in first:
            return "no space left on the device: the store could not be written; every batch committed " \
                   "before stays in the store"
        if "orrupt" in first or "not a valid DuckDB" in first or "Could not read enough bytes" in first:
            return f"the store file is damaged or not a sitrep store ({first}); restore a backup or use " \
                   "another --db"
        return f"the store failed: {first}"
    if isinstance(exc, MemoryError):
        return "out of memory: use fewer workers (-j) or smaller batches (--batch-size)"
    if isinstance(exc, UnicodeError):
        return f"cannot decode the input: {exc}"
    return None


class HardenedGroup(click.Group):
    """A click group whose commands end in one line on stderr, never a traceback,
    for failures outside any one item: disk full, output to a full device, a damaged
    store, a closed pipe. Exit status 1 (a closed pipe: 1, silently, as click does)."""

    def invoke(self, ctx: click.Context) -> Any:
        import duckdb

        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            _silence_stdout()
            raise
        except SitrepError as exc:
            raise click.ClickException(str(exc)) from None
        except (OSError, duckdb.Error, MemoryError, UnicodeError) as exc:
            msg = describe(exc)
            _silence_stdout()
            raise click.ClickException(msg or str(exc)) from None
