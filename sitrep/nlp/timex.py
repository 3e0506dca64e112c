"""Find time expressions in a sentence and pick the one that dates an event.

:func:`find_time_expressions` is a regular-expression finder (no spaCy), built
once from the calendar words in ``sitrep/data/timex.yaml``. It returns
character spans of expressions such as "on Sunday", "late on Tuesday",
"June 27, 2021", "in February", "January 2020", "since 2003", "yesterday",
"last week", "earlier this month", "so far this year", "two days ago",
"overnight". A leading preposition or modifier ("on", "since", "late on",
"early") is part of the span: it changes the meaning, and
:func:`sitrep.resolve.dates.resolve_expression` reads it.

Month names are matched case-sensitively (Title Case or capitals) so the verbs
"may" and "march" are not months; "May" and "March" alone also need a
preposition or modifier ("in May", "early March") or a day or year. A bare
year counts only in date context ("in 2014", "since 2003", "mid-2014",
"the summer of 2014"), so "2,000 troops" and "killed 2000" are not dates.

:func:`pick_event_time` takes a parsed sentence and an event trigger and
chooses the expression attached to the trigger's clause.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from sitrep.nlp.spans import span_text
from sitrep.resolve.dates import load_calendar
from sitrep.resolve.numbers import parse_count

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_NUM_WORD = (r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
             r"fifteen|twenty|thirty|forty|fifty|sixty|a\s+few|few|several|many|a\s+couple\s+of|a\s+number\s+of)")
_PREP = r"(?:(?i:since|from|as\s+of|until|till|by|on|in|during|throughout|before|after|between)\s+)"
_REPORTING = frozenset({"say", "tell", "report", "announce", "claim", "add", "state", "confirm", "note",
                        "declare", "write", "post", "tweet", "quote", "cite", "describe"})


_Finder = tuple[int, re.Pattern[str]]


@cache
def _gates() -> tuple[re.Pattern[str], ...]:
    """Cheap tests run once per text; a pattern runs only when its gate matched.

    0 month words, 1 weekday names, 2 relative words, 3 a year-like figure.
    """
    cal = load_calendar()
    months = "|".join(sorted([*cal.month_names, *cal.month_abbreviations], key=len, reverse=True))
    weekdays = "|".join(cal.weekday_names)
    return (
        re.compile(rf"\b(?:{months})\b", re.IGNORECASE),
        re.compile(rf"\b(?:{weekdays})\b", re.IGNORECASE),
        re.compile(r"\b(?:yesterday|today|tonight|night|morning|afternoon|evening|week|weekend|month|year|"
                   r"recent|ago|overnight|summer|winter|spring|autumn|fall|hours|day|days|weeks|months|years)\b|\d(?:st|nd|rd|th)\b",
                   re.IGNORECASE),
        re.compile(r"(?:19|20)\d\d"),
    )


@cache
def _finders() -> tuple[_Finder, ...]:
    cal = load_calendar()

    def alt(words: list[str]) -> str:
        variants: list[str] = []
        for w in sorted(words, key=len, reverse=True):
            variants += [w, w.upper()]
        return "(?:" + "|".join(variants) + ")"

    full = alt(list(cal.month_names))
    safe = alt([m for m in cal.month_names if m not in cal.ambiguous_months])
    risky = alt(sorted(cal.ambiguous_months))
    abbr = alt(list(cal.month_abbreviations))
    month_dot = rf"(?:{full}|{abbr}\.)"           # a month that can stand before a year
    month_day = rf"(?:{full}|{abbr}\.?)"          # before a day number an abbreviation may lack its dot
    weekday = alt(list(cal.weekday_names))
    weekday_any = rf"(?:{weekday}|{alt(list(cal.weekday_abbreviations))}\.?)"
    parts = "|".join(cal.parts_of_day)
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
    year = r"(?:19|20)\d\d(?!\d)(?!,\d)"
    mod = (r"(?:(?i:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|"
           r"the\s+rest\s+of|the\s+(?:first|second|third|fourth|last)\s+week\s+of|"
           r"earlier\s+in|later\s+in|last|this|next)(?:\s+|-))")
    lead = rf"(?:{_PREP}?{mod}?)"
    wd_prefix = rf"(?:{weekday_any},?\s+)?"
    month_gate, weekday_gate, relative_gate, year_gate = 0, 1, 2, 3
    patterns = [
        # 2021-06-27
        (year_gate, r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b"),
        # (on) (Sunday,) June 27(th)(, 2021) / Feb. 9, 2016
        (month_gate, rf"\b{_PREP}?{wd_prefix}{month_day}\s+{day}(?:,?\s+{year})?"),
        # (on) (Sunday,) 27 June (2021) / the 27th of June
        (month_gate, rf"\b{_PREP}?{wd_prefix}(?:the\s+)?{day}\s+(?:of\s+)?{month_dot}(?:,?\s+{year})?"),
        # (in/since/early) January 2020
        (month_gate, rf"\b{lead}{month_dot},?\s+(?:of\s+)?{year}"),
        # in February / late June / mid-June (unambiguous names alone)
        (month_gate, rf"\b{lead}{safe}\b(?!\s*\d)"),
        # in May / early March (ambiguous names need a preposition or modifier)
        (month_gate, rf"(?:\b{_PREP}{mod}?|\b{mod}){risky}\b(?!\s*\d)"),
        # late on Tuesday, overnight Tuesday, last Friday, on Sunday morning
        (weekday_gate, rf"\b(?:{_PREP}|(?i:late|early)\s+(?:on\s+)?|(?i:overnight)\s+(?:(?:on|into)\s+)?)?"
                       rf"(?:(?i:last|this|next|this\s+past|this\s+coming)\s+)?{weekday}(?:\s+(?i:{parts}))?\b"),
        # yesterday, tonight, earlier today, last night, this morning
        (relative_gate, rf"(?i:\b(?:(?:earlier|later|late|early)\s+)?"
                        rf"(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight)(?:\s+(?:{parts}))?\b)"),
        (relative_gate, r"(?i:\b(?:late\s+)?(?:last|this)\s+(?:night|morning|afternoon|evening)\b)"),
        # later in the day, earlier that day: the story's own day, told before (dates.py leaves it unresolved)
        (relative_gate, r"(?i:\b(?:earlier|later)\s+(?:in\s+the|that|the\s+same)\s+day\b)"),
        # the day before, the next day, two days later: counted from the story's own day (dates.py
        # takes it from the caller); "the day before Friday's raid" is the raid's, not one of these
        (relative_gate, rf"(?i:\b(?:on\s+)?(?:the\s+(?:day|night)\s+(?:before|after)"
                        r"(?!\s+(?:the|a|an|this|that|his|her|their|its|\d)\b|\s+[A-Z]|\s+\w+'s\b)|"
                        r"the\s+(?:previous|next|following)\s+(?:day|night|morning|evening)\b|"
                        rf"(?:{_NUM_WORD}|a\s+full)\s+(?:days?|weeks?|months?|years?)\s+(?:earlier|later)\b))"),
        # earlier in the week, later in the month: a part of the story's (or the report's) period
        (relative_gate, r"(?i:\b(?:earlier|later)\s+in\s+the\s+(?:week|month|year)\b)"),
        # last week, earlier this month, so far this year, since last year, over the past week
        (relative_gate, r"(?i:\b(?:(?:since|during|over|in|for|until|by|throughout)\s+)?"
                        r"(?:(?:earlier|later|late|early)\s+)?(?:so\s+far\s+)?(?:(?:in\s+)?the\s+)?"
                        r"(?:this|last|next|past|previous|coming|this\s+past)\s+(?:week|weekend|month|year)\b)"),
        (relative_gate, r"(?i:\b(?:over|at|during)\s+the\s+weekend\b)"),
        # (in recent years: a time years back that names no date, resolved to none)
        (relative_gate, r"(?i:\b(?:in\s+|over\s+|during\s+)?recent\s+(?:days|weeks|months|years)\b)"),
        # over the past 24 hours, in the last three days
        (relative_gate, rf"(?i:\b(?:(?:in|over|during|within)\s+)?the\s+(?:past|last|previous)\s+{_NUM_WORD}\s+"
                        r"(?:hours|days|weeks|months|years)\b)"),
        # two days ago, a week ago
        (relative_gate, rf"(?i:\b{_NUM_WORD}\s+(?:days?|weeks?|months?|years?|fortnight)\s+ago\b)"),
        (relative_gate, r"(?i:\bovernight\b)"),
        # in 2014, since 2003, mid-2014, the summer of 2014
        (year_gate, rf"\b(?:(?i:in|since|during|until|till|by|from|before|after|throughout|early|late|mid|"
                    rf"(?:the\s+)?(?:end|beginning|start|middle|rest|first\s+half|second\s+half|summer|winter|"
                    rf"spring|autumn|fall)\s+of)(?:\s+|-))(?:the\s+year\s+)?{year}"),
        # in the 1990s, during the late 1980s, the early 2000s: a decade, years back, that names
        # no date of its own (resolved to none, as "in recent years")
        (year_gate, r"(?i:\b(?:(?:in|during|since|throughout|until|till|by|from|through)\s+)?the\s+"
                    r"(?:(?:early|late|mid)[\s-]+)?(?:19|20)\d0s\b)"),
        # last summer, this winter
        (relative_gate, r"(?i:\b(?:last|this|next)\s+(?:summer|winter|spring|autumn|fall)\b)"),
        # on the 27th
        (relative_gate, r"(?i:\bon\s+the\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b)"),
    ]
    return tuple((gate, re.compile(p)) for gate, p in patterns)


def find_time_expressions(text: str) -> list[tuple[int, int, str]]:
    """Time expressions in ``text``: ``(start, end, expression text)``, left to right.

    Overlapping matches keep the longest ("late on Tuesday" over "on
    Tuesday"). Offsets index ``text``. Results are cached per text (the
    pipeline asks once per event of a sentence).
    """
    return list(_find_cached(text))


@cache
def _gate_words() -> tuple[tuple[str, ...] | None, ...]:
    """Per gate of ``_gates``, the lower-case words one of which each of its matches holds (the
    month and weekday names), or None where no such list is kept (the gate is always run)."""
    cal = load_calendar()
    months = tuple(n.lower() for n in [*cal.month_names, *cal.month_abbreviations])
    days = tuple(n.lower() for n in cal.weekday_names)
    return (months if all(w.isalpha() for w in months) else None,
            days if all(w.isalpha() for w in days) else None, None, None)


def _gate_open(gate: re.Pattern[str], words: tuple[str, ...] | None, text: str, low: str | None) -> bool:
    """Does ``gate`` match ``text``? Not run over an ASCII text (``low``, lower-cased) that holds
    none of its words (the gates' IGNORECASE scan of every position costs tens of microseconds
    per sentence; a substring test, one)."""
    if words is not None and low is not None and not any(w in low for w in words):
        return False
    return gate.search(text) is not None


@lru_cache(maxsize=2048)
def _find_cached(text: str) -> tuple[tuple[int, int, str], ...]:
    low = text.lower() if text.isascii() else None
    open_gates = [_gate_open(g, w, text, low) for g, w in zip(_gates(), _gate_words(), strict=True)]
    if not any(open_gates):
        return ()
    found: list[tuple[int, int]] = []
    for gate, rx in _finders():
        if not open_gates[gate]:
            continue
        for m in rx.finditer(text):
            s, e = m.span()
            while e > s and text[e - 1] in " ,-":
                e -= 1
            if e > s:
                found.append((s, e))
    found.sort(key=lambda se: (se[0] - se[1], se[0]))
    kept: list[tuple[int, int]] = []
    for s, e in found:
        if all(e <= ks or s >= ke for ks, ke in kept):
            kept.append((s, e))
    kept.sort()
    return tuple((s, e, text[s:e]) for s, e in kept)


def _attachment(span: Span) -> Token:
    """The token outside ``span`` that the expression modifies (through a preposition)."""
    root = span.root
    head = root.head
    if head.dep_ == "prep" and head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head  # "on" left outside the span: the thing modified is above it
    return head


_FUTURE_AUX = frozenset({"will", "wo", "shall", "'ll", "ll"})
_FUTURE_WORDS = frozenset({"due", "schedule", "expect", "plan", "prepare", "intend", "slate",
                           "upcoming", "planned", "scheduled", "forthcoming", "next"})
#: Verbs of asking for an act ("called for a general strike on Thursday", "appealed for talks next week"):
#: a date on the act asked for is still to come.
_CALL_FOR = frozenset({"call", "appeal", "press", "push"})
#: Verbs that commit to an act: the act of their infinitive complement is still to come when
#: the expression dates that act ("vowed to stage sit-ins Monday", "threatened to strike on
#: Friday"); an expression on the verb itself dates the vow ("vowed on Monday to ...").
_COMMISSIVE = frozenset({"vow", "pledge", "promise", "threaten", "swear", "resolve", "hope", "want", "aim", "seek"})


def expression_tense(sent: Span | Doc, start: int, end: int) -> str:
    """"future" when the expression at Doc offsets ``start``/``end`` dates something still to
    come ("will meet on Thursday", "is due to vote in June", "the upcoming talks on May 7"),
    else "past". Pass it to ``resolve_expression(..., prefer=...)``.

    Looks at the word the expression modifies and up to two verbs above it for
    "will"/"shall", "be to", or words of planning (due, scheduled, expected,
    plan, prepare); a past-tense verb on the way stops the search.
    """
    doc = sent.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "past"
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lemma_.lower() in _REPORTING and before.tag_ == "VBD":
        return "past"  # "Shoigu said Wednesday the military will ...": the date is the saying's
    tok = _attachment(span)
    if tok.pos_ in ("NOUN", "PROPN") and any(
            c.lemma_.lower() in _FUTURE_WORDS for c in tok.children if c.dep_ in ("amod", "compound")):
        return "future"  # "the upcoming talks on May 7"
    for _ in range(4):  # from a noun ("a bill in June") up to the verb of its clause
        if tok.pos_ in ("VERB", "AUX", "ADJ") or tok.head.i == tok.i:
            break
        if tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.lemma_.lower() in _CALL_FOR:
            return "future"  # what is called for is still to come: "have called for a strike on Thursday"
        tok = tok.head
    below: Token | None = None
    for _ in range(3):
        if tok.lemma_.lower() in _FUTURE_WORDS:
            return "future"
        if below is not None and below.dep_ == "xcomp" and tok.lemma_.lower() in _COMMISSIVE:
            return "future"  # "have vowed to stage sit-ins Monday" (not "vowed on Monday to ...")
        if tok.lemma_.lower() == "set" and tok.tag_ == "VBN" and any(
                c.dep_ == "prep" and c.lower_ == "for" or c.dep_ == "xcomp" for c in tok.children):
            return "future"  # "set for April 5", "is set to resume"
        if any(c.lemma_.lower() in _FUTURE_WORDS for c in tok.children if c.dep_ in ("acomp", "xcomp", "attr")):
            return "future"  # "Modi is due to hold ..."
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in _FUTURE_AUX for a in auxes):
            return "future"
        if any(a.lower_ in ("would", "'d") for a in auxes) and not any(a.lower_ == "have" for a in auxes):
            return "future"  # "said it would hold talks on Friday" (not "would have met on Friday")
        if any(a.lower_ == "to" for a in auxes) and tok.head.lemma_ == "be" and tok.dep_ == "xcomp":
            return "future"  # "the talks are to resume on Monday"
        if {a.lower_ for a in auxes} >= {"to", "be"} and tok.dep_ in ("acl", "relcl") and tok.head.pos_ == "NOUN":
            return "future"  # a passive infinitive telling what a thing is for: "a summit to be held in November"
        if "to" in {a.lower_ for a in auxes} and (tok.dep_ == "ROOT" or (
                tok.dep_ == "acl" and tok.head.dep_ == "ROOT" and tok.head.pos_ in ("NOUN", "PROPN"))):
            return "future"  # a headline's "<subject> to <verb>", no finite verb: "Talks to begin on Tuesday"
        if tok.tag_ in ("VBD", "VBN") and not any(a.lower_ in ("has", "have", "had") for a in auxes):
            return "past"
        if tok.head.i == tok.i or tok.head.pos_ not in ("VERB", "AUX", "ADJ"):
            break
        below, tok = tok, tok.head
    return "past"


def _is_ancestor(anc: Token, tok: Token, max_steps: int) -> bool:
    steps = 0
    while tok.head.i != tok.i and steps < max_steps:
        tok = tok.head
        steps += 1
        if tok.i == anc.i:
            return True
    return False


#: Prepositions that place an event relative to another one: a date inside their object dates that other one.
_REFERENCE_POINT_PREPS = frozenset({"ahead", "before", "after", "following", "until", "prior", "since"})
#: Prepositions naming the happening a protest or an outcry answers ("a protest against Sunday's
#: attack", "anger over Friday's killing"): a day written as its possessive dates that happening.
#: (Not any date below them: a caption's closing date hangs on its last noun, "rallying against
#: the government in Caracas, April 10, 2017".)
_ANSWERED_PREPS = frozenset({"against", "over"})


def _dates_a_reference_point(span: Span, trig: Token) -> bool:
    """Does the expression sit inside an "ahead of"/"before"/"after" phrase below the trigger,
    dating the reference event rather than the trigger's own?"""
    tok = span.root
    doc = span.doc
    possessive = span.root.dep_ == "poss" or (span.end < len(doc) and doc[span.end].tag_ == "POS")
    preps = _REFERENCE_POINT_PREPS | _ANSWERED_PREPS if possessive else _REFERENCE_POINT_PREPS
    for _ in range(6):
        if tok.i == trig.i or tok.head.i == tok.i:
            return False
        if tok.head.i == trig.i:
            return False
        if tok.head.lower_ in preps and not (span.start <= tok.head.i < span.end):
            # "after Monday" itself is a date of the trigger; "after Monday's talks" is not;
            # nor is a time inside a phrase that holds the trigger itself ("after saying in late
            # January they had liberated the east"): the phrase's time is the trigger's own
            if _is_ancestor(tok, trig, 8):
                return False
            return tok.i not in range(span.start, span.end)
        tok = tok.head
    return False


#: Words that open a time expression able to give the range of a comparison ("the largest
#: protests in recent years", "the deadliest attack since 2003", "the worst violence this year").
_RANGE_OPENERS = frozenset({"in", "since", "over", "during", "for", "this", "so"})


def _superlative_range(att: Token, span: Span, trig: Token) -> bool:
    """Does the expression give the range over which the superlative on the trigger noun compares
    ("the largest protests in recent years", "the deadliest attack since 2003")? Then it dates no
    happening. (A superlative describing another noun, "Iraq's second-largest city on Sunday", has
    no bearing on the time.)"""
    if span[0].lower_ not in _RANGE_OPENERS:
        return False
    # (the parser may hang it on the verb instead: then the trigger's phrase closes just before it)
    before = span.doc[span.start - 1] if span.start > 0 else None
    for noun in (att, before):
        if noun is None or noun.i != trig.i or trig.pos_ not in ("NOUN", "PROPN") or (
                noun is before and noun.i != noun.right_edge.i):
            continue
        if any(m.tag_ == "JJS" or any(a.tag_ == "RBS" for a in m.children if a.dep_ == "advmod")
               for m in noun.children if m.dep_ == "amod" and m.i < span.start):
            return True
    return False


def _path_up(tok: Token, stop: Token) -> list[Token]:
    """``tok`` and its ancestors below ``stop``."""
    out = [tok]
    while tok.head.i != tok.i and tok.head.i != stop.i and len(out) < 10:
        tok = tok.head
        out.append(tok)
    return out


def _in_other_clause(att: Token, trig: Token) -> bool:
    """Does the word an expression modifies sit in a clause of its own (a verb with its own
    subject) that does not govern the trigger? Such a date belongs to that clause's event."""
    verb, steps = att, 0
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and steps < 4:
        verb = verb.head
        steps += 1
    if verb.pos_ not in ("VERB", "AUX") or verb.i == trig.i:
        return False
    has_subject = any(ch.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for ch in verb.children)
    # an infinitive telling what a thing is for ("a summit to be held in November", "talks to
    # take place on Friday") is a clause of that thing's own, still to come
    has_subject = has_subject or _infinitival_modifier(verb, trig)
    if not has_subject or _is_ancestor(verb, trig, 8):
        return False
    if _is_ancestor(trig, verb, 8):
        # a clause below the trigger: a relative clause dates its own event, and so does a
        # complement clause (what is demanded, said or feared: "demanded that Pakistan act ...
        # when it launched operations in 2009"); a time clause ("killed when militants attacked
        # on Sunday") shares the trigger's time. A relative clause on the trigger noun itself
        # tells of that happening ("the cease-fire which began on April 12") and dates it.
        path = _path_up(verb, trig)
        own = [h for h in path if h.dep_ in ("relcl", "acl", "ccomp")]
        if own == [path[-1]] and own[0].head.i == trig.i and trig.pos_ in ("NOUN", "PROPN") and (
                own[0].dep_ == "acl" or any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP")
                                            for c in own[0].children)):
            return False  # (the happening is the relative clause's subject, not what it tells of)
        return bool(own)
    return True


def _in_elided_clause(span: Span, trig: Token) -> bool:
    """Is the expression in a clause whose verb is left out, told by its subordinator, subject and
    auxiliary alone ("as they had last year", "just as it had in May", "as they have every week
    since March")? Such a clause says the main clause's act happened before or again: its time
    is of that other time, not of the trigger. The parser hangs the clause off the expression
    itself (or the word it sits in), not a verb; a trigger inside the clause keeps it."""
    for head in (span.root, span.root.head):
        if head.pos_ == "VERB" or trig.i in {t.i for t in head.subtree}:
            continue
        deps = {c.dep_ for c in head.children}
        if "mark" in deps and deps & {"nsubj", "nsubjpass"} and ("aux" in deps or head.pos_ == "AUX"):
            return True
    return False


def _infinitival_modifier(verb: Token, trig: Token) -> bool:
    """Is ``verb`` an infinitive modifying a noun other than the trigger ("a summit to be held")?"""
    return (verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i != trig.i
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))


_YEAR = re.compile(r"(?:19|20)\d\d")
#: Prepositions that tell a happening as the time of another ("following the attack").
_SEQUENCE_PREPS = frozenset({"after", "following", "before", "since", "ahead"})


def _told_as_sequence(trig: Token) -> bool:
    """A definite noun trigger that is the object of a sequence preposition ("following the
    attack"): a happening told before, now the time of the clause's own event, whose dates are
    that event's. ("After a news conference" is new and may share the clause's day.)"""
    head = trig.head
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in trig.children)
    return definite and trig.pos_ == "NOUN" and trig.dep_ == "pobj" and (
        head.lower_ in _SEQUENCE_PREPS or (head.lower_ == "to" and head.head.lower_ == "prior"))


#: Units of a measured gap between two happenings ("two days after"), in days.
_GAP_UNITS = {"day": 1, "night": 1, "week": 7}  # ("one night after": the night before the clause's day)


def measured_gap_days(trigger: Token | Span, span: tuple[int, int] | None) -> int | None:
    """Days from the time of the clause an expression dates to the trigger's own time, where the
    trigger is told in a clause measured from that time ("flags fly ... July 9, two days after a
    gunman killed five officers": the killing is July 7; "a week before troops withdrew"): minus
    the gap for "after", plus for "before". None where the trigger is not in such a clause or the
    expression (``span``, Doc character offsets) is the clause's own ("two days after police fired
    on Monday"). ``span`` None: the sentence names no time, and the clause it measures from is
    dated by the story ("The unrest came a day after soldiers shot two students")."""
    trig = trigger.root if hasattr(trigger, "root") else trigger
    # (a noun trigger is measured by the verb it is the subject or object of: "a day after an
    # airstrike killed 12 civilians" is the airstrike's day)
    verb = telling_verb(trig)
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head  # "ambushed and killed": the first conjunct carries the clause
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ != "advcl":
        return None
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    if mark is None:
        return None
    # (the parser may hang the measure on the main clause's verb, right before the mark: "came
    # one night after officers shot")
    ahead = [c for c in verb.head.children if c.right_edge.i == mark.i - 1]
    measure = next((c for c in (*verb.children, *mark.children, *ahead) if c.dep_ == "npadvmod"
                    and c.lemma_.lower() in _GAP_UNITS), None)
    if measure is None:
        return None
    num = next((c for c in measure.children if c.dep_ in ("nummod", "det")), None)
    value, qual = (1, "exact") if num is not None and num.lower_ in ("a", "an", "one") else (
        parse_count(num.text) if num is not None and num.dep_ == "nummod" else (None, ""))
    if value is None or qual == "vague":
        return None
    doc = trig.doc
    own = {verb.i} | {c.i for c in verb.children if c.dep_ == "conj"}
    expr = doc.char_span(span[0], span[1], alignment_mode="expand") if span is not None else None
    if span is not None and (expr is None or _attachment(expr).i in own or any(t.i in own for t in expr)):
        return None
    days = int(value) * _GAP_UNITS[measure.lemma_.lower()]
    return -days if mark.lower_ == "after" else days


def night_before_gap(trigger: Token | Span, span: tuple[int, int]) -> int | None:
    """-1 where the trigger is the happening of a night the clause dated by the expression at
    Doc character offsets ``span`` comes after ("Kiev was calm on Sunday after a night of
    clashes", "remained under curfew Tuesday after a second night of rioting"): the night is the
    one before that day, so its happening is of the day before. None otherwise, and where the
    expression dates the night itself ("after a night of clashes on Saturday")."""
    trig = trigger.root if hasattr(trigger, "root") else trigger
    if trig.pos_ != "NOUN":
        return None
    # the night's own happening, or a party to it ("a night of clashes between police and protesters")
    what = next((t for t in _path_up(trig, trig)[:5]
                 if t.dep_ == "pobj" and t.head.lower_ == "of"), None)
    if what is None or (what.i != trig.i and any(t.pos_ in ("VERB", "AUX") for t in _path_up(trig, what))):
        return None
    night = what.head.head
    # (one night: "after three nights of rioting" spans more days than the one before)
    if night.lower_ != "night" or night.dep_ != "pobj" or night.head.lower_ not in (
            "after", "following"):
        return None
    doc = trig.doc
    expr = doc.char_span(span[0], span[1], alignment_mode="expand")
    if expr is None or len(expr) == 0:
        return None
    inside = {t.i for t in night.subtree}
    if any(t.i in inside for t in expr) or _attachment(expr).i in inside:
        return None
    # the expression must date the clause the "after" phrase hangs on: on its verb, or on a
    # word of that clause below it ("remained under a curfew on Tuesday"), not another verb's
    clause, att = night.head.head, _attachment(expr)
    if att.i == clause.i or (_is_ancestor(clause, att, 3) and not any(
            t.pos_ in ("VERB", "AUX") for t in _path_up(att, clause))):
        return -1
    return None


#: Verbs of a state that holds on a day rather than a happening of it ("remained under curfew",
#: "was calm", "stayed tense").
_STATE_VERBS = frozenset({"be", "remain", "stay"})


def night_before_state(sent: Span | Doc) -> tuple[int, int] | None:
    """The expression dating a state told to follow a night of happenings ("Ferguson remained
    under a state of emergency Tuesday after a second night of violence", "Kiev was calm on
    Sunday after a night of clashes"): Doc character offsets of it, or None. Such a sentence
    tells the day's state and puts the story's happenings in the night before it: what the
    report goes on to tell in the simple past ("Police said they arrested two dozen
    protesters") is of that night, the day before the expression's."""
    if not hasattr(sent, "start_char"):
        sent = sent[:]
    nights = [t for t in sent if t.lower_ == "night" and t.dep_ == "pobj" and t.head.lower_ in _AFTER_PREPS
              and t.head.head.lemma_.lower() in _STATE_VERBS and t.head.head.pos_ in ("VERB", "AUX")]
    if not nights:
        return None
    base = sent.start_char
    for night in nights:
        what = next((p for p in night.children if p.dep_ == "prep" and p.lower_ == "of"), None)
        noun = next((o for o in what.children if o.dep_ == "pobj"), None) if what is not None else None
        if noun is None:
            continue
        for s, e, _text in find_time_expressions(span_text(sent)):
            if night_before_gap(noun, (base + s, base + e)) == -1:
                return base + s, base + e
    return None


#: Auxiliaries that leave a clause's act unrealised or still to come.
_IRREALIS_AUX = frozenset({"will", "wo", "shall", "'ll", "ll", "would", "'d", "could", "can", "may", "might",
                           "must", "should", "to"})


def telling_verb(trig: Token) -> Token:
    """The verb that tells a trigger's act: the trigger itself, or the verb whose subject or object
    a noun trigger is ("the strike killed", "they staged marches")."""
    if trig.pos_ in ("NOUN", "PROPN") and trig.dep_ in ("dobj", "nsubj", "nsubjpass"):
        return trig.head
    return trig


def _told_as_past(trig: Token) -> bool:
    """Is the trigger's act told as done: its verb (or the verb whose subject or object a noun
    trigger is) in the simple past, the present perfect or a past passive, with no modal?"""
    verb = telling_verb(trig)
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _IRREALIS_AUX for a in auxes):
        return False
    if verb.tag_ == "VBD":
        return not auxes
    return verb.tag_ == "VBN" and bool(auxes) and all(
        a.lower_ in ("has", "have", "had", "was", "were", "been") for a in auxes)


_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                  "eighth": 8, "ninth": 9, "tenth": 10, "twentieth": 20, "thirtieth": 30, "fiftieth": 50}
_ORDINAL = re.compile(r"(\d{1,3})(?:st|nd|rd|th)|(\d{1,3}|one|two|three|four|five|ten)-year", re.IGNORECASE)
_YEAR_COUNT = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}


def anniversary_of(trigger: Token | Span) -> tuple[bool, int | None]:
    """Is the trigger the happening an anniversary is of ("marking the first anniversary of the
    shooting death", "on the 10th anniversary of the bombing")? Then it lies that many whole years
    before the anniversary: ``(True, years)``, years None where no ordinal says how many."""
    tok = trigger.root if hasattr(trigger, "root") else trigger
    for _ in range(2):  # "the shooting death": the modifier up to its noun
        if tok.dep_ in ("amod", "compound") and tok.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head
    if not (tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() == "anniversary"):
        return False, None
    anniversary = tok.head.head
    for ch in anniversary.children:
        if ch.dep_ not in ("amod", "compound", "nummod"):
            continue
        if ch.lower_ in _ORDINAL_WORDS:
            return True, _ORDINAL_WORDS[ch.lower_]
        m = _ORDINAL.fullmatch(ch.text)
        if m:
            count = m.group(1) or m.group(2)
            return True, int(count) if count.isdigit() else _YEAR_COUNT[count.lower()]
    return True, None


#: Prepositions placing a happening after another: the trigger lies in or after the other's period.
_AFTER_PREPS = frozenset({"after", "following"})


def after_reference_time(sent: Span | Doc, trigger: Token | Span) -> tuple[int, int] | None:
    """The date of the happening a trigger is told to follow, where the "after"/"following"
    phrase hangs on the trigger itself ("rebels seized the base after a lengthy siege in August
    2013"): Doc character offsets of the expression, or None. The caller uses it only where the
    trigger has no date of its own and the expression names a month or a year (a happening told
    as following one of a named month is of that month or later; its own day is unknown)."""
    if not hasattr(sent, "start_char"):
        sent = sent[:]
    doc = sent.doc
    trig = trigger.root if hasattr(trigger, "root") else trigger
    base = sent.start_char
    # "scores of arrests following April protests": the phrase may hang on the count of the trigger
    hosts = {trig.i} | ({trig.head.head.i} if trig.dep_ == "pobj" and trig.head.lower_ == "of"
                        and trig.head.head.pos_ in ("NOUN", "NUM") else set())
    for s, e, _text in find_time_expressions(span_text(sent)):
        span = doc.char_span(base + s, base + e, alignment_mode="expand")
        if span is None or len(span) == 0 or span.start <= trig.i < span.end:
            continue
        tok = span.root
        for _ in range(6):
            if tok.head.i == tok.i or tok.i == trig.i:
                break
            if tok.head.lower_ in _AFTER_PREPS and not (span.start <= tok.head.i < span.end):
                if tok.i not in range(span.start, span.end) and tok.head.head.i in hosts:
                    return base + s, base + e
                break
            tok = tok.head
    return None


#: Words that close up the gap of an "after"/"following" phrase to less than a day: units
#: shorter than a day ("hours after", "in the minutes following") and adverbs of immediacy
#: ("shortly after", "immediately after"). A closed grammatical class, not a list of phrases.
_SAME_DAY_GAP = frozenset({"hours", "hour", "minutes", "minute", "moments", "moment", "seconds",
                           "shortly", "immediately", "soon", "right", "just", "directly"})
#: Determiners and possessives that make a noun name one happening already known to the reader.
_DEFINITE = frozenset("the this that its their his her".split())


def closely_after_noun(trigger: Token | Span) -> Token | None:
    """The definite event noun that a trigger is told to follow within the same day, where a
    phrase on the trigger (or on the verb a noun trigger is the subject or object of) says so:
    "soldiers forced protesters from their camps in the hours after the coup", "shortly after
    the blast, police sealed the area". The noun names a happening told elsewhere in the story
    (its definite article or possessor says the reader knows it); the caller dates the trigger
    by that happening's day. None for a plain "after the coup" (any time later) or an
    indefinite one ("hours after an attack"), which names no happening the story told."""
    trig = trigger.root if hasattr(trigger, "root") else trigger
    verb = telling_verb(trig)
    for prep in verb.subtree:
        if prep.lower_ not in _AFTER_PREPS or prep.dep_ != "prep":
            continue
        # the phrase hangs on the verb, or on a measure of hours in a phrase on it ("in the hours after")
        host = prep.head
        # (the parser may hang "after" beside the measure rather than on it: "in the hours after")
        close = any(ch.lower_ in _SAME_DAY_GAP for ch in prep.children) or host.lower_ in _SAME_DAY_GAP or (
            prep.i > 0 and prep.doc[prep.i - 1].lower_ in _SAME_DAY_GAP)
        if host.i != verb.i and not (host.lower_ in _SAME_DAY_GAP and host.dep_ == "pobj"
                                     and host.head.head.i == verb.i):
            continue
        noun = next((ch for ch in prep.children if ch.dep_ == "pobj"), None)
        if not close or noun is None or noun.pos_ != "NOUN":
            continue
        if any(ch.dep_ in ("det", "poss") and ch.lower_ in _DEFINITE for ch in noun.children):
            return noun
    return None


#: Units of a time expression that places its event months or more away from the report
#: ("many months ago", "eight years later", "the 1990s", "over the past 80 years").
_DISTANT = re.compile(r"(?i)\b(?:months?|years?|decades?|centur(?:y|ies)|(?:\d\d)?\d0s)\b")


def unplaced_distant_time(sent: Span | Doc, span: tuple[int, int], trigger: Token | Span) -> bool:
    """Does the expression at Doc character offsets ``span`` (one that did not resolve to a date)
    place the trigger's own clause months or years away from the report ("Many months ago, the
    regime forces withdrew", "Eight years later, after surging troops into the country")? Then
    the event's time is one the text names but no calendar date: not the report's day, and not
    the time of the sentence before either."""
    if not hasattr(sent, "start_char"):
        sent = sent[:]
    doc = sent.doc
    expr = doc.char_span(span[0], span[1], alignment_mode="expand")
    if expr is None or len(expr) == 0 or not _DISTANT.search(expr.text):
        return False
    return dates_own_clause(sent, span, trigger) or _argument_of_dated_clause(expr, trigger)


def _argument_of_dated_clause(expr: Span, trigger: Token | Span) -> bool:
    """Is a nominal trigger a happening that the clause ``expr`` dates tells of, at any depth
    below its verb but within that clause ("have criticized Obama in recent years for his decision
    to announce the withdrawal of troops")? What a clause placed years away speaks of lies no
    later than that clause: not on the report's day. A verb with a subject of its own on the way
    up opens another clause, which has a time of its own ("in recent years, officials said that
    the attack ...")."""
    trig = trigger.root if hasattr(trigger, "root") else trigger
    att = _attachment(expr)
    # (the clause's head: its verb, or the root of a clause parsed apart with its verb left out)
    if trig.pos_ != "NOUN" or not (att.pos_ in ("VERB", "AUX") or att.head.i == att.i) or not _is_ancestor(
            att, trig, 8):
        return False
    return not any(t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")
                                                    for c in t.children)
                   for t in _path_up(trig, att)[1:])


def dates_own_clause(sent: Span | Doc, span: tuple[int, int], trigger: Token | Span) -> bool:
    """Does the expression at Doc character offsets ``span`` date the trigger's own clause: it
    hangs on the trigger or on a verb just above it, or it opens the sentence (a fronted time
    adverbial sets the time of the whole sentence: "Eight years later, after surging ...")?
    An expression elsewhere ("more tense than Monday's march, with arrests following ...") dates
    another happening."""
    if not hasattr(sent, "start_char"):
        sent = sent[:]
    doc = sent.doc
    expr = doc.char_span(span[0], span[1], alignment_mode="expand")
    if expr is None or len(expr) == 0:
        return False
    trig = trigger.root if hasattr(trigger, "root") else trigger
    k = expr.start - 1
    while k >= 0 and doc[k].idx >= sent.start_char and doc[k].is_punct:
        k -= 1
    if k < 0 or doc[k].idx < sent.start_char:
        return True  # nothing but punctuation before it in the sentence
    att = _attachment(expr)
    return att.i == trig.i or _is_ancestor(att, trig, 2) or (
        trig.dep_ in ("conj", "xcomp") and att.i == trig.head.i)


#: Words of a time expression that name the present, which a verb in the present tense may carry.
_NOW = re.compile(r"(?i)\b(?:today|tonight|now|this|currently)\b")


def pick_event_time(sent: Span | Doc, trigger: Token | Span) -> tuple[int, int] | None:
    """The time expression that dates the event of ``trigger`` in ``sent``.

    Returns Doc character offsets ``(start, end)`` of the expression, or None
    when the sentence holds none. Preference, best first: an expression
    attached to the trigger itself ("killed ... on Sunday"); one attached to
    the verb governing a nominal trigger ("launched strikes on Sunday") or a
    near ancestor that is not a reporting verb; one inside the trigger's
    subtree; one attached to a reporting verb ("police said on Tuesday");
    then the nearest in the sentence.
    """
    if not hasattr(sent, "start_char"):  # a Doc: the whole of it
        sent = sent[:]
    doc = sent.doc
    trig = trigger.root if hasattr(trigger, "root") else trigger
    # a year written before an event noun dates it: "the 1979 Soviet invasion", "the 2014 coup"
    for ch in trig.children:
        if ch.i < trig.i and ch.dep_ in ("nummod", "compound", "amod", "npadvmod") and _YEAR.fullmatch(ch.text):
            return ch.idx, ch.idx + len(ch.text)
    exprs = find_time_expressions(span_text(sent))
    if not exprs:
        return None
    base = sent.start_char
    best: tuple[float, int, int] | None = None
    done = _told_as_past(trig)
    for s, e, _text in exprs:
        start, end = base + s, base + e
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if span.start <= trig.i < span.end:
            continue  # the trigger is inside the expression: not its date
        if _in_elided_clause(span, trig):
            continue  # "claimed the attack, as they had last year": last year's claim, not this one
        att = _attachment(span)
        if _superlative_range(att, span, trig):
            continue  # "the largest protests in recent years": the range of the comparison
        before = doc[span.start - 1] if span.start > sent[0].i else None
        # "the army said on Thursday it had killed 20 militants on Tuesday": a time right after the
        # verb of saying is the saying's, wherever the parser hung it (it ranks no higher than one)
        sayings = (before is not None and before.i != trig.i and before.lemma_ in _REPORTING
                   and before.pos_ in ("VERB", "AUX") and att.i != before.i and _is_ancestor(before, trig, 6))
        dist = min(abs(t.i - trig.i) for t in span)
        present = att.tag_ in ("VBP", "VBZ") and not any(
            a.dep_ == "aux" and a.tag_ in ("VBD", "MD") for a in att.children)
        if att.i == trig.i:
            score = 0.0
        elif att.lemma_ in _REPORTING and present and _is_ancestor(att, trig, 6) and not _NOW.search(_text):
            # "Later in the day, observers say some students were arrested": a saying in the
            # present is now, so a past time on it is the time of what is said
            score = 1.0
        elif att.lemma_ in _REPORTING:
            score = 3.0
        elif _is_ancestor(att, trig, 2) or (trig.dep_ in ("conj", "xcomp") and att.i == trig.head.i):
            score = 1.0
        elif _is_ancestor(trig, att, 6):
            score = 2.0
        else:
            score = 4.0
        if sayings:
            score = max(score, 3.0)
        if score >= 2.0 and _in_other_clause(att, trig):
            continue  # "Yingluck, whose party won the election in 2011, is being detained"
        if score >= 2.0 and any(t.dep_ == "appos" for t in _path_up(att, trig)):
            continue  # "arrested near Tahrir Square, the epicenter of protests in 2011": the square's story
        if score in (1.0, 3.0, 4.0) and _told_as_sequence(trig):
            continue  # "the chief stepped down on Monday following the attack": Monday dates the resignation
        if _dates_a_reference_point(span, trig):
            continue  # "arrested activists ahead of Monday's planned protests": Monday dates the protests
        if score > 0.0 and done and expression_tense(doc, start, end) == "future":
            continue  # "has canceled a visit scheduled for June": a time still to come dates no act done
        key = (score + dist / 1000.0, start, end)
        if best is None or key < best:
            best = key
    if best is None:
        return None
    return best[1], best[2]
