"""Readers for PETRARCH/TABARI verb dictionaries and discard lists.

Both layouts found in the wild are read (learnt from the PETRARCH validation
dictionaries and the PETRARCH "Dictionary formats" notes / TABARI manual ch. 5).

PETRARCH 2 (``--- ROOT [code] ---`` blocks)::

    &TIETYPES                   synset: "&NAME" then "+phrase" lines; a phrase may
    +MILITARY                   hold another synset ("+&CURRENCY")
    --- RESTORE  [064]  ---     a block: every verb listed until the next block shares
    RESTORE                     the block's code, unless it carries its own
    DOWNPLAY [014]
    BREAK { BROKE BROKEN }      irregular forms
    +BREAK_DOWN {+BREAKS_DOWN}  a phrasal verb ("+" marks the verb word inside:
    WIRE_+TAP                   "WIRE_+TAP" is "tap" after "wire")
    - * DIPLOMATIC  [064]       a pattern of the verb above: "*" is the verb

TABARI (``VERB [code]`` at column 0, patterns below it)::

    BREAK_ [1717]
    { BROKE_ BROKEN_ }           irregular forms
    APPRECIATE POSITION [042]    a verb with the words that must follow it
    - * FOR { SANCTIONS | EMBARGO } [172]   "{a | b}" alternatives
    - * THE_NEAT~_PLACE [027]    "~" a stem ("neat", "neater", "neatest")

Pattern words: a blank lets other words in between, ``_`` joins words that must
be adjacent; ``$`` marks the source, ``+`` the target, ``%`` a compound actor that
is both, ``^`` skips a noun phrase, ``&NAME`` any phrase of a synset. Codes are kept
as written (upper-cased, a trailing ``?`` dropped); ``A:B`` codes an event A and the
reverse event B (target to source); ``---`` codes nothing. Other codes without a
letter or digit (``+++``, ``###``) make the pattern inert.

Discards (``PETR.Validate.discards.txt``): one phrase a line; ``+phrase`` discards the
whole story, a bare phrase the sentence.

Errors raise :class:`~sitrep.errors.DataFileError` naming file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.errors import DataFileError
from sitrep.resolve.petrarch import _strip_comments

#: marker characters of patterns -> element kind
MARKERS = {"$": "source", "+": "target", "%": "compound", "^": "skip", "*": "verb"}


@dataclass(frozen=True, slots=True)
class Element:
    """One pattern element: a word, a synset, or a marker."""

    kind: str  # "word", "synset", "source", "target", "compound", "skip", "verb"
    value: str = ""  # the word (upper case) or the synset name
    gap_before: bool = True  # other words may stand between this element and the one before it
    stem: bool = False  # "NEAT~": any word starting with the value


@dataclass(frozen=True, slots=True)
class Pattern:
    elements: tuple[Element, ...]
    code: str | None  # None: "---", codes nothing
    reverse: str | None = None  # the "B" of an "A:B" code
    line: int = 0

    @property
    def before(self) -> tuple[Element, ...]:
        k = next(i for i, e in enumerate(self.elements) if e.kind == "verb")
        return self.elements[:k]

    @property
    def after(self) -> tuple[Element, ...]:
        k = next(i for i, e in enumerate(self.elements) if e.kind == "verb")
        return self.elements[k + 1:]

    @property
    def verb_joined_after(self) -> bool:
        """The element after "*" must follow the verb directly."""
        after = self.after
        return bool(after) and not after[0].gap_before

    @property
    def size(self) -> int:
        """How much the pattern says (longer patterns win, as in PETRARCH)."""
        return sum(e.kind != "verb" for e in self.elements)


@dataclass(slots=True)
class VerbEntry:
    """One verb (a root word, possibly with words around it) and its patterns."""

    word: str  # the verb word, upper case
    forms: set[str] = field(default_factory=set)  # surface forms, upper case
    before: tuple[str, ...] = ()  # words that must stand right before the verb ("WIRE" TAP)
    after: tuple[str, ...] = ()  # words that must follow right after it ("CORDON" OFF)
    code: str | None = None
    reverse: str | None = None
    has_code: bool = False  # the entry's own code (or its block's) was given
    patterns: list[Pattern] = field(default_factory=list)
    line: int = 0


@dataclass
class VerbDictionary:
    """A PETRARCH/TABARI verb dictionary: entries by surface form, synsets, discards."""

    entries: list[VerbEntry]
    synsets: dict[str, list[tuple[Element, ...]]]
    sentence_discards: list[tuple[str, ...]] = field(default_factory=list)
    story_discards: list[tuple[str, ...]] = field(default_factory=list)
    source: str = ""

    def __post_init__(self) -> None:
        self.by_form: dict[str, list[VerbEntry]] = {}
        for e in self.entries:
            for f in e.forms:
                self.by_form.setdefault(f, []).append(e)

    def lookup(self, form: str) -> list[VerbEntry]:
        return self.by_form.get(form.upper(), [])

    @classmethod
    def from_files(cls, verbs_path: str | Path, discards_path: str | Path | None = None) -> VerbDictionary:
        d = read_verbs(Path(verbs_path))
        if discards_path is not None and Path(discards_path).exists():
            d.sentence_discards, d.story_discards = read_discards(Path(discards_path))
        return d

    @classmethod
    def from_folder(cls, folder: str | Path) -> VerbDictionary:
        """The ``*.verbs.txt`` (and ``*.discards.txt``) file of a PETRARCH dictionary folder."""
        folder = Path(folder)
        verbs = sorted(folder.glob("*verbs*.txt"))
        if not verbs:
            raise DataFileError("no *verbs*.txt file in the PETRARCH dictionary folder", item=str(folder))
        discards = sorted(folder.glob("*discards*.txt"))
        return cls.from_files(verbs[0], discards[0] if discards else None)


# -- inflections -------------------------------------------------------------------

_VOWELS = set("AEIOU")


def regular_forms(word: str) -> set[str]:
    """Regular English forms of a verb (PETRARCH generates these for every verb):
    3rd person, past, participle and gerund."""
    w = word.upper()
    out = {w}
    if not w.isalpha() or len(w) < 2:
        return out
    if w.endswith("E"):
        out |= {w + "S", w + "D", w[:-1] + "ING"}
    elif w.endswith("Y") and w[-2] not in _VOWELS:
        out |= {w[:-1] + "IES", w[:-1] + "IED", w + "ING"}
    elif w.endswith(("S", "X", "Z", "CH", "SH")):
        out |= {w + "ES", w + "ED", w + "ING"}
    else:
        out |= {w + "S", w + "ED", w + "ING"}
        # a short verb ending consonant-vowel-consonant doubles it ("STOP" -> "STOPPED")
        if len(w) <= 4 and w[-1] not in _VOWELS | {"W", "X", "Y"} and w[-2] in _VOWELS and w[-3:-2] and w[-3] not in _VOWELS:
            out |= {w + w[-1] + "ED", w + w[-1] + "ING"}
    return out


# -- pattern text --------------------------------------------------------------------

_CODE = re.compile(r"\[([^\]]*)\]")
_ALT = re.compile(r"\{([^{}]*\|[^{}]*)\}")


def parse_code(body: str) -> tuple[str | None, str | None, bool]:
    """'064' -> ('064', None, True); '032:033' -> ('032', '033', True); '---' -> (None, None, True);
    '+++' -> (None, None, False): a code that makes its pattern inert."""
    text = body.strip().upper().replace(" ", "")
    if not text:
        raise ValueError("empty code")
    a, _, b = text.partition(":")

    def one(c: str) -> tuple[str | None, bool]:
        c = c.rstrip("?!")
        if not c or c == "---":
            return None, True
        if not re.search(r"[A-Z0-9]", c):
            return None, False
        return c, True

    code, ok = one(a)
    rev = one(b)[0] if b else None
    return code, rev, ok


class _PatternReader:
    def __init__(self, synsets: dict[str, list[tuple[Element, ...]]]) -> None:
        self.synsets = synsets
        self._alt = 0

    def elements(self, text: str) -> tuple[Element, ...]:
        text = self._alternatives(text)
        out: list[Element] = []
        for chunk in text.split():
            first = True
            for part in chunk.split("_"):
                if not part:
                    continue
                out.append(self._element(part, gap_before=first))
                first = False
        return tuple(out)

    def _alternatives(self, text: str) -> str:
        """TABARI "{ A | B }" -> an anonymous synset."""
        def repl(m: re.Match[str]) -> str:
            self._alt += 1
            name = f"ALTSET{self._alt}"
            self.synsets[name] = [self.elements(opt.strip().rstrip("_").replace("_", " "))
                                  for opt in m.group(1).split("|") if opt.strip()]
            return f"&{name}"
        return _ALT.sub(repl, text)

    @staticmethod
    def _element(part: str, *, gap_before: bool) -> Element:
        if part in MARKERS:
            return Element(MARKERS[part], gap_before=gap_before)
        if part.startswith("&"):
            return Element("synset", part[1:].upper().rstrip("_"), gap_before=gap_before)
        stem = part.endswith("~")
        return Element("word", part.rstrip("~=").upper(), gap_before=gap_before, stem=stem)


def _split_entry(text: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """'WIRE_+TAP' -> ('TAP', ('WIRE',), ()); 'CORDON_OFF' -> ('CORDON', (), ('OFF',))."""
    words = [w for w in re.split(r"[\s_]+", text.strip().lstrip("+")) if w]
    if not words:
        raise ValueError("no verb")
    k = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    words = [w.lstrip("+").rstrip("=").upper() for w in words]
    return words[k], tuple(words[:k]), tuple(words[k + 1:])


def _forms_list(text: str) -> list[str]:
    """'{ BROKE BROKEN }' / '{+BREAKS_DOWN +BREAKING_DOWN}' -> the forms, first words joined."""
    return [f for f in text.strip().strip("{}").split() if f.strip("+_")]


def read_verbs(path: Path) -> VerbDictionary:
    """Parse a PETRARCH 2 or TABARI verb dictionary."""
    lines = _strip_comments(path)
    synsets: dict[str, list[tuple[Element, ...]]] = {}
    reader = _PatternReader(synsets)
    entries: list[VerbEntry] = []
    block_code: tuple[str | None, str | None] | None = None  # PETRARCH 2 block code
    block: list[VerbEntry] = []
    cur: VerbEntry | None = None
    cur_syn: str | None = None
    block_patterns: list[Pattern] = []
    petrarch2 = any(line.lstrip().startswith("---") for _, line in lines)
    for n, line in lines:
        s = line.strip()
        try:
            if s.startswith("&"):
                cur_syn = s.split()[0][1:].upper().rstrip("_")
                synsets.setdefault(cur_syn, [])
                cur = None
                continue
            if s.startswith("+") and cur_syn is not None and cur is None:
                synsets[cur_syn].append(reader.elements(s[1:].replace("_", " ")))
                continue
            if s.startswith("---"):
                # "--- RESTORE [064] ---" (a second code block, as in "DELAY [120] [031:031]", is ignored)
                codes = _CODE.findall(s)
                if not codes:
                    raise ValueError("a verb block needs a [code]")
                code, rev, _ = parse_code(codes[0])
                block_code, block, cur, cur_syn = (code, rev), [], None, None
                block_patterns = []
                continue
            if s.startswith("-"):
                if cur is None:
                    raise ValueError("pattern before any verb")
                codes = _CODE.findall(s)
                if codes:
                    code, rev, ok = parse_code(codes[-1])
                else:  # TABARI: a pattern without a code takes its verb's
                    code, rev, ok = cur.code, cur.reverse, True
                if not ok:
                    continue
                els = reader.elements(s[1:].split("[", 1)[0])
                if sum(e.kind == "verb" for e in els) != 1:
                    raise ValueError("a pattern needs exactly one '*'")
                cur.patterns.append(Pattern(els, code, rev, n))  # shared by a PETRARCH 2 block
                continue
            if s.startswith("{"):
                if cur is None:
                    raise ValueError("forms before any verb")
                for f in _forms_list(s):
                    cur.forms.add(_split_entry(f)[0])
                continue
            # a verb line
            cur_syn = None
            head = s.split("[", 1)[0]
            forms_text = ""
            if "{" in head:
                head, _, forms_text = head.partition("{")
                forms_text = forms_text.split("}", 1)[0]
            if petrarch2 and block_code is None:
                raise ValueError("verb outside a '--- VERB [code] ---' block")
            word, before, after = _split_entry(head)
            entry = VerbEntry(word=word, forms=regular_forms(word), before=before, line=n)
            codes = _CODE.findall(s)
            if codes:
                code, rev, _ = parse_code(codes[0])
                entry.code, entry.reverse, entry.has_code = code, rev, True
            elif block_code is not None:
                entry.code, entry.reverse, entry.has_code = block_code[0], block_code[1], True
            if after and not petrarch2:
                # TABARI "BURN DOWN [222]": the words after the verb make a pattern of the verb
                entry_pat = Pattern((Element("verb"),) + tuple(Element("word", w, gap_before=False) for w in after),
                                    entry.code, entry.reverse, n)
                base = next((e for e in entries if e.word == word and not e.before and not e.after), None)
                if base is None:
                    base = VerbEntry(word=word, forms=regular_forms(word), line=n)
                    entries.append(base)
                base.patterns.append(entry_pat)
                cur = base
                continue
            entry.after = after
            for f in _forms_list(forms_text):
                entry.forms.add(_split_entry(f)[0])
            entries.append(entry)
            cur = entry
            if petrarch2:
                entry.patterns = block_patterns  # a block's patterns belong to all its verbs
                block.append(entry)
        except ValueError as exc:
            raise DataFileError(f"{path.name} line {n}: {exc}", item=str(path)) from None
    for e in entries:
        e.patterns.sort(key=lambda p: -p.size)  # stable: file order among equals (shared lists sort once more, harmless)
    return VerbDictionary(entries, synsets, source=str(path))


def read_discards(path: Path) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """(sentence discards, story discards), each a word tuple in upper case."""
    sentence: list[tuple[str, ...]] = []
    story: list[tuple[str, ...]] = []
    for _n, line in _strip_comments(path):
        s = line.strip()
        is_story = s.startswith("+")
        words = tuple(w.upper() for w in re.split(r"[\s_]+", s.lstrip("+")) if w)
        if words:
            (story if is_story else sentence).append(words)
    return sentence, story
