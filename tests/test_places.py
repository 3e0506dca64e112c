"""Gazetteer and place-phrase resolution (sitrep.resolve.places)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from sitrep import defaults
from sitrep.errors import DataFileError
from sitrep.models import Place
from sitrep.resolve.places import (
    UCDP_FILE,
    UCDP_FORMAT,
    Gazetteer,
    clean_admin1_name,
    edit_distance,
    leading_country,
    load_admin1_file,
    load_places_file,
    load_ucdp_file,
    local_country,
    place_key,
    region_town,
    resolve,
    skeleton,
    story_context,
    story_place,
    story_vouched,
    vowel_fold,
)


def km(a: Place, lat: float, lon: float) -> float:
    assert a.lat is not None and a.lon is not None
    dlat = (a.lat - lat) * 111.0
    dlon = (a.lon - lon) * 111.0 * math.cos(math.radians(lat))
    return math.hypot(dlat, dlon)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def test_default_is_cached(gaz: Gazetteer) -> None:
    assert Gazetteer.default() is gaz
    assert len(gaz) > 100_000  # GeoNames places of >= 500 people, divisions, countries, sites


# --- precision ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso3", "lat", "lon"),
    [("Mosul", "IRQ", 36.34, 43.12), ("Baghdad", "IRQ", 33.34, 44.40), ("Kandahar", "AFG", 31.61, 65.71),
     ("Donetsk", "UKR", 48.02, 37.80), ("Nablus", "PSE", 32.22, 35.25), ("Gaza", "PSE", 31.50, 34.47),
     ("the town of Kafr Shams", "SYR", 33.12, 36.11), ("western Baghdad", "IRQ", 33.34, 44.40)],
)
def test_town_is_precision_1(gaz: Gazetteer, text: str, iso3: str, lat: float, lon: float) -> None:
    p = gaz.resolve(text)
    assert p is not None and p.country == iso3 and p.geo_precision == 1
    assert km(p, lat, lon) < 15
    assert p.text == text


@pytest.mark.parametrize(
    ("text", "town"),
    [("near Kirkuk", "Kirkuk"), ("on the outskirts of Mosul", "Mosul"), ("outside Fallujah", "Fallujah"),
     ("10 km north of Tikrit", "Tikrit"), ("Mosul's outskirts", "Mosul"), ("a village near Ramadi", "Ramadi"),
     ("the suburbs of Aleppo", "Aleppo")],
)
def test_near_a_town_is_precision_2(gaz: Gazetteer, text: str, town: str) -> None:
    p = gaz.resolve(text)
    t = gaz.resolve(town)
    assert p is not None and t is not None
    assert p.geo_precision == 2 and t.geo_precision == 1
    assert (p.lat, p.lon, p.country) == (t.lat, t.lon, t.country)


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("Anbar province", "IRQ"), ("the province of Kirkuk", "IRQ"), ("Idlib province", "SYR"),
     ("Deir ez-Zor province", "SYR"), ("Helmand province", "AFG"), ("Diyala", "IRQ")],
)
def test_province_is_precision_3_at_its_centroid(gaz: Gazetteer, text: str, iso3: str) -> None:
    p = gaz.resolve(text)
    assert p is not None and p.country == iso3 and p.geo_precision == 3
    assert p.lat is not None and p.lon is not None
    assert p.admin1 == p.name


def test_province_and_town_of_one_name() -> None:
    town, prov = resolve("Idlib"), resolve("Idlib province")
    assert town is not None and prov is not None
    assert town.geo_precision == 1 and prov.geo_precision == 3
    assert town.admin1 == prov.name


@pytest.mark.parametrize(("text", "iso3"), [("eastern Syria", "SYR"), ("northern Iraq", "IRQ"),
                                            ("southern Lebanon", "LBN"), ("the north-east of Nigeria", "NGA")])
def test_part_of_a_country_is_precision_3_without_a_point(text: str, iso3: str) -> None:
    p = resolve(text)
    assert p is not None and p.country == iso3 and p.geo_precision == 3
    assert p.lat is None and p.lon is None


@pytest.mark.parametrize(("text", "iso3"), [("Syria", "SYR"), ("Iraq", "IRQ"), ("the US", "USA"),
                                            ("the United States", "USA"), ("Burma", "MMR"), ("Ivory Coast", "CIV")])
def test_country_alone_has_no_point_and_no_precision(text: str, iso3: str) -> None:
    p = resolve(text)
    assert p is not None and p.country == iso3
    assert p.geo_precision is None and p.lat is None and p.lon is None


@pytest.mark.parametrize("text", ["Xyzzyville", "", "   ", "Iraqi", "Syrian", "Americans", "the Kremlin of nowhere"])
def test_unknown_or_not_a_place_stays_none(text: str) -> None:
    # demonyms name people, not places
    assert resolve(text) is None


def test_named_regions_have_their_centroid() -> None:
    p = resolve("Gaza Strip")
    assert p is not None and p.country == "PSE" and p.geo_precision == 3 and p.lat is not None
    d = resolve("Donbas")
    assert d is not None and d.country == "UKR" and d.geo_precision == 3


# --- conflict sites and spelling variants ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["al-Omar oil field", "Omar oil field", "the al-Omar oilfield", "al-Omari oil field", "Al Omar oil field",
     "the al-Omar oil field in Deir ez-Zor"],
)
def test_oil_field_and_its_variants(text: str) -> None:
    p = resolve(text)
    assert p is not None
    assert (p.name, p.country, p.admin1, p.geo_precision) == ("al-Omar oil field", "SYR", "Deir ez-Zor", 1)
    assert km(p, 35.08, 40.51) < 15


def test_near_a_site_is_precision_2() -> None:
    p = resolve("near the al-Omar oil field")
    assert p is not None and p.name == "al-Omar oil field" and p.geo_precision == 2


@pytest.mark.parametrize(
    ("text", "name", "iso3"),
    [("Ain al-Asad", "Ain al-Asad air base", "IRQ"), ("Ain al-Assad air base", "Ain al-Asad air base", "IRQ"),
     ("Al-Asad Air Base", "Ain al-Asad air base", "IRQ"), ("Balad air base", "Balad air base", "IRQ"),
     ("Erbil air base", "Erbil air base", "IRQ"), ("al-Tanf", "al-Tanf", "SYR"), ("the Green Zone", "Green Zone", "IRQ"),
     ("Liberation Square", "Tahrir Square", "IRQ"), ("Baghdad's Tahrir Square", "Tahrir Square", "IRQ"),
     ("Sadr City", "Sadr City", "IRQ"), ("Baghdad's Sadr City", "Sadr City", "IRQ")],
)
def test_curated_sites(text: str, name: str, iso3: str) -> None:
    p = resolve(text)
    assert p is not None and p.name == name and p.country == iso3 and p.geo_precision == 1


@pytest.mark.parametrize(
    "variants",
    [("Deir ez-Zor", "Deir al-Zor", "Deir al-Zour", "Dayr az Zawr", "Deir Ezzor"),
     ("Fallujah", "Falluja", "al-Fallujah"),
     ("Raqqa", "Raqqah", "al-Raqqa", "Ar Raqqah")],
)
def test_transliteration_variants_find_one_place(variants: tuple[str, ...]) -> None:
    places = [resolve(v) for v in variants]
    assert all(p is not None for p in places), dict(zip(variants, places, strict=True))
    first = places[0]
    assert first is not None and first.lat is not None
    for p in places[1:]:
        assert p is not None and p.country == first.country
        assert km(p, first.lat, first.lon) < 50  # the town or its province's centroid


def test_skeleton_and_keys() -> None:
    assert place_key("al-Omar") == place_key("Al Omar") == "omar"
    assert place_key("Deir ez-Zor") == place_key("Deir al-Zor")
    assert skeleton("Deir ez-Zor") == skeleton("Dayr az Zawr")
    assert skeleton("al-Omari") == skeleton("Omar")
    assert skeleton("Hasakah") == skeleton("Hassakeh")


def test_vowel_fold_and_edit_distance() -> None:
    assert vowel_fold("tabaqa") == "tabaka" and vowel_fold("kefraya") == vowel_fold("kafrayya")
    assert edit_distance("tabaka", "tabka", 1) == 1
    assert edit_distance("kaban", "kabana", 1) == 1 and edit_distance("abc", "xyzab", 1) == 2


@pytest.mark.parametrize(("name", "town"), [("Tabaqa", "Al-Tabqa"), ("al-Tabaqa", "Al-Tabqa"), ("Hodr", "Hadar"),
                                            ("Sluk", "Suluk"), ("Neirab", "Nayrab")])
def test_three_consonant_names_match_loosely_in_the_story_country(gaz: Gazetteer, name: str, town: str) -> None:
    # a skeleton of three consonants ("tbk") matches only the story's own places, one vowel edit away
    p = gaz.resolve(name, context={"SYR": 1.0})
    assert p is not None and p.name == town and p.country == "SYR"
    assert gaz.resolve(name) is None  # no story country: too loose to say


def test_a_final_vowel_is_a_real_difference(gaz: Gazetteer) -> None:
    # "Qaboun" (a Damascus district) is not "Kobani" ('Ayn al 'Arab): the edit would be the last letter
    p = gaz.resolve("Qaboun", context={"SYR": 1.0})
    assert p is None or "Arab" not in p.name


def test_skeleton_does_not_jump_countries_for_small_towns() -> None:
    # a consonant-skeleton match to a village in another country is not a resolution
    assert resolve("Tal Sha'rah") is None


@pytest.mark.parametrize(("name", "context", "iso3"), [
    # a name of two words, spelt as the index has it but for one vowel ("Kafr Nabudah")
    ("Kafer Nabudah", None, "SYR"),
    ("Tlul Al-Safa", None, "SYR"),
    # a story that names only peoples ("the Turkish forces"): a small town spelt alike beside them
    ("Jendires", {"TUR": defaults.PLACE_CTX_DEMONYM_CAP}, "SYR"),
])
def test_spelling_variant_of_a_small_town(name: str, context: dict[str, float] | None, iso3: str) -> None:
    p = resolve(name, context=context)
    assert p is not None and p.country == iso3 and p.geo_precision == 1


def test_a_ucdp_place_counts_as_a_town_when_scanning_text(gaz: Gazetteer) -> None:
    # the UCDP index records no size; a conflict village counts as GAZETTEER_UCDP_PRIOR_POP people
    # (as it ranks), so a name the NER missed is still vouched for by the gazetteer
    row = next(r for r in load_ucdp_file() if r[0] == "Duguri")
    assert row[2] == "NGA"
    assert gaz.contains("Duguri", min_population=defaults.LOCATION_GAZ_MIN_POP)
    assert not gaz.contains("Duguri", min_population=defaults.GAZETTEER_UCDP_PRIOR_POP + 1)


def test_spelling_variant_far_from_the_peoples_named_is_no_town() -> None:
    # "Jendires" is only spelt like Syrian towns; a story of Chileans and Peruvians is not near them
    assert resolve("Jendires", context={"CHL": defaults.PLACE_CTX_DEMONYM_CAP,
                                        "PER": defaults.PLACE_CTX_DEMONYM_CAP}) is None


# --- disambiguation -------------------------------------------------------------------


@pytest.mark.parametrize(("ctx", "iso3"), [(None, "LBY"), ("LBY", "LBY"), ("LBN", "LBN")])
def test_context_country_picks_the_tripoli(ctx: str | None, iso3: str) -> None:
    p = resolve("Tripoli", context_country=ctx)
    assert p is not None and p.country == iso3 and p.geo_precision == 1


@pytest.mark.parametrize(("text", "iso3"), [("Tripoli, Lebanon", "LBN"), ("Tripoli, Libya", "LBY"),
                                            ("Mayadin, Deir ez-Zor", "SYR")])
def test_tail_gives_context(text: str, iso3: str) -> None:
    p = resolve(text)
    assert p is not None and p.country == iso3 and p.geo_precision == 1


def test_context_country_picks_the_tahrir_square() -> None:
    cairo = resolve("Tahrir Square", context_country="EGY")
    baghdad = resolve("Tahrir Square", context_country="IRQ")
    assert cairo is not None and baghdad is not None
    assert (cairo.country, baghdad.country) == ("EGY", "IRQ")


def test_population_breaks_ties_without_context(gaz: Gazetteer) -> None:
    cands = gaz.candidates("Alexandria")
    assert cands and cands[0].entry.country == "EGY"
    assert len({c.entry.country for c in cands}) > 1  # the US namesakes are there, ranked lower
    us = gaz.best("Alexandria", context_country="USA")
    assert us is not None and us.entry.country == "USA"


def test_us_abbreviation_is_the_country_not_a_village() -> None:
    p = resolve("US")
    assert p is not None and p.country == "USA" and p.geo_precision is None


def test_offsets_are_kept() -> None:
    p = resolve("Mosul", start=10, end=15)
    assert p is not None and (p.start, p.end) == (10, 15)


def test_find_mentions(gaz: Gazetteer) -> None:
    toks = "Gunmen attacked a checkpoint in Kirkuk and Tuz Khurmatu on Sunday".split()
    spans = [" ".join(toks[i:j]) for i, j in gaz.find_mentions(toks, min_population=10_000)]
    assert "Kirkuk" in spans


# --- data files ------------------------------------------------------------------------


def test_data_files_load() -> None:
    places = load_places_file()
    assert len(places["sites"]) >= 50
    admin = load_admin1_file()
    assert admin[("IQ", "15")]


@pytest.mark.parametrize(
    ("raw", "ok"),
    [("Muhafazat Kirkuk", "Kirkuk"), ("Basra Governorate", "Basra"), ("Mayorality of Baghdad", "Baghdad"),
     ("Wilayat-e Baghlan", "Baghlan"), ("Anbar", "Anbar")],
)
def test_clean_admin1_name(raw: str, ok: str) -> None:
    assert clean_admin1_name(raw) == ok


@pytest.mark.parametrize(
    ("body", "needle"),
    [("sites:\n  - {name: X, feature: oil_field, country: SYR, lat: 95, lon: 40}\n", "lat"),
     ("sites:\n  - {name: X, feature: volcano, country: SYR, lat: 35, lon: 40}\n", "feature"),
     ("sites:\n  - {name: X, feature: camp, country: Syria, lat: 35, lon: 40}\n", "country"),
     ("sites:\n  - {feature: camp, country: SYR, lat: 35, lon: 40}\n", "name"),
     ("sites: {}\n", "sites"),
     ("sites: [\n", "cannot read")],
)
def test_broken_places_file_is_named(tmp_path: Path, body: str, needle: str) -> None:
    bad = tmp_path / "places.yaml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_places_file(bad)
    assert needle in str(info.value) and str(bad) in str(info.value)


@pytest.mark.parametrize("word", ["Saturday", "Thursday", "March", "May", "week"])
def test_calendar_words_are_never_places(gaz: Gazetteer, word: str) -> None:
    # GeoNames holds "Saturday" as a name of Stroud and a town called March; in news they are dates
    assert gaz.resolve(word) is None
    assert gaz.candidates(word) == []


def test_context_country_does_not_lift_an_alternate_name(gaz: Gazetteer) -> None:
    # GeoNames lists "Madrid" as an alternate name of Waupun, Wisconsin; a story that
    # mentions the US still means Spain's capital
    best = gaz.best("Madrid", context_country="USA")
    assert best is not None and best.entry.country == "ESP"


def test_a_square_is_not_near_a_namesake_town(gaz: Gazetteer) -> None:
    # "Red Square" is no square of a town called Red (Maharashtra): unknown stays unknown
    assert gaz.resolve("Red Square") is None
    balad = gaz.resolve("the Balad air base")  # a base is where its town is
    assert balad is not None and balad.country == "IRQ"


# --- the story decides between namesakes (issue 12) -----------------------------------------


def test_story_context_reads_names_that_share_one_country(gaz: Gazetteer) -> None:
    # no country named: two town names whose namesakes meet in one country make it the context
    text = "Warplanes struck Douma overnight while fighters held the Muhammadiyah front."
    assert story_context(text, gaz, demonyms=False) == {"SYR": defaults.PLACE_CTX_SHARED}
    # read together, the small town beats a bigger namesake abroad
    p = gaz.resolve("Muhammadiyah", context=story_context(text, gaz, demonyms=False))
    assert p is not None and p.country == "SYR"
    # one name alone gives no country, and a named country keeps the old reading
    assert story_context("Fighters held the Muhammadiyah front.", gaz, demonyms=False) == {}
    assert "SYR" not in story_context("Iraq said Douma and Muhammadiyah were quiet.", gaz, demonyms=False)


def test_a_town_read_only_off_a_persons_name_vouches_for_no_story_country(gaz: Gazetteer) -> None:
    # "Livingstone" (Zambia) and "Bush" (Egypt) are towns, here only a mayor's and a president's names
    text = ("Mayor Ken Livingstone refused to apologise. Mr Livingstone said the row was overblown.\n"
            "President George W Bush met him. The Bush campaign declined to comment.")
    assert "ZMB" in story_context(text, gaz, demonyms=False)  # (still weighed as resolver evidence)
    assert story_vouched(text, gaz) == frozenset()
    # a town written as a name of its own, or with the kind of place it is, still vouches
    assert story_vouched("In Livingstone, police dispersed the crowd.", gaz) == {"ZMB"}
    assert story_vouched("Rebels shelled the Mosul Dam. Mosul was quiet.", gaz) == {"IRQ"}
    # a big place is named for itself even inside a longer name
    assert story_vouched("Les Aspin, a Wisconsin Democrat, opposed the plan.", gaz) == {"USA"}


def test_story_context_reads_countries_provinces_and_capped_demonyms() -> None:
    assert story_context("Bomb kills three in Pakistan's Karachi: police.") == {"PAK": 2.0}
    assert story_context("Shelling on Ariha city in the southern countryside of Idlib province.") == {"SYR": 1.0}
    assert story_context("Boko Haram kills three in NE Nigeria.") == {"NGA": 1.0}
    assert story_context("Warplanes struck Arbin in the Eastern Ghouta, killing six.") == {"SYR": 1.0}  # a site
    # a people named is as often a foreign party as the place: demonyms stay under a home's weight
    ctx = story_context("Russian warplanes kill 12 in Zamalka. Russian and Syrian jets returned; Russian officials said.")
    assert 0 < ctx["RUS"] <= defaults.PLACE_CTX_DEMONYM_CAP < defaults.GAZETTEER_CONTEXT_MIN_WEIGHT
    assert story_context("Russian warplanes kill 12 in Zamalka.", demonyms=False) == {}


@pytest.mark.parametrize(
    ("name", "home", "iso3"),
    [("Lataminah", "SYR", "SYR"),  # a skeleton in GeoNames is Rethymno, Greece
     ("Hit", "IRQ", "IRQ"), ("Zahle", "SYR", "LBN"),  # a neighbour of the story's country, on its primary name
     ("Madrid", "SYR", "ESP"),  # a world city may be named from anywhere
     ("Busayrah", "SYR", "SYR")],  # Syria's al-Busayrah, not Jordan's Busayra (an alternate name)
)
def test_homonyms_follow_the_story(gaz: Gazetteer, name: str, home: str, iso3: str) -> None:
    p = gaz.resolve(name, context={home: 1.0})
    assert p is not None and p.country == iso3


@pytest.mark.parametrize(("name", "home"), [("Hit", "MMR"), ("Castello", "SYR")])
def test_a_small_town_on_another_continent_needs_more_than_a_name(gaz: Gazetteer, name: str, home: str) -> None:
    # "Bungled Hit" in a Myanmar story is not Iraq's Hit; "the Castello road" outside Aleppo
    # is not Castellon de la Plana
    assert gaz.resolve(name) is not None
    assert gaz.resolve(name, context={home: 1.0}) is None


def test_demonyms_alone_make_no_home(gaz: Gazetteer) -> None:
    # "Russian airstrikes kill civilians in Zamalka": Russia is a party, not where; Zamalka stays Syrian
    p = gaz.resolve("Zamalka", context=story_context("Russian airstrikes kill and wound dozens of civilians in Zamalka."))
    assert p is not None and p.country == "SYR"


def test_ucdp_villages_are_indexed(gaz: Gazetteer) -> None:
    rows = load_ucdp_file()
    assert len(rows) > 3000 and {r[2] for r in rows} >= {"SYR", "NGA", "MMR", "IRQ"}
    p = gaz.resolve("Kafr Hamrah village")
    assert p is not None and p.country == "SYR" and p.geo_precision == 1
    assert km(p, 36.25, 37.08) < 5


def test_ucdp_index_leaves_out_every_measured_row() -> None:
    from conftest import gold_record

    from sitrep.eval.ucdp_places import is_measured

    # "Ten Iraqi security personnel killed in IS attack in Rutba." is measured; "Rutba" comes from
    # GeoNames (Ar Rutbah), not from that row
    assert is_measured(gold_record("ucdp/ucdp_ged_iraq_dev.jsonl", "238509"))
    head = UCDP_FILE.read_text(encoding="utf-8").splitlines()[:3]
    assert head[0].startswith(f"# sitrep place index v{UCDP_FORMAT}") and "measures are left out" in head[2]


def test_broken_ucdp_index_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "ucdp.tsv"
    bad.write_text("name\tfeature\tcountry\tadmin1\tlat\tlon\trows\tprecision\nX\ttown\tSYR\t\tnorth\t36\t1\t1\n",
                   encoding="utf-8")
    with pytest.raises(DataFileError, match="row 2"):
        load_ucdp_file(bad)
    assert load_ucdp_file(tmp_path / "absent.tsv") == []


def test_an_unknown_village_falls_back_to_the_nearest_place_the_text_gives(gaz: Gazetteer) -> None:
    # "casualties in clashes in Sheikh Maqsoud neighbourhood in Aleppo city": near Aleppo
    p = gaz.resolve_or_nearby("Sheikh Maqsoudx", [("Aleppo", 40, 46)], start=0, end=15)
    assert p is not None and p.name == "Aleppo" and p.geo_precision == 2 and (p.start, p.end) == (0, 15)
    assert p.text == "Sheikh Maqsoudx"
    # "... Venue At Kollaram, Borno": the state, precision 3
    p = gaz.resolve_or_nearby("Kollaram", [("Borno", 12, 17)], start=0, end=8)
    assert p is not None and p.country == "NGA" and p.geo_precision == 3
    # nothing nearby: the story's leading country, with no point
    p = gaz.resolve_or_nearby("Kollaram", [], context={"NGA": 2.0}, start=0, end=8)
    assert p is not None and p.country == "NGA" and p.lat is None and p.geo_precision is None
    # a country named beside it is no container ("Turkish forces attack X"), nor a close second
    assert gaz.resolve_or_nearby("Kollaram", [("Turkey", 12, 18)]) is None
    assert gaz.resolve_or_nearby("Kollaram", [], context={"NGA": 2.0, "TCD": 1.5}) is None


def test_an_unknown_place_takes_the_sentence_country_over_the_story_leader(gaz: Gazetteer) -> None:
    # a story about two powers, led by the first; the sentence names only the second:
    # "Beijing's navy landed troops on Qorvanek Reef" is the second's reef
    story = {"USA": 27.0, "CHN": 22.0, "AUS": 5.0}
    p = gaz.resolve_or_nearby("Qorvanek Reef", [], context=story, local={"CHN": 1.0}, start=0, end=13)
    assert p is not None and p.country == "CHN" and p.lat is None
    assert local_country(story, {"CHN": 1.0}) == "CHN"
    # the leader named in the sentence too: no reason to leave it
    assert local_country(story, {"CHN": 1.0, "USA": 1.0}) is None
    # a country the story names only in passing stays behind the leader
    assert local_country(story, {"AUS": 1.0}) is None
    p = gaz.resolve_or_nearby("Qorvanek Reef", [], context=story, local={"AUS": 1.0}, start=0, end=13)
    assert p is not None and p.country == "USA"


def test_leading_country() -> None:
    assert leading_country({"SYR": 2.0, "IRQ": 1.0}) == "SYR"
    assert leading_country({"SYR": 1.5, "IRQ": 1.0}) is None
    assert leading_country({"RUS": 0.45}) is None
    assert leading_country({}) is None


def test_compass_abbreviations_are_directions() -> None:
    p = resolve("NE Nigeria")
    assert p is not None and p.country == "NGA" and p.geo_precision == 3 and p.lat is None


@pytest.mark.parametrize(("text", "iso3", "admin1"), [
    ("North Carolina", "USA", "North Carolina"), ("South Dakota", "USA", "South Dakota"),
    ("West Virginia", "USA", "West Virginia")])
def test_a_division_named_with_a_compass_word_is_that_division(gaz: Gazetteer, text: str, iso3: str,
                                                               admin1: str) -> None:
    # not the north of a namesake town (Carolina, Puerto Rico; Dakota, Wisconsin)
    p = gaz.resolve(text)
    assert p is not None and (p.country, p.admin1, p.geo_precision) == (iso3, admin1, 3)
    q = gaz.resolve("northern Virginia")  # a compass word on a division's plain name is still a part of it
    assert q is not None and q.admin1 == "Virginia" and q.geo_precision == 3


def test_a_seat_of_power_is_its_country_without_a_point() -> None:
    # "the Kremlin" is no Crumlin (Northern Ireland), whose consonants it shares
    p = resolve("the Kremlin")
    assert p is not None and p.country == "RUS" and p.lat is None and p.geo_precision is None


def test_admin_seat_of_unknown_population_keeps_its_alternate_names(gaz: Gazetteer) -> None:
    # GeoNames lists Tall 'Afar with population 0 (an admin seat): "Tal Afar" is its alternate name
    place = gaz.resolve("Tal Afar")
    assert place is not None and place.country == "IRQ" and place.lat is not None


def test_a_part_of_a_known_name_does_not_give_the_story_its_country() -> None:
    # "Afar" alone is Ethiopia's region; inside "Tal Afar" it is the Iraqi town's name
    assert "ETH" not in story_context("Iraqi forces kill 55 militants in Tal Afar.")
    # ... but a part in the same country as the whole still counts ("Shan State" -> "Shan")
    assert story_context("Rebels take a town in northern Shan State.") == {"MMR": 1.0}


def test_a_country_glued_to_backed_or_loyal_is_a_party_not_a_place() -> None:
    assert story_context("US-backed Kurdish force claims killing five in Afrin.", demonyms=False) == {}
    assert story_context("Shelling by Turkey-loyal factions.", demonyms=False) == {}
    assert story_context("Clashes in Turkey.", demonyms=False) == {"TUR": 1.0}


def test_conflict_site_from_ucdp_beats_a_small_namesake(gaz: Gazetteer) -> None:
    if not UCDP_FILE.exists():
        pytest.skip("the UCDP place index is not built")
    # Arbin: a Damascus suburb in UCDP GED and a French village of 779 people in GeoNames
    place = gaz.resolve("Arbin")
    assert place is not None and place.country == "SYR"
    # a real town of known size still wins without context (Madaya, Myanmar: 24k people)
    assert gaz.resolve("Madaya").country == "MMR"  # type: ignore[union-attr]
    assert gaz.resolve("Madaya", context_country="SYR").country == "SYR"  # type: ignore[union-attr]


def test_admin_seat_of_unknown_population_beats_a_hamlet(gaz: Gazetteer) -> None:
    # Al Busayrah (Syria, population unknown) over an alternate name of a Jordanian village of 7k
    place = gaz.resolve("Busayrah")
    assert place is not None and place.country == "SYR"


@pytest.mark.parametrize("text", ["IS", "SDF", "PKK"])
def test_short_acronyms_are_not_places(gaz: Gazetteer, text: str) -> None:
    assert gaz.resolve(text) is None


def test_country_abbreviations_still_resolve(gaz: Gazetteer) -> None:
    assert gaz.resolve("UK").country == "GBR"  # type: ignore[union-attr]


def test_old_city_is_the_town(gaz: Gazetteer) -> None:
    place = gaz.resolve("Old Mosul")
    assert place is not None and place.name == "Mosul" and place.geo_precision == 1


def test_the_gulf_is_no_place(gaz: Gazetteer) -> None:
    # GeoNames has Papua New Guinea's Gulf province; "the Gulf" in news is the Gulf states
    assert gaz.resolve("Gulf") is None and gaz.resolve("the Gulf") is None
    # nor is "the West" (a bloc of states; GeoNames has West, Texas)
    assert gaz.resolve("the West") is None
    # a compass word still reads as part of a place
    place = gaz.resolve("western Baghdad")
    assert place is not None and place.name == "Baghdad"


def test_story_place_is_the_one_town_of_the_story() -> None:
    mosul = Place(text="Mosul", name="Mosul", country="IRQ", lat=36.34, lon=43.13, geo_precision=1)
    near = Place(text="outskirts of Mosul", name="Mosul", country="IRQ", lat=36.40, lon=43.10, geo_precision=2)
    iraq = Place(text="Iraq", name="Iraq", country="IRQ")
    p = story_place([mosul, near, iraq], "IRQ")
    assert p is not None and p.name == "Mosul" and p.geo_precision == 2 and p.text == "" and p.start is None
    baghdad = Place(text="Baghdad", name="Baghdad", country="IRQ", lat=33.34, lon=44.40, geo_precision=1)
    assert story_place([mosul, baghdad], "IRQ") is None  # two towns apart
    assert story_place([mosul], "SYR") is None  # not in the story's leading country
    assert story_place([mosul, Place(text="Syria", name="Syria", country="SYR")], None) is None
    assert story_place([iraq], "IRQ") is None  # no town at all


def test_region_town_is_the_storys_one_town_inside_the_province() -> None:
    adamawa = Place(text="Adamawa", name="Adamawa", admin1="Adamawa", country="NGA", lat=9.33, lon=12.5,
                    geo_precision=3, start=30, end=37)
    gombi = Place(text="Gombi", name="Gombi", admin1="Adamawa", country="NGA", lat=10.17, lon=12.74, geo_precision=1)
    p = region_town(adamawa, [adamawa, gombi])
    assert p is not None and p.name == "Gombi" and p.geo_precision == 2 and (p.text, p.start) == ("Adamawa", 30)
    yola = Place(text="Yola", name="Yola", admin1="Adamawa", country="NGA", lat=9.2, lon=12.48, geo_precision=1)
    assert region_town(adamawa, [gombi, yola]) is None  # two towns apart in the province
    kano = Place(text="Kano", name="Kano", admin1="Kano", country="NGA", lat=12.0, lon=8.52, geo_precision=1)
    assert region_town(adamawa, [kano]) is None  # a town of another province
    assert region_town(gombi, [gombi]) is None  # a town is no province to narrow


def test_a_namesake_inside_the_province_the_sentence_names_wins(gaz: Gazetteer) -> None:
    kobani = gaz.resolve("Kabani", context={"SYR": 1.0})
    assert kobani is not None and kobani.admin1 == "Aleppo"  # the bigger namesake, read alone
    provinces = gaz.provinces_named(["Latakia"], context={"SYR": 1.0})  # a town names its province
    p = gaz.in_named_province(kobani, provinces, context={"SYR": 1.0})
    assert p is not None and p.name == "Kabanah" and p.admin1 == "Latakia" and p.text == "Kabani"
    # already inside a named province, or no namesake inside one: nothing changes
    assert gaz.in_named_province(kobani, gaz.provinces_named(["Aleppo"], context={"SYR": 1.0})) is None
    assert gaz.in_named_province(kobani, gaz.provinces_named(["Daraa"], context={"SYR": 1.0})) is None
    springfield = gaz.resolve("Springfield", context={"USA": 1.0})
    assert springfield is not None and springfield.admin1 != "Illinois"
    p = gaz.in_named_province(springfield, gaz.provinces_named(["Illinois"]), context={"USA": 1.0})
    assert p is not None and p.admin1 == "Illinois"


@pytest.mark.parametrize(("name", "town"), [("Tal Tamr", "Tall Tamr"), ("Jendires", "Jindayris")])
def test_a_story_with_no_country_takes_a_small_town_one_vowel_apart(gaz: Gazetteer, name: str, town: str) -> None:
    p = gaz.resolve(name)
    assert p is not None and p.name == town and p.country == "SYR"


def test_every_sizeable_skeleton_match_is_a_candidate(gaz: Gazetteer) -> None:
    # the first small town matched loosely does not hide the big one after it in the index
    p = gaz.resolve("Qameshly")
    assert p is not None and p.name == "Al Qamishli"


@pytest.mark.parametrize(("text", "town"), [("Paletwa Clashes", "Paletwa"), ("Karachi 5 March", "Karachi"),
                                            ("Mogok at National Unity Government", "Mogok")])
def test_a_headlines_name_run_into_its_words_is_the_name(gaz: Gazetteer, text: str, town: str) -> None:
    p = gaz.resolve(text)
    assert p is not None and p.name.startswith(town) and p.text == text


@pytest.mark.parametrize("text", ["Tal Halaf", "Central Africa", "Red Square"])
def test_the_words_after_a_known_name_may_be_its_own(gaz: Gazetteer, text: str) -> None:
    # "Tal" (At Tall), "Central" (Uganda), "Red" (India) are not these places
    p = gaz.resolve(text)
    assert p is None or p.name.split()[0].lower() not in ("at", "central", "red")


@pytest.mark.parametrize(("name", "not_name"), [("Bashiqa", "Bishkek"), ("Euphrates", "Furth"), ("Qunaitra", "Guntur")])
def test_skeleton_abroad_keeps_the_syllables(gaz: Gazetteer, name: str, not_name: str) -> None:
    """With no country in the story a consonant skeleton alone names no town abroad: "Bashiqa"
    (an Iraqi town) shares Bishkek's consonants, "Euphrates" Fuerth's, but not their syllables."""
    place = gaz.resolve(name)
    assert place is None or place.name != not_name, place


def test_skeleton_abroad_still_finds_spellings(gaz: Gazetteer) -> None:
    """A spelling of the same name keeps its syllables and is still found without context."""
    for text, name, iso3 in [("Hendarat", "Handarat", "SYR"), ("Menbej", "Manbij", "SYR")]:
        p = gaz.resolve(text)
        assert p is not None and (p.name, p.country) == (name, iso3)


def test_town_beats_its_province_unless_the_text_says_province(gaz: Gazetteer) -> None:
    """A populated place beats the division of the same name: "Misrata" is GeoNames' Misratah
    town by an alternate name and Misratah district by its own; "Deir Ezzor" is listed only as
    the governorate's alias, so its seat, Deir ez-Zor town, is meant; "Deir Ezzor province" is
    the governorate."""
    for text, iso3, name in [("Misrata", "LBY", "Misratah"), ("Deir Ezzor", "SYR", "Deir ez-Zor")]:
        p = gaz.resolve(text, context_country=iso3)
        assert p is not None and (p.name, p.country, p.geo_precision) == (name, iso3, 1), p
    p = gaz.resolve("Deir Ezzor province", context_country="SYR")
    assert p is not None and p.geo_precision == 3


@pytest.mark.parametrize(
    ("text", "name", "iso3"),
    [
        ("Kachin State Mohnyin Town", "Mohnyin", "MMR"),  # a region, then the town before its kind word
        ("Mosul Nuri Mosque", "Mosul", "IRQ"),  # a town, then a site's name and its kind
        ("Kandahar Central Market", "Kandahar", "AFG"),
    ],
)
def test_an_unknown_name_ending_in_its_kind_resolves_to_the_town_it_names(gaz: Gazetteer, text: str, name: str,
                                                                          iso3: str) -> None:
    place = gaz.resolve(text)
    assert place is not None and (place.name, place.country) == (name, iso3)
    assert place.lat is not None and place.text == text


def test_a_country_before_a_site_is_no_town(gaz: Gazetteer) -> None:
    place = gaz.resolve("Nigeria Varsity Mosque")
    assert place is None or place.lat is None


@pytest.mark.parametrize(
    ("text", "name"),
    [("Shiite Baghdad", "Baghdad"), ("Baghdad Shi'ite", "Baghdad"), ("Sunni Mosul", "Mosul")],
)
def test_a_town_among_words_naming_a_community_is_that_town(gaz: Gazetteer, text: str, name: str) -> None:
    place = gaz.resolve(text)
    assert place is not None and place.name == name and place.lat is not None


def test_a_people_named_makes_their_neighbourhood_come_before_another_continent(gaz: Gazetteer) -> None:
    # only "Turkish" names a country: a Ras al-Ayn beside Turkey, not Morocco's bigger Ras El Ain
    place = gaz.resolve("Ras Al-Ain", context={"TUR": 0.3})
    assert place is not None and place.country == "SYR"
    # a town named exactly in the country whose people the story names, though another is home
    place = gaz.resolve("Tikrit", context={"USA": 1.0, "IRQ": 0.3})
    assert place is not None and place.country == "IRQ"


def test_a_short_name_needs_its_vowels_even_in_the_storys_country(gaz: Gazetteer) -> None:
    # four consonants are shared by unrelated names of one big country: "Parakel" in a US-led
    # story is no Berkeley ("barkala" against "parakal"), while a spelling of the same short
    # name still matches at home ("Tabaqa" / Al-Tabqa), and a long skeleton alone still does
    story = {"USA": 1.0}
    assert all(c.entry.name != "Berkeley" for c in gaz.candidates("Parakel", context=story))
    assert gaz.best("Tabaqa", context={"SYR": 1.0}).entry.name == "Al-Tabqa"
    assert gaz.best("Dayr az Zawr", context={"SYR": 1.0}).entry.name == "Deir ez-Zor"


def test_an_unknown_place_does_not_fall_back_to_a_loosely_matched_neighbour(gaz: Gazetteer) -> None:
    # "Qorvanek Island in the Parakel chain": "Parakel" is only a consonant skeleton of a US town;
    # an unknown place beside it takes no point from it, but the sentence's own country
    story = {"USA": 27.0, "CHN": 22.0}
    p = gaz.resolve_or_nearby("Qorvanek Island", [("Parakel", 23, 30)], context=story, local={"CHN": 1.0},
                              start=0, end=15)
    assert p is not None and p.country == "CHN" and p.lat is None
    # a neighbour known by its own name still gives the point near it
    p = gaz.resolve_or_nearby("Qorvanek", [("Purcell", 12, 19)], context=story, start=0, end=8)
    assert p is not None and p.name == "Purcell" and p.geo_precision == 2


def test_a_province_is_no_namesake_town_in_another_province(gaz: Gazetteer) -> None:
    # Baja California the state, not the village of that name in Chiapas; a province's seat of
    # its own name is still the town ("Idlib", "Raqqa" spelt as its province)
    place = gaz.resolve("Baja California")
    assert place is not None and place.geo_precision == 3 and place.lat is not None and place.lat > 28
    assert gaz.best("Idlib").entry.kind == "city"
    assert gaz.best("Raqqa").entry.kind == "city"


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen loyal to them and to Iran attacked the town.",
        "Factions backed by Turkey shelled the village.",
        "Protesters rallied against Israel outside the embassy.",
    ],
)
def test_story_context_a_patron_or_a_target_is_a_party(gaz: Gazetteer, text: str) -> None:
    # a country named as whom fighters are loyal to, who backs them, or whom a deed is against
    # counts as a people (a party), not as the story's place
    ctx = story_context(text, gaz)
    assert ctx and all(w <= defaults.PLACE_CTX_DEMONYM_CAP for w in ctx.values())
    assert story_context("Gunmen attacked the town in Iran.", gaz) == {"IRN": defaults.PLACE_CTX_COUNTRY}
    # a country modifying the noun after "against" says where the targets are
    assert story_context("Bombs against Iraq Sunni mosques kill 12.", gaz) == {"IRQ": defaults.PLACE_CTX_COUNTRY}


@pytest.mark.parametrize(("text", "name", "iso3"), [
    ("North Kivu", "Nord Kivu", "COD"),
    ("South Kordofan", "Southern Kordofan", "SDN"),
])
def test_english_names_of_conflict_provinces(gaz: Gazetteer, text: str, name: str, iso3: str) -> None:
    """English spellings of provinces GeoNames lists in French or Arabic form (places.yaml
    admin1_aliases): "North Kivu" is no North Cave in England."""
    place = gaz.resolve(text)
    assert place is not None and (place.name, place.country, place.geo_precision) == (name, iso3, 3)


def test_a_name_the_text_puts_inside_another_countrys_place_vouches_for_no_namesake(gaz: Gazetteer) -> None:
    # Al Marj is a division of Libya; the text puts this one inside a Syrian region, so it is no
    # sign of Libya, and the region's country alone leads
    text = "Shelling hit the Al-Marj area in the Eastern Ghouta on Tuesday, killing four people."
    ctx = story_context(text, gaz, demonyms=False)
    assert "LBY" not in ctx and ctx.get("SYR", 0.0) >= 1.0, ctx
    # named on its own it still vouches for Libya
    ctx = story_context("Shelling hit Al-Marj on Tuesday, killing four people.", gaz, demonyms=False)
    assert ctx.get("LBY", 0.0) >= 1.0, ctx


def test_a_storys_names_are_read_once_for_the_story_and_its_sentences(gaz: Gazetteer) -> None:
    from sitrep.resolve import places

    first = "Syrian government forces shelled Douma in Eastern Ghouta on Sunday morning."
    story = first + " Rebels loyal to Turkey said the strikes on Douma killed 12 people."
    places._name_hits.cache_clear()
    places._story_hits.__wrapped__(gaz, story)
    read = places._name_hits.cache_info().misses
    got = places._story_hits.__wrapped__(gaz, first)
    info = places._name_hits.cache_info()
    assert info.misses == read and info.hits > 0  # every name of the sentence was read with the story
    places._name_hits.cache_clear()
    assert places._story_hits.__wrapped__(gaz, first) == got  # and reads as it does afresh
    kinds = {(iso, kind) for iso, kind, _word, _part in got[0]}
    assert ("SYR", "place") in kinds and ("SYR", "demonym") in kinds


def test_a_country_after_pro_names_a_party_not_the_storys_place() -> None:
    # "pro-Turkey factions" say whose side, as "pro-Turkish" does: no place of the story
    ctx = story_context("Clashes erupt in the countryside between Kurdish fighters and pro-Turkey factions.")
    assert ctx.get("TUR", 0.0) < defaults.GAZETTEER_CONTEXT_MIN_WEIGHT
    assert story_context("Clashes erupt on the border of Turkey.").get("TUR") == defaults.PLACE_CTX_COUNTRY


@pytest.mark.parametrize("text", [
    "Syrian rebels backed by Turkey entered Afrin on Sunday",
    "militias loyal to them and to Iran shelled Aleppo",
    "the protests against Israel spread to Hebron",
    "government forces retook Palmyra from Islamic State",
    "fighters \u017fupported by Russia advanced on Idlib",  # a long s: IGNORECASE reads it as "s"
    "",
])
def test_party_cue_finds_what_the_cue_pattern_finds(text):
    from sitrep.resolve.places import _PARTY_BEFORE, _party_cue

    for end in range(len(text) + 1):
        for back in (10, 40):
            start = max(0, end - back)
            want = _PARTY_BEFORE.search(text, start, end)
            got = _party_cue(text, start, end)
            assert (got and got.span()) == (want and want.span())


@pytest.mark.parametrize(("text", "not_name"), [("Junta", "La Junta")])
def test_a_romance_article_is_part_of_the_name(gaz: Gazetteer, text: str, not_name: str) -> None:
    # "la"/"le" are no Arabic article to drop: "Junta troops" names no Mexican La Junta
    place = gaz.resolve(text)
    assert place is None or place.name != not_name, place
    full = gaz.resolve(not_name)
    assert full is not None and full.name == not_name


@pytest.mark.parametrize(("text", "iso3"), [("Pakistani Kashmir", "PAK"), ("Indian Kashmir", "IND")])
def test_a_peoples_part_of_a_shared_region_is_their_countrys(gaz: Gazetteer, text: str, iso3: str) -> None:
    place = gaz.resolve(text)
    assert place is not None and (place.country, place.geo_precision) == (iso3, 3), place
    # a town of the people's own country stays that town; a people and a group's name is no place
    aleppo = gaz.resolve("Syrian Aleppo")
    assert aleppo is not None and (aleppo.name, aleppo.geo_precision) == ("Aleppo", 1)
    assert gaz.resolve("Pakistani Taliban") is None


@pytest.mark.parametrize(("text", "iso3"), [("Mindanao", "PHL"), ("Kivu", "COD"), ("Kordofan", "SDN")])
def test_a_region_named_by_its_provinces_shared_word(gaz: Gazetteer, text: str, iso3: str) -> None:
    # "Northern Mindanao", "South Kivu": the region they divide, with no point (never a guessed
    # one), rather than a loose spelling of a town elsewhere (Mindanao is no Mandeni)
    place = gaz.resolve(text)
    assert place is not None and (place.name, place.country, place.geo_precision) == (text, iso3, 3), place
    assert place.lat is None
    # a town of that name in another story's country is still that town, not a region
    idlib = gaz.resolve("Idlib", context_country="PHL")
    assert idlib is None or idlib.name != "Idlib" or idlib.lat is not None


@pytest.mark.parametrize("text", ["the Middle East", "the Gulf", "Sahel"])
def test_a_region_wider_than_a_country_falls_back_to_no_country(gaz: Gazetteer, text: str) -> None:
    # the story's country is no stand-in for a region wider than it: no place at all
    ctx = {"IRN": 2.0}
    assert gaz.resolve_or_nearby(text, [("Tehran", 0, 6)], context=ctx, start=20, end=20 + len(text)) is None
    # an unknown village still falls back to the story's country
    got = gaz.resolve_or_nearby("Qaryat Zzyx", [], context=ctx, start=20, end=31)
    assert got is not None and got.country == "IRN"


def test_a_compass_word_still_falls_back_to_the_town_beside_it(gaz: Gazetteer) -> None:
    # "areas west and south of Kadugli": the bare direction is near the town it is told from
    got = gaz.resolve_or_nearby("West", [("Kadugli", 30, 37)], context={"SDN": 1.0}, start=6, end=10)
    assert got is not None and got.country == "SDN" and got.geo_precision == 2


def test_a_saharan_name_beginning_with_in_is_that_name(gaz: Gazetteer) -> None:
    # "In Salah" is an Algerian town, not Iraq's Salah ad-Din read after a preposition
    place = gaz.resolve("In Salah")
    assert place is not None and (place.name, place.country, place.geo_precision) == ("In Salah", "DZA", 1), place
    # a preposition before a known town still goes
    baghdad = gaz.resolve("In Baghdad")
    assert baghdad is not None and baghdad.name == "Baghdad"


@pytest.mark.parametrize("text", ["Deir-ez-Zor", "Deir ez-Zor", "Deir ez Zor"])
def test_an_article_between_hyphens_is_dropped_as_one_before_a_name(text: str) -> None:
    # "Deir-ez-Zor" writes the article glued on both sides; it is the city all the same
    place = resolve(text)
    assert place is not None and place.country == "SYR" and place.name == "Deir ez-Zor"
