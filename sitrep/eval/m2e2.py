"""M2E2 Voice of America sentences with ACE-style events.

Sentence-level detection: a sentence is positive for an ACE type when gold has
an event of that type in it, and predicted positive when any sitrep event
coded from the sentence stands for that type (``ace_events.yaml``) with a modality in
``defaults.EVAL_M2E2_MODALITIES``. ACE's guidelines mark mentions whatever their
modality, but this set's annotators rarely did: of the attacks sitrep coded as negated
or hypothetical, 2 of 26 sat in a gold attack sentence, against 188 of 519 asserted ones
(the 2026-11-26 coder); threatened events read as THREATEN, which maps to no ACE type.

Arguments: for each scored type, gold argument texts of a role are matched to
the texts of the sitrep field standing for it (Attacker -> actor, Target ->
recipient, Place -> location) in sentences where gold has that type, by head
word (``metrics.head_match``), one to one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sitrep.datafiles import read_yaml
from sitrep.defaults import DATA_DIR, EVAL_M2E2_MODALITIES
from sitrep.errors import DataFileError
from sitrep.eval.base import Judged, SetScore, iso_date, need, read_jsonl
from sitrep.eval.coder import CoderLike, TextItem
from sitrep.eval.metrics import PRF, binary_prf, content_tokens, match_count
from sitrep.models import PLOVER_EVENTS, Event

NAME = "m2e2"
DESCRIPTION = "M2E2 VOA sentences -> attack/demonstrate/arrest/die detection and arguments"
FILE = ("m2e2_voa", "m2e2_text_only_event_sentences.jsonl")
ACE_FILE = DATA_DIR / "ace_events.yaml"
#: headline metric name -> ACE type
SHORT = {"attack": "Conflict:Attack", "demonstrate": "Conflict:Demonstrate",
         "arrest": "Justice:Arrest-Jail", "die": "Life:Die"}
HEADLINE = ("attack_f1", "demonstrate_f1", "arrest_f1", "die_f1", "detection_micro_f1",
            "attacker_f1", "target_f1", "place_f1", "argument_micro_f1")
FIELDS = ("actor", "recipient", "location")


@dataclass(frozen=True, slots=True)
class AceType:
    name: str
    plover: frozenset[str]
    plover_mode: frozenset[tuple[str, str]]
    cameo: tuple[str, ...]
    acled: frozenset[str]
    min_fatalities: int | None
    roles: dict[str, str]
    except_cameo: tuple[str, ...] = ()
    except_mode: frozenset[str] = frozenset()

    def matches(self, ev: Event) -> bool:
        if ev.cameo and any(str(ev.cameo).startswith(p) for p in self.except_cameo):
            return False
        if ev.mode and ev.mode in self.except_mode:
            return False
        if ev.event in self.plover:
            return True
        if ev.mode and (ev.event, ev.mode) in self.plover_mode:
            return True
        if ev.cameo and any(str(ev.cameo).startswith(p) for p in self.cameo):
            return True
        if ev.acled_sub_event_type and ev.acled_sub_event_type in self.acled:
            return True
        return self.min_fatalities is not None and (ev.fatalities or 0) >= self.min_fatalities


def load_ace_types(path: Path = ACE_FILE) -> dict[str, AceType]:
    """ACE type -> what sitrep output stands for it; schema-checked."""
    def bad(entry: str, why: str) -> DataFileError:
        return DataFileError(f"{entry}: {why}", item=str(path))

    raw = read_yaml(path, "ACE event types")
    if not isinstance(raw, dict) or not isinstance(raw.get("types"), dict):
        raise bad("top level", "a mapping with 'types' is expected")
    out: dict[str, AceType] = {}
    allowed = {"plover", "plover_mode", "cameo", "acled", "min_fatalities", "roles", "except_cameo", "except_mode"}
    for name, spec in raw["types"].items():
        if not isinstance(spec, dict):
            raise bad(name, "a mapping is expected")
        unknown = set(spec) - allowed
        if unknown:
            raise bad(name, f"unknown keys {sorted(unknown)}")
        plover = spec.get("plover") or []
        if any(p not in PLOVER_EVENTS for p in plover):
            raise bad(name, f"unknown PLOVER event in {plover}")
        modes = []
        for pm in spec.get("plover_mode") or []:
            ev, _, mode = str(pm).partition("/")
            if ev not in PLOVER_EVENTS or not mode:
                raise bad(name, f"plover_mode {pm!r} must be EVENT/mode")
            modes.append((ev, mode))
        roles = spec.get("roles") or {}
        if not isinstance(roles, dict) or any(v not in FIELDS for v in roles.values()):
            raise bad(name, f"roles must map ACE roles to one of {FIELDS}")
        mf = spec.get("min_fatalities")
        if mf is not None and (not isinstance(mf, int) or mf < 1):
            raise bad(name, "min_fatalities must be a positive integer")
        if not (plover or modes or spec.get("cameo") or spec.get("acled") or mf):
            raise bad(name, "no condition given")
        out[name] = AceType(name, frozenset(plover), frozenset(modes), tuple(str(c) for c in spec.get("cameo") or []),
                            frozenset(spec.get("acled") or []), mf, dict(roles),
                            tuple(str(c) for c in spec.get("except_cameo") or []),
                            frozenset(str(m) for m in spec.get("except_mode") or []))
    return out


@cache
def ace_types() -> dict[str, AceType]:
    return load_ace_types()


@dataclass(frozen=True, slots=True)
class GoldMention:
    type: str
    trigger: str
    arguments: tuple[tuple[str, str], ...]  # (role, text)


@dataclass(frozen=True, slots=True)
class M2E2Item:
    id: str
    doc_id: str
    text: str
    date: str | None
    events: tuple[GoldMention, ...]

    @property
    def fold_key(self) -> str:
        return f"{NAME}:{self.doc_id}"

    @property
    def types(self) -> set[str]:
        return {e.type for e in self.events}


def files(gold_dir: Path) -> list[Path]:
    return [gold_dir.joinpath(*FILE)]


def _doc_date(doc_id: str) -> str | None:
    # VOA_EN_NW_2016.04.19.3291980 -> 2016-04-19
    for part in doc_id.split("_"):
        if part[:4].isdigit() and part.count(".") >= 2:
            return iso_date(part[:10])
    return None


def load(gold_dir: Path) -> list[M2E2Item]:
    path = gold_dir.joinpath(*FILE)
    items = []
    for n, rec in read_jsonl(path):
        mentions = []
        for ev in need(rec, "events", path, n) or []:
            args = tuple((str(a.get("role")), str(a.get("text") or "")) for a in ev.get("arguments") or [])
            mentions.append(GoldMention(str(ev.get("event_type")), str((ev.get("trigger") or {}).get("text") or ""), args))
        doc = str(need(rec, "doc_id", path, n))
        items.append(M2E2Item(str(need(rec, "sentence_id", path, n)), doc, need(rec, "sentence", path, n),
                              _doc_date(doc), tuple(mentions)))
    return items


def predict(items: Sequence[M2E2Item], coder: CoderLike, gold_dir: Path | None = None) -> dict[str, list[Event]]:
    return coder.code_texts([TextItem(it.id, it.text, it.date) for it in items])


def event_types(ev: Event, types: dict[str, AceType] | None = None) -> set[str]:
    """The scored ACE types a sitrep event stands for."""
    types = types or ace_types()
    return {name for name, t in types.items() if t.matches(ev)}


def _field_texts(events: Sequence[Event], field: str) -> list[str]:
    texts: list[str] = []
    for ev in events:
        if field == "location":
            vals = [ev.location.text] if ev.location and ev.location.text else []
        else:
            vals = [a.text for a in getattr(ev, field) if a.text]
        for v in vals:
            key = " ".join(content_tokens(v))
            if key and key not in {" ".join(content_tokens(t)) for t in texts}:
                texts.append(v)
    return texts


def score(items: Sequence[M2E2Item], predictions: dict[str, list[Event]]) -> SetScore:
    types = ace_types()
    detect: dict[str, list[tuple[bool, bool]]] = {name: [] for name in types}
    args: dict[tuple[str, str], PRF] = {}
    judged: list[Judged] = []
    for it in items:
        events = predictions.get(it.id, [])
        gold_types = it.types
        mapped = [(ev, event_types(ev, types)) for ev in events if ev.modality in EVAL_M2E2_MODALITIES]
        pred_types = set().union(*(m for _, m in mapped)) if mapped else set()
        for name in types:
            detect[name].append((name in gold_types, name in pred_types))
        for ev, m in mapped:
            if m:
                judged.append(Judged(NAME, it.id, ev.confidence, bool(m & gold_types), ev))
        for name, spec in types.items():
            if name not in gold_types:
                continue
            pred_events = [ev for ev, m in mapped if name in m]
            for role, field in spec.roles.items():
                gold = [text for mention in it.events if mention.type == name
                        for r, text in mention.arguments if r == role and text]
                gold = list(dict.fromkeys(gold))
                pred = _field_texts(pred_events, field)
                hits = match_count(gold, pred)
                prf = args.setdefault((name, role), PRF())
                prf.add(PRF(tp=hits, fp=len(pred) - hits, fn=len(gold) - hits))
    per_type = {name: binary_prf(pairs) for name, pairs in detect.items()}
    micro = PRF()
    for p in per_type.values():
        micro.add(p)
    arg_micro = PRF()
    for p in args.values():
        arg_micro.add(p)
    metrics: dict[str, float | None] = {}
    for short, name in SHORT.items():
        metrics[f"{short}_f1"] = per_type[name].f1 if name in per_type else None
        metrics[f"{short}_precision"] = per_type[name].precision if name in per_type else None
        metrics[f"{short}_recall"] = per_type[name].recall if name in per_type else None
    metrics["detection_micro_f1"] = micro.f1
    attack = "Conflict:Attack"
    metrics["attacker_f1"] = args[(attack, "Attacker")].f1 if (attack, "Attacker") in args else None
    metrics["target_f1"] = args[(attack, "Target")].f1 if (attack, "Target") in args else None
    metrics["place_f1"] = args[(attack, "Place")].f1 if (attack, "Place") in args else None
    metrics["argument_micro_f1"] = arg_micro.f1
    details: dict[str, Any] = {
        "n": len(items),
        "detection": {name: p.as_dict() for name, p in per_type.items()},
        "arguments": {f"{t}/{r}": p.as_dict() for (t, r), p in sorted(args.items())},
    }
    return SetScore(metrics, details, judged)
