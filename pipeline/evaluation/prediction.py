"""A run's output tables seen the way evaluation needs them: per document, by entity id.

Entities of a document are the entity-table rows whose `doc_ids` name it, in table order, plus
one pseudo-entity per distinct date value of kind `date` (id `date:VALUE`).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from ..vocab import ENTITY_COLUMNS, ENTITY_LABELS, GOLD_TYPE, DateKind, Label, Table

DATE = GOLD_TYPE[Label.DATE]
# the columns evaluation reads from each table
COLUMNS: dict[Table, tuple[str, ...]] = {
    Table.DOCUMENTS: ("doc_id", "subject_id", "text"),
    Table.MENTIONS: ("doc_id", "start", "end", "text", "label", "entity_id"),
    **{lab.table: (*ENTITY_COLUMNS[lab.table], "doc_ids") for lab in ENTITY_LABELS},
    Table.DATES: ("date_id", "doc_id", "start", "end", "value", "kind"),
    Table.RELATIONS: ("relation_id", "doc_id", "subject_id", "subject", "predicate", "object_id", "object",
                      "start", "end"),
    Table.REMOVED: ("doc_id", "start", "end", "rule"),
}
# `removed` is this product's addition to the contract: another system's output may lack it
OPTIONAL = frozenset({Table.REMOVED})


@dataclass(frozen=True)
class PredEntity:
    type: str         # gold type (person, work, ..., date)
    id: str           # entity id, or `date:VALUE`
    name: str | None  # canonical name, or the date's ISO value


@dataclass(frozen=True, eq=False)
class PredRelation:
    subject: str | None
    predicate: str
    object: str | None
    object_type: str | None  # the object's gold type ("date", "person", ...); None: an id no table knows
    row: Mapping      # the `relations` row: ids, evidence offsets

    @property
    def object_is_date(self) -> bool:
        return self.object_type == DATE


@dataclass(frozen=True)
class Prediction:
    entities: dict[str, list[PredEntity]]        # doc -> its entities
    names: dict[str, tuple[str, str | None]]     # entity or date id -> (gold type, name)
    relations: dict[str, list[PredRelation]]     # doc -> relations in table order
    subjects: dict[str, str | None]              # doc -> subject_id
    texts: dict[str, str]                        # doc -> documents.text
    mentions: dict[str, list[Mapping]]           # doc -> mentions by start
    removed: dict[str, list[Mapping]]            # doc -> removed spans by start
    dates: dict[str, list[Mapping]]              # doc -> dates rows by start
    doc_ids: dict[str, list[str]]                # entity id -> documents it appears in

    def has_doc(self, doc_id: str) -> bool:
        return doc_id in self.subjects or doc_id in self.entities


def from_tables(tables: Mapping[Table, list[Mapping]]) -> Prediction:
    """Rows per table (as `pyarrow.Table.to_pylist` gives them) -> a Prediction."""
    names: dict[str, tuple[str, str | None]] = {}
    entities: dict[str, list[PredEntity]] = defaultdict(list)
    doc_ids: dict[str, list[str]] = {}
    for label in ENTITY_LABELS:
        id_col, name_col = ENTITY_COLUMNS[label.table]
        for row in tables[label.table]:
            eid, name = row[id_col], row[name_col]
            names[eid] = (GOLD_TYPE[label], name)
            doc_ids[eid] = list(row["doc_ids"] or [])
            for d in doc_ids[eid]:
                entities[d].append(PredEntity(GOLD_TYPE[label], eid, name))
    seen = set()
    for row in tables[Table.DATES]:
        value = row["value"]
        names[row["date_id"]] = (DATE, value)
        if row["kind"] == DateKind.DATE.value and value and (row["doc_id"], value) not in seen:
            seen.add((row["doc_id"], value))
            entities[row["doc_id"]].append(PredEntity(DATE, f"date:{value}", value))
    relations: dict[str, list[PredRelation]] = defaultdict(list)
    for row in tables[Table.RELATIONS]:
        subject = names.get(row["subject_id"], (None, row["subject"]))[1]
        o_type, obj = names.get(row["object_id"], (None, row["object"]))
        if obj is None:  # a date without a value, or an id no table knows: the row's own object
            o_type, obj = DATE, row["object"]
        relations[row["doc_id"]].append(PredRelation(subject, row["predicate"], obj, o_type, row))
    docs = tables[Table.DOCUMENTS]
    return Prediction(
        entities=dict(entities), names=names, relations=dict(relations),
        subjects={r["doc_id"]: r["subject_id"] for r in docs},
        texts={r["doc_id"]: r["text"] for r in docs},
        mentions=_by_doc(tables[Table.MENTIONS]), removed=_by_doc(tables.get(Table.REMOVED, [])),
        dates=_by_doc(tables[Table.DATES]), doc_ids=doc_ids)


def _by_doc(rows) -> dict[str, list[Mapping]]:
    out: dict[str, list[Mapping]] = defaultdict(list)
    for row in rows:
        out[row["doc_id"]].append(row)
    return {d: sorted(rs, key=lambda r: (r["start"], r["end"])) for d, rs in out.items()}
