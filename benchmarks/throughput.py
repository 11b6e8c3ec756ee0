"""Throughput and memory of the pipeline against spaCy's own `nlp.pipe` (`make bench`).

    python benchmarks/throughput.py [--texts DIR] [--docs 500] [--big 5000] [--repeat 2]
    python benchmarks/throughput.py --batch-sizes 16,32,64,128   # how batch size matters
    python benchmarks/throughput.py --one-worker --repeat 3      # spaCy against one worker only

Every configuration runs in a fresh subprocess and is timed from the start of that process to
its end (imports and model loading included, as a user waits for them); peak memory is the
process's ru_maxrss (and its worker processes', reported apart). The corpus is copied into a
temporary folder; beyond the texts there are, copy k of a text gets a last line "(copy k)", so
that every document is distinct and the cache's reuse of identical texts does not flatter the
figures. The machine is shared: `--repeat` runs the timed configurations several times,
interleaved, and keeps each one's fastest run; the load average is printed with the results.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

T0 = time.perf_counter()  # the child's clock starts before its heavy imports
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere
from pipeline.runtime.config import DEFAULT_BATCH_SIZE, DEFAULT_MODEL  # noqa: E402 (light: no spaCy)

DEFAULT_TEXTS = ROOT.parent / "shared" / "data" / "redocred-dev-all" / "texts"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="folder of .txt files")
    ap.add_argument("--docs", type=int, default=500, help="documents of the throughput runs")
    ap.add_argument("--big", type=int, default=5000, help="documents of the memory run")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each timed configuration")
    ap.add_argument("--batch-size", type=int, default=None,
                    help="documents per batch, for spaCy and the pipeline alike (default: the pipeline's)")
    ap.add_argument("--batch-sizes", default=None, help="comma-separated: time these batch sizes instead")
    ap.add_argument("--one-worker", action="store_true",
                    help="time only spaCy and the pipeline with one worker, side by side")
    ap.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(*args.child)
    if not args.texts.is_dir():
        print(f"throughput: {args.texts} is not a folder of texts", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="interview-ie-bench-"))
    try:
        if args.batch_sizes:
            return batch_sizes(args, work)
        if args.one_worker:
            return one_worker(args, work)
        return benchmark(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def benchmark(args, work: Path) -> int:
    small, words = corpus(args.texts, args.docs, work / "small")
    big, big_words = corpus(args.texts, args.big, work / "big")
    print(machine(), flush=True)
    print(f"corpus: {args.docs} documents ({words:,} words) and {args.big} documents "
          f"({big_words:,} words) from {args.texts}\n", flush=True)
    size = str(args.batch_size or DEFAULT_BATCH_SIZE)
    timed = {
        "spaCy nlp.pipe, 1 process": lambda i: measure("spacy", small, size),
        "pipeline, 1 worker": lambda i: measure("pipeline", small, work / f"out1-{i}", "--batch-size", size,
                                                "--cache", work / f"cache1-{i}"),
        "pipeline, 2 workers": lambda i: measure("pipeline", small, work / f"out2-{i}", "--batch-size", size,
                                                 "--cache", work / f"cache2-{i}", "--workers", "2"),
    }
    runs: dict[str, list[dict]] = {name: [] for name in timed}
    for i in range(args.repeat):
        for name, fn in timed.items():
            runs[name].append(fn(i))
            report(f"{name} (run {i + 1})", runs[name][-1], words)
    best = {name: min(rs, key=lambda r: r["seconds"]) for name, rs in runs.items()}
    # the re-run reuses the cache of the first one-worker run, over the unchanged corpus
    first = runs["pipeline, 1 worker"][0]
    best["re-run, unchanged corpus"] = rerun = measure("pipeline", small, work / "out1-0", "--batch-size",
                                                       size, "--cache", work / "cache1-0")
    report("re-run, unchanged corpus", rerun, words)
    big_name = f"pipeline, 1 worker, {args.big} docs"
    best[big_name] = bigrun = measure("pipeline", big, work / "outbig", "--batch-size", size,
                                      "--cache", work / "cachebig")
    report(big_name, bigrun, big_words)
    one, two, spacy = best["pipeline, 1 worker"], best["pipeline, 2 workers"], best["spaCy nlp.pipe, 1 process"]
    rss_name = f"peak RSS {args.big} / {args.docs} docs"
    ratios = {  # name -> (value, CPU-time value, target, higher is better)
        "one worker / spaCy": (spacy["seconds"] / one["seconds"], spacy["cpu"] / one["cpu"], 0.80, True),
        "two workers / one worker": (one["seconds"] / two["seconds"], None, 1.60, True),
        "re-run / first run": (rerun["seconds"] / first["seconds"], rerun["cpu"] / first["cpu"], 0.10, False),
        rss_name: (bigrun["rss_mb"] / one["rss_mb"], None, 1.20, False),
    }
    print("\nbest of each:")
    for name, r in best.items():
        n_words = big_words if name == big_name else words
        print(f"  {name:38s} {r['docs'] / r['seconds']:7.1f} docs/s {n_words / r['seconds']:8,.0f} words/s"
              f"  peak RSS {r['rss_mb']:4.0f} MB")
    print("\nratios (wall clock; CPU time in brackets):")
    for name, (value, cpu, target, higher) in ratios.items():
        ok = value >= target if higher else value <= target
        cpu_text = f" ({cpu:.2f}x)" if cpu is not None else " " * 8
        print(f"  {name:38s} {value:5.2f}x{cpu_text}  {'meets' if ok else 'MISSES'} the target "
              f"{'>=' if higher else '<='} {target:.2f}x")
    print(f"\nload average after: {os.getloadavg()[0]:.1f} (other processes share these cores)")
    save(work, best, ratios)
    return 0


def batch_sizes(args, work: Path) -> int:
    small, words = corpus(args.texts, args.docs, work / "small")
    print(machine(), flush=True)
    for size in [int(s) for s in args.batch_sizes.split(",")]:
        for workers in (0, 1, 2):  # 0: spaCy alone
            r = (measure("spacy", small, str(size)) if workers == 0 else
                 measure("pipeline", small, work / "out", "--no-cache", "--workers", str(workers),
                         "--batch-size", str(size)))
            report(f"batch {size:4d}, {workers} worker(s)", r, words)
    return 0


def one_worker(args, work: Path) -> int:
    """spaCy and one worker, interleaved `--repeat` times; the ratio of the fastest runs."""
    small, words = corpus(args.texts, args.docs, work / "small")
    print(machine(), flush=True)
    size = str(args.batch_size or DEFAULT_BATCH_SIZE)
    spacy, one = [], []
    for i in range(args.repeat):
        spacy.append(measure("spacy", small, size))
        report(f"spaCy nlp.pipe, 1 process (run {i + 1})", spacy[-1], words)
        one.append(measure("pipeline", small, work / f"out-{i}", "--batch-size", size, "--cache", work / f"cache-{i}"))
        report(f"pipeline, 1 worker (run {i + 1})", one[-1], words)
    best_spacy, best_one = (min(r["seconds"] for r in rs) for rs in (spacy, one))
    best_cpu = min(r["cpu"] for r in spacy) / min(r["cpu"] for r in one)
    print(f"\none worker / spaCy: {best_spacy / best_one:.2f}x (CPU time {best_cpu:.2f}x); "
          f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


def corpus(texts: Path, n: int, dest: Path) -> tuple[Path, int]:
    """n documents with distinct ids (and texts) from the texts of a folder, in a new folder."""
    sources = sorted(p for p in texts.iterdir() if p.suffix == ".txt")
    dest.mkdir(parents=True)
    words = 0
    for i in range(n):
        src = sources[i % len(sources)]
        copy = i // len(sources)
        text = src.read_bytes().decode("utf-8")
        if copy:
            text += f"\n(copy {copy})\n"
        (dest / f"{i:06d}_{src.stem}.txt").write_bytes(text.encode("utf-8"))
        words += len(text.split())
    return dest, words


def measure(kind: str, corpus_dir: Path, *args) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, str(corpus_dir), *map(str, args)]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if res.returncode != 0:
        raise SystemExit(f"throughput: {kind} run failed:\n{res.stderr[-2000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def child(kind: str, corpus_dir: str, *args: str) -> int:
    corpus_dir = Path(corpus_dir)
    if kind == "spacy":
        import spacy

        nlp = spacy.load(DEFAULT_MODEL)
        texts = [p.read_bytes().decode("utf-8") for p in sorted(corpus_dir.iterdir())]
        n = sum(1 for _ in nlp.pipe(texts, batch_size=int(args[0])))
    else:
        from pipeline.cli import main as cli

        if cli(["run", str(corpus_dir), "--out", args[0], "--quiet", *args[1:]]) != 0:
            return 1
        n = sum(1 for _ in corpus_dir.iterdir())
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"docs": n, "seconds": time.perf_counter() - T0,
                      "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
                      "rss_mb": me.ru_maxrss / 1024, "worker_rss_mb": kids.ru_maxrss / 1024}))
    return 0


def report(name: str, r: dict, words: int) -> None:
    workers = f", workers {r['worker_rss_mb']:.0f} MB each" if r["worker_rss_mb"] > 1 else ""
    print(f"{name:44s} {r['seconds']:7.1f} s (CPU {r['cpu']:6.1f} s) {r['docs'] / r['seconds']:7.1f} docs/s "
          f"{words / r['seconds']:8,.0f} words/s  peak RSS {r['rss_mb']:.0f} MB{workers}", flush=True)


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    info = Path("/proc/cpuinfo")
    names = [line.split(":", 1)[1].strip() for line in info.read_text().splitlines()
             if line.startswith("model name")] if info.exists() else []
    cpu = names[0] if names else cpu
    return (f"machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"load average {os.getloadavg()[0]:.1f}")


def save(work: Path, best: dict, ratios: dict) -> None:
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    path = results / time.strftime("throughput-%Y%m%d-%H%M%S.json")
    path.write_text(json.dumps({"machine": machine(), "best": best, "ratios": ratios}, indent=2))
    print(f"saved {path.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
