#!/usr/bin/env python3
"""What a change of the entity rules earns, rule by rule and set by set: the entity ledger of
`tools/ledger.py entities` over two runs of every dev set, before and after.

    python benchmarks/rule_ledger.py BEFORE_ROOT AFTER_ROOT [--by last|full] [--rules a,b] [--all]

Each ROOT holds one run's output folder per dev set (`seeds`, `interviews-dev`,
`redocred-film-dev`, `redocred-dev-all`), as `/work/base/run_all.sh REPO ROOT` writes them; a set
missing from either root is skipped. A mention is judged as `tools/ledger.py` judges it (its
name against the document's gold: tp, type, fp or opt). Printed: per rule whose counts changed
(or every rule with `--all`, or those of `--rules`), tp and fp before -> after on each set, and the
net change of tp - fp over all sets. A rule (or a change of one) that earns in one document only
is memorising it: see `docs+` in `tools/ledger.py entities`.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from ledger import SCORE, _scorer, mention_outcomes  # noqa: E402

SHARED = ROOT.parent / "shared"
SETS = {
    "seeds": SHARED / "gold" / "seeds.jsonl",
    "interviews-dev": SHARED / "data" / "interviews-dev" / "gold.jsonl",
    "redocred-film-dev": SHARED / "data" / "redocred-film-dev" / "gold.jsonl",
    "redocred-dev-all": SHARED / "data" / "redocred-dev-all" / "gold.jsonl",
}


def counts(sc, root: Path, by: str) -> dict[str, Counter]:
    """set -> Counter of (rule, verdict) over that set's run in `root`."""
    out = {}
    for name, gold in SETS.items():
        run = root / name
        if gold.exists() and (run / "mentions.parquet").exists():
            out[name] = Counter((r["rule"], r["verdict"]) for r in mention_outcomes(sc, gold, run, by))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--by", choices=("last", "full"), default="full")
    ap.add_argument("--rules", default="", help="comma-separated rules to print whatever changed")
    ap.add_argument("--all", action="store_true", help="print every rule, changed or not")
    ap.add_argument("--scorer", type=Path, default=SCORE)
    a = ap.parse_args(argv)
    for root in (a.before, a.after):
        if not root.is_dir():
            sys.exit(f"benchmarks/rule_ledger.py: {root} is not a folder of runs")
    sc = _scorer(a.scorer)
    before, after = counts(sc, a.before, a.by), counts(sc, a.after, a.by)
    sets = [s for s in SETS if s in before and s in after]
    if not sets:
        sys.exit(f"benchmarks/rule_ledger.py: no set has a run in both {a.before} and {a.after}")
    wanted = {r for r in a.rules.split(",") if r}
    rules = sorted({r for s in sets for c in (before[s], after[s]) for r, _ in c})
    print(f"{'rule':36} " + " ".join(f"{s[:17]:>17}" for s in sets) + "   net")
    print(f"{'':36} " + " ".join(f"{'tp':>8} {'fp':>8}" for _ in sets) + "  tp-fp")
    for rule in rules:
        cells, net, changed = [], 0, False
        for s in sets:
            b = before[s][(rule, "tp")], before[s][(rule, "fp")] + before[s][(rule, "type")]
            n = after[s][(rule, "tp")], after[s][(rule, "fp")] + after[s][(rule, "type")]
            changed |= b != n
            net += (n[0] - n[1]) - (b[0] - b[1])
            cells.append(f"{b[0]:>3}->{n[0]:<4}{b[1]:>3}->{n[1]:<4}")
        if changed or a.all or rule in wanted:
            print(f"{rule[:36]:36} " + " ".join(cells) + f" {net:+5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
