"""summarise: turn a folder of news reports about one event into a sourced, conflict-aware summary."""

__version__ = "0.1.0"
