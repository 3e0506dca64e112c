"""sitrep.resolve.geoparse: every place a text names, with offsets, event or no event."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import shared_file

from sitrep.cli import main
from sitrep.eval import ucdp_places
from sitrep.resolve.geoparse import geoparse


def test_a_place_and_the_places_the_text_puts_it_in() -> None:
    text = "Air strikes hit Mosul, Nineveh province, Iraq, on Sunday."
    places = geoparse(text)
    assert [(p.name, p.country, p.geo_precision) for p in places] == [
        ("Mosul", "IRQ", 1), ("Ninawa", "IRQ", 3), ("Iraq", "IRQ", None)]
    assert [text[p.start:p.end] for p in places] == ["Mosul", "Nineveh province", "Iraq"]  # type: ignore[misc]
    assert places[2].lat is None  # a country alone has no point


def test_an_unknown_village_falls_back_to_the_area_the_text_puts_it_in() -> None:
    text = "Shelling hit Zqorbat village, Raqqa governorate, Syria."
    village = geoparse(text)[0]
    assert text[village.start:village.end] == "Zqorbat village"  # type: ignore[misc]
    assert (village.country, village.geo_precision) == ("SYR", 3)  # the governorate's precision, not a guessed point
    # an unknown name the text does not put anywhere is left out, never guessed
    assert geoparse("Zqorbat said the talks would go on.") == []


def test_weekdays_months_and_peoples_are_not_places() -> None:
    text = "A gunman shot the commentator at a petrol station in Phnom Penh Sunday, Cambodian police said in March."
    assert [(p.text, p.country) for p in geoparse(text)] == [("Phnom Penh", "KHM")]
    assert geoparse("Syrian and Iraqi forces met on Monday.") == []


def test_a_title_case_headline_gives_the_place_inside_a_longer_name() -> None:
    assert [(p.name, p.country) for p in geoparse("Car bombs hit Baghdad Shi'ite districts, 17 killed.")][0] == (
        "Baghdad", "IRQ")


def test_places_command_prints_one_json_object_per_mention(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text("Rockets fell on Kirkuk, Iraq.", encoding="utf-8")
    result = CliRunner().invoke(main, ["places", str(src)])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 2 and '"name": "Kirkuk"' in lines[0] and '"start": 16' in lines[0]
    src.write_bytes(b"\xff\xfe\x00bad")
    result = CliRunner().invoke(main, ["places", str(src)])
    assert result.exit_code != 0 and "story.txt" in result.output and "UTF-8" in result.output


def test_a_verb_less_ucdp_list_entry_names_its_place() -> None:
    """A UCDP row whose headline is a list entry with no event still names a place the resolver must put right."""
    items = {it.id: it for it in ucdp_places.load(shared_file("gold"))}
    mosul, halabsa = items["217984"], items["218542"]
    assert mosul.text == "March 26th 2016: Mosul, Nineveh province, Iraq."
    found = ucdp_places.named_mention(mosul)
    assert found is not None and found.country == "IRQ" and ucdp_places.km(found.lat, found.lon, mosul.lat, mosul.lon) < 25  # type: ignore[arg-type]
    # "Halabsa village nr Fallujah": an unknown village beside a known town, put near it (precision 2)
    near = ucdp_places.named_mention(halabsa)
    assert near is not None and (near.name, near.geo_precision) == ("Al Fallujah", 2)
    r = ucdp_places.score([mosul, halabsa], {})
    assert r.metrics["place_country"] == 0.0 and r.metrics["mention_country"] == 1.0


def test_an_all_caps_headline_is_read_as_running_text() -> None:
    text = "TWO FARMERS SHOT DEAD BY GUNMEN NEAR KADUGLI, SUDAN."
    places = geoparse(text)
    assert [(p.name, p.country) for p in places] == [("Kadugli", "SDN"), ("Sudan", "SDN")]
    assert [text[p.start:p.end] for p in places] == ["KADUGLI", "SUDAN"]  # type: ignore[misc]
