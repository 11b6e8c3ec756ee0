"""The entity rules' ledger on the four dev sets of a run, one column group per set, and what changed
since another run: the check that a new or changed rule earns something in more than one document.

    bash /work/base/run_all.sh REPO OUTROOT           # OUTROOT/<set> for the four sets
    python benchmarks/rule_ledger.py OUTROOT [--base BASE_OUTROOT] [--rules type_cue,list,...]

Each cell is `tp/wrong` of the rule that last decided a mention's label (`tools/ledger.py entities`
counts them: a mention once per document, name, type and rule; wrong = another type or not in gold;
optional names are left out), and with `--base` the change since that run (`+3/-1`). A rule that only
drops mentions shows as fewer wrong answers of the rules it drops from, so read it with the sets'
`score.py` lines. Sets whose gold or output folder is missing are skipped.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools.ledger import SCORE, _scorer, mention_outcomes  # noqa: E402

SHARED = ROOT.parent / "shared"
SETS = {"seeds": SHARED / "gold" / "seeds.jsonl",
        "interviews-dev": SHARED / "data" / "interviews-dev" / "gold.jsonl",
        "redocred-film-dev": SHARED / "data" / "redocred-film-dev" / "gold.jsonl",
        "redocred-dev-all": SHARED / "data" / "redocred-dev-all" / "gold.jsonl"}


def tallies(sc, root: Path) -> dict[str, Counter]:
    """set -> Counter of (rule, 'tp' | 'wrong') over the run folder root/<set>."""
    out = {}
    for name, gold in SETS.items():
        if gold.exists() and (root / name).is_dir():
            c = Counter()
            for r in mention_outcomes(sc, gold, root / name):
                if r["verdict"] != "opt":
                    c[(r["rule"], "tp" if r["verdict"] == "tp" else "wrong")] += 1
            out[name] = c
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run", type=Path, help="a run_all.sh output root (one folder per set)")
    ap.add_argument("--base", type=Path, help="another run's root: print the change since it")
    ap.add_argument("--rules", help="comma-separated rule names (default: all)")
    args = ap.parse_args(argv)
    sc = _scorer(SCORE)
    now = tallies(sc, args.run)
    base = tallies(sc, args.base) if args.base else {}
    if not now:
        sys.exit(f"benchmarks/rule_ledger.py: no set of {', '.join(SETS)} under {args.run}")
    rules = sorted({rule for c in now.values() for rule, _ in c} | {rule for c in base.values() for rule, _ in c})
    if args.rules:
        rules = [r for r in rules if r in set(args.rules.split(","))]
    print(f"{'rule':24}" + "".join(f"{name[:18]:>20}" for name in now))
    for rule in rules:
        cells = []
        for name, c in now.items():
            cell = f"{c[(rule, 'tp')]}/{c[(rule, 'wrong')]}"
            if name in base:
                b = base[name]
                cell += f" {c[(rule, 'tp')] - b[(rule, 'tp')]:+d}/{c[(rule, 'wrong')] - b[(rule, 'wrong')]:+d}"
            cells.append(f"{cell:>20}")
        print(f"{rule[:24]:24}" + "".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
