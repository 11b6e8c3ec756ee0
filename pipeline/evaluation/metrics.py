"""Evaluation: a run's tables against gold annotations, by the matching rules of SPEC "Gold annotations".

Per document: entities match per type by folded canonical name against the gold aliases (dates
by ISO value; a year-only gold date accepts any date in that year), exact names first; relations
match by (subject, predicate, object) under the same folding, `contributor` in gold accepting any
creative predicate; optional gold items are neither counted nor held against a prediction. Then
the document subject, and cross-document pairs: a gold entity matched in two documents should
carry one id (else a split), one id should not match two gold entities (a merge).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .gold import DATE, GoldDoc, GoldEntity, GoldRelation, fold
from .prediction import PredEntity, Prediction, PredRelation
from ..vocab import ALL, CREATIVE_ROLE, Predicate, Scope

_CREATIVE = frozenset(p.value for p in CREATIVE_ROLE)


def date_matches(pred: str | None, gold: str | None) -> bool:
    """ISO values match when equal, or when gold gives only a year and the years agree."""
    pred, gold = (pred or "").strip(), (gold or "").strip()
    return bool(pred and gold) and (pred == gold or (len(gold) == 4 and pred[:4] == gold))


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        return self

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class DocMatch:
    """What matched in one gold document, and what did not."""

    gold: GoldDoc
    taken: dict[tuple[str, str], PredEntity] = field(default_factory=dict)  # gold key -> its match
    entity_fp: list[PredEntity] = field(default_factory=list)
    entity_fn: list[GoldEntity] = field(default_factory=list)
    relation_fp: list[PredRelation] = field(default_factory=list)
    relation_fn: list[GoldRelation] = field(default_factory=list)
    subject_id: str | None = None      # the predicted subject
    subject_ok: bool | None = None     # None when gold names no subject

    def owner(self, entity_id: str) -> GoldEntity | None:
        """The gold entity this predicted entity matched in this document, if any."""
        return next((self.gold.entities[k] for k, p in self.taken.items() if p.id == entity_id), None)


@dataclass(frozen=True)
class Split:
    """A gold entity matched under two ids in two documents."""

    gold: GoldEntity
    doc_a: str
    id_a: str
    doc_b: str
    id_b: str


@dataclass(frozen=True)
class Merge:
    """One id matching a second gold entity (`gold`) besides `owner` across documents."""

    entity_id: str
    gold: GoldEntity
    doc: str
    owner: GoldEntity
    owner_doc: str


@dataclass
class Evaluation:
    docs: list[DocMatch]
    counts: dict[tuple[Scope, str], Counts]
    splits: list[Split]
    merges: list[Merge]
    n_missing: int   # gold documents the output does not have

    def metrics(self) -> list[dict]:
        """`metrics` rows: per key then the micro total (`all`) for each scope."""
        rows = []
        for scope in Scope:
            keys = sorted(k for s, k in self.counts if s == scope and k != ALL)
            total = Counts()
            for k in keys:
                total += self.counts[(scope, k)]
            for k, c in [*((k, self.counts[(scope, k)]) for k in keys),
                         (ALL, self.counts.get((scope, ALL), total))]:
                p, r, f = c.prf()
                rows.append({"scope": scope.value, "key": k, "p": p, "r": r, "f1": f,
                             "tp": c.tp, "fp": c.fp, "fn": c.fn})
        return rows


def evaluate(gold: list[GoldDoc], pred: Prediction) -> Evaluation:
    counts: dict[tuple[Scope, str], Counts] = defaultdict(Counts)
    docs = []
    for g in gold:
        m = DocMatch(g)
        _entities(m, pred.entities.get(g.doc_id, []), counts)
        _relations(m, pred.relations.get(g.doc_id, []), counts)
        _subject(m, pred, counts)
        docs.append(m)
    splits, merges = _crossdoc(docs)
    counts[(Scope.CROSSDOC, ALL)] = Counts(tp=_n_pairs(docs) - len(splits), fp=len(merges),
                                           fn=len(splits))
    missing = sum(not pred.has_doc(g.doc_id) for g in gold)
    return Evaluation(docs, dict(counts), splits, merges, missing)


def _entities(m: DocMatch, preds: list[PredEntity], counts) -> None:
    gold = m.gold.entities

    def exact(p: PredEntity) -> bool:
        return any(t == p.type and (p.name or "").strip() == n.strip() for t, n in gold)

    # exact names first (a full date before a year-only reading of it), then the looser ones
    for p in sorted(preds, key=lambda p: not exact(p)):
        hits = [k for k, g in gold.items() if k[0] == p.type and k not in m.taken and entity_matches(p, g)]
        if not hits:
            counts[(Scope.ENTITIES, p.type)].fp += 1
            m.entity_fp.append(p)
            continue
        k = min(hits, key=lambda k: (gold[k].optional, (p.name or "").strip() != k[1].strip()))
        m.taken[k] = p
        if not gold[k].optional:
            counts[(Scope.ENTITIES, p.type)].tp += 1
    for k, g in gold.items():
        if k not in m.taken and not g.optional:
            counts[(Scope.ENTITIES, g.type)].fn += 1
            m.entity_fn.append(g)


def entity_matches(p: PredEntity, g: GoldEntity) -> bool:
    """Same name after folding (a date: `date_matches`); the caller checks the type."""
    return date_matches(p.name, g.name) if g.type == DATE else fold(p.name) in g.keys


def _relations(m: DocMatch, preds: list[PredRelation], counts) -> None:
    doc = m.gold
    used: set[int] = set()
    seen = set()
    for p in preds:
        if doc.predicates is not None and p.predicate not in doc.predicates:
            continue
        sig = (fold(p.subject), p.predicate, p.object if p.object_is_date else fold(p.object))
        if sig in seen:
            continue
        seen.add(sig)
        hit = None
        for i, r in enumerate(doc.relations):
            if i not in used and relation_matches(doc, p, r) and (hit is None or doc.relations[hit].optional):
                hit = i  # the first required match, else the last optional one
        if hit is None:
            counts[(Scope.RELATIONS, p.predicate)].fp += 1
            m.relation_fp.append(p)
            continue
        used.add(hit)
        if not doc.relations[hit].optional:
            counts[(Scope.RELATIONS, doc.relations[hit].predicate)].tp += 1
    for i, r in enumerate(doc.relations):
        if i not in used and not r.optional:
            counts[(Scope.RELATIONS, r.predicate)].fn += 1
            m.relation_fn.append(r)


def predicate_accepts(gold: str, pred: str) -> bool:
    return gold == pred or (gold == Predicate.CONTRIBUTOR.value and pred in _CREATIVE)


def relation_matches(doc: GoldDoc, p: PredRelation, r: GoldRelation) -> bool:
    if not predicate_accepts(r.predicate, p.predicate) or fold(p.subject) not in doc.argument_keys(r.subject):
        return False
    if p.object_is_date and any(g.type == DATE for g in doc.named(r.object)):
        return date_matches(p.object, r.object)
    return fold(p.object) in doc.argument_keys(r.object)


def _subject(m: DocMatch, pred: Prediction, counts) -> None:
    doc = m.gold
    m.subject_id = pred.subjects.get(doc.doc_id)
    if not doc.subject:
        return
    named = doc.named(doc.subject)
    name = pred.names.get(m.subject_id, (None, None))[1] if m.subject_id else None
    m.subject_ok = bool(named) and fold(name) in named[0].keys
    c = counts[(Scope.SUBJECT, ALL)]
    c.tp += m.subject_ok
    c.fn += not m.subject_ok
    c.fp += not m.subject_ok and m.subject_id is not None


def _matched(docs: list[DocMatch]) -> dict[tuple[str, str], dict[str, str]]:
    """Required gold entity -> {document: the id that matched it there}."""
    out: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for m in docs:
        for k, p in m.taken.items():
            if not m.gold.entities[k].optional:
                out[k][m.gold.doc_id] = p.id
    return out


def _n_pairs(docs: list[DocMatch]) -> int:
    return sum(len(d) * (len(d) - 1) // 2 for d in _matched(docs).values())


def _crossdoc(docs: list[DocMatch]) -> tuple[list[Split], list[Merge]]:
    entity = {(m.gold.doc_id, k): m.gold.entities[k] for m in docs for k in m.taken}
    splits = []
    owners: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)  # id -> {gold key: a doc}
    for k, by_doc in _matched(docs).items():
        ds = sorted(by_doc)
        for i, a in enumerate(ds):
            owners[by_doc[a]].setdefault(k, a)
            splits += [Split(entity[(b, k)], a, by_doc[a], b, by_doc[b]) for b in ds[i + 1:]
                       if by_doc[a] != by_doc[b]]
    merges = []
    for eid, keys in owners.items():
        (first, first_doc), *rest = sorted(keys.items())
        merges += [Merge(eid, entity[(doc, k)], doc, entity[(first_doc, first)], first_doc)
                   for k, doc in rest]
    return splits, merges


def report(metrics: list[dict], ev: Evaluation) -> list[str]:
    """The printed table: one line per key, the scope's total in capitals, then a summary line."""
    lines = [f"{'':26} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    total = {}
    for row in metrics:
        head = row["scope"].upper() if row["key"] == ALL else f"  {row['key']}"
        lines.append(f"{head:26} {row['p']:6.3f} {row['r']:6.3f} {row['f1']:6.3f} "
                     f"{row['tp']:5} {row['fp']:5} {row['fn']:5}")
        if row["key"] == ALL:
            total[row["scope"]] = row
    e, r, s, c = (total[x.value] for x in Scope)
    lines.append(f"entities F1 {e['f1']:.3f} · relations F1 {r['f1']:.3f} · "
                 f"subject {s['tp']}/{s['tp'] + s['fn']} · cross-doc F1 {c['f1']:.3f} "
                 f"({c['tp'] + c['fn']} pairs) · docs missing {ev.n_missing}/{len(ev.docs)}")
    return lines
