"""The offline extractor on fictional news paragraphs in styles the reference corpus does not use.

Every place, person and organisation here is invented. Each paragraph lists the claims a reader
would take from it: outcome, count bounds and a piece of the claimant. A paragraph passes when the
extractor finds exactly those (outcome, count) pairs, each with a claimant containing the expected
words, and nothing else. The negatives at the end must yield no claim at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from extract.offline.extractor import PatternExtractor
from schemas import Article, CasualtyClaim, Outcome

VAGUE = (None, None)
OWN = "own reporting"  # the outlet's own voice: no speaker in the text
Bounds = tuple[int | None, int | None]


@dataclass(frozen=True)
class Expected:
    outcome: Outcome
    low: int | None
    high: int | None
    claimant: str  # a case-insensitive substring of the claimant, as one string (``Claimant.label()``)

    def key(self) -> tuple[Outcome, int | None, int | None]:
        return (self.outcome, self.low, self.high)


def _expect(outcome: Outcome):
    """A builder of expected claims of one outcome: ``K(42, "ministry")``, ``W((150, None), "officials")``."""

    def build(bounds: Bounds | int, claimant: str) -> Expected:
        low, high = (bounds, bounds) if isinstance(bounds, int) else bounds
        return Expected(outcome, low, high, claimant)

    return build


K, W, C, M = (_expect(outcome) for outcome in (Outcome.killed, Outcome.wounded, Outcome.captured, Outcome.missing))


def case(case_id: str, text: str, *expected: Expected, known_gap: str | None = None):
    """One paragraph and every claim a reader takes from it; ``known_gap`` marks a strict xfail."""
    marks = [pytest.mark.xfail(strict=True, reason=known_gap)] if known_gap else []
    return pytest.param(text, list(expected), id=case_id, marks=marks)


PARAGRAPHS = [
    case(
        "earthquake-ap-dateline",
        "VARNOSK, Castemir (AP) \u2014 A magnitude 6.8 earthquake struck the mountain province of Castemir "
        "early Tuesday. The death toll rose to 42 on Wednesday, the interior ministry said in a statement. "
        "At least 150 people were injured and 12 people remain unaccounted for, officials said.",
        K(42, "interior ministry"), W((150, None), "officials"), M(12, "officials"),
    ),
    case(
        "flood-reuters-dateline",
        "PORT ELLIS, Marwen, March 3 (Reuters) - Floods in southern Marwen have killed at least 17 people "
        "and injured 40, the national disaster agency said on Sunday. Two children were among the dead, "
        "agency spokesman Tavi Oren told Reuters.",
        K((17, None), "disaster agency"), W(40, "disaster agency"), K(2, "Tavi Oren"),
    ),
    case(
        "bus-crash",
        "At least 17 people died and 40 were injured when a bus plunged into a ravine near Kessaro on "
        "Friday, police said. The driver was arrested at the scene.",
        K((17, None), "police"), W(40, "police"), C(1, "own reporting"),
    ),
    case(
        "market-bombing",
        "A suicide bomber struck a crowded market in Ostravel on Thursday, killing 9 and wounding dozens, "
        "according to the health ministry. The blast also claimed the lives of four police officers, "
        "a police spokeswoman said, with two children among the dead.",
        K(9, "health ministry"), W(VAGUE, "health ministry"), K(4, "police spokeswoman"), K(2, "police spokeswoman"),
    ),
    case(
        "shooting-with-age",
        "A gunman opened fire at a shopping centre in Lindgrove on Saturday. One person was killed and "
        "six others were wounded, police said. In a separate incident, a 34-year-old man was killed "
        "outside a bar, officials said.",
        K(1, "police"), W(6, "police"), K(1, "officials"),
    ),
    case(
        "mine-collapse",
        "Rescuers have recovered 11 bodies from a collapsed gold mine in the Tarrow hills, the regional "
        "governor said. Another 23 miners remain unaccounted for.",
        K(11, "governor"), M(23, OWN),
    ),
    case(
        "stampede",
        "A stampede at a religious festival in Mirabad left 31 dead, officials said. Eighty people were "
        "hospitalised, said Hanna Sel, director of the city hospital.",
        K(31, "officials"), W(80, "Hanna Sel"),
    ),
    case(
        "protest-crackdown",
        "Security forces fired tear gas at crowds in the capital Veltra on Monday. Police arrested 120 "
        "protesters, the interior ministry said. Three demonstrators were shot dead, the rights group "
        "Civic Watch told the Associated Press.",
        C(120, "interior ministry"), K(3, "Civic Watch"),
    ),
    case(
        "shipwreck",
        "A fishing boat carrying migrants capsized off the coast of Ardan overnight. Coast guard "
        "officials said 27 bodies were recovered and 40 people were rescued, while dozens remain missing.",
        K(27, "Coast guard officials"), M(VAGUE, "Coast guard officials"),
    ),
    case(
        "airstrike-and-ambush",
        "An air strike on the village of Qalbeh killed 14 civilians, local medics said. In the east, "
        "nine soldiers lost their lives in an ambush, the defence ministry said in a statement.",
        K(14, "medics"), K(9, "defence ministry"),
    ),
    case(
        "school-hostages",
        "Gunmen stormed a boarding school in Nkamba district and took 30 hostages, a local official told "
        "AFP. Twelve students were abducted from a second school nearby, police said.",
        C(30, "local official"), C(12, "police"),
    ),
    case(
        "train-fatalities-and-toll",
        "The collision between two trains near Sobrin resulted in 5 fatalities, according to the "
        "transport authority. Local media later reported a toll of 7 dead.",
        K(5, "transport authority"), K(7, "Local media"),
    ),
    case(
        "warehouse-fire",
        "A fire swept through a warehouse in Dellacourt on Tuesday. A man was killed and two "
        "firefighters were hurt, fire chief Oona Brack said.",
        K(1, "Oona Brack"), W(2, "Oona Brack"),
    ),
    case(
        "left-dead-and-wounded",
        "Fighting in Harrow Vale has left 3 dead and 11 wounded, the Red Lantern aid group said. "
        "The group told reporters that 200 families had fled.",
        K(3, "Red Lantern"), W(11, "Red Lantern"),
    ),
    case(
        "landslide-including-and-feared",
        "Landslides set off by Cyclone Imra killed at least 12 people, including three children, in the "
        "Belgar highlands, and five more are feared dead, provincial officials said on Monday. "
        "\u201cWe have found four bodies so far,\u201d rescue coordinator Amal Dirin told reporters.",
        K((12, None), "provincial officials"), K(3, "provincial officials"), K(5, "provincial officials"), K(4, "Amal Dirin"),
    ),
    case(
        "another-and-a-family",
        "A police officer was shot dead in Marrow Street and another was seriously wounded, police said. "
        "A woman and her two daughters were among those killed in a second attack.",
        K(1, "police"), W(1, "police"), K(3, OWN),
    ),
]


def _extract(text: str) -> list[CasualtyClaim]:
    article = Article(id="unseen.txt", text=text, wire="Newswire")
    [extraction] = PatternExtractor().extract([article])
    assert extraction.error is None
    return extraction.claims


def _key(claim: CasualtyClaim) -> tuple[Outcome, int | None, int | None]:
    return (claim.outcome, claim.count.min, claim.count.max)


@pytest.mark.parametrize("text, expected", PARAGRAPHS)
def test_unseen_paragraph(text, expected):
    claims = _extract(text)
    found = sorted((_key(c), c.claimant.label()) for c in claims)
    assert sorted(_key(c) for c in claims) == sorted(e.key() for e in expected), found
    remaining = list(claims)
    for want in expected:
        match = next(
            (c for c in remaining if _key(c) == want.key() and want.claimant.lower() in c.claimant.label().lower()), None
        )
        assert match is not None, (want, found)
        remaining.remove(match)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Rovers won 3-1 on Saturday, and their singer killed it on stage afterwards.", id="sports"),
        pytest.param("The ferry had 212 passengers on board when it left Corvel harbour.", id="on-board"),
        pytest.param("The economy grew 2.4 percent and 4,000 jobs were lost in the textile sector.", id="economy"),
        pytest.param("The bill passed by 212 votes to 198 after a long debate.", id="votes"),
        pytest.param("Apollo 11 landed on the Moon in 1969 with three astronauts aboard.", id="apollo"),
        pytest.param("Relatives of those on flight 370 met in Corvel on Monday.", id="flight-number"),
        pytest.param("The 58-year-old mayor said 3,000 residents had been evacuated.", id="age-and-evacuated"),
        pytest.param("Both teams lost 2 players to injury before the final.", id="injured-players-idiom"),
    ],
)
def test_unseen_negative(text):
    assert _extract(text) == []
