"""Each pattern family on sentences written for these tests, with the negatives that must not
become claims."""

from __future__ import annotations

import pytest

from extract.offline.casualty_patterns import find_claims
from extract.text.casualty_words import head_mentions_people
from schemas import Outcome

K, W, C, M = Outcome.killed, Outcome.wounded, Outcome.captured, Outcome.missing
KC, CAS = Outcome.killed_or_captured, Outcome.casualties


def found(sentence: str) -> list[tuple[Outcome, int | None, int | None, bool]]:
    return [(c.outcome, c.count.min, c.count.max, c.count.vague) for c in find_claims(sentence)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # subject + participle (passive), with a coordinated second figure
        ("Seven rangers were killed and 12 wounded in the raid.", [(K, 7, 7, False), (W, 12, 12, False)]),
        ("Four guards were killed and nine were wounded, the mayor said.", [(K, 4, 4, False), (W, 9, 9, False)]),
        ("Up to 200 people may have been killed, aid workers said.", [(K, None, 200, False)]),
        ("Between 10 and 15 villagers were reportedly wounded.", [(W, 10, 15, False)]),
        ("The council said more than 100 raiders had been killed.", [(K, 100, None, False)]),
        ("Nine climbers remain missing after the avalanche.", [(M, 9, 9, False)]),
        ("At least 23 people died when the ferry capsized.", [(K, 23, None, False)]),
        ("Police said 14 dead and dozens injured after the blast.", [(K, 14, 14, False), (W, None, None, True)]),
        ("A 29-year-old courier was killed.", [(K, 1, 1, False)]),
        ("Many were wounded.", [(W, None, None, True)]),
        # no auxiliary, figure before the participle
        ("The patrol withdrew with at least 9 scouts from the eastern brigade killed or arrested.", [(KC, 9, None, False)]),
        ("12 killed in bus crash", [(K, 12, 12, False)]),
        ("Medics treated 57 injured people overnight.", [(W, 57, 57, False)]),
        # verb + object (active)
        ("Raiders killed 50 herders and 10 traders near the well.", [(K, 50, 50, False), (K, 10, 10, False)]),
        ("Gunmen killed 30 villagers and wounded 12 others.", [(K, 30, 30, False), (W, 12, 12, False)]),
        ("The faction said it had killed and injured scores of guards.", [(CAS, None, None, True)]),
        ("Witnesses described the militia killing or arresting at least 20 youths.", [(KC, 20, None, False)]),
        ("The storm killed 12 and left 30 injured.", [(K, 12, 12, False), (W, 30, 30, False)]),
        ("The blast killed a porter and injured two children.", [(K, 1, 1, False), (W, 2, 2, False)]),
        # own losses
        ("The militia said it lost four of its own fighters in the clash.", [(K, 4, 4, False)]),
        ("The clan acknowledged the loss of three of their own men.", [(K, 3, 3, False)]),
        ("The clashes led to the deaths of at least 8 farmers.", [(K, 8, None, False)]),
        ("The death toll rose to 41 on Monday.", [(K, 41, 41, False)]),
        ("Two more people died in hospital, bringing the toll to 14.", [(K, 14, 14, False), (K, 2, 2, False)]),
        ("An estimated 1,000 people are feared dead.", [(K, 1000, 1000, False)]),
        # one claim per figure in a coordinated subject
        ("Five rangers and two drivers were killed.", [(K, 5, 5, False), (K, 2, 2, False)]),
        ("Three guards and a nurse were wounded.", [(W, 3, 3, False), (W, 1, 1, False)]),
        # combined outcomes
        ("Dozens of protesters were killed or arrested, witnesses said.", [(KC, None, None, True)]),
        ("\u201cDozens and dozens\u201d of guards had been killed or taken prisoner.", [(KC, None, None, True)]),
        ("At least 6 drivers were killed and arrested after the standoff.", [(KC, 6, None, False)]),
        # captured
        ("Eleven sailors were taken prisoner after the ship was seized.", [(C, 11, 11, False)]),
        ("Weapons were seized, and hostages were taken, she added.", [(C, None, None, True)]),
        ("\"Others have surrendered.\"", [(C, None, None, True)]),
        ("Some 30 guards surrendered to the rebels.", [(C, 30, 30, False)]),
        ("The reporter was kidnapped on Friday, his employer said.", [(C, 1, 1, False)]),
        # bodies
        ("He shared footage of numerous corpses of guards.", [(K, None, None, True)]),
        ("The images appeared to show bodies in uniform.", [(K, None, None, True)]),
        # no survivors
        ("There were no survivors, the coroner said.", [(K, None, None, True)]),
        ("None of the 40 people aboard survived.", [(K, 40, 40, False)]),
        ("The minister said no one is believed to have survived the crash.", [(K, None, None, True)]),
        ("Trawler Sinks With All Hands Lost", [(K, None, None, True)]),
        ("The ferry went down with all 40 dead.", [(K, 40, 40, False)]),
        # among the ...
        ("The agency confirmed that its pilot, John Roe, was among the casualties.", [(CAS, 1, 1, False)]),
        ("In one clip, bearded men are visible among the prisoners.", [(C, None, None, True)]),
        ("Officials said three police officers were among those killed.", [(K, 3, 3, False)]),
        ("Among the dead were three children.", [(K, 3, 3, False)]),
        # losses with a named sufferer
        ("The garrison suffered a setback and heavy losses on Sunday.", [(CAS, None, None, True)]),
        ("Both the navy and the coast guard reported losses last week.", [(CAS, None, None, True)]),
        ("The raid resulted in significant casualties among border guards.", [(CAS, None, None, True)]),
        # people aboard a craft that vanished
        ("Four Britons were on board the ferry carrying 80 passengers which vanished on Monday.",
         [(M, 4, 4, False), (M, 80, 80, False)]),
        ("The relatives of Ana Lee whose sister is missing spoke.", [(M, 1, 1, False)]),
        # wider news vocabulary: hospitalised, tally nouns, hostage-taking, "claimed the lives of"
        ("Eighty people were hospitalised after the blast.", [(W, 80, 80, False)]),
        ("The crash resulted in 5 fatalities.", [(K, 5, 5, False)]),
        ("Authorities confirmed 3 deaths and 40 injuries.", [(K, 3, 3, False), (W, 40, 40, False)]),
        ("Gunmen took 30 hostages at the school.", [(C, 30, 30, False)]),
        ("Rebels seized 12 soldiers near the ford.", [(C, 12, 12, False)]),
        ("The blast claimed the lives of four guards.", [(K, 4, 4, False)]),
        ("Eleven pilgrims were crushed to death.", [(K, 11, 11, False)]),
        ("The number of people killed had reached 74.", [(K, 74, 74, False)]),
        # a part of a group: "including", an aside before the verb, "N of the dead", "N more"
        ("Floods killed at least 12 people, including three children.", [(K, 12, None, False), (K, 3, 3, False)]),
        ("Seven people, including a child, were killed.", [(K, 7, 7, False), (K, 1, 1, False)]),
        ("Four of the dead were police officers.", [(K, 4, 4, False)]),
        ("Five more are feared dead.", [(K, 5, 5, False)]),
        ("A 19-year-old student was among those arrested.", [(C, 1, 1, False)]),
        ("The toll from the mine blast has risen to 31.", [(K, 31, 31, False)]),
        ("The accident killed the driver and two passengers.", [(K, 1, 1, False), (K, 2, 2, False)]),
        # the figure next to the participle is its subject, not the first figure of the sentence
        ("At least 17 people died and 40 were injured.", [(K, 17, None, False), (W, 40, 40, False)]),
    ],
)
def test_pattern_families(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Floods killed at least 12 people, including three children.",
        "Four of the dead were police officers.",
        "The toll from the mine blast has risen to 31.",
        "The army suffered heavy losses near the river.",
        "None of those on board survived.",
        "Footage appeared to show bodies of soldiers in the street.",
        "A flight carrying 239 passengers disappeared on Saturday.",
        "Gunmen took 30 hostages at the market.",
        "The attack resulted in 5 fatalities.",
        "A 19-year-old student was among those arrested.",
        "Seven soldiers were k\u0131lled on Monday.",  # IGNORECASE reads the dotless i as an i
        "Seven soldiers were KILLED on Monday.",
        "The talks went on for seven hours.",
    ],
)
def test_skipping_families_without_their_trigger_words_drops_no_claim(sentence, monkeypatch):
    import extract.offline.casualty_patterns as patterns

    skipped = find_claims(sentence)
    monkeypatch.setattr(patterns, "_families_to_run", lambda text: list(patterns._FAMILIES))
    assert skipped == find_claims(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The bus was carrying 45 passengers.",  # a bare count of people on board
        "The plane, with 120 people aboard, turned south.",
        "He killed two birds with one stone.",  # idiom
        "The team killed it on stage with 5 encores.",
        "In 2020, the regime took power.",  # a year is never a count
        "Fighting has gone on since 2012.",
        "Two-thirds of the ship's passengers were Filipino.",
        "Five enemy positions had been successfully neutralised.",
        "The army said that five hostile targets had been successfully dealt with.",
        "The army rarely reports its casualties.",
        "The rebels lost control of several districts.",
        "The company lost 40 employees to rivals last year.",
        "The drone carried two dead batteries.",
        "The wounded were taken to hospital.",
        "No one was hurt.",
        "No rangers were killed, the ministry said.",  # a denial is not a figure
        "The minister denied that any villagers had been killed.",
        "Neither side has said how many civilians died.",
        "Around 3,000 troops were deployed to the region.",
        "The ministry said 400 people had been evacuated.",
        "More than 1,200 homes were destroyed.",
        "Garrisons Suffer Heavy Losses in North",  # present-tense headline: no sufferer claim
        "The clashes inflicted heavy losses, observers said.",
        "International bodies condemned the raid.",
        "The film has claimed 3 awards this year.",
        "Police took 5 statements from witnesses.",
        "Rebels seized 3 towns.",
        "Some of the hostages were released on Monday.",
        "The crash caused numerous casualties.",  # no figure and no sufferer
        "There were no deaths.",
        "Riot squads killed the police siren.",  # "the" + a group noun is no figure of one
    ],
)
def test_not_a_casualty_claim(sentence):
    assert find_claims(sentence) == []


def test_victims_and_hedge_are_kept():
    [claim] = find_claims("Observers estimated that 20 or more contractors may have been killed.")
    assert claim.victims == "contractors"
    assert claim.hedged
    [plain] = find_claims("Seven rangers were killed.")
    assert not plain.hedged and plain.victims == "rangers"


def test_head_of_the_phrase_decides_whether_it_names_people():
    assert head_mentions_people(" fighters from the northern group")
    assert not head_mentions_people(" districts to separatist groups")
    assert head_mentions_people(" Estonians")


def test_an_age_is_not_the_figure():
    [claim] = find_claims("A 34-year-old man was killed.")
    assert (claim.count.min, claim.count.max) == (1, 1)
