"""The watch configuration: sources, alert rules, sinks; validated on load, every
error naming ``file:line``.

    sources:
      - url: http://127.0.0.1:8765/feed.xml   # RSS/Atom (kind: feed), news sitemap (kind: sitemap),
        every: 5m                             # a web page (kind: page) or a local folder (path:)
    allow_addresses: [127.0.0.1]               # private and loopback addresses are refused unless listed
    base_url: http://127.0.0.1:8000            # the workspace: alerts link to {base_url}/events/{id}
    alerts:
      - name: deadly
        when: {fatalities_at_least: 4}
        notify: [{file: alerts.jsonl}]

Keys are checked (a typo is an error, not a silently ignored setting). Durations
are ``30s``, ``5m``, ``2h``, ``1d`` or a number of seconds.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sitrep import defaults
from sitrep.errors import ConfigError
from sitrep.fetch import Network, parse_networks


class _Map(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]


class _List(list):  # type: ignore[type-arg]
    line: int = 0
    item_lines: list[int]


class _Loader(yaml.SafeLoader):
    pass


def _construct_map(loader: yaml.SafeLoader, node: yaml.MappingNode) -> _Map:
    m = _Map()
    m.line = node.start_mark.line + 1
    m.key_lines = {}
    loader.flatten_mapping(node)
    for knode, vnode in node.value:
        key = loader.construct_object(knode, deep=True)
        m[key] = loader.construct_object(vnode, deep=True)
        m.key_lines[str(key)] = knode.start_mark.line + 1
    return m


def _construct_list(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> _List:
    out = _List(loader.construct_object(v, deep=True) for v in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [v.start_mark.line + 1 for v in node.value]
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_list)

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)?\s*$", re.IGNORECASE)
_UNIT = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}


# --- the configuration ---------------------------------------------------------------------


@dataclass(frozen=True)
class SourceConfig:
    """One followed source."""

    name: str
    kind: str  # feed | sitemap | page | folder
    url: str | None = None
    path: Path | None = None
    every_s: float = defaults.WATCH_DEFAULT_EVERY_S
    fetch_pages: str = "auto"  # feed entries: auto (when the entry has no text) | always | never
    line: int = 0

    @property
    def location(self) -> str:
        return self.url or str(self.path)


@dataclass(frozen=True)
class SinkConfig:
    """Where an alert goes: kind is file, stdout, webhook, slack or email."""

    kind: str
    target: str  # file path, URL, "text"/"json" for stdout, or the recipients for e-mail
    options: dict[str, Any] = field(default_factory=dict)
    line: int = 0

    @property
    def name(self) -> str:
        return f"{self.kind}:{self.target}"


@dataclass(frozen=True)
class Conditions:
    """What an event must be for a rule to fire; every given condition must hold."""

    events: tuple[str, ...] = ()  # PLOVER types
    acled_types: tuple[str, ...] = ()  # ACLED event or sub-event types
    modalities: tuple[str, ...] = ("asserted",)
    countries: tuple[str, ...] = ()  # ISO alpha-3
    admin1: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    actors: tuple[str, ...] = ()  # any actor or recipient (name part or CAMEO code)
    dyad: tuple[str, str] | None = None  # two sides (sides.yaml names or actor names), any direction
    fatalities_at_least: int | None = None
    confidence_at_least: float | None = None
    count_at_least: int | None = None  # with within_s: that many matching events in the window
    within_s: float | None = None
    escalation: bool = False  # with dyad: a new escalation period starts
    truce: bool = False  # with dyad: a truce episode changes state


@dataclass(frozen=True)
class RuleConfig:
    name: str
    when: Conditions
    notify: tuple[SinkConfig, ...]
    follow_up: bool = True  # a further alert when the event's toll rises
    line: int = 0


@dataclass(frozen=True)
class WatchConfig:
    path: Path
    sources: tuple[SourceConfig, ...]
    rules: tuple[RuleConfig, ...]
    allow: tuple[Network, ...] = ()
    allow_addresses: tuple[str, ...] = ()
    base_url: str = defaults.WATCH_BASE_URL
    db: Path | None = None
    per_host_interval_s: float = defaults.WATCH_HOST_INTERVAL_S
    per_host_concurrency: int = defaults.WATCH_HOST_CONCURRENCY
    workers: int = defaults.WATCH_WORKERS
    retries: int = defaults.WATCH_RETRIES
    backoff_s: float = defaults.WATCH_BACKOFF_S
    deadline_s: float = defaults.FETCH_DEADLINE_S
    read_timeout_s: float = defaults.HTTP_TIMEOUT_S
    max_page_bytes: int = defaults.MAX_ARTICLE_BYTES
    robots: bool = True
    breaker_failures: int = defaults.WATCH_BREAKER_FAILURES
    breaker_cooldown_s: float = defaults.WATCH_BREAKER_COOLDOWN_S
    digest_every_s: float | None = None
    digest: tuple[SinkConfig, ...] = ()


# --- validation ------------------------------------------------------------------------------


class _Ctx:
    def __init__(self, path: Path) -> None:
        self.path = path

    def err(self, line: int, msg: str) -> ConfigError:
        return ConfigError(msg, item=f"{self.path}:{line}")

    def mapping(self, value: Any, line: int, what: str, allowed: set[str]) -> _Map:
        if not isinstance(value, dict):
            raise self.err(line, f"{what} must be a mapping (key: value), not {_kind(value)}")
        m = value if isinstance(value, _Map) else _Map(value)
        lines = getattr(m, "key_lines", {})
        for k in m:
            if str(k) not in allowed:
                raise self.err(lines.get(str(k), line), f"unknown key {k!r} in {what} "
                                                        f"(known: {', '.join(sorted(allowed))})")
        return m

    def line_of(self, m: Any, key: str) -> int:
        return getattr(m, "key_lines", {}).get(key, getattr(m, "line", 0))

    def items(self, value: Any, line: int, what: str) -> list[tuple[Any, int]]:
        if value is None:
            return []
        if not isinstance(value, list):
            value = [value]
        lines = getattr(value, "item_lines", [line] * len(value))
        return list(zip(value, lines, strict=True))

    def strings(self, value: Any, line: int, what: str) -> tuple[str, ...]:
        out = []
        for v, ln in self.items(value, line, what):
            if not isinstance(v, (str, int, float)) or isinstance(v, bool) or not str(v).strip():
                raise self.err(ln, f"{what}: expected text, got {_kind(v)}")
            out.append(str(v).strip())
        return tuple(out)

    def duration(self, value: Any, line: int, what: str) -> float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            secs = float(value)
        else:
            m = _DURATION.match(str(value)) if isinstance(value, str) else None
            if m is None:
                raise self.err(line, f"{what}: {value!r} is not a duration (30s, 5m, 2h, 1d)")
            secs = float(m.group(1)) * _UNIT[(m.group(2) or "s").lower()]
        if secs <= 0:
            raise self.err(line, f"{what}: must be more than 0 seconds")
        return secs

    def number(self, value: Any, line: int, what: str, *, lo: float, hi: float, integer: bool = False) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and not isinstance(value, int)):
            raise self.err(line, f"{what}: expected {'a whole number' if integer else 'a number'}, got {value!r}")
        if not lo <= value <= hi:
            raise self.err(line, f"{what}: {value} is outside {lo:g}..{hi:g}")
        return float(value)


def _kind(v: Any) -> str:
    return {dict: "a mapping", _Map: "a mapping", list: "a list", _List: "a list", str: "text",
            type(None): "nothing"}.get(type(v), type(v).__name__)


_SOURCE_KEYS = {"url", "path", "every", "kind", "name", "fetch_pages"}
_RULE_KEYS = {"name", "when", "notify", "follow_up"}
_WHEN_KEYS = {"event", "acled_type", "modality", "country", "admin1", "bbox", "actor", "dyad",
              "fatalities_at_least", "confidence_at_least", "count", "escalation", "truce"}
_TOP_KEYS = {"sources", "alerts", "allow_addresses", "base_url", "db", "politeness", "digest"}
_POLITE_KEYS = {"per_host_interval", "per_host_concurrency", "workers", "retries", "backoff", "deadline",
                "read_timeout", "max_page_bytes", "robots", "breaker_failures", "breaker_cooldown"}
_SINK_KINDS = {"file", "stdout", "webhook", "slack", "email"}
_SINK_OPTIONS = {"file": set(), "stdout": set(), "webhook": {"secret", "secret_env", "retries"},
                 "slack": {"retries"},
                 "email": {"from", "host", "port", "starttls", "username", "password_env", "subject_prefix"}}


def _source(ctx: _Ctx, raw: Any, line: int, i: int, base: Path) -> SourceConfig:
    m = ctx.mapping(raw, line, f"source {i + 1}", _SOURCE_KEYS)
    url, path = m.get("url"), m.get("path")
    if (url is None) == (path is None):
        raise ctx.err(m.line or line, f"source {i + 1}: give exactly one of url: or path:")
    every = ctx.duration(m.get("every", defaults.WATCH_DEFAULT_EVERY_S), ctx.line_of(m, "every"), "every")
    fetch_pages = str(m.get("fetch_pages", "auto"))
    if fetch_pages not in ("auto", "always", "never"):
        raise ctx.err(ctx.line_of(m, "fetch_pages"), "fetch_pages: auto, always or never")
    kind = m.get("kind")
    if url is not None:
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ctx.err(ctx.line_of(m, "url"), f"url: {url!r} is not an http(s) URL")
        kind = kind or ("sitemap" if "sitemap" in url.rsplit("/", 1)[-1].lower() else "feed")
        if kind not in ("feed", "sitemap", "page"):
            raise ctx.err(ctx.line_of(m, "kind"), f"kind: {kind!r}; a url source is feed, sitemap or page")
        name = str(m.get("name") or url)
        return SourceConfig(name=name, kind=kind, url=url, every_s=every, fetch_pages=fetch_pages, line=m.line)
    p = Path(os.path.expanduser(str(path)))
    p = p if p.is_absolute() else base / p
    kind = kind or ("folder" if p.is_dir() or not p.suffix else "feed")
    if kind not in ("feed", "folder"):
        raise ctx.err(ctx.line_of(m, "kind"), f"kind: {kind!r}; a path source is a folder or a feed file")
    return SourceConfig(name=str(m.get("name") or path), kind=kind, path=p, every_s=every,
                        fetch_pages=fetch_pages, line=m.line)


def _sink(ctx: _Ctx, raw: Any, line: int, base: Path) -> SinkConfig:
    if isinstance(raw, str) and raw == "stdout":
        return SinkConfig("stdout", "text", line=line)
    if not isinstance(raw, dict) or not raw:
        raise ctx.err(line, "a notify entry is a mapping such as {file: alerts.jsonl}, {stdout: text}, "
                            "{webhook: URL}, {slack: URL} or {email: [to@example.org]}")
    kinds = [k for k in raw if k in _SINK_KINDS]
    if len(kinds) != 1:
        raise ctx.err(getattr(raw, "line", line), f"a notify entry names one of {', '.join(sorted(_SINK_KINDS))}")
    kind = kinds[0]
    m = ctx.mapping(raw, line, f"{kind} sink", {kind} | _SINK_OPTIONS[kind])
    value = m[kind]
    opts = {k: v for k, v in m.items() if k != kind}
    ln = ctx.line_of(m, kind)
    if kind == "file":
        p = Path(os.path.expanduser(str(value)))
        return SinkConfig(kind, str(p if p.is_absolute() else base / p), opts, ln)
    if kind == "stdout":
        fmt = "text" if value in (True, None, "text") else str(value)
        if fmt not in ("text", "json"):
            raise ctx.err(ln, "stdout: text or json")
        return SinkConfig(kind, fmt, opts, ln)
    if kind in ("webhook", "slack"):
        if not isinstance(value, str) or not value.startswith(("http://", "https://")):
            raise ctx.err(ln, f"{kind}: {value!r} is not an http(s) URL")
        if "secret_env" in opts and not os.environ.get(str(opts["secret_env"])):
            raise ctx.err(ctx.line_of(m, "secret_env"), f"secret_env: environment variable {opts['secret_env']} "
                                                        "is not set")
        return SinkConfig(kind, value, opts, ln)
    to = ctx.strings(value, ln, "email")
    if not to or not all("@" in t for t in to):
        raise ctx.err(ln, "email: one or more addresses (name@host)")
    if "port" in opts:
        ctx.number(opts["port"], ctx.line_of(m, "port"), "port", lo=1, hi=65535, integer=True)
    return SinkConfig(kind, ",".join(to), opts, ln)


def _dyad(ctx: _Ctx, value: Any, line: int) -> tuple[str, str]:
    sides = ctx.strings(value, line, "dyad")
    if len(sides) != 2:
        raise ctx.err(line, f"dyad: two sides, e.g. [Iran-aligned Iraqi militias, US forces]; got {len(sides)}")
    return sides[0], sides[1]


def _conditions(ctx: _Ctx, raw: Any, line: int, rule: str) -> Conditions:
    m = ctx.mapping(raw if raw is not None else _Map(), line, f"when of rule {rule!r}", _WHEN_KEYS)
    kw: dict[str, Any] = {}
    ln = lambda k: ctx.line_of(m, k)  # noqa: E731 - a short local helper
    if "event" in m:
        from sitrep.models import PLOVER_EVENTS

        kw["events"] = tuple(s.upper() for s in ctx.strings(m["event"], ln("event"), "event"))
        bad = [e for e in kw["events"] if e not in PLOVER_EVENTS]
        if bad:
            raise ctx.err(ln("event"), f"event: {bad[0]!r} is not a PLOVER type ({', '.join(PLOVER_EVENTS[:6])}, ...)")
    if "acled_type" in m:
        kw["acled_types"] = tuple(s.lower() for s in ctx.strings(m["acled_type"], ln("acled_type"), "acled_type"))
    if "modality" in m:
        from sitrep.models import MODALITIES

        mods = ctx.strings(m["modality"], ln("modality"), "modality")
        bad = [x for x in mods if x not in MODALITIES and x != "any"]
        if bad:
            raise ctx.err(ln("modality"), f"modality: {bad[0]!r} is not one of {', '.join(MODALITIES)} or any")
        kw["modalities"] = () if "any" in mods else mods
    if "country" in m:
        from sitrep.store.db import _country_code

        kw["countries"] = tuple(_country_code(c) for c in ctx.strings(m["country"], ln("country"), "country"))
    if "admin1" in m:
        kw["admin1"] = tuple(s.casefold() for s in ctx.strings(m["admin1"], ln("admin1"), "admin1"))
    if "bbox" in m:
        box = m["bbox"]
        if not isinstance(box, list) or len(box) != 4:
            raise ctx.err(ln("bbox"), "bbox: [min_lon, min_lat, max_lon, max_lat]")
        vals = [ctx.number(v, ln("bbox"), "bbox", lo=-180, hi=180) for v in box]
        if vals[0] > vals[2] or vals[1] > vals[3] or abs(vals[1]) > 90 or abs(vals[3]) > 90:
            raise ctx.err(ln("bbox"), "bbox: [min_lon, min_lat, max_lon, max_lat] with min <= max, |lat| <= 90")
        kw["bbox"] = (vals[0], vals[1], vals[2], vals[3])
    if "actor" in m:
        kw["actors"] = ctx.strings(m["actor"], ln("actor"), "actor")
    if "dyad" in m:
        kw["dyad"] = _dyad(ctx, m["dyad"], ln("dyad"))
    if "fatalities_at_least" in m:
        kw["fatalities_at_least"] = int(ctx.number(m["fatalities_at_least"], ln("fatalities_at_least"),
                                                   "fatalities_at_least", lo=0, hi=10**6, integer=True))
    if "confidence_at_least" in m:
        kw["confidence_at_least"] = ctx.number(m["confidence_at_least"], ln("confidence_at_least"),
                                               "confidence_at_least", lo=0, hi=1)
    if "count" in m:
        c = ctx.mapping(m["count"], ln("count"), "count", {"at_least", "within"})
        if "at_least" not in c or "within" not in c:
            raise ctx.err(ln("count"), "count: {at_least: 3, within: 48h}")
        kw["count_at_least"] = int(ctx.number(c["at_least"], ctx.line_of(c, "at_least"), "at_least", lo=1,
                                              hi=10**6, integer=True))
        kw["within_s"] = ctx.duration(c["within"], ctx.line_of(c, "within"), "within")
    for flag in ("escalation", "truce"):
        if flag in m:
            v = m[flag]
            if isinstance(v, bool):
                kw[flag] = v
            else:  # escalation: [A, B] sets the dyad too
                kw[flag] = True
                kw["dyad"] = _dyad(ctx, v, ln(flag))
            if kw[flag] and "dyad" not in kw:
                raise ctx.err(ln(flag), f"{flag}: needs a dyad (dyad: [A, B], or {flag}: [A, B])")
    if kw.get("escalation") and kw.get("truce"):
        raise ctx.err(line, "a rule watches escalation or a truce, not both; make two rules")
    return Conditions(**kw)


def parse_config(data: Any, path: Path) -> WatchConfig:
    """Validate a loaded YAML document (from :func:`load_config`) into a WatchConfig."""
    ctx = _Ctx(path)
    base = path.parent
    top = ctx.mapping(data, 1, "the configuration", _TOP_KEYS)
    sources = [_source(ctx, raw, ln, i, base)
               for i, (raw, ln) in enumerate(ctx.items(top.get("sources"), ctx.line_of(top, "sources"), "sources"))]
    if not sources:
        raise ctx.err(ctx.line_of(top, "sources"), "sources: list at least one source (url: or path:)")
    names: dict[str, int] = {}
    for s in sources:
        if s.name in names:
            raise ctx.err(s.line, f"source {s.name!r} is listed twice (first on line {names[s.name]}); "
                                  "give one a name:")
        names[s.name] = s.line
    rules: list[RuleConfig] = []
    for i, (raw, ln) in enumerate(ctx.items(top.get("alerts"), ctx.line_of(top, "alerts"), "alerts")):
        m = ctx.mapping(raw, ln, f"alert {i + 1}", _RULE_KEYS)
        name = str(m.get("name") or f"rule-{i + 1}")
        if any(r.name == name for r in rules):
            raise ctx.err(m.line, f"alert name {name!r} is used twice")
        sinks = tuple(_sink(ctx, s, sl, base) for s, sl in ctx.items(m.get("notify"), ctx.line_of(m, "notify"), "notify"))
        if not sinks:
            raise ctx.err(m.line, f"alert {name!r}: notify: list at least one sink (e.g. [{{file: alerts.jsonl}}])")
        rules.append(RuleConfig(name, _conditions(ctx, m.get("when"), ctx.line_of(m, "when"), name), sinks,
                                bool(m.get("follow_up", True)), m.line))
    allow_line = ctx.line_of(top, "allow_addresses")
    allow_raw = ctx.strings(top.get("allow_addresses"), allow_line, "allow_addresses")
    try:
        allow = parse_networks(allow_raw)
    except ValueError as exc:
        raise ctx.err(allow_line, str(exc)) from None
    kw: dict[str, Any] = {}
    if "politeness" in top:
        p = ctx.mapping(top["politeness"], ctx.line_of(top, "politeness"), "politeness", _POLITE_KEYS)
        for key, attr in (("per_host_interval", "per_host_interval_s"), ("backoff", "backoff_s"),
                          ("deadline", "deadline_s"), ("read_timeout", "read_timeout_s"),
                          ("breaker_cooldown", "breaker_cooldown_s")):
            if key in p:
                v = p[key]
                kw[attr] = 0.0 if v in (0, "0", "0s") else ctx.duration(v, ctx.line_of(p, key), key)
        for key, lo, hi in (("per_host_concurrency", 1, 64), ("workers", 1, 64), ("retries", 0, 10),
                            ("breaker_failures", 1, 1000), ("max_page_bytes", 1000, 10**9)):
            if key in p:
                attr = "per_host_concurrency" if key == "per_host_concurrency" else key
                kw[attr] = int(ctx.number(p[key], ctx.line_of(p, key), key, lo=lo, hi=hi, integer=True))
        if "robots" in p:
            kw["robots"] = bool(p["robots"])
    if "digest" in top:
        d = ctx.mapping(top["digest"], ctx.line_of(top, "digest"), "digest", {"every", "notify"})
        kw["digest_every_s"] = ctx.duration(d.get("every", "1h"), ctx.line_of(d, "every"), "every")
        kw["digest"] = tuple(_sink(ctx, s, sl, base) for s, sl in ctx.items(d.get("notify"), ctx.line_of(d, "notify"),
                                                                             "notify"))
        if not kw["digest"]:
            raise ctx.err(ctx.line_of(top, "digest"), "digest: notify: list at least one sink")
    if "base_url" in top:
        kw["base_url"] = str(top["base_url"]).rstrip("/")
    if "db" in top:
        db = Path(os.path.expanduser(str(top["db"])))
        kw["db"] = db if db.is_absolute() else base / db
    return WatchConfig(path=path, sources=tuple(sources), rules=tuple(rules), allow=allow,
                       allow_addresses=allow_raw, **kw)


def load_config(path: str | Path) -> WatchConfig:
    """Read and validate a watch configuration; ConfigError names the file and line."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the configuration: {exc}", item=str(p)) from None
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise ConfigError(f"not valid YAML: {exc.problem or exc}", item=f"{p}:{line}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"not valid YAML: {exc}", item=str(p)) from None
    return parse_config(data, p)
