"""One record per happening per article: folding mentions of the same event.

Reads: the events of one article in text order. Adds: nothing new; the
mentions of one happening ("Taliban fighters stormed the base ...", "the
attack mainly targeted a dining hall ...", "Friday's attack") become one
record. Its ``evidence`` is the clearest mention (the one naming the most:
actors, a place below country level, a stated date, a toll); every other
mention's sentence goes to ``support``; its fields are the most specific the
mentions give (place, date), its toll the lowest reliable figure (ACLED: the
most conservative report, never a sum of mentions).

A later mention joins an earlier event when **nothing contradicts** and
**something ties** them.

Contradictions (any one keeps them apart): another PLOVER type; modes that
cannot name one act (``data/corefer.yaml`` ``compatible_modes``); modalities
that differ (current news and background are told apart by their dates); different
counts; places that cannot be the same (two towns further apart than
``defaults.MERGE_MAX_KM``, different countries or regions); stated dates whose
periods do not overlap; sides that cannot be the same (two different named
actors, or generic ones of other countries or kinds; sides may be swapped
for joint events such as clashes); tolls too far apart to be one report
(ignored for a definite description: "the attack" may carry a revised toll).

Ties, strongest first: a definite description pointing back ("the attack",
"this strike", "Tuesday's border attack": a determiner or possessive before a
noun trigger) joins the most recent compatible event; an argument both name
(the same named actor or recipient, a place below country level, the same
toll); the same clause (triggers within ``defaults.COREF_SAME_CLAUSE_CHARS``
in one sentence: "about 200 demonstrators ... rallied"); a bare repeat (a
mention naming no participant and no place, with the same trigger word or
mode as the event); the same acting side, generic ones included, in the next
event sentence ("police raided a bath house ... They arrested two dozen men":
``defaults.COREF_SIDE_SENTENCE_GAP``). A mention marked as new ("another attack", "a second
strike", "fresh clashes") starts a record of its own. Events more than
``defaults.COREF_MAX_SENTENCE_GAP`` event sentences apart never join.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from sitrep import defaults
from sitrep.coding.acled import specificity
from sitrep.datafiles import read_yaml
from sitrep.errors import DataFileError
from sitrep.models import Actor, Event, Evidence, Place
from sitrep.resolve.actors import ARMED_GROUP_TYPES, CIVILIAN_TYPES

CUES_FILE = defaults.DATA_DIR / "corefer.yaml"

#: Modalities whose mentions fold together (with the same modality). Aggregates fold
#: only with an aggregate of the same count; see :func:`_modality_clash`.
_ALL_MODALITIES = frozenset({"asserted", "historical", "hypothetical", "threatened", "negated", "aggregate"})
#: Date precisions ranked from most to least precise (publication: the text gave none).
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "publication": 4, None: 5}
_WORD = re.compile(r"[\w'’-]+")
#: Actor types that act for a state (see :func:`_state_and_organ`).
_STATE_ORGANS = frozenset({"government", "military", "police"})


@dataclass(frozen=True, slots=True)
class Cues:
    """The words of ``data/corefer.yaml``."""

    anaphoric: frozenset[str]
    distinct: frozenset[str]
    stop: frozenset[str]
    sequence: frozenset[str]
    auxiliary: frozenset[str]
    general_nouns: frozenset[str]
    mode_family: dict[str, int]
    #: words that open a characterising predicate after "<event noun> was" (see :func:`characterises`)
    characterising: frozenset[str] = frozenset()
    #: words of ``distinct`` that tell how recent a happening is, not that it is another one: after a
    #: definite determiner they name the one told ("the new sanctions", "the latest attack")
    recency: frozenset[str] = frozenset()
    #: nouns naming the people or the parts of a happening, not the happening ("protesters",
    #: "chants"): ``distinct`` words before them count those ("several hundred other protesters")
    part_nouns: frozenset[str] = frozenset()
    #: words of ``distinct`` that count ("other", "several", "two"): before a part noun they count
    #: the people or parts, not happenings
    counting: frozenset[str] = frozenset()
    #: words that set a toll apart from the happening told before it ("elsewhere", "separately")
    apart: frozenset[str] = frozenset()


def load_cues(path: Path | None = None) -> Cues:
    """Read and check ``data/corefer.yaml`` (or a user's file)."""
    path = path or CUES_FILE
    raw = read_yaml(path, "coreference cues")
    if not isinstance(raw, dict):
        raise DataFileError("expected a mapping of cue lists", item=str(path))
    lists: dict[str, frozenset[str]] = {}
    for key in ("anaphoric", "distinct", "stop", "sequence", "auxiliary", "general_nouns"):
        words = raw.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise DataFileError(f"{key!r} must be a list of words", item=str(path))
        lists[key] = frozenset(w.lower() for w in words)
    families = raw.get("compatible_modes") or []
    if not isinstance(families, list):
        raise DataFileError("'compatible_modes' must be a list of lists of modes", item=str(path))
    family: dict[str, int] = {}
    for k, group in enumerate(families):
        if not isinstance(group, list) or not all(isinstance(m, str) for m in group):
            raise DataFileError(f"compatible_modes entry {k + 1} must be a list of modes", item=str(path))
        for m in group:
            if m in family:
                raise DataFileError(f"mode {m!r} is in two compatible_modes groups", item=str(path))
            family[m] = k
    optional: dict[str, frozenset[str]] = {}
    for key in ("characterising", "recency", "part_nouns", "counting", "apart"):
        words = raw.get(key) or []
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise DataFileError(f"{key!r} must be a list of words", item=str(path))
        optional[key] = frozenset(w.lower() for w in words)
    return Cues(lists["anaphoric"], lists["distinct"], lists["stop"], lists["sequence"], lists["auxiliary"],
                lists["general_nouns"], family, optional["characterising"], optional["recency"],
                optional["part_nouns"], optional["counting"], optional["apart"])


@cache
def default_cues() -> Cues:
    return load_cues()


# --- what a mention says about itself ---------------------------------------------------


def mention_kind(ev: Event, cues: Cues | None = None) -> str:
    """``anaphoric`` ("the attack", "Friday's strike"), ``distinct`` ("another
    attack", "a second strike"), ``indefinite`` ("a protest": a noun phrase that brings in a
    happening, which a bare repeat or the same side alone does not tie to one told before)
    or ``plain``, from the few words before the trigger."""
    cues = cues or default_cues()
    if "partitive" in ev.rules:
        return "anaphoric"  # "some of the attackers detonated explosives": the attack told before
    if "stretch-again" in ev.rules:
        # "for another night of protests": the protests of the night the story tells, told again
        # (coding.extract.stretch_filled)
        return "anaphoric"
    if "places-apart" in ev.rules:
        # "... has retaken the base, and have entered a neighbourhood": an act told beside another
        # on a place of its own is a further happening (see coding.extract._places_apart)
        return "distinct"
    trig = ev.evidence.trigger
    before = ev.evidence.sentence[: max(0, trig.start - ev.evidence.start)]
    words = _WORD.findall(before)[-4:]
    if not noun_trigger(ev):
        # a verb's own adverbs mark it new ("has twice previously deployed", "also
        # attacked"); the words before them are its subject's ("another bomber killed 8"
        # tells nothing of whether the killing is a new happening)
        for w in reversed(words):
            low = w.lower()
            if low in cues.distinct:
                return "distinct"
            if low not in cues.auxiliary:
                break
        return "plain"
    trig_words = trig.text.lower().split()
    part = bool(trig_words) and _stem(trig_words[-1]) in cues.part_nouns
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        low = w.lower()
        if part and low in cues.counting:
            # "as he marched with several hundred other protesters", "other chants were heard": the
            # words count the people or the parts of a happening, not happenings
            continue
        if low in cues.recency and k > 0 and words[k - 1].lower() in cues.anaphoric:
            # "the new sanctions", "the latest attack": a definite description of the one told
            return "anaphoric"
        if low in cues.distinct:
            return "distinct"
        if low in ("a", "an"):
            return "indefinite"
        if low in cues.stop:
            return "plain"
        if low in cues.anaphoric or low.endswith(("'s", "’s")):
            return "anaphoric"
        if w[:1].isupper():
            # a name modifying the noun after a determiner ("the Iranian missile strike", "The
            # Dallas shooting", "Tehran's missile strike") is still a definite description; a name
            # with no determiner before it is the start of a sentence that lost its full stop
            # (what lies before it is another noun phrase's) or a bare name ("Soviet invasion")
            return "anaphoric" if _determined_name(words[:k + 1], cues) else "plain"
    return "plain"


def _determiner_next(ev: Event, cues: Cues) -> bool:
    """Does a definite determiner or a possessive stand right before a noun trigger ("the attack",
    "Friday's attack")? (The look-back of :func:`mention_kind` passes over other words: "the
    attack sparked protests" reads "protests" as definite.)"""
    if not noun_trigger(ev):
        return False
    before = ev.evidence.sentence[: max(0, ev.evidence.trigger.start - ev.evidence.start)]
    words = _WORD.findall(before)[-1:]
    return bool(words) and (words[0].lower() in cues.anaphoric or words[0].lower().endswith(("'s", "’s")))


def named_modifier(ev: Event, cues: Cues | None = None) -> bool:
    """Does a noun mention carry a name between its determiner and the noun ("the Iranian missile
    strike", "the January 2020 assassination")?"""
    cues = cues or default_cues()
    if not noun_trigger(ev):
        return False
    trig = ev.evidence.trigger
    words = _WORD.findall(ev.evidence.sentence[: max(0, trig.start - ev.evidence.start)])[-4:]
    for k in range(len(words) - 1, -1, -1):
        low = words[k].lower()
        if low in cues.anaphoric or low in cues.stop or low in ("a", "an"):
            return False
        if words[k][:1].isupper():
            return _determined_name(words[:k + 1], cues)
    return False


def _determined_name(words: Sequence[str], cues: Cues) -> bool:
    """Do ``words`` end in a run of capitalised words opened by a determiner ("the Iranian",
    "The Tower Bridge") or by a possessive name ("Tehran's")?"""
    for w in reversed(words):
        low = w.lower()
        if low in cues.anaphoric or (w[:1].isupper() and low.endswith(("'s", "’s"))):
            return True
        if not w[:1].isupper():
            return False
    return False


#: The copula right after an event noun, past an aside between dashes ("the strike — the first
#: time Iran fired missiles abroad — was meant as ..."), and the word that opens its predicate.
_COPULA_AFTER = re.compile(r"^(?:\s*[—–]\s*[^—–]{1,200}?\s*[—–])?\s+(?:was|is|were|are|has\s+been|had\s+been|"
                           r"remains|remained)\s+([\w'’-]+)", re.IGNORECASE)


def _characterising_subject(ev: Event, cues: Cues) -> tuple[int, int] | None:
    """Where the subject of a characterising predicate lies in ``ev``'s sentence (from its
    determiner to the copula), if ``ev`` is a definite event noun heading one ("the missile
    strike was an intended provocation", "the attack was the deadliest day since ...", "the
    strike — ... — was meant as retaliation")."""
    if not cues.characterising or not noun_trigger(ev) or mention_kind(ev, cues) != "anaphoric":
        return None
    sent, trig = ev.evidence.sentence, ev.evidence.trigger
    at = trig.end - ev.evidence.start
    m = _COPULA_AFTER.match(sent[at:])
    if m is None or m.group(1).lower() not in cues.characterising:
        return None
    before = sent[: trig.start - ev.evidence.start]
    lo = len(before)
    for w in reversed(list(_WORD.finditer(before))[-4:]):
        lo = w.start()
        if w.group().lower() in cues.anaphoric or w.group().lower().endswith(("'s", "’s")):
            break
    return lo, at + m.start(1)


def characterises(ev: Event, cues: Cues | None = None) -> Event | None:
    """``ev`` without the place and date it does not state itself, if it is a definite event noun
    heading a characterising predicate and has such a place or date; else None.

    A copula with a noun phrase or an attitude participle ("the missile strike was an intended
    provocation", "the attack was the deadliest day since ...", "the strike was meant as
    retaliation") says what a happening told before was, not where or when it happened: the
    mention is evidence of that happening. A place the coder read outside its subject ("on
    Tehran's part", a run-on's other clause) and a date borrowed from the narrative
    (``date:narrative``) are not the happening's own; "the attack in Kabul was the deadliest"
    keeps Kabul."""
    cues = cues or default_cues()
    subject = _characterising_subject(ev, cues)
    if subject is None:
        return None
    lo, hi = subject
    changes: dict[str, object] = {}
    if ev.location is not None:
        name = ev.location.text or ev.location.name or ""
        spots = [k.start() for k in re.finditer(re.escape(name), ev.evidence.sentence)] if name else []
        if spots and not any(lo <= k < hi for k in spots):
            changes["location"] = None
    if "date:narrative" in ev.rules:
        changes["date"], changes["date_precision"] = None, None
    if not changes:
        return None
    return replace(ev, **changes, rule=(ev.rule or "") + ";characterises")  # type: ignore[arg-type]


def argument_bare(ev: Event) -> Event | None:
    """``ev`` without the place and date of the clause that governs it, if it is a definite event
    noun the coder found as another word's complement (``argument:<a>:<b>``, see
    ``Extractor._argument_of``) and has a place outside its own phrase or a date; else None.

    "Mourners turned out Saturday in Aleppo to protest the killings": Saturday and Aleppo are the
    protest's; the killings are a happening told before, wherever and whenever it was. Compared
    (and folded) without them, the mention is evidence of that happening; with no happening told
    before to join, it stands with what the coder read."""
    spec = next((r for r in ev.rules if r.startswith("argument:")), None)
    if spec is None or not noun_trigger(ev):
        return None
    _, lo_s, hi_s = spec.split(":")
    t0 = ev.evidence.trigger.start - ev.evidence.start
    lo, hi = t0 + int(lo_s), t0 + int(hi_s)
    changes: dict[str, object] = {}
    if ev.location is not None:
        name = ev.location.text or ev.location.name or ""
        spots = [k.start() for k in re.finditer(re.escape(name), ev.evidence.sentence)] if name else []
        if not any(lo <= k < hi for k in spots):
            changes["location"] = None
    if ev.date is not None:
        changes["date"], changes["date_precision"] = None, None
    if not changes:
        return None
    return replace(ev, **changes, rule=(ev.rule or "") + ";argument")  # type: ignore[arg-type]


#: Where a definite description's own phrase ends after its noun: clause punctuation, a quote,
#: or a word that opens a clause of its own ("the strikes confirmed ... to those who dispatched
#: terrorists to Tehran"; "the attack on the base that killed 18"). An editor's brackets inside a quote
#: ("the [missile] test") stay inside the phrase.
_PHRASE_END = re.compile(r"[,;:()—–\"“”]|\b(?:that|which|who|whom|where|when|while|as|after|before|because|but|and)\b",
                         re.IGNORECASE)


def _own_phrase(ev: Event, cues: Cues) -> tuple[int, int] | None:
    """The article span of a definite noun mention's own phrase: from its determiner or
    possessive (at most four words back, with nothing but words between it and the noun) to
    the end of the modifiers after the noun (see ``defaults.COREF_OWN_PHRASE_CHARS``); None
    where no determiner opens the phrase ("In the Philippines, about 200 demonstrators": the
    determiner is another phrase's)."""
    sent, start, trig = ev.evidence.sentence, ev.evidence.start, ev.evidence.trigger
    before = sent[: trig.start - start]
    lo = None
    for w in reversed(list(_WORD.finditer(before))[-4:]):
        if _PHRASE_END.search(before, w.end()) or any(ch.isdigit() for ch in w.group()):
            return None
        if w.group().lower() in cues.anaphoric or w.group().lower().endswith(("'s", "’s")):
            lo = w.start()
            break
    if lo is None:
        return None
    after = sent[trig.end - start: trig.end - start + defaults.COREF_OWN_PHRASE_CHARS]
    stop = _PHRASE_END.search(after)
    hi = trig.end - start + (stop.start() if stop else len(after))
    return start + lo, start + hi


#: Rules marking a date a mention only borrowed: the narrative's (the sentence before's time) and
#: another clause's of its sentence.
_BORROWED_DATE = frozenset({"date:narrative", "date:other-clause"})


def borrowed_bare(ev: Event, cues: Cues | None = None) -> Event | None:
    """``ev`` without the place and date it only borrowed, if it is a definite event noun ("the
    car bomb", "the strikes") with such a place or date; else None.

    A definite description refers back to a happening told before; what it states in its own
    phrase ("the attack on the base in Uri", "the Kabul bombing") may tell it apart from that
    happening, but a place the coder read outside that phrase (another clause of a run-on
    sentence, a caption glued to it, a quote's aside) and a date the narrative lent it
    (``date:narrative``: the time of the sentence before) say nothing of which happening it
    is, nor does a time another clause of its sentence tells (``date:other-clause``: "the attack
    on the base had all the hallmarks ... unrest since July"). Compared without them, the mention
    is evidence of the happening told before; with no such happening to join, it stands with what
    the coder read."""
    cues = cues or default_cues()
    if not noun_trigger(ev) or mention_kind(ev, cues) != "anaphoric":
        return None
    changes: dict[str, object] = {}
    loc = ev.location
    phrase = _own_phrase(ev, cues)
    if phrase is None:
        return None
    if loc is not None and loc.start is not None:
        lo, hi = phrase
        trig = ev.evidence.trigger
        near = trig.start - defaults.COREF_SAME_CLAUSE_CHARS <= loc.start <= trig.end + defaults.COREF_SAME_CLAUSE_CHARS
        if not (lo <= loc.start < hi or near and ev.evidence.start <= loc.start < ev.evidence.end):
            # neither in its phrase nor in its clause ("In Aleppo, the strike killed five" keeps
            # Aleppo): another clause's of a run-on, or carried from another sentence
            changes["location"] = None
    if _BORROWED_DATE & set(ev.rules):
        changes["date"], changes["date_precision"] = None, None
        if ev.modality == "historical" and "modality:historical-date" in ev.rules:
            # (and the background timing that date gave it: "In January 2016, Iran detained ten
            # sailors. ... carried out the missile test to test the waters")
            changes["modality"] = "asserted"
    if not changes:
        return None
    return replace(ev, **changes, rule=(ev.rule or "") + ";borrowed")  # type: ignore[arg-type]


@cache
def _entry_pos() -> dict[str, frozenset[str]]:
    from sitrep.coding.lexicon import default_lexicon

    return {e.id: e.pos for e in default_lexicon().entries}


#: Prefixes that make a verb of a verb ("retake", "overrun", "outfight").
_VERB_PREFIXES = ("re", "over", "out", "under", "mis")


@cache
def _verb_forms() -> frozenset[str]:
    from sitrep.coding.lexicon import _IRREGULAR

    # past tenses and participles only: "clashes", "rallies" are nouns as often as verbs
    return frozenset(f for forms in _IRREGULAR.values() for f in forms if not f.endswith("s") and f != "crossfire")


def noun_trigger(ev: Event) -> bool:
    """Whether the mention's trigger is a noun ("the attack"), from its lexicon
    entry's parts of speech and, where the entry has both, the word's form."""
    entry = ev.rules[0].split(":", 1)[0]
    pos = _entry_pos().get(entry)
    word = ev.evidence.trigger.text.lower().split()[-1] if ev.evidence.trigger.text.split() else ""
    if pos is not None and "NOUN" not in pos:
        return False
    if pos is not None and "VERB" not in pos:
        return True
    # a prefixed verb keeps its stem's forms ("retaken", "retook", "overran")
    stem = next((word[len(p):] for p in _VERB_PREFIXES if word.startswith(p) and word[len(p):] in _verb_forms()), word)
    return not (word.endswith("ed") or stem in _verb_forms())


def _specific_place(p: Place | None) -> bool:
    return p is not None and p.geo_precision is not None


def _known_date(ev: Event) -> bool:
    return bool(ev.date) and ev.date_precision not in (None, "publication")


def _named(actors: Sequence[Actor]) -> int:
    from sitrep.dedup import is_generic

    return sum(1 for a in actors if not is_generic(a))


def clarity(ev: Event) -> int:
    """How much a mention tells: named sides, a place below country level, a stated
    date, a toll. The clearest mention is a record's evidence."""
    return (min(_named(ev.actor), 1) + bool(ev.actor) + bool(ev.recipient) + 2 * _specific_place(ev.location)
            + (ev.location is not None) + _known_date(ev) + (ev.fatalities is not None))


# --- contradictions -----------------------------------------------------------------------


def _modes_clash(a: str | None, b: str | None, cues: Cues) -> bool:
    if a is None or b is None or a == b:
        return False
    fa, fb = cues.mode_family.get(a), cues.mode_family.get(b)
    return fa is None or fa != fb


#: Modalities that differ only by the date the coder found for a mention: an asserted
#: happening told as news or as background.
_TOLD = frozenset({"asserted", "historical"})


def _modality_clash(a: Event, b: Event) -> bool:
    """Mentions told with different modalities stay apart, current news and background
    (historical) across sentences included: the coder dates each mention, and a record keeps
    one timing (folding them cost articles recall 0.577 -> 0.559 and precision 0.368 -> 0.363).
    An asserted mention and a historical one may still be one happening where the asserted
    one has no timing of its own: in one sentence they differ only by which of its dates
    each read ("Farkhunda was killed March 19 in a brutal attack ... the beating"), and an
    asserted noun mention dated by the publication alone says nothing of when it happened
    ("... was beaten on March 19" ... "the beating sparked outrage"; a verb with no date, "forces
    have retaken the airport", tells news). Such mentions fold on a
    strong tie (see :func:`_antecedent`), and the record keeps the timing of the date it
    keeps (:func:`fold`)."""
    if a.modality == b.modality:
        return a.modality == "aggregate" and a.count != b.count
    if _instances_of_aggregate(a, b) or _instances_of_aggregate(b, a):
        return False
    if {a.modality, b.modality} != _TOLD:
        return True
    told = a if a.modality == "asserted" else b
    return not (a.evidence.start == b.evidence.start or _news_by_default(told))


def _news_by_default(ev: Event) -> bool:
    """Is ``ev`` told as news only because it has no time of its own? A noun names a happening told
    before ("the beating"); a verb with no date of its own asserts one as news ("forces have retaken
    the airport"), unless it only describes a person or a place told of in the sentence's news, or
    dates it ("the site where Brown was shot", "protests that erupted after police shot a teenager"):
    such a clause tells no time of its own."""
    return ev.modality == "asserted" and ev.date_precision in (None, "publication") and (
        noun_trigger(ev) or any(r.startswith("background:") for r in ev.rules))


def _instances_of_aggregate(agg: Event, part: Event) -> bool:
    """Is ``part`` a bare mention of the acts an aggregate in its clause counts ("China has twice
    deployed missiles on the island for exercises, including exercises to shoot down drones": the
    exercises are those of the deployments counted)? A mention of the aggregate's kind of act (its
    mode) with no party, toll or date of its own tells nothing that sets it apart from the acts
    counted; one that names a party, a toll or a day ("and on Monday a strike killed 12") is a
    happening of its own."""
    return (agg.modality == "aggregate" and part.modality in _TOLD and agg.evidence.start == part.evidence.start
            and abs(agg.evidence.trigger.start - part.evidence.trigger.start) <= defaults.COREF_SAME_CLAUSE_CHARS
            and part.mode is not None and part.mode == agg.mode and not part.actor and not part.recipient
            and part.fatalities is None and not _known_date(part))


def _interval(ev: Event) -> tuple[date, date] | None:
    if not _known_date(ev):
        return None
    from sitrep.dedup import interval

    return interval(ev)


def _dates_clash(a: Event, b: Event) -> bool:
    ia, ib = _interval(a), _interval(b)
    return ia is not None and ib is not None and (ia[1] < ib[0] or ib[1] < ia[0])


def _places_clash(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return False
    if a.country and b.country and a.country != b.country:
        return True
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return True
    if (a.geo_precision in (1, 2) and b.geo_precision in (1, 2)
            and None not in (a.lat, a.lon, b.lat, b.lon)):
        from sitrep.dedup import km_between

        return km_between(a.lat, a.lon, b.lat, b.lon) > defaults.MERGE_MAX_KM  # type: ignore[arg-type]
    return False


def _actors_agree(xs: Sequence[Actor], ys: Sequence[Actor]) -> bool:
    if not xs or not ys:
        return True
    for x in xs:
        for y in ys:
            if x.name == y.name:
                return True
            if x.country and x.country == y.country and (x.type == y.type or not x.type or not y.type
                                                         or _state_and_organ(x, y) or {x.type, y.type} <= CIVILIAN_TYPES):
                return True
            if not x.country and not y.country and x.type and x.type == y.type:
                return True
            if _unplaced_kind(x, y):
                return True
            if _armed_group_described(x, y):
                return True
            if _short_name(x, y) or _short_name(y, x):
                return True
    return False


def _armed_group_described(x: Actor, y: Actor) -> bool:
    """Are both non-state armed groups of one country, one of them only described ("Insurgents
    attacked an army base ... fighters in army uniforms stormed the base")? A description names
    no group and so contradicts none of its country; two named groups stay apart."""
    from sitrep.dedup import is_generic

    return bool(x.country and x.country == y.country and {x.type, y.type} <= ARMED_GROUP_TYPES
                and (is_generic(x) or is_generic(y)))


def _short_name(full: Actor, short: Actor) -> bool:
    """Is ``short`` the same party named short, as news names a person after the first
    mention: by the surname ("Kem Ley" ... "Ley's murder") or the family name written first
    ("Xi Jinping" ... "Xi")? Nothing the two say of themselves may differ."""
    long_words, short_words = (full.name or "").split(), (short.name or "").split()
    if not short_words or len(short_words) >= len(long_words) or not all(w[:1].isupper() for w in short_words):
        return False
    if full.type and short.type and full.type != short.type or full.country and short.country and full.country != short.country:
        return False
    return long_words[-len(short_words):] == short_words or long_words[:len(short_words)] == short_words


def _unplaced_kind(x: Actor, y: Actor) -> bool:
    """Is one a kind of party named with no country ("police") and the other the same kind
    named with one ("Egyptian police")? The coder gives the bare kind the story's country only
    after folding; until then nothing says it is another force."""
    from sitrep.dedup import is_generic

    if not (x.type and x.type == y.type and bool(x.country) != bool(y.country)):
        return False
    bare, placed = (x, y) if not x.country else (y, x)
    # the bare kind is a common noun phrase as written ("police", "the security forces"), never
    # a named group the coder could not place ("Islamic State", written "IS fighters")
    return (bare.name or "").islower() and is_generic(placed)


def _state_and_organ(x: Actor, y: Actor) -> bool:
    """Is one of them the state named by itself ("Saudi Arabia") and the other an organ of
    that state ("Saudi military")? News names a state's act by the state or by the organ
    that carried it out. Two organs ("Thai government", "Thai military") stay apart: they
    may be two acts, or two parties of one state."""
    from sitrep.resolve.countries import country_name

    if not ({x.type, y.type} <= _STATE_ORGANS and x.country == y.country and x.country):
        return False
    return country_name(x.country) in (x.name, y.name)


def _sides_clash(a: Event, b: Event) -> bool:
    if _actors_agree(a.actor, b.actor) and _actors_agree(a.recipient, b.recipient):
        return False
    # a clash or a meeting is told from either side ("X clashed with Y" / "Y fought X")
    return not _swapped(a.actor, a.recipient, b.actor, b.recipient)


def _swapped(a_actor: Sequence[Actor], a_recipient: Sequence[Actor], b_actor: Sequence[Actor],
             b_recipient: Sequence[Actor]) -> bool:
    """Sides that agree told the other way round, with at least one side known in both
    (unknown sides alone would let any pair pass)."""
    if not ((a_actor and b_recipient) or (a_recipient and b_actor)):
        return False
    return _actors_agree(a_actor, b_recipient) and _actors_agree(a_recipient, b_actor)


def _named_sides_clash(a: Event, b: Event) -> bool:
    from sitrep.dedup import is_generic

    def named(xs: Sequence[Actor]) -> tuple[Actor, ...]:
        return tuple(x for x in xs if not is_generic(x))

    straight = _actors_agree(named(a.actor), named(b.actor)) and _actors_agree(named(a.recipient), named(b.recipient))
    return not (straight or _swapped(named(a.actor), named(a.recipient), named(b.actor), named(b.recipient)))


def _background(ev: Event, cues: Cues) -> bool:
    """Whether the coder found the mention in a clause that dates or explains another
    ("after the execution", "in retaliation for Kurdish gunfire")."""
    return any(p.startswith("background:") and p.split(":", 1)[1] in cues.sequence
               for p in ev.rules)


def _counts_clash(a: int | None, b: int | None) -> bool:
    if a is None or b is None:
        return False
    lo, hi = min(a, b), max(a, b)
    return not (hi - lo <= defaults.MERGE_COUNT_SLACK or (lo > 0 and hi / lo <= defaults.MERGE_MAX_COUNT_RATIO))


#: Modalities a definite description takes from the clause around it rather than from its
#: happening: "Islamabad denied any role in the assault" (negated), "vowed to avenge the
#: killing" (hypothetical) speak of a happening told as having taken place.
_FRAMED = frozenset({"negated", "hypothetical"})


def presupposed(a: Event, b: Event, *, anaphoric: bool) -> bool:
    """Is ``b`` a definite description ("the assault", "Tuesday's attack") in a denying,
    intending or conditional clause that names ``a``, a happening told as having taken place?
    A definite description presupposes its happening: "Islamabad has denied any role in the
    assault" denies a part in it, not that it happened; "the army vowed to avenge the
    killing" intends another act. Such a mention is evidence of ``a``, with ``a``'s modality.
    An indefinite one ("denied planning an attack", "will launch a strike") is a happening
    of its own."""
    if not (anaphoric and b.modality in _FRAMED and a.modality in _TOLD and noun_trigger(b)):
        return False
    # "will expand their bombing runs to the next city": the noun itself is the act intended
    # (the coder marks it ``intent:``), a happening still to come
    return not any(r.startswith("intent:") for r in b.rules)


def as_told(b: Event, a: Event) -> Event:
    """Presupposed mention ``b`` as a mention of told happening ``a``: ``a``'s modality, and no
    date of its own (a date read in its clause dates the denial or the vow, not the happening)."""
    if "presupposed" in b.rules:
        return b
    return replace(b, modality=a.modality, date=None, date_precision=None, rule=(b.rule or "") + ";presupposed")


#: A relative clause right after an event noun ("the twin attacks in the capital on June 7
#: that killed 17 people"): the few words between the noun and the relative pronoun are
#: the noun's own modifiers (place, date), with no clause boundary among them.
_RELATIVE_GAP = re.compile(r"^[^,;:()\[\]—–]{0,80}?\b(?:that|which)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def restates_noun(a: Event, b: Event) -> bool:
    """Is verb mention ``b`` a relative clause on event noun ``a`` in the same sentence ("the
    attacks in Tehran on June 7 that killed 17 people")? The clause tells the noun's own
    happening (its toll, its victims), wherever the parser attached it (to the place or the
    date before it, which makes the coder read it as the background of a place)."""
    if a.evidence.start != b.evidence.start or not noun_trigger(a) or noun_trigger(b):
        return False
    ta, tb = a.evidence.trigger, b.evidence.trigger
    if tb.start <= ta.end:
        return False
    between = a.evidence.sentence[ta.end - a.evidence.start: tb.start - a.evidence.start]
    return bool(_RELATIVE_GAP.match(between))


def relative_bare(a: Event, b: Event) -> Event | None:
    """Verb mention ``b`` without the actors it read before event noun ``a``, if ``b`` is a
    relative clause restating ``a`` (see :func:`restates_noun`) and has such actors; else None.

    The subject of "the strike that killed 18" is the relative pronoun, the strike itself: a
    party the coder read before the noun ("proof of Pakistan's involvement in the strike that
    killed 18", "India blamed militants for the attack that killed 18") is another clause's (a
    claim about who did it), not who the clause says acted; a clause the coder read through the
    main clause that way took its time too ("On Tuesday, India presented proof of ... the strike
    that killed 18": Tuesday is the proof's day), so it keeps the noun's timing. Compared (and
    folded) that way, the clause is evidence of the noun's happening."""
    if not b.actor or not restates_noun(a, b):
        return None
    noun = a.evidence.trigger.start
    own = tuple(x for x in b.actor if x.start is None or x.start >= noun)
    if len(own) == len(b.actor):
        return None
    return replace(b, actor=own, modality=a.modality, date=a.date, date_precision=a.date_precision,
                   rule=(b.rule or "") + ";relative")


def _repeats_background(a: Event, b: Event, cues: Cues) -> bool:
    """Is ``b`` a definite description with the same head noun as ``a`` or a general one, told after
    ``a`` where ``a`` is the cause or time of another happening ("... in the wake of a terror attack
    on an army base ... India blamed the attack on ...", "... denied any role in the assault")? The
    description names the happening the clause brought in."""
    if not (_background(a, cues) and not _background(b, cues) and a.evidence.trigger.start < b.evidence.trigger.start):
        return False
    if not (noun_trigger(a) and noun_trigger(b)):
        return False
    wa, wb = a.evidence.trigger.text.split(), b.evidence.trigger.text.split()
    return bool(wa and wb) and (_stem(wa[-1]) == _stem(wb[-1]) or _stem(wb[-1].lower()) in cues.general_nouns)


def _campaign_and_outcome(a: Event, b: Event, cues: Cues) -> bool:
    """Is one of two mentions in one sentence an event noun in a clause that dates the other,
    told as the same kind of act ("forces have liberated the city, following a month-long
    offensive to seize it"; "after a two-week siege, troops captured the town")? The campaign
    and the act that ended it are one happening: the mode (taking ground, an air campaign) is
    the same. Acts of other kinds, or with no kind read, are two happenings told in sequence
    ("after the execution, the embassy was attacked")."""
    back, main = (a, b) if _background(a, cues) else (b, a)
    return (back.mode is not None and back.mode == main.mode and noun_trigger(back)
            and not _known_date(back))


def contradiction(a: Event, b: Event, *, anaphoric: bool = False, cues: Cues | None = None) -> str | None:
    """Why mentions ``a`` and ``b`` cannot be one happening, or None."""
    cues = cues or default_cues()
    if a.event != b.event:
        return "type"
    if a.evidence.trigger.start == b.evidence.trigger.start:
        # one word coded twice on purpose: a compound or symmetric event ("Gondor and
        # Osgiliath renewed ties" is Gondor -> Osgiliath and Osgiliath -> Gondor)
        return "same trigger"
    if a.evidence.start == b.evidence.start and "places-apart" in a.rules + b.rules:
        # the coder kept two coordinated acts on two places of one sentence apart (see
        # coding.extract._places_apart): two happenings, whatever sides they share
        return "places apart"
    if a.evidence.start == b.evidence.start and "roles-turned" in a.rules + b.rules:
        # "X stabbed two officers before he was shot": the coder kept a passive adverbial clause
        # whose subject suffers a deed of its own apart (coding.extract._roles_turned)
        return "roles turned"
    if presupposed(a, b, anaphoric=anaphoric):
        b = as_told(b, a)
    if _modality_clash(a, b):
        return "modality"
    if _modes_clash(a.mode, b.mode, cues):
        return "mode"
    if a.count is not None and b.count is not None and a.count != b.count:
        return "count"
    if a.evidence.start == b.evidence.start and _background(a, cues) != _background(b, cues) \
            and not restates_noun(a, b) and not (anaphoric and _repeats_background(a, b, cues)) \
            and not _campaign_and_outcome(a, b, cues):
        # "after the execution, the embassy was attacked": a happening told as the time
        # or cause of another in the same sentence is not that other one (a relative clause
        # on the noun, "retaliation for the attacks ... that killed 17", is the noun's own)
        return "sequence"
    if _places_clash(a.location, b.location) and not (
            anaphoric and not _specific_place(a.location) and not _specific_place(b.location)
            and not named_modifier(b, cues)):
        # "Tuesday's border attack" may be placed in either country of the border; "the January
        # 2020 assassination in Iraq" names its own happening by its names, and keeps its place
        return "place"
    if _dates_clash(a, b):
        return "date"
    if _sides_clash(a, b) and not (anaphoric and not _named_sides_clash(a, b)):
        # "India blamed the attack on Pakistan-based militants": a definite description
        # may carry another party's reading of who did it; only named sides keep it apart
        return "sides"
    if not anaphoric and _counts_clash(a.fatalities, b.fatalities):
        return "fatalities"
    if not anaphoric and a.evidence.start != b.evidence.start and None not in (a.fatalities, b.fatalities) \
            and a.fatalities != b.fatalities:
        # two sentences giving two tolls ("car bomb kills three" ... "car bomb kills five")
        # are two reports or two events: only a definite description ("the bombing killed
        # 27") says it is the same happening with a revised toll
        return "fatalities"
    return None


# --- ties ----------------------------------------------------------------------------------


def _stem(word: str) -> str:
    w = word.lower()
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def _same_place(a: Place | None, b: Place | None) -> bool:
    if not (_specific_place(a) and _specific_place(b)):
        return False
    assert a is not None and b is not None
    if a.name == b.name:
        return True
    if _places_clash(a, b):
        return False
    # a province and a town it holds: "in northern Balkh province" ... "in Mazar-i-Sharif"
    if {a.geo_precision, b.geo_precision} & {3} and a.admin1 and a.admin1 == b.admin1 and a.country == b.country:
        return True
    return None not in (a.lat, b.lat) and a.geo_precision in (1, 2) and b.geo_precision in (1, 2)


def tie(a: Event, b: Event) -> str | None:
    """What positively ties mention ``b`` to an earlier mention ``a`` (besides a
    definite description, see :func:`mention_kind`), or None."""
    from sitrep.dedup import is_generic

    for xs, ys in ((a.actor, b.actor), (a.recipient, b.recipient), (a.actor, b.recipient), (a.recipient, b.actor)):
        if {x.name for x in xs if not is_generic(x)} & {y.name for y in ys if not is_generic(y)}:
            return "anchor"
    if _same_place(a.location, b.location):
        return "anchor"
    if a.fatalities and a.fatalities == b.fatalities:
        return "anchor"
    if a.evidence.start == b.evidence.start and \
            abs(a.evidence.trigger.start - b.evidence.trigger.start) <= defaults.COREF_SAME_CLAUSE_CHARS:
        return "clause"
    # the same act told of the same party on the same day the text names ("his junta on Saturday
    # dissolved the Senate" ... "Prayuth ... dissolved the Senate on Saturday"): one happening,
    # even where the party has no name of its own ("Thai legislature")
    if (a.modality == b.modality and a.date_precision == b.date_precision == "day" and a.date == b.date
            and _stem(a.evidence.trigger.text) == _stem(b.evidence.trigger.text)
            and {x.name for x in a.recipient} & {y.name for y in b.recipient}):
        return "anchor"
    if a.modality == b.modality:
        bare_b = not (b.actor or b.recipient or b.location)
        bare_a = not (a.actor or a.recipient or a.location)
        same_word = _stem(a.evidence.trigger.text) == _stem(b.evidence.trigger.text)
        if (bare_a or bare_b) and (same_word or (a.mode is not None and a.mode == b.mode)):
            return "repeat"
    return None


def _said_again(a: Event, b: Event) -> bool:
    """Is verb mention ``b`` verb mention ``a`` said again ("officials were arrested for leaking the
    exam" ... "even though officials were arrested, the page is still running")? The same verb."""
    return (not noun_trigger(a) and not noun_trigger(b)
            and _stem(a.evidence.trigger.text) == _stem(b.evidence.trigger.text)
            and not _brings_in_party(a, b))


#: Words opening a noun phrase that brings in a number of people not told before ("several people",
#: "dozens of protesters", "15 students"); not "a": "police arrested a 45-year-old man" is how a
#: report describes a person it named before.
_INDEFINITE_PARTY = re.compile(
    r"^(?:several|some|many|numerous|dozens|scores|hundreds|thousands|\d[\d,]*|two|three|four|five|"
    r"six|seven|eight|nine|ten|more than|at least)\b", re.IGNORECASE)


def _brings_in_party(a: Event, b: Event) -> bool:
    """Does the later mention ``b`` tell the party it shares with ``a`` by an indefinite noun phrase
    ("police arrested several people during the New York protests" after "Several people were
    arrested during the protests" in Chicago)? Such a phrase brings in people of its own, so the
    same verb on them is no saying again of the earlier act."""
    names = {x.name for x in (*a.actor, *a.recipient)}
    return any(x.name in names and _INDEFINITE_PARTY.match(x.text.strip())
               for x in (*b.actor, *b.recipient))


#: An indefinite event noun heading a sentence-opening adjunct ("In a loosely organised
#: demonstration, hundreds circled the monument"; "At a rally outside parliament, ...").
_SCENE = re.compile(r"^\W*(?:in|at|during)\s+an?\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)


def _scene_of(ev: Event) -> bool:
    """Does indefinite mention ``ev`` open its sentence as the scene of what the sentence tells ("In a
    loosely organised demonstration, hundreds circled the monument") with nothing of its own (no
    party, place or day)? Told right after a happening of its kind, it describes that happening
    ("Several hundred took to the streets Saturday. In a loosely organised demonstration, ..."); one
    inside a clause ("he was shot at a protest") or with a place or day of its own brings one in."""
    before = ev.evidence.sentence[: max(0, ev.evidence.trigger.start - ev.evidence.start)]
    after = ev.evidence.sentence[ev.evidence.trigger.end - ev.evidence.start:]
    return (bool(_SCENE.match(before)) and after.lstrip().startswith(",")
            and not (ev.actor or ev.recipient or ev.location)
            and (not _known_date(ev) or bool(_BORROWED_DATE & set(ev.rules))))


def _same_side(a: Event, b: Event) -> bool:
    """Do both mentions name the same acting side, by name (generic sides included: "police")?"""
    return a.modality == b.modality and bool(a.actor) and bool(b.actor) and (
        bool({x.name for x in a.actor} & {y.name for y in b.actor})
        or any(_unplaced_kind(x, y) for x in a.actor for y in b.actor))


def _same_target(a: Event, b: Event) -> bool:
    """Do both mentions name the same side as the one acted on, by name (generic sides included:
    "Taliban fighters stormed a military base ... They stormed the base and killed soldiers": the
    army both times)? The target's counterpart of :func:`_same_side`, with the same reach."""
    return a.modality == b.modality and bool(a.recipient) and bool(b.recipient) and (
        bool({x.name for x in a.recipient} & {y.name for y in b.recipient})
        or any(_unplaced_kind(x, y) for x in a.recipient for y in b.recipient))


def _bare_toll(ev: Event, cues: Cues) -> bool:
    """Is ``ev`` a toll told with no doer, and no place or time of its own ("12 civilians were
    killed.", "Four soldiers died."): the count of the happening told just before it? The coder
    gave it the story's country (or its one town) for a place and the narrative's day for a date;
    no word of the sentence sets it apart (``cues.apart``: "Elsewhere, ...")."""
    rules = ev.rules
    return (ev.event == "ASSAULT" and not ev.actor and bool(ev.fatalities or ev.injured)
            and "date:narrative" in rules
            and (ev.location is None or "place:story-country" in rules or "place:story-town" in rules)
            and cues.apart.isdisjoint(_WORD.findall(ev.evidence.sentence.lower())))


def _toll_after(ev: Event, group: _Group, here: int, cues: Cues) -> bool:
    """Is ``ev`` a bare toll (:func:`_bare_toll`) told within ``defaults.COREF_SIDE_SENTENCE_GAP``
    sentences after a happening of its type, ``group``?"""
    return (_bare_toll(ev, cues) and here - group.last <= defaults.COREF_SIDE_SENTENCE_GAP
            and any(m.event == ev.event for m, _ in group.mentions))


# --- folding ---------------------------------------------------------------------------------


@dataclass
class _Group:
    mentions: list[tuple[Event, str]]  # (mention, the tie that brought it; "" for the first)
    last: int  # index of the event sentence of its latest mention
    #: each mention as compared with later ones: one that joined the happening as a definite
    #: description, without what it only borrowed (see :func:`borrowed_bare`): "India blamed the
    #: attack on militants", dated by the narrative, tells nothing of when the attack was, and keeps
    #: no later telling of it out. The mention that opened the group tells the happening: all it
    #: reads is the happening's ("the missile strikes on Sunday hit ... in Deir Ezzor"), unless it is
    #: itself a definite description with a date it only borrowed: "Congress returned on Monday to
    #: the news of the mass shooting" names a happening the story (or the reader) knows, and the
    #: day of Congress's return keeps no later telling of it ("the shooting early Sunday") out.
    stated: list[Event] = field(default_factory=list)

    def add(self, ev: Event, how: str, here: int, cues: Cues) -> None:
        if self.mentions:
            self.stated.append(borrowed_bare(ev, cues) or ev)
        else:
            bare = borrowed_bare(ev, cues) if _BORROWED_DATE & set(ev.rules) else None
            self.stated.append(replace(ev, date=bare.date, date_precision=bare.date_precision,
                                       modality=bare.modality) if bare is not None else ev)
        self.mentions.append((ev, how))
        self.last = max(self.last, here)


def merge_in_article(events: list[Event], cues: Cues | None = None) -> list[Event]:
    """Fold the mentions of each happening in one article's events (text order)."""
    cues = cues or default_cues()
    events = sorted(events, key=lambda e: (e.evidence.start, e.evidence.trigger.start))
    sentence_of: dict[int, int] = {s: k for k, s in enumerate(sorted({e.evidence.start for e in events}))}
    groups: list[_Group] = []
    for ev in events:
        here = sentence_of[ev.evidence.start]
        kind = mention_kind(ev, cues)
        target: tuple[_Group, str] | None = None
        # "the strike that killed 18": the clause's subject is the noun, not a party read before it
        ev = next((b for g in groups for m, _ in g.mentions if (b := relative_bare(m, ev)) is not None), ev)
        repeated = _repeated_text(ev, groups)
        if repeated is not None:
            target = repeated, "repeated-text"
        elif kind != "distinct" and ev.modality in _ALL_MODALITIES:
            # a characterising clause's subject is compared first without the place and date it does
            # not state itself: with them, it would join a happening only for what its predicate tells
            # ("The attack was the deadliest day ... since the attacks of September 11 on the East Coast"
            # would pass over the Dallas shooting for a mention placed nowhere)
            characterised = characterises(ev, cues)
            if characterised is not None and (
                    target := _antecedent(characterised, kind, here, groups, cues)) is not None:
                ev = characterised
            else:
                target = _antecedent(ev, kind, here, groups, cues)
            if target is None and characterised is None and kind == "anaphoric":
                # what a happening told before was: compared without the place and date it does
                # not state itself, and folded as evidence without them
                bare = argument_bare(ev)
                if bare is None:
                    bare = borrowed_bare(ev, cues)
                if bare is not None and (target := _antecedent(bare, kind, here, groups, cues)) is not None:
                    ev = bare
        if target is None:
            # a photo caption's act and the story's telling of it (either told first)
            target = _depicted(ev, here, groups, cues)
        if target is None:
            # the headline's act and the lead's telling of it
            target = _led(ev, here, groups, cues)
        if target is None:
            groups.append(_Group([], here))
            groups[-1].add(ev, "", here, cues)
        else:
            group, how = target
            first = group.mentions[0][0]
            if "partitive" in ev.rules and ev.actor:
                ev = _part_of_told_group(ev, group)
            if presupposed(first, ev, anaphoric=kind == "anaphoric"):
                # compared with the next mentions, and folded, as told ("the marchers" whom
                # police prevented)
                ev = as_told(ev, first)
            group.add(ev, how, here, cues)
    return [fold(g.mentions) for g in groups]


#: The kinds of party a crowd is (the actor types of protesters, rioters and people).
_CROWD_KINDS = frozenset({"protesters", "rioters", "civilians"})


def _part_of_told_group(ev: Event, group: _Group) -> Event:
    """A part of a group told before ("some waved flags while others set fire to a flag") is of
    that group: its unnamed crowd takes the side the happening's mentions name (none where they
    name none), not a kind of party the coder read from its own sentence alone ("others" near a
    "U.S. flag" became U.S. protesters, and a later caption of the crowd then clashed with it)."""
    from sitrep.dedup import is_generic

    # (only a crowd, whose country the coder guesses from the sentence; an armed part, "some of
    # the attackers", is named by its own words)
    if not all(is_generic(a) and a.type in _CROWD_KINDS for a in ev.actor):
        return ev
    told = next((m.actor for m, _ in group.mentions if m.actor), ())
    return replace(ev, actor=told)


def _context(ev: Event, chars: int) -> tuple[str, int] | None:
    """The words around ``ev``'s trigger (up to ``chars`` either side, within its sentence) and the
    trigger's offset in them; None when its sentence gives fewer than ``chars`` around it."""
    sentence, t0 = ev.evidence.sentence, ev.evidence.trigger.start - ev.evidence.start
    t1 = ev.evidence.trigger.end - ev.evidence.start
    lo, hi = max(0, t0 - chars), min(len(sentence), t1 + chars)
    if (t0 - lo) + (hi - t1) < chars:
        return None
    return sentence[lo:hi], t0 - lo


def _repeated_text(ev: Event, groups: Sequence[_Group]) -> _Group | None:
    """The group of an earlier mention whose words ``ev`` repeats verbatim around the same trigger.

    A web page prints a paragraph twice (a photo caption or a pull quote copied from the story,
    a page's text scraped with its teaser): the same words tell the same happenings. They are
    one record whatever the parser read differently in the copy (a run-on cut elsewhere gives
    the copy another tense, place or date)."""
    here = _context(ev, defaults.COREF_REPEAT_CHARS)
    if here is None:
        return None
    words, at = here
    for group in groups:
        for m, _ in group.mentions:
            if m.event != ev.event or m.evidence.trigger.text != ev.evidence.trigger.text \
                    or m.evidence.start == ev.evidence.start:
                continue
            there = _context(m, defaults.COREF_REPEAT_CHARS)
            if there is not None and there == (words, at):
                return group
    return None


def _names_alike(ev: Event, mentions: Sequence[Event], cues: Cues) -> bool:
    """Whether a definite description can name the happening of ``mentions``: a general
    event noun ("the attack", "the blast"), the same word as one of them ("the
    offensive" after "an offensive"), or the same weapon ("the air raid" after "warplanes
    bombed"). "The offensive" names no single air strike told before it."""
    word = ev.evidence.trigger.text.lower().split()[-1] if ev.evidence.trigger.text.split() else ""
    if _stem(word) in cues.general_nouns or "partitive" in ev.rules:
        return True
    return any(_stem(m.evidence.trigger.text.lower().split()[-1] if m.evidence.trigger.text.split() else "")
               == _stem(word) or (ev.mode is not None and m.mode == ev.mode) or _nominalises(ev, m) for m in mentions)


def _nominalises(noun: Event, verb: Event) -> bool:
    """Is ``noun`` a noun of the act ``verb`` told, by the lexicon ("the battle for the city" after
    "forces fought for weeks": one entry holds the verb and the nouns of its act)? A noun of another
    entry, or one told after another noun only, names no act told by a verb; nor does one naming a
    party of its own ("the torture and death of a student" is no killing of protesters told before)."""
    return (not noun_trigger(verb) and bool(noun.rules) and bool(verb.rules)
            and not _named(noun.actor) and not _named(noun.recipient)
            and noun.rules[0].split(":", 1)[0] == verb.rules[0].split(":", 1)[0])


#: The ties of :func:`tie`, strongest first.
_TIE_STRENGTH = ("anchor", "clause", "repeat")


def _antecedent(ev: Event, kind: str, here: int, groups: list[_Group], cues: Cues) -> tuple[_Group, str] | None:
    anaphoric = kind == "anaphoric"
    for group in groups:
        # a relative clause on an event noun tells that noun's happening ("retaliation for the
        # attacks in Tehran on June 7 that killed 17"), whatever else the sentence tells
        if any(restates_noun(m, ev) for m, _ in group.mentions) and not any(
                contradiction(m, ev, anaphoric=anaphoric, cues=cues) for m in group.stated):
            return group, "clause"
    pointed: _Group | None = None  # the most recent happening a definite description can name
    # the most recent one told as background, for a description with no time of its own
    background: _Group | None = None
    latest = max((g.last for g in groups), default=-1)
    for group in sorted(groups, key=lambda g: -g.last):
        if here - group.last > defaults.COREF_MAX_SENTENCE_GAP:
            break
        clashes = {contradiction(m, ev, anaphoric=anaphoric, cues=cues) for m in group.stated} - {None}
        if clashes:
            if clashes == {"sides"} and group.last == latest and _toll_after(ev, group, here, cues):
                # "Syrian army forces shelled a village near Atarib. 3 HTS fighters were killed.": a
                # toll with no doer, place or time of its own counts whom the attack told just before
                # killed, whoever the coder read as that attack's target from the words it struck
                # ("a village", a camp's name); ACLED counts every death of the event
                return group, "toll"
            continue
        # an asserted mention and a background one are one happening only on a strong tie: an
        # argument both name, or (in one sentence) the same clause
        # (a mention that joined it as news only by default, "the protests also suggest ...", keeps
        # its timing from the mentions that tell one: "the April 15 protests" after "demonstrations
        # on April 15" and "the protests" is the background happening told, not news told apart)
        timed = [m for m, _ in group.mentions if not _news_by_default(m)] or [m for m, _ in group.mentions]
        told_apart = any(m.modality != ev.modality and not presupposed(m, ev, anaphoric=anaphoric) for m in timed)
        # the strongest tie any of its mentions gives (an argument both name outweighs a bare
        # repeat of the word by another mention)
        ties = [t for t in (tie(m, ev) for m, _ in group.mentions) if t]
        how = min(ties, key=_TIE_STRENGTH.index) if ties else None
        if how is None and any((_same_side(m, ev) or _same_target(m, ev)) and (
                here - group.last <= defaults.COREF_SIDE_SENTENCE_GAP or _said_again(m, ev)) for m, _ in group.mentions):
            how = "side"
        if how is None and _toll_after(ev, group, here, cues):
            # "SAF warplanes bombed a market in Omdurman. 12 civilians were killed.": the toll of
            # the attack told in the sentence before
            how = "toll"
        if kind == "indefinite" and how in ("repeat", "side") and not (
                here - group.last <= defaults.COREF_SIDE_SENTENCE_GAP and _scene_of(ev)):
            how = None  # "he was shot at a protest": a protest brought in, not the one told before
        if anaphoric and _names_alike(ev, [m for m, _ in group.mentions], cues):
            if how == "anchor":
                return group, "anaphor"  # "the attack" in Mazar-i-Sharif names the attack placed there
            if not (told_apart and how != "clause"):
                # "the protest" with no date of its own names the latest happening told as news,
                # not the background one told last ("the 2011 protests")
                pointed = pointed or group
            elif _determiner_next(ev, cues) and not _known_date(ev) \
                    and not {"argument", "characterises"} & set(ev.rules) \
                    and all(m.modality in _TOLD for m, _ in group.mentions):
                # ... and where the story tells none of its kind as news, the background one: "she was
                # killed in March in a brutal attack ... The attack sparked protests" (undated, the
                # description takes the publication's day, which makes it news only by default; one
                # compared without the date its clause gave it has a time, only not its own)
                background = background or group
            continue
        if how is not None and not (told_apart and how not in ("anchor", "clause")) and pointed is None:
            return group, how
    if pointed is None and background is not None:
        return background, "anaphor"
    return (pointed, "anaphor") if pointed is not None else None


#: What ends a sentence of running text; a headline, a line of its own, ends with none of these.
_SENTENCE_END = frozenset('.!?"\'”’)…:;')


def is_headline(ev: Event) -> bool:
    """Is ``ev`` told in the article's headline: the line that opens the text ("IRAQ SAYS IT
    ATTACKS TWO SHIPS IN GULF", "Rebels kill 12 in border raid"), short and with no stop at its
    end, as a headline set above the story is? (A title run into the first sentence ends with its
    stop.)"""
    sentence = ev.evidence.sentence.rstrip()
    # (a headline is short: a first "sentence" of many words with no stop is a story's opening
    # run on into the next, its full stops lost in scraping)
    return (ev.evidence.start == 0 and bool(sentence) and sentence[-1] not in _SENTENCE_END
            and len(sentence.split()) <= defaults.HEADLINE_MAX_WORDS)


def _led(ev: Event, here: int, groups: Sequence[_Group], cues: Cues) -> tuple[_Group, str] | None:
    """The headline's happening that ``ev`` tells again in the story's lead, or None.

    A news story's headline sums up the happening its lead tells: the first telling of an act of
    the headline's type in the first ``defaults.COREF_HEADLINE_LEAD`` event sentences after it is
    that act, told with its date, place and parties ("IRAQ SAYS IT ATTACKS TWO SHIPS IN GULF" ...
    "Iraq said its warplanes hit two ships off the Iranian coast in attacks last night"), though
    the two share no named party, place or word. The headline's few words are compared as a
    definite description's are: a rounded toll or a kind for a named side ("SOLDIERS", "LIBYANS")
    keeps it from no telling, only what contradicts it does (another modality, place or day)."""
    if here > defaults.COREF_HEADLINE_LEAD or is_headline(ev):
        return None
    head = next((g for g in groups if is_headline(g.mentions[0][0]) and g.mentions[0][0].event == ev.event), None)
    if head is None:
        return None
    if any(m.event == ev.event and not is_headline(m) for g in groups for m, _ in g.mentions):
        return None  # the lead told its act already: a later one is another
    if any(_headline_clash(m, ev, cues) for m in head.stated):
        return None
    return head, "headline"


def _headline_clash(a: Event, b: Event, cues: Cues) -> bool:
    """Do headline mention ``a`` and lead mention ``b`` contradict each other? As any two mentions
    do (modality, mode, place, day), save that a headline's kind of party ("LIBYANS") may be the
    lead's other kind of the same country ("Libyan soldiers") and its toll the lead's rounded
    ("1,200" for "1,269")."""
    why = contradiction(a, b, cues=cues)
    if why == "sides" and not _named_sides_clash(a, b):
        why = "fatalities" if _counts_clash(a.fatalities, b.fatalities) else None
    elif why == "fatalities":
        why = "fatalities" if _counts_clash(a.fatalities, b.fatalities) else None
    return why is not None


def _shown(ev: Event) -> Event:
    """Photo caption mention ``ev`` as compared with the story's telling (see :func:`_depicted`):
    without its day, and placed only to its country and region (the street the picture shows)."""
    place = ev.location and replace(ev.location, lat=None, lon=None, geo_precision=None)
    return replace(ev, date=None, date_precision=None, location=place)


def _same_days(caption: Event, told: Sequence[Event]) -> bool:
    """Does the day caption mention ``caption`` was taken lie within ``defaults.CAPTION_DAY_SLACK``
    days of every dated mention of ``told`` (at least one of which is dated)?"""
    seen = _interval(caption)
    spans = [iv for m in told if (iv := _interval(m)) is not None]
    slack = timedelta(days=defaults.CAPTION_DAY_SLACK)
    return seen is not None and bool(spans) and all(lo - slack <= seen[0] and seen[1] <= hi + slack
                                                    for lo, hi in spans)


def _depicted(ev: Event, here: int, groups: Sequence[_Group], cues: Cues) -> tuple[_Group, str] | None:
    """The happening a photo caption shows and the story tells, as the group ``ev`` joins, or None.

    A caption tells in the present what a picture of the story shows ("Police make an arrest on
    <street> in <town>, <date>" beside "police said they arrested two dozen protesters"): its act,
    of the kind the story told (same type, sides and country), is the story's, though it names it
    afresh ("an arrest"), on the street the picture was taken and on the day it was taken, which
    may be the night before the day the story gives (``defaults.CAPTION_DAY_SLACK``). For a
    caption's act (``caption-act``, see coding.extract._shown_act), the most recent such happening
    told before it; for a mention of the story, a caption's act told before it (captions often open
    a page) that shows it. A caption of a kind the story does not tell stays a record of its own."""
    if ev.modality not in _TOLD:
        return None
    shown = _shown(ev) if "caption-act" in ev.rules else None
    for group in sorted(groups, key=lambda g: -g.last):
        if here - group.last > defaults.COREF_MAX_SENTENCE_GAP:
            break
        if shown is not None:
            if not any(contradiction(m, shown, cues=cues) for m in group.stated) \
                    and _same_days(ev, [m for m, _ in group.mentions]):
                return group, "caption"
        elif all("caption-act" in m.rules for m, _ in group.mentions):
            if not any(contradiction(_shown(m), ev, cues=cues) for m in group.stated) \
                    and all(_same_days(m, [ev]) for m, _ in group.mentions):
                return group, "caption"
    return None


def _lowest_reliable(values: Sequence[tuple[int | None, bool]]) -> int | None:
    """ACLED's lowest reliable figure over mentions: a figure read in the mention's own
    sentence is reliable, one attached from a later sentence only when nothing else is
    known; a later mention's deaths outrank an earlier "no casualties" (tolls are revised
    upwards as bodies are found, rarely to nothing)."""
    known = [(v, own) for v, own in values if v is not None]
    if not known:
        return None
    pool = [v for v, own in known if own] or [v for v, _ in known]
    positive = [v for v in pool if v > 0]
    return min(positive) if positive else min(pool)


#: A photo caption as news sites write them: it ends with the place and the day the picture
#: was taken ("... during a rally in Tokyo, Japan, Jan. 20, 2017").
_CAPTION_END = re.compile(r",\s+(?:[A-Z][a-z]{2,8}\.?|Sept\.)\s+\d{1,2},\s+(?:19|20)\d{2}[.\s]*$")


def is_caption(sentence: str) -> bool:
    """Does the sentence read as a photo caption (it ends with ", <Month> <day>, <year>")?"""
    return bool(_CAPTION_END.search(sentence))


def _choose(evs: Sequence[Event]) -> int:
    """The mention that becomes the evidence: the first, unless a later one is clearly
    clearer (``defaults.COREF_EVIDENCE_MARGIN`` more facts by :func:`clarity`). A photo
    caption describes a picture of the event: the article's own telling is preferred."""
    # a definite description in a denying or intending clause is evidence, never the record
    # ("denied any role in the assault" keeps the attack's asserted modality)
    # nor is a clause that only characterises it ("the strike was an intended provocation")
    asserting = [k for k in range(len(evs))
                 if not {"presupposed", "characterises", "argument"} & set(evs[k].rules)] or [0]
    told = [k for k in asserting if not is_caption(evs[k].evidence.sentence)] or asserting
    # nor is a headline's few words where the story tells the happening in full
    told = [k for k in told if not is_headline(evs[k])] or told
    # a noun naming the people of a happening ("Demonstrators in Baghdad blocked a road") that
    # another mention has as its doer: the verb tells what they did, the noun only who they were
    doers = {a.start for e in evs for a in e.actor if a.start is not None}
    told = [k for k in told if evs[k].evidence.trigger.start not in doers] or told
    first = told[0]
    best = max(told, key=lambda k: (clarity(evs[k]), -k))
    return best if clarity(evs[best]) - clarity(evs[first]) >= defaults.COREF_EVIDENCE_MARGIN else first


def _one_party_on_both_sides(evs: Sequence[Event], actor: Sequence[Actor],
                             recipient: Sequence[Actor]) -> list[tuple[str, str]]:
    """(role to drop it from, name) for each named party the folded record would have as both
    its actor and its recipient: dropped from the side fewer mentions put it on (from the actor
    on a tie: a named person in a story of violence is more often the one it befell)."""
    from sitrep.dedup import is_generic

    out = []
    for a in actor:
        if is_generic(a) or all(r.name != a.name for r in recipient):
            continue
        as_actor = sum(any(x.name == a.name for x in e.actor) for e in evs)
        as_recipient = sum(any(x.name == a.name for x in e.recipient) for e in evs)
        out.append(("recipient" if as_actor > as_recipient else "actor", a.name))
    return out


def fold(mentions: Sequence[tuple[Event, str]]) -> Event:
    """One record for the mentions of one happening (first mention first)."""
    evs = [m for m, _ in mentions]
    if len(evs) == 1:
        return evs[0]
    best = _choose(evs)
    base = evs[best]
    others = [e for k, e in enumerate(evs) if k != best]
    changes: dict[str, object] = {}
    for name in ("mode", "attribution", "acled_event_type", "acled_sub_event_type", "count"):
        if getattr(base, name) is None:
            value = next((getattr(e, name) for e in others if getattr(e, name) is not None), None)
            if value is not None:
                changes[name] = value
    if base.acled_sub_event_type is not None:
        for e in others:  # the more specific ACLED reading wins ("12 were killed" ... "in a landmine attack")
            if specificity(e.acled_event_type, e.acled_sub_event_type) < specificity(
                    changes.get("acled_event_type", base.acled_event_type),  # type: ignore[arg-type]
                    changes.get("acled_sub_event_type", base.acled_sub_event_type)):  # type: ignore[arg-type]
                changes["acled_event_type"], changes["acled_sub_event_type"] = e.acled_event_type, e.acled_sub_event_type
    located = [e for e in evs if e.location is not None]
    if located:
        place = min(located, key=lambda e: (e.location.geo_precision or 9, e.location.lat is None,  # type: ignore[union-attr]
                                            e is not base)).location
        if place != base.location:
            changes["location"] = place
    # a date a mention states outranks one as precise that it only borrowed (the narrative's day,
    # another clause's time: see :func:`borrowed_bare`); another clause's time ("a spokesman said
    # Wednesday that the troops came under attack") says nothing of when the happening was, so
    # it ranks below any other mention's date, the report's day included
    dated = min(evs, key=lambda e: ("date:other-clause" in e.rules, _PRECISION_RANK.get(e.date_precision, 5),
                                    bool(_BORROWED_DATE & set(e.rules)), e is not base))
    if dated.date_precision == "publication" and base.date is None and any(
            r.startswith("date:") and r.endswith("unplaced") for r in base.rules):
        dated = base  # the report's day is no date of the happening, which the evidence tells as undated
    if dated is not base and dated.date:
        changes["date"], changes["date_precision"] = dated.date, dated.date_precision
        if {dated.modality, base.modality} <= _TOLD:
            changes["modality"] = dated.modality  # news or background: the timing of the date it keeps
    for name in ("fatalities", "injured"):
        value = _lowest_reliable([(getattr(e, name), f"{name}:later-sentence" not in (e.rule or "")) for e in evs])
        if value != getattr(base, name):
            changes[name] = value
    sizes = [e.size for e in evs if e.size is not None]
    if sizes and min(sizes) != base.size:
        changes["size"] = min(sizes)
    chosen: dict[str, tuple[Actor, ...]] = {}
    # a mention whose subject only joined the happening ("a teacher joined the protest") names a
    # participant: its actor fills a gap, never replaces the side another mention tells
    holders = [e for e in [base, *others] if "joiner" not in e.rules and e.actor] or [base, *others]
    for role in ("actor", "recipient"):
        sides = [getattr(e, role) for e in ([base, *others] if role == "recipient" else holders)]
        # a headline's capitals read as names ("ATTACKS ON SUPERTANKER") fill a side the story
        # leaves unsaid, never replace the one its own telling names
        told = [getattr(e, role) for e in ([base, *others] if role == "recipient" else holders)
                if not is_headline(e) and getattr(e, role)]
        sides = told or sides
        richest = max(sides, key=lambda s: (_named(s), bool(s)))  # first (the evidence's) among equals
        # a bare kind ("police") is the same kind another mention places ("Egyptian police")
        placed = [y for side in sides for y in side if y.country]
        richest = tuple(next((y for y in placed if not x.country and _unplaced_kind(x, y)), x) for x in richest)
        chosen[role] = richest
        if richest != getattr(base, role):
            changes[role] = richest
    for role, name in _one_party_on_both_sides(evs, chosen["actor"], chosen["recipient"]):
        # "a policeman shot Michael Brown" ... "Brown's killing": a named party one mention puts on
        # each side stays on the side most mentions put it on; the other side takes the richest
        # mention's that does not name it
        sides = [s for s in (getattr(e, role) for e in [base, *others]) if all(a.name != name for a in s)]
        changes[role] = max(sides, key=lambda s: (_named(s), bool(s)), default=())
    cameos = [e.cameo for e in evs if e.cameo]
    if cameos:
        longest = max(cameos, key=len)
        if base.cameo is None or (len(longest) > len(base.cameo) and longest.startswith(base.cameo[:2])):
            changes["cameo"] = longest
    changes["confidence"] = round(min(0.97, max(e.confidence for e in evs) + 0.04 * (len(evs) - 1)), 3)
    support: dict[tuple[int, int], Evidence] = {}
    for e in evs:
        for s in (e.evidence, *e.support):
            if s != base.evidence:
                support.setdefault((s.start, s.trigger.start), s)
    changes["support"] = tuple(support[k] for k in sorted(support))
    how = [t for k, (_, t) in enumerate(mentions) if k != 0 and t]
    changes["rule"] = (base.rule or "") + "".join(f";corefer:{t}" for t in how)
    return replace(base, **changes)  # type: ignore[arg-type]
