"""GLOCON gold sample (South African news): protest or not, per sentence and per document.

GLOCON records contentious politics events ("protest events for the sake of brevity", in
its annotation manuals): demonstrations, strikes and riots, and also the political violence
of non-state groups (militant and rebel attacks, political killings); crime and police
violence are not positives. So a text is predicted positive when sitrep codes a PROTEST event
(or an ACLED Protests/Riots event) in it, or an ASSAULT whose actor is a rebel group, a
militia or a political party, or a bombing or suicide attack nobody is named for
(``defaults.EVAL_GLOCON_UNCLAIMED_MODES``), with a modality in ``defaults.EVAL_PROTEST_MODALITIES``.
(Protest alone, the reading before 2026-11-26: sentence F1 0.602, document F1 0.720.)
Sentences are coded one by one; documents whole. Label 2 (annotators undecided) is left
out and counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sitrep import defaults
from sitrep.errors import DataFileError
from sitrep.eval.base import Judged, SetScore, need, read_jsonl
from sitrep.eval.coder import CoderLike, TextItem
from sitrep.eval.metrics import binary_prf
from sitrep.eval.sampling import every_kth_by
from sitrep.models import Event

NAME = "glocon"
DESCRIPTION = "GLOCON protest sentences and documents -> protest yes/no"
HEADLINE = ("sentence_f1", "sentence_precision", "sentence_recall", "document_f1",
            "document_precision", "document_recall")
DOCS = ("glocon", "document_Sabinet_R.jsonl")
SENTS = ("glocon", "sentence_Sabinet.jsonl")
PROTEST_ACLED = ("Protests", "Riots")


@dataclass(frozen=True, slots=True)
class GloconItem:
    id: str
    text: str
    level: str  # "sentence" | "document"
    label: int  # 0, 1, or 2 (undecided)
    doc_id: str

    @property
    def fold_key(self) -> str:
        return f"{NAME}:{self.doc_id}"


def files(gold_dir: Path) -> list[Path]:
    return [gold_dir.joinpath(*DOCS), gold_dir.joinpath(*SENTS)]


def _label(value: object, path: Path, n: int) -> int:
    try:
        lab = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise DataFileError(f"line {n}: label {value!r} is not 0, 1 or 2", item=str(path)) from None
    if lab not in (0, 1, 2):
        raise DataFileError(f"line {n}: label {lab} is not 0, 1 or 2", item=str(path))
    return lab


def load(gold_dir: Path) -> list[GloconItem]:
    items: list[GloconItem] = []
    path = gold_dir.joinpath(*DOCS)
    for n, rec in read_jsonl(path):
        rid = str(need(rec, "id", path, n))
        items.append(GloconItem(f"doc:{rid}", need(rec, "text", path, n), "document",
                                _label(need(rec, "label", path, n), path, n), rid))
    path = gold_dir.joinpath(*SENTS)
    for n, rec in read_jsonl(path):
        rid = str(need(rec, "id", path, n))
        doc = rid.rsplit("_", 1)[0]
        items.append(GloconItem(f"sent:{rid}", need(rec, "sentence", path, n), "sentence",
                                _label(need(rec, "label", path, n), path, n), doc))
    return items


def sample(items: Sequence[GloconItem], limit: int | None) -> list[GloconItem]:
    """Every k-th sentence and every k-th document, each level up to ``limit``.

    Documents are long (~300 words), so they get a quarter of the limit.
    """
    sents = every_kth_by([it for it in items if it.level == "sentence"], limit, lambda it: it.level)
    docs = every_kth_by([it for it in items if it.level == "document"],
                        None if limit is None else max(1, limit // 4), lambda it: it.level)
    return docs + sents


def predict(items: Sequence[GloconItem], coder: CoderLike, gold_dir: Path | None = None) -> dict[str, list[Event]]:
    return coder.code_texts([TextItem(it.id, it.text) for it in items])


def is_protest(ev: Event) -> bool:
    if ev.modality not in defaults.EVAL_PROTEST_MODALITIES:
        return False
    if ev.event == "PROTEST" or (ev.acled_event_type or "") in PROTEST_ACLED:
        return True
    if ev.event != "ASSAULT":
        return False
    if any(a.type in defaults.EVAL_GLOCON_VIOLENCE_ACTORS for a in ev.actor):
        return True
    # a bombing nobody is named for ("a roadside bomb struck a bus"): political violence
    return not ev.actor and ev.mode in defaults.EVAL_GLOCON_UNCLAIMED_MODES


def score(items: Sequence[GloconItem], predictions: dict[str, list[Event]]) -> SetScore:
    pairs: dict[str, list[tuple[bool, bool]]] = {"sentence": [], "document": []}
    undecided = {"sentence": 0, "document": 0}
    judged: list[Judged] = []
    for it in items:
        if it.label == 2:
            undecided[it.level] += 1
            continue
        protests = [ev for ev in predictions.get(it.id, []) if is_protest(ev)]
        pairs[it.level].append((it.label == 1, bool(protests)))
        if it.level == "sentence":
            judged.extend(Judged(NAME, it.id, ev.confidence, it.label == 1, ev) for ev in protests)
    metrics: dict[str, float | None] = {}
    details: dict[str, object] = {}
    for level, ps in pairs.items():
        prf = binary_prf(ps)
        metrics[f"{level}_f1"] = prf.f1
        metrics[f"{level}_precision"] = prf.precision
        metrics[f"{level}_recall"] = prf.recall
        details[level] = {"n": len(ps), "positives": sum(g for g, _ in ps), "undecided_left_out": undecided[level],
                          **prf.as_dict()}
    return SetScore(metrics, details, judged)
