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
     │    │    └── FutureDateError      a publication or event date after tomorrow ("2099-01-01")
     │    ├── ImplausibleValueError  an imported row's number or coordinate is out of range
     │    ├── ReviewError            a review or query the store cannot take (unknown field, bad value)
     │    └── FetchError             a URL could not be fetched under the fetch policy (fetch.py)
     │         ├── ForbiddenAddressError  the host resolves to a private/loopback/link-local address not allowed
     │         ├── FetchTimeoutError      the whole-fetch deadline or a read timeout passed
     │         ├── RedirectError          too many redirects, a redirect loop, or a bad Location
     │         ├── ContentTypeError       the server sent a type sitrep does not read (image, PDF, ...)
     │         ├── HTTPStatusError        the server answered 4xx/5xx (``status``, ``retry_after``)
     │         ├── ConnectionFailedError  the connection failed or broke (refused, reset, TLS)
     │         ├── RobotsDisallowedError  the site's robots.txt disallows the URL (``sitrep watch``)
     │         └── NotFetchedError        a link was not fetched because fetching was not asked for
     ├── DataFileError         a lexicon, dictionary or gazetteer file is broken (names file and line)
     ├── StoreError            the event store refused an operation
     │    ├── StoreBusyError         another ingest or import is writing to the same store
     │    ├── StoreCorruptError      the store file is not a readable DuckDB database
     │    └── StoreServedError       the store is owned by a running `sitrep serve` (write through it)
     ├── ConfigError           a watch configuration is invalid (names file and line)
     ├── SinkError             an alert could not be delivered to a sink (it stays pending)
     └── MissingDependencyError an optional extra is not installed (message says what to pip install)

Warnings (``warnings.warn``) derive from :class:`SitrepWarning`::

    SitrepWarning
     ├── WorkersCappedWarning     fewer worker processes than asked (cores, memory)
     └── ImplausibleValueWarning  a value dropped as implausible (a toll over
                                   defaults.MAX_PLAUSIBLE_TOLL, a count over a column): the
                                   record is kept with the value unknown

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


class FutureDateError(BadDateError):
    """A publication or event date more than ``defaults.MAX_FUTURE_DAYS`` after now."""


class ImplausibleValueError(InputError):
    """A record's number, date or coordinate is out of range (an imported row is refused)."""


class ReviewError(InputError):
    """A review (or an event query) names an unknown field or gives a value that is not valid."""


class FetchError(InputError):
    """A URL could not be fetched under the fetch policy (``sitrep.fetch``)."""


class ForbiddenAddressError(FetchError):
    """The host resolves to a non-global address (private, loopback, link-local, ...) not allowed."""


class FetchTimeoutError(FetchError):
    """The whole-fetch deadline or a per-read timeout passed."""


class RedirectError(FetchError):
    """Too many redirects, a redirect loop, or a redirect without a usable Location."""


class ContentTypeError(FetchError):
    """The server sent a content type sitrep does not read."""


class HTTPStatusError(FetchError):
    """The server answered with an error status; ``retry_after`` (seconds) when it said so."""

    def __init__(self, message: str, *, item: str | None = None, status: int = 0,
                 retry_after: float | None = None) -> None:
        super().__init__(message, item=item)
        self.status = status
        self.retry_after = retry_after


class ConnectionFailedError(FetchError):
    """The connection was refused, reset or broke off (may pass: retried by ``sitrep watch``)."""


class RobotsDisallowedError(FetchError):
    """The site's robots.txt disallows fetching the URL."""


class NotFetchedError(FetchError):
    """A link was not fetched because fetching was not asked for (``sitrep code`` without ``--fetch``)."""


class DataFileError(SitrepError):
    """A knowledge file (lexicon, actor dictionary, gazetteer) is broken."""


class StoreError(SitrepError):
    """The event store refused an operation."""


class StoreServedError(StoreError):
    """``sitrep serve`` owns the store: write through the server (``--server URL --token T``)."""


class StoreBusyError(StoreError):
    """Another ingest or import holds the store's writer lock."""


class StoreCorruptError(StoreError):
    """The store file is not a DuckDB database, or is damaged."""


class SitrepWarning(UserWarning):
    """Base class of sitrep's warnings."""


class WorkersCappedWarning(SitrepWarning):
    """Fewer worker processes than asked: the machine's cores or memory cap them."""


class ImplausibleValueWarning(SitrepWarning):
    """A value was dropped as implausible; the record is kept with it unknown."""


class ConfigError(SitrepError):
    """A configuration file (``sitrep watch``) is invalid; ``item`` is ``file:line``."""


class SinkError(SitrepError):
    """An alert could not be delivered to a sink (``sitrep watch``); the delivery stays pending."""


class MissingDependencyError(SitrepError):
    """An optional dependency is missing; the message gives the pip command."""

    def __init__(self, package: str, extra: str | None = None, *, purpose: str = "") -> None:
        hint = f'pip install "sitrep[{extra}]"' if extra else f"pip install {package}"
        what = f" for {purpose}" if purpose else ""
        super().__init__(f"{package} is needed{what} but is not installed; install it with: {hint}")
        self.package = package
