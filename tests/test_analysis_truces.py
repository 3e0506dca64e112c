"""The truce state machine on event sequences coded by ``sitrep.code`` from real sentences:
the seed's truce offer (../shared/seed, publication date 2021-07-01) and follow-up reports
written for these tests (an agreement, a refusal, violations)."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest
from conftest import SEED_DATE, seed_text

import sitrep
from sitrep.analysis.sides import resolve_side
from sitrep.analysis.truces import conditions, state_on, truce_role, truces
from sitrep.models import Event

MILITIAS, US = resolve_side("Iran-aligned Iraqi militias"), resolve_side("US forces")

# Written for these tests (not real reports); publication dates beside them.
AGREEMENT = ("Iraqi militias and the United States agreed to a ceasefire on Saturday, officials said.", "2021-07-05")
KH_ROCKETS = ("Kataib Hezbollah fired rockets at US troops at Ain al-Asad air base on Monday.", "2021-07-12")
US_STRIKE = ("US aircraft struck a Kataib Hezbollah weapons depot near al-Qaim on Wednesday, killing two fighters.",
             "2021-07-14")
US_REFUSAL = ("The United States did not agree to a truce with Kataib Hezbollah, a Pentagon spokesman said on Friday.",
              "2021-07-10")
KH_ALONE = ("Kataib Hezbollah agreed to a truce with US forces on Thursday.", "2021-07-09")
KH_SAME_DAY = ("Kataib Hezbollah fighters fired rockets at US troops near Baghdad airport on Thursday.", "2021-07-09")


@cache
def coded(text: str, pub: str) -> tuple[Event, ...]:
    return tuple(sitrep.code(text, date=pub))


def seed_events() -> tuple[Event, ...]:
    return coded(seed_text(), SEED_DATE)


def events_of(*reports: tuple[str, str]) -> list[Event]:
    out = list(seed_events())
    for text, pub in reports:
        out.extend(coded(text, pub))
    return out


def test_the_seed_offer_is_an_offer_with_its_conditions():
    offers = [e for e in seed_events() if truce_role(e) == "offer"]
    assert offers, "the coder no longer codes the seed's truce offer as a hypothetical ceasefire"
    episodes = truces(seed_events(), MILITIAS, US)
    assert len(episodes) == 1
    t = episodes[0]
    assert t.state == "offered"
    assert t.offered_on == date(2021, 7, 1) and t.offered_by == ("Iran-aligned Iraqi militias",)
    assert t.conditions and t.conditions.startswith("if the US ends attacks")
    # the strikes and rockets the seed reports prompted the offer: not violations of anything
    assert len(t.attacks_while_offered) >= 1 and not t.violations


def test_offer_agreement_and_violation():
    evs = events_of(AGREEMENT, KH_ROCKETS, US_STRIKE)
    (t,) = truces(evs, MILITIAS, US)
    assert [h.state for h in t.history] == ["offered", "agreed", "in force", "violated"]
    assert t.agreed_on == date(2021, 7, 3)  # "on Saturday" before the 5 July report
    assert set(t.agreed_by) == {"Iran-aligned Iraqi militias", "US forces"} and not t.unilateral
    assert t.in_force_from == date(2021, 7, 4)
    assert t.state == "violated" and t.violated_on == date(2021, 7, 12)
    assert t.violated_by == ("Iran-aligned Iraqi militias",)
    assert t.first_violation is not None and "Ain al-Asad" in t.first_violation.evidence.sentence
    assert len(t.violations) == 2  # the US strike two days later is a violation too, not the first
    assert state_on([t], date(2021, 7, 8)) == "in force"
    assert state_on([t], date(2021, 7, 13)) == "violated"
    assert state_on([t], date(2021, 6, 30)) is None
    d = t.to_dict()
    assert d["state"] == "violated" and d["first_violation"] == t.first_violation.event_id


def test_an_offer_refused_by_the_other_side():
    (t,) = truces(events_of(US_REFUSAL), MILITIAS, US)
    assert t.state == "rejected" and t.rejected_by == ("US forces",)


def test_an_offer_not_taken_up_lapses():
    (t,) = truces(seed_events(), MILITIAS, US, until="2021-08-15")
    assert t.state == "lapsed" and t.lapsed_on == date(2021, 7, 31)
    (t,) = truces(seed_events(), MILITIAS, US, until="2021-07-20")
    assert t.state == "offered"  # still open


def test_unilateral_truce_broken_by_the_other_side_and_same_day_attacks():
    evs = [*coded(*KH_ALONE), *coded(*KH_SAME_DAY), *coded(*US_STRIKE)]
    (t,) = truces(evs, MILITIAS, US)
    assert t.agreed_on == date(2021, 7, 8) and t.unilateral and t.agreed_by == ("Iran-aligned Iraqi militias",)
    # the rockets of the same Thursday may have come before the agreement: not a violation
    assert t.violated_on == date(2021, 7, 14) and t.violated_by == ("US forces",)
    assert len(t.violations) == 1


def test_a_new_truce_after_a_violated_one_opens_a_new_episode():
    later = ("Iraqi militias and the United States agreed to a ceasefire on Saturday, officials said.", "2021-07-26")
    evs = events_of(AGREEMENT, KH_ROCKETS, later)
    episodes = truces(evs, MILITIAS, US)
    assert [t.state for t in episodes] == ["violated", "in force"]
    assert episodes[1].agreed_on == date(2021, 7, 24)


@pytest.mark.parametrize("sentence, expected", [
    ("Militias agreed to halt attacks if the US ends its strikes on their positions.",
     "if the US ends its strikes on their positions"),
    ('They were ready to resume an unofficial truce, "provided the Americans remain calm as well".',
     "provided the Americans remain calm as well"),
    ("The rebels declared a ceasefire.", None),
])
def test_conditions_are_the_conditional_clause(sentence: str, expected: str | None):
    assert conditions(sentence) == expected
