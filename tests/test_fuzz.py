"""Fuzz: generated bad input (binary, truncated, mis-encoded, huge numbers, odd dates,
malformed JSON / CSV / XML / HTML) through ``sitrep code``, ``sitrep ingest`` and each
importer. No traceback, no crash, nothing already stored lost.

The inputs come from a fixed seed and their number is bounded (``N_*``), so the test
is the same on every run and takes well under a minute; raise the numbers (or
change SEED) locally to fuzz harder.
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from store_helpers import make_event

from sitrep.cli import main
from sitrep.errors import SitrepError
from sitrep.store import Store
from sitrep.store.exports import ACLED_COLUMNS, GDELT_COLUMNS
from sitrep.store.importers import import_acled, import_gdelt, import_ucdp

SEED = 1313
N_ARTICLES = 48  # generated article files for code and ingest
N_TABLES = 12  # generated files per importer

GOOD = [
    "Gunmen killed five villagers in Kaduna state on Monday, police said.",
    "Troops shelled the town of Idlib on Tuesday, killing two civilians and wounding 12.",
    "Thousands of protesters marched in Nairobi against the new tax law.",
]
HUGE = ["99999999999999999999", "2147483648", "3000000000", "1e400", "-5", "nan", "4.5e9", "0x7fffffff"]
DATES = ["9999-99-99", "2099-01-01", "0000-00-00", "31/02/2021", "", "yesterday", "2021-13-45", "1066-10-14",
         "2021-06-27T25:61:00Z", "Thu, 31 Feb 2021 10:00:00 +0000"]


def _mangle(rng: random.Random, data: bytes) -> bytes:
    """One of: cut short, a random byte flipped, NULs spliced in, mis-encoded, or left alone."""
    kind = rng.randrange(6)
    if kind == 0 and data:
        return data[: rng.randrange(len(data))]
    if kind == 1 and data:
        b = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)
    if kind == 2 and data:
        i = rng.randrange(len(data))
        return data[:i] + b"\x00" * rng.randint(1, 3) + data[i:]
    if kind == 3:
        text = data.decode("utf-8", "replace")
        return text.encode(rng.choice(["utf-16-le", "cp1252", "latin-1", "utf-16"]), "replace")
    if kind == 4:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 3000)))
    return data


def _text(rng: random.Random) -> str:
    parts = [rng.choice(GOOD)]
    if rng.random() < 0.5:
        parts.append(f"Officials said {rng.choice(HUGE)} people were killed in a ${rng.choice(HUGE)} attack.")
    if rng.random() < 0.3:
        parts.append("\x1b[2J\x1b]0;owned\x07" + rng.choice(GOOD))
    return " ".join(parts)


def _article_file(rng: random.Random, folder: Path, i: int) -> Path:
    kind = rng.choice(["txt", "html", "json", "jsonl", "xml"])
    if kind == "txt":
        data = _text(rng).encode()
    elif kind == "html":
        depth = rng.choice([1, 10, 300])
        tag = rng.choice(["div", "p", "span"])
        data = (f"<html><head><title>{_text(rng)[:40]}</title><meta name='date' content='{rng.choice(DATES)}'>"
                "</head><body>" + f"<{tag}>" * depth + f"<p>{_text(rng)}</p>" + f"</{tag}>" * rng.choice([0, depth])
                + "</body>" + rng.choice(["</html>", "", "<!--", "<![CDATA["])).encode()
    elif kind == "json":
        rec = {"id": f"f{i}", "text": _text(rng), "date": rng.choice(DATES)}
        data = json.dumps(rng.choice([rec, [rec, rec], [rec, 5, None], "text", {"text": None}])).encode()
    elif kind == "jsonl":
        lines = [json.dumps({"id": f"f{i}-{j}", "text": _text(rng), "date": rng.choice(DATES + ["2021-06-01"])})
                 for j in range(rng.randint(1, 4))]
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(["{not json", '{"text": 5}', "[]", '"x"', "{}"]))
        data = ("\n".join(lines) + "\n").encode()
    else:  # an RSS feed without links: nothing here may fetch
        items = "".join(f"<item><title>t{j}</title><description>{_text(rng)}</description>"
                        f"<pubDate>{rng.choice(DATES)}</pubDate></item>" for j in range(rng.randint(0, 3)))
        data = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
                f"<rss><channel><title>&b;</title>{items}</channel></rss>").encode()
    path = folder / f"in{i:03d}.{kind}"
    path.write_bytes(_mangle(rng, data))
    return path


def _no_crash(res: Result) -> None:
    """Exit 0, 1 or 2 with one-line messages: never an exception that escaped."""
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        raise AssertionError(f"crashed: {res.exception!r}\n{res.output[-2000:]}") from res.exception
    assert res.exit_code in (0, 1, 2), res.output[-2000:]
    assert "Traceback" not in res.output


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = random.Random(SEED)
    folder = tmp_path_factory.mktemp("fuzz_articles")
    for i in range(N_ARTICLES):
        _article_file(rng, folder, i)
    return folder


def _seeded_store(path: Path) -> tuple[Store, set[str]]:
    store = Store.open(path)
    evs = [make_event(f"a{i}", GOOD[0], trigger="killed", fatalities=i) for i in range(5)]
    store.add_events_many([(e.article_id, [e]) for e in evs])
    return store, {e.event_id for e in evs}


def _kept(db: Path, before: dict[str, int], ids: set[str]) -> None:
    store = Store.open(db, read_only=True)
    after = store.stats()
    stored = {e.event_id for e in store.events(reports=True)}
    store.close()
    for key in ("articles", "article_reports", "events", "clusters", "batches"):
        assert after[key] >= before[key], (key, before, after)
    assert ids <= stored


def test_fuzz_code(articles: Path) -> None:
    for path in sorted(articles.iterdir()):
        _no_crash(CliRunner().invoke(main, ["code", str(path), "--format", "jsonl"]))
    _no_crash(CliRunner().invoke(main, ["code", str(articles), "--format", "table"]))


def test_fuzz_ingest_keeps_what_is_stored(articles: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    store, ids = _seeded_store(db)
    before = store.stats()
    store.close()
    res = CliRunner().invoke(main, ["ingest", str(articles), "--db", str(db), "--no-progress", "--batch-size", "7"])
    _no_crash(res)
    _kept(db, before, ids)
    again = CliRunner().invoke(main, ["ingest", str(articles), "--db", str(db), "--no-progress"])
    _no_crash(again)
    _kept(db, before, ids)


def _acled_rows(rng: random.Random, n: int) -> bytes:
    buf = io.StringIO()
    cols = list(ACLED_COLUMNS) if rng.random() < 0.7 else [c for c in ACLED_COLUMNS if c != "sub_event_type"]
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for _i in range(n):
        row = {"event_id_cnty": f"Z{rng.randrange(10**6)}", "event_date": rng.choice(DATES + ["2021-06-27"] * 5),
               "event_type": rng.choice(["Battles", "Remote violence", "Riots/Protests", "Nonsense"]),
               "sub_event_type": rng.choice(["Armed clash", "Air/drone strike", "", "Other", "bogus"]),
               "country": rng.choice(["Iraq", "Côte d'Ivoire", "", "Atlantis"]), "location": "Mosul",
               "latitude": rng.choice(["36.3", "999", "-91", "nan", "", "x"]),
               "longitude": rng.choice(["43.1", "1e400", "-181", ""]),
               "fatalities": rng.choice(HUGE + ["3", "", "0"]), "inter1": rng.choice(["1", "5", "6", "9" * 30]),
               "notes": rng.choice(['A "quoted" note, with commas', "x" * rng.choice([10, 200_000]), "é\n\r"])}
        w.writerow([row.get(c, "") for c in cols])
    return buf.getvalue().encode()


def _ucdp_rows(rng: random.Random, n: int) -> bytes:
    lines = []
    for _ in range(n):
        rec = {"id": rng.randrange(10**6), "type_of_violence": rng.choice([1, 2, 3, 4, "x", None]),
               "date_start": rng.choice(DATES + ["2014-06-01 00:00:00.000"] * 4), "best": rng.choice(HUGE + [4]),
               "latitude": rng.choice([36.3, 999, "x", None]), "longitude": rng.choice([43.1, -200, None]),
               "side_a": "Government of Iraq", "side_b": rng.choice(["IS", "Civilians", None]), "country": "Iraq"}
        lines.append(json.dumps(rec) if rng.random() < 0.9 else rng.choice(["{bad", "[1,2]", "null"]))
    return ("\n".join(lines) + "\n").encode()


def _gdelt_rows(rng: random.Random, n: int) -> bytes:
    lines = []
    for _i in range(n):
        vals = dict.fromkeys(GDELT_COLUMNS, "")
        vals.update({"GLOBALEVENTID": str(rng.randrange(10**9)), "SQLDATE": rng.choice(
            ["20210627", "99999999", "20210231", "2021", ""]), "EventCode": rng.choice(["190", "195", "010", "999", ""]),
            "ActionGeo_FullName": rng.choice(['Al "Qaim, Iraq', "Mosul", ""]),
            "ActionGeo_Lat": rng.choice(["34.3", "999", ""]), "ActionGeo_Long": rng.choice(["41.0", "-999", ""]),
            "Actor1Name": rng.choice(["MILITIA", "", '"']), "SOURCEURL": "https://example.org/x"})
        cells = [vals[c] for c in GDELT_COLUMNS]
        if rng.random() < 0.1:
            cells = cells[: rng.randrange(len(cells))]
        lines.append("\t".join(cells))
    return ("\n".join(lines) + rng.choice(["\n", ""])).encode()


IMPORTS: list[tuple[str, Callable[..., object], Callable[[random.Random, int], bytes], str]] = [
    ("acled", import_acled, _acled_rows, ".csv"),
    ("ucdp", import_ucdp, _ucdp_rows, ".jsonl"),
    ("gdelt", import_gdelt, _gdelt_rows, ".CSV"),
]


@pytest.mark.parametrize(("name", "importer", "make", "suffix"), IMPORTS, ids=[i[0] for i in IMPORTS])
def test_fuzz_importers_keep_what_is_stored(name: str, importer: Callable[..., object],
                                            make: Callable[[random.Random, int], bytes], suffix: str,
                                            tmp_path: Path) -> None:
    rng = random.Random(f"{SEED}-{name}")
    db = tmp_path / "s.db"
    store, ids = _seeded_store(db)
    before = store.stats()
    for i in range(N_TABLES):
        f = tmp_path / f"t{i}{suffix}"
        f.write_bytes(_mangle(rng, make(rng, rng.randint(1, 30))))
        try:
            importer(store, f)
        except SitrepError:
            pass  # a whole file refused by name (binary, no header): a one-line error on the CLI
        _no_crash(CliRunner().invoke(main, ["import", name, str(f), "--db", str(db)]))
    store.close()
    _kept(db, before, ids)
    res = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "cameo-tsv"])
    _no_crash(res)
    assert res.exit_code == 0
