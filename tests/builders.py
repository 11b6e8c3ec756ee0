"""Hand-built run outputs and gold files for evaluation tests: spans named by their text, not offsets."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from pipeline.evaluation.gold import GoldDoc, parse_gold
from pipeline.evaluation.prediction import Prediction, from_tables
from pipeline.output.schemas import to_table
from pipeline.vocab import ENTITY_COLUMNS, Label, Predicate, Table


class Out:
    """A run's tables built by hand; every table goes through `schemas.to_table` like a real run."""

    def __init__(self, **texts: str):
        self.texts = texts
        self.rows: dict[Table, list[dict]] = {t: [] for t in Table}
        self.subjects: dict[str, str] = {}

    def span(self, doc: str, fragment: str, nth: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(nth + 1):
            start = self.texts[doc].index(fragment, start + 1)
        return start, start + len(fragment)

    def entity(self, label: Label, eid: str, name: str, *mentions: tuple[str, str] | tuple[str, str, int],
               source: str = "test") -> str:
        """An entity and its mentions, each (doc, fragment[, nth occurrence]), found by `source`."""
        id_col, name_col = ENTITY_COLUMNS[label.table]
        row = {id_col: eid, name_col: name, "aliases": [name], "doc_ids": sorted({m[0] for m in mentions}),
               "n_mentions": len(mentions)}
        row.update({Label.PERSON: {"roles": []}, Label.WORK: {"kind": None, "year": None},
                    Label.ORG: {"kind": None}}.get(label, {}))
        self.rows[label.table].append(row)
        for m in mentions:
            self.mention(m[0], m[1], label, eid, *m[2:], source=source)
        return eid

    def mention(self, doc: str, fragment: str, label: Label, eid: str | None, nth: int = 0,
                source: str = "test") -> None:
        start, end = self.span(doc, fragment, nth)
        self.rows[Table.MENTIONS].append({
            "mention_id": f"men_{len(self.rows[Table.MENTIONS])}", "doc_id": doc, "start": start, "end": end,
            "text": fragment, "label": label.value, "entity_id": eid, "score": 1.0, "source": source})

    def date(self, doc: str, fragment: str, value: str | None, kind: str = "date") -> str:
        start, end = self.span(doc, fragment)
        date_id = f"dat_{len(self.rows[Table.DATES])}"
        self.rows[Table.DATES].append({"date_id": date_id, "doc_id": doc, "start": start, "end": end,
                                       "text": fragment, "value": value, "kind": kind,
                                       "year": int(value[:4]) if value and value[:4].isdigit() else None})
        self.mention(doc, fragment, Label.DATE, None)
        return date_id

    def removed(self, doc: str, fragment: str, rule: str) -> None:
        start, end = self.span(doc, fragment)
        self.rows[Table.REMOVED].append({"doc_id": doc, "start": start, "end": end, "text": fragment,
                                         "rule": rule})

    def relation(self, doc: str, subject_id: str, predicate: Predicate, object_id: str, evidence: str) -> None:
        names = self._names()
        start, end = self.span(doc, evidence)
        self.rows[Table.RELATIONS].append({
            "relation_id": f"rel_{len(self.rows[Table.RELATIONS])}", "doc_id": doc, "subject_id": subject_id,
            "subject": names[subject_id], "predicate": predicate.value, "property": predicate.wikidata_id,
            "object_id": object_id, "object": names[object_id], "start": start, "end": end,
            "evidence": evidence, "score": 1.0, "method": "test"})

    def _names(self) -> dict[str, str | None]:
        names = {r["date_id"]: r["value"] for r in self.rows[Table.DATES]}
        for table, (id_col, name_col) in ENTITY_COLUMNS.items():
            names.update({r[id_col]: r[name_col] for r in self.rows[table]})
        return names

    def tables(self) -> dict[Table, pa.Table]:
        self.rows[Table.DOCUMENTS] = [
            {"doc_id": d, "path": f"{d}.txt", "sha256": "0" * 64, "status": "ok", "error": None,
             "n_chars": len(t), "subject_id": self.subjects.get(d), "text": t, "encoding": "utf-8",
             "format": "text"} for d, t in self.texts.items()]
        return {t: to_table(t, rows) for t, rows in self.rows.items()}

    def prediction(self) -> Prediction:
        return from_tables({t: table.to_pylist() for t, table in self.tables().items()})


def gold_line(doc_id: str, entities=(), relations=(), subject: str | None = None, predicates=None) -> str:
    """entities: (type, name[, aliases[, optional]]); relations: (subject, predicate, object[, optional])."""
    ents = [{"type": e[0], "name": e[1], "aliases": list(e[2]) if len(e) > 2 else [e[1]],
             "optional": e[3] if len(e) > 3 else False} for e in entities]
    rels = [{"subject": r[0], "predicate": r[1], "object": r[2], "optional": r[3] if len(r) > 3 else False}
            for r in relations]
    obj = {"doc_id": doc_id, "subject": subject, "entities": ents, "relations": rels}
    if predicates is not None:
        obj["predicates"] = predicates
    return json.dumps(obj)


@dataclass(frozen=True)
class Gold:
    """A gold file's lines, and the documents they parse to."""

    lines: tuple[str, ...]

    @property
    def docs(self) -> list[GoldDoc]:
        return parse_gold("\n".join(self.lines), "test.jsonl")

    def write(self, path: Path) -> Path:
        path.write_text("\n".join(self.lines) + "\n", encoding="utf-8")
        return path


def gold(*lines: str) -> Gold:
    return Gold(lines)


def candidates(doc, names):
    """(text, label[, rule name]) in document order -> decided candidates on each text's first
    occurrence after the one before (the rule defaults to the model's)."""
    from pipeline.ner.registry import BY_NAME

    out, pos = [], 0
    for text, label, *rule in names:
        start = doc.text.index(text, pos)
        span = doc.char_span(start, start + len(text))
        assert span is not None, text
        out.append((BY_NAME[rule[0] if rule else "model"].found(span.start, span.end, Label(label)), ()))
        pos = start + len(text)
    return out


def unmarked(nlp, view, text: str):
    """The view of `text` with the model's names taken out, its dates kept: a name the model left
    unmarked, as it leaves some."""
    doc = nlp(text)
    doc.ents = [e for e in doc.ents if e.label_ == "DATE"]
    return view(doc)
