"""``sitrep serve``: the analyst's workspace (JSON API + pages) over a Store.

    >>> from sitrep.web import create_app
    >>> app = create_app(Store.open("sitrep.db"), public_read=False)

Needs the web extra (``pip install "sitrep[web]"``: FastAPI, uvicorn, Jinja2,
argon2-cffi, python-multipart, swagger-ui-bundle); without it ``create_app``
raises MissingDependencyError with that hint.
"""

from __future__ import annotations

from typing import Any

from sitrep.errors import MissingDependencyError


def create_app(store: Any, *, public_read: bool = False, max_body: int | None = None, stores: Any = None,
               watcher: Any = None, cache: bool = True) -> Any:
    try:
        import fastapi  # noqa: F401
        import jinja2  # noqa: F401
        import python_multipart  # noqa: F401
    except ImportError as exc:
        raise MissingDependencyError(exc.name or "fastapi", "web", purpose="sitrep serve") from None
    from sitrep import defaults
    from sitrep.web.app import create_app as _create

    return _create(store, public_read=public_read, stores=stores, watcher=watcher, cache=cache,
                   max_body=defaults.SERVE_MAX_BODY_BYTES if max_body is None else max_body)
