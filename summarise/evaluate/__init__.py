"""Score a run against an event folder's ``gold.yaml`` (format: ../shared/corpus/README.md).

``matching`` pairs system claims with gold claims (the corpus's rule); ``scoring`` adds the
reconciliation checks and builds an ``EvalReport``; ``editor`` scores what an editor needs (key
figures in the lead, casualty-table rows mixing victim sides, disputes found); ``table`` prints
the report; ``run`` runs the pipeline on a folder and scores it (``summarise eval``).
"""

from summarise.evaluate.matching import (
    ClaimMatch,
    GoldMiss,
    MatchedPair,
    SideVocabulary,
    SystemClaimRef,
    claim_matches,
    counts_compatible,
    match_claims,
    outcomes_compatible,
    sides_compatible,
    victim_side_of,
)
from summarise.evaluate.run import run_eval
from summarise.evaluate.scoring import EvalReport, evaluate
from summarise.evaluate.table import format_eval_table

__all__ = [
    "ClaimMatch",
    "EvalReport",
    "GoldMiss",
    "MatchedPair",
    "SideVocabulary",
    "SystemClaimRef",
    "claim_matches",
    "counts_compatible",
    "evaluate",
    "format_eval_table",
    "match_claims",
    "outcomes_compatible",
    "run_eval",
    "sides_compatible",
    "victim_side_of",
]
