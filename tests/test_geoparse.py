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


def test_an_english_word_in_a_shouting_headline_is_no_small_namesake() -> None:
    # "STILL" and "KILL" are words in capitals, not Still (France) or Kill (Ireland)
    assert [p.name for p in geoparse("REBELS STILL SHELLING CAPITAL SAY DIPLOMATS")] == []
    assert [p.name for p in geoparse("GUNMEN KILL FIVE NEAR KADUGLI")] == ["Kadugli"]
    # a big place keeps its reading, and the text may put a small one somewhere
    assert [p.name for p in geoparse("TROOPS RETAKE MOSUL AFTER WEEK OF FIGHTING")] == ["Mosul"]
    assert [p.name for p in geoparse("Gunmen killed five in Still, France.")] == ["Still", "France"]


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


def test_the_object_of_a_place_taking_verb_or_a_kind_before_it_is_a_place() -> None:
    # "bomb X", "target X", "the city X": no preposition, yet the text treats X as a place
    assert [(p.text, p.country) for p in geoparse("Warplanes bomb Saraqib and kill three civilians.")] == [
        ("Saraqib", "SYR")]
    assert [(p.text, p.country) for p in geoparse("Regime helicopters target Binnish with barrel bombs.")] == [
        ("Binnish", "SYR")]
    assert [(p.text, p.country) for p in geoparse("Families fled the city Saraqib after the shelling.")] == [
        ("Saraqib", "SYR")]
    # a line that is a name alone labels the lines after it
    assert [(p.text, p.country) for p in geoparse("Saraqib.\nDeath toll for Monday.")] == [("Saraqib", "SYR")]


def test_a_direction_before_a_name_is_part_of_the_place() -> None:
    iraq = geoparse("Turkish jets bomb PKK targets in northern Iraq.")
    assert [(p.text, p.country, p.geo_precision, p.lat) for p in iraq] == [("northern Iraq", "IRQ", 3, None)]
    assert [(p.text, p.name) for p in geoparse("Shelling continues on the eastern Ghouta.")] == [
        ("eastern Ghouta", "Eastern Ghouta")]


def test_a_town_across_the_border_of_the_storys_country_is_kept() -> None:
    # a story led by Cameroon reaches into Nigeria next door; a town on another continent it would not
    places = geoparse("Cameroon's army clears insurgents from Gamboru.")
    assert [(p.text, p.country) for p in places] == [("Cameroon", "CMR"), ("Gamboru", "NGA")]


def test_a_country_and_a_town_in_one_capitalised_name_give_the_town() -> None:
    assert [(p.text, p.name) for p in geoparse("Official reportedly killed in Iraq Tikrit.")] == [("Tikrit", "Tikrit")]
    text = "Shelling in Center of The Capital Baghdad by Mortars Kills 5 Persons."
    assert [(p.text, p.country) for p in geoparse(text)] == [("Baghdad", "IRQ")]


def test_an_unknown_name_falls_back_to_the_place_the_text_puts_it_near_or_in() -> None:
    near = geoparse("April 2nd 2016: Zarqubat near Tikrit, Salahuddin province, Iraq.")[0]
    assert (near.text, near.name, near.country, near.geo_precision) == ("Zarqubat", "Tikrit", "IRQ", 2)
    west = geoparse("An IED exploded in Zarqubat west of Manbij.")[0]
    assert (west.text, west.name, west.geo_precision) == ("Zarqubat", "Manbij", 2)
    countryside = geoparse("Shelling hit Zarqubat village in the western countryside of Aleppo.")[0]
    assert (countryside.text, countryside.name, countryside.geo_precision) == ("Zarqubat village", "Aleppo", 2)


def test_the_text_says_whose_village_a_name_is() -> None:
    village = geoparse("Rebels capture the Syrian village of Zarqubat from the Islamic State.")
    assert [(p.text, p.country, p.lat) for p in village] == [("Zarqubat", "SYR", None)]  # no guessed point
    town = geoparse("Jets strike militants in the Borno town of Zarqubat.")[-1]
    assert (town.text, town.name, town.country) == ("Zarqubat", "Borno", "NGA")


def test_a_city_of_one_country_is_not_placed_in_the_country_after_its_comma() -> None:
    places = geoparse("Civilians try to leave east Ramadi, U.S. officials say.")
    assert [(p.text, p.country) for p in places] == [("Ramadi", "IRQ"), ("U.S.", "USA")]


def test_a_country_after_pro_is_a_party_not_the_storys_place() -> None:
    places = geoparse("Clashes erupt in Tal Tamr area between Kurdish fighters and the pro-Turkey factions.")
    assert (places[0].text, places[0].country) == ("Tal Tamr area", "SYR")


def test_a_place_kind_inside_a_name_is_no_town_of_that_name() -> None:
    # "Cattle Market" is a market of Biu, not Marquette (whose alternate name is "Market")
    assert [p.name for p in geoparse("Suicide Bombers Hit Biu Cattle Market.")] == []


def test_a_part_of_a_town_named_by_the_town_is_at_the_town() -> None:
    # "Kirkuk neighbourhoods", "Basra market": the town before the word, with a point
    for text, town in (("Shells fell on Kirkuk neighborhoods overnight.", "Kirkuk"),
                       ("A car bomb went off in Basra market.", "Basrah")):
        place = geoparse(text)[0]
        assert (place.name, place.geo_precision) == (town, 1) and place.lat is not None


def test_a_list_entrys_names_in_another_script_and_its_alternatives_share_the_setting() -> None:
    # "(Arabic) Latin name or (Arabic) other name, governorate": both names are in the governorate
    text = "March 2nd 2017: زرقبات Zarqubat or الحمرا Al Hamra village, Raqqa governorate, Syria."
    first = geoparse(text)[0]
    assert (first.text, first.country, first.geo_precision) == ("Zarqubat", "SYR", 3)
    # "X, north west of Y": near Y
    near = geoparse("April 1st 2017: villages of Karmash and Zarqubat, north west of Manbij, Syria.")
    assert [(p.text, p.name, p.geo_precision) for p in near][:2] == [("Zarqubat", "Manbij", 2), ("Manbij", "Manbij", 1)]


def test_a_country_and_its_town_in_one_capitalised_run_give_the_town() -> None:
    # a headline runs the country's possessive, the town and the words after into one name
    for text, town in (("Iraq's IS Tikrit leader reportedly killed.", "Tikrit"),
                       ("Fighters in Myanmar’s Mindat Claim They Killed 40 Troops.", "Mindat")):
        place = geoparse(text)[0]
        assert (place.name, place.geo_precision) == (town, 1) and place.lat is not None


def test_a_title_case_headlines_words_are_not_put_in_the_region_after_them() -> None:
    # "Sagaing Region" is Myanmar's Sagaing (GeoNames: "Sagain"); "Junta Airstrikes" is no village of it
    places = geoparse("Three Killed in Junta Airstrikes in Sagaing Region.")
    assert [(p.text, p.country, p.geo_precision) for p in places] == [("Sagaing Region", "MMR", 3)]


def test_a_known_name_before_a_comma_and_no_place_is_not_set_in_what_follows() -> None:
    # "Binnish, SDF and Coalition bring ...": the names after the comma are parties, not Binnish's setting
    places = geoparse("Clashes erupt in the vicinity of Binnish, SDF and Coalition bring reinforcements.")
    assert [(p.text, p.country) for p in places][:1] == [("Binnish", "SYR")]
