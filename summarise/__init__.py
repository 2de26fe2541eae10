"""summarise: turn a folder of news reports about one event into a sourced, conflict-aware summary.

The library call for newsroom tools is ``run_pipeline(folder, RunConfig(...))``; see
``summarise.pipeline``. Imports are lazy so that ``import summarise`` stays cheap for the CLI.
"""

__version__ = "0.1.0"

__all__ = ["RunConfig", "LLMConfig", "run_pipeline", "write_outputs", "__version__"]


def __getattr__(name):
    if name in ("RunConfig", "LLMConfig"):
        from summarise import config

        return getattr(config, name)
    if name in ("run_pipeline", "write_outputs"):
        from summarise import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'summarise' has no attribute {name!r}")
