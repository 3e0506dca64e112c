"""coding.calibration: the isotonic fit and the shipped table."""

from sitrep.coding.calibration import Calibration, default_calibration, fit_isotonic


def test_isotonic_fit_is_monotone_and_matches_rates():
    pairs = [(0.5, False)] * 40 + [(0.5, True)] * 10 + [(0.9, True)] * 45 + [(0.9, False)] * 5
    knots = fit_isotonic(pairs, min_n=10)
    assert [round(p, 2) for _, p in knots] == [0.2, 0.9]
    cal = Calibration(knots)
    assert cal(0.5) == 0.2 and cal(0.9) == 0.9 and 0.2 < cal(0.7) < 0.9


def test_small_blocks_are_merged():
    pairs = [(0.1, False)] * 50 + [(0.99, True)] * 3
    knots = fit_isotonic(pairs, min_n=30)
    assert len(knots) == 1


def test_shipped_table_is_monotone():
    cal = default_calibration()
    assert cal is not None
    values = [cal(x / 100) for x in range(0, 101, 5)]
    assert values == sorted(values) and all(0.0 <= v <= 1.0 for v in values)
