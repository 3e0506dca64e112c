"""From a parsed sentence to candidate events (still holding spaCy tokens).

Reads: a spaCy ``Doc`` of one sentence. Adds: :class:`Candidate` records with
the trigger, its lexicon match, argument head tokens, modality and the
tokens that state casualties. ``sitrep.pipeline`` turns candidates into plain
:class:`sitrep.models.Event` objects; no spaCy object leaves this package.

The steps, in order:
1. find triggers (lexicon match on every token outside short quotes);
2. fold triggers that describe one event into one candidate
   ("killed in US strikes", "rocket attack", "targeted in the raid");
3. absorb events that are only the content of another ("agreed to halt
   operations", "threatened to resume attacks", "called for an end to strikes");
4. find actors and recipients from the dependency parse (active, passive,
   nominal, light verbs, control verbs, relative clauses, coordination);
5. find the mode from weapon words; 6. decide the modality.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from sitrep import defaults
from sitrep.coding import taxonomy
from sitrep.coding.lexicon import (
    Lexicon,
    TriggerMatch,
    WeaponCue,
    closed_compound,
    default_lexicon,
    eventness_words,
    person_word,
    recipient_cues,
    weapon_cues,
)
from sitrep.nlp.parser import modifier_word
from sitrep.nlp.sentences import TITLE_SMALL
from sitrep.nlp.spans import doc_text, sentence_bounds, sentence_of, tokens_of
from sitrep.resolve.actors import several_states_words
from sitrep.resolve.numbers import parse_count

# --- small closed word classes (grammar, not domain knowledge) ------------------
_SUBJ = ("nsubj", "csubj")
_OBJ = ("dobj", "obj")
_TARGET_PREPS = frozenset({"on", "against", "at", "upon", "into", "toward", "towards", "targeting"})
_LIGHT_VERBS = frozenset(
    "exert put apply pile heap impose launch carry conduct stage mount hold step intensify escalate continue resume begin start "
    "unleash wage undertake execute perpetrate commit claim make take lead organise organize "
    "order spearhead plan prepare call go join "
    # "the military is engaging in a crackdown", "slapped sanctions on Iran"
    "engage slap".split()
)
#: Light verbs by which the subject takes part in a happening already under way ("joined the
#: protest", "joined the offensive"): a participant, not the side that holds it.
_JOIN_VERBS = frozenset({"join"})
#: Nouns of a two-sided fight: someone "killed in clashes with X" was killed by X's side.
_CLASH_NOUNS = frozenset("clash confrontation fighting fight battle skirmish gunfight firefight shootout gunbattle standoff scuffle".split())
#: Verbs whose subject is a victim with no agent of its own ("three soldiers died in clashes with ...").
_DIE_VERBS = frozenset("die perish".split())
#: Nouns of an attack whose owner is its attacker ("Turkish airstrikes", "government shelling").
_STRIKE_NOUNS = frozenset("airstrike strike attack raid shelling bombing bombardment assault offensive".split())
#: Nouns of the state one is taken in: "took 20 soldiers hostage", "were taken captive".
_CAPTIVE_NOUNS = frozenset("hostage captive prisoner".split())
#: Verbs of strikes from afar whose gerund the parser may take for a clause ("army shelling").
_STRIKE_VERBS = frozenset("shell bomb bombard".split())
#: Nouns and verbs of a strike, together.
_STRIKE_WORDS = _STRIKE_NOUNS | _STRIKE_VERBS
#: Verbs whose subject undergoes the event noun they take: "X face charges", "police received a
#: threat", "the base suffered an attack", "came under attack".
_UNDERGO_VERBS = frozenset("face suffer undergo receive sustain".split())
#: Undergoing verbs that, told in the present, put the event ahead of their subject ("faces
#: trial", "are facing charges", "face execution"); in the past they tell it done ("faced an attack").
_PROSPECT_VERBS = frozenset({"face"})
#: The events that are measures taken against a party (arrest, charges, sanctions), which one faces
#: before they come.
_PROSPECT_EVENTS = frozenset({"COERCE", "SANCTION"})
#: Verbs whose object is a measure that may befall their subject, in any tense ("risk arrest").
_RISK_VERBS = frozenset({"risk"})
#: Verbs of risking or facing a measure, together.
_RISK_OR_PROSPECT_VERBS = _RISK_VERBS | _PROSPECT_VERBS
#: Verbs that put their object into a state an event noun names, and the prepositions that
#: name it: "took X into custody", "put X on notice", "placed X under arrest", "kept X in detention".
_PLACING_VERBS = frozenset("take put place keep hold".split())
_PLACING_PREPS = frozenset("into under on in".split())
#: Premises whose owner is the party acted on: "a search of Johnson's home", "raided the offices of X".
_PREMISES = frozenset("home house residence apartment flat office offices headquarters compound villa".split())
#: "arrived on a visit", "flew to Paris for talks", "embarked on a tour": the traveller acts.
_TRAVEL_VERBS = frozenset("arrive travel fly head embark".split())
_CAUSATIVE = frozenset("prompt force cause lead spark trigger provoke push drive compel order get make allow".split())
_INTENT = frozenset(
    "plan intend prepare want seek aim hope consider propose offer expect wish mean threaten vow "
    "promise pledge ready willing prepared poised set likely able decide agree look".split()
)
#: Intent verbs whose passive states a purpose of its subject rather than a plan for it ("the
#: strike was meant as retaliation", "the raid was designed to free hostages"; but "protests
#: are planned for Monday").
_PURPOSE_VERBS = frozenset({"mean", "intend", "design", "aim"})
#: Participles that put a happening on a calendar, not in the past ("the talks scheduled for
#: Tuesday", "elections slated for May"): a noun they describe is not told as done.
_SCHEDULING = frozenset("schedule slate set due plan expect announce call postpone delay".split())
#: Nouns a trigger noun may modify and still name the activity ("bombing runs", "artillery fire",
#: "suicide bombers blew themselves up").
_ACTIVITY_HEADS = frozenset(
    "run sortie mission campaign operation fire barrage raid attack strike offensive assault war term sentence "
    "crackdown spree wave bomber attacker launch test drill exercise "
    # an order names the act it orders: "eviction orders", "an arrest warrant", "a deportation notice"
    "order warrant notice".split())
#: Prepositions before a gerund that name a charge or a reason ("accused of detaining people",
#: "jailed for attacking officers"), not an occasion ("after throwing stones").
_CHARGE_PREPS = frozenset({"of", "for"})
#: Prepositions before a gerund that name a manner, a means or a contrast, not an occasion.
_MANNER_PREPS = frozenset("like against without from unlike".split())
#: Determiners that leave a noun generic ("an attack on a police officer anywhere").
#: Prepositions of absence: their object is said not to be there or not to happen.
_PRIVATIVE_PREPS = frozenset({"without"})
_GENERIC_DETS = frozenset("a an any every each all some such".split())
#: Nouns whose infinitive complement names a possibility, a duty or a manner, never an event.
_MODAL_NOUNS = frozenset(
    "right freedom power ability capacity authority permission license licence duty obligation way means "
    "need reason time chance opportunity mandate responsibility capability".split())
#: Nouns of a rate: an act told "at <rate>" is a statistic ("are arrested at much higher rates").
_RATE_NOUNS = frozenset("rate pace level frequency".split())
#: Adjectives of likelihood that a comparison turns into a statistic ("three times as likely to be
#: arrested as", "more likely to be killed than").
_LIKELIHOOD_ADJ = frozenset("likely unlikely apt prone".split())
#: Verbs of asking for or wanting something of others: a noun that is the subject of their
#: infinitive is what is asked for ("called for protests to remain peaceful").
_WANTING_VERBS = frozenset("call urge ask appeal demand want wish expect press push allow encourage".split())
#: Verbs of a state growing or lasting ("unrest mounted", "tension is rising").
_TREND_VERBS = frozenset("mount grow rise deepen worsen intensify persist simmer linger build".split())
#: Verbs by which a party threatens what it names ("vowed to strike anyone who threatens Jordan").
_THREAT_CUES = frozenset("threaten warn vow swear pledge promise".split())
_IMPLICATIVE = frozenset("manage begin start continue resume keep proceed go dare try attempt".split())
#: Verbs of carrying out an effort whose "to" clause is the act under way, not an aim: "forces
#: were working to clear the settlement", "police moved to disperse the crowd".
_EFFORT_VERBS = frozenset("work move".split())
#: Nouns that name an act by its taking or trying ("a move to ban", "a bid to retake", "an
#: attempt to kill"): told as done themselves, their "to" clause is the act taken or under way.
_ATTEMPT_NOUNS = frozenset("move bid attempt effort push drive step".split())
_NEGATING_HEADS = frozenset("fail deny refrain avoid prevent thwart foil avert stop halt end cease suspend abandon".split())
_MODALS = frozenset("would could might may should will shall can must 'd 'll".split())
_CONDITIONAL_MARKS = frozenset({"if", "unless", "provided", "providing"})
#: Prepositions whose object is a supposed happening, the condition of what the sentence says
#: ("barring a prolonged fight, the nomination is unlikely" = unless there is one; "absent a
#: ceasefire, the fighting will go on"): a closed grammatical class, like the clause marks above.
_CONDITIONAL_PREPS = frozenset({"barring", "absent"})
_SAY_VERBS = frozenset(
    "say tell report tweet claim announce state add confirm allege note insist write quote "
    "post warn explain cite reveal acknowledge".split()
)
_SPAN_SINCE = frozenset({"since"})
#: Prepositions whose object is a point of reference in time, outside a negation of the verb
#: ("not seen since the attacks", "did not return after the raid": the attack and the raid stand).
_REFERENCE_PREPS = frozenset("since after before following until till like than".split())
#: Adjectives that put an event noun in the future or among possibilities ("the upcoming battle").
_UNREALISED_ADJ = frozenset(
    "upcoming future possible potential planned imminent impending looming expected anticipated "
    "proposed prospective contemplated threatened feared promised pledged "
    "forthcoming scheduled next coming pending".split()
)
#: Participles of planning that, hung on an event noun with an infinitive or a "for" date, put it
#: still to come ("the negotiations, expected to begin in late July", "talks scheduled for May").
_PLANNED_PARTICIPLES = frozenset("expected scheduled due set slated planned timed".split())
#: Adverbs of frequency that make a statement about bare plurals a generic one.
_HABITUAL = frozenset("often usually sometimes typically generally rarely seldom frequently always commonly normally".split())
#: Adverbs of repetition that, with a bare plural, make a statement a habit ("relentlessly threatened").
_REPEATED = frozenset("repeatedly routinely regularly relentlessly constantly continually systematically habitually".split())
#: Verbs that carry out the event noun they take as object ("launched the expected offensive").
_CARRY_OUT = frozenset("launch mount carry conduct stage begin start unleash wage execute perpetrate commit hold".split())
#: A gerund after these prepositions on a noun names an activity in general ("focus on attacking").
_TOPIC_PREPS = frozenset("on in to toward towards about".split())
#: Nouns whose "of" + gerund names a way of acting, not an act ("a policy of targeting leaders").
_GENERAL_NOUNS = frozenset(
    "policy strategy tactic practice doctrine approach method means way habit history record "
    "idea notion goal aim possibility prospect capability ability option".split()
)
#: Prepositions and clause marks that make what follows the background of the sentence's news.
BACKGROUND_PREPS = frozenset("after following amid despite before over".split())
BACKGROUND_MARKS = frozenset("after before since following because".split())
#: "in response to X", "in the wake of X", "in retaliation for X": X is background.
BACKGROUND_NOUNS = frozenset("response reaction retaliation wake aftermath revenge protest".split())
#: PLOVER THREATEN mode for a threatened event type
_PERIOD_WORDS = frozenset("so far year month week since past recent last this".split())
_QUOTE_OPEN = frozenset({'"', "\u201c", "\u2018", "'", "\u00ab"})
_QUOTE_CLOSE = frozenset({'"', "\u201d", "\u2019", "'", "\u00bb"})
_DOUBLE_QUOTES = frozenset({'"', "\u201c", "\u201d", "\u00ab", "\u00bb"})
#: Lexicon entries whose trigger names the people taking part ("hundreds of protesters"), not the
#: event: a bare plural of them is a crowd, never a habit or a tally of events.
_PARTICIPANT_ENTRIES = frozenset({"protester"})
#: A quoted stretch this short is a slogan, chant or scare quote, not a report.
MAX_SLOGAN_TOKENS = 6
_PRONOUNS = frozenset("he she they it we i you him her them us".split())
#: Words inside these named entities are names, not triggers ("Popular Mobilisation Forces").
_NAME_ENTS = frozenset({"ORG", "PERSON", "GPE", "FAC", "WORK_OF_ART", "NORP", "EVENT", "LAW", "PRODUCT", "LOC"})
#: Entities that are never actors.
#: Events whose recipient is whom they are for; found in a "to"/"for" phrase when no object names it.
_BENEFICIARY_EVENTS = frozenset({"AID", "AGREE", "SUPPORT", "COOPERATE", "CONCEDE"})
#: Dependencies a beneficiary phrase may hang through on its way up to the event verb.
_BENEFICIARY_PATH = frozenset({"dobj", "xcomp", "pobj", "prep", "dative", "advcl"})
_NON_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
#: Capitalised month names that are also trigger words.
_MONTH_WORDS = frozenset({"March"})
_DATE_PREPS = frozenset("in since of last early late mid next this until till by from on between through before after during and".split())
#: The last word of a name that names a protest: "the Women's March", "the Soweto uprising".
_PROTEST_NAME_WORDS = frozenset("march rally protest uprising strike".split())
#: Verbs whose negation denies the event they take as object ("did not stage a protest",
#: "there was no attack"); negating other verbs ("would not cancel the protest", "did not
#: join the strike") leaves a definite event standing.
_EVENT_DENYING = _LIGHT_VERBS | frozenset("be have see witness report record suffer face experience carry "
                                          "violate breach break flout".split())
#: Predicates that say an event takes place: "the strike will continue" is a future strike.
_OCCURRING = frozenset("take happen occur go begin start resume proceed".split())
#: Determiners that make a noun definite (shared with the pipeline's reading of requests).
DEFINITE_DETS = frozenset("the this that these those its their his her our my your".split())
_NP_DEPS = frozenset({"compound", "amod", "nmod", "poss", "nummod", "quantmod", "case", "det", "predet", "hyph", "npadvmod", "advmod"})


@dataclass(eq=False)
class Candidate:
    """An event found in one sentence, before resolution."""

    trigger: Token
    match: TriggerMatch
    event: str
    mode: str | None
    cameo: str | None
    tags: set[str]
    confidence: float
    modality: str = "asserted"
    modality_cue: str | None = None
    actors: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    anchors: list[Token] = field(default_factory=list)  # tokens that state this event (merged triggers)
    count_token: Token | None = None
    size_token: Token | None = None
    attribution: tuple[int, int] | None = None  # char span in the sentence doc
    dropped: bool = False
    absorbed: list[Candidate] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    id_key: str = ""  # tells apart events one trigger codes several times (a verb dictionary's reverse events)


class SentenceCoder:
    """Finds candidate events in one parsed sentence."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.cues = weapon_cues()
        self._cue_by_word: dict[str, WeaponCue] = {}
        self._anchor_ids: set[int] = set()  # the sentence's trigger words (set per sentence)
        for cue in sorted(self.cues, key=lambda c: -c.rank):
            for w in cue.lemmas:
                self._cue_by_word[w] = cue

    # -- 0 -------------------------------------------------------------------
    def needs_entities(self, doc: Doc | Span) -> bool:
        """Could ``candidates`` find an event here once NER has run? Asked of a Doc
        parsed without NER; False means NER would change nothing the coder reads."""
        return next(self._anchors(doc), None) is not None

    def entity_anchors(self, doc: Doc) -> list[int]:
        """The tokens that could trigger an event once NER has run (``needs_entities`` asks
        whether there is one): the places of a long sentence where entities matter."""
        return list(self._anchors(doc))

    def _anchors(self, doc: Doc | Span) -> Iterator[int]:
        """The indices of the tokens of ``doc`` that could trigger an event, lazily."""
        sentence_words, masked = _words_and_slogans(doc)
        knows = self.lexicon.knows
        return (tok.i for tok in tokens_of(doc) if tok.is_alpha and knows(tok) and tok.i not in masked and not _inside_name(tok)
                and self.lexicon.may_match(tok, sentence_words))

    # -- 1 -------------------------------------------------------------------
    def candidates(self, doc: Doc | Span) -> list[Candidate]:
        sentence_words, masked = _words_and_slogans(doc)
        cands: list[Candidate] = []
        knows = self.lexicon.knows
        tokens = tokens_of(doc)  # (spaCy builds a Token object per visit: the sentence's, once)
        for tok in tokens:
            if tok.i in masked or not tok.is_alpha or not knows(tok):
                continue  # (match finds nothing for a word the lexicon does not know)
            if (tok.ent_type_ in _NAME_ENTS or _inside_name(tok)) and not _names_protest(tok):
                continue
            if tok.text in _MONTH_WORDS and _is_month(tok):
                continue  # "in March 2015", "March 26": the month, not a protest march
            m = self.lexicon.match_after_entities(tok, sentence_words)
            if m is None:
                continue
            cands.append(Candidate(
                trigger=tok, match=m, event=m.event, mode=m.mode, cameo=m.cameo, tags=set(m.tags),
                confidence=m.confidence, anchors=[tok], rules=[m.entry_id],
            ))
            if m.modality:
                cands[-1].modality = m.modality
                cands[-1].modality_cue = tok.text
        if not cands:
            return []
        self._masked = masked
        self._fold(cands)
        self._absorb(cands)
        _absorb_stopped(cands)
        for c in cands:
            why = None if c.dropped else _no_happening(c)
            if why is not None:
                _drop(c, why)
                verb = _unfold_verb(c, cands) if why == "activity-in-general" else None
                why = None if verb is None else _no_happening(verb)
                if verb is not None and why is not None:
                    _drop(verb, why)
        protests = {c.trigger.i for c in cands if not c.dropped and c.event == "PROTEST"}
        for c in cands:
            if not c.dropped and protests and _protested_kind(c.trigger, protests):
                # "demonstrated against Turkish attacks", "rallied against US drone strikes": what a
                # protest is against, named as a bare plural, is a kind of act (a campaign, a
                # grievance), no happening told; "against the attack on their mosque" names one
                _drop(c, "protested-kind")
        for c in cands:
            if not c.dropped and _told_again_as_a_first(c, cands):
                # "jets struck the airport on Sunday, the first time Israel has hit the capital
                # since 2013": the ordinal clause characterises the clause's own happening, told
                # by its verb; it is no second happening
                _drop(c, "characterising-clause")
        live = [c for c in cands if not c.dropped]
        n_assault = sum(c.event == "ASSAULT" for c in live)
        self._according = [t for t in tokens if t.lower_ == "according"]
        self._strong_cue, self._wide_cue = self._best_cues(tokens)
        anchors = {a.i for c in live for a in c.anchors}
        self._anchor_ids = anchors
        for c in live:
            self._arguments(c)
            # a killing or wounding is the outcome of the sentence's attack: it takes the
            # sentence's weapon even when the attack is told as a separate event
            # ("killed when a roadside bomb planted by militants detonated")
            outcome = c.match.entry_id == "kill" and c.mode is None
            self._mode(c, doc, sentence_wide=n_assault == 1 or outcome)
            self._modality(c, doc)
            self._background(c, anchors)
            self._clause(c)
            self._argument_of(c)
            self._attribution(c, doc)
            if in_caption(c.trigger):
                if c.trigger.tag_ in ("VBZ", "VBP") and c.trigger.lemma_.lower() in _POSTURE_VERBS:
                    # a caption's troops that guard, man or patrol a place show a routine
                    # scene, a post kept, not a deployment made ("a soldier guards a site near
                    # the airport, May 17, 2015")
                    _drop(c, "caption-scene")
                    continue
                c.rules.append("caption")
                if _shown_act(c.trigger):
                    c.rules.append("caption-act")
                c.confidence -= defaults.CAPTION_PENALTY
            # a happening only characterised ("the missile strike was an intended provocation")
            # is told elsewhere: capped in calibration (defaults.CHARACTERISED_CEILING)
            if any(_characterised(a) for a in c.anchors):
                c.rules.append("characterised")
            # a description of people by what they did or suffered refers to a happening:
            # coding.reference folds it into the article's own telling of it where there is one
            elif describes_party(c.trigger):
                c.rules.append("reference:party")
        # a toll over a stretch of time taken during protests ("four people were killed during
        # protests over the last week"): the deaths of that series of protests, which is recorded
        # (as ACLED puts deaths at a protest on the protest event), no series of attacks of its own
        protests = {c.trigger.i for c in live if not c.dropped and c.event == "PROTEST"}
        for c in live:
            if not c.dropped and c.event == "ASSAULT" and c.modality == "aggregate" and _toll_taken_at(c.trigger, protests):
                _drop(c, "toll-of-protests")
        return [c for c in live if not c.dropped]

    def code_given(self, c: Candidate, doc: Doc | Span) -> Candidate:
        """Arguments, modality and background of a candidate found elsewhere (a user's verb dictionary)."""
        self._masked = _quoted_slogans(doc)
        self._anchor_ids = {a.i for a in c.anchors}
        self._arguments(c)
        self._modality(c, doc)
        self._background(c, {c.trigger.i})
        return c

    # -- 2 -------------------------------------------------------------------
    def _fold(self, cands: list[Candidate]) -> None:
        by_tok = {c.trigger.i: c for c in cands}
        for c in cands:
            if c.dropped:
                continue
            t = c.trigger
            host: Candidate | None = None
            # modifier trigger inside another trigger's noun phrase: "rocket attack", "suicide bombing"
            if t.dep_ in ("compound", "amod", "nmod") and t.head.i in by_tok:
                host = by_tok[t.head.i]
            # "X was killed in/by the strike", "killed during clashes", "targeted in the raid"
            if host is None and c.event == "ASSAULT" and t.pos_ == "VERB":
                for p in t.children:
                    if p.dep_ in ("prep", "agent") and p.lower_ in ("in", "by", "during", "amid", "after", "from", "through"):
                        for o in p.children:
                            other = by_tok.get(o.i)
                            # a killing told by a kill word alone does not take in the attack told
                            # beside it: "after the execution, the embassy was attacked"
                            if (other is not None and other is not c and other.event == "ASSAULT" and o.pos_ in ("NOUN", "PROPN")
                                    and not (other.match.entry_id == "kill" and c.match.entry_id != "kill")):
                                host = other
                # "US strikes killed four fighters": the noun subject is the event (and so is an event
                # noun the tagger read as a gerund: "shelling by the rebels killed six people")
                if host is None:
                    for s in t.children:
                        if s.dep_ in _SUBJ and s.i in by_tok and by_tok[s.i].event == "ASSAULT" and (
                                s.pos_ in ("NOUN", "PROPN") or _gerund_event_noun(s)):
                            host = by_tok[s.i]
                        elif (s.dep_ in _SUBJ and s.i in by_tok and s.pos_ == "NOUN" and by_tok[s.i].match.entry_id == "riot"
                              and not by_tok[s.i].dropped):
                            # "a mob lynched a suspected thief", "an angry mob beat a man to death": the
                            # riot's own violence, one happening (ACLED: Riots, mob violence, its dead)
                            host = by_tok[s.i]
                            c.rules.append("riot-act")
            # "an attack that killed 12" / "a blast killing 5": the verb elaborates the noun
            if host is None and c.event == "ASSAULT" and t.dep_ in ("relcl", "acl", "advcl") and t.head.i in by_tok:
                h = by_tok[t.head.i]
                if h.event == "ASSAULT" and h.trigger.pos_ in ("NOUN", "PROPN"):
                    host = h
            # what a protest demands is its content, no request of its own: "marched in Cairo, calling
            # for the minister's resignation", "a rally demanding the release of ..."
            if (host is None and c.event == "REQUEST" and t.tag_ == "VBG" and t.dep_ in ("advcl", "xcomp", "acl")
                    and t.head.i in by_tok and by_tok[t.head.i].event == "PROTEST"
                    and not any(ch.dep_ in _SUBJ for ch in t.children)):
                host = by_tok[t.head.i]
            # "demonstrators demanded a reckoning": a demand voiced by protesters is their protest; the
            # verb keeps the arguments (whom it is against), the protest noun folds into it
            if host is None and c.event == "REQUEST" and t.pos_ == "VERB":
                subjects = [s for s in t.children if s.dep_ in _SUBJ]
                subjects += [x for s in subjects for x in s.conjuncts]  # ("the police and demonstrators")
                crowd = next((by_tok[s.i] for s in subjects if s.i in by_tok
                              and by_tok[s.i].event == "PROTEST" and s.pos_ == "NOUN"), None)
                if crowd is not None and not crowd.dropped:
                    c.event, c.mode, c.cameo, c.tags = crowd.event, crowd.mode, crowd.cameo, set(crowd.tags) | c.tags
                    c.rules.append("protesters-demand")
                    host, c = c, crowd
            # a participle or coordinated verb of the same event: "marched ..., chanting", "stormed and killed"
            if host is None and t.dep_ in ("advcl", "xcomp", "conj", "acl") and t.head.i in by_tok:
                h = by_tok[t.head.i]
                own_subject = any(ch.dep_ in _SUBJ + ("nsubjpass",) for ch in t.children)
                apart = t.dep_ == "conj" and not own_subject and _places_apart(h.trigger, t)
                # "threatened to attack the city after government forces shelled their positions":
                # a clause with its own subject told as before or after the other is another happening
                sequel = t.dep_ == "advcl" and _another_doer(t, t.head) and any(
                    m.dep_ == "mark" and m.lower_ in _SEQUENCE_MARKS for m in t.children)
                if (h.event == c.event and not (t.dep_ == "conj" and own_subject) and not apart and not sequel
                        and not _roles_turned(t)):
                    host = h
                elif h.event == c.event and apart:
                    c.rules.append("places-apart")
                elif h.event == c.event and _roles_turned(t):
                    c.rules.append("roles-turned")
            # "shelled the town, destroying several houses", "attacked a police post, burning two
            # vehicles", "killed 7 farmers and burned houses": property destroyed in a subjectless
            # participle or a verb sharing an attack's subject is what the attack did (ACLED codes
            # the attack), no second happening
            if (host is None and c.event == "COERCE" and "property" in c.tags
                    and ((t.tag_ == "VBG" and t.dep_ in ("advcl", "xcomp")) or (t.dep_ == "conj" and t.pos_ == "VERB"))
                    and t.head.i in by_tok and by_tok[t.head.i].event == "ASSAULT"
                    and t.i > t.head.i and not any(ch.dep_ in _SUBJ for ch in t.children)):
                host = by_tok[t.head.i]
                c.rules.append("result-of-attack")
            # "police defused a bomb planted near a school", "troops found and dismantled an IED": the
            # device a disruption takes as its object never went off; it is what was disrupted
            if (host is None and c.event == "ASSAULT" and t.pos_ == "NOUN" and t.dep_ in _OBJ
                    and t.head.i in by_tok and "disrupted" in by_tok[t.head.i].tags
                    and by_tok[t.head.i].event != "ASSAULT"):
                host = by_tok[t.head.i]
                c.rules.append("disrupted-device")
            # "marched ..., chanting": a subjectless participle of the same event anywhere in the sentence
            if host is None and t.tag_ == "VBG" and t.dep_ in ("acl", "advcl", "xcomp") and not any(ch.dep_ in _SUBJ for ch in t.children):
                host = next((o for o in cands if o is not c and not o.dropped and o.event == c.event and o.trigger.tag_ != "VBG"), None)
            # "rebels have been battling against an offensive by government forces": the fight
            # put up against an attack is that attack told from its target; the attack noun keeps
            # its own arguments, and the fighters are whom it fell on (_attack_victims)
            if host is None and c.event == "ASSAULT" and t.pos_ == "VERB" and t.lemma_.lower() in recipient_cues().get("fight_against", ()):
                host = next((by_tok[g.i] for p in t.children if p.dep_ == "prep" and p.lower_ == "against"
                             for g in p.children if g.dep_ == "pobj" and g.i in by_tok and by_tok[g.i].event == "ASSAULT"
                             and g.pos_ in ("NOUN", "PROPN") and _agents_of(g)), None)
            # "the gathering was attended by", "launched an attack": a verb trigger whose
            # subject or object is the event noun keeps the arguments; the noun folds into it
            if host is None and t.pos_ == "VERB":
                for o in t.children:
                    if (o.dep_ in _OBJ + ("nsubjpass",) and o.i in by_tok and by_tok[o.i].event == c.event
                            and o.pos_ in ("NOUN", "PROPN") and _risked_by(o) is None):
                        host = by_tok[o.i]
                        host, c = c, host  # keep the verb (it has the arguments); fold the noun into it
                        break
            if host is None or host is c or host.dropped:
                continue
            c.dropped = True
            host.anchors.extend(c.anchors)
            if "result-of-attack" not in c.rules and "disrupted-device" not in c.rules:
                # (what an attack destroyed or what a disruption stopped is not what it is: "killed 15
                # civilians and looted property" stays a killing, no looting)
                host.tags |= c.tags
            # (a protest's demand is its content, no second telling of the protest: no "fold")
            host.rules.append(f"fold:{c.match.entry_id}" if c.event == host.event else
                              f"result:{c.match.entry_id}" if "result-of-attack" in c.rules else
                              f"disrupted:{c.match.entry_id}" if "disrupted-device" in c.rules else
                              f"riot-act:{c.match.entry_id}" if "riot-act" in c.rules else
                              f"protest-content:{c.match.entry_id}")
            if c.mode and (host.mode is None or c.trigger.dep_ in ("compound", "amod", "nmod")):
                host.mode, host.cameo = c.mode, c.cameo or host.cameo
            if c.event == host.event:
                host.confidence = min(0.95, max(host.confidence, c.confidence) + 0.05)
            if c.trigger.i in by_tok:
                by_tok[c.trigger.i] = host

    # -- 3 -------------------------------------------------------------------
    def _absorb(self, cands: list[Candidate]) -> None:
        """Events that are the content of an agreement, threat or request are not events of their own."""
        holders = [c for c in cands if not c.dropped and c.match.frame == "speech" and c.event in ("AGREE", "THREATEN", "REQUEST", "COERCE", "REJECT")]
        for c in cands:
            if c.dropped:
                continue
            for h in holders:
                if h is c or h.dropped:
                    continue
                if (_governs(h.trigger, c.trigger) and _is_content(h.trigger, c.trigger)) or _in_light_verb_scope(h.trigger, c.trigger):
                    c.dropped = True
                    h.absorbed.append(c)
                    h.rules.append(f"absorb:{c.match.entry_id}")
                    if h.event == "THREATEN" and c.event == "ASSAULT":
                        h.mode = h.mode or c.mode
                    if _calls_protest(h, c):
                        # "called for a nationwide march", "called a general strike for Monday": to
                        # call a protest is to organise it, no demand of anyone -- the record is the
                        # protest its callers plan (PLOVER PROTEST, hypothetical)
                        h.event, h.mode, h.cameo, h.tags = c.event, c.mode, c.cameo, set(c.tags)
                        h.modality, h.modality_cue = "hypothetical", h.trigger.text
                        h.rules.append("called-protest")
                    break

    # -- 4 -------------------------------------------------------------------
    def _arguments(self, c: Candidate) -> None:
        t = c.trigger
        actors: list[Token] = []
        recips: list[Token] = []
        joint_sides: list[Token] = []  # "clashes between A and B": A acts on B
        opposed: list[Token] = []  # "anti-government demonstrations": whom the event is against
        captioned_partners: list[Token] = []  # "Putin, right, and Assad arrive for their meeting": Assad
        weaponish = set(self._cue_by_word)
        if t.pos_ in ("VERB", "AUX"):
            # (a passive auxiliary on a simple past is a misparse: "IS fighters bombed", "IS" read as "is")
            passive = any(ch.dep_ == "nsubjpass" or (ch.dep_ == "auxpass" and t.tag_ != "VBD") for ch in t.children)
            # "that an Iranian drone shot down by a US jet was ...": a participle with an agent is a
            # passive whose subject the parser read as active (a reduced relative taken for a clause)
            agent_passive = not passive and t.tag_ == "VBN" and any(ch.dep_ == "agent" for ch in t.children)
            passive = passive or agent_passive
            # "shot down a Russian jet", "sank a warship": a weapon brought down is what is hit,
            # where after "fired" or "launched" it is what is used
            disabled = _disables(t)
            # "shelling by the rebels killed six": an event noun the tagger read as a gerund
            gerund = _gerund_event_noun(t)
            for ch in t.children:
                if ch.dep_ in _SUBJ and agent_passive:
                    recips.append(ch)
                elif ch.dep_ in _SUBJ and not passive and not _fronted_participle(ch):
                    actors.append(ch)
                elif ch.dep_ == "nsubjpass":
                    recips.append(_adverbial_self(ch))
                elif ch.dep_ == "agent" or ((passive or gerund) and ch.dep_ == "prep" and ch.lower_ == "by"):
                    # (a "by" phrase on a passive the parser left a plain preposition is its agent:
                    # "officers were shot at a rally ..., by a gunman")
                    agents = [g for g in ch.children if g.dep_ == "pobj"]
                    actors += agents
                    # "killed by sniper fire from the factions": whom a weapon's fire came from (the
                    # parser may hang "from" on the verb)
                    actors += [x for g in agents if g.lemma_.lower() in weaponish or g.lemma_.lower() == "fire"
                               for p in (*g.children, *t.children) if p.dep_ == "prep" and p.lower_ == "from"
                               for x in p.children if x.dep_ == "pobj" and not _is_place(x)
                               and x.ent_type_ not in ("GPE", "LOC", "FAC", "DATE", "TIME")]
                elif ch.dep_ in _OBJ and c.match.frame != "speech":
                    # (what a protest is against is no weapon it uses: "to protest the shootings")
                    if (c.event != "PROTEST" and not disabled
                            and (ch.lemma_.lower() in weaponish or ch.lemma_.lower() in ("fire", "attack", "strike"))):
                        continue
                    recips.append(ch)
                elif ch.dep_ == "dative":
                    recips.append(ch)
                elif ch.dep_ == "prep" and (ch.lower_ in _TARGET_PREPS or (ch.lower_ == "with" and c.match.frame == "joint")):
                    recips += [g for g in ch.children if g.dep_ == "pobj"]
            if not passive and t.lemma_.lower() in recipient_cues().get("fall_to", ()):
                # "Kunduz fell to the Taliban": the subject is the place taken (the event's place,
                # no party); the party it fell to took it. Fighters that "fall to an army's
                # onslaught" are what it befell
                taken = {ch.i for ch in t.children if ch.dep_ in _SUBJ}
                recips += [a for a in actors if a.i in taken and any(
                    person_word(w.lemma_.lower()) or w.lemma_.lower() in _GENERIC_ACTOR_MODIFIERS
                    for w in (a, *(g for p in a.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj")))]
                actors = [a for a in actors if a.i not in taken]
                actors += [g for p in t.children if p.dep_ == "prep" and p.lower_ == "to"
                           for g in p.children if g.dep_ == "pobj" and not is_pronoun(g)
                           and (_actorish(g) or person_word(g.lemma_.lower()) or any(
                               m.dep_ in ("compound", "amod") and _actorish(m) for m in g.children))]
            if c.event in ("ASSAULT", "COERCE"):
                # "Rebels said government troops had shelled their positions": whose the site is
                recips = [_their_owner(r, t) or r for r in recips]
            if c.match.frame == "joint" and not any(r.dep_ == "prep" for r in t.children if r.lower_ == "with"):
                # "hosted a meeting with ASEAN leaders", "held a phone call with Putin": the partner
                # hangs on the event noun the verb takes as its object, not on the verb
                recips += [g for o in t.children if o.dep_ in _OBJ and not _actorish(o) and o.pos_ == "NOUN"
                           and not person_word(o.lemma_.lower()) for g in _with_parties(o)]
            if c.match.frame == "speech":
                # "accused X of", "urged X to", "pressed X": the object is the addressee
                recips += [ch for ch in t.children if ch.dep_ in _OBJ and ch.pos_ in ("PROPN", "PRON", "NOUN") and not _is_clause_object(ch)]
            if (not actors and t.tag_ == "VBG" and c.match.frame == "joint"
                    and not any(ch.dep_ in _SUBJ + _OBJ for ch in t.children)):
                # "fighting between the army and rebels displaced thousands": a gerund with no
                # subject or object of its own names the fight, whose sides follow "between"
                sides = _expand_conj([g for p in t.children if p.dep_ == "prep" and p.lower_ == "between"
                                      for g in p.children if g.dep_ == "pobj"])
                if sides:
                    actors.append(sides[0])
                    joint_sides = sides
            if not actors and not passive:
                # "... at the end of the Cold War Washington is also providing assistance" (a full
                # stop lost, "Washington" read as the object of "of"): the noun right before the
                # verb's own auxiliary is its subject, not the subject of a clause it was joined to
                actors = _subject_read_as_object(t) or _compound_subject(t)
            if not actors:
                actors = self._inherited_subject(t) or ([] if passive else _stranded_subject(t))
            misread = _finite_read_as_participle(t)
            if not actors and misread:
                actors.append(t.head)  # "A gunman ambushed and shot two officers": no relative clause
            among = _among_those(t.head) if t.dep_ == "acl" and t.tag_ == "VBN" and not misread else []
            if among:
                recips = among + recips  # "X was among those summoned": X
            elif not recips and t.dep_ in ("acl",) and t.tag_ == "VBN" and not misread:
                recips.append(t.head)  # "fighters killed in the raid"
            if passive and not any(r.dep_ == "nsubjpass" for r in recips):
                recips += _stranded_patient(t) or _subject_it_befell(t)  # "Two black men were shot", its subject hung elsewhere
            if not recips and _object_gap(t, passive):
                recips.append(t.head)  # "20 soldiers they had captured": the clause's missing object
            if not actors and t.dep_ == "relcl" and not passive:
                actors.append(t.head)  # "militants who stormed the town" (not "a woman who was beaten")
            if not actors:
                actors = _claimants(t)  # "X claimed responsibility for kidnapping ..."
            if not actors and passive and c.event == "ASSAULT":
                # "civilians were killed in Russian and Syrian government airstrikes" (a strike noun
                # the tagger read as a verb is no trigger of its own): whose strikes they were acted
                actors = _strike_owners(t)
            # "militants who stormed the town", "a militia which has attacked ... and kidnapped ...":
            # the relative pronoun stands for the noun the clause hangs from
            actors = [_main_subject_taken_up(_reported_self(_antecedent(a))) for a in actors]
        else:
            against = _opposed_in(t)
            for ch in t.children:
                if ch in against:
                    opposed.append(ch)  # "anti-India protests": India is what they oppose, not who acts
                elif (c.event == "PROTEST" and ch.dep_ in ("compound", "nmod") and ch.pos_ == "NOUN"
                      and ch.lemma_.lower() in _CROWD_MODIFIERS):
                    actors.append(ch)  # "student protests", "worker strikes": who protests
                elif ch.dep_ == "poss" and _patient_noun(t, c.tags):
                    # "Kem Ley's murder", "his arrest": whose killing or arrest it is names the
                    # victim, not the killer (who would follow "by")
                    if ch.lower_ not in _POSSESSIVE_PRONOUNS:
                        recips.append(ch)
                    else:  # "X was escorted by police following his arrest": his is the clause's subject
                        recips += _possessor_antecedent(t, ch.lower_)
                elif ch.dep_ == "poss" and ch.lower_ in _POSSESSIVE_PRONOUNS:
                    # "Mattis, during his visit to Kabul, warned", "Putin and Assad arrive for their
                    # meeting": the possessor is the subject of the clause the event noun sits in
                    host = _parenthesis_host(t, ch.lower_)
                    subject, partners = (host, []) if host else _clause_subject(t, ch.lower_)
                    if not subject:
                        subject, partners = _captioned_people(t, ch.lower_)
                        captioned_partners += partners
                    actors += subject
                    if c.match.frame == "joint":
                        recips += partners
                elif (ch.dep_ == "compound" and t.lemma_.lower() in _CAPTIVE_NOUNS and ch.tag_ in ("NNS", "NNPS")
                      and any(g.dep_ in ("nummod", "det") for g in ch.children)):
                    # "took 20 soldiers hostage": a counted noun phrase before "hostage" is whom
                    # the verb took (the parser's compound), not a kind of hostage-taker
                    recips.append(ch)
                elif ch.dep_ in ("compound", "amod", "nmod", "poss") and _actorish(ch) and ch.lemma_.lower() not in weaponish:
                    if ch.ent_type_ in ("GPE", "LOC", "FAC") and not _names_country(ch):
                        continue  # "the Baghdad gathering": a place, not a participant
                    if _capitalised_common(ch, t):
                        continue  # "... in both cities Smaller demonstrations took place": no name
                    actors.append(ch)
                elif ch.dep_ in ("prep", "agent"):
                    pobjs = [g for g in ch.children if g.dep_ == "pobj"]
                    if ch.lower_ == "by":
                        # (a weapon's word that names people is a doer: "the murder of the activist by two gunmen")
                        actors += [p for p in pobjs if p.lemma_.lower() not in weaponish or _actorish(p)
                                   or person_word(p.lemma_.lower())]
                        # "by US drones": the owner of the weapon is the actor
                        actors += [m for p in pobjs if p.lemma_.lower() in weaponish for m in p.children if m.dep_ in ("compound", "amod", "nmod", "poss") and _actorish(m)]
                    elif ch.lower_ == "at" and c.event == "CONSULT":
                        pass  # "a meeting at the White House": the venue, not a party
                    elif ch.lower_ in _TARGET_PREPS or (ch.lower_ == "of" and ("kill" in c.tags or "abduct" in c.tags or "assassination" in c.tags or "arrest" in c.tags)):
                        recips += pobjs
                    elif ch.lower_ == "of" and c.event == "ASSAULT" and "territory" not in c.tags:
                        # "the Soviet invasion of Afghanistan", "the bombardment of the YPG": a state or a
                        # named party attacked (a town after "of" is where: "the shelling of Aleppo"; and
                        # "taken control of the Afghan Taliban" is no attack on them)
                        # (and people: "the torture of a student", "the beating of protesters")
                        recips += [p for p in pobjs if _names_country(p) or (p.ent_type_ in ("ORG", "NORP", "PERSON")
                                                                           and not _is_place(p))
                                   or (p.pos_ == "NOUN" and person_word(p.lemma_.lower()))
                                   or (p.lemma_.lower() in _HELD_SITES and _site_owner(p))]  # "of YPG positions"
                    elif ch.lower_ == "of" and c.event in ("RETREAT", "MOBILIZE"):
                        # "the withdrawal of U.S. troops", "the deployment of 1,000 Marines": the forces
                        # that move are who acts
                        # ("forces from Panama" in a withdrawal: where they leave, not whose they are)
                        actors += [p for p in pobjs if not _is_place(p) and p.ent_type_ not in ("GPE", "LOC", "FAC")
                                   and not any(q.dep_ == "prep" and q.lower_ == "from" for q in p.children)]
                    elif ch.lower_ == "from" and c.event == "ASSAULT":
                        # "airstrikes from Russian warplanes", "fire from government troops": who attacks
                        # (a place it comes from is where: "rockets from Gaza")
                        src = [p for p in pobjs if not _is_place(p) and p.ent_type_ not in ("GPE", "LOC", "FAC")]
                        actors += [p for p in src if p.lemma_.lower() not in weaponish or _actorish(p)]
                        actors += [m for p in src if p.lemma_.lower() in weaponish for m in p.children
                                   if m.dep_ in ("compound", "amod", "nmod", "poss") and _actorish(m)]
                    elif ch.lower_ == "between" and not actors and pobjs:
                        # "clashes between soldiers and gangs", "violence between rival supporters":
                        # the sides act; a joint event's first side is its actor, the others its recipients
                        sides = _expand_conj(pobjs)
                        if len(sides) == 1:
                            # "skirmishes between the police, who fired tear-gas, and the protesters":
                            # a relative clause makes the parser hang the second side on the event noun
                            sides += [x for x in t.children if x.dep_ == "conj" and x.i > sides[0].i
                                      and x.tag_ in ("NNS", "NNPS", "NNP") and x.lemma_ != t.lemma_
                                      and any(cc.dep_ == "cc" and cc.lower_ == "and" for cc in t.children)][:1]
                        if len(sides) == 1:
                            sides += _second_side(t, sides[0])
                        actors.append(sides[0])
                        if c.match.frame == "joint":
                            joint_sides = sides
                    elif ch.lower_ in ("with", "between") and c.match.frame == "joint":
                        recips += pobjs
                    elif ch.lower_ == "from" and c.event in ("RETREAT", "PROTEST"):
                        pass
                    elif ch.lower_ == "to" and t.lemma_.lower() in _VISIT_NOUNS:
                        recips += pobjs  # "a visit to Kabul": the hosts (a capital stands for its government)
            if not actors and "clash" in c.tags:
                # "an exchange of 40 shots between two groups", "an exchange of fire between police and
                # gunmen": the sides hang on what is exchanged, and they are the exchange's sides
                between = [g for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
                           for o in p.children if o.dep_ == "pobj"
                           for q in o.children if q.dep_ == "prep" and q.lower_ == "between"
                           for g in q.children if g.dep_ == "pobj"]
                sides = _expand_conj(between)
                if sides:
                    actors.append(sides[0])
                    if c.match.frame == "joint":
                        joint_sides = sides
            if c.event == "CONSULT" and t.dep_ == "pobj" and t.head.lower_ == "at" and t.head.head.pos_ in ("VERB", "AUX"):
                # "Ghani speaks with Obama at the NATO summit": whoever the clause has speak "with"
                # whom at the gathering are its parties (a name on the gathering is its convener)
                verb = t.head.head
                subjects = [s for s in verb.children if s.dep_ in _SUBJ and not is_pronoun(s)]
                partners = _with_parties(verb)
                if subjects and partners:
                    actors, recips = subjects, partners
                elif not actors and not any(x.dep_ in ("nsubjpass", "auxpass") for x in verb.children):
                    # "military leaders from 14 countries offered support for Turkey at a meeting in
                    # Riyadh": people who act at the gathering in an active clause attend it (not a
                    # thing: "a bomb exploded at the meeting"; not whom it befell: "he was arrested")
                    actors = [s for s in subjects if s.ent_type_ in ("PERSON", *_PARTY_ENTS)
                              or (s.pos_ == "NOUN" and person_word(s.lemma_.lower()))]
            if "presence" in c.tags:
                # (what the front line is "of" is no force at it: "the front lines of the attack")
                actors = _present_at(t) or actors
            if not actors:
                actors = _noun_agents(t)
            if not actors:
                # "Israel responded with airstrikes on Gaza": the act one answers with is one's own
                actors, targets = _answered_with(t)
                recips += [] if recips else targets
            if not actors and c.event == "CONSULT":
                actors = _host_clause_subject(t)
            if not actors and c.event == "ASSAULT":
                actors = _come_under_source(t)
            if not actors and c.event in ("COERCE", "ASSAULT"):
                actors = _during_agent(t, clash=c.match.frame == "joint")
            if not actors:
                actors = _relative_doer(t)
            if not actors and t.dep_ == "nsubjpass" and t.head.lemma_.lower() in _LIGHT_VERBS | _PARTY_VERBS:
                # "the shooting was carried out by a lone gunman", "the deal was negotiated by ...":
                # the passive light verb's agent did what its subject names
                actors = [g for a in t.head.children if a.dep_ == "agent" or (a.dep_ == "prep" and a.lower_ == "by")
                          for g in a.children if g.dep_ == "pobj"]
            # "conducted a total of 7,323 strikes", "launched a wave of attacks": the count noun
            # stands where the event noun would, as the light verb's object
            carrier = t
            while (carrier.dep_ == "pobj" and carrier.head.lower_ == "of" and carrier.head.head != carrier.head
                   and carrier.head.head.lemma_.lower() in _COUNT_NOUNS):
                carrier = carrier.head.head
            h = carrier.head
            if carrier.dep_ in _OBJ + ("attr", "pobj") and h != carrier:
                verb = h.head if (carrier.dep_ == "pobj" and h.dep_ == "prep") else h
                if verb.lemma_.lower() in _LIGHT_VERBS or verb.pos_ == "VERB":
                    travel = verb.lemma_.lower() in _TRAVEL_VERBS and c.event != "ASSAULT"
                    # "Kataib Hezbollah violated the ceasefire": the violator acts
                    violation = "ceasefire-violation" in c.tags
                    # "Iran reached a deal", "the Senate ratified the treaty": whoever makes or adopts an
                    # agreement is its party
                    adopted = c.event == "AGREE" and carrier.dep_ in _OBJ and verb.lemma_.lower() in _PARTY_VERBS | _ADOPT_VERBS
                    if adopted and all(a.dep_ == "compound" and a.pos_ == "NOUN" for a in actors):
                        actors = []  # (a kind word on it names no party: "a security agreement")
                    # (a protest before or after the verb's act is the crowd's: "the army imposed a
                    # curfew after the riots", "police made arrests following the protest"; an
                    # attack so told is often the subject's own: "police carry a computer after a raid")
                    sequel = (c.event == "PROTEST" and carrier.dep_ == "pobj"
                              and h.lower_ in _SEQUENCE_MARKS | {"following"})
                    # "militants set off a bomb", "helicopters dropped barrel bombs": whoever puts the
                    # weapon to use attacks with it (a verb that is a trigger itself tells the attack
                    # with its doer: "fired mortars during clashes")
                    used = carrier.dep_ in _OBJ and c.event == "ASSAULT" and verb.i not in self._anchor_ids and (
                        verb.lemma_.lower() in _WEAPON_USE_VERBS
                        or (verb.lemma_.lower() == "set" and any(p.dep_ == "prt" and p.lower_ == "off" for p in verb.children)))
                    if (actors and carrier.dep_ in _OBJ and verb.lemma_.lower() in _LIGHT_VERBS
                            and all(a.head.i == t.i and a.dep_ in ("amod", "compound") and a.is_lower for a in actors)
                            and any(s.dep_ in _SUBJ for s in verb.children)):
                        # "the Iraqi Army launched a military operation": a kind word in small letters on the
                        # noun says what sort of operation it is; the light verb's subject says whose
                        actors = []
                    if not actors and not sequel and (verb.lemma_.lower() in _LIGHT_VERBS or travel or violation or adopted or used):
                        actors = ([_antecedent(s) for s in verb.children if s.dep_ in _SUBJ]
                                  or self._inherited_subject(verb) or _stranded_subject(verb))
                        if actors and verb.lemma_.lower() in _JOIN_VERBS:
                            # "a teacher joined the protest": one who joins a happening takes part in
                            # it; the side that holds it is told elsewhere (coding.corefer.fold)
                            c.rules.append("joiner")
                    if verb.lemma_.lower() == "engage" and not recips:
                        # "rebels engaged peacekeepers in a firefight": the object is the other side
                        recips += [o for o in verb.children if o.dep_ in _OBJ and o != carrier]
                    if (carrier.dep_ == "pobj" and h.lower_ in _PLACING_PREPS and verb.lemma_.lower() in _PLACING_VERBS
                            and not recips):
                        # "took a man into custody", "put Iran on notice", "placed him under arrest":
                        # whoever is put into the state the event noun names is its target
                        recips += [o for o in verb.children if o.dep_ in _OBJ and o != carrier]
                    if verb.lemma_.lower() in _RISK_VERBS and carrier.dep_ in _OBJ and c.event in _PROSPECT_EVENTS:
                        # "agitators who ignore orders to disperse risk arrest": whoever risks it is its
                        # target, and it lies ahead in any tense ("they risked arrest" is no arrest)
                        recips = [_antecedent(s) for s in verb.children if s.dep_ in _SUBJ] + recips
                        _set(c, "hypothetical", verb.text)
                        if _conduct_named(verb):
                            c.rules.append("warning")
                    if verb.lemma_.lower() in _UNDERGO_VERBS and carrier.dep_ in _OBJ:
                        # "Sidasathian and Morison face charges": whoever faces it is its target;
                        # "Dallas police received an anonymous threat against officers": whoever
                        # receives it is addressed, beside whom it names
                        recips = [_antecedent(s) for s in verb.children if s.dep_ in _SUBJ] + recips
                        if (verb.lemma_.lower() in _PROSPECT_VERBS and c.event in _PROSPECT_EVENTS
                                and verb.tag_ in ("VBZ", "VBP", "VBG") and not _perfect(verb)):
                            # "two journalists are facing charges", "he faces arrest": told in the
                            # present, a measure one faces lies ahead (a trial, an arrest), not done
                            # now (protests or attacks one faces are under way: "the regime faces
                            # mounting protests")
                            _set(c, "hypothetical", verb.text)
                            if _conduct_named(verb):
                                c.rules.append("warning")  # "anyone who crosses will face arrest"
                    if not recips:
                        for p in verb.children:
                            if p.dep_ == "prep" and p.lower_ in _TARGET_PREPS:
                                # (not the event noun itself: "officers were shot at a rally")
                                recips += [g for g in p.children if g.dep_ == "pobj" and g.i != carrier.i]
            risked = _risked_by(t)
            if risked is not None and c.event in _PROSPECT_EVENTS and not actors:
                # "agitators who ignore orders to disperse risk arrest": the parser read the verb as a
                # kind of arrest; those the relative clause it ends tells of are whom the measure awaits
                addressee = _relative_head(t)
                _set(c, "hypothetical", risked.text)
                if addressee is not None:
                    recips = [addressee]
                    c.rules.append("warning")
            if not actors or all(a.dep_ == "compound" and a.pos_ == "NOUN" for a in actors):
                # (who claimed the attack says more than a kind word on it: "IS-claimed terror attacks")
                actors = _claimants(t) or actors
            if not actors and carrier.dep_ in _SUBJ and h.lemma_.lower() in _ERUPT_VERBS:
                # "violence erupted between supporters of A and B"
                actors = [g for p in h.children if p.dep_ == "prep" and p.lower_ == "between"
                          for g in p.children if g.dep_ == "pobj"]
            if not actors and c.match.frame == "joint" and c.event == "ASSAULT":
                actors = _when_clause_side(carrier)
            if (carrier.dep_ in _SUBJ and h.pos_ == "VERB" and c.event != "PROTEST"
                    and h.lemma_.lower() in ("kill", "hit", "target", "wound", "injure", "destroy", "leave", "claim", "damage")):
                # (not a protest's: "the protests have claimed the lives of two students" tells who
                # died in them, not whom the protesters were against)
                recips += [o for o in h.children if o.dep_ in _OBJ]
        owner = _misread_owner(t) if c.event == "ASSAULT" else None
        if owner is not None:
            # "died in army shelling", "killed in rebel shelling of a post": the noun the parser
            # took for the preposition's object is the strike's owner (no subject of a clause)
            actors = [owner]
        # folded verbs bring their own arguments: "four fighters were killed in US strikes"
        for a in c.anchors[1:]:
            if a.pos_ == "VERB" and a != t:
                for ch in a.children:
                    if ch.dep_ == "nsubjpass" or (ch.dep_ in _OBJ and ch.lemma_.lower() not in weaponish):
                        recips.append(ch)
                    elif ch.dep_ == "agent" and not actors:
                        actors += [g for g in ch.children if g.dep_ == "pobj"]
                    elif ch.dep_ in _SUBJ and not actors and ch.i not in {x.i for x in c.anchors}:
                        actors.append(ch)
                    elif ch.dep_ == "prep" and ch.lower_ in _TARGET_PREPS and not any(_names_party(r) for r in recips):
                        # "marched in Lagos to protest against President Buhari", "opened fire and
                        # shot at the crowd": the folded verb's target phrase names whom it is against
                        # (beside things the first verb took: "set up barricades and threw stones at
                        # officers")
                        recips += [g for g in ch.children if g.dep_ == "pobj"]
                if a.dep_ == "acl" and a.tag_ == "VBN":
                    recips.append(a.head)
                if (not actors and a.dep_ == "conj" and not _is_passive(a)
                        and not any(ch.dep_ in _SUBJ + ("nsubjpass",) for ch in a.children)):
                    # "soldiers shot and killed a teenager during clashes": a coordinated verb's
                    # subject is its first verb's
                    actors += self._inherited_subject(a)
        if t.pos_ in ("NOUN", "PROPN") and not recips and ({"kill", "assassination", "abduct", "arrest"} & c.tags):
            recips += _of_objects(t)
        if t.pos_ in ("NOUN", "PROPN") and not recips and c.event in ("ASSAULT", "COERCE"):
            # "a search of Johnson's home", "the storming of the offices of Al Jazeera": premises searched
            # or stormed name their owner
            recips += [g for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
                       for g in p.children if g.dep_ == "pobj" and _premises_owner(g)]
        if t.pos_ in ("NOUN", "PROPN") and not recips and c.event in ("ASSAULT", "COERCE"):
            # "the torture and death of a student": coordinated event nouns share the "of" phrase
            # that follows the last of them
            # (not a conjunct with a determiner of its own, a noun phrase of its own: "airstrikes
            # and a strong contingent of Shi'ite militias")
            recips += [g for x in t.children if x.dep_ == "conj" and x.pos_ == "NOUN" and not any(d.dep_ == "det" for d in x.children)
                       for p in x.children if p.dep_ == "prep" and p.lower_ == "of"
                       for g in p.children if g.dep_ == "pobj" and not _is_place(g) and g.ent_type_ not in ("GPE", "LOC", "FAC")]
        if c.event == "ASSAULT" and not any(_names_party(r) for r in recips):
            # the attack's own phrase names nobody it fell on: the clause around it may ("rebels
            # battled against an offensive by X", "an offensive to retake the city from IS",
            # "37 foreigners died after Islamists stormed the refinery")
            recips += _attack_victims(t)
        if c.event == "COERCE" and "arrest" in c.tags and t.pos_ in ("NOUN", "PROPN") and not recips:
            # "scores of arrests following April protests", "arrests during the demonstrations": an
            # arrest told only by the protest it followed is of the protesters (the pipeline names
            # the protest noun's crowd)
            recips += self._protests_beside(t)
        if c.event == "RETREAT" and t.pos_ == "VERB" and not recips:
            # "withdrew from Kurdish towns, handing control over to the YPG", "surrendered to the army":
            # whom ground or arms are handed to is the other side of the withdrawal
            recips += _handed_to(t)
        if "territory" in c.tags and t.pos_ == "VERB":
            # "liberated the city of Fallujah from Islamic State fighters": the place taken is
            # where, not whom; whoever it was taken from is the recipient
            places = [r for r in recips if _is_place(r)]
            holders = [t, *(x for r in places for x in r.subtree)]  # "from" may hang off the place
            losers = [g for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "from"
                      for g in p.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN") and not _is_place(g)]
            # "retook the airport that had been controlled by Islamic State": its holder lost it
            losers += [g for r in places for g in _holders(r)]
            recips = [r for r in recips if r not in places] + losers
        # "shelled positions controlled by the YPG", "retook the airport held by Islamic State",
        # "rebels holding the base": a place or site is where; whoever holds it is the party hit
        recips = [h for r in recips for h in (_holders(r) if _is_place(r) or r.lemma_.lower() in _HELD_SITES else []) or [r]]
        if c.event in ("COERCE", "ASSAULT"):
            # "a search of Johnson's home", "raided the offices of Al Jazeera": whose premises they are
            # is who is acted on (the building itself names no party)
            recips = [o for r in recips for o in (_premises_owner(r) or [r])]
        if c.event == "COERCE" and t.lemma_.lower() in recipient_cues().get("ban", ()):
            # "a decree prohibiting public gatherings", "banned all rallies": the activity banned is
            # no party (who would have gathered is not told)
            recips = [r for r in recips if _actorish(r) or not self._names_happening(r)]
        if c.event == "SANCTION":
            # "cut ties to Qatar", "suspended military aid to Thailand", "canceled exercises with
            # Thailand": what is cut is a thing; whom it was with is the party sanctioned
            things = [r for r in recips if r.pos_ == "NOUN" and not _actorish(r) and r.ent_type_ == ""]
            # coordinated things share the phrase the parser hangs on one of them: "canceled
            # training and readiness exercises with Thailand"
            holders_of = [t] + things + [x for r in things for x in r.conjuncts if x.pos_ == "NOUN"]
            partners = [g for h in holders_of for p in h.children if p.dep_ == "prep" and p.lower_ in ("to", "with")
                        for g in p.children if g.dep_ == "pobj" and (_actorish(g) or _names_country(g))]
            if partners:
                recips = [r for r in recips if r not in things] + partners
            # "sanctions on 13 individuals and 12 entities linked to Tehran's missile program":
            # targets named only by their ties are sanctioned for whom they are tied to
            tied = {r.i: _tied_to(r) for r in recips}
            if any(tied.values()):
                described = {x.i for r in recips if tied[r.i] for x in (r, *r.conjuncts)}
                recips = _dedupe([r for r in recips if r.i not in described] + [p for r in recips for p in tied[r.i]])
        if c.event == "MOBILIZE":
            # "thousands more soldiers will be sent into Syria", "deployed 1,000 Marines to Darwin":
            # the forces moved are the mobilizing side, where they go is a place, not a party
            # ("some of his American forces were placed": the forces, not "some")
            forces = [r for r in recips if r.dep_ in _OBJ + ("nsubjpass",) and _quantity_head(r).pos_ in ("NOUN", "PROPN")
                      and not _is_place(_quantity_head(r))]
            if not actors:
                actors = forces
            recips = [r for r in recips if r not in forces and not _is_place(r) and not _names_country(r)
                      and r.ent_type_ not in ("GPE", "LOC", "FAC")]
        if c.event == "ASSAULT" and not actors:
            # "protesters were killed in clashes with security forces", "he was killed during a
            # confrontation with officer X", "two soldiers died in fighting with militants": seen from
            # the victims, the other side of the fight is who killed them
            victims, party = _clash_sides(t)
            if party:
                actors = party
                recips = victims + [r for r in recips if r not in party and r not in victims]
        accused = _accused_party(t)
        if accused:
            # "accused rebels of attacking", "blamed the attack on militants", "blame the network
            # for the attack": whoever is blamed is who the event's teller says acted
            actors = accused
            recips = [r for r in recips if r not in accused]
        anchor_ids = {x.i for x in c.anchors}
        # "Chea Vichea, a unionist who was murdered": the relative pronoun stands for the unionist,
        # and the unionist is the name it is apposed to
        recips = [_linked_noun(_noun_after_acronym(_antecedent(r))) for r in recips]
        recips = [_quantity_head(r.head if r.dep_ == "appos" else r) for r in recips]
        if t.pos_ in ("NOUN", "PROPN"):
            # "a coup against his predecessor - the late Hugo Chavez": a name set off after the
            # noun's object, which the parser hangs on the event noun, is the object's own name
            names = [a for a in t.children if a.dep_ == "appos" and a.ent_type_ in ("PERSON", "ORG", "NORP")]
            recips = [names[0] if (names and r.pos_ == "NOUN" and not r.ent_type_ and r.i < names[0].i
                                   and r.dep_ == "pobj" and r.head.head == t) else r for r in recips]
        actors = [_quantity_head(a) for a in actors if _argument_ok(_quantity_head(a), anchor_ids, self._masked)]
        if len(actors) > 1:  # a misparsed second subject that is a place: "... near Baghdad's Green Zone"
            places = [a for a in actors if a.dep_ in _SUBJ and a.ent_type_ in ("GPE", "FAC", "LOC") and not _names_country(a)]
            if len(places) < len(actors):
                actors = [a for a in actors if a not in places]
        c.actors = [x for x in _titles_of_names(_expand_conj(_dedupe(actors))) if _argument_ok(x, anchor_ids, self._masked)
                    and (x in actors or not any(p in x.subtree for p in captioned_partners))]  # (not a misparsed
        # conjunct that holds the partner: "Putin ... and Assad arrive")
        c.recipients = [r for r in _titles_of_names(_expand_conj(_dedupe(recips)))
                        if r not in c.actors and _argument_ok(r, anchor_ids, self._masked)]
        if c.match.frame == "trace":
            # "police found the bodies of three men", "bodies found by villagers": whoever finds,
            # recovers or digs up the trace of a killing is no party to it; the dead stay the target
            c.actors = []
        if joint_sides and c.actors[:1] == joint_sides[:1]:
            others = [x for x in joint_sides[1:] if _argument_ok(x, anchor_ids, self._masked)]
            c.actors = [x for x in c.actors if x not in others]
            c.recipients = _dedupe(others + [r for r in c.recipients if r not in others])
        if opposed and not any(_actorish(r) for r in c.recipients):
            # (what an "anti-" modifier names is the target before a word of no party the
            # prepositions lent: "an anti-Putin placard at a rally")
            c.recipients = [o for o in opposed if o.i not in anchor_ids and o.i not in self._masked
                            and (_actorish(o) or o.text[:1].isupper()) and o not in c.actors] or c.recipients
        if c.event == "PROTEST" and not any(_actorish(r) for r in c.recipients):
            # "anti-government demonstrators marched", "Anti-Syrian regime mourners chant": what the
            # crowd is against is whom the protest addresses (rather than what they chanted)
            # (the parser may tag the opposed word an adjective: "anti-government"; and the crowd noun
            # a verb, "mourners" read as "mourns", or set it off after a caption's words: "Other
            # attacks - Anti-Syrian regime mourners chant": the clause's subject and what is apposed
            # to it are the crowd all the same)
            crowd = _dedupe([*c.actors, *(x for s in t.children if s.dep_ in _SUBJ and t.pos_ in ("VERB", "AUX")
                                          for x in (s, *(a for a in s.children if a.dep_ == "appos")))])
            against = [o for a in crowd for o in _opposed_in(a)
                       if o not in c.actors and o.i not in anchor_ids and o.i not in self._masked]
            if against and not c.actors:
                # the crowd an "anti-" modifier tells the target of is the one that protests
                # ("Anti-Syrian regime mourners chant": the mourners), named by its own words
                c.actors = [a for a in crowd if any(o in against for o in _opposed_in(a))
                            and a.i not in anchor_ids and a.i not in self._masked][:1]
            c.recipients = against or c.recipients
        if c.event == "PROTEST" and _acclaims(t):
            # "took to the streets to welcome Trump", "rallied to celebrate the verdict": a rally for
            # someone is against nobody; whom it acclaims is no target (and the story's other
            # protests lend it none: the pipeline reads the rule)
            acclaimed = {x.i for v in _acclaims(t) for o in v.children if o.dep_ in _OBJ for x in (o, *o.conjuncts)}
            c.recipients = [r for r in c.recipients if r.i not in acclaimed]
            c.rules.append("rally-for")
        if c.event == "PROTEST" and not any(_actorish(r) for r in c.recipients) and "rally-for" not in c.rules:
            # "took to the streets to voice their opposition to Thursday's coup", "gathered to denounce
            # the killings": what the purpose clause opposes is what the protest is against (over a
            # phrase of no party the verb took: "to the streets" is where, not whom)
            c.recipients = [r for r in _purpose_opposed(t) if r not in c.actors
                            and _argument_ok(r, anchor_ids, self._masked)] or c.recipients
        if c.event == "PROTEST" and not c.recipients and "rally-for" not in c.rules:
            c.recipients = _slogan_targets(t.doc, self._masked)
        if not c.recipients and c.event == "REQUEST" and t.pos_ == "VERB":
            # "demanded that the United States match ...": whoever must act is addressed
            c.recipients = [r for r in _expand_conj([sub for cl in t.children if cl.dep_ == "ccomp"
                                                     for sub in cl.children if sub.dep_ in _SUBJ])
                            if r not in c.actors and _argument_ok(r, anchor_ids, self._masked)][:2]
        if c.event == "THREATEN" and "warning" in c.tags and t.dep_ == "pobj" and t.head.dep_ == "prep":
            # "Iran is playing with fire, Trump tweeted": a warning told of its addressee names no
            # doer; whoever says it warns (the pipeline's speaker)
            c.recipients = [_antecedent(s) for s in t.head.head.children if s.dep_ in _SUBJ]
            c.actors = []
            c.rules.append("warning")
            if not c.recipients:  # "children playing with fire": no one warned
                _drop(c, "warning-unaddressed")
        if c.event == "THREATEN" and t.lemma_.lower() in _GUARDING_VERBS:
            # "will not hesitate to defend coalition forces from any threat": what is guarded is the
            # threatening side's own; the threat is to whoever it is guarded from
            guarded = {x.i for o in t.children if o.dep_ in _OBJ for x in (o, *o.conjuncts)}
            c.recipients = [r for r in c.recipients if r.i not in guarded] + [
                g for p in t.children if p.dep_ == "prep" and p.lower_ in ("from", "against")
                for g in _expand_conj([x for x in p.children if x.dep_ == "pobj"])
                if _actorish(g) and g not in c.recipients and _argument_ok(g, anchor_ids, self._masked)]
        elif not c.recipients and c.match.frame == "speech":
            target = _content_target(t)
            if target is not None and _argument_ok(target, anchor_ids, self._masked):
                c.recipients = _expand_conj([target])
        if c.event in _BENEFICIARY_EVENTS and not any(_actorish(r) for r in c.recipients):
            # "send arms to Pakistan": the object is a thing; a noun trigger's phrase hangs off its verb
            governor = t.head if t.pos_ == "NOUN" and t.dep_ in _OBJ and t.head.pos_ == "VERB" else t
            c.recipients += [r for r in _expand_conj(_beneficiaries(governor))
                             if r not in c.actors and r not in c.recipients and _argument_ok(r, anchor_ids, self._masked)]
        if c.event == "ASSAULT" and c.recipients:
            # "a drone shot down ... was being operated by the IRGC", "a tanker owned by X was hit": a
            # machine or vehicle hit befalls whoever the text says operates or owns it
            c.recipients = _dedupe([op if op is not None and op not in c.actors and _argument_ok(op, anchor_ids, self._masked)
                                    else r for r in c.recipients for op in [_operator_of(r, t)]])

    def _names_happening(self, n: Token) -> bool:
        """Is the noun a word the lexicon knows for an event ("gatherings", "rallies", "strikes"),
        not a word for people ("protesters")?"""
        return n.pos_ == "NOUN" and self.lexicon.knows(n) and not person_word(n.lemma_.lower()) and not _force_word(n)

    def _protests_beside(self, t: Token) -> list[Token]:
        """The protest nouns an arrest noun (or the count noun it fills: "scores of arrests") is
        said to follow or fall in ("following protests", "during the demonstrations")."""
        holders = [t]
        while holders[-1].dep_ == "pobj" and holders[-1].head.lower_ == "of" and holders[-1].head.head.pos_ == "NOUN":
            holders.append(holders[-1].head.head)
        out = []
        for h in holders:
            for p in h.children:
                if p.dep_ in ("prep", "acl") and p.lower_ in _PROTEST_TIME_PREPS:
                    for g in p.children:
                        if g.dep_ in ("pobj", "dobj") and g.pos_ == "NOUN":
                            m = self.lexicon.match(g)
                            if m is not None and m.event == "PROTEST":
                                out.append(g)
        return out

    def _inherited_subject(self, t: Token) -> list[Token]:
        """Subject of a verb with none of its own: control, coordination, participles."""
        seen = 0
        cur = t
        while seen < 4 and cur.head != cur:
            seen += 1
            h = cur.head
            if cur.dep_ in ("xcomp", "acomp"):
                objs = [o for o in h.children if o.dep_ in _OBJ]
                if objs and h.lemma_.lower() in _CAUSATIVE:
                    return objs  # "prompted militiamen to fire"
                subs = [s for s in h.children if s.dep_ in _SUBJ]
                if subs:
                    return subs
                if cur.dep_ == "xcomp" and not _is_passive(cur) and any(
                        a.dep_ == "aux" and a.lower_ == "have" for a in cur.children):
                    # "U.S. forces are said to have targeted the airfield", "militants are believed to
                    # have kidnapped 20 villagers": the passive's subject did what it is said to have
                    # done (a perfect infinitive: a deed told as done; not a relative pronoun's)
                    subs = [s for s in h.children if s.dep_ == "nsubjpass" and s.lower_ not in _RELATIVE_PRONOUNS]
                    if subs:
                        return subs
                if h.dep_ in ("xcomp", "acomp", "conj"):
                    cur = h
                    continue
                return []
            elif cur.dep_ in ("conj", "advcl", "ccomp") and h.pos_ in ("VERB", "AUX"):
                if cur.dep_ == "advcl" and _finite(cur):
                    return []  # a finite adverbial clause has a subject of its own, even one the parser lost
                above = _conjunct_hung_too_low(cur)
                if above is not None:
                    return [s for s in above.children if s.dep_ in _SUBJ] or self._inherited_subject(above)
                subs = [s for s in h.children if s.dep_ in _SUBJ] or _compound_subject(h)
                if subs and cur.dep_ != "ccomp":
                    return subs
                if cur.dep_ == "ccomp":
                    return []
                if cur.dep_ == "conj" and _active_with_object(cur):
                    # "rebels have been engaged in a war, and this week attacked a warship": an
                    # active verb with an object shares the passive head's subject
                    # (not a relative clause's: "a woman who was beaten and set alight")
                    subs = [s for s in h.children if s.dep_ == "nsubjpass" and s.lower_ not in _RELATIVE_PRONOUNS]
                    if subs:
                        return subs
                    subs = _subject_read_as_object(h)
                    if subs:
                        return subs
            elif cur.dep_ == "pcomp" and cur.tag_ == "VBG" and h.dep_ == "prep" and h.head.pos_ in ("VERB", "AUX"):
                return _gerund_controller(h)
            elif cur.dep_ in ("relcl", "acl"):
                if cur.dep_ == "acl" and _infinitive_of_plan(cur):
                    # "Iraqi forces launched a new bid to retake ...": whoever takes up the bid acts
                    v = h.head
                    return [s for s in v.children if s.dep_ in _SUBJ] or self._inherited_subject(v)
                return [h] if cur.tag_ != "VBN" else []
            else:
                return []
            cur = h
        return []

    # -- 5 -------------------------------------------------------------------
    def _mode(self, c: Candidate, doc: Doc | Span, *, sentence_wide: bool) -> None:
        if c.event not in ("ASSAULT", "THREATEN"):
            return
        near: list[Token] = []
        for a in c.anchors:
            near += [a] + list(a.children) + [g for ch in a.children for g in ch.children]
            if a.head != a:
                near.append(a.head)
        strong = self._strong_cue
        if strong is not None and c.event == "ASSAULT":
            self._apply_cue(c, strong)
            return
        local = self._best_cues(near)[1]
        if local is not None and (c.mode is None or local.mode == c.mode or local.rank <= _rank_of(self.cues, c.mode)):
            self._apply_cue(c, local)
            return
        if c.mode is None and sentence_wide:
            wide = self._wide_cue
            if wide is not None:
                self._apply_cue(c, wide)
                c.confidence -= 0.05

    def _best_cues(self, tokens: list[Token]) -> tuple[WeaponCue | None, WeaponCue | None]:
        """The best weapon cue among the tokens that may reach the whole sentence, and the best of all,
        in one pass (lowest rank first; "fighter" and "air force" name no weapon)."""
        wide: WeaponCue | None = None
        best: WeaponCue | None = None
        words = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
        for t in tokens:
            for w in (t.lemma_.lower(), t.lower_):
                cue = self._cue_by_word.get(w)
                if cue is None or (cue.require_near and words.isdisjoint(cue.require_near)):
                    continue
                if w == "fighter" or (w == "air" and t.head.lemma_.lower() in ("force", "base", "port", "space")):
                    continue
                if best is None or cue.rank < best.rank:
                    best = cue
                if cue.sentence_wide and (wide is None or cue.rank < wide.rank):
                    wide = cue
        return wide, best

    @staticmethod
    def _apply_cue(c: Candidate, cue: WeaponCue) -> None:
        c.mode = cue.mode
        c.tags |= set(cue.tags)
        if c.event == "ASSAULT" and cue.cameo and (c.cameo is None or c.cameo in ("190", "180", "1823")):
            c.cameo = cue.cameo
        c.rules.append(f"mode:{cue.mode}")

    # -- 6 -------------------------------------------------------------------
    def _modality(self, c: Candidate, doc: Doc | Span) -> None:
        t = c.trigger
        # habits of a kind of people: "people have been relentlessly threatened, arrested and
        # prosecuted", "activists are routinely detained" (a bare plural subject and an adverb of
        # frequency on the verb)
        first = t  # coordinated verbs share the first one's subject and adverbs ("threatened, arrested")
        while first.dep_ == "conj" and first.head.pos_ == "VERB" and not any(
                ch.dep_ in ("nsubj", "nsubjpass") for ch in first.children):
            first = first.head
        if t.pos_ == "VERB" and any(ch.dep_ == "advmod" and ch.lower_ in _HABITUAL | _REPEATED
                                    for v in {t, first} for ch in v.children):
            subjects = [ch for ch in first.children if ch.dep_ in ("nsubj", "nsubjpass")]
            # (a named side is a party, not a kind: "Israeli soldiers routinely beat up detainees")
            if subjects and all(sj.tag_ in ("NNS", "NNPS") and not any(
                    d.dep_ in ("det", "poss", "nummod") or d.ent_type_ in ("NORP", "GPE", "ORG") or d.pos_ == "PROPN"
                    for d in sj.children) for sj in subjects):
                _drop(c, "generic-habit")
                return
        # "the security agents who target dissidents", "guards who patrol the strait", "a charity
        # that provides aid to the families": a relative clause in the simple present says what
        # its noun's people do as a role or a habit, no happening (a speech act's present is a
        # stance held now, "the opposition, which rejects the deal", and stays)
        if c.match.frame != "speech" and _habitual_relative(t):
            _drop(c, "habitual-relative")
            return
        why = _first_reason(t, (
            # what has befallen a kind of people at the hands of a kind of people, in the present
            # perfect with no time, place or number ("rights defenders have been targeted by
            # authorities", "journalists have been harassed by officials"): a state of affairs
            (_kind_by_kind, "generic-perfect"),
            # ... or keeps befalling them ("activists that continue to be targeted by the government")
            (_goes_on_for_a_kind, "generic-ongoing"),
            # what keeps happening to a kind of people, told in the present progressive with no time
            # of its own ("our troops are being killed by the men we train", "people are being
            # prosecuted"): a state of affairs, no particular happening ("Yingluck is being detained",
            # "the five hostages are being held" name whom it befalls)
            (_ongoing_to_a_kind, "generic-ongoing"),
            # whom a party is at war with, told in the present with nothing that places or dates
            # it ("the coalition says it is fighting IS, not Assad"): a role over a war
            (_side_in_a_war, "campaign-role"),
        ))
        if why is not None:
            _drop(c, why)
            return
        if c.event == "THREATEN":
            c.modality = "threatened"
            return
        # conditions on the event itself: "agreed to halt ... if the US ends attacks"
        content = [t] + [ch for ch in t.children if ch.dep_ in ("xcomp", "ccomp")]
        for node in content:
            for ch in node.children:
                if ch.dep_ == "advcl" and _conditional(ch):
                    _set(c, "hypothetical", "if")
        chain = _ancestors(t, 5)
        # a time or reason clause ("while they were striking") is asserted on its own:
        # what governs it (offered, planned, would) does not reach into it
        below = t
        for k, h in enumerate(chain):
            if below.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _ADVERBIAL_MARKS for m in below.children):
                chain = chain[:k]
                break
            # "foiled soldiers who blocked them": a relative clause tells its own fact about a party
            # (about an event noun, "denied strikes that destroyed a hospital", it shares its fate)
            if below.dep_ == "relcl" and below.tag_ in ("VBD", "VBN") and (
                    person_word(h.lemma_.lower()) or _actorish(h)):
                chain = chain[:k + 1]
                break
            # "offered support at a meeting in Riyadh": the meeting where it was offered took place
            if below.dep_ == "prep" and below.lower_ == "at" and h.pos_ == "VERB" and k > 0 and t.dep_ == "pobj":
                chain = chain[:k]
                break
            below = h
        # what a modal, a condition or an intent verb reaches (negation keeps the whole chain):
        # a definite description presupposes what it describes, so their scope stops there
        scope = _irrealis_scope(t, chain)
        # negation on the trigger or the verb that carries it
        carriers = [t] + ([t.head] if t.dep_ in _OBJ + ("xcomp", "pobj", "attr") else [])
        # "levels not seen since the attacks": a time reference point is not what is denied
        if t.dep_ == "pobj" and t.head.head != t.head and t.head.lower_ not in _REFERENCE_PREPS:
            carriers.append(t.head.head)
        definite_noun = t.pos_ in ("NOUN", "PROPN") and any(
            ch.dep_ in ("det", "poss") and ch.lower_ in DEFINITE_DETS for ch in t.children)
        if definite_noun:
            # "would not cancel the protest", "did not take part in the strike": the event itself stands
            carriers = [t] + [h for h in carriers[1:] if h.lemma_.lower() in _EVENT_DENYING]
        for carrier in carriers:
            if _denial_denied(carrier):
                continue  # "officials do not deny the massacre": two denials, the massacre took place
            if any(ch.dep_ == "neg" for ch in carrier.children):
                _set(c, "negated", "not")
            if any(ch.dep_ == "det" and ch.lower_ == "no" for ch in carrier.children) and carrier.pos_ in ("NOUN", "PROPN"):
                _set(c, "negated", "no")
        # "the coalition does not seek to fight the regime", "Hamas does not want war": a wish
        # denied in the present with no time of its own is a stance held, no act refused
        if c.modality == "negated" and _desire_disowned(t):
            _drop(c, "stance")
            return
        # "no new camps will be built", "no one was arrested", "nobody was hurt", "none of the
        # guards were killed": the act is denied of its subject
        if t.pos_ == "VERB" and any(ch.dep_ == "nsubjpass" and (ch.lower_ in _NEGATIVE_PRONOUNS or any(
                d.dep_ == "det" and d.lower_ == "no" for d in ch.children)) for ch in t.children):
            # nothing was done to anyone: no happening, and nothing specific refused
            _drop(c, "negated-nonspecific")
            return
        # "failed to prevent the attack", "failed to stop the attack": two denials, the attack took place
        denials = [h for h in chain if h.lemma_.lower() in _NEGATING_HEADS
                   and h.lemma_.lower() in ("fail", "deny", "refrain", "avoid", "prevent", "thwart", "foil", "avert", "stop", "halt")]
        preventing = [h for h in denials if h.lemma_.lower() in ("prevent", "thwart", "foil", "avert", "stop", "halt")]
        failing = [h for h in denials if h.lemma_.lower() == "fail"]
        if not (preventing and failing and preventing[0].i != failing[0].i and len(denials) == 2):
            for h in chain:
                lemma = h.lemma_.lower()
                # (what a verb prevents, avoids or fails at is its complement: "preventing the
                # march, despite the arrest" leaves the arrest standing; a denial disputes all it
                # reports, "denied its planes were responsible for air strikes" included)
                if lemma in _NEGATING_HEADS and lemma in ("fail", "deny", "refrain", "avoid", "prevent", "thwart", "foil", "avert") \
                        and (lemma == "deny" or _complement_of(h, t)) and not _denial_denied(h):
                    _set(c, "negated", h.text)
        # what a statement taken back said ("took back remarks that suggested a strategy had been
        # agreed upon", "retracted a report that troops had entered the town"): said not to have
        # happened (the retraction is no refusal of the act: the type stays)
        retraction = _claim_retracted(chain)
        if retraction is not None:
            _set(c, "negated", retraction.text)
            c.rules.append("negated:retracted")
        # modal or conditional clause around the trigger
        # a modal on a reporting verb ("could not confirm reports that miners were demonstrating")
        # qualifies the report, not the event
        # (nor does a modal of the words quoted after the trigger: "chanting 'our rights will
        # never die'", which the parser may hang above the chanting)
        for tok in [t] + [h for h in scope[:2] if h.pos_ in ("VERB", "AUX", "ADJ")
                          and h.lemma_.lower() not in _SAY_VERBS
                          and not (definite_noun and _modal_stays_with_verb(t, h))
                          and not any(w.tag_ == "``" for w in t.doc[t.i + 1:h.i])]:
            if _status_declared(tok):
                continue  # "announced that the borders would be considered closed zones": done
            for ch in tok.children:
                if ch.dep_ == "aux" and ch.lower_ in _MODALS and ch.lower_ not in ("will", "'ll") or (ch.dep_ == "aux" and ch.lower_ in ("will", "'ll")):
                    _set(c, "hypothetical", ch.text)
        # a gerund that a verb of thinking or talking takes through "of" or "about" ("deterred
        # from even thinking of attacking Iran", "talked about striking the base"): an act
        # considered, not one done
        thinker = _act_considered(t)
        if thinker is not None:
            _set(c, "hypothetical", thinker.text)
        # a free adjunct (a participle clause with no subject or mark of its own: "the group will
        # turn into an insurgency, using car bombs to make attacks") takes its time and its
        # modality from the clause it hangs on, however far down the trigger sits in it
        host = _adjunct_host(t, scope)
        if host is not None and host.lemma_.lower() not in _SAY_VERBS and any(
                ch.dep_ == "aux" and ch.lower_ in _MODALS for ch in host.children):
            _set(c, "hypothetical", next(ch.text for ch in host.children if ch.dep_ == "aux" and ch.lower_ in _MODALS))
        # the object of a conditional preposition ("barring a prolonged fight at the convention")
        # is supposed, never told as a happening
        if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ in _CONDITIONAL_PREPS:
            _drop(c, "conditional-antecedent")
            return
        for h in [t] + scope:
            if h.dep_ == "advcl" and _conditional(h):
                if _supposed(t, h):
                    # the condition itself ("if they fire at our ships, fire will be returned",
                    # "if peace talks do not materialize"): supposed, never told as a happening
                    # (the consequence is the threat or plan that may be a record)
                    _drop(c, "conditional-antecedent")
                    return
                _set(c, "hypothetical", "if")
                break
        # an event noun described as still to come: "the upcoming battle", "a possible attack"
        if t.pos_ in ("NOUN", "PROPN"):
            ahead = next((ch for ch in t.children if ch.dep_ == "amod" and ch.lower_ in _UNREALISED_ADJ), None)
            # ... unless a verb carries it out: "mounted its long-threatened invasion"
            carried = t.dep_ in _OBJ and t.head.lemma_.lower() in _CARRY_OUT
            if ahead is None:
                ahead = next((ch for ch in t.children if ch.dep_ == "acl" and ch.lower_ in _PLANNED_PARTICIPLES
                              and any(g.dep_ == "xcomp" or (g.dep_ == "prep" and g.lower_ == "for")
                                      for g in ch.children)), None)
            if ahead is not None and not carried:
                _set(c, "hypothetical", ahead.text)
        # an activity named in general, not an event: "a focus on attacking the networks",
        # "policy on combating IS online", "his record in fighting Islamic State", "how to combat IS",
        # "important to fighting IS"
        if t.pos_ == "VERB" and not any(ch.dep_ in _SUBJ for ch in t.children) and (
                # (an object, or a capitalised name the parser misread: "a role in fighting IS")
                (t.tag_ == "VBG" and t.dep_ == "pcomp" and (any(ch.dep_ in _OBJ for ch in t.children) or (
                    t.i + 1 < len(t.doc) and t.doc[t.i + 1].text[:1].isupper() and t.doc[t.i + 1].is_alpha))
                 and t.head.head.pos_ in ("NOUN", "ADJ") and t.head.head.i not in {a.i for a in c.anchors}
                 and (t.head.lower_ in _TOPIC_PREPS
                      or (t.head.lower_ == "of" and t.head.head.lemma_.lower() in _GENERAL_NOUNS)))
                or (any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in t.children)
                    and any(ch.dep_ == "advmod" and ch.lower_ == "how" for ch in t.children))):
            _drop(c, "generic-activity")
            return
        # statistics: "are arrested at much higher rates", "three times as likely to be arrested
        # as", "more likely to be killed than" -- how often a kind of thing happens, no happening
        if t.pos_ == "VERB" and (
                any(p.dep_ == "prep" and p.lower_ == "at" and any(g.dep_ == "pobj" and g.lemma_.lower() in _RATE_NOUNS
                                                                 for g in p.children) for p in t.children)
                or (t.dep_ == "xcomp" and t.head.lemma_.lower() in _LIKELIHOOD_ADJ and any(
                    ch.lower_ in ("as", "more", "less", "than", "times") for ch in t.head.subtree if ch.i < t.i))):
            _drop(c, "statistic")
            return
        # an event noun that is the subject of an infinitive asked for or wanted ("called for
        # protests to remain peaceful", "urged the talks to continue"): wanted, not told
        if (t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("nsubj", "nsubjpass")
                and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in t.head.children)
                and any(h.lemma_.lower() in _WANTING_VERBS for h in _ancestors(t.head, 2))):
            # ... and where the infinitive wants no more than a manner or a course of it ("called
            # for the protests to remain peaceful", "allowing the protests to get out of hand"),
            # the happening is presupposed, told (or not) elsewhere: this mention is neither
            # planned nor told ("called for protests to be held on Friday" plans one)
            if t.head.lemma_.lower() not in _OCCURRING | _CARRY_OUT:
                _drop(c, "wanted-course")
                return
            _set(c, "hypothetical", t.head.text)
        # a state that grows, named by a mass noun ("as unrest mounted in the volatile nation",
        # "violence has been rising"): a situation told, no particular happening
        # (the verb after the noun where the parser took "as unrest" for a phrase)
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        trend = t.head if t.dep_ == "nsubj" else nxt if nxt is not None and nxt.tag_.startswith("VB") else None
        if (t.pos_ == "NOUN" and t.tag_ == "NN" and trend is not None and trend.lemma_.lower() in _TREND_VERBS
                and not any(ch.dep_ in ("det", "poss", "nummod") for ch in t.children)
                and not any(w.ent_type_ in ("DATE", "TIME") for w in trend.subtree)
                and not _counted_to(trend)):
            _drop(c, "state-trend")
            return
        why = _first_reason(t, (
            # what is done to or by anyone who does something is a rule of conduct, not a happening
            # ("anyone who speaks out, they're being summoned by the army"; "whoever crosses the line
            # is arrested")
            (_free_choice_subject, "generic-free-choice"),
            # what a war or an uprising has done over its whole course ("the war on drugs that has
            # left 7,000 people killed", "the conflict, which has killed more than 400,000", "400,000
            # have died in the war") is a war-long toll: a count with no specific happening behind it
            (_campaign_toll, "campaign-toll"),
            # an indefinite event noun that is the subject of a counterfactual "would/could/might"
            # ("an Iraqi takeover of the airport would give its troops access", "a truce would be the
            # logical next step"): the happening is supposed for the sake of argument, not told
            (_supposed_subject, "supposition"),
            # what a bill or a law would do ("legislation that would make it a crime to kill an
            # officer") is the text's content, not a happening
            (_content_of_a_legal_text, "legal-content"),
            # a campaign that opens a stretch of time is the time's reference, not a happening told
            # ("the deadliest incident since the start of the uprising more than a year ago")
            (_campaign_as_time_anchor, "time-anchor"),
        ))
        if why is not None:
            _drop(c, why)
            return
        # a known happening, pointed at by a definite noun, that marks a point in time ("until
        # the bloodless coup", "after the battle for Mosul had ended", "since the fatal police
        # shooting of Keith Lamont Scott") refers to a happening told elsewhere: coding.reference
        # folds it into the article's telling where there is one (alone, it is the only mention)
        if _happening_as_time_anchor(t) and "reference:anchor" not in c.rules:
            c.rules.append("reference:anchor")
        # the object of a noun of possibility or fear ("raise the prospect of counter-protests",
        # "the risk of renewed clashes", "amid fears of an attack"): supposed, not told
        if _possibility_of(t):
            _drop(c, "possibility")
            return
        # the kind of happening whose trend is told ("the escalation of police murder"): no happening
        if _trend_of_a_kind(t):
            _drop(c, "trend")
            return
        why = _first_reason(t, (
            # a question is asked, not told ("when asked whether the United States would stay")
            (_asked_about, "question"),
            # "an attack on a police officer anywhere is an attack on our entire society": a kind
            # of happening characterised, no particular one
            (_characterising, "generic-characterising"),
        ))
        if why is not None:
            _drop(c, why)
            return
        # a verbal act put at no particular time ("has previously urged", "has in the past
        # called on countries", "have long refused") is a stance held, not one happening
        if c.event in _STANCE_EVENTS and _at_no_particular_time(t):
            _drop(c, "indefinite-time")
            return
        # ... and so are a party's verbal acts summed up in a plural at no time ("his pledges to
        # build a wall", "the rebels' requests for weapons")
        if c.event in _STANCE_EVENTS | {"AGREE"} and _stance_over_many_statements(t):
            _drop(c, "stance-statements")
            return
        # a "for X to do" clause is irrealis: what could, should or might be done, not a happening
        # told ("it is vital for the army to withdraw"); under a noun of possibility it is no event
        # at all ("the capability for the U.S. to send more forces", "opportunities for people to
        # recruit and mobilize")
        irrealis = _for_to_clause(t)
        if irrealis is not None:
            if irrealis.lemma_.lower() in _MODAL_NOUNS:
                _drop(c, "modal-noun")
                return
            _set(c, "hypothetical", "for")
        # infinitives: purpose clauses are no events; intent verbs make hypotheticals
        if t.pos_ in ("VERB", "AUX") and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in t.children):
            head = t.head
            hl = head.lemma_.lower()
            # what a party is told to do ("eviction orders, telling residents to evacuate the outpost
            # within 48 hours"): the telling is the demand or the order (its own record where a word
            # of it codes one); the act is neither told nor planned by its doer
            if t.dep_ == "xcomp" and hl in eventness_words("telling_verbs") and any(ch.dep_ in ("dobj", "dative") for ch in head.children):
                _drop(c, "demanded")
                return
            # ("gathered outside Parliament to protest": the protest is what they did)
            if t.dep_ == "advcl" and hl not in _CAUSATIVE and hl not in _EFFORT_VERBS and c.event != "PROTEST":
                _drop(c, "purpose-clause")
                return
            if t.dep_ in ("xcomp", "ccomp", "acl", "relcl"):
                if hl in _IMPLICATIVE or hl in _CAUSATIVE:
                    pass
                elif hl in ("fail", "refuse", "decline"):
                    _set(c, "negated", head.text)
                elif head.pos_ == "NOUN" and hl in _MODAL_NOUNS:
                    # "the right to strike", "the power to arrest": a possibility, not an event
                    _drop(c, "modal-noun")
                    return
                elif head.pos_ == "NOUN" and hl in _ATTEMPT_NOUNS and _told_as_taken(head):
                    c.rules.append("modality:attempt")  # "launched a bid to retake", "last week's move to ban"
                elif hl in _INTENT or head.pos_ in ("ADJ", "NOUN"):
                    _set(c, "hypothetical", head.text)
        # an open question: "divided about whether to boycott or field candidates"
        if any(ch.lower_ == "whether" and ch.dep_ in ("mark", "advmod", "nsubj", "dep") for ch in t.children):
            if any(ch.dep_ == "aux" and ch.tag_ == "TO" for ch in t.children):
                # "reviewing whether to cut aid", "will decide whether to send troops": a choice
                # still open, neither taken nor planned (a question, no happening)
                _drop(c, "open-choice")
                return
            _set(c, "hypothetical", "whether")
        below = t
        for h in scope[:3]:
            if h.lemma_.lower() in _INTENT and h.lemma_.lower() not in ("agree", "decide", "look", "set", "able") \
                    and not _status_declared(h):
                # what an intent verb says of its subject is its purpose, not that it is still to
                # come: "the strike, the first time Iran fired missiles, was meant as retaliation",
                # "the offensive aims to retake the city", "the fighting threatens to spread" (a
                # passive subject is planned only where the verb plans: "protests are planned")
                if not (below.dep_ in ("nsubj", "csubj")
                        or (below.dep_ == "nsubjpass" and h.lemma_.lower() in _PURPOSE_VERBS)):
                    _set(c, "hypothetical", h.text)
                break
            below = h
        # "seemed to agree with Volesky": one party sharing a person's view, not parties
        # agreeing on something
        if c.event == "AGREE" and _shares_a_view(t):
            _drop(c, "opinion")
            return
        # "rejected reports that its troops had shelled the town", "rejecting any suggestion that
        # the country was returning to strife": a claim denied (a statement, out of scope), not a
        # proposal or demand refused
        if c.event == "REJECT" and _denies_a_claim(t):
            _drop(c, "denial")
            return
        # "requested $3.45 billion in the budget", "an appeal for $584 million": a sum sought from
        # no party named, a budget or funding appeal, not a demand made of a party
        if c.event == "REQUEST" and _seeks_a_sum(t):
            _drop(c, "funding-request")
            return
        if c.event == "AGREE" and t.lemma_.lower() in ("offer", "propose") and c.modality == "asserted":
            _set(c, "hypothetical", t.text)
        # a noun event after "since": background
        if t.dep_ == "pobj" and t.head.lower_ in _SPAN_SINCE:
            _set(c, "historical", "since")
        # a plural event noun told as a tally's sum or share ("a total of 7,323 strikes", "the
        # majority of the airstrikes"): the tally, one aggregate record (not "a series of": a
        # series may be one operation's, "a string of airstrikes on Gaza")
        if (t.tag_ in ("NNS", "NNPS") and t.dep_ == "pobj" and t.head.lower_ == "of"
                and t.head.head.lemma_.lower() in _TALLY_NOUNS and c.match.entry_id not in _PARTICIPANT_ENTRIES):
            _set(c, "aggregate", t.head.head.text)
        # acts told as a wave ("a surge of xenophobic attacks last month", "a spate of kidnappings",
        # "a wave of violence in 2008"): a series told as one, one aggregate record
        # (not "a spike in attacks", "an increase in violence": a trend, told of no happening)
        if (t.pos_ == "NOUN" and t.dep_ == "pobj" and t.head.lower_ == "of" and _bare(t)
                and t.head.head.lemma_.lower() in eventness_words("wave_nouns")
                and c.match.entry_id not in _PARTICIPANT_ENTRIES):
            _set(c, "aggregate", t.head.head.text)
        # acts a happening set off, named by a bare plural ("the killing sparked protests across
        # the country", "the verdict triggered riots"): the run of happenings that followed it, one
        # aggregate record
        # (the verb right before it where a run-on parse hung the noun on a later clause)
        causer = t.head if t.dep_ == "dobj" else t.doc[t.i - 1] if t.i > 0 and t.doc[t.i - 1].tag_ in ("VBD", "VBN") else None
        # (acts on the ground: "prompted accusations" is one party's words, not a run of them)
        if (t.tag_ in ("NNS", "NNPS") and _bare(t) and causer is not None and c.event in _RUN_EVENTS
                and causer.lemma_.lower() in eventness_words("causing_verbs")
                and c.match.entry_id not in _PARTICIPANT_ENTRIES):
            _set(c, "aggregate", causer.text)
        # counts: "at least 40 attacks so far this year" (aggregate) vs "five drone strikes"
        if t.pos_ in ("NOUN", "PROPN"):
            num = next((ch for ch in t.children if ch.dep_ == "nummod" and ch.lower_ not in ("one", "1", "a")), None)
            if num is not None and t.tag_ in ("NNS", "NNPS"):
                c.count_token = num
                period = ({w.lower_ for w in doc} | {w.lemma_.lower() for w in doc}) & _PERIOD_WORDS
                if len(period) >= 2 or "since" in period or _history_span(t, chain) or _summed(t):
                    _set(c, "aggregate", num.text)
            elif t.tag_ == "NNS" and not c.actors and len(c.anchors) == 1 and not any(
                ch.dep_ in ("det", "poss", "nummod", "compound", "amod") for ch in t.children
            ) and t.dep_ == "pobj" and t.head.lower_ in ("for", "of", "about", "to", "unlike", "like") and (
                c.match.entry_id not in _PARTICIPANT_ENTRIES
            ) and not stretch_filled(t):
                _set(c, "aggregate", "generic plural")  # "responsible for attacks": a habit, not an event
        # a tally over a stretch of time: "80 civilians have been killed since July", "large protests
        # have roiled the city in recent days", "sweeping arrests in recent months"
        if c.modality == "asserted" and c.match.entry_id not in _PARTICIPANT_ENTRIES and _tally_over_a_period(t, chain):
            _set(c, "aggregate", "period")
        # happenings in which a tally over a period befell people are that series: "80 civilians
        # have been killed since July in the largest protests in recent years"
        if (c.modality == "asserted" and t.tag_ == "NNS" and t.dep_ == "pobj" and t.head.lower_ in _OCCASION_PREPS
                and t.head.head.pos_ == "VERB" and _tally_over_a_period(t.head.head, _ancestors(t.head.head, 5))):
            _set(c, "aggregate", "period")
        # a count of occasions on a perfect ("has twice previously deployed missiles", "have shelled
        # the town three times", "has been detained on several occasions"): several happenings
        # summed up, not one (a count in the simple past, "was shot twice", is one happening's blows)
        if c.modality == "asserted" and t.pos_ == "VERB" and _occasions_counted(t):
            _set(c, "aggregate", "times")
        # acts named by a bare plural in a free adjunct of a clause told over a stretch ("have
        # played a key role, launching airstrikes", "backed by airstrikes, fought for weeks"): a
        # series told as one
        if c.modality == "asserted" and c.match.entry_id not in _PARTICIPANT_ENTRIES and _series_in_adjunct(t):
            _set(c, "aggregate", "series")
        # "some of the attackers detonated explosives", "some waved flags to protest": a part of a
        # group told before acts within the happening told of that group (coding.corefer folds it)
        if _partitive_subject(t):
            c.rules.append("partitive")
        # "another night of protests", "a second day of clashes": the happening of the latest of
        # the stretches the story tells, told again (coding.corefer folds it into that one)
        if stretch_filled(t) and any(ch.lower_ == "another" or ch.ent_type_ == "ORDINAL" for ch in t.head.head.children):
            c.rules.append("stretch-again")
        # "lead the fight for gun legislation", "the fight against corruption", "the anti-IS
        # fight": a struggle for or against a cause names a campaign, not one happening
        if _fight_for_a_cause(t):
            _drop(c, "campaign")
            return
        # a tally over years, decades or a country's history ("has staged 12 coups in the last 80
        # years", "five wars over the past decades") is history told as context, not the news:
        # it stays an aggregate, and its calibrated confidence is capped
        # (defaults.HISTORY_TALLY_CEILING, coding.calibration)
        # (a perfect told over years is the same: "in recent years, Washington has been moving
        # more troops into the region" is a trend, not one deployment)
        # (and so is a bare plural told over several years: "the epicenter of mass protests in 2011
        # and 2013")
        if c.modality in ("asserted", "historical") and (
                (t.pos_ == "VERB" and any(ch.dep_ == "aux" and ch.lemma_.lower() == "have" for ch in t.children))
                or (t.tag_ == "NNS" and not any(ch.dep_ in ("det", "poss", "nummod") for ch in t.children))
        ) and _history_span(t, chain):
            _set(c, "aggregate", "years")
        stretch = _history_stretch(t, chain) if c.modality == "aggregate" else None
        if stretch is not None:
            # a history, not a period count: what is told over decades or a history ("12 coups
            # in the last 80 years"), or a trend or a bare plural told over years with no count
            # of its own ("in recent years, Washington has been moving troops", "the epicenter of
            # mass protests in 2011 and 2013") is context, no record; a count over a few years
            # stays an aggregate ("four attempted sales thwarted in the past five years")
            counted = c.count_token is not None or any(
                ch.dep_ in ("nsubj", "nsubjpass", "dobj") and any(n.dep_ == "nummod" for n in ch.children)
                for ch in t.children)
            if _long_stretch(stretch) or not counted:
                _drop(c, "history-tally")
                return
            c.rules.append("history-tally")
        # a ban in force since a past year ("most public demonstrations have been banned since
        # 2013"): a state of the law told as context, not a happening of the news (the ban's own
        # enactment, where the article tells it, is its record)
        if _standing_since_a_year(t):
            _drop(c, "standing-ban")
            return
        # habits, not events: "attacks on military targets are often claimed by veterans" (a bare
        # plural whose verb says how often things happen)
        if t.tag_ in ("NNS", "NNPS") and not any(ch.dep_ in ("det", "poss", "nummod") for ch in t.children):
            verb = next((h for h in chain[:3] if h.pos_ in ("VERB", "AUX")), None)
            if verb is not None and any(ch.dep_ == "advmod" and ch.lower_ in _HABITUAL for ch in verb.children):
                _drop(c, "generic-habit")
                return
        # a possibility hedged with "may" or "might" about a party by the author or by someone
        # else ("the military may ask for their cooperation, an analyst said"): speculation, no
        # plan of the party ("the army said it may strike again" is the party's own word)
        if c.modality == "hypothetical" and (c.modality_cue or "").lower() in _HEDGES and _hedged_by_another(t, chain):
            _drop(c, "speculation")
            return
        # generic statements: "drones can be flown from anywhere", "sites that can be eliminated"
        if c.modality == "hypothetical" and not c.actors and any(ch.lower_ in ("can", "could", "may", "might") for ch in t.children if ch.dep_ == "aux"):
            _drop(c, "generic-statement")
            return
        # an intended, planned or expected act keeps its own type with modality "hypothetical"
        # ("will host talks" is a CONSULT to come) and takes CAMEO's intent code (036 "express
        # intent to meet"); only a threat said by a party ("vowed to strike", "threatened to
        # impose sanctions") is a THREATEN. PLOVER's coders file every intent under AGREE or
        # THREATEN: taxonomy.plover_intent_view reads a record that way.
        if c.modality == "hypothetical" and c.event in self.lexicon.intent_recode and c.modality_cue != "if":
            new_event, cameo = self.lexicon.intent_recode[c.event]
            # (a measure told as what those who do something face or risk is a warning: "warning")
            threat = new_event == "THREATEN" and c.event != "PROTEST" and (any(
                h.lemma_.lower() in _THREAT_CUES for h in chain[:4]) or "warning" in c.rules)
            if threat:
                c.rules.append(f"intent:{c.event}->THREATEN")
                c.mode = taxonomy.THREAT_MODES.get(c.event, c.mode)
                c.event, c.cameo, c.modality = "THREATEN", cameo, "threatened"
            else:
                c.rules.append(f"intent:{c.event}")
                c.cameo = cameo
        # speculation: an act someone else believes, expects or fears will happen ("Pakistan
        # believes terrorist attacks will allow it ...", "he expected IS fighters to fight", "the
        # Saudis feared Israel might seize them") is the speaker's view, not a party's plan (a
        # plan is reported with a saying verb: "media report more soldiers will be sent")
        if c.modality == "hypothetical" and c.modality_cue != "if" and _speculated(t, chain, c.actors):
            _drop(c, "speculation")
            return
        # a refused cooperative act is a refusal that happened (CAMEO 12x REJECT)
        if c.modality == "negated" and c.event in self.lexicon.refusal_recode and "negated:retracted" not in c.rules:
            new_event, cameo = self.lexicon.refusal_recode[c.event]
            c.rules.append(f"refusal:{c.event}->{new_event}")
            # the mode stays: a refused ceasefire is still about a ceasefire (analysis/truces.py)
            c.event, c.cameo, c.modality = new_event, cameo, "asserted"
        # a denial or an avoidance of no particular happening ("not planning a ground invasion",
        # "avoid launching airstrikes", "an agreement not to attack", "there were no clashes"):
        # nothing happened and nothing specific was refused, so there is no record to keep
        if c.modality == "negated" and not _names_one_happening(t):
            _drop(c, "negated-nonspecific")

    @staticmethod
    def _background(c: Candidate, anchors: set[int]) -> None:
        """An event inside an "after ..."/"following ..."/"in response to ..." adjunct, or in a
        relative clause about a person or place ("Montenegro, where 28 people have been killed"),
        is the background of the sentence's news: it stays an event, with less confidence.
        (A relative clause on an event noun, "the blast that killed 12", is the same event.)"""
        # (a conjunct hung on a relative clause it cannot belong to runs on from the verb above:
        # "two men walked into the shop where Ley was drinking coffee and shot him")
        below = _conjunct_hung_too_low(c.trigger) or c.trigger
        for h in _ancestors(below, 6):
            background = ((below.dep_ == "relcl" and h.i not in anchors and h.pos_ in ("NOUN", "PROPN"))
                          or opens_background(below, h))
            if background:
                c.confidence -= defaults.BACKGROUND_PENALTY
                # (the word that tells it as background: the preposition, or the subordinator of a
                # clause with a doer of its own, "troops attacked the village after militants ambushed
                # a patrol", which coding.corefer reads as a sequence of two happenings; "killed five
                # soldiers after they attacked a base" is one side's one operation)
                mark = next((m for m in below.children if m.dep_ == "mark" and m.lower_ in BACKGROUND_MARKS),
                            None) if below.dep_ == "advcl" and _another_doer(below, h) else None
                c.rules.append(f"background:{h.lower_ if h.dep_ == 'prep' else (mark or below).lower_}")
                return
            if h.dep_ == "ROOT":
                return
            below = h

    @staticmethod
    def _argument_of(c: Candidate) -> None:
        """Mark a definite event noun that is another word's complement ("argument:<a>:<b>"): the
        object of a verb ("mourners turned out to protest the killings"), or of a preposition
        ("proof of Pakistan's involvement in the militant strike", "arrested during the
        protests"). A definite description names a happening told before as what the clause is
        about; the clause's place and time are its governor's. ``a`` and ``b`` are the noun
        phrase's character bounds relative to the trigger: a place inside them is its own
        ("protest the killings in Houla"). coding.corefer compares such a mention without the
        rest (:func:`sitrep.coding.corefer.argument_bare`)."""
        t = c.trigger
        if t.pos_ != "NOUN" or not _definite_marked(t):
            return
        # (a verb that carries the noun out tells the noun's own happening: "militants carried out
        # the attack in Kabul on Friday", "held the rally at the square")
        governed = (t.dep_ == "dobj" and t.head.pos_ == "VERB"
                    and t.head.lemma_.lower() not in _SAY_VERBS | _CARRY_OUT) or (
            t.dep_ == "pobj" and t.head.dep_ == "prep")
        if not governed:
            return
        sub = list(t.subtree)
        lo, hi = sub[0].idx - t.idx, sub[-1].idx + len(sub[-1].text) - t.idx
        c.rules.append(f"argument:{lo}:{hi}")

    @staticmethod
    def _clause(c: Candidate) -> None:
        """Mark an event told in a subordinate clause ("clause:sub"): a relative, adverbial or
        complement clause (not the content of a "say"), or a noun inside one. A sentence's
        main events are those of its root verb, of verbs coordinated with or complementing it,
        and of their objects."""
        below = c.trigger
        for h in _ancestors(c.trigger, 8):
            if below.dep_ in ("relcl", "advcl", "acl", "ccomp", "csubj", "parataxis") and not (
                    below.dep_ == "ccomp" and h.lemma_.lower() in _SAY_VERBS):
                c.rules.append("clause:sub")
                return
            if h.dep_ == "ROOT":
                return
            below = h

    # -- 7 -------------------------------------------------------------------
    def _attribution(self, c: Candidate, doc: Doc | Span) -> None:
        t = c.trigger
        below = t
        for h in _ancestors(t, 6):
            if h.lemma_.lower() in _SAY_VERBS and below.dep_ in ("ccomp", "parataxis", "xcomp", "dobj"):
                subs = [s for s in h.children if s.dep_ in _SUBJ]
                if subs:
                    c.attribution = _phrase_span(subs[0])
                    c.rules.append("attribution:" + h.lemma_.lower())
                    return
            below = h
        for tok in self._according:
            if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                objs = [g for g in doc[tok.i + 1].children if g.dep_ == "pobj"]
                if objs:
                    c.attribution = _phrase_span(objs[0])
                    return
        # a say-verb whose subject is a source and whose complement holds the event is handled
        # above; "X said" after a comma at the end of the sentence attaches to the root
        root = sentence_of(t).root
        if root is not None and root.lemma_.lower() in _SAY_VERBS and root != t and _governs(root, t) and _clause_of(root, t) in ("ccomp", "parataxis"):
            subs = [s for s in root.children if s.dep_ in _SUBJ]
            if subs:
                c.attribution = _phrase_span(subs[0])
                return
        speaker = _quotation_speaker(t) if "warning" in c.rules else None
        if speaker is not None:
            # '"Iran is playing with fire ...," Trump tweeted "...," Zarif tweeted': whoever the
            # words after the quotation's close name as saying it (the parser may hang the quoted
            # clause on a later speaker's verb)
            c.attribution = _phrase_span(speaker)
            c.rules.append("attribution:quote")
            return
        for anc in [t] + _ancestors(t, 3):
            for ch in anc.children:
                if ch.lower_ in ("reportedly", "allegedly", "purportedly"):
                    c.attribution = (ch.idx, ch.idx + len(ch.text))
                    return


# --- helpers -------------------------------------------------------------------


def _quotation_speaker(t: Token) -> Token | None:
    """The subject of the saying verb right after the close of the quotation ``t`` stands in
    ('"..., " Trump tweeted', '"...," said the minister'), or None."""
    doc = t.doc
    start, end = sentence_bounds(t)
    # (double marks only: single ones also quote a word inside the quotation, "how 'kind' he was")
    before = [x for x in doc[start:t.i] if x.text in _DOUBLE_QUOTES]
    if len(before) % 2 != 1 or before[-1].text not in _QUOTE_OPEN:
        return None  # (not inside an open quotation)
    close = next((x for x in doc[t.i + 1:end] if x.text in _DOUBLE_QUOTES), None)
    if close is None:
        return None
    for v in doc[close.i + 1:min(close.i + 5, end)]:
        if v.pos_ == "VERB" and v.lemma_.lower() in _SAY_VERBS:
            subs = [x for x in v.children if x.dep_ in _SUBJ and x.i > close.i and not is_pronoun(x)]
            return subs[0] if subs else None
    return None


def headline_like(doc: Doc | Span) -> bool:
    """A short sentence with no article at all reads as a headline or a caption ("59 dead as
    police battle militants in Mosul"): headlines drop articles and tell past events in the
    present. A long one (more than ``defaults.HEADLINE_MAX_WORDS`` words: "BANGKOK -- Amnesty
    International says Southeast Asia faces ongoing human rights challenges with activists ...
    targeted by governments amid ...") is body text that happens to have none."""
    return not any(w.lower_ in ("a", "an", "the") for w in doc) and sum(
        w.is_alpha for w in doc) <= defaults.HEADLINE_MAX_WORDS


#: The end of a photo caption: ", <Month> <day>, <year>" (the day the picture was taken) and an
#: optional photo credit, then the end of the sentence or, where a scraped page lost the full
#: stop, the next sentence's capital ("... in Tokyo, Japan, Jan. 20, 2017 In Tokyo, several
#: hundred people ..."): prose puts a comma after a full date ("on Jan. 20, 2017, he said").
_CAPTION_END = re.compile(
    r",\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?\s+\d{1,2},\s+(?:19|20)\d{2}"
    r"(?:\s*\([^()\n]{1,60}\))?(?=[.\s]*$|\s*-?\s*[\"\u201c\u2018A-Z])")
#: Nouns for people besides the lexicon's person words: kin, and the people a description picks
#: out ("the mothers whose children were killed", "those who were killed").
_PARTY_NOUNS = frozenset(
    "mother father son daughter wife husband widow parent brother sister family relative child kin "
    "those one people victim survivor resident".split())


def _ongoing_to_a_kind(t: Token) -> bool:
    """Is ``t`` a present progressive passive ("are being killed") whose subject is a kind of
    people, not a party named, counted or pointed at, in a sentence with no time expression?"""
    if t.tag_ != "VBN" or not any(ch.dep_ == "auxpass" and ch.lower_ == "being" for ch in t.children):
        return False
    if not any(ch.dep_ == "aux" and ch.lower_ in ("are", "is", "'re", "am") for ch in t.children):
        return False
    subjects = [ch for ch in t.children if ch.dep_ == "nsubjpass"]
    if not subjects or any(w.ent_type_ in ("DATE", "TIME") for w in sentence_of(t)):
        return False
    return all(sj.tag_ == "NNS" and not sj.ent_type_ and not any(
        d.dep_ == "nummod" or (d.dep_ == "det" and d.lower_ in ("the", "these", "those", "this", "that"))
        or d.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or d.pos_ == "PROPN" for d in sj.children)
        for sj in subjects)


def _side_in_a_war(t: Token) -> bool:
    """Is ``t`` a verb of waging a war on a side (data/eventness.yaml ``campaign_verbs``) told in
    the present simple or progressive ("says it is fighting IS", "Kurdish forces are fighting the
    militants"), with its object and no phrase of its own (no place, time, manner or purpose: no
    preposition but "of" in its clause, no adverb, date or number on it), in a sentence with no
    date, time or number? It says whom the party is at war with: a role over the war, no
    engagement told."""
    if t.pos_ != "VERB" or t.lemma_.lower() not in eventness_words("campaign_verbs"):
        return False
    if headline_like(t.doc):
        return False  # a headline tells past news in the present ("Kurdish troops battle Islamic State")
    auxes = [ch for ch in t.children if ch.dep_ == "aux"]
    if t.tag_ == "VBG":
        if len(auxes) != 1 or auxes[0].lemma_.lower() != "be" or auxes[0].tag_ not in ("VBZ", "VBP"):
            return False
    elif t.tag_ not in ("VBZ", "VBP") or auxes:
        return False
    if not any(ch.dep_ == "dobj" for ch in t.children):
        return False
    if any(ch.dep_ in ("advmod", "npadvmod", "advcl", "agent", "dative") for ch in t.children):
        return False
    # (a phrase on the object may place it: "fighting rebels in eastern Aleppo")
    if any(w.dep_ == "prep" and w.lower_ != "of" for w in t.subtree):
        return False
    return not any(w.ent_type_ in ("DATE", "TIME", "CARDINAL") or w.like_num for w in sentence_of(t))


#: What parties agree on, to or over: the matter of an agreement ("agreed on a truce").
_AGREEMENT_PREPS = frozenset("on upon to over about".split())


def _shares_a_view(t: Token) -> bool:
    """Is ``t`` the verb "agree" with one party as subject, nothing agreed on (no object,
    clause, infinitive or "on"/"to" phrase) and a person it agrees with ("seemed to agree with
    Volesky", "I agree with him") or a view it voices ("the institute agreed, noting that ...")?
    Parties that agree on something, or several that agree together ("the two sides agreed"),
    are another matter."""
    if t.lemma_.lower() != "agree" or t.pos_ != "VERB":
        return False
    # (a participle of saying beside it is the view shared: "the institute agreed, noting that
    # legislators are not judges")
    voiced = [ch for ch in t.children if ch.dep_ == "advcl" and ch.tag_ == "VBG" and ch.lemma_.lower() in _SAY_VERBS]
    if any((ch.dep_ in ("dobj", "ccomp", "xcomp", "advcl") and ch not in voiced)
           or (ch.dep_ == "prep" and ch.lower_ in _AGREEMENT_PREPS) for ch in t.children):
        return False
    subjects = [ch for ch in t.children if ch.dep_ == "nsubj"]
    if not subjects and t.dep_ == "xcomp":  # "seemed to agree": the subject of the raising verb
        subjects = [ch for ch in t.head.children if ch.dep_ == "nsubj"]
    if len(subjects) != 1 or subjects[0].tag_ in ("NNS", "NNPS") or subjects[0].lower_ in ("we", "they", "both", "all"):
        return False
    if any(ch.dep_ == "conj" for ch in subjects[0].children):
        return False
    partners = [g for ch in t.children if ch.dep_ == "prep" and ch.lower_ == "with" for g in ch.children if g.dep_ == "pobj"]
    # (alone, "Hamas agreed" may accept a proposal told before: left as it is)
    if voiced and not partners:
        return True
    return bool(partners) and all(g.ent_type_ == "PERSON" or g.lower_ in ("him", "her", "that", "this") for g in partners)


#: Tags of a finite auxiliary in the indicative (a fact told, not a thing proposed).
_INDICATIVE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _told_as_fact(v: Token) -> bool:
    """Is the clause of ``v`` a statement of fact, in the indicative ("the country was
    returning", "its forces had shelled the town", "the army kills civilians"), rather than a
    proposal ("that Israel stop building", "that he should resign", "that talks be held")?"""
    auxes = [ch for ch in v.children if ch.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.lower_ in _MODALS or a.tag_ == "TO" for a in auxes):
        return False
    if auxes:  # ("are shelling", "had bombed", "was returning": a subjunctive's would be "be", "have")
        return auxes[0].tag_ in _INDICATIVE_TAGS
    # (a bare plural present is also the subjunctive's form: "the demand that they withdraw")
    return v.tag_ in ("VBD", "VBZ")


def _denies_a_claim(t: Token) -> bool:
    """Is the rejection ``t`` a denial of something said: what it rejects is a "that" clause told
    as a fact, either its own ("denied that troops had fired") or a noun's ("rejected reports that
    its forces had shelled the town", "rejecting any suggestion that the country was returning to
    strife")? A proposal or demand refused is told in the subjunctive or with a modal ("rejected
    the demand that Israel withdraw", "rejected calls that he should resign")."""
    objects = [ch for ch in t.children if ch.dep_ in ("dobj", "ccomp")]
    if t.pos_ == "NOUN":  # "his rejection of claims that ..."
        objects += [g for ch in t.children if ch.dep_ == "prep" and ch.lower_ == "of" for g in ch.children
                    if g.dep_ == "pobj"]
    for o in objects:
        clauses = [o] if o.dep_ == "ccomp" else [ch for ch in o.children if ch.dep_ in ("acl", "ccomp", "relcl")]
        for v in clauses:
            if v.pos_ in ("VERB", "AUX") and any(ch.dep_ == "mark" and ch.lower_ == "that" for ch in v.children) \
                    and _told_as_fact(v):
                return True
    return False


#: Prepositions that name whom a request is made of ("asked the IMF for", "appealed to donors",
#: "sought $1 billion from donors").
_ADDRESSEE_PREPS = frozenset({"to", "from"})


def _seeks_a_sum(t: Token) -> bool:
    """Is the request ``t`` for a sum of money ("requested $3.45 billion in the budget", "the
    agency's appeal for $584 million") with no party named that it is made of ("asked the IMF for
    $3 billion", "appealed to Gulf donors for $1 billion" name one)?"""
    wanted = [ch for ch in t.children if ch.dep_ == "dobj"]
    wanted += [g for ch in t.children if ch.dep_ == "prep" and ch.lower_ == "for" for g in ch.children
               if g.dep_ == "pobj"]
    if not wanted or not all(w.ent_type_ == "MONEY" or any(x.lower_ == "$" for x in w.subtree) for w in wanted):
        return False
    if any(ch.dep_ in ("dative", "iobj") for ch in t.children):
        return False
    addressed = [g for ch in t.children if ch.dep_ == "prep" and ch.lower_ in _ADDRESSEE_PREPS
                 for g in ch.children if g.dep_ == "pobj"]
    return not addressed


#: Verbs of wanting whose denial in the present states a stance ("does not seek to fight").
_DESIRE_VERBS = frozenset("seek want wish intend aim desire".split())


def _desire_disowned(t: Token) -> bool:
    """Is ``t`` what a negated verb of wanting in the simple present takes ("does not seek to fight
    the regime", "do not want war"), with no date in the clause? (A refusal told as done, "refused
    to attend", or a plan dated, "does not plan to attend Friday's summit", is another matter.)"""
    v = t.head if t.dep_ in ("xcomp", "dobj") else None
    if v is None or v.lemma_.lower() not in _DESIRE_VERBS or not any(ch.dep_ == "neg" for ch in v.children):
        return False
    auxes = [ch for ch in v.children if ch.dep_ == "aux"]
    present = v.tag_ in ("VBZ", "VBP") or (v.tag_ == "VB" and bool(auxes) and all(
        a.lemma_.lower() == "do" and a.tag_ in ("VBZ", "VBP") for a in auxes))
    return present and not _dated(v)


def _folded_description(c: Candidate) -> str | None:
    """Does a participle folded into ``c`` describe a kind of people by what befell them, so that
    the event noun it was folded into is that description's too ("relatives of assailants killed
    in clashes", "widows of soldiers killed in attacks": "killed" folded into "clashes")?"""
    # (the event noun itself a kind too: a bare plural with no name in it; "the number of people
    # killed in the al-Mab'oujeh explosion", "killed in a massacre" name one happening)
    t = c.trigger
    if not (_bare(t) and t.tag_ == "NNS" and not any(w.ent_type_ or w.pos_ == "PROPN" for w in t.lefts)):
        return None
    held = {x.i for x in c.anchors}
    for a in c.anchors:
        # (a participle on the event noun itself tells the event: "attacks targeting Christians";
        # a relative clause on one person tells what befell that person: "a commander whose
        # district was struck by a chemical attack")
        if a is not c.trigger and a.pos_ == "VERB" and a.head.i not in held \
                and _not_a_happening(a) == "descriptive-participle":
            # (people named in the phrase it describes are no kind: "the bodies of soldiers
            # Ali Hassan and Omar Said, killed in an attack")
            if not any(w.ent_type_ == "PERSON" for w in a.head.subtree if w.i < a.i):
                return "descriptive-participle"
    return None


#: Prepositions that name the occasion a toll was taken at ("killed during protests").
_TOLL_OCCASION_PREPS = frozenset({"in", "during", "amid", "at"})


def _toll_taken_at(t: Token, occasions: set[int]) -> bool:
    """Is ``t`` a verb of killing or wounding whose occasion (an "in", "during", "amid" or "at"
    phrase) is one of the plural event nouns at ``occasions`` ("killed during protests", "killed
    since July in the largest protests in years")?"""
    if t.pos_ != "VERB":
        return False
    for p in t.children:
        if p.dep_ == "prep" and p.lower_ in _TOLL_OCCASION_PREPS:
            for g in p.children:
                # (a plural: a series of protests, which takes the tally as its own; "in the unrest"
                # keeps the tally apart)
                if g.dep_ == "pobj" and g.tag_ in ("NNS", "NNPS") and (
                        g.i in occasions or any(cj.i in occasions for cj in g.conjuncts)):
                    return True
    return False


def _possibility_of(t: Token) -> bool:
    """Is the event noun ``t`` (or the first of its conjuncts) the "of" object of a noun of
    possibility or fear (data/eventness.yaml ``possibility_nouns``: "the prospect of
    counter-protests", "fears of an attack")?"""
    n = t
    while n.dep_ == "conj" and n.head.pos_ in ("NOUN", "PROPN"):
        n = n.head
    return (t.pos_ in ("NOUN", "PROPN") and n.dep_ == "pobj" and n.head.lower_ == "of"
            and n.head.head.lemma_.lower() in eventness_words("possibility_nouns"))


def _trend_of_a_kind(t: Token) -> bool:
    """Is the event noun ``t`` a bare singular noun (no article, owner or number) that is the "of"
    object of a noun of trend (data/eventness.yaml ``trend_nouns``), or of a noun joined by
    "and"/"or" to one, with no place, date or figure in the trend's phrase ("we are witnessing the
    escalation or the visible recognition of police murder", "the spread of violence")? The kind
    of happening is named, whose trend is told: no particular happening."""
    if t.tag_ != "NN" or not _bare(t) or t.dep_ != "pobj" or t.head.lower_ != "of":
        return False
    n = t.head.head
    trends = eventness_words("trend_nouns")
    names = {n.lemma_.lower()}
    m = n
    while m.dep_ == "conj" and m.head.pos_ == "NOUN":
        m = m.head
        names.add(m.lemma_.lower())
    names.update(c.lemma_.lower() for c in n.children if c.dep_ == "conj" and c.pos_ == "NOUN")
    if n.pos_ != "NOUN" or names.isdisjoint(trends):
        return False
    return not any(w.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC") or w.like_num for w in m.subtree)


#: Word pairs that open an alternative not taken ("instead of vetoing", "rather than fighting").
_ALTERNATIVE_WORDS = frozenset({("instead", "of"), ("rather", "than")})


def _alternative_prep(p: Token) -> bool:
    """Is the preposition ``p`` one of an alternative not taken: "instead of" (either word may head
    the other in the parse) or "rather than"?"""
    if p.lower_ == "of":
        return p.head.lower_ == "instead" or any(ch.lower_ == "instead" for ch in p.children)
    if p.lower_ == "than":
        return (p.head.lower_ == "rather" or any(ch.lower_ == "rather" for ch in p.children)
                or (p.i > 0 and p.doc[p.i - 1].lower_ == "rather"))
    return False


def _an_alternative(t: Token) -> bool:
    """Is the noun ``t`` inside a phrase of alternatives opened by "whether" with no clause of its
    own ("whether through speech or protests", "whether with missile tests or with naval
    operations")? "Whether" then means "be it ... or ...": the phrase names kinds of things."""
    if t.pos_ not in ("NOUN", "PROPN"):
        return False
    chain = [t, *_ancestors(t, 4)]
    for h in chain[1:]:
        if h.pos_ in ("VERB", "AUX"):
            return False
        if h.pos_ != "ADP":
            continue
        first = h
        while first.dep_ == "conj" and first.head.pos_ == "ADP":  # "or with naval operations"
            first = first.head
        before = t.doc[first.i - 1] if first.i > 0 else None
        if before is not None and before.lower_ == "whether":
            return True
    return False


def _kind_of_people(n: Token) -> bool:
    """A bare plural that names no party: no determiner, possessor or number, and no name,
    nationality or place in it ("activists", "rights defenders", "authorities")."""
    mods = [d for ch in n.children if ch.dep_ not in ("relcl", "acl", "punct") for d in ch.subtree]
    return n.tag_ == "NNS" and not n.ent_type_ and _bare(n) and not any(d.ent_type_ or d.pos_ == "PROPN" for d in mods)


#: Verbs whose "to be done" complement goes on happening ("activists continue to be targeted").
_CONTINUING = frozenset("continue keep".split())


def _goes_on_for_a_kind(t: Token) -> bool:
    """Is ``t`` a passive that keeps befalling a kind of people ("human rights defenders and
    activists that continue to be targeted by the government"), with no date, place or number?"""
    if t.tag_ != "VBN" or t.dep_ != "xcomp" or t.head.lemma_.lower() not in _CONTINUING:
        return False
    if not any(ch.dep_ == "auxpass" for ch in t.children):
        return False
    v = t.head
    subjects = [ch for ch in v.children if ch.dep_ in ("nsubj", "nsubjpass")]
    if v.dep_ == "relcl" and (not subjects or subjects[0].lower_ in ("who", "that", "which")):
        subjects = [v.head]
    kinds = [n.head if n.dep_ == "conj" and n.head.tag_ == "NNS" else n for n in subjects]
    if not kinds or not all(_kind_of_people(n) for n in kinds):
        return False
    return not any(w.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC") or w.like_num for w in v.subtree)


def _kind_by_kind(t: Token) -> bool:
    """Is ``t`` a present perfect passive ("have been targeted") whose subject and "by" agent
    are both kinds of people, in a clause with no date, time, place or number?"""
    if t.tag_ != "VBN" or not any(ch.dep_ == "auxpass" and ch.lower_ == "been" for ch in t.children):
        return False
    if not any(ch.dep_ == "aux" and ch.lower_ in ("have", "has", "'ve") for ch in t.children):
        return False
    subjects = [ch for ch in t.children if ch.dep_ == "nsubjpass"]
    agents = [g for ch in t.children if ch.dep_ == "agent" for g in ch.children if g.dep_ == "pobj"]
    if not subjects or not agents or not all(_kind_of_people(n) for n in subjects + agents):
        return False
    return not any(w.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC") or w.like_num for w in t.subtree)


def in_caption(t: Token) -> bool:
    """Is ``t`` inside a photo caption ("Police make an arrest on West Florissant in Ferguson,
    Missouri, Aug. 10, 2015")? A caption tells in the present what a picture shows and ends with
    the day it was taken; where a caption was run into the text around it with no full stop,
    only the clause of its present-tense verb, from its subject to its date, is the caption."""
    return caption_of(t) is not None


def caption_of(t: Token) -> tuple[Token, str] | None:
    """The caption ``t`` is inside (see :func:`in_caption`): its present-tense verb and the text
    of its closing date (", Sept. 21, 2016"), the day the picture was taken; None outside one."""
    doc = t.doc
    for m in _CAPTION_END.finditer(doc_text(doc)):
        if t.idx > m.end():
            continue
        date_tok = next((w for w in doc if w.idx > m.start() and not w.is_punct), None)
        if date_tok is None:
            return None
        verb = None
        for h in [date_tok, *_ancestors(date_tok, 12)]:
            present = h.tag_ in ("VBZ", "VBP") and h.pos_ == "VERB" or (h.tag_ == "VBN" and any(
                a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in h.children))
            if present and h.lemma_.lower() not in _SAY_VERBS:
                verb = h  # the highest present-tense verb above the date is the caption's own
        if verb is None:
            return None
        # (the subject next to the verb: a parse across a lost full stop may give it two)
        subjects = [ch for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass") and ch.i < verb.i]
        start = max(subjects, key=lambda s: s.i).left_edge.i if subjects else verb.i
        inside = t.i >= start and (t.i == verb.i or verb.is_ancestor(t))
        return (verb, m.group(0).split("(")[0].strip(" ,")) if inside else None  # (less a photo credit)
    return None


def stretch_filled(t: Token) -> bool:
    """Is the event noun ``t`` the "of" object of a noun of a stretch of time (``eventness.yaml``
    ``stretch_nouns``: "another night of protests", "a second day of clashes")? It names the
    happening of that stretch, one happening."""
    return (t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ == "NOUN"
            and t.head.head.lemma_.lower() in eventness_words("stretch_nouns"))


def _shown_act(t: Token) -> bool:
    """Is ``t`` the act a photo caption shows: its present-tense verb or that verb's object ("Police
    make an arrest on <street>, <date>"), not a happening it tells of ("inspect the scene of a
    stabbing attack", "is escorted following his arrest")? (coding.corefer folds a shown act into
    the story's telling of it.)"""
    caption = caption_of(t)
    if caption is None:
        return False
    verb = caption[0]
    return t.i == verb.i or (t.dep_ in _OBJ and t.head.i == verb.i)


def describes_party(t: Token) -> bool:
    """Is ``t`` in a relative clause or a participle in the past that describes people by a
    happening ("the man who attacked the officers was cowardly", "the five police officers killed last
    week", "four men involved in the mob killing of a woman", "mothers whose children were
    killed")? Such a description picks out people by what they did or suffered: it refers to
    the happening, which the article may tell in its own right."""
    below = t
    for h in _ancestors(t, 5):
        if below.dep_ in ("relcl", "acl") and below.tag_ in ("VBD", "VBN") and h.pos_ in ("NOUN", "PROPN", "PRON") and (
                person_word(h.lemma_.lower()) or h.lemma_.lower() in _PARTY_NOUNS or h.ent_type_ == "PERSON"):
            return True
        if below.dep_ in ("ccomp", "advcl", "parataxis", "xcomp") or h.dep_ == "ROOT":
            return False  # a clause of its own: what it tells is told, not described
        below = h
    return False


def _acts_on_something(t: Token) -> bool:
    """Does the participle ``t`` take whom or what it acts on ("fighting the army", "fighting
    for Mosul", "fighting against IS"), as a description of a role does?"""
    return any(ch.dep_ in _OBJ or (ch.dep_ == "prep" and ch.lower_ in ("for", "against")) for ch in t.children)


#: Verbs of aiming among the attack triggers: with no object, their "at" phrase names whom a thing
#: is aimed at ("charges targeted at a reporter"), not whom they hit. ("fire at" and "shoot at"
#: are shooting: not here.)
_AIM_VERBS = frozenset({"target"})


def _aimed_at_a_party(t: Token) -> bool:
    """Is ``t`` a participle of aiming with no object and no "by" agent whose "at" phrase names a
    party ("appear targeted at Chutima", "a campaign targeted at young voters")? An "at" phrase of
    time or place ("targeted at dawn", "targeted at a checkpoint") keeps the attack."""
    if t.lemma_.lower() not in _AIM_VERBS or t.tag_ != "VBN":
        return False
    if any(ch.dep_ in ("dobj", "obj", "agent") for ch in t.children):
        return False
    aims = [g for ch in t.children if ch.dep_ == "prep" and ch.lower_ == "at" for g in ch.children if g.dep_ == "pobj"]
    doc = t.doc
    # (a name that "who" follows is a person's, whatever the tagger took it for)
    return bool(aims) and all(
        g.ent_type_ in ("PERSON", "ORG", "NORP") or person_word(g.lemma_.lower()) or g.lemma_.lower() in _PARTY_NOUNS
        or (g.i + 1 < len(doc) and doc[g.i + 1].lower_ in ("who", "whom")) for g in aims)


def _described_by_copula(n: Token) -> bool:
    """Is the noun ``n`` the subject or the predicate noun of an undated copula in the present
    or present perfect that says what something is or is like ("the coalition ... has been
    ineffective", "the rise is a result of ..."), itself or as the "of" object of that predicate
    noun? Not "there is" (which tells that something is there), nor a passive ("was attacked"),
    nor a past copula, which places what its participle tells at a time ("the five were part of
    a crowd protesting the shooting")."""
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.dep_ == "attr":
        n = n.head.head
    v = n.head
    if n.dep_ not in ("nsubj", "attr") or v.lemma_.lower() != "be" or v.pos_ not in ("AUX", "VERB"):
        return False
    if any(ch.dep_ == "expl" for ch in v.children) or not _present_or_perfect(v):
        return False
    return any(ch.dep_ in ("acomp", "attr") and ch.i != n.i for ch in v.children) or n.dep_ == "attr"


#: Verbs of thinking or talking whose "of"/"about" gerund is an act considered ("thinking of
#: attacking", "talked about withdrawing"), besides the verbs of belief and expectation.
_CONSIDERING = frozenset("think dream talk speak muse contemplate consider".split())
#: Nouns of a thought, a talk or a prospect whose "of" gerund is an act considered ("the idea of
#: attacking", "talk of withdrawing", "from even thinking of attacking", the tagger's noun).
_CONSIDERING_NOUNS = frozenset("thinking thought talk idea notion prospect possibility fear fears".split())


def _act_considered(t: Token) -> Token | None:
    """The verb of thinking, talking, belief or expectation (or the noun of a thought, a talk or
    a prospect) that takes ``t``, a subjectless gerund (or one coordinated with it: "attacking or
    isolating"), through "of" or "about"; None where there is none."""
    g = t
    while g.dep_ == "conj" and g.head.tag_ == "VBG":
        g = g.head
    if g.tag_ != "VBG" or g.dep_ != "pcomp" or any(ch.dep_ in _SUBJ for ch in g.children):
        return None
    p = g.head
    if p.lower_ not in ("of", "about"):
        return None
    h = p.head
    if h.pos_ == "VERB" and h.lemma_.lower() in _CONSIDERING | _COGNITION:
        return h
    return h if h.pos_ == "NOUN" and h.lower_ in _CONSIDERING_NOUNS else None


def _status_declared(v: Token) -> bool:
    """Is ``v`` a passive verb of declaring a status under a future ("would be considered closed
    military zones", "would be treated as combatants") in what a verb of announcing a decision
    says in the past ("the government announced Tuesday that ...")? The status is put in force
    by the announcement itself: the announcer's act, told as done, not a plan
    (data/eventness.yaml ``deeming_verbs``, ``announcing_verbs``)."""
    if v.pos_ != "VERB" or v.lemma_.lower() not in eventness_words("deeming_verbs"):
        return False
    if not any(ch.dep_ == "auxpass" for ch in v.children) or not any(
            ch.dep_ == "aux" and ch.lower_ in ("would", "will", "'ll") for ch in v.children) or any(
            ch.dep_ == "advcl" and _conditional(ch) for ch in v.children):
        return False  # ("would be considered a closed zone if the attacks continued": a condition)
    clause = v
    while clause.dep_ == "conj" and clause.head.pos_ == "VERB":
        clause = clause.head
    gov = clause.head
    return (clause.dep_ == "ccomp" and gov.tag_ == "VBD"
            and gov.lemma_.lower() in eventness_words("announcing_verbs"))


def _series_in_adjunct(t: Token) -> bool:
    """Is ``t`` a bare plural event noun that a free adjunct (a participle clause with no subject
    or mark of its own) takes as its object or its agent, where the clause the adjunct hangs on
    is told over a stretch of time: a perfect, or a verb that lasts "for weeks" or runs "since"
    ("U.S. forces have played a key role, launching airstrikes and providing advisers";
    "backed by coalition airstrikes, the army fought for weeks to take the city")? Such acts
    are a series told as one: an aggregate record."""
    if t.tag_ not in ("NNS", "NNPS") or not _bare(t):
        return False
    n = t
    while n.dep_ == "conj" and n.head.pos_ == "NOUN":
        n = n.head
    if n.dep_ == "dobj":
        v = n.head
    elif n.dep_ == "pobj" and (n.head.dep_ == "agent" or (n.head.lower_ == "by" and n.head.head.tag_ == "VBN")):
        v = n.head.head
    else:
        return False
    while v.dep_ == "conj" and v.head.pos_ == "VERB" and v.tag_ == v.head.tag_:
        v = v.head  # "launching airstrikes and providing advisers"
    # (a fronted adjunct that a run-on repair hung on the verb after it comes as "dep")
    if v.tag_ not in ("VBG", "VBN") or v.dep_ not in ("advcl", "dep") or any(
            ch.dep_ in ("nsubj", "nsubjpass", "mark", "aux", "auxpass") for ch in v.children):
        return False
    host = v.head
    if host.pos_ not in ("VERB", "AUX"):
        return False
    perfect = any(ch.dep_ == "aux" and ch.lemma_.lower() == "have" for ch in host.children)
    lasting = any(p.dep_ == "prep" and p.lower_ in ("for", "throughout", "over") and any(
        g.dep_ == "pobj" and g.tag_ == "NNS" and g.lemma_.lower() in _SPAN_UNITS for g in p.children)
        for p in host.children)
    return perfect or lasting or _period_span(host)


def _claim_retracted(chain: list[Token]) -> Token | None:
    """The verb of taking a statement back ("took back remarks that suggested ...", "retracted
    a report that ...", data/eventness.yaml ``retracting_verbs``; "take back" and "walk back"
    with their "back") among the first of ``chain`` (the trigger's ancestors) whose object is
    a statement (``statement_nouns``: "took back the town that rebels had seized" retracts
    nothing) holding the trigger; None where there is none."""
    words = eventness_words("retracting_verbs")
    for k, h in enumerate(chain[1:4], start=1):
        lemma = h.lemma_.lower()
        retracts = lemma in words or (f"{lemma} back" in words and any(
            ch.dep_ in ("prt", "advmod") and ch.lower_ == "back" for ch in h.children))
        said = chain[k - 1]
        if retracts and said.dep_ == "dobj" and said.lemma_.lower() in eventness_words("statement_nouns"):
            return h
    return None


def _adjunct_host(t: Token, scope: list[Token]) -> Token | None:
    """The verb whose clause a free adjunct holding ``t`` hangs on: a present or past participle
    with no subject and no mark ("..., using car bombs to make attacks", "..., backed by
    airstrikes") among ``t`` and the first of ``scope`` (its ancestors a modal can reach it
    through), whose head is that verb; None where there is none."""
    below = t
    for h in scope[:3]:
        if (below.dep_ == "advcl" and below.tag_ in ("VBG", "VBN") and h.pos_ in ("VERB", "AUX")
                and not any(ch.dep_ in ("nsubj", "nsubjpass", "mark", "aux", "auxpass") for ch in below.children)):
            return h
        below = h
    return None


def _present_or_perfect(v: Token) -> bool:
    """Is the verb ``v`` told in the present, the present progressive or the present perfect
    ("spurs", "is placing", "have spurred"), with no date or time of its own?"""
    auxes = [ch for ch in v.children if ch.dep_ == "aux"]
    if any(a.tag_ == "MD" for a in auxes) or _dated(v):
        return False
    if v.tag_ in ("VBZ", "VBP"):
        return not auxes
    if v.tag_ == "VBN":
        return any(a.lemma_.lower() == "have" and a.tag_ in ("VBZ", "VBP") for a in auxes)
    if v.tag_ == "VBG":
        return any(a.lemma_.lower() == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes)
    return False


def _names_liberty(n: Token) -> bool:
    """Is the noun ``n`` a right or a freedom (data/eventness.yaml ``liberty_nouns``)? A
    singular "right" is one only with what it is a right to or of ("the right to protest"):
    "the far right" is a political camp, a party."""
    lemma = n.lemma_.lower()
    if lemma not in eventness_words("liberty_nouns"):
        return False
    return lemma != "right" or n.tag_ == "NNS" or any(
        (ch.dep_ == "prep" and ch.lower_ in ("to", "of")) or (ch.dep_ == "acl" and ch.tag_ == "VB") for ch in n.children)


def _act_a_law_defines(t: Token) -> bool:
    """Is ``t`` a "to" infinitive that a word of legality (data/eventness.yaml
    ``legality_words``) governs, as its head or its head's head, or stands as its subject where the
    parser hung the predicate noun there ("make it a crime to kill", "it is illegal to hold
    protests"), or what a legal text (``legal_texts``) allows, requires or bans someone to do (``enabling_verbs``:
    "the law allows police to detain suspects")? So is the object of one ("to hold protests")."""
    if t.pos_ == "NOUN" and t.dep_ in _OBJ:
        t = t.head
    if t.tag_ != "VB" or not any(ch.dep_ == "aux" and ch.tag_ == "TO" for ch in t.children):
        return False
    words = eventness_words("legality_words")
    near = [t.head, t.head.head] + [ch for ch in t.children if ch.dep_ in ("nsubj", "nsubjpass")]
    if any(w.lemma_.lower() in words or w.lower_ in words for w in near if w.i != t.i):
        return True
    # what a law allows, requires or bans someone to do ("a bill that would allow members to
    # expel legislators", "the law allows police to detain suspects")
    gov = t.head
    if t.dep_ not in ("ccomp", "xcomp") or gov.pos_ != "VERB" or gov.lemma_.lower() not in eventness_words("enabling_verbs"):
        return False
    subj = next((ch for ch in gov.children if ch.dep_ == "nsubj"), None)
    if subj is not None and gov.dep_ == "relcl" and subj.lower_ in ("that", "which"):
        subj = gov.head
    return subj is not None and subj.lemma_.lower() in eventness_words("legal_texts")


def _happenings_as_cause(t: Token) -> bool:
    """Is ``t`` a plural event noun, or a mass noun (singular, with no article, owner, number or
    phrase of its own), with no number, date or time of its own, told only as what
    brings about a reaction or a state, in the present or the present perfect: the subject of a
    verb of effect (data/eventness.yaml ``effect_verbs``), itself or through a relative
    clause ("the killings of officers have spurred a movement", "a string of bombings that
    have captured the public's attention", "shootings are putting pressure on the police",
    "heavy fighting is placing extreme pressure on hospitals")?
    Such a noun names a kind or a run of happenings as a cause, none of them told; a dated or
    counted one ("the two shootings on Sunday have sparked protests"), or one told in the past
    ("the killings sparked protests", which takes up happenings told elsewhere), is left alone."""
    # (a mass noun with a phrase of its own may place it or name its sides: "fighting between
    # rebels and troops in Aleppo is placing pressure on hospitals" tells the fighting)
    mass = t.tag_ == "NN" and _bare(t) and not any(ch.dep_ == "prep" for ch in t.children)
    if t.pos_ != "NOUN" or not (t.tag_ == "NNS" or mass) or any(
            ch.dep_ == "nummod" or ch.tag_ in ("CD", "JJS") or ch.ent_type_ == "ORDINAL" for ch in t.children):
        return False
    verb = t.head if t.dep_ == "nsubj" else next((ch for ch in t.children if ch.dep_ == "relcl" and any(
        s.dep_ == "nsubj" and s.lower_ in ("that", "which") for s in ch.children)), None)
    if verb is None or verb.pos_ != "VERB" or verb.lemma_.lower() not in eventness_words("effect_verbs"):
        return False
    if not any(ch.dep_ in _OBJ for ch in verb.children) or not _present_or_perfect(verb):
        return False
    return not any(w.ent_type_ in ("DATE", "TIME") or w.like_num for w in t.subtree)


def _kind_gone(t: Token) -> bool:
    """Is ``t`` a bare plural event noun (no article, owner, number or date) that is the subject of
    a verb of going away (data/eventness.yaml ``vanishing_verbs``: "large street demonstrations
    virtually vanished", "attacks on convoys have dwindled")? It tells a trend of a kind of
    happening, none of them; "the protests ended" takes up happenings told elsewhere."""
    if t.pos_ != "NOUN" or t.tag_ != "NNS" or t.dep_ != "nsubj" or t.head.pos_ != "VERB":
        return False
    if t.head.lemma_.lower() not in eventness_words("vanishing_verbs"):
        return False
    return not any(ch.dep_ in ("det", "poss", "nummod") or ch.tag_ == "CD" for ch in t.children) and not any(
        w.ent_type_ in ("DATE", "TIME", "CARDINAL") for w in t.subtree)


def _ordinal_time_clause(t: Token) -> Token | None:
    """The noun of an ordinal occasion ("the first time", "the second time in a month", "the
    only time", data/eventness.yaml ``occasion_nouns``) whose relative clause ``t`` is, where
    that noun phrase stands beside a clause or a noun as what characterises it (an apposition,
    a bare noun phrase as an adverb, a predicate noun: "..., the first time Israel has hit the
    capital since 2013"), not "for the first time", which dates the verb it modifies
    ("entered the neighborhood for the first time in months" tells the entry). None otherwise."""
    if t.dep_ != "relcl" or t.pos_ != "VERB":
        return None
    noun = t.head
    if noun.lemma_.lower() not in eventness_words("occasion_nouns") or noun.dep_ not in ("appos", "npadvmod", "attr"):
        return None
    if not any(ch.dep_ == "amod" and (ch.ent_type_ == "ORDINAL" or ch.lower_ in ("first", "last", "only"))
               for ch in noun.children):
        return None
    return noun


def _told_again_as_a_first(c: Candidate, cands: list[Candidate]) -> bool:
    """Is ``c`` the verb of an ordinal occasion clause (``_ordinal_time_clause``) set beside a
    clause whose verb is a live candidate of the same event ("Israeli jets struck the airport on
    Sunday, the first time Israel has hit the capital since 2013"): that clause's happening told
    again, as the first of its kind in a stretch? Alone in its sentence ("It was the first time
    militants attacked the base") it is left alone: it may be the only telling; beside an event
    noun ("The strike — the first time the navy fired missiles — was meant as a warning") the
    clause's verb, with its doer, is the telling the noun's characterisation leaves."""
    noun = _ordinal_time_clause(c.trigger)
    if noun is None or noun.head.pos_ != "VERB":
        return False
    return any(o is not c and not o.dropped and o.event == c.event and o.trigger.i == noun.head.i for o in cands)


def _first_reason(t: Token, tests: tuple[tuple[Callable[[Token], bool], str], ...]) -> str | None:
    """The reason of the first test that ``t`` meets, in order (None: none): a run of the
    modality step's "no particular happening" tests, each dropping the candidate with its reason."""
    return next((why for test, why in tests if test(t)), None)


#: Dashes that join a sub-heading to the paragraph it heads on a scraped page.
_HEADING_DASHES = frozenset({"-", "\u2013", "\u2014"})


def _in_sub_heading(t: Token) -> bool:
    """Is ``t`` in a sub-heading cut from the paragraph it was run into ("... of the country Other
    attacks -Anti-Syrian mourners chant ...", ``nlp.sentences`` cuts after the dash): a short
    sentence that ends with its dash and has no verb, in sentence case ("Other attacks",
    "Protest ban", "Refugee crisis": a headline is in title case, "Deadly Blast Hits Kabul")?
    It names the topic of the section below, no happening of its own; the text below tells it."""
    s0, s1 = sentence_bounds(t)
    doc = t.doc
    end = s1 - 1
    while end > s0 and doc[end].is_space:
        end -= 1
    if doc[end].text not in _HEADING_DASHES:
        return False  # (most sentences: read no further, and build no Span)
    words = [w for w in doc[s0:s1] if not w.is_punct and not w.is_space]
    if not 1 <= len(words) <= defaults.SUBHEADING_MAX_WORDS or any(w.pos_ in ("VERB", "AUX") for w in words):
        return False
    return len(words) == 1 or any(w.is_alpha and w.text.islower() and w.lower_ not in TITLE_SMALL for w in words[1:])


def _habitual_relative(t: Token) -> bool:
    """Is the verb ``t`` (or the first of the verbs coordinated with it) a relative clause in the
    simple present, with no auxiliary, whose subject is the relative pronoun standing for a noun
    or pronoun, in body text (not a headline's or a caption's present, which tells past news)?"""
    v = t
    while v.dep_ == "conj" and v.head.pos_ == "VERB" and v.tag_ == v.head.tag_:
        v = v.head
    if t.pos_ != "VERB" or v.dep_ != "relcl" or t.tag_ not in ("VBP", "VBZ"):
        return False
    if v.head.pos_ not in ("NOUN", "PROPN", "PRON") or v.head.ent_type_ in ("DATE", "TIME"):
        return False
    if any(ch.dep_ in ("aux", "auxpass") for w in {t, v} for ch in w.children):
        return False
    # what the noun's people do: the relative pronoun is the clause's subject ("agents who
    # target"), not a clause told of a happening ("protests, where neighbours block streets")
    if not any(ch.dep_ == "nsubj" and ch.lower_ in ("who", "that", "which") for ch in v.children):
        return False
    return not headline_like(t.doc) and not in_caption(t)


def _not_a_happening(t: Token) -> str | None:
    """Why a trigger word, by its place in the sentence, names no happening (None: it may).

    - a noun modifying another noun ("a Texas jail cell", "riot police", "her phone rings"),
      unless that noun is a unit of the activity ("bombing runs", "artillery fire") or a
      headline's capitalised words ("Students Protest Facebook Cheating Scandal");
    - a participle used as an adjective ("the besieged gas complex", "a visiting journalist");
    - a gerund clause as a subject ("Targeting the gay community is an easy way");
    - a gerund after a preposition of manner or contrast ("measures like arresting them",
      "warned against allowing militias", "instead of vetoing");
    - a noun that a banning verb takes as its object ("prohibiting public gatherings");
    - a noun any or every event of its kind would fit ("any future attack", "potential strikes"),
      or a relative clause on any or every one ("any threat which may target the republic");
    - a participle describing a bare plural, a kind of people or things ("African-Americans
      killed by police").
    Triggers folded into another trigger's phrase ("rocket attack") are settled before this.
    """
    head = t.head
    if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
        return "attribution"  # "according to" names a source, not an accord
    if _in_sub_heading(t):
        return "sub-heading"  # "Other attacks -", "Protest ban-": the topic of the section below
    if t.dep_ == "compound" and t.pos_ in ("NOUN", "PROPN") and head.pos_ == "NOUN":
        # (a headline drops its articles and makes verbs look like nouns: "police battle militants")
        if head.lemma_.lower() not in _ACTIVITY_HEADS and not (t.is_title and head.is_title) and not headline_like(t.doc):
            return "modifier"
    if t.dep_ == "amod" and t.tag_ in ("VBN", "VBG") and t.i > 0 and t.i < head.i and (
            t.doc[t.i - 1].tag_ in ("DT", "PRP$", "POS", "JJ", "CD")):
        return "modifier"  # inside a noun phrase: "the besieged complex" (not "and looted stores")
    if t.dep_ == "csubj" and t.tag_ == "VBG" and head.lemma_.lower() not in _TOLL_VERBS:
        # (a gerund that took a toll is one happening: "Shelling of the market leaves five dead")
        return "generic-activity"
    if t.dep_ == "pcomp" and t.tag_ == "VBG" and not any(ch.dep_ in _SUBJ for ch in t.children) and (
            head.lower_ in _MANNER_PREPS or _alternative_prep(head)):
        return "generic-activity"
    # an alternative not taken, however the parser hung it ("abstained rather than vetoing the
    # resolution", read as a second verb of the clause): the act did not happen
    if t.tag_ == "VBG" and t.i >= 2 and (t.doc[t.i - 2].lower_, t.doc[t.i - 1].lower_) in _ALTERNATIVE_WORDS:
        return "alternative"
    if (t.dep_ in ("acl", "relcl") and t.pos_ == "VERB" and head.pos_ == "NOUN"
            and any(ch.dep_ == "aux" and ch.tag_ == "TO" for ch in t.children)
            and not person_word(head.lemma_.lower()) and head.lemma_.lower() not in _PARTY_NOUNS
            and head.lemma_.lower() not in _ACT_NOUNS and head.ent_type_ == ""
            and not _used_means(head) and not _dated(t) and not headline_like(t.doc)
            and not any(ch.tag_ == "JJS" or ch.ent_type_ == "ORDINAL" or ch.lower_ in ("only", "latest", "next")
                        for ch in head.children)):
        # an infinitive saying what a plan, strategy, law or campaign is for ("a new strategy to
        # combat the militants", "a campaign to degrade the group"): the aim of a design, no
        # happening of its own; a date makes it a planned happening ("a march to be held Friday");
        # people or forces sent to act ("troops to fight") are not settled here, nor one picked
        # out among others by what it did ("the first country to send troops": it sent them), nor
        # a step taken or a means used ("the decision to withdraw", "used force to disperse them")
        return "aim-of-design"
    if t.pos_ in ("NOUN", "PROPN") and t.dep_ == "pobj" and t.head.lower_ in _PRIVATIVE_PREPS:
        # what a thing is done without did not take place ("protesting without a police permit",
        # "held without charge", "a week without attacks")
        return "absent"
    if _an_alternative(t):
        # one of alternatives after "whether" ("restricted dissent, whether through speech or
        # protests"): any of a kind, no happening
        return "alternative"
    if _example_of_a_kind(t):
        # named as an example of a kind of thing ("hazards like roadside bombs and suicide
        # attacks", "weapons such as car bombs"): a kind, no happening
        return "example-of-kind"
    if _part_of_a_whole(t):
        # what a process or a plan is made of ("a process that included consultations with
        # agencies"): a kind of step, no happening
        return "part-of-a-whole"
    if _bare(t) and t.dep_ == "nsubj" and _future(head) and not any(
            w.ent_type_ in ("DATE", "TIME") for w in head.subtree):
        # a bare event noun foretold ("violence is going to happen", "bloodshed will follow"):
        # a prediction about a kind of happening, no particular one; a dated or determined one
        # ("the talks will begin on Tuesday", "a strike will hit the city") is a plan
        return "prediction"
    if t.pos_ == "NOUN" and any((ch.dep_ == "det" and ch.lower_ in ("any", "every"))
                                or (ch.dep_ == "amod" and ch.lower_ in ("future", "potential")) for ch in t.children):
        return "generic"  # "any future attack on our soil" names no happening
    if t.dep_ == "relcl" and (any(ch.dep_ == "det" and ch.lower_ in ("any", "every") for ch in head.children)
                              or head.lower_ in ("anyone", "anybody", "whoever", "everyone")):
        return "generic"  # "any threat which may target the republic", "anyone who attacks us"
    if t.pos_ == "NOUN" and any(
            ch.dep_ == "prep" and ch.lower_ in ("on", "against", "upon") and any(
                g.dep_ == "pobj" and _names_liberty(g) for g in ch.children)
            for ch in t.children):
        # "a crackdown on the rights of freedom of expression", "an assault on press freedom":
        # a policy against a right, or a figure of speech, no act on a party
        return "act-on-a-right"
    if _act_a_law_defines(t):
        # "legislation that would make it a federal crime to kill a police officer": a kind of
        # act a law defines, no act
        return "act-defined"
    if _aimed_at_a_party(t):
        # "the charges appear targeted at Chutima", "a campaign targeted at young voters": what is
        # aimed at a party, not an attack on it
        return "aimed-at"
    if t.pos_ == "NOUN" and t.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in _BANNING_VERBS:
        # "a decree prohibiting public gatherings", "demonstrations have been banned since 2013":
        # what is banned is not held
        return "banned-activity"
    # (a bare noun joined to a bare plural is part of the kind: "activists and civil society
    # targeted by governments")
    kind = head.head if head.dep_ == "conj" and head.head.tag_ in ("NNS", "NNPS") and _bare(head) else head
    # (a participle right after an "of" object describes that object, where the parser hung it on
    # the noun the "of" phrase belongs to: "the widows of police officers killed in the line of duty")
    near = t.doc[t.i - 1] if t.i > 0 else t
    if (t.dep_ == "acl" and t.tag_ == "VBN" and near.dep_ == "pobj" and near.tag_ in ("NNS", "NNPS")
            and near.head.lower_ == "of" and head.left_edge.i <= near.i < t.i):
        kind = near
    if (t.dep_ == "acl" and t.tag_ == "VBN" and kind.tag_ in ("NNS", "NNPS")
            and not any(ch.dep_ in ("det", "poss", "nummod") for ch in kind.children)
            and not any(w.ent_type_ in ("DATE", "TIME") or w.tag_ == "CD" for w in t.subtree)
            and _root(t).pos_ in ("VERB", "AUX") and not headline_like(t.doc)):
        # a participle describing a kind of people or things ("the names of African-Americans
        # killed by police", "widows of officers killed in the line of duty", "settlements
        # targeted by forces loyal to Assad"): a class, no particular happening; a definite,
        # counted or dated head is one ("the five officers killed last week"); with no finite
        # verb elsewhere the participle is the sentence's own ("a crowd of men holding
        # umbrellas gathered at the park", misread); a headline drops the auxiliary of its news
        # ("Iraqi army says 78 IS militants killed in Diyala")
        return "descriptive-participle"
    if (t.dep_ == "acl" and t.tag_ == "VBG" and _acts_on_something(t) and kind.tag_ in ("NNS", "NNPS")
            and kind.lemma_.lower() not in _SPAN_UNITS | _STRETCHES | {"time"}  # ("at times calling for")
            and not any(ch.dep_ in ("det", "poss", "nummod") for ch in kind.children)
            and not any(w.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC") or w.tag_ == "CD" for w in t.subtree)
            and _root(t).pos_ in ("VERB", "AUX") and not headline_like(t.doc)):
        # a present participle saying what a kind of people do as their role ("the underfunded
        # surrogates fighting the army", "rebels fighting for the city"): who they are, no
        # particular happening; a place, date or number in it tells one ("rebels fighting in
        # Aleppo on Monday")
        return "descriptive-participle"
    if (t.dep_ == "acl" and t.tag_ == "VBG" and _acts_on_something(t) and head.pos_ in ("NOUN", "PROPN")
            and _described_by_copula(head) and not any(ch.dep_ == "nummod" for ch in head.children)
            and not any(w.ent_type_ in ("DATE", "TIME") or w.tag_ == "CD" for w in t.subtree)):
        # ... or what a party does as its role, in a clause that only says what the party is
        # ("the coalition fighting IS in Syria has been ineffective", "the rise of the group is a
        # result of the militias fighting the army"): the participle describes, the copula tells
        # a state, and nothing in the sentence tells a happening (a date or number would)
        return "descriptive-participle"
    if t.dep_ == "relcl" and head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ in ("NOUN", "PROPN") and any(
            d.lower_ == "whose" for ch in t.children if ch.dep_ == "nsubjpass" for d in ch.children):
        # "Mothers of the Movement, whose children were killed": a "whose" clause after an "of"
        # phrase is about the phrase's head (the mothers), whom the parser may pass over
        head = head.head.head
    # (a capitalised plural, "Mothers of the Movement", keeps its plural as its lemma: a regular
    # plural's singular is read without the "s")
    lemma = head.lower_[:-1] if head.tag_ == "NNPS" and head.lower_.endswith("s") else head.lemma_.lower()
    if t.dep_ == "relcl" and t.tag_ == "VBN" and any(ch.dep_ == "auxpass" for ch in t.children) and (
            person_word(lemma) or lemma in _PARTY_NOUNS):
        # people described by what they suffered ("the family members of those who were killed",
        # "mothers whose children were killed by gun violence"): a kind of people, unless the
        # sufferers are counted or the clause is dated ("the two men who were arrested on Monday")
        sufferers = [ch for ch in t.children if ch.dep_ == "nsubjpass"]
        sufferer = head if not sufferers or sufferers[0].lower_ in ("who", "that", "which", "whom") else sufferers[0]
        if not any(ch.dep_ == "nummod" or ch.lower_ in _QUANTIFIERS for ch in sufferer.children) and not any(
                w.ent_type_ in ("DATE", "TIME") or w.tag_ == "CD" for w in t.subtree) and not headline_like(t.doc):
            return "descriptive-relative"
    if (t.dep_ == "dobj" and t.tag_ in ("NNS", "NNPS") and _bare(t) and head.tag_ == "VBG" and head.dep_ == "pcomp"
            and not any(ch.dep_ in _SUBJ for ch in head.children) and not _dated(head)
            and not any(w.ent_type_ in ("GPE", "LOC", "FAC") or w.like_num for w in head.subtree)):
        # a bare plural that a subjectless gerund after a preposition takes ("sentenced for
        # attending protests", "accused of carrying out attacks"): a kind of act, the reason or
        # the charge, not a happening told; a date, place or number makes it one
        return "generic-activity"
    if (t.dep_ == "pcomp" and t.tag_ == "VBG" and head.lower_ in _CHARGE_PREPS
            and not any(ch.dep_ in _SUBJ for ch in t.children) and not _dated(t)
            and any(ch.dep_ in _OBJ and _kind_of_people(ch) for ch in t.children)
            and not any(w.ent_type_ in ("GPE", "LOC", "FAC") or w.like_num for w in t.subtree)):
        # ... and so is the gerund itself where what it acts on is a kind of people ("accused
        # police of arbitrarily detaining people", "jailed for attacking officers"): the charge
        # or the reason names a kind of act; a date, place or number tells one
        return "generic-activity"
    if (t.dep_ == "acl" and t.tag_ == "VBG" and head.lemma_.lower() in _WRITINGS
            and not any(ch.dep_ in _SUBJ for ch in t.children)):
        # what a sign, slogan or banner says ("signs demanding U.S. troops leave", "slogans
        # calling for the overthrow"): the words of a protest, not a demand made of a party
        return "slogan-content"
    return None


#: Event types whose mass nouns name an activity that goes on ("fighting", "violence", "unrest").
_ACTIVITY_EVENTS = frozenset({"ASSAULT", "PROTEST"})
#: Prepositions that name a side of the activity ("fighting with guerrillas", "violence between clans").
_SIDE_PREPS = frozenset({"with", "between", "by"})
#: Verbs whose subject takes part in the activity their preposition names ("went on strike").
_JOINING_VERBS = frozenset("go engage participate join take involve".split())
#: Verbs of coming back, whose subject activity takes place again ("violence has returned to the streets").
_RETURNING = frozenset("return resume recur".split())
#: Nouns of a stretch of time that make a mass noun of activity one happening ("a night of violence").
_STRETCHES = frozenset("night day days week weekend hour morning evening afternoon".split())
#: Entity kinds that place or time a mention, or name a side in it.
_ANCHORING_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "NORP", "ORG", "PERSON"})


def activity_in_general(t: Token) -> bool:
    """Is ``t`` a mass noun naming violent or protest activity in general ("struggling to cope
    with heavy fighting", "the leading role in fighting IS", "victims of violence against
    police", "as further unrest marked the anniversary")? A singular noun with no determiner,
    possessor or number is used as a mass noun: the activity, which a war or a season of unrest
    is made of, not one happening of it. Only a prepositional object or a subject is read so;
    a verb's object is the verb's to tell ("committed widespread rape", "suppressed peaceful
    protest"). It is one where the clause says it took place or came back ("fighting broke out",
    "violence has returned"), where a death or killing happened in it ("died from gunfire"),
    where its own phrase places, dates or names a side in it ("fighting in Aleppo", "Kurdish
    gunfire", "police murder"), where it is a stretch of time ("a night of violence"), where its
    clause has a date or a figure, or in a headline (which drops its articles)."""
    if t.pos_ != "NOUN" or t.tag_ != "NN" or not _bare(t) or headline_like(t.doc):
        return False
    head = t.head
    if t.dep_ == "pobj":
        if head.lower_ == "by" or head.dep_ == "agent":
            return False  # "hit by gunfire": the cause of a happening the verb tells
        verb = head.head
        for _ in range(3):  # up a chain of prepositions: "died as a result of torture"
            if verb.dep_ != "pobj" or verb.head.dep_ != "prep":
                break
            verb = verb.head.head
        if verb.pos_ == "VERB" and verb.lemma_.lower() in _TALLIED_VERBS | _DIE_VERBS:
            return False  # "died from gunfire", "killed in fighting": the happening the verb tells
        if head.head.pos_ == "VERB" and (head.head.lemma_.lower() in _JOINING_VERBS or any(
                w.ent_type_ in ("DATE", "TIME") or w.like_num for w in head.head.subtree)):
            # "workers went on strike on Monday", "engaged in fighting": the verb's subject
            # takes part in it, or the verb's clause dates or counts it
            return False
    elif t.dep_ != "nsubj" or head.lemma_.lower() in _ERUPT_VERBS | _OCCURRING | _RETURNING or existence_asserted(t):
        # an object of a verb, a modifier, a coordinated noun sharing another's determiner ("a
        # crash and explosion"), or a subject said to take place or come back: left to the verb
        return False
    if t.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _STRETCHES:
        return False  # "a second night of violence", "three days of fighting": a stretch of it
    if any(w.ent_type_ in _ANCHORING_ENTS or w.like_num for w in t.subtree):
        return False
    if any(ch.tag_ in ("JJS", "RBS") or ch.ent_type_ == "ORDINAL"
           or (ch.dep_ in ("compound", "amod", "nmod") and (_actorish(ch) or person_word(ch.lemma_.lower())))
           for ch in t.children):
        return False  # "the deadliest assault", "Kurdish gunfire", "police murder"
    if any(p.dep_ == "prep" and p.lower_ in _SIDE_PREPS and any(
            g.dep_ == "pobj" and (_actorish(g) or person_word(g.lemma_.lower())) for g in p.children)
           for p in t.children):
        return False  # "fierce fighting with guerrillas": its sides named
    return t.dep_ != "nsubj" or not any(w.ent_type_ in ("DATE", "TIME") or w.like_num for w in head.subtree)


def _used_means(n: Token) -> bool:
    """Whether a noun (or one it is coordinated with) is the object of a verb of using."""
    while n.dep_ == "conj" and n.head.pos_ in ("NOUN", "PROPN"):
        n = n.head
    return n.dep_ in _OBJ and n.head.lemma_.lower() in _USING_VERBS


def _bare(t: Token) -> bool:
    """A noun with no determiner, possessor or number: a mass noun or bare plural."""
    return t.pos_ == "NOUN" and not any(ch.dep_ in ("det", "poss", "nummod") for ch in t.children)


def _part_of_a_whole(t: Token) -> bool:
    """Is ``t`` a bare event noun (no article, owner or number), or one joined by "and"/"or" to
    one, that a verb of inclusion (data/eventness.yaml ``inclusion_verbs``) takes as its object,
    with no date or time in its phrase ("a process that included consultations with key
    agencies", "the plan involves airstrikes and raids")? It names a kind of step a whole is
    made of; the whole, where it is a happening, is the record."""
    while t.dep_ == "conj" and t.head.pos_ == "NOUN":
        if not _bare(t):
            return False
        t = t.head
    if not _bare(t) or t.dep_ != "dobj" or t.head.pos_ != "VERB":
        return False
    if t.head.lemma_.lower() not in eventness_words("inclusion_verbs"):
        return False
    return not any(w.ent_type_ in ("DATE", "TIME") or w.like_num for w in t.subtree)


def _example_of_a_kind(t: Token) -> bool:
    """A bare noun named after "like" or "such as" (or "including" after a bare plural), or
    joined to one by "and"/"or"."""
    while t.dep_ == "conj" and t.head.pos_ == "NOUN":
        if not _bare(t):
            return False
        t = t.head
    if not _bare(t) or t.dep_ != "pobj" or any(w.ent_type_ in ("DATE", "TIME") for w in t.subtree):
        return False
    p = t.head
    # ("violations by security forces, including unlawful killings": a kind within a kind, when
    # what it is part of is itself a bare plural)
    if p.lower_ == "including" and p.head.pos_ == "NOUN" and p.head.tag_ == "NNS" and _bare(p.head):
        return True
    return p.lower_ == "like" or (p.lower_ == "as" and p.i > 0 and t.doc[p.i - 1].lower_ == "such")


def _future(v: Token) -> bool:
    """Whether a verb is told as to come: "will"/"'ll" on it, or "going to" before it."""
    if any(ch.dep_ == "aux" and ch.lower_ in ("will", "'ll") for ch in v.children):
        return True
    return v.lower_ == "going" and any(ch.dep_ == "xcomp" and any(a.lower_ == "to" for a in ch.children)
                                        for ch in v.children)


def _dated(t: Token) -> bool:
    """Whether the clause or phrase of ``t`` carries a date or a time that anchors it."""
    return any(w.ent_type_ in ("DATE", "TIME") for w in t.subtree)


#: Nouns of a step taken, whose "to" clause is the act taken or tried, not a design's aim ("the
#: decision to withdraw was taken", "a bid to retake the town", "warrants to detain ten more").
#: Verbs that tell what a happening cost ("Shelling of the town leaves five dead", "Targeting a
#: bus causes 7 casualties"): a gerund subject of one is a particular act, not an activity.
_TOLL_VERBS = frozenset("kill leave cause claim wound injure".split())
_ACT_NOUNS = frozenset("decision move bid attempt effort order warrant operation push drive".split())
#: Verbs of putting a means to work: its "to" clause is what it was used for ("police used smoke
#: grenades and other measures to disperse crowds": they dispersed them).
_USING_VERBS = frozenset("use employ deploy fire".split())
#: Verbs of keeping a post, which a photo caption uses for a routine scene ("soldiers man a checkpoint").
_POSTURE_VERBS = frozenset("guard man patrol stand watch secure monitor keep".split())
#: Words that count people without a number ("several black men who have been killed").
_QUANTIFIERS = frozenset("several many dozens hundreds thousands scores numerous".split())
#: Things written or chanted at a protest, whose words are no act of their own.
_WRITINGS = frozenset("sign slogan banner placard poster chant graffiti leaflet t-shirt".split())


def _root(t: Token) -> Token:
    while t.head.i != t.i:
        t = t.head
    return t


#: Verbs whose object is an activity kept from happening.
_BANNING_VERBS = frozenset({"ban", "prohibit", "forbid", "outlaw"})


#: Nouns of a stretch of time, and the words that make one recent ("in recent days", "over the
#: past two weeks", "the last few months").
_SPAN_UNITS = frozenset({"day", "week", "month", "year", "decade"})
#: Verbs whose perfect over a stretch of time sums up many happenings ("have been killed since July").
_TALLIED_VERBS = frozenset("kill die wound injure shoot attack strike bomb shell arrest detain abduct kidnap".split())
_SPAN_RECENT = frozenset({"recent", "past", "last", "few", "several", "this"})
#: Units long enough that "this <unit>" is a stretch of time running up to now that a toll is
#: summed over ("have been killed this year"); "this week" may be one happening's day.
_CURRENT_SPAN_UNITS = frozenset({"month", "year"})


def _period_span(tok: Token) -> bool:
    """Is ``tok`` modified by a stretch of time reaching to now ("since July", "in recent days")?"""
    for ch in tok.children:
        if ch.dep_ == "prep" and ch.lower_ == "since" and any(
                g.dep_ == "pobj" and (g.ent_type_ == "DATE" or g.lemma_.lower() in _SPAN_UNITS) for g in ch.children):
            return True  # (since a date; "since the attack" counts what followed one happening)
        spans = [g for g in ch.children if g.dep_ == "pobj"] if ch.dep_ == "prep" and ch.lower_ in (
            "in", "during", "over", "throughout") else [ch] if ch.dep_ == "npadvmod" else []
        if any(g.lemma_.lower() in _SPAN_UNITS and g.tag_ == "NNS"
               and any(d.lower_ in _SPAN_RECENT for d in g.children) for g in spans):
            return True
        # a singular unit is a stretch only after a preposition of extent and "the last/past"
        # ("over the last week", "in the past month"); bare "last week" is a point in time
        if ch.dep_ == "prep" and any(
                g.lemma_.lower() in _SPAN_UNITS and g.tag_ == "NN"
                and any(d.dep_ == "det" and d.lower_ == "the" for d in g.children)
                and any(d.lower_ in ("last", "past") for d in g.children) for g in spans):
            return True
        # the current month or year, or any unit "so far" ("have been killed this year", "so far
        # this week"): a stretch running up to now, as "since January" is
        if any(g.lemma_.lower() in _SPAN_UNITS and g.tag_ == "NN"
               and any(d.dep_ == "det" and d.lower_ == "this" for d in g.children)
               and (g.lemma_.lower() in _CURRENT_SPAN_UNITS or _so_far(tok)) for g in spans):
            return True
    return False


def _so_far(tok: Token) -> bool:
    """Does "so far" modify ``tok`` ("have shot 300 people so far this year")?"""
    return any(ch.lower_ == "far" and ch.dep_ == "advmod" and any(s.lower_ == "so" for s in ch.children)
               for ch in tok.children)


#: Nouns of a struggle that news also uses for a campaign for or against a cause.
_STRUGGLE_NOUNS = frozenset({"fight", "struggle"})
#: Named entities a struggle may be fought for or against as a side or a place ("the fight for
#: Mosul", "the fight against Islamic State in Raqqa" stay happenings).
_SIDE_OR_PLACE_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})


def _fight_for_a_cause(t: Token) -> bool:
    """Is the noun ``t`` a struggle for or against a cause rather than a side or a place ("the
    fight for gun legislation", "the fight against corruption", "the anti-IS fight")?"""
    if t.pos_ != "NOUN" or t.lemma_.lower() not in _STRUGGLE_NOUNS:
        return False
    if any(ch.dep_ in ("amod", "compound") and ch.lower_.startswith("anti") for ch in t.subtree if ch.i < t.i):
        return True
    for p in t.children:
        if p.dep_ == "prep" and p.lower_ in ("for", "against"):
            for g in p.children:
                if g.dep_ == "pobj" and not g.ent_type_ and g.pos_ == "NOUN":
                    return True
    return False


#: Quantifier pronouns that pick out part of a set ("some", "others", "many of them"): with no
#: noun of their own, the set is one the discourse has already brought in.
_PARTITIVES = frozenset("some many most others several few".split())


def _partitive_subject(t: Token) -> bool:
    """Is the subject of the clause that tells ``t`` a part of a group told before: a bare
    quantifier pronoun ("some waved flags", "others set fire to a flag") or one of a definite
    group ("some of the attackers", "many of them")?"""
    v = t
    for _ in range(3):
        subs = [ch for ch in v.children if ch.dep_ in ("nsubj", "nsubjpass")]
        if subs:
            sj = subs[0]
            if sj.lower_ not in _PARTITIVES:
                return False
            objs = [g for p in sj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                    if g.dep_ == "pobj"]
            if not objs:
                return not any(ch.dep_ in ("det", "amod", "compound", "nummod") for ch in sj.children)
            return any(g.lower_ in ("them", "those", "these") or any(
                d.dep_ in ("det", "poss") and d.lower_ not in ("a", "an") for d in g.children) for g in objs)
        if v.head is v:
            return False
        v = v.head
    return False


#: Nouns of a stretch of time long enough to hold history rather than news: a plural of years
#: ("in the last 80 years", "in recent years"), decades, centuries, generations, a history.
_HISTORY_UNITS = frozenset({"decade", "century", "generation", "history", "millennium"})


def _a_year(tok: Token) -> bool:
    return tok.like_num and len(tok.text) == 4 and tok.text.isdigit() and tok.text[:2] in ("19", "20")


def _history_span(t: Token, chain: list[Token]) -> bool:
    """Is the event noun ``t``, or the verb that carries it, modified by a stretch of time of
    years or longer ("in the last 80 years", "over the past two decades", "in its history", "in
    2011 and 2013")?"""
    return _history_stretch(t, chain) is not None


def _long_stretch(g: Token) -> bool:
    """Is the stretch of time ``g`` (the head of "the last 80 years", "two decades", "its
    history") a history rather than a period a news count runs over: a decade or more, or a
    number of years of at least ``defaults.HISTORY_MIN_YEARS``? ("the past five years" is a
    period; "the last 80 years" a history.)"""
    if g.lemma_.lower() in _HISTORY_UNITS:
        return True
    if g.lemma_.lower() != "year":
        return False
    num = next((ch for ch in g.children if ch.dep_ == "nummod"), None)
    return num is not None and (parse_count(num.text)[0] or 0) >= defaults.HISTORY_MIN_YEARS


def _history_stretch(t: Token, chain: list[Token]) -> Token | None:
    """The stretch of time of years or longer that modifies ``t`` or its verb (see
    :func:`_history_span`), or None."""
    verb = next((h for h in chain[:2] if h.pos_ in ("VERB", "AUX")), None)
    toks = (t, verb) if verb is not None else (t,)
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ in ("NOUN", "PROPN"):
        # a span after "X of <event>" may hang on X or on X's verb: "(was) the epicenter of mass
        # protests in 2011 and 2013"
        x = t.head.head
        toks = (*toks, x, x.head) if x.dep_ in ("attr", "dobj", "nsubj", "appos") and x.head.pos_ in ("VERB", "AUX") \
            else (*toks, x)
    # "killed since July in the largest protests in recent years": the tally runs since July
    if any(ch.dep_ == "prep" and ch.lower_ == "since" for tok in toks for ch in tok.children):
        return None
    for tok in toks:
        for ch in tok.children:
            spans = [g for g in ch.children if g.dep_ == "pobj"] if ch.dep_ == "prep" and ch.lower_ in (
                "in", "during", "over", "throughout", "within", "across") else [ch] if ch.dep_ == "npadvmod" else []
            for g in spans:
                lemma = g.lemma_.lower()
                if lemma in _HISTORY_UNITS or (lemma == "year" and g.tag_ == "NNS"):
                    return g
                if _a_year(g) and any(cj.dep_ == "conj" and _a_year(cj) for cj in g.children):
                    return g  # "in 2011 and 2013": several years
    return None


def _standing_since_a_year(t: Token) -> bool:
    """Is ``t`` a banning verb in the perfect passive that runs since a year ("have been banned
    since 2013", "has been outlawed since 1995")?"""
    return (t.pos_ == "VERB" and t.lemma_.lower() in _BANNING_VERBS
            and any(ch.dep_ == "auxpass" for ch in t.children)
            and any(ch.dep_ == "aux" and ch.lemma_.lower() == "have" for ch in t.children)
            # (the year right after "since": a run-on sentence may hang it on the next words)
            and any(p.dep_ == "prep" and p.lower_ == "since" and p.i + 1 < len(t.doc) and _a_year(t.doc[p.i + 1])
                    for p in t.children))


def _since_clause(tok: Token) -> bool:
    """Is ``tok`` modified by a clause of time reaching to now ("since the talks collapsed"),
    or by one the parser read as a noun phrase after the preposition, its verb a participle on
    the noun ("since peace talks stalled last week")?"""
    return any((ch.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in ch.children))
               or (ch.dep_ == "prep" and ch.lower_ == "since" and any(
                   g.dep_ == "pobj" and any(a.dep_ == "acl" and a.tag_ in ("VBD", "VBN") and a.i > g.i
                                            and not any(w.dep_ == "agent" for w in a.children)
                                            for a in g.children)
                   for g in ch.children))
               for ch in tok.children)


def _tally_over_a_period(t: Token, chain: list[Token]) -> bool:
    """A perfect verb or a bare plural event noun told over a stretch of time up to now: many
    happenings summed up, not one."""
    if t.pos_ == "VERB":
        # (a killing or an attack repeated; "have been held since June 3" is one detention lasting)
        perfect = any(ch.dep_ == "aux" and ch.lemma_.lower() == "have" for ch in t.children)
        if t.lemma_.lower() not in _TALLIED_VERBS:
            return False
        if not perfect:
            # in any tense, a toll taken in many happenings over a stretch ("four people were
            # killed during protests over the last week", "killed in airstrikes in recent days")
            settings = [g for p in t.children if p.dep_ == "prep" and p.lower_ in ("in", "during", "amid")
                        for g in p.children if g.dep_ == "pobj" and g.tag_ == "NNS" and _bare(g)]
            return bool(settings) and (_period_span(t) or any(_period_span(g) for g in settings))
        # "since" a date, or "since" a clause ("have been killed since talks collapsed"), on the
        # verb or on the means it names ("killed in airstrikes since talks collapsed")
        means = [g for p in t.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
        if _period_span(t) or any(_since_clause(h) for h in (t, *means)):
            return True
        # a "since" clause fronted before a reporting verb sets the stretch of what is reported
        # ("Since the president came to power, activists say 148 people have been arrested")
        reporter = t.head if t.dep_ == "ccomp" and t.head.lemma_.lower() in _SAY_VERBS else None
        return reporter is not None and any(
            ch.dep_ == "advcl" and ch.i < reporter.i and any(m.dep_ == "mark" and m.lower_ == "since" for m in ch.children)
            for ch in reporter.children)
    if t.tag_ != "NNS" or any(ch.dep_ in ("det", "poss", "nummod") for ch in t.children):
        return False
    verb = next((h for h in chain[:2] if h.pos_ in ("VERB", "AUX")), None)
    return _period_span(t) or (verb is not None and _period_span(verb))


#: Verbs whose subject is a happening they say took place ("clashes erupted", "fighting broke out").
_HAPPENING_VERBS = frozenset("erupt break occur happen flare ensue".split())
#: Verbs that vouch for the happening their object names ("confirmed the attack").
_CONFIRMING_VERBS = frozenset("confirm acknowledge admit".split())


def existence_asserted(t: Token) -> bool:
    """Does the clause around an event noun say that it took place, with nothing else to say
    ("there were brief scuffles", "clashes erupted", "fighting broke out")? Such a sentence
    asserts a happening even when it names nobody and nowhere."""
    if t.pos_ not in ("NOUN", "PROPN") or t.head == t:
        return False
    head = t.head
    if t.dep_ == "attr" and head.lemma_.lower() == "be":
        return any(ch.dep_ == "expl" for ch in head.children)
    if t.dep_ == "nsubj" and head.lemma_.lower() in _HAPPENING_VERBS:
        return head.lemma_.lower() != "break" or any(ch.dep_ == "prt" and ch.lower_ == "out" for ch in head.children)
    # "officials do not deny the massacre", "the ministry confirmed the attack": the clause
    # vouches for the happening its object names
    if t.dep_ in ("dobj", "obj") and (_denial_denied(head) or head.lemma_.lower() in _CONFIRMING_VERBS):
        return not any(ch.dep_ == "neg" for ch in head.children) or _denial_denied(head)
    return False


#: Dependencies through which an event inherits the party that would carry it out: an
#: infinitive or a coordinated verb shares its head's subject ("Turkey said it is prepared to
#: send troops", "vowed to retake and hold the city"), an auxiliary chain its verb's, a
#: modifier its noun's ("to impose martial law").
_CONTROL_DEPS = frozenset("xcomp conj aux auxpass acomp amod compound".split())
#: Dependencies that name a doer: a subject, a passive's "by" phrase, a possessor ("his pledge").
_DOER_DEPS = frozenset("nsubj csubj agent poss".split())


def planner_named(t: Token, *, threat: bool = False) -> bool:
    """Does the sentence name a party that plans, offers, expects or threatens the event at
    ``t``? A hypothetical is something "offered, planned, conditional, expected" by a party
    (gold GUIDELINES.md): the doer is the subject of the trigger's clause, or of the verb or
    noun whose infinitive it is ("reached a consensus to exchange", "it is prepared to impose",
    a pronoun or a relative "that" included), a "by" agent or a possessor; failing those, the
    one who announces it ("the army said the houses would be ...", "the next step, Abadi said,
    would be to retake Mosul"). A passive with no "by" phrase names only what would suffer it
    ("the settlement would have to be demolished", "they will be fired on"), and a prediction,
    a rule or a possibility often no one at all. A ``threat`` is the threatener's: who warns,
    threatens or vows ("officials warned that protesters will be arrested"), not who reports it
    ("journalists have been threatened with arrest, the group said")."""
    voices = _THREAT_CUES if threat else _SAY_VERBS | _THREAT_CUES
    if not threat and any(ch.dep_ in ("auxpass", "nsubjpass") for ch in t.children):
        return any(ch.dep_ == "agent" for ch in t.children)
    cur, prev = t, t
    for _ in range(6):
        others = [ch for ch in cur.children if ch is not prev]  # (not the event noun itself)
        if any(ch.dep_ in _DOER_DEPS or (ch.dep_ == "parataxis" and ch.lemma_.lower() in voices and any(
                g.dep_ == "nsubj" for g in ch.children)) for ch in others):
            return True
        # the passive subject of a verb of readiness an infinitive hangs on is its doer ("Trump
        # is set to meet", "it is prepared to impose"), where it names a party, not a thing
        # ("money would be used to provide")
        if cur is not t and any(ch.dep_ == "nsubjpass" and (
                is_pronoun(ch) or ch.ent_type_ in _NAME_ENTS or person_word(ch.lemma_.lower()))
                for ch in others):
            return True
        prev, head = cur, cur.head
        if head is cur:
            return False
        if cur.pos_ in ("NOUN", "PROPN") and cur.dep_ == "pobj" and head.dep_ == "prep":
            head = head.head  # "embarked on a trip to seek support": the verb the phrase hangs on
        purpose = cur.dep_ == "advcl" and any(ch.dep_ == "aux" and ch.tag_ == "TO" for ch in cur.children)
        if cur.dep_ in _CONTROL_DEPS or purpose or (cur.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN")) or (
                cur.pos_ in ("NOUN", "PROPN") and cur.dep_ in ("dobj", "obj", "attr", "pobj", "nsubj", "nsubjpass")) or (
                cur.dep_ == "ccomp" and head.lemma_.lower() in voices):
            # (an act noun's doer is the subject of the verb that takes it: "plans protests", or
            # the party that wants, warns of or decides what it is the subject of: "called for
            # protests to remain peaceful", "the decision to withdraw was taken by"; a purpose
            # infinitive's, the subject of its clause: "went to Cairo to seek support")
            cur = head
            continue
        return False
    return False


def past_perfect(t: Token) -> bool:
    """Is the event's verb (or the verb carrying a noun trigger) in the past perfect ("had
    demanded", "had been killed"), outside the scope of a reporting verb or a noun of a statement
    (where the perfect is only the backshift of reported speech)?"""
    verb = t
    if t.pos_ in ("NOUN", "PROPN") and t.dep_ in _OBJ + ("nsubj", "nsubjpass"):
        verb = t.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if not any(ch.dep_ == "aux" and ch.lower_ in ("had", "'d") for ch in verb.children):
        return False
    # (or a noun of a statement: "Iran's announcement that it had launched an offensive")
    said = eventness_words("statement_nouns")
    return not any(h.lemma_.lower() in _SAY_VERBS or h.lemma_.lower() in said for h in _ancestors(verb, 4))


def _told_as_taken(noun: Token) -> bool:
    """Is an act noun ("move", "bid") told as taken: the object of a past verb of carrying out
    ("launched a bid", "made a move"), the subject of a past verb ("the move fueled outrage"), or
    dated in the past by a possessive ("last week's move")?"""
    head = noun.head
    past = head.tag_ in ("VBD", "VBN") and not any(
        ch.dep_ == "aux" and ch.lower_ in _MODALS for ch in head.children)
    if noun.dep_ in _OBJ and past and head.lemma_.lower() in _CARRY_OUT | {"make", "take"}:
        return True
    if noun.dep_ == "nsubj" and head.tag_ == "VBD":
        return True
    return any(ch.dep_ == "poss" and ch.ent_type_ in ("DATE", "TIME") for ch in noun.children)


#: Adverbs that place an act before the story's time ("has previously urged", "was formerly held").
_ANTERIOR_ADVERBS = frozenset({"previously", "formerly"})


#: Words that open a phrase giving a happening as the cause of a clause ("because of", "due to",
#: "owing to").
_CAUSAL_HEADS = frozenset({"because", "due", "owing"})


def cause_of_a_perfect(t: Token) -> bool:
    """Is a noun trigger given as the cause of a state or act told in the past perfect ("the war
    had been neglected because of the invasion of Iraq")? What the past perfect tells lies
    before the story's time, and its cause before that: with no time of its own, the happening
    is of a day the text does not give (not the report's)."""
    if t.pos_ != "NOUN" or t.dep_ != "pobj":
        return False
    head = t.head  # (the parser hangs the object on "because" or on its "of")
    if head.lower_ in ("of", "to") and head.head.lower_ in _CAUSAL_HEADS:
        head = head.head
    verb = head.head
    if head.lower_ not in _CAUSAL_HEADS or verb.pos_ not in ("VERB", "AUX"):
        return False
    return any(ch.dep_ == "aux" and ch.lower_ in ("had", "'d") for ch in verb.children)


def told_as_before(t: Token) -> bool:
    """Is the event's verb (or the verb carrying a noun trigger) placed before the story's time by
    an adverb of anteriority ("has previously urged", "twice previously deployed") or "in the
    past" (not "in the past 10 days", a span up to now)?"""
    verb = t
    if t.pos_ in ("NOUN", "PROPN") and t.dep_ in _OBJ + ("nsubj", "nsubjpass"):
        verb = t.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    for ch in verb.children:
        if ch.dep_ == "advmod" and ch.lower_ in _ANTERIOR_ADVERBS:
            return True
        if ch.dep_ == "prep" and ch.lower_ == "in" and any(
                o.dep_ == "pobj" and o.lower_ == "past" and [d.lower_ for d in o.children] == ["the"]
                for o in ch.children):
            return True
    return False


def simple_past(t: Token) -> bool:
    """Is the event told in the simple past ("took to the streets", "there were skirmishes",
    "was shot")? The verb carrying a noun trigger counts; a perfect, progressive or modal does not."""
    verb = _tense_verb(t)
    auxes = [ch for ch in verb.children if ch.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBD":
        return not auxes
    return verb.tag_ == "VBN" and [a.tag_ for a in auxes] == ["VBD"] and auxes[0].dep_ == "auxpass"


def opens_background(below: Token, h: Token) -> bool:
    """Does the step from ``below`` up to its head ``h`` enter an adjunct that tells what came
    before the clause's news or around it: an "after"/"following"/"over" phrase ("after the
    killing", the gerund clause "after killing five people"), "in response to X", "in the wake
    of X", or a clause opened by "after"/"since"/"because"?"""
    return ((below.dep_ in ("pobj", "pcomp") and h.dep_ == "prep" and h.lower_ in BACKGROUND_PREPS)
            or (below.dep_ == "pobj" and h.dep_ == "prep" and h.head.lemma_.lower() in BACKGROUND_NOUNS
                and h.head.dep_ == "pobj")
            or (below.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in BACKGROUND_MARKS for m in below.children)))


def _tense_verb(t: Token) -> Token:
    """The verb whose tense tells an event's: the trigger itself, or for a noun the verb that
    carries it ("launched an attack", "an attack in which"), up to two steps."""
    verb = t
    for _ in range(2):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head.head if verb.dep_ == "pobj" else verb.head
    return verb


def past_progressive(t: Token) -> bool:
    """Is the event told in the past progressive ("the protesters were demanding", "police were
    firing tear gas"), the narrative's background in the past? The verb carrying a noun trigger
    counts, as in :func:`simple_past`."""
    verb = _tense_verb(t)
    auxes = [ch for ch in verb.children if ch.dep_ in ("aux", "auxpass")]
    return (verb.tag_ == "VBG" and len(auxes) == 1 and auxes[0].tag_ == "VBD"
            and auxes[0].lemma_.lower() == "be")


def generic_present(t: Token) -> bool:
    """Is the event told in the simple present with a generic participant, as a habit or a
    kind ("African-Americans are arrested at much higher rates", "U.S. warplanes carry out
    strikes to help Afghan units", "an attack on a police officer anywhere is an attack on our
    entire society")? News tells what happened in the past tense and what is going on in the
    progressive or the perfect; a headline's present ("Rebels seize town") is the caller's to
    exempt, as is a clause with a date. Sentences without any article are read as headlines
    (headlines drop them) and a count makes a clause specific ("bombs kill 49").

    A noun trigger counts only when nothing makes it specific (no definite or possessive
    determiner, no number); a verb trigger only when its clause has no progressive or perfect
    auxiliary, no modal and no past-tense auxiliary.
    """
    verb = t
    if t.pos_ in ("NOUN", "PROPN"):
        # (a number makes it specific; the tagger's "nummod" on "U.S.-led" is no number)
        if any((ch.dep_ in ("det", "poss") or (ch.dep_ == "nummod" and ch.like_num)) and ch.lower_ not in _GENERIC_DETS
               for ch in t.children):
            return False
        steps = 0
        while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb and steps < 3:
            # (a conjunct holds the role of the first one: "contend with roadside bombs, snipers
            # and hit-and-run attacks" -- the climb to the verb does not count the list)
            if verb.dep_ != "conj":
                steps += 1
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in _SAY_VERBS:
            return False
    elif t.pos_ != "VERB":
        return False
    auxes = [ch for ch in verb.children if ch.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBP"):
        # the tagger reads some irregular pasts as presents ("They retook the village" as VBP):
        # a present's form is its lemma, or that plus -s
        form, lemma = verb.lower_, verb.lemma_.lower()
        present = not auxes and (form == lemma or form.endswith("s") or lemma in ("be", "have"))
    else:  # "are arrested": a present passive
        present = verb.tag_ == "VBN" and bool(auxes) and all(
            a.tag_ in ("VBZ", "VBP") and a.lemma_.lower() == "be" for a in auxes)
    if not present:
        return False
    # headlines drop their articles and tell past events in the present ("Militants target
    # Iraq security forces in checkpoint attacks"), and are short; a count makes it specific
    # ("kills 28")
    if headline_like(t.doc):
        return False
    return not any(w.tag_ == "CD" for w in verb.subtree)



#: Verbs that report a finding: the date of the finding is not the date of what was found.
_FINDING_VERBS = frozenset("find discover show conclude suggest indicate".split())


def clause_dated(t: Token) -> bool:
    """May a date in the sentence date the clause that tells the event? Not where the clause
    is what a reporting verb reports and holds no date of its own ("in a speech Tuesday, Holder
    said an attack on a police officer anywhere is an attack on society"; "African-Americans
    are arrested at much higher rates, USA Today discovered in an analysis last year"): the
    date is the report's."""
    verb = t
    steps = 0
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb and steps < 3:
        verb = verb.head
        steps += 1
    if any(w.ent_type_ in ("DATE", "TIME") for w in verb.subtree):
        return True
    reported = verb
    while reported.dep_ == "conj" and reported.head is not reported:
        reported = reported.head
    head = reported.head.lemma_.lower()
    return not (reported.dep_ in ("ccomp", "parataxis") and (head in _SAY_VERBS or head in _FINDING_VERBS))


#: Pronouns that deny the act of everyone they could stand for ("nobody was hurt").
_NEGATIVE_PRONOUNS = frozenset({"nobody", "none", "noone"})


#: Prepositions that name what a protest is against or about.
_PROTESTED_PREPS = frozenset("against over about".split())


def _protested_kind(t: Token, protests: set[int]) -> bool:
    """Is ``t`` a bare plural (no determiner, possessive or count) after a preposition of what a
    protest (a token of ``protests``) is against or about?"""
    return (t.tag_ == "NNS" and t.dep_ == "pobj" and t.head.lower_ in _PROTESTED_PREPS
            and t.head.head.i in protests
            and not any(ch.dep_ in ("det", "poss", "nummod") or ch.like_num for ch in t.children))


def _no_happening(c: Candidate) -> str | None:
    """Why the candidate's own words tell no happening (None: they may)."""
    why = _not_a_happening(c.trigger) or _modifier_compound_part(c.trigger) or _folded_description(c)
    if why is None and c.event in _ACTIVITY_EVENTS and activity_in_general(c.trigger):
        why = "activity-in-general"
    if why is None and c.event != "PROTEST" and _happenings_as_cause(c.trigger):
        # "the killings of officers have spurred a movement", "a string of attacks that have
        # captured the public's attention": happenings named as a cause, none told (protests
        # are left alone: "protests have shaken the government" tells a wave going on)
        why = "cause-of-state"
    if why is None and _kind_gone(c.trigger):
        # "large street demonstrations vanished from the streets": a trend of a kind
        why = "kind-gone"
    return why


def _unfold_verb(noun: Candidate, cands: list[Candidate]) -> Candidate | None:
    """A verb folded into an event noun dropped as activity in general tells its own happening
    ("government troops recaptured the town after heavy fighting": the fighting is no one
    happening, the recapture is): the verb's candidate comes back with the anchors the noun held
    beside its own trigger."""
    # (a dropped candidate among the noun's anchors was folded into it: drops come after folding)
    # (a clause's verb: a gerund with no object is one more name of the activity, "violations of
    # aerial bombardment, clashes and rocket shelling")
    verb = next((o for o in cands if o is not noun and o.dropped and o.trigger.pos_ == "VERB"
                 and (o.trigger.tag_ != "VBG" or any(ch.dep_ in _OBJ for ch in o.trigger.children))
                 and o.event == noun.event and any(a.i == o.trigger.i for a in noun.anchors)), None)
    if verb is None:
        return None
    verb.dropped = False
    verb.anchors = [verb.trigger] + [a for a in noun.anchors if a.i not in (verb.trigger.i, noun.trigger.i)]
    verb.rules.append(f"unfold:{noun.match.entry_id}")
    return verb


def _drop(c: Candidate, why: str) -> None:
    """No record from this candidate; ``why`` names the rule, kept in the candidate's trace."""
    c.dropped = True
    c.rules.append(why)


#: Verbs of guarding: a threat told by one ("will defend our forces from any threat") names the
#: threatening side's own in its object, and whom it threatens after "from" or "against".
_GUARDING_VERBS = frozenset("defend protect guard".split())
#: Quantifiers of more than one ("several times", "many occasions").
_QUANTIFIERS_MANY = frozenset("several many multiple numerous countless repeated".split())
#: Nouns of a sum: a counted plural of happenings they sum up is a series ("a total of 7,323
#: strikes", "the tally of 40 attacks").
_SUM_NOUNS = frozenset("total tally sum count".split())
#: Prepositions naming the occasion of a happening ("killed in protests", "during clashes").
_OCCASION_PREPS = frozenset("in during amid".split())


def _summed(t: Token) -> bool:
    """Is the counted plural ``t`` what a noun of a sum adds up ("a total of 7,323 strikes")?"""
    return t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in _SUM_NOUNS


#: Adverbs that count occasions ("twice", "thrice").
_MULTIPLICATIVE = frozenset("twice thrice".split())
#: Nouns that count occasions when numbered ("three times", "on several occasions").
_OCCASION_NOUNS = frozenset("time occasion".split())


def _occasions_counted(v: Token) -> bool:
    """Is the verb ``v`` a perfect ("has", "have", "had" + participle, its own or the first
    conjunct's) told with a count of occasions greater than one ("twice", "three times",
    "several times", "on many occasions")?"""
    first = v
    while first.dep_ == "conj" and first.head.pos_ == "VERB":
        first = first.head
    if not any(ch.dep_ == "aux" and ch.lemma_.lower() == "have" for w in (v, first) for ch in w.children):
        return False
    for ch in v.children:
        if ch.dep_ == "advmod" and ch.lower_ in _MULTIPLICATIVE:
            return True
        nouns = [g for g in ch.children if g.dep_ == "pobj"] if ch.dep_ == "prep" else [ch]
        for n in nouns:
            if n.lemma_.lower() in _OCCASION_NOUNS and n.tag_ == "NNS" and any(
                    m.dep_ in ("nummod", "amod") and (m.like_num and m.lower_ not in ("one", "1")
                                                      or m.lower_ in _QUANTIFIERS_MANY)
                    for m in n.children):
                return True
    return False


def _realis_clause(v: Token) -> bool:
    """Is the clause headed by ``v`` told as fact: a finite past, a perfect or a bare participle,
    with no modal, future or infinitive marker ("prohibiting gatherings", "Obama negotiated",
    "that was signed in 2015"; not "to attack", "that would end the war")?"""
    if v.tag_ not in ("VBD", "VBN", "VBG"):
        return False
    return not any(ch.dep_ in ("aux", "auxpass") and (ch.lower_ in _MODALS or ch.lower_ in ("to", "wo", "shall"))
                   for ch in v.children)


def _definite_marked(t: Token) -> bool:
    """Does a definite determiner ("the", "this", "their") or a possessor ("Iran's") mark this noun?"""
    return any(ch.dep_ == "poss" or (ch.dep_ == "det" and ch.lower_ in DEFINITE_DETS) for ch in t.children)


def _definite(n: Token) -> bool:
    """A noun that points at one thing known to exist: a name, or a noun with a definite or
    possessive determiner ("the deal", "the junta's decree", "its offensive")."""
    if n.pos_ == "PROPN":
        return True
    return n.pos_ == "NOUN" and _definite_marked(n)


def _irrealis_scope(t: Token, chain: list[Token]) -> list[Token]:
    """The part of ``chain`` (the trigger's ancestors) that a modal, a condition or an intent verb
    can reach the trigger through. A definite description presupposes its referent and what a
    fact-telling clause on it says: in "defying the junta's decree prohibiting gatherings" (even
    if it meant defying it) and "willing to rip up the deal Obama negotiated", only the defying
    and the ripping up are in doubt. So the scope stops at a definite noun that the trigger's
    clause describes (``relcl``/``acl`` told as fact), and is empty for a definite event noun
    that such a clause says was done or did something ("the deal Obama negotiated", "the attack
    that killed 12")."""
    if t.pos_ in ("NOUN", "PROPN") and _definite(t) and any(
            ch.dep_ in ("relcl", "acl") and ch.tag_ in ("VBD", "VBN")  # (a finite "acl" is a relative misread)
            and _realis_clause(ch) and ch.lemma_.lower() not in _INTENT | _SCHEDULING
            for ch in t.children):
        return []
    below = t
    for k, h in enumerate(chain):
        if below.dep_ in ("acl", "relcl") and _realis_clause(below) and _definite(h):
            return chain[:k + 1]
        below = h
    return chain


def _set(c: Candidate, modality: str, cue: str) -> None:
    # precedence: negated > threatened > hypothetical > aggregate > historical > asserted
    order = ["asserted", "historical", "aggregate", "hypothetical", "threatened", "negated"]
    if order.index(modality) > order.index(c.modality):
        c.modality = modality
        c.modality_cue = cue
        c.rules.append(f"modality:{modality}")


#: Free-choice words: a clause about "anyone who ..." states a rule, not a happening.
_FREE_CHOICE = frozenset("anyone anybody whoever whomever".split())
#: Nouns of the phase of a stretch of time ("since the start of the war").
_PHASE_NOUNS = frozenset("start beginning outbreak onset eruption".split())
#: Nouns of a campaign lasting months or years, the usual reference of a "since the start of".
_CAMPAIGN_NOUNS = frozenset("war uprising revolution revolt rebellion insurgency conflict intifada crisis unrest".split())


def _conduct_named(verb: Token) -> bool:
    """Does the clause make what its subject faces hang on a conduct, as a warning to a class of
    people does: a subject told by what it does ("agitators who ignore orders", "anyone who
    crosses")? Not a party's own case ("two journalists face charges", "the opposition leader
    faces arrest if he returns")."""
    subjects = [ch for ch in verb.children if ch.dep_ in _SUBJ]
    return any(sj.lower_ in _FREE_CHOICE or (sj.lower_ in ("those", "people") or sj.tag_ == "NNS")
               and any(ch.dep_ == "relcl" for ch in sj.children) for sj in subjects)


def _risked_by(t: Token) -> Token | None:
    """A verb of risking or facing the parser read as a modifier of the measure noun ``t`` ("who
    ignore orders to disperse [risk] arrest"): no English compound, the verb misread."""
    return next((m for m in t.children if m.dep_ == "compound" and m.lemma_.lower() in _RISK_OR_PROSPECT_VERBS), None)


def _relative_head(t: Token) -> Token | None:
    """The noun whose relative clause ``t`` ends, up its clause's heads ("agitators who ignore
    orders to disperse [risk arrest]"), or None."""
    cur = t
    for _ in range(6):
        if cur.head == cur:
            return None
        if cur.dep_ == "relcl" and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return cur.head
        cur = cur.head
    return None


def _free_choice_subject(t: Token) -> bool:
    """Is the verb ``t`` said of anyone who does something: its subject is a free-choice word
    ("whoever crosses is arrested"), or a pronoun taking up one told before it in the clause
    ("anyone who speaks out, they are summoned")? A modal leaves it to the other rules."""
    if t.pos_ not in ("VERB", "AUX") or any(ch.dep_ == "aux" and ch.lower_ in _MODALS for ch in t.children):
        return False
    subjects = [ch for ch in t.children if ch.dep_ in ("nsubj", "nsubjpass")]
    if any(sj.lower_ in _FREE_CHOICE for sj in subjects):
        return True
    # a headless relative as the subject: "whoever crosses the border is arrested"
    if any(ch.dep_ in ("csubj", "csubjpass") and any(g.dep_ == "nsubj" and g.lower_ in _FREE_CHOICE for g in ch.children)
           for ch in t.children):
        return True
    if not any(sj.lower_ in ("they", "he", "she") for sj in subjects):
        return False
    return any(w.lower_ in _FREE_CHOICE and any(ch.dep_ == "relcl" for ch in w.children)
               for w in t.subtree if w.i < t.i)


#: Links that open a clause of its own (a "conj" only between verbs): a toll climbs no higher
#: than its clause.
_CLAUSE_DEPS = frozenset({"ROOT", "relcl", "advcl", "ccomp", "xcomp", "csubj", "parataxis", "conj"})


#: Modals of a counterfactual or a mere possibility (not "will", which also tells plans).
_SUPPOSING_MODALS = frozenset({"would", "could", "might", "'d"})


def _content_of_a_legal_text(t: Token) -> bool:
    """Is ``t`` in what a legal text or motion would do or does, told in a modal or present relative
    clause on its noun ("a bill that would allow members to expel legislators", "legislation that
    would make it a crime to kill an officer", "a law that bans demonstrations"; nouns: data/
    eventness.yaml ``legal_texts``)? The text's content is no happening (the article guideline
    records no "content of laws/bills"); its introduction or passage is the record."""
    node = t
    for _ in range(5):
        if node.dep_ == "relcl":
            # (a modal clause, or one in the present: a text in force says what it does, "a law that
            # bans demonstrations"; a past one may tell the act the text was, "the decree that
            # dissolved parliament")
            # (the text is the clause's doer: "a resolution that Russia vetoes" tells a veto)
            return (node.head.pos_ == "NOUN" and node.head.lemma_.lower() in eventness_words("legal_texts")
                    and any(ch.dep_ in ("nsubj", "nsubjpass") and ch.tag_ in ("WDT", "WP") for ch in node.children)
                    and (node.tag_ in ("VBZ", "VBP")
                         or any(ch.dep_ == "aux" and ch.lower_ in _MODALS for ch in node.children)))
        if node.dep_ == "ROOT" or node.head is node:
            return False
        node = node.head
    return False


def _supposed_subject(t: Token) -> bool:
    """Is ``t`` an indefinite event noun (a/an or none) that is the subject of a verb under
    "would/could/might" that does not say it takes place ("a takeover would give them access",
    "a truce would be the next step")? A verb of taking place or a date makes a plan or a
    forecast ("a march would be held on Friday", "a ceasefire could begin within days")."""
    if t.pos_ != "NOUN" or t.dep_ != "nsubj" or any(
            (ch.dep_ in ("det", "poss") and ch.lower_ not in ("a", "an")) or ch.dep_ in ("poss", "nummod")
            for ch in t.children):
        return False
    v = t.head
    if not (v.pos_ in ("VERB", "AUX") and any(ch.dep_ == "aux" and ch.lower_ in _SUPPOSING_MODALS for ch in v.children)
            and v.lemma_.lower() not in _OCCURRING | _HAPPENING_VERBS | _ERUPT_VERBS | _PHASE_VERBS
            and not _dated(v)):
        return False
    # what the happening would be or bring about: a copula's predicate, or an object that is no
    # party it would fall on ("would give its troops access", "could trigger a wider war"); a verb
    # of the happening itself stays a feared or planned one ("a bomb could explode in Kabul",
    # "a strike could hit civilians")
    if v.lemma_.lower() == "be":
        return any(ch.dep_ in ("attr", "acomp") for ch in v.children)
    objs = [ch for ch in v.children if ch.dep_ in _OBJ]
    return bool(objs) and not any(person_word(o.lemma_.lower()) or _actorish(o) or o.ent_type_ in _SIDE_OR_PLACE_ENTS
                                  for o in objs)


def _characterised(t: Token) -> bool:
    """Is ``t`` a definite event noun whose clause only says what the happening was: the subject
    of a copula whose predicate opens with a characterising word ("the missile strike was an
    intended provocation", "the attack was the deadliest since 2015") or of an attitude
    participle ("the strike -- the first time Iran fired missiles abroad -- was meant as
    retaliation")? The words are ``characterising`` of data/corefer.yaml, which folds such a
    mention into the article's telling; a copula with a place ("the attack was in Kabul") or a
    passive that tells the act ("was carried out by") is no characterisation."""
    if t.dep_ not in ("nsubj", "nsubjpass") or t.pos_ not in ("NOUN", "PROPN") or not _definite_marked(t):
        return False
    from sitrep.coding.corefer import default_cues

    words = default_cues().characterising
    h = t.head
    if t.dep_ == "nsubj" and h.lemma_.lower() == "be" and h.i + 1 < len(t.doc):
        return t.doc[h.i + 1].lower_ in words
    return t.dep_ == "nsubjpass" and h.lower_ in words and h.tag_ == "VBN"


def _campaign_noun(n: Token) -> bool:
    """Is ``n`` a campaign noun, or the object of a phrase on one where the parser hung a
    relative clause on the phrase's object ("the war on drugs that has left ...")?"""
    if n.pos_ == "NOUN" and n.lemma_.lower() in _CAMPAIGN_NOUNS:
        return True
    return (n.dep_ == "pobj" and n.head.dep_ == "prep" and n.head.head.pos_ == "NOUN"
            and n.head.head.lemma_.lower() in _CAMPAIGN_NOUNS)


def _perfect(v: Token) -> bool:
    return any(ch.dep_ == "aux" and ch.lemma_.lower() == "have" for ch in v.children)


def _campaign_toll(t: Token) -> bool:
    """Is ``t`` what a campaign (war, uprising, conflict) has done over its course, told in the
    perfect: the verb of a relative clause on the campaign ("the war, which has killed 400,000"),
    its object or the participle on its object ("a war that has left 7,000 people killed"), the
    verb whose subject is the campaign ("the conflict has killed thousands"), or a verb whose
    "in"/"during" phrase is the campaign ("400,000 have died in the war")? A dated clause ("has
    killed 12 people this week") tells a happening of its own."""
    if not any(w.dep_ == "aux" and w.lemma_ == "have" for w in t.doc):
        return False  # (no perfect in the sentence: the common case, settled at once)
    # the perfect verb of the clause: up through the noun phrases and reduced participles that
    # hang on it ("has left 7,000 people killed by authorities and vigilantes"), never across
    # another clause's boundary
    v = t
    for _ in range(8):
        if v.pos_ == "VERB" and _perfect(v):
            break
        if (v.dep_ in _CLAUSE_DEPS and (v.dep_ != "conj" or v.pos_ in ("VERB", "AUX"))) or v.head is v:
            return False
        v = v.head
    else:
        return False
    if v.dep_ == "relcl" and _campaign_noun(v.head):
        return True
    if any(w.ent_type_ in ("DATE", "TIME") for w in v.subtree):
        return False
    if any(ch.dep_ == "nsubj" and _campaign_noun(ch) for ch in v.children):
        return True
    return v is t and any(p.dep_ == "prep" and p.lower_ in ("in", "during") and any(
        g.dep_ == "pobj" and g.lemma_.lower() in _CAMPAIGN_NOUNS and g.pos_ == "NOUN" for g in p.children)
        for p in v.children)


def _campaign_as_time_anchor(t: Token) -> bool:
    """"since the start of the uprising": a campaign noun whose start (outbreak, beginning)
    opens the stretch of time a "since" measures."""
    if t.pos_ != "NOUN" or t.lemma_.lower() not in _CAMPAIGN_NOUNS or t.dep_ != "pobj" or t.head.lower_ != "of":
        return False
    phase = t.head.head
    return (phase.lemma_.lower() in _PHASE_NOUNS and phase.dep_ == "pobj"
            and phase.head.lower_ in _SPAN_SINCE)


#: Prepositions whose object is a point in time that opens or closes a stretch ("until the coup").
_ANCHOR_PREPS = frozenset("since until till".split())
#: Clause marks of a time clause ("after the battle had ended", "since the offensive started").
_TIME_MARKS = frozenset("since until till before after when once".split())
#: Verbs of the start or end of a happening, whose subject then marks a point in time.
_PHASE_VERBS = frozenset("start begin end finish erupt conclude".split())
#: Verbs that ask a question when a "whether"/"if" clause is their complement ("asked whether").
_QUESTION_VERBS = frozenset("ask wonder question inquire enquire".split())
#: Event types of a verbal act or stance (a demand, a refusal, a threat): with an adverbial of
#: indefinite time they tell a position held, not an act done on a day.
_STANCE_EVENTS = frozenset({"REQUEST", "REJECT", "THREATEN"})
#: Adverbs that put an act at no particular time ("has previously urged", "have long refused").
_INDEFINITE_TIME_ADVS = frozenset("previously long ever".split())
#: Prepositional phrases that do the same ("in the past", "at times").
_INDEFINITE_TIME_PPS = frozenset({("in", "past"), ("at", "times")})


def _happening_as_time_anchor(t: Token) -> bool:
    """Is ``t`` a definite, undated event noun that marks a point in time: the object of
    "since"/"until" ("until the bloodless coup, he had been in charge") or the subject of a
    verb of starting or ending in a time clause ("since the offensive started", "after the
    battle for Mosul had ended")? Such a noun points at a happening the reader is taken to know
    (told elsewhere in the story, or history): it tells nothing new about it. An indefinite or
    dated one brings in a happening of its own ("since a failed coup in July", "since the
    attacks of September 11, 2001")."""
    if t.pos_ not in ("NOUN", "PROPN") or _dated(t):
        return False
    if not _definite_marked(t):
        return False
    if t.dep_ == "pobj" and t.head.lower_ in _ANCHOR_PREPS:
        return True
    v = t.head
    return (t.dep_ == "nsubj" and v.lemma_.lower() in _PHASE_VERBS and v.dep_ == "advcl" and not _dated(v)
            and any(m.dep_ == "mark" and m.lower_ in _TIME_MARKS for m in v.children))


def _question_of(v: Token) -> Token | None:
    """The "whether"/"if" clause that ``v``, a verb of asking, asks ("asked whether the troops
    would stay", "when asked if moderate Muslims needed to act"); None where ``v`` asks someone
    to do something ("asked them to leave if fighting resumed": a request, with a condition)."""
    if v.lemma_.lower() not in _QUESTION_VERBS or any(ch.dep_ == "xcomp" for ch in v.children):
        return None
    return next((ch for ch in v.children if ch.dep_ in ("ccomp", "advcl", "dep") and any(
        m.dep_ in ("mark", "advmod", "dep") and m.lower_ in ("whether", "if") for m in ch.children)), None)


def _asked_about(t: Token) -> bool:
    """Is ``t`` the verb of a question, or inside what a question asks where that is a
    possibility ("asked whether the United States would stay in Iraq after the battle had
    ended": a modal in the asked clause)? A question tells nothing as having happened."""
    if _question_of(t) is not None:
        return True
    below = t
    for h in _ancestors(t, 6):
        if below.dep_ in ("ccomp", "advcl", "dep") and _question_of(h) == below:
            return any(ch.dep_ == "aux" and ch.lower_ in _MODALS for ch in below.children)
        below = h
    return False


def _characterising(t: Token) -> bool:
    """Is ``t`` an indefinite singular event noun that a present-tense "be" characterises with
    a noun ("an attack on a police officer anywhere is an attack on our entire society", "a
    strike is a sign of weakness"), or that noun predicate itself? The sentence says what any
    such happening is; it tells none."""
    if t.pos_ != "NOUN" or t.tag_ != "NN" or t.dep_ not in ("nsubj", "attr"):
        return False
    v = t.head
    if v.lemma_.lower() != "be" or v.tag_ not in ("VBZ", "VBP") or _dated(v):
        return False
    subj = next((ch for ch in v.children if ch.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "NOUN" or subj.tag_ != "NN" or not any(
            ch.dep_ == "det" and ch.lower_ in ("a", "an") for ch in subj.children):
        return False
    return any(ch.dep_ == "attr" and ch.pos_ == "NOUN" for ch in v.children)


_TIME_ENTS = frozenset({"DATE", "TIME"})
#: Possessive pronouns and whether each is plural (does it agree with a plural subject?).
_OWNER_NUMBER = {"his": False, "her": False, "its": False, "their": True, "our": True}


def _stance_over_many_statements(t: Token) -> bool:
    """Is ``t`` a plural noun of a verbal act owned by its doer and put at no time of its own ("his
    pledges to build a wall", "the rebels' requests for weapons", "their demands for a
    withdrawal")? Many statements summed up as a stance, told in passing, are no one happening (a
    time on the phrase, or on the verb that takes it as its object, dates one: "renewed his
    pledges on Monday")."""
    if not (t.pos_ == "NOUN" and t.tag_ == "NNS" and any(ch.dep_ == "poss" for ch in t.children)
            and not any(ch.dep_ == "nummod" for ch in t.children)):
        return False
    if any(w.ent_type_ in _TIME_ENTS for w in t.subtree):
        return False
    below = t
    while below.dep_ == "conj" and below.head.pos_ == "NOUN":
        below = below.head
    verb = below.head if below.dep_ in _OBJ else below.head.head if (
        below.dep_ == "pobj" and below.head.dep_ == "prep") else None
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return True
    # the owner's own verb tells an act now ("the group insisted on its demands", "he renewed
    # his pledges"): an active verb whose subject the possessive pronoun agrees with
    # ("supporters cheered his pledges", "angered by his pledges" are others' doing)
    owner = next(ch for ch in t.children if ch.dep_ == "poss")
    subjects = [ch for ch in verb.children if ch.dep_ == "nsubj"]
    if owner.lower_ in _OWNER_NUMBER and subjects and not any(ch.dep_ == "auxpass" for ch in verb.children) \
            and _OWNER_NUMBER[owner.lower_] == (subjects[0].tag_ in ("NNS", "NNPS") or subjects[0].lower_ in ("they", "we")):
        return False
    # (the verb's time dates the act where the verb does it again: "renewed his pledges on
    # Monday"; "angered by his pledges during the campaign" dates no one of them)
    return not any(w.ent_type_ in _TIME_ENTS for ch in verb.children if ch is not below
                   and ch.dep_ in ("npadvmod", "prep", "advmod") for w in ch.subtree)


def _at_no_particular_time(t: Token) -> bool:
    """Does an adverbial of indefinite time sit on the verb of ``t`` (or on the verb it is
    coordinated with): "previously", "long", "ever", "in the past", "at times"?"""
    verbs = [t]
    while verbs[-1].dep_ == "conj" and verbs[-1].head.pos_ in ("VERB", "AUX"):
        verbs.append(verbs[-1].head)
    for v in verbs:
        for ch in v.children:
            if ch.dep_ == "advmod" and ch.tag_ == "RB" and ch.lower_ in _INDEFINITE_TIME_ADVS:
                return True
            if ch.dep_ == "prep" and any(g.dep_ == "pobj" and (ch.lower_, g.lower_) in _INDEFINITE_TIME_PPS
                                         for g in ch.children):
                return True
    # (a participle the parser hung on the phrase itself: "at times calling for a withdrawal")
    h = t.head
    return t.dep_ == "acl" and h.dep_ == "pobj" and (h.head.lower_, h.lower_) in _INDEFINITE_TIME_PPS


#: Prepositions whose object names the reason, the topic or the outcome of what the clause
#: tells ("charged for eviction", "marches that dissolved into clashes", "tensions over
#: arrests"): a kind of act the clause is about, not one it tells (and the agent of a passive:
#: "ravaged by purges"; a manner "by", "spoke by phone", is the act itself).
_TOPIC_OF_CLAUSE_PREPS = frozenset({"for", "into", "over", "about"})


def topic_noun(t: Token) -> bool:
    """Is ``t`` a bare event noun (no determiner, possessor or number) that the sentence uses as
    a topic inside another predicate rather than telling it: the object of a preposition of
    reason, means or outcome ("face prison for computer crimes charges", "the causes cited for
    eviction", "a military ravaged by purges", "marches dissolved into clashes") or a noun that
    modifies another ("artillery fire")? A definite re-mention ("the attack", "the explosion")
    refers to a happening and is never one; neither is a subject or object of a verb, which the
    verb tells. Whether the mention names a party, a toll or a count of its own is the caller's
    to check (pipeline: a topic noun with none of them is no record)."""
    if t.pos_ != "NOUN" or any(ch.dep_ in ("det", "poss", "nummod") for ch in t.children):
        return False
    if any(ch.tag_ in ("JJS", "RBS") or ch.ent_type_ in ("ORDINAL", "DATE", "TIME") for ch in t.children):
        return False  # "the deadliest clashes", "Friday's raid": one happening picked out
    if t.dep_ == "compound":
        return t.head.pos_ == "NOUN"
    return t.dep_ == "pobj" and (t.head.dep_ == "agent" or (
        t.head.dep_ == "prep" and t.head.lower_ in _TOPIC_OF_CLAUSE_PREPS))


def wanted(t: Token) -> bool:
    """Does a verb of calling or wanting govern ``t``, at most three steps up ("have called for
    protests to remain peaceful", "urged the army to withdraw")?"""
    return any(h.lemma_.lower() in _WANTING_VERBS for h in _ancestors(t, 3))


def untensed_without_doer(t: Token) -> bool:
    """Is ``t`` a verb in a form with no tense of its own (a bare or "to" infinitive, a gerund or
    a participle with no auxiliary but "to": "to accept a deal", "started talking", "outposts
    erected without permission", "targeting the community is ...") that does not hang on the
    noun that does it? A present participle on a noun names its doer ("protesting residents",
    "fleeing families"); "were arrested", "will accept", "have agreed" are finite verb groups."""
    if t.pos_ != "VERB" or t.tag_ not in ("VB", "VBG", "VBN"):
        return False
    if t.tag_ == "VBG" and t.dep_ in ("amod", "acl"):
        return False
    return not any(ch.dep_ in ("aux", "auxpass") and ch.tag_ != "TO" for ch in t.children)


def _modifier_compound_part(t: Token) -> str | None:
    """A noun that begins a hyphenated adjective ("a bomb-making workshop", "war-torn towns",
    "protest-related arrests", "attack-prone roads") names a kind of thing that describes
    another noun, not a happening."""
    doc = t.doc
    i = t.i
    if t.pos_ not in ("NOUN", "PROPN") or i + 2 >= len(doc) or t.whitespace_:
        return None
    dash, second = doc[i + 1], doc[i + 2]
    if dash.text != "-" or dash.whitespace_ or not second.is_alpha:
        return None
    if second.tag_ in ("VBG", "VBN", "JJ") and second.dep_ in ("amod", "compound", "nmod"):
        return "modifier-compound"
    return None


def _absorb_stopped(cands: list[Candidate]) -> None:
    """What a sanction suspends, cancels or cuts is not a happening of its own: "cancelled joint
    exercises as well as a visit by the fleet commander", "suspended talks with the rebels" tell
    one act (the cancellation), and the visit or the talks did not take place."""
    for h in cands:
        if h.dropped or h.event != "SANCTION" or h.trigger.pos_ != "VERB":
            continue
        for c in cands:
            if c is h or c.dropped or c.trigger.pos_ not in ("NOUN", "PROPN") or not any(
                    a.pos_ == "VERB" and _object_of(a, c.trigger) for a in h.anchors):
                continue
            c.dropped = True
            h.absorbed.append(c)
            h.rules.append(f"absorb:{c.match.entry_id}")


def _object_of(verb: Token, n: Token) -> bool:
    """Is the noun ``n`` an object of ``verb``, alone or in a list ("cancelled training and a
    visit"; a noun the parser hung on the verb as a conjunct is one more object)?"""
    for _ in range(6):
        if n.head == verb and n.dep_ in _OBJ + ("conj",):
            return True
        if n.dep_ != "conj" or n.head == n:
            return False
        n = n.head
    return False


def _to_infinitive(t: Token) -> Token | None:
    """The verb that carries the "to" of the bare infinitive ``t`` is part of: ``t`` itself, or
    the first of the verbs it is coordinated with ("to recruit and train and mobilize")."""
    v = t
    for _ in range(6):
        if v.tag_ != "VB":
            return None
        if any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in v.children):
            return v
        if v.dep_ != "conj" or v.head.pos_ not in ("VERB", "AUX"):
            return None
        v = v.head
    return None


def _for_to_clause(t: Token) -> Token | None:
    """Is ``t`` (a verb) inside a "for X to do" clause ("for the U.S. to send more forces")?
    Returns the word the clause complements: the noun it hangs from where there is one, else the
    word before "for"; None when ``t`` is not in such a clause."""
    if t.pos_ not in ("VERB", "AUX"):
        return None
    v = _to_infinitive(t)
    if v is None:
        return None
    mark = next((ch for ch in v.children if ch.dep_ == "mark" and ch.lower_ == "for" and ch.i < v.i), None)
    if mark is None or not any(ch.dep_ in ("nsubj", "nsubjpass") for ch in v.children):
        return None
    if v.head.pos_ == "NOUN" and v.head.i < mark.i:
        return v.head
    return t.doc[mark.i - 1] if mark.i > 0 else mark


def _counted_to(verb: Token) -> bool:
    """Does a rising verb reach a number ("death toll rises to 20", "climbed to 40 dead")? A toll
    counted up to a figure is a count of victims, not a state that grows ("unrest mounted")."""
    return any(p.dep_ == "prep" and p.lower_ == "to" and any(w.like_num for w in p.subtree) for p in verb.children)


def _ancestors(t: Token, n: int) -> list[Token]:
    out: list[Token] = []
    cur = t
    while len(out) < n and (h := cur.head).i != cur.i:  # (each ``.head`` is a new Token: read once per step)
        cur = h
        out.append(cur)
    return out


def _modal_stays_with_verb(t: Token, h: Token) -> bool:
    """Does a modal on ``h`` qualify ``h`` only, leaving the definite event noun ``t`` standing?
    "the demonstration would degenerate", "would not cancel the protest": yes;
    "the strike will begin", "would tighten the blockade": no."""
    lemma = h.lemma_.lower()
    if t.dep_ in ("nsubj", "nsubjpass"):
        return lemma not in _OCCURRING
    return lemma not in _EVENT_DENYING and any(ch.dep_ == "neg" for ch in h.children)


#: Verbs of belief and expectation: what they hold is someone's view of what will happen.
_COGNITION = frozenset("believe expect fear think imagine predict suspect anticipate assume worry doubt "
                       "reckon guess suppose".split())


#: Modals of an open possibility (epistemic), as against those of a plan or an offer.
_HEDGES = frozenset({"may", "might"})
#: Events that come in runs a happening can set off (protests, riots, attacks, arrests, deployments).
_RUN_EVENTS = frozenset({"PROTEST", "ASSAULT", "COERCE", "MOBILIZE"})
#: Raising verbs of an appearance ("X appears to be seeking to ..."): what follows is inferred.
_SEEMING = frozenset({"appear", "seem"})


def _hedged_by_another(t: Token, chain: list[Token]) -> bool:
    """Is the possibility ``t`` (under "may"/"might") said of a named party by the author or by
    another speaker? The doer is the verb's own noun subject; a pronoun subject may be the
    speaker's own word ("the army said it may strike again")."""
    # (an event noun's verb carries the modal: "Russia may impose sanctions")
    verb = t if t.pos_ in ("VERB", "AUX") else t.head if t.dep_ in _OBJ else None
    if verb is None or not any(ch.dep_ == "aux" and ch.lower_ in _HEDGES for ch in verb.children):
        return False
    doers = [ch for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass")]
    if not doers or any(d.lower_ in _PRONOUNS for d in doers):
        return False
    say = next((h for h in chain[:3] if h.lemma_.lower() in _SAY_VERBS and h.pos_ == "VERB"), None)
    if say is None:
        return True
    speakers = [ch for ch in say.children if ch.dep_ == "nsubj"]
    return bool(speakers) and all(sp.i not in {d.i for d in doers} for sp in speakers)


def _speculated(t: Token, chain: list[Token], actors: list[Token]) -> bool:
    """Is ``t`` what a believing or expecting verb's subject thinks another party will do?"""
    below = t
    for h in chain[:4]:
        # "the navy appears to be seeking to pressure the website", "the army seemed to be
        # preparing an offensive": an intent inferred by whoever tells it, no plan told
        if h.lemma_.lower() in _SEEMING and h.pos_ in ("VERB", "AUX") and below.dep_ == "xcomp":
            return True
        if h.lemma_.lower() in _COGNITION and h.pos_ in ("VERB", "AUX") and below.dep_ in ("ccomp", "xcomp", "dobj"):
            holders = [ch for ch in h.children if ch.dep_ == "nsubj"]
            if not holders:
                return False  # "the truce is expected to begin on Monday": scheduled, nobody's view
            holder = holders[0]
            # the holder's own plan ("they expect to retake the town") is no speculation
            return not any(a.i == holder.i or (a.lower_ in _PRONOUNS and holder.lower_ not in ("i", "you"))
                           for a in actors) and not (t.pos_ == "VERB" and not actors)
        if h.dep_ == "ROOT":
            return False
        below = h
    return False


def _conditional(clause: Token) -> bool:
    """Is the adverbial clause headed by ``clause`` a condition ("if ...", "unless ...")? A
    concessive "even if" grants its clause ("even if it meant defying the decree")."""
    marks = [m for m in clause.children if m.dep_ == "mark"]
    if not any(m.lower_ in _CONDITIONAL_MARKS for m in marks):
        return False
    return not any(ch.lower_ == "even" and ch.dep_ == "advmod" and ch.i < min(m.i for m in marks)
                   for ch in clause.children)


#: Links by which an event is the clause of a condition itself (its verb, its subject or
#: object noun, a verb complementing them), not a phrase hanging inside it.
_CORE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "xcomp", "ccomp", "conj", "attr"})


def _supposed(t: Token, clause: Token) -> bool:
    """Is ``t`` what the condition headed by ``clause`` supposes ("if they fire", "if peace
    talks do not materialize", "if he is arrested"), rather than a definite happening named
    inside it ("if the attack on Monday goes unpunished" presupposes the attack)?"""
    x = t
    while x.i != clause.i:
        if x.dep_ not in _CORE_DEPS or x.head.i == x.i:
            return False
        if x.pos_ in ("NOUN", "PROPN") and _definite_marked(x):
            return False
        x = x.head
    return True


#: Prepositions that set an adjunct (a time, a cause, a concession), never a verb's complement.
_ADJUNCT_PREPS = BACKGROUND_PREPS | _REFERENCE_PREPS | frozenset("during amid in at on".split())


def _complement_of(head: Token, t: Token) -> bool:
    """Is ``t`` what ``head`` (a denying or preventing verb) acts on: its object, its clause or
    infinitive complement, or a preposition's object that ``head`` itself governs ("refrained
    from attacks", "prevented them from marching"), through "of" phrases ("prevented the
    holding of talks")? Not a noun's modifier ("any role in the assault") nor an adjunct
    ("despite the arrest")."""
    x = t
    while x.i != head.i:
        if x.head.i == x.i:
            return False
        if x.dep_ in ("pobj", "pcomp"):
            p = x.head
            if p.dep_ != "prep" or p.lower_ in _ADJUNCT_PREPS:
                return False
            if p.head.i != head.i and p.lower_ != "of":
                return False
            x = p.head
            continue
        if x.dep_ not in ("dobj", "obj", "xcomp", "ccomp", "nsubjpass", "oprd", "conj", "acl"):
            return False  # ("acl": "an attempt to assassinate him was thwarted")
        x = x.head
    return True


def _names_one_happening(t: Token) -> bool:
    """Does the trigger name one particular happening: a finite verb with its subject ("al-Bab
    has not been captured"), or a noun made definite or counted ("the protest was called
    off", "two attacks")? An infinitive, a gerund or a bare or indefinite noun ("did not seek
    to fight", "denied targeting civilians", "not planning a ground invasion") names a kind,
    unless its target is definite or the finite clause it is the object of is dated ("did not
    stage a protest on Monday")."""
    def finite(v: Token) -> bool:
        return any(ch.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for ch in v.children) or v.tag_ in ("VBD", "VBZ", "VBP")

    def definite(n: Token) -> bool:
        # (a name in apposition or an "of the ..." complement makes a title definite: "deputy
        # governor of the Tyumen region, Oleg Chemezov")
        return n.pos_ == "PROPN" or any((ch.dep_ in ("det", "poss") and ch.lower_ in DEFINITE_DETS)
                                        or ch.dep_ in ("poss", "nummod") or (ch.dep_ == "appos" and ch.pos_ == "PROPN")
                                        or (ch.dep_ == "prep" and ch.lower_ == "of" and any(
                                            g.dep_ == "pobj" and definite(g) for g in ch.children))
                                        for ch in n.children)

    # a definite target makes it one happening ("prevented an attack on the church in Kano",
    # "failed to attack the base")
    targets = [ch for ch in t.children if ch.dep_ in _OBJ] + [
        g for p in t.children if p.dep_ == "prep" and (p.lower_ in _TARGET_PREPS or p.lower_ == "of")
        for g in p.children if g.dep_ == "pobj"]
    if any(definite(g) for g in targets):
        return True
    if t.pos_ in ("NOUN", "PROPN"):
        if definite(t):
            return True
        v = t.head
        return v.pos_ in ("VERB", "AUX") and finite(v) and any(w.ent_type_ in ("DATE", "TIME") for w in v.subtree)
    return finite(t)


#: Verbs that say something did not happen; negated, they grant that it did.
_DENIALS = frozenset("deny dispute refute contest".split())


def _denial_denied(h: Token) -> bool:
    """A denial that is itself negated ("did not deny the massacre", "no one disputes the attack")."""
    return h.lemma_.lower() in _DENIALS and any(ch.dep_ == "neg" for ch in h.children)


def _calls_protest(holder: Candidate, content: Candidate) -> bool:
    """A request told with "call" whose own object is a protest noun ("called for a march",
    "called a strike"): no one is asked to act, the callers organise the protest. A call on a
    party ("called on the government to allow the rally") hangs the protest lower, so it stays
    a request."""
    h, t = holder.trigger, content.trigger
    if holder.event != "REQUEST" or content.event != "PROTEST" or h.lemma_.lower() != "call":
        return False
    if t.pos_ not in ("NOUN", "PROPN"):
        return False
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ in ("NOUN", "PROPN"):
        t = t.head.head  # "a day of protests", "the mother of all marches"
    if t.head == h and t.dep_ in _OBJ:
        return True
    return t.dep_ == "pobj" and t.head.head == h and t.head.lower_ == "for"


def _governs(head: Token, t: Token) -> bool:
    return head != t and head.is_ancestor(t)


#: Clause links below a verb that do not hold its content: a second coordinated act
#: ("refused to disperse and threw stones"), a side clause, the verb's own subject.
_NOT_CONTENT_DEPS = frozenset({"conj", "parataxis", "nsubj", "nsubjpass", "csubj"})
def _another_doer(clause: Token, main: Token) -> bool:
    """Are the subordinate clause and the main one two sides' acts on things: each active with an
    object, the clause's subject named and not the main one's ("troops shelled the village after
    militants ambushed a patrol")? Not a toll or an outcome told after the attack that caused it
    ("12 people were killed after bombers struck", "three died after a grenade exploded"), nor one
    side's one operation ("killed five soldiers after they attacked a base")."""
    def active_with_object(v: Token) -> bool:
        return any(ch.dep_ == "dobj" for ch in v.children) and not any(
            ch.dep_ in ("nsubjpass", "auxpass") for ch in v.children)

    subj = next((ch for ch in clause.children if ch.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON" or not active_with_object(clause) or not active_with_object(main):
        return False
    main_subj = next((ch for ch in main.children if ch.dep_ == "nsubj"), None)
    return main_subj is None or main_subj.lemma_.lower() != subj.lemma_.lower()


#: Subordinators that tell a clause as a happening before or after another ("after rebels shelled").
_SEQUENCE_MARKS = frozenset("after before since until".split())
#: Subordinators of clauses that set the time or reason of an act, not its content.
_ADVERBIAL_MARKS = frozenset("while when whenever after as since because although though".split())
#: Prepositions of an act's setting (place, occasion, time) rather than its content.
_SETTING_PREPS = frozenset("at during amid".split())


def _is_content(head: Token, t: Token) -> bool:
    """Is ``t`` (below ``head``) part of what ``head`` agrees, threatens, requests or refuses?"""
    if t.pos_ in ("NOUN", "PROPN") and any(ch.dep_ == "relcl" and ch.tag_ == "VBD" and any(
            g.dep_ == "nsubj" and g.tag_ == "WDT" for g in ch.children) for ch in t.children):
        return False  # "would crush the protests that erupted on Monday": told as happened
    cur = t
    while cur.head != cur and cur != head:
        if cur.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _ADVERBIAL_MARKS for m in cur.children):
            return False
        if cur.head == head and cur.dep_ in _NOT_CONTENT_DEPS:
            return False
        # "offered support at a meeting in Riyadh": where or when the act was done, not its content
        if cur.dep_ == "pobj" and cur.head.head == head and cur.head.lower_ in _SETTING_PREPS:
            return False
        # "demanded the release of the activists arrested by police on Monday": the trigger a past
        # participle or a relative clause in the past on a noun of the content, a happening of its own
        if cur is t and cur.dep_ in ("acl", "relcl") and cur.head.pos_ in ("NOUN", "PROPN") and cur.head != head and (
                cur.tag_ == "VBD" or (cur.tag_ == "VBN" and cur.dep_ == "acl" and not any(
                    ch.dep_ == "aux" for ch in cur.children))):
            return False
        # "refused to disperse and threw stones": a finite verb cannot share the infinitive's "to"
        if cur.dep_ == "conj" and cur.tag_ in ("VBD", "VBZ", "VBP") and cur.head.tag_ == "VB":
            return False
        cur = cur.head
    return True


def _rank_of(cues: tuple[WeaponCue, ...], mode: str) -> int:
    ranks = [c.rank for c in cues if c.mode == mode]
    return min(ranks) if ranks else 99


def _is_clause_object(t: Token) -> bool:
    return t.pos_ == "VERB"


def _active_with_object(v: Token) -> bool:
    """An active verb with a noun phrase for object and no passive auxiliary of its own
    ("attacked a Saudi warship"; not "set alight", a particle the parser reads as an object)."""
    return (v.tag_ == "VBD" and any(ch.dep_ == "dobj" and _full_noun_phrase(ch) for ch in v.children)
            and not any(ch.dep_ in ("auxpass", "nsubjpass", *_SUBJ) for ch in v.children))


def _full_noun_phrase(n: Token) -> bool:
    return (n.pos_ == "PROPN" or n.tag_ in ("NNS", "NNPS")
            or any(ch.dep_ in ("det", "poss", "amod", "compound", "nummod") for ch in n.children))


#: Verbs that set a plan going: "launched a bid", "made an attempt", "stepped up efforts".
_LAUNCH_VERBS = _CARRY_OUT | frozenset("make step intensify redouble renew press announce open".split())
#: Nouns of intent whose "to" infinitive is what their holder sets out to do: "launched a bid
#: to retake", "began an offensive to recapture", "made an attempt to storm".
_PLAN_NOUNS = frozenset("bid attempt effort push drive offensive operation campaign plan mission".split())


def _infinitive_of_plan(v: Token) -> bool:
    """A "to" infinitive hanging from a plan noun that is the object of a verb ("launched a bid to retake")."""
    h = v.head
    return (v.tag_ == "VB" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in v.children)
            and h.pos_ == "NOUN" and h.lemma_.lower() in _PLAN_NOUNS and h.dep_ in _OBJ and h.head.pos_ == "VERB"
            and h.head.lemma_.lower() in _LAUNCH_VERBS)  # (not "abandoned efforts to stop")


#: Verbs that lay an act at someone's door: "accused X of attacking", "blamed X for the attack",
#: "blamed the attack on X".
_BLAME_VERBS = frozenset("accuse blame suspect charge convict fault credit hold".split())


def _accused_party(t: Token) -> list[Token]:
    """Whom a blaming verb says did the event ``t``: the object (or passive subject) of "accuse
    ... of V-ing", "blame/hold ... for the N", or the "on" object of "blame the N on X"; []
    where ``t`` is not what someone is blamed for."""
    p = t.head
    if t.dep_ in ("pcomp", "pobj") and p.dep_ == "prep" and p.lower_ in ("of", "for") and p.head != p:
        host = p.head
        # (one holds someone for a deed, never of it: "held a round of talks" blames nobody)
        if (host.pos_ in ("NOUN", "PROPN") and host.dep_ in ("dobj", "nsubjpass") and host.head.lemma_.lower() in _BLAME_VERBS
                and not (host.head.lemma_.lower() == "hold" and p.lower_ == "of")):
            return [host]  # "accused [rebels of attacking]": the parser hangs "of" off the accused
        if host.lower_ == "responsible" and p.lower_ == "for":
            # "holds the militants responsible for", "the group was responsible for the bombing"
            v = host.head
            held = ([ch for ch in host.children if ch.dep_ == "nsubj"]  # (a small clause's subject)
                    or [ch for ch in v.children if ch.dep_ in ("dobj", "nsubjpass") and ch.i < host.i])
            return held or [ch for ch in v.children if ch.dep_ == "nsubj" and v.lemma_.lower() == "be"]
        if host.pos_ in ("VERB", "AUX") and host.lemma_.lower() in _BLAME_VERBS:
            blamed = [ch for ch in host.children if ch.dep_ in ("dobj", "nsubjpass") and ch.i < t.i
                      and ch.pos_ in ("NOUN", "PROPN", "PRON")]
            if not blamed and host.dep_ == "relcl" and host.head.pos_ in ("NOUN", "PROPN") and _object_gap(host, False):
                blamed = [host.head]  # "the men they accused of attacking a checkpoint": the men
            return blamed
    if t.dep_ == "dobj" and p.lemma_.lower() == "blame":
        return [g for h in (t, p) for q in h.children if q.dep_ == "prep" and q.lower_ == "on"
                for g in q.children if g.dep_ == "pobj"]
    return []


#: Verbs that make their object event happen, so their subject or agent is its actor: "the deal
#: Obama negotiated", "charges brought by the navy", "the attack the group carried out".
_AUTHOR_VERBS = _CARRY_OUT | frozenset("negotiate sign broker reach seal claim order impose announce bring file lodge level".split())
#: Verbs of putting a weapon to use, whose agent on the weapon's noun is the attacker: "a roadside
#: bomb planted by militants", "rockets fired by the group", "barrel bombs dropped by helicopters".
_WEAPON_USE_VERBS = frozenset("plant place lay hide detonate fire drop hurl throw".split())


def _answered_with(t: Token) -> tuple[list[Token], list[Token]]:
    """(who, at whom) for an event noun that is the "with" object of a verb of answering (data
    eventness.yaml ``response_verbs``): "Israel responded with airstrikes on Gaza", "the army
    retaliated with artillery fire on rebel positions" (the trigger a noun's modifier); ([], [])
    otherwise. The verb's subject does it, its "on"/"against" phrase names at whom."""
    n = t.head if t.dep_ in ("compound", "amod") and t.head.dep_ == "pobj" else t
    if not (n.dep_ == "pobj" and n.head.lower_ == "with" and n.head.head.lemma_.lower() in eventness_words("response_verbs")):
        return [], []
    verb = n.head.head
    subjects = [_antecedent(s) for s in verb.children if s.dep_ in ("nsubj",)]
    targets = [g for p in verb.children if p.dep_ == "prep" and p.lower_ in ("on", "against")
               for g in p.children if g.dep_ == "pobj"]
    return subjects, (targets if subjects else [])


def _noun_agents(t: Token) -> list[Token]:
    """Who an event noun's own modifiers say acted: the subject of a relative clause of making
    it ("the deal Obama negotiated", "the raid which the army carried out"), the agent of a
    participle ("charges brought by the Royal Thai Navy", "a bomb planted by militants"), or X of an "X-led" modifier ("the
    U.S.-led invasion", "a Saudi-led campaign")."""
    out: list[Token] = []
    for ch in t.children:
        if ch.dep_ == "relcl" and ch.lemma_.lower() in _SAY_VERBS:
            # "the strike, which the Pentagon said was carried out by a US drone": the relative
            # clause told under a verb of saying; its passive's agent made it (with a weapon's
            # word, the owner it names: the parser hangs "US" on "drone")
            out += [g for v in ch.children if v.dep_ == "ccomp" and v.lemma_.lower() in _AUTHOR_VERBS
                    and any(x.dep_ == "auxpass" for x in v.children)
                    for p in v.children if p.dep_ == "agent" for g in p.children if g.dep_ == "pobj"]
        elif ch.dep_ == "relcl" and ch.lemma_.lower() in _AUTHOR_VERBS:
            out += [s for s in ch.children if s.dep_ in _SUBJ and s.lower_ not in _RELATIVE_PRONOUNS]
        elif ch.dep_ == "acl" and ch.tag_ == "VBN" and ch.lemma_.lower() in _AUTHOR_VERBS | _WEAPON_USE_VERBS:
            out += [g for p in ch.children if p.dep_ == "agent" for g in p.children if g.dep_ == "pobj"]
        elif ch.dep_ == "amod" and ch.i < t.i and ch.lower_.endswith("-led") and len(ch.text) > 4:
            out.append(ch)  # "U.S.-led" as one token
        elif ch.dep_ == "amod" and ch.i < t.i and ch.lower_ == "led":
            out += [m for m in ch.children if m.dep_ in ("npadvmod", "compound", "nmod") and _actorish(m)]
        elif ch.dep_ == "prep" and ch.lower_ == "of":
            out += _of_object_agents(ch)
    return out


def _capitalised_common(m: Token, t: Token) -> bool:
    """Is the modifier ``m`` of the event noun ``t`` an adjective or adverb that only its capital
    letter made a name: the first word of a sentence, or of one whose full stop was lost ("... in
    both cities Smaller demonstrations took place", "... in Baton Rouge Subsequent protests were
    calmer")? No capitalised word between it and the noun; before it a name, or a small-letter word
    that is no verb, preposition or article (there a capital marks a name: "held Free Press
    rallies"); no nationality ("Kurdish protests")."""
    if not (m.is_title and m.dep_ in ("compound", "amod", "nmod") and m.i < t.i
            and m.ent_type_ != "NORP" and modifier_word(m.lower_)
            and not any(x.is_title for x in m.doc[m.i + 1 : t.i])):
        return False
    if m.is_sent_start or m.i == 0:
        return True
    prev = m.doc[m.i - 1]
    if prev.is_title and prev.pos_ == "PROPN":
        return True  # after a name: "... in Baton Rouge Subsequent protests were"
    return (prev.text[:1].islower() or prev.text[:1].isdigit()) and prev.tag_ not in _NOT_BEFORE_NAME_TAGS


#: Tags of a word a capitalised word continues the sentence after (a verb, a preposition, an
#: article, a conjunction, a possessive, "to"): there a capital marks a name.
_NOT_BEFORE_NAME_TAGS = frozenset("VB VBD VBZ VBP VBG VBN MD IN TO DT PDT CC WDT WP WP$ WRB POS RP PRP$ EX HYPH".split())


def _of_object_agents(of: Token) -> list[Token]:
    """"the executions of 31 prisoners by army troops", "the killing of a farmer by soldiers": the
    parser hangs the event noun's "by" phrase on its "of" object, which no "by" phrase of its own
    (no participle between: "prisoners held by the army" is an ``acl``) would follow in news; its
    object that names a party, or a noun a party's name modifies ("Syrian government forces"), not
    a weapon or a place, did it."""
    return [g for o in of.children if o.dep_ == "pobj"
            for p in o.children if p.dep_ in ("prep", "agent") and p.lower_ == "by"
            for g in p.children if g.dep_ == "pobj" and not _is_place(g) and (_names_party(g) or any(
                m.dep_ in ("compound", "amod", "nmod") and _actorish(m) for m in g.children))]


#: Tags of event nouns told of their victim: "X's murder", "X's assassination", "X's arrest".
_PATIENT_TAGS = frozenset({"kill", "assassination", "abduct", "arrest"})


def _patient_noun(t: Token, tags: set[str]) -> bool:
    """An event noun whose possessor is its victim ("Ley's murder", "his arrest"): a killing,
    abduction or arrest with no "of" object (in "the army's killing of civilians" the possessor acts).
    A noun of attack is that by its own word, whatever killing its sentence folded into it: its
    possessor makes it ("Hamas's attack on the town killed 12", "Russia's airstrikes")."""
    if t.lemma_.lower() in _STRIKE_NOUNS:
        return False
    return bool(tags & _PATIENT_TAGS) and not any(p.dep_ == "prep" and p.lower_ == "of" for p in t.children)


def _strike_owners(verb: Token) -> list[Token]:
    """The named owners of the strike a passive verb says hit its subject ("killed in Turkish airstrikes").

    A noun modifier the parser took for the preposition's object ("killed in regime shelling":
    "regime" the object, "shelling" a participle or a second object) owns the strike word written
    right after it, as the same words parsed right would say."""
    owners: list[Token] = []
    for p in verb.children:
        if p.dep_ not in ("prep", "agent") or p.lower_ not in ("in", "by", "during", "from"):
            continue
        for g in p.children:
            if g.dep_ not in ("pobj", "pcomp"):
                continue
            if g.lemma_.lower() in _STRIKE_NOUNS:
                owners += [m for m in g.children if m.dep_ in ("amod", "compound", "nmod", "poss")
                           and (_actorish(m) or _names_country(m))]
            elif (g.tag_ == "NN" and g.i + 1 < len(g.doc) and g.doc[g.i + 1].lemma_.lower() in _STRIKE_WORDS
                  and g.doc[g.i + 1].tag_ in ("VBG", "NN", "NNS") and (_actorish(g) or _names_country(g))):
                owners.append(g)
    return owners


def _misread_owner(t: Token) -> Token | None:
    """The party word right before a strike word that the parser made the object of the
    preposition before them ("died in army shelling", "killed in rebel shelling of a post": "army"
    read as what "in" takes, "shelling" as a clause or a second object): the owner of the strike,
    as "in army shelling" parsed right says."""
    if t.i == 0 or t.lemma_.lower() not in _STRIKE_WORDS or t.tag_ not in ("VBG", "NN", "NNS"):
        return None
    m = t.doc[t.i - 1]
    # (parsed right, the party word would be the strike word's compound, not the object)
    if m.tag_ != "NN" or m.dep_ != "pobj" or m.head.dep_ != "prep" or m.head.i != m.i - 1:
        return None
    return m if (_actorish(m) or _names_country(m)) else None


def _stranded_patient(verb: Token) -> list[Token]:
    """The passive subject the parser hung elsewhere ("... to listen to each other Two black men
    were shot by police": a run-on sentence makes "men" an argument of the verb before the lost full
    stop, and cutting the sentence leaves it a bare ``dep``): the noun phrase written right before
    the passive verb's auxiliaries is what the verb befell, when the parser gave it no role of its
    own (``dep``) and the verb has no passive subject."""
    if any(ch.dep_ == "nsubjpass" for ch in verb.children):
        return []
    auxes = [ch.i for ch in verb.children if ch.dep_ in ("aux", "auxpass") and ch.i < verb.i]
    if not auxes or min(auxes) == 0:
        return []
    k = min(auxes) - 1
    noun = verb.doc[k]
    while noun.dep_ in ("pobj", "prep") and noun.head.i < noun.i:  # "All protests across the country were ..."
        noun = noun.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ not in _UNLABELLED_DEPS or is_pronoun(noun):
        return []
    return [noun]


def _subject_it_befell(verb: Token) -> list[Token]:
    """The subject of the clause a passive with no subject of its own is told in ("Two soldiers
    died after being attacked by militants", "a policeman was killed after being shot by a
    sniper"): what befell the clause's subject, under a preposition of time or cause on its verb."""
    if verb.dep_ != "pcomp" or not any(ch.dep_ == "auxpass" and ch.tag_ == "VBG" for ch in verb.children):
        return []
    prep = verb.head
    if prep.dep_ != "prep" or prep.lower_ not in _BEFELL_PREPS or prep.head.pos_ not in ("VERB", "AUX"):
        return []
    return [ch for ch in prep.head.children if ch.dep_ in ("nsubj", "nsubjpass") and ch.pos_ in ("NOUN", "PROPN")][:1]


#: Prepositions a passive gerund's clause hangs from that tell what befell the clause's subject
#: ("died after being shot", "was arrested for being involved" is no event told of it).
_BEFELL_PREPS = frozenset({"after", "before", "following", "upon", "on", "from", "by", "while", "when"})


def _object_gap(verb: Token, passive: bool) -> bool:
    """A relative clause with no relative pronoun whose verb has a subject but no object ("the 20
    soldiers they had captured", "the man police arrested"): the noun it hangs from is its object.
    Not a clause of time or place ("the day they attacked", "the town where they fought")."""
    if verb.dep_ != "relcl" or passive or verb.head.pos_ not in ("NOUN", "PROPN") or verb.head.ent_type_ in ("DATE", "TIME"):
        return False
    kids = list(verb.children)
    if not any(k.dep_ in _SUBJ for k in kids) or any(k.dep_ in _OBJ or k.dep_ in ("ccomp", "xcomp") for k in kids):
        return False
    return not any(d.lower_ in _RELATIVE_PRONOUNS or d.lower_ in ("where", "when", "why", "whose") for d in verb.subtree)


def _among_those(head: Token) -> list[Token]:
    """"The prime minister was among those summoned", "two journalists were among the people
    arrested": a participle on a pronoun or a bare "people" inside "among" befell the subject of
    the clause the "among" phrase is the predicate of."""
    if head.dep_ != "pobj" or head.head.lower_ != "among" or not (is_pronoun(head) or head.lemma_.lower() in ("those", "people", "one")):
        return []
    clause = head.head.head
    return [x for x in clause.children if x.dep_ in _SUBJ + ("nsubjpass",) and not is_pronoun(x)]


#: Dependency labels the parser gives a word it could not place in the clause (no role of its own).
_UNLABELLED_DEPS = frozenset({"dep", "ROOT"})


def _second_side(t: Token, first: Token) -> list[Token]:
    """The other side of "skirmishes between the police, who fired tear-gas, and the protesters":
    a relative clause on the first side makes the parser hang "the protesters" on the clause's
    verb rather than as the first side's conjunct. The second side is the noun phrase right after
    the "and" that follows the first side's phrase, where the parser gave it no role of its own."""
    doc = t.doc
    k = first.right_edge.i + 1
    while k < len(doc) and doc[k].is_punct:
        k += 1
    if k >= len(doc) or doc[k].lower_ != "and":
        return []
    for x in doc[k + 1:min(len(doc), k + 6)]:
        if x.pos_ in ("NOUN", "PROPN"):
            if x.dep_ in ("dep", "conj") and x.tag_ in ("NNS", "NNPS", "NNP") and x.head.i != first.i and not _is_place(x):
                return [x]
            if x.dep_ not in ("compound", "amod"):
                return []
    return []


def _clash_sides(t: Token) -> tuple[list[Token], list[Token]]:
    """The victims and the other side of "X were killed in/during clashes with Y" (else two empty lists)."""
    # ("in fighting with": the parser may read the noun as a gerund, a "pcomp")
    if t.pos_ in ("NOUN", "PROPN") or t.dep_ == "pcomp":
        noun = t if t.lemma_.lower() in _CLASH_NOUNS else None
        verb = t.head.head if t.dep_ in ("pobj", "pcomp") and t.head.lower_ in ("in", "during", "amid") else None
    else:
        verb = t
        noun = next((g for p in t.children if p.dep_ == "prep" and p.lower_ in ("in", "during", "amid")
                     for g in p.children if g.dep_ in ("pobj", "pcomp") and g.lemma_.lower() in _CLASH_NOUNS), None)
    if noun is None or verb is None or verb.pos_ != "VERB":
        return [], []
    victims = [s for s in verb.children if s.dep_ == "nsubjpass"]
    if not victims and verb.lemma_.lower() in _DIE_VERBS:
        victims = [s for s in verb.children if s.dep_ in _SUBJ]
    party = [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "with"
             for g in p.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")]
    if not victims or not party:
        return [], []
    return victims, party


def _host_clause_subject(t: Token) -> list[Token]:
    """Who took part in a meeting told in a time phrase of their own clause ("during" a call is
    where a speaker spoke, not news of its own): "After a meeting
    with police chiefs, Obama said ..." (the subject of the verb the phrase hangs from)."""
    p = t.head
    if t.dep_ != "pobj" or p.lower_ not in ("after", "following") or p.head.pos_ not in ("VERB", "AUX"):
        return []
    return [x for x in p.head.children if x.dep_ in _SUBJ and not is_pronoun(x)] or _caption_subject(p.head)


def _their_owner(o: Token, verb: Token) -> Token | None:
    """Whom "their" ("its") on a place or thing a violent verb acts on stands for: the nearest party
    in the plural (singular) written before it outside the verb's own subject ("Rebels said
    government troops had shelled their positions", "the militants were killed when the army
    stormed their hideout", "Turkey said Syrian jets bombed its border posts"); the doer does not
    shell or storm its own. None for a party's own noun, another pronoun, or no such party."""
    if o.dep_ not in _OBJ or o.pos_ != "NOUN" or _actorish(o) or person_word(o.lemma_.lower()):
        return None
    pronoun = next((p.lower_ for p in o.children if p.dep_ == "poss" and p.lower_ in ("their", "its")), None)
    if pronoun is None:
        return None
    from sitrep.resolve.actors import ActorResolver

    if ActorResolver.default().resolve(o.lemma_) is not None:
        return None  # a party of theirs ("attacked its military units"), not a place or thing
    clause = verb
    while clause.dep_ == "conj" and clause.head != clause and not any(s.dep_ in _SUBJ for s in clause.children):
        clause = clause.head  # ("militants stormed the village and burned their homes": the militants burned)
    subjects = [s for s in clause.children if s.dep_ in _SUBJ]
    if any(is_pronoun(s) for s in subjects) or any(m.lower_ == "own" for m in o.children):
        return None  # ("the army said it destroyed its own depot": the doer's own, or can't tell)
    number = ("NNS", "NNPS") if pronoun == "their" else ("NN", "NNP")
    doers = {x.i for s in subjects for x in s.subtree}
    for x in reversed(o.doc[:o.i]):
        if x.i in doers or x.tag_ not in number or x.head.i in doers or x.ent_type_ in _NON_ACTOR_ENTS:
            continue
        if _actorish(x) or person_word(x.lemma_.lower()):
            return _antecedent(x)
    return None


def _possessor_antecedent(t: Token, pronoun: str) -> list[Token]:
    """Whom a possessive pronoun on an event noun stands for: the subject (active or passive) of
    the clause the noun sits in, where it agrees with the pronoun ("his", "her": a person named or
    a person noun; "their": a plural), and no further up than that clause ("Police said his arrest
    was lawful": not the police)."""
    cur = t
    for _ in range(4):
        if cur.head == cur:
            return []
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            subs = [x for x in cur.children if x.dep_ in ("nsubj", "nsubjpass") and t not in x.subtree]
            if not subs and cur.dep_ in ("prep", "advcl", "pcomp") and cur.tag_ == "VBG":
                continue  # "following his arrest": a participle used as a preposition
            if len(subs) != 1:
                return []
            x = _antecedent(subs[0])
            if pronoun == "their":
                ok = x.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in x.children)
            else:
                ok = x.tag_ in ("NN", "NNP") and (x.ent_type_ == "PERSON" or person_word(x.lemma_.lower()))
            return [x] if ok else []
    return []


def _during_agent(t: Token, clash: bool = False) -> list[Token]:
    """Who carried out a raid, search or attack told in a "during" phrase of a clause whose
    subject is a force that acts on something in it: "During a search of his home, police
    detectives found bomb-making materials", "During the raid, soldiers seized weapons". Only
    an active verb with an object and a subject that names a force or a named party: "during
    the attack, residents fled" or "soldiers died" say nothing of who attacked.

    A clash that names its other side with "with" has two sides, and whoever of a people or
    group acts on something during it is the first: "Israeli settler boys throw stones during
    clashes with Palestinians" (a nationality, country or organisation on the subject marks a
    party); what a subject does to its own ("fled their homes", "lost their lives") is no act
    in the clash, and the other side itself is not its own partner."""
    p = t.head
    if t.dep_ != "pobj" or p.lower_ != "during" or p.head.pos_ != "VERB":
        return []
    verb = p.head
    objs = [o for o in verb.children if o.dep_ in _OBJ]
    if not objs:
        return []
    subs = [x for x in verb.children if x.dep_ == "nsubj" and not is_pronoun(x)]
    forces = [x for x in subs if x.ent_type_ == "ORG" or _force_word(x)
              or any(m.dep_ == "compound" and _force_word(m) for m in x.children)]
    if forces or not clash:
        return forces
    others = {g.lemma_.lower() for w in t.children if w.dep_ == "prep" and w.lower_ == "with"
              for g in w.children if g.dep_ == "pobj"}
    if not others or any(m.dep_ == "poss" and is_pronoun(m) for o in objs for m in o.children):
        return []
    return [x for x in subs if x.lemma_.lower() not in others
            and (x.ent_type_ in _PARTY_ENTS
                 or any(m.dep_ in ("amod", "compound") and m.ent_type_ in _PARTY_ENTS for m in x.children))]


#: Named-entity kinds that mark a party on a noun of people ("Israeli settlers", "Hamas
#: fighters", "Iraq's Kurds"): a nationality or group, an organisation, a state.
_PARTY_ENTS = frozenset({"NORP", "ORG", "GPE"})

#: Verbs whose subject is a party to the agreement it takes as object ("the deal Obama
#: negotiated"); a mediator ("brokered") is no party, so it is not among them.
_PARTY_VERBS = frozenset("negotiate sign seal reach conclude".split())
#: Verbs by which a state or its organ adopts an agreement it is party to ("the Senate ratified the
#: treaty", "parliament approved the deal"); not a mediator's ("brokered") nor a bystander's ("welcomed").
_ADOPT_VERBS = frozenset("ratify approve endorse ink finalize finalise clinch forge".split())


def _relative_doer(t: Token) -> list[Token]:
    """Who did what an event noun names, told in a relative clause on the noun whose verb
    carries it out: "the attack the group carried out", "the strike Israel launched", "the deal
    Obama and other leaders negotiated". The clause's own subject, never its relative pronoun
    ("the attack that killed 17" names no attacker), and only an active clause with a verb of
    doing (not "the protest police dispersed")."""
    out: list[Token] = []
    for cl in t.children:
        if cl.dep_ != "relcl" or cl.lemma_.lower() not in _LIGHT_VERBS | _PARTY_VERBS:
            continue
        if any(ch.dep_ in ("nsubjpass", "auxpass") for ch in cl.children):
            continue
        out += [s for s in cl.children if s.dep_ in _SUBJ and s.tag_ not in ("WDT", "WP") and not is_pronoun(s)]
    if not out:
        # the parser splits a relative clause with no "that" into an apposition and a participle
        # ("the deal [Obama] [negotiated]"): an event noun has no person in apposition, so the
        # name right before the participle is its subject
        for cl in t.children:
            if cl.dep_ == "acl" and cl.tag_ == "VBN" and cl.lemma_.lower() in _LIGHT_VERBS | _PARTY_VERBS:
                out += [a for a in t.children if a.dep_ == "appos" and t.i < a.i < cl.i
                        and a.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")]
    return out


def _present_at(t: Token) -> list[Token]:
    """Who is at the place an event noun names (a ``presence`` trigger: "U.S. forces were seen
    on the front lines", "troops massed along the front line"): the subject, active or passive,
    of the verb the place's phrase hangs from."""
    p = t.head
    if t.dep_ != "pobj" or p.dep_ != "prep" or p.head.pos_ not in ("VERB", "AUX"):
        return []
    return [x for x in p.head.children if x.dep_ in ("nsubj", "nsubjpass")]


def _when_clause_side(n: Token) -> list[Token]:
    """A side of a fight told only as something that happened ("there were brief scuffles",
    "clashes erupted") at the moment another clause names: "When troops cut off the march route,
    there were scuffles", "Fighting broke out when police tried to disperse the crowd". Whoever
    that "when" clause has act met the other side there: its subject, where it is a party (a
    name, a force or a person noun; not a pronoun nor a thing: "when the rain stopped")."""
    h = n.head
    told = (n.dep_ == "attr" and any(x.dep_ == "expl" for x in h.children)) or (
        n.dep_ in _SUBJ and h.lemma_.lower() in _ERUPT_VERBS)
    if h == n or not told:
        return []
    out: list[Token] = []
    for cl in h.children:
        if cl.dep_ != "advcl" or cl.pos_ not in ("VERB", "AUX"):
            continue
        if not any(w.dep_ == "advmod" and w.lower_ == "when" for w in cl.children):
            continue
        out += [x for x in cl.children if x.dep_ == "nsubj" and not is_pronoun(x)
                and (_actorish(x) or _force_word(x) or (x.pos_ == "NOUN" and person_word(x.lemma_.lower())))]
    return out


def _force_word(t: Token) -> bool:
    """A word that names an armed or state force; a nationality or country alone names none
    ("Israeli settler boys" are no force)."""
    return t.lemma_.lower() in _GENERIC_ACTOR_MODIFIERS and t.ent_type_ not in ("NORP", "GPE")


def _caption_subject(verb: Token) -> list[Token]:
    """The subject a photo caption's position word took from its verb: "Biden, left, shakes
    hands with ..." (parsed with Biden the subject of "left")."""
    return [x for a in verb.children if a.dep_ in ("advcl", "amod", "advmod") and a.lower_ in _CAPTION_PLACES
            for x in a.children if x.dep_ in _SUBJ]


_CAPTION_PLACES = frozenset("left right center centre second third".split())
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def _compound_subject(verb: Token) -> list[Token]:
    """The subject the parser took for a compound of a finite verb read as a noun ("on the morning
    the athlete shot and killed his girlfriend": "athlete" a compound of "shot"). Not a third
    person present, which a plural noun may be ("hostage-takers demands": a noun read as a verb)."""
    if verb.tag_ not in ("VBD", "VBP") or _is_passive(verb) or any(ch.dep_ in _SUBJ for ch in verb.children):
        return []
    return [ch for ch in verb.children if ch.dep_ == "compound" and ch.i < verb.i and ch.pos_ in ("NOUN", "PROPN")][:1]


def _finite_read_as_participle(verb: Token) -> bool:
    """A sentence's finite verb the parser read as a participle on its subject, leaving a noun
    phrase with no verb ("A gunman ambushed and fatally shot two officers": "gunman" the root,
    "ambushed" a clause on it). A participle on a noun ("fighters killed in the raid") takes no
    direct object; one that, or whose conjoined verb, has one, and that hangs from the root noun
    of the sentence with no agent, tells what the noun did."""
    head = verb.head
    if not (verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBN") and head.dep_ == "ROOT" and head.i < verb.i
            and head.pos_ in ("NOUN", "PROPN")):
        return False
    if any(ch.dep_ in ("agent", "auxpass", "nsubjpass") for ch in verb.children):
        return False
    return any(ch.dep_ == "dobj" for v in (verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"))
               for ch in v.children)


def _is_passive(verb: Token) -> bool:
    """A verb told in the passive ("to have been killed")."""
    return any(ch.dep_ in ("auxpass", "nsubjpass") for ch in verb.children)


def _stranded_conj(t: Token) -> bool:
    """Is ``t`` read as one more object of a preposition after a comma ("for the city of Aleppo,
    Syrian government forces")? A subject the parser hung on a fronted phrase reads so."""
    return (t.dep_ == "conj" and t.head.dep_ == "pobj" and t.head.i < t.i and t.left_edge.i > 0
            and t.doc[t.left_edge.i - 1].text == ",")


def _fronted_participle(t: Token) -> bool:
    """A participle phrase before the clause that the parser read as its subject: "Comparing this
    to the battle for Aleppo, government forces attacked civilians" (no subject: a phrase a comma
    closes before the clause's own noun)."""
    return (t.dep_ == "csubj" and t.tag_ == "VBG" and t.i < t.head.i
            and any(x.text == "," for x in t.doc[t.i:t.head.i]))


def _stranded_subject(verb: Token) -> list[Token]:
    """The subject the parser hung elsewhere when a relative clause sits between it and a
    finite main verb ("the Iraqi parliament, in which the militias are represented, has
    exerted pressure ..." parses "parliament" as an apposition of an earlier noun and leaves
    "exerted" with no subject): the last apposed noun before the verb outside any relative
    clause, within ACTOR_STRANDED_SUBJECT_WINDOW tokens."""
    if verb.dep_ != "ROOT" or any((ch.dep_ in _SUBJ and not _fronted_participle(ch)) or ch.dep_ == "nsubjpass"
                                  for ch in verb.children):
        return []
    if not (verb.tag_ in ("VBD", "VBZ", "VBP") or any(ch.dep_ == "aux" for ch in verb.children)):
        return []
    doc = verb.doc
    inside: set[int] = set()
    for tok in doc[max(0, verb.i - defaults.ACTOR_STRANDED_SUBJECT_WINDOW):verb.i]:
        if tok.dep_ == "relcl":
            inside.update(x.i for x in tok.subtree)
    for k in range(verb.i - 1, max(-1, verb.i - defaults.ACTOR_STRANDED_SUBJECT_WINDOW - 1), -1):
        tok = doc[k]
        if k in inside:
            continue
        if tok.dep_ == "appos" and tok.pos_ in ("NOUN", "PROPN") and tok.head.i < k:
            return [tok]
        if (_stranded_conj(tok) and tok.pos_ in ("NOUN", "PROPN") and not _is_place(tok)
                and any(_actorish(x) and x.ent_type_ not in _PLACE_ENTS for x in tok.subtree)):
            # "Comparing this to the battle for the city of Aleppo, Syrian government forces ...
            # attacked civilians": a party after the comma that closes a fronted phrase, parsed
            # as one more of the phrase's objects
            return [tok]
        if tok.dep_ in ("ROOT",) or tok.text in (".", ";", ":"):
            break
    return []


def _conjunct_hung_too_low(t: Token) -> Token | None:
    """The verb a simple past conjunct really joins where the parser hung it on a relative clause
    told in another tense: "two men walked into the shop where Ley was drinking coffee and shot
    him", "gunmen stormed the hotel where guests had gathered and killed 20": "shot" cannot share
    "was", nor "killed" "had"; it runs on from the past verb the relative clause's noun hangs on."""
    h = t.head
    if t.dep_ != "conj" or t.tag_ != "VBD" or h.dep_ != "relcl" or h.tag_ == "VBD":
        return None
    if any(a.dep_ in ("aux", "auxpass") for a in t.children) or not any(
            a.dep_ in ("aux", "auxpass") for a in h.children):
        return None
    cur = h.head  # the noun the relative clause describes
    for _ in range(3):
        if cur.dep_ not in (*_OBJ, "pobj", "prep") or cur.head == cur:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur if cur.tag_ == "VBD" else None
    return None


def _roles_turned(t: Token) -> bool:
    """A passive adverbial clause with its own subject under an active clause with one: "the man
    stabbed two officers before he was shot", "troops fired on the crowd after they were attacked",
    where the pronoun takes up the first clause's doer: the doer of one is the target of the other,
    two happenings, not one told twice."""
    if t.dep_ != "advcl" or _is_passive(t.head):
        return False
    # (the pronoun takes up the doer of the first: "others were gunned down" may be someone else)
    return any(ch.dep_ == "nsubjpass" and _adverbial_self(ch) is not ch for ch in t.children)


def _adverbial_self(t: Token) -> Token:
    """Whom a personal pronoun subject of a passive adverbial clause stands for: the subject of
    the clause it hangs on, where it agrees in number ("the man stabbed two officers before he was
    shot": the man); any other token itself."""
    low = t.lower_
    verb = t.head
    if low not in ("he", "she", "they") or verb.dep_ != "advcl":
        return t
    subs = [s for s in verb.head.children if s.dep_ == "nsubj"]
    if len(subs) != 1 or subs[0].i > t.i or subs[0].pos_ not in ("NOUN", "PROPN", "ADJ") or is_pronoun(subs[0]):
        return t
    plural = subs[0].tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subs[0].children)
    return subs[0] if plural == (low == "they") else t


def _places_apart(first: Token, second: Token) -> bool:
    """Do two coordinated verbs each take a place of their own as object ("has retaken the base
    next to the airport, and have entered a neighbourhood")? Acts on two places are two happenings
    (an event has one place), not one told twice ("stormed the compound and killed the guards")."""
    def place_object(v: Token) -> Token | None:
        return next((o for o in v.children if o.dep_ in _OBJ and _is_place(o)), None)

    a, b = place_object(first), place_object(second)
    return a is not None and b is not None and a.lower_ != b.lower_


def _is_place(t: Token) -> bool:
    """A place, not a party: "Mosul", "the city of Fallujah", "a sprawling military base"."""
    from sitrep.nlp.locations import PLACE_NOUNS

    if t.ent_type_ in ("GPE", "LOC", "FAC") and not _names_country(t):
        return True
    return t.pos_ == "NOUN" and (t.lower_ in PLACE_NOUNS or t.lemma_.lower() in _TAKEN_PLACES)


def inhabited_place(t: Token) -> bool:
    """A place where people live, named or described ("Tell Rifaat", "the village of Teldau",
    "a neighbourhood"), as opposed to a country, a region's name or a military site."""
    if t.ent_type_ in ("GPE", "LOC") and not _names_country(t):
        return t.pos_ == "PROPN"
    from sitrep.resolve.places import mention_words

    return t.pos_ == "NOUN" and t.lemma_.lower() in mention_words().settlements


def struck_site(t: Token) -> bool:
    """Does the attack noun ``t`` name one site it hit ("over the bombing of a mosque", "the attack
    on a police station", "an assault on the village")? A single happening is told so, even with
    no party, place name or toll: the attack on a kind of site in general is plural ("attacks on
    schools") or takes no determiner ("the fight against terrorism")."""
    if t.pos_ != "NOUN" or t.tag_ != "NN":
        return False
    from sitrep.resolve.places import mention_words

    sites = mention_words().town_sites | mention_words().settlements | _TAKEN_PLACES
    return any(g.dep_ == "pobj" and g.tag_ == "NN" and g.lemma_.lower() in sites
               and any(d.dep_ == "det" and d.lower_ in ("a", "an", "the") for d in g.children)
               for p in t.children if p.dep_ == "prep" and p.lower_ in ("of", "on", "against")
               for g in p.children)


#: What is taken in a fight besides PLACE_NOUNS' towns and buildings.
_TAKEN_PLACES = frozenset("base airbase airport airfield position stronghold outpost checkpoint hill territory".split())


#: Verbs that say who holds a place: "positions controlled by the YPG", "rebels holding the base".
_HOLD_VERBS = frozenset("control hold occupy run man seize capture garrison defend".split())


def _holders(place: Token) -> list[Token]:
    """Who holds a place or site, as the text says it: a passive participle or relative clause
    with an agent inside the place's phrase ("positions near the border controlled by
    U.S.-allied fighters", "the airport that had been controlled by Islamic State"), or the noun
    an active participle of holding hangs from ("rebels holding the base")."""
    out: list[Token] = []
    for v in place.subtree:
        if v.dep_ not in ("acl", "relcl") or v.lemma_.lower() not in _HOLD_VERBS or v.i < place.i:
            continue
        out += [g for p in v.children if p.dep_ == "agent" for g in p.children if g.dep_ == "pobj"]
    if not out and inhabited_place(place):
        # "a rebel-held town", "the opposition-held city of Douma": the holder written before the
        # participle (a held site keeps its own reading: "a government-controlled air base")
        out = [g for v in place.children if v.dep_ == "amod" and v.tag_ == "VBN" and v.i < place.i
               and v.lemma_.lower() in _HOLD_VERBS
               for g in v.children if g.dep_ in ("npadvmod", "compound", "nmod") and g.pos_ in ("NOUN", "PROPN")]
    if not out and place.pos_ == "NOUN" and place.lemma_.lower() in _HELD_SITES:
        # "the shelling of YPG positions", "hit IS command centers", "the army's base": a site
        # named by whose it is is held by them
        out = _site_owner(place)
    if not out and place.dep_ in _OBJ:
        v = place.head
        if (v.dep_ == "acl" and v.tag_ == "VBG" and v.lemma_.lower() in _HOLD_VERBS
                and v.head.pos_ in ("NOUN", "PROPN") and not _is_place(v.head)):
            out.append(v.head)
    return out


#: Sites a party holds, named after it ("YPG positions", "IS command centers", "the army's base").
_HELD_SITES = frozenset(
    "position target base airbase outpost checkpoint stronghold hideout headquarters camp center centre "
    "post barracks facility compound depot".split())


def _site_owner(site: Token) -> list[Token]:
    """The party named before a site noun ("YPG positions", "an Islamic State group's position",
    "IS command centers"), through compounds; [] when it names none, or only a place ("Aleppo
    positions") or a nationality or kind."""
    level = [m for m in site.lefts if m.dep_ in ("compound", "poss", "nmod", "amod")]
    for _ in range(2):
        for m in level:
            if m.lemma_.lower() in _HELD_SITES or is_pronoun(m) or m.lower_ in _POSSESSIVE_PRONOUNS:
                continue
            # only a name: a nationality or a kind ("Indian army base", "rebel positions") is read
            # with the site's whole phrase
            if m.ent_type_ in ("ORG", "PERSON") or (m.pos_ == "PROPN" and m.ent_type_ not in ("GPE", "LOC", "FAC", "NORP")):
                return [m]
        level = [g for m in level if m.dep_ == "compound" for g in m.lefts if g.dep_ in ("compound", "poss", "nmod", "amod")]
    return []


_POSSESSIVE_PRONOUNS = frozenset("his her their its".split())
#: Event nouns whose "to" phrase names the host: "a visit to Kabul", "his trip to Beijing".
_VISIT_NOUNS = frozenset("visit trip".split())


def _parenthesis_host(t: Token, pronoun: str) -> list[Token]:
    """The name a phrase set off by commas between a subject and its verb is said of, where that
    phrase holds the event noun with a possessive pronoun: "U.S. Defense Secretary Jim Mattis,
    during his visit to Kabul on Monday, also warned ..." (the visit is Mattis's). Read from the
    words, not the clause: a run-on sentence (full stops lost) or a caption leaves the parser no
    clause whose subject it could find. The phrase must open with a comma right after the name
    and close with one right before a verb (an adverb may come first), which is what an
    interrupted subject-verb clause looks like; the name agrees with the pronoun ("his", "her":
    a person; "its": a body or state; "their": a body, a state or a plural)."""
    p = t.head
    doc = t.doc
    if t.dep_ != "pobj" or p.dep_ != "prep" or p.i < 2 or doc[p.i - 1].text != ",":
        return []
    name = doc[p.i - 2]
    end = max(p.right_edge.i, t.right_edge.i) + 1
    if end + 1 >= len(doc) or doc[end].text != ",":
        return []
    after = doc[end + 1]
    if after.pos_ == "ADV" and end + 2 < len(doc):
        after = doc[end + 2]
    if after.pos_ not in ("VERB", "AUX") or after.tag_ not in ("VBD", "VBZ", "VBP", "MD"):
        return []
    if pronoun in ("his", "her"):
        ok = name.ent_type_ == "PERSON" or (name.pos_ == "NOUN" and person_word(name.lemma_.lower()))
    elif pronoun == "its":
        ok = name.ent_type_ in ("ORG", "GPE", "NORP")
    else:
        ok = name.ent_type_ in ("ORG", "GPE", "NORP") or name.tag_ in ("NNS", "NNPS")
    return [name] if ok and name.pos_ in ("PROPN", "NOUN") else []


def _captioned_people(t: Token, pronoun: str) -> tuple[list[Token], list[Token]]:
    """Whom a possessive pronoun on an event noun stands for in a photo caption that names the
    people in its picture with their place in it set off by commas ("Russian President Vladimir
    Putin, right, and Syria President Bashar Assad arrive for their meeting"): the person so
    placed, and for "their" the person joined to them by "and" as the partner. A caption's
    present-tense verb is often read as a noun ("arrive"), which leaves the parse no clause
    whose subject the pronoun could take; the commas and the place word still show who the
    caption is about. Only a name before the event noun, and only one so placed."""
    doc = t.doc
    placed = [doc[k - 2] for k in range(2, min(t.i, len(doc) - 1))
              if doc[k].lower_ in _CAPTION_PLACES - {"second", "third"} and doc[k - 1].text == ","
              and doc[k + 1].text == "," and doc[k - 2].ent_type_ == "PERSON" and doc[k - 2].pos_ == "PROPN"]
    if len(placed) != 1:
        return [], []
    name = placed[0]
    after = name.i + 4  # past ", right,"
    partner = []
    if after < t.i and doc[after].lower_ == "and":
        # the next person named, after nothing but their title ("and Syria President Bashar Assad")
        ent = next((e for e in doc.ents if e.start > after and e.end <= t.i and e.label_ == "PERSON"), None)
        if ent is not None and all(w.is_title or w.is_upper for w in doc[after + 1:ent.start]):
            partner = [ent[-1]]
    if pronoun == "their":
        return ([name], partner) if partner else ([], [])
    return ([name], []) if pronoun in ("his", "her") and not partner else ([], [])


def _clause_subject(t: Token, pronoun: str) -> tuple[list[Token], list[Token]]:
    """The subject of the clause an event noun sits in (through prepositions and objects, up to
    the first verb with a subject), and for a plural possessor ("their meeting") the partner that
    verb names with "with" ("Biden shakes hands with Davutoglu after their meeting")."""
    plural = pronoun == "their"
    cur = t
    for _ in range(6):
        if cur.head == cur:
            return [], []
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            # (the event noun as the subject itself: "the group said its attack killed ten")
            subs = [x for x in cur.children if x.dep_ in _SUBJ and not is_pronoun(x) and t not in x.subtree]
            subs = subs or [x for x in _caption_subject(cur) if not is_pronoun(x)]
            if not subs:
                if cur.dep_ in ("advcl", "xcomp", "conj", "acl", "relcl", "pcomp", "prep", "ccomp"):
                    continue  # "following a news conference after their meeting": the governing clause's
                return [], []
            partners = ([g for p in cur.children if p.dep_ == "prep" and p.lower_ == "with"
                         for g in p.children if g.dep_ == "pobj"]
                        + [g for o in cur.children if o.dep_ in _OBJ for p in o.children
                           if p.dep_ == "prep" and p.lower_ == "with" for g in p.children if g.dep_ == "pobj"]
                        if plural else [])
            # the possessor agrees in number: "their" a plural or coordinated subject, a group named
            # as one, or a subject and the partner it is "with"; "his", "her", "its" a singular one
            many = any(x.tag_ in ("NNS", "NNPS") or any(y.dep_ == "conj" for y in x.children) for x in subs)
            group = any(x.ent_type_ in ("ORG", "NORP", "GPE") for x in subs)
            if not (many or group or partners) if plural else many:
                return [], []
            if not plural and (pronoun == "its") == any(x.ent_type_ == "PERSON" for x in subs):
                return [], []  # "its" is no person's, "his" and "her" are ("their" may be either)
            return subs, partners
        if cur.dep_ not in ("pobj", "prep", "dobj", "obj", "npadvmod", "appos") and cur.pos_ not in ("ADP", "NOUN", "PROPN"):
            return [], []
    return [], []


def _with_parties(head: Token) -> list[Token]:
    """The parties a "with" phrase on ``head`` names: a name, a party word or a person noun
    ("with Obama", "with leaders from the African Union"), not a thing ("with tear gas")."""
    return [g for p in head.children if p.dep_ == "prep" and p.lower_ == "with"
            for g in p.children if g.dep_ == "pobj"
            and (_actorish(g) or (g.pos_ == "NOUN" and person_word(g.lemma_.lower())))]


def _titles_of_names(tokens: list[Token]) -> list[Token]:
    """Drop a singular description coordinated with a person's name that is one person with it:
    "political activist and commentator Kem Ley" (parsed as "activist" and "Kem Ley") is Kem Ley."""
    drop = {t.i for t in tokens if t.tag_ == "NN" and not t.ent_type_ and any(
        ch.dep_ == "conj" and ch.ent_type_ == "PERSON" and ch in tokens
        and any(g.dep_ == "compound" and g.pos_ == "NOUN" for g in ch.children) for ch in t.children)}
    return [t for t in tokens if t.i not in drop] if drop else tokens


def _opposed(t: Token) -> bool:
    """A modifier after "anti-" ("anti-India", "anti-government"): what is opposed."""
    if t.lower_.startswith("anti-") and len(t.text) > 5:
        return True
    doc, k = t.doc, t.i
    return k >= 2 and doc[k - 1].text == "-" and doc[k - 2].lower_ == "anti" and doc[k - 2].head == t.head


def _opposed_in(head: Token) -> list[Token]:
    """What an actor's own "anti-" modifier opposes: "anti-government (protesters)", "Anti-Syrian
    regime (mourners)" (the parser hangs "anti-" off the opposed noun or beside it)."""
    out = []
    for m in head.children:
        if m.dep_ not in ("compound", "amod", "nmod") or m.i > head.i:
            continue
        if _opposed(m) or any(g.i < m.i and g.lower_ in ("anti", "anti-") for g in m.children):
            out.append(m)
    if out:
        # the rest of a name the "anti-" modifier opens is opposed too: "an anti-U.S. President
        # Donald Trump placard" (the parser hangs each word of the name off the head noun)
        first = min(m.i for m in out)
        out += [m for m in head.children if m.dep_ == "compound" and m.pos_ == "PROPN"
                and first < m.i < head.i and m not in out]
    return out


#: Prepositions (and the participle "following") that put an arrest beside the protest it ended.
_PROTEST_TIME_PREPS = frozenset("following after during amid at".split())
#: Conjunctions that make a clause say when a death happened ("died after X stormed").
_DEATH_MARKS = frozenset("after when as while once".split())
#: Prepositions that put a death inside an attack noun ("died in an attack", "killed during the
#: raid"); not "after" ("died in a gunbattle with police after a mass shooting" died in the gunbattle).
_DEATH_PREPS = frozenset("in during".split())


#: Entity kinds that are times and amounts, never parties ("on Monday" is no target).
_TIME_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def _names_party(t: Token) -> bool:
    """Does the argument name a party (a name, a people or force word, a kind of person), rather
    than a thing, a place or a time ("the refinery", "the city", "on Monday")?"""
    if t.ent_type_ in _TIME_ENTS:
        return False
    if _is_place(t):
        return bool(_holders(t))
    return _actorish(t) or _force_word(t) or (t.pos_ in ("NOUN", "PRON") and person_word(t.lemma_.lower()))


def _agents_of(n: Token) -> list[Token]:
    """The "by" phrase of an event noun: "an offensive by Syrian forces" -> forces."""
    return [g for p in n.children if p.dep_ in ("prep", "agent") and p.lower_ == "by"
            for g in p.children if g.dep_ == "pobj" and not _is_place(g)]


def _tied_to(n: Token) -> list[Token]:
    """The party a description by ties names ("entities linked to Tehran's missile program" ->
    Tehran, "companies tied to the IRGC" -> IRGC), for a description that is no party itself
    (verbs: data/weapons.yaml ``recipient_cues.linked``)."""
    if _actorish(n):
        return []
    out = []
    for x in (n, *n.conjuncts):
        for v in x.children:
            if v.dep_ != "acl" or v.lemma_.lower() not in recipient_cues().get("linked", ()):
                continue
            for p in v.children:
                if p.dep_ == "prep" and p.lower_ in ("to", "with"):
                    for g in p.children:
                        if g.dep_ != "pobj":
                            continue
                        if _actorish(g) or _names_country(g):
                            out.append(g)
                        else:  # "linked to Tehran's program": whose program it is
                            out += [o for o in g.children if o.dep_ == "poss" and (_actorish(o) or _names_country(o))]
    return _dedupe(out)


def _come_under_source(t: Token) -> list[Token]:
    """Who an attack came from, told on the verb of coming under it: "troops came under fire from
    rebels", "the convoy came under attack by gunmen" (a place it came from is where, not who)."""
    h = t.head
    if not (t.dep_ == "pobj" and h.lower_ == "under" and h.head.lemma_.lower() in recipient_cues().get("come_under", ())):
        return []
    return [g for p in h.head.children if p.dep_ in ("prep", "agent") and p.lower_ in ("from", "by")
            for g in p.children if g.dep_ == "pobj" and not _is_place(g) and g.ent_type_ not in ("GPE", "LOC", "FAC")]


def _attack_victims(t: Token) -> list[Token]:
    """Whom an attack falls on, told by the clause it sits in rather than by its own phrase
    (verb classes: data/weapons.yaml ``recipient_cues``):
    - what comes under it: "government positions came under heavy shelling";
    - the subject of a verb of withstanding or fighting back: "rebels repelled an attack by X",
      "Kurdish rebels have been battling against an offensive by X";
    - the dead or hurt of a main clause the attack is the time of: "37 foreign nationals died after
      Islamists stormed the refinery", "two soldiers were killed in an ambush";
    - the party its purpose clause drives out: "an offensive to retake the city from IS",
      "fought for weeks to oust the extremist fighters"."""
    cues = recipient_cues()
    h = t.head
    # "army positions came under heavy shelling", "the convoy was under attack": what comes under
    # the attack is what it fell on
    if t.dep_ == "pobj" and h.lower_ == "under" and h.head.lemma_.lower() in cues.get("come_under", ()):
        return [_antecedent(s) for s in h.head.children if s.dep_ in _SUBJ]
    # the attack withstood: object of "repel", or "against" it under "battle"
    if t.dep_ in _OBJ and h.lemma_.lower() in cues.get("withstand", ()):
        return [_antecedent(s) for s in h.children if s.dep_ in _SUBJ]
    if (t.dep_ == "pobj" and h.lower_ == "against" and h.head.pos_ == "VERB"
            and h.head.lemma_.lower() in cues.get("fight_against", ())):
        return [_antecedent(s) for s in h.head.children if s.dep_ in _SUBJ]
    # the attack as the time of a death: a clause ("died after X stormed") or a noun ("killed in an ambush")
    main = None
    if t.pos_ == "VERB" and t.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _DEATH_MARKS for m in t.children):
        main = h
    elif t.pos_ in ("NOUN", "PROPN") and t.dep_ == "pobj" and h.lower_ in _DEATH_PREPS and h.head.pos_ == "VERB":
        main = h.head
    if main is not None and main.lemma_.lower() in cues.get("suffer", ()):
        passive = any(x.dep_ in ("nsubjpass", "auxpass") for x in main.children)
        dead = [x for x in main.children if x.dep_ == ("nsubjpass" if passive else "nsubj")]
        if passive or main.lemma_.lower() in ("die", "perish"):
            return [_antecedent(x) for x in dead if x.pos_ != "PRON" or x.lower_ in _RELATIVE_PRONOUNS]
    # an attack that backs another side's fight falls on whom that fight is against: "Backed by
    # coalition airstrikes, Iraqi forces fought for weeks to oust the extremist fighters"
    if (t.dep_ == "pobj" and h.dep_ in ("agent", "prep") and h.lower_ == "by" and h.head.dep_ == "advcl"
            and h.head.lemma_.lower() in cues.get("backing", ()) and h.head.head.pos_ == "VERB"):
        main = h.head.head
        return ([o for o in main.children if o.dep_ in _OBJ and _names_party(o)]
                or [g for p in main.children if p.dep_ == "prep" and p.lower_ in _TARGET_PREPS
                    for g in p.children if g.dep_ == "pobj" and _names_party(g)]
                or _purpose_targets(main, [main]))
    # the purpose of the attack: "to retake X from Y", "to oust the fighters"
    hosts = [t]
    if t.pos_ in ("NOUN", "PROPN") and t.dep_ in _OBJ + ("pobj",):
        hosts.append(h.head if t.dep_ == "pobj" and h.dep_ == "prep" else h)
    return _purpose_targets(t, hosts)


def _operator_of(thing: Token, t: Token) -> Token | None:
    """The party a thing that is no party is operated or owned by (verb class: data/weapons.yaml
    ``recipient_cues.operate``), read from a verb of operating in its own participle ("a tanker
    owned by X"), in the passive it is the subject of ("the drone was being operated by X"), or,
    where the parser took the thing's reduced relative for a clause, in the passive that clause is
    the subject of ("a drone shot down by a US jet was being operated by X"), or the people it
    carries ("a car carrying suspected militants", class ``recipient_cues.carry``); None when the
    text says none."""
    if _actorish(thing) or _names_country(thing):
        return None
    carry = recipient_cues().get("carry", frozenset())
    for v in thing.children:
        # "a car carrying suspected militants", "a bus transporting soldiers": whom it carries
        if v.dep_ == "acl" and v.tag_ == "VBG" and v.lemma_.lower() in carry:
            carried = [o for o in v.children if o.dep_ == "dobj" and (_actorish(o) or person_word(o.lemma_.lower()))]
            if carried:
                return carried[0]
    verbs = [v for v in thing.children if v.dep_ == "acl"]
    if thing.dep_ == "nsubjpass":
        verbs.append(thing.head)
    if thing.head == t and t.dep_ in ("nsubjpass", "csubjpass"):
        verbs.append(t.head)
    if thing.head == t and thing.dep_ in ("nsubj", "nsubjpass"):
        # (or hung the passive after it on another word, with no subject of its own: "... that a drone
        # shot down by a US jet in Syria | was being operated by X")
        end = max(x.i for x in t.subtree) + 1
        k = end
        while k < len(t.doc) and t.doc[k].pos_ == "AUX":
            k += 1
        if k > end and k < len(t.doc) and not any(x.dep_ in _SUBJ for x in t.doc[k].children):
            verbs.append(t.doc[k])
    cues = recipient_cues().get("operate", frozenset())
    for v in verbs:
        if v.pos_ != "VERB" or v.lemma_.lower() not in cues:
            continue
        for a in v.children:
            if a.dep_ == "agent" or (a.dep_ == "prep" and a.lower_ == "by"):
                for g in a.children:
                    if g.dep_ == "pobj" and (_actorish(g) or _names_country(g)):
                        return g
    return None


def _disables(verb: Token) -> bool:
    """Does the verb bring down or destroy what it takes ("shot down", "brought down", "sank",
    "destroyed")? Its object is then the thing hit, even a weapon or vehicle (verb class:
    data/weapons.yaml ``recipient_cues.disable``)."""
    return (any(p.dep_ == "prt" and p.lower_ == "down" for p in verb.children)
            or verb.lemma_.lower() in recipient_cues().get("disable", ()))


def _purpose_clauses(t: Token) -> list[Token]:
    """The "to"-infinitive purpose clauses of an event: on its verb, or on the verb its noun is the
    object of ("took to the streets to voice ...", "staged a rally to denounce ...")."""
    hosts = [t] + ([t.head] if t.pos_ in ("NOUN", "PROPN") and t.dep_ in _OBJ + ("pobj",) and t.head.pos_ == "VERB" else [])
    return [v for h in hosts for v in h.children
            if v.dep_ in ("xcomp", "advcl", "acl") and v.pos_ == "VERB"
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in v.children)]


def _purpose_opposed(t: Token) -> list[Token]:
    """What a protest's purpose clause opposes (word classes: data/weapons.yaml ``recipient_cues``
    ``oppose`` verbs and ``opposition`` nouns): the object of "to denounce X", "to oppose X"; the
    phrase after "to voice their opposition to X", "to express anger at X"."""
    cues = recipient_cues()
    out: list[Token] = []
    for v in _purpose_clauses(t):
        objs = [o for o in v.children if o.dep_ in _OBJ]
        if v.lemma_.lower() in cues.get("oppose", ()):
            # (an intransitive one names it in its "against" phrase: "to protest against the government")
            out += objs or [g for p in v.children if p.dep_ == "prep" and p.lower_ in ("against", "over")
                            for g in p.children if g.dep_ == "pobj"]
            continue
        stance = [o for o in objs if o.lemma_.lower() in cues.get("opposition", ())]
        # (the parser may hang the phrase on the verb: "voice their opposition | to the coup")
        out += [g for h in (stance + [v] if stance else []) for p in h.children
                if p.dep_ == "prep" and p.lower_ in ("to", "at", "over", "against", "of")
                for g in p.children if g.dep_ == "pobj"]
    return out


def _handed_to(verb: Token) -> list[Token]:
    """Whom a verb of handing over (data/weapons.yaml ``recipient_cues.hand_over``: the verb itself or
    a participle or coordinated verb of it) gives to: the "to" phrase of "surrendered to the army",
    "handing control over to the YPG" (a place there is where, not whom: "handed over to Kabul's
    airport" is kept out)."""
    cues = recipient_cues().get("hand_over", frozenset())
    verbs = [v for v in (verb, *(x for x in verb.children if x.dep_ in ("advcl", "conj", "xcomp") and x.pos_ == "VERB"))
             if v.lemma_.lower() in cues]
    return [g for v in verbs for p in v.children if p.dep_ == "prep" and p.lower_ == "to"
            for g in p.children if g.dep_ == "pobj" and (_actorish(g) or _names_country(g)) and not _is_place(g)]


def _acclaims(t: Token) -> list[Token]:
    """The purpose clauses of a protest that acclaim rather than oppose (verb class: data/weapons.yaml
    ``recipient_cues.acclaim``): "took to the streets to welcome Trump", "a rally to celebrate the
    ruling". A noun trigger's purpose clause may hang on the noun or on the verb it is the object of."""
    cues = recipient_cues().get("acclaim", frozenset())
    return [v for v in _purpose_clauses(t) if v.lemma_.lower() in cues]


def _purpose_targets(t: Token, hosts: list[Token]) -> list[Token]:
    """The party a purpose clause after ``t`` on one of ``hosts`` drives out: "to retake the city
    from IS" -> IS, "to oust the extremist fighters" -> fighters."""
    cues = recipient_cues()
    for host in hosts:
        for v in host.children:
            lemma = v.lemma_.lower()
            if (v.dep_ not in ("acl", "advcl", "xcomp", "relcl") or v.i < t.i or v.pos_ != "VERB"
                    or lemma not in cues.get("dislodge", frozenset()) | cues.get("retake", frozenset())
                    or not any(a.dep_ == "aux" and a.lower_ == "to" for a in v.children)):
                continue
            objs = [o for o in v.children if o.dep_ in _OBJ]
            # (what is retaken or freed is no target: "a raid to free the hostages from their captors")
            parties = [o for o in objs if _names_party(o) and not _is_place(o)] if lemma in cues.get("dislodge", ()) else []
            if parties:
                return parties
            losers = [g for x in (v, *objs) for p in x.children if p.dep_ == "prep" and p.lower_ == "from"
                      for g in p.children if g.dep_ == "pobj" and not (g.pos_ == "NOUN" and _is_place(g))]
            # (a name after "from" is whom ground is taken from, even one the tagger calls a place:
            # "from Islamic State")
            if losers:
                return losers
    return []


def _actorish(t: Token) -> bool:
    if t.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"):
        return True
    if t.pos_ == "PROPN":
        return True
    return t.lemma_.lower() in _GENERIC_ACTOR_MODIFIERS


#: Nouns that say who protests when they modify a protest noun ("student protests", "farmer
#: marches", "opposition rallies"); other modifiers say what it is about ("fuel protests").
_CROWD_MODIFIERS = frozenset(
    "student worker farmer teacher doctor nurse lawyer trucker driver miner employee union opposition "
    "activist resident villager youth woman veteran pensioner merchant trader shopkeeper".split()
)
_GENERIC_ACTOR_MODIFIERS = frozenset(
    "militia militant rebel insurgent government army police military coalition jihadist terrorist "
    "israeli american us u.s. regime opposition security troop soldier enemy allied nato "
    # who carries out a "terror attack", an "extremist attack", a "separatist" or "guerrilla raid"
    "terror islamist extremist separatist guerrilla jihadi".split()
)
#: Of those, the adjectives that name who acts ("militant attacks", "terrorist bombings"), which
#: an argument may be although adjectives otherwise are not (an actor is a noun phrase).
_ACTOR_ADJECTIVES = frozenset(
    "militant rebel insurgent jihadist terrorist islamist extremist separatist guerrilla jihadi".split()
)


#: Verbs that tell an event noun happened: "fighting broke out between ..."
_ERUPT_VERBS = frozenset("erupt break flare occur rage continue escalate resume spread".split())
_RELATIVE_PRONOUNS = frozenset("who which that whom".split())


def _antecedent(t: Token) -> Token:
    """The noun a relative pronoun subject stands for; any other token itself."""
    if t.lower_ not in _RELATIVE_PRONOUNS or t.dep_ not in (*_SUBJ, "nsubjpass"):
        return t
    verb = t.head
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return t


def _main_subject_taken_up(t: Token) -> Token:
    """"they" as the subject of a relative clause on the main verb's object stands for the main
    verb's plural subject: "Gunmen released 30 passengers they had kidnapped" (the gunmen had);
    any other token itself."""
    if t.lower_ != "they" or t.dep_ != "nsubj" or not _object_gap(t.head, False):
        return t  # (only a clause whose object is the noun: "safe havens from which they plan" is not)
    noun = t.head.head
    if noun.dep_ not in _OBJ or noun.head.pos_ != "VERB":
        return t
    subj = [x for x in noun.head.children if x.dep_ == "nsubj" and x.tag_ in ("NNS", "NNPS") and not is_pronoun(x)]
    return subj[0] if subj else t


def _subject_read_as_object(verb: Token) -> list[Token]:
    """The subject the parser took as the object of a fronted preposition: "in Yemen in particular
    Iranian-backed Houthi rebels have been engaged in a war" (with "rebels" the object of "in" and
    "engaged" left with no subject). A finite clause has a subject, and the noun that ends right
    before its first auxiliary, with nothing between, is it."""
    if any(ch.dep_ in _SUBJ or ch.dep_ == "nsubjpass" for ch in verb.children):
        return []
    auxes = [a for a in verb.children if a.dep_ in ("aux", "auxpass") and a.i < verb.i]
    if not auxes or not _finite(verb):
        return []
    first = min(auxes, key=lambda a: a.i)
    if first.i == 0:
        return []
    noun = verb.doc[first.i - 1]
    if noun.dep_ != "pobj" or noun.pos_ not in ("NOUN", "PROPN") or is_pronoun(noun):
        return []
    # (agreement: "have", "were" after a plural, "has", "was" after a singular)
    plural = noun.tag_ in ("NNS", "NNPS")
    if first.tag_ in ("VBP",) and first.lower_ != "am" and not plural:
        return []
    if first.tag_ == "VBZ" and plural:
        return []
    return [noun]


def _finite(v: Token) -> bool:
    """A verb with tense ("attacked", "have been engaged", "will strike"), not a participle or an
    infinitive ("killing two", "to retake")."""
    return v.tag_ in ("VBD", "VBZ", "VBP") or any(
        a.dep_ in ("aux", "auxpass") and a.tag_ in ("VBD", "VBZ", "VBP", "MD") for a in v.children)


def _reported_self(t: Token) -> Token:
    """The speaker a pronoun subject of what they said stands for ("a gunman who said he wanted
    to kill", "the militants said they had attacked"): the say verb's own subject (through a
    relative pronoun), where it is a noun that agrees in number; any other token itself."""
    low = t.lower_
    if low not in _SPEAKER_PRONOUNS or t.dep_ not in _SUBJ:
        return t
    clause = t.head
    while clause.dep_ in ("xcomp", "conj") and clause.head != clause:
        clause = clause.head
    say = clause.head
    if clause.dep_ != "ccomp" or say == clause or say.lemma_.lower() not in _SAY_VERBS:
        return t
    subs = [_antecedent(s) for s in say.children if s.dep_ in _SUBJ]
    if len(subs) != 1 or subs[0].pos_ not in ("NOUN", "PROPN") or subs[0].i > t.i:
        return t
    plural = subs[0].tag_ in ("NNS", "NNPS")
    if low == "it":
        # "Saudi Arabia announced it will host talks": a state or body speaks of itself as "it"
        x = subs[0]
        return x if x.tag_ in ("NN", "NNP") and x.ent_type_ != "PERSON" and not person_word(x.lemma_.lower()) else t
    if low == "they" and subs[0].lemma_.lower() in _COLLECTIVE_NOUNS and not any(
            d.lower_ in ("a", "an", "one") for d in subs[0].children):
        return subs[0]  # "Police said they arrested ...": a body of people is spoken of as "they"
    return subs[0] if plural == (low == "they") else t


#: Personal pronouns a speaker uses of themself in reported speech.
_SPEAKER_PRONOUNS = frozenset("he she they it".split())
#: Nouns for a body of people that a plural pronoun takes up ("Police said they had arrested",
#: "the army said they repelled the attack").
_COLLECTIVE_NOUNS = frozenset("police military army government authorities navy coalition militia "
                              "group council committee ministry".split())
_CLAIM_VERBS = frozenset("claim accept admit take bear".split())


def _claimants(t: Token) -> list[Token]:
    """Who owns up to the event noun ``t``: "X claimed responsibility for the attack", "the attack
    was claimed by X" (claiming an attack is what its perpetrators do). A count noun over the
    event noun stands where it would: "claimed responsibility for scores of attacks"."""
    while t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in _COUNT_NOUNS:
        t = t.head.head
    h = t.head
    if t.dep_ == "nsubjpass" and h.lemma_.lower() == "claim":
        return [g for ch in h.children if ch.dep_ == "agent" for g in ch.children if g.dep_ == "pobj"]
    for ch in t.children:
        # ("the attack, which was claimed by IS": a passive relative clause on the noun, too)
        passive_relative = ch.dep_ == "relcl" and any(
            g.dep_ == "nsubjpass" and g.lower_ in _RELATIVE_PRONOUNS for g in ch.children)
        if ch.lemma_.lower() != "claim" or ch.tag_ != "VBN" or (ch.dep_ not in ("amod", "acl") and not passive_relative):
            continue
        # "the attack, claimed by the Taliban": the participle's agent
        by = [g for a in ch.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
        if by:
            return by
        # "the IS-claimed attacks": the name joined to the participle by a hyphen
        doc = t.doc
        if ch.i >= 2 and doc[ch.i - 1].text == "-" and doc[ch.i - 2].head in (ch, doc[ch.i - 2]) and (
                doc[ch.i - 2].ent_type_ in ("ORG", "NORP", "GPE") or doc[ch.i - 2].text.isupper()):
            return [doc[ch.i - 2]]
    if t.dep_ in ("pobj", "pcomp") and h.lower_ == "for" and h.head.lemma_.lower() in ("responsibility", "credit"):
        noun = h.head
        verb = noun.head
        if noun.dep_ in _OBJ and verb.lemma_.lower() in _CLAIM_VERBS:
            return [_antecedent(s) for s in verb.children if s.dep_ in _SUBJ and not _is_negative_det(s)]
    if t.dep_ == "pobj" and h.lower_ == "to" and h.head.lemma_.lower() in _CONFESS_VERBS and not _is_passive(h.head):
        # "Masharipov had confessed to the attack": who confesses to an attack carried it out
        return [_antecedent(s) for s in h.head.children if s.dep_ in _SUBJ and not _is_negative_det(s)]
    return []


#: Verbs by which one owns up to a deed of one's own "to" it ("confessed to the attack").
_CONFESS_VERBS = frozenset("confess admit".split())


def _is_negative_det(t: Token) -> bool:
    """"No group has claimed responsibility": nobody, not an actor."""
    return any(ch.dep_ == "det" and ch.lower_ == "no" for ch in t.children) or t.lower_ in ("nobody", "none", "noone")


def _dedupe(tokens: list[Token]) -> list[Token]:
    seen: set[int] = set()
    out = []
    for t in tokens:
        if t.i not in seen:
            seen.add(t.i)
            out.append(t)
    return out


def _expand_conj(tokens: list[Token]) -> list[Token]:
    out = list(tokens)
    for t in tokens:
        # coordination is symmetric: "KH and KSS, the two targeted" reaches KSS first
        cur = t
        # (not from a subject the parser hung on a fronted phrase's object: _stranded_subject)
        while (cur.dep_ == "conj" and cur.head.pos_ in ("NOUN", "PROPN") and cur.head not in out
               and not (cur is t and _stranded_conj(t))):
            cur = cur.head
            out.append(cur)
        stack = [t]
        while stack:
            cur = stack.pop()
            for ch in cur.children:
                if ch.dep_ == "conj" and ch.pos_ in ("NOUN", "PROPN", "PRON") and ch not in out:
                    out.append(ch)
                    stack.append(ch)
    return out


def phrase_tokens(head: Token) -> list[Token]:
    """The tokens of the noun phrase headed by ``head`` (no clauses, no PPs but "of")."""
    keep = [head]
    stack = [head]
    while stack:
        cur = stack.pop()
        for ch in cur.children:
            if ch.dep_ == "conj" or ch.dep_ == "cc":
                continue
            # "of" on the head ("fighters of the group"), or inside a title before it
            # ("U.S. Secretary of State Warren Christopher")
            of_ok = ch.dep_ == "prep" and ch.lower_ == "of" and (cur == head or cur.i < head.i)
            # "leaders from 14 countries": a body drawn from several states says so in its "from"
            # phrase, which is part of who it is (agents.yaml several_states)
            of_ok = of_ok or (cur == head and ch.dep_ == "prep" and ch.lower_ == "from" and any(
                g.dep_ == "pobj" and g.lower_ in several_states_words() for g in ch.children))
            if ch.dep_ in _NP_DEPS or of_ok or (ch.dep_ == "pobj" and cur.dep_ == "prep"):
                keep.append(ch)
                stack.append(ch)
            elif ch.dep_ == "punct" and ch.text in ("-", "'", "\u2019"):
                keep.append(ch)
    keep.sort(key=lambda x: x.i)
    # contiguous around the head; drop leading determiners and punctuation
    lo = hi = keep.index(head)
    while lo > 0 and keep[lo - 1].i == keep[lo].i - 1:
        lo -= 1
    while hi < len(keep) - 1 and keep[hi + 1].i == keep[hi].i + 1:
        hi += 1
    toks = keep[lo:hi + 1]
    while toks and (toks[0].dep_ in ("det", "punct", "case") or toks[0].is_punct) and toks[0] != head:
        toks = toks[1:]
    while toks and toks[-1].is_punct and toks[-1] != head:
        toks = toks[:-1]
    marks = [k for k, x in enumerate(toks) if x.i < head.i and x.text in _DATELINE_MARKS and x.whitespace_
             and x.i > 0 and x.doc[x.i - 1].whitespace_]
    if marks and _in_dateline(toks[0]) and not _in_dateline(head):
        # "MANILA - Communist rebels said ...": a dateline the parser hung on the subject says
        # where the story was filed, no word of who the subject is
        toks = toks[marks[-1] + 1:]
    return toks


def _phrase_span(head: Token) -> tuple[int, int]:
    toks = phrase_tokens(head)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def phrase_span(head: Token) -> tuple[int, int]:
    return _phrase_span(head)


def _words_and_slogans(doc: Doc | Span) -> tuple[frozenset[str], set[int]]:
    """The lemmas and lower-case forms of the sentence, and its short quotations; read once
    per sentence (needs_entities and candidates both ask; neither depends on NER)."""
    key = f"sitrep.words.{doc[0].i if len(doc) else 0}.{len(doc)}"
    data = doc.doc.user_data if isinstance(doc, Span) else doc.user_data
    hit = data.get(key)
    if hit is None:
        # (a sentence with no hyphen has no split compound, one with no quote mark no quotation)
        full = doc_text(doc.doc if isinstance(doc, Span) else doc)
        dashed = "-" in full
        words: set[str] = set()
        for tok in tokens_of(doc):
            words.add(tok.lemma_.lower())
            words.add(tok.lower_)
            closed = closed_compound(tok) if dashed else None
            if closed:
                words.add(closed)
        quoted = any(q in full for q in _QUOTE_OPEN)
        hit = data[key] = (frozenset(words), _quoted_slogans(doc) if quoted else set())
    return hit


def _quoted_slogans(doc: Doc | Span) -> set[int]:
    """Token indices inside short quotations (chants, slogans, scare quotes)."""
    out: set[int] = set()
    open_at: int | None = None
    for tok in tokens_of(doc):
        if tok.text in _QUOTE_OPEN and open_at is None and (tok.i == doc[0].i or doc[tok.i - 1 - doc[0].i].whitespace_ or tok.text in ("\u201c", "\u2018")):
            open_at = tok.i
            continue
        if tok.text in _QUOTE_CLOSE and open_at is not None:
            inside = range(open_at + 1, tok.i)
            # a quoted predicate is reported speech, not a slogan: 'Iraqi forces "kill 85 IS
            # militants" in Mosul', '"Sniper killed" east of Ramadi'
            toks = [doc[k - doc[0].i] for k in inside]
            predicate = any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") for t in toks) or (
                len(toks) == 1 and toks[0].pos_ == "VERB")  # "Iraqi forces 'kill' six militants"
            if len(inside) <= MAX_SLOGAN_TOKENS and not predicate and not _quoted_clause(doc, open_at + 1, tok.i):
                out.update(inside)
            open_at = None
    return out


def _quoted_clause(doc: Doc | Span, start: int, end: int) -> bool:
    """Is the quotation (doc token indices ``start``..``end``) a short reported sentence with its own
    subject and verb ("They protested peacefully."), not a slogan ("Stop the killing!") or scare quote?"""
    base = doc[0].i
    toks = [doc[i - base] for i in range(start, end)]
    if not toks or toks[-1].text not in (".", "?", "!", ","):
        return False
    # (the subject may stand before the quotation: his forces "will certainly confront it.")
    return any(t.dep_ in ("nsubj", "nsubjpass") and start <= t.head.i < end and t.head.pos_ in ("VERB", "AUX")
               and t.pos_ in ("PRON", "PROPN", "NOUN") for t in toks) or any(
        t.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") and c.i < start for c in t.children) for t in toks)


def is_pronoun(t: Token) -> bool:
    return t.lower_ in _PRONOUNS or t.pos_ == "PRON"


def _clause_of(root: Token, t: Token) -> str:
    """The dependency by which ``t``'s branch hangs from ``root``."""
    cur = t
    while cur.head != root and cur.head != cur:
        cur = cur.head
    return cur.dep_


def _names_country(t: Token) -> bool:
    from sitrep.resolve.countries import lookup_country

    hit = lookup_country(t.text)
    return hit is not None and hit.kind not in ("capital",)


#: What ends a dateline's place: "BANGKOK —", "KABUL, Afghanistan (Reuters) -".
_DATELINE_MARKS = frozenset({"(", "-", "\u2013", "\u2014", "--"})


def _in_dateline(t: Token) -> bool:
    """A token of the dateline a sentence starts with ("BANGKOK — The U.S. military ..."):
    where the story was filed, never a party to it."""
    s0, s1 = sentence_bounds(t)
    head = [x for x in t.doc[s0:min(s0 + 6, s1)]]
    end = next((k for k, x in enumerate(head) if x.text in _DATELINE_MARKS), None)
    if end is None or end == 0 or t.i >= head[end].i:
        return False
    words = [x for x in head[:end] if x.is_alpha]
    return bool(words) and words[0].is_upper and all(x.is_upper or x.text[:1].isupper() for x in words)


def _linked_noun(t: Token) -> Token:
    """The noun a name modifies through a participle of ties or backing that the parser read as a
    verb taking the noun ("against al-Qaida linked militants" parsed as "against al-Qaida | linked
    militants"; verb classes: data/weapons.yaml ``recipient_cues.linked``, ``backing``): the noun
    heads the phrase (the pipeline takes the name back into it, ``linked_name_start``); any other
    token itself."""
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    if nxt is None or t.pos_ != "PROPN" or nxt.tag_ not in ("VBD", "VBN"):
        return t
    cues = recipient_cues()
    if nxt.lemma_.lower() not in cues.get("linked", frozenset()) | cues.get("backing", frozenset()):
        return t
    return next((o for o in nxt.children if o.dep_ == "dobj" and o.i == nxt.i + 1 and o.pos_ == "NOUN"), t)


def linked_name_start(h: Token) -> int | None:
    """Where the phrase of a noun ``_linked_noun`` chose starts: the start of the name before its
    participle ("al-Qaida linked militants"); None for any other noun."""
    v = h.head
    if h.dep_ != "dobj" or v.i != h.i - 1 or v.i == 0 or _linked_noun(h.doc[v.i - 1]) != h:
        return None
    return h.doc[v.i - 1].left_edge.idx


def _noun_after_acronym(t: Token) -> Token:
    """The noun an acronym read as a verb modifies ("against IS forces" parsed as "against [it] IS
    forces", "forces" its attribute): the noun heads the phrase (the pipeline takes the acronym
    back into it); any other token itself."""
    if not (len(t.text) > 1 and t.text.isalpha() and t.text.isupper() and t.pos_ in ("VERB", "AUX")):
        return t
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    if nxt is not None and nxt.head == t and nxt.dep_ in ("attr", "dobj", "nsubj", "npadvmod") and nxt.pos_ == "NOUN":
        return nxt
    return t


#: Dependencies only a noun phrase fills: an acronym found in one is a name, not the verb its
#: letters spell.
_NOMINAL_SLOTS = frozenset({"pobj", "dobj", "nsubjpass"})


def _argument_ok(t: Token, anchors: set[int], masked: set[int]) -> bool:
    if t.i in anchors or t.i in masked:
        return False
    if t.i - sentence_bounds(t)[0] < 5 and _in_dateline(t):
        return False
    if t.ent_type_ in _NON_ACTOR_ENTS:
        return False
    if t.lemma_.lower() in recipient_cues().get("clock", ()) and any(ch.like_num for ch in t.children):
        return False  # a clock time ("at 0400 GMT", "at about 1000 local time"): when, not whom
    if t.pos_ == "ADJ" and (t.lemma_.lower() in _ACTOR_ADJECTIVES or (t.lower_.endswith("-led") and len(t.text) > 4)):
        return True  # "militant attacks", "the U.S.-led invasion"
    if len(t.text) > 1 and t.text.isupper() and t.i + 1 < len(t.doc) and t.doc[t.i + 1].text == "-":
        return True  # an acronym joined to the next word ("IS-claimed"), whatever the tagger read it as
    if len(t.text) > 1 and t.text.isalpha() and t.text.isupper() and t.dep_ in _NOMINAL_SLOTS:
        return True  # an acronym where a noun phrase stands ("to retake the city from IS"): a name,
        # whatever the tagger read it as ("IS" taken for the verb "is")
    return not (t.pos_ in ("NUM", "ADV", "ADJ", "VERB", "AUX", "ADP") and t.ent_type_ == "")


def _beneficiaries(verb: Token) -> list[Token]:
    """Who an offer, aid or agreement is for, in a "to"/"for" phrase of the verb or of the
    objects and infinitives it governs: "promised to continue military aid to Mozambique",
    "agreed to provide aid for Romania and Poland". Only named actors count ("to the end" is
    no beneficiary), and only the first such phrase."""
    for d in verb.subtree:
        if d.dep_ != "pobj" or d.head.lower_ not in ("to", "for") or d.head.dep_ not in ("prep", "dative"):
            continue
        # "assistance to other ASEAN nations, including Vietnam": the states it names among them
        included = _included_states(d)
        if not (included or d.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or _names_country(d)
                or (d.pos_ == "NOUN" and d.lemma_.lower() in _GENERIC_ACTOR_MODIFIERS)):
            continue  # (a named actor, or a generic party: "ammunition to rebels in northern Syria")
        up, ok = d.head.head, True
        for _ in range(6):  # the phrase hangs off the verb through objects and infinitives only
            if up == verb:
                break
            if up.dep_ not in _BENEFICIARY_PATH:
                ok = False
                break
            up = up.head
        else:
            ok = False
        if ok and up == verb:
            return included or [d]
    return []


#: Prepositions that name members of the group before them: "nations, including Vietnam".
_INCLUDING_PREPS = frozenset({"including", "like", "notably", "especially"})


def _included_states(group: Token) -> list[Token]:
    """The states a plural noun of states names among its members ("other ASEAN nations,
    including Vietnam" -> Vietnam; word class: data/agents.yaml ``several_states``); [] when it
    names none, or the noun is no group of states."""
    if group.lemma_.lower() not in several_states_words() and group.lower_ not in several_states_words():
        return []
    return [g for p in group.children if p.dep_ == "prep" and p.lower_ in _INCLUDING_PREPS
            for g in p.children if g.dep_ == "pobj" and (g.ent_type_ in ("GPE", "NORP", "ORG") or _names_country(g))]


def _premises_owner(site: Token) -> list[Token]:
    """The named person or group whose premises a noun names ("Johnson's home", "the offices of
    Al Jazeera", "the house of opposition leader X"); [] for premises of no named owner ("a
    house", "their homes") or a noun that is no premises."""
    if site.lemma_.lower() not in _PREMISES and site.lower_ not in _PREMISES:
        return []
    owners = [m for m in site.children if m.dep_ == "poss"]
    owners += [g for p in site.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    return [m for m in owners if not is_pronoun(m) and m.lower_ not in _POSSESSIVE_PRONOUNS
            and (m.ent_type_ in ("PERSON", "ORG", "NORP") or (m.pos_ == "PROPN" and m.ent_type_ not in ("GPE", "LOC", "FAC"))
                 or _actorish(m))]


def _of_objects(t: Token) -> list[Token]:
    """Victims named in an "of" phrase hanging anywhere in the event noun's phrase."""
    out: list[Token] = []
    for d in t.subtree:
        if d.dep_ == "prep" and d.lower_ == "of" and d.head is not None and (d.head == t or d.head.head == t or d.head.head.head == t):
            if d.head.dep_ == "conj" and any(x.dep_ == "det" for x in d.head.children):
                continue  # a conjunct with its own determiner is a noun phrase of its own: "airstrikes and a contingent of militias"
            out += [g for g in d.children if g.dep_ == "pobj"]
    return out


def _slogan_targets(doc: Doc | Span, masked: set[int]) -> list[Token]:
    """Who a chant == against: "Death to America", "Down with the regime"."""
    out = []
    for i in sorted(masked):
        tok = doc[i - doc[0].i] if isinstance(doc, Span) else doc[i]
        if tok.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") and tok.head.lower_ in ("to", "with", "on"):
            out.append(tok)
    return out


#: Nouns that count or group event nouns under a light verb ("a total of", "a series of", "dozens
#: of"), by lemma (the parser lemmatises "dozens" to "dozen", "scores" to "score").
_COUNT_NOUNS = frozenset("""total series wave string spate round majority number handful couple dozen dozens hundred
    hundreds thousand thousands score scores""".split())
#: Nouns for a tally's sum or share: their plural event noun is the tally ("the majority of the airstrikes").
_TALLY_NOUNS = frozenset({"total", "majority"})
_QUANTITY_WORDS = frozenset("thousand thousands hundred hundreds dozen dozens scores number numbers crowd crowds group groups some many".split())


def _gerund_controller(prep: Token) -> list[Token]:
    """Who does what a subjectless gerund after ``prep`` tells: "the gunman fled after killing five
    people" (the clause's subject), "a man was arrested for killing two officers" (a passive
    clause's patient), "police arrested a man for killing two officers" (after "for", the person
    the clause acts on, who is arrested, sentenced or blamed for the deed; not a thing:
    "claimed responsibility for killing" is the claimant's)."""
    verb = prep.head
    patients = [s for s in verb.children if s.dep_ == "nsubjpass" and s.lower_ not in _RELATIVE_PRONOUNS]
    if patients:
        return patients
    if prep.lower_ == "for":
        persons = [o for o in verb.children if o.dep_ in _OBJ and (
            _actorish(o) or (o.pos_ == "NOUN" and person_word(o.lemma_.lower())))]
        if persons:
            return persons
    return [s for s in verb.children if s.dep_ in _SUBJ]


def _gerund_event_noun(t: Token) -> bool:
    """Is this "-ing" word, tagged a verb, an event noun ("shelling by the rebels killed six",
    "heavy shelling")? It has no subject or object of its own, and a "by" phrase or a modifier
    makes it a noun phrase."""
    if t.tag_ != "VBG" or any(ch.dep_ in _SUBJ + _OBJ for ch in t.children):
        return False
    return any((ch.dep_ in ("prep", "agent") and ch.lower_ == "by") or ch.dep_ in ("amod", "det")
               for ch in t.children)


def _quantity_head(t: Token) -> Token:
    """"thousands of fighters" -> fighters (the count is read elsewhere)."""
    if t.lemma_.lower() in _QUANTITY_WORDS or t.ent_type_ == "CARDINAL" or t.pos_ == "NUM":
        for ch in t.children:
            if ch.dep_ == "prep" and ch.lower_ == "of":
                objs = [g for g in ch.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
    return t


def _is_month(t: Token) -> bool:
    """Is this capitalised "March" the month ("in March 2015", "March 26", "26 March")?"""
    doc = t.doc
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    prv = doc[t.i - 1] if t.i > 0 else None
    if prv is not None and (prv.lower_ == "the" or prv.tag_ == "POS"):
        return False  # "the March on Washington", "the Women's March"
    if t.ent_type_ == "DATE" or t.i == sentence_bounds(t)[0]:
        return True
    return bool((nxt is not None and nxt.like_num) or (prv is not None and (prv.like_num or prv.lower_ in _DATE_PREPS)))


def _names_protest(t: Token) -> bool:
    """Is ``t`` the head word of a named protest ("the Women's March", "the June 16 uprising")?"""
    if t.lemma_.lower() not in _PROTEST_NAME_WORDS or t.ent_type_ not in ("EVENT", "ORG", ""):
        return False
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    return nxt is None or nxt.ent_iob_ != "I"  # the name ends here


def _inside_name(t: Token) -> bool:
    """A title-case word inside a run of title-case words mid-sentence: part of a name."""
    if not t.is_title:
        return False
    start, end = sentence_bounds(t)
    if t.i == start:
        return False
    doc = t.doc
    prev_title = t.i > start + 1 and doc[t.i - 1].is_title
    next_title = t.i + 1 < len(doc) and doc[t.i + 1].is_title
    if not (prev_title or next_title):
        return False
    # a headline in Title Case: most words are capitalised, so capitals say nothing
    key = f"sitrep.title_case.{start}"
    headline = doc.user_data.get(key)
    if headline is None:
        words = [w for w in doc[start:end] if w.is_alpha]
        headline = doc.user_data[key] = sum(w.is_title for w in words) >= 0.6 * len(words)
    return not headline


def _in_light_verb_scope(holder: Token, t: Token) -> bool:
    """"exerted pressure on X to demand Y": the clause hangs from the light verb."""
    if holder.dep_ not in ("dobj", "obj") or holder.head == holder:
        return False
    verb = holder.head
    return any(ch.dep_ in ("xcomp", "advcl", "ccomp") and (ch == t or ch.is_ancestor(t)) for ch in verb.children)


def _content_target(t: Token) -> Token | None:
    """The party an agreement, threat or request is about: "agreed to halt operations
    against US troops if ..." -> troops. Conditions (if-clauses) are not searched."""
    stack = [ch for ch in t.children if ch.dep_ in ("xcomp", "ccomp", "dobj", "acl")]
    seen = 0
    while stack and seen < 40:
        cur = stack.pop(0)
        seen += 1
        if cur.dep_ == "prep" and cur.lower_ in ("against", "on", "with", "upon"):
            objs = [g for g in cur.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
        stack.extend(ch for ch in cur.children if ch.dep_ not in ("advcl", "mark", "relcl"))
    return None
