"""The dyad report: one self-contained HTML file (works offline: no CDN, no scripts,
figures embedded as PNG data URIs), plus PNG files with ``png=True``.

    >>> from sitrep.analysis import analyse, write_report
    >>> write_report(analyse(events, "Government of Iraq", "IS", hints=hints), "report.html", png=True)

Sections: summary in words, timeline by type / direction / fatalities with
escalation periods and truce states, the escalation periods with their driving
events, the retaliation estimates in words and numbers, truce episodes, key
events with their evidence sentences, and how it was all computed.
"""

from __future__ import annotations

import base64
import html
import json
import math
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from sitrep import __version__, defaults
from sitrep.analysis.dyad import DyadAnalysis
from sitrep.analysis.hawkes import Estimate, HawkesFit
from sitrep.analysis.series import load_intensity, series_type
from sitrep.analysis.sides import DyadEvent
from sitrep.analysis.truces import Truce
from sitrep.models import PLOVER_EVENTS, Event

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1a1a1a;
background:#fafafa;line-height:1.45}
main{max-width:1180px;margin:0 auto;padding:24px 32px 48px;background:#fff}
h1{font-size:1.7em;margin:0 0 4px}h2{font-size:1.25em;margin:32px 0 8px;border-bottom:2px solid #eee;
padding-bottom:4px}h3{font-size:1.05em;margin:18px 0 6px}
.sub{color:#555;margin:0 0 16px}.cards{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}
.card{border:1px solid #e3e3e3;border-radius:6px;padding:8px 14px;min-width:120px;background:#fcfcfc}
.card b{display:block;font-size:1.35em}.card span{color:#555;font-size:.85em}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:8px 0}
th,td{border-bottom:1px solid #e6e6e6;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3;font-weight:600}td.num,th.num{text-align:right;white-space:nowrap}td.d{white-space:nowrap}
.tag{display:inline-block;padding:1px 7px;border-radius:10px;font-size:.8em;color:#fff;white-space:nowrap}
.escalation{background:#d6604d}.de-escalation{background:#4d9221}.steady{background:#888}.start{background:#999}
.offered{background:#c79a00}.agreed,.in-force{background:#1a9850}.violated{background:#d73027}
.lapsed,.rejected{background:#777}
.ab{color:#b2182b;font-weight:600}.ba{color:#2166ac;font-weight:600}.mutual,.undirected{color:#555}
mark{background:#fff3a3;padding:0 1px}.ev{max-width:560px}.muted{color:#666;font-size:.88em}
.words{font-size:1.02em;background:#f6f8fb;border-left:4px solid #2166ac;padding:8px 14px;margin:10px 0}
.warn{background:#fff8e6;border-left:4px solid #e6ab02;padding:6px 12px;margin:8px 0;font-size:.92em}
img{max-width:100%;height:auto;border:1px solid #eee}footer{color:#777;font-size:.8em;margin-top:40px}
"""


def _e(x: Any) -> str:
    return html.escape("" if x is None else str(x))


def _num(x: float, digits: int = 2) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    if isinstance(x, float) and math.isinf(x):
        return "∞"
    return f"{x:.{digits}f}"


def _ci(est: Estimate, digits: int = 2) -> str:
    return f"{_num(est.value, digits)} ({_num(est.low, digits)}–{_num(est.high, digits)})"


def _p(p: float) -> str:
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


def _dir(res: DyadAnalysis, d: str) -> str:
    label = {"ab": f"{res.a.name} → {res.b.name}", "ba": f"{res.b.name} → {res.a.name}",
             "mutual": "both (clash)", "undirected": "either (unknown)"}[d]
    return f'<span class="{d}">{_e(label)}</span>'


def _sentence(ev: Event) -> str:
    """The evidence sentence, escaped, with the trigger marked when its offsets fit."""
    s = ev.evidence.sentence.strip()
    raw = ev.evidence.sentence
    trig = ev.evidence.trigger
    rel = trig.start - ev.evidence.start
    lead = len(raw) - len(raw.lstrip())
    rel -= lead
    if trig.text and 0 <= rel and s[rel:rel + len(trig.text)] == trig.text:
        return f"{_e(s[:rel])}<mark>{_e(trig.text)}</mark>{_e(s[rel + len(trig.text):])}"
    return _e(s)


def _event_type(ev: Event) -> str:
    kind = series_type(ev)
    mode = f" ({ev.mode})" if ev.mode and kind == ev.event else ""
    extra = "" if ev.modality == "asserted" else f' <span class="muted">[{_e(ev.modality)}]</span>'
    return f"{_e(kind)}{_e(mode)}{extra}"


def _source(ev: Event) -> str:
    aid = ev.article_id or ""
    if aid.startswith(("ucdp:", "acled:", "gdelt:")):
        origin, _, rid = aid.partition(":")
        return f"{origin.upper()} {rid}"
    return aid


def _date(ev: Event) -> str:
    prec = ev.date_precision or "day"
    return f"{_e(ev.date or '?')}" + ("" if prec == "day" else f' <span class="muted">({_e(prec)})</span>')


def _events_table(res: DyadAnalysis, rows: list[DyadEvent]) -> str:
    out = ['<table><tr><th>date</th><th>who → whom</th><th>event</th><th class="num">killed</th>'
           "<th>where</th><th>evidence</th><th>source</th></tr>"]
    for de in rows:
        ev = de.event
        place = ev.location.name if ev.location else ""
        out.append(f"<tr><td class=d>{_date(ev)}</td><td>{_dir(res, de.direction)}</td><td>{_event_type(ev)}</td>"
                   f'<td class="num">{_e(ev.fatalities if ev.fatalities is not None else "-")}</td>'
                   f'<td>{_e(place)}</td><td class="ev">{_sentence(ev)}</td>'
                   f'<td class="muted">{_e(_source(ev))}</td></tr>')
    out.append("</table>")
    return "\n".join(out)


# --- sections ---------------------------------------------------------------------------------


def _summary(res: DyadAnalysis) -> str:
    by_dir = res.by_direction()
    n = len(res.counted)
    a, b = res.a.name, res.b.name
    cards = [(n, "events between the sides"), (by_dir.get("ab", 0), f"{a} → {b}"),
             (by_dir.get("ba", 0), f"{b} → {a}"),
             (by_dir.get("undirected", 0) + by_dir.get("mutual", 0), "clashes / unknown initiator"),
             (res.fatalities(), "killed (reported)"), (len(res.truces), "truce episodes")]
    card_html = "".join(f"<div class=card><b>{_e(f'{v:,}' if isinstance(v, int) else v)}</b>"
                        f"<span>{_e(t)}</span></div>" for v, t in cards)
    words = []
    if n == 0:
        words.append(f"No events between {a} and {b} in this window.")
    else:
        top = res.by_type().most_common(3)
        kinds = ", ".join(f"{t} {c:,}" for t, c in top)
        words.append(f"From {res.since} to {res.until}, {n:,} events between {a} and {b} ({kinds}), "
                     f"with {res.fatalities():,} people reported killed.")
        esc = [p for p in res.periods if p.kind == "escalation"]
        if esc:
            worst = max(esc, key=lambda p: p.rate)
            words.append(f"The sharpest escalation began in the week of {worst.start}: "
                         f"{worst.rate:.1f} hostile events a week for {worst.weeks} weeks, "
                         f"up from {worst.previous_rate or 0:.1f}, with {int(worst.fatalities):,} killed.")
        if res.periods:
            last = res.periods[-1]
            words.append(f"The latest period (from {last.start}) runs at {last.rate:.1f} hostile events a week"
                         + (f" ({last.kind})." if last.kind != "start" else "."))
        if res.trend:
            t = res.trend
            words.append(f"Over the last {t.weeks} weeks the count is "
                         + ({"rising": "rising", "falling": "falling"}.get(t.direction, "without a clear trend")
                            + f" (Mann-Kendall tau {t.tau:+.2f}, p = {_p(t.p_value)})."))
        fit = res.retaliation.fit
        if fit is not None:
            words.append(_retaliation_sentence(res, fit))
        if res.truces:
            last_t = res.truces[-1]
            words.append(f"Latest truce: {_truce_words(last_t)}")
    return (f'<div class="cards">{card_html}</div>'
            f'<p class="words">{_e(" ".join(words))}</p>')


def _retaliation_sentence(res: DyadAnalysis, fit: HawkesFit) -> str:
    a, b = res.a.name, res.b.name
    t = fit.tests.get("no_cross")
    ab, ba = fit.alpha[1][0], fit.alpha[0][1]
    if t is not None and t.p_value < 0.05:
        return (f"Attacks answer attacks: each attack by {a} sets off on average {ab.value:.2f} further attacks by "
                f"{b} (95% CI {ab.low:.2f}–{ab.high:.2f}), each attack by {b} {ba.value:.2f} by {a} "
                f"({ba.low:.2f}–{ba.high:.2f}); half of the effect is gone after {fit.half_life.value:.1f} days "
                f"(likelihood-ratio test of no retaliation: p = {_p(t.p_value)}).")
    return (f"No evidence that either side's attacks raise the other's attack rate within days "
            f"(likelihood-ratio test: p = {_p(t.p_value) if t else '-'}; {b} after {a}: {ab.value:.2f}, "
            f"95% CI {ab.low:.2f}–{ab.high:.2f}; {a} after {b}: {ba.value:.2f}, {ba.low:.2f}–{ba.high:.2f}). "
            f"Each side's attacks do cluster in time: one attack is followed by {fit.alpha[0][0].value:.2f} "
            f"({a}) and {fit.alpha[1][1].value:.2f} ({b}) attacks of its own, half within "
            f"{fit.half_life.value:.1f} days.")


def _truce_words(t: Truce) -> str:
    parts = []
    if t.offered_on:
        parts.append(f"offered by {', '.join(t.offered_by)} on {t.offered_on}"
                     + (f" ({t.conditions})" if t.conditions else ""))
    if t.agreed_on:
        parts.append(f"agreed by {' and '.join(t.agreed_by)} on {t.agreed_on}"
                     + (" (unilateral)" if t.unilateral else ""))
    if t.violated_on:
        parts.append(f"violated on {t.violated_on} by {', '.join(t.violated_by)}"
                     + (f" ({len(t.violations)} violating attacks)" if len(t.violations) > 1 else ""))
    if t.rejected_by:
        parts.append(f"rejected by {', '.join(t.rejected_by)}")
    if t.lapsed_on:
        parts.append(f"lapsed on {t.lapsed_on} without agreement")
    if t.state in ("in force", "agreed"):
        parts.append("still in force at the end of the data")
    if t.state == "offered":
        parts.append("still open at the end of the data")
    return "; ".join(parts) + "."


def _figure(name: str, png: bytes | None, alt: str) -> str:
    if not png:
        return ""
    data = base64.b64encode(png).decode("ascii")
    return f'<figure><img alt="{_e(alt)}" src="data:image/png;base64,{data}"></figure>'


def _periods_section(res: DyadAnalysis) -> str:
    if not res.periods:
        return "<p>No dated events to find periods in.</p>"
    rows = ['<table><tr><th>from</th><th>to</th><th>period</th><th class="num">weeks</th>'
            '<th class="num">hostile events / week</th><th class="num">before</th><th class="num">killed</th>'
            "<th>driving events</th></tr>"]
    for p in res.periods:
        drivers = "<br>".join(
            f"{_e(de.event.date)} {_dir(res, de.direction)}: {_event_type(de.event)}"
            + (f", {de.event.fatalities} killed" if de.event.fatalities else "")
            + (f' — <span class="muted">{_e(_short(de.event.evidence.sentence))}</span>')
            for de in p.drivers) or ('<span class="muted">no truce or agreement reported around the change</span>'
                                     if p.kind == "de-escalation" else '<span class="muted">-</span>')
        prev = "-" if p.previous_rate is None else f"{p.previous_rate:.2f}"
        rows.append(f"<tr><td class=d>{p.start}</td><td class=d>{p.last_day}</td>"
                    f'<td><span class="tag {p.kind}">{_e(p.kind)}</span></td><td class="num">{p.weeks}</td>'
                    f'<td class="num">{p.rate:.2f}</td><td class="num">{prev}</td>'
                    f'<td class="num">{int(p.fatalities):,}</td><td>{drivers}</td></tr>')
    rows.append("</table>")
    return "\n".join(rows)


def _short(s: str, n: int = 140) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1].rsplit(" ", 1)[0] + " …"


def _retaliation_section(res: DyadAnalysis, png: bytes | None) -> str:
    r = res.retaliation
    a, b = res.a.name, res.b.name
    excluded = ", ".join(f"{n:,} {why}" for why, n in r.excluded.most_common()) or "none"
    head = (f"<p>Attacks (PLOVER {', '.join(defaults.HAWKES_EVENTS)}, asserted) by {_e(a)}: <b>{r.n_attacks[0]:,}</b>; "
            f"by {_e(b)}: <b>{r.n_attacks[1]:,}</b>. Left out: {_e(excluded)}.</p>")
    if r.fit is None:
        return head + f'<p class="warn">No retaliation model: {_e(r.reason)}.</p>'
    fit = r.fit
    rows = ['<table><tr><th>effect</th><th class="num">branching ratio (95% CI)</th><th>reads as</th></tr>']
    for (i, j), what in (((1, 0), f"{b} answers {a}"), ((0, 1), f"{a} answers {b}"),
                         ((0, 0), f"{a} follows up its own attacks"), ((1, 1), f"{b} follows up its own attacks")):
        est = fit.alpha[i][j]
        src, dst = (a, b)[j], (a, b)[i]
        rows.append(f"<tr><td>{_e(what)}</td><td class='num'>{_ci(est)}</td>"
                    f"<td>one attack by {_e(src)} sets off {est.value:.2f} further attacks by {_e(dst)} on average"
                    "</td></tr>")
    rows.append(f"<tr><td>half-life of the excitation</td><td class='num'>{_ci(fit.half_life, 1)} days</td>"
                f"<td>half of the extra attacks come within {fit.half_life.value:.1f} days</td></tr>")
    rows.append("</table>")
    tests = ['<table><tr><th>null hypothesis</th><th class="num">LR statistic</th><th class="num">p</th></tr>']
    for t in fit.tests.values():
        tests.append(f"<tr><td>{_e(t.null)}</td><td class='num'>{t.statistic:.2f}</td>"
                     f"<td class='num'>{_p(t.p_value)}</td></tr>")
    tests.append("</table>")
    bg = {"periods": "changes at the escalation periods above", "year": "changes every calendar year",
          "quarter": "changes every quarter", "constant": "is constant"}.get(r.background, r.background)
    notes = [f"Background rate {bg} ({len(fit.breaks) + 1} level(s) per side), so slow swings in the war's "
             "intensity are not read as retaliation.",
             f"Spectral radius of the branching matrix {fit.spectral_radius:.2f} "
             + ("(< 1: the process is stable)." if fit.spectral_radius < 1 else "(≥ 1: explosive; read with care).")]
    if r.constant_fit is not None:
        c = r.constant_fit
        notes.append(
            "With one constant background for the whole window the same data would read as "
            f"{a} → {a} {c.alpha[0][0].value:.2f}, {b} → {b} {c.alpha[1][1].value:.2f}, "
            f"{a} → {b} {c.alpha[1][0].value:.2f}, {b} → {a} {c.alpha[0][1].value:.2f}, "
            f"half-life {c.half_life.value:.1f} days: the trend, not retaliation, is what that model mostly sees.")
    if not fit.converged:
        notes.append("The optimiser did not report convergence; treat the numbers as rough.")
    if any(e.rule == "import:ucdp" for e in (de.event for de in res.counted)):
        notes.append("UCDP rows do not say who attacked. Here the side that lost no one while the other side "
                     "lost people is taken as the side that acted; clashes with deaths on both sides or on "
                     "neither are left out of this model.")
    notes.append("Events of the same day are spread evenly over that day in a seeded random order: reactions "
                 "within hours cannot be told apart from coincidence.")
    return (head + f'<p class="words">{_e(_retaliation_sentence(res, fit))}</p>' + "\n".join(rows)
            + "<h3>Likelihood-ratio tests</h3>" + "\n".join(tests)
            + _figure("retaliation", png, "branching ratios and response curves")
            + "<ul>" + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>")


def _truce_section(res: DyadAnalysis) -> str:
    if not res.truces:
        return ("<p>No truce offered or agreed between the sides in this window (no ceasefire events with "
                "both sides, or one side and no named counterpart).</p>")
    out = []
    for k, t in enumerate(res.truces, start=1):
        css = t.state.replace(" ", "-")
        out.append(f'<h3>Truce {k}: <span class="tag {css}">{_e(t.state)}</span></h3>')
        out.append(f"<p>{_e(_truce_words(t))}</p>")
        rows = ["<table><tr><th>date</th><th>state</th><th>by</th><th>evidence</th></tr>"]
        for h in t.history:
            ev = h.event
            rows.append(f"<tr><td class=d>{h.day}</td><td><span class='tag {h.state.replace(' ', '-')}'>{_e(h.state)}</span>"
                        f"</td><td>{_e(', '.join(h.by))}</td>"
                        f"<td class='ev'>{_sentence(ev) if ev else '<span class=muted>-</span>'}</td></tr>")
        if t.attacks_while_offered:
            rows.append(f"<tr><td colspan=4 class=muted>{len(t.attacks_while_offered)} attack(s) while the offer was "
                        "open (not violations: nothing had been agreed yet)</td></tr>")
        rows.append("</table>")
        out.append("\n".join(rows))
    return "\n".join(out)


def _methods_section(res: DyadAnalysis) -> str:
    scale = load_intensity()
    cells = "".join(f"<tr><td>{t}</td><td class=num>{scale.scores[t]:+.0f}</td></tr>"
                    for t in sorted(PLOVER_EVENTS, key=lambda t: scale.scores[t]))
    origins = Counter(f"{(de.event.rule or '')[7:].upper()} rows" if (de.event.rule or "").startswith("import:")
                      else "events coded from news" for de in res.counted)
    skipped = Counter(de.event.modality for de in res.events
                      if de.event.modality not in defaults.ANALYSIS_MODALITIES and de.event.modality != "aggregate")
    aggs = res.weekly.aggregates
    agg_rows = "".join(f"<li>{a.start} to {min(a.end, res.until) if res.until else a.end}: {'≥' + str(a.count) if a.count else 'an unknown number of'} "
                       f"{_e(a.event.event.lower())} events ({_dir(res, a.direction)}) — "
                       f"<span class=muted>{_e(_short(a.event.evidence.sentence))}</span></li>" for a in aggs)
    side_rows = "".join(
        f"<li><b>{_e(s.name)}</b>: actors {_e(', '.join(s.actors) or '-')}"
        + (f"; codes {_e(', '.join(s.codes))}" if s.codes else "") + "</li>" for s in (res.a, res.b))
    return f"""
<h3>Sides</h3><ul>{side_rows}</ul>
<p class=muted>An event is between the sides when one side is among its actors and the other among its recipients
(or both among the actors: a clash). Sides are defined in <code>sitrep/data/sides.yaml</code>; any actor name also
works as a side.</p>
<h3>What is counted</h3>
<p>Events reported as having happened ({_e(', '.join(defaults.ANALYSIS_MODALITIES))}; a threatened attack counts as
a threat) and dated to a day or a week. Sources: {_e(', '.join(f'{n:,} {o}' for o, n in origins.most_common()) or '-')}.
Left out of the counts: {len(res.weekly.undated):,} events dated only to a month or year;
{_e(', '.join(f'{n} {m}' for m, n in skipped.most_common()) or 'no')} mentions (not occurrences).
Aggregate reports are shown as spans, never as counts:</p>
<ul>{agg_rows or '<li class=muted>none</li>'}</ul>
<h3>Intensity scale</h3>
<p>Each event scores its PLOVER type (below, from <code>sitrep/data/intensity.yaml</code>) plus
{defaults.INTENSITY_PER_DOUBLING_DEAD:g} points per doubling of the dead and
{defaults.INTENSITY_PER_DOUBLING_INJURED:g} per doubling of the injured (hostile events only): one killing adds 2,
seven dead add 6, 63 dead add 12.</p>
<table style="width:auto"><tr><th>type</th><th class=num>score</th></tr>{cells}</table>
<h3>Escalation periods</h3>
<p>Change points in the weekly count of hostile events (intensity above 0) by exact optimal partitioning under a
Poisson cost divided by the series' overdispersion (estimated from week-to-week differences), with a penalty of
{defaults.ESCALATION_PENALTY:g} × log(weeks) per change and at least {defaults.ESCALATION_MIN_WEEKS} weeks per
period. A period is an escalation when its weekly rate is at least {defaults.ESCALATION_MIN_RATIO:g} times the
previous period's, a de-escalation when at most 1/{defaults.ESCALATION_MIN_RATIO:g} of it. Its drivers are the most
intense events of its first {defaults.ESCALATION_DRIVER_WEEKS} weeks; for a de-escalation, the cooperative events
(truces, agreements) within {defaults.ESCALATION_DRIVER_WEEKS} weeks of the change, when any were reported.</p>
<h3>Retaliation model</h3>
<p>A bivariate Hawkes process with an exponential kernel, fitted by maximum likelihood (sitrep's own likelihood
and gradient, scipy's optimiser). Side i's attack rate is its background rate plus, for every earlier attack by
side j, α<sub>ij</sub>·β·e<sup>−β·Δt</sup>. α<sub>ij</sub> (the branching ratio) is the expected number of extra
attacks by i that one attack by j sets off; ln 2 / β is the half-life. 95% intervals from the observed
information (numerical Hessian); the test of "no retaliation" compares the likelihoods with and without the two
cross effects against a χ̄² mixture, as the null lies on the boundary (α ≥ 0).</p>
<h3>Truces</h3>
<p>A ceasefire event (PLOVER AGREE or RETREAT, mode ceasefire) that is conditional or hypothetical is an offer,
an asserted one an agreement, a negated one a refusal; an attack between the sides after the day of an agreement
is a violation. An offer not agreed within {defaults.TRUCE_OFFER_LAPSE_DAYS} days lapses.</p>
"""


def render_html(res: DyadAnalysis, figures: dict[str, bytes | None] | None = None) -> str:
    """The report as one HTML string (figures: name -> PNG bytes, embedded)."""
    figs = figures or {}
    a, b = res.a.name, res.b.name
    window = f"{res.since} to {res.until}" if res.since else "no dated events"
    title = f"{a} and {b}: dyad report"
    body = f"""<main>
<h1>{_e(title)}</h1>
<p class="sub">{_e(window)} · generated {date.today().isoformat()} by sitrep {__version__}</p>
<h2>Summary</h2>
{_summary(res)}
<h2>Timeline</h2>
<p class=muted>Events per {'week' if res.weekly.n <= 104 else 'month'}: by type (top), by who acted (middle), and
people killed (bottom). Shaded: escalation (orange) and de-escalation (green) periods. Band at the top: truce
offered (yellow) or in force (green); ✕ marks a violation.</p>
{_figure("timeline", figs.get("timeline"), "timeline of events by type, direction and fatalities")}
<h2>Escalation and de-escalation</h2>
{_periods_section(res)}
<h2>Retaliation</h2>
{_retaliation_section(res, figs.get("retaliation"))}
<h2>Truces</h2>
{_truce_section(res)}
<h2>Key events</h2>
<p class=muted>Truce events and the {defaults.REPORT_KEY_EVENTS} most intense events (the drivers of each period are
listed above), with the sentence each was coded from (the trigger word marked).</p>
{_events_table(res, res.key_events) if res.key_events else '<p>None.</p>'}
<h2>How this was computed</h2>
{_methods_section(res)}
<footer>sitrep {__version__} — the numbers behind this page: <code>sitrep report --json</code>.</footer>
</main>"""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>{body}</body></html>\n")


def write_report(res: DyadAnalysis, out: str | Path, *, png: bool = False,
                 json_out: str | Path | None = None) -> list[Path]:
    """Write the HTML report (and, with ``png``, the figures as PNG files beside it,
    named ``<stem>-timeline.png`` / ``<stem>-retaliation.png``). Returns the paths written."""
    from sitrep.analysis import figures

    path = Path(out)
    figs: dict[str, bytes | None] = {"timeline": figures.timeline_png(res),
                                     "retaliation": figures.retaliation_png(res)}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(res, figs), encoding="utf-8")
    written = [path]
    if png:
        for name, data in figs.items():
            if data:
                p = path.with_name(f"{path.stem}-{name}.png")
                p.write_bytes(data)
                written.append(p)
    if json_out:
        jp = Path(json_out)
        jp.write_text(json.dumps(res.to_dict(), ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        written.append(jp)
    return written


#: The dyad the demo reports on (the seed article's), when the store has events between them.
DEMO_DYAD = ("Iran-aligned Iraqi militias", "US forces")


def demo_report(db: str | Path, out_dir: str | Path) -> Path | None:
    """``make demo``'s last step: the report of the demo store's dyad (the seed's militias
    and US forces, or else the most active dyad) as ``<out_dir>/dyad-report.html`` with its
    PNG figures. Returns the HTML path, or None when the store has no dyad at all."""
    from sitrep.analysis import sources
    from sitrep.analysis.dyad import analyse
    from sitrep.analysis.sides import active_dyads

    events = sources.store_events(db)
    hints = sources.ucdp_hints(db, events)
    res = analyse(events, *DEMO_DYAD, hints=hints)
    if not res.events:
        top = active_dyads(events)
        if not top:
            return None
        res = analyse(events, top[0].side_a, top[0].side_b, hints=hints)
    return write_report(res, Path(out_dir) / "dyad-report.html", png=True)[0]
