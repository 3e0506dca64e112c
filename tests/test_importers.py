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


# --- bad input: every row checked, nothing lost silently ---------------------------------------


def _gdelt_file(path: Path, rows: list[str], *, end: str = "\n") -> Path:
    path.write_text("\n".join(rows) + end, encoding="utf-8")
    return path


def _refused(store: Store) -> dict[str, str]:
    return {f.item.rsplit(":", 1)[-1]: f.reason for f in store.failures()}


def test_gdelt_stray_quote_does_not_swallow_rows(store: Store, tmp_path: Path) -> None:
    rows = [_gdelt_row(61, str(2000 + i), "190") for i in range(50)]
    rows[1] = rows[1].replace("Al Qaim", 'Al "Qaim')  # a stray quote: plain TSV has no quoting
    s = import_gdelt(store, _gdelt_file(tmp_path / "q.CSV", rows))
    assert (s.rows, s.imported, sum(s.skipped.values())) == (50, 50, 0)
    assert store.reports("gdelt-2001")[0].location.name == 'Al "Qaim'


def test_gdelt_truncated_last_row_is_reported_not_imported(store: Store, tmp_path: Path) -> None:
    rows = [_gdelt_row(61, "3001", "190"), _gdelt_row(61, "3002", "190"), _gdelt_row(61, "3003", "190")[:120]]
    s = import_gdelt(store, _gdelt_file(tmp_path / "t.CSV", rows, end=""))
    assert (s.rows, s.imported) == (3, 2)
    assert "truncated" in _refused(store)["3"]
    assert not store.reports("gdelt-3003")


def test_impossible_dates_and_coordinates_are_refused_with_line_numbers(store: Store, tmp_path: Path) -> None:
    base = {"event_type": "Battles", "sub_event_type": "Armed clash", "country": "Iraq", "location": "Mosul",
            "latitude": "36.34", "longitude": "43.13", "fatalities": "2"}
    f = tmp_path / "acled.csv"
    f.write_text(_acled_csv([
        {**base, "event_id_cnty": "B1", "event_date": "2021-06-27"},
        {**base, "event_id_cnty": "B2", "event_date": "9999-99-99"},
        {**base, "event_id_cnty": "B3", "event_date": "2021-02-31"},
        {**base, "event_id_cnty": "B4", "event_date": "2021-06-27", "longitude": "999"},
        {**base, "event_id_cnty": "B5", "event_date": "2099-06-27"},
    ]))
    s = import_acled(store, f)
    assert (s.rows, s.imported) == (5, 1)
    why = _refused(store)
    assert "not a real calendar date" in why["3"] and "not a real calendar date" in why["4"]
    assert "longitude 999.0" in why["5"] and "future" in why["6"]
    assert [r[0].rsplit(":", 1)[-1] for r in s.rejected] == ["3", "4", "5", "6"]
    # and the CAMEO TSV export of the whole store still works
    assert export(store, "cameo-tsv", tmp_path / "out.tsv") == 1
    g = tmp_path / "g.CSV"
    rows = [_gdelt_row(61, "4001", "190"), _gdelt_row(61, "4002", "190").replace("20210627", "20210231"),
            _gdelt_row(61, "4003", "190").replace("41.09", "999")]
    s = import_gdelt(store, _gdelt_file(g, rows))
    assert s.imported == 1 and set(s.skipped) == {"not a real date", "longitude out of range"}


def test_huge_fatalities_refuse_only_their_row(store: Store, tmp_path: Path) -> None:
    base = {"event_type": "Battles", "sub_event_type": "Armed clash", "country": "Iraq", "event_date": "2021-06-27"}
    f = tmp_path / "acled.csv"
    f.write_text(_acled_csv([{**base, "event_id_cnty": f"H{i}", "fatalities": "3"} for i in range(20)]
                            + [{**base, "event_id_cnty": "HUGE", "fatalities": "99999999999"}]))
    s = import_acled(store, f)
    assert (s.rows, s.imported) == (21, 20) and "implausible" in _refused(store)["22"]


def test_cameo_tsv_export_survives_odd_stored_values(store: Store, tmp_path: Path) -> None:
    from store_helpers import make_event

    sent = "Gunmen killed villagers in Kaduna on Monday."
    odd = [make_event("a1", sent, trigger="killed", date="9999-99-99"),
           make_event("a2", sent + "\tTabbed\nline", trigger="killed", date="2021-02-31")]
    store.add_events_many([("a1", odd[:1]), ("a2", odd[1:])])
    out = tmp_path / "odd.tsv"
    assert export(store, "cameo-tsv", out) == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and all(len(ln.split("\t")) == len(GDELT_COLUMNS) for ln in lines)


@pytest.mark.parametrize(("encoding", "bom"), [("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("latin-1", b""),
                                               ("utf-16", b"")])
def test_import_reads_any_encoding(store: Store, tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = _acled_csv([{"event_id_cnty": "E1", "event_date": "2021-06-27", "event_type": "Battles",
                        "sub_event_type": "Armed clash", "country": "Côte d'Ivoire", "location": "Abobo – Zone 4",
                        "notes": "Clashes in Abobo; “heavy” gunfire."}])
    if encoding == "latin-1":
        text = text.replace("–", "-").replace("“", '"').replace("”", '"')
    f = tmp_path / "e.csv"
    f.write_bytes(bom + text.encode(encoding))
    s = import_acled(store, f)
    assert s.imported == 1, str(s)
    ev = store.reports("acled-E1")[0]
    dash, quote = ("-", '"heavy"') if encoding == "latin-1" else ("–", "“heavy”")
    assert ev.location.name == f"Abobo {dash} Zone 4" and quote in ev.evidence.sentence
    assert ev.location.country == "CIV"  # "Côte d'Ivoire" read right


def test_binary_file_is_refused_by_name(store: Store, tmp_path: Path) -> None:
    from sitrep.errors import EncodingError

    f = tmp_path / "data.csv"
    f.write_bytes(b"event_id_cnty,event_date\n\x00\x01\x02\xff" * 10)
    with pytest.raises(EncodingError, match="binary"):
        import_acled(store, f)
    from click.testing import CliRunner

    from sitrep.cli import main

    res = CliRunner().invoke(main, ["import", "acled", str(f), "--db", str(tmp_path / "c.db")])
    assert res.exit_code == 2 and "binary" in res.output and len(res.output.strip().splitlines()) == 1


def test_fields_over_128_kib_import(store: Store, tmp_path: Path) -> None:
    f = tmp_path / "big.csv"
    f.write_text(_acled_csv([{"event_id_cnty": "BIG1", "event_date": "2021-06-27", "event_type": "Battles",
                              "sub_event_type": "Armed clash", "country": "Iraq", "notes": "x" * 300_000}]))
    assert import_acled(store, f).imported == 1
    assert len(store.reports("acled-BIG1")[0].evidence.sentence) == 300_000


def test_acled_older_layout_is_mapped(store: Store, tmp_path: Path) -> None:
    # ACLED's layout before 2019: no sub_event_type column (rows written for this test)
    cols = ["data_id", "event_id_cnty", "event_date", "event_type", "actor1", "inter1", "country", "location",
            "latitude", "longitude", "notes", "fatalities"]
    rows = [
        ["1", "OLD1", "2015-03-02", "Battle-No change of territory", "Military Forces of Iraq", "1", "Iraq",
         "Tikrit", "34.6", "43.68", "Clashes between the army and IS.", "4"],
        ["2", "OLD2", "2015-03-03", "Remote violence", "Military Forces of Iraq", "1", "Iraq", "Mosul", "36.34",
         "43.13", "An airstrike hit an IS position.", "2"],
        ["3", "OLD3", "2015-03-04", "Riots/Protests", "Rioters (Iraq)", "5", "Iraq", "Basra", "30.5", "47.8",
         "Rioters burned tyres.", "0"],
        ["4", "OLD4", "2015-03-05", "Riots/Protests", "Protesters (Iraq)", "6", "Iraq", "Basra", "30.5", "47.8",
         "A peaceful march.", "0"],
        ["5", "OLD5", "2015-03-06", "Remote violence", "Unidentified Armed Group (Iraq)", "3", "Iraq", "Mosul",
         "36.34", "43.13", "An attack on a checkpoint.", "1"],
        ["6", "OLD6", "2015-03-07", "Violence against civilians", "IS", "2", "Iraq", "Mosul", "36.34", "43.13",
         "IS killed a civilian.", "1"],
    ]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([cols, *rows])
    f = tmp_path / "old.csv"
    f.write_text(buf.getvalue())
    s = import_acled(store, f)
    assert (s.rows, s.imported) == (6, 6), str(s)
    got = {e.event_id: (e.acled_event_type, e.acled_sub_event_type, e.event) for e in store.events()}
    assert got["acled-OLD1"] == ("Battles", "Armed clash", "ASSAULT")
    assert got["acled-OLD2"] == ("Explosions/Remote violence", "Air/drone strike", "ASSAULT")
    assert got["acled-OLD3"] == ("Riots", "Violent demonstration", "PROTEST")
    assert got["acled-OLD4"] == ("Protests", "Peaceful protest", "PROTEST")
    assert got["acled-OLD5"] == ("Explosions/Remote violence", None, "ASSAULT")  # no weapon named: no guess
    assert got["acled-OLD6"] == ("Violence against civilians", "Attack", "ASSAULT")


def test_truncated_csv_and_jsonl_rows_are_reported(store: Store, tmp_path: Path) -> None:
    text = _acled_csv([{"event_id_cnty": f"T{i}", "event_date": "2021-06-27", "event_type": "Battles",
                        "sub_event_type": "Armed clash", "country": "Iraq"} for i in range(3)])
    f = tmp_path / "cut.csv"
    f.write_text(text[: text.rindex("Armed clash")])
    s = import_acled(store, f)
    assert (s.rows, s.imported) == (3, 2) and "truncated" in s.rejected[0][1]
    recs = ucdp_jsonl()[:3]
    j = tmp_path / "cut.jsonl"
    j.write_text("\n".join(json.dumps(r) for r in recs)[:-40])
    s = import_ucdp(store, j)
    assert (s.rows, s.imported) == (3, 2) and "truncated" in s.rejected[0][1]


def test_nul_byte_in_a_table_refuses_only_its_row(store: Store, tmp_path: Path) -> None:
    rows = [_gdelt_row(61, str(5000 + i), "190") for i in range(5)]
    rows[2] = rows[2].replace("MILITIA", "MILI\x00TIA")
    s = import_gdelt(store, _gdelt_file(tmp_path / "n.CSV", rows))
    assert (s.rows, s.imported) == (5, 4) and "NUL" in _refused(store)["3"]
    text = _acled_csv([{"event_id_cnty": f"N{i}", "event_date": "2021-06-27", "event_type": "Battles",
                        "sub_event_type": "Armed clash", "country": "Iraq", "notes": "a\x00b" if i == 1 else "ok"}
                       for i in range(3)])
    f = tmp_path / "n.csv"
    f.write_text(text)
    s = import_acled(store, f)
    assert (s.rows, s.imported) == (3, 2), str(s)
