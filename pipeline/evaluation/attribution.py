"""Error attribution: each false positive and false negative of an Evaluation, and the stage to blame.

Computed from the run's own tables, never guessed. A gold name is looked up in the document's
raw text (folded like the matching key; a date by its year), and each place it occurs is traced
through the stages: inside a span cleaning removed (clean); in the kept text with no mention over
it (ner_missed); under a mention of another label (ner_type); under a mention of the right label
whose entity is named otherwise (normalize) or belongs to another gold entity or took its name
from other documents (resolution). The occurrence that got furthest decides. A relation is
blamed on its missing argument, else on the relation stage itself. A gold name with no literal
trace in the text is `unlocated`: the tables cannot tell which stage lost it.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from .metrics import DocMatch, Evaluation, date_matches, entity_matches, predicate_accepts
from .gold import DATE, GoldEntity, GoldRelation, fold
from .prediction import PredEntity, Prediction, PredRelation
from ..vocab import ATTRIBUTION_STAGES, GOLD_TYPE, ErrorKind, Label, Predicate, Side, Stage

LABEL = {t: lab for lab, t in GOLD_TYPE.items()}
CONTEXT = 80  # characters of context either side of a span
NEAR = 300    # two relation arguments further apart are not shown as one span
# how far an occurrence got through the pipeline: the furthest one explains the error
_PROGRESS = {Stage.CLEAN: 0, Stage.NER_MISSED: 1, Stage.NER_TYPE: 2}


@dataclass(frozen=True)
class Located:
    """A stage, with the raw span and the predicted name that show it (when there are any)."""

    stage: Stage
    detail: str
    start: int | None = None
    end: int | None = None
    predicted: str | None = None
    predicted_id: str | None = None


def attribute(ev: Evaluation, pred: Prediction) -> list[dict]:
    """`errors` rows: one per false positive and false negative of `ev`, each with its stage."""
    rows = []
    for m in ev.docs:
        at = _Doc(m, pred)
        for g in m.entity_fn:
            rows.append(at.row(ErrorKind.ENTITY, Side.FN, g.type, g.name, at.gold_entity(g)))
        for p in m.entity_fp:
            rows.append(at.row(ErrorKind.ENTITY, Side.FP, p.type, None, at.pred_entity(p)))
        for r in m.relation_fn:
            rows.append(at.row(ErrorKind.RELATION, Side.FN, r.predicate, _arrow(r.subject, r.object),
                               at.gold_relation(r)))
        for p in m.relation_fp:
            rows.append(at.row(ErrorKind.RELATION, Side.FP, p.predicate, None, at.pred_relation(p)))
        if m.subject_ok is False:
            rows.append(at.row(ErrorKind.SUBJECT, Side.FN, GOLD_TYPE[Label.PERSON], m.gold.subject,
                               at.subject()))
    by_doc = {m.gold.doc_id: m for m in ev.docs}
    for s in ev.splits:
        at = _Doc(by_doc[s.doc_b], pred)
        loc = replace(at.entity_span(s.id_b), stage=Stage.RESOLUTION,
                      detail=f"{s.doc_a} has it under another id, {s.id_a} ({_name(pred, s.id_a)!r})")
        rows.append(at.row(ErrorKind.CROSSDOC, Side.FN, s.gold.type, s.gold.name, loc, other=s.doc_a))
    for mg in ev.merges:
        at = _Doc(by_doc[mg.doc], pred)
        loc = replace(at.entity_span(mg.entity_id), stage=Stage.RESOLUTION,
                      detail=f"the same id matched gold {mg.owner.name!r} in {mg.owner_doc}")
        rows.append(at.row(ErrorKind.CROSSDOC, Side.FP, mg.gold.type, mg.gold.name, loc,
                           other=mg.owner_doc))
    return rows


def by_stage(rows: Iterable[Mapping]) -> dict[str, int]:
    """How many error rows each stage has, every stage listed, in pipeline order."""
    counts = Counter(row["stage"] for row in rows)
    return {s.value: counts[s.value] for s in ATTRIBUTION_STAGES}


def _arrow(subject, obj) -> str:
    return f"{subject} -> {obj}"


def _name(pred: Prediction, entity_id: str) -> str | None:
    return pred.names.get(entity_id, (None, None))[1]


class _Doc:
    """Attribution within one gold document."""

    def __init__(self, m: DocMatch, pred: Prediction):
        self.m, self.pred, self.doc = m, pred, m.gold
        self.text = pred.texts.get(m.gold.doc_id)
        self.mentions = pred.mentions.get(m.gold.doc_id, [])
        self.removed = pred.removed.get(m.gold.doc_id, [])
        self.dates = pred.dates.get(m.gold.doc_id, [])
        self.entities = pred.entities.get(m.gold.doc_id, [])
        self._occ: dict[GoldEntity, list[tuple[int, int]]] = {}

    def occ(self, g: GoldEntity) -> list[tuple[int, int]]:
        if g not in self._occ:
            self._occ[g] = occurrences(self.text or "", g)
        return self._occ[g]

    def row(self, kind: ErrorKind, side: Side, key: str, gold: str | None, loc: Located,
            other: str | None = None) -> dict:
        return {"doc_id": self.doc.doc_id, "kind": kind.value, "side": side.value, "key": key,
                "gold": gold, "predicted": loc.predicted, "predicted_id": loc.predicted_id,
                "start": loc.start, "end": loc.end, "context": self.context(loc.start, loc.end),
                "stage": loc.stage.value, "detail": loc.detail, "other_doc_id": other}

    def context(self, start: int | None, end: int | None) -> str | None:
        if self.text is None or start is None or end is None:
            return None
        return " ".join(self.text[max(0, start - CONTEXT):end + CONTEXT].split())

    # gold entities: where does each occurrence of the name stop?

    def gold_entity(self, g: GoldEntity, labels: frozenset[Label] | None = None) -> Located:
        if self.text is None:
            return Located(Stage.UNLOCATED, "the document is not in the output")
        labels = labels or frozenset({LABEL[g.type]})
        spans = self.occ(g)
        if not spans:
            what = f"year {g.name[:4]}" if g.type == DATE else "alias of the name"
            return Located(Stage.UNLOCATED, f"no {what} occurs in the text")
        traced = [self._trace(g, labels, s, e) for s, e in spans]
        return max(traced, key=lambda loc: _PROGRESS.get(loc.stage, 3))  # the first of the furthest

    def _trace(self, g: GoldEntity, labels: frozenset[Label], start: int, end: int) -> Located:
        cut = next((r for r in self.removed if r["start"] <= start and end <= r["end"]), None)
        if cut is not None:
            return Located(Stage.CLEAN, f"inside text removed by rule {cut['rule']}", start, end)
        over = [x for x in self.mentions if x["start"] <= start and end <= x["end"]]
        if not over:
            part = next((x for x in self.mentions if x["start"] < end and start < x["end"]), None)
            why = f"only partly covered by {part['text']!r} ({part['label']})" if part else "no mention covers it"
            return Located(Stage.NER_MISSED, why, start, end)
        right = [x for x in over if x["label"] in {lab.value for lab in labels}]
        if not right:
            x = over[0]
            return Located(Stage.NER_TYPE, f"recognized as {x['label']} {x['text']!r}", x["start"], x["end"],
                           x["text"], x["entity_id"])
        x = right[0]
        if x["label"] == Label.DATE.value:
            d = next((d for d in self.dates if d["start"] < x["end"] and x["start"] < d["end"]), None)
            read = f"{d['value']!r} ({d['kind']})" if d else "no date row"
            return Located(Stage.NORMALIZE, f"read as {read}", x["start"], x["end"],
                           d["value"] if d else x["text"])
        return self._named(x["entity_id"], g, x["start"], x["end"])

    def _named(self, eid: str | None, g: GoldEntity, start: int, end: int) -> Located:
        """A right-label mention of `g` whose entity did not match `g`: whose fault is the name?"""
        name = _name(self.pred, eid) if eid else None
        owner = self.m.owner(eid) if eid else None
        if owner is not None and owner != g:
            return Located(Stage.RESOLUTION, f"merged into the entity of gold {owner.name!r}",
                           start, end, name, eid)
        docs = self.pred.doc_ids.get(eid, []) if eid else []
        local = {fold(x["text"]) for x in self.mentions if x["entity_id"] == eid}
        if len(docs) > 1 and fold(name) not in local:
            return Located(Stage.RESOLUTION, f"named {name!r} after {len(docs) - 1} other document(s)",
                           start, end, name, eid)
        return Located(Stage.NORMALIZE, f"canonical name {name!r}", start, end, name, eid)

    # predicted entities: what in gold, if anything, did the prediction stand for?

    def entity_span(self, eid: str) -> Located:
        """Where a predicted entity (or date) first appears in this document; the caller sets the stage."""
        x = next((x for x in self._spans(eid)), None)
        if eid.startswith("date:"):
            name, eid = eid[5:], x["date_id"] if x else None
        else:
            name = _name(self.pred, eid)
        if x is None:
            return Located(Stage.UNLOCATED, "no mention in this document", predicted=name,
                           predicted_id=eid)
        return Located(Stage.UNLOCATED, "", x["start"], x["end"], name, eid)

    def _spans(self, eid: str) -> list[Mapping]:
        if eid.startswith("date:"):
            return [d for d in self.dates if d["value"] == eid[5:]]
        return [x for x in self.mentions if x["entity_id"] == eid]

    def pred_entity(self, p: PredEntity) -> Located:
        first = self.entity_span(p.id)
        gold = self.doc.entities.values()
        if p.type != DATE:
            other = next((g for g in gold if g.type not in (p.type, DATE) and fold(p.name) in g.keys), None)
            if other is not None:
                return replace(first, stage=Stage.NER_TYPE, detail=f"gold has {other.name!r} as a {other.type}")
        twin = next((g for g in gold if g.type == p.type and entity_matches(p, g)), None)
        if twin is not None:  # matched, so another prediction took it first
            by = self.m.taken.get((twin.type, twin.name))
            stage = Stage.NORMALIZE if p.type == DATE else Stage.RESOLUTION
            return replace(first, stage=stage, detail=f"gold {twin.name!r} is already matched by "
                                                      f"{by.name if by else None!r}")
        near = sorted(gold, key=lambda g: g.type != p.type)  # the same type first
        for x in self._spans(p.id):
            for g in near:
                hit = next(((s, e) for s, e in self.occ(g) if s < x["end"] and x["start"] < e), None)
                if hit is not None:
                    return self._stands_for(p, g, x, hit)
        whole = next((g for g in gold if g.type == p.type != DATE and _part_of(p.name, g)), None)
        if whole is not None:
            return replace(first, stage=Stage.RESOLUTION, detail=f"a short form of gold {whole.name!r}, "
                                                                 "not resolved to it")
        return replace(first, stage=Stage.NER_SPURIOUS, detail="no gold entity of the document here")

    def _stands_for(self, p: PredEntity, g: GoldEntity, x: Mapping, occurrence: tuple[int, int]) -> Located:
        """The prediction `p`, at mention (or date row) `x`, overlaps an occurrence of gold `g`."""
        loc = Located(Stage.NORMALIZE, "", x["start"], x["end"], p.name, x.get("date_id", p.id))
        if g.type != p.type:
            return replace(loc, stage=Stage.NER_TYPE, detail=f"the text names gold {g.type} {g.name!r} here")
        if p.type != DATE and not (x["start"] <= occurrence[0] and occurrence[1] <= x["end"]):
            return replace(loc, stage=Stage.NER_MISSED, detail=f"a fragment of gold {g.name!r}: the mention "
                                                               "does not cover the name")
        by = self.m.taken.get((g.type, g.name))
        if p.type == DATE:
            also = f" (already matched by {by.name!r})" if by else ""
            return replace(loc, detail=f"the text gives gold {g.name!r} here{also}, read as {p.name!r}")
        if by is not None:
            return replace(loc, stage=Stage.RESOLUTION,
                           detail=f"split: gold {g.name!r} is already matched by {by.name!r}")
        named = self._named(p.id, g, x["start"], x["end"])
        return replace(named, detail=f"covers gold {g.name!r}; {named.detail}")

    # relations and the subject

    def gold_relation(self, r: GoldRelation) -> Located:
        subj_labels, obj_labels = Predicate(r.predicate).signature
        found_s = self._found(self.doc.argument_keys(r.subject), r.subject, False)
        o_date = any(g.type == DATE for g in self.doc.named(r.object))
        found_o = self._found(self.doc.argument_keys(r.object), r.object, o_date)
        for ok, arg, labels, role in ((found_s, r.subject, subj_labels, "subject"),
                                     (found_o, r.object, obj_labels, "object")):
            if not ok:
                loc = self.gold_entity(self._gold_arg(arg, labels), labels)
                return replace(loc, detail=f"{role} {arg!r} not found: {loc.detail}")
        other = [p.predicate for p in self.pred.relations.get(self.doc.doc_id, [])
                 if fold(p.subject) in self.doc.argument_keys(r.subject)
                 and fold(p.object) in self.doc.argument_keys(r.object)]
        span = self._together(self._gold_arg(r.subject, subj_labels), self._gold_arg(r.object, obj_labels))
        detail = f"predicted as {', '.join(sorted(set(other)))}" if other else "no relation predicted between them"
        return Located(Stage.RELATION_MISSED, detail, *span)

    def _found(self, keys: frozenset[str], name: str, is_date: bool) -> bool:
        if is_date:
            return any(p.type == DATE and date_matches(p.name, name) for p in self.entities)
        return any(fold(p.name) in keys for p in self.entities)

    def _gold_arg(self, name: str, labels: frozenset[Label]) -> GoldEntity:
        """The gold entity a relation argument names, or one made up from the name when gold lists
        none (its type one the predicate allows: only a date's is looked up differently)."""
        named = self.doc.named(name)
        return named[0] if named else GoldEntity(GOLD_TYPE[min(labels)], name, (name,), False)

    def _together(self, subj: GoldEntity, obj: GoldEntity) -> tuple[int | None, int | None]:
        """The closest pair of occurrences of the two arguments as one span, if they are near each
        other; else the subject's occurrence nearest the object."""
        a, b = self.occ(subj), self.occ(obj)
        if not a or not b:
            return a[0] if a else (None, None)
        (s1, e1), (s2, e2) = min(((x, y) for x in a for y in b), key=lambda xy: abs(xy[0][0] - xy[1][0]))
        start, end = min(s1, s2), max(e1, e2)
        return (start, end) if end - start <= NEAR else (s1, e1)

    def pred_relation(self, p: PredRelation) -> Located:
        row = p.row
        evidence = Located(Stage.RELATION_WRONG, "", row["start"], row["end"], _arrow(p.subject, p.object),
                           row["relation_id"])
        subject_type = self.pred.names.get(row["subject_id"], (None, None))[0]
        for arg, eid, typ, role in ((p.subject, row["subject_id"], subject_type, "subject"),
                                    (p.object, row["object_id"], p.object_type, "object")):
            if self._in_gold(arg, typ == DATE):
                continue
            if typ == DATE:
                why = self.pred_entity(PredEntity(DATE, f"date:{arg}", arg))
            elif typ is None:
                why = Located(Stage.UNLOCATED, f"its id {eid} is in no entity table")
            else:
                why = self.pred_entity(PredEntity(typ, eid, arg))
            return replace(evidence, stage=why.stage, detail=f"{role} {arg!r}: {why.detail}")
        gold = [r.predicate for r in self.doc.relations
                if fold(p.subject) in self.doc.argument_keys(r.subject)
                and fold(p.object) in self.doc.argument_keys(r.object)
                and not predicate_accepts(r.predicate, p.predicate)]
        detail = f"gold says {', '.join(sorted(set(gold)))}" if gold else "no gold relation between them"
        return replace(evidence, detail=detail)

    def _in_gold(self, name: str | None, is_date: bool) -> bool:
        if is_date:
            return any(date_matches(name, g.name) for g in self.doc.entities.values() if g.type == DATE) \
                or any(date_matches(name, r.object) for r in self.doc.relations)
        k = fold(name)
        return any(k in g.keys for g in self.doc.entities.values()) or any(
            k in self.doc.argument_keys(a) for r in self.doc.relations for a in (r.subject, r.object))

    def subject(self) -> Located:
        name = _name(self.pred, self.m.subject_id) if self.m.subject_id else None
        person = frozenset({Label.PERSON})
        g = self._gold_arg(self.doc.subject, person)
        match = self.m.taken.get((g.type, g.name))
        loc = replace(self.gold_entity(g, person), predicted=name, predicted_id=self.m.subject_id)
        if match is not None:  # the person was found; normalize.subject chose another
            return replace(loc, stage=Stage.NORMALIZE,
                           detail=f"found as {match.name!r}, but the subject chosen was {name!r}")
        return replace(loc, detail=f"the subject was not found: {loc.detail}")


def _part_of(name: str | None, g: GoldEntity) -> bool:
    """'Ashgrove' or 'Tobin' of 'Tobin Ashgrove': the name's words, in a row, in one of g's names."""
    words = _words(name or "")
    return bool(words) and any(
        any(full[i:i + len(words)] == words for i in range(len(full) - len(words) + 1))
        for full in (_words(n) for n in (*g.aliases, g.name)) if len(full) > len(words))


def _words(name: str) -> list[str]:
    return [w for w in (fold(w) for w in re.split(r"[\s\-]+", name)) if w]


def occurrences(text: str, g: GoldEntity) -> list[tuple[int, int]]:
    """Raw spans where the gold entity's name or an alias occurs (a date: its year), by start."""
    if g.type == DATE:
        return [m.span() for m in re.finditer(rf"(?<!\d){re.escape(g.name[:4])}(?!\d)", text)]
    folded = _fold_text(text)
    spans = {m.span() for pat in _patterns((*g.aliases, g.name)) for m in pat.finditer(folded)}
    return sorted(spans)


def _patterns(names: Iterable[str]) -> list[re.Pattern]:
    return [p for p in (_pattern(n) for n in set(names)) if p is not None]


@lru_cache(maxsize=8192)
def _pattern(name: str) -> re.Pattern | None:
    """The name's words in order, anything but letters and digits (at most 3) between them."""
    s = re.sub(r"^the\s+", "", _fold_text(name).strip(" \"'\u201c\u201d\u2018\u2019"))
    words = re.findall(r"[^\W_]+", s)
    if not words:
        return None
    return re.compile(r"(?<![^\W_])" + r"[\W_]{0,3}".join(map(re.escape, words)) + r"(?![^\W_])")


@lru_cache(maxsize=256)
def _fold_text(text: str) -> str:
    """Lower case without accents, one character for one character, so offsets stay raw offsets."""
    return "".join(_fold_char(c) for c in text)


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    base = unicodedata.normalize("NFKD", c)[:1] or c
    low = base.lower()
    return low if len(low) == 1 else c
