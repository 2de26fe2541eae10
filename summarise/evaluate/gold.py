"""Read a corpus folder's ``gold.yaml`` (format: ../shared/corpus/README.md) into typed models.

Used by ``summarise eval``, by tests and by benchmarks. Raises ``GoldError`` with a one-line
message naming the file when the annotation is missing or malformed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, ValidationError

from extract.errors import GoldError
from schemas import Count, Outcome


class GoldArticle(BaseModel):
    wire: str | None = None
    published: date | None = None
    off_topic_from: str | None = None
    event_match: str | None = None
    note: str | None = None


class GoldClaim(BaseModel):
    id: str
    article: str
    outcome: Outcome
    victims: str
    victim_side: str
    count: Count
    claimant: str
    claimant_side: str
    evidence: str


class GoldAttribution(BaseModel):
    speaker: str
    same_as: str | None = None
    role: str | None = None
    affiliation: str | None = None
    articles: list[str] = Field(default_factory=list)
    evidence: str


class GoldConflict(BaseModel):
    about: str
    claims: list[str]
    why: str | None = None


class GoldDispute(BaseModel):
    about: str
    articles: list[str] = Field(default_factory=list)
    sides: list[str] = Field(default_factory=list)
    note: str | None = None


class GoldKeyFigure(BaseModel):
    """A figure the summary's first paragraph must give an editor; any one of ``numbers`` will do
    (the latest of a rising toll, or each side's where claimants disagree)."""

    about: str
    numbers: list[int] = Field(default_factory=list)


class GoldReconciliation(BaseModel):
    same_claim: list[list[str]] = Field(default_factory=list)
    conflicts: list[GoldConflict] = Field(default_factory=list)
    disputes: list[GoldDispute] = Field(default_factory=list)
    independent_sources: dict[str, list[str]] = Field(default_factory=dict)
    must_not_appear: list[str] = Field(default_factory=list)


class Gold(BaseModel):
    event: dict[str, Any] = Field(default_factory=dict)
    articles: dict[str, GoldArticle] = Field(default_factory=dict)
    claims: list[GoldClaim] = Field(default_factory=list)
    attributions: list[GoldAttribution] = Field(default_factory=list)
    reconciliation: GoldReconciliation = Field(default_factory=GoldReconciliation)
    key_figures: list[GoldKeyFigure] = Field(default_factory=list)
    umbrella_sides: dict[str, list[str]] = Field(
        default_factory=dict, description="umbrella side -> the sides it holds together (an army and its allies)"
    )

    def claim(self, claim_id: str) -> GoldClaim:
        return next(c for c in self.claims if c.id == claim_id)

    def sides(self) -> dict[str, list[str]]:
        """``event.sides``: each side of the event's vocabulary with the names the articles use
        for it (empty when the annotation lists none)."""
        raw = self.event.get("sides")
        if not isinstance(raw, dict):
            return {}
        return {str(side): [str(name) for name in (names or [])] for side, names in raw.items()}


def _normalise_raw(raw: dict[str, Any]) -> dict[str, Any]:
    """gold.yaml writes counts as {min, max, text, vague?} and articles in `articles` as
    `article`, which the models take as they are; `disputes` may name one `article`.
    Entries of the wrong shape are left alone for validation to report."""
    recon = raw.get("reconciliation")
    for dispute in (recon.get("disputes") or []) if isinstance(recon, dict) else []:
        if isinstance(dispute, dict) and "article" in dispute and "articles" not in dispute:
            dispute["articles"] = [dispute.pop("article")]
    claims = raw.get("claims")
    for claim in claims if isinstance(claims, list) else []:
        count = claim.get("count") if isinstance(claim, dict) else None
        if isinstance(count, dict):
            count["text"] = str(count.get("text", ""))
    return raw


def _yaml_problem(exc: Exception) -> str:
    """The first line of a YAML or decoding error, with the line number where YAML gives one."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    mark = getattr(exc, "problem_mark", None)
    return f"{first} (line {mark.line + 1})" if mark is not None else first


def load_gold(event_dir: str | Path) -> Gold:
    """Load ``EVENT_DIR/gold.yaml``."""
    path = Path(event_dir) / "gold.yaml"
    if not path.is_file():
        raise GoldError(f"{path}: no gold.yaml in this folder")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"{path}: cannot be read: {exc.strerror or type(exc).__name__}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: does not parse as YAML: {_yaml_problem(exc)}") from None
    if not isinstance(raw, dict):
        raise GoldError(f"{path}: expected a mapping at the top level")
    try:
        return Gold.model_validate(_normalise_raw(raw))
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise GoldError(f"{path}: {where}: {err['msg']}") from None
