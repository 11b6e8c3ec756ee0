"""Command line: `interview-ie run INPUT_DIR --out OUT_DIR` (also `python -m pipeline run ...`),
`interview-ie evaluate --gold GOLD.jsonl --pred OUT_DIR [--out EVAL_DIR]`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .config import (CACHE_NAME, DEFAULT_BATCH_SIZE, DEFAULT_MAX_CHARS, DEFAULT_MODEL, Engine, RunError,
                     Settings, location)


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="interview-ie", description=__doc__.splitlines()[0])
    ap.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="extract the tables from a folder of texts")
    r.add_argument("input_dir", type=location,
                   help="folder of .txt, .md and .html files (searched recursively); with --engine ray "
                        "also a URI (s3://bucket/texts, gs://..., file:///...)")
    r.add_argument("--out", type=location, default=Path("outputs"),
                   help="output folder (default: outputs); with --engine ray also a URI")
    r.add_argument("--model", default=DEFAULT_MODEL,
                   help=f"installed spaCy pipeline name or path (default: {DEFAULT_MODEL})")
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
    e = sub.add_parser("evaluate", help="score a run's tables against gold annotations and list the errors")
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


def _run(args) -> int:
    from .run import run  # heavy imports only when running

    try:
        settings = Settings(args.input_dir, args.out, model=args.model, batch_size=args.batch_size,
                            workers=args.workers, max_chars=args.max_chars, strict=args.strict,
                            progress=not args.quiet, cache_dir=args.cache, use_cache=not args.no_cache,
                            engine=Engine(args.engine), ray_address=args.ray_address,
                            verbose=args.verbose)
        summary = run(settings)
    except (ValueError, RunError, OSError) as e:
        print(f"interview-ie: {e}", file=sys.stderr)
        return 2
    for line in summary.lines():
        print(line, file=sys.stderr)
    return 1 if settings.strict and summary.n_failed else 0


def _evaluate(args) -> int:
    from .errors import attribute, by_stage
    from .evaluate import evaluate, report
    from .io import read_gold, read_tables, write_eval
    from .prediction import COLUMNS, OPTIONAL, from_tables
    from .schemas import to_table
    from .vocab import EvalTable

    out = args.out or args.pred / "eval"
    try:
        gold = read_gold(args.gold)
        pred = from_tables(read_tables(args.pred, COLUMNS, OPTIONAL))
        ev = evaluate(gold, pred)
        metrics, errors = ev.metrics(), attribute(ev, pred)
        write_eval(out, {EvalTable.METRICS: to_table(EvalTable.METRICS, metrics),
                         EvalTable.ERRORS: to_table(EvalTable.ERRORS, errors)})
    except (ValueError, OSError) as e:
        print(f"interview-ie: {e}", file=sys.stderr)
        return 2
    for line in report(metrics, ev):
        print(line)
    print(f"errors by stage ({len(errors)}): " + ", ".join(f"{s} {n}" for s, n in by_stage(errors).items()))
    print(f"wrote {out / 'metrics.parquet'} and {out / 'errors.parquet'}", file=sys.stderr)
    return 0
