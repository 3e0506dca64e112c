"""Every place a text names, resolved: a geoparser beside the coder's event places.

The coder puts each *event* where the text says it happened. An analyst also
asks where a text is about, event or not: a list of incidents ("March 26th
2016: Mosul, Nineveh province, Iraq."), a dateline, a report's title. This
module reads the place names of a text without the NLP pipeline (no spaCy, a
regular-expression pass and gazetteer look-ups), so it is cheap on any text:

    >>> from sitrep.resolve.geoparse import geoparse
    >>> [(p.name, p.country) for p in geoparse("Air strikes hit Mosul, Nineveh province, Iraq.")]
    [('Mosul', 'IRQ'), ('Nineveh', 'IRQ'), ('Iraq', 'IRQ')]

A *run* is a capitalised name followed by the places the text puts it in
("Mosul, Nineveh province, Iraq"); each name of a run is resolved with the rest
of the run as its setting (:meth:`Gazetteer.resolve` reads "X, Y province, Z"),
and with the countries the whole text names as context
(:func:`sitrep.resolve.places.story_context`). A capitalised word is taken for
a place only where the text treats it as one: inside such a run, with a
place word ("Chaprar sector", "Raqqa governorate"), after a locative
preposition ("in Douma"), or when the name alone vouches for a country
(a country, a first-level division, a curated site, a large city no other
country has a namesake of). Month and weekday names and demonyms are never places.
Each :class:`~sitrep.models.Place` carries the mention's character offsets.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sitrep import defaults
from sitrep.models import Place
from sitrep.resolve.countries import country_name, lookup_country
from sitrep.resolve.dates import calendar_names
from sitrep.resolve.places import (
    _CAPITALISED,
    Gazetteer,
    _context_of,
    kind_owner,
    leading_country,
    mention_words,
    story_context,
)

#: Function words a Title Case or ALL CAPS headline capitalises ("Successes In Ngoshe", "ATTACK ON DUGURI").
_SMALL_WORDS = frozenset("in on at of near to from by for with over into and or as after amid the a an".split())
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def headline_cased(line: str) -> bool:
    """Is this line written as a headline, nearly every word but its function words capitalised
    ("Mainok Attack - Nigerian Soldiers Battle Boko Haram", "Two Die in Junta Raids in Sagaing
    Region", "GAMBOROU: NEARLY 400 PEOPLE KILLED")? Its capitals then say nothing of which words
    are names."""
    words = [w for w in _WORD.findall(line) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


#: Letters of another script than the Latin: a name written in it beside its transliteration
#: ("شبهر Shabhar or المطر Al Matar village") is read past, as spaces (offsets kept).
_OTHER_SCRIPT = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]+")


def _shouted_word(original: str, gaz: Gazetteer, place: Place, start: int, name: str) -> bool:
    """Whether a place found in an ALL CAPS line that does not put it anywhere (no "in", "near"
    before it, no setting after it, no label) is only English words ("STILL BOMBING CHAD", "KILL",
    "FARMERS": ``nlp.parser.english_word``) read as a small namesake: in a shouting headline
    capitals say nothing of names, so such a word is a place only as a country, a province or a
    town of ``defaults.PLACE_SHOUTED_MIN_POP`` people."""
    mention = original[place.start if place.start is not None else start:
                       place.end if place.end is not None else start + len(name)]
    if not mention.isupper():
        return False
    line_start = original.rfind("\n", 0, start) + 1
    line_end = original.find("\n", start)
    words = _WORD.findall(original[line_start:line_end if line_end >= 0 else len(original)])
    if len(words) < 4 or sum(w.isupper() for w in words) < 0.8 * len(words):
        return False
    from sitrep.nlp.parser import english_word

    if not all(english_word(w.lower()) for w in _WORD.findall(mention)):
        return False
    return not (place.lat is None or place.geo_precision == 3
                or gaz.contains(place.name, min_population=defaults.PLACE_SHOUTED_MIN_POP))


def _sentence_case(text: str) -> str:
    """The text with its headline-cased lines read as running text, offsets kept: in a line
    whose words nearly all start with a capital, function words go lower case, and in an ALL
    CAPS line every word keeps only its first capital ("MONGUNO: AT LEAST 100 PEOPLE KILLED")."""
    out = []
    for line in text.splitlines(keepends=True):
        words = _WORD.findall(line)
        if len(words) < 4 or sum(w[0].isupper() for w in words) < 0.8 * len(words):
            out.append(line)
            continue
        shouting = sum(w.isupper() for w in words) >= 0.8 * len(words)

        def fix(m: re.Match[str], shouting: bool = shouting) -> str:
            w = m.group(0)
            if w.lower() in _SMALL_WORDS:
                return w.lower()
            return w[0] + w[1:].lower() if shouting else w

        fixed = _WORD.sub(fix, line)
        out.append(fixed if len(fixed) == len(line) else line)
    return "".join(out)


#: Words after a name that say it is a place ("Raqqa governorate", "Kleib village"): places.yaml
#: ``mention_words: place_words``, longest first.
_PLACE_WORDS = "|".join(re.escape(w) for w in sorted(mention_words().place_words, key=len, reverse=True))
#: A name: capitalised words, perhaps after a lower-case Arabic article ("al-Atarib"), perhaps
#: with a place word after it.
_NAME = (rf"(?:(?:al|el)[- ]|(?:ad|ar|as|ash|at|az|an|ed|er|es|ez)-)?(?:{_CAPITALISED.pattern})"
         rf"(?:\s+(?:{_PLACE_WORDS})\b)?")
_NAME_RE = re.compile(_NAME)
#: A name and the places the text puts it in or beside: "Mosul, Nineveh province, Iraq", "Saqba and Douma",
#: "Shabhar or Al Matar village, Raqqa governorate" (two names of one place).
_RUN = re.compile(rf"{_NAME}(?:(?:,\s+(?:the\s+)?|\s+(?:and|or)\s+(?:the\s+)?){_NAME})*")
_HAS_PLACE_WORD = re.compile(rf"\s(?:{_PLACE_WORDS})$", re.I)
_PLACE_WORD = re.compile(_PLACE_WORDS, re.I)
_KIND_WORDS = frozenset(mention_words().place_words)
#: A preposition that makes the next name a location: "in Douma", "near the Turkish border".
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside|from|around|into|inside|toward|towards|across|within|"
                              r"through|off|between|to|on|of|north|south|east|west|northern|southern|eastern|"
                              r"western)\s+(?:the\s+)?$", re.I)
#: A verb whose object the text names as a place ("warplanes bomb Kafr Nubl"), or a place kind
#: in apposition before the name ("the city Manbij"): places.yaml ``mention_words``.
_WORDS_BEFORE = "|".join(re.escape(w) for w in (*mention_words().place_verbs, *mention_words().kinds_before))
_PLACE_VERB_BEFORE = re.compile(rf"\b(?:{_WORDS_BEFORE})\s+(?:the\s+)?$", re.I)
#: A lower-case direction before a name is part of the place named: "the eastern Ghouta", "northern Iraq".
_DIRECTION_BEFORE = re.compile(r"\b(?:(?:north|south)-?(?:east|west)ern|northern|southern|eastern|western|central)\s+$")
_POSSESSIVE = re.compile(r"['’]s?$")
#: What follows a name that labels a text or a line: "MONGUNO: AT LEAST 100 PEOPLE KILLED", "Mainok Attack -".
#: A line that is the name alone ("Qusair.") labels what follows too.
_LABEL_AFTER = re.compile(r"\s*(?::|\s[-–—]\s|[ \t]*(?:\n|$))")
#: A place the text puts the name in: "Gashala in Adamawa", "Halabsa village nr Fallujah".
#: "Talafeh village in the southern countryside of Aleppo", "Tal Halaf west of Ras al-Ayn", "X, north west of Raqqa".
_IN_AFTER = re.compile(rf",?\s+(?P<prep>in|near|nr|outside|of|(?:(?:north|south)[- ]?(?:east|west)?|east|west)\s+of)\s+(?:the\s+)?"
                       r"(?:(?:(?:north|south)-?(?:east|west)ern|northern|southern|eastern|western)\s+)?"
                       rf"(?:(?:countryside|outskirts|suburbs|vicinity|environs)\s+of\s+(?:the\s+)?)?(?P<name>{_NAME})")


def _clean(name: str, start: int, calendar: frozenset[str]) -> tuple[str, int, int]:
    """A name without its article, possessive, sentence-final point or trailing weekday, with offsets."""
    if name.lower().startswith("the "):
        name, start = name[4:], start + 4
    name = _POSSESSIVE.sub("", name)
    if name.endswith(".") and name.count(".") == 1:
        name = name[:-1]  # "Iraq." ends a sentence; "U.S." keeps its points
    words = name.split()
    while words and words[-1].lower() in calendar:
        words.pop()  # "in Phnom Penh Sunday"
    name = name[:len(" ".join(words))] if words else ""
    return name, start, start + len(name)


def _parts(run: re.Match[str], calendar: frozenset[str]) -> list[tuple[str, int, int, bool]]:
    """The names of a run with their offsets, and whether a comma puts each in the one before."""
    out: list[tuple[str, int, int, bool]] = []
    for m in _NAME_RE.finditer(run.group(0)):
        name, s, e = _clean(m.group(0), run.start() + m.start(), calendar)
        if name and name.split()[0].lower() not in calendar:
            inside = bool(out) and "," in run.string[out[-1][2]:s]
            out.append((name, s, e, inside))
    return out


def _known(gaz: Gazetteer, name: str, s: int, context: dict[str, float], setting: str) -> Place | None:
    """The place a name is, read in its setting; else the longest known place inside it
    ("Baghdad Shi'ite districts", "Mosul Today"), names as written only."""
    place = gaz.resolve(f"{name}, {setting}" if setting else name, context=context, start=s, end=s + len(name))
    if place is not None and setting:
        alone = gaz.resolve(name, context=context, start=s, end=s + len(name))
        if alone is not None and alone.country != place.country and _context_of(gaz, name) is not None:
            return alone  # "west Mosul, U.S. pledges support": a city of one country is no part of another
        # the setting answered for the name ("Several neighbourhoods, West Mosul"): the name itself
        # is a place only where it resolves in the setting's country
        place = alone if alone is not None and (alone.name == place.name or alone.country == place.country) else None
    words = name.split()
    if place is not None and place.lat is None and place.geo_precision is None and len(words) > 1 and not setting:
        # a country and a town of it in one name ("Myanmar's Demoso Claims It", "Iraq's IS Mosul"):
        # the town
        town = _inside(gaz, words, s, context, setting)
        return town if town is not None and town.lat is not None and town.country == place.country else place
    if place is not None:
        return place
    if _HAS_PLACE_WORD.search(name) and not words[-1][0].isupper():
        # "Aleppo neighborhoods", "Khartoum market": a part of a town the name before the word is,
        # read whole and as written; "Hnan Khar village" is one unknown name, not "Khar"
        head = name[:name.rstrip().rfind(" ")].strip()
        town = gaz.resolve(head, context=context, start=s, end=s + len(name), fuzzy=False) if head else None
        if town is not None and town.lat is not None and town.geo_precision == 1 and setting == "":
            return town
        return None
    return _inside(gaz, words, s, context, setting)


def _inside(gaz: Gazetteer, words: list[str], s: int, context: dict[str, float], setting: str) -> Place | None:
    """The longest known place inside a name's words (``s``: the name's offset), names as written
    only; one in the setting's country where there is a setting, a town before a country, one in
    the story's countries before one elsewhere."""
    within: list[str | None] = []  # the setting's country, read once when needed
    country: Place | None = None
    elsewhere: Place | None = None
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            sub = " ".join(words[i:i + size])  # "Baghdad Shi'ite", "Mosul Today", "Iraq's Tikrit"
            if len(sub) < 4 or not sub[0].isupper() or sub.lower() in _KIND_WORDS:
                continue  # ("Cattle Market": "Market" is the name's kind, no town of that name)
            sub_start = s + len(" ".join(words[:i])) + (1 if i else 0)
            found = gaz.resolve(_POSSESSIVE.sub("", sub), context=context, start=sub_start, end=sub_start + len(sub),
                                fuzzy=False)
            if found is None:
                continue
            if setting:
                # "Hammam Al Alil, Nineveh province, Iraq": a part of an unknown name is the place
                # only inside the setting's country ("Hammam" is a Syrian village)
                if not within:
                    where = gaz.resolve(setting, context=context)
                    within.append(where.country if where is not None else None)
                if within[0] is not None and found.country != within[0]:
                    continue
            if found.geo_precision is None and found.lat is None:
                # a country beside a place in it ("Iraq Mosul"): the place, if the name holds one
                country = country or found
                continue
            if country is not None and found.country != country.country:
                continue
            if context and found.country not in context:
                # "Center of The Capital Damascus": a part named in the story's countries first
                elsewhere = elsewhere or found
                continue
            return found
    return elsewhere or country


def _fallback(name: str, s: int, setting: Place | None, context: dict[str, float]) -> Place | None:
    """An unknown name the text puts somewhere: the place it is in ("Gashala in Adamawa",
    "Kolloram, Borno") at ``geo_precision`` 2 beside a town or the area's own precision, or the
    one country the story leads with (no point); None where the text gives neither."""
    if setting is not None:
        precision = 2 if setting.geo_precision == 1 else setting.geo_precision
        return replace(setting, text=name, geo_precision=precision, start=s, end=s + len(name))
    iso = leading_country(context)
    if iso is None:
        return None
    return Place(text=name, name=country_name(iso), country=iso, start=s, end=s + len(name))


def _abroad(gaz: Gazetteer, place: Place, lead: str | None) -> bool:
    """Is ``place`` beyond the country the story leads with and its neighbours? A story told
    from one country reaches across its borders ("Cameroon's forces ... in Ngoshe", a Nigerian
    town; "Nasib town at the border with Jordan"), not to another continent."""
    if lead is None or place.country == lead:
        return False
    return place.country not in gaz.neighbours.get(lead, ())


def geoparse(text: str, *, gazetteer: Gazetteer | None = None) -> list[Place]:
    """The places ``text`` names, in text order, each resolved (see the module's docstring).

    A name the resolver does not know is kept only where the text puts it somewhere (see
    :func:`_fallback`); otherwise it is left out, never guessed. A country alone has no point.
    """
    if not text or not text.strip():
        return []
    gaz = gazetteer or Gazetteer.default()
    original, text = text, _sentence_case(_OTHER_SCRIPT.sub(lambda m: " " * len(m.group(0)), text))
    context = story_context(text, gaz)
    calendar = calendar_names()
    out: list[Place] = []
    for run in _RUN.finditer(text):
        parts = _parts(run, calendar)
        located = (_LOCATIVE_BEFORE.search(text, max(0, run.start() - 12), run.start()) is not None
                   or _PLACE_VERB_BEFORE.search(text, max(0, run.start() - 24), run.start()) is not None)
        direction = _DIRECTION_BEFORE.search(text, max(0, run.start() - 16), run.start())
        label = run.start() == 0 or text[run.start() - 1] == "\n"
        label = label and _LABEL_AFTER.match(text, run.end()) is not None  # "MONGUNO: AT LEAST 100 KILLED"
        inner = _IN_AFTER.match(text, run.end())
        if inner is not None:
            line = original[text.rfind("\n", 0, run.start()) + 1:]
            headline = headline_cased(line[:line.find("\n")] if "\n" in line else line)
        # "the Syrian village of Qundarah", "the Borno town of Kolloram": the text says whose place it is
        run_context, owner_place = context, None
        owner = kind_owner().search(text, max(0, run.start() - 48), run.start())
        if owner is not None:
            located = True
            hit = lookup_country(owner.group(1))
            if hit is not None and hit.kind in ("demonym", "name"):
                run_context = dict(context)
                run_context[hit.iso3] = run_context.get(hit.iso3, 0.0) + defaults.PLACE_CTX_OWNER
            elif hit is None:
                owner_place = gaz.resolve(owner.group(1), context=context)
        resolved: dict[int, Place] = {}
        for k in range(len(parts) - 1, -1, -1):
            name, s, _e, _inside = parts[k]
            # its setting: the names a comma puts it in ("Ratlah and Al Aekershi villages, Raqqa governorate")
            after = [j for j in range(k + 1, len(parts)) if parts[j][3]]
            setting = ", ".join(p[0] for p in parts[after[0]:]) if after else ""
            if (setting and gaz.resolve(setting, context=run_context, fuzzy=False) is None
                    and _known(gaz, name, s, run_context, "") is not None):
                # a known name and no known place after its comma ("the vicinity of Hajin, SDF and
                # Coalition bring"): a list, not the name's setting
                setting, after = "", []
            place = None
            if k == 0 and direction is not None:
                # "the eastern Ghouta", "northern Iraq": the direction is part of the name
                place = _known(gaz, text[direction.start():_e], direction.start(), run_context, setting)
                if place is not None:
                    name, s = text[direction.start():_e], direction.start()
            if place is None:
                place = _known(gaz, name, s, run_context, setting)
            last = k == len(parts) - 1
            strong = (bool(setting) or located or (last and inner is not None)
                      or _HAS_PLACE_WORD.search(name) is not None)
            # "Haj Ali near Qayyarah", "at Abulam in Borno": the text puts an unknown name in a place
            # (not in a headline-cased line, whose every word is capitalised: "GUNMEN NEAR KADUGLI",
            # "Two Die in Junta Raids in Sagaing Region")
            put = (last and inner is not None and not headline
                   and (located or inner.group("prep").lower() not in ("in", "of")))
            if place is None:
                if not (setting or put or owner or _HAS_PLACE_WORD.search(name)) or len(name) < 4:
                    continue  # an unknown name is a place only where the text says so ("X village", "X, Y province")
                where = resolved.get(after[0]) if after else owner_place if k == 0 else None
                if where is None and inner is not None and last:
                    # (up to a sentence's end: "... of Aleppo. CivilDefense teams")
                    where = gaz.resolve(inner.group("name").split(". ")[0], context=run_context)
                place = _fallback(name, s, where, run_context)
                if place is None:
                    continue
            elif not (strong or len(parts) > 1 or label
                      or _context_of(gaz, text[place.start or s:place.end or s]) is not None
                      or run_context.get(place.country or "", 0.0) > 0.0):
                continue
            elif not setting and place.country not in run_context and _abroad(gaz, place, leading_country(run_context)):
                continue  # a namesake abroad of a story told elsewhere ("Junta Raids in Sagaing Region")
            elif not (setting or located or label) and _shouted_word(original, gaz, place, s, name):
                continue  # "LIBYA STILL BOMBING CHAD": an English word in capitals, not Still, France
            start, end = (place.start, place.end) if place.start is not None and place.end is not None else (s, s + len(name))
            resolved[k] = replace(place, text=original[start:end], start=start, end=end)
        out.extend(resolved[k] for k in sorted(resolved))
    return out
