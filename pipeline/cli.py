"""Command line: `interview-ie run INPUT_DIR --out OUT_DIR` (also `python -m pipeline run ...`) and
`interview-ie evaluate --gold GOLD.jsonl --pred OUT_DIR [--out EVAL_DIR]`; every option is in the
README (tests/test_cli.py keeps the two in step)."""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from . import __version__
from .runtime.config import (CACHE_NAME, DEFAULT_BATCH_SIZE, DEFAULT_MAX_CHARS, DEFAULT_MODEL, Engine, RunError,
                     Settings, location, some)


DESCRIPTION = """\
Structured data out of filmmaker interviews and profiles: people, works, organizations,
places, awards, dates, the relations between them and every mention with its offsets, as
Parquet tables (one file per table) in an output folder."""

EPILOG = """\
examples:
  interview-ie run my_texts --out my_tables
  interview-ie evaluate --gold gold.jsonl --pred my_tables

'interview-ie COMMAND --help' describes a command and its options; the README has them all.
'python -m pipeline' is the same program."""

RUN_DESCRIPTION = """\
Reads every .txt, .md, .html and .htm file under INPUT_DIR (recursively) and writes the
tables and manifest.json (what produced them: version, model, settings, counts, times) into
the output folder. A file that cannot be used becomes a documents row with status 'error'
and the cause; the others are processed. The output folder is replaced only when the run
completes. Each document's result is cached, so a re-run parses only changed texts."""

RUN_EPILOG = """\
examples:
  interview-ie run my_texts --out my_tables
  interview-ie run my_texts --out my_tables --workers 2 --model en_core_web_sm
  interview-ie run s3://bucket/texts --out s3://bucket/tables --engine ray --workers 8

The summary on stderr ends with the output folder. Read a table with pandas:
  pandas.read_parquet('my_tables/relations.parquet')"""

EVALUATE_DESCRIPTION = """\
Scores the tables of a run against gold annotations (JSON Lines, the format of SPEC.md):
precision, recall and F1 per entity type and per predicate, the document subject and
cross-document resolution. Prints the table, then writes metrics.parquet and errors.parquet
(each error with the stage it is attributed to) into the evaluation folder. Gold documents
missing from the run are named on stderr; when none is in the run, it exits 2."""

EVALUATE_EPILOG = """\
example:
  interview-ie run raw --out outputs
  interview-ie evaluate --gold gold/raw.jsonl --pred outputs"""


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="interview-ie", description=DESCRIPTION, epilog=EPILOG,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="extract the tables from a folder of texts", description=RUN_DESCRIPTION,
                       epilog=RUN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    r.add_argument("input_dir", type=location,
                   help="folder of .txt, .md and .html files (searched recursively); with --engine ray "
                        "also a URI (s3://bucket/texts, gs://..., file:///...)")
    r.add_argument("--out", type=location, default=Path("outputs"),
                   help="output folder (default: outputs); with --engine ray also a URI")
    r.add_argument("--model", default=DEFAULT_MODEL,
                   help=f"installed spaCy pipeline name or path (default: {DEFAULT_MODEL}, spaCy's "
                        "en_core_web_sm 3.8.0, also accepted as en_core_web_sm)")
    r.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                   help=f"documents per spaCy batch and per worker task (default: {DEFAULT_BATCH_SIZE})")
    r.add_argument("--workers", type=int, default=1,
                   help="processes (local engine) or Ray actors that parse documents (default: 1)")
    cache = r.add_mutually_exclusive_group()
    cache.add_argument("--cache", type=Path, default=None, metavar="DIR",
                       help=f"cache of per-document results, a local folder (default: {CACHE_NAME} beside "
                            "the output folder; for an output URI ~/.cache/interview-ie)")
    cache.add_argument("--no-cache", action="store_true", help="parse every document, keep no cache")
    r.add_argument("--engine", choices=[e.value for e in Engine], default=Engine.LOCAL.value,
                   help="local: this machine; ray: Ray Data actors (pip install 'interview-ie[ray]')")
    r.add_argument("--ray-address", default=None,
                   help="attach to this Ray cluster (default with --engine ray: a local Ray instance)")
    r.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                   help=f"larger documents are rejected (default: {DEFAULT_MAX_CHARS:,})")
    r.add_argument("--strict", action="store_true", help="exit 1 if any document failed")
    r.add_argument("--quiet", action="store_true", help="no progress bar")
    r.add_argument("--verbose", action="store_true",
                   help="with --engine ray, show Ray's own log messages (hidden by default)")
    e = sub.add_parser("evaluate", help="score a run's tables against gold annotations and list the errors",
                       description=EVALUATE_DESCRIPTION, epilog=EVALUATE_EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    e.add_argument("--gold", required=True, type=Path, help="gold annotations (JSON Lines, see SPEC.md)")
    e.add_argument("--pred", required=True, type=Path, help="the output folder of a run")
    e.add_argument("--out", type=Path, help="folder for metrics.parquet and errors.parquet (default: PRED/eval)")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "run":
        return _run(args)
    if args.command == "evaluate":
        return _evaluate(args)
    return 2


class Interrupted(KeyboardInterrupt):
    """SIGTERM (or SIGHUP) during a run, raised like Ctrl-C so that every clean-up runs."""


def _raise_interrupted(signum, _frame) -> None:
    raise Interrupted(signum)


def _run(args) -> int:
    from .runtime.engine import cores
    from .runtime.run import run  # heavy imports only when running

    previous = {s: signal.signal(s, _raise_interrupted) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        settings = Settings(args.input_dir, args.out, model=args.model, batch_size=args.batch_size,
                            workers=args.workers, max_chars=args.max_chars, strict=args.strict,
                            progress=not args.quiet, cache_dir=args.cache, use_cache=not args.no_cache,
                            engine=Engine(args.engine), ray_address=args.ray_address,
                            verbose=args.verbose)
        if settings.workers > cores() and not settings.ray_address:
            print(f"interview-ie: warning: --workers {settings.workers} is more than this machine's "
                  f"{cores()} cores; at most {cores()} will parse", file=sys.stderr)
        summary = run(settings)
    except (ValueError, RunError, OSError) as e:
        print(f"interview-ie: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as e:  # Ctrl-C, or SIGTERM through _raise_interrupted
        signum = e.args[0] if isinstance(e, Interrupted) else signal.SIGINT
        print(f"interview-ie: interrupted by {signal.Signals(signum).name}; the output folder "
              f"{args.out} was left as it was", file=sys.stderr)
        return 128 + signum
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    for line in summary.lines():
        print(line, file=sys.stderr)
    return 1 if settings.strict and summary.n_failed else 0


def _evaluate(args) -> int:
    from .evaluation.attribution import attribute, by_stage
    from .evaluation.metrics import evaluate, report
    from .runtime.io import read_gold, read_tables, write_eval
    from .evaluation.prediction import COLUMNS, OPTIONAL, from_tables
    from .output.schemas import to_table
    from .vocab import EvalTable

    out = args.out or args.pred / "eval"
    try:
        gold = read_gold(args.gold)
        pred = from_tables(read_tables(args.pred, COLUMNS, OPTIONAL))
        missing = [g.doc_id for g in gold if not pred.has_doc(g.doc_id)]
        if gold and len(missing) == len(gold):
            raise ValueError(f"{args.gold}: none of its {len(gold)} documents ({some(missing)}) is in "
                             f"{args.pred} (whose documents are {some(sorted(pred.texts))}); "
                             "is this the gold file of that run's input?")
        if missing:
            print(f"interview-ie: warning: {len(missing)} of the {len(gold)} gold documents are not in "
                  f"{args.pred} ({some(missing)}); their entities and relations count as missed",
                  file=sys.stderr)
        ev = evaluate(gold, pred)
        metrics, errors = ev.metrics(), attribute(ev, pred)
        write_eval(out, {EvalTable.METRICS: to_table(EvalTable.METRICS, metrics),
                         EvalTable.ERRORS: to_table(EvalTable.ERRORS, errors)})
    except (ValueError, RunError, OSError) as e:
        print(f"interview-ie: {e}", file=sys.stderr)
        return 2
    for line in report(metrics, ev):
        print(line)
    print(f"errors by stage ({len(errors)}): " + ", ".join(f"{s} {n}" for s, n in by_stage(errors).items()))
    print(f"wrote {out / 'metrics.parquet'} and {out / 'errors.parquet'}", file=sys.stderr)
    return 0


