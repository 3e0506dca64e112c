"""``make demo``: code the seed article and a few real reports, print the events.

With ``../shared`` beside the checkout it codes the seed article
(``shared/seed/militias-truce.txt``, publication date 2021-07-01 per its
README) and the first conflict-heavy articles of ``shared/corpora/voa_news.jsonl``.
Without it, it codes short illustrative reports written for this project
(they are illustrations, not real news).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from rich.console import Console

from sitrep.models import Article

#: Written for this demo; not real reports.
ILLUSTRATIONS = (
    Article(id="illustration-1", date="2024-03-10", title="Illustration: a rocket attack on a base",
            text="Gunmen fired three rockets at a military base near Kirkuk on Saturday, a police officer said. "
                 "Two soldiers were wounded. No group claimed the attack."),
    Article(id="illustration-2", date="2024-03-12", title="Illustration: a protest and arrests",
            text="Hundreds of students marched in Khartoum on Monday to protest against rising bread prices. "
                 "Police fired tear gas and arrested at least 12 demonstrators, witnesses said."),
    Article(id="illustration-3", date="2024-03-15", title="Illustration: a threat and an offer",
            text="The rebel commander threatened to attack the capital if the army did not withdraw. "
                 "Mediators said both sides had agreed to hold talks in Addis Ababa next week."),
)
#: How many VOA articles the demo codes (the first ones holding an attack word).
N_VOA = 4


def demo_articles(shared: Path) -> list[Article]:
    seed = shared / "seed" / "militias-truce.txt"
    voa = shared / "corpora" / "voa_news.jsonl"
    if not seed.exists():
        return list(ILLUSTRATIONS)
    out = [Article(id="seed-militias-truce", text=seed.read_text(encoding="utf-8"), date="2021-07-01",
                   title="Iraqi militias seek truce with US, report claims (The Irish Times)", source="The Irish Times")]
    if voa.exists():
        with voa.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if any(w in rec["text"] for w in (" attack", " killed", " protest")) and len(rec["text"]) < 4000:
                    out.append(Article.from_dict({**rec, "source": "VOA"}))
                if len(out) > N_VOA:
                    break
    return out


def ingest_demo(articles: list[Article], out_dir: Path, console: Console) -> Path:
    """Ingest the demo articles into a fresh DuckDB store; print the summary and merged events."""
    from sitrep.ingest.run import ingest
    from sitrep.report_table import events_table
    from sitrep.store.db import Store

    out_dir.mkdir(parents=True, exist_ok=True)
    src = out_dir / "articles.jsonl"
    src.write_text("".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    db = out_dir / "sitrep.db"
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    with Store.open(db) as store:
        summary = ingest([str(src)], store, progress=False)
        console.print(f"[bold]store[/bold] {db}: {summary}")
        events = store.events()
    merged = [e for e in events if len(e.support) > 0]
    console.print(events_table(events, title=f"{len(events)} events in the store ({len(merged)} with several reports)"))
    return db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("demo-out"), help="folder for the demo store and report")
    parser.add_argument("--no-watch", dest="watch", action="store_false",
                        help="skip the last step: sitrep watch following a loopback feed of the articles")
    args = parser.parse_args(argv)
    from sitrep.pipeline import code_many
    from sitrep.report_table import events_table

    console = Console(width=max(140, Console().width))
    articles = demo_articles(args.shared)
    if articles and articles[0].id.startswith("illustration"):
        console.print(f"[yellow]{args.shared} not found: coding illustrative reports written for this demo.[/yellow]")
    t0 = time.perf_counter()
    n_events = 0
    for article, result in code_many(articles):
        if not isinstance(result, list):
            console.print(f"[red]skipped {result.item}: {result.reason}[/red]")
            continue
        n_events += len(result)
        console.print(events_table(result, title=f"{article.title or article.id}  [{article.date}]"))
    dt = time.perf_counter() - t0
    console.print(f"{len(articles)} articles, {n_events} events in {dt:.1f} s (including model load)")
    db = ingest_demo(articles, args.out, console)
    report_demo(db, args.out, console)
    if args.watch:
        from sitrep.watch.demo import run_demo

        console.rule("sitrep watch: the same articles arriving one by one on a loopback feed")
        run_demo(args.shared, args.out / "watch", echo=lambda m: console.print(m, markup=False, highlight=False))
    return 0


def report_demo(db: Path, out_dir: Path, console: Console) -> None:
    """Write the dyad report of the demo store (issue 6) and print its path."""
    try:
        from sitrep.analysis.report import demo_report
    except ImportError:
        return
    path = demo_report(db, out_dir)
    if path is not None:
        console.print(f"[bold]report[/bold] {path}")


if __name__ == "__main__":
    sys.exit(main())
