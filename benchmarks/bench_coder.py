"""Speed and memory of the coder, side by side with a naive spaCy baseline, in one run.

    python benchmarks/bench_coder.py --corpora ../shared/corpora [--processes 1,2] [--json out/bench_coder.json]

For each corpus (bbc_news.jsonl, voa_news.jsonl and an every-k-th sample of
reuters21578.jsonl) and each process count it measures:

- sitrep: ``sitrep.code_many(articles, n_process=N)``, consuming every result;
- baseline: the full spaCy pipeline (``defaults.SPACY_MODEL``, nothing disabled)
  ``nlp.pipe(texts, n_process=N)`` over every article's text — what a coder that
  parses everything pays before it extracts anything.

Every measurement runs in a fresh Python process, so one does not warm or
bloat another. Reported per run: articles/s and words/s (whitespace words) of
the coding loop (worker start-up included, model loading in the parent not),
load time, and memory: the peak of the summed RSS of the process and all its
descendants, sampled from /proc every 50 ms (``peak_rss_mb``), plus
``ru_maxrss`` of the process and of its largest reaped child (``getrusage``,
no third-party package needed). Prints a Markdown table (speed-up = sitrep
articles/s over baseline articles/s at the same process count) and writes JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
CORPORA = ("bbc_news.jsonl", "voa_news.jsonl", "reuters21578.jsonl")
#: Reuters-21578 has 21,578 short wire items; an every-k-th sample of this many
#: keeps the baseline's share of the run to about a minute per process count.
REUTERS_SAMPLE = 2000
SAMPLE_EVERY_S = 0.05


# --- memory ------------------------------------------------------------------------------------


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 1:
            kids.setdefault(int(fields[1]), []).append(int(entry.name))
    return kids


def tree_rss_mb(root: int) -> float:
    """Summed RSS (MB) of a process and all its descendants, from /proc."""
    kids = _children_map()
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _rss_kb(pid)
        stack.extend(kids.get(pid, []))
    return total / 1024


class PeakSampler:
    """Samples the process tree's summed RSS in a thread; ``peak_mb`` is the largest seen."""

    def __init__(self, every_s: float = SAMPLE_EVERY_S) -> None:
        self.every_s = every_s
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.available = os.path.isdir("/proc/self")

    def _run(self) -> None:
        pid = os.getpid()
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, tree_rss_mb(pid))
            self._stop.wait(self.every_s)

    def __enter__(self) -> PeakSampler:
        if self.available:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self.available:
            self._thread.join()
            self.peak_mb = max(self.peak_mb, tree_rss_mb(os.getpid()))


def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


# --- corpora ----------------------------------------------------------------------------------------


def load_corpus(path: Path, limit: int | None) -> list[dict[str, Any]]:
    """Articles of a JSONL corpus with non-empty text; every k-th one when ``limit`` is below the total."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                if (rec.get("text") or "").strip():
                    rows.append({"id": str(rec.get("id") or len(rows)), "text": rec["text"],
                                 "title": rec.get("title"), "date": _iso(rec.get("date"))})
    if limit is not None and limit < len(rows):
        step = -(-len(rows) // limit)
        rows = rows[::step][:limit]
    return rows


def _iso(raw: object) -> str | None:
    text = str(raw or "")
    return text[:10] if len(text) >= 10 and text[4] == "-" and text[7] == "-" else None


# --- one measurement (runs in a child process) ----------------------------------------------------------


def measure(spec: dict[str, Any]) -> dict[str, Any]:
    articles = load_corpus(Path(spec["path"]), spec.get("limit"))
    words = sum(len(a["text"].split()) for a in articles)
    n_process = int(spec["n_process"])
    t0 = time.perf_counter()
    events = failures = 0
    with PeakSampler() as sampler:
        if spec["kind"] == "sitrep":
            import sitrep
            from sitrep.models import Article, CodingFailure

            sitrep.code("Rebels attacked a police post.", date="2021-01-01")  # load lexicons and model
            load_s = time.perf_counter() - t0
            objs = [Article(text=a["text"], id=a["id"], title=a["title"], date=a["date"]) for a in articles]
            t1 = time.perf_counter()
            for _art, result in sitrep.code_many(objs, n_process=n_process, batch_size=int(spec["batch_size"])):
                if isinstance(result, CodingFailure):
                    failures += 1
                else:
                    events += len(result)
            run_s = time.perf_counter() - t1
        else:
            import spacy

            from sitrep import defaults

            nlp = spacy.load(defaults.SPACY_MODEL)
            load_s = time.perf_counter() - t0
            t1 = time.perf_counter()
            for _doc in nlp.pipe((a["text"] for a in articles), batch_size=int(spec["batch_size"]),
                                 n_process=n_process):
                pass
            run_s = time.perf_counter() - t1
    return {
        **{k: spec[k] for k in ("corpus", "kind", "n_process")},
        "articles": len(articles), "words": words, "load_s": round(load_s, 2), "run_s": round(run_s, 2),
        "articles_per_s": round(len(articles) / run_s, 1) if run_s else None,
        "words_per_s": round(words / run_s) if run_s else None,
        "peak_rss_mb": round(sampler.peak_mb, 1) if sampler.available else None,
        "maxrss_self_mb": round(_maxrss_mb(resource.RUSAGE_SELF), 1),
        "maxrss_largest_child_mb": round(_maxrss_mb(resource.RUSAGE_CHILDREN), 1),
        "events": events if spec["kind"] == "sitrep" else None,
        "failures": failures if spec["kind"] == "sitrep" else None,
    }


def run_child(spec: dict[str, Any], timeout_s: float) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, str(HERE), "--_measure", json.dumps(spec)],
                          capture_output=True, text=True, timeout=timeout_s)
    if proc.returncode != 0:
        return {**{k: spec[k] for k in ("corpus", "kind", "n_process")},
                "error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- report ------------------------------------------------------------------------------------------------


def _f(v: object, fmt: str = "{:,.1f}") -> str:
    return "-" if v is None else fmt.format(v)


def markdown(results: list[dict[str, Any]]) -> str:
    rows = ["| corpus | articles | words | processes | sitrep articles/s | sitrep words/s | sitrep peak RSS (MB) "
            "| spaCy articles/s | spaCy words/s | spaCy peak RSS (MB) | speed-up |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    keyed = {(r["corpus"], r["kind"], r["n_process"]): r for r in results}
    for corpus, n in dict.fromkeys((r["corpus"], r["n_process"]) for r in results):
        s = keyed.get((corpus, "sitrep", n), {})
        b = keyed.get((corpus, "baseline", n), {})
        ratio = (s["articles_per_s"] / b["articles_per_s"]) if s.get("articles_per_s") and b.get("articles_per_s") \
            else None
        base = s if "articles" in s else b
        rows.append(
            f"| {corpus} | {_f(base.get('articles'), '{:,}')} | {_f(base.get('words'), '{:,}')} | {n} "
            f"| {_f(s.get('articles_per_s'))} | {_f(s.get('words_per_s'), '{:,}')} | {_f(s.get('peak_rss_mb'), '{:,.0f}')} "
            f"| {_f(b.get('articles_per_s'))} | {_f(b.get('words_per_s'), '{:,}')} | {_f(b.get('peak_rss_mb'), '{:,.0f}')} "
            f"| {_f(ratio, '{:.1f}x')} |")
    for r in results:
        if "error" in r:
            rows.append(f"\n{r['corpus']} {r['kind']} n_process={r['n_process']}: FAILED: {r['error']}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=Path, default=Path("../shared/corpora"), help="folder of the JSONL corpora")
    ap.add_argument("--processes", default="1,2", help="comma-separated n_process values (default 1,2)")
    ap.add_argument("--corpus", action="append", choices=CORPORA, help="only this corpus (repeatable)")
    ap.add_argument("--max-articles", type=int, default=None,
                    help="every-k-th sample of at most N articles per corpus (default: all; Reuters: "
                         f"{REUTERS_SAMPLE})")
    ap.add_argument("--baseline-max-articles", type=int, default=None,
                    help="cap the baseline to an every-k-th sample of N articles (rates stay comparable)")
    ap.add_argument("--no-baseline", action="store_true", help="measure sitrep only")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--json", type=Path, default=Path("out/bench_coder.json"), help="where to write the JSON")
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds allowed per measurement")
    ap.add_argument("--_measure", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args._measure:
        print(json.dumps(measure(json.loads(args._measure))))
        return 0

    corpora = args.corpus or list(CORPORA)
    missing = [c for c in corpora if not (args.corpora / c).exists()]
    for c in missing:
        print(f"skipped {c}: {args.corpora / c} is absent", file=sys.stderr)
    corpora = [c for c in corpora if c not in missing]
    if not corpora:
        return 2
    procs = [int(p) for p in args.processes.split(",") if p.strip()]
    results: list[dict[str, Any]] = []
    for corpus in corpora:
        default_cap = REUTERS_SAMPLE if corpus.startswith("reuters") else None
        cap = args.max_articles if args.max_articles is not None else default_cap
        if cap is not None and default_cap is not None:
            cap = min(cap, default_cap)
        for n in procs:
            kinds = ["sitrep"] + ([] if args.no_baseline else ["baseline"])
            for kind in kinds:
                limit = cap
                if kind == "baseline" and args.baseline_max_articles is not None:
                    limit = min(cap or args.baseline_max_articles, args.baseline_max_articles)
                spec = {"corpus": corpus, "path": str(args.corpora / corpus), "kind": kind, "n_process": n,
                        "limit": limit, "batch_size": args.batch_size}
                print(f"measuring {kind} on {corpus} with n_process={n} ...", file=sys.stderr)
                res = run_child(spec, args.timeout)
                print("  " + json.dumps(res), file=sys.stderr)
                results.append(res)
    import spacy

    out = {
        "command": "python benchmarks/bench_coder.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "spacy": spacy.__version__},
        "results": results,
    }
    table = markdown(results)
    out["markdown"] = table
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(table)
    print(f"\nJSON written to {args.json}", file=sys.stderr)
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
