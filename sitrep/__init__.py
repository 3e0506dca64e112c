"""sitrep: conflict news in, structured and explainable event data out.

    >>> import sitrep
    >>> events = sitrep.code("US air strikes killed four fighters in Syria.", date="2021-06-28")

The public API is :func:`code` and :func:`code_many`; everything they return is
plain data from :mod:`sitrep.models`.
"""

from sitrep.errors import SitrepError
from sitrep.models import Actor, Article, Attribution, CodingFailure, Event, Evidence, Place, Span
from sitrep.pipeline import code, code_article, code_many

__all__ = [
    "Actor", "Article", "Attribution", "CodingFailure", "Event", "Evidence", "Place", "SitrepError",
    "Span", "code", "code_article", "code_many",
]
__version__ = "0.1.0"
