"""Which place in a sentence is the *event's* place.

A sentence names many places: where the event happened, where the speaker
is, where the actors come from, where the victims were taken. Given a parsed
sentence and the event's trigger token, :func:`rank_event_places` collects
place candidates and scores each with transparent, additive evidence:

* what it is: a GPE/LOC/FAC entity, a name the gazetteer knows that the NER
  missed or mislabelled (Arabic village names often come out as PERSON/ORG),
  or a proper noun after "the town of";
* how it hangs on the trigger: the object of a locative preposition (in, at,
  near, outside, across, on the outskirts of...) on the dependency path from
  the trigger is the strongest evidence; the same clause is next; a place
  under another verb is weak;
* what it is not: a modifier inside an actor phrase ("Baghdad government",
  "Iraq's parliament"), the origin or destination of movement ("from Syria",
  "to Jordan"), where someone spoke ("said in Washington"), a dateline
  ("BAGHDAD (Reuters) -", a fallback only), or the wider place of a more
  specific one ("Iraq" in "Mosul, Iraq"; "West Bank" in "the West Bank city of
  Nablus").

Spans are returned as character offsets of the Doc (``token.idx``), so a
sentence parsed inside its article Doc yields article offsets. The span is the
bare name as an analyst would mark it: no "the", no lowercase "province".

Every weight is in ``sitrep.defaults`` (section "places"); the evaluation on
the event_location gold set is ``benchmarks/eval_event_location.py``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep import defaults
from sitrep.nlp.spans import doc_text, doc_tokens, sentence_bounds, span_text
from sitrep.resolve.countries import lookup_country

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from sitrep.resolve.places import Entry, Gazetteer

    #: A candidate place run of a sentence: tokens, source, text, entry, listed, a country, vouched for.
    _Run = tuple[list[Token], str, str, Entry | None, bool, bool, bool]

#: Entity labels that name places; and labels the small English NER puts on
#: unfamiliar place names often enough that they are kept when the gazetteer
#: or a locative cue vouches for them.
PLACE_LABELS = {"GPE": "ner-gpe", "LOC": "ner-loc", "FAC": "ner-fac"}
MAYBE_PLACE_LABELS = {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP"}
#: Labels the NER puts on a place name now and then ("Explosion in Manbij": DATE), kept only
#: for a proper-noun name the gazetteer knows.
MISREAD_LABELS = {"DATE", "TIME", "LANGUAGE", "LAW"}

#: Locative prepositions that mostly name a party, not a place ("an attack by X").
_AGENT_PREPS = {"by"}
#: Prepositions that put their object where the event happened.
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "around", "throughout", "within", "on",
                  "along", "over", "into", "onto", "off", "nearby", "beside", "between", "among", "amid",
                  "through", "toward", "towards", "past", "by", "under", "upon", "behind", "beyond"}
#: Of these, the ones that say where for sure; the rest need a place-ish object.
STRONG_LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "around", "throughout", "within"}
#: Movement ends: an origin or destination is not where the event happened.
DIRECTIONAL_PREPS = {"from", "to", "toward", "towards", "into", "via"}
#: Nouns that make "X of Y" name a place ("the town of Y", "outskirts of Y").
PLACE_NOUNS = {"town", "city", "village", "province", "governorate", "district", "region", "area", "neighbourhood",
               "neighborhood", "suburb", "suburbs", "outskirts", "capital", "settlement", "camp", "border",
               "municipality", "county", "state", "port", "island", "valley", "countryside", "hamlet", "enclave",
               "zone", "part", "parts", "north", "south", "east", "west", "centre", "center", "heart", "streets",
               "street", "square", "road", "highway", "market", "base", "airport", "strip", "bank", "coast",
               "hills", "mountains", "plain", "desert", "shore", "edge", "vicinity", "environs", "locality",
               "quarter", "prefecture", "oblast", "department", "territory", "frontier", "villages", "towns",
               "cities", "areas", "regions", "provinces", "districts", "outpost", "checkpoint", "township"}
PLACE_NOUNS |= {"headquarters", "office", "offices", "embassy", "hospital", "school", "prison", "plant", "factory",
                "mosque", "church", "home", "house", "residence", "station", "compound", "junction", "bridge",
                "crossing", "post", "facility", "site", "field", "oilfield", "palace", "hotel", "university",
                "building", "stadium", "bazaar", "mall", "restaurant", "cafe", "shrine", "temple", "harbour",
                "harbor", "peak", "hill", "hilltop", "mountain", "river", "lake", "forest", "airbase", "garrison",
                "neighbourhoods", "neighborhoods", "downtown", "countrysides"}
#: Parts of a place: in "the X district of Y" the name before is the specific
#: place and Y the container (unlike "the West Bank city of Nablus").
SUBUNIT_NOUNS = {"district", "region", "area", "quarter", "countryside", "suburb", "suburbs", "outskirts", "part",
                 "parts", "sector", "zone", "districts", "neighbourhoods", "neighborhoods", "farms", "plains"}
#: Nouns naming an event: a place modifying one says where it was ("the
#: Helmand battle"); a country modifying one is usually the actor ("a U.S.
#: airstrike").
EVENT_NOUNS = {"attack", "attacks", "bombing", "bombings", "blast", "blasts", "explosion", "strike", "strikes",
               "airstrike", "airstrikes", "raid", "raids", "battle", "battles", "clash", "clashes", "fighting",
               "offensive", "shelling", "ambush", "operation", "operations", "assault", "protest", "protests",
               "demonstration", "demonstrations", "riot", "riots", "violence", "massacre", "killing", "killings",
               "war", "campaign", "siege", "conflict", "incident", "unrest", "uprising", "crackdown", "firefight",
               "bombardment", "fight", "insurgency", "earthquake", "crisis", "rally", "rallies", "march",
               "invasion", "occupation", "liberation", "capture", "recapture", "bomb", "bombs", "bloodshed",
               # taking ground: "took control of X", "the seizure of X", "the fall of X"
               "control", "seizure", "takeover", "fall", "storming"}
#: Triggers whose destination is where the event is ("marched to the square").
MOVEMENT_LEMMAS = {"march", "walk", "rally", "converge", "parade", "advance", "push", "move", "storm", "enter",
                   "head", "deploy", "infiltrate", "drive", "sail", "fly", "flock", "pour", "stream"}
#: Speech and report verbs: a place attached to them is where someone spoke.
#: Reporting verbs whose passive tells that its subject, an event, took place ("clashes were
#: reported in Aleppo"): no speaker is placed there.
OCCURRENCE_PASSIVES = {"report"}
SPEECH_LEMMAS = {"say", "tell", "report", "announce", "state", "add", "claim", "confirm", "quote", "speak",
                 "declare", "note", "write", "interview", "brief", "comment", "explain", "reply", "insist"}
#: Verbs whose subject is where their object, an event, happened ("the town witnessed clashes",
#: "Aleppo saw fierce fighting"): a place that undergoes the event, not a party to it.
WITNESS_LEMMAS = {"witness", "see", "experience", "undergo", "endure"}
#: Nouns for who tells the news: a place they are in is where the telling was
#: ("according to media sources in Nineveh", "acknowledged before a judge in Madrid").
SOURCE_NOUNS = {"source", "sources", "statement", "statements", "spokesman", "spokeswoman", "spokesperson",
                "judge", "newspaper", "television", "radio", "media", "communique", "interview"}
_DETS = {"the", "a", "an", "this", "that", "these", "those"}
#: Nouns by which one happening answers another ("in retaliation for a raid in Kandahar", "revenge
#: for French airstrikes in Mali", "a response to the operation in Mali"): what they govern is the
#: other, earlier happening, and a place in it is that happening's.
ANSWER_NOUNS = {"response", "retaliation", "revenge", "reprisal", "reaction", "vengeance", "retribution"}
#: Words whose "of" names the whole they take part of ("much of Liberia").
#: Compass words: "north of X" places the event near X.
DIRECTION_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                   "north-east", "north-west", "south-east", "south-west", "northern", "southern", "eastern",
                   "western", "outside", "downstream", "upstream", "ahead", "short"}
_PORTIONS = {"much", "most", "some", "all", "part", "parts", "many", "several", "half", "rest", "large", "swathes"}
_PARTICLES = {"e", "i", "al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "ed", "er", "es", "ez", "de", "du",
              "la", "le", "di", "da", "do", "dos", "das", "del", "von", "van", "ibn", "bin", "abu"}
_TRAIL_DROP = {"'s", "’s", "'", "’"}


@dataclass(frozen=True, slots=True)
class PlaceCandidate:
    """A place mention and the evidence for it being the event's place."""

    start: int  # Doc character offsets, end exclusive
    end: int
    text: str
    score: float
    source: str  # "ner-gpe", "ner-loc", "ner-fac", "gazetteer", "cue", "ner-other"
    reasons: tuple[str, ...] = field(default=())


# --- candidate spans ----------------------------------------------------------


def _trim(tokens: list[Token]) -> list[Token]:
    """Bare name: drop determiners, lowercase words and punctuation at the
    edges ("the Idlib province - 3" -> "Idlib"), and a trailing "'s"."""
    toks = list(tokens)
    while toks and (toks[0].lower_ in _DETS or toks[0].is_punct or toks[0].is_space
                    or (toks[0].is_lower and not toks[0].like_num) or toks[0].like_num):
        toks.pop(0)
    while toks and (toks[-1].text in _TRAIL_DROP or toks[-1].is_punct or toks[-1].is_space or toks[-1].like_num
                    or toks[-1].is_lower):
        toks.pop()
    # cut at an inner dash/paren the NER ran across ("Latakia - 2"), and at any opening bracket:
    # no place's name holds one ("Qamishli (Qamishli, Al-Hasakeh": the town, then its district
    # and province in brackets)
    for i, t in enumerate(toks):
        if i > 0 and (t.text == "(" or (t.text in {"-", "–", "—", ")", ",", ";", ":"}
                                        and t.whitespace_ and t.nbor(-1).whitespace_)):
            toks = toks[:i]
            break
    return toks


def _root(tokens: list[Token]) -> Token:
    """Syntactic head of a token run: the token whose head lies outside it."""
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[-1]


#: Tokens that join or bracket two names: an entity holding one is several names run together.
_NAME_JOINS = frozenset({"and", "or", "&", "(", ")", ",", ";"})


def _entity_parts(sent: Span, gaz: Gazetteer | None) -> list[Span]:
    """The sentence's entities, each cut at the words that join or bracket names ("between
    Dikwa and Marte (Borno)" read as one organisation): the NER runs a list of unfamiliar names
    and their province into one entity, which names no place as a whole. A place entity
    ("Potiskum, Nigeria": a town and its country) and one the gazetteer or the country table
    knows whole ("Bosnia and Herzegovina") stay whole."""
    from spacy.tokens import Span as _Span

    out: list[Span] = []
    toks = doc_tokens(sent.doc)
    for ent in sent.ents:
        cuts = [k for k in range(ent.start, ent.end) if toks[k].lower_ in _NAME_JOINS]
        if (not cuts or ent.label_ in PLACE_LABELS or lookup_country(ent.text) is not None
                or (gaz is not None and gaz.contains(ent.text))):
            out.append(ent)
            continue
        a = ent.start
        for k in [*cuts, ent.end]:
            if k > a:
                out.append(_Span(sent.doc, a, k, label=ent.label))
            a = k + 1
    return out


def _collect(sent: Span, gaz: Gazetteer | None) -> list[tuple[list[Token], str]]:
    """Candidate token runs with their source."""
    out: list[tuple[list[Token], str]] = []
    taken: set[int] = set()
    doc = sent.doc
    chains = _glued_names(sent)
    tag = _headline_label(sent, gaz)
    if tag is not None:
        out.append((tag, "dateline"))
        # (its province after the comma qualifies the town, no place of its own)
        taken.update(range(sent.start, next(t.i for t in sent if t.text == ":")))
    doc_toks = doc_tokens(doc)
    for ent in _entity_parts(sent, gaz):
        if ent.start in taken:
            continue  # the second part of a name the NER cut at its hyphens, taken with the first
        taken.update(range(ent.start, ent.end))  # dates, numbers and people are not proper-noun place runs
        toks = doc_toks[ent.start:ent.end]
        chain = chains.get(ent.start)
        if chain is not None and (ent.label_ in PLACE_LABELS or ent.label_ in MAYBE_PLACE_LABELS):
            toks = chain  # "Mazar-i-Sharif" that the NER read as "Mazar" and "Sharif"
            taken.update(t.i for t in chain)
        # "Sheikh Najjar" tagged PERSON on "Najjar" alone: take the name's left part
        k = ent.start - 1
        # (an acronym is a group, no part of a place's name: "IS Mosul commander")
        while k >= sent.start and doc[k].pos_ == "PROPN" and doc[k].ent_type_ == "" and doc[k].head.i in {
                t.i for t in toks} and not (doc[k].is_upper and len(doc[k]) <= 3):
            toks.insert(0, doc[k])
            taken.add(k)
            k -= 1
        if (k + 1 == sent.start and k + 1 < ent.start and gaz is not None and gaz.contains(ent.text)
                and not gaz.contains(_run_text(toks))):
            # the sentence's first word is capitalised for being first: "Deadly Kabul truck bomb"
            # is Kabul's, unless the longer name is itself a place
            toks = toks[ent.start - sent.start:]
        toks = _trim(toks)
        if not toks:
            continue
        label = ent.label_
        text = _run_text(toks)
        if label in MISREAD_LABELS:
            # "Explosion in Manbij": an unfamiliar name the NER read as a date; kept when every
            # word is a proper noun and the gazetteer knows the name
            if (all(t.pos_ == "PROPN" and t.is_alpha for t in toks) and gaz is not None
                    and text.lower() not in defaults.GAZETTEER_NOT_PLACES
                    and gaz.contains(text, min_population=defaults.LOCATION_GAZ_MIN_POP)):
                out.append((toks, "ner-other+gaz"))
            elif _locative_found(toks, sent, gaz):
                out.append((toks, "ner-other+cue"))  # "in Jisreen area" read as a date
            continue
        if label in PLACE_LABELS:
            out.append((toks, PLACE_LABELS[label]))
        elif label in MAYBE_PLACE_LABELS:
            if text.isupper() and len(toks) == 1:
                if _is_dateline(toks, sent) and gaz is not None and gaz.contains(text):
                    out.append((toks, "dateline"))
                continue  # "SDF", "ISIS": acronyms are actors
            known = gaz is not None and (gaz.contains(text, min_population=defaults.LOCATION_GAZ_MIN_POP)
                                         or _feature_named(toks, gaz))
            cue = (_cue_before(toks[0]) or _cue_after(toks[-1]) or _target_of(toks, sent, gaz)
                   or _locative_found(toks, sent, gaz))
            one_place = toks[-1].i + 1 < sent.end and sent.doc[toks[-1].i + 1].tag_ != "NNS"  # not "Chechen towns"
            if label == "NORP" and (lookup_country(text) is not None or not (
                    known or (cue and one_place and all(t.pos_ == "PROPN" for t in toks)))):
                continue  # "Iraqi", "Kurdish", "Chechen towns": people; "Aleppo", "Maardis town" tagged NORP are places
            if known or cue:
                out.append((toks, "ner-other" + ("+gaz" if known else "") + ("+cue" if cue else "")))
            elif gaz is not None and (inner := _town_inside(toks, sent, gaz)):
                out.append((inner, "gazetteer-inside"))
    # proper-noun runs the NER did not label
    run: list[Token] = []
    for t in list(sent) + [None]:  # type: ignore[list-item]
        if t is not None and t.i not in taken and t.pos_ == "PROPN" and not t.is_punct:
            run.append(t)
            continue
        # "Mazar-e-Sharif", "Ras al-Ain": hyphens and particles glued inside a name
        if (t is not None and run and t.i not in taken and not run[-1].whitespace_ and t.i + 1 < sent.end
                and (t.text in {"-", "'"} or t.lower_ in _PARTICLES) and not t.whitespace_
                and (doc[t.i + 1].pos_ == "PROPN" or doc[t.i + 1].lower_ in _PARTICLES or doc[t.i + 1].text == "-")):
            run.append(t)
            continue
        if run:
            toks = _trim(run)
            if toks:
                text = _run_text(toks)
                known = gaz is not None and (gaz.contains(text, min_population=defaults.LOCATION_GAZ_MIN_POP)
                                             or _feature_named(toks, gaz))
                cue = _cue_before(toks[0], loose=True) or _cue_after(toks[-1])
                # (a short acronym names a group, as Gazetteer.candidates reads it: "kills 50 IS")
                acronym = text.isupper() and len(toks) == 1 and (not known or (
                    len(text) <= 3 and not _is_country(text)))
                if (known or cue) and not acronym:
                    out.append((toks, "gazetteer" if known else "cue"))
                elif gaz is not None and (inner := _town_inside(toks, sent, gaz)):
                    out.append((inner, "gazetteer-inside"))
            run = []
    return out


def _headline_label(sent: Span, gaz: Gazetteer | None) -> list[Token] | None:
    """"Turbat: 2 men killed in firing", "Tijuana, Baja California: 4 captured": a headline's
    place label, the place it reports from, written before a colon at its start (the headline
    form of a dateline; the tagger often reads such a name as a common noun). Its first part
    (before a comma) when it is a capitalised name the gazetteer knows as written and the NER
    does not read as a person or a people ("Obama: ...", "Kurds: ..." are speakers)."""
    if gaz is None:
        return None
    colon = next((t for t in sent[:defaults.LOCATION_LABEL_MAX_TOKENS] if t.text == ":"), None)
    if colon is None or colon.i == sent.start:
        return None
    head = list(sent.doc[sent.start:colon.i])
    first = head[: next((k for k, t in enumerate(head) if t.text == ","), len(head))]
    if not first or not all(t.is_alpha and t.text[:1].isupper() for t in first):
        return None
    if any(t.ent_type_ in _LABEL_NOT_ENTS for t in first):
        return None
    return first if gaz.contains(_run_text(first), min_population=defaults.LOCATION_GAZ_MIN_POP) else None


def _town_inside(toks: list[Token], sent: Span, gaz: Gazetteer) -> list[Token] | None:
    """A known town at an edge of a capitalised run that is no name as a whole, as headlines
    write them: the town that modifies a Title Case noun phrase ("Maiduguri Attack Update",
    "Yangon's Twante Township ... Party": the tagger, reading the headline recased, tags the next
    word a common noun or a possessive), or the town after the sentence's first word, which is
    capitalised for being first ("Huge Baghdad car bomb kills 39"). None when the run's edge
    is no town the gazetteer knows (``defaults.LOCATION_GAZ_MIN_POP``) or is a country's name."""
    if len(toks) < 2:
        return None

    def town(run: list[Token]) -> bool:
        text = _run_text(run)
        return (all(t.pos_ == "PROPN" and t.is_alpha and t.is_title for t in run) and not _is_country(text)
                and text.lower() not in defaults.GAZETTEER_NOT_PLACES
                and gaz.contains(text, min_population=defaults.LOCATION_GAZ_MIN_POP))

    if toks[0].i == sent.start and town(toks[1:]):
        return toks[1:]
    for k in range(len(toks) - 1, 0, -1):
        after = toks[k]
        if town(toks[:k]) and (after.pos_ == "NOUN" or after.tag_ == "POS"):
            return toks[:k]
    return None


#: Capitalised words that end a place's name and say what kind of place it is ("Namhsan Town",
#: "Shan State", "Twante Township", "Pibor County").
FEATURE_TAILS = frozenset({"town", "township", "village", "city", "state", "province", "governorate", "district",
                           "county", "region", "division", "locality", "municipality", "prefecture", "subdistrict"})


def _feature_named(toks: list[Token], gaz: Gazetteer) -> bool:
    """A name that ends in a kind of place and whose rest the gazetteer knows, at any size ("Namhsan
    Town", "Shan State" that the NER read as people): the name says itself that it is a place, as
    "Islamic State", whose rest is no place, does not."""
    if len(toks) < 2 or toks[-1].lower_ not in FEATURE_TAILS or not toks[-1].is_title:
        return False
    return gaz.contains(_run_text(toks[:-1]))


def _run_text(toks: list[Token]) -> str:
    """A token run as written ("Al-Mayadin", not "Al - Mayadin"), for the gazetteer."""
    return "".join(t.text_with_ws for t in toks[:-1]) + toks[-1].text


def _glued_names(sent: Span) -> dict[int, list[Token]]:
    """Names written with hyphens and particles and no spaces ("Mazar-i-Sharif", "Ras-al-Ain"),
    which the tokenizer cuts at each hyphen: token index of each part -> the whole name."""
    out: dict[int, list[Token]] = {}
    if "-" not in span_text(sent):
        return out
    toks = list(sent)
    i = 0
    while i < len(toks):
        j = i
        while j < len(toks) and _name_part(toks[j]) and (j == i or not toks[j - 1].whitespace_):
            j += 1
        run = toks[i:j]
        while run and run[-1].pos_ != "PROPN":
            run.pop()
        while run and run[0].pos_ != "PROPN":
            run.pop(0)
        if len(run) >= 3 and any(x.text == "-" for x in run):
            for x in run:
                out[x.i] = run
        i = max(j, i + 1)
    return out


def _name_part(t: Token) -> bool:
    return t.pos_ == "PROPN" or t.text == "-" or t.lower_ in _PARTICLES


def _cue_before(tok: Token, *, loose: bool = False) -> str | None:
    """A word just before the name that says a place follows: "in", "near",
    "the town of", "outskirts of"."""
    i = tok.i - 1
    doc = tok.doc
    start = sentence_bounds(tok)[0]
    # "at al-Qameshly": the article glued to the name is part of it
    while i > start and not doc[i].whitespace_ and (doc[i].text == "-" or doc[i].lower_ in _PARTICLES):
        i -= 1
    # "in Iraq's Tal Afar": a country's possessive before the name says where it lies
    if i - 1 > start and doc[i].text in ("'s", "’s") and _is_country(doc[i - 1].text):
        i -= 2
    while i >= start and (doc[i].lower_ in _DETS or doc[i].is_punct and doc[i].text in {"'", '"'}):
        i -= 1
    if i < start:
        return None
    w = doc[i]
    if w.lower_ in STRONG_LOCATIVE or (loose and (w.lower_ in LOCATIVE_PREPS or w.lower_ in DIRECTIONAL_PREPS)):
        return w.lower_
    if w.lower_ == "of" and i - 1 >= start and doc[i - 1].lower_ in PLACE_NOUNS:
        return doc[i - 1].lower_ + " of"
    return None


#: Verbs whose object is mostly a place: "airstrikes target X", "warplanes bomb X", "shells hit X".
TARGET_LEMMAS = {"target", "shell", "bomb", "bombard", "hit", "strike", "raid", "storm", "besiege", "pound",
                 "capture", "seize", "recapture", "retake", "overrun", "attack", "rock", "shake"}


#: Verbs whose "on" names where the fire fell: "drop barrel bombs on X", "fired rockets on X".
_FIRE_LEMMAS = {"drop", "fire", "launch", "rain", "hurl", "lob"}


def _target_of(toks: list[Token], sent: Span, gaz: Gazetteer | None) -> str | None:
    """A name the NER read as a person or a group that is what an attack hits: the object of a
    targeting verb ("airstrikes target Shekh Meskin", "warplanes bomb Kafr Nubl") or after "on"
    an attack word ("5 airstrikes on Jesr al-Shughour", "barrel bombs on Khan al-Shih"), and
    that the gazetteer finds: in the sentence's countries (loosely spelt or not), or, when the
    sentence names none, by its own or an alternate name, or loosely as a sizeable town."""
    root = _root(toks)
    if gaz is None:
        return None
    head = root.head
    if root.dep_ in ("dobj", "obj") and head.lemma_.lower() in TARGET_LEMMAS:
        why = "object of " + head.lemma_.lower()
    elif (root.dep_ == "pobj" and head.lower_ == "on"
          and (head.head.lower_ in EVENT_NOUNS or head.head.lemma_.lower() in TARGET_LEMMAS | _FIRE_LEMMAS)):
        why = "target of " + head.head.lower_
    else:
        return None
    return why if _found_here(toks, sent, gaz) else None


def _of_event_noun(tok: Token) -> bool:
    """Is the name the object of "of" after an event noun ("the explosions of X")?"""
    i = tok.i - 1
    doc = tok.doc
    start = sentence_bounds(tok)[0]
    while i > start and not doc[i].whitespace_ and (doc[i].text == "-" or doc[i].lower_ in _PARTICLES):
        i -= 1
    return i - 1 >= start and doc[i].lower_ == "of" and doc[i - 1].lower_ in EVENT_NOUNS


def _found_here(toks: list[Token], sent: Span, gaz: Gazetteer) -> bool:
    """Does the gazetteer find the name as a town, province or site, loosely spelt or not:
    in the sentence's countries when it names some; else by its own or an alternate name, or
    loosely as a sizeable town or a place of the UCDP conflict index."""
    ctx = dict(_sentence_context(gaz, sent))
    cand = gaz.best(_run_text(toks), context=ctx)
    if cand is None or cand.entry.kind not in ("city", "admin1", "site"):
        return False
    if ctx:
        return cand.entry.country in ctx
    sizeable = cand.entry.population >= defaults.GAZETTEER_FUZZY_MIN_POP or cand.entry.feature.startswith("ucdp-")
    return cand.how in ("name", "altname") or sizeable


def _locative_found(toks: list[Token], sent: Span, gaz: Gazetteer | None) -> str | None:
    """A name the NER read as a person, a group or a date that stands where places stand: the
    object of a locative preposition ("bombardment on Telmins", "around Menbej") or before a
    place noun ("in Jisreen area"), and that the gazetteer finds (:func:`_found_here`). The
    preposition alone does not make a place ("on Assad", "by Hezbollah"): the gazetteer must
    vouch for the name, loosely spelt as headlines write it."""
    if gaz is None or not all(t.pos_ == "PROPN" or t.text == "-" or t.lower_ in _PARTICLES for t in toks):
        return None
    before = _cue_before(toks[0], loose=True)
    why = None
    if before is not None and before in LOCATIVE_PREPS and before not in _AGENT_PREPS:
        why = "after '" + before + "'"
    elif _of_event_noun(toks[0]):
        why = "of an event noun"  # "the 2 explosions of Tal al-Toqan", "the clashes of Tlul al-Safa"
    elif (after := _cue_after(toks[-1])) is not None:
        why = after
    if why is None or not _found_here(toks, sent, gaz):
        return None
    return why


#: Entity tags of a headline label that is a speaker, not a place ("Obama: ...", "Kurds: ...").
_LABEL_NOT_ENTS = frozenset({"PERSON", "NORP"})
#: What follows a dateline's place: a dash or a bracketed agency ("BAGHDAD (Reuters) -").
_DATELINE_MARKS = frozenset({"(", "-", "\u2013", "\u2014", "--"})


def _is_dateline(toks: list[Token], sent: Span) -> bool:
    """"BAGHDAD (Reuters) -", "KABUL, Afghanistan (AP) --": a name opening the
    sentence, followed by a bracket or dash within a few tokens."""
    if toks[0].i - sent.start > 1:
        return False
    after = sent.doc[toks[-1].i + 1: min(toks[-1].i + 6, sent.end)]
    return any(x.text in _DATELINE_MARKS for x in after) and (toks[0].is_upper or after[0].text in {"(", ","})


def _cue_after(tok: Token) -> str | None:
    """A place noun right after the name: "Khanasir town", "Kawkab army base"."""
    doc = tok.doc
    end = sentence_bounds(tok)[1]
    for k in (1, 2):
        j = tok.i + k
        if j >= end:
            return None
        w = doc[j]
        if w.lower_ in PLACE_NOUNS and w.is_lower:
            return "+" + w.lower_
        if not (w.is_lower and w.pos_ in ("NOUN", "ADJ")):
            return None
    return None


# --- evidence -------------------------------------------------------------------


def _ancestors(tok: Token) -> list[Token]:
    out = []
    t = tok
    while (h := t.head).i != t.i:  # (each ``.head`` is a new Token: read once per step)
        t = h
        out.append(t)
    return out


def _answered_by(root: Token, trigger: Token) -> Token | None:
    """The answer noun ("retaliation", "response") whose phrase holds ``root`` but not the
    trigger: ``root`` is in the happening the trigger's event answers."""
    for a in _ancestors(root):
        if a.lemma_.lower() in ANSWER_NOUNS:
            return None if trigger.i in {t.i for t in a.subtree} else a
    return None


def _is_verb(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") or (t.dep_ == "ROOT" and t.pos_ not in ("PROPN",))


def _path_up(root: Token, stop: int) -> list[Token]:
    """Ancestors of ``root`` up to and including the first verb or ``stop``."""
    out = []
    t = root
    while (h := t.head).i != t.i:
        t = h
        out.append(t)
        if t.i == stop or _is_verb(t):
            break
    return out


def _score(toks: list[Token], source: str, trigger: Token, sent: Span, cand_of: dict[int, int],
           noun_of: dict[int, int], is_country: bool, n_specific: int, vouched: bool) -> tuple[float, list[str], str]:
    """Score, reasons, and how the name hangs on the trigger ("object", "locative", or "")."""
    d = defaults
    score = {"ner-gpe": d.LOCATION_W_GPE, "ner-loc": d.LOCATION_W_LOC, "ner-fac": d.LOCATION_W_FAC,
             "gazetteer": d.LOCATION_W_GAZ, "cue": d.LOCATION_W_CUE,
             "dateline": d.LOCATION_W_GPE}.get(source, d.LOCATION_W_OTHER)
    reasons = [f"{source} {score:+.1f}"]
    root = _root(toks)
    me = cand_of.get(root.i)
    path = _path_up(root, trigger.i)
    verb = path[-1] if path and (_is_verb(path[-1]) or path[-1].i == trigger.i) else None

    # "Iraq's northern city of Mosul", "the West Bank city of Nablus",
    # "Mecca's Al-Nur hospital": the wider place qualifies a place noun whose
    # own name comes after it (but "Thantho district of Yala province": Yala is wider)
    if root.dep_ in ("poss", "compound", "nmod", "amod") and root.head.lower_ in PLACE_NOUNS:
        head = root.head
        named_after = [c for c in head.subtree if c.i > root.i and c.i in cand_of and cand_of[c.i] != me]
        of_names = [c for c in head.children if c.lower_ == "of"]
        inner = [g for o in of_names for g in o.children if g.dep_ == "pobj"]
        of_is_wider = head.lower_ in SUBUNIT_NOUNS or any(g.i in noun_of and g.i not in cand_of for g in inner)
        if named_after and (root.dep_ == "poss" or (of_names and not of_is_wider)):
            score -= d.LOCATION_P_WIDER
            reasons.append(f"qualifies '{head.text}' of another place {-d.LOCATION_P_WIDER:+.1f}")
    # "the East Ghouta region of rural Damascus", "Thantho district of Yala province": we are the container
    phrase = root.head if root.dep_ == "compound" and root.head.lower_ in PLACE_NOUNS else root
    if phrase.dep_ == "pobj" and phrase.head.lower_ == "of" and phrase.head.head.lower_ in SUBUNIT_NOUNS:
        unit = phrase.head.head
        if any(c.i in cand_of and cand_of[c.i] != me for c in unit.children if c.dep_ in ("compound", "nmod", "amod")):
            score -= d.LOCATION_P_WIDER
            reasons.append(f"contains the named '{unit.text}' {-d.LOCATION_P_WIDER:+.1f}")
    if is_country and root.dep_ in ("compound", "amod", "nmod") and root.head.lower_ in PLACE_NOUNS \
            and not any(c.lower_ == "of" for c in root.head.children):
        score -= d.LOCATION_P_ACTOR
        reasons.append(f"owner of '{root.head.text}' (actor) {-d.LOCATION_P_ACTOR:+.1f}")
    if is_country and n_specific > 0:
        score -= d.LOCATION_P_COUNTRY
        reasons.append(f"a country where a smaller place is named {-d.LOCATION_P_COUNTRY:+.1f}")

    # modifier of a noun: "Baghdad government" (actor), "U.S. airstrike" (actor),
    # "the Helmand battle" / "Syria's conflict" (place of the event noun)
    if root.dep_ in ("compound", "amod", "poss", "nmod") and root.head.pos_ in ("NOUN", "PROPN") \
            and root.head.lower_ not in PLACE_NOUNS and noun_of.get(root.head.i, me) == me \
            and not dash_between(root, root.head) and not site_after_locative(root):
        # (in a flat compound the event noun may stand between: "Kabul bomb attack toll")
        event_noun = root.head.lower_ in EVENT_NOUNS or (root.dep_ == "compound" and any(
            sent.doc[k].dep_ == "compound" and sent.doc[k].lower_ in EVENT_NOUNS for k in range(root.i + 1, root.head.i)))
        if event_noun and (root.dep_ == "poss" or not is_country):
            reasons.append(f"names where the '{root.head.text}' was")
        else:
            score -= d.LOCATION_P_ACTOR
            reasons.append(f"modifies '{root.head.text}' (actor phrase) {-d.LOCATION_P_ACTOR:+.1f}")
            path = []  # its attachment is the actor's, not the place's
            verb = None

    # the preposition that places it: the first on the way up, skipping
    # "town of X" and stepping over a more specific place it qualifies
    prep: Token | None = None
    wider = False
    attached = any(r.startswith("names where") for r in reasons)
    relation = ""
    for t in path:
        if t.pos_ != "ADP" and t.dep_ not in ("prep", "agent"):
            owner = cand_of.get(t.i)
            if owner is not None and owner != me:
                wider = True  # "Sadr City in eastern Baghdad": we are Baghdad
            continue
        if t.lower_ == "of" and t.head.i == trigger.i and trigger.lower_ in EVENT_NOUNS and prep is None \
                and not wider and vouched and t.i == root.head.i:
            # "the U.S. invasion of Iraq", "the siege of Mosul": the event noun's object is its place
            score += d.LOCATION_W_OBJECT
            attached = True
            relation = "object"
            reasons.append(f"object of the event noun '{trigger.text}' {d.LOCATION_W_OBJECT:+.1f}")
            break
        if t.lower_ == "of" and (t.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or (t.head.pos_ in ("ADJ", "ADV")
                                 and (t.head.lower_ in _PORTIONS or t.head.head.lower_ in PLACE_NOUNS))):
            continue  # "the town of X", "much of X", "a town northeast of X": the phrase hangs higher up
        if prep is None:
            prep = t
        owner = cand_of.get(t.head.i)
        if owner is not None and owner != me:
            wider = True
    if wider:
        score -= d.LOCATION_P_WIDER
        reasons.append(f"wider place of another candidate {-d.LOCATION_P_WIDER:+.1f}")

    if prep is not None:
        p = prep.lower_
        if p == "of" and prep.head.lower_ in DIRECTION_WORDS and _is_verb(prep.head.head) \
                and not any(c.dep_ == "npadvmod" for c in prep.head.children):
            # "violence rages north of Baghdad": near it; but "in Taji, north of Baghdad" and
            # "(in X,) 80 km south of Baghdad" give a reference point, not the place
            p = "near"
        if prep.dep_ == "agent" or (p in _AGENT_PREPS and (prep.head.lower_ in EVENT_NOUNS or is_country)):
            # "fatalities inflicted by US": a passive's agent is who did it, not where; so is the
            # "by" of an event noun ("an attack by groups of X") and a country after "by" ("massacres
            # by warplanes of Russia"): a country is no riverbank one stands by
            score -= d.LOCATION_P_ACTOR
            reasons.append(f"agent of '{prep.head.text}' (actor) {-d.LOCATION_P_ACTOR:+.1f}")
            p = "by (agent)"  # no locative credit: "by" here is not "by the river"
        attached = p in LOCATIVE_PREPS or p in DIRECTIONAL_PREPS  # not "against X", "with X"
        if verb is None or verb.i == trigger.i:
            rel, w = "on the trigger", d.LOCATION_W_PREP_TRIGGER
        elif trigger.i in {a.i for a in verb.ancestors}:
            rel, w = "on a clause below the trigger", d.LOCATION_W_PREP_PATH
        elif verb.i in {a.i for a in trigger.ancestors}:
            rel, w = "on a verb governing the trigger", d.LOCATION_W_PREP_ABOVE
        else:
            rel, w = "on another verb", d.LOCATION_W_PREP_OTHER
        if verb is None and trigger.i not in {a.i for a in root.ancestors}:
            rel, w = "on another verb", d.LOCATION_W_PREP_OTHER
        movement = rel == "on the trigger" and trigger.lemma_ in MOVEMENT_LEMMAS and p in ("to", "into", "toward", "towards")
        if movement:
            score += w
            reasons.append(f"'{p}' after a movement trigger {w:+.1f}")
        elif p in DIRECTIONAL_PREPS and not (p == "into" and verb is not None and verb.i == trigger.i):
            pen = d.LOCATION_P_DIRECTION * (0.5 if rel == "on the trigger" else 1.0)
            score -= pen
            reasons.append(f"'{p}' {rel}: origin/destination {-pen:+.1f}")
        elif p in LOCATIVE_PREPS:
            score += w
            reasons.append(f"'{p}' {rel} {w:+.1f}")
            if rel == "on the trigger" and p in STRONG_LOCATIVE:
                relation = "locative"
        if (verb is not None and verb.lemma_ in SPEECH_LEMMAS and verb.i != trigger.i
                and not _reported_happening(verb, trigger)):
            score -= d.LOCATION_P_SPEECH
            reasons.append(f"where '{verb.text}' happened {-d.LOCATION_P_SPEECH:+.1f}")
        elif (verb is not None and verb.dep_ == "relcl" and p in LOCATIVE_PREPS
              and any(c.lower_ in ("who", "whom") for c in verb.children)
              and trigger.i not in {x.i for x in verb.subtree}
              and _apart_clauses(verb.head, trigger)):
            # "a former reservist who served in Afghanistan": a clause on a person tells that
            # person's past, not where the event happened; its locative credit goes too (not on
            # the event's own participant: "killed two guards who were posted in Kabul")
            pen = d.LOCATION_P_PERSON_CLAUSE + w
            score -= pen
            reasons.append(f"where '{verb.head.text}' {verb.text} {-pen:+.1f}")
        elif prep.head.lower_ in SOURCE_NOUNS and prep.head.i != trigger.i and p in LOCATIVE_PREPS:
            # its locative credit goes too: the place says where the news came from
            pen = d.LOCATION_P_SPEECH + w
            score -= pen
            reasons.append(f"where the '{prep.head.text}' is {-pen:+.1f}")
    elif path:
        dep_chain = root
        for t in path:
            if t.dep_ in ("dobj", "obj", "attr", "oprd", "nsubj", "nsubjpass", "pobj"):
                dep_chain = t
        top = path[-2] if len(path) >= 2 else root
        if verb is not None and verb.i == trigger.i:
            # the subject of a passive trigger is its object when it is a place ("the Gulf of Aden
            # is patrolled", "Grozny's streets are patrolled"); mostly it is a person ("Zongo was shot")
            passive_place = (root.dep_ == "nsubjpass" and source in ("ner-gpe", "ner-loc", "ner-fac")) or (
                top.dep_ == "nsubjpass" and root.dep_ == "poss" and root.head.i == top.i and top.lower_ in PLACE_NOUNS)
            # a verb the tagger read as a noun ("factions attack Ras al-Ayn city": "attack" a noun
            # and "Ras al-Ayn city" its apposition): a place-noun phrase set beside it is its object
            misread_object = top.dep_ == "appos" and top.lower_ in PLACE_NOUNS and top.i > trigger.i
            if (top.dep_ in ("dobj", "obj", "attr", "oprd") or root.dep_ in ("dobj", "obj") or passive_place
                    or misread_object):
                # people are objects too ("captured Abu Zubaydah", tagged GPE):
                # full credit only for a name the gazetteer or a place noun vouches for
                w = d.LOCATION_W_OBJECT if vouched else d.LOCATION_W_OBJECT_UNKNOWN
                score += w
                attached = True
                reasons.append(f"object of the trigger {w:+.1f}")
                if vouched:
                    relation = "object"
            elif top.dep_ in ("nsubj", "nsubjpass") or root.dep_ in ("nsubj", "nsubjpass"):
                score -= d.LOCATION_P_SUBJECT
                attached = True
                reasons.append(f"subject of the trigger {-d.LOCATION_P_SUBJECT:+.1f}")
        elif (verb is not None and verb.lemma_ in WITNESS_LEMMAS and vouched and "nsubj" in (top.dep_, root.dep_)
              and _witnessed(verb, trigger)):
            # "Tlul al-Safa witnesses violent clashes", "the city of Manbij witnesses a new explosion":
            # the place that sees the event is where it happened
            score += d.LOCATION_W_OBJECT
            attached = True
            relation = "object"
            reasons.append(f"witnesses the '{trigger.text}' {d.LOCATION_W_OBJECT:+.1f}")
        elif verb is not None and verb.lemma_ in SPEECH_LEMMAS:
            score -= d.LOCATION_P_SPEECH
            reasons.append(f"argument of '{verb.text}' {-d.LOCATION_P_SPEECH:+.1f}")
        elif verb is not None and trigger.i in {a.i for a in verb.ancestors} \
                and (top.dep_ in ("dobj", "obj") or root.dep_ in ("dobj", "obj")):
            # "launched an offensive ..., targeting the town of Kinsibba"
            score += d.LOCATION_W_OBJECT_BELOW
            attached = True
            reasons.append(f"object of '{verb.text}' below the trigger {d.LOCATION_W_OBJECT_BELOW:+.1f}")
        elif verb is not None and verb.i in {a.i for a in trigger.ancestors} and not is_country \
                and (top.dep_ in ("dobj", "obj") or root.dep_ in ("dobj", "obj")):
            # "a wave of bombings hit Baghdad": the object of the verb the trigger hangs on (a
            # country there is mostly a party: "joining the U.S. in airstrikes", "denounced Iran")
            score += d.LOCATION_W_PREP_ABOVE
            attached = True
            reasons.append(f"object of '{verb.text}' governing the trigger {d.LOCATION_W_PREP_ABOVE:+.1f}")
        del dep_chain
    if not attached:
        # neither a preposition nor an argument ties it to any verb: a name inside some
        # other phrase ("protested against the company and Libya", "as the United States weighed")
        score -= d.LOCATION_P_UNATTACHED
        reasons.append(f"tied to no verb {-d.LOCATION_P_UNATTACHED:+.1f}")

    answered = _answered_by(root, trigger)
    if answered is not None:
        # "the attack was revenge for French airstrikes in Mali": the place of the happening the
        # event answers, not the event's own (not when the trigger is that happening itself); its
        # credit as a preposition's object goes too, so it is never picked on its own
        pen = max(score, 0.0) + d.LOCATION_P_ANSWERED
        score -= pen
        reasons.append(f"in what the '{answered.text}' answers {-pen:+.1f}")

    # datelines: "BAGHDAD (Reuters) -", "KABUL, Afghanistan (AP) --"
    if source == "dateline" or (toks[0].i - sent.start <= 3 and _is_dateline(toks, sent)):
        score -= d.LOCATION_P_DATELINE
        reasons.append(f"dateline {-d.LOCATION_P_DATELINE:+.1f}")

    dist = abs(root.i - trigger.i)
    score -= d.LOCATION_P_DISTANCE * dist
    reasons.append(f"{dist} tokens from trigger {-d.LOCATION_P_DISTANCE * dist:+.2f}")
    return score, reasons, relation


def _witnessed(verb: Token, trigger: Token) -> bool:
    """Is the trigger the object of ``verb`` or inside it ("witnesses more killing ... and an
    assault on a local council")?"""
    return any(trigger.i in {t.i for t in ch.subtree} for ch in verb.children if ch.dep_ in ("dobj", "obj"))


def site_after_locative(root: Token) -> bool:
    """"kill nine at Baghdad alcohol shops": a town modifying the object of "at"/"in" names where
    that site is (the noun need not be a known place noun); a country there stays the owner
    ("at U.S. bases")."""
    head = root.head
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    return (head.dep_ == "pobj" and head.head.lower_ in STRONG_LOCATIVE and root.ent_type_ in ("GPE", "LOC", "FAC")
            and not _is_country(root.text))


def dash_between(a: Token, b: Token) -> bool:
    """A spaced dash between two tokens: "killed in Karachi - paper" is a headline's source
    tag after the place, which the parser hangs on the place as a compound."""
    lo, hi = sorted((a.i, b.i))
    if any(t.text in _DASHES and t.whitespace_ and t.nbor(-1).whitespace_ for t in a.doc[lo + 1:hi]):
        return True
    # "in northern Baghdad -sources": the dash glued to the tag's first word
    return any(len(t.text) > 1 and t.text[0] in "-–—" and t.text[1].isalpha() and t.nbor(-1).whitespace_
               for t in a.doc[lo + 1:hi + 1])


_DASHES = {"-", "–", "—", "--"}


def _is_country(text: str) -> bool:
    hit = lookup_country(text)
    return hit is not None and hit.kind in ("name", "alias", "abbrev")


def _clause_verb(t: Token) -> Token:
    """The verb of the clause ``t`` stands in (``t`` itself when it is one), or the root."""
    while t.pos_ not in ("VERB", "AUX") and t.head != t:
        t = t.head
    return t


def _apart_clauses(a: Token, b: Token) -> bool:
    """``a`` and ``b`` stand in clauses neither of which governs the other ("detectives found
    rifles ... the gunman was a reservist"), not in one clause or one below the other ("killed
    two guards who ...", "the torture and death of a student, who ...")."""
    va, vb = _clause_verb(a), _clause_verb(b)
    return va != vb and va not in vb.ancestors and vb not in va.ancestors



def _reported_happening(verb: Token, trigger: Token) -> bool:
    """Is ``verb`` a passive "reported" whose subject holds the trigger ("heavy clashes were
    reported in Aleppo", "dozens of shells and air strikes have been reported in areas of
    Aleppo")? The place after it is where the event was seen, not where anyone spoke."""
    return verb.lemma_ in OCCURRENCE_PASSIVES and any(
        ch.dep_ == "nsubjpass" and ch.left_edge.i <= trigger.i <= ch.right_edge.i for ch in verb.children)

def rank_event_places(sent: Span, trigger: Token, *, gazetteer: Gazetteer | None = None,
                      use_gazetteer: bool = True) -> list[PlaceCandidate]:
    """Every place candidate in ``sent`` with its score and reasons, best first.

    ``gazetteer`` defaults to :meth:`Gazetteer.default` (used to vouch for names
    the NER missed); pass ``use_gazetteer=False`` for an NER-only ranking.
    Ranked once per sentence, trigger and gazetteer (the coder asks again for a folded
    event's words, a country after a comma and a village the gazetteer lacks).
    """
    ranks = sent.doc.user_data.setdefault(_RANKS, {})
    key = (sent.start, sent.end, trigger.i, id(gazetteer), use_gazetteer)
    hit = ranks.get(key)
    if hit is None:
        hit = ranks[key] = tuple(_rank_event_places(sent, trigger, gazetteer=gazetteer, use_gazetteer=use_gazetteer))
    return list(hit)


_RANKS = "sitrep.place_ranks"


def _sentence_runs(sent: Span, gaz: Gazetteer | None) -> list[_Run]:
    """The sentence's candidate place runs, each as (tokens, source, text, gazetteer entry,
    listed, a country, vouched for): what :func:`_rank_event_places` reads of a run whatever
    the trigger."""
    text = doc_text(sent.doc)
    # the sentence's own countries decide between namesakes ("Taji, just north of Baghdad" is Iraq's)
    ctx = _sentence_context(gaz, sent)
    out: list[_Run] = []
    for toks, src in _collect(sent, gaz):
        toks = _extend_to_site(toks, gaz, sent)
        t = text[toks[0].idx: toks[-1].idx + len(toks[-1].text)]
        e = _entry(gaz, t, ctx)
        # a name the gazetteer knows somewhere, if not in this sentence's countries, is not "unlisted"
        # (a short acronym, "IS", "SDF", names a group: no unlisted village either)
        listed = e is not None or (gaz is not None and _entry(gaz, t) is not None) or (t.isupper() and len(t) <= 3)
        country = e.kind == "country" if e is not None else _is_country(t)
        # a name the gazetteer knows, or one a place word marks ("the town of X", "X district")
        vouched = (e is not None or "cue" in src or "gaz" in src or _cue_before(toks[0]) is not None
                   or _cue_after(toks[-1]) is not None
                   or (_root(toks).head.lower_ in PLACE_NOUNS and _root(toks).dep_ == "compound"))
        out.append((toks, src, t, e, listed, country, vouched))
    return out


def _rank_event_places(sent: Span, trigger: Token, *, gazetteer: Gazetteer | None,
                       use_gazetteer: bool) -> list[PlaceCandidate]:
    gaz = gazetteer
    if gaz is None and use_gazetteer:
        from sitrep.resolve.places import Gazetteer

        gaz = Gazetteer.default()
    # the candidate runs and what each is (its text, gazetteer entry, listed, a country, vouched
    # for) do not depend on the trigger: read once per sentence and gazetteer, then the runs
    # that hold the trigger left out
    key = f"sitrep.place_runs.{sent.start}.{sent.end}.{id(gaz)}"
    found = sent.doc.user_data.get(key)
    if found is None:
        found = sent.doc.user_data[key] = _sentence_runs(sent, gaz)
    keep = [run for run in found if all(t.i != trigger.i for t in run[0])]
    runs = [(toks, src) for toks, src, *_ in keep]
    texts = [run[2] for run in keep]
    entries = [run[3] for run in keep]
    listed = [run[4] for run in keep]
    countries = [run[5] for run in keep]
    vouched = [run[6] for run in keep]
    cand_of: dict[int, int] = {}
    for n, (toks, _) in enumerate(runs):
        for t in toks:
            cand_of[t.i] = n
    noun_of = dict(cand_of)
    for n, (toks, _) in enumerate(runs):
        r = _root(toks)
        # "Aleppo province", "Tabqa town": the place noun goes with the name
        if r.dep_ == "compound" and r.head.lower_ in PLACE_NOUNS and r.head.i not in noun_of:
            noun_of[r.head.i] = n
    text = doc_text(sent.doc)
    raw: list[tuple[float, list[str], str]] = []
    relations: list[str] = []
    for n, (toks, source) in enumerate(runs):
        n_specific = sum(1 for k, c in enumerate(countries) if not c and k != n and vouched[k])
        entry = entries[n]
        if source.startswith("ner-other") and entry is not None and entry.kind == "site":
            source = "gazetteer"
        score, reasons, relation = _score(toks, source, trigger, sent, cand_of, noun_of, countries[n], n_specific, vouched[n])
        raw.append((score, reasons, source))
        relations.append(relation)
    # a place the trigger acts on ("captured Lubumbashi", "liberated the cities of Palmyra") is the
    # event's place; "in Shaba province" on the same trigger then only says where that place lies
    object_place = "object" in relations
    fix = [0.0] * len(runs)
    out = []
    for n, (toks, _) in enumerate(runs):
        score, reasons, source = raw[n]
        if object_place and relations[n] == "locative":
            score -= defaults.LOCATION_P_WIDER
            reasons = [*reasons, f"holds the place the trigger acts on {-defaults.LOCATION_P_WIDER:+.1f}"]
        # the wider of two places: "Mosul, Iraq", "a base near X in Y province",
        # "launched an offensive in Latakia province, targeting the town of X"
        for k in range(len(runs)):
            if k == n:
                continue
            together = _near(runs[k][0], toks)
            if not (together or raw[k][0] >= score - defaults.LOCATION_CONTAIN_MARGIN):
                continue
            if _contains(entries[n], entries[k]):
                why = f"contains '{texts[k]}' (gazetteer)"
            elif together and _is_settled(entries[n]) and not listed[k] and runs[k][1] != "ner-gpe":
                why = f"named beside the smaller, unlisted '{texts[k]}'"
            elif _told_within(runs[k][0], toks, entries[k], entries[n]):
                why = f"holds '{texts[k]}' (the text's own hierarchy)"
                if any(r.startswith("qualifies") for r in raw[k][1]):
                    # "al-Atareb town of Aleppo": the town was read as the West Bank of "the
                    # West Bank city of Nablus"; the hierarchy says it is the smaller place
                    fix[k] = defaults.LOCATION_P_WIDER
            else:
                continue
            score -= defaults.LOCATION_P_WIDER
            reasons = [*reasons, f"{why} {-defaults.LOCATION_P_WIDER:+.1f}"]
            break
        if _bracket_chain_after(toks, runs, sent):
            # "residents of Jasim (Izra, Daraa) protested", "took control of the town of Tessit
            # (Ansongo, Gao)": a name the text gives its district and province in brackets is told
            # as the where of the report, however the brackets mangled the parse around it
            score += defaults.LOCATION_W_CHAIN
            reasons = [*reasons, f"given its district and province in brackets {defaults.LOCATION_W_CHAIN:+.1f}"]
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        out.append(PlaceCandidate(start, end, text[start:end], round(score, 3), source, tuple(reasons)))
    for n, f in enumerate(fix):
        if f:
            c = out[n]
            out[n] = PlaceCandidate(c.start, c.end, c.text, round(c.score + f, 3), c.source,
                                    (*c.reasons, f"the smaller place of the text's hierarchy {f:+.1f}"))
    out.sort(key=lambda c: (-c.score, c.start))
    return out


def _bracket_chain_after(toks: list[Token], runs: list[tuple[list[Token], str]], sent: Span) -> bool:
    """Does an opening bracket right after the run start another place run, the brackets holding
    a comma and closing in the sentence ("Jasim (Izra, Daraa)": the town, then its district and
    province)? A lone name in brackets ("between Dikwa and Marte (Borno)") may be the province of
    a list of towns, and says nothing of which one is meant."""
    k = toks[-1].i + 1
    if k + 1 >= sent.end or sent.doc[k].text != "(":
        return False
    if not any(r[0][0].i == k + 1 for r in runs):
        return False
    close = next((t.i for t in sent.doc[k + 2:sent.end] if t.text == ")"), None)
    return close is not None and any(t.text == "," for t in sent.doc[k + 2:close])


#: Nouns naming a populated place after its name ("Kadarko village in Nasarawa").
_SETTLEMENT_NOUNS = {"village", "town", "city", "area", "district", "neighbourhood", "neighborhood", "camp",
                     "suburb", "quarter", "township", "locality", "hamlet", "farms", "sub-district", "subdistrict"}
#: Words between "in" and the wider place: "in the southern countryside of", "in the north-east of".
_WITHIN_WORDS = {"the", "of", "rural", "countryside", "outskirts", "suburbs", "province", "governorate", "state",
                 "region", "district", "area", "desert", "part", "parts", "-"} | DIRECTION_WORDS


def _may_hold(outer: Entry, inner: Entry) -> bool:
    """Could ``outer`` hold ``inner``: one country, and the same province or within
    ``defaults.LOCATION_HIERARCHY_KM``?"""
    if outer.country != inner.country:
        return False
    if outer.kind == "admin1" and inner.admin1 == outer.name or outer.admin1 and outer.admin1 == inner.admin1:
        return True
    if None in (outer.lat, outer.lon, inner.lat, inner.lon):
        return True
    dlat = (outer.lat - inner.lat) * 111.0  # type: ignore[operator]
    dlon = (outer.lon - inner.lon) * 111.0 * math.cos(math.radians(outer.lat))  # type: ignore[arg-type,operator]
    return math.hypot(dlat, dlon) <= defaults.LOCATION_HIERARCHY_KM


def _told_within(inner: list[Token], outer: list[Token], e_inner: Entry | None, e_outer: Entry | None) -> bool:
    """Does the text put ``inner`` inside ``outer``, written after it? "Kadarko village in
    Nasarawa", "al-Hader in the southern countryside of Aleppo", "Tadef in the north-east of
    Aleppo", "al-Atareb town of Aleppo", "Mayadin, Deir ez-Zor province", "al-Busayrah east of
    Deir Ezzor". Not "near" (UCDP and
    ACLED code "X near Y" at Y), not a list ("Aleppo, Idlib and Hama": after a comma the wider
    place must be a province or a country), not "the West Bank city of Nablus" (before "of" the
    smaller place is a town, not a region)."""
    if not inner or not outer or inner[-1].i >= outer[0].i or (e_outer is not None and e_outer.kind == "country"):
        return False
    if outer[0].i - inner[-1].i - 1 > 7:
        return False
    between = doc_tokens(inner[0].doc)[inner[-1].i + 1:outer[0].i]
    words = [t.lower_ for t in between]
    if words and words[0] in _SETTLEMENT_NOUNS:
        words = words[1:]
    if not words:
        return False
    link, rest = words[0], words[1:]
    if any(w not in _WITHIN_WORDS for w in rest):
        return False
    if e_inner is not None and e_outer is not None and not _may_hold(e_outer, e_inner):
        return False  # "al-Zahraa neighborhood in Homs" is no al-Zahraa of Aleppo: the name is a namesake
    if link in ("in", "at", "inside", "within"):
        return True
    if link == "of":
        # "al-Atareb town of Aleppo", not "the south Baghdad neighbourhood of Al-Bayaa" (the
        # neighbourhood's name): the place after "of" is a known, bigger one
        return (len(words) < len(between) and e_outer is not None and (e_inner is None or (
            e_inner.kind == "city" and (e_outer.kind == "admin1" or e_inner.population < e_outer.population))))
    if link == ",":
        return not rest and e_outer is not None and e_outer.kind == "admin1" and (e_inner is None or e_inner.kind == "city")
    if link in defaults.COMPASS_POINTS and rest == ["of"]:
        # "al-Busayrah east of Deir Ezzor", "al-Mayadin city east of Deir Ezzor": the town is
        # named and the bigger place only says where it lies (a bare "east of Deir Ezzor", with
        # no town before it, stays near Deir Ezzor)
        return True
    return False


def _is_settled(e: Entry | None) -> bool:
    """A place big enough to hold unlisted neighbourhoods and villages."""
    return e is not None and (e.kind in ("country", "admin1") or (e.kind == "city"
                              and e.population >= defaults.LOCATION_CONTAINER_MIN_POP))


def _near(a: list[Token], b: list[Token]) -> bool:
    gap = max(a[0].i - b[-1].i, b[0].i - a[-1].i)
    return gap <= defaults.LOCATION_PAIR_GAP


def _entry(gaz: Gazetteer | None, text: str, ctx: tuple[tuple[str, float], ...] = ()) -> Entry | None:
    if gaz is None:
        return None
    return _best_entry(gaz, text, ctx)


def _sentence_context(gaz: Gazetteer | None, sent: Span) -> tuple[tuple[str, float], ...]:
    """The countries a sentence names (resolve/places.py story_context, no demonyms), hashable."""
    if gaz is None:
        return ()
    key = f"sitrep.place_ctx.{sent.start}.{sent.end}.{id(gaz)}"
    found = sent.doc.user_data.get(key)
    if found is None:
        from sitrep.resolve.places import story_context

        found = sent.doc.user_data[key] = tuple(sorted(story_context(span_text(sent), gaz, demonyms=False).items()))
    return found


@lru_cache(maxsize=65536)
def _best_entry(gaz: Gazetteer, text: str, ctx: tuple[tuple[str, float], ...] = ()) -> Entry | None:
    cand = gaz.best(text, context=dict(ctx), fuzzy=False)
    if cand is None:
        return None
    e = cand.entry
    if e.kind == "city" and e.population == 0 and e.feature == "town" and e.country not in dict(ctx):
        # a GeoNames place of unknown size vouches for a name only where the sentence is ("striking
        # at IS" is no hamlet called Is); UCDP's conflict villages (feature "ucdp-...") always do
        return None
    return e


def _contains(outer: Entry | None, inner: Entry | None) -> bool:
    """True when the gazetteer says ``outer`` is a wider place holding ``inner``:
    a country holding a town, a province holding one of its towns, a town
    beside a site or a ten-times smaller place within ``defaults.LOCATION_SITE_TOWN_KM``."""
    if outer is None or inner is None or outer is inner or outer.country != inner.country or outer.name == inner.name:
        return False
    if outer.kind == "country":
        return inner.kind != "country"
    if outer.kind == "admin1":
        return inner.kind in ("city", "site") and inner.admin1 == outer.name
    # a site, or a village or small town (UCDP's conflict villages have no population), near a
    # town at least ten times its size: "in Taji, just north of Baghdad"
    smaller = inner.kind == "site" or (inner.kind == "city" and inner.population * 10 <= outer.population)
    if outer.kind == "city" and smaller and None not in (outer.lat, outer.lon, inner.lat, inner.lon):
        dlat = (outer.lat - inner.lat) * 111.0  # type: ignore[operator]
        dlon = (outer.lon - inner.lon) * 111.0 * math.cos(math.radians(outer.lat))  # type: ignore[arg-type,operator]
        return math.hypot(dlat, dlon) <= defaults.LOCATION_SITE_TOWN_KM
    return False


def _extend_to_site(toks: list[Token], gaz: Gazetteer | None, sent: Span) -> list[Token]:
    """Grow a name over glued articles and trailing feature words when the
    longer phrase is a known site: "Omar" -> "al-Omar oil field", "Ain
    al-Asad" -> "Ain al-Asad air base"."""
    if gaz is None:
        return toks
    doc = sent.doc
    best = toks
    lo = toks[0].i
    while lo - 1 >= sent.start and not doc[lo - 1].whitespace_ and (doc[lo - 1].text == "-"
                                                                      or doc[lo - 1].lower_ in _PARTICLES):
        lo -= 1
    for left in sorted({lo, toks[0].i}):
        for right in range(toks[-1].i + 1, min(toks[-1].i + 4, sent.end) + 1):
            if left == toks[0].i and right == toks[-1].i + 1:
                continue
            span = doc[left:right]
            if span[-1].is_punct:
                break
            entry = _entry(gaz, span.text) if gaz.contains(span.text) else None
            if entry is not None and entry.kind == "site" and len(span) > len(best):
                best = list(span)
    return best


def pick_event_place(sent: Span, trigger: Token, *, gazetteer: Gazetteer | None = None) -> tuple[int, int] | None:
    """Doc character span (start, end) of the event's place, or None when the
    sentence names no place that clears ``defaults.LOCATION_MIN_SCORE``."""
    ranked = rank_event_places(sent, trigger, gazetteer=gazetteer)
    if ranked and ranked[0].score >= defaults.LOCATION_MIN_SCORE:
        return ranked[0].start, ranked[0].end
    # a dateline is the fallback when the sentence itself names no other place that reads more
    # like the event's: a correspondent in Gaziantep writing of "the war raging in Syria" places
    # nothing in Gaziantep
    datelines = [c for c in ranked if any(r.startswith("dateline") for r in c.reasons)]
    if not datelines:
        return None
    opened = max(c.end for c in datelines)
    dash = next((t.idx for t in sent if t.idx >= opened and t.text in _DATELINE_MARKS), opened)
    if any(c.start > dash and c.score > datelines[0].score for c in ranked):
        return None  # (the dateline's own "KABUL, Afghanistan" is no other place)
    return datelines[0].start, datelines[0].end
