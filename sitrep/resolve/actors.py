"""Actor resolution: noun phrases from news text -> canonical :class:`~sitrep.models.Actor`.

Knowledge lives in data files, this module only reads them:

- ``data/actors.yaml``        named organisations (IGOs, armed groups, state bodies, media)
- ``data/actor_people.yaml``  people -> their role and organisation, with the years it held
- ``data/actor_places.yaml``  sub-national places that say which country an actor belongs to
- ``data/agents.yaml``        generic actor words ("troops", "militiamen") and the phrase grammar
- ``data/actor_spelling.yaml`` transliteration variants ("Hizballah" = "Hezbollah")
- country names, demonyms and capitals come from :mod:`sitrep.resolve.countries`

Matching works on normalised words (:class:`Normalizer`): accents, case, apostrophes and
doubled letters are dropped and spelling variants mapped, so "Kata'ib Hizballah",
"Kataeb Hizbullah" and "Kataib Hezbollah" are one key. Names of people and groups also get a
consonant-skeleton key ("ktb hzbl"), tried only on capitalised words, so unseen
transliterations still match. Aliases are stored in a dict keyed by word tuples with the
possible lengths per first word, so :meth:`ActorResolver.find_mentions` is a single
left-to-right pass of dict lookups (longest match wins, matches never overlap).

:meth:`ActorResolver.resolve` reads one actor phrase ("Iran-backed Iraqi militia groups"):

1. a named actor in the phrase head wins (the rightmost one, not a possessor or an
   "X-backed" modifier): "Pentagon press secretary John Kirby" -> John Kirby;
2. otherwise a generic agent word ("militia", "troops") gives the type and a country word
   in the head gives the country ("US troops" -> USA military); "Iran-backed" names a
   sponsor, never the actor's country; a country after "in"/"of" is used next
   ("rebels in the Ivory Coast"), then ``context_country``;
3. otherwise a country, capital or demonym alone ("Washington" -> United States government);
4. otherwise None: an unknown phrase is never guessed.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import os
import pickle
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from sitrep import defaults
from sitrep.datafiles import read_yaml
from sitrep.errors import DataFileError
from sitrep.models import ACTOR_TYPES, Actor

ACTORS_FILE = defaults.DATA_DIR / "actors.yaml"
PEOPLE_FILE = defaults.DATA_DIR / "actor_people.yaml"
PLACES_FILE = defaults.DATA_DIR / "actor_places.yaml"
AGENTS_FILE = defaults.DATA_DIR / "agents.yaml"
SPELLING_FILE = defaults.DATA_DIR / "actor_spelling.yaml"
#: Built by scripts/build_phoenix_actors.py from the Phoenix dictionaries (MIT); read after
#: sitrep's own files, exact matches only (no consonant-skeleton guesses on 25,000 names).
PHOENIX_FILE = defaults.DATA_DIR / "actors_phoenix.yaml"
PATTERNS_FILE = defaults.DATA_DIR / "actor_patterns.yaml"
#: sitrep's own hand-made files (the Phoenix file's builder checks its aliases against them)
OWN_ACTOR_FILES = (ACTORS_FILE, PEOPLE_FILE, PLACES_FILE)
DEFAULT_ACTOR_FILES = (*OWN_ACTOR_FILES, PHOENIX_FILE)

#: Entry kinds. ``org``/``person`` are named actors; the country kinds come from
#: sitrep.resolve.countries; ``place`` only locates; ``petrarch`` comes from a
#: PETRARCH/TABARI dictionary (see sitrep.resolve.petrarch).
KINDS = ("org", "person", "country", "capital", "demonym", "people", "place", "petrarch")
_NAMED = frozenset({"org", "person", "petrarch"})
_COUNTRYISH = frozenset({"country", "capital", "demonym", "people", "place"})
#: Actor types of armed groups that are no state's forces (ACLED's rebel groups and militias); news
#: describes them by many words ("insurgents", "fighters", "gunmen") read as one or the other.
ARMED_GROUP_TYPES = frozenset({"rebels", "militia"})
#: Actor types of people who take no part in the fighting: refugees are civilians too (ACLED codes
#: both as Civilians), so "Palestinian refugees" and "Palestinian civilians" may be one side.
CIVILIAN_TYPES = frozenset({"civilians", "refugees"})
#: Named groups whose members are written as a plural of the name ("the Houthis").
_PLURAL_TYPES = frozenset({"militia", "rebels", "criminal", "political party"})
_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun jul "
    "aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday".split())
#: Lower-case words inside a written name ("Organisation for the Prohibition of ...", "al-Sadr").
_NAME_PARTICLES = frozenset({"of", "the", "for", "and", "in", "on", "to", "al", "el", "de", "du", "la", "le", "des",
                             "bin", "ibn", "van", "von", "der", "da", "di"})



# --- normalisation ------------------------------------------------------------------------

_DROP = re.compile(r"[’'‘ʼʻ`´.\u02bf\u02be]")
_DOUBLE = re.compile(r"([^\W\d_])\1+")
_SKEL_DROP = re.compile(r"[aeiouyh]")
#: Arabic article forms written joined by a hyphen ("ash-Shabaab", "ez-Zor") -> "al".
_SUN_ARTICLES = frozenset({"al", "el", "ad", "ash", "as", "an", "ar", "at", "az", "adh", "ath", "ez", "es", "ed", "ul"})


def strip_accents(text: str) -> str:
    """NFKD with combining marks removed: "Öcalan" -> "Ocalan"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _base_word(word: str) -> str:
    s = _DROP.sub("", strip_accents(word).casefold())
    s = s.replace("isation", "ization")
    # doubled letters collapse in words of 5+ letters only: "LAAF" is not "LAF", "Bree" stays
    return _DOUBLE.sub(r"\1", s) if len(s) >= 5 else s


class Normalizer:
    """Word normaliser shared by aliases and text (see the module docstring)."""

    def __init__(self, variants: dict[str, str]) -> None:
        self.variants = variants
        self._cache: dict[str, str] = {}
        self._skel: dict[str, str] = {}
        self._norms: dict[str, tuple[str, ...]] = {}

    def skeleton(self, norm: str) -> str:
        hit = self._skel.get(norm)
        if hit is None:
            hit = skeleton(norm)
            if len(self._skel) > 500_000:
                self._skel.clear()
            self._skel[norm] = hit
        return hit

    def norms(self, text: str) -> tuple[str, ...]:
        """The normalised words of ``text`` (``tokenize``'s ``norm``), read once per text: the
        coreference of each definite phrase reads the names of the actors before it again."""
        hit = self._norms.get(text)
        if hit is None:
            hit = tuple(t.norm for t in tokenize(text, self))
            if len(self._norms) > defaults.ACTOR_NORMS_CACHE:
                self._norms.clear()
            self._norms[text] = hit
        return hit

    def word(self, raw: str) -> str:
        hit = self._cache.get(raw)
        if hit is None:
            base = _base_word(raw)
            hit = self.variants.get(base, base)
            if len(self._cache) > 500_000:
                self._cache.clear()
            self._cache[raw] = hit
        return hit


def skeleton(norm: str) -> str:
    """Consonant skeleton of a normalised word: first letter kept, then vowels, y and h
    dropped ("hezbolah" -> "hzbl", "kataib" -> "ktb")."""
    return norm[:1] + _SKEL_DROP.sub("", norm[1:]) if norm else norm


def load_spelling(path: Path = SPELLING_FILE) -> dict[str, str]:
    """Read the spelling-variant table: variant base form -> canonical base form."""
    raw = _read_yaml(path)
    table = raw.get("variants") if isinstance(raw, dict) else None
    if not isinstance(table, dict):
        raise DataFileError("expected a mapping with a 'variants' mapping", item=str(path))
    out: dict[str, str] = {}
    for canon, variants in table.items():
        if not isinstance(canon, str) or not isinstance(variants, list):
            raise DataFileError(f"variants.{canon}: expected a word and a list of variants", item=str(path))
        c = _base_word(canon)
        for v in variants:
            if not isinstance(v, str) or not v.strip():
                raise DataFileError(f"variants.{canon}: bad variant {v!r}", item=str(path))
            b = _base_word(v)
            if b != c:
                if b in out and out[b] != c:
                    raise DataFileError(f"variant {v!r} maps to both {out[b]!r} and {c!r}", item=str(path))
                out[b] = c
    return out


@cache
def default_normalizer() -> Normalizer:
    return Normalizer(load_spelling())


# --- tokens -------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’ʼ‘`][^\W_]+)*")
_HYPHENS = frozenset({"-", "\u2011", "\u2010"})
_BREAK_RE = re.compile(r"[,;:()\[\]{}\"“”—–]|\s-\s")


@dataclass(slots=True)
class Tok:
    """One word of a phrase: offsets, raw text, normalised form and attachments."""

    start: int
    end: int
    raw: str
    norm: str
    poss: bool = False  # "Iraq's"
    hy_before: bool = False  # joined to the previous word by a hyphen
    hy_after: bool = False
    brk_before: bool = False  # punctuation (comma, bracket, dash) before it

    @property
    def capitalised(self) -> bool:
        return self.raw[:1].isupper()


def tokenize(text: str, normalizer: Normalizer | None = None) -> list[Tok]:
    """Split ``text`` into :class:`Tok` words with normalised forms."""
    nz = normalizer or default_normalizer()
    known = nz._cache  # (``nz.word`` without the call for a word met before)
    toks: list[Tok] = []
    n = len(text)
    prev: Tok | None = None
    for m in _TOKEN_RE.finditer(text):
        s, e = m.span()
        raw = m.group()
        poss = False
        if len(raw) > 2 and raw[-2] in "'’" and raw[-1] in "sS":
            raw, e, poss = raw[:-2], e - 2, True
        elif e < n and text[e] in "'’" and raw[-1:] in ("s", "S") and (e + 1 == n or not text[e + 1].isalnum()):
            poss = True  # "Workers'"
        norm = known.get(raw)
        if norm is None:
            norm = nz.word(raw)
        tok = Tok(s, e, raw, "al" if norm == "el" else norm, poss)
        # the gap after the word before: one space (most words) says nothing
        if prev is not None and not (s == prev.end + 1 and text[prev.end] == " "):
            gap = text[prev.end:s]
            if gap in _HYPHENS:
                prev.hy_after = tok.hy_before = True
                if prev.norm in _SUN_ARTICLES:
                    prev.norm = "al"  # "ash-Shabaab"
            elif gap.strip() and _BREAK_RE.search(gap):
                tok.brk_before = True
        toks.append(tok)
        prev = tok
    return toks


def normalize(text: str) -> str:
    """The normalised key of a phrase ("Kata'ib Hizballah" -> "kataib hezbolah")."""
    return " ".join(t.norm for t in tokenize(text))


# --- data model ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DatedCode:
    """A date-restricted code (PETRARCH/TABARI): ``op`` is "<" (on or before ``lo``),
    ">" (on or after ``lo``) or "-" (``lo`` to ``hi``); dates are proleptic ordinals."""

    code: str
    op: str
    lo: int
    hi: int = 0

    def applies(self, ordinal: int) -> bool:
        if self.op == "<":
            return ordinal <= self.lo
        if self.op == ">":
            return ordinal >= self.lo
        return self.lo <= ordinal <= self.hi


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One dictionary entry: what a set of aliases stands for."""

    name: str
    kind: str
    country: str | None = None
    type: str | None = None
    inter: int | None = None
    code: str | None = None
    role: str | None = None
    org: str | None = None
    aliases: tuple[str, ...] = ()
    valid: tuple[tuple[int, int], ...] = ()  # inclusive year ranges; () = always
    dated_codes: tuple[DatedCode, ...] = ()
    case_sensitive: tuple[str, ...] = ()
    source: str = ""

    def valid_in(self, year: int) -> bool:
        return not self.valid or any(lo <= year <= hi for lo, hi in self.valid)

    def last_year(self) -> int:
        return max((hi for _, hi in self.valid), default=9999)

    def year_distance(self, year: int) -> int:
        if not self.valid:
            return 0
        return min(0 if lo <= year <= hi else min(abs(year - lo), abs(year - hi)) for lo, hi in self.valid)

    def code_at(self, ordinal: int | None) -> str | None:
        """The code in force on a date (first matching restriction, else the default)."""
        if ordinal is not None:
            for dc in self.dated_codes:
                if dc.applies(ordinal):
                    return dc.code
        return self.code


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """A generic actor word: "troops" -> military."""

    words: str
    type: str | None
    inter: int | None = None
    code: str | None = None  # CAMEO role suffix; PETRARCH agent code without "~"
    label: str | None = None
    weak: bool = False
    prefix: bool = False  # PETRARCH "NGO~": the code goes before the actor's
    source: str = ""  # "petrarch" for agents read from a PETRARCH .agents dictionary


@dataclass(frozen=True, slots=True)
class TypeInfo:
    inter: int
    code: str | None
    label: str
    template: str


@dataclass(frozen=True, slots=True)
class Grammar:
    """The phrase grammar from agents.yaml (word sets)."""

    types: dict[str, TypeInfo]
    anaphors: dict[str, tuple[str, ...]]
    boundaries: frozenset[str]
    sponsor_suffixes: frozenset[str]
    leader_suffixes: frozenset[str]
    location_suffixes: frozenset[str]
    opposed_prefixes: frozenset[str]
    determiners: frozenset[str]
    institution_agents: frozenset[str]
    ethnic_markers: frozenset[str]
    several_states: frozenset[str] = frozenset()
    place_heads: frozenset[str] = frozenset()
    battle_words: frozenset[str] = frozenset()
    corporate_suffixes: frozenset[str] = frozenset()
    labour_words: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Alias:
    entry: int
    case: str | None  # "" = an acronym: the text must be upper case; "XyZ" = exactly this surface
    cap: bool  # one word: the text must be capitalised
    title: bool = False  # every content word must be capitalised (names from the Phoenix dictionaries)


@dataclass(slots=True)
class _Match:
    i: int  # first token
    j: int  # one past the last token
    entry: int
    how: str  # exact | fuzzy | abbrev
    role: str | None = None  # sponsor | leader | location | opposed | None

    @property
    def n(self) -> int:
        return self.j - self.i


# --- loading ------------------------------------------------------------------------------


def _written_as_name(toks: Sequence[Tok]) -> bool:
    """Every word capitalised but for name particles ("Organisation for the Prohibition of ...")."""
    return all(t.capitalised or t.norm in _NAME_PARTICLES or not t.norm.isalpha() for t in toks)


def written_as_name(text: str) -> bool:
    """True when ``text`` is written as a name: every word capitalised but for particles."""
    return _written_as_name(tokenize(text))


def _read_yaml(path: Path) -> Any:
    return read_yaml(path, path.name)


def _parse_valid(value: Any) -> tuple[tuple[int, int], ...]:
    """ "2021-2022", "2014-", "-2020", "2000-2008; 2012-", 2021 -> year ranges."""
    if value is None:
        return ()
    if isinstance(value, int):
        return ((value, value),)
    if not isinstance(value, str):
        raise ValueError(f"valid must be a year or a 'YYYY-YYYY' string, got {value!r}")
    out: list[tuple[int, int]] = []
    for part in re.split(r"[;,]", value):
        part = part.strip()
        m = re.fullmatch(r"(\d{4})?\s*-\s*(\d{4})?|(\d{4})", part)
        if not m or part == "-":
            raise ValueError(f"bad valid range {part!r} (use 'YYYY-YYYY', 'YYYY-' or '-YYYY')")
        if m.group(3):
            y = int(m.group(3))
            out.append((y, y))
        else:
            lo = int(m.group(1)) if m.group(1) else 0
            hi = int(m.group(2)) if m.group(2) else 9999
            if hi < lo:
                raise ValueError(f"valid range {part!r} ends before it starts")
            out.append((lo, hi))
    return tuple(out)


_ENTRY_KEYS = {
    "actors": {"name", "type", "country", "inter", "code", "aliases", "case_sensitive", "valid", "note", "role", "org"},
    "people": {"name", "role", "org", "type", "country", "inter", "code", "aliases", "case_sensitive", "valid", "note"},
    "places": {"name", "country", "aliases", "note"},
}
_CODE_RE = re.compile(r"[A-Z0-9]{3,15}")


def _check_country(iso: Any) -> bool:
    if iso is None:
        return True
    if not (isinstance(iso, str) and re.fullmatch(r"[A-Z]{3}", iso)):
        return False
    try:
        from sitrep.resolve.countries import is_country_code
    except ImportError:  # pragma: no cover - countries module absent
        return True
    return is_country_code(iso)


def load_actor_file(path: Path, types: dict[str, TypeInfo] | None = None) -> list[ActorEntry]:
    """Read and schema-check one actor data file (sections ``actors``, ``people``,
    ``places``); raise DataFileError naming the file and entry."""
    types = types or load_grammar().types
    raw = _read_yaml(path)
    if not isinstance(raw, dict) or not set(raw) & set(_ENTRY_KEYS):
        raise DataFileError(f"expected a mapping with one of {sorted(_ENTRY_KEYS)}", item=str(path))
    unknown = set(raw) - set(_ENTRY_KEYS)
    if unknown:
        raise DataFileError(f"unknown top-level keys {sorted(unknown)}", item=str(path))
    out: list[ActorEntry] = []
    for section in ("actors", "people", "places"):
        items = raw.get(section) or []
        if not isinstance(items, list):
            raise DataFileError(f"{section}: expected a list of entries", item=str(path))
        for n, d in enumerate(items, 1):
            where = f"{path.name}: {section} entry {n}"

            def fail(why: str, where: str = where, d: Any = d) -> DataFileError:
                name = d.get("name") if isinstance(d, dict) else None
                return DataFileError(f"{where} ({name!r}): {why}", item=str(path))

            if not isinstance(d, dict):
                raise fail("expected a mapping")
            bad = set(d) - _ENTRY_KEYS[section]
            if bad:
                raise fail(f"unknown keys {sorted(bad)}")
            name = d.get("name")
            if not (isinstance(name, str) and name.strip()):
                raise fail("needs a non-empty name")
            aliases = d.get("aliases") or []
            cs = d.get("case_sensitive") or []
            for lst, what in ((aliases, "aliases"), (cs, "case_sensitive")):
                if not isinstance(lst, list) or not all(isinstance(a, str) and a.strip() for a in lst):
                    raise fail(f"{what} must be a list of non-empty strings")
            if not _check_country(d.get("country")):
                raise fail(f"country {d.get('country')!r} is not a known ISO 3166 alpha-3 code")
            if section == "places":
                if not d.get("country"):
                    raise fail("a place needs a country")
                out.append(ActorEntry(name=name, kind="place", country=d["country"], code=d["country"],
                                      aliases=tuple([name, *aliases]), source=where))
                continue
            atype = d.get("type")
            if atype not in ACTOR_TYPES:
                raise fail(f"type {atype!r} is not one of models.ACTOR_TYPES")
            inter = d.get("inter", types[atype].inter if atype in types else None)
            if not (isinstance(inter, int) and 1 <= inter <= 8):
                raise fail(f"inter {inter!r} must be an ACLED interaction code 1-8")
            code = d.get("code")
            if code is not None and not (isinstance(code, str) and _CODE_RE.fullmatch(code)):
                raise fail(f"code {code!r} must be 3-15 capitals/digits (CAMEO style)")
            if section == "people" and not (isinstance(d.get("role"), str) and d["role"].strip()):
                raise fail("a person needs a role")
            for key in ("role", "org", "note"):
                if d.get(key) is not None and not isinstance(d[key], str):
                    raise fail(f"{key} must be a string")
            try:
                valid = _parse_valid(d.get("valid"))
            except ValueError as exc:
                raise fail(str(exc)) from None
            out.append(ActorEntry(
                name=name, kind="person" if section == "people" else "org", country=d.get("country"),
                type=atype, inter=inter, code=code, role=d.get("role"), org=d.get("org"),
                aliases=tuple(dict.fromkeys([name, *aliases])), valid=valid, case_sensitive=tuple(cs),
                source=where,
            ))
    return out


def _plural(words: str) -> str:
    head, _, last = words.rpartition(" ")
    low = last.lower()
    if low.endswith("man"):
        p = last[:-3] + "men"
    elif low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        p = last[:-1] + "ies"
    elif low.endswith(("s", "x", "z", "ch", "sh")):
        p = last + "es"
    else:
        p = last + "s"
    return f"{head} {p}" if head else p


@cache
def load_grammar(path: Path = AGENTS_FILE) -> Grammar:
    """Types table, anaphors and phrase word lists from agents.yaml."""
    raw = _read_yaml(path)
    if not isinstance(raw, dict):
        raise DataFileError("expected a mapping", item=str(path))
    types: dict[str, TypeInfo] = {}
    for t, info in (raw.get("types") or {}).items():
        if t not in ACTOR_TYPES:
            raise DataFileError(f"types.{t}: not one of models.ACTOR_TYPES", item=str(path))
        if not isinstance(info, dict) or not isinstance(info.get("inter"), int) or not isinstance(info.get("label"), str):
            raise DataFileError(f"types.{t}: needs inter (int) and label", item=str(path))
        types[t] = TypeInfo(inter=info["inter"], code=info.get("code"), label=info["label"],
                            template=info.get("template") or "{adj} " + info["label"])
    missing = set(ACTOR_TYPES) - set(types)
    if missing:
        raise DataFileError(f"types: missing {sorted(missing)}", item=str(path))
    nz = default_normalizer()

    def words(key: str) -> frozenset[str]:
        value = raw.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise DataFileError(f"{key}: expected a list of words", item=str(path))
        return frozenset(nz.word(v) for v in value)

    anaphors: dict[str, tuple[str, ...]] = {}
    for word, kinds in (raw.get("anaphors") or {}).items():
        if not isinstance(kinds, list):
            raise DataFileError(f"anaphors.{word}: expected a list of types", item=str(path))
        for k in kinds:
            if k not in ACTOR_TYPES and k not in ("person", "country", "any_group", "any"):
                raise DataFileError(f"anaphors.{word}: unknown type {k!r}", item=str(path))
        anaphors[nz.word(str(word))] = tuple(kinds)
    return Grammar(
        types=types, anaphors=anaphors, boundaries=words("boundaries"),
        sponsor_suffixes=words("sponsor_suffixes"), leader_suffixes=words("leader_suffixes"),
        location_suffixes=words("location_suffixes"), opposed_prefixes=words("opposed_prefixes"),
        determiners=words("determiners"), institution_agents=words("institution_agents"),
        ethnic_markers=words("ethnic_markers"), several_states=words("several_states"),
        place_heads=words("place_heads"), battle_words=words("battle_words"),
        corporate_suffixes=words("corporate_suffixes"), labour_words=words("labour_words"),
    )


def load_agents(path: Path = AGENTS_FILE) -> list[AgentEntry]:
    """Generic agent words (singular and plural forms) from agents.yaml."""
    raw = _read_yaml(path)
    grammar = load_grammar(path)
    table = raw.get("agents") if isinstance(raw, dict) else None
    if not isinstance(table, dict):
        raise DataFileError("expected an 'agents' mapping", item=str(path))
    out: list[AgentEntry] = []
    allowed = {"type", "plural", "weak", "inter", "label", "code"}
    for words, info in table.items():
        where = f"{path.name}: agents.{words}"
        if not isinstance(info, dict) or "type" not in info:
            raise DataFileError(f"{where}: expected a mapping with a type", item=str(path))
        bad = set(info) - allowed
        if bad:
            raise DataFileError(f"{where}: unknown keys {sorted(bad)}", item=str(path))
        t = info["type"]
        if t is not None and t not in ACTOR_TYPES:
            raise DataFileError(f"{where}: type {t!r} is not one of models.ACTOR_TYPES", item=str(path))
        inter = info.get("inter")
        if inter is not None and not (isinstance(inter, int) and 1 <= inter <= 8):
            raise DataFileError(f"{where}: inter must be 1-8", item=str(path))
        code = info.get("code", grammar.types[t].code if t else None)
        base = AgentEntry(words=str(words), type=t, inter=inter, code=code, label=info.get("label"),
                          weak=bool(info.get("weak", False)))
        out.append(base)
        plural = info.get("plural", True)
        if plural is True:
            out.append(dataclasses.replace(base, words=_plural(str(words))))
        elif isinstance(plural, str):
            out.append(dataclasses.replace(base, words=plural))
        elif plural is not False:
            raise DataFileError(f"{where}: plural must be a word or no", item=str(path))
    return out


# --- the resolver -------------------------------------------------------------------------


#: Kinds of state body whose own name ("National Police", "Federal Police") an analyst keeps.
_ORGAN_TYPES = frozenset({"police", "military"})


@dataclass(frozen=True, slots=True)
class NamePatterns:
    """How armed groups' names are built (actor_patterns.yaml): last word, first word, or
    words anywhere in the name -> actor type."""

    heads: dict[str, str]
    prefixes: dict[str, str]
    contains: tuple[tuple[tuple[str, ...], str], ...]
    organs: frozenset[str] = frozenset()  # words that open a state organ's own name ("National Police")


@cache
def load_name_patterns(path: Path = PATTERNS_FILE) -> NamePatterns:
    """Read and schema-check actor_patterns.yaml; raise DataFileError naming the entry."""
    raw = _read_yaml(path)
    if not isinstance(raw, dict) or set(raw) - {"heads", "prefixes", "contains", "organs"}:
        raise DataFileError("expected a mapping with heads, prefixes, contains and organs", item=str(path))
    organs = raw.get("organs") or []
    if not isinstance(organs, list) or not all(isinstance(w, str) and len(w.split()) == 1 for w in organs):
        raise DataFileError("organs: expected a list of single words", item=str(path))
    nz = default_normalizer()
    tables: dict[str, dict[tuple[str, ...], str]] = {}
    for section in ("heads", "prefixes", "contains"):
        table = raw.get(section) or {}
        if not isinstance(table, dict):
            raise DataFileError(f"{section}: expected a mapping of words to actor types", item=str(path))
        out: dict[tuple[str, ...], str] = {}
        for words, atype in table.items():
            if atype not in ACTOR_TYPES:
                raise DataFileError(f"{section}.{words}: type {atype!r} is not one of models.ACTOR_TYPES", item=str(path))
            key = tuple(t.norm for t in tokenize(str(words), nz))
            if not key or (section != "contains" and len(key) != 1):
                raise DataFileError(f"{section}.{words}: expected {'words' if section == 'contains' else 'one word'}",
                                    item=str(path))
            out[key] = atype
        tables[section] = out
    return NamePatterns(heads={k[0]: v for k, v in tables["heads"].items()},
                        prefixes={k[0]: v for k, v in tables["prefixes"].items()},
                        contains=tuple(tables["contains"].items()),
                        organs=frozenset(t.norm for w in organs for t in tokenize(w, nz)))



def _when(date: Any) -> tuple[int, int] | None:
    """(year, ordinal) of a date given as "YYYY-MM-DD", "YYYYMMDD", a date or a year."""
    if type(date) is str:
        return _when_written(date)  # (the publication date: asked once per name resolved)
    return _when_read(date)


@lru_cache(maxsize=1024)
def _when_written(date: str) -> tuple[int, int] | None:
    return _when_read(date)


def _when_read(date: Any) -> tuple[int, int] | None:
    if date is None or date == "":
        return None
    if isinstance(date, _dt.date):
        return date.year, date.toordinal()
    if isinstance(date, int):
        return date, _dt.date(date, 7, 1).toordinal()
    s = str(date).strip()
    m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", s[:10]) or re.fullmatch(r"(\d{4})", s)
    if not m:
        return None
    y = int(m.group(1))
    try:
        d = _dt.date(y, int(m.group(2)), int(m.group(3))) if m.lastindex and m.lastindex >= 3 else _dt.date(y, 7, 1)
    except ValueError:
        return None
    return y, d.toordinal()


class ActorResolver:
    """Resolves actor phrases and finds actor mentions; see the module docstring.

    Build one with :meth:`default` (package data, cached), :meth:`from_files` or
    :meth:`from_petrarch`. Instances are read-only after construction and safe to share.
    """

    def __init__(
        self,
        entries: Sequence[ActorEntry],
        agents: Sequence[AgentEntry],
        grammar: Grammar | None = None,
        *,
        countries: bool = True,
        fuzzy: bool = True,
        normalizer: Normalizer | None = None,
        strip_the: bool = True,
        case_sensitive_max: int = defaults.ACTOR_ACRONYM_CASE_MAX,
        patterns: bool = True,
    ) -> None:
        self.grammar = grammar or load_grammar()
        self.nz = normalizer or default_normalizer()
        self.entries: list[ActorEntry] = list(entries)
        self._aliases_by_name: dict[str, tuple[str, ...]] | None = None  # aliases_of, built on first use
        self.agents: list[AgentEntry] = list(agents)
        self._strip_the = strip_the
        self._patterns = patterns  # type unknown names built like armed groups' (actor_patterns.yaml)
        self._cs_max = case_sensitive_max
        self._exact: dict[tuple[str, ...], list[_Alias]] = {}
        self._lens: dict[str, tuple[int, ...]] = {}
        self._skel: dict[tuple[str, ...], list[_Alias]] = {}
        self._skel_lens: dict[str, tuple[int, ...]] = {}
        self._country_entry: dict[str, int] = {}
        self._use_countries = countries
        self._cnames, self._cdem, self._abbrev = _country_info(countries)
        for idx, e in enumerate(self.entries):
            self._index_entry(idx, e)
        if countries:
            self._index_countries()
            for iso in sorted(set(self._cnames) | set(self._abbrev.values())):
                for kind in ("country", "demonym"):  # built now, so resolving never mutates the resolver
                    self._country_entry_for(iso, kind)
        if fuzzy:
            self._index_skeletons()
        self._lens = self._lengths(self._exact)
        self._skel_lens = self._lengths(self._skel)
        self._agent_index: dict[tuple[str, ...], AgentEntry] = {}
        for a in self.agents:
            key = tuple(t.norm for t in tokenize(a.words, self.nz))
            if key:
                self._agent_index.setdefault(key, a)
        self._agent_lens = self._lengths(self._agent_index)

    # -- construction --------------------------------------------------------------------
    @classmethod
    def default(cls) -> ActorResolver:
        """The resolver over sitrep's own data files (built once per process)."""
        return _default_resolver()

    def aliases_of(self, name: str) -> tuple[str, ...]:
        """Every alias the dictionaries give the named actor or person ("People's Protection
        Units" -> "YPG", ...), the name itself first; just the name when no entry has it."""
        if self._aliases_by_name is None:
            by: dict[str, list[str]] = {}
            for e in self.entries:
                if e.kind in ("org", "person"):
                    by.setdefault(e.name, [e.name]).extend([*e.aliases, *e.case_sensitive])
            self._aliases_by_name = {k: tuple(dict.fromkeys(v)) for k, v in by.items()}
        return self._aliases_by_name.get(name, (name,))

    @classmethod
    def from_files(cls, actor_files: Iterable[Path] = DEFAULT_ACTOR_FILES, agents_file: Path = AGENTS_FILE,
                   *, countries: bool = True) -> ActorResolver:
        grammar = load_grammar(agents_file)
        entries: list[ActorEntry] = []
        for p in actor_files:
            entries.extend(load_actor_file(Path(p), grammar.types))
        return cls(entries, load_agents(agents_file), grammar, countries=countries)

    @classmethod
    def from_petrarch(cls, actors_path: str | Path, agents_path: str | Path | None = None,
                      include_default: bool = False) -> ActorResolver:
        """A resolver over PETRARCH/TABARI ``.actors`` (and ``.agents``) dictionaries.

        Actors carry the dictionary's code (date restrictions applied when ``date`` is
        given to resolve/find_mentions) and ``country`` = its first three letters when
        they are an ISO country code. With ``include_default`` sitrep's own actors,
        countries and agents are added behind the PETRARCH entries.
        """
        from sitrep.resolve import petrarch

        p_entries = petrarch.actor_entries(petrarch.read_actors(Path(actors_path)))
        p_agents = petrarch.agent_entries(petrarch.read_agents(Path(agents_path))) if agents_path else []
        grammar = load_grammar()
        if include_default:
            entries = p_entries + [e for p in OWN_ACTOR_FILES for e in load_actor_file(p, grammar.types)]
            agents = p_agents + load_agents()
        else:
            entries, agents = p_entries, p_agents
        return cls(entries, agents, grammar, countries=include_default, fuzzy=include_default,
                   strip_the=False, patterns=include_default)

    @staticmethod
    def _lengths(index: dict[tuple[str, ...], Any]) -> dict[str, tuple[int, ...]]:
        lens: dict[str, set[int]] = {}
        for key in index:
            lens.setdefault(key[0], set()).add(len(key))
        return {k: tuple(sorted(v, reverse=True)) for k, v in lens.items()}

    def _alias_keys(self, alias: str, kind: str, etype: str | None = None) -> list[tuple[tuple[str, ...], list[Tok]]]:
        toks = tokenize(alias, self.nz)
        if self._strip_the and len(toks) > 1 and toks[0].norm == "the":
            toks = toks[1:]
        if not toks:
            return []
        keys = [(tuple(t.norm for t in toks), toks)]
        if kind in ("org", "person"):
            if toks[0].norm == "al" and len(toks) > 1 and (len(toks) > 2 or len(toks[1].norm) >= 5):
                keys.append((tuple(t.norm for t in toks[1:]), toks[1:]))
            if kind == "person":
                rest = [t for t in toks if t.norm != "al"]
                if 2 <= len(rest) < len(toks):
                    keys.append((tuple(t.norm for t in rest), rest))
            if kind == "org" and etype in _PLURAL_TYPES:
                last = toks[-1].norm
                if last.isalpha() and len(last) >= 4 and not last.endswith("s"):
                    keys.append((tuple(t.norm for t in toks[:-1]) + (last + "s",), toks))
        return keys

    def _add(self, index: dict[tuple[str, ...], list[_Alias]], key: tuple[str, ...], al: _Alias) -> None:
        lst = index.setdefault(key, [])
        if all(x.entry != al.entry for x in lst):
            lst.append(al)

    def _index_entry(self, idx: int, e: ActorEntry) -> None:
        cs = {a.strip() for a in e.case_sensitive}
        for alias in dict.fromkeys([*e.aliases, *e.case_sensitive]):
            letters = re.sub(r"[\s.]", "", alias)
            case: str | None = None
            if alias.strip() in cs:
                case = re.sub(r"[^\w]", "", alias)
            elif letters.isupper() and letters.isalnum() and len(letters) <= self._cs_max:
                case = ""
            # the Phoenix dictionaries are all capitals: a phrase of theirs is a name only where
            # the text writes it as one ("Human Rights Organization", not "a human rights organization")
            title = e.source.startswith(PHOENIX_FILE.name)
            for key, _toks in self._alias_keys(alias, e.kind, e.type):
                self._add(self._exact, key, _Alias(idx, case, len(key) == 1 and case is None, title))

    def _country_entry_for(self, iso: str, kind: str) -> int:
        key = f"{kind}:{iso}"
        if key in self._country_entry:
            return self._country_entry[key]
        name = self._cnames.get(iso, iso)
        adj = self._cdem.get(iso) or name
        tinfo = self.grammar.types
        if kind == "country":
            e = ActorEntry(name=name, kind=kind, country=iso, type="government", inter=tinfo["government"].inter, code=iso)
        elif kind == "capital":
            e = ActorEntry(name=tinfo["government"].template.format(country=name, adj=adj), kind=kind, country=iso,
                           type="government",
                           inter=tinfo["government"].inter, code=iso + (tinfo["government"].code or ""))
        elif kind == "people":
            e = ActorEntry(name=f"{adj} civilians", kind=kind, country=iso, type="civilians",
                           inter=tinfo["civilians"].inter, code=iso + (tinfo["civilians"].code or ""))
        else:  # demonym used as an adjective: the country, sector unknown
            e = ActorEntry(name=name, kind="demonym", country=iso, code=iso)
        self.entries.append(e)
        self._country_entry[key] = len(self.entries) - 1
        return self._country_entry[key]

    def _index_countries(self) -> None:
        from sitrep.resolve.countries import country_keys

        keys = country_keys()
        dem_keys = {k for k, m in keys.items() if m.kind == "demonym"}
        for key, m in keys.items():
            if m.kind == "demonym":
                people = (key.endswith("s") and key[:-1] in dem_keys) or (key.endswith("men") and key[:-3] + "man" in dem_keys)
                kind = "people" if people else "demonym"
            elif m.kind in ("capital", "metonym"):
                kind = "capital"
            else:
                kind = "country"
            toks = tokenize(key, self.nz)
            norm = tuple(t.norm for t in toks)
            if not norm or norm in self._exact:
                continue  # a named actor (or a place) owns this key
            idx = self._country_entry_for(m.iso3, kind)
            self._exact[norm] = [_Alias(idx, None, len(norm) == 1)]
            # countries.py keys drop apostrophes ("peoples"); text tokens drop a possessive "'s"
            for k, w in enumerate(norm[:-1]):
                if len(w) > 3 and w.endswith("s"):
                    self._exact.setdefault(norm[:k] + (w[:-1],) + norm[k + 1:], [_Alias(idx, None, False)])

    def _index_skeletons(self) -> None:
        owners: dict[tuple[str, ...], set[str]] = {}
        for key, als in self._exact.items():
            sk = tuple(skeleton(w) for w in key)
            for al in als:
                owners.setdefault(sk, set()).add(self.entries[al.entry].name)
        for key, als in self._exact.items():
            named = [a for a in als if self.entries[a.entry].kind in ("org", "person") and a.case is None
                     and not self.entries[a.entry].source.startswith(PHOENIX_FILE.name)]
            if not named:
                continue
            sk = tuple(skeleton(w) for w in key)
            if sum(len(s) for s in sk) < defaults.ACTOR_SKELETON_MIN_CHARS:
                continue
            if len(key) == 1 and len(key[0]) < defaults.ACTOR_SKELETON_MIN_WORD:
                continue
            if len(owners.get(sk, ())) != 1:
                continue  # two actors share the skeleton: too ambiguous to guess
            for a in named:
                self._add(self._skel, sk, _Alias(a.entry, None, len(key) == 1))

    # -- matching ------------------------------------------------------------------------
    @staticmethod
    def _ok(al: _Alias, toks: Sequence[Tok]) -> bool:
        if al.case == "":
            return all(t.raw.replace(".", "").isupper() for t in toks)
        if al.case is not None:
            return re.sub(r"[^\w]", "", "".join(t.raw for t in toks)) == al.case
        if al.title and not _written_as_name(toks):
            return False
        if al.cap:
            return toks[0].capitalised
        return True

    def _pick(self, cands: list[_Alias], when: tuple[int, int] | None, context: set[str]) -> int:
        if len(cands) == 1:
            return cands[0].entry

        def score(al: _Alias) -> tuple[int, int, bool, int, int]:
            e = self.entries[al.entry]
            overlap = 0
            if e.role and context:
                overlap = len(context & {t.norm for t in tokenize(e.role, self.nz) if len(t.norm) > 3})
            dist = -e.year_distance(when[0]) if when else 0
            # undated text: an office (typed) before the "elite" years that follow it
            return (overlap, dist, when is not None or e.type != "other", e.last_year(), -al.entry)

        return max(cands, key=score).entry

    def _scan(self, toks: list[Tok], when: tuple[int, int] | None, *, fuzzy: bool = True) -> list[_Match]:
        out: list[_Match] = []
        norms = [t.norm for t in toks]
        n = len(toks)
        sk = self.nz.skeleton
        # in an all-capitals headline "IS" and "UN" are just words
        shouting = n >= 4 and sum(1 for t in toks if len(t.raw) > 1 and t.raw.isupper()) > 0.6 * n
        i = 0
        while i < n:
            best: tuple[int, list[_Alias], str] | None = None
            for L in self._lens.get(norms[i], ()):
                if i + L > n:
                    continue
                cands = self._exact.get(tuple(norms[i:i + L]))
                if cands:
                    ok = [c for c in cands if self._ok(c, toks[i:i + L]) and not (shouting and c.case == "")]
                    if ok:
                        best = (L, ok, "exact")
                        break
            if fuzzy and self._skel and (toks[i].capitalised or norms[i] == "al"):
                for L in self._skel_lens.get(sk(norms[i]), ()):
                    if i + L > n or (best and L <= best[0]):
                        continue
                    span = toks[i:i + L]
                    if not all(t.capitalised or t.norm == "al" for t in span):
                        continue
                    cands = self._skel.get(tuple(sk(w) for w in norms[i:i + L]))
                    if cands:
                        ok = [c for c in cands if self._ok(c, span)]
                        if ok:
                            best = (L, ok, "fuzzy")
                            break
            if best is None and self._use_countries:
                raw = toks[i].raw
                letters = raw.replace(".", "")
                iso = self._abbrev.get(letters) if 2 <= len(letters) <= 5 else None
                if iso is not None:
                    best = (1, [_Alias(self._country_entry_for(iso, "country"), "", False)], "abbrev")
            if best is None:
                i += 1
                continue
            L, ok, how = best
            entry = ok[0].entry if len(ok) == 1 else self._pick(ok, when, {w for w in norms if len(w) > 3})
            out.append(_Match(i, i + L, entry, how))
            i += L
        for m in out:
            m.role = self._modifier_role(toks, m)
        return out

    def _modifier_role(self, toks: list[Tok], m: _Match) -> str | None:
        g = self.grammar
        last = toks[m.j - 1]
        if last.hy_after and m.j < len(toks):
            nxt = toks[m.j].norm
            if nxt in g.sponsor_suffixes:
                return "sponsor"
            if nxt in g.leader_suffixes:
                return "leader"
            if nxt in g.location_suffixes:
                return "location"
            return "modifier"  # "NATO-member Norway"
        first = toks[m.i]
        if first.hy_before and m.i > 0 and toks[m.i - 1].norm in g.opposed_prefixes:
            return "opposed"
        if m.i > 0 and toks[m.i - 1].norm in g.ethnic_markers and self.entries[m.entry].kind in ("demonym", "people"):
            return "ethnic"  # "ethnic Albanians": an ethnicity, not a state
        return None

    def _scan_agents(self, toks: list[Tok], covered: set[int]) -> list[tuple[int, int, AgentEntry]]:
        out: list[tuple[int, int, AgentEntry]] = []
        norms = [t.norm for t in toks]
        n = len(toks)
        i = 0
        while i < n:
            hit = None
            if i not in covered:
                for L in self._agent_lens.get(norms[i], ()):
                    if i + L > n or any(k in covered for k in range(i, i + L)):
                        continue
                    a = self._agent_index.get(tuple(norms[i:i + L]))
                    if a is not None:
                        hit = (i, i + L, a)
                        break
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out

    def _place_head(self, toks: list[Tok], segs: list[tuple[int, int, str | None]],
                    seg: tuple[int, int, str | None]) -> bool:
        """Is the phrase's head a noun of places in small letters ("the Belgian capital"), or the
        one before an "of" that joins it to the name ("the island of Kos")? (agents.yaml
        ``place_heads``; a capitalised one is part of a name: "Farsi Island")"""
        def place(a: int, b: int) -> bool:
            return b > a and toks[b - 1].norm in self.grammar.place_heads and toks[b - 1].raw[:1].islower()

        k = segs.index(seg)
        return place(seg[0], seg[1]) or (k > 0 and seg[2] == "of" and place(segs[k - 1][0], segs[k - 1][1]))

    def _of_several_states(self, toks: list[Tok], segs: list[tuple[int, int, str | None]],
                           head: tuple[int, int, str | None]) -> bool:
        """The phrase qualifies its head with a "from" or "of" phrase whose own head is a plural
        noun of states ("from 14 countries", "of several nations"): its people come from more
        than one state."""
        k = segs.index(head)
        if k + 1 >= len(segs) or segs[k + 1][2] not in ("from", "of"):
            return False
        nxt = segs[k + 1]
        return toks[nxt[1] - 1].norm in self.grammar.several_states

    def _segments(self, toks: list[Tok], covered: set[int]) -> list[tuple[int, int, str | None]]:
        """Token ranges split at boundary words and punctuation: (start, end, word before)."""
        segs: list[tuple[int, int, str | None]] = []
        a, before = 0, None
        for k, t in enumerate(toks):
            if k in covered or t.hy_before:
                continue
            if t.norm in self.grammar.boundaries and k > 0:
                segs.append((a, k, before))
                a, before = k + 1, t.norm
            elif t.brk_before and k > a:
                segs.append((a, k, before))
                a, before = k, ","
        segs.append((a, len(toks), before))
        return [s for s in segs if s[1] > s[0]]

    # -- building actors -------------------------------------------------------------------
    def _entry_actor(self, e: ActorEntry, text: str, start: int | None, end: int | None,
                     when: tuple[int, int] | None) -> Actor:
        code = e.code_at(when[1] if when else None)
        country, atype, inter = e.country, e.type, e.inter
        if e.kind == "petrarch":
            country, atype = self._code_country(code), self._code_type(code)
            inter = self.grammar.types[atype].inter if atype else None
        return Actor(text=text, name=e.name, country=country, type=atype, inter=inter, code=code,
                     role=e.role, org=e.org, start=start, end=end)

    def _code_country(self, code: str | None) -> str | None:
        if not code or len(code) < 3 or not code[:3].isalpha() or "/" in code:
            return None  # compound codes ("FRO/BIL/SAM") name several actors
        return code[:3] if code[:3] in self._cnames else None

    @staticmethod
    def _code_type(code: str | None) -> str | None:
        if not code:
            return None
        from sitrep.coding.taxonomy import load_cameo_sectors

        sectors = _sectors(load_cameo_sectors)
        chunks = [code[k:k + 3] for k in range(0, len(code) - 2, 3)]
        religion = None
        for k, ch in enumerate(chunks):
            hit = sectors.get(ch)
            if hit is None:
                continue
            t, kind = hit
            if kind == "religion":
                religion = religion or t
            elif kind == "org" or k > 0:
                return t
        return religion

    def _generic(self, agent: AgentEntry, iso: str | None, text: str, start: int | None, end: int | None,
                 *, sponsor: str | None, leader: str | None, context_country: str | None) -> Actor:
        t = agent.type or "other"
        info = self.grammar.types[t]
        inter = agent.inter or info.inter
        label = agent.label or info.label
        if iso:
            cname = self._cnames.get(iso, iso)
            adj = self._cdem.get(iso) or cname
            if leader:
                name = f"{leader} {label}"
            elif agent.label:
                name = f"{adj} {agent.label}"
            else:
                name = info.template.format(country=cname, adj=adj)
            code = iso + (agent.code or "") if agent.code is not None or info.code is None else iso + info.code
            if (defaults.ACTOR_FOREIGN_STATE_INTER and context_country and iso != context_country and inter == 1):
                inter = 8  # ACLED: state forces active outside their own country are "external"
        else:
            name = f"{self._cnames.get(sponsor, sponsor)}-backed {label}" if sponsor else label
            code = None
        return Actor(text=text, name=name, country=iso, type=agent.type, inter=inter if agent.type else None,
                     code=code, start=start, end=end)

    def _petrarch_compose(self, base: str | None, agents: list[AgentEntry]) -> str:
        base = base or "---"
        pre = "".join(a.code or "" for a in agents if a.prefix and a.code and a.code not in base)
        post = "".join(a.code or "" for a in agents if not a.prefix and a.code and a.code not in base)
        return pre + base + post

    # -- public API ------------------------------------------------------------------------
    def resolve(self, text: str, *, start: int | None = None, end: int | None = None,
                context_country: str | None = None, date: Any = None) -> Actor | None:
        """Resolve one actor noun phrase as written in an article; None when nothing in it
        is known. ``start``/``end`` are copied to the Actor; ``context_country`` (ISO3) is
        the country of a generic actor whose phrase names none; ``date`` (ISO date or year)
        picks between dated dictionary entries."""
        if not text or not text.strip():
            return None
        toks = tokenize(text, self.nz)[: defaults.ACTOR_MAX_PHRASE_TOKENS]
        if not toks:
            return None
        when = _when(date)
        matches = self._scan(toks, when)
        covered = {k for m in matches for k in range(m.i, m.j)}
        agents = self._scan_agents(toks, covered)
        civ = self.grammar.types["civilians"]
        agents += [(m.i, m.j, AgentEntry("civilians", "civilians", code=civ.code)) for m in matches
                   if m.role == "ethnic" and self.entries[m.entry].kind == "people"]
        agents.sort(key=lambda a: a[0])
        segs = self._segments(toks, covered)
        g = self.grammar
        petrarch = any(self.entries[m.entry].kind == "petrarch" for m in matches)

        def in_seg(seg: tuple[int, int, str | None], k: int) -> bool:
            return seg[0] <= k < seg[1]

        def own_countries(ms: list[_Match]) -> list[_Match]:
            # countries, capitals, demonyms, places; and a named group that runs the actor
            # ("Hamas-run ministry", "Houthi-controlled forces")
            return [m for m in ms if self.entries[m.entry].country and (
                (self.entries[m.entry].kind in _COUNTRYISH and m.role in (None, "leader", "location"))
                or (self.entries[m.entry].kind in _NAMED and m.role == "leader"))]

        head = None
        for seg in segs:
            ms = [m for m in matches if in_seg(seg, m.i)]
            ags = [a for a in agents if in_seg(seg, a[0])]
            has_named = any(self.entries[m.entry].kind in _NAMED and m.role is None for m in ms)
            if has_named or ags or own_countries(ms):
                head = (seg, ms, ags)
                break
        if head is None:
            return self.named_group(text, start=start, end=end)  # "Jamaat-ul-Ahrar", "Liwa al-Quds"
        seg, ms, ags = head
        named = [m for m in ms if self.entries[m.entry].kind in _NAMED and m.role is None]
        if named and all(self._first_name_only(m, toks, covered, agents) for m in named):
            # "Burhan Wani": a known person's one-word name followed by another name word of no
            # known kind is the first name of someone else, whom the dictionaries do not know
            return None

        if named and not (petrarch and ags):
            # a name read only by its spelling yields to one written out ("President Bashar al-Assad's
            # forces": "President Bashar" spells like President Bashir, "Assad" is exact)
            whole = [m for m in named if m.how != "fuzzy"] or named
            pick = max([m for m in whole if not toks[m.j - 1].poss] or whole, key=lambda m: (m.j, m.n))
            e = self.entries[pick.entry]
            if e.kind == "person" and e.country:
                after = [a for a in ags if a[0] >= pick.j and toks[a[0]].norm in g.institution_agents]
                if after:
                    return self._generic(AgentEntry("government", "government", code=g.types["government"].code),
                                         e.country, text, start, end, sponsor=None, leader=None,
                                         context_country=context_country)
            return self._entry_actor(e, text, start, end, when)

        if petrarch and named:
            pick = max(named, key=lambda m: (m.j, m.n))
            e = self.entries[pick.entry]
            base = e.code_at(when[1] if when else None)
            code = self._petrarch_compose(base, [a[2] for a in ags])
            t = self._code_type(code)
            return Actor(text=text, name=f"{e.name} {' '.join(a[2].words for a in ags)}".strip(),
                         country=self._code_country(code), type=t, inter=g.types[t].inter if t else None,
                         code=code, start=start, end=end)

        own = own_countries(ms)
        sponsor = next((self.entries[m.entry].country for m in matches if m.role == "sponsor"
                        and self.entries[m.entry].country), None)
        if ags:
            strong = [a for a in ags if not a[2].weak]
            agent = (strong or ags)[-1][2]
            country_m = next((m for m in own if m.role != "location"), None) or next(iter(own), None)
            if country_m is None:
                # "head of the Badr Organisation": a bare role noun before of/from + a named group
                if not strong:
                    k = segs.index(seg)
                    if k + 1 < len(segs) and segs[k + 1][2] in ("of", "from"):
                        nxt = [m for m in matches if in_seg(segs[k + 1], m.i)
                               and self.entries[m.entry].kind in _NAMED and m.role is None]
                        if nxt:
                            return self._entry_actor(self.entries[nxt[0].entry], text, start, end, when)
                        # "members of the militia", "members of a terrorist group": a role noun that
                        # says nothing of who takes the kind of the group it belongs to
                        kinds = [a for a in agents if in_seg(segs[k + 1], a[0]) and a[2].type is not None]
                        if agent.type is None and kinds:
                            agent = ([a for a in kinds if not a[2].weak] or kinds)[-1][2]
                # (not from a relative clause on the head: "protesters who marched to the embassy
                # of Saudi Arabia" say what they did there, not whose they are)
                k = segs.index(seg)
                cut = next((s[0] for s in segs[k + 1:] if s[2] in _RELATIVE_WORDS), len(toks))
                rest = [m for m in own_countries(matches) if not in_seg(seg, m.i) and m.i < cut]
                country_m = rest[0] if rest else None
            iso = self.entries[country_m.entry].country if country_m else None
            leader: str | None = None
            if country_m is not None and country_m.role == "leader":
                le = self.entries[country_m.entry]
                lead_name = le.name if le.kind in _NAMED else self._cnames.get(iso or "", iso or "")
                leader = f"{lead_name}-{toks[country_m.j].raw.lower()}"
            if agent.source == "petrarch":
                base = iso or next((self.entries[m.entry].code_at(when[1] if when else None) for m in matches
                                    if self.entries[m.entry].kind == "petrarch" and m.role is None), None)
                code = self._petrarch_compose(base or context_country, [a[2] for a in ags])
                t = self._code_type(code)
                return Actor(text=text, name=" ".join(a[2].words for a in ags), country=self._code_country(code),
                             type=t, inter=g.types[t].inter if t else None, code=code, start=start, end=end)
            if iso is None:
                # "Sultan Murad Brigade": a faction's name, not the state's "brigade"
                group = self.named_group(text, start=start, end=end)
                if group is not None:
                    return group
                # "military leaders from 14 countries", "troops of several nations": a body drawn
                # from more than one state belongs to none of them, least of all the story's
                iso = None if self._of_several_states(toks, segs, seg) else context_country
                if agent.type is None and defaults.ACTOR_UNTYPED_NO_CONTEXT_COUNTRY:
                    # "the group", "two groups of people" in a story from the US: a word of no kind
                    # whose country only the story gives is no party; the country is not its name
                    return None
            if agent.type is None:
                if iso is None:
                    return None
                if not self._use_countries:
                    return None
                return self._entry_actor(self.entries[self._country_entry_for(iso, "demonym")], text, start, end, when)
            if leader:  # "Saudi-led coalition warplanes": the coalition is what is led
                agent = next((a[2] for a in ags if a[2].label), agent)
            actor = self._generic(agent, iso, text, start, end, sponsor=sponsor, leader=leader,
                                  context_country=context_country)
            organ = self._organ_name(toks, covered, ags, agent) if iso and not leader else None
            if organ:
                adj = self._cdem.get(iso or "") or self._cnames.get(iso or "", iso or "")
                actor = dataclasses.replace(actor, name=f"{adj} {organ}")
            return actor

        if own:
            m = next((m for m in own if m.role != "location"), own[0])
            if self.entries[m.entry].kind == "place" or self._place_head(toks, segs, seg):
                # "rallies in Crimea", "an offensive on Mosul", "the Belgian capital", "the island of
                # Kos": a place is where, no party (it only tells whose a party named with it is:
                # "Mosul residents")
                return None
            return self._entry_actor(self.entries[m.entry], text, start, end, when)
        return None

    @staticmethod
    def _organ_name(toks: list[Tok], covered: set[int], ags: list[tuple[int, int, AgentEntry]],
                    agent: AgentEntry) -> str | None:
        """A state body written as its own proper name ("National Police", "Federal Police
        officers"): the capitalised word of the actor's kind with the capitalised words before it
        that open such names (actor_patterns.yaml organs), as written; None for a description
        ("the police", "riot police") or a name no such word opens."""
        if agent.type not in _ORGAN_TYPES:
            return None
        # ("Federal Police officers": the name is the capitalised part of "police officers")
        hit = next((a for a in reversed(ags) if a[2].type == agent.type and not a[2].weak
                    and toks[a[0]].capitalised), None)
        if hit is None:
            return None
        i = j = hit[0]
        while j < hit[1] and toks[j].capitalised:
            j += 1
        organs = load_name_patterns().organs
        k = i
        while k > 0 and k - 1 not in covered and toks[k - 1].capitalised and toks[k - 1].norm in organs \
                and not toks[k].brk_before and not toks[k - 1].poss:
            k -= 1
        if k == i:
            return None
        return " ".join(t.raw for t in toks[k:j])

    def _first_name_only(self, m: _Match, toks: list[Tok], covered: set[int],
                         agents: list[tuple[int, int, AgentEntry]]) -> bool:
        """Is ``m`` a person's one-word name ("Burhan") standing before another capitalised name
        word that no entry or agent covers ("Wani"): a first name of someone else?"""
        if self.entries[m.entry].kind != "person" or m.n != 1 or m.j >= len(toks):
            return False
        nxt = toks[m.j]
        return (nxt.raw[:1].isupper() and nxt.raw[1:2].islower() and m.j not in covered
                and not any(a[0] <= m.j < a[1] for a in agents))

    def state_forces(self, actor: Actor) -> Actor:
        """A country named only by its adjective on an attack ("Turkish shelling", "a Russian
        airstrike") is that state's armed forces (ACLED: "Military Forces of <country>");
        ``actor`` keeps its words and offsets. Any other actor is returned unchanged."""
        if (actor.type == "government" and actor.country and not actor.role and not actor.org
                and actor.code == f"{actor.country}GOV" and actor.text.lower().split()[-1:] == ["government"]):
            # "Syrian government airstrikes", "government shelling": a government's attacks are
            # carried out by its forces
            pass
        elif actor.type is not None or not actor.country or actor.code != actor.country or actor.role:
            return actor
        else:
            written = self.lookup(actor.text)
            if written is None or written.kind != "demonym":
                return actor  # "Norway", or "they" standing for a country: not an adjective on the attack
        info = self.grammar.types["military"]
        return self._generic(AgentEntry("military", "military", code=info.code), actor.country, actor.text,
                             actor.start, actor.end, sponsor=None, leader=None, context_country=None)

    def people_in_arms(self, actor: Actor) -> Actor:
        """A people named by its plural demonym alone ("Iranians", "1,200 Libyans") on one side of
        a battle between states is that state's forces (ACLED: "Military Forces of <country>"), not
        its civilians; ``actor`` keeps its words and offsets. Any other actor is returned unchanged
        (the caller decides that the event is such a battle)."""
        words = actor.text.split()
        if actor.type != "civilians" or not actor.country or actor.role or not words:
            return actor
        written = self.lookup(words[-1])
        if written is None or written.kind != "people" or written.country != actor.country:
            return actor  # "civilians", "villagers", "Iraqi civilians": people named as such
        info = self.grammar.types["military"]
        return self._generic(AgentEntry("military", "military", code=info.code), actor.country, actor.text,
                             actor.start, actor.end, sponsor=None, leader=None, context_country=None)

    def forces_of(self, leader: Actor, text: str, start: int | None = None, end: int | None = None) -> Actor | None:
        """"Forces loyal to X": a head of state's or government's forces are the state's military;
        a group's leader's are the group. None when ``leader`` is neither."""
        if leader.type in ("government", "military", "police") and leader.country:
            info = self.grammar.types["military"]
            return self._generic(AgentEntry("military", "military", code=info.code), leader.country, text,
                                 start, end, sponsor=None, leader=None, context_country=None)
        if leader.type in ("rebels", "militia"):
            name = leader.org or leader.name
            return dataclasses.replace(leader, text=text, name=name, role=None, org=None, start=start, end=end)
        return None

    def named_group(self, text: str, *, start: int | None = None, end: int | None = None,
                    any_name: bool = False) -> Actor | None:
        """A phrase written as a name that no dictionary knows: typed when it is built like an
        armed group's name (actor_patterns.yaml: "<X> Brigade", "<X> Front", "Jaish <X>",
        "Islamic State of <X>"), its country only when a country word is part of the name.
        With ``any_name`` an untyped name ("Tyrone Harris", "Kem Ley") is kept too, named as
        written; a description ("the brigade", "Kurdish forces") is never a name."""
        if not self._patterns:
            return None
        toks = tokenize(text, self.nz)
        # "the", and a date a run-on sentence glued to the name ("2017 Julie Chasin", "July Kem Ley")
        while toks and (toks[0].norm in self.grammar.determiners or not toks[0].norm.isalpha()
                        or toks[0].norm in _CALENDAR_WORDS):
            toks = toks[1:]
        if not toks or len(toks) > defaults.ACTOR_NAME_MAX_TOKENS:
            return None
        content = [t for t in toks if t.norm.isalpha() and t.norm not in _NAME_PARTICLES]
        if not content or not all(t.capitalised for t in content):
            return None
        pats = load_name_patterns()
        norms = tuple(t.norm for t in toks)
        atype: str | None = None
        if norms[-1] in pats.heads and any(t is not toks[-1] for t in content):
            atype = pats.heads[norms[-1]]
        elif norms[0] in pats.prefixes and len(toks) > 1:
            atype = pats.prefixes[norms[0]]
        else:
            for words, t in pats.contains:
                if any(norms[k:k + len(words)] == words for k in range(len(norms) - len(words) + 1)):
                    atype = t
                    break
        if atype is None and not any_name:
            return None
        country = next((self.entries[m.entry].country for m in self._scan(toks, None, fuzzy=False)
                        if self.entries[m.entry].kind in _COUNTRYISH and m.role is None), None)
        info = self.grammar.types.get(atype) if atype else None
        return Actor(text=text, name=text[toks[0].start:toks[-1].end], country=country, type=atype,
                     inter=info.inter if info else None, start=start, end=end)

    def resolve_all(self, text: str, *, start: int | None = None, context_country: str | None = None,
                    date: Any = None) -> list[Actor]:
        """Resolve a coordinated phrase into its actors: "Hungarian and Romanian officials" ->
        [Hungary government, Romania government] (a conjunct without a head noun borrows the
        last conjunct's), "Malian soldiers and Russian mercenaries" -> two actors. Compound
        PETRARCH codes ("FRO/BIL/SAM") become one actor per code. ``start`` is the offset of
        ``text`` in the article (0 when not given); each actor gets its own span."""
        base = start or 0
        toks = tokenize(text, self.nz)
        covered = {k for m in self._scan(toks, _when(date)) for k in range(m.i, m.j)}
        cuts: list[tuple[int, int]] = []  # (start, end) char spans of the conjuncts
        a = 0
        for k, t in enumerate(toks):
            gap = text[toks[k - 1].end:t.start] if k else ""
            if k in covered or t.hy_before:
                continue
            if t.norm in ("and", "&") or (k and "," in gap and not t.norm.isdigit()):
                first = toks[a].start if a < len(toks) else t.start
                cuts.append((first, toks[k - 1].end if k else t.start))
                a = k + 1 if t.norm in ("and", "&") else k
        if a < len(toks):
            cuts.append((toks[a].start, toks[-1].end))
        parts = [(s0, text[s0:e0]) for s0, e0 in cuts if text[s0:e0].strip()]
        if len(parts) <= 1:
            one = self.resolve(text, start=base, end=base + len(text), context_country=context_country, date=date)
            return self._expand(one) if one else []
        last = parts[-1][1]
        last_toks = tokenize(last, self.nz)
        head_ags = self._scan_agents(last_toks, set())
        head = last[last_toks[head_ags[-1][0]].start:] if head_ags else ""
        out: list[Actor] = []
        for s0, part in parts:
            actor = self.resolve(part, start=base + s0, end=base + s0 + len(part), context_country=context_country,
                                 date=date)
            if head and part is not last and self._bare_country(part, date):
                borrowed = self.resolve(f"{part} {head}", context_country=context_country, date=date)
                if borrowed is not None:
                    actor = dataclasses.replace(borrowed, text=part, start=base + s0, end=base + s0 + len(part))
            if actor is not None:
                out.extend(self._expand(actor))
        return out

    def _bare_country(self, part: str, date: Any) -> bool:
        """True when ``part`` names only countries/demonyms ("US", "Hungarian")."""
        toks = tokenize(part, self.nz)
        ms = self._scan(toks, _when(date))
        covered = {k for m in ms for k in range(m.i, m.j)}
        return bool(ms) and all(self.entries[m.entry].kind in _COUNTRYISH for m in ms) and not self._scan_agents(
            toks, covered)

    def _expand(self, actor: Actor) -> list[Actor]:
        if not actor.code or "/" not in actor.code:
            return [actor]
        out = []
        for c in actor.code.split("/"):
            t = self._code_type(c)
            out.append(dataclasses.replace(actor, code=c, country=self._code_country(c), type=t,
                                           inter=self.grammar.types[t].inter if t else None))
        return out

    def find_mentions(self, text: str, *, date: Any = None, capitals: bool = True,
                      modifiers: bool = False) -> list[tuple[int, int, Actor]]:
        """Every dictionary actor named in ``text`` (named actors, people, countries,
        capitals, demonyms) as (start, end, Actor), left to right, longest match first,
        never overlapping. Places that only locate are skipped; so are countries used as
        a sponsor or attribute ("Iran-backed", "pro-Iranian", "Baghdad-based") unless
        ``modifiers``; capitals are skipped when ``capitals`` is False."""
        toks = tokenize(text, self.nz)
        when = _when(date)
        out: list[tuple[int, int, Actor]] = []
        for m in self._scan(toks, when):
            e = self.entries[m.entry]
            if e.kind == "place" or (not capitals and e.kind == "capital"):
                continue
            if not modifiers and m.role in ("sponsor", "opposed", "location"):
                continue
            s, t = toks[m.i].start, toks[m.j - 1].end
            out.append((s, t, self._entry_actor(e, text[s:t], s, t, when)))
        return out

    def lookup(self, text: str, *, date: Any = None) -> ActorEntry | None:
        """The dictionary entry ``text`` names as a whole (an alias, not a phrase), or None."""
        toks = tokenize(text, self.nz)
        if self._strip_the and len(toks) > 1 and toks[0].norm == "the":
            toks = toks[1:]
        ms = self._scan(toks, _when(date)) if toks else []
        if len(ms) == 1 and ms[0].i == 0 and ms[0].j == len(toks):
            return self.entries[ms[0].entry]
        return None

    def alias_key(self, alias: str) -> tuple[str, ...]:
        """The normalised word tuple an alias is indexed under (``()`` for no words)."""
        keys = self._alias_keys(alias, "org")
        return keys[0][0] if keys else ()

    def knows(self, alias: str) -> bool:
        """True when ``alias`` as a whole is already a key of the dictionary (any entry kind,
        countries, capitals and demonyms included)."""
        keys = self._alias_keys(alias, "org")
        return any(key in self._exact for key, _ in keys[:1])

    def is_person_name(self, text: str) -> bool:
        """True when ``text`` is (a spelling of) the name of a person in the dictionary."""
        e = self.lookup(text)
        return e is not None and e.kind == "person"

    def resolve_definite(self, text: str, previous: Sequence[Actor], *, start: int | None = None,
                         end: int | None = None, context_country: str | None = None,
                         date: Any = None) -> Actor | None:
        """Light coreference: "the militias", "the administration", "the group", "he",
        "Kirby" -> the most recent actor in ``previous`` (oldest first) of a compatible
        type or name, re-anchored to ``text``/``start``/``end``. A phrase that names its
        own actor ("the Iraqi militias", "the Pentagon") is resolved directly; a generic
        one with no antecedent is resolved like :meth:`resolve`; a pronoun or "the group"
        with no antecedent gives None."""
        all_toks = tokenize(text, self.nz)
        toks = [t for t in all_toks if t.norm not in self.grammar.determiners]
        if not toks and all_toks and all_toks[-1].norm in self.grammar.anaphors:
            toks = all_toks[-1:]  # "its", "their": a possessive pronoun alone
        if not toks:
            return None
        when = _when(date)
        ms = self._scan(toks, when)
        if any(m.role is None for m in ms):
            return self.resolve(text, start=start, end=end, context_country=context_country, date=date)

        def anchored(a: Actor) -> Actor:
            return dataclasses.replace(a, text=text, start=start, end=end)

        recent = list(previous)[-defaults.ACTOR_COREF_LOOKBACK:][::-1]
        # a surname or the tail of an earlier name: "Kirby", "al-Amiri"
        if all(t.capitalised or t.norm == "al" for t in toks):
            tail = [t.norm for t in toks if t.norm != "al"]
            for a in recent:
                prev = [n for n in self.nz.norms(a.text or a.name) if n != "al"]
                if tail and len(prev) > len(tail) and prev[-len(tail):] == tail:
                    return anchored(a)
        head = toks[-1].norm
        if len(head) > 3 and head not in self.grammar.determiners:
            # "the coalition" after "the U.S.-led coalition": an earlier mention headed by the same noun is
            # the one taken up, before any more recent actor that is only of a compatible kind (the
            # Pentagon that reported the coalition's strikes)
            stem = head[:-1] if head.endswith("s") else head
            # a title that names a person ("the president", "the minister") takes up the person last
            # named with that title ("President Trump"), whose office is their role
            title = "person" in (self.grammar.anaphors.get(head) or ())
            for a in recent:
                words = {*self.nz.norms(a.text or ""), *self.nz.norms(a.name)}
                if (a.role is None or title) and (head in words or stem in words or stem + "s" in words):
                    return anchored(a)
        kinds = self.grammar.anaphors.get(head)
        agent = None
        if kinds is None:
            ags = self._scan_agents(toks, set())
            if ags:
                agent = ags[-1][2]
                kinds = (agent.type,) if agent.type else None
        if not kinds:
            return None
        for a in recent:
            if self._compatible(a, kinds):
                return anchored(a)
        if agent is not None:
            return self.resolve(text, start=start, end=end, context_country=context_country, date=date)
        return None

    @staticmethod
    def _compatible(a: Actor, kinds: Sequence[str]) -> bool:
        for k in kinds:
            if k == "person" and a.role:
                return True
            if k == "any" or (k == "any_group" and not a.role):
                return True
            if k == "country" and a.country and not a.role and a.type in (None, "government") and a.code in (
                    a.country, (a.country or "") + "GOV"):
                return True
            if a.type == k and not a.role:
                return True
        return False



# --- names an article defines ---------------------------------------------------------------

_ACRONYM_DEF = re.compile(r"\(\s*([A-Z][A-Za-z]{1,7})\s*\)|,\s+or\s+([A-Z]{2,8})\b")
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*|of|the|for|and|al|el|in|de|al-\w+", re.UNICODE)


@cache
def several_states_words() -> frozenset[str]:
    """Plural nouns of states ("countries", "nations"): agents.yaml ``several_states``."""
    return load_grammar().several_states


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronyms an article defines: "the Shamiya Front (SF)", "the Free Syrian Army, or FSA," ->
    {"SF": "Shamiya Front", "FSA": "Free Syrian Army"}. The long form is the run of capitalised
    words (and name particles) just before the acronym, of at least two words, whose initials
    begin with the acronym's first letter; the first definition of an acronym wins."""
    out: dict[str, str] = {}
    for m in _ACRONYM_DEF.finditer(text):
        acr = m.group(1) or m.group(2)
        if acr in out or sum(ch.isupper() for ch in acr) < 2:
            continue
        words = text[max(0, m.start() - 160):m.start()].rstrip(" ,").split()
        run: list[str] = []
        for w in reversed(words):
            w = w.strip(",;:\"“”")
            if not w or not _NAME_WORD.fullmatch(w):
                break
            run.insert(0, w)
        while run and not run[0][:1].isupper():
            run.pop(0)  # "the", "of": a name starts with a capital
        if len(run) >= 2 and any(w[:1].upper() == acr[0] for w in run[:2]):
            out[acr] = " ".join(run)
    return out


def _country_info(with_abbrev: bool) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Country names, demonyms and (case-sensitive, dot-free) abbreviations, read once from
    sitrep.resolve.countries so a cached resolver never rebuilds the country tables."""
    from sitrep.resolve import countries as C

    names = C.all_countries()
    dems = {iso: d for iso in names if (d := C.demonym(iso))}
    abbrev: dict[str, str] = {}
    if with_abbrev:
        for iso, entry in C.load_country_file()["countries"].items():
            for ab in entry.get("abbrev") or []:
                abbrev[re.sub(r"[.\s]", "", ab)] = iso
    return names, dems, abbrev


def _cache_path() -> Path:
    from sitrep.resolve import countries as C

    h = hashlib.sha1(sys.version.encode())
    for p in (*DEFAULT_ACTOR_FILES, AGENTS_FILE, SPELLING_FILE, C.COUNTRIES_FILE, Path(__file__), Path(C.__file__)):
        h.update(Path(p).read_bytes())
    return defaults.ACTOR_CACHE_DIR / f"actors-{h.hexdigest()[:16]}.pickle"


#: Relative words (a closed grammatical class) that open a clause on a noun phrase's head:
#: what the clause names is what the head did or had done to it, not where it is from.
_RELATIVE_WORDS = frozenset({"who", "whom", "whose", "which", "that"})


@cache
def _default_resolver() -> ActorResolver:
    """Build from the data files, or load the pickle of an earlier build of the same files
    (keyed by a hash of every input file and this module's source)."""
    try:
        path: Path | None = _cache_path()
    except OSError:
        path = None
    if path is not None and path.exists():
        try:
            with path.open("rb") as fh:
                obj = pickle.load(fh)  # noqa: S301 - our own cache file, keyed by content hash
            if isinstance(obj, ActorResolver):
                return obj
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError):
            pass
    resolver = ActorResolver.from_files()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(resolver, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            for old in path.parent.glob("actors-*.pickle"):
                if old != path:
                    old.unlink(missing_ok=True)  # a build of older data files
        except OSError:
            pass
    return resolver


_SECTORS: dict[str, tuple[str, str]] = {}


def _sectors(loader: Any) -> dict[str, tuple[str, str]]:
    if not _SECTORS:
        _SECTORS.update(loader())
    return _SECTORS
