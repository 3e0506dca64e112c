"""ACLED event and sub-event types from a coded event (rules in data/acled.yaml).

Reads: PLOVER event, trigger/weapon tags, resolved actor types. Adds: ACLED's
(event_type, sub_event_type) or (None, None) when ACLED would not record it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from sitrep import defaults
from sitrep.datafiles import read_yaml
from sitrep.errors import DataFileError

_KEYS = {"event", "tags_any", "not_tags", "actor_type", "recipient_type", "acled"}


@dataclass(frozen=True)
class Rule:
    events: frozenset[str]
    tags_any: frozenset[str] | None
    not_tags: frozenset[str]
    actor_type: frozenset[str] | None
    recipient_type: frozenset[str] | None
    acled: tuple[str, str]


ACLED_FILE = defaults.DATA_DIR / "acled.yaml"


@cache
def _raw() -> dict:
    raw = read_yaml(ACLED_FILE, "ACLED rules")
    if not isinstance(raw, dict):
        raise DataFileError("expected a mapping with 'rules'", item=str(ACLED_FILE))
    return raw


@cache
def mode_tags() -> dict[str, frozenset[str]]:
    return {str(k): frozenset(v) for k, v in (_raw().get("mode_tags") or {}).items()}


@cache
def side_readings() -> frozenset[tuple[str, str]]:
    """ACLED (event, sub-event) pairs decided by the sides alone (``side_readings`` in acled.yaml)."""
    out = set()
    for pair in _raw().get("side_readings") or ():
        if not isinstance(pair, list) or len(pair) != 2:
            raise DataFileError(f"side_readings: expected [event type, sub-event type], got {pair!r}", item=str(ACLED_FILE))
        out.add((str(pair[0]), str(pair[1])))
    return frozenset(out)


def reread_by_sides(current: tuple[str | None, str | None], event: str, tags: Iterable[str],
                    actor_types: Iterable[str | None], recipient_types: Iterable[str | None],
                    mode: str | None = None) -> tuple[str, str] | None:
    """The ACLED pair a record's final sides give, where both its current pair and the new one
    are side readings and they differ (else None: a weapon, territory or no-event reading stays)."""
    if current[0] is None or current[1] is None or (current[0], current[1]) not in side_readings():
        return None
    new = acled_types(event, tags, actor_types, recipient_types, mode)
    if new[0] is None or new[1] is None or new == current or (new[0], new[1]) not in side_readings():
        return None
    return new[0], new[1]


@cache
def rules() -> tuple[Rule, ...]:
    path = ACLED_FILE
    raw = _raw()
    out = []
    for n, r in enumerate(raw.get("rules", []), 1):
        unknown = set(r) - _KEYS
        if unknown or "acled" not in r or len(r["acled"]) != 2:
            raise DataFileError(f"rule {n}: bad keys {sorted(unknown)} or acled pair", item=str(path))

        def opt(key: str, r: dict = r) -> frozenset[str] | None:
            return frozenset(r[key]) if key in r else None

        out.append(Rule(
            events=frozenset(r["event"]), tags_any=opt("tags_any"), not_tags=frozenset(r.get("not_tags", ())),
            actor_type=opt("actor_type"), recipient_type=opt("recipient_type"), acled=(r["acled"][0], r["acled"][1]),
        ))
    return tuple(out)


@cache
def _ranks() -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for n, rule in enumerate(rules()):
        out.setdefault(rule.acled, n)
    return out


def specificity(event_type: str | None, sub_event_type: str | None) -> int:
    """How specific an ACLED pair is: the position of the first rule that gives it (lower is
    more specific, since rules run from the most specific to the fallback); no pair ranks last."""
    if not event_type or not sub_event_type:
        return len(rules()) + 1
    return _ranks().get((event_type, sub_event_type), len(rules()))


def acled_types(event: str, tags: Iterable[str], actor_types: Iterable[str | None],
                recipient_types: Iterable[str | None], mode: str | None = None) -> tuple[str | None, str | None]:
    tagset = set(tags) | (mode_tags().get(mode, frozenset()) if mode else frozenset())
    at = {t for t in actor_types if t}
    rt = {t for t in recipient_types if t}
    for rule in rules():
        if event not in rule.events:
            continue
        if rule.tags_any is not None and rule.tags_any.isdisjoint(tagset):
            continue
        if not rule.not_tags.isdisjoint(tagset):
            continue
        if rule.actor_type is not None and rule.actor_type.isdisjoint(at):
            continue
        if rule.recipient_type is not None and rule.recipient_type.isdisjoint(rt):
            continue
        return rule.acled
    return None, None
