"""The one exceptions module of sitrep.

Every error sitrep raises on purpose derives from :class:`SitrepError`, so a
caller can catch the whole family with one ``except``::

    SitrepError
     ├── InputError            an input item cannot be read or makes no sense
     │    ├── EmptyInputError        nothing to code (empty / whitespace / no article in HTML)
     │    ├── EncodingError          binary data or text in an unknown encoding
     │    ├── OversizeError          larger than defaults.MAX_ARTICLE_BYTES
     │    ├── MalformedRecordError   a JSON / JSONL / CSV record that does not parse or lacks fields
     │    ├── BadDateError           a date that is not a real calendar date ("31/02/2021")
     │    └── ReviewError            a review or query the store cannot take (unknown field, bad value)
     ├── DataFileError         a lexicon, dictionary or gazetteer file is broken (names file and line)
     ├── StoreError            the event store refused an operation
     │    └── StoreServedError       the store is owned by a running `sitrep serve` (write through it)
     └── MissingDependencyError an optional extra is not installed (message says what to pip install)

Every error carries ``item`` (the article id, file name or line that failed,
when known) so batch runs can log it and go on.
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base class of all sitrep errors."""

    def __init__(self, message: str, *, item: str | None = None) -> None:
        self.item = item
        self.reason = message
        super().__init__(f"{item}: {message}" if item else message)


class InputError(SitrepError):
    """An input item cannot be read or makes no sense."""


class EmptyInputError(InputError):
    """The item holds no text to code."""


class EncodingError(InputError):
    """The item is binary or in an encoding sitrep cannot decode."""


class OversizeError(InputError):
    """The item is larger than ``defaults.MAX_ARTICLE_BYTES``."""


class MalformedRecordError(InputError):
    """A JSON/JSONL/CSV record does not parse or lacks a required field."""


class BadDateError(InputError):
    """A date that is not a real calendar date."""


class ReviewError(InputError):
    """A review (or an event query) names an unknown field or gives a value that is not valid."""


class DataFileError(SitrepError):
    """A knowledge file (lexicon, actor dictionary, gazetteer) is broken."""


class StoreError(SitrepError):
    """The event store refused an operation."""


class StoreServedError(StoreError):
    """``sitrep serve`` owns the store: write through the server (``--server URL --token T``)."""


class MissingDependencyError(SitrepError):
    """An optional dependency is missing; the message gives the pip command."""

    def __init__(self, package: str, extra: str | None = None, *, purpose: str = "") -> None:
        hint = f'pip install "sitrep[{extra}]"' if extra else f"pip install {package}"
        what = f" for {purpose}" if purpose else ""
        super().__init__(f"{package} is needed{what} but is not installed; install it with: {hint}")
        self.package = package
