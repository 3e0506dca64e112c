"""Importers: UCDP GED (CSV with its HXL row, JSON Lines), ACLED CSV, GDELT event tables."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import shared_file

from sitrep.store import Store
from sitrep.store.exports import ACLED_COLUMNS, GDELT_COLUMNS, export
from sitrep.store.importers import import_acled, import_gdelt, import_ucdp


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "t.db")
    yield s
    s.close()


def ucdp_jsonl() -> list[dict]:
    path = shared_file("gold", "ucdp", "ucdp_ged_iraq_dev.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_ucdp_csv_skips_the_hxl_row_and_matches_the_jsonl(tmp_path: Path) -> None:
    recs = ucdp_jsonl()
    a = Store.open(tmp_path / "csv.db")
    s = import_ucdp(a, shared_file("gold", "ucdp", "ged_iraq_dev.csv"))
    assert s.rows == len(recs) and s.imported == len(recs) and not s.skipped
    b = Store.open(tmp_path / "jsonl.db")
    import_ucdp(b, shared_file("gold", "ucdp", "ucdp_ged_iraq_dev.jsonl"))
    ea, eb = a.events(), b.events()
    assert {e.event_id for e in ea} == {f"ucdp-{r['id']}" for r in recs}
    by_id = {e.event_id: e for e in eb}
    for ev in ea[:200]:  # the CSV and JSONL layouts give the same events
        other = by_id[ev.event_id]
        assert (ev.date, ev.fatalities, ev.location.name, ev.actor, ev.recipient) == \
               (other.date, other.fatalities, other.location.name, other.actor, other.recipient)
    assert not any(e.event_id.startswith("ucdp-#") for e in ea)
    a.close()
    b.close()


def test_ucdp_fields(store: Store) -> None:
    import_ucdp(store, shared_file("gold", "ucdp", "ucdp_ged_iraq_dev.jsonl"))
    for rec in ucdp_jsonl()[:50]:
        [ev] = store.reports(f"ucdp-{rec['id']}")
        assert ev.date == rec["date_start"]
        assert ev.fatalities == int(rec["best"])
        assert ev.location.lat == pytest.approx(float(rec["latitude"]))
        assert ev.location.country == "IRQ"
        assert ev.actor[0].name == rec["side_a"]
        assert ev.event == "ASSAULT"
        if rec["side_b"] == "Civilians":
            assert ev.recipient[0].type == "civilians" and ev.acled_event_type == "Violence against civilians"
    again = import_ucdp(store, shared_file("gold", "ucdp", "ucdp_ged_iraq_dev.jsonl"))
    assert again.imported == 0 and again.already == again.rows
    assert {e.event_id for e in store.events(origin="ucdp", since="2014-01-01", until="2014-12-31")} == \
        {f"ucdp-{r['id']}" for r in ucdp_jsonl() if "2014-01-01" <= r["date_start"] <= "2014-12-31"}


def _acled_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({c: r.get(c, "") for c in ACLED_COLUMNS})
    return buf.getvalue()


def test_acled_rows(store: Store, tmp_path: Path) -> None:
    # rows written for this test in ACLED's layout (not ACLED data)
    f = tmp_path / "acled.csv"
    f.write_text(_acled_csv([
        {"event_id_cnty": "IRQ9001", "event_date": "2021-06-27", "year": "2021", "time_precision": "1",
         "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
         "actor1": "Military Forces of the United States (2021-)", "inter1": "8",
         "actor2": "Kataib Hezbollah", "inter2": "3", "country": "Iraq", "admin1": "Al Anbar",
         "location": "Al Qaim", "latitude": "34.3700", "longitude": "41.0900", "geo_precision": "1",
         "notes": "On 27 June 2021, US aircraft struck militia depots near Al Qaim.", "fatalities": "4"},
        {"event_id_cnty": "IRQ9002", "event_date": "2021-06-28", "time_precision": "2",
         "event_type": "Strategic developments", "sub_event_type": "Other", "country": "Iraq"},
        {"event_id_cnty": "IRQ9003", "event_date": "2021-06-29", "time_precision": "1",
         "event_type": "Protests", "sub_event_type": "Peaceful protest", "actor1": "Protesters (Iraq)",
         "inter1": "6", "country": "Iraq", "location": "Baghdad", "latitude": "33.34", "longitude": "44.40",
         "geo_precision": "1", "fatalities": "0"},
    ]))
    s = import_acled(store, f)
    assert (s.rows, s.imported) == (3, 2) and sum(s.skipped.values()) == 1
    assert any("Other" in fl.reason for fl in store.failures())
    strike = store.reports("acled-IRQ9001")[0]
    assert (strike.event, strike.mode, strike.cameo) == ("ASSAULT", "aerial", "195")
    assert strike.location.country == "IRQ" and strike.fatalities == 4 and strike.recipient[0].inter == 3
    assert store.reports("acled-IRQ9003")[0].event == "PROTEST"
    # round trip: export as ACLED CSV, import into a fresh store
    out = tmp_path / "back.csv"
    export(store, "acled-csv", out)
    fresh = Store.open(tmp_path / "fresh.db")
    assert import_acled(fresh, out).imported == 2
    fresh.close()


def _gdelt_row(n_cols: int, gid: str, code: str) -> str:
    cols = list(GDELT_COLUMNS) if n_cols == 61 else [c for c in GDELT_COLUMNS if not c.endswith("ADM2Code")]
    vals = dict.fromkeys(cols, "")
    vals.update({"GLOBALEVENTID": gid, "SQLDATE": "20210627", "Actor1Code": "USAMIL", "Actor1Name": "UNITED STATES",
                 "Actor1CountryCode": "USA", "Actor2Code": "IRQREB", "Actor2Name": "MILITIA", "EventCode": code,
                 "ActionGeo_Type": "4", "ActionGeo_FullName": "Al Qaim, Al Anbar, Iraq",
                 "ActionGeo_CountryCode": "IZ", "ActionGeo_Lat": "34.37", "ActionGeo_Long": "41.09",
                 "SOURCEURL": "https://example.org/story"})
    return "\t".join(vals[c] for c in cols[:n_cols])


def test_gdelt_layouts(store: Store, tmp_path: Path) -> None:
    f = tmp_path / "20210628.export.CSV"
    f.write_text("\n".join([_gdelt_row(61, "1001", "195"), _gdelt_row(58, "1002", "190"),
                            _gdelt_row(61, "1003", "010"), "too\tfew\tcolumns"]) + "\n")
    s = import_gdelt(store, f)
    assert (s.rows, s.imported) == (4, 2)
    ev = store.reports("gdelt-1001")[0]
    assert (ev.event, ev.cameo, ev.date) == ("ASSAULT", "195", "2021-06-27")
    assert ev.actor[0].code == "USAMIL" and ev.recipient[0].type == "rebels"
    assert ev.location.name == "Al Qaim" and ev.location.country is None  # FIPS "IZ" is not ISO
    assert store.reports("gdelt-1002")[0].cameo == "190"


def test_gdelt_reads_sitrep_cameo_tsv(store: Store, tmp_path: Path) -> None:
    import_ucdp(store, shared_file("gold", "ucdp", "ucdp_ged_iraq_dev.jsonl"))
    out = tmp_path / "events.tsv"
    n = export(store, "cameo-tsv", out, since="2014-06-01", until="2014-06-30")
    fresh = Store.open(tmp_path / "fresh.db")
    s = import_gdelt(fresh, out)
    assert s.imported == n > 0
    fresh.close()
