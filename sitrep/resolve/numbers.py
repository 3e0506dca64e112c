"""Counts in news text: "four", "twenty-three", "1,200", "3.5 million", "a dozen",
"dozens", "at least 12", "no" -> a value and a qualifier.

The number words, vague quantities and qualifier phrases live in
``sitrep/data/numbers.yaml``; this module only scans. It does not use
word2number (wrong on "Some 3.5 million", fails on "a dozen" and "1,200").

Conventions (ACLED fatality rules, see ``../shared/FIELD.md``):

* The value is always the figure the text states. A qualifier says how to read
  it: ``"at least 12"`` -> ``(12, "at least")``, ``"more than 40"`` ->
  ``(40, "more than")`` (the reported figure is the lowest number the report
  supports, which is what ACLED records), ``"up to 5"`` -> ``(5, "up to")``,
  ``"some 70"`` -> ``(70, "about")``.
* Ranges give their lower end: ``"12-15"`` / ``"between 12 and 15"`` ->
  ``(12, "range")`` (ACLED: the lowest figure when reports differ).
* Vague words take the ACLED values: several/many/a few = 10, dozens = 12,
  hundreds = 100, a handful = 3, a couple = 2; "scores" = 20, "tens" = 10,
  "thousands" = 1000 (the lowest plural reading). Their qualifier is
  ``"vague"``; "a dozen" and "half a dozen" count as exact.
* "no", "none", "nobody", "no one" -> ``(0, "exact")``.
* A phrase holding no count -> ``(None, "")``. Nothing defaults to 0.

Two entry points: :func:`parse_count` for a phrase of text, and
:func:`find_counts` for a list of tokens (the spaCy layer passes token texts
and gets token indices back).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sitrep import defaults
from sitrep.datafiles import read_yaml
from sitrep.errors import DataFileError

EXACT = "exact"
AT_LEAST = "at least"
MORE_THAN = "more than"
UP_TO = "up to"
LESS_THAN = "less than"
ABOUT = "about"
RANGE = "range"
VAGUE = "vague"
#: Every qualifier a count can carry.
QUALIFIERS = (EXACT, AT_LEAST, MORE_THAN, UP_TO, LESS_THAN, ABOUT, RANGE, VAGUE)

NUMBERS_FILE = defaults.DATA_DIR / "numbers.yaml"

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
#: Currency signs: a word ending in one ("us$", "hk$") marks the figure after it as money.
_CURRENCY_MARKS = "$€£¥₹₦₽₩₺"
_DASHES = {"-", "–", "—"}
#: Scale words that may follow a figure only ("3.5m", "2bn"), never a number word.
_FIGURE_ONLY_SCALES = {"m", "mn", "mln", "bn"}
_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z]+(?:\.[a-z]+)+\.?|[a-z]+|[%\-–—]|[$€£¥₹₦₽₩₺]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Count:
    """A count found in a token list: tokens ``start`` .. ``end`` (exclusive)."""

    value: int
    qualifier: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Tables:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    zero: dict[tuple[str, ...], int]
    vague: dict[tuple[str, ...], tuple[int, str]]
    qualifiers: dict[tuple[str, ...], str]
    non_person_units: frozenset[str]
    currency_symbols: frozenset[str]
    currency_words: frozenset[str]
    #: first word -> phrase lengths to try, longest first (for all phrase tables)
    max_len: int


def _fail(path: Path, entry: str, why: str) -> DataFileError:
    return DataFileError(f"entry {entry!r}: {why}", item=path.name)


def _int_table(raw: dict[str, Any], section: str, path: Path) -> dict[str, int]:
    table = raw.get(section)
    if not isinstance(table, dict) or not table:
        raise _fail(path, section, "must be a non-empty mapping of word -> integer")
    out: dict[str, int] = {}
    for word, value in table.items():
        if not isinstance(word, str) or not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise _fail(path, f"{section}.{word}", "must map a word to a non-negative integer")
        out[word.lower()] = value
    return out


def _phrase(text: Any, path: Path, entry: str) -> tuple[str, ...]:
    if not isinstance(text, str) or not text.strip():
        raise _fail(path, entry, "phrase must be a non-empty string")
    return tuple(text.lower().split())


@cache
def load_tables(path: Path = NUMBERS_FILE) -> _Tables:
    """Read and check ``numbers.yaml``; raises DataFileError naming the entry."""
    raw = read_yaml(path, "number tables")
    if not isinstance(raw, dict):
        raise _fail(path, "<top>", "must be a mapping")
    units = _int_table(raw, "units", path)
    tens = _int_table(raw, "tens", path)
    scales = _int_table(raw, "scales", path)
    zero_raw = raw.get("zero")
    if not isinstance(zero_raw, list):
        raise _fail(path, "zero", "must be a list of phrases")
    zero = {_phrase(p, path, f"zero[{i}]"): 0 for i, p in enumerate(zero_raw)}
    vague: dict[tuple[str, ...], tuple[int, str]] = {}
    vague_raw = raw.get("vague")
    if not isinstance(vague_raw, list):
        raise _fail(path, "vague", "must be a list of {phrase, value, qualifier}")
    for i, entry in enumerate(vague_raw):
        name = f"vague[{i}]"
        if not isinstance(entry, dict):
            raise _fail(path, name, "must be a mapping with phrase, value, qualifier")
        value, qual = entry.get("value"), entry.get("qualifier")
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise _fail(path, name, "value must be a non-negative integer")
        if qual not in QUALIFIERS:
            raise _fail(path, name, f"qualifier must be one of {QUALIFIERS}")
        vague[_phrase(entry.get("phrase"), path, name)] = (value, qual)
    qual_raw = raw.get("qualifiers")
    if not isinstance(qual_raw, dict):
        raise _fail(path, "qualifiers", "must map a qualifier to a list of phrases")
    qualifiers: dict[tuple[str, ...], str] = {}
    for qual, phrases in qual_raw.items():
        if qual not in QUALIFIERS or qual in (EXACT, RANGE, VAGUE):
            raise _fail(path, f"qualifiers.{qual}", "unknown qualifier")
        if not isinstance(phrases, list):
            raise _fail(path, f"qualifiers.{qual}", "must be a list of phrases")
        for i, p in enumerate(phrases):
            qualifiers[_phrase(p, path, f"qualifiers.{qual}[{i}]")] = qual
    units_raw = raw.get("non_person_units")
    if not isinstance(units_raw, list) or not all(isinstance(u, str) for u in units_raw):
        raise _fail(path, "non_person_units", "must be a list of words")
    cur_raw = raw.get("currency")
    if not isinstance(cur_raw, dict):
        raise _fail(path, "currency", "must be a mapping with symbols and words")
    cur: dict[str, frozenset[str]] = {}
    for part in ("symbols", "words"):
        vals = cur_raw.get(part)
        if not isinstance(vals, list) or not all(isinstance(v, str) and v for v in vals):
            raise _fail(path, f"currency.{part}", "must be a list of non-empty strings")
        cur[part] = frozenset(v.lower() for v in vals)
    max_len = max(len(p) for table in (zero, vague, qualifiers) for p in table)
    return _Tables(
        units=units, tens=tens, scales=scales, zero=zero, vague=vague, qualifiers=qualifiers,
        non_person_units=frozenset(u.lower() for u in units_raw), currency_symbols=cur["symbols"],
        currency_words=cur["words"], max_len=max_len,
    )


def non_person_units() -> frozenset[str]:
    """Words that, right after a figure, show it counts something other than people."""
    return load_tables().non_person_units


# --- scanning --------------------------------------------------------------------


def _match_phrase(words: Sequence[str], i: int, table: dict[tuple[str, ...], Any], max_len: int) -> int:
    """Length of the longest phrase of ``table`` starting at ``words[i]`` (0 if none)."""
    for n in range(min(max_len, len(words) - i), 0, -1):
        if tuple(words[i:i + n]) in table:
            return n
    return 0


def _figure(word: str) -> float | None:
    if _DIGITS.match(word):
        return float(word.replace(",", ""))
    return None


def _number(words: Sequence[str], i: int, t: _Tables) -> tuple[int, int] | None:
    """A number (figure or words) at ``words[i]``: (value, end index) or None."""
    n = len(words)
    fig = _figure(words[i]) if i < n else None
    if fig is not None:
        k = i + 1
        value = fig
        # "3.5 million", "1.2m", "2 thousand", "two dozen"-style multipliers after a figure
        while k < n and words[k] in t.scales and (
                words[k] not in _FIGURE_ONLY_SCALES or (k == i + 1 and (words[k] != "m" or "." in words[i]))):
            value *= t.scales[words[k]]
            k += 1
        return int(round(value)), k
    total = current = 0
    k = i
    seen = False
    last = ""  # "unit", "tens", "scale"
    while k < n:
        w = words[k]
        if w in t.units:
            if last in ("unit",) or (last == "tens" and t.units[w] >= 10):
                break
            current += t.units[w]
            last = "unit"
        elif w in t.tens:
            if last in ("unit", "tens"):
                break
            current += t.tens[w]
            last = "tens"
        elif w in _DASHES and last == "tens" and k + 1 < n and words[k + 1] in t.units:
            k += 1
            continue
        elif w == "and" and seen and last == "scale" and k + 1 < n and (
                words[k + 1] in t.units or words[k + 1] in t.tens):
            k += 1
            continue
        elif w == "a" and not seen and k + 1 < n and words[k + 1] in t.scales \
                and words[k + 1] not in _FIGURE_ONLY_SCALES:
            current = 1
            k += 1
            continue
        elif w in t.scales and w not in _FIGURE_ONLY_SCALES and (seen or current):
            scale = t.scales[w]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
            last = "scale"
        else:
            break
        seen = True
        k += 1
    if not seen:
        return None
    return total + current, k


def _split(words: Sequence[str]) -> tuple[list[str], list[int]]:
    """Lower-case words, hyphenated words split into parts; map part -> word index."""
    parts: list[str] = []
    origin: list[int] = []
    for idx, w in enumerate(words):
        lw = w.lower()
        if len(lw) > 1 and ("-" in lw or "–" in lw) and not _DIGITS.match(lw):
            for piece in re.split(r"([-–])", lw):
                if piece:
                    parts.append(piece)
                    origin.append(idx)
        else:
            parts.append(lw)
            origin.append(idx)
    return parts, origin


def _count_at(words: Sequence[str], i: int, t: _Tables) -> tuple[int, str, int] | None:
    """A count starting exactly at ``words[i]``: (value, qualifier, end) or None."""
    n = len(words)
    qual = ""
    j = i
    between = False
    if words[i] == "between":
        between, j = True, i + 1
    else:
        q = _match_phrase(words, i, t.qualifiers, t.max_len)
        if q:
            qual, j = t.qualifiers[tuple(words[i:i + q])], i + q
    if j >= n:
        return None
    v = _match_phrase(words, j, t.vague, t.max_len)
    num = _number(words, j, t)
    if v and not (num and num[1] > j + v):
        value, vqual = t.vague[tuple(words[j:j + v])]
        return value, qual or vqual, j + v
    if num is None:
        if not qual and not between:
            z = _match_phrase(words, j, t.zero, t.max_len)
            if z:
                return 0, EXACT, j + z
        return None
    value, k = num
    # ranges: "12-15", "12 to 15", "12 or 13", "between 12 and 15"
    joiners = ("and",) if between else ("-", "–", "to", "or")
    if k + 1 < n and words[k] in joiners:
        second = _number(words, k + 1, t)
        same_kind = (_figure(words[j]) is None) == (_figure(words[k + 1]) is None)  # not "1-Seventeen"
        if second is not None and second[0] > value and same_kind:
            return value, qual or RANGE, second[1]
    if between:
        return None
    return value, qual or EXACT, k


def find_counts(words: Sequence[str]) -> list[Count]:
    """Every count in a list of tokens, left to right, not overlapping.

    ``start``/``end`` index ``words``. Hyphenated tokens ("twenty-three") are
    read as one number.
    """
    t = load_tables()
    parts, origin = _split(words)
    out: list[Count] = []
    i = 0
    n = len(parts)
    while i < n:
        found = _count_at(parts, i, t)
        if found is None:
            i += 1
            continue
        value, qual, end = found
        if not _is_money(parts, i, end, t):
            out.append(Count(value, qual, origin[i], origin[end - 1] + 1))
        i = end
    return out


def _is_money(parts: Sequence[str], start: int, end: int, t: _Tables) -> bool:
    """Whether the number ``parts[start:end]`` is an amount of money: a currency
    symbol or word before it ("$3 billion", "us$3bn", "rs 500", "dollars 1.13bn" as
    the BBC writes it) or a currency word after it ("3 billion dollars"). Money is never a count of events or people."""
    prev = parts[start - 1] if start > 0 else ""
    if prev in t.currency_symbols or prev in t.currency_words or (prev and prev[-1] in _CURRENCY_MARKS) \
            or parts[start][0] in _CURRENCY_MARKS:
        return True
    return end < len(parts) and parts[end] in t.currency_words


def tokenize(text: str) -> list[str]:
    """Split a phrase into the words :func:`find_counts` reads."""
    return _TOKEN.findall(text)


def parse_count(text: str) -> tuple[int | None, str]:
    """The first count in a phrase: ``(value, qualifier)``, or ``(None, "")``.

    >>> parse_count("at least 12 people")
    (12, 'at least')
    >>> parse_count("dozens")
    (12, 'vague')
    >>> parse_count("3.5 million")
    (3500000, 'exact')
    """
    counts = find_counts(tokenize(text))
    if not counts:
        return None, ""
    return counts[0].value, counts[0].qualifier
