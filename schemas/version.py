"""The contract's version and the ``$id`` of its JSON Schemas."""

SCHEMA_VERSION = "2"  # bump on any change a newsroom tool reading summary.json must know of


def schema_id(name: str) -> str:
    """The ``$id`` of one top-level JSON Schema, e.g. ``urn:summarise:schema:event-summary:2``."""
    return f"urn:summarise:schema:{name}:{SCHEMA_VERSION}"
