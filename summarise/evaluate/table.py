"""Plain-text rendering of an EvalReport for the terminal (no dependency)."""

from __future__ import annotations

from summarise.evaluate.scoring import EvalReport

QUOTE_CHARS = 90


def truncate(text: str, limit: int = QUOTE_CHARS) -> str:
    """One line, at most ``limit`` characters, an ellipsis where it was cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    def line(cells: list[str]) -> str:
        return "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=False)))
    return [line(header), "  ".join("-" * w for w in widths), *[line(r) for r in rows]]


def format_eval_table(report: EvalReport) -> str:
    """The report as a compact terminal table, misses and false positives listed with quotes."""
    c = report.claims
    out = [f"{report.event}  (extractor: {report.extractor})"]
    if report.seconds is not None:
        out[0] += f"  {report.seconds:.2f}s"
    out.append(f"claims  P {c.precision:.2f}  R {c.recall:.2f}  F1 {c.f1:.2f}  "
               f"({c.matched} matched / {c.system} system / {c.gold} gold)")
    out.append("")
    rows = [[a.article, str(a.system), str(a.gold), str(a.matched), f"{a.precision:.2f}", f"{a.recall:.2f}"]
            for a in report.per_article]
    out += _table(["article", "system", "gold", "matched", "P", "R"], rows)

    if report.misses:
        out += ["", f"misses ({len(report.misses)}):"]
        out += [f"  {m.id:<8} {m.outcome.value:<18} {m.count:<14} \"{truncate(m.evidence)}\"" for m in report.misses]
    if report.false_positives:
        out += ["", f"false positives ({len(report.false_positives)}):"]
        out += [f"  {f.article}#{f.index:<3} {f.outcome.value:<18} {f.count:<14} \"{truncate(f.quote)}\""
                for f in report.false_positives]

    merged = sum(m.status == "merged" for m in report.merges)
    out += ["", f"merges     {merged}/{len(report.merges)} ({report.merge_rate:.2f})"]
    out += [f"  {m.status:<13} {', '.join(m.group)}" + (f"  [{truncate(m.note, 60)}]" if m.note else "")
            for m in report.merges if m.status != "merged"]
    out.append(f"conflicts  {report.conflicts_shown}/{len(report.conflicts)} shown ({report.conflict_rate:.2f})")
    out += [f"  {k.status:<13} {k.about} ({k.covered}/{k.matched} matched members held)"
            for k in report.conflicts if k.status != "shown"]
    kf = report.key_figures
    out.append(f"key figures in the lead  {kf.found}/{kf.total}")
    out += [f"  missing       {k.about} (any of {', '.join(map(str, k.numbers))})" for k in kf.checks if not k.found]
    mr = report.mixed_rows
    out.append(f"rows mixing victim sides  {len(mr.mixed)}/{mr.rows}")
    out += [f"  {m.victims} {m.outcome.value}: {', '.join(m.sides)}  "
            f"[{truncate(', '.join(f'{g} {side}' for g, side in m.gold_claims.items()), 70)}]" for m in mr.mixed]
    d = report.disputes
    out.append(f"disputes   {d.found}/{d.gold} found ({d.system} in the summary)")
    out += [f"  not found     {truncate(k.about, 70)}" for k in d.checks if k.status != "found"]
    s = report.sources
    out.append(f"sources    {s.agreeing}/{s.pairs} article pairs agree" + ("  (exact)" if s.exact else ""))
    out += [f"  {d}" for d in s.disagreements]
    out.append(f"leaks      {len(report.leaks)}")
    out += [f"  {leak.word!r} in {leak.where}: \"{truncate(leak.context, 90)}\"" for leak in report.leaks]
    out.append(f"spans      {report.spans.valid}/{report.spans.mentions} valid")
    out += [f"  {i.article} {i.start}-{i.end}: \"{truncate(i.quote, 60)}\"" for i in report.spans.invalid]
    return "\n".join(out)
