"""Long documents against the corpus: time per character and peak memory (issue 16).

    python benchmarks/long_documents.py [--texts DIR] [--cases corpus,joined,kim35k,kim70k,joined3,table]

Each case runs the pipeline with `--no-cache` and default settings in a fresh process (as
`throughput.py` does: timed from the start of the process, imports and model loading included;
peak RSS is its ru_maxrss; CPU time beside it, which other processes on the machine disturb less):
- corpus: the 500 texts of ../shared/data/redocred-dev-all, the reference;
- joined: those 500 texts joined into one document (about 540,000 characters);
- kim35k, kim70k: one short sentence with a name, "Director Kim. ", repeated 35,000 and 70,000
  times (490,000 and 980,000 characters): a text that grows, whose time should grow in proportion;
- joined3: three joined documents (each starting at another text) in one folder;
- table: a Markdown table of about 526,000 characters (invented names and titles).
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

from throughput import DEFAULT_TEXTS, machine, measure

CASES = ("corpus", "joined", "kim35k", "kim70k", "joined3", "table")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="folder of .txt files (the corpus)")
    ap.add_argument("--cases", default=",".join(CASES), help=f"comma-separated, of: {', '.join(CASES)}")
    args = ap.parse_args()
    if not args.texts.is_dir():
        print(f"long_documents: {args.texts} is not a folder of texts", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="interview-ie-long-"))
    try:
        print(machine(), flush=True)
        results = {}
        for name in args.cases.split(","):
            folder, chars = make(name, args.texts, work / name)
            r = measure("pipeline", folder, work / f"out-{name}", "--no-cache")
            r["chars"] = chars
            results[name] = r
            print(f"{name:8s} {chars:9,d} chars {r['seconds']:7.1f} s (CPU {r['cpu']:6.1f} s) "
                  f"{1e6 * r['seconds'] / chars:6.1f} µs/char"
                  f"  peak RSS {r['rss_mb']:5.0f} MB  (load average {os.getloadavg()[0]:.1f})", flush=True)
        verdicts(results)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def verdicts(r: dict) -> None:
    """The issue's targets, for the cases that ran."""
    print()
    per_char = {k: v["seconds"] / v["chars"] for k, v in r.items()}
    if "corpus" in r and "joined" in r:
        ratio = per_char["joined"] / per_char["corpus"]
        cpu = r["joined"]["cpu"] / r["joined"]["chars"] / (r["corpus"]["cpu"] / r["corpus"]["chars"])
        print(f"joined / corpus, time per character: {ratio:.2f}x (CPU time {cpu:.2f}x; target <= 2x); "
              f"joined peak RSS {r['joined']['rss_mb']:.0f} MB (target <= 1,536 MB)")
    if "kim35k" in r and "kim70k" in r:
        ratio = r["kim70k"]["seconds"] / r["kim35k"]["seconds"]
        cpu = r["kim70k"]["cpu"] / r["kim35k"]["cpu"]
        print(f"kim70k / kim35k, time: {ratio:.2f}x (CPU time {cpu:.2f}x; target <= 2.5x; 2x is linear)")
    if "joined3" in r:
        print(f"joined3 peak RSS {r['joined3']['rss_mb']:.0f} MB (target <= 2,048 MB)")


def make(name: str, texts: Path, dest: Path) -> tuple[Path, int]:
    """The input folder of a case -> (folder, characters)."""
    dest.mkdir(parents=True)
    parts = [p.read_bytes().decode("utf-8") for p in sorted(texts.glob("*.txt"))]
    if name == "corpus":
        for k, text in enumerate(parts):
            (dest / f"{k:04d}.txt").write_bytes(text.encode("utf-8"))
        return dest, sum(map(len, parts))
    if name in ("joined", "joined3"):
        docs = ["\n\n".join(parts[k * 100:] + parts[:k * 100]) for k in range(3 if name == "joined3" else 1)]
    elif name.startswith("kim"):
        docs = ["Director Kim. " * (int(name[3:-1]) * 1000)]
    elif name == "table":
        docs = [table(526_000)]
    else:
        raise SystemExit(f"long_documents: unknown case {name!r} (cases: {', '.join(CASES)})")
    for k, text in enumerate(docs):
        (dest / f"{name}{k}.{'md' if name == 'table' else 'txt'}").write_bytes(text.encode("utf-8"))
    return dest, sum(map(len, docs))


def table(size: int) -> str:
    """A Markdown filmography of invented names and titles, about `size` characters."""
    rng = random.Random(16)
    first = ["Mara", "Tobin", "Elsa", "Corvin", "Ines", "Dario", "Lenna", "Pavel", "Yuna", "Hector"]
    last = ["Vellacourt", "Brandt", "Okonkwo", "Sato", "Marsh", "Quill", "Ferreira", "Lindqvist", "Haddad", "Novak"]
    films = ["The Silent Orchard", "Night of Glass", "River Without Names", "Paper Lanterns", "The Last Ferry"]
    rows = ["| Year | Title | Director | Country | Festival |", "| --- | --- | --- | --- | --- |"]
    n = sum(len(r) + 1 for r in rows)
    while n < size:
        row = (f"| {rng.randint(1950, 2020)} | {rng.choice(films)} {rng.randint(1, 99)} | {rng.choice(first)} "
               f"{rng.choice(last)} | {rng.choice(['France', 'Korea', 'Brazil', 'Canada'])} | "
               f"{rng.choice(['Cannes', 'Berlin', 'Venice', 'Busan'])} |")
        rows.append(row)
        n += len(row) + 1
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    sys.exit(main())
