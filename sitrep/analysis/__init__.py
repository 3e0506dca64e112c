"""Dyads over time: sides, series, escalation periods, retaliation (Hawkes) and truces.

    >>> from sitrep.analysis import analyse, write_report
    >>> result = analyse(events, "Iran-aligned Iraqi militias", "US forces")
    >>> write_report(result, "report.html", png=True)

Modules: ``sides`` (sides as data, side matching, dyad events), ``series``
(daily/weekly/monthly series and the intensity scale), ``escalation`` (change
points), ``hawkes`` (bivariate Hawkes MLE), ``truces`` (truce state machine),
``dyad`` (all of it for one dyad), ``sources`` (store / UCDP adapters),
``figures`` and ``report`` (PNG and self-contained HTML), ``commands`` (CLI).
scipy and matplotlib (the ``analysis`` extra) are imported on first use.
"""

from __future__ import annotations

from typing import Any

__all__ = ["analyse", "write_report"]


def __getattr__(name: str) -> Any:
    if name == "analyse":
        from sitrep.analysis.dyad import analyse

        return analyse
    if name == "write_report":
        from sitrep.analysis.report import write_report

        return write_report
    raise AttributeError(f"module 'sitrep.analysis' has no attribute {name!r}")
