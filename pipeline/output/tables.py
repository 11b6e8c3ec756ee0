"""Stage: records -> the contract's tables (rows checked against `schemas.SCHEMAS`)."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

import pyarrow as pa

from ..records import DateRef, DocResult
from ..resolve import GlobalEntity
from .schemas import to_table
from ..vocab import ENTITY_COLUMNS, Label, Status, Table


def _hid(prefix: str, *parts) -> str:
    return f"{prefix}_{hashlib.sha1('|'.join(map(str, parts)).encode()).hexdigest()[:16]}"


def date_id(doc_id: str, start: int, end: int) -> str:
    return _hid("dat", doc_id, start, end)


ENTITY_TABLES = tuple(ENTITY_COLUMNS)  # written once, after resolution
DOCUMENT_TABLES = tuple(t for t in Table if t not in ENTITY_COLUMNS)  # written as documents stream by


def document_tables(results: Iterable[DocResult], ids: Mapping[tuple[str, int], str],
                    names: Mapping[str, str]) -> dict[Table, pa.Table]:
    """The per-document tables of some documents, given the global id of each local entity and
    the canonical name of each global id."""
    rows: dict[Table, list[dict]] = {t: [] for t in DOCUMENT_TABLES}
    for r in results:
        src, d = r.source, r.source.doc_id
        subject = ids.get((d, r.subject)) if r.subject is not None else None
        rows[Table.DOCUMENTS].append({
            "doc_id": d, "path": src.path, "sha256": src.sha256,
            "status": (Status.OK if r.ok else Status.ERROR).value, "error": src.error,
            "n_chars": len(src.text), "subject_id": subject, "text": src.text,
            "encoding": src.encoding, "format": src.format})
        for m in r.removed:
            rows[Table.REMOVED].append({"doc_id": d, "start": m.start, "end": m.end, "text": m.text,
                                        "rule": m.rule})
        for m in r.mentions:
            rows[Table.MENTIONS].append({
                "mention_id": _hid("men", d, m.start, m.end), "doc_id": d, "start": m.start,
                "end": m.end, "text": m.text, "label": m.label.value,
                "entity_id": ids[(d, m.entity)] if m.entity is not None else None,
                "score": float(m.score), "source": m.source})
        for x in r.dates:
            rows[Table.DATES].append({
                "date_id": date_id(d, x.start, x.end), "doc_id": d, "start": x.start, "end": x.end,
                "text": x.text, "value": x.value, "kind": x.kind.value, "year": x.year})
        for rel in r.relations:
            subj = ids[(d, rel.subject)]
            if isinstance(rel.object, DateRef):
                date = r.dates[rel.object.index]
                obj_id, obj_name = date_id(d, date.start, date.end), date.value
            else:
                obj_id = ids[(d, rel.object.index)]
                obj_name = names[obj_id]
            rows[Table.RELATIONS].append({
                "relation_id": _hid("rel", d, subj, rel.predicate.value, obj_id),
                "doc_id": d, "subject_id": subj, "subject": names[subj],
                "predicate": rel.predicate.value, "property": rel.predicate.wikidata_id,
                "object_id": obj_id, "object": obj_name, "start": rel.start, "end": rel.end,
                "evidence": rel.evidence, "score": float(rel.score), "method": rel.method})
    return {t: to_table(t, rows[t]) for t in DOCUMENT_TABLES}


def entity_tables(entities: Iterable[GlobalEntity]) -> dict[Table, pa.Table]:
    rows: dict[Table, list[dict]] = {t: [] for t in ENTITY_TABLES}
    for g in entities:
        table = g.label.table
        id_col, name_col = ENTITY_COLUMNS[table]
        row = {id_col: g.id, name_col: g.name, "aliases": g.aliases, "doc_ids": g.doc_ids,
               "n_mentions": g.n_mentions}
        if g.label == Label.PERSON:
            row["roles"] = g.roles
        elif g.label == Label.WORK:
            row.update(kind=g.kind, year=g.year)
        elif g.label == Label.ORG:
            row["kind"] = g.kind
        rows[table].append(row)
    return {t: to_table(t, rows[t]) for t in ENTITY_TABLES}
