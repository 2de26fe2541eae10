"""The ``summarise`` command.

    summarise FOLDER [-o DIR] [options]     summary.md, summary.json, report.html; prints the Markdown
    summarise eval EVENT_DIR [--json]       score a run against EVENT_DIR/gold.yaml
    summarise schema [--of summary|extraction]   JSON Schema of the output
    summarise cache clear                   empty the LLM answer cache

Exit codes: 0 done; 1 no article could be extracted; 2 bad input or options; 3 the LLM endpoint
cannot be used (unreachable, authentication, unknown model). ``cli(args)`` returns the code, so
tests call it directly; ``main()`` is the console script.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from pydantic import ValidationError

from extract.errors import ConfigError, LLMError, SummariseError
from summarise import __version__
from summarise.config import LLMConfig, RunConfig, default_cache_dir

SUBCOMMANDS = ("run", "eval", "schema", "cache")
EXIT_OK, EXIT_NOTHING_EXTRACTED, EXIT_BAD_INPUT, EXIT_LLM = 0, 1, 2, 3

# The one place errors become exit codes, most specific first (see extract.errors for the tree).
EXIT_CODE_OF_ERROR: tuple[tuple[type[Exception], int], ...] = (
    (LLMError, EXIT_LLM),  # an EndpointError stops the run; any other escaping LLMError is the endpoint's too
    (SummariseError, EXIT_BAD_INPUT),  # InputError: bad options, folder or gold.yaml
    (OSError, EXIT_BAD_INPUT),  # e.g. the output folder cannot be written
)


def exit_code_of(error: Exception) -> int:
    return next(code for kind, code in EXIT_CODE_OF_ERROR if isinstance(error, kind))


def error_line(error: Exception) -> str:
    if isinstance(error, OSError) and not isinstance(error, SummariseError):
        return f"{error.filename or ''}: {error.strerror or error}"
    return str(error)


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--extractor", choices=["auto", "llm", "offline"], default="auto",
                        help="auto: the LLM when an endpoint is configured, else offline patterns")
    llm = parser.add_argument_group("LLM endpoint (any OpenAI-compatible server)")
    llm.add_argument("--model", help="model name (env SUMMARISE_MODEL or OPENAI_MODEL)")
    llm.add_argument("--base-url", help="endpoint, e.g. http://127.0.0.1:8080/v1 (env OPENAI_BASE_URL)")
    llm.add_argument("--api-key", help="API key (prefer the env OPENAI_API_KEY: argv is visible to other users)")
    llm.add_argument("--mode", choices=["auto", "tools", "json", "json_schema", "md_json"], default="auto",
                     help="instructor mode; auto picks tools for OpenAI/Azure, json for local servers")
    llm.add_argument("--concurrency", type=int, default=4, help="articles extracted at once (default 4)")
    llm.add_argument("--timeout", type=float, default=120.0, help="seconds per LLM request (default 120)")
    llm.add_argument("--cache-dir", type=Path, help=f"LLM answer cache (default {default_cache_dir()})")
    llm.add_argument("--no-cache", action="store_true", help="neither read nor write the LLM answer cache")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarise",
        description="Turn a folder of news reports about one event into a sourced, conflict-aware summary.",
        epilog="Subcommands: 'summarise eval EVENT_DIR', 'summarise schema', 'summarise cache clear'. "
        "Exit codes: 0 done, 1 nothing extracted, 2 bad input, 3 LLM endpoint unusable.",
    )
    parser.add_argument("--version", action="version", version=f"summarise {__version__}")
    sub = parser.add_subparsers(dest="command")

    run = sub.add_parser("run", help="summarise a folder (the default: 'summarise FOLDER')")
    run.add_argument("folder", type=Path, help="folder of articles (.txt .md .html .json)")
    run.add_argument("-o", "--output", type=Path, help="output folder (default ./summary-<folder name>)")
    run.add_argument("--format", default="md,json,html", help="comma-separated: md,json,html (default all)")
    run.add_argument("-q", "--quiet", action="store_true", help="do not print the Markdown")
    _add_run_options(run)

    ev = sub.add_parser("eval", help="score a run against EVENT_DIR/gold.yaml")
    ev.add_argument("event_dir", type=Path, help="folder holding articles/ and gold.yaml")
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    _add_run_options(ev)

    schema = sub.add_parser("schema", help="print the JSON Schema of summary.json")
    schema.add_argument("--of", choices=["summary", "extraction"], default="summary",
                        help="summary (summary.json) or extraction (one article's ArticleExtraction)")

    cache = sub.add_parser("cache", help="manage the LLM answer cache")
    cache.add_argument("action", choices=["clear", "path"])
    cache.add_argument("--cache-dir", type=Path)
    return parser


def _normalise_argv(args: list[str]) -> list[str]:
    """``summarise FOLDER`` is ``summarise run FOLDER``; a folder named like a subcommand needs 'run'."""
    first = next((a for a in args if not a.startswith("-")), None)
    if first is None or first in SUBCOMMANDS or any(a in ("-h", "--help", "--version") for a in args[:1]):
        return args
    return ["run", *args]


def _llm_config(ns: argparse.Namespace) -> LLMConfig:
    return LLMConfig.from_environment(
        model=ns.model, base_url=ns.base_url, api_key=ns.api_key, mode=ns.mode,
        concurrency=ns.concurrency, timeout=ns.timeout, cache_dir=ns.cache_dir,
        use_cache=False if ns.no_cache else None, progress=sys.stderr.isatty(),
    )


def _run_config(ns: argparse.Namespace, formats: list[str]) -> RunConfig:
    try:
        return RunConfig(extractor=ns.extractor, llm=_llm_config(ns), formats=formats)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ConfigError(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}") from None


def _parse_formats(text: str) -> list[str]:
    formats = [f.strip() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in ("md", "json", "html")]
    if unknown or not formats:
        raise ConfigError(f"--format takes md, json and html, comma-separated; got {text!r}")
    return formats


# C0 and C1 control characters and DEL: an escape sequence from an article or a file name would
# drive the terminal (clear it, retitle it, fake colours), a newline would forge a line of its own.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(match: re.Match) -> str:
    char = match.group(0)
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\x{ord(char):02x}")


def terminal_safe(text: str, keep_lines: bool = False) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``, ``\\n``): one line fit
    for stderr. With ``keep_lines`` newlines and tabs stay (for the Markdown on stdout)."""
    return (_CONTROL_BUT_LINES if keep_lines else _CONTROL).sub(_visible, text)


def _warn(message: str) -> None:
    print(f"summarise: {terminal_safe(message)}", file=sys.stderr)


def _cmd_run(ns: argparse.Namespace) -> int:
    from extract.ingest import articles_folder
    from summarise.pipeline import run_pipeline
    from summarise.render import write_rendered

    formats = _parse_formats(ns.format)
    config = _run_config(ns, formats)
    out_dir = ns.output or Path.cwd() / f"summary-{ns.folder.resolve().name}"
    result = run_pipeline(ns.folder, config)
    report = result.summary.report
    source = articles_folder(ns.folder)
    for notice in result.notices:
        _warn(notice)
    for skipped in report.skipped_files:
        _warn(f"warning: skipped {source / skipped.article}: {skipped.reason}")
    for failure in report.failures:
        _warn(f"warning: not extracted {source / failure.article}: {failure.reason}")
    for warning in report.warnings:
        _warn(f"warning: {warning}")
    written = write_rendered(result.rendered, out_dir)
    if "md" in result.rendered and not ns.quiet:
        print(terminal_safe(result.rendered["md"], keep_lines=True))
    _warn(_report_line(report) + f"; wrote {', '.join(str(p) for p in written.values())}")
    if report.articles_read and report.articles_extracted == 0:
        _warn(f"error: no article in {source} could be extracted")
        return EXIT_NOTHING_EXTRACTED
    return EXIT_OK


def _report_line(report) -> str:
    line = (f"{report.articles_extracted}/{report.articles_read} articles extracted by {report.extractor}, "
            f"{report.dropped_items} items dropped")
    usage = report.usage
    if usage.calls or usage.cache_hits:
        line += (f"; LLM: {usage.calls} calls, {usage.prompt_tokens}+{usage.completion_tokens} tokens, "
                 f"{usage.reasks} re-asks, {usage.retries} retries, {usage.cache_hits} cache hits")
    return line


def _cmd_eval(ns: argparse.Namespace) -> int:
    from summarise.evaluate import format_eval_table, run_eval

    config = _run_config(ns, ["md", "json", "html"])
    report = run_eval(ns.event_dir, config)
    print(report.model_dump_json(indent=2) if ns.json else format_eval_table(report))
    return EXIT_OK


def _cmd_schema(ns: argparse.Namespace) -> int:
    from schemas import ArticleExtraction, EventSummary

    model = EventSummary if ns.of == "summary" else ArticleExtraction
    print(json.dumps(model.model_json_schema(), indent=2))
    return EXIT_OK


def _cmd_cache(ns: argparse.Namespace) -> int:
    cache_dir = ns.cache_dir or default_cache_dir()
    if ns.action == "path":
        print(cache_dir)
        return EXIT_OK
    from extract.llm.cache import clear_cache

    removed = clear_cache(cache_dir)
    _warn(f"cleared {removed} cached answers from {cache_dir}")
    return EXIT_OK


COMMANDS = {"run": _cmd_run, "eval": _cmd_eval, "schema": _cmd_schema, "cache": _cmd_cache}


def cli(args: list[str] | None = None) -> int:
    """Run the command line ``args`` (default ``sys.argv[1:]``) and return the exit code."""
    argv = _normalise_argv(list(sys.argv[1:] if args is None else args))
    parser = build_parser()
    try:
        ns = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its one-line usage error or the help
        return int(exc.code or 0) and EXIT_BAD_INPUT
    if ns.command is None:
        parser.print_usage(sys.stderr)
        _warn("error: give a folder of articles, e.g. 'summarise examples/border-clash'")
        return EXIT_BAD_INPUT
    try:
        return COMMANDS[ns.command](ns)
    except (SummariseError, OSError) as exc:
        _warn(f"error: {error_line(exc)}")
        return exit_code_of(exc)
    except KeyboardInterrupt:
        _warn("interrupted")
        return 130


def main() -> None:
    sys.exit(cli())


if __name__ == "__main__":
    main()
