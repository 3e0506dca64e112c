"""PNG figures of a dyad analysis (matplotlib, Agg backend: no display needed).

* :func:`timeline_png`: events by type, events by direction (with aggregate
  reports drawn as spans), fatalities; escalation periods shaded; truce states.
* :func:`retaliation_png`: branching ratios with confidence intervals, and how
  one attack raises the other side's attack rate over the following days.

Each returns PNG bytes; the report embeds them as data URIs and ``--png``
writes them beside the HTML.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import numpy as np

from sitrep.analysis.dyad import DyadAnalysis
from sitrep.analysis.series import DyadSeries, next_period
from sitrep.errors import MissingDependencyError

#: Colours per PLOVER type: violence in reds, verbal conflict in yellows/purples,
#: cooperation in greens and blues (colour-blind-safe enough to tell the groups apart).
TYPE_COLOURS = {
    "ASSAULT": "#b2182b", "COERCE": "#ef8a62", "MOBILIZE": "#f4a582", "SANCTION": "#fddbc7",
    "THREATEN": "#e6ab02", "PROTEST": "#7570b3", "REJECT": "#a6761d", "ACCUSE": "#d9b365",
    "REQUEST": "#bababa", "CONSULT": "#92c5de", "SUPPORT": "#4393c3", "CONCEDE": "#80cdc1",
    "RETREAT": "#35978f", "COOPERATE": "#1b7837", "AGREE": "#5aae61", "AID": "#2166ac",
}
DIRECTION_STYLE = {"ab": ("#b2182b", "-"), "ba": ("#2166ac", "-"), "mutual": ("#7570b3", "--"),
                   "undirected": ("#636363", ":")}
PERIOD_COLOURS = {"escalation": "#f4a582", "de-escalation": "#a6dba0"}
TRUCE_COLOURS = {"offered": "#fee08b", "in force": "#66bd63", "agreed": "#66bd63", "violated": "#d73027"}


def _plt() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise MissingDependencyError("matplotlib", "analysis", purpose="report figures") from None
    return plt


def direction_label(res: DyadAnalysis, d: str) -> str:
    return {"ab": f"{res.a.name} → {res.b.name}", "ba": f"{res.b.name} → {res.a.name}",
            "mutual": "both sides (clashes)",
            "undirected": "either side (not known who acted)"}[d]


def display_series(res: DyadAnalysis) -> DyadSeries:
    """Weekly bins for up to two years, monthly beyond (weekly bars over a decade are noise)."""
    if res.weekly.n <= 104:
        return res.weekly
    return res.monthly


def _edges(s: DyadSeries) -> tuple[list[date], list[float]]:
    """Left edges and widths (days) of the bins."""
    widths = [float((next_period(p, s.freq) - p).days) for p in s.periods]
    return s.periods, widths


def _shade(ax: Any, res: DyadAnalysis) -> None:
    for p in res.periods:
        if p.kind in PERIOD_COLOURS:
            ax.axvspan(p.start, p.last_day + timedelta(days=1), color=PERIOD_COLOURS[p.kind], alpha=0.35, lw=0,
                       zorder=0)


def _png(fig: Any, dpi: int) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    _plt().close(fig)
    return buf.getvalue()


def timeline_png(res: DyadAnalysis, *, dpi: int = 100, width: float = 12.0) -> bytes:
    plt = _plt()
    import matplotlib.dates as mdates
    from matplotlib.patches import Patch

    s = display_series(res)
    unit = "week" if s.freq == "W" else "month"
    left, widths = _edges(s)
    x = np.array(left, dtype="datetime64[D]")
    w = np.array(widths) * 0.9
    fig, axes = plt.subplots(3, 1, figsize=(width, 9.5), sharex=True,
                             gridspec_kw={"height_ratios": [3, 2, 2], "hspace": 0.12})
    ax1, ax2, ax3 = axes
    # 1. events by type
    bottom = np.zeros(s.n)
    for t in s.types():
        arr = sum((by.get(t, 0) for by in s.counts.values()), np.zeros(s.n))
        ax1.bar(x, arr, width=w, bottom=bottom, align="edge", color=TYPE_COLOURS.get(t, "#999999"),
                label=t.capitalize(), lw=0)
        bottom += arr
    ax1.set_ylabel(f"events per {unit}")
    ax1.set_title(f"{res.a.name} and {res.b.name}: events by type", loc="left", fontsize=12, fontweight="bold")
    # truce states as a band along the top
    top = max(float(bottom.max()) if s.n else 1.0, 1.0)
    ax1.set_ylim(0, top * 1.22)
    truce_handles: list[Any] = []
    for episode in res.truces:
        hist = episode.history
        for i, h in enumerate(hist):
            chart_end = next_period(s.periods[-1], s.freq) if s.n else h.day
            end = hist[i + 1].day if i + 1 < len(hist) else (episode.end or chart_end)
            if h.state in ("offered", "in force", "agreed"):
                span_end = max(end, h.day + timedelta(days=1))
                ax1.axvspan(h.day, span_end, ymin=0.88, ymax=0.97, color=TRUCE_COLOURS[h.state], lw=0)
            if h.state == "violated":
                ax1.plot([h.day], [top * 1.12], marker="X", ms=11, color=TRUCE_COLOURS["violated"], ls="none")
    states = {h.state for ep in res.truces for h in ep.history}
    if "offered" in states:
        truce_handles.append(Patch(color=TRUCE_COLOURS["offered"], label="truce offered"))
    if states & {"agreed", "in force"}:
        truce_handles.append(Patch(color=TRUCE_COLOURS["in force"], label="truce in force"))
    if "violated" in states:
        truce_handles.append(plt.Line2D([], [], marker="X", ms=9, color=TRUCE_COLOURS["violated"], ls="none",
                                        label="truce violated"))
    _shade(ax1, res)
    handles, _labels = ax1.get_legend_handles_labels()
    period_handles = [Patch(color=c, alpha=0.5, label=f"{k} period") for k, c in PERIOD_COLOURS.items()
                      if any(p.kind == k for p in res.periods)]
    ax1.legend(handles=handles + period_handles + truce_handles, loc="upper left", bbox_to_anchor=(1.01, 1.0),
               fontsize=9, frameon=False, title="event type", title_fontsize=9)
    # 2. events by direction: side-by-side bars for short series, step lines for long ones
    present = [d for d in ("ab", "ba", "mutual", "undirected")
               if sum(s.counts.get(d, {}).values(), np.zeros(s.n)).sum() > 0]
    for k, d in enumerate(present):
        arr = sum(s.counts.get(d, {}).values(), np.zeros(s.n))
        colour, ls = DIRECTION_STYLE[d]
        if s.n <= 60:
            sub = w / len(present)
            ax2.bar(mdates.date2num(x) + sub * k, arr, width=sub, align="edge", color=colour, lw=0,
                    label=direction_label(res, d))
        else:
            ax2.step(np.append(x, x[-1] + np.timedelta64(int(widths[-1]), "D")), np.append(arr, arr[-1]),
                     where="post", color=colour, ls=ls, lw=1.6, label=direction_label(res, d))
    shown_lo = s.periods[0] if s.n else None
    shown_hi = next_period(s.periods[-1], s.freq) if s.n else None
    mean_width = float(np.mean(widths)) if s.n else 7.0
    for agg in res.weekly.aggregates:
        colour, _ = DIRECTION_STYLE.get(agg.direction, DIRECTION_STYLE["undirected"])
        end = min(agg.end, res.until) if res.until else agg.end
        end = max(end, agg.start)
        span_days = (end - agg.start).days + 1
        per = (agg.count or 0) * mean_width / span_days  # average per bin over the span it covers
        lo = max(agg.start, shown_lo) if shown_lo else agg.start
        hi = min(end + timedelta(days=1), shown_hi) if shown_hi else end
        if hi <= lo:
            continue
        y = per if agg.count else 0.5
        ax2.plot([lo, hi], [y, y], color=colour, lw=5, alpha=0.45, solid_capstyle="butt")
        count = f"≥{agg.count}" if agg.count else "some"
        label = (f"aggregate report: {count} {agg.event.event.lower()} events {agg.start} to {end}"
                 f" (≈{per:.1f} per {unit})")
        ax2.annotate(label, (lo, y), xytext=(2, 5), textcoords="offset points", fontsize=8, color=colour)
    _shade(ax2, res)
    ax2.set_ylabel(f"events per {unit}")
    ax2.set_title("by direction (who acted)", loc="left", fontsize=10)
    ax2.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, frameon=False, title="direction",
               title_fontsize=9)
    ax2.set_ylim(bottom=0)
    # 3. fatalities
    bottom = np.zeros(s.n)
    for d in ("ab", "ba", "mutual", "undirected"):
        arr = s.fatalities.get(d, np.zeros(s.n))
        if arr.sum() == 0:
            continue
        colour, _ = DIRECTION_STYLE[d]
        ax3.bar(x, arr, width=w, bottom=bottom, align="edge", color=colour, alpha=0.85, lw=0,
                label=direction_label(res, d))
        bottom += arr
    _shade(ax3, res)
    ax3.set_ylabel(f"deaths per {unit}")
    ax3.set_title("fatalities (reported, lowest figure)", loc="left", fontsize=10)
    if bottom.sum() > 0:
        ax3.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, frameon=False, title="in events by",
                   title_fontsize=9)
    else:
        ax3.text(0.5, 0.5, "no fatalities reported", transform=ax3.transAxes, ha="center", va="center",
                 color="#666666")
    ax3.set_ylim(bottom=0)
    ax3.set_xlabel("date")
    for ax in axes:
        ax.grid(axis="y", color="#dddddd", lw=0.6)
        ax.spines[["top", "right"]].set_visible(False)
    if s.n:
        x_lo = np.datetime64(s.periods[0], "D")
        x_hi = np.datetime64(next_period(s.periods[-1], s.freq), "D")
        if x_hi - x_lo < np.timedelta64(14, "D"):
            x_lo, x_hi = x_lo - np.timedelta64(7, "D"), x_hi + np.timedelta64(7, "D")
        ax3.set_xlim(x_lo, x_hi)
    fig.autofmt_xdate(rotation=0, ha="center")
    return _png(fig, dpi)


def retaliation_png(res: DyadAnalysis, *, dpi: int = 100) -> bytes | None:
    """Branching ratios and response curves; None when no model was fitted."""
    fit = res.retaliation.fit
    if fit is None:
        return None
    plt = _plt()
    a, b = res.a.name, res.b.name
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(13, 4.6), gridspec_kw={"width_ratios": [1, 1], "wspace": 0.45})
    labels = [f"{b} answers {a}", f"{a} answers {b}", f"{a} follows up\nits own attacks",
              f"{b} follows up\nits own attacks"]
    ests = [fit.alpha[1][0], fit.alpha[0][1], fit.alpha[0][0], fit.alpha[1][1]]
    colours = [DIRECTION_STYLE["ba"][0], DIRECTION_STYLE["ab"][0], "#f4a582", "#92c5de"]
    y = np.arange(len(ests))[::-1]
    vals = np.array([e.value for e in ests])
    lo = np.array([e.value - e.low for e in ests])
    hi = np.array([min(e.high, 5.0) - e.value for e in ests])
    ax1.barh(y, vals, color=colours, height=0.6)
    ax1.errorbar(vals, y, xerr=[lo, hi], fmt="none", ecolor="black", capsize=4, lw=1.2)
    ax1.set_yticks(y, labels, fontsize=9)
    ax1.set_xlabel(f"branching ratio: extra attacks set off by one attack ({int(fit.level * 100)}% CI)")
    ax1.axvline(0, color="black", lw=0.8)
    ax1.set_title("how much one attack sets off", loc="left", fontsize=11, fontweight="bold")
    hl = fit.half_life.value
    days = np.linspace(0, max(5 * hl, 3.0), 200)
    unit = fit.beta.value * np.exp(-fit.beta.value * days)  # kernel of branching ratio 1
    for (i, j), colour, label in (((1, 0), DIRECTION_STYLE["ba"][0], f"{b} after one attack by {a}"),
                                  ((0, 1), DIRECTION_STYLE["ab"][0], f"{a} after one attack by {b}")):
        est = fit.alpha[i][j]
        ax2.plot(days, est.value * unit, color=colour, lw=2.2, label=label)
        ax2.plot(days, min(est.high, 5.0) * unit, color=colour, lw=1, ls="--",
                 label=f"  upper {int(fit.level * 100)}% bound")
    for (i, j), colour, label in (((0, 0), "#f4a582", f"{a} after its own attack"),
                                  ((1, 1), "#92c5de", f"{b} after its own attack")):
        ax2.plot(days, fit.alpha[i][j].value * unit, color=colour, lw=1.4, ls=":", label=label)
    ax2.axvline(hl, color="#555555", ls="-.", lw=1)
    ax2.annotate(f"half-life {hl:.1f} days", (hl, 0), xytext=(4, 4), textcoords="offset points", fontsize=9,
                 color="#555555")
    ax2.set_xlabel("days after the attack")
    ax2.set_ylabel("extra attacks per day")
    ax2.set_title("retaliation: extra attack rate after one attack", loc="left", fontsize=11, fontweight="bold")
    ax2.legend(fontsize=8.5, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax2.set_ylim(bottom=0)
    for ax in (ax1, ax2):
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="x", color="#dddddd", lw=0.6)
    return _png(fig, dpi)
