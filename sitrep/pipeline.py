"""The coding pipeline, top to bottom: article text in, plain events out.

    Article
      -> check input            (errors.InputError subclasses, per item)
      -> split sentences        nlp.sentences      regex, all sentences
      -> prefilter              nlp.prefilter      trigger vocabulary; most sentences stop here
      -> parse                  nlp.parser         spaCy, candidate sentences only, batched
      -> candidates             coding.extract     triggers, folding, arguments, mode, modality
      -> resolve                resolve.*          actors, places, dates, casualties
      -> code                   coding.acled       ACLED type; CAMEO from the lexicon
      -> merge in article       coding.corefer     one record per event per article
      -> Event                  models             plain frozen dataclasses

``code_many`` runs the same steps on chunks of articles in worker processes
that return plain records (never spaCy Docs).
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing as mp
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date as _date
from datetime import timedelta
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from sitrep import defaults
from sitrep.coding.acled import acled_types, reread_by_sides
from sitrep.coding.calibration import default_calibration
from sitrep.coding.corefer import (
    _modes_clash,
    _named_sides_clash,
    _places_clash,
    default_cues,
    mention_kind,
    merge_in_article,
    noun_trigger,
)
from sitrep.coding.extract import (
    _CAPTION_END,
    _SAY_VERBS,
    DEFINITE_DETS,
    Candidate,
    SentenceCoder,
    _ancestors,
    caption_of,
    cause_of_a_perfect,
    clause_dated,
    existence_asserted,
    generic_present,
    inhabited_place,
    is_pronoun,
    linked_name_start,
    opens_background,
    past_perfect,
    past_progressive,
    phrase_span,
    planner_named,
    simple_past,
    struck_site,
    told_as_before,
    topic_noun,
    untensed_without_doer,
    wanted,
)
from sitrep.coding.lexicon import default_lexicon, person_word, protest_cues, protest_targets, recipient_cues
from sitrep.coding.mentions import fold_bare_mentions
from sitrep.coding.reference import fold_references
from sitrep.coding.typemodel import default_type_model
from sitrep.errors import BadDateError, EmptyInputError, InputError, OversizeError
from sitrep.models import (
    Actor,
    Article,
    Attribution,
    CodingFailure,
    Event,
    Evidence,
    Place,
    Span,
    event_id_for,
)
from sitrep.nlp.casualties import find_casualties, remains_count, zero_statement
from sitrep.nlp.locations import (
    EVENT_NOUNS,
    PLACE_NOUNS,
    dash_between,
    pick_event_place,
    rank_event_places,
    site_after_locative,
)
from sitrep.nlp.parser import parse
from sitrep.nlp.prefilter import default_prefilter
from sitrep.nlp.sentences import leading_title_end, split_parsed, split_sentences, wire_slug_length
from sitrep.nlp.spans import doc_text, release, tokens_between
from sitrep.nlp.timex import (
    after_reference_time,
    anniversary_of,
    closely_after_noun,
    dates_own_clause,
    expression_tense,
    find_time_expressions,
    measured_gap_days,
    night_before_gap,
    night_before_state,
    pick_event_time,
    telling_verb,
    unplaced_distant_time,
)
from sitrep.resolve.actors import ARMED_GROUP_TYPES, ActorResolver, defined_acronyms
from sitrep.resolve.countries import country_name, lookup_country
from sitrep.resolve.dates import (
    date_range,
    load_calendar,
    named_part,
    parse_publication_date,
    period_end,
    resolve_expression,
)
from sitrep.resolve.geoparse import geoparse, headline_cased
from sitrep.resolve.places import (
    Gazetteer,
    kind_owner,
    leading_country,
    mention_words,
    not_a_place,
    region_town,
    story_context,
    story_place,
    story_vouched,
)

if TYPE_CHECKING:
    from sitrep.coding.verbdict import VerbMatch
    from sitrep.resolve.petrarch_verbs import VerbDictionary

ArticleLike = Article | dict
#: Map raw rule scores through the model in data/calibration.json (benchmarks/calibrate.py turns it off to refit).
CALIBRATE = True
#: Let the event typing model in data/typemodel.json revise ACLED sub-event types where it is
#: confident (benchmarks/fit_typemodel.py turns it off to see the rules' own types).
RETYPE = True


@dataclass
class _ArticleState:
    """What coding one article remembers from sentence to sentence."""

    article: Article
    pub_date: str | None
    #: where the article's first sentence (its headline, where it has one) starts
    first_start: int = 0
    actors_seen: list[Actor] = field(default_factory=list)
    countries: dict[str, int] = field(default_factory=dict)
    # the story's countries as evidence for place names (resolve/places.py story_context), read
    # on the first place to resolve, grown by each place resolved
    place_context: dict[str, float] | None = None
    story_people: dict[str, float] = field(default_factory=dict)  # demonyms' capped weight per country
    resolved_countries: set[str] = field(default_factory=set)  # those of the places resolved so far
    vouched: frozenset[str] | None = None  # the countries the text vouches for (places.story_vouched), read once
    # the surnames (lower case) of the people named in full so far ("Hillary Clinton" -> "clinton")
    surnames: set[str] = field(default_factory=set)
    surnames_read: int = 0  # how many of actors_seen gave theirs
    events: list[Event] = field(default_factory=list)
    pending_casualties: list[tuple[str, int, str | None, str | None, Evidence]] = field(default_factory=list)
    # what the ACLED rules read, kept per event so article-level cues can re-code it
    coding_inputs: dict[str, tuple[set[str], list[str | None], list[str | None]]] = field(default_factory=dict)
    unparsed: list[tuple[int, int]] = field(default_factory=list)  # sentences not parsed, in order
    arresters: dict[str, Actor] = field(default_factory=dict)  # event id -> the police of an arrest told with no arrester
    banners: dict[str, Actor] = field(default_factory=dict)  # event id -> the government of a ban told with no banner
    # event id -> (the shooters, the attacker) of an attacker shot with no shooter after attacking guards
    stopped: dict[str, tuple[tuple[Actor, ...], tuple[Actor, ...]]] = field(default_factory=dict)
    implied_targets: dict[str, Actor] = field(default_factory=dict)  # event id -> the party a massacre or coup implies
    announcers: dict[str, Actor] = field(default_factory=dict)  # event id -> the state body that announced its act
    captors: dict[str, Actor] = field(default_factory=dict)  # event id -> the forces of a capture of armed men told with no captor
    identified: dict[str, Actor | None] = field(default_factory=dict)  # "gunman" -> the person named as the gunman (None: several)
    # protest event id -> article offsets of the violent or coercive deeds it is against ("to protest the killings")
    # (and whether the deed's noun is definite: "the killings" names one told before)
    protested: dict[str, list[tuple[int, bool]]] = field(default_factory=dict)
    deed_words: dict[int, str] = field(default_factory=dict)  # the sentence's trigger tokens -> their event
    anchor_owner: dict[int, int] = field(default_factory=dict)  # the sentence's anchor tokens -> their candidate's trigger
    # protest event id -> the nouns it is against that trigger nothing where they stand ("to voice their
    # opposition to Thursday's coup"): each may name a deed the story tells elsewhere
    protested_nouns: dict[str, list[str]] = field(default_factory=dict)
    acronyms: dict[str, str] | None = None  # acronyms the article defines ("Shamiya Front (SF)"), read once
    title: str = ""  # a headline run into the text (sentences.leading_title_end), never evidence
    # the date a sentence's own time expression gave its last event: (sentence end, date, precision)
    dated: tuple[int, str, str] | None = None
    # the night a report tells its news of, where it said so ("remained under curfew Tuesday after a
    # second night of violence"): the day an undated happening it tells in the simple past is of
    news_night: str | None = None

    def defined(self, text: str) -> str | None:
        """The long form of an acronym the article defines, or None."""
        if self.acronyms is None:
            self.acronyms = defined_acronyms(self.article.text)
        words = text.split()
        key = words[-1] if words and words[0].lower() in ("the", "a", "an") else text
        return self.acronyms.get(key.strip())

    @property
    def context_country(self) -> str | None:
        if not self.countries:
            return None
        return max(self.countries.items(), key=lambda kv: kv[1])[0]


#: Reasons (nlp/locations.py) that rule a place out as the fallback for an unknown village.
#: Prepositions whose object is a partner or a comparison, never where the event was.
_PARTNER_PREPS = frozenset({"with", "than", "like", "unlike", "about", "versus", "vs"})
#: Words for the members of a group: "members of X", "fighters of X" are X's (not "supporters of X").
_MEMBER_NOUNS = frozenset("member fighter militant gunman commander unit cell".split())
#: Words for the people who lead a group: "leaders of Iran-backed militias" act as the militias
#: do (an armed group's leaders agree, threaten and order in its name), not as a government.
_LEADER_NOUNS = frozenset("leader commander chief".split())
_NOT_NEARBY = ("where '", "where the '", "argument of '", "dateline", "in what the '")


class Coder:
    """Holds the loaded knowledge (lexicon, actor dictionary, gazetteer).

    ``actors``: an actor resolver (e.g. ``ActorResolver.from_petrarch``) instead of sitrep's own;
    the prefilter then also knows its names. ``verbs``: a PETRARCH/TABARI verb dictionary
    (``VerbDictionary.from_folder``): verbs it knows are coded by its patterns
    (``coding/verbdict.py``), other triggers by sitrep's lexicon; its discards drop
    sentences and stories.
    """

    def __init__(self, actors: ActorResolver | None = None, scope: str = "all",
                 verbs: VerbDictionary | None = None) -> None:
        if scope not in defaults.SCOPES:
            raise ValueError(f"unknown scope {scope!r}; choose one of {sorted(defaults.SCOPES)}")
        self.scope = scope
        self.events = defaults.SCOPES[scope]
        self.lexicon = default_lexicon()
        self.sentence_coder = SentenceCoder(self.lexicon)
        self.prefilter = default_prefilter(scope) if actors is None else resolver_prefilter(actors, scope)
        self.actors = actors or ActorResolver.default()
        self.user_actors = actors is not None  # a user's actor dictionary (PETRARCH), not sitrep's
        self.gazetteer = Gazetteer.default()
        self.verb_matcher = None
        if verbs is not None:
            from sitrep.coding.verbdict import VerbMatcher
            self.verb_matcher = VerbMatcher(verbs)

    def _wanted(self, sentence: str) -> bool:
        """Does the sentence go on to the parser?"""
        if self.prefilter(sentence):
            return True
        vm = self.verb_matcher
        return vm is not None and any(vm.verbs.lookup(w) for w in _WORDS.findall(sentence))

    # -- public --------------------------------------------------------------
    def code_article(self, article: Article) -> list[Event]:
        """Code one article; raises an InputError subclass for bad input."""
        return self.code_articles([article], strict=True)[0]  # type: ignore[return-value]

    def code_articles(self, articles: list[Article], *, strict: bool = False) -> list[list[Event] | CodingFailure]:
        """Code a batch; bad items become CodingFailure unless ``strict``."""
        with _collector_spaced():
            out = self._code_batch(articles, strict=strict)
        _freeze_loaded_tables()
        return out

    def _code_batch(self, articles: list[Article], *, strict: bool) -> list[list[Event] | CodingFailure]:
        states: list[_ArticleState | CodingFailure] = []
        jobs: list[tuple[int, int, int]] = []  # (article index, start, end)
        for i, art in enumerate(articles):
            try:
                pub = _check(art)
            except InputError as exc:
                if strict:
                    raise
                states.append(CodingFailure(item=exc.item or art.id, reason=exc.reason, error=type(exc).__name__))
                continue
            spans = split_sentences(art.text)
            title_end = leading_title_end(art.text)
            states.append(_ArticleState(art, pub, first_start=spans[0][0] if spans else 0,
                                        title=art.text[:title_end].strip()))
            if self.verb_matcher is not None and self.verb_matcher.discards_story(_WORDS.findall(art.text.upper())):
                continue  # a story-level discard of the verb dictionary ("+TYPHOON")
            # a headline run into the article is no evidence: the article tells its news itself
            for s, e in spans:
                s += wire_slug_length(art.text[s:e])  # "REFILE-Insurgents attack ...": the slug is no word
                if e > title_end and self._wanted(art.text[s:e]):
                    jobs.append((i, s, e))
                else:
                    st_new = states[-1]
                    assert isinstance(st_new, _ArticleState)
                    st_new.unparsed.append((s, e))  # its names still count for coreference
        # NER runs only on sentences where a word could still trigger an event: the others
        # give the coder actors seen and casualty statements, which read no entities
        docs = parse((articles[i].text[s:e] for i, s, e in jobs), entity_anchors=self.sentence_coder.entity_anchors)
        parsed = self._runon_parts(docs)
        for (i, s, _e), parts in zip(jobs, parsed, strict=True):
            st = states[i]
            assert isinstance(st, _ArticleState)
            # a run-on "sentence" (full stops lost in scraping) is coded sentence by sentence
            for off, part in parts:
                if st.title and st.article.text.startswith(st.title, s + off):
                    # the headline again, as a page's video and share boxes repeat it: no evidence
                    k = next((t.i for t in part if t.idx >= len(st.title)), len(part))
                    if k >= len(part):
                        continue
                    off, part = off + part[k].idx, part[k:].as_doc()
                self._code_sentence(st, part, s + off, s + off + len(doc_text(part).rstrip()))
        out: list[list[Event] | CodingFailure] = []
        for st in states:
            if isinstance(st, CodingFailure):
                out.append(st)
            else:
                self._attach_pending_casualties(st)
                self._attach_zero_statements(st)
                self._protest_outcome(st)
                # a body the story calls "<country>-led" is placed before folding: "the U.S.-led
                # coalition's operation" and "Operation Inherent Resolve ... began airstrikes" are
                # one side, not two named ones
                led = _led_bodies(fold_references(st.events), st.actors_seen, st.article.text)
                calibrated = _calibrated(_retyped(_dated_by_named_day(
                    fold_bare_mentions(merge_in_article(led)), st.pub_date)))
                crowds = self._unnamed_crowds(st, calibrated)
                told = crowds if self.user_actors else _protest_clashes(_story_opponents(_protested_leaders(_addressed_protests(_protested_deeds(
                    _led_bodies(crowds, st.actors_seen, st.article.text), st.protested, st.protested_nouns)))))
                out.append(_presupposed_folded(_tallies_of_someone(_plans_of_parties(self._held_places_taken(st, self._story_places(st, _acled_from_sides(st, _identified(st, _unsaid_recipients(
                    _announcer_named(_unsaid_actors(_unsaid_actors(_unsaid_actors(_unsaid_actors(_shot_attackers(told, st.stopped), st.arresters, "actor:arresting-police"),
                                                                 st.banners, "actor:banning-government"),
                                                  st.captors, "actor:capturing-forces"),
                                   st.announcers, "actor:announcer"),
                    st.announcers, st.article.id),
                    st.implied_targets))))), st.first_start), st.first_start)))
        for parts in parsed:
            for _off, part in parts:
                release(part)
        return out

    def _held_places_taken(self, st: _ArticleState, events: list[Event]) -> list[Event]:
        """A place taken or to be taken back with no one named it is taken from is taken from
        whoever the story says holds it: "would be to retake Mosul" in a story that speaks of "the
        IS stronghold of Mosul" or "IS-held Mosul" is against IS (rule ``recipient:place-holder``;
        word classes: data/weapons.yaml ``recipient_cues.retake``, ``held``, ``stronghold``). Only
        a place the event's own sentence names, and only a holder that resolves to an armed party
        other than the event's actor."""
        if self.user_actors:
            return events
        cues = recipient_cues()
        # (the place itself read as the target is none: "would retake Idlib")
        takes = [ev for ev in events if ev.event == "ASSAULT" and ev.location is not None
                 and all(r.type is None and ev.location.text in (r.text, r.name) for r in ev.recipient)
                 and ev.location.text and ev.location.text in ev.evidence.sentence
                 and _verb_form_of(ev.evidence.trigger.text.lower(), cues.get("retake", frozenset()))]
        if not takes:
            return events
        holders = _place_holders(st.article.text, cues.get("held", frozenset()), cues.get("stronghold", frozenset()))
        out = []
        for ev in events:
            holder = holders.get(ev.location.text.lower()) if ev in takes and ev.location is not None else None
            party = None
            if holder:  # (the holder's words may start with the end of a run-on sentence: the last words that name one)
                words = holder[0].split()
                for k in range(len(words)):
                    sub = " ".join(words[k:])
                    start = holder[1] + len(holder[0]) - len(sub)
                    party = self.actors.resolve(sub, start=start, end=start + len(sub), date=st.pub_date)
                    if party is not None and party.type in _ARMED_TYPES:
                        break
            if (party is not None and party.type in _ARMED_TYPES
                    and party.name not in {a.name for a in ev.actor}):
                # (after the places are read; ACLED's interaction is read again from the new sides)
                ev = _acled_from_sides(st, [_replace(ev, recipient=(party,), rule=f"{ev.rule};recipient:place-holder")])[0]
            out.append(ev)
        return out

    def _runon_parts(self, docs: Iterable[Doc]) -> list[list[tuple[int, Doc]]]:
        """Each parsed sentence cut where a full stop was lost (``split_parsed``), every part of a
        cut sentence parsed again on its own: read as one sentence, the parser hangs a clause's
        subject on the text before the cut ("... listen to each other Two black men were shot"
        makes "men" the earlier verb's object), and cutting the arcs leaves the clause with no
        subject or object, so its event loses its actor or its target."""
        split = []
        for doc in docs:
            parts = split_parsed(doc)
            if parts[0][1] is not doc:
                release(doc)  # (cut into new Docs: the whole is read no more)
            split.append(parts)
        if not defaults.REPARSE_RUNON_PARTS:
            return split
        # only parts where a word could trigger an event: the others give names, read from text
        redo = [(k, j) for k, parts in enumerate(split) if len(parts) > 1 for j in range(len(parts))
                if self._wanted(doc_text(parts[j][1]))]
        texts = [doc_text(split[k][j][1]) for k, j in redo]
        for (k, j), doc in zip(redo, parse(texts, entity_anchors=self.sentence_coder.entity_anchors), strict=True):
            if len(doc) == len(split[k][j][1]):  # (the same tokens: evidence offsets stay right)
                split[k][j] = (split[k][j][0], doc)
        return split

    # -- per sentence ----------------------------------------------------------
    def _code_sentence(self, st: _ArticleState, doc: Doc, s: int, e: int) -> None:
        cands = self.sentence_coder.candidates(doc)
        if self.verb_matcher is not None:
            if self.verb_matcher.discards_sentence(doc):
                cands = []
            else:
                matches, claimed = self.verb_matcher.matches(doc)
                # the dictionary's words are its own; sitrep's lexicon codes the rest
                cands = [c for c in cands if not any(a.i in claimed for a in c.anchors)]
                cands += self._dictionary_candidates(st, doc, matches)
                # PETRARCH codes the sentence's news, not its "after ..." background
                cands = [c for c in cands if not any(r.startswith("background") for r in c.rules)]
                cands.sort(key=lambda c: c.trigger.i)
        # every named actor of the sentence, for later coreference ("the administration")
        # (at article offsets, so a pronoun only takes up a name written before it); names in the
        # sentences before it that no trigger word sent to the parser ("Hamas fighters entered
        # the town. The militants killed ...") come first
        while st.unparsed and st.unparsed[0][0] < s:
            u0, u1 = st.unparsed.pop(0)
            st.actors_seen.extend(dataclasses.replace(a, start=u0 + a0, end=u0 + a1) for a0, a1, a in
                                  self.actors.find_mentions(st.article.text[u0:u1], date=st.pub_date))
        st.actors_seen.extend(dataclasses.replace(a, start=s + a0, end=s + a1)
                              for a0, a1, a in self.actors.find_mentions(doc_text(doc), date=st.pub_date))
        _note_surnames(st, doc, self.actors.is_person_name)
        text = st.article.text
        sentence = text[s:e]
        casualties = find_casualties(doc)
        used_cas: set[int] = set()
        # violent events take their casualty figures first: in "condemned the execution of 47
        # people" the 47 are the execution's dead, not the condemnation's
        order = sorted(range(len(cands)), key=lambda k: (cands[k].event != "ASSAULT", k))
        st.deed_words = {c.trigger.i: c.event for c in cands}
        st.anchor_owner = {a.i: c.trigger.i for c in cands for a in c.anchors}
        made: dict[int, Event] = {}
        for k in order:
            c = cands[k]
            if self.events is not None and c.event not in self.events:
                continue
            ev = self._event(st, c, doc, s, sentence, casualties, used_cas)
            if ev is not None:
                made[k] = ev
        st.stopped.update(_attackers_stopped(cands, made))
        st.events.extend(made[k] for k in sorted(made))
        self._carry_narrative(st, doc, s, e)
        self._night_before(st, doc, e)
        # casualty statements no event in this sentence claimed: "US troops suffered no casualties"
        for k, cas in enumerate(casualties):
            if k in used_cas:
                continue
            if cas.value is None or cas.cumulative:
                continue
            victim = victim_country = None
            vt = None
            if cas.victim_start is not None:
                vt = doc_text(doc)[cas.victim_start:cas.victim_end]
            else:  # "US troops suffered no casualties": the sufferer is the subject
                subj = [c for c in doc[cas.anchor].head.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj:
                    vt = doc_text(doc)[slice(*phrase_span(subj[0]))]
            if vt is not None:
                actor = self.actors.resolve(vt, context_country=st.context_country, date=st.pub_date)
                victim = actor.name if actor else None
                victim_country = actor.country if actor else None
            ev_ = Evidence(sentence=sentence, start=s, end=e, trigger=Span(doc_text(doc)[cas.start:cas.end], s + cas.start, s + cas.end))
            st.pending_casualties.append((cas.kind, cas.value, victim, victim_country if victim else None, ev_))

    def _dictionary_candidates(self, st: _ArticleState, doc: Doc, matches: list[VerbMatch]) -> list[Candidate]:
        from sitrep.coding.verbdict import dictionary_candidates

        def resolves(t: Token) -> bool:
            a0, a1 = phrase_span(t)
            return self.actors.resolve(doc.text[a0:a1], date=st.pub_date) is not None

        return dictionary_candidates(doc, matches, self.sentence_coder, resolves)

    def _event(self, st: _ArticleState, c: Candidate, doc: Doc, s: int, sentence: str,
               casualties: list, used_cas: set[int]) -> Event | None:
        art = st.article
        # a place inside the actor's phrase ("US strikes", "Syrian troops") says who, not where;
        # inside the recipient's it may well be where ("captured the town of Bakwa")
        arg_spans = [phrase_span(h) for h in c.actors]
        # a refused meeting or visit ("will not attend a summit in Islamabad") is refused at home:
        # the place named is where the meeting would have been, not where the refusal happened
        refused = any(r.startswith("refusal:") and r[8:].split("->")[0] in defaults.PLACE_REFUSED_ELSEWHERE
                      for r in c.rules)
        place = None if refused else self._place(st, c, doc, s, arg_spans)
        # the event's place says where unnamed agents are from ("security forces in Guinea");
        # measured on plover: actor country F1 0.658 with country-level places, 0.636 without
        story_country = self._story_country(st)
        country = place.country if place is not None and place.country else story_country
        # forces sent "into Syria" or "to Darwin" come from elsewhere: the destination does not say whose
        sent_to = c.event == "MOBILIZE" and any(p.dep_ == "prep" and p.lower_ in ("to", "into")
                                                for a in c.anchors for p in a.children)
        actor_country = story_country if sent_to and country != story_country else country
        if sent_to:
            # (and where the destination is the story's own country, the sentence's people say
            # whose: "thousands more soldiers will be sent into Syria, as Turkish forces struggle")
            actor_country = self._senders(sentence, country) or actor_country
        # "a suspect who told them he had shot Ley": a pronoun subject is not its own verb's object
        named_targets = (self._resolve_actors(st, [h for h in c.recipients if not is_pronoun(h)], s, country)
                         if any(is_pronoun(h) for h in c.actors) else [])
        placed = place is not None and place.country is not None and actor_country == place.country
        actors = self._resolve_actors(st, c.actors, s, actor_country, armed=c.event == "ASSAULT", acting=True,
                                      others=named_targets, placed=placed)
        home = self._home_namesake(place, actors)
        if home is not None:
            place, country = home, home.country
        # "a Russian airstrike on Tell Rifaat", "shelled the village of Teldau": an attack from afar
        # on a place people live in, with no party named, befalls its inhabitants (ACLED's civilians)
        # (a name the NER took for a person or an organisation is a town where the place resolver
        # placed the event at that town: "Tell Rifaat", "Teldau")
        towns = ([h for h in c.recipients if inhabited_place(h) or _is_town_of(h, s, place)]
                 if c.event == "ASSAULT" and c.mode in _INDISCRIMINATE_MODES and not self.user_actors else [])
        # "arrests following April protests": the coder gives the protest an arrest followed; those
        # arrested are its crowd, of the country where it happened
        crowds = ([h for h in c.recipients if h.pos_ == "NOUN" and _names_protest_event(h)]
                  if c.event == "COERCE" and "arrest" in c.tags and not self.user_actors else [])
        recipients = self._resolve_actors(st, [h for h in c.recipients if h not in towns and h not in crowds], s, country,
                                          others=actors, placed=place is not None and place.country is not None)
        arrested = self.actors.resolve("protesters", context_country=country) if crowds else None
        if arrested is not None:
            h0 = crowds[0].idx - doc[0].idx
            recipients.append(_relocate(arrested, crowds[0].text, s + h0, s + h0 + len(crowds[0].text)))
        if towns and not recipients:
            # (unless the place's own words name a party: "the remaining parts of opposition-held Aleppo")
            recipients = ([a for a in self._resolve_actors(st, towns, s, country, others=actors) if a.type]
                          or self._inhabitants(st, towns[0], s, country))
        if c.event == "PROTEST" and not recipients and not self.user_actors and "rally-for" not in c.rules:
            recipients = self._protest_target(st, c, s, country, actors)
        if c.event == "ASSAULT" and not self.user_actors:
            # "Turkish shelling", "a Russian airstrike": the state's forces attack, so the ACLED
            # interaction and event type read state forces, not a bare country of no kind
            actors = [self.actors.state_forces(a) if _modifier_at(doc, s, a) else a for a in actors]
            # "seized the town from the Syrian government": a government is fought through its forces
            recipients = [self.actors.state_forces(r) if r.text.lower().endswith("government") else r for r in recipients]
            if c.mode not in _INDISCRIMINATE_MODES:
                actors, recipients = self._peoples_in_arms(st, doc, s, actors, recipients)
        if c.event == "MOBILIZE" and not self.user_actors and _sends_warship(c.trigger):
            # "the U.S. is sending the destroyer USS Cole": a state that sends a warship acts
            # through its navy, a state force, not through the state as a whole
            actors = [self._navy_of(a) for a in actors]
        if not self.user_actors and c.attribution is not None and not _no_interaction(c, actors, recipients):
            # (a record the coder keeps anyway: the speaker names who acted, it makes no record)
            actors = self._speaker_as_actor(st, c, doc, s, actors, recipients, actor_country)
        if c.match.frame == "joint" and not recipients and len(actors) > 1:
            actors, recipients = actors[:1], actors[1:]
        if not self.user_actors and _acts_on_itself(c, actors, recipients):
            # "the general running the coalition's campaign is urging Iraqi forces": a party does
            # not urge, arrest or sanction itself; an actor that resolves to the very party the
            # act addresses was read from the wrong words, so the actor stays unknown
            c.rules.append("actor:self-directed")
            actors = [a for a in actors if a.name not in {r.name for r in recipients}]
        if self.verb_matcher is not None and not actors:
            # PETRARCH's convention once its dictionaries are loaded: an event needs a source
            # (its target may stay unknown), for dictionary verbs and sitrep's own triggers alike
            return None
        st.actors_seen.extend(actors + recipients)
        if not self.user_actors and _no_interaction(c, actors, recipients):
            return None
        if not self.user_actors and c.event in defaults.FIRM_DEALING_EVENTS and self._dealing_of_firms(st, actors, recipients):
            c.rules.append("commerce")
            return None
        if not actors and c.event == "THREATEN" and "warning" in c.rules:
            # a warning no party is said to give ("those who smoke in bed are playing with fire",
            # "he faces arrest if he returns, his lawyer said") is a figure of speech or a prospect
            return None
        implied = self._implied_target(st, c, country) if not recipients and not c.recipients and not self.user_actors else None
        when, precision = self._when(st, c, doc, s)
        if (when and precision not in (None, "publication") and "date:narrative" not in c.rules
                and "date:news-night" not in c.rules and not _flashback(c.trigger)):
            # (a past perfect is a flashback: "after saying in late January they had liberated the
            # east" leaves the narrative after it in the time it had)
            st.dated = (s + len(sentence), when, precision)
        modality = c.modality
        if (modality == "asserted" and (precision == "publication" or not clause_dated(c.trigger))
                and s > st.first_start and generic_present(c.trigger)):
            # a habit or a kind told in the present ("militias attack convoys"), past the headline
            # and with no date in its clause: no specific happening
            return None
        if (modality == "asserted" and when and st.pub_date and precision in ("day", "week") and when > st.pub_date
                and not (c.trigger.pos_ == "VERB" and simple_past(c.trigger))):
            # dated after the report ("talks are to begin on Tuesday"): scheduled, not yet happened
            # (a verb in the simple past tells a thing done: "On March 3, troops killed five
            # militants" in a report stamped March 1 -- the story's own time line wins)
            modality = "hypothetical"
            c.rules.append("modality:future-date")
        if modality == "asserted" and past_perfect(c.trigger) and not _news_dated(c, when, precision, st.pub_date):
            # "demonstrators had demanded a reckoning": told as before the story's time (a past
            # perfect under a reporting verb is only backshift: "police said militants had attacked")
            modality = "historical"
            c.rules.append("modality:historical-perfect")
        if modality == "asserted" and "date:anniversary" in c.rules and precision in (None, "publication"):
            modality = "historical"  # "the anniversary of the massacre": years before, however many
            c.rules.append("modality:historical-anniversary")
            when, precision = None, None  # (and so not of the report's day)
        if modality == "asserted" and "date:unplaced" in c.rules:
            modality = "historical"  # "eight years later", "many months ago": far from the news
            c.rules.append("modality:historical-unplaced")
        if modality in ("asserted", "aggregate") and told_as_before(c.trigger):
            # "has previously urged", "has in the past called on": told as before the story's time
            # (a tally told so, "has twice previously deployed", stays an aggregate)
            if modality == "asserted":
                modality = "historical"
                c.rules.append("modality:historical-before")
            if precision == "publication":
                # "has twice previously deployed missiles": told as before the story's time with no
                # time of its own, so the report's day is the one day it was not
                when, precision = None, None
                c.rules.append("date:before-unplaced")
        if precision == "publication" and cause_of_a_perfect(c.trigger):
            # "the war had been neglected because of the invasion of Iraq": before a time already
            # before the story's, on a day the text does not give
            when, precision = None, None
            c.rules.append("date:before-perfect")
            if modality == "asserted":
                modality = "historical"
                c.rules.append("modality:historical-perfect")
        if modality == "asserted" and precision in ("day", "week", "month", "year") and when and st.pub_date:
            # "in early June" in a report of June 21 is over by June 10: context, not the news
            part = next((r.removeprefix("date:part-") for r in c.rules if r.startswith("date:part-")), None)
            end = period_end(when, precision, part)
            if (_date.fromisoformat(st.pub_date) - _date.fromisoformat(end)).days > defaults.HISTORICAL_DAYS:
                modality = "historical"
                c.rules.append("modality:historical-date")

        fatalities = injured = None
        anchor_ids = {a.i for a in c.anchors}
        # a threatened, planned or denied killing has no dead (ACLED): its numbers are targets
        tolls_apply = modality not in ("threatened", "hypothetical", "negated")
        attempt = _attempted(c.trigger)
        for k, cas in enumerate(casualties):
            if k in used_cas:
                continue
            if cas.value is None or cas.cumulative:
                continue
            # a toll told by a word another mention of the sentence holds is that mention's, near
            # as it may sit ("the Palestinian stabbed two officers before he was shot and killed":
            # the one killed is the shooting's, whose verb holds "killed")
            if cas.anchor in anchor_ids or (_near(doc, cas.anchor, c.trigger)
                                            and _toll_owner(st, doc, cas.anchor, c.trigger) == c.trigger.i
                                            and not _toll_of_background(doc, cas.anchor, c.trigger)):
                used_cas.add(k)
                if attempt and cas.anchor in anchor_ids:
                    c.rules.append("casualties:attempt")
                    continue  # "tried to kill 12 soldiers": 12 were targeted, not killed
                if not tolls_apply:
                    c.rules.append("casualties:" + modality)
                    continue
                if "+either" in cas.rule or cas.rule.endswith("+shared"):
                    # "500 soldiers were killed or wounded": one figure for both, so neither toll is
                    # known (ACLED's lowest reliable figure for the dead is not 500)
                    c.rules.append("casualties:either")
                    continue
                # a toll restated in one sentence ("12 were killed ... the toll rose to 12") is one
                # figure: keep the largest (conjoined victims are already summed by find_casualties)
                if cas.kind == "killed":
                    fatalities = cas.value if fatalities is None else max(fatalities, cas.value)
                else:
                    injured = cas.value if injured is None else max(injured, cas.value)
        if fatalities is None and tolls_apply and c.match.frame == "trace":
            # "70 bodies found", "recovered the bodies of 5 villagers": the dead counted by their remains
            fatalities = remains_count(c.trigger)
            if fatalities is not None:
                c.rules.append("fatalities:remains")
        if fatalities is None and ("assassination" in c.tags or c.trigger.lemma_.lower() in ("assassinate", "assassination")):
            persons = [r for r in c.recipients if r.ent_type_ == "PERSON"]
            if persons:
                fatalities = len(persons)
                c.rules.append("fatalities:named-victims")

        count = None
        if c.count_token is not None:
            from sitrep.resolve.numbers import parse_count
            num = c.count_token
            # the figure with the noun it counts: "pounds 3.12bn" is money, never a count (numbers.py)
            span = num.doc[min(num.left_edge.i, num.head.i):max(num.i, num.head.i) + 1].text
            count, _ = parse_count(span)
        size = None
        if c.event == "PROTEST":
            size = self._crowd_size(c, doc)

        attribution = None
        if c.attribution is not None:
            a0, a1 = c.attribution
            atext = doc_text(doc)[a0:a1]
            attribution = Attribution(text=atext, name=_attribution_name(atext), start=s + a0, end=s + a1)

        if c.event == "PROTEST" and actors and not self.user_actors:
            actors = [self._possessor_crowd(a) for a in actors]
        if c.event == "PROTEST" and not actors and not self.user_actors:
            # "mourners chant slogans", "thousands marched": a crowd the dictionaries do not know is
            # still who protests (its country comes with the event's place: _unnamed_crowds)
            crowd = next((h for h in c.actors if h.pos_ in ("NOUN", "NUM") and h.tag_ in ("NNS", "CD")
                          and h.ent_type_ not in _PLACE_ENTS.difference({"CARDINAL"})), None)
            base = self.actors.resolve("protesters", context_country=country) if crowd is not None else None
            if crowd is not None and base is not None:
                c0, c1 = phrase_span(crowd)
                actors = [_relocate(base, doc_text(doc)[c0:c1], s + c0, s + c1)]
        if (c.event == "PROTEST" and actors and not self.user_actors
                and all(a.type is None and a.country is None for a in actors)
                and all(inhabited_place(h) or any(x.dep_ == "appos" and inhabited_place(x) for x in h.children)
                        for h in c.actors)):
            # "Ferguson, a St. Louis suburb, is holding marches": a town that protests is its people,
            # protesters of the event's country (a country that "holds rallies" is its state)
            base = self.actors.resolve("protesters", context_country=country)
            if base is not None:
                actors = [_relocate(base, a.text, a.start, a.end) if a.start is not None and a.end is not None
                          else base for a in actors][:1]
        if existence_asserted(c.trigger):
            c.rules.append("existence")  # "there were scuffles": told as taking place (coding.mentions)
        if (c.event == "ASSAULT" and c.trigger.pos_ in ("NOUN", "PROPN") and len(c.anchors) == 1
                and not actors and not recipients
                and place is None and fatalities is None and injured is None and count is None and size is None
                and c.attribution is None and not existence_asserted(c.trigger) and not struck_site(c.trigger)):
            # a bare attack mention ("the fight against terrorism", "the latest strikes"): nobody, nowhere,
            # no toll, no source -- nothing a record could hold (one site it hit makes it one
            # happening: "arrested two men over the bombing of a mosque")
            return None
        if (c.modality == "asserted" and not actors and not recipients and s > st.first_start
                and fatalities is None and injured is None and count is None and size is None
                and len(c.anchors) == 1 and topic_noun(c.trigger)):
            # a bare event noun used as the topic of another predicate, naming no party, toll or
            # count ("face prison for computer crimes charges", "ravaged by ongoing purges",
            # "marches that dissolved into clashes"): a kind of act, not a happening told (a
            # headline or lead, which drops its articles, is left alone)
            return None
        police = None
        if not actors and not self.user_actors and country and _unsaid_arrester(c):
            # "more than 250 protesters were arrested", "the arrest of several officials": an arrest
            # is law enforcement's act, so with no arrester named it is the police of the country
            # where it happened (ACLED's "Police Forces of <country>"). No words of the text name it,
            # so it has no text and no span (the rule says why it is there); it is set after
            # calibration (_unsaid_actors), so the confidence reads only what the text names
            police = self.actors.resolve("police", context_country=country)
            if police is not None and police.country == country:
                police = dataclasses.replace(police, text="", start=None, end=None)
            else:
                police = None
        captors = None
        if (not actors and not self.user_actors and country and _unsaid_captor(c)
                and recipients and all(r.type in _NONSTATE_ARMED for r in recipients)):
            # "five of the attackers were captured alive": armed men taken alive with no captor
            # named are taken by the security forces of the country where it happened, as an
            # arrest is the police's (a state's soldiers captured would be the enemy's: not read)
            captors = self.actors.resolve(defaults.ACTOR_CAPTOR_AGENT, context_country=country)
            if captors is not None and captors.country == country:
                captors = dataclasses.replace(captors, text="", start=None, end=None)
            else:
                captors = None
        banner = None
        if (captors is None and police is None and not actors and not self.user_actors and country
                and recipients and _unsaid_banner(c)
                and all(r.country == country and r.type not in _STATE_TYPES for r in recipients)):
            # "the move to ban opposition leader X from holding office", "the party was banned":
            # a ban on a party told with no one banning is the state's act, the government of the
            # country where it happened (set after calibration, as an arrest's police are); not where
            # the one banned is a state or of another country ("Russia was banned from the Games")
            banner = self.actors.resolve(defaults.ACTOR_BANNER_AGENT, context_country=country)
            if banner is not None and banner.country == country:
                banner = dataclasses.replace(banner, text="", start=None, end=None)
            else:
                banner = None
        told_sides = (actors, recipients)  # (the confidence reads the sides as the text gives them)
        mutual = _mutual_sides(c, actors, recipients)
        if mutual is not None:
            # "the Peshmerga have been fighting Islamist militants", "clashes between the army and
            # rebels", "settlers throw stones during clashes with Palestinians": two armed sides, or
            # two crowds, fighting each other both act (an armed clash has both sides as actors:
            # gold GUIDELINES.md, ACLED's Actor 1 and Actor 2); police and a crowd, or a fight
            # "against" a party, keep the side acted on. Two crowds' fight stays a riot in ACLED
            # (data/acled.yaml, tag ``mutual-crowds``), where a clash with no side acted on would
            # read as a battle
            c.rules.append(f"{_MUTUAL_RULE}:{len(actors)}")  # (how many acted as told: _told_sides)
            actors, recipients = [*actors, *recipients], []
            if mutual == "crowds":
                c.tags.add("mutual-crowds")
        acled = acled_types(c.event, c.tags, [a.type for a in actors], [r.type for r in recipients], c.mode)
        st.coding_inputs[event_id_for(art.id, s + c.trigger.idx, c.event + c.id_key)] = (set(c.tags), [a.type for a in actors], [r.type for r in recipients])
        if modality in ("negated", "threatened", "hypothetical"):
            acled = (None, None)
        # (a plan or a threat with a time of its own, "a march would be held on Friday",
        # "threatened with arrest this week", is someone's, named or not: only an undated one
        # needs a party named)
        if modality in ("hypothetical", "threatened") and not _dated_clause(c.trigger) \
                and not planner_named(c.trigger, threat=modality == "threatened"):
            c.rules.append(_NO_PLANNER_RULE)  # (dropped at the end where no actor was found: _plans_of_parties)
        if modality == "hypothetical" and wanted(c.trigger):
            c.rules.append(_WANTED_RULE)  # (a demand of the caller's, named or not: _plans_of_parties)
        if s > st.first_start and untensed_without_doer(c.trigger):
            c.rules.append(_NON_FINITE_RULE)  # (dropped at the end where no side was found: _tallies_of_someone)
        confidence = self._confidence(c, *told_sides, modality)
        trig = c.trigger
        tstart = s + trig.idx
        if police is not None:
            # (a named body that announced the arrest was set there already: _speaker_as_actor)
            st.arresters.setdefault(event_id_for(art.id, tstart, c.event + c.id_key), police)
        if captors is not None:
            st.captors[event_id_for(art.id, tstart, c.event + c.id_key)] = captors
        if banner is not None:
            st.banners[event_id_for(art.id, tstart, c.event + c.id_key)] = banner
        if implied is not None:
            st.implied_targets[event_id_for(art.id, tstart, c.event + c.id_key)] = implied
        deeds = [(s + h.idx, any(d.dep_ == "det" and d.lower_ in DEFINITE_DETS for d in h.children))
                 for h in c.recipients if st.deed_words.get(h.i) in _PROTESTED_DEEDS] if c.event == "PROTEST" else []
        if deeds:
            st.protested[event_id_for(art.id, tstart, c.event + c.id_key)] = deeds
        nouns = [h.lemma_.lower() for h in c.recipients if h.i not in st.deed_words and h.pos_ == "NOUN"
                 and not h.ent_type_] if c.event == "PROTEST" and not recipients else []
        if nouns:
            st.protested_nouns[event_id_for(art.id, tstart, c.event + c.id_key)] = nouns
        evidence = Evidence(
            sentence=sentence, start=s, end=s + len(sentence),
            trigger=Span(trig.text, tstart, tstart + len(trig.text)),
        )
        return Event(
            article_id=art.id, event_id=event_id_for(art.id, tstart, c.event + c.id_key), event=c.event, mode=c.mode,
            acled_event_type=acled[0], acled_sub_event_type=acled[1], cameo=c.cameo,
            actor=tuple(actors), recipient=tuple(recipients), evidence=evidence, confidence=confidence,
            modality=modality, location=place, date=when, date_precision=precision,
            fatalities=fatalities, injured=injured, count=count, size=size, attribution=attribution,
            rule=";".join(c.rules),
        )

    # -- resolution helpers ------------------------------------------------------
    def _possessor_crowd(self, a: Actor) -> Actor:
        """"A strike by Brazil's 40,000 seafarers", "Brazil's 20-day-old seamen's strike", "the
        workers said they would go on striking": a state does not strike or march. A state read
        off a protest's crowd whose own head word names no state body (the country only its
        possessor or the story's: "seafarers", "bankworkers"), or off the possessor of the protest
        itself, is that country's protesters; a phrase that names the state's own bodies ("the
        government", "the Kenyan army") stays as read."""
        if a.type != "government" or a.country is None or a.start is None or a.end is None:
            return a
        words = a.text.replace("\u2019", "'").split()
        if not words:
            return a
        head = words[-1]
        bare_possessor = head.endswith("'s") and len(words) == 1
        read = self.actors.resolve(head) if head.isalpha() and head.islower() else a
        if not (bare_possessor or read is None or read.type not in _STATE_TYPES):
            return a
        base = self.actors.resolve("protesters", context_country=a.country)
        if base is None or base.country != a.country:
            return a
        return _relocate(base, a.text, a.start, a.end)

    def _dealing_of_firms(self, st: _ArticleState, actors: list[Actor], recipients: list[Actor]) -> bool:
        """Are the parties of a dealing (talks, a deal, a refusal, a sanction) all firms,
        or firms and their workers' unions? "Acme Inc said it signed an agreement to buy ...",
        "Global Foods Corp ended merger talks with Delta Co", "the company and the union agreed to a
        new contract": commerce and wage bargaining, no happening between political parties. A firm
        is a party of the business kind or one whose name ends in a company suffix ("Inc", "plc");
        a union is one whose own words name workers or a union. A party of no kind named by the first
        words of a firm the article named before is that firm ("Advanced Tobacco Products Inc ...
        Advanced said"). One state, person or group of another kind among the parties keeps the
        record ("Argentina's talks with its creditor banks"); a firm must act, or be dealt with by
        unknown parties, for one to count."""
        if not actors:
            return False
        grammar = self.actors.grammar
        def suffixed(a: Actor) -> bool:
            return a.type is None and any(
                bool(last) and last[-1].lower() in grammar.corporate_suffixes
                for last in (n.replace(".", "").replace(",", " ").split() for n in (a.name, a.text)))
        def firm(a: Actor) -> bool:
            if a.type == "business" or suffixed(a):
                return True
            return a.type is None and any((b.name == a.name or b.name.startswith(a.name + " "))
                                          and (suffixed(b) or suffix_after(b)) for b in st.actors_seen)
        def suffix_after(b: Actor) -> bool:
            # (the dictionary's mention may end before the suffix: "Acme Widgets| Inc")
            if b.type is not None or b.end is None:
                return False
            after = st.article.text[b.end:b.end + 16].replace(",", " ").replace(".", " ").split()
            return bool(after) and after[0].lower() in grammar.corporate_suffixes
        def labour(a: Actor) -> bool:
            return (a.type in (None, "other", "civilians")
                    and any(w.lower().strip("'\".,()<>").removesuffix("'s").strip("'") in grammar.labour_words
                            for w in f"{a.text} {a.name}".split()))
        parties = [*actors, *recipients]
        return any(firm(a) for a in parties) and all(firm(a) or labour(a) for a in parties)

    def _peoples_in_arms(self, st: _ArticleState, doc: Doc, s: int, actors: list[Actor],
                         recipients: list[Actor]) -> tuple[list[Actor], list[Actor]]:
        """"Troops killed 1,200 Libyans in battle", "the Iranians launched an assault on the fronts
        of three divisions": in a battle a people named by its plural demonym alone is its state's
        forces when the other side is another state's party (the event's, or one named earlier in
        the sentence; a battle noun in small letters or a headline's capitals, not "Polisario
        Front"). A shelling's or an air raid's dead stay civilians (the caller leaves those out),
        and so do people killed where the sentence tells no battle ("troops killed three
        Palestinians")."""
        people = [a for a in (*actors, *recipients) if a.type == "civilians" and a.country and a.text[:1].isalnum()]
        if not people:
            return actors, recipients
        e = s + len(doc_text(doc))
        sides = [a for a in (*actors, *recipients, *(a for a in st.actors_seen if a.start is not None and s <= a.start < e))
                 if a.country and a.type in _ARMED_TYPES | _STATE_TYPES]
        if not any(a.country != p.country for p in people for a in sides):
            return actors, recipients
        battle = self.actors.grammar.battle_words
        if not any(not t.text.istitle() and self.actors.nz.word(t.text) in battle for t in doc):
            return actors, recipients

        def arms(a: Actor) -> Actor:
            if a.type != "civilians" or not any(o.country != a.country for o in sides):
                return a
            return self.actors.people_in_arms(a)
        return [arms(a) for a in actors], [arms(r) for r in recipients]

    def _resolve_actors(self, st: _ArticleState, heads: list[Token], s: int, country: str | None,
                        *, armed: bool = False, acting: bool = False, others: Sequence[Actor] = (),
                        placed: bool = False) -> list[Actor]:
        """``placed``: ``country`` is that of the event's own place, not the story's. ``acting``: the
        heads are the event's actors, not its recipients. ``armed``: the heads are
        an attack's actors, so a pronoun ("they retook the town") takes up the last armed actor named
        before it where there is one, not the last group of any kind. ``others``: the event's other
        side, which a pronoun does not take up ("demonstrators pelted them": not the demonstrators)."""
        out: list[Actor] = []
        for h in heads:
            if h.pos_ == "PROPN" and self._in_place_brackets(h):
                continue  # "(Deir ez-Zor, Deir ez-Zor)" after a village: its district, no party
            a0, a1 = phrase_span(h)
            a0 = _misread_acronym(h, a0)
            if (linked := linked_name_start(h)) is not None:  # "al-Qaida linked militants": the name too
                a0 = min(a0, linked)
            if acting:  # (an actor: a recipient's modifiers may say what it is against)
                a0 = _shared_modifiers(h, a0)
            else:  # "Anti-Syrian regime (mourners)": the crowd's "anti-" is no word of whom it opposes
                a0 += len(m.group(0)) if (m := _ANTI.match(doc_text(h.doc), a0)) is not None and a0 + len(m.group(0)) < a1 else 0
            text = doc_text(h.doc)[a0:a1]
            start, end = s + a0, s + a1
            shared = self._coordinated_origins(h, a1, s, st)
            if shared:  # "Senior Hungarian and Romanian officials": one actor per country
                out.extend(a for a in shared if all(a.name != o.name for o in out))
                continue
            actor: Actor | None = None
            loyal = _loyal_to(h)
            if loyal is not None and not self.user_actors:
                # "forces loyal to President Bashar al-Assad": whose forces they are says who they are
                l0, l1 = phrase_span(loyal)
                l1 = max(l1, _name_end(loyal))  # "al-Assad" split by the parser: the whole name
                leader = self.actors.resolve(doc_text(h.doc)[l0:l1], date=st.pub_date)
                full = doc_text(h.doc)[a0:l1]
                owned = self.actors.forces_of(leader, full, s + a0, s + l1) if leader is not None else None
                if owned is not None:
                    if all(owned.name != o.name for o in out):
                        out.append(owned)
                    continue
            owner = _forces_owner(h) if loyal is None and not self.user_actors else None
            if owner is not None:
                # "Assad's forces", "Syria's troops", "Hezbollah's fighters": whose forces they are
                # says who they are (the state's military, or the group), as for "forces loyal to X"
                kind = self.actors.resolve(h.text, date=st.pub_date)
                o0, o1 = phrase_span(owner)
                leader = (self.actors.resolve(doc_text(h.doc)[o0:o1], date=st.pub_date)
                          if kind is not None and kind.type in ("military", "rebels", "militia") else None)
                owned = self.actors.forces_of(leader, text, start, end) if leader is not None else None
                if owned is not None:
                    if all(owned.name != o.name for o in out):
                        out.append(owned)
                    continue
            if is_pronoun(h):
                before = [a for a in st.actors_seen if (a.start is None or a.start < start)
                          and all(a.name != o.name for o in others)]
                if h.lower_ in ("they", "them"):
                    # a capital named as a place ("a hotel in Mogadishu") is no people "they" takes up
                    before = [a for a in before if not _capital_mention(a)]
                if h.lower_ in _PEOPLE_PRONOUNS:
                    # "Christian groups told VOA they are being targeted": the outlet a report
                    # comes through is no party a pronoun of people takes up
                    before = [a for a in before if not _news_outlet(a)]
                fighters = [a for a in before if a.type in _ARMED_TYPES] if armed else []
                actor = ((self.actors.resolve_definite(text, fighters, date=st.pub_date) if fighters else None)
                         or self.actors.resolve_definite(text, before, date=st.pub_date))
                nearer = _nearer_person(h, s, None if actor is None else max(
                    (a.start for a in before if a.name == actor.name and a.start is not None), default=None))
                nearer = nearer if nearer is not None else _reporting_group(h)
                if nearer is not None:  # the person named in its own sentence, read as that name is read
                    out.extend(a for a in self._resolve_actors(st, [nearer], s, country, armed=armed, acting=acting, others=others)
                               if all(a.name != o.name for o in out))
                    continue
                if actor is not None:
                    actor = _relocate(actor, text, start, end)
            else:
                # a generic agent ("militiamen", "the administration") is first read as a
                # mention of an actor the article already named; the place's country is the fallback
                actor = self.actors.resolve(text, start=start, end=end, date=st.pub_date)
                group = self._member_group(st, h, s) if not self.user_actors else None
                if group is not None:  # "fighters from the YPG": the group they belong to
                    g1 = group.end - s if group.end is not None else a1
                    actor = _relocate(group, doc_text(h.doc)[a0:max(a1, g1)], start, s + max(a1, g1))
                elif (actor is not None and actor.country is None and actor.type is not None
                      and (here := _country_said_in(h)) is not None and not self.user_actors):
                    # "rebels in northern Syria", "protesters in Venezuela": the phrase says whose
                    actor = self.actors.resolve(text, start=start, end=end, context_country=here,
                                                date=st.pub_date) or actor
                elif actor is not None and actor.country is None and _foreigners(h):
                    pass  # "37 foreign nationals died", "displaced foreigners": not of the place's country
                elif (acting and actor is not None and actor.country is None and actor.type in _ARMED_TYPES | _STATE_TYPES
                      and (owned := _possessed_forces(
                        h, [a for a in st.actors_seen if a.start is None or a.start < start], self.actors,
                        text, start, end, st.pub_date)) is not None):
                    # "Its forces" after "Algeria's military": the owner named before (as the actor only: a
                    # withdrawal of "its troops" from a country is read against the country they leave)
                    actor = owned
                elif (actor is not None and actor.country is None and not _definite_mention(h, text)
                      and (named := _coalition_named(text, [a for a in st.actors_seen
                                                            if a.start is None or a.start < start])) is not None):
                    # "Coalition aircraft struck ..." after "the US-led coalition": that coalition, not
                    # the forces of the country it strikes in ("the coalition" is read below, as every
                    # definite description is)
                    actor = _relocate(named, text, start, end)
                elif actor is None or actor.country is None:
                    # the phrase span drops its determiner: read definiteness off the parse
                    definite = text.lower().split()[0] in _DEFINITE or any(
                        ch.dep_ in ("det", "poss") and ch.lower_ in _DEFINITE for ch in h.children)
                    # only a mention told before this one ("Commanders of Iran-backed fighters ...
                    # inflicted by US" are no US forces)
                    before = [a for a in st.actors_seen if a.start is None or a.start < start]
                    led = self._led_body(st, h, start) if definite and not self.user_actors else None
                    if led is not None:
                        # "the coalition" after "the U.S.-led coalition": that body, not the last
                        # force of any state named since
                        before = [*before, led]
                    if definite:
                        # "the group" that attacked: the last armed group named, as for a pronoun
                        # (not NATO, the group named since); a name introduced with a description
                        # ("the Haqqani Network, an Afghan Taliban group") is what that description's
                        # noun takes up later
                        before = _with_apposed_descriptions(before, st.article.text)
                        fighters = [a for a in before if a.type in _ARMED_TYPES] if armed else []
                        prior = ((self.actors.resolve_definite(text, fighters, date=st.pub_date) if fighters else None)
                                 or self.actors.resolve_definite(text, before, date=st.pub_date))
                    else:  # "militiamen" after "Iraqi militia groups": the same generic kind, not a named group
                        prior = _same_generic(actor, before,
                                              {t: i.template for t, i in self.actors.grammar.types.items()})
                        if prior is not None:
                            # the earlier mention says whose they are; this one keeps its own words
                            # ("government security forces" after "Syrian security forces")
                            own = self.actors.resolve(text, start=start, end=end, context_country=prior.country,
                                                      date=st.pub_date)
                            prior = own if own is not None and own.country == prior.country else prior
                        if (prior is not None and placed and country and prior.country and prior.country != country
                                and not any(_says_own_country(a) for a in before
                                            if a.name == prior.name and a.country == prior.country)):
                            # "last week's jihadist bombing in the Turkish town of Suruc" after a US
                            # gang named: an earlier mention of the kind lends a country abroad only
                            # where words of that party said it ("militiamen" in Syria after "Iraqi
                            # militia groups"); one whose country was read off where it acted does not
                            prior = None
                    if (prior is not None and country and prior.country and prior.country != country
                            and _state_sector(prior) and prior.role is None  # (a person is no institution)
                            and actor is not None and actor.type in _STATE_TYPES
                            and h.lemma_.lower() not in _FOREIGN_BODIES
                            and not _present_in(prior, country, st.events)):
                        # "the military" or "military authorities" in a story set in Thailand after "the
                        # U.S. military" cancelled exercises there: a bare state institution is the one
                        # of the event's country; foreign forces are named with their country -- unless
                        # the story told those forces acting on the ground there ("Turkish troops shelled
                        # positions near Afrin ... The troops also fired on a village": Turkey's)
                        prior = None
                    if (prior is not None and not acting and country and prior.country and prior.country != country
                            and actor is not None and actor.type == "civilians"):
                        # "a man", "nearly 70 people" hit by an event in another country than the
                        # "Pakistani civilians" named before: generic people an event befalls are
                        # of where it happened, not of the last people named
                        prior = None
                    if prior is not None and (prior.country or prior.name != (actor.name if actor else None)
                                              or country is None):
                        actor = _relocate(prior, text, start, end)
                    elif country is not None:  # (an earlier "police" of no country says no more than this one)
                        actor = self.actors.resolve(text, start=start, end=end, context_country=country, date=st.pub_date) or actor
            if not self.user_actors:
                if actor is None:
                    actor = self._unknown_name(st, h, text, start, end, s)
                # "Venezuela's President, Nicolas Maduro": the apposed name says who
                actor = self._apposed_name(st, h, s, actor)
                actor = self._apposed_person(st, h, s, actor)
                # "Black Lives Matter leader DeRay McKesson": a person the dictionaries do not know
                # keeps their name; the title gives their country and kind
                actor = _titled_person(h, s, actor)
                if (armed and acting and actor is not None and _active_doer(h) and (
                        (actor.type == "civilians" and _one_or_a_few(h) and not h.ent_type_
                         and person_word(h.lemma_.lower()) and _described(actor))
                        or (actor.country is not None and actor.type is None and _one_of_a_people(h)))):
                    # "the man who killed people at a church": one who attacks is an attacker
                    # (ACLED's unidentified armed actor), not a civilian, whatever noun names him;
                    # "the man who hacked his wife to death", a robbery's suspect: a criminal
                    crime = recipient_cues().get("crime", frozenset())
                    agent = (defaults.ACTOR_CRIMINAL_AGENT if any(t.lemma_.lower() in crime for t in h.sent)
                             else defaults.ACTOR_ATTACKER_AGENT)
                    attacker = self.actors.resolve(agent, context_country=actor.country)
                    if attacker is not None:
                        actor = _relocate(attacker, text, start, end)
                actor = self._identified_person(st, h, actor)
                if (not acting and actor is not None and actor.type == "civilians"
                        and h.lemma_.lower() in recipient_cues().get("bare_persons", ()) and _protesting(h)):
                    # "took a man into custody who was protesting against X": one who protests is a
                    # protester (ACLED's "Protesters (<country>)"), whatever noun names him
                    crowd = self.actors.resolve("protesters", context_country=actor.country or country)
                    actor = _relocate(crowd, text, start, end) if crowd is not None else actor
                if actor is not None and actor.country is None and actor.type is None and h.ent_type_ == "NORP":
                    # "Kurdish gunfire" after "the Kurdish People's Protection Units": a people's
                    # word with no state of its own stands for the group of theirs named before
                    group = self._group_of_people(st, h, start, armed)
                    actor = _relocate(group, text, start, end) if group is not None else actor
                people = _stateless_people(h) if actor is not None and actor.type in _ARMED_TYPES else None
                if people is not None:
                    # "Kurdish forces" after "the Kurdish People's Protection Units": the forces of a
                    # people with no state of its own are the group of theirs named before, not the
                    # military of the state where they fight
                    group = self._group_of_people(st, people, start, armed)
                    actor = _relocate(group, text, start, end) if group is not None and group.type in _ARMED_TYPES else actor
            origins = (self._officials_from(h, st, s, text) if not self.user_actors and actor is not None
                       and actor.type == "government" and actor.role is None else [])
            if origins:  # "officials from Egypt, Turkey and Jordan": one government each
                out.extend(a for a in origins if all(a.name != o.name for o in out))
                continue
            # agents placed by a preposition, PETRARCH-style; with sitrep's own dictionary the event's
            # place says where unnamed agents are from (m2e2 arguments dropped 0.385 -> 0.382 with this on)
            spread = self._agent_of_places(h, a0, st, s) if self.user_actors and actor is not None and actor.type else []
            if spread:
                # an agent of several places: "the ambassadors of Arnor, Osgiliath and Gondor"
                out.extend(a for a in spread if all(a.code != o.code or a.name != o.name for o in out))
                continue
            if self.user_actors and actor is not None and actor.country is None and (actor.code is None or actor.code.startswith("---")):
                # an agent placed by a preposition: "soldiers from Gondor", "activists in Arnor"
                actor = self._agent_of_place(h, a0, actor, st, s) or actor
            if actor is not None and actor.code and "/" in actor.code:
                # a dictionary code standing for several actors ("FRO/BIL/SAM"): one actor each
                out.extend(dataclasses.replace(actor, code=part) for part in actor.code.split("/") if part
                           and all(part != o.code for o in out))
            elif actor is not None and all(actor.name != o.name for o in out):
                if (h.dep_ == "conj" and out and actor.type in _ARMED_TYPES and _described(actor)
                        and any(o.type in _ARMED_TYPES and not _described(o) for o in out)
                        and not any(m.dep_ in _MODIFIER_DEPS and _name_like(m) for m in h.children)):
                    # "the suicide bombers and gunmen" the Taliban sent: one party's fighters (not
                    # "Hezbollah fighters and Syrian troops": a conjunct that says whose is a party of its own)
                    continue
                out.append(actor)
        return out

    def _speaker_as_actor(self, st: _ArticleState, c: Candidate, doc: Doc, s: int, actors: list[Actor],
                          recipients: list[Actor], country: str | None) -> list[Actor]:
        """Who speaks for the act a statement reports. A threat, refusal or demand that an
        official says their own state makes ("Rouhani said the Islamic Republic will respond")
        is the official's act too: the speaker comes first, beside the state. An act a state body
        announces told with no agent ("the government announced that the borders would be
        closed", "a home was raided, according to police") is the announcer's act. Neither holds
        where the speaker's side is on the receiving end (its state for an announced act), or
        where the clause names someone else."""
        strike = c.event == "ASSAULT" and c.mode in defaults.ACTOR_ANNOUNCER_STRIKE_MODES
        if c.event not in defaults.ACTOR_SPEAKER_ACTS and c.event not in defaults.ACTOR_ANNOUNCER_ACTS and not strike:
            return actors
        assert c.attribution is not None
        head = _span_head(doc, *c.attribution)
        according = head is not None and _according_to(head)
        if head is not None and head.lemma_.lower() in _STATEMENT_NOUNS:
            head = _statement_source(head)  # "according to a statement released by the IRGC"
        if head is None or is_pronoun(head):
            return actors
        t = c.trigger
        clause = t.head if t.pos_ in ("NOUN", "PROPN") and t.head.pos_ in ("VERB", "AUX") else t
        if any(p.dep_ == "prep" and p.lower_ in ("on", "against") and any(
                m.dep_ == "poss" and is_pronoun(m) for g in p.children if g.dep_ == "pobj" for m in g.children)
               for p in clause.subtree):
            return actors  # "Iran said sanctions were imposed on its banks": done to its own side
        # a speaker whose title names no country ("the government announced", "National Security
        # Adviser Michael Flynn") is read as speaking for the state the clause names, or else for
        # the story's country -- not for the place the act concerns ("borders with Syria")
        states = {a.country for a in actors}
        context = states.pop() if len(states) == 1 and None not in states else self._story_country(st) or country
        found = self._resolve_actors(st, [head], s, context, acting=True)
        if len(found) != 1:
            return actors
        sp = found[0]
        if not sp.country or sp.type not in _STATE_TYPES:
            return actors
        sp = _story_body(sp, [a for a in st.actors_seen if a.start is not None and a.start < s])
        own = [r for r in recipients if r.country == sp.country]
        if c.event in defaults.ACTOR_SPEAKER_ACTS:
            if not actors and "warning" in c.rules:
                # "agitators who ignore orders to disperse risk arrest, police said": a warning of
                # what its addressees face names no doer; the body that says it makes the threat
                # (to its own country's people too)
                c.rules.append("actor:speaker")
                return [sp]
            if own:
                return actors
            person = bool(sp.role or sp.org) or head.ent_type_ == "PERSON"
            if (person and actors and all(a.name != sp.name for a in actors)
                    and all(a.country == sp.country and a.type in _STATE_TYPES and a.role is None for a in actors)):
                c.rules.append("actor:speaker")
                return [sp, *actors]
            return actors
        if strike and (sp.type != "military" or not country or country == sp.country or own
                       or _fired_from(c.trigger)):
            # (strikes on its own country, or on its own side, are the enemy's; and so are strikes
            # told by where they came from, "rockets fired from Gaza hit Sderot")
            return actors
        if any(r.type in _STATE_TYPES for r in own):
            # (a state body announces what is done to its own state; what it does to its own
            # people, "a man's home was raided, according to police", it announces as its act)
            return actors
        # (a spokesman speaks for the body his title names: role "Cambodian National Police")
        body = dataclasses.replace(sp, name=sp.role or sp.name, text="", role=None, org=None, start=None, end=None)
        if (not actors and not self.user_actors and sp.type in _ARRESTING_TYPES and sp.country == country
                and not _described(body) and _unsaid_arrester(c)):
            # "a suspect had been arrested, National Police spokesman X said": an arrest told with no
            # arrester under the announcement of a security body the text names by its own name is
            # that body's, not the country's police in general (kept over it: st.arresters below)
            st.arresters[event_id_for(st.article.id, s + c.trigger.idx, c.event + c.id_key)] = body
        if not actors and not _unsaid_arrester(c) and not _clause_names_doer(c.trigger) and (any(
                r[len("attribution:"):] in _ANNOUNCE_VERBS for r in c.rules if r.startswith("attribution:"))
                or according):
            # ("the border was closed, according to the interior ministry" is the ministry's word
            # as "the ministry said" is)
            # set after calibration and the folding of bare mentions (_unsaid_actors), as an arrest's
            # police are: the record and its confidence stay what the act's own clause tells
            st.announcers[event_id_for(st.article.id, s + c.trigger.idx, c.event + c.id_key)] = sp
        elif (len(actors) == 1 and _office_holders(actors[0], sp) and (any(
                r[len("attribution:"):] in _ANNOUNCE_VERBS for r in c.rules if r.startswith("attribution:")) or according)):
            # "the threat led officials to lock down the headquarters, a police statement said":
            # bare office-holders acting in a state body's own announcement are that body's
            # (named for it after folding, as the announcer of an act told with no agent is)
            st.announcers[event_id_for(st.article.id, s + c.trigger.idx, c.event + c.id_key)] = sp
        return actors

    def _navy_of(self, a: Actor) -> Actor:
        """The navy of a state told as itself or as its government in general ("the U.S.",
        "Russia's government" -> United States Navy, Russian Navy where the dictionaries know it;
        else the state's military); any other party, a named body included, as it is."""
        if a.country is None or a.role is not None or a.type != "government" or not (
                a.name == country_name(a.country) or _described(a)):
            return a
        navy = self.actors.resolve(f"{country_name(a.country)} navy", context_country=a.country)
        if navy is None or navy.country != a.country:
            return a
        return dataclasses.replace(navy, text=a.text, start=a.start, end=a.end)

    def _led_body(self, st: _ArticleState, h: Token, start: int) -> Actor | None:
        """The body an earlier "<X>-led <noun>" of the story names, where ``h`` is that noun and no
        other leader's body of the noun was named ("the U.S.-led coalition ... the coalition")."""
        text = st.article.text
        noun = h.lower_
        found: list[Actor] = []
        for a in st.actors_seen:
            if a.end is None or a.start is None or a.start >= start:
                continue
            m = _LED_AFTER.match(text, a.end)
            if m is None or m.group("head") != noun:
                continue
            body = self.actors.resolve(text[a.start:m.end()], start=a.start, end=m.end(), date=st.pub_date)
            if body is not None and body.country and all(b.name != body.name for b in found):
                found.append(body)
        return found[0] if len(found) == 1 else None

    def _identified_person(self, st: _ArticleState, h: Token, actor: Actor | None) -> Actor | None:
        """A lone attacker described by a noun and identified by name ("a lone gunman, identified
        as Micah Johnson", "the gunman, Micah Johnson,"): the person, who is then who every other
        mention of that noun in the article stands for (``_identified``)."""
        if actor is None or h.tag_ != "NN" or h.ent_type_ or actor.type not in _NONSTATE_ARMED or actor.role:
            return actor  # (an officer or commander named by apposition is the apposed name's business)
        names = [g for a in h.children if a.dep_ == "acl" and a.lemma_.lower() in _IDENTIFY_VERBS
                 for p in a.children if p.dep_ == "prep" and p.lower_ == "as"
                 for g in p.children if g.dep_ == "pobj" and g.ent_type_ == "PERSON"]
        names += [a for a in h.children if a.dep_ == "appos" and a.ent_type_ == "PERSON"]
        if len(names) != 1:
            return actor
        g = names[0]
        first = min([g] + [c for c in g.children if c.dep_ == "compound" and c.i < g.i], key=lambda t: t.i)
        name = doc_text(h.doc)[first.idx:_name_end(g) + h.doc[0].idx]
        # the mention keeps its own words ("a lone gunman"); the name says who it is
        person = dataclasses.replace(actor, name=name)
        key = h.lemma_.lower()
        known = st.identified.get(key, person)
        st.identified[key] = person if known is not None and known.name == person.name else None
        return person

    def _group_of_people(self, st: _ArticleState, h: Token, start: int, armed: bool) -> Actor | None:
        """The last party named before ``start`` whose name carries the people's word ``h``
        ("Kurdish" -> the Kurdish People's Protection Units), an armed one first for an attack;
        None when the article named none, or more than one of them last."""
        word = h.lower_
        before = [a for a in st.actors_seen if a.start is not None and a.start < start and a.type is not None]
        # a people told by its plural noun ("the Kurds", "Islamists") is named by its adjective
        # or its singular in a party's name ("Kurdish", "Islamist")
        stem = word[:-1] if h.tag_ in ("NNS", "NNPS") and word.endswith("s") else None

        def same_people(w: str) -> bool:
            return w == word or (stem is not None and len(stem) >= 4 and w.startswith(stem)
                                 and w[len(stem):] in _PEOPLE_ADJ_ENDINGS)

        def carries(a: Actor) -> bool:
            names = (a.text, *self.actors.aliases_of(a.name))
            return any(same_people(w) for n in names for w in re.findall(r"[\w'-]+", n.lower()))
        pool = [a for a in before if a.type in _ARMED_TYPES] if armed else []
        found = [a for a in (pool or before) if carries(a)]
        if not found or len({a.name for a in found[-2:]}) > 1:
            return None
        return found[-1]

    def _protest_target(self, st: _ArticleState, c: Candidate, s: int, country: str | None,
                        crowd: Sequence[Actor]) -> list[Actor]:
        """Whom a protest addresses when the text names no party: the party whose going the crowd
        demands ("marched to demand the resignation of President X", "calling for the minister's
        resignation"); the maker of a measure it is against ("protests against the new tax law",
        "the governor's decision"), else the government of the country where it is held."""
        measures, ousting = protest_targets()
        t = c.trigger
        scope = list(t.subtree) + (list(t.head.subtree) if t.pos_ == "NOUN" and t.head.pos_ == "VERB" else [])
        for n in scope:
            if n.pos_ == "NOUN" and n.lemma_.lower() in ousting:
                owners = [o for o in _owners_of(n) if o.i != t.i]
                found = self._resolve_actors(st, owners, s, country, others=crowd)
                if found:
                    return found
        for n in c.recipients:
            if n.pos_ != "NOUN" or n.lemma_.lower() not in measures:
                continue
            found = self._resolve_actors(st, _owners_of(n), s, country, others=crowd)
            if found:
                return found
            government = self.actors.resolve("government", context_country=country, date=st.pub_date) if country else None
            if government is not None and government.country == country:
                a0, a1 = phrase_span(n)
                return [_relocate(government, doc_text(n.doc)[a0:a1], s + a0, s + a1)]
        return []

    def _implied_target(self, st: _ArticleState, c: Candidate, country: str | None) -> Actor | None:
        """The party an event told with no target implies (word classes: data/weapons.yaml
        ``recipient_cues``): "government officials do not deny the massacre", "two public executions
        in my neighbourhood" befall civilians (ACLED's violence against civilians), "Prayuth, who led
        the coup Thursday" is against the government, of the country where it happened. Given to
        the record once the article is read (``_unsaid_recipients``), so a mention that names no
        party still folds into the record it repeats."""
        lemma = c.trigger.lemma_.lower()
        cues = recipient_cues()
        if not country:
            return None
        if c.event == "ASSAULT" and lemma in cues.get("slaughter", ()):
            kind = "civilians"
        elif c.event in ("COERCE", "ASSAULT") and lemma in cues.get("overthrow", ()):
            kind = "government"
        else:
            return None
        party = self.actors.resolve(kind, context_country=country, date=st.pub_date)
        if party is None or party.country != country:
            return None
        return dataclasses.replace(party, text="", start=None, end=None)

    def _inhabitants(self, st: _ArticleState, town: Token, s: int, country: str | None) -> list[Actor]:
        """The civilians of the event's country: a party the text implies, so no words of its own
        (the town's name names the place, not its people)."""
        civilians = self.actors.resolve("civilians", context_country=country, date=st.pub_date) if country else None
        if civilians is None or civilians.country != country:
            return []
        return [dataclasses.replace(civilians, text="", start=None, end=None)]

    def _member_group(self, st: _ArticleState, h: Token, s: int) -> Actor | None:
        """The named group a generic agent is said to be from ("fighters from the Kurdish People's
        Protection Units", "militants from the Shamiya Front"): that group, where the dictionaries
        know it or its name is built like an armed group's; a place ("fighters from Syria") is not.
        The leaders of an armed group, named or only described ("the leader of Hezbollah",
        "commanders of Iran-sponsored fighters"), act for it."""
        if h.pos_ != "NOUN" or h.ent_type_:
            return None
        for ap in h.children:
            # "the attackers, members of the Pakistani Taliban": the description set beside it says
            if ap.dep_ == "appos" and ap.pos_ == "NOUN" and ap.lemma_.lower() in _MEMBER_NOUNS:
                group = self._member_group(st, ap, s)
                if group is not None:
                    return group
        for p in h.children:
            # ("members of the YPG": "of" after a word for a member; "supporters of X" are not X)
            lead = h.lemma_.lower() in _MEMBER_NOUNS | _LEADER_NOUNS
            if p.dep_ != "prep" or not (p.lower_ == "from" or (p.lower_ == "of" and lead)):
                continue
            for g in p.children:
                if g.dep_ != "pobj" or g.ent_type_ in _PLACE_ENTS:
                    continue
                g0, g1 = phrase_span(g)
                gtext = doc_text(h.doc)[g0:g1]
                if g.pos_ == "NOUN" and p.lower_ == "of" and lead:
                    # "commanders of Iran-sponsored fighters", "leaders of the rebel militias": an
                    # armed group described, not named, is still the group they lead
                    # (the phrase's own head says it is an armed group: "Israel's militia ally" is an ally)
                    kind = self.actors.resolve(g.text, date=st.pub_date)
                    group = self.actors.resolve(gtext, start=s + g0, end=s + g1, date=st.pub_date)
                    if kind is not None and kind.type in ARMED_GROUP_TYPES and group is not None:
                        return group
                    continue
                if g.pos_ != "PROPN":
                    continue
                group = (self.actors.resolve(gtext, start=s + g0, end=s + g1, date=st.pub_date)
                         or self.actors.named_group(gtext, start=s + g0, end=s + g1))
                if group is None or group.type is None or group.code == group.country:
                    continue
                if p.lower_ == "from" or h.lemma_.lower() in _MEMBER_NOUNS or group.type in ARMED_GROUP_TYPES:
                    return group  # (a leader is the group's only where the group is armed: not a party's)
        return None

    def _unknown_name(self, st: _ArticleState, h: Token, text: str, start: int, end: int, s: int) -> Actor | None:
        """An argument the dictionaries do not know: an acronym the article defined earlier
        stands for its long form; a proper name stays the name as written (typed where it is
        built like an armed group's name), never a guessed organisation or country."""
        long = st.defined(text)
        if long is not None:
            actor = (self.actors.resolve(long, date=st.pub_date)
                     or self.actors.named_group(long, any_name=True))
            if actor is not None:
                return _relocate(actor, text, start, end)
        if h.ent_type_ in _NAME_ENTS or (h.pos_ == "PROPN" and h.ent_type_ not in _PLACE_ENTS):
            known = self.actors.lookup(h.text, date=st.pub_date)
            if known is not None and known.kind == "place":
                return None  # a place the tagger ran into a name ("Crimea In Moscow"): where, no party
            # (the name's own head noun may stand between: "raided Balata camp (Nablus, Nablus)")
            nxt = h.head.i + 1 if h.dep_ == "compound" and h.head.i == h.i + 1 else h.i + 1
            if nxt + 1 < len(h.doc) and h.doc[nxt].text == "(" and self._in_place_brackets(h.doc[nxt + 1]):
                # "fired shells at Kfar Kila (Marjayoun, Nabatieh)": a name the text gives a district
                # and a province is a place, where the act happened, no party to it
                return None
            # ("Johnson's home": the name without its possessive ending)
            bare = re.sub(r"['\u2019]s?$", "", text)
            # (a lone name the tagger read as an organisation takes up a fuller name just as well:
            # "Farkhunda, 27, was killed" after "the murder of Farkhunda Malikzada"; its fuller name
            # is then one the dictionaries do not know either, so a known body is never taken up)
            full = _earlier_full_name(st.article.text, bare, start) if h.ent_type_ in ("PERSON", "ORG", "") else None
            if full is not None and h.ent_type_ == "ORG" and self.actors.resolve(full, date=st.pub_date) is not None:
                full = None
            if full is not None:  # "Yingluck" after "Prime Minister Yingluck Shinawatra": the same person
                actor = self.actors.resolve(full, date=st.pub_date) or self.actors.named_group(full, any_name=True)
                if actor is not None:
                    return _relocate(actor, text, start, end)
            named = self.actors.named_group(text, start=start, end=end, any_name=True)
            ent = next((e for e in h.doc.ents if e.start <= h.i < e.end and e.label_ == "PERSON"), None)
            if named is None and ent is not None and len(ent) > 1:
                # "commentator Kem Ley": a description before a person's name the dictionaries do
                # not know; the person, named as written
                e0 = ent[0].idx - h.doc[0].idx
                named = (self.actors.resolve(ent.text, start=s + e0, end=s + e0 + len(ent.text), date=st.pub_date)
                         or self.actors.named_group(ent.text, start=s + e0, end=s + e0 + len(ent.text), any_name=True))
            return named
        return None

    def _apposed_name(self, st: _ArticleState, h: Token, s: int, actor: Actor | None) -> Actor | None:
        """A title or description with a name in apposition ("Venezuela's President, Nicolas
        Maduro", "the group, Jamaat-ul-Ahrar"): the name, where the dictionaries know it or the
        description itself named nobody in particular."""
        if actor is not None and actor.code not in (None, actor.country, (actor.country or "") + "GOV") and actor.role is None:
            return actor  # the head already names its actor ("Islamic State, the group ...")
        for ch in h.children:
            if ch.dep_ != "appos" or ch.pos_ != "PROPN" or self._parenthesised_place(ch):
                continue
            a0, a1 = phrase_span(ch)
            text = doc_text(h.doc)[a0:a1]
            named = self.actors.resolve(text, start=s + a0, end=s + a1, date=st.pub_date)
            if named is not None and (named.role or named.code not in (None, named.country)):
                return named
            if actor is None or actor.type is None:
                return named or self.actors.named_group(text, start=s + a0, end=s + a1, any_name=True) or actor
        return actor

    def _parenthesised_place(self, ch: Token) -> bool:
        """Is the apposition ``ch`` a place set in brackets after its head, the head's place in the
        text's own hierarchy ("raided Kinma village (Pauk, Magway)", ACLED's "<village> (<district>,
        <province>)"), not the name of whom the head is?"""
        k = ch.left_edge.i
        if k > 0 and ch.doc[k - 1].text == "(":
            a0, a1 = phrase_span(ch)
            if ch.ent_type_ in _PLACE_ENTS or self.gazetteer.contains(doc_text(ch.doc)[a0:a1]):
                return True
        return self._in_place_brackets(ch)

    def _in_place_brackets(self, h: Token) -> bool:
        """Does ``h`` stand inside brackets that give the place before them its own hierarchy
        ("Kfar Kila (Marjayoun, Nabatieh)", "in Shuhail (Deir ez-Zor, Deir ez-Zor)", "in Sokoto
        (Sokoto South, Sokoto)")? A name in such brackets is a district or province, never a party,
        however the parser hung it (apposed to the victim, or the verb's object across the bracket).
        The brackets must follow a name or a noun and hold only names and commas, one of them a
        place the gazetteer knows ("the Syrian Democratic Forces (SDF)" names a party)."""
        sent = h.sent
        k = h.i
        while k > sent.start and h.doc[k].text not in ("(", ")"):
            k -= 1
        if h.doc[k].text != "(" or k == h.i or k == sent.start or not (
                h.doc[k - 1].text[:1].isupper() or h.doc[k - 1].pos_ in ("NOUN", "PROPN")):
            return False  # ("Balata camp (Nablus, Nablus)": a place noun before the brackets)
        close = next((t.i for t in h.doc[k + 1:sent.end] if t.text == ")"), None)
        if close is None:
            return False
        text = doc_text(h.doc)
        inner = text[h.doc[k + 1].idx - h.doc[0].idx:h.doc[close].idx - h.doc[0].idx]
        parts = [p.strip() for p in inner.split(",")]
        if not all(p[:1].isupper() for p in parts):
            return False
        # a chain of two or more ends with its province, which may be spelt as the gazetteer's
        # alternate names spell it ("Nabatieh", "Al Hasakeh")
        return any(self.gazetteer.contains(p) for p in parts) or (
            len(parts) > 1 and bool(self.gazetteer.candidates(parts[-1], fuzzy=False)))

    def _apposed_person(self, st: _ArticleState, h: Token, s: int, actor: Actor | None) -> Actor | None:
        """A generic description with a person's name in apposition ("an Italian doctoral student,
        Giulio Regini", "a local journalist, Maria Lopez"): the person, named as written, the
        description giving their country and kind (as a title does, ``_titled_person``), where the
        dictionaries do not know the name."""
        if actor is None or actor.role or actor.org or actor.type is None:
            return actor
        if not (actor.code in (None, actor.country)
                or (actor.country and (actor.code or "").startswith(actor.country) and len(actor.code or "") == 6)):
            return actor  # a named actor of the dictionaries
        for ch in h.children:
            if ch.dep_ != "appos" or ch.pos_ != "PROPN" or self._parenthesised_place(ch):
                continue
            ent = next((e for e in h.doc.ents if e.start <= ch.i < e.end), None)
            if ent is None:  # (NER may not have read this far: a name of two or more capitalised words)
                names = [x for x in ch.lefts if x.dep_ == "compound" and x.pos_ == "PROPN"]
                first = names[0].i if names and all(x.is_title for x in names) else ch.i
                ent = h.doc[first:ch.i + 1] if ch.is_title else None
                person = ent if ent is not None and len(ent) >= 2 else None
            else:
                # (after a person noun, a name is a person's whatever the NER read: "the three
                # lawmakers, Jamal Zahalka, ..." tagged an organisation)
                person = ent if ent.label_ == "PERSON" or (ent.label_ == "ORG" and person_word(h.lemma_.lower())) else None
            if person is None or len(person) < 2 or self.actors.resolve(person.text, date=st.pub_date) is not None:
                continue
            p0 = person[0].idx - h.doc[0].idx
            return dataclasses.replace(actor, text=person.text, name=person.text, role=actor.name,
                                       start=s + p0, end=s + p0 + len(person.text))
        person = _comma_apposed_person(h) if person_word(h.lemma_.lower()) else None
        if person is not None and self.actors.resolve(person.text, date=st.pub_date) is None:
            p0 = person[0].idx - h.doc[0].idx
            return dataclasses.replace(actor, text=person.text, name=person.text, role=actor.name,
                                       start=s + p0, end=s + p0 + len(person.text))
        return actor

    def _unnamed_crowds(self, st: _ArticleState, events: list[Event]) -> list[Event]:
        """ACLED names unnamed demonstrators "Protesters (<country>)" ("Rioters (...)" for a
        riot) after the country where they gathered: a protest with no actor gets that crowd,
        anchored on its trigger ("protests erupted"), where the text places the protest in a
        country (its place, else the country the article is about, the fallback every generic
        actor of the article takes); with no country it stays without actor. Runs after
        calibration and merging, so the confidence still reads only what the sentence names."""
        if self.user_actors:
            return events  # a user's dictionary (PETRARCH) names its own actors
        out = []
        for ev in events:
            country = ev.location.country if ev.location is not None and ev.location.country else self._story_country(st)
            if ev.event == "PROTEST" and ev.actor and country:
                ev = _replace(ev, actor=tuple(self._crowd_of(a, country) for a in ev.actor))
            if ev.event == "PROTEST" and not ev.actor and country:
                word = "rioters" if ev.acled_event_type == "Riots" else "protesters"
                crowd = self.actors.resolve(word, context_country=country)
                if crowd is not None:
                    trig = ev.evidence.trigger
                    ev = _replace(ev, actor=(dataclasses.replace(crowd, text=trig.text, start=trig.start, end=trig.end),))
            if ev.event == "PROTEST" and any(r.name == a.name for r in ev.recipient for a in ev.actor):
                # a crowd is not what it protests against ("gathered ..., singing protest songs": the
                # songs' "protest" read back as the crowd itself)
                ev = _replace(ev, recipient=tuple(r for r in ev.recipient if all(r.name != a.name for a in ev.actor)))
            out.append(ev)
        return out

    def _crowd_of(self, actor: Actor, country: str) -> Actor:
        """A protest's unnamed crowd ("several hundred citizens", "people", "mourners") is its
        protesters, of the country where it gathered (ACLED: "Protesters (<country>)"); a crowd
        named by who they are ("students", "workers") keeps its kind and takes the country."""
        if actor.type not in (None, "civilians", "protesters") or (
                actor.code is not None and actor.code[3:] not in ("", "CVL")):
            return actor
        head = (actor.text.split() or [""])[-1].lower()
        if actor.type is None and head not in _CROWD_NOUNS:
            return actor  # a name the dictionaries do not know ("Julie Chasin")
        if actor.type == "protesters" or head in _CROWD_NOUNS:
            crowd = self.actors.resolve("protesters", context_country=actor.country or country)
        elif actor.country is None:
            crowd = self.actors.resolve(actor.text, context_country=country)
        else:
            return actor
        if crowd is None or crowd.country is None:
            return actor
        return dataclasses.replace(crowd, text=actor.text, start=actor.start, end=actor.end)

    def _coordinated_origins(self, h: Token, a1: int, s: int, st: _ArticleState) -> list[Actor]:
        """Actors of a phrase whose origin modifier is coordinated ("US and British activists",
        "the Turkish and Greek sides"): each origin with the shared head, or [] when the phrase
        has no such coordination or fewer than two of its readings name a country."""
        if is_pronoun(h):
            return []
        for m in h.children:
            # (a named party may stand beside a country: "Taliban and US officials")
            if m.dep_ not in ("amod", "compound", "nmod") or not (_names_origin(m) or m.pos_ == "PROPN"):
                continue
            members = [m] + [c for c in m.children if c.dep_ == "conj" and (_names_origin(c) or c.pos_ == "PROPN")]
            if len(members) < 2 or any(c.i > h.i for c in members) or not any(_names_origin(c) for c in members):
                continue
            text = doc_text(h.doc)
            tail = text[members[-1].idx + len(members[-1].text):a1]  # " officials"
            span = text[m.idx:a1]
            found: list[Actor] = []
            for member in members:
                actor = self.actors.resolve(member.text + tail, date=st.pub_date)
                if actor is not None and actor.country:
                    found.append(_relocate(actor, span, s + m.idx, s + a1))
            return found if len(found) >= 2 else []
        return []

    def _officials_from(self, h: Token, st: _ArticleState, s: int, text: str) -> list[Actor]:
        """The states a generic office holder is "from" ("officials from Egypt, Turkey and Jordan",
        "ministers from Iraq"): that state's people, one actor per country the "from" phrase names
        (other members of the list, "other members of the council", add none); [] where it names
        no country. Only people of a state's office: "fighters from Syria" are not Syria's."""
        from sitrep.coding.verbdict import conj_members

        if h.pos_ != "NOUN" or h.ent_type_:
            return []
        out: list[Actor] = []
        for p in h.children:
            if p.dep_ != "prep" or p.lower_ != "from":
                continue
            for g in p.children:
                if g.dep_ != "pobj":
                    continue
                for m in conj_members(g):
                    hit = lookup_country(m.text) if m.ent_type_ == "GPE" else None
                    if hit is None or hit.kind == "capital":
                        continue
                    m0, m1 = phrase_span(m)
                    a = self.actors.resolve(text, context_country=hit.iso3, date=st.pub_date)
                    if a is not None and a.country == hit.iso3:
                        out.append(_relocate(a, doc_text(h.doc)[m0:m1], s + m0, s + m1))
        return out

    def _agent_of_places(self, h: Token, a0: int, st: _ArticleState, s: int) -> list[Actor]:
        """One actor per coordinated place after an agent noun ("ambassadors of A, B and C"), or []."""
        from sitrep.coding.verbdict import conj_members

        for ch in h.children:
            if ch.dep_ != "prep" or ch.lower_ not in _AGENT_PLACE_PREPS:
                continue
            pobj = next((g for g in ch.children if g.dep_ == "pobj"), None)
            if pobj is None or len(conj_members(pobj)) < 2:
                continue
            head_text = h.doc.text[a0:ch.idx].strip()
            out: list[Actor] = []
            for m in conj_members(pobj):
                m0, m1 = phrase_span(m)
                a = self.actors.resolve(f"{head_text} {ch.text} {h.doc.text[m0:m1]}", date=st.pub_date)
                if a is None or not (a.country or (a.code and not a.code.startswith("---"))):
                    return []
                out.append(_relocate(a, h.doc.text[m0:m1], s + m0, s + m1))
            return out
        return []

    def _agent_of_place(self, h: Token, a0: int, actor: Actor, st: _ArticleState, s: int) -> Actor | None:
        for ch in h.children:
            if ch.dep_ != "prep" or ch.lower_ not in _AGENT_PLACE_PREPS:
                continue
            pobj = next((g for g in ch.children if g.dep_ == "pobj"), None)
            if pobj is None:
                continue
            end = phrase_span(pobj)[1]
            better = self.actors.resolve(h.doc.text[a0:end], start=s + a0, end=s + end, date=st.pub_date)
            if better is not None and (better.country or (better.code and not better.code.startswith("---"))):
                return better
        return None

    def _place(self, st: _ArticleState, c: Candidate, doc: Doc, s: int, arg_spans: list[tuple[int, int]]) -> Place | None:
        span = pick_event_place(doc[:], c.trigger)
        if span is not None and self._no_place(st, doc_text(doc)[span[0]:span[1]]):
            # "losses in Hezbollah", "commanders in Jabhat al-Nusra": in a group's ranks, not a
            # place; the next place the sentence ranks for the event, if any
            span = next(((r.start, r.end) for r in rank_event_places(doc[:], c.trigger)
                         if r.score >= defaults.LOCATION_MIN_SCORE
                         and not self._no_place(st, doc_text(doc)[r.start:r.end])), None)
        if len(c.anchors) > 1:
            # a folded event ("a roadside bomb killed one civilian"): the best place of any of its words
            best = None
            for a in c.anchors:
                ranked = [r for r in rank_event_places(doc[:], a)
                          if not self._no_place(st, doc_text(doc)[r.start:r.end])]
                if ranked and ranked[0].score >= defaults.LOCATION_MIN_SCORE and (best is None or ranked[0].score > best.score):
                    best = ranked[0]
            if best is not None:
                span = (best.start, best.end)
        if span is not None:
            span = _place_before_its_country(doc, c.trigger, span)
            p0, p1 = span
            anchor_ids = {a.i for a in c.anchors}
            names_event = any(t.head.i in anchor_ids and t.dep_ in ("compound", "nmod") and not _names_country_token(t)
                              for t in tokens_between(doc, p0, p1))  # "the Kabul attack"
            # a place word inside a participant's phrase ("US strikes", "Iraqi bases") is not where it happened
            if any(p0 < a1 and a0 < p1 for a0, a1 in arg_spans) or (not names_event and _modifier_only(doc, p0, p1)):
                span = None
        if span is None:
            # "the Baghdad gathering", "the Kabul attack": a town named as the event noun's modifier
            mod = next((ch for a in c.anchors for ch in a.children if a.pos_ in ("NOUN", "PROPN")
                        and ch.dep_ in ("compound", "nmod") and ch.ent_type_ in ("GPE", "LOC", "FAC")
                        and not _names_country_token(ch)), None)
            mod_span = self._town_modifier(st, c, doc, arg_spans) if mod is None else None
            hit_span = self._attacked_town(st, c, doc) if mod is None and mod_span is None else None
            if mod is not None:
                span = (mod.idx, mod.idx + len(mod.text))
            elif mod_span is not None:
                span = mod_span
            elif hit_span is not None:
                span = hit_span
            else:
                span = _lone_place(doc, c.trigger, c.recipients, party=lambda t: self._no_place(st, t))
                if span is None:
                    return _national_area(doc, s) if c.event in defaults.PLACE_CARRY_EVENTS else None
        p0, p1 = span
        own = self._own_countries(doc, c.trigger)
        context = self._place_context(st, own)
        p0 = self._name_head_before(doc, p0, p1, context)
        text = doc_text(doc)[p0:p1]
        demonym = lookup_country(text)
        if demonym is not None and demonym.kind == "demonym" and c.event in defaults.PLACE_CARRY_EVENTS:
            # "in Kuwaiti waters": a people's word the parse took for the place names its country's
            area = _national_area(doc, s)
            if area is not None and area.start is not None and area.start <= s + p0 < (area.end or 0):
                return area
        owner = kind_owner().search(doc_text(doc)[max(0, p0 - 48):p0])
        hit = lookup_country(owner.group(1)) if owner else None
        if hit is not None and hit.kind in ("demonym", "name"):
            # "the Syrian village of Qundarah", "Nigerian town Banki": the text says whose town it is
            context = dict(context)
            context[hit.iso3] = context.get(hit.iso3, 0.0) + defaults.PLACE_CTX_OWNER
        # "in Idlib province": the span is the bare name (as an analyst marks it), the division
        # word after it says which of the town and its province is meant
        division = _DIVISION_AFTER.match(doc_text(doc), p1)
        query = text + " " + division.group(1).lower() if division else text
        country_after = _COUNTRY_AFTER.match(doc_text(doc), p1)
        if country_after and not division and lookup_country(country_after.group(1)) is not None:
            query = text + ", " + country_after.group(1)  # "Kadugli, Sudan": the tail says whose town
        place = self.gazetteer.resolve(query, context=context, start=s + p0, end=s + p1)
        if country_after and not division and (place is None or place.lat is None):
            # "in Kabul, Pakistan and India": a list, not a town and its country
            query = text
            place = self.gazetteer.resolve(text, context=context, start=s + p0, end=s + p1)
        if place is not None and query != text:
            place = dataclasses.replace(place, text=text)
        if place is None:
            grown = _grow_site(doc, p0, p1)
            if grown is not None:
                g0, g1 = grown
                place = self.gazetteer.resolve(doc_text(doc)[g0:g1], context=context, start=s + g0, end=s + g1)
                if place is not None:
                    p0, p1, text = g0, g1, doc_text(doc)[g0:g1]
        if place is None:
            head = self._glued_head(text, self._story_context(st))
            if head is not None:
                # "in Moscow Navalny said", "a raid in Italy Authorities also found": a run-on
                # sentence's first word glued to the place that ended the one before
                p1, text = p0 + head, text[:head]
                place = self.gazetteer.resolve(text, context=context, start=s + p0, end=s + p1)
                if place is not None and place.geo_precision != 1:
                    # a country or a province: a town the sentence names beside it says more
                    nearby = [(cand.text, s + cand.start, s + cand.end) for cand in rank_event_places(doc[:], c.trigger)
                              if not any(r.startswith(_NOT_NEARBY) for r in cand.reasons)]
                    near = self.gazetteer.resolve_or_nearby(text, nearby, context=context, start=s + p0, end=s + p1,
                                                            local=own, own_name=False, source=st.article.text)
                    if near is not None and near.lat is not None:
                        place = near
        abroad = place is not None and query == text and (hit is None or hit.kind not in ("demonym", "name")) and (
            self._small_namesake_abroad(place, text, context, doc, c.trigger, (p0, p1))
            or self._namesake_off_continent(st, place, text, context)
            or self._namesake_off_lead(place, text, context)
            or (place.geo_precision == 1 and self.gazetteer.outside_chain(place.country, s + p1, [
                (cand.text, s + cand.start, s + cand.end) for cand in rank_event_places(doc[:], c.trigger)],
                st.article.text, context=context)))
        if place is None or abroad:
            # a village the gazetteer lacks, or knows only as a small namesake abroad: the nearest
            # place the sentence gives (not one it names as where someone spoke or where the news
            # came from)
            nearby = [(cand.text, s + cand.start, s + cand.end) for cand in rank_event_places(doc[:], c.trigger)
                      if not any(r.startswith(_NOT_NEARBY) for r in cand.reasons)]
            place = self.gazetteer.resolve_or_nearby(text, nearby, context=context, start=s + p0, end=s + p1,
                                                     local=own, own_name=not abroad, source=st.article.text)
        if place is None:
            # the text says where, the gazetteer does not know it: keep the mention, resolve nothing
            return Place(text=text, name=text, start=s + p0, end=s + p1)
        others = [e.text for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC") and (e.end_char <= p0 or e.start_char >= p1)]
        if others and place.lat is not None and place.geo_precision in (1, 2):
            # the sentence's own hierarchy: a namesake inside a province the sentence names
            # (a city of defaults.PLACE_NAMED_PROVINCE_MAX_POP is named for itself: "remain in
            # Washington" beside "New York" is no namesake village of New York state)
            provinces = self.gazetteer.provinces_named(others, context=context)
            inside = None if self.gazetteer.contains(text, min_population=defaults.PLACE_NAMED_PROVINCE_MAX_POP) \
                else self.gazetteer.in_named_province(place, provinces, context=context)
            if inside is not None:
                place = inside
        before = doc_text(doc)[max(0, p0 - 16):p0].lower().split()
        if place.geo_precision == 1 and before and (before[-1] in mention_words().near or before[-2:] in (
                ["outskirts", "of"], ["close", "to"], ["countryside", "of"], ["suburbs", "of"])):
            place = dataclasses.replace(place, geo_precision=2)  # ACLED: near a town is precision 2
        if place.country:
            st.countries[place.country] = st.countries.get(place.country, 0) + 2
            # the story's leading country standing in for a name nothing resolved is no new evidence
            # of that country: counting it would let the leader feed itself
            guessed = place.lat is None and place.name == place.text and lookup_country(place.text) is None
            if not guessed:
                st.resolved_countries.add(place.country)
            if st.place_context is not None and not guessed:
                st.place_context[place.country] = st.place_context.get(place.country, 0.0) + defaults.PLACE_CTX_RESOLVED
        return place

    def _home_namesake(self, place: Place | None, actors: list[Actor]) -> Place | None:
        """The town of the same name in the country of the state whose forces or government act,
        where the place resolved is a namesake abroad of comparable size
        (``defaults.PLACE_HOME_NAMESAKE_SHARE`` of its people): "the Lebanese army deployed troops
        in Tripoli" is Lebanon's Tripoli, not Libya's capital. A state acts at home far more often
        than abroad; a namesake much smaller than the town named ("Paris", Texas) is no such sign.
        None otherwise."""
        if place is None or place.lat is None or place.geo_precision not in (1, 2) or not place.country or not place.text:
            return None
        states = {a.country for a in actors if a.country and a.type in defaults.PLACE_HOME_ACTOR_TYPES}
        if len(states) != 1 or place.country in states:
            return None
        home = next(iter(states))
        cands = self.gazetteer.candidates(place.text, fuzzy=False)
        chosen = next((c.entry for c in cands if (c.entry.lat, c.entry.lon) == (place.lat, place.lon)), None)
        if chosen is None or chosen.kind != "city":
            return None
        own = next((c.entry for c in cands if c.entry.kind == "city" and c.entry.country == home
                    and c.entry.population >= defaults.PLACE_HOME_NAMESAKE_SHARE * chosen.population), None)
        if own is None:
            return None
        return own.to_place(place.text, precision=place.geo_precision, start=place.start, end=place.end)

    def _small_namesake_abroad(self, place: Place, text: str, context: dict[str, float], doc: Doc,
                               trigger: Token, span: tuple[int, int]) -> bool:
        """A town resolved in a country neither the story nor the sentence names, by a small
        place's name (under ``defaults.PLACE_ABROAD_NAMESAKE_MAX_POP`` people), while the sentence
        names a town or province of another country ("shells on Hamdaniya" beside "Aleppo" is
        no town in Iraq): a village of the sentence's country the gazetteer lacks, spelt as a
        namesake across the border (the caller falls back to the sentence's nearest place). A
        country named ("the border with Jordan", "pro-Turkey factions") is no such sign: it is
        as often a neighbour or a party."""
        if place.lat is None or not place.country or context.get(place.country, 0.0) > 0.0:
            return False
        found = next((c.entry for c in self.gazetteer.candidates(text, context=context)
                      if (c.entry.lat, c.entry.lon) == (place.lat, place.lon)), None)
        if found is None or found.kind != "city" or found.population >= defaults.PLACE_ABROAD_NAMESAKE_MAX_POP:
            return False
        for cand in rank_event_places(doc[:], trigger):
            if (cand.start < span[1] and span[0] < cand.end) or lookup_country(cand.text) is not None:
                continue
            other = self.gazetteer.best(cand.text, context=context, fuzzy=False)
            if other is not None and other.entry.kind in ("city", "admin1") and other.entry.country not in (
                    None, place.country) and context.get(other.entry.country or "", 0.0) > 0.0:
                return True
        return False

    def _namesake_off_continent(self, st: _ArticleState, place: Place, text: str, context: dict[str, float]) -> bool:
        """A small town (under ``defaults.PLACE_ABROAD_NAMESAKE_MAX_POP`` people) matched only by
        another spelling (an alternate name or its consonants), in a country the story gives no
        weight, on another continent than every country the story's armed groups
        (``defaults.PLACE_PARTY_GROUP_TYPES``) and named places belong to: "Khelsa battles lead
        to losses in Hezbollah" is a Levant village the gazetteer lacks, not Helsa in Germany
        (which GeoNames also spells Khelsa). A story that gives no such country is no sign."""
        if place.lat is None or not place.country or context.get(place.country, 0.0) > 0.0:
            return False
        continents = self.gazetteer.continents
        # (an armed group's country and a country named as a place; a state's air force and a
        # people named are as often foreign to the war: "Russian airstrikes", "U.S.-led coalition")
        theirs = {a.country for a in st.actors_seen if a.country and a.type in defaults.PLACE_PARTY_GROUP_TYPES} | {
            iso for iso, w in context.items() if w >= defaults.GAZETTEER_CONTEXT_MIN_WEIGHT}
        own = continents.get(place.country)
        if own is None or not theirs or any(continents.get(iso) == own for iso in theirs):
            return False
        found = next((c for c in self.gazetteer.candidates(text, context=context)
                      if (c.entry.lat, c.entry.lon) == (place.lat, place.lon)), None)
        return (found is not None and found.how != "name" and found.entry.kind == "city"
                and found.entry.population < defaults.PLACE_ABROAD_NAMESAKE_MAX_POP)

    def _namesake_off_lead(self, place: Place, text: str, context: dict[str, float]) -> bool:
        """A small town (under ``defaults.PLACE_ABROAD_NAMESAKE_MAX_POP`` people) matched only by
        its consonants (a skeleton; an alternate name is a spelling the place is known by: "Kobani")
        in a country the story names far less than its leading one (under ``defaults.PLACE_NAMESAKE_LEAD_SHARE`` of its weight): a
        Mosul story's "Khazir" is a village the gazetteer lacks, not Keizer, Oregon, though the
        story names the United States. The gazetteer caps each country's weight, so a country
        named once ranks there with the story's own; the story's raw weights tell them apart."""
        if place.lat is None or not place.country or not context:
            return False
        top = max(context.values())
        if top < defaults.GAZETTEER_CONTEXT_MIN_WEIGHT or context.get(place.country, 0.0) >= (
                top * defaults.PLACE_NAMESAKE_LEAD_SHARE):
            return False
        found = next((c for c in self.gazetteer.candidates(text, context=context)
                      if (c.entry.lat, c.entry.lon) == (place.lat, place.lon)), None)
        return (found is not None and found.how == "skeleton" and found.entry.kind == "city"
                and found.entry.population < defaults.PLACE_ABROAD_NAMESAKE_MAX_POP)

    def _attacked_town(self, st: _ArticleState, c: Candidate, doc: Doc) -> tuple[int, int] | None:
        """"attacks by ISIS on al-Tabaqa": an attack's target that is a proper name the actor
        dictionary does not know and the gazetteer resolves to a town of one of the story's home
        countries (``defaults.GAZETTEER_CONTEXT_MIN_WEIGHT``; a demonym alone is none) is where the
        attack was, whatever the NER tagged it (a transliterated town is often read as an
        organisation). Only where no place word of the sentence did (the caller's fallback), and
        only a name of its own (no common noun)."""
        if c.event != "ASSAULT":
            return None
        for h in c.recipients:
            if h.pos_ != "PROPN" or h.ent_type_ in ("PERSON", "NORP"):
                continue
            toks = [t for t in doc[h.left_edge.i: h.i + 1] if not (t.is_punct and t.text != "-")]
            while toks and toks[0].lower_ in ("the", "a", "an"):
                toks.pop(0)
            if not toks or any(t.pos_ == "NOUN" or t.like_num for t in toks):
                continue
            p0, p1 = toks[0].idx, h.idx + len(h.text)
            name = doc_text(doc)[p0:p1]
            if self.actors.resolve(name, context_country=st.context_country, date=st.pub_date) is not None:
                continue
            context = self._place_context(st, self._own_countries(doc, c.trigger))
            found = self.gazetteer.best(name, context=context)
            if found is not None and found.entry.kind == "city" and context.get(
                    found.entry.country or "", 0.0) >= defaults.GAZETTEER_CONTEXT_MIN_WEIGHT:
                return p0, p1
        return None

    def _no_place(self, st: _ArticleState, text: str) -> bool:
        """Whether a place mention names a party instead: an armed group (:meth:`_names_party`),
        a person of the story (:meth:`_names_person`) or any person or organisation the actor
        dictionary knows by a name no place has (:meth:`_names_actor`)."""
        return self._names_party(st, text) or self._names_person(st, text) or self._names_actor(st, text)

    def _names_actor(self, st: _ArticleState, text: str) -> bool:
        """Whether a place mention is the whole name of a person or an organisation the actor
        dictionary knows ("at the United Nations", "driving at the Peshmerga", "in Kim Jong Un's
        regime", "observed in The New York Times") and the gazetteer knows no place by it as
        written (name, alias or alternate name): the party, not a place. A body named after its
        town ("Al Mayadeen" TV) stays a place."""
        if not_a_place(text):
            return False  # "Latin America", "the Middle East": a region, kept as one
        entry = self.actors.lookup(text, date=st.pub_date)
        if entry is None or entry.kind not in ("org", "person"):
            return False
        return self.gazetteer.best(text, fuzzy=False) is None

    def _glued_head(self, text: str, context: dict[str, float]) -> int | None:
        """The length of the leading words of a place mention the gazetteer does not know that
        name, as written (no loose spelling), a country, a province, or a town of
        ``defaults.PLACE_GLUED_HEAD_MIN_POP`` people, of a country the story (``context``) names as a
        place (``defaults.GAZETTEER_CONTEXT_MIN_WEIGHT``): the NER ran the place that ended
        one sentence into the first word of the next, which the source lost the full stop between
        ("... an unauthorized rally in Moscow Navalny said", "embassy in Beirut-Suspected of").
        The longest such head; None when there is none."""
        if not_a_place(text):
            return None  # "Central Asia", "Latin America": a region, not "Central" province run on
        cuts = [m.start() for m in _GLUE_CUT.finditer(text) if m.start() > 0]
        for cut in reversed(cuts):
            head = text[:cut]
            tail = _GLUE_CUT.split(text[cut:].strip(" -\u2013\u2014"), maxsplit=1)[0]
            if (not_a_place(head) or tail.lower() in mention_words().landforms
                    or self.gazetteer.contains(tail, min_population=defaults.LOCATION_GAZ_MIN_POP)):
                continue  # ("Jaffna Peninsula", "George Washington": a feature's or a person's one name)
            found = self.gazetteer.best(head, context=context, fuzzy=False)
            if found is None:
                continue
            e = found.entry
            if context.get(e.country or "", 0.0) >= defaults.GAZETTEER_CONTEXT_MIN_WEIGHT and (
                    e.kind in ("country", "admin1")
                    or e.kind == "city" and e.population >= defaults.PLACE_GLUED_HEAD_MIN_POP):
                return cut
        return None

    def _names_person(self, st: _ArticleState, text: str) -> bool:
        """Whether a one-word place mention is the surname of a person the article named in full
        before it or in its sentence ("Marco Rubio" ... "Rubio has criticized", "Keith Lamont Scott"
        ... "the Scott shooting"): the person, not a namesake town (Rubio, Venezuela; Scott,
        Louisiana). A province or a city of ``defaults.PLACE_PERSON_SURNAME_MAX_POP`` people or
        more stays a place."""
        name = text.strip()
        if " " in name or name.lower() not in st.surnames:
            return False
        return not self.gazetteer.contains(name, min_population=defaults.PLACE_PERSON_SURNAME_MAX_POP)

    def _names_party(self, st: _ArticleState, text: str) -> bool:
        """Whether a place mention is the name of an armed group the actor dictionary knows
        (``defaults.PLACE_PARTY_GROUP_TYPES``: "Hezbollah", "Jabhat al-Nusra") and the gazetteer
        knows by no primary name of a place (an alternate name of some town does not make it
        one). Other organisations are often named after their town ("Al Mayadeen" TV) and stay."""
        entry = self.actors.lookup(text, date=st.pub_date)
        if entry is None or entry.kind != "org" or entry.type not in defaults.PLACE_PARTY_GROUP_TYPES:
            return False
        known = self.gazetteer.best(text, fuzzy=False)
        return known is None or known.how != "name"

    def _town_modifier(self, st: _ArticleState, c: Candidate, doc: Doc,
                       arg_spans: list[tuple[int, int]]) -> tuple[int, int] | None:
        """"the Jableh bombing", "Maiduguri Attack Update": a proper name compounded onto the event
        noun names where it happened when the gazetteer knows the whole name as a town or a
        province, by its name or an alternate name as written (no skeleton), and it is no party
        of the event: no country or people ("Israeli strike"), and, where the parser made it
        the actor, no name the actor dictionary gives a type ("Boko Haram attack", "Hamas
        bombing"; a town known there stands for its country only). The NER often tags such a
        town in a headline as a person, a group or a people, so the tag is not asked."""
        for a in c.anchors:
            if a.pos_ not in ("NOUN", "PROPN"):
                continue
            for ch in a.children:
                if ch.dep_ not in ("compound", "nmod") or ch.pos_ != "PROPN" or ch.i > a.i:
                    continue
                toks = [t for t in doc[ch.left_edge.i: ch.i + 1]]
                while toks and not (toks[0].pos_ == "PROPN" and toks[0].text[:1].isupper()
                                    and toks[0].lower_ not in ("the", "a", "an")):
                    toks.pop(0)  # "the", "a new": only the name
                if not toks or any(t.pos_ not in ("PROPN", "PUNCT") for t in toks) or any(
                        _names_country_token(t) for t in toks):
                    continue
                p0, p1 = toks[0].idx, ch.idx + len(ch.text)
                name = doc_text(doc)[p0:p1]
                if any(p0 < b1 and b0 < p1 for b0, b1 in arg_spans):
                    known = self.actors.resolve(name, context_country=st.context_country, date=st.pub_date)
                    if known is not None and known.type is not None:
                        continue
                found = self.gazetteer.best(name, fuzzy=False)
                if found is not None and found.entry.kind in ("city", "admin1"):
                    return p0, p1
        return None

    def _name_head_before(self, doc: Doc, p0: int, p1: int, context: dict[str, float]) -> int:
        """The start of a place's name whose first word the NER left out ("Tal" of "Tal Abyad",
        "Wadi" of "Wadi Barada"): the capitalised word before the mention joins it when the
        gazetteer knows the two as one town, division or site (a name of its own, not a phrase
        it would parse: "Kurdish Afrin" stays "Afrin")."""
        toks = tokens_between(doc, p0, p1)
        if not toks or toks[0].i == 0:
            return p0
        prev = doc[toks[0].i - 1]
        if (not prev.text[:1].isupper() or not prev.is_alpha or lookup_country(prev.text) is not None
                or prev.lower_ in ("the", "a", "an")):
            return p0  # ("The Kandahar attack": a sentence's first article is no part of the name)
        cand = self.gazetteer.best(doc_text(doc)[prev.idx:p1], context=context, fuzzy=False)
        if cand is None or cand.entry.kind == "country":
            return p0
        return prev.idx

    def _story_places(self, st: _ArticleState, events: list[Event]) -> list[Event]:
        """Events whose clauses name no place get the place of another event of their type in the
        same sentence (rule ``place:same-sentence``), else, for an attack or protest told as current,
        the story's one town (resolve/places.py ``story_place``, rule ``place:story-town``, which
        also places such an event its sentence put only in the country), else, for an event told on
        the ground, the town the story last named (``_carried_town``, rule ``place:carried``), else the story's one
        leading country (named as a place), with no point and no span (rule ``place:story-country``); after merging, so a
        mention without a place still merges with one that has it, and after calibration, whose
        ``has_place`` feature means a place the sentence names. First, an event its sentence put in a
        province takes the story's one town inside it (``_region_town``)."""
        placed = [ev.location for ev in events if ev.location is not None]
        events = [self._region_town(ev, placed) for ev in events]
        if all(ev.location is not None and ev.location.country is not None and not _country_wide(ev.location)
               for ev in events):
            return [self._placed_institutions(ev) for ev in events]
        iso = leading_country(self._story_context(st))
        if iso is not None and iso not in self._story_vouched(st):
            iso = None  # (read only off a person's name: "Ken Livingstone" is no sign of Zambia)
        country = Place(text="", name=country_name(iso), country=iso) if iso is not None else None
        town = story_place([ev.location for ev in events if ev.location is not None], iso)
        out = []
        for ev in events:
            loc = ev.location
            if (loc is not None and town is not None and _country_wide(loc) and loc.country == town.country
                    and ev.event in defaults.PLACE_STORY_TOWN_EVENTS and ev.modality == "asserted"):
                # "two dead in double blast in northeast Nigeria" under a story told from Damaturu
                ev = _replace(ev, location=dataclasses.replace(town, text=loc.text, start=loc.start, end=loc.end),
                              rule=(ev.rule or "") + ";place:story-town")
            elif loc is not None and loc.country is None and (lone := self._geoparsed_town(ev)) is not None:
                # a name no gazetteer knows ("Hnan Khar") in a headline that names one known town:
                # that town, near it unless it is the very mention
                if not (lone.start is not None and loc.start is not None and lone.start < (loc.end or loc.start)
                        and loc.start < (lone.end or lone.start)):
                    lone = dataclasses.replace(lone, text=loc.text, start=loc.start, end=loc.end,
                                               geo_precision=2 if lone.geo_precision == 1 else lone.geo_precision)
                ev = _replace(ev, location=lone, rule=(ev.rule or "") + ";place:geoparse")
            elif ev.location is None:
                # another event of its type in the same sentence that names its place ("militants
                # attack Baghdad court, kill prisoners"); not another type's ("talks in Geneva as
                # shelling goes on": Geneva is where they talk)
                t = ev.evidence.trigger.start
                same = [o for o in events if o.location is not None and o.location.lat is not None
                        and o.evidence.start == ev.evidence.start and o.event == ev.event]
                if same:
                    near = min(same, key=lambda o: abs(o.evidence.trigger.start - t))
                    ev = _replace(ev, location=near.location, rule=(ev.rule or "") + ";place:same-sentence")
                elif (lone := self._geoparsed_town(ev)) is not None:
                    ev = _replace(ev, location=lone, rule=(ev.rule or "") + ";place:geoparse")
                elif town is not None and ev.event in defaults.PLACE_STORY_TOWN_EVENTS and ev.modality == "asserted":
                    ev = _replace(ev, location=town, rule=(ev.rule or "") + ";place:story-town")
                elif (town is not None and ev.event == "THREATEN" and ev.cameo in defaults.PLACE_WARNED_TOWN_CAMEOS
                      and "warning" in (ev.rule or "").split(";")):
                    ev = _replace(ev, location=town, rule=(ev.rule or "") + ";place:warned-town")
                elif (carried := _carried_town(ev, events, iso)) is not None:
                    ev = _replace(ev, location=carried, rule=(ev.rule or "") + ";place:carried")
                elif (home := _state_at_home(ev, iso, self.gazetteer)) is not None:
                    ev = _replace(ev, location=home, rule=(ev.rule or "") + ";place:state-home")
                elif country is not None and (target := _struck_abroad(ev, iso)) is not None:
                    # the story's country is the striker's: a strike on another state's target is
                    # no sign of home ground; the target's country where the story names it a place
                    if self._story_context(st).get(target, 0.0) >= 1.0:
                        ev = _replace(ev, location=Place(text="", name=country_name(target), country=target),
                                      rule=(ev.rule or "") + ";place:target-country")
                elif country is not None and ev.event not in defaults.NO_STORY_PLACE_EVENTS:
                    ev = _replace(ev, location=country, rule=(ev.rule or "") + ";place:story-country")
            out.append(self._placed_institutions(ev))
        return out

    def _geoparsed_town(self, ev: Event) -> Place | None:
        """The one town a headline names by the geoparser's reading (resolve/geoparse.py), for an
        event on the ground told as a fact whose clauses name no place and whose sentence's parse
        found none ("GAMBOROU: NEARLY 400 PEOPLE KILLED", "Mainok Attack - Nigerian Soldiers Battle
        Boko Haram"): a headline's town is its event's. Only in a headline-cased sentence (its
        capitals mislead the NER; in running text the parse has spoken and a capitalised word the
        geoparser would take, "the YPG Media Center", is no town) of at most
        ``defaults.LONE_PLACE_MAX_TOKENS`` words, and only where every town it names
        lies within ``defaults.PLACE_STORY_TOWN_KM`` of the first, all in one country (a country
        named beside them being that one); else None. The place keeps its mention's offsets."""
        if ev.modality not in defaults.PLACE_GEOPARSE_MODALITIES or (
                ev.event not in defaults.PLACE_CARRY_EVENTS
                and ev.acled_event_type not in defaults.PLACE_GEOPARSE_ACLED_TYPES):
            return None
        sentence = ev.evidence.sentence
        if len(sentence.split()) > defaults.LONE_PLACE_MAX_TOKENS or not headline_cased(sentence):
            return None
        found = geoparse(sentence, gazetteer=self.gazetteer)
        town = story_place(found, None)
        if town is None:
            return None
        first = next(p for p in found if p.lat is not None and p.geo_precision in (1, 2))
        return dataclasses.replace(first, start=(first.start or 0) + ev.evidence.start,
                                   end=(first.end or 0) + ev.evidence.start)

    @staticmethod
    def _region_town(ev: Event, placed: list[Place]) -> Event:
        """An event its sentence put in a province, in a story whose one town inside that province
        is known (resolve/places.py ``region_town``): that town, near it (rule ``place:region-town``)."""
        loc = ev.location
        if loc is None or loc.geo_precision != 3 or loc.lat is None:
            return ev
        town = region_town(loc, placed)
        if town is None:
            return ev
        return _replace(ev, location=town, rule=(ev.rule or "") + ";place:region-town")

    def _senders(self, sentence: str, destination: str | None) -> str | None:
        """The one country other than ``destination`` whose people a sentence on forces sent
        somewhere names ("Turkish media", "Turkish forces"): forces moved into a country are
        most often foreign to it, and the sentence's own nationality words say whose they are.
        None where it names no such people, or several."""
        everyone = story_context(sentence, self.gazetteer)
        places = story_context(sentence, self.gazetteer, demonyms=False)
        people = {iso for iso, w in everyone.items() if w > places.get(iso, 0.0) and iso != destination}
        return people.pop() if len(people) == 1 else None

    def _placed_institutions(self, ev: Event) -> Event:
        """A bare state institution of no country ("anti-government demonstrations", "they" taking
        up an earlier "police") in an event placed in a country is that country's institution, as
        a generic actor resolved with the event's place is (``_resolve_actors``); the story's
        country counts where the sentence names no place. User dictionaries are left as given."""
        iso = ev.location.country if ev.location is not None else None
        if not iso or self.user_actors:
            return ev

        def placed(parties: tuple[Actor, ...]) -> tuple[Actor, ...]:
            out = []
            for a in parties:
                if a.country is None and a.type in _STATE_TYPES and a.code is None and a.role is None:
                    own = self.actors.resolve(a.text, start=a.start, end=a.end, context_country=iso)
                    a = own if own is not None and own.country == iso and own.type == a.type else a
                out.append(a)
            return tuple(out)

        actor, recipient = placed(ev.actor), placed(ev.recipient)
        if actor == ev.actor and recipient == ev.recipient:
            return ev
        return _replace(ev, actor=actor, recipient=recipient)

    def _own_countries(self, doc: Doc, trigger: Token) -> dict[str, float]:
        """The countries the event's sentence names as places (its story_context), read from the
        reported clause that holds the trigger when that clause names a country itself: "the U.S.
        said [China deployed missiles on X]" is China's sentence, not the speaker's; "Algeria says
        [Islamists stormed a refinery at X]" names none, and the speaker's country stands."""
        clause = _reported_clause(doc, trigger)
        if clause is not None:
            said = story_context(clause, self.gazetteer, demonyms=False)
            if said:
                return said
        return story_context(doc_text(doc), self.gazetteer, demonyms=False)

    def _place_context(self, st: _ArticleState, own: dict[str, float]) -> dict[str, float]:
        """Countries the story and this sentence name (``own``: see ``_own_countries``), as evidence
        for resolving a place name."""
        story = self._story_context(st)
        context = dict(story)
        for iso, w in own.items():
            context[iso] = context.get(iso, 0.0) + defaults.PLACE_CTX_SENTENCE * w
        # demonyms count once, capped: the sentence's "Turkish forces" make no home of Turkey
        for iso, w in st.story_people.items():
            context[iso] = context.get(iso, 0.0) + w
        # an insurgency fights at home: a rebel group the dictionary gives one country ("SDF",
        # "Boko Haram", "Arakan Army"), named so far, vouches for that country once, as the
        # country its place names share would (a story naming no country keeps a loose spelling
        # of a village in it: "al-Tabaqa" under "SDF" is Syria's Tabqa); a group told by its
        # people and a common noun ("Chechen fighters", "Syrian rebels") is no such sign: a
        # people's fighters are often foreign to the war, and a demonym counts above
        for iso in {a.country for a in st.actors_seen
                    if a.country and a.type in defaults.PLACE_CTX_ARMED_GROUP_TYPES
                    and _proper_name(a.text)}:
            context[iso] = context.get(iso, 0.0) + defaults.PLACE_CTX_ARMED_GROUP
        return context

    def _story_country(self, st: _ArticleState) -> str | None:
        """The country the article is about, which an unnamed agent told with no place of its own
        belongs to ("security forces killed ..." in a story from Egypt): the country its words
        name most, read from the whole text (places, datelines and, capped, demonyms) and grown
        by each event's place, rather than from the events' places alone, where the first
        country resolved (islands "gifted to Saudi Arabia") would stand for the whole story."""
        if not defaults.ACTOR_STORY_COUNTRY:
            return st.context_country
        weights = dict(self._story_context(st))
        for iso, w in st.story_people.items():
            weights[iso] = weights.get(iso, 0.0) + w
        best = max(weights.items(), key=lambda kv: kv[1], default=None)
        if best is None or best[1] < defaults.ACTOR_STORY_COUNTRY_MIN:
            return st.context_country  # (a country the place names only share is too weak a sign)
        if best[0] not in self._story_vouched(st):
            return st.context_country  # (nor one read only off a person's name: "Paul King")
        return best[0]

    def _story_vouched(self, st: _ArticleState) -> frozenset[str]:
        """The countries the story names by more than one word of a longer name (resolve/places.py
        ``story_vouched``), and those of the places resolved so far: the only ones the story
        country may be."""
        if st.vouched is None:
            art = st.article
            st.vouched = story_vouched(f"{art.title or ''}\n{art.text}", self.gazetteer)
        return st.vouched | st.resolved_countries

    def _story_context(self, st: _ArticleState) -> dict[str, float]:
        """The story's named countries (grown by each place resolved); its demonyms apart."""
        if st.place_context is None:
            art = st.article
            text = f"{art.title or ''}\n{art.text}"
            st.place_context = story_context(text, self.gazetteer, demonyms=False)
            full = story_context(text, self.gazetteer)
            st.story_people = {iso: w - st.place_context.get(iso, 0.0) for iso, w in full.items()
                               if w > st.place_context.get(iso, 0.0)}
        return st.place_context

    def _when(self, st: _ArticleState, c: Candidate, doc: Doc, s: int) -> tuple[str | None, str | None]:
        remembered, years = anniversary_of(c.trigger)
        if remembered:
            # what an anniversary is of lies whole years back: "the first anniversary of the
            # shooting" in a report of Aug. 11, 2015 is of August 2014 (the month: the day may be
            # a day or two off); with no count of years it is only known to be earlier
            c.rules.append("date:anniversary")
            if years and st.pub_date:
                pub = _date.fromisoformat(st.pub_date)
                if defaults.MIN_YEAR <= pub.year - years:
                    return _date(pub.year - years, pub.month, 1).isoformat(), "month"
            # (a time in the sentence dates the marking: "This weekend, marches mark the
            # anniversary of the shooting" is not the shooting's weekend)
            return None, None
        # a protest its callers plan ("called for a general strike on Thursday") is of the day the
        # protest is planned for, which dates the protest's word, not the call
        planned = next((a.trigger for a in c.absorbed if a.event == c.event), None) if (
            "called-protest" in c.rules) else None
        span = pick_event_time(doc[:], planned if planned is not None else c.trigger)
        # a photo caption tells what its picture shows on the day it closes with: its own
        # happening is of that day, and "10 days ago" in it counts from that day, not the report's
        # (the coder marked a caption's candidates while coding: no second look at the others)
        shown, ref = (_caption_day(c.trigger) if "caption" in c.rules else None), st.pub_date
        if shown is not None:
            ref = shown[0]
        # whether the expression dates the trigger's own clause (asked of nouns and simple pasts)
        own_clause = span is None or not (c.trigger.pos_ == "NOUN" or simple_past(c.trigger)) or dates_own_clause(
            doc[:], span, c.trigger)
        if not own_clause:
            told = _after_phrase_date(doc, c.trigger, ref)
            if told is not None:
                # "more tense than Monday's march, with scores of arrests following April protests":
                # the arrests' own "following" phrase dates them, not a time told of another clause
                c.rules.append("date:after-reference")
                return told
        if span is not None:
            expr = doc_text(doc)[span[0]:span[1]]
            if shown is None and expr.lower().endswith(" ago") and (closing := _closing_caption_day(doc)) is not None:
                # "Aya, wounded in an airstrike 10 days ago, lies on her bed ..., Feb. 9, 2016": a
                # caption run into the text counts back from the day its picture was taken
                # (caption_of may not find the caption's verb in a run-on parse; its date is there)
                ref = closing
                c.rules.append("date:caption-ago")
            before = doc_text(doc)[max(0, span[0] - 12):span[0]].lower().split()
            if "since" in before[-2:] and st.pub_date:
                # "since January 2020, X has pressed ...": an ongoing state, dated by the report,
                # unless the expression dates the trigger itself ("since the January 2020 assassination")
                heads = {t.head.i for t in tokens_between(doc, span[0], span[1])}
                if c.trigger.i not in heads:
                    return st.pub_date, "publication"
            # "the day before", "two days later": counted from the story's day given last
            story_day = st.dated[1] if st.dated is not None and st.dated[2] == "day" else None
            resolved = resolve_expression(expr, ref, prefer=expression_tense(doc, span[0], span[1]),
                                          anchor=story_day)
            gap = measured_gap_days(c.trigger, span) if resolved is not None and resolved[1] == "day" else None
            if resolved is not None and gap is not None:
                # "two days after a gunman killed five officers": the killing's day, not the clause's
                c.rules.append("date:gap")
                return (_date.fromisoformat(resolved[0]) + timedelta(days=gap)).isoformat(), "day"
            if resolved is not None and resolved[1] == "day" and (
                    night := night_before_gap(c.trigger, span)) is not None:
                # "remained under curfew Tuesday after a second night of rioting": the rioting was
                # the night before Tuesday
                c.rules.append("date:night-before")
                return (_date.fromisoformat(resolved[0]) + timedelta(days=night)).isoformat(), "day"
            if resolved is None and ref and unplaced_distant_time(doc[:], span, c.trigger):
                # "Many months ago, the regime forces withdrew": a time months or years away that
                # names no date; neither the report's day nor the sentence before's is the event's
                # (without a report's date no relative time resolves, which says nothing of it)
                c.rules.append("date:unplaced")
                return None, None
            if (resolved is not None and resolved[1] in ("day", "week") and st.pub_date and ref == st.pub_date
                    and resolved[0] <= st.pub_date <= date_range(*resolved)[1] and _progressive_now(c.trigger)):
                # "This weekend, Ferguson is holding marches" in a report of the Saturday: going
                # on as the report is written, so of the report's day
                c.rules.append("date:ongoing")
                return st.pub_date, "day"
            if resolved is not None:
                if not own_clause and c.trigger.pos_ == "NOUN" and not (
                        c.trigger.left_edge.idx <= span[0] and span[1] <= c.trigger.right_edge.idx
                        + len(c.trigger.right_edge.text)):
                    # "the attack on the base had all the hallmarks ... unrest in July": a time
                    # another clause of the sentence tells (not one in the noun's own phrase: "the
                    # attack on the base on Sunday"); the noun keeps it for want of its own, but it
                    # says nothing of which happening the noun names (coding.corefer)
                    c.rules.append("date:other-clause")
                part = named_part(expr)
                if part is not None and resolved[1] in ("month", "year"):
                    c.rules.append(f"date:part-{part}")  # "in early June": how late in June it can be
                return resolved
        if shown is not None and shown[1]:
            c.rules.append("date:caption")
            return shown[0], "day"
        if shown is not None and span is None:
            # "a van is pictured near a police bus which was targeted in a bomb attack in Istanbul,
            # June 7, 2016": a happening the picture shows the mark of is of no later day than the
            # picture; the report's day, later still, is no nearer
            c.rules.append("date:caption-told")
            return shown[0], "day"
        if span is None and simple_past(c.trigger):
            told = _after_phrase_date(doc, c.trigger, ref)
            if told is not None:
                # "seized the base after a lengthy siege in August 2013": of that month (or after)
                c.rules.append("date:after-reference")
                return told
        if span is None:
            told_day = _closely_after_day(st, c.trigger)
            if told_day is not None:
                # "Soldiers forced protesters from their camps in the hours after the coup": of the
                # day of the coup the story dated ("led the coup Thursday"), not the report's
                c.rules.append("date:after-told")
                return told_day, "day"
        if (st.dated is not None and (simple_past(c.trigger) or past_progressive(c.trigger))
                and not st.article.text[st.dated[0]:s].strip() and not _tells_other_time(doc, st.dated, ref)):
            # narrative goes on in the simple past (or the past progressive of its background: "The
            # protesters were demanding ...") from the sentence just before, in that sentence's time
            # ("Protests broke out on April 15. Thousands took to the streets"), unless the sentence
            # tells another time of its own
            c.rules.append("date:narrative")
            gap = measured_gap_days(c.trigger, None) if st.dated[2] == "day" else None
            if gap is not None:
                # "Protesters clashed with police on Monday. The unrest came a day after soldiers
                # shot two students": measured from the narrative's day, the shooting is Sunday's
                c.rules.append("date:gap")
                return (_date.fromisoformat(st.dated[1]) + timedelta(days=gap)).isoformat(), "day"
            return st.dated[1], st.dated[2]
        if st.news_night is not None and ref == st.pub_date and simple_past(c.trigger):
            # a report of the day after a night of unrest tells that night's news: a happening it
            # tells in the simple past with no time of its own is of the night, not the report's
            # day ("The beefed-up police presence came one night after officers shot a suspect")
            c.rules.append("date:news-night")
            gap = measured_gap_days(c.trigger, None)
            if gap is not None:
                c.rules.append("date:gap")
                return (_date.fromisoformat(st.news_night) + timedelta(days=gap)).isoformat(), "day"
            return st.news_night, "day"
        if st.pub_date:
            return st.pub_date, "publication"
        return None, None

    def _carry_narrative(self, st: _ArticleState, doc: Doc, s: int, e: int) -> None:
        """A sentence that goes on telling the story in the simple past with no time of its own
        ("Protests broke out on April 15. At one of them, demonstrators were granted safe passage.
        There were some skirmishes ...") keeps the narrative's time for the sentence after it,
        whether or not it made a record; a sentence in another tense, or one telling another
        time, ends it (and one that dated its own events has set a time of its own)."""
        dated = st.dated
        if dated is None or dated[0] >= e or st.article.text[dated[0]:s].strip():
            return
        roots = [t for t in doc if t.dep_ == "ROOT"]
        if not roots or not simple_past(roots[0]) or _tells_other_time(doc, dated, st.pub_date):
            return
        st.dated = (e, dated[1], dated[2])

    def _night_before(self, st: _ArticleState, doc: Doc, e: int) -> None:
        """A sentence telling the day's state after a night of happenings ("Ferguson remained under
        a state of emergency Tuesday after a second night of violence") sets the story's clock to
        that night: the simple past that follows ("Police said they arrested about two dozen
        protesters") tells the night's happenings, of the day before the one the sentence names."""
        if "night" not in doc_text(doc).lower():
            return
        span = night_before_state(doc[:])
        if span is None:
            return
        expr = doc_text(doc)[span[0]:span[1]]
        told = resolve_expression(expr, st.pub_date, prefer=expression_tense(doc, span[0], span[1]))
        if told is not None and told[1] == "day":
            night = (_date.fromisoformat(told[0]) - timedelta(days=1)).isoformat()
            st.dated = (e, night, "day")
            if st.news_night is None and told[0] == st.pub_date:
                # (a report of the day after the night: its news is the night's)
                st.news_night = night

    def _crowd_size(self, c: Candidate, doc: Doc) -> int | None:
        from sitrep.resolve.numbers import parse_count
        for head in c.actors or [c.trigger]:
            toks = [head] + [ch for ch in head.children if ch.dep_ in ("nummod", "amod", "quantmod")]
            # "thousands of fighters": the count word governs the actor noun
            if head.dep_ == "pobj" and head.head.lower_ == "of":
                toks.append(head.head.head)
            for t in toks:
                value, _ = parse_count(t.text)
                if value is not None and value > 1:
                    return value
        return None

    def _confidence(self, c: Candidate, actors: list[Actor], recipients: list[Actor], modality: str) -> float:
        conf = c.confidence
        conf += 0.12 if actors else -0.08
        conf += 0.06 if recipients else 0.0
        if c.mode:
            conf += 0.04
        if len(c.anchors) > 1:
            conf += 0.05
        if modality != "asserted":
            conf -= 0.05
        return round(max(0.05, min(0.97, conf)), 3)

    def _protest_outcome(self, st: _ArticleState) -> None:
        """A protest's violence or the police response is often told in a later sentence: a cue
        re-codes the ACLED sub-event of the protest it is told of, the one whose evidence holds it
        or the last one told before it within ``defaults.PROTEST_CUE_CHARS`` (a round-up of
        protests in several cities keeps each city's own outcome)."""
        protests = [i for i, ev in enumerate(st.events) if ev.event == "PROTEST" and ev.modality == "asserted"]
        if not protests:
            return
        text = st.article.text
        found: dict[int, str] = {}  # protest index -> strongest cue told of it

        def told_of(pos: int) -> int | None:
            before = [i for i in protests if st.events[i].evidence.start <= pos]
            if not before:
                return None
            i = max(before, key=lambda k: st.events[k].evidence.start)
            ev = st.events[i].evidence
            return i if pos < ev.end or pos - ev.end <= defaults.PROTEST_CUE_CHARS else None

        for cue in protest_cues():  # strongest first
            for m in cue.pattern.finditer(text):
                if cue.with_any is not None:
                    s0 = text.rfind(".", 0, m.start()) + 1
                    s1 = text.find(".", m.end())
                    if not cue.with_any.search(text[s0: s1 if s1 > 0 else len(text)]):
                        continue
                i = told_of(m.start())
                if i is not None:
                    found.setdefault(i, cue.tag)
        for ev in st.events:
            if ev.event == "ASSAULT" and ev.modality == "asserted" \
                    and ev.acled_sub_event_type == "Excessive force against protesters":
                # the article itself coded force used on the protesters ("riot police officers beat a protester")
                i = told_of(ev.evidence.trigger.start)
                if i is not None and found.get(i) != "excessive-force":
                    found[i] = "excessive-force"
        for i, tag in found.items():
            ev = st.events[i]
            tags, at, rt = st.coding_inputs.get(ev.event_id, (set(), [], []))
            if "labor-strike" in tags and tag == "intervention":
                continue
            acled = acled_types(ev.event, tags | {tag}, at, rt, ev.mode)
            if acled != (ev.acled_event_type, ev.acled_sub_event_type):
                st.events[i] = _replace(ev, acled_event_type=acled[0], acled_sub_event_type=acled[1],
                                        rule=(ev.rule or "") + f";protest-outcome:{tag}")

    def _attach_zero_statements(self, st: _ArticleState) -> None:
        """A sentence of its own right after an attack saying it harmed no one ("... fired mortars
        at a base. No casualties were reported."): the attack's toll is ACLED's 0. Read once per
        sentence holding an asserted attack with no toll of its own, at the next sentence's start
        (the statement holds no trigger, so it was never parsed)."""
        text = st.article.text
        seen: dict[int, frozenset[str]] = {}
        for i, ev in enumerate(st.events):
            if ev.event != "ASSAULT" or ev.modality not in ("asserted", "historical") or ev.acled_event_type is None:
                continue
            end = ev.evidence.end
            if end not in seen:
                seen[end] = zero_statement(text, end)
            kinds = seen[end]
            if not kinds:
                continue
            if "killed" in kinds and ev.fatalities is None:
                ev = _replace(ev, fatalities=0, rule=(ev.rule or "") + ";fatalities:none-next-sentence")
            if "injured" in kinds and ev.injured is None:
                ev = _replace(ev, injured=0, rule=(ev.rule or "") + ";injured:none-next-sentence")
            st.events[i] = ev

    def _attach_pending_casualties(self, st: _ArticleState) -> None:
        for kind, value, victim, _victim_country, told in st.pending_casualties:
            for i in range(len(st.events) - 1, -1, -1):
                ev = st.events[i]
                if ev.event != "ASSAULT" or ev.modality != "asserted" or ev.evidence.start >= told.start:
                    continue  # a toll follows the attack it counts
                if victim is None:
                    continue  # an anonymous "no casualties" cannot be placed safely
                if not any(r.name == victim for r in ev.recipient):
                    continue  # the same country is not the same victims
                if kind == "killed" and ev.fatalities is None:
                    st.events[i] = _replace(ev, fatalities=value, rule=(ev.rule or "") + ";fatalities:later-sentence")
                    break
                if kind == "injured" and ev.injured is None:
                    st.events[i] = _replace(ev, injured=value, rule=(ev.rule or "") + ";injured:later-sentence")
                    break


# --- module API -----------------------------------------------------------------

_CODERS: dict[str, Coder] = {}


def _after_phrase_date(doc: Doc, trigger: Token, ref: str | None) -> tuple[str, str] | None:
    """The month or year an "after/following X in <time>" phrase on the trigger gives it, if any."""
    after = after_reference_time(doc[:], trigger)
    told = resolve_expression(doc_text(doc)[after[0]:after[1]], ref) if after is not None else None
    return told if told is not None and told[1] in ("month", "year") else None


def _dated_by_named_day(events: list[Event], pub_date: str | None) -> list[Event]:
    """A happening the story retells as a weekday's ("a protest against Sunday's attack", "their
    opposition to Thursday's coup") is of that weekday, counted back from the day of the sentence
    that retells it (a record's stated day there, a caption's included; else the report's): what
    is retold as done lies on or before the telling. The record whose trigger is the retold word
    takes that day where its own date is only the report's or lies after the telling (a date
    borrowed from a later sentence); a record with a stated day on or before it keeps its own.
    A day so found more than ``defaults.HISTORICAL_DAYS`` before the report makes an asserted
    record background, as a stated day would have ("a protest against Sunday's attack" in a
    caption of Wednesday, in a report of the Tuesday after).
    Weekday names: ``data/timex.yaml``, read through :func:`load_calendar`."""
    if not pub_date or not events:
        return events
    cal = load_calendar()
    names = "|".join(sorted(cal.weekday_names, key=len, reverse=True))
    pattern = re.compile(rf"\b(?i:{names})['’]s\s+([a-z]+)\b")
    retold: dict[str, tuple[str, str] | None] = {}  # retold word -> (the day it names, the telling's day)
    for ev in events:
        for m in pattern.finditer(ev.evidence.sentence):
            ref = ev.date if ev.date_precision == "day" and ev.date and ev.date <= pub_date else pub_date
            wd = cal.weekdays.get(re.split("['’]", m.group(0))[0].lower())
            if wd is None:
                continue
            day = _date.fromisoformat(ref)
            told = ((day - timedelta(days=(day.weekday() - wd) % 7)).isoformat(), ref)
            had = retold.setdefault(m.group(1), told)
            if had is not None and had[0] != told[0]:
                retold[m.group(1)] = None  # two different days named for one word: neither
            elif had is not None:
                retold[m.group(1)] = (had[0], max(had[1], ref))  # (records of one sentence read it alike)
    if not any(retold.values()):
        return events
    out = []
    for ev in events:
        named = retold.get(ev.evidence.trigger.text.lower())
        if named is not None and ev.modality in ("asserted", "historical") and ev.date != named[0] and (
                ev.date_precision == "publication" or (ev.date_precision == "day" and ev.date and ev.date > named[1])):
            ev = _replace(ev, date=named[0], date_precision="day", rule=(ev.rule or "") + ";date:named-day")
            if ev.modality == "asserted" and (
                    _date.fromisoformat(pub_date) - _date.fromisoformat(named[0])).days > defaults.HISTORICAL_DAYS:
                # the day found lies more than the news's week before the report: context, as a
                # date stated in the clause would have made it ("modality:historical-date")
                ev = _replace(ev, modality="historical", rule=f"{ev.rule};modality:historical-date")
        out.append(ev)
    return out


def _closing_caption_day(doc: Doc) -> str | None:
    """The day (ISO) of a photo caption's date that closes the sentence ``doc`` (", Feb. 9,
    2016" at its end), or None."""
    text = doc_text(doc).rstrip(" .")
    m = next((m for m in _CAPTION_END.finditer(text) if m.end() == len(text)), None)
    if m is None:
        return None
    try:
        return parse_publication_date(m.group(0).split("(")[0].strip(" ,"))
    except BadDateError:
        return None


def _closely_after_day(st: _ArticleState, trigger: Token) -> str | None:
    """The day of the happening a trigger is told to follow within hours ("in the hours after
    the coup"), where that happening is a record told earlier in the story with a stated day and
    named by the same word or its verb (a definite noun retells it: "the bombing" a record of
    "bombed"); the latest such record. None otherwise."""
    noun = closely_after_noun(trigger)
    if noun is None:
        return None
    # the noun, or the verb it is made from, names the record ("the bombing" retells "bombed")
    lemma = noun.lemma_.lower()
    words = frozenset({noun.lower_, lemma} | ({lemma[:-3]} if lemma.endswith("ing") and len(lemma) > 5 else set()))
    for ev in reversed(st.events):
        if ev.date_precision == "day" and ev.date and _verb_form_of(ev.evidence.trigger.text.lower(), words):
            return ev.date
    return None


def _progressive_now(trigger: Token) -> bool:
    """Is the trigger's verb (or the verb of a noun trigger's clause) in the present progressive
    ("is holding marches", "are being detained")? It tells a thing going on at the report's time."""
    verb = telling_verb(trigger)
    if verb.tag_ not in ("VBG", "VBN"):
        return False
    auxes = [a for a in verb.children if a.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBN":  # "are being detained"
        return any(a.lower_ == "being" for a in auxes) and any(a.tag_ in ("VBZ", "VBP") for a in auxes)
    return any(a.tag_ in ("VBZ", "VBP") and a.lemma_ == "be" for a in auxes) and not any(
        a.tag_ == "MD" for a in auxes)


#: Adverbs that place a verb's act shortly before the report (``defaults.RECENTLY_DAYS``).
_RECENTLY = frozenset({"recently", "lately"})


def _tells_other_time(doc: Doc, dated: tuple[int, str, str], ref: str | None) -> bool:
    """Whether the sentence ``doc`` tells a time of its own that lies outside the period the
    sentence before it was dated to (``dated``). Such a sentence has moved the story's clock,
    even where its time dates another clause than the event's ("The army says five attackers
    were captured alive Saturday" after a sentence of Thursday): the narrative's time is not
    carried into it. A time inside that period ("When a jury in late November cleared him,
    protests erupted" after a sentence of November) keeps the narrative going."""
    text = doc_text(doc)
    lo, hi = date_range(dated[1], dated[2])
    if ref and any(t.lower_ in _RECENTLY and t.dep_ == "advmod" and t.head.pos_ in ("VERB", "AUX") for t in doc) and (
            _date.fromisoformat(ref) - _date.fromisoformat(hi)).days > defaults.RECENTLY_DAYS:
        # "In Australia last year, Marines were deployed ... The Supreme Court recently endorsed
        # an agreement": "recently" tells a time just before the report, not last year's
        return True
    for s, e, expr in find_time_expressions(text):
        told = resolve_expression(expr, ref, prefer=expression_tense(doc, s, e))
        if told is None:
            continue
        start, end = date_range(told[0], told[1])
        if end < lo or start > hi:
            return True
    return False


class _Spacing:
    """How many batches this process is coding now (threads may code at once) and the collector
    thresholds to give back when the last one ends."""

    lock = threading.Lock()
    depth = 0
    before: tuple[int, ...] = ()


@contextmanager
def _collector_spaced() -> Iterator[None]:
    """While a batch is coded, the cyclic collector's young generation is collected only every
    ``defaults.GC_THRESHOLDS[0]`` allocations (the process's own thresholds back once no batch
    is being coded). Coding allocates millions of short-lived Tokens and Spans, freed by
    reference counting (``spans.release`` breaks the Docs' own cycles); at Python's default of
    700 the collector walked them over and over for nothing."""
    if not defaults.GC_THRESHOLDS:
        yield
        return
    with _Spacing.lock:
        if _Spacing.depth == 0:
            _Spacing.before = gc.get_threshold()
            gc.set_threshold(*defaults.GC_THRESHOLDS)
        _Spacing.depth += 1
    try:
        yield
    finally:
        with _Spacing.lock:
            _Spacing.depth -= 1
            if _Spacing.depth == 0:
                gc.set_threshold(*_Spacing.before)


#: Batches coded in this process so far (counted up to 1), for ``_freeze_loaded_tables``.
_BATCHES_CODED = [0]


def _freeze_loaded_tables() -> None:
    """As the process's first batch ends, everything loaded so far (the tables the batch read
    lazily) leaves the cyclic collector's reach: ``defaults.GC_FREEZE_LOADED_TABLES``. The batch's
    garbage is collected first (a frozen object is never collected by the cyclic collector;
    reference counting still frees it). At the first batch's end rather than the second's start,
    so a process that codes once and then forks workers (``code_many(n_process=...)``) hands them
    its tables frozen and no worker walks them again."""
    if _BATCHES_CODED[0] == 0 and defaults.GC_FREEZE_LOADED_TABLES:
        gc.collect()
        gc.freeze()
    _BATCHES_CODED[0] = 1


def get_coder(scope: str = "all") -> Coder:
    """The process-wide coder for a scope (loaded once)."""
    if scope not in _CODERS:
        _CODERS[scope] = Coder(scope=scope)
    return _CODERS[scope]


def code_article(article: Article, *, actors: ActorResolver | None = None) -> list[Event]:
    """Code one :class:`Article`. Raises an :class:`~sitrep.errors.InputError` for bad input."""
    coder = Coder(actors) if actors is not None else get_coder()
    return coder.code_article(article)


def code(text: str, *, date: str | None = None, title: str | None = None, source: str | None = None,
         article_id: str | None = None, actors: ActorResolver | None = None) -> list[Event]:
    """Code one report given as text. ``date`` is the publication date (ISO)."""
    return code_article(Article(text=text, id=article_id or "", title=title, date=date, source=source), actors=actors)


def code_many(articles: Iterable[ArticleLike], n_process: int = 1,
              batch_size: int = defaults.WORKER_CHUNK_SIZE, scope: str = "all",
              coder: Coder | None = None) -> Iterator[tuple[Article, list[Event] | CodingFailure]]:
    """Code a stream of articles; yields (article, events or failure) in input order.

    Bad items come back as :class:`CodingFailure`; the batch goes on.
    With ``n_process > 1`` chunks of ``batch_size`` articles are coded in
    worker processes that return plain records. ``scope`` picks the event
    types coded (``defaults.SCOPES``: "all" or "conflict").
    """
    if coder is not None or n_process <= 1:  # a given coder (own dictionaries) codes in this process
        coder = coder or get_coder(scope)
        for chunk in _chunks(articles, batch_size):
            yield from zip(chunk, coder.code_articles(chunk), strict=True)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    chunks = _guided_chunks(_chunks(articles, 1), batch_size, n_process)
    with ctx.Pool(n_process, initializer=_worker_init, initargs=(scope,)) as pool:
        for chunk, results in pool.imap(_worker_code, ((scope, c) for c in chunks)):
            yield from zip(chunk, results, strict=True)


def _worker_init(scope: str) -> None:
    get_coder(scope)


def _worker_code(job: tuple[str, list[Article]]) -> tuple[list[Article], list[list[Event] | CodingFailure]]:
    scope, chunk = job
    return chunk, get_coder(scope).code_articles(chunk)


def _chunks(articles: Iterable[ArticleLike], size: int) -> Iterator[list[Article]]:
    buf: list[Article] = []
    for i, a in enumerate(articles):
        if isinstance(a, Article):
            art = a
        else:
            try:
                art = Article.from_dict(a)
            except (KeyError, TypeError, AttributeError):
                art = Article(text="", id=str(a.get("id", f"item-{i}")) if isinstance(a, dict) else f"item-{i}")
        buf.append(art)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def _guided_chunks(singles: Iterator[list[Article]], size: int, n_process: int) -> Iterator[list[Article]]:
    """Chunks of ``size`` articles while the stream lasts, then ever smaller ones (guided
    self-scheduling): once the input is known to end, each chunk takes a share of what is
    left (``defaults.WORKER_TAIL_SHARE`` per worker), so the workers finish together instead
    of one coding a last full chunk while the others wait."""
    size = max(1, size)
    look = max(size, size * n_process * defaults.WORKER_LOOKAHEAD_CHUNKS)
    buf: list[Article] = []
    for one in singles:
        buf.extend(one)
        if len(buf) >= look + size:
            yield buf[:size]
            del buf[:size]
    while buf:
        share = -(-len(buf) // (n_process * defaults.WORKER_TAIL_SHARE))
        k = max(defaults.WORKER_MIN_CHUNK, min(size, share))
        yield buf[:k]
        del buf[:k]


def _check(article: Article) -> str | None:
    """Validate one article; returns its ISO publication date (or None)."""
    text = article.text
    if not isinstance(text, str) or not text.strip():
        raise EmptyInputError("no text to code", item=article.id)
    if len(text.encode("utf-8", "surrogatepass")) > defaults.MAX_ARTICLE_BYTES:
        raise OversizeError(f"text == larger than {defaults.MAX_ARTICLE_BYTES} bytes; split it into articles", item=article.id)
    if article.date:
        return parse_publication_date(article.date, item=article.id)
    return None


#: Verbs whose infinitive says the act was tried, not done ("tried to kill", "failed to kill").
_ATTEMPT_VERBS = frozenset("try attempt fail seek plot".split())


#: The people at large as an addressee ("urged Egyptians to protect the state", "asked Americans
#: to share their ideas"): an appeal to them is a call to the public, not one party pressing another.
_PUBLIC_TYPES = frozenset({"civilians"})


#: Attack modes that strike a place from afar or indiscriminately (weapons.yaml's modes): the
#: people of a town so struck are its victims, where a ground assault on a town fights whoever holds it.
_INDISCRIMINATE_MODES = frozenset({"aerial", "drone", "heavy-weapons", "explosives", "chemical"})


def _owners_of(n: Token) -> list[Token]:
    """Whose a noun says the thing is: its possessor or its "of" phrase, where that names a party
    ("the governor's decision", "the resignation of President X"), not a pronoun or a thing."""
    out = [x for x in n.children if x.dep_ == "poss" and not is_pronoun(x)]
    out += [g for p in n.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    return [x for x in out if x.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or person_word(x.lemma_.lower())]


def _is_town_of(h: Token, s: int, place: Place | None) -> bool:
    """Does the phrase of ``h`` name ``place``, the event's place resolved at town level?"""
    if place is None or place.start is None or place.end is None or place.geo_precision != 1:
        return False
    a0, a1 = phrase_span(h)
    return s + a0 < place.end and place.start < s + a1


def _comma_apposed_person(h: Token) -> TokenSpan | None:
    """A person's name set off by commas right after a description ("an Italian doctoral student,
    Giulio Regini, who disappeared ..."), which the parser hung elsewhere (the subject of the main
    verb) rather than as an apposition: the name, a PERSON entity of two or more words closed by a
    comma, a relative pronoun or the end of the sentence."""
    doc = h.doc
    if h.i + 2 >= len(doc) or doc[h.i + 1].text != "," or any(ch.dep_ == "appos" for ch in h.children):
        return None
    ent = next((e for e in doc.ents if e.start == h.i + 2), None)
    if ent is None or ent.label_ != "PERSON" or len(ent) < 2:
        return None
    after = doc[ent.end] if ent.end < len(doc) else None
    return ent if after is None or after.text == "," or after.lower_ in ("who", "whose") else None


#: Kinds of party that fight as a crowd: two of them clashing both act (a communal clash, a riot).
_CROWD_SIDE_TYPES = frozenset({"civilians", "protesters", "rioters", "political party"})


#: A crowd's stance before the party it opposes: "Anti-Syrian regime", "anti - government".
_ANTI = re.compile(r"anti[ \t]*[-\u2010\u2011][ \t]*", re.IGNORECASE)
#: The step a record of a clash both sides wage takes (``_mutual_sides``), with how many of its
#: actors the text told as acting: "sides:mutual-clash:1".
_MUTUAL_RULE = "sides:mutual-clash"


def _mutual(ev: Event) -> bool:
    return any(r.startswith(_MUTUAL_RULE) for r in ev.rules)


#: Prepositions that tell a clause as a time before or after the sentence's own ("after saying ...").
_SEQUENCE_PHRASE_PREPS = frozenset({"after", "before", "since", "following"})


def _flashback(trigger: Token) -> bool:
    """Is the trigger a verb in the past perfect told as before the story's time: outside a
    reporting verb (past_perfect), or inside a phrase of sequence ("after saying in late January
    they had liberated the east")? The backshift of reported speech is not ("police said
    militants had attacked the base on Sunday": Sunday is the story's time)."""
    if trigger.pos_ not in ("VERB", "AUX") or not any(
            ch.dep_ == "aux" and ch.lower_ in ("had", "'d") for ch in trigger.children):
        return False
    up, steps = trigger, 0
    while up.head.i != up.i and steps < 6:
        up, steps = up.head, steps + 1
        if up.dep_ == "prep" and up.lower_ in _SEQUENCE_PHRASE_PREPS:
            return True
    return past_perfect(trigger)


def _told_sides(ev: Event) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """A record's sides as its text tells them: a clash both sides wage has both as actors, and
    the story's other records still read its first side as acting on the second."""
    n = next((r.rpartition(":")[2] for r in ev.rules if r.startswith(_MUTUAL_RULE + ":")), "")
    if not n.isdigit():
        return ev.actor, ev.recipient
    return ev.actor[:int(n)], ev.actor[int(n):] + ev.recipient


def _mutual_sides(c: Candidate, actors: Sequence[Actor], recipients: Sequence[Actor]) -> str | None:
    """"armed" where a clash told as a fight both sides wage (``_mutual_fight``) is between armed
    forces on both sides, "crowds" where it is between crowds on both sides, else None (one side
    acts on the other: police and protesters, gunmen and a village; or the sides are not told
    apart: one name on both). A clash noun is told from the clause it sits in ("forces retook the
    village after fierce fighting with guerrillas": the guerrillas are fought), unless crowds fight
    crowds ("settlers threw stones during clashes with Palestinians": communal violence has no side
    acted on)."""
    if (c.event != "ASSAULT" or "clash" not in c.tags or c.match.frame != "joint" or not actors or not recipients
            or not _mutual_fight(c.trigger) or any(r.name == a.name for r in recipients for a in actors)):
        return None
    clause = c.trigger.pos_ in ("VERB", "AUX")
    for kind, types in (("armed", _ARMED_TYPES), ("crowds", _CROWD_SIDE_TYPES)):
        if (clause or kind == "crowds") and all(a.type in types for a in (*actors, *recipients)):
            return kind
    return None


def _mutual_fight(trigger: Token) -> bool:
    """Is a clash word told as a fight both sides wage ("X has been fighting Y", "X and Y clashed",
    "clashes with Y")? Not one side's aim ("to battle the militant group", "fought for weeks to
    oust the fighters"), nor its fight "against" the other ("battling against an offensive")."""
    for ch in trigger.children:
        if ch.dep_ == "prep" and ch.lower_ == "against":
            return False
        if ch.dep_ == "aux" and ch.lower_ == "to":
            return False
        if ch.dep_ in ("xcomp", "advcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in ch.children):
            return False
    return True


#: The actor type of news outlets and reporters (data/actors.yaml).
_MEDIA_TYPE = "media"


def _no_interaction(c: Candidate, actors: list[Actor], recipients: list[Actor]) -> bool:
    """Is a request or a pledge told without the parties that make it one? A REQUEST is one
    party pressing another (GUIDELINES: "not general calls"): with no one making it ("sparked
    calls for", "at times calling for") or made to the public at large it is no record. A pledge,
    promise or offer (a hypothetical AGREE) given to no other party is a statement of policy
    ("his pledge to build a wall", "has promised to reform the judicial system"), not an
    agreement between parties; one that offers an act of its own ("offered to host talks") stays.
    A consultation held only by the press is reporting."""
    if c.event == "REQUEST":
        # (a requester the grammar finds but the dictionaries do not know still makes one:
        # "the rebel party issued a declaration demanding", "the ILO reiterated its demand")
        # (nor does "the demand", a request already told)
        told = bool(actors or c.actors) or any(ch.dep_ == "poss" or (ch.dep_ == "det" and ch.lower_ in DEFINITE_DETS)
                                               for ch in c.trigger.children)
        return not told or (bool(recipients) and all(r.type in _PUBLIC_TYPES for r in recipients))
    if c.event == "AGREE" and c.modality == "hypothetical":
        return not recipients and len(actors) < 2 and not c.absorbed
    if c.event == "CONSULT":
        # a reporter's visit, interview or talk ("a VOA journalist visits a police checkpoint",
        # "the AP interviewed the commander") is the news being gathered, not parties consulting
        return bool(actors) and all(a.type == _MEDIA_TYPE for a in actors)
    return False


def _acts_on_itself(c: Candidate, actors: list[Actor], recipients: list[Actor]) -> bool:
    """Does an act one party directs at another name the same party on both sides? Fights,
    attacks and protests may set two units of one kind against each other ("rebel factions
    fought rebels"), and joint acts pair equals; the rest (requests, arrests, sanctions,
    accusations) are done to another party."""
    if c.event in defaults.INTRA_SIDE_EVENTS or c.match.frame == "joint" or not actors or not recipients:
        return False
    named = {r.name for r in recipients}
    return any(a.name in named for a in actors)


def _attempted(trigger: Token) -> bool:
    """Is the trigger the infinitive of an attempt ("tried to kill", "attempted to assassinate")?"""
    return trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in _ATTEMPT_VERBS


def _caption_day(trigger: Token) -> tuple[str, bool] | None:
    """The day (ISO) a photo caption holding ``trigger`` was taken, and whether the trigger is the
    caption's own happening: its present-tense verb, or a noun hanging on that verb with no other
    verb between ("A demonstrator hits a poster during a protest ..., Sept. 21, 2016"), not a
    happening it tells of ("coffins of soldiers killed in an attack arrive ..."). None outside
    a caption or where its date cannot be read."""
    caption = caption_of(trigger)
    if caption is None:
        return None
    verb, told = caption
    try:
        day = parse_publication_date(told)
    except BadDateError:
        return None
    tok, own = trigger, True
    while tok.i != verb.i and tok.head.i != tok.i:
        if tok.pos_ in ("VERB", "AUX"):
            own = False
            break
        tok = tok.head
    return day, own and tok.i == verb.i


def _toll_owner(st: _ArticleState, doc: Doc, anchor: int | None, trigger: Token) -> int:
    """The trigger of the sentence's mention that holds a toll's word, or the word it completes
    ("shot dead": "dead" is the shooting's); ``trigger`` where no mention holds either."""
    if anchor is None:
        return trigger.i
    owner = st.anchor_owner.get(anchor)
    if owner is None and doc[anchor].dep_ in ("oprd", "acomp", "xcomp", "advmod"):
        owner = st.anchor_owner.get(doc[anchor].head.i)
    return trigger.i if owner is None else owner


def _toll_of_background(doc: Doc, anchor: int | None, trigger: Token) -> bool:
    """Is the toll's word inside an adjunct that tells what came before the trigger's happening
    or around it ("rioters set fire to a police station after the death of a detainee",
    "protests over the killing of three students", "in retaliation for the deaths of ...")? The
    dead are that happening's, not the riot's or the protest's (ACLED counts an event's own)."""
    if anchor is None or not trigger.is_ancestor(doc[anchor]):
        return False
    below = doc[anchor]
    for h in _ancestors(below, 8):
        if opens_background(below, h):
            return True
        if h.i == trigger.i:
            return False
        below = h
    return False


def _near(doc: Doc, anchor: int | None, trigger: Token) -> bool:
    if anchor is None:
        return False
    a = doc[anchor]
    return a.is_ancestor(trigger) or trigger.is_ancestor(a) or a.head == trigger.head


_SITE_NOUNS = frozenset(
    "base city town village province region border area district field camp airport port crossing "
    "capital outskirts neighbourhood neighborhood suburb county state coast desert valley".split()
)


def _national_area(doc: Doc, s: int) -> Place | None:
    """The country whose own waters, coast, ground or air the sentence names by its people's word
    ("in Kuwaiti waters", "off the Iranian coast", "violated Turkish airspace": places.yaml
    ``national_areas``), when it names one such country, for a happening on the ground
    (``defaults.PLACE_CARRY_EVENTS``: a meeting "since an attack on a Kuwaiti port" is not held
    there); the phrase is the place's span (``s``: the sentence's offset in the article). A noun
    after the area word makes it a modifier ("Turkish coast guard"), no place. None otherwise."""
    areas = mention_words().national_areas
    low = doc_text(doc).lower()
    if not any(w in low for w in areas):
        return None
    found: dict[str, tuple[int, int]] = {}
    for t in doc:
        if t.lower_ not in areas or t.i == 0 or t.pos_ not in ("NOUN", "PROPN"):
            continue
        if t.i + 1 < len(doc) and doc[t.i + 1].pos_ in ("NOUN", "PROPN"):
            continue
        people = doc[t.i - 1]
        hit = lookup_country(people.text) if people.text[:1].isupper() else None
        if hit is None or hit.kind != "demonym":
            continue
        found.setdefault(hit.iso3, (people.idx, t.idx + len(t.text)))
    if len(found) != 1:
        return None
    iso, (a, b) = next(iter(found.items()))
    return Place(text=doc_text(doc)[a:b], name=country_name(iso), country=iso, start=s + a, end=s + b)


def _struck_abroad(ev: Event, iso: str | None) -> str | None:
    """The country of the target of an attack (``defaults.PLACE_ABROAD_EVENTS``) whose clauses
    name no place, where every party that strikes is a state's (``defaults.PLACE_ABROAD_PARTY_TYPES``)
    of the story's leading country (``iso``) and what it strikes a state's or its property (no
    type: "an Iranian tanker") of one other country ("U.S. warships destroyed an Iranian oil
    platform" in a story told from Washington, "Iraqi jets hit an Iranian tanker"): a state
    strikes abroad or at sea far more often than on its own ground, so the story's country, the
    striker's, is no place for it (a town the story names is evidence and stands). None where
    the rule does not apply."""
    if iso is None or ev.event not in defaults.PLACE_ABROAD_EVENTS:
        return None
    states = defaults.PLACE_ABROAD_PARTY_TYPES
    if (not ev.actor or not ev.recipient or any(a.type not in states for a in ev.actor)
            or any(a.type is not None and a.type not in states for a in ev.recipient)):
        return None
    strikers = {a.country for a in ev.actor}
    struck = {a.country for a in ev.recipient}
    if strikers != {iso} or len(struck) != 1 or None in struck or iso in struck:
        return None
    return struck.pop()


def _carried_town(ev: Event, events: list[Event], iso: str | None) -> Place | None:
    """The town the story was last at, for an event told on the ground whose clauses name no place
    ("Police said they arrested 20 protesters" after "... marched in Bangkok"): a news story goes on
    at the place it last named until it names another, so an arrest, a clash, a protest or a
    deployment takes the town of the nearest event before it whose own sentence named a town in
    the story's leading country (``iso``), at most ``defaults.PLACE_CARRY_CHARS`` back. Statements
    and diplomacy (``defaults.PLACE_CARRY_EVENTS`` leaves them out) are the country's, not a
    town's. The town comes near it (``geo_precision`` 2), with no text or offsets of its own."""
    if iso is None or ev.modality != "asserted" or ev.event not in defaults.PLACE_CARRY_EVENTS:
        return None
    t = ev.evidence.start
    before = [o.location for o in events if o.location is not None and o.location.text and o.location.lat is not None
              and o.location.geo_precision in (1, 2) and o.location.country == iso
              and 0 < t - o.evidence.start <= defaults.PLACE_CARRY_CHARS]
    if not before:
        return None
    last = max(before, key=lambda p: p.start if p.start is not None else -1)
    return Place(text="", name=last.name, country=last.country, admin1=last.admin1, lat=last.lat, lon=last.lon,
                 geo_precision=2)


def _state_at_home(ev: Event, iso: str | None, gazetteer: Gazetteer) -> Place | None:
    """The country of the state that acts, for a statement or a step of diplomacy told as a fact
    whose clauses name no place, when it is another than the story's leading country (``iso``):
    a government, a court or a parliament decides, asks, agrees and refuses at home ("The
    Philippines' Supreme Court endorsed the agreement" in a story told from Washington). Aid is
    given where it is received (``defaults.PLACE_AT_RECIPIENT_EVENTS``): the receiving state's
    country. Only a state its own sentence names, as a place or by its people ("51 U.S. diplomats
    called for ..."), in a sentence that names no town or province of the story's leading country
    (a demand that forces "withdraw from the Syrian border town of Azaz" is about the story's
    ground). Violence and deployments (``defaults.PLACE_CARRY_EVENTS``) are often abroad and keep
    the story's country; threats and sanctions (``defaults.NO_STORY_PLACE_EVENTS``) get none.
    The place is the country alone, with no point and no span (rule ``place:state-home``)."""
    if (ev.modality != "asserted" or ev.event in defaults.PLACE_CARRY_EVENTS
            or ev.event in defaults.NO_STORY_PLACE_EVENTS):
        return None
    parties = ev.recipient if ev.event in defaults.PLACE_AT_RECIPIENT_EVENTS else ev.actor
    if not parties:
        return None
    head = parties[0]
    if head.country is None or head.country == iso or head.type not in _STATE_TYPES:
        return None
    if any(a.country not in (None, head.country) and a.name == country_name(a.country) for a in parties[1:]):
        return None  # "agreed upon by Turkey and Saudi Arabia": states acting together, at neither's home
    if head.country not in story_context(ev.evidence.sentence, gazetteer):
        return None
    s0 = ev.evidence.start
    # (a capital standing for its state is a party, not a place: "Washington is providing assistance")
    parts = [(a.start - s0, a.end - s0) for a in (*ev.actor, *ev.recipient) if a.start is not None and a.end is not None]
    for p in geoparse(ev.evidence.sentence, gazetteer=gazetteer):
        if p.country == iso and p.lat is not None and not any(
                p.start is not None and p.end is not None and p.start < e and b < p.end for b, e in parts):
            return None  # "demanded the YPG withdraw from the Syrian border town of Azaz": the story's ground
    return Place(text="", name=country_name(head.country), country=head.country)


def _country_wide(loc: Place) -> bool:
    """A place that is a country, or a part of one with no point ("northeast Nigeria")."""
    return loc.lat is None and loc.country is not None and (
        loc.geo_precision == 3 or lookup_country(loc.text) is not None or loc.name == country_name(loc.country))


_NAME_PARTICLES = frozenset("the a an of al el ad ar as ash az ez de".split())


def _proper_name(text: str) -> bool:
    """Whether an actor's words are a proper name of its own ("SDF", "Boko Haram", "Jaish
    al-Islam", "Syrian Democratic Forces"): every word capitalised but an article or a name's
    particle; a people and a common noun ("Chechen fighters", "Houthi rebels") are not."""
    words = [w.strip(".,'’\"“”") for w in text.replace("-", " ").split()]
    words = [w for w in words if w and w.lower() not in _NAME_PARTICLES]
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def _names_country_token(t: Token) -> bool:
    """A country name or demonym ("US", "Israeli"), not a capital ("Kabul")."""
    from sitrep.resolve.countries import lookup_country

    hit = lookup_country(t.text)
    return hit is not None and hit.kind != "capital"


def _modifier_only(doc: Doc, p0: int, p1: int) -> bool:
    """A place name used as a modifier ("US-led", "a US official") says who, not where."""
    toks = tokens_between(doc, p0, p1)
    if not toks:
        return False
    root = next((t for t in toks if t.head.i not in {x.i for x in toks}), toks[-1])
    if root.dep_ in ("compound", "amod", "npadvmod", "poss", "nmod") and not dash_between(root, root.head) \
            and not site_after_locative(root):
        head = root.head.lemma_.lower()
        if head in _SITE_NOUNS:
            return False
        if _names_country_token(root):
            return True  # "a US official", "Iraqi bases" are the actor's
        # a town owning a site or an event says where: "a Sofia restaurant", "Syria's conflict";
        # in a flat compound the words between the town and the head qualify the head with it
        # ("Maiduguri Attack Update": the update on a Maiduguri attack)
        between = [doc[k].lower_ for k in range(root.i + 1, root.head.i) if doc[k].dep_ == "compound"]
        return (root.head.lower_ not in PLACE_NOUNS and head not in PLACE_NOUNS and head not in EVENT_NOUNS
                and not any(w in EVENT_NOUNS for w in between))
    # "US-led": the name glued to a hyphen after it (its last word: "Ras al-Ain", parsed with "al"
    # as its head, is glued to its own hyphen inside)
    last = toks[-1]
    return last.i + 1 < len(doc) and doc[last.i + 1].text == "-" and not last.whitespace_


#: A division word right after a place's name ("Idlib province", "Raqqa governorate", "Shan state"),
#: or the area around a town ("Hama countryside": near the town, precision 2, as the gazetteer reads it).
_DIVISION_AFTER = re.compile(r"\s+(province|governorate|state|region|prefecture|oblast|countryside|outskirts|suburbs)\b")


#: ", Sudan" right after a place's name: the country holding it.
_COUNTRY_AFTER = re.compile(r",\s*([A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){0,2})\b")


def _place_before_its_country(doc: Doc, trigger: Token, span: tuple[int, int]) -> tuple[int, int]:
    """The picked place is a country written right after another place and a comma ("in
    Kadugli, Sudan", an all-capitals headline the parser misreads): the place before it is
    the event's, the country only holds it."""
    p0, p1 = span
    hit = lookup_country(doc_text(doc)[p0:p1])
    if hit is None or hit.kind not in ("name", "alias", "abbrev") or not doc_text(doc)[:p0].rstrip().endswith(","):
        return span
    comma = len(doc_text(doc)[:p0].rstrip()) - 1
    for cand in rank_event_places(doc[:], trigger):
        if cand.end <= comma and not doc_text(doc)[cand.end:comma].strip() and lookup_country(cand.text) is None:
            return (cand.start, cand.end)
    return span


def _reported_clause(doc: Doc, trigger: Token) -> str | None:
    """The words of the reported clause holding ``trigger`` ("the U.S. said [China deployed
    missiles on X]", "Speaking in San Diego, the admiral said [China has deployed ...]"): the
    speaker and where they spoke are not where the reported event happened. An adverbial clause
    inside it that does not hold the trigger ("..., drawing protest from Vietnam") tells another
    happening and is left out. None when the trigger is not in reported speech."""
    t = trigger
    path = {t.i}
    for _ in range(defaults.PLACE_REPORTED_CLAUSE_DEPTH):
        if t.head == t:
            return None
        if t.dep_ in ("ccomp", "parataxis") and t.head.lemma_.lower() in _SAY_VERBS:
            left_out: set[int] = set()
            for d in t.subtree:
                if d.dep_ in ("advcl", "parataxis") and d.i not in path and d != t and not left_out.intersection(
                        a.i for a in d.ancestors):
                    left_out.update(x.i for x in d.subtree)
            return "".join(x.text_with_ws for x in t.subtree if x.i not in left_out)
        t = t.head
        path.add(t.i)
    return None


#: Generation suffixes after a surname ("Martin Luther King Jr.").
_NAME_SUFFIXES = {"Jr", "Sr", "II", "III", "IV"}


def _note_surnames(st: _ArticleState, doc: Doc, is_person: Callable[[str], bool]) -> None:
    """Remember the surname of each person named in full so far: a PERSON entity of two or more
    words in the sentence, or a person of the actor dictionary (``is_person`` of its name, or one
    with an office) written with two or more words in this sentence or the unparsed ones before it. A later "Clinton" is that
    person."""
    names = [[t.text for t in ent] for ent in doc.ents if ent.label_ == "PERSON"]
    names += [a.text.split() for a in st.actors_seen[st.surnames_read:]
              if " " in a.text and (a.role is not None or is_person(a.name))]
    st.surnames_read = len(st.actors_seen)
    for words in names:
        while words and words[-1].rstrip(".") in _NAME_SUFFIXES:
            words = words[:-1]  # "Martin Luther King Jr.": King
        # (words only: "al-Bab", "Al-Monitor" read as people are no given name and surname)
        if len(words) >= 2 and all(w.isalpha() and w[:1].isupper() for w in words):
            st.surnames.add(words[-1].lower())


def _lone_place(doc: Doc, trigger: Token, recipients: Sequence[Token] = (),
                party: Callable[[str], bool] | None = None) -> tuple[int, int] | None:
    """The one place below country level a sentence names, when no place hangs on the trigger:
    a headline's town is its event's, even inside a participant's phrase ("Baghdad market hit
    by car bomb", "Iraq's Fallujah falls to militants", "Maiduguri Attack Update"). None when
    the sentence names two such places, or its one place is where someone spoke, where the
    news came from, a dateline or the modifier of an actor noun ("the Kabul government"). Only in
    a short sentence (``defaults.LONE_PLACE_MAX_TOKENS``): a headline's or a lead's, not a long
    sentence that names a place in passing.

    A town modifying the event's target ("attack Baghdad court", "Myitkyina student shot dead",
    "shoots dead Lagos union member") says where that target is, so where it was hit: it counts,
    while one modifying the agent ("the Kabul government's forces") does not. A name ``party``
    says is an armed group's ("losses in Hezbollah") is no place and does not count."""
    if len(doc) > defaults.LONE_PLACE_MAX_TOKENS:
        return None
    ranked = rank_event_places(doc[:], trigger)
    spans: dict[str, tuple[int, int]] = {}
    for cand in ranked:
        if not (cand.source.startswith(("ner-gpe", "ner-loc", "ner-fac", "gazetteer")) or "gaz" in cand.source):
            continue  # a capitalised word a locative cue alone vouches for ("Blankets were handed out")
        if party is not None and party(cand.text):
            continue
        hit = lookup_country(cand.text)
        if hit is not None and hit.kind in ("name", "alias", "abbrev", "demonym", "metonym"):
            continue
        toks = tokens_between(doc, cand.start, cand.end)
        # (the sentence's own root is its own head: "MONGUNO: at least 100 people killed")
        root = next((t for t in toks if t.head.i not in {x.i for x in toks} or t.head.i == t.i), None) if toks else None
        # (a name the NER read as a place, or a city known far and wide: "Junta Troops" is no
        # town of "La Junta", "Quetta shopkeeper" is Quetta's)
        targets = root is not None and root.dep_ in ("compound", "nmod") and (
            cand.source.startswith("ner-") or Gazetteer.default().contains(
                cand.text, min_population=defaults.PLACE_TARGET_TOWN_MIN_POP)) and any(
            r.left_edge.i <= root.head.i <= r.right_edge.i and root.i >= r.left_edge.i for r in recipients)
        if root is None or (not targets and root.head.pos_ not in ("VERB", "AUX")
                            and _modifier_only(doc, cand.start, cand.end)):
            continue  # "Ankara-loyal factions": who, not where
        if root.head.pos_ == "ADP" and root.head.lower_ in _PARTNER_PREPS:
            continue  # "the border with Iskenderun", "talks like Geneva's": not where it happened
        if toks[0].i > 0 and doc[toks[0].i - 1].text == ":" and all(t.is_punct for t in doc[toks[-1].i + 1:]):
            continue  # a headline's source after its colon ("13 dead in car bomb in border town: Ankara")
        if any(r.startswith(_NOT_NEARBY) or ("(actor" in r and not (targets and "(actor phrase)" in r))
               for r in cand.reasons):
            return None
        spans.setdefault(cand.text.lower(), (cand.start, cand.end))
    return next(iter(spans.values())) if len(spans) == 1 else None


#: Where a place mention may be cut between its words (a space or a dash).
_GLUE_CUT = re.compile(r"\s+|\s*[-\u2013\u2014]\s*")


def _grow_site(doc: Doc, p0: int, p1: int) -> tuple[int, int] | None:
    """"Omari" in "near al-Omari oil field": take the particle and the site noun with the name."""
    toks = tokens_between(doc, p0, p1)
    if not toks:
        return None
    words = mention_words()
    first, last = toks[0].i, toks[-1].i
    if first >= 2 and doc[first - 1].text == "-" and doc[first - 2].lower_ in words.name_particles:
        first -= 2
    for tail in words.site_tails:
        following = tuple(doc[last + 1 + k].lower_ if last + 1 + k < len(doc) else "" for k in range(len(tail)))
        if following == tail:
            last += len(tail)
            break
    if (first, last) == (toks[0].i, toks[-1].i):
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)


_WORDS = re.compile(r"[A-Za-z][A-Za-z'\u2019]*")


def resolver_prefilter(actors: ActorResolver, scope: str = "all"):  # type: ignore[no-untyped-def]
    """A prefilter whose actor gate also knows the names and agents of a given resolver
    (a PETRARCH dictionary's "Arnor", "Gondor")."""
    from sitrep.nlp.parser import one_token
    from sitrep.nlp.prefilter import Prefilter, actor_vocabulary

    agents, names = actor_vocabulary()
    extra_names = {w.lower() for e in actors.entries for alias in e.aliases for w in _WORDS.findall(alias) if len(w) > 2}
    extra_agents = {a.words.lower() for a in actors.agents if " " not in a.words}
    return Prefilter(default_lexicon(), agents | extra_agents, names | extra_names, events=defaults.SCOPES[scope],
                     one_token=one_token)


_AGENT_PLACE_PREPS = frozenset({"from", "in", "of"})
#: Entity labels of a name that can be an actor's; places and numbers never are.
_NAME_ENTS = frozenset({"ORG", "PERSON", "NORP"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT",
                         "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"})
_DEFINITE = frozenset("the these those this that its their his her our".split())


#: Actor types that carry out attacks (ACLED's state forces, rebels and militias).
_ARMED_TYPES = frozenset({"military", "police", "rebels", "militia"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
#: Nouns for a crowd that say nothing of who is in it: at a protest they are its protesters.
_CROWD_NOUNS = frozenset("people citizens crowd crowds thousands hundreds dozens residents mourners marchers".split())
#: Institutions of a state: a bare "the military" or "the police" is the one of the event's country.
#: Bodies whose bare mention is no institution of the country where they act: "the coalition"
#: conducting strikes in Iraq is the U.S.-led one named before, not an Iraqi coalition.
_FOREIGN_BODIES = frozenset("coalition alliance contingent mission".split())
_STATE_TYPES = frozenset({"military", "police", "government", "judiciary", "legislature"})
#: What a people's plural noun's singular takes to be its adjective: "Kurd" -> "Kurdish",
#: "Islamist" -> "Islamist", "Houthi" -> "Houthi".
_PEOPLE_ADJ_ENDINGS = frozenset({"", "ish"})
#: State bodies that make arrests: one that announces an arrest told with no arrester made it.
_ARRESTING_TYPES = frozenset({"police", "military"})
_LOYAL_WORDS = frozenset({"loyal", "allied", "belonging", "answering", "affiliated"})


#: Verbs by which a party states its own act ("the government announced that ..."); not those
#: that pass on what others did or claim about others ("reported", "claimed", "accused").
_ANNOUNCE_VERBS = frozenset("say announce confirm declare state".split())


def _clause_names_doer(t: Token) -> bool:
    """Whether a verb between the trigger and the verb of saying has an active subject of its own
    ("Swift said China deployed missiles for exercises": China's exercises, not the speaker's)."""
    cur = t
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") and cur.lemma_.lower() in _ANNOUNCE_VERBS and cur != t:
            return False
        if cur.pos_ in ("VERB", "AUX") and any(ch.dep_ in ("nsubj", "csubj", "agent") and t not in ch.subtree
                                               for ch in cur.children):
            return True
        if cur.head == cur:
            return False
        cur = cur.head
    return False


def _one_or_a_few(h: Token) -> bool:
    """A singular person noun ("a man"), or a plural one of people counted out ("two men walked in
    and shot him") or picked out by what they wear, ride or carry ("men in military uniform", "men
    on motorbikes", "men carrying rifles"); not people in general ("people attacked the police
    station": a crowd; "residents of the village": who they are, not what marks them out)."""
    if h.tag_ == "NN":
        return True
    return h.tag_ == "NNS" and h.lemma_.lower() not in ("people", "person") and any(
        (ch.dep_ == "nummod" and ch.like_num) or (ch.dep_ == "prep" and ch.lower_ in ("in", "on", "with"))
        or (ch.dep_ == "acl" and ch.tag_ in ("VBG", "VBN")) for ch in h.children)


def _one_of_a_people(h: Token) -> bool:
    """A people's name with an article, used of one person ("the Palestinian stabbed two officers",
    "a Muslim American who killed 49 people"): one of that people, not its state."""
    # (the tagger may read the name as an adjective heading its phrase, or tag only the word before
    # it: "the Muslim American")
    people = h.ent_type_ == "NORP" or h.tag_ == "JJ" or any(
        ch.dep_ in ("amod", "compound") and ch.ent_type_ == "NORP" for ch in h.children)
    # (not a modifier the parser took for the head: "the Turkish shelling continued")
    after = h.doc[h.i + 1] if h.i + 1 < len(h.doc) else None
    return (people and h.text[:1].isupper() and h.tag_ in ("NN", "NNP", "JJ") and h.dep_ in ("nsubj", "attr", "appos")
            and (after is None or after.tag_ not in ("NN", "NNS", "VBG"))
            and any(ch.dep_ == "det" and ch.lower_ in ("a", "an", "the") for ch in h.children))


def _active_doer(h: Token) -> bool:
    """Whether ``h`` is the subject of an active clause ("a man stabbed two officers") or the
    noun a relative clause's subject pronoun stands for ("the man who killed ...")."""
    v = h.head
    if (h.dep_ == "nsubj" and v.pos_ == "VERB" and v.lemma_.lower() != "be"
            and not any(ch.dep_ in ("auxpass", "nsubjpass") for ch in v.children)):
        return True
    return any(c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.tag_ in ("WP", "WDT") for g in c.children)
               for c in h.children)


#: Nouns of a party's written word: "according to a statement by the ministry" is the ministry's word.
_STATEMENT_NOUNS = frozenset("statement communique announcement bulletin".split())


def _statement_source(h: Token) -> Token | None:
    """Whose statement ``h`` is: "a statement released by X", "a statement from X", "X's statement",
    "a police statement" (the body named before the noun)."""
    for ch in h.children:
        if ch.dep_ == "compound" and ch.i == h.i - 1 and ch.pos_ in ("NOUN", "PROPN"):
            return ch
        if ch.dep_ == "poss":
            return ch
        if ch.dep_ == "prep" and ch.lower_ in ("by", "from", "of"):
            return next((g for g in ch.children if g.dep_ == "pobj"), None)
        if ch.dep_ == "acl":
            for a in ch.children:
                if a.dep_ == "agent" or (a.dep_ == "prep" and a.lower_ == "by"):
                    return next((g for g in a.children if g.dep_ == "pobj"), None)
    return None


def _fired_from(t: Token) -> bool:
    """Does the clause of an attack say where it came from ("rockets fired from Gaza", "missiles
    were launched from Yemen")?"""
    clause = t.head if t.pos_ in ("NOUN", "PROPN") and t.head.pos_ in ("VERB", "AUX") else t
    return any(x.dep_ == "prep" and x.lower_ == "from" for x in (*t.subtree, *clause.children))


def _according_to(h: Token) -> bool:
    """Is ``h`` the source of "according to <h>"?"""
    p = h.head
    return h.dep_ == "pobj" and p.lower_ == "to" and p.i > 0 and h.doc[p.i - 1].lower_ == "according"


def _span_head(doc: Doc, a0: int, a1: int) -> Token | None:
    """The head of the phrase that covers characters a0-a1 of the doc (the token whose own head
    lies outside it)."""
    toks = [t for t in doc if a0 <= t.idx < a1]
    return next((t for t in toks if t.head == t or not a0 <= t.head.idx < a1), None)


#: Pronouns that stand for people, never for a news outlet (an organisation is "it").
_PEOPLE_PRONOUNS = frozenset("he him his she her hers they them their theirs".split())


def _news_outlet(a: Actor) -> bool:
    """Whether a mention names a news outlet by its own name ("VOA", "The Associated Press",
    "Reuters"), not people of the press ("journalists", "Russian reporters")."""
    return a.type == "media" and a.role is None and not _described(a) and _proper_name(a.text or a.name)


def _says_own_country(a: Actor) -> bool:
    """Whether a mention's own words name its country ("Iraqi militia groups", "U.S. troops"),
    rather than the country being read off where it acted."""
    return any((hit := lookup_country(w.strip(".,'’\"“”"))) is not None and hit.iso3 == a.country
               for w in (a.text or "").replace("-", " ").split())


def _capital_mention(a: Actor) -> bool:
    """Whether a mention is a capital city's name standing for its state ("Mogadishu", "Kabul")."""
    said = lookup_country(a.text)
    return said is not None and said.kind == "capital"


def _stateless_people(h: Token) -> Token | None:
    """The people's word before a noun of forces that names no state ("Kurdish forces",
    "Druze militiamen"), where no word of the phrase names one ("Iraqi Kurdish forces")."""
    mods = [m for m in h.children if m.dep_ in _MODIFIER_DEPS and m.i < h.i]
    if any(lookup_country(m.text) is not None for m in mods):
        return None
    return next((m for m in mods if m.ent_type_ == "NORP"), None)


def _forces_owner(h: Token) -> Token | None:
    """The X of "X's forces": a possessor named (not a pronoun) on a plural noun of armed people."""
    if h.tag_ not in ("NNS", "NN") or h.pos_ != "NOUN":
        return None
    return next((m for m in h.children if m.dep_ == "poss" and m.pos_ == "PROPN" and not is_pronoun(m)), None)


def _loyal_to(h: Token) -> Token | None:
    """The X of "forces loyal to X", "militiamen allied to X", "fighters belonging to X"."""
    for m in h.children:
        if m.lower_ in _LOYAL_WORDS and m.dep_ in ("amod", "acl", "relcl", "advcl"):
            for p in m.children:
                if p.dep_ == "prep" and p.lower_ in ("to", "with"):
                    objs = [g for g in p.children if g.dep_ == "pobj"]
                    if objs:
                        return objs[0]
    return None


def _titled_person(h: Token, s: int, actor: Actor | None) -> Actor | None:
    """A phrase headed by a person's name whose actor came from its title alone ("Ousted
    President Askar Akayev" -> the Kyrgyz government): the person by name, with the title's
    country and kind and the title's actor as role. The mention keeps its title as written
    ("officer Darren Wilson", "Black Lives Matter leader DeRay McKesson"): an analyst names a
    person with the title the text gives, and the title is part of who the text says acted."""
    if actor is None or h.ent_type_ != "PERSON" or actor.role or actor.org:
        return actor
    if actor.code not in (None, actor.country) and not (actor.country and actor.code and actor.code.startswith(actor.country)
                                                         and len(actor.code) == 6):
        return actor  # a named actor of the dictionaries ("Kataib Hezbollah")
    ent = next((e for e in h.doc.ents if e.start <= h.i < e.end and e.label_ == "PERSON"), None)
    if ent is None or len(ent) < 2 or ent.text in actor.name:
        return actor
    return dataclasses.replace(actor, name=ent.text, role=actor.name)


def _name_end(t: Token) -> int:
    """Character end (in the token's doc text) of the proper name ``t`` starts or ends, running
    over name tokens the parser attached elsewhere ("Bashar al - Assad")."""
    doc = t.doc
    k = t.i
    while k + 1 < len(doc) and (doc[k + 1].text == "-" or doc[k + 1].pos_ == "PROPN"
                                or doc[k + 1].lower_ in ("al", "el", "bin", "ibn")):
        k += 1
    while k > t.i and doc[k].text == "-":
        k -= 1
    return doc[k].idx - doc[0].idx + len(doc[k].text)


def _protesting(h: Token) -> bool:
    """Does a relative clause say the person protests ("a man who was protesting against X")? The
    parser may hang a "who" clause put after the verb's other words on the noun before it ("took a
    man into custody who was protesting"): a "who" clause is about a person, so it is his."""
    lexicon = default_lexicon()
    for v in h.doc:
        if v.dep_ != "relcl" or v.pos_ != "VERB":
            continue
        if v.head != h and not (any(x.dep_ in ("nsubj", "nsubjpass") and x.lower_ == "who" for x in v.children)
                                and h.i < v.head.i and v.head.head.head == h.head
                                and not person_word(v.head.lemma_.lower())):
            continue
        m = lexicon.match(v)
        if m is not None and m.event == "PROTEST":
            return True
    return False


def _names_protest_event(h: Token) -> bool:
    """Is the noun a protest trigger ("protests", "demonstrations", "the march")?"""
    m = default_lexicon().match(h)
    return m is not None and m.event == "PROTEST"


def _foreigners(h: Token) -> bool:
    """People the text calls foreign ("foreign nationals", "foreigners", "expatriate workers"):
    of some other country than where the event happened, so the place's country is not theirs
    (data/weapons.yaml ``recipient_cues.foreign``)."""
    words = recipient_cues().get("foreign", frozenset())
    return h.lemma_.lower() in words or any(
        m.dep_ in ("amod", "compound") and m.lemma_.lower() in words for m in h.children)


def _definite_mention(h: Token, text: str) -> bool:
    """Is the phrase of head ``h`` definite ("the coalition", "its forces")? The phrase span drops
    its determiner: read it off the parse too."""
    words = text.lower().split()
    return (bool(words) and words[0] in _DEFINITE) or any(
        ch.dep_ in ("det", "poss") and ch.lower_ in _DEFINITE for ch in h.children)


def _coalition_named(text: str, before: Sequence[Actor]) -> Actor | None:
    """The coalition the story named before, for a mention that calls a party by the word for a
    coalition of states alone (``defaults.ACTOR_COALITION_WORDS``: "coalition aircraft", "coalition
    forces"), where the story named exactly one; a coalition of several states is never the
    forces of the country it acts in."""
    words = text.lower().split()
    if not any(w in defaults.ACTOR_COALITION_WORDS for w in words):
        return None
    named = {a.name: a for a in before
             if a.country and any(w in defaults.ACTOR_COALITION_WORDS for w in f"{a.name} {a.text}".lower().split())}
    return next(iter(named.values())) if len(named) == 1 else None


def _present_in(force: Actor, country: str, events: Sequence[Event]) -> bool:
    """Has the story told ``force`` doing on the ground, in ``country``, an act of those a force
    does where it stands (``defaults.ACTOR_PRESENT_FORCE_ACTS``: "Turkish troops shelled positions
    near Afrin", "Israeli police began evicting settlers in the West Bank")?"""
    return any(ev.event in defaults.ACTOR_PRESENT_FORCE_ACTS and ev.location is not None
               and ev.location.country == country and ev.modality in ("asserted", "historical")
               and any(a.name == force.name for a in ev.actor) for ev in events)


def _same_generic(actor: Actor | None, seen: list[Actor], templates: dict[str, str]) -> Actor | None:
    """The last state sector of the same kind named before a generic mention of no country
    ("militiamen" after "Iraqi militia groups"), where the mention's name is that kind's own word
    (``templates``: type -> the type's name template): a description keeps its own words as its
    name, so the kind is read off the type and the template, not off the earlier name's words."""
    if actor is None or not actor.type or actor.type not in templates:
        return None
    if actor.name.lower().split()[-1:] != templates[actor.type].lower().split()[-1:]:
        return None  # ("military forces", "Iran-backed military forces": not the kind's own word)
    for prior in reversed(seen):
        if prior.type == actor.type and _state_sector(prior):
            return prior
    return None


def _shared_modifiers(h: Token, a0: int) -> int:
    """Where the phrase of a noun modifier ``h`` starts, taking in the modifiers of the same noun
    right before it ("U.S.-led coalition airstrikes": the coalition is U.S.-led, though the parser
    hangs both words on "airstrikes"); ``a0`` otherwise."""
    if h.dep_ != "compound" or h.pos_ != "NOUN" or h.head.i <= h.i:
        return a0
    start = next((t for t in h.doc[h.left_edge.i:h.i + 1] if t.idx >= a0), h)
    # only modifiers that say whose (a name or a word made from one: "U.S.-led", "Syrian"),
    # never "fatal" or "largest", and never what the event is against ("anti-government")
    mods = {s.right_edge.i: s for s in h.head.children if s.dep_ in _MODIFIER_DEPS and s.i < h.i
            and s.pos_ in ("ADJ", "PROPN") and _name_like(s)
            and not any(s.lower_.startswith(p + "-") for p in ("anti", "pro", "non"))}
    while start.i - 1 in mods:
        start = mods[start.i - 1].left_edge
    return min(a0, start.idx)


def _modifier_at(doc: Doc, s: int, actor: Actor) -> bool:
    """Whether the actor's words modify a noun ("Turkish shelling") rather than head a noun phrase
    of their own ("the Palestinian stabbed two officers": a person, not a state's forces); true when
    the words are not found in ``doc`` (a resolved pronoun keeps its antecedent's reading)."""
    if actor.start is None:
        return True
    tok = next((t for t in doc if s + t.idx == actor.start), None)
    if tok is None or is_pronoun(tok):
        return True
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    if tok.pos_ == "ADJ" and nxt is not None and nxt.tag_ == "VBG" and nxt.i in (tok.head.i, *(ch.i for ch in tok.children)):
        # "The Turkish shelling continued": the parser made the adjective the subject of the -ing
        # noun after it, or that noun a clause on it; the adjective still modifies that noun
        return True
    return tok.dep_ in _MODIFIER_DEPS or tok.dep_ == "poss"


def _name_like(t: Token) -> bool:
    """A name or a word made from one ("Syrian", "U.S.-led"), not a capital of a sentence's first word."""
    return (t.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or any(ch.isupper() for ch in t.text[1:])
            or (t.text[:1].isupper() and not t.is_sent_start))


def _misread_acronym(h: Token, a0: int) -> int:
    """Where the phrase of ``h`` starts, taking back an acronym the parser read as a verb right
    before it ("IS fighters had targeted": "IS" parsed as "is"); ``a0`` otherwise."""
    first = next((t for t in h.subtree if t.idx >= a0), h)
    if first.i == 0:
        return a0
    prev = h.doc[first.i - 1]
    if (prev.pos_ in ("AUX", "VERB") and prev.is_alpha and len(prev.text) >= 2 and prev.text.isupper()
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in prev.children)):
        return prev.idx
    return a0


#: Possessive pronouns that stand for a state or an organisation ("its forces", "their troops"); "his"
#: and "her" stand for a person, whose forces are no sector of a state.
_OWNER_PRONOUNS = frozenset({"its", "their"})


def _possessed_forces(h: Token, before: Sequence[Actor], actors: ActorResolver, text: str,
                      start: int, end: int, date: str | None) -> Actor | None:
    """"the response taken by Algeria's military. Its forces opened fire": a state's or a group's
    possessive pronoun on a generic state or armed agent noun (forces, troops, police; not "their
    allies", who are others) names the owner last named before it (a country,
    government or organisation, never a person or a bare demonym), not the story's main country.
    A state's forces are its sector of that kind; a non-state group's forces are the group."""
    if not any(ch.dep_ == "poss" and ch.lower_ in _OWNER_PRONOUNS for ch in h.children):
        return None
    for a in reversed(before):
        if a.role is not None or a.type is None or a.type == "civilians":
            continue  # a person, a demonym ("Japanese officials"), a crowd: no owner of forces
        if a.country and (a.type in _STATE_TYPES or _state_sector(a)):
            own = actors.resolve(text, start=start, end=end, context_country=a.country, date=date)
            return own if own is not None and own.country == a.country else None
        if a.type in _ARMED_TYPES:
            return _relocate(a, text, start, end)
        return None
    return None


#: "the Haqqani Network, an Afghan Taliban group that ...": an indefinite description set off by a comma
#: right after a name, up to the next comma, stop or relative pronoun (at most six words).
_APPOSED_DESCRIPTION = re.compile(r",\s+(?:an?|one)\s+((?:[\w'\u2019-]+\s+){0,5}[\w'\u2019-]+?)(?=\s*[,.;:]|\s+(?:that|which|who|whose)\b)")


def _with_apposed_descriptions(actors: Sequence[Actor], text: str) -> list[Actor]:
    """The actors with the indefinite description apposed to their mention ("Haqqani Network, an
    Afghan Taliban group") added to their mention's words, so that a later definite description
    headed by its noun ("the group") takes up the name it described, as an earlier mention of
    "the coalition" is taken up by "the coalition" (:meth:`ActorResolver.resolve_definite`)."""
    out = []
    for a in actors:
        m = _APPOSED_DESCRIPTION.match(text, a.end) if a.end is not None and a.role is None else None
        out.append(dataclasses.replace(a, text=f"{a.text or a.name} {m.group(1)}") if m else a)
    return out


def _state_sector(a: Actor) -> bool:
    """A state's sector named generically ("ISRCOP": "Israeli police"), not a named group or office."""
    return bool(a.country and a.code is not None and len(a.code) == 6 and a.code[:3] == a.country)


def _names_origin(t: Token) -> bool:
    """A modifier that says which country a group is from ("Hungarian", "US")."""
    from sitrep.resolve.countries import lookup_country

    return t.ent_type_ in ("NORP", "GPE") or lookup_country(t.text) is not None


#: Arrest words whose unnamed arrester is the police: a capture or seizure may be anyone's.
_ARREST_WORDS = frozenset("arrest detain detention apprehend jail imprison incarcerate custody roundup".split())


def _country_said_in(h: Token) -> str | None:
    """The country a generic party's own "in" phrase names ("rebels in northern Syria"), or None."""
    if h.lemma_.lower() in _HELD_SITES:
        return None  # "militia positions in Syria": where the sites are, not whose the party is
    for p in h.children:
        if p.dep_ == "prep" and p.lower_ == "in":
            for g in p.children:
                if g.dep_ != "pobj" or any(x.dep_ == "conj" for x in g.children):
                    continue  # ("in Syria and Iraq": no one country)
                hit = lookup_country(g.text)
                if hit is not None and hit.kind not in ("capital",):
                    return hit.iso3
    return None


#: Sites a party holds: their "in" phrase says where they are ("militia positions in Syria").
_HELD_SITES = frozenset("position base camp post checkpoint headquarters office target facility".split())


#: The events whose doers a protest against them addresses ("to protest the killings").
_PROTESTED_DEEDS = frozenset({"ASSAULT", "COERCE"})


def _protested_deeds(events: list[Event], protested: dict[str, list[tuple[int, bool]]],
                     nouns: dict[str, list[str]] | None = None) -> list[Event]:
    """A protest against a deed addresses whoever did it: "mourners turned out to protest the
    killings", "a demonstration against the killing of two black men by police officers", "a
    rally protesting against those shootings" are against the killers the story names for that
    killing (the record its mention was folded into), not against its victims. A definite deed
    told with no doer of its own ("the killings") is the latest such deed told before it that
    names one. A noun the protest is against that was no event where it stood (``nouns``: "to
    voice their opposition to Thursday's coup") names the story's deed told with that word
    (:func:`_deed_named`)."""
    if not protested and not nouns:
        return events
    by_trigger: dict[int, Event] = {}
    for ev in events:
        if ev.event in _PROTESTED_DEEDS:
            for mention in (ev.evidence, *ev.support):
                by_trigger.setdefault(mention.trigger.start, ev)
    out = []
    for ev in events:
        deeds = []
        crowd = {a.name for a in ev.actor}
        for offset, definite in protested.get(ev.event_id, ()) if ev.event == "PROTEST" else ():
            deed = by_trigger.get(offset)
            if deed is not None and not deed.actor and definite:
                done = [d for d in events if d.event == deed.event and d.actor and d.evidence.start < deed.evidence.start]
                deed = max(done, key=lambda d: d.evidence.start, default=None)
            elif deed is not None and definite and any(r.name in crowd for r in deed.recipient):
                # "officers were shot at a rally protesting against those shootings": a deed that befell
                # the crowd itself (a mention folded into the wrong record) is no grievance it brought
                # along; "those shootings" are the latest deed of that kind told before the protest
                done = [d for d in events if d.event == deed.event and d.actor and d is not deed
                        and d.evidence.trigger.start < ev.evidence.trigger.start
                        and not any(r.name in crowd for r in d.recipient)]
                deed = max(done, key=lambda d: d.evidence.trigger.start, default=None)
            if deed is not None:
                deeds.append(deed)
        if ev.event == "PROTEST" and not deeds and not ev.recipient:
            deeds = [d for word in (nouns or {}).get(ev.event_id, ()) for d in [_deed_named(events, word, ev)] if d]
        doers = tuple(dict.fromkeys(a for d in deeds for a in d.actor if a.name not in crowd))
        if doers:
            ev = _replace(ev, recipient=doers, rule=f"{ev.rule};recipient:protested-deed")
        out.append(ev)
    return out


def _deed_named(events: list[Event], word: str, protest: Event) -> Event | None:
    """The story's one violent or coercive deed with a doer told with ``word`` (a mention's trigger
    is the word or its plural), the nearest before ``protest`` where several are, else the first
    after: "opposition to Thursday's coup" is against the coup the story tells ("Army chief X, who
    led the coup Thursday"), wherever it tells it."""
    told = [d for d in events if d.event in _PROTESTED_DEEDS and d.actor and d is not protest
            and any(m.trigger.text.lower() in (word, f"{word}s") for m in (d.evidence, *d.support))]
    before = [d for d in told if d.evidence.start < protest.evidence.start]
    if before:
        return max(before, key=lambda d: d.evidence.start)
    return min(told, key=lambda d: d.evidence.start, default=None)


def _addressed_protests(events: list[Event]) -> list[Event]:
    """A story's protests address the authority it names once: a protest told with no one it
    is against takes the government or leader addressed by the story's nearest protest before
    it that names one ("rallied against Maduro" ... "marched through Caracas"), else by the
    first after it. Only an addressed authority (a government actor) carries over; a crowd
    that clashed with police does not make later protests "against the police"."""
    addressed = sorted((ev for ev in events if ev.event == "PROTEST" and ev.recipient
                        and all(r.type == "government" and r.country for r in ev.recipient)),
                       key=lambda ev: ev.evidence.start)
    if not addressed:
        return events
    out = []
    for ev in events:
        if ev.event == "PROTEST" and not ev.recipient and "rally-for" not in (ev.rule or "").split(";"):
            before = [a for a in addressed if a.evidence.start < ev.evidence.start]
            source = before[-1] if before else addressed[0]
            actors = {a.name for a in ev.actor}
            targets = tuple(r for r in source.recipient if r.name not in actors)
            if targets:
                ev = _replace(ev, recipient=targets, rule=f"{ev.rule};recipient:story-protest")
        out.append(ev)
    return out


def _protested_leaders(events: list[Event]) -> list[Event]:
    """A story's protests against a state's leader ("rallied against President Maduro",
    "protests against Trump") name whom its other protests against that state mean: a protest told
    only against the state or its government ("called for marches against the government", an
    American crowd's march) addresses the leader, where the story's protests name one leader of that
    state and no other (rule ``recipient:story-leader``; the leader keeps the offsets of the mention
    that named them)."""
    leaders: dict[str, dict[str, Actor]] = {}
    for ev in events:
        if ev.event == "PROTEST":
            for r in ev.recipient:
                if r.role and r.type == "government" and r.country:
                    leaders.setdefault(r.country, {}).setdefault(r.name, r)
    one = {c: next(iter(named.values())) for c, named in leaders.items() if len(named) == 1}
    if not one:
        return events
    out = []
    for ev in events:
        states = {r.country for r in ev.recipient}
        if (ev.event == "PROTEST" and ev.recipient and len(states) == 1 and next(iter(states)) in one
                and all(r.role is None and r.type == "government" for r in ev.recipient)
                and all(a.name != one[r.country].name for a in ev.actor for r in ev.recipient if r.country)):
            ev = _replace(ev, recipient=(one[next(iter(states))],), rule=f"{ev.rule};recipient:story-leader")  # type: ignore[index]
        out.append(ev)
    return out


def _described(a: Actor) -> bool:
    """An actor whose canonical name describes a kind ("Afghan militias") rather than names a party."""
    from sitrep.dedup import is_generic

    return is_generic(dataclasses.replace(a, text=a.name))


def _side_keys(actors: Sequence[Actor]) -> set[object]:
    return {a.name for a in actors} | {(a.country, a.type) for a in actors if a.country and a.type}


_LED = re.compile(r"^(?P<leader>.+)-led (?P<head>[a-z]+)$")
_LED_AFTER = re.compile(r"-led (?P<head>[a-z]+)")


def _news_dated(c: Candidate, when: str | None, precision: str | None, pub_date: str | None) -> bool:
    """Does the clause of a past perfect give it a date of its own within the story's news
    (``defaults.HISTORICAL_DAYS``: "the attack on Monday had involved the United States in war",
    "had fired on a helicopter earlier this month")? A wire tells the reported act in the past
    perfect of reported speech when the reporting verb is a sentence or a noun away ("Iran's
    announcement that it had launched"); an act the text dates to the news is news, not the
    background a past perfect tells with no date or an old one."""
    if not (when and pub_date and precision in ("day", "week", "month")) or "date:narrative" in c.rules \
            or "date:other-clause" in c.rules or not clause_dated(c.trigger):
        return False
    end = period_end(when, precision)
    return 0 <= (_date.fromisoformat(pub_date) - _date.fromisoformat(end)).days <= defaults.HISTORICAL_DAYS or (
        when <= pub_date <= end)


def _led_bodies(events: list[Event], seen: Sequence[Actor] = (), text: str = "") -> list[Event]:
    """A body the story calls "<country>-led" is that country's wherever else the story names it:
    an entry of no country ("Operation Inherent Resolve", "the Global Coalition") whose name
    holds the noun of a "U.S.-led coalition" the story tells of is that coalition, where the
    story leads no other of that noun. ``seen`` are the story's other actor mentions at article
    offsets in ``text`` ("..., as the U.S.-led coalition's operation is called")."""
    leaders: dict[str, set[str]] = {}
    for a in (x for ev in events for x in (*ev.actor, *ev.recipient)):
        m = _LED.match(a.name)
        if m and a.country:
            leaders.setdefault(m.group("head"), set()).add(a.country)
    for a in seen:
        m = _LED_AFTER.match(text, a.end) if a.end is not None and not a.role else None
        if m and a.country:
            leaders.setdefault(m.group("head"), set()).add(a.country)
    if not leaders:
        return events

    def led(a: Actor) -> Actor:
        if a.country or a.role or a.type not in _ARMED_TYPES | {"IGO"}:
            return a  # (a political "coalition" of parties is no force a state leads)
        words = set(re.findall(r"[a-z]+", a.name.lower()))
        found = {c for head, cs in leaders.items() if head in words for c in cs}
        if len(found) != 1:
            return a
        return dataclasses.replace(a, country=found.pop())

    out = []
    for ev in events:
        actor, recipient = tuple(led(a) for a in ev.actor), tuple(led(a) for a in ev.recipient)
        if actor != ev.actor or recipient != ev.recipient:
            ev = _replace(ev, actor=actor, recipient=recipient, rule=f"{ev.rule};actor:led-body")
        out.append(ev)
    return out


def _story_opponents(events: list[Event]) -> list[Event]:
    """A story's fighting is between the sides it names: an attack told with its attacker but
    no target ("the coalition conducted 7,323 strikes", "the military has retaken the base")
    takes the armed side that attacker fights in the story's other attacks, where one side is
    named more often than any other. Civilians hit in one attack say nothing of the next."""
    attacks = [ev for ev in events if ev.event == "ASSAULT"]
    out = []
    for ev in events:
        if ev.event == "ASSAULT" and ev.actor and not ev.recipient and not _mutual(ev):
            # (both sides of a clash are its actors: it lacks no target)
            keys = _side_keys(ev.actor)
            names = {a.name for a in ev.actor}
            tally: Counter[str] = Counter()
            found: dict[str, Actor] = {}
            for other in attacks:
                acting, acted_on = _told_sides(other)
                if other is ev or not keys & _side_keys(acting):
                    continue
                for r in acted_on:
                    if r.type in _ARMED_TYPES and r.name not in names:
                        tally[r.name] += 1
                        found.setdefault(r.name, r)
            top = tally.most_common(2)
            if top and (len(top) == 1 or top[0][1] > top[1][1]):
                # (the side keeps the offsets of the mention that named it)
                ev = _replace(ev, recipient=(found[top[0][0]],), rule=f"{ev.rule};recipient:story-side")
        out.append(ev)
    return _story_enemy(_story_attackers(out))


#: Modalities of an act not (yet) done: a plan, law or threat to attack a party says nothing of who
#: fights it ("legislation that would make it a crime to kill a police officer").
_UNREAL_MODALITIES = frozenset({"hypothetical", "threatened"})


def _story_attackers(events: list[Event]) -> list[Event]:
    """An attack told with its armed target but no attacker ("16 Turkish soldiers were killed in
    one attack" in a story of Turkish forces fighting IS for a town) is by the side the target fights
    in the story's other attacks: the armed party the target attacks or is attacked by there, where
    one is named more often than any other and in at least ``defaults.STORY_ATTACKER_MIN_ATTACKS``
    of them (rule ``actor:story-side``). A target no other attack of the story names, or one with
    two foes told as often, keeps no attacker: nothing is guessed; civilians hit say nothing of who
    fights whom, nor does a planned or threatened attack."""
    attacks = [ev for ev in events if ev.event == "ASSAULT"]
    out = []
    for ev in events:
        if (ev.event == "ASSAULT" and ev.recipient and not ev.actor and not _mutual(ev)
                and ev.modality not in _UNREAL_MODALITIES and all(r.type in _ARMED_TYPES for r in ev.recipient)):
            keys = _side_keys(ev.recipient)
            tally: Counter[str] = Counter()
            found: dict[str, Actor] = {}
            for other in attacks:
                if other is ev:
                    continue
                acting, acted_on = _told_sides(other)
                # (the target acting on a foe, or a foe acting on the target)
                foes = acted_on if keys & _side_keys(acting) else acting if keys & _side_keys(acted_on) else ()
                for a in {a.name: a for a in foes}.values():
                    if a.type in _ARMED_TYPES and not keys & _side_keys((a,)):
                        tally[a.name] += 1
                        found.setdefault(a.name, a)
            top = tally.most_common(2)
            if (top and top[0][1] >= defaults.STORY_ATTACKER_MIN_ATTACKS
                    and (len(top) == 1 or top[0][1] > top[1][1])):
                # (the side keeps the offsets of the mention that named it)
                ev = _replace(ev, actor=(found[top[0][0]],), rule=f"{ev.rule};actor:story-side")
        out.append(ev)
    return out


#: The kinds of crowd a protest is told with: who else is in a protest's scuffles.
_CROWD_TYPES = frozenset({"protesters", "rioters", "civilians"})
#: The kinds of force that face a crowd.
_CROWD_FACING_TYPES = frozenset({"police", "military"})


def _protest_clashes(events: list[Event]) -> list[Event]:
    """Scuffles or clashes in a protest's story told with only the security forces' side ("when
    troops cut off a major avenue on the march route, there were brief scuffles") are with the
    story's protesters: the crowd of the protest told nearest before it (else first after) in the
    present, of the forces' country or of none (rule ``recipient:protest-crowd``)."""
    protests = sorted((ev for ev in events if ev.event == "PROTEST" and ev.modality == "asserted" and ev.actor
                       and all(a.type in _CROWD_TYPES for a in ev.actor)), key=lambda ev: ev.evidence.start)
    if not protests:
        return events
    out = []
    for ev in events:
        if (ev.event == "ASSAULT" and ev.actor and not ev.recipient and "clash" in ev.rules and not _mutual(ev)
                and all(a.type in _CROWD_FACING_TYPES for a in ev.actor)):
            countries = {a.country for a in ev.actor}
            fits = [p for p in protests if all(a.country in countries | {None} for a in p.actor)]
            before = [p for p in fits if p.evidence.start <= ev.evidence.start]
            source = before[-1] if before else (fits[0] if fits else None)
            if source is not None:
                ev = _replace(ev, recipient=source.actor, rule=f"{ev.rule};recipient:protest-crowd")
        out.append(ev)
    return out


def _story_enemy(events: list[Event]) -> list[Event]:
    """An attack still told with its attacker but no target, by an attacker the story shows in no
    other attack ("U.S. forces ... launching airstrikes" in a story of Iraqi forces retaking Mosul
    from IS), fights the story's enemy: the armed party the story's attacks fall on most, where it is
    hit in at least ``defaults.STORY_ENEMY_MIN_ATTACKS`` of them, more often than any other, and is
    none of the attacker's own."""
    attacks = [ev for ev in events if ev.event == "ASSAULT"]
    hit: Counter[str] = Counter()
    hit_as: dict[str, Actor] = {}
    for ev in attacks:
        for r in {r.name: r for r in _told_sides(ev)[1] if r.type in _ARMED_TYPES}.values():
            hit[r.name] += 1
            hit_as.setdefault(r.name, r)
    out = []
    for ev in events:
        if (ev.event == "ASSAULT" and ev.actor and not ev.recipient and not _mutual(ev)
                and all(a.type in _ARMED_TYPES | _STATE_TYPES for a in ev.actor)):
            keys = _side_keys(ev.actor)
            if not any(other is not ev and keys & _side_keys(_told_sides(other)[0]) for other in attacks):
                names = {a.name for a in ev.actor}
                enemy = [(n, k) for n, k in hit.most_common()
                         if n not in names and not keys & _side_keys((hit_as[n],))]
                if (enemy and enemy[0][1] >= defaults.STORY_ENEMY_MIN_ATTACKS
                        and (len(enemy) == 1 or enemy[0][1] > enemy[1][1])):
                    ev = _replace(ev, recipient=(hit_as[enemy[0][0]],), rule=f"{ev.rule};recipient:story-enemy")
        out.append(ev)
    return out


def _verb_form_of(word: str, lemmas: frozenset[str]) -> bool:
    """Is ``word`` a regular form of one of ``lemmas`` ("retaken", "recaptured", "liberating")?"""
    return any(word == w or word in (w + "s", w + "d", w + "ed", w + "n", w + "ing", w[:-1] + "ing", w[:-1] + "ed")
               for w in lemmas)


_NAME_WORDS = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"


def _place_holders(text: str, held: frozenset[str], strongholds: frozenset[str]) -> dict[str, tuple[str, int]]:
    """The places an article says a party holds, lower-cased, each with the holder's words as
    written and their offset: "<X>-held <Place>", "<X>-held city of <Place>", "the <X> stronghold of
    <Place>", "<Place>, held by <X>". A place two holders are named for is left out."""
    found: dict[str, set[tuple[str, int]]] = {}
    if held:
        verbs = "|".join(sorted(map(re.escape, held)))
        # (the holder may be a generic party: "rebel-held Aleppo")
        for m in re.finditer(rf"\b({_NAME_WORDS}|[a-z]+)-(?:{verbs}) (?:[a-z]+ of )?({_NAME_WORDS})", text):
            found.setdefault(m.group(2).lower(), set()).add((m.group(1), m.start(1)))
        for m in re.finditer(rf"\b({_NAME_WORDS}), (?:which is |which has been |long |then )?(?:{verbs}) by (?:the )?({_NAME_WORDS})", text):
            found.setdefault(m.group(1).lower(), set()).add((m.group(2), m.start(2)))
    if strongholds:
        nouns = "|".join(sorted(map(re.escape, strongholds)))
        for m in re.finditer(rf"\b({_NAME_WORDS})(?:['’]s)? (?:{nouns}) of ({_NAME_WORDS})", text):
            found.setdefault(m.group(2).lower(), set()).add((m.group(1), m.start(1)))
    # (a place's name may run on into the next sentence where a full stop was lost: "Mosul For
    # several weeks"; its leading words are kept as well)
    out: dict[str, set[tuple[str, int]]] = {}
    for place, h in found.items():
        words = place.rstrip(".'’-").split()  # (a full stop after the name is none of it)
        for k in range(1, len(words) + 1):
            out.setdefault(" ".join(words[:k]), set()).update(h)
    return {place: next(iter(h)) for place, h in out.items() if len({x[0] for x in h}) == 1}


def _unsaid_recipients(events: list[Event], given: dict[str, Actor]) -> list[Event]:
    """Records still told with no recipient once the article is read get the party their event
    implies (``Coder._implied_target``, by event id), after folding and calibration like
    ``_unsaid_actors``: a party no words name makes no record and keeps none apart."""
    if not given:
        return events
    return [_replace(ev, recipient=(given[ev.event_id],), rule=f"{ev.rule};recipient:implied")
            if not ev.recipient and ev.event_id in given else ev for ev in events]


def _unsaid_actors(events: list[Event], given: dict[str, Actor], rule: str) -> list[Event]:
    """Records told with no actor get the one the article chose for them while coding (by event
    id): the police of an arrest told with no arrester (``st.arresters``), the government of a ban
    told with no one banning (``st.banners``), the state body that
    announced an act told with no agent (``st.announcers``, ``_speaker_as_actor``). Set after
    calibration and folding, so the record and its confidence stay what its own clause tells."""
    if not given:
        return events
    return [_replace(ev, actor=(given[ev.event_id],), rule=f"{ev.rule};{rule}")
            if not ev.actor and ev.event_id in given else ev for ev in events]


def _announcer_named(events: list[Event], given: dict[str, Actor], article_id: str) -> list[Event]:
    """A record whose own clause told its act with no agent under a named state body's
    announcement ("according to a statement by the Revolutionary Guard, the missile strikes hit
    ...", ``_speaker_as_actor``), and which another mention of the same happening gave only its
    state in general ("the Iranian missile strike", "Iran fired"), takes the body that announced
    it: the most specific name the text gives of the same side. So does one whose doers are
    office-holders told by their office alone ("the threat led officials to lock down the
    headquarters, a police statement said": the police's officials). A named party, a party of
    another state or of another kind (the government's police for an army's strike) stays."""
    if not given:
        return events
    from sitrep.dedup import is_generic

    def general(a: Actor, body: Actor) -> bool:
        if _office_holders(a, body):
            return True
        return a.country is not None and a.country == body.country and a.role is None and not is_generic(body) and (
            (is_generic(a) and a.type == body.type) or (a.type == "government" and a.name == country_name(a.country)))
    out = []
    for ev in events:
        # the announced mention may be the record's evidence or one merged into it
        told = [ev.event_id, *(event_id_for(article_id, t.trigger.start, ev.event) for t in ev.support)]
        body = next((given[k] for k in told if k in given), None)
        # (a body, not its spokesman: "spokesman X said the border was closed" names no doer)
        if (body is not None and body.role is None and ev.actor and all(a.name != body.name for a in ev.actor)
                and all(general(a, body) for a in ev.actor)):
            ev = _replace(ev, actor=(body,), rule=f"{ev.rule};actor:announcer-named")
        out.append(ev)
    return out


def _story_body(body: Actor, before: Sequence[Actor]) -> Actor:
    """A state body told by its kind alone ("a police statement said") is the one of that kind
    the story named before with a name of its own ("Dallas police received a threat"): that
    earlier mention, where the story named exactly one; else ``body`` as it is."""
    words = (body.text or "").lower().split()
    if len(words) != 1:
        return body
    named = {a.text: a for a in before
             if a.name == body.name and a.text and len(a.text.split()) > 1
             and a.text.split()[-1].lower() == words[0] and a.text[:1].isupper()}
    return next(iter(named.values())) if len(named) == 1 else body


def _office_holders(a: Actor, body: Actor) -> bool:
    """Is ``a`` office-holders told by their office alone ("officials", "the authorities") of the
    state of ``body``, a state body of another office than theirs (the police, the army)?"""
    words = (a.text or "").lower().split()
    return (a.type == "government" and a.country == body.country and body.type in _STATE_TYPES
            and body.type != a.type and bool(words) and words[-1] in defaults.ACTOR_OFFICE_HOLDERS
            and all(w in _DEFINITE for w in words[:-1]))


def _acled_from_sides(st: _ArticleState, events: list[Event]) -> list[Event]:
    """ACLED's interaction, read again from each record's final sides: the types of the actors and
    recipients it has once the article is read (story opponents, crowds, merged mentions) decide
    between battle, violence against civilians, excessive force and riot (``acled.side_readings``),
    with the tags its own trigger was coded with. The typing model's verdicts stand."""
    out = []
    for ev in events:
        if ev.event_id in st.coding_inputs and not any(r.startswith("typemodel:") for r in ev.rules):
            tags = set(st.coding_inputs[ev.event_id][0])
            for told in ev.support:  # the tags of every mention merged into it ("killed ... in clashes")
                tags |= st.coding_inputs.get(event_id_for(st.article.id, told.trigger.start, ev.event), (set(),))[0]
            tags |= {r.partition(":")[2] for r in ev.rules if r.startswith("protest-outcome:")}
            new = reread_by_sides((ev.acled_event_type, ev.acled_sub_event_type), ev.event, tags,
                                  [a.type for a in ev.actor], [r.type for r in ev.recipient], ev.mode)
            if new is not None:
                ev = _replace(ev, acled_event_type=new[0], acled_sub_event_type=new[1], rule=f"{ev.rule};acled:sides")
        out.append(ev)
    return out


#: Kinds of armed actor a described attacker ("a gunman", "the bomber") is read as.
_NONSTATE_ARMED = frozenset({"rebels", "militia", "criminal"})
#: Participles that give a described person's name: "a gunman, identified as X", "named as X".
_IDENTIFY_VERBS = frozenset("identify name".split())


def _identified(st: _ArticleState, events: list[Event]) -> list[Event]:
    """Every mention of a described attacker ("the gunman", "a gunman") in an article that
    identifies one person as that attacker names the person (``_identified_person``)."""
    people = {k: v for k, v in st.identified.items() if v is not None}
    if not people:
        return events

    def named(a: Actor) -> Actor:
        words = a.text.lower().split()
        person = people.get(words[-1]) if words and len(words) <= 3 and a.role is None else None
        if person is None or a.name == person.name or a.type not in _NONSTATE_ARMED or not _described(a):
            return a
        return _relocate(person, a.text, a.start, a.end) if a.start is not None and a.end is not None else person
    out = []
    for ev in events:
        actors = tuple(named(a) for a in ev.actor)
        out.append(_replace(ev, actor=actors, rule=f"{ev.rule};actor:identified") if actors != ev.actor else ev)
    return out


def _taken_with_no_taker(c: Candidate, words: frozenset[str]) -> bool:
    """An arrest or capture (``words``: its verbs and nouns) told with no one doing it: a passive
    ("were arrested", "were captured alive") or a noun ("the arrest of", "the capture of")."""
    t = c.trigger
    if c.event != "COERCE" or "arrest" not in c.tags or t.lemma_.lower() not in words:
        return False
    if t.pos_ in ("NOUN", "PROPN"):
        return True
    return any(ch.dep_ in ("nsubjpass", "auxpass") for ch in t.children)


def _sends_warship(t: Token) -> bool:
    """Does a deployment verb or noun send a naval vessel: its object (or the "of" phrase of
    the noun) is a warship's word ("sending the destroyer USS Cole", "deployed two frigates",
    "the deployment of an aircraft carrier")? Class: data/weapons.yaml recipient_cues.warship."""
    ships = recipient_cues().get("warship", frozenset())
    objs = [ch for ch in t.children if ch.dep_ in ("dobj", "obj", "nsubjpass")]
    objs += [g for p in t.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    return any(w.lemma_.lower() in ships for o in objs for w in (o, *(ch for ch in o.children
                                                                       if ch.dep_ in ("compound", "appos", "nmod"))))


def _unsaid_arrester(c: Candidate) -> bool:
    """An arrest told with no arrester."""
    return _taken_with_no_taker(c, _ARREST_WORDS)


def _unsaid_banner(c: Candidate) -> bool:
    """A ban told with no one banning: the noun ("a ban on"), a passive ("was banned"), or an
    infinitive with no subject of its own that a noun governs ("the move to ban X")."""
    t = c.trigger
    if c.event != "COERCE" or t.lemma_.lower() not in recipient_cues().get("ban", ()):
        return False
    if any(ch.dep_ == "agent" or (ch.dep_ == "prep" and ch.lower_ == "by") for ch in t.children):
        return False  # ("the banning of X by the school", "was banned by the court": named)
    if t.pos_ in ("NOUN", "PROPN"):
        return not _owned(t)  # (not "a school's banning of X")
    if any(ch.dep_ in ("nsubjpass", "auxpass") for ch in t.children):
        return True
    return (t.dep_ == "acl" and t.head.pos_ == "NOUN" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in t.children)
            and not any(ch.dep_ in ("nsubj", "poss") for ch in t.children) and not _owned(t.head))


def _owned(n: Token) -> bool:
    """Whether a noun has an owner that is no time ("the government's move", not "last week's move")."""
    return any(ch.dep_ == "poss" and not any(g.ent_type_ in ("DATE", "TIME") for g in ch.subtree)
               for ch in n.children)


def _unsaid_captor(c: Candidate) -> bool:
    """A capture of people told with no captor."""
    return _taken_with_no_taker(c, _CAPTURE_WORDS)


#: Verbs and nouns of taking armed men alive (not of arresting them: that is _ARREST_WORDS).
_CAPTURE_WORDS = frozenset("capture".split())


_CAPITALISED = r"(?:[A-Z]\.|[A-Z][\w'\u2019-]+)"


def _earlier_full_name(text: str, word: str, start: int) -> str | None:
    """The fuller name a lone name word takes up from earlier in the article: the last name
    written before it that begins or ends with that word ("Yingluck" -> "Yingluck Shinawatra",
    "Grossu" -> "Valentin Grossu"), titles before it left out. None for a phrase of several
    words or where no fuller name precedes."""
    if not re.fullmatch(_CAPITALISED, word) or len(word) < 3 or word.isupper():
        return None
    w = re.escape(word)
    pattern = re.compile(rf"\b(?:{_CAPITALISED} ){{0,3}}{w}(?: {_CAPITALISED}){{0,2}}\b")
    best = None
    for m in pattern.finditer(text, 0, start):
        words = m.group(0).split()
        owner = [k for k, x in enumerate(words) if x.endswith(("'s", "\u2019s"))]
        if owner:  # "Thailand's Prime Minister Yingluck Shinawatra": what follows the possessive
            words = words[owner[-1] + 1:]
        words = [x for x in words if x.lower().strip(".") not in _TITLE_WORDS]
        if len(words) >= 2 and words.count(word) == 1:
            best = " ".join(words)
    return best


#: Titles and honorifics before a name ("Prime Minister Yingluck Shinawatra", "Officer Darren Wilson").
_TITLE_WORDS = frozenset(
    "president prime minister premier officer general gen mr mrs ms dr sen senator rep king queen prince "
    "sheikh chief commander colonel col lt lieutenant captain capt sgt sergeant judge justice former then "
    "foreign defense defence interior secretary spokesman spokeswoman leader ambassador governor mayor the".split())


def _relocate(actor: Actor, text: str, start: int, end: int) -> Actor:
    from dataclasses import replace
    return replace(actor, text=text, start=start, end=end)


def _retyped(events: list[Event]) -> list[Event]:
    """The typing model's second opinion on ACLED sub-event types (only where it is confident)."""
    model = default_type_model() if RETYPE else None
    if model is None:
        return events
    return [model(ev) for ev in events]


def _calibrated(events: list[Event]) -> list[Event]:
    """Raw rule scores -> calibrated probabilities, once an event's mentions are merged."""
    cal = default_calibration() if CALIBRATE else None
    if cal is None:
        return events
    return [_replace(ev, confidence=cal(ev)) for ev in events]


#: Kinds of actor that guard or patrol: an attacker of theirs shot on the spot is shot by them.
_GUARD_TYPES = frozenset({"military", "police"})


def _attackers_stopped(cands: Sequence[Candidate], made: dict[int, Event]) -> dict[str, tuple[tuple[Actor, ...], tuple[Actor, ...]]]:
    """An attacker shot with no shooter named in the clause that follows his attack on police or
    soldiers ("the man stabbed two officers before he was shot dead", "a gunman opened fire on
    soldiers and was killed") is shot by those he attacked: the shooting's actor is the attack's
    recipient and its recipient the attacker. Only a passive with no agent whose subject is a
    pronoun, or none (a conjunct sharing the attacker as subject), hung on the attack's verb.
    By event id; set after calibration (``_shot_attackers``), as an arrest's unnamed police are."""
    out: dict[str, tuple[tuple[Actor, ...], tuple[Actor, ...]]] = {}
    by_trigger = {cands[k].trigger.i: k for k in made}
    for k, ev in list(made.items()):
        t = cands[k].trigger
        if ev.event != "ASSAULT" or ev.actor or t.dep_ not in ("advcl", "conj") or t.head.i not in by_trigger:
            continue
        if not any(ch.dep_ == "auxpass" for ch in t.children) or any(ch.dep_ == "agent" for ch in t.children):
            continue
        subj = [ch for ch in t.children if ch.dep_ == "nsubjpass"]
        if subj and (not is_pronoun(subj[0]) or subj[0].lower_ == "it"):
            continue
        attack = made[by_trigger[t.head.i]]
        if (attack.event != "ASSAULT" or not attack.actor or not attack.recipient
                or not all(r.type in _GUARD_TYPES for r in attack.recipient)
                or any(a.type in _GUARD_TYPES for a in attack.actor)):
            continue
        # (no words of the shooting's clause name the shooters: no text, no span, as an arrest's police)
        shooters = tuple(dataclasses.replace(r, text="", start=None, end=None) for r in attack.recipient)
        out[ev.event_id] = (shooters, attack.actor)
    return out


def _shot_attackers(events: list[Event], stopped: dict[str, tuple[tuple[Actor, ...], tuple[Actor, ...]]]) -> list[Event]:
    """Records of an attacker shot with no shooter named get the guards he attacked as their actor
    and him as their recipient (``_attackers_stopped``)."""
    if not stopped:
        return events
    return [_replace(ev, actor=stopped[ev.event_id][0], recipient=stopped[ev.event_id][1],
                     rule=f"{ev.rule};actor:attacked-guards")
            if not ev.actor and ev.event_id in stopped else ev for ev in events]


def _replace(ev: Event, **kw: object) -> Event:
    from dataclasses import replace
    return replace(ev, **kw)  # type: ignore[arg-type]


def _attribution_name(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in ("a", "an", "the"):
        words = words[1:]
    return " ".join(words) or text


def _dated_clause(t: Token) -> bool:
    """Does the clause of ``t`` (the verb a noun hangs on) hold a date or a time of its own?"""
    verb, steps = t, 0
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb and steps < 5:
        verb, steps = verb.head, steps + 1
    return any(w.ent_type_ in ("DATE", "TIME") for w in verb.subtree)


#: Rule of a hypothetical that a verb of calling or wanting governs (extract.wanted).
_WANTED_RULE = "modality:wanted"

#: Rule of a hypothetical event whose sentence names no party to carry it out (extract.planner_named).
_NO_PLANNER_RULE = "modality:no-planner"


def _plans_of_parties(events: list[Event], first_start: int = 0) -> list[Event]:
    """A hypothetical is a plan, offer or expectation of a party (gold GUIDELINES.md): one whose
    sentence names nobody to carry it out and that no later step gave an actor ("residents fear
    the bridge will be bombed again", "you can expect they will be fired on", "the settlement
    would have to be demolished") is a prediction, a ruling or a possibility, not a record. On voa_dev
    it removes 5 unmatched records and no matched one (usable 0.417 -> 0.423); the fast
    sentence-level sets are unchanged but for petrarch (+0.0004).

    A plan or threat that no step could tie to anyone, neither a side to carry it out nor one it
    is aimed at, and that has no time of its own, is no party's either, whatever the sentence
    names ("we will fight" on a placard, "threats from terrorists, the war in Syria ... are the
    priorities", "Mosul will be a much tougher fight"): not a record; one a verb of calling or
    wanting governs (rule ``modality:wanted``: "opposition leaders have called for protests")
    is the demand of that verb's subject, resolved or not, and stays. The headline or lead
    (the sentence at ``first_start``) is the news itself and names its parties in the words
    that follow: it is left alone (a one-sentence item too). On voa_dev it removes 6 unmatched
    records and no matched one (usable 0.438 -> 0.446)."""
    return [ev for ev in events if ev.actor or (
        _NO_PLANNER_RULE not in (ev.rule or "").split(";")
        and not (ev.modality in ("hypothetical", "threatened") and not ev.recipient
                 and ev.date_precision in (None, "publication") and ev.evidence.start > first_start
                 and _WANTED_RULE not in ev.rules))]


#: Rule of a mention told by a verb form with no tense or doer of its own (extract.untensed_without_doer), outside
#: the lead: dropped at the end where no side was found (_tallies_of_someone).
_NON_FINITE_RULE = "eventness:non-finite"


def _tallies_of_someone(events: list[Event], first_start: int = 0) -> list[Event]:
    """An aggregate that no step tied to any side, with no toll and no count ("raising fears of
    more attacks", "has provided ... thousands of airstrikes" where the provider is not read) is
    a tally of nobody's acts: nothing a record could hold. So is an infinitive, gerund or
    participle (rule ``eventness:non-finite``) that no step tied to a side: a verb form with no
    tense takes its doer from the clause around it, and with none there it names an activity
    or describes a thing ("targeting the gay community is an easy way", "outposts erected without
    permission", "the entities and individuals targeted", "started talking to locals"). The
    headline or lead (the sentence at ``first_start``) is left alone, as in
    :func:`_plans_of_parties`. On voa_dev the two remove 2 and 9 unmatched records and no
    matched one."""
    return [ev for ev in events if ev.actor or ev.recipient or ev.fatalities is not None
            or ev.injured is not None or ev.count is not None or not (
                (ev.modality == "aggregate" and ev.evidence.start > first_start)
                or _NON_FINITE_RULE in ev.rules)]


#: Modalities of a happening told as having taken place (a re-mention's host).
_TOLD_MODALITIES = frozenset({"asserted", "historical"})


def _presupposed(ev: Event) -> bool:
    """Does the mention presuppose a happening told elsewhere rather than tell one: a definite
    event noun whose clause only says what the happening was (rule ``characterised``: "the
    attack was the deadliest day for police since 2001", "the new sanctions are a culmination
    of ..."), or a definite event noun that names no party, toll or count of its own ("those
    fleeing the ongoing fighting outside Mosul", "not supposed to be engaged in the fighting")?"""
    if "characterised" in ev.rules:
        return True
    return (not ev.actor and not ev.recipient and ev.fatalities is None and ev.injured is None
            and ev.count is None and noun_trigger(ev) and mention_kind(ev) == "anaphoric")


def _presupposed_folded(events: list[Event]) -> list[Event]:
    """A mention that presupposes a happening (:func:`_presupposed`) folds, as support, into
    the nearest record of the same type told before it in another sentence whose named sides,
    weapon and (but for a characterisation) place do not clash (the text order says which
    happening a definite description takes up). The day such a mention carries is mostly its sentence's or the narrative's, so
    unlike corefer's folding it is not compared. With no such record before it, the mention is
    the only one of its happening and stays (a one-sentence item keeps it)."""
    mentions = {id(ev) for ev in events if ev.modality in _TOLD_MODALITIES and _presupposed(ev)}
    if not mentions:
        return events
    out = list(events)
    for ev in events:
        if id(ev) not in mentions:
            continue
        # (a characterising clause's place is the predicate's, "on Tehran's part", not the
        # happening's: corefer.characterises)
        characterised = "characterised" in ev.rules
        hosts = [k for k, h in enumerate(out) if id(h) not in mentions and h.event == ev.event
                 and h.modality in _TOLD_MODALITIES
                 and h.evidence.end <= ev.evidence.start and not _named_sides_clash(h, ev)
                 and not _modes_clash(h.mode, ev.mode, default_cues())
                 and (characterised or not _places_clash(h.location, ev.location))]
        if not hosts:
            continue
        k = max(hosts, key=lambda j: out[j].evidence.start)
        host = out[k]
        out[k] = dataclasses.replace(host, support=(*host.support, ev.evidence, *ev.support),
                                     rule=(host.rule or "") + ";support:presupposed")
        out = [h for h in out if h is not ev]
    return out


def _reporting_group(h: Token) -> Token | None:
    """The group that tells of what befell or what it did, taken up by "they" in the clause it
    tells ("Aid groups told Reuters that they had been attacked", "Villagers said they fled"): the
    plural noun subject of the verb of saying the pronoun's clause hangs from."""
    if h.lower_ != "they" or h.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = h.head
    while verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:  # "they were beaten and robbed"
        verb = verb.head
    if verb.dep_ not in ("ccomp", "parataxis") or verb.head.lemma_.lower() not in _SAY_VERBS:
        return None
    return next((ch for ch in verb.head.children if ch.dep_ == "nsubj" and ch.tag_ in ("NNS", "NNPS")
                 and not is_pronoun(ch)), None)


def _nearer_person(h: Token, s: int, antecedent: int | None) -> Token | None:
    """The nearer person a person pronoun ("him", "she") takes up than ``antecedent``, if any:
    a person named earlier in its own sentence, after the antecedent's last mention (at article
    offset ``antecedent``), and not the subject of the
    pronoun's own verb ("two men walked into the shop where Ley was drinking coffee and shot him":
    Ley, not a leader named two sentences before)."""
    if h.lower_ not in ("him", "her", "he", "she") or antecedent is None:
        return None
    own = {x.i for ch in h.head.children if ch.dep_ in ("nsubj", "nsubjpass") for x in ch.subtree}
    # a man or a woman the sentence tells of by a noun of their sex ("a woman ... attacked her",
    # "the body of a man buried after he was shot"): data/weapons.yaml ``recipient_cues.he``, ``she``
    sex = recipient_cues().get("he" if h.lower_ in ("he", "him") else "she", frozenset())
    # (the parser's entities are only asked for where they can matter: a bare proper noun heading
    # a subject or object with no entity type of place or body is read as a person too)
    return next((t for t in reversed(h.doc[:h.i])
                 if (t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and not t.ent_type_ and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"))
                     or (t.pos_ == "NOUN" and t.tag_ == "NN" and t.lemma_.lower() in sex))
                 and t.i not in own and s + t.idx > antecedent), None)

