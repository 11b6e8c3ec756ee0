#!/usr/bin/env python3
"""What each rule earns: its true and false positives on gold sets, for relations and entities.

    python tools/ledger.py relations --set GOLD.jsonl OUT_DIR [--set GOLD2 OUT2 ...] [--min 1] [--predicate]
    python tools/ledger.py relations ... --calibrate pipeline/patterns/relation_precision.csv [--cv]
    python tools/ledger.py entities --set GOLD.jsonl OUT_DIR [--set ...] [--by last|full] [--examples N]

Relations. A relation is right when it matches a gold relation of its document, optional ones included,
exactly as `../shared/scorecard/score.py` matches them (its `norm` and `date_matches` are
imported from there: one definition of a match). Each row of `relations` names the rule that
produced it in its `method` column. A rule whose right answers all come from one document is
flagged `one-doc`: it has not been shown to generalise.

`--calibrate` writes, per method, the precision measured over all the sets given (smoothed
towards the pooled precision of all rules with a Beta prior of strength 4), the figure
`relations.score` becomes (see README "Choosing a threshold"). `--cv` prints the calibration
error of that procedure fitted on one half of the documents and measured on the other half.

Entities. Each row of `mentions` names the rules that found and labelled it in its `source`
column, a chain such as "model+type_cue" (`pipeline/ner/registry.py` declares the names). A
mention is counted once per (document, name, label, rule) and judged by its name, folded as the
scorer folds it: `tp` the document's gold has an entity of that type under that name or alias,
`type` gold has the name under another type only, `opt` the name is optional in gold, `fp` gold
does not have it. `--by last` keys the ledger on the rule that last decided the label, `--by full`
on the whole chain.

In both ledgers `docs+` counts the documents and `sets+` the gold sets where a rule is right at
least once: a rule right in one document only (`one-doc`) is memorising it, and one wrong more
often than right is flagged `harmful`.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from pipeline.vocab import GOLD_TYPE, Label  # noqa: E402  (light: no spaCy)

SCORE = ROOT.parent / "shared" / "scorecard" / "score.py"
PRIOR_STRENGTH = 4.0


def _scorer(path: Path):
    if not path.exists():
        sys.exit(f"tools/ledger.py: the scorer {path} is missing (give --scorer)")
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def outcomes(sc, gold_path: Path, out: Path) -> list[dict]:
    """One row per distinct predicted relation of every gold document: doc, method, predicate,
    score, right (matches a gold relation), required (matches a required one)."""
    gold = {d["doc_id"]: d for d in _gold(gold_path)}
    rows = _table(sc, out, "relations")
    best: dict[tuple, dict] = {}
    for r in rows:
        if r["doc_id"] not in gold:
            continue
        is_date = str(r["object_id"]).startswith("dat")
        key = (r["doc_id"], sc.norm(r["subject"]), r["predicate"], r["object"] if is_date else sc.norm(r["object"]))
        if key not in best or r["score"] > best[key]["score"]:
            best[key] = dict(r, is_date=is_date)
    out_rows = []
    for (doc_id, s, p, o), r in best.items():
        doc = gold[doc_id]
        alias = defaultdict(set)
        types = {}
        for g in doc["entities"]:
            alias[g["name"]] |= {sc.norm(a) for a in g["aliases"]} | {sc.norm(g["name"])}
            types[g["name"]] = g["type"]
        right = required = False
        for g in doc["relations"]:
            if not (g["predicate"] == p or g["predicate"] == "contributor" and p in sc.CREATIVE):
                continue
            if s not in (alias.get(g["subject"]) or {sc.norm(g["subject"])}):
                continue
            if r["is_date"]:
                ok = types.get(g["object"]) == "date" and sc.date_matches(r["object"], g["object"])
            else:
                ok = o in (alias.get(g["object"]) or {sc.norm(g["object"])})
            if ok:
                right = True
                required = required or not g.get("optional")
        out_rows.append({"set": gold_path.parent.name, "doc": doc_id, "method": r["method"] or "?",
                         "predicate": p, "score": r["score"], "right": right, "required": required})
    return out_rows


def _flag(right: int, n: int, docs: int) -> str:
    return "one-doc" if docs == 1 else ("harmful" if right * 2 < n else "")


def ledger(rows: list[dict], min_n: int) -> None:
    by = defaultdict(list)
    for r in rows:
        by[r["method"]].append(r)
    print(f"{'method':42} {'n':>5} {'right':>5} {'wrong':>5} {'prec':>6} {'docs+':>5} {'sets+':>5}  flag")
    for m, rs in sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(rs) < min_n:
            continue
        right = sum(r["right"] for r in rs)
        docs = {(r["set"], r["doc"]) for r in rs if r["right"]}
        sets = {r["set"] for r in rs if r["right"]}
        print(f"{m[:42]:42} {len(rs):5} {right:5} {len(rs) - right:5} {right / len(rs):6.3f} {len(docs):5} "
              f"{len(sets):5}  {_flag(right, len(rs), len(docs))}")
    right = sum(r["right"] for r in rows)
    print(f"{'ALL':42} {len(rows):5} {right:5} {len(rows) - right:5} {right / max(1, len(rows)):6.3f}")


ENTITY_TYPES = {lab.value: typ for lab, typ in GOLD_TYPE.items() if lab != Label.DATE}  # "ORG" -> "organization"


def _table(sc, out: Path, name: str) -> list[dict]:
    """A table of a run's folder, read as the scorer reads it."""
    if not any(p.exists() for p in (out / f"{name}.parquet", out / name)):
        sys.exit(f"tools/ledger.py: {out} has no {name} table")
    return sc.read_table(out, name)


def _gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def mention_outcomes(sc, gold_path: Path, out: Path, by: str = "last") -> list[dict]:
    """One row per distinct (document, folded name, type, rule) of the named mentions of every
    gold document: set, doc, rule, name, verdict (tp, type, fp or opt)."""
    gold = {}
    for g in _gold(gold_path):
        names: dict[str, dict[str, bool]] = defaultdict(dict)  # folded name -> type -> optional
        for e in g["entities"]:
            for a in {e["name"], *e.get("aliases", [])}:
                names[sc.norm(a)][e["type"]] = names[sc.norm(a)].get(e["type"], True) and e.get("optional", False)
        gold[g["doc_id"]] = names
    rows, seen = [], set()
    for m in _table(sc, out, "mentions"):
        typ = ENTITY_TYPES.get(m["label"])
        if typ is None or m["doc_id"] not in gold:
            continue
        source = m.get("source") or "?"
        rule = source.split("+")[-1] if by == "last" else source
        key = (m["doc_id"], sc.norm(m["text"]), typ, rule)
        if key in seen:
            continue
        seen.add(key)
        types = gold[m["doc_id"]].get(key[1], {})
        if typ in types:
            verdict = "opt" if types[typ] else "tp"
        else:
            verdict = "type" if any(not o for o in types.values()) else "fp"
        rows.append({"set": gold_path.parent.name, "doc": m["doc_id"], "rule": rule, "name": m["text"],
                     "verdict": verdict})
    return rows


def entity_ledger(rows: list[dict], examples: int) -> None:
    by = defaultdict(list)
    for r in rows:
        by[r["rule"]].append(r)
    print(f"{'rule':40} {'tp':>6} {'type':>6} {'fp':>6} {'opt':>6} {'prec':>6} {'docs+':>5} {'sets+':>5}  flag")
    for rule, rs in sorted(by.items(), key=lambda kv: (-sum(r["verdict"] != "opt" for r in kv[1]), kv[0])):
        n = {v: sum(r["verdict"] == v for r in rs) for v in ("tp", "type", "fp", "opt")}
        judged = n["tp"] + n["type"] + n["fp"]
        docs = {(r["set"], r["doc"]) for r in rs if r["verdict"] == "tp"}
        sets = {r["set"] for r in rs if r["verdict"] == "tp"}
        print(f"{rule[:40]:40} {n['tp']:6} {n['type']:6} {n['fp']:6} {n['opt']:6} "
              f"{n['tp'] / max(1, judged):6.3f} {len(docs):5} {len(sets):5}  {_flag(n['tp'], judged, len(docs))}")
        for v in ("type", "fp"):
            wrong = Counter(r["name"] for r in rs if r["verdict"] == v)
            if examples and wrong:
                print(f"    {v}: " + ", ".join(name for name, _ in wrong.most_common(examples)))


def fit(rows: list[dict]) -> dict[str, float]:
    """method -> smoothed precision."""
    pooled = sum(r["right"] for r in rows) / max(1, len(rows))
    by = defaultdict(lambda: [0, 0])
    for r in rows:
        by[r["method"]][0] += r["right"]
        by[r["method"]][1] += 1
    return {m: round((k + PRIOR_STRENGTH * pooled) / (n + PRIOR_STRENGTH), 3) for m, (k, n) in by.items()}


def _half(r: dict) -> int:
    return hashlib.sha1(f"{r['set']}/{r['doc']}".encode()).digest()[0] % 2


def ece(pairs: list[tuple[float, bool]], bins: int = 10) -> float:
    b = defaultdict(list)
    for s, ok in pairs:
        b[min(int(s * bins), bins - 1)].append((s, ok))
    return sum(abs(sum(ok for _, ok in xs) - sum(s for s, _ in xs)) for xs in b.values()) / max(1, len(pairs))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="what", required=True)
    rel = sub.add_parser("relations", help="each relation method's right and wrong relations")
    ent = sub.add_parser("entities", help="each entity rule's right and wrong mentions")
    for p in (rel, ent):
        p.add_argument("--set", nargs=2, action="append", metavar=("GOLD", "OUT"), required=True)
        p.add_argument("--scorer", type=Path, default=SCORE)
    rel.add_argument("--min", type=int, default=1, help="list methods with at least this many relations")
    rel.add_argument("--predicate", action="store_true", help="also print the ledger per predicate")
    rel.add_argument("--calibrate", type=Path, help="write method -> precision to this CSV")
    rel.add_argument("--cv", action="store_true", help="ECE of the calibration across document halves")
    ent.add_argument("--by", choices=("last", "full"), default="last", help="the last rule of a source, or all")
    ent.add_argument("--examples", type=int, default=0, help="show N wrong names per rule")
    a = ap.parse_args(argv)
    sc = _scorer(a.scorer)
    if a.what == "entities":
        entity_ledger([r for gold, out in a.set for r in mention_outcomes(sc, Path(gold), Path(out), a.by)],
                      a.examples)
        return 0
    rows = [r for gold, out in a.set for r in outcomes(sc, Path(gold), Path(out))]
    ledger(rows, a.min)
    if a.predicate:
        print()
        ledger([dict(r, method=r["predicate"]) for r in rows], 1)
    if a.cv:
        errs = []
        for h in (0, 1):
            table = fit([r for r in rows if _half(r) != h])
            default = sum(r["right"] for r in rows if _half(r) != h) / max(1, len(rows))
            test = [r for r in rows if _half(r) == h]
            errs.append(ece([(table.get(r["method"], default), r["right"]) for r in test]))
        print(f"calibration ECE across document halves: {errs[0]:.3f} / {errs[1]:.3f}")
    if a.calibrate:
        table = fit(rows)
        lines = ["method,precision"] + [f'"{m}",{p}' if "," in m else f"{m},{p}" for m, p in sorted(table.items())]
        a.calibrate.write_text("\n".join(lines) + "\n")
        print(f"wrote {len(table)} methods to {a.calibrate}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
