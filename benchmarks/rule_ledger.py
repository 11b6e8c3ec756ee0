"""Per-rule ledger of entity mentions against a gold set: what each rule (a mention's `source`)
earns and costs.

    python benchmarks/rule_ledger.py --gold GOLD.jsonl --pred OUT [--by last|full] [--docs]

A mention is counted once per (document, folded name, label) and judged by its name alone:
`tp` the document's gold has an entity of that type under that name (an alias), `type` gold has
the name under another type, `opt` the name is optional in gold, `fp` gold does not have it.
`docs` is the number of documents where the rule earns a tp: a rule earning in one document only
is memorising it. A mention's source is a chain ("model+type_cue+relabel"); `--by last` keys the
ledger on the rule that last decided the label, `--by full` on the whole chain.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pipeline.evaluation.gold import fold as norm  # noqa: E402  (the scorer's folding)

TYPES = {"PERSON": "person", "WORK": "work", "ORG": "organization", "PLACE": "place", "AWARD": "award"}


def _table(out: Path, name: str):
    for path in (out / f"{name}.parquet", out / name):
        if path.exists():
            return pq.read_table(path).to_pylist()
    raise SystemExit(f"{out}: no {name} table")


def ledger(gold_path: Path, out: Path, by: str = "last"):
    gold = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            names = defaultdict(dict)  # folded name -> type -> optional
            for e in g["entities"]:
                for a in {e["name"], *e.get("aliases", [])}:
                    prev = names[norm(a)].get(e["type"], True)
                    names[norm(a)][e["type"]] = prev and e.get("optional", False)
            gold[g["doc_id"]] = names
    rows: Counter = Counter()
    docs: dict[str, set] = defaultdict(set)
    seen = set()
    examples: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for m in _table(out, "mentions"):
        typ = TYPES.get(m["label"])
        if typ is None or m["doc_id"] not in gold:
            continue
        source = m.get("source") or "?"
        rule = source.split("+")[-1] if by == "last" else source
        key = (m["doc_id"], norm(m["text"]), typ, rule)
        if key in seen:
            continue
        seen.add(key)
        types = gold[m["doc_id"]].get(norm(m["text"]), {})
        if typ in types:
            verdict = "opt" if types[typ] else "tp"
        else:
            verdict = "type" if any(not o for o in types.values()) else "fp"
        rows[(rule, verdict)] += 1
        if verdict == "tp":
            docs[rule].add(m["doc_id"])
        if verdict in ("fp", "type"):
            examples[(rule, verdict)][m["text"]] += 1
    return rows, docs, examples


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--pred", type=Path, required=True)
    ap.add_argument("--by", choices=("last", "full"), default="last")
    ap.add_argument("--examples", type=int, default=0, help="show N wrong names per rule")
    args = ap.parse_args(argv)
    rows, docs, examples = ledger(args.gold, args.pred, args.by)
    rules = sorted({r for r, _ in rows}, key=lambda r: -sum(rows[(r, v)] for v in ("tp", "fp", "type")))
    print(f"{'rule':40} {'tp':>6} {'type':>6} {'fp':>6} {'opt':>6} {'prec':>6} {'docs':>5}")
    for r in rules:
        tp, ty, fp, op = (rows[(r, v)] for v in ("tp", "type", "fp", "opt"))
        prec = tp / (tp + ty + fp) if tp + ty + fp else 0.0
        print(f"{r:40} {tp:6} {ty:6} {fp:6} {op:6} {prec:6.2f} {len(docs[r]):5}")
        for v in ("type", "fp"):
            if args.examples and examples[(r, v)]:
                shown = ", ".join(n for n, _ in examples[(r, v)].most_common(args.examples))
                print(f"    {v}: {shown}")


if __name__ == "__main__":
    main()
