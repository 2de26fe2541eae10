"""Disputes beyond numbers: accounts of one non-casualty fact that differ. Best effort, offline,
precision over recall. Each module finds one kind, and they run in this order:

* ``years``: different years for one statement ("took power in 2020" / "in 2022").
* ``contrast``: contrasting accounts inside one article ("X said ..." / "But Y said ...").
* ``counts``: different exact counts of one non-casualty thing ("227 passengers" / "239 passengers").
* ``retellings``: a retelling in another article that swaps the roles ("A lost the towns" / "the
  loss of the towns to A"), then one that negates ("found" / "did not find").
* ``notices``: correction notices and denials, each set against the statement it answers.

Of the last four kinds, disputes that retell one another (three rewrites of one dispatch) are
merged into one with the mentions of all: that merging lives here. ``common`` holds what several
finders share.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from extract.text import sentences
from schemas import Article, Dispute
from summarise.reconcile.disputes.alignment import SentenceIndex
from summarise.reconcile.disputes.contrast import contrast_disputes
from summarise.reconcile.disputes.counts import count_disputes
from summarise.reconcile.disputes.notices import correction_disputes, denial_disputes
from summarise.reconcile.disputes.retellings import negation_disputes, role_swap_disputes
from summarise.reconcile.disputes.years import year_disputes

__all__ = ["find_disputes"]

RETELLING_SIMILARITY = 85.0


def find_disputes(articles: list[Article]) -> list[Dispute]:
    """Disputes over non-casualty facts among ``articles`` (in-scope text only), numbered d1, d2..."""
    article_sentences = {a.id: sentences.article_sentences(a) for a in articles}
    index = SentenceIndex([s for a in articles for s in article_sentences[a.id]])
    disputes = (
        year_disputes(articles, article_sentences)
        + contrast_disputes(articles, article_sentences)
        + count_disputes(articles, article_sentences)
        + _merge_retellings(role_swap_disputes(index))
        + _merge_retellings(negation_disputes(index))
        + _merge_retellings(correction_disputes(articles, article_sentences, index)
                            + denial_disputes(articles, article_sentences, index))
    )
    for number, dispute in enumerate(disputes, start=1):
        dispute.id = f"d{number}"
    return disputes


def _merge_retellings(disputes: list[Dispute]) -> list[Dispute]:
    """Merge disputes whose sides retell one another, in either order for two sides (rewrites of
    one dispatch): one dispute, the mentions of all."""
    merged: list[Dispute] = []
    for dispute in disputes:
        # a two-sided dispute may tell its sides the other way round ("B vs A" retells "A vs B")
        turned = [dispute, dispute.model_copy(update={"sides": dispute.sides[::-1]})] if len(dispute.sides) == 2 else [dispute]
        twin, dispute = next(((m, d) for d in turned for m in merged if _retells(m, d)), (None, dispute))
        if twin is None:
            merged.append(dispute)
            continue
        for kept, extra in zip(twin.sides, dispute.sides, strict=False):
            known = {(m.article, m.start) for m in kept.mentions}
            kept.mentions += [m for m in extra.mentions if (m.article, m.start) not in known]
            if extra.source and kept.source and extra.source not in kept.source.split(", "):
                kept.source = f"{kept.source}, {extra.source}"
    return merged


def _retells(a: Dispute, b: Dispute) -> bool:
    """Side by side the statements are alike, and no sentence would land on two sides (a swapped
    retelling reads alike word for word, yet is the other side)."""
    if len(a.sides) != len(b.sides):
        return False
    if not all(fuzz.token_set_ratio(x.statement, y.statement) >= RETELLING_SIMILARITY for x, y in zip(a.sides, b.sides, strict=False)):
        return False
    side_of: dict[tuple[str, int], int] = {}
    for dispute in (a, b):
        for number, side in enumerate(dispute.sides):
            for mention in side.mentions:
                if side_of.setdefault((mention.article, mention.start), number) != number:
                    return False
    return True
