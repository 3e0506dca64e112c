"""PETRARCH test suites: (source, target, CAMEO code) triples per sentence.

Three files, each coded with its own actor dictionary:

- ``petrarch2_unittest_records.jsonl`` with ``validation_dictionaries/``
- ``petrarch_validate_records_140226.jsonl`` with ``validation_dictionaries_140226/``
- ``universalpetrarch_gsr_validation.jsonl`` (real actors) with sitrep's own dictionary

The PETRARCH dictionaries are loaded through
``sitrep.resolve.actors.ActorResolver.from_petrarch(actors, agents)`` and, from the
same folder, ``sitrep.resolve.petrarch_verbs.VerbDictionary.from_folder`` (verbs and
discards); when those are not available the set is coded with the default
dictionaries and the report says so. Records that test error handling (``expected_error``) or are marked
not valid (``valid_flag``/``evaluate`` "false") are left out.

Triples: every (actor code, recipient code, CAMEO) combination of every event;
a missing side is "---". Precision/recall/F1 are micro-averaged over records,
for the 2-digit root (``root_triple``) and the full code (``full_triple``);
``country_root_triple`` compares actors by their first three letters only
(USAGOV ~ USA), ``root`` compares the CAMEO roots of a record, ignoring actors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.eval.base import Judged, SetScore, iso_date, need, read_jsonl
from sitrep.eval.coder import CoderLike, TextItem, accepts_verbs
from sitrep.eval.metrics import PRF, set_prf
from sitrep.eval.sampling import unique_ids
from sitrep.models import Event

NAME = "petrarch"
DESCRIPTION = "PETRARCH unit-test/validation sentences -> (source, target, CAMEO) triples"
HEADLINE = ("root_triple_f1", "root_triple_precision", "root_triple_recall", "full_triple_f1",
            "root_f1", "no_event_accuracy")

#: subset -> (records file, dictionary folder or None for sitrep's own dictionary)
SUBSETS: dict[str, tuple[str, str | None]] = {
    "unittest": ("petrarch2_unittest_records.jsonl", "validation_dictionaries"),
    "validate": ("petrarch_validate_records_140226.jsonl", "validation_dictionaries_140226"),
    "universal": ("universalpetrarch_gsr_validation.jsonl", None),
}
UNKNOWN = "---"

Triple = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class PetrarchItem:
    id: str
    text: str
    date: str | None
    subset: str
    triples: frozenset[Triple]
    no_events: bool

    @property
    def fold_key(self) -> str:
        return f"{NAME}:{self.id}"


def norm_actor(code: object) -> str:
    text = str(code or "").strip().upper()
    return text or UNKNOWN


def norm_code(code: object) -> str:
    return str(code or "").strip().rstrip("?")


def files(gold_dir: Path) -> list[Path]:
    return [gold_dir / "petrarch" / f for f, _ in SUBSETS.values()]


def _excluded(rec: dict[str, Any]) -> bool:
    return bool(rec.get("expected_error")) or str(rec.get("valid_flag")).lower() == "false" \
        or str(rec.get("evaluate")).lower() == "false"


def load(gold_dir: Path) -> list[PetrarchItem]:
    items: list[PetrarchItem] = []
    for subset, (fname, _) in SUBSETS.items():
        path = gold_dir / "petrarch" / fname
        if not path.exists():
            continue
        recs = [(n, r) for n, r in read_jsonl(path)]
        ids = unique_ids([f"{subset}:{need(r, 'id', path, n)}" for n, r in recs])
        for rid, (n, rec) in zip(ids, recs, strict=True):
            if _excluded(rec):
                continue
            triples = frozenset(
                (norm_actor(e.get("source")), norm_actor(e.get("target")), norm_code(e.get("code")))
                for e in need(rec, "expected", path, n) or [] if norm_code(e.get("code"))
            )
            items.append(PetrarchItem(rid, need(rec, "text", path, n), iso_date(rec.get("date")), subset,
                                      triples, not triples))  # a few no_events flags contradict their triples
    return items


def dictionary_paths(gold_dir: Path, subset: str) -> tuple[Path, Path] | None:
    folder = SUBSETS[subset][1]
    if folder is None:
        return None
    d = gold_dir / "petrarch" / folder
    return d / "PETR.Validate.actors.txt", d / "PETR.Validate.agents.txt"


def load_resolver(actors_path: Path, agents_path: Path) -> tuple[Any, str | None]:
    """An ActorResolver for PETRARCH dictionaries, or (None, why not)."""
    try:
        from sitrep.resolve.actors import ActorResolver
    except ImportError as exc:
        return None, f"sitrep.resolve.actors is not importable ({exc})"
    loader = getattr(ActorResolver, "from_petrarch", None)
    if loader is None:
        return None, "ActorResolver.from_petrarch does not exist yet"
    return loader(actors_path, agents_path), None


def load_verbs(folder: Path) -> tuple[Any, str | None]:
    """The verb dictionary (and discards) of a PETRARCH dictionary folder, or (None, why not)."""
    try:
        from sitrep.resolve.petrarch_verbs import VerbDictionary
    except ImportError as exc:
        return None, f"sitrep.resolve.petrarch_verbs is not importable ({exc})"
    if not any(folder.glob("*verbs*.txt")):
        return None, f"no verbs file in {folder}"
    return VerbDictionary.from_folder(folder), None


def predict(items: Sequence[PetrarchItem], coder: CoderLike, gold_dir: Path | None = None) -> dict[str, list[Event]]:
    out: dict[str, list[Event]] = {}
    for subset in SUBSETS:
        group = [it for it in items if it.subset == subset]
        if not group:
            continue
        texts = [TextItem(it.id, it.text, it.date) for it in group]
        paths = dictionary_paths(gold_dir, subset) if gold_dir is not None else None
        resolver = verbs = None
        if paths is not None:
            resolver, why = load_resolver(*paths)
            if resolver is None:
                coder.notes.append(f"petrarch/{subset}: coded with sitrep's own actor dictionary: {why}")
            if accepts_verbs(coder):
                verbs, why = load_verbs(paths[0].parent)
                if verbs is None:
                    coder.notes.append(f"petrarch/{subset}: coded with sitrep's own trigger lexicon: {why}")
        if verbs is not None:
            out.update(coder.code_texts(texts, actors=resolver, verbs=verbs))  # type: ignore[call-arg]
        elif resolver is not None:
            out.update(coder.code_texts(texts, actors=resolver))
        else:
            out.update(coder.code_texts(texts))
    return out


def country_part(code: str) -> str:
    """The first three letters of an actor code ("USAGOV" -> "USA"); "---" stays unknown."""
    return code[:3] if code != UNKNOWN else code


def event_triples(events: Sequence[Event], *, root: bool, country: bool = False) -> set[Triple]:
    """(source, target, CAMEO) triples of events; ``root`` cuts codes to 2 digits, ``country`` actors to 3 letters."""
    out: set[Triple] = set()
    for ev in events:
        code = norm_code(ev.cameo)
        if not code:
            continue
        code = code[:2] if root else code
        sources = [norm_actor(a.code) for a in ev.actor] or [UNKNOWN]
        targets = [norm_actor(a.code) for a in ev.recipient] or [UNKNOWN]
        if country:
            sources, targets = [country_part(s) for s in sources], [country_part(t) for t in targets]
        out.update((s, t, code) for s in sources for t in targets)
    return out


def score(items: Sequence[PetrarchItem], predictions: dict[str, list[Event]]) -> SetScore:
    root, full, roots_only, by_country = PRF(), PRF(), PRF(), PRF()
    per_subset: dict[str, dict[str, PRF]] = {}
    no_ev_n = no_ev_hits = 0
    judged: list[Judged] = []
    for it in items:
        events = predictions.get(it.id, [])
        gold_root = {(s, t, c[:2]) for s, t, c in it.triples}
        r = set_prf(gold_root, event_triples(events, root=True))
        f = set_prf(it.triples, event_triples(events, root=False))
        o = set_prf({c[:2] for _, _, c in it.triples}, {norm_code(e.cameo)[:2] for e in events if e.cameo})
        root.add(r)
        full.add(f)
        by_country.add(set_prf({(country_part(s), country_part(t), c[:2]) for s, t, c in it.triples},
                               event_triples(events, root=True, country=True)))
        roots_only.add(o)
        sub = per_subset.setdefault(it.subset, {"root": PRF(), "full": PRF()})
        sub["root"].add(r)
        sub["full"].add(f)
        if it.no_events:
            no_ev_n += 1
            no_ev_hits += not any(e.cameo for e in events)
        gold_roots = {c[:2] for _, _, c in it.triples}
        for ev in events:
            if ev.cameo:
                judged.append(Judged(NAME, it.id, ev.confidence, norm_code(ev.cameo)[:2] in gold_roots, ev))
    metrics = {
        "root_triple_f1": root.f1, "root_triple_precision": root.precision, "root_triple_recall": root.recall,
        "full_triple_f1": full.f1, "root_f1": roots_only.f1,
        # diagnostic: actors compared by their first three letters (country or organisation)
        "country_root_triple_f1": by_country.f1,
        "no_event_accuracy": no_ev_hits / no_ev_n if no_ev_n else None,
    }
    details = {
        "n": len(items),
        "root_triple": root.as_dict(), "full_triple": full.as_dict(), "root_only": roots_only.as_dict(),
        "subsets": {k: {"n": sum(it.subset == k for it in items), "root_triple": v["root"].as_dict(),
                        "full_triple": v["full"].as_dict()} for k, v in per_subset.items()},
    }
    return SetScore(metrics, details, judged)
