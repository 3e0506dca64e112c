"""Retaliation: a bivariate Hawkes process with exponential kernels, fitted by maximum likelihood.

Two sides, A (index 0) and B (index 1). Side i's attack rate at time t (days) is

    lambda_i(t) = mu_i(t) + sum_j alpha[i, j] * sum_{t_jk < t} beta * exp(-beta * (t - t_jk))

* ``alpha[i, j]`` is a **branching ratio**: the expected number of extra attacks by
  side i that one attack by side j sets off (the kernel integrates to 1).
  ``alpha[1, 0]`` is "B answers A", ``alpha[0, 1]`` "A answers B", the diagonal is
  each side's own momentum (follow-on attacks, campaigns).
* ``beta`` is the decay, shared by all four kernels; the **half-life**
  ``ln 2 / beta`` says how long an attack keeps raising the rates.
* ``mu_i(t)`` is the background rate, constant or piecewise constant on given
  breakpoints (so that slow trends, a war starting or ending, are not mistaken for
  excitation: a constant background over years of changing intensity inflates
  every alpha).

The log-likelihood (written here, with its analytic gradient; no maintained package
estimates the decay and gives standard errors offline: docs/analysis.md) is

    sum_i [ sum_{k in i} log lambda_i(t_ik) - integral_0^T lambda_i(t) dt ]

and is maximised with scipy's bounded TNC optimiser from several starting decays. Confidence
intervals are Wald intervals from the observed information (numerical Hessian of
the analytic gradient): on the natural scale for the branching ratios (clipped
at 0), on the log scale for rates and the decay. The likelihood-ratio test of "no
cross-excitation" (alpha[0, 1] = alpha[1, 0] = 0) refers the statistic to the
chi-bar-squared mixture 1/4 chi2_0 + 1/2 chi2_1 + 1/4 chi2_2, since the null lies
on the boundary of the parameter space (Self and Liang 1987); each direction
alone to 1/2 chi2_0 + 1/2 chi2_1.

Day-resolution data has ties (several attacks on one day): :func:`spread_ties`
places the events of a day at evenly spaced times in a seeded random order,
so kernels much shorter than a day cannot be resolved; ``defaults`` bounds the
half-life below accordingly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sitrep import defaults
from sitrep.errors import MissingDependencyError

#: exp() argument kept under this in the blocked cumulative sums (exp(600) ~ 1e260).
_EXP_LIMIT = 600.0


def _scipy() -> Any:
    try:
        import scipy.optimize
        import scipy.stats
    except ImportError:
        raise MissingDependencyError("scipy", "analysis", purpose="the Hawkes retaliation model") from None
    return scipy


# --- kernel sums ------------------------------------------------------------------------------


def _source_sums(src: np.ndarray, beta: float) -> tuple[np.ndarray, np.ndarray]:
    """For sorted source times s: a_l = sum_{l' <= l} e^{-beta (s_l - s_l')} and
    b_l = sum_{l' <= l} (s_l - s_l') e^{-beta (s_l - s_l')}, in blocks short enough
    that exp() does not overflow (O(n), vectorised within a block)."""
    n = len(src)
    a = np.empty(n)
    b = np.empty(n)
    a_prev = b_prev = 0.0
    t_prev = None
    start = 0
    span = _EXP_LIMIT / beta
    while start < n:
        s0 = src[start]
        end = int(np.searchsorted(src, s0 + span, side="right"))
        rel = src[start:end] - s0
        e = np.exp(beta * rel)
        if t_prev is None:
            base0 = base1 = 0.0
        else:
            g = s0 - t_prev
            decay = math.exp(-beta * g)
            base0 = a_prev * decay
            base1 = -decay * (b_prev + g * a_prev)
        back = np.exp(-beta * rel)
        a_blk = back * (np.cumsum(e) + base0)
        b_blk = rel * a_blk - back * (np.cumsum(rel * e) + base1)
        a[start:end] = a_blk
        b[start:end] = b_blk
        a_prev, b_prev, t_prev = float(a_blk[-1]), float(b_blk[-1]), float(src[end - 1])
        start = end
    return a, b


def _kernel_sums(tgt: np.ndarray, src: np.ndarray, beta: float) -> tuple[np.ndarray, np.ndarray]:
    """S_k = sum_{s_l < t_k} e^{-beta (t_k - s_l)} and D_k = sum (t_k - s_l) e^{...} (= -dS/dbeta)
    for every target time t_k. Sources at the same instant as a target do not count."""
    S = np.zeros(len(tgt))
    D = np.zeros(len(tgt))
    if len(src) == 0 or len(tgt) == 0:
        return S, D
    a, b = _source_sums(src, beta)
    p = np.searchsorted(src, tgt, side="left") - 1
    ok = p >= 0
    pp = p[ok]
    g = tgt[ok] - src[pp]
    decay = np.exp(-beta * g)
    S[ok] = a[pp] * decay
    D[ok] = decay * (b[pp] + g * a[pp])
    return S, D


# --- the model --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HawkesData:
    """Event times (days from ``t0``) of the two sides on the window [0, T], and the
    background's breakpoints (days; empty = one constant background per side)."""

    times: tuple[np.ndarray, np.ndarray]
    T: float
    breaks: tuple[float, ...] = ()

    @property
    def n_segments(self) -> int:
        return len(self.breaks) + 1

    def segment_lengths(self) -> np.ndarray:
        edges = np.array([0.0, *self.breaks, self.T])
        return np.diff(edges)

    def segment_of(self, t: np.ndarray) -> np.ndarray:
        return np.searchsorted(np.asarray(self.breaks, dtype=float), t, side="right")


def _unpack(theta: np.ndarray, n_seg: int) -> tuple[np.ndarray, np.ndarray, float]:
    """theta = [log mu (2 x n_seg, side-major)], alpha (4, row-major [i, j]), log beta."""
    mu = np.exp(theta[: 2 * n_seg]).reshape(2, n_seg)
    alpha = theta[2 * n_seg: 2 * n_seg + 4].reshape(2, 2)
    beta = float(math.exp(theta[2 * n_seg + 4]))
    return mu, alpha, beta


def _pack(mu: np.ndarray, alpha: np.ndarray, beta: float) -> np.ndarray:
    return np.concatenate([np.log(np.asarray(mu, dtype=float).ravel()), np.asarray(alpha, dtype=float).ravel(),
                           [math.log(beta)]])


class _Likelihood:
    """Negative log-likelihood and its gradient in theta (see :func:`_unpack`)."""

    def __init__(self, data: HawkesData) -> None:
        self.data = data
        self.n_seg = data.n_segments
        self.seg_len = data.segment_lengths()
        self.seg = [data.segment_of(t) for t in data.times]
        self._cache: dict[float, Any] = {}

    def _sums(self, beta: float) -> Any:
        hit = self._cache.get(beta)
        if hit is not None:
            return hit
        times, T = self.data.times, self.data.T
        pair = {}
        for i in range(2):
            for j in range(2):
                pair[i, j] = _kernel_sums(times[i], times[j], beta)
        comp = []
        for j in range(2):
            rest = T - times[j]
            e = np.exp(-beta * rest)
            comp.append((float(np.sum(1.0 - e)), float(np.sum(rest * e))))
        out = (pair, comp)
        if len(self._cache) > 8:
            self._cache.clear()
        self._cache[beta] = out
        return out

    def __call__(self, theta: np.ndarray, fixed_zero: Sequence[int] = ()) -> tuple[float, np.ndarray]:
        n_seg = self.n_seg
        mu, alpha, beta = _unpack(theta, n_seg)
        pair, comp = self._sums(beta)
        ll = 0.0
        g_mu = np.zeros((2, n_seg))
        g_alpha = np.zeros((2, 2))
        g_beta = 0.0
        for i in range(2):
            lam = mu[i][self.seg[i]].copy()
            for j in range(2):
                S, _ = pair[i, j]
                lam += alpha[i, j] * beta * S
            if np.any(lam <= 0):
                return 1e300, np.zeros_like(theta)
            inv = 1.0 / lam
            ll += float(np.sum(np.log(lam))) - float(mu[i] @ self.seg_len)
            g_mu[i] = np.bincount(self.seg[i], weights=inv, minlength=n_seg) - self.seg_len
            for j in range(2):
                S, D = pair[i, j]
                c1, c2 = comp[j]
                ll -= alpha[i, j] * c1
                g_alpha[i, j] = beta * float(inv @ S) - c1
                g_beta += alpha[i, j] * (float(inv @ (S - beta * D)) - c2)
        grad = np.concatenate([(g_mu * mu).ravel(), g_alpha.ravel(), [g_beta * beta]])
        for k in fixed_zero:
            grad[k] = 0.0
        return -ll, -grad


# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its 95% (by default) confidence interval."""

    value: float
    low: float
    high: float
    se: float | None = None

    def covers(self, x: float) -> bool:
        return self.low <= x <= self.high

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "low": self.low, "high": self.high, "se": self.se}


@dataclass(frozen=True)
class LRTest:
    """Likelihood-ratio test of a restricted model against the full one."""

    null: str
    statistic: float
    p_value: float
    loglik_null: float

    def to_dict(self) -> dict[str, Any]:
        return {"null": self.null, "statistic": self.statistic, "p_value": self.p_value,
                "loglik_null": self.loglik_null}


@dataclass(frozen=True)
class HawkesFit:
    """A fitted bivariate Hawkes model. Side 0 is A, side 1 is B; times in days."""

    sides: tuple[str, str]
    n_events: tuple[int, int]
    T: float
    breaks: tuple[float, ...]
    mu: tuple[tuple[Estimate, ...], tuple[Estimate, ...]]  # per side, per background segment
    alpha: tuple[tuple[Estimate, Estimate], tuple[Estimate, Estimate]]  # alpha[i][j]: j excites i
    beta: Estimate
    half_life: Estimate  # days
    loglik: float
    converged: bool
    spectral_radius: float
    tests: dict[str, LRTest] = field(default_factory=dict)
    level: float = 0.95

    def theta(self) -> np.ndarray:
        mu = np.array([[m.value for m in row] for row in self.mu])
        alpha = np.array([[a.value for a in row] for row in self.alpha])
        return _pack(mu, alpha, self.beta.value)

    def response(self, i: int, j: int, days: np.ndarray) -> np.ndarray:
        """Extra attacks per day by side i, ``days`` after one attack by side j."""
        b = self.beta.value
        return self.alpha[i][j].value * b * np.exp(-b * np.asarray(days, dtype=float))

    def to_dict(self) -> dict[str, Any]:
        a, b = self.sides
        return {
            "sides": list(self.sides), "n_events": list(self.n_events), "T_days": self.T,
            "breaks_days": list(self.breaks),
            "mu": {s: [m.to_dict() for m in row] for s, row in zip(self.sides, self.mu, strict=True)},
            "branching": {
                f"{a} -> {a}": self.alpha[0][0].to_dict(), f"{b} -> {a}": self.alpha[0][1].to_dict(),
                f"{a} -> {b}": self.alpha[1][0].to_dict(), f"{b} -> {b}": self.alpha[1][1].to_dict(),
            },
            "beta_per_day": self.beta.to_dict(), "half_life_days": self.half_life.to_dict(),
            "loglik": self.loglik, "converged": self.converged, "spectral_radius": self.spectral_radius,
            "tests": {k: t.to_dict() for k, t in self.tests.items()}, "level": self.level,
        }


# --- fitting ----------------------------------------------------------------------------------


def _bounds(data: HawkesData, fixed_zero: Sequence[int]) -> list[tuple[float | None, float | None]]:
    n_seg = data.n_segments
    hl_min, hl_max = defaults.HAWKES_HALF_LIFE_BOUNDS_DAYS
    hl_max = min(hl_max, max(data.T / 2.0, 2 * hl_min))
    log_beta = (math.log(math.log(2) / hl_max), math.log(math.log(2) / hl_min))
    out: list[tuple[float | None, float | None]] = [(math.log(1e-9), math.log(1e3))] * (2 * n_seg)
    for k in range(4):
        idx = 2 * n_seg + k
        out.append((0.0, 0.0) if idx in fixed_zero else (0.0, defaults.HAWKES_MAX_BRANCHING))
    out.append(log_beta)
    return out


def _optimise(nll: _Likelihood, data: HawkesData, fixed_zero: Sequence[int]) -> tuple[np.ndarray, float, bool]:
    scipy = _scipy()
    n_seg = data.n_segments
    bounds = _bounds(data, fixed_zero)
    lo_b, hi_b = bounds[-1]
    best: tuple[np.ndarray, float, bool] | None = None
    rates = [max(len(t), 1) / data.T for t in data.times]
    for hl in defaults.HAWKES_START_HALF_LIVES_DAYS:
        lb = min(max(math.log(math.log(2) / hl), lo_b), hi_b)  # type: ignore[type-var]
        x0 = np.concatenate([np.log(np.repeat(np.array(rates) * 0.6, n_seg)),
                             [0.0 if 2 * n_seg + k in fixed_zero else 0.2 for k in range(4)], [lb]])
        # TNC first: as exact here as L-BFGS-B or SLSQP (log-likelihoods agree to 1e-8 on the UCDP
        # fit) and it makes no BLAS calls, which on a busy machine spin OpenBLAS threads and
        # made the others 5-10x slower; the others are fallbacks
        res = scipy.optimize.minimize(nll, x0, args=(tuple(fixed_zero),), jac=True, method="TNC", bounds=bounds,
                                      options={"maxfun": 20000, "ftol": 1e-12, "gtol": 1e-8})
        for method, opts in (("SLSQP", {"maxiter": 1000, "ftol": 1e-10}), ("L-BFGS-B", {"maxiter": 2000})):
            if res.success and np.isfinite(res.fun):
                break
            alt = scipy.optimize.minimize(nll, x0, args=(tuple(fixed_zero),), jac=True, method=method,
                                          bounds=bounds, options=opts)
            if alt.success or alt.fun < res.fun:
                res = alt
        if best is None or res.fun < best[1]:
            best = (np.asarray(res.x), float(res.fun), bool(res.success))
    assert best is not None
    return best


def _hessian(nll: _Likelihood, theta: np.ndarray, free: list[int]) -> np.ndarray:
    """Observed information on the free coordinates: central differences of the
    analytic gradient, symmetrised. One-sided steps at a bound at zero."""
    n = len(free)
    H = np.zeros((n, n))
    for a, k in enumerate(free):
        h = 1e-5 * max(1.0, abs(theta[k]))
        up, dn = theta.copy(), theta.copy()
        up[k] += h
        dn[k] -= h
        if k in _alpha_idx(nll) and dn[k] < 0:
            dn[k] = theta[k]
            step = h
        else:
            step = 2 * h
        gu = nll(up)[1]
        gd = nll(dn)[1]
        H[a] = (gu[free] - gd[free]) / step
    return (H + H.T) / 2.0


def _alpha_idx(nll: _Likelihood) -> range:
    return range(2 * nll.n_seg, 2 * nll.n_seg + 4)


def fit(times_a: Sequence[float] | np.ndarray, times_b: Sequence[float] | np.ndarray, T: float, *,
        breaks: Sequence[float] = (), sides: tuple[str, str] = ("A", "B"), level: float = 0.95,
        tests: bool = True) -> HawkesFit:
    """Fit the bivariate model to event times (days, within [0, T]) of sides A and B.

    ``breaks``: days where the background rates may change (piecewise-constant
    background). ``tests``: also fit the restricted models for the
    likelihood-ratio tests (no cross-excitation at all; none from A to B; none
    from B to A).
    """
    scipy = _scipy()
    ta = np.sort(np.asarray(times_a, dtype=float))
    tb = np.sort(np.asarray(times_b, dtype=float))
    if T <= 0:
        raise ValueError("the observation window T must be positive")
    if (len(ta) and (ta[0] < 0 or ta[-1] > T)) or (len(tb) and (tb[0] < 0 or tb[-1] > T)):
        raise ValueError("event times must lie within [0, T]")
    data = HawkesData((ta, tb), float(T), tuple(sorted(float(b) for b in breaks if 0 < b < T)))
    nll = _Likelihood(data)
    n_seg = data.n_segments
    theta, fun, ok = _optimise(nll, data, ())
    mu, alpha, beta = _unpack(theta, n_seg)
    # observed information on coordinates not pinned at a bound (an alpha at 0 gets a one-sided
    # interval from the curvature there; a rate at its lower bound is a segment with no events)
    floor = math.log(1e-9) + 2.0  # a background rate this close to the bound is pinned there
    free = [k for k in range(len(theta)) if not (k < 2 * n_seg and theta[k] <= floor)]
    H = _hessian(nll, theta, free)
    try:
        cov_free = np.linalg.inv(H)
        if not np.all(np.isfinite(cov_free)) or np.any(np.diag(cov_free) < 0):
            raise np.linalg.LinAlgError
    except np.linalg.LinAlgError:
        cov_free = np.linalg.pinv(H)
    var = np.full(len(theta), np.nan)
    var[free] = np.abs(np.diag(cov_free))
    se = np.sqrt(var)
    z = float(scipy.stats.norm.ppf(0.5 + level / 2))

    def log_est(k: int) -> Estimate:
        v = math.exp(theta[k])
        s = se[k]
        if not np.isfinite(s) or z * s > 50:  # unidentified: no interval worth printing
            return Estimate(v, 0.0 if k < 2 * n_seg else v, math.inf, None)
        return Estimate(v, math.exp(theta[k] - z * s), math.exp(theta[k] + z * s), float(v * s))

    def lin_est(k: int) -> Estimate:
        v = float(theta[k])
        s = se[k]
        if not np.isfinite(s):
            return Estimate(v, 0.0, math.inf, None)
        return Estimate(v, max(0.0, v - z * s), v + z * s, float(s))

    mu_est = tuple(tuple(log_est(i * n_seg + s) for s in range(n_seg)) for i in range(2))
    a0 = 2 * n_seg
    alpha_est = ((lin_est(a0), lin_est(a0 + 1)), (lin_est(a0 + 2), lin_est(a0 + 3)))
    beta_est = log_est(a0 + 4)
    ln2 = math.log(2)
    hl = Estimate(ln2 / beta_est.value, ln2 / beta_est.high if beta_est.high > 0 else 0.0,
                  ln2 / beta_est.low if beta_est.low > 0 else math.inf,
                  (beta_est.se * ln2 / beta_est.value ** 2) if beta_est.se is not None else None)
    radius = float(max(abs(np.linalg.eigvals(alpha))))
    out_tests: dict[str, LRTest] = {}
    if tests:
        chi2 = scipy.stats.chi2
        for name, zero, null in (
            ("no_cross", (a0 + 1, a0 + 2), "neither side's attacks raise the other's rate"),
            ("no_a_to_b", (a0 + 2,), f"{sides[0]}'s attacks do not raise {sides[1]}'s rate"),
            ("no_b_to_a", (a0 + 1,), f"{sides[1]}'s attacks do not raise {sides[0]}'s rate"),
        ):
            _th0, fun0, _ = _optimise(nll, data, zero)
            stat = max(0.0, 2.0 * (fun0 - fun))
            if len(zero) == 2:
                p = 0.5 * float(chi2.sf(stat, 1)) + 0.25 * float(chi2.sf(stat, 2)) if stat > 0 else 1.0
            else:
                p = 0.5 * float(chi2.sf(stat, 1)) if stat > 0 else 1.0
            out_tests[name] = LRTest(null, stat, p, -fun0)
    return HawkesFit(
        sides=sides, n_events=(len(ta), len(tb)), T=float(T), breaks=data.breaks, mu=mu_est,  # type: ignore[arg-type]
        alpha=alpha_est, beta=beta_est, half_life=hl, loglik=-fun, converged=ok, spectral_radius=radius,
        tests=out_tests, level=level)


def loglik(times_a: Sequence[float] | np.ndarray, times_b: Sequence[float] | np.ndarray, T: float,
           mu: Sequence[float] | np.ndarray, alpha: np.ndarray | Sequence[Sequence[float]], beta: float,
           breaks: Sequence[float] = ()) -> float:
    """Log-likelihood at given parameters (``mu``: two rates, or 2 x segments)."""
    data = HawkesData((np.sort(np.asarray(times_a, float)), np.sort(np.asarray(times_b, float))), float(T),
                      tuple(breaks))
    m = np.asarray(mu, dtype=float).reshape(2, -1)
    nll = _Likelihood(data)
    return -nll(_pack(m, np.asarray(alpha, dtype=float), beta))[0]


# --- simulation -------------------------------------------------------------------------------


def simulate(mu: Sequence[float] | np.ndarray, alpha: np.ndarray | Sequence[Sequence[float]], beta: float,
             T: float, rng: np.random.Generator, *, breaks: Sequence[float] = ()) -> tuple[np.ndarray, np.ndarray]:
    """Simulate the bivariate model on [0, T] by Ogata's thinning.

    ``mu``: the two background rates, or 2 x (len(breaks) + 1) rates for a
    piecewise-constant background changing at ``breaks``. Between events the
    excitation only decays, so the total intensity just after the last event (or
    candidate, or breakpoint) bounds it until the next one; a candidate past a
    breakpoint is dropped and the clock restarts there (the exponential waiting
    time is memoryless).
    """
    m = np.asarray(mu, dtype=float).reshape(2, -1)
    edges = [float(b) for b in breaks] + [math.inf]
    if m.shape[1] != len(edges):
        raise ValueError("mu needs one rate per side and background segment")
    a = np.asarray(alpha, dtype=float)
    excite = np.zeros(2)  # sum_j alpha[i, j] * beta * sum_k exp(-beta (t - t_jk)), per side i
    t = 0.0
    seg = 0
    out: list[list[float]] = [[], []]
    while True:
        base = m[:, seg]
        bound = float(base.sum() + excite.sum())
        w = rng.exponential(1.0 / bound)
        if t + w >= edges[seg]:
            excite *= math.exp(-beta * (edges[seg] - t))
            t = edges[seg]
            seg += 1
            if t >= T:
                break
            continue
        t += w
        if t > T:
            break
        excite *= math.exp(-beta * w)
        lam = base + excite
        u = rng.uniform(0.0, bound)
        if u < lam[0]:
            k = 0
        elif u < lam[0] + lam[1]:
            k = 1
        else:
            continue  # rejected candidate
        out[k].append(t)
        excite += a[:, k] * beta
    return np.array(out[0]), np.array(out[1])


def spread_ties(days: Sequence[float] | np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Day-resolution event days -> distinct times: the n events of one day go to
    day + (r + 0.5) / n for a random order r (seeded), so no two coincide and none
    leaves its day."""
    d = np.asarray(days, dtype=float)
    out = d.copy()
    if len(d) == 0:
        return out
    uniq, inv, counts = np.unique(np.floor(d), return_inverse=True, return_counts=True)
    for u_idx in np.nonzero(counts > 1)[0]:
        members = np.nonzero(inv == u_idx)[0]
        order = rng.permutation(len(members))
        out[members] = uniq[u_idx] + (order + 0.5) / len(members)
    single = counts[inv] == 1
    out[single] = np.floor(d[single]) + 0.5
    return np.sort(out)
