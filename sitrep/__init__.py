"""sitrep: conflict news in, structured and explainable event data out.

    >>> import sitrep
    >>> events = sitrep.code("US air strikes killed four fighters in Syria.", date="2021-06-28")

The public API is :func:`code`, :func:`code_article` and :func:`code_many`;
everything they return is plain data from :mod:`sitrep.models`. The NLP stack
(spaCy) is imported on first use, so ``import sitrep`` stays cheap.
"""

from __future__ import annotations

from typing import Any

from sitrep.errors import SitrepError
from sitrep.models import Actor, Article, Attribution, CodingFailure, Event, Evidence, Place, Span

__all__ = [
    "Actor", "Article", "Attribution", "CodingFailure", "Event", "Evidence", "Place", "SitrepError",
    "Span", "code", "code_article", "code_many",
]
__version__ = "0.1.0"

_LAZY = {"code", "code_article", "code_many"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from sitrep import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'sitrep' has no attribute {name!r}")
