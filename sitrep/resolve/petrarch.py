"""Readers for PETRARCH/TABARI ``.actors`` and ``.agents`` dictionaries.

The formats (PETRARCH documentation, "Dictionary formats"; TABARI manual ch. 5):

``.actors``::

    UNITED_STATES  [USA]          primary phrase, default code
    +USA                          synonyms of the entry above
    +U.S.  #JW 9/12/91            '#' (and legacy ';') start a comment
    GOLLUM                        no default code ...
        [HOB < 950601]            ... date restrictions on tab-indented lines:
        [HOBGOV 950601 - 990815]  "<date" on or before, ">date" on or after, "d1-d2" between
        [HOBREB > 990816]         (dates YYMMDD, 00-30 = 20YY, or YYYYMMDD)
    ALBRIGHT [USAGOV 991201-010114] [---]   TABARI in-line restrictions, also read

Words are joined by blanks or underscores; a final ``_`` (TABARI's "no stemming") and
``=`` are dropped. ``<!-- ... -->`` blocks (also spanning lines) and lines starting with
``<`` are comments. Codes are kept as written, upper-cased: ``---`` (null) and ``###``
(discard) included, compound codes such as ``FRO/BIL/SAM`` as one string.

``.agents``::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON     substitution set
    CONGRESS!PERSON! [~LEG]                       one entry per substitute, no plurals
    TROOPS {}  [~MIL]                             {} no plural; {X} explicit plural
    POLICE {} [ ~COP]                             "~XXX" goes after the actor's code,
    HUMAN_RIGHTS_BODY [NGO~]                      "XXX~" before it (NGOARN)

Regular plurals are generated as PETRARCH does: +S, -Y -> -IES, -S -> +ES.
Both readers raise :class:`~sitrep.errors.DataFileError` naming file and line.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.errors import DataFileError
from sitrep.resolve.actors import ActorEntry, AgentEntry, DatedCode, load_grammar


@dataclass
class PetrarchActor:
    """One actor record: its phrases (primary first), default code, date restrictions."""

    phrases: list[str]
    code: str | None = None
    dated: list[DatedCode] = field(default_factory=list)
    line: int = 0


@dataclass(frozen=True, slots=True)
class PetrarchAgent:
    phrase: str
    code: str  # without the "~"
    prefix: bool  # "NGO~": the code goes before the actor's
    line: int = 0


def _drop_comment(line: str) -> str:
    """Cut a '#' or ';' comment, but not a '#' inside a code block ("[###]")."""
    depth = 0
    for k, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch in "#;" and depth == 0:
            return line[:k]
    return line


def _strip_comments(path: Path) -> list[tuple[int, str]]:
    """Lines with XML-style blocks, '#' and ';' comments removed (tabs kept)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DataFileError(f"cannot read PETRARCH dictionary: {exc}", item=str(path)) from exc
    out: list[tuple[int, str]] = []
    in_block = False
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw
        if in_block:
            end = line.find("-->")
            if end < 0:
                continue
            line, in_block = line[end + 3:], False
        while "<!--" in line:
            a = line.find("<!--")
            b = line.find("-->", a + 4)
            if b < 0:
                line, in_block = line[:a], True
                break
            line = line[:a] + line[b + 3:]
        if line.lstrip().startswith("<"):  # "<! -- ... -->": PETRARCH skips any line starting "<"
            continue
        line = _drop_comment(line)
        if line.strip():
            out.append((n, line.rstrip()))
    return out


def parse_date(text: str) -> int:
    """A PETRARCH date (YYYYMMDD, or YYMMDD with 00-30 read as 20YY) -> proleptic ordinal."""
    s = text.strip()
    if not s.isdigit() or len(s) not in (6, 8):
        raise ValueError(f"bad date {text!r}")
    if len(s) == 6:
        yy = int(s[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = int(s[2:4]), int(s[4:6])
    else:
        year, month, day = int(s[:4]), int(s[4:6]), int(s[6:8])
    return _dt.date(year, month, day).toordinal()


_BLOCK = re.compile(r"\[([^\]]*)\]")


def _parse_code_block(body: str) -> tuple[str, DatedCode | None]:
    """'USAGOV 991201-010114' -> ('USAGOV', DatedCode); 'HOB' -> ('HOB', None)."""
    parts = body.strip().split(None, 1)
    if not parts:
        raise ValueError("empty code block")
    code = parts[0].upper()
    rest = parts[1].replace(" ", "") if len(parts) > 1 else ""
    if not rest:
        return code, None
    if rest[0] in "<>":
        return code, DatedCode(code, rest[0], parse_date(rest[1:]))
    m = re.fullmatch(r"(\d+)-(\d+)", rest)
    if not m:
        raise ValueError(f"bad date restriction {rest!r}")
    lo, hi = parse_date(m.group(1)), parse_date(m.group(2))
    if hi < lo:
        raise ValueError(f"date range {rest!r} ends before it starts")
    return code, DatedCode(code, "-", lo, hi)


def _clean_phrase(text: str) -> str:
    words = [w for w in re.split(r"[\s_]+", text.strip().rstrip("=_").strip()) if w]
    return " ".join(words)


def read_actors(path: Path) -> list[PetrarchActor]:
    """Parse a PETRARCH/TABARI ``.actors`` file into records (in file order)."""
    records: list[PetrarchActor] = []
    cur: PetrarchActor | None = None
    for n, line in _strip_comments(path):
        stripped = line.strip()
        try:
            if line[0] in "\t " and stripped.startswith("["):  # indented date restriction / default
                if cur is None:
                    raise ValueError("code line before any actor")
                for body in _BLOCK.findall(stripped):
                    code, dc = _parse_code_block(body)
                    if dc is None:
                        cur.code = code
                    else:
                        cur.dated.append(dc)
                continue
            if stripped.startswith("+"):
                if cur is None:
                    raise ValueError("synonym before any actor")
                phrase = _clean_phrase(stripped[1:].split("[", 1)[0])
                if phrase:
                    cur.phrases.append(phrase)
                continue
            head = stripped.split("[", 1)[0]
            phrase = _clean_phrase(head)
            if not phrase:
                raise ValueError(f"no phrase in {stripped!r}")
            cur = PetrarchActor([phrase], line=n)
            records.append(cur)
            for body in _BLOCK.findall(stripped):
                code, dc = _parse_code_block(body)
                if dc is None:
                    cur.code = code
                else:
                    cur.dated.append(dc)
        except ValueError as exc:
            raise DataFileError(f"{path.name} line {n}: {exc}", item=str(path)) from None
    return records


def _agent_plural(phrase: str) -> str:
    if phrase.endswith("Y"):
        return phrase[:-1] + "IES"
    if phrase.endswith("S"):
        return phrase + "ES"
    return phrase + "S"


def read_agents(path: Path) -> list[PetrarchAgent]:
    """Parse a PETRARCH ``.agents`` file: one PetrarchAgent per phrase form (singular,
    plural, substitutions)."""
    subst: dict[str, list[str]] = {}
    out: list[PetrarchAgent] = []
    for n, line in _strip_comments(path):
        s = line.strip()
        try:
            m = re.fullmatch(r"!(\w+)!\s*=\s*(.+)", s)
            if m:
                subst[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
                continue
            if "[" not in s:
                raise ValueError("agents need a code in [...]")
            head, _, rest = s.partition("[")
            body = rest.split("]", 1)[0].replace(" ", "")
            if "~" not in body:
                raise ValueError(f"agent code {body!r} needs a '~'")
            prefix = not body.startswith("~")
            code = body.replace("~", "").upper()
            plural: str | None = None
            if "{" in head:
                if "}" not in head:
                    raise ValueError("missing '}'")
                plural = _clean_phrase(head[head.index("{") + 1:head.index("}")])
                head = head[:head.index("{")]
            phrase = head.strip()
            forms: list[str] = []
            mm = re.search(r"!(\w+)!", phrase)
            if mm:
                if mm.group(1) not in subst:
                    raise ValueError(f"substitution marker !{mm.group(1)}! is not defined")
                forms = [_clean_phrase(phrase[:mm.start()] + sub + phrase[mm.end():]) for sub in subst[mm.group(1)]]
            else:
                base = _clean_phrase(phrase)
                forms = [base]
                if plural is None:
                    forms.append(_agent_plural(base))
                elif plural:
                    forms.append(plural)
            out.extend(PetrarchAgent(f, code, prefix, n) for f in forms if f)
        except ValueError as exc:
            raise DataFileError(f"{path.name} line {n}: {exc}", item=str(path)) from None
    return out


def _title(phrase: str) -> str:
    return " ".join(w.capitalize() if w.isalpha() else w for w in phrase.split())


def actor_entries(records: list[PetrarchActor]) -> list[ActorEntry]:
    """Records -> resolver entries (kind "petrarch"; type and country are derived from the
    code in force when an actor is resolved)."""
    return [
        ActorEntry(name=_title(r.phrases[0]), kind="petrarch", code=r.code, aliases=tuple(r.phrases),
                   dated_codes=tuple(r.dated), source=f"line {r.line}")
        for r in records
    ]


def agent_entries(agents: list[PetrarchAgent]) -> list[AgentEntry]:
    """Agents -> resolver agent entries (type from the CAMEO role in the code)."""
    from sitrep.resolve.actors import ActorResolver

    grammar = load_grammar()
    out: list[AgentEntry] = []
    for a in agents:
        t = ActorResolver._code_type(("---" if not a.prefix else "") + a.code) or ActorResolver._code_type(a.code)
        out.append(AgentEntry(words=a.phrase.lower(), type=t, inter=grammar.types[t].inter if t else None,
                              code=a.code, label=None, weak=False, prefix=a.prefix, source="petrarch"))
    return out
