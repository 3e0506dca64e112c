"""Gold-set evaluation: loaders, scorers, the ``sitrep eval`` command and the CI gate.

    sitrep eval [SET...] [--gold-dir ../shared/gold] [--report out.json] [--fast] [--fold 0|1]
    python -m sitrep.eval.gate

Modules: one per gold set (case2021, plover, petrarch, m2e2, event_place for
the event_location set, glocon, ucdp) with ``load`` / ``predict`` / ``score``;
``event_location`` is the place picker's own component scorer, which
``event_place`` wraps; ``calibration`` pools
the events they judge; ``metrics`` and ``sampling`` hold the shared arithmetic;
``runner`` orchestrates; ``tables`` prints; ``commands`` is the CLI; ``gate``
and ``floors`` are the CI gate.
"""
