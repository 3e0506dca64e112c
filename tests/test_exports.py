"""Every export format writes the store's canonical events and parses back."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pytest
from conftest import seed_text, shared_file
from store_helpers import make_event

from sitrep.errors import StoreError
from sitrep.models import Actor, Article, Event, Place, article_id_for
from sitrep.store import Store
from sitrep.store.exports import ACLED_COLUMNS, FORMATS, GDELT_COLUMNS, export, read_export
from sitrep.store.importers import import_ucdp

US = Actor(text="US", name="United States", country="USA", type="military", inter=8, code="USAMIL")
KH = Actor(text="Kataeb Hizbullah", name="Kataib Hezbollah", country="IRQ", type="militia", inter=3)
OWN = "US jets bombed Kataib Hezbollah depots near al-Qaim on Sunday, killing five, a monitor said."


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = Store.open(tmp_path_factory.mktemp("exp") / "t.db")
    text = seed_text()
    aid = article_id_for(text)
    sent = next(line for line in text.splitlines() if "killed in US strikes" in line)
    place = Place(text="al-Qaim", name="Al-Qaim", country="IRQ", admin1="Anbar", lat=34.37, lon=41.09,
                  geo_precision=1)
    a = make_event(aid, sent, text, trigger="strikes", mode="aerial", actor=[US], recipient=[KH], place=place,
                   fatalities=4, date="2021-06-27")
    b = make_event(article_id_for(OWN), OWN, OWN, trigger="bombed", mode="aerial", actor=[US], recipient=[KH],
                   place=place, fatalities=5, date="2021-06-27")
    a, b = (dataclasses.replace(e, acled_event_type="Explosions/Remote violence",
                                acled_sub_event_type="Air/drone strike", cameo="195") for e in (a, b))
    rockets = make_event(aid, next(line for line in text.splitlines() if "fire rockets" in line), text,
                         trigger="fire rockets", mode="heavy-weapons",
                         actor=[Actor(text="militiamen", name="Iraqi militias", country="IRQ", type="militia",
                                      inter=3)], recipient=[US], date="2021-06-28")
    s.add_articles([Article(text=text, source="The Irish Times", url="https://example.org/truce")])
    s.add_events_many([(aid, [a, rockets]), (b.article_id, [b])])
    import_ucdp(s, shared_file("gold", "ucdp", "ucdp_ged_iraq_dev.jsonl"))
    yield s
    s.close()


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_parses_back(store: Store, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"events.{fmt}"
    n = export(store, fmt, out)
    back = read_export(fmt, out)
    assert len(back) == n
    events = store.events()
    want = [e.event_id for e in events if fmt != "acled-csv" or e.acled_event_type]
    assert [r["id"] for r in back] == want
    assert n > 3000  # the UCDP events are in


def test_plover_records(store: Store) -> None:
    buf = io.StringIO()
    export(store, "plover", buf, origin="sitrep")
    recs = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert len(recs) == 2  # the two strike reports are one event
    strike = next(r for r in recs if r["event"] == "ASSAULT" and r["mode"] == "aerial")
    assert strike["cite_info"]["reports"] == 2 and strike["fatalities"] == 4
    assert strike["actor"][0]["code"] == "USAMIL" and strike["recipient"][0]["name"] == "Kataib Hezbollah"
    assert strike["event_loc"]["name"] == "Al-Qaim"
    trig = strike["text_info"]["trigger"]
    text = seed_text()
    assert text[trig["start"]:trig["end"]] == trig["text"]
    assert "The Irish Times" in strike["cite_info"]["sources"]


def test_acled_csv_columns_and_values(store: Store) -> None:
    buf = io.StringIO()
    export(store, "acled-csv", buf, origin="sitrep")
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS
    [row] = rows  # the rocket report has no ACLED type: not an ACLED event here
    assert row["sub_event_type"] == "Air/drone strike" and row["fatalities"] == "4"
    assert row["actor1"] == "United States" and row["actor2"] == "Kataib Hezbollah"
    assert row["inter1"] == "8" and row["interaction"] == "38"
    assert row["iso"] == "368" and row["country"] == "Iraq" and row["time_precision"] == "1"
    assert row["disorder_type"] == "Political violence"


def test_cameo_tsv_columns(store: Store) -> None:
    buf = io.StringIO()
    export(store, "cameo-tsv", buf, origin="sitrep")
    rows = list(csv.DictReader(io.StringIO(buf.getvalue()), delimiter="\t"))
    assert tuple(rows[0]) == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61
    strike = next(r for r in rows if r["EventCode"] == "195")
    assert strike["EventRootCode"] == "19" and strike["QuadClass"] == "4"
    assert strike["SQLDATE"] == "20210627" and strike["NumMentions"] == "2"
    assert strike["Actor1Code"] == "USAMIL" and strike["ActionGeo_Type"] == "4"


def test_parquet_round_trips_records(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.parquet"
    export(store, "parquet", out, origin="sitrep")
    rows = read_export("parquet", out)
    assert [Event.from_dict(json.loads(r["record"])) for r in rows] == store.events(origin="sitrep")
    with pytest.raises(StoreError, match="--out"):
        export(store, "parquet", io.StringIO())
    with pytest.raises(StoreError):
        export(store, "xml", io.StringIO())
