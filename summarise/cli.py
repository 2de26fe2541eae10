"""The ``summarise`` command.

    summarise FOLDER [-o DIR|-] [--title T] [--open] [-q] [options]
                                            summary.md, summary.json, report.html; prints the Markdown
    summarise eval EVENT_DIR [--json]       score a run against EVENT_DIR/gold.yaml
    summarise schema [--of summary|extraction]   JSON Schema of the output
    summarise cache clear|path              empty the LLM answer cache, or say where it is

FOLDER holds the reports, or is an event folder whose ``articles/`` subfolder does. The output
goes to ``./summary-EVENT``, EVENT being the event folder's name (the folder above ``articles/``),
unless ``-o DIR`` says where; ``-o -`` writes summary.json to stdout and nothing else there.
The default folder never takes another event's summary: when it already holds one from another
folder, the run refuses (exit 2) and asks for ``-o`` (the folder read is noted for that check in
a hidden ``.summarise-source`` file beside the outputs there; ``summarise.cli_paths``).

Everything is checked before any work, each misuse a one-line error with exit 2: a folder with no
news report in it (only project files such as a README or LICENSE, or files too short to be a
report), an ``-o`` that is a file or cannot be written, an unknown subcommand (with a
did-you-mean), option values out of range. On stderr: the endpoint and model (never the key),
progress (a bar on a terminal, plain lines otherwise, nothing with ``-q``; ``summarise.progress``),
the warnings, and a digest (articles, sources, claims, conflicts, where the files are).

Exit codes: 0 done; 1 no article could be extracted; 2 bad input or options; 3 the LLM endpoint
cannot be used (unreachable, authentication, unknown model); 130 interrupted. ``cli(args)``
returns the code, so tests call it directly; ``main()`` is the console script.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path
from typing import NoReturn

from pydantic import ValidationError

from extract.errors import ConfigError, InputError, LLMError, SummariseError
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


class _Parser(argparse.ArgumentParser):
    """argparse with its errors on one line (its default prints the whole usage first)."""

    def error(self, message: str) -> NoReturn:
        _warn(f"error: {message} (see '{self.prog} --help')")
        raise SystemExit(EXIT_BAD_INPUT)


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
    llm.add_argument("--deadline", type=float, metavar="SECONDS",
                     help="seconds for all the run's LLM requests: after it none is sent, the articles not done "
                     "are reported as not extracted, and what finished is written (default: none)")
    llm.add_argument("--cache-dir", type=Path, help=f"LLM answer cache (default {default_cache_dir()})")
    llm.add_argument("--no-cache", action="store_true", help="neither read nor write the LLM answer cache")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="summarise",
        description="Turn a folder of news reports about one event into a sourced, conflict-aware summary.",
        epilog="Subcommands: 'summarise eval EVENT_DIR', 'summarise schema', 'summarise cache clear'. "
        "Exit codes: 0 done, 1 nothing extracted, 2 bad input, 3 LLM endpoint unusable.",
    )
    parser.add_argument("--version", action="version", version=f"summarise {__version__}")
    sub = parser.add_subparsers(dest="command")

    run = sub.add_parser("run", help="summarise a folder (the default: 'summarise FOLDER')")
    run.add_argument("folder", type=Path, help="folder of articles (.txt .md .html .json)")
    run.add_argument("-o", "--output", help="output folder (default ./summary-EVENT, EVENT the folder's name, "
                     "the one above articles/ when that is given); '-' writes summary.json to stdout")
    run.add_argument("--format", help="comma-separated: md,json,html (default all; json with -o -)")
    run.add_argument("--title", help="the summary's title (default: the first article's headline)")
    run.add_argument("--open", action="store_true", help="open report.html in the web browser once written")
    run.add_argument("-q", "--quiet", action="store_true",
                     help="print neither the Markdown nor progress; warnings and the digest still go to stderr")
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
    """``summarise FOLDER`` is ``summarise run FOLDER``; a folder named like a subcommand needs 'run'.

    A first word that is no folder but close to a subcommand ('evall') is taken for a mistyped
    subcommand: ``InputError`` with a did-you-mean, rather than "no such folder" or argparse
    complaining about the words after it."""
    first = next((a for a in args if not a.startswith("-")), None)
    if first is None or first in SUBCOMMANDS or any(a in ("-h", "--help", "--version") for a in args[:1]):
        return args
    close = difflib.get_close_matches(first, SUBCOMMANDS, n=1, cutoff=0.6)
    if close and not Path(first).exists():
        raise InputError(f"unknown command {first!r}: did you mean '{close[0]}'? "
                         f"(to summarise a folder of that name, use 'summarise run {first}')")
    return ["run", *args]


def _llm_config(ns: argparse.Namespace) -> LLMConfig:
    return LLMConfig.from_environment(
        model=ns.model, base_url=ns.base_url, api_key=ns.api_key, mode=ns.mode,
        concurrency=ns.concurrency, timeout=ns.timeout, deadline=ns.deadline, cache_dir=ns.cache_dir,
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
    formats = list(dict.fromkeys(formats))
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
    from summarise.cli_paths import check_output, default_output, news_folder, write_source_stamp
    from summarise.pipeline import choose_extractor, run_pipeline
    from summarise.progress import progress_for

    # everything that can be wrong with the command line fails here, before any work
    to_stdout = ns.output == "-"
    formats = _run_formats(ns, to_stdout)
    title = _title(ns.title)
    config = _run_config(ns, formats)
    extractor, notices = choose_extractor(config)
    news = news_folder(ns.folder)
    out_dir: Path | None = None
    if not to_stdout:
        out_dir = Path(ns.output) if ns.output else default_output(news.event, news.source)
        check_output(out_dir)
    if ns.open and (to_stdout or "html" not in formats):
        raise ConfigError("--open opens report.html: it needs an output folder and html in --format")

    for notice in notices:
        _warn(notice)
    _announce_endpoint(config)
    for name in news.project_files:
        _warn(f"warning: {news.source / name} looks like a project file, not a report; it is read as an article")
    progress = progress_for(sys.stderr, quiet=ns.quiet)
    try:
        result = run_pipeline(ns.folder, config.model_copy(update={"progress": progress}))
    finally:
        progress.close()
    from summarise.render import RENDERERS, write_rendered  # after the run: its first requests need no renderer

    summary, rendered = result.summary, result.rendered
    if title is not None:  # a retitled copy, rendered again (cheap next to the run)
        summary = summary.model_copy(update={"title": title})
        rendered = {fmt: RENDERERS[fmt](summary) for fmt in rendered}

    report = summary.report
    for notice in result.notices:
        if notice not in notices:
            _warn(notice)
    for skipped in report.skipped_files:
        _warn(f"warning: skipped {news.source / skipped.article}: {skipped.reason}")
    for failure in report.failures:
        _warn(f"warning: not extracted {news.source / failure.article}: {failure.reason}")
    for warning in report.warnings:
        _warn(f"warning: {warning}")

    if out_dir is None:
        sys.stdout.write(rendered["json"])
        sys.stdout.flush()
        where = "wrote summary.json to stdout"
    else:
        written = write_rendered(rendered, out_dir)
        if ns.output is None:  # the folder default_output checks next time
            write_source_stamp(out_dir, news.source)
        if "md" in rendered and not ns.quiet:
            print(terminal_safe(rendered["md"], keep_lines=True))
        where = f"wrote {', '.join(p.name for p in written.values())} in {out_dir}"
    _warn(_report_line(report))
    _warn(f"{_digest_line(summary)}; {where}")
    if ns.open and out_dir is not None:
        _open_report(out_dir / "report.html")
    if report.articles_read and report.articles_extracted == 0:
        _warn(f"error: no article in {news.source} could be extracted")
        return EXIT_NOTHING_EXTRACTED
    return EXIT_OK


def _run_formats(ns: argparse.Namespace, to_stdout: bool) -> list[str]:
    if not to_stdout:
        return _parse_formats(ns.format or "md,json,html")
    if ns.format is not None and _parse_formats(ns.format) != ["json"]:
        raise ConfigError(f"-o - writes summary.json to stdout: --format must be json there, got {ns.format!r}")
    return ["json"]


def _title(text: str | None) -> str | None:
    if text is None:
        return None
    title = " ".join(text.split())
    if not title:
        raise ConfigError("--title must not be empty")
    return title


def _announce_endpoint(config: RunConfig) -> None:
    """Where the LLM requests will go and with which model; the key never shows (``public_url``)."""
    from summarise.pipeline import wants_llm

    if not wants_llm(config):
        return
    from extract.llm.client import resolve_target

    endpoint, model = resolve_target(config.llm)
    _warn(f"LLM: model {model} at {endpoint.public_url}")


def _open_report(path: Path) -> None:
    import webbrowser

    try:
        opened = webbrowser.open(path.resolve().as_uri())
    except webbrowser.Error:
        opened = False
    if not opened:
        _warn(f"warning: no web browser could be opened; the report is {path}")


def _report_line(report) -> str:
    line = (f"{report.articles_extracted}/{report.articles_read} articles extracted by {report.extractor}, "
            f"{report.dropped_items} items dropped")
    usage = report.usage
    if usage.calls or usage.cache_hits:
        line += (f"; LLM: {usage.calls} calls, {usage.prompt_tokens}+{usage.completion_tokens} tokens, "
                 f"{usage.reasks} re-asks, {usage.retries} retries, {usage.cache_hits} cache hits")
    return line


def _digest_line(summary) -> str:
    counts = ((len(summary.articles), "article"), (len(summary.source_groups), "independent source"),
              (len(summary.claims), "claim"), (len(summary.conflicts), "conflict"))
    return ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in counts)


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
    parser = build_parser()
    try:
        ns = parser.parse_args(_normalise_argv(list(sys.argv[1:] if args is None else args)))
    except SystemExit as exc:  # argparse has printed its one-line error (``_Parser``) or the help
        return int(exc.code or 0) and EXIT_BAD_INPUT
    except InputError as exc:  # a mistyped subcommand
        _warn(f"error: {exc}")
        return EXIT_BAD_INPUT
    if ns.command is None:
        _warn("error: give a folder of articles, e.g. 'summarise examples/border-clash' (see 'summarise --help')")
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
