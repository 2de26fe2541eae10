"""The ``summarise eval`` entry point: run the pipeline on an event folder and score it."""

from __future__ import annotations

import time
from pathlib import Path

from summarise.config import RunConfig
from summarise.evaluate.gold import load_gold
from summarise.evaluate.scoring import EvalReport, evaluate


def run_eval(event_dir: Path, config: RunConfig) -> EvalReport:
    """Load ``EVENT_DIR/gold.yaml`` (raises ``GoldError`` before any work), run the pipeline on the
    event's articles and score its summary, extractions and rendered outputs.
    ``seconds`` is the pipeline's wall time."""
    gold = load_gold(event_dir)
    from summarise.pipeline import run_pipeline  # the pipeline imports every stage; only eval needs it here

    started = time.perf_counter()
    result = run_pipeline(Path(event_dir), config)
    seconds = time.perf_counter() - started
    report = evaluate(result.summary, result.extractions, gold, articles=result.articles, rendered=result.rendered)
    return report.model_copy(update={"seconds": seconds})
