"""What each fictional CMS-like page in ``cms_pages/`` holds: its headline, one phrase from every
body paragraph (main text that must reach ``Article.text``), and one phrase from every piece of
page furniture (cookie banner, navigation, "Most read" box, related links, comments, footer) that
must not. Shared by ``test_ingest_html_pages.py`` and the library measurement script."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

CMS_PAGES_DIR = Path(__file__).parent / "cms_pages"


@dataclass(frozen=True)
class PageExpectation:
    name: str
    headline: str
    body: tuple[str, ...]  # one phrase per body paragraph
    furniture: tuple[str, ...]  # one phrase per furniture line
    published: date | None
    outlet: str | None


PAGES = (
    PageExpectation(
        name="wordpress-blog.html",
        headline="Footbridge collapse in Drennick leaves two dead",
        body=(
            "Two people died and five were injured when the old footbridge",
            "The bridge, a timber span built in 1958",
            "We heard a crack like a gunshot",
            "Fire crews pulled eleven people from the river.",
            "passed an inspection in March",
        ),
        furniture=(
            "Skip to content", "We use cookies to give you the best experience", "Accept cookies",
            "Read our privacy policy", "News from the Orle valley since 1911", "Jobs and notices",
            "Share on Facebook", "Village fete raises record sum", "Council delays repairs to river crossings",
            "Regatta returns after three-year break", "thoughts on", "I told the council about the rotten planks",
            "Thoughts with the families tonight", "Leave a Reply", "Your email address will not be published",
            "Most read", "Beloved bakery on Mill Street", "New parking charges at the station",
            "Primary school wins national reading prize", "Advertise with the Gazette", "All rights reserved",
        ),
        published=date(2032, 5, 11),
        outlet="The Orle Gazette",
    ),
    PageExpectation(
        name="div-soup.html",
        headline="Eleven hurt as bus overturns on Tamm highway",
        body=(
            "Eleven people were hurt, three of them seriously",
            "The coach left the road on a bend near the Kelde junction",
            "Thirty-eight passengers were on board.",
            "two of the seriously injured were in intensive care",
            "Residents of the village of Kelde have long asked for a crash barrier",
        ),
        furniture=(
            "Classifieds", "Subscribe from 1 euro a week", "This website uses cookies and similar technologies",
            "Roadworks on the Tamm highway to last until autumn", "Tags:", "Send by email", "More from Region",
            "Kelde mayor promises new crash barriers", "Pilgrim season brings thousands", "Comments (3)",
            "That bend is a death trap", "Wishing a speedy recovery", "Write a comment", "Most read",
            "Vessarin market hall to reopen", "Local football club signs striker", "Heatwave warning issued",
            "4 Harbour Lane", "Copyright 2032 Vessarin Media Group",
        ),
        published=date(2032, 8, 3),
        outlet="Vessarin Daily",
    ),
    PageExpectation(
        name="app-cards.html",
        headline="Blast at Selk refinery kills three workers",
        body=(
            "Three workers were killed and nine injured in an explosion at the Selk refinery",
            "The blast tore through a storage unit",
            "the three dead were contract workers",
            "The harbour master closed the inner port for four hours",
            "raised concerns about the unit",
        ),
        furniture=(
            "Podcasts", "Ferry timetable changes from Monday", "property prices fall for a third month",
            "Get the morning briefing", "Most read", "Mayor defends plan for new tram line",
            "cut journey times across the city", "Storm damage closes seafront promenade", "Join the conversation",
            "My cousin works there", "Heartbreaking news for our town", "independent newsroom",
            "Ambry Now Ltd", "We and our partners use cookies", "Reject all",
        ),
        published=date(2032, 2, 19),
        outlet="Ambry Now",
    ),
    PageExpectation(
        name="article-wrapped.html",
        headline="Landslide buries homes in Halvergate; four missing",
        body=(
            "Four people were missing on Monday night after a landslide buried three houses",
            "Rescuers with dogs searched the rubble",
            "The whole slope just came down in one go.",
            "opened the village hall for about thirty residents",
            "Geologists from the regional survey warned last spring",
        ),
        furniture=(
            "Cookies help us deliver our services", "Learn more about cookies", "Farming", "Letters",
            "Most read", "Sheep farmers face another hard winter", "school choir to sing at the cathedral",
            "New owners for the Brisk mill", "Retaining wall cracks worry", "Rainfall records broken",
            "We have been asking the council to do something", "Praying they find everyone alive",
            "The Square, Brisk.", "All content copyright",
        ),
        published=date(2032, 10, 27),
        outlet="Brisk Valley Herald",
    ),
    PageExpectation(
        name="table-layout.html",
        headline="Ferry fire: one dead, dozens rescued",
        body=(
            "One crew member died and 47 passengers were rescued",
            "The fire started in the engine room",
            "Fishing boats from the bay reached the ferry",
            "Six passengers were treated in hospital",
            "a 52-year-old engineer from Kellin Bay",
        ),
        furniture=(
            "We use cookies on this site", "Front page", "Obituaries", "Tides and weather",
            "Readers' comments", "The Marrow has been falling apart", "Thank you to the fishermen",
            "Most read this week", "Harbour wall repairs finally begin", "Council votes to keep the lido open",
            "Record catch for the Kellin fleet", "Related stories", "Ferry company fined over safety drills",
            "established 1899",
        ),
        published=date(2032, 6, 14),
        outlet=None,
    ),
)


def leaked_furniture(page: PageExpectation, text: str) -> list[str]:
    return [phrase for phrase in page.furniture if phrase in text]


def lost_main_text(page: PageExpectation, text: str) -> list[str]:
    return [phrase for phrase in (page.headline, *page.body) if phrase not in text]
