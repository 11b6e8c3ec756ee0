"""One Arrow schema per table and the only path that turns rows into a table.

pyarrow does not enforce a schema by itself (`from_pylist` drops unknown keys and fills missing
ones with null), so `to_table` checks keys and nullability first and names the culprit.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

import pyarrow as pa

from ..vocab import EvalTable, Table

S, I64, I32, F64 = pa.string(), pa.int64(), pa.int32(), pa.float64()
LS = pa.list_(pa.string())


def _f(name: str, typ: pa.DataType, nullable: bool = False) -> pa.Field:
    return pa.field(name, typ, nullable=nullable)


def _entity(id_col: str, name_col: str, *extra: pa.Field) -> pa.Schema:
    return pa.schema([_f(id_col, S), _f(name_col, S), _f("aliases", LS), *extra,
                      _f("doc_ids", LS), _f("n_mentions", I64)])


SCHEMAS: dict[Table | EvalTable, pa.Schema] = {
    Table.DOCUMENTS: pa.schema([
        _f("doc_id", S), _f("path", S), _f("sha256", S), _f("status", S), _f("error", S, True),
        _f("n_chars", I64), _f("subject_id", S, True), _f("text", S), _f("encoding", S, True),
        _f("format", S, True),
    ]),
    Table.MENTIONS: pa.schema([
        _f("mention_id", S), _f("doc_id", S), _f("start", I64), _f("end", I64), _f("text", S),
        _f("label", S), _f("entity_id", S, True), _f("score", F64), _f("source", S),
    ]),
    Table.PEOPLE: _entity("person_id", "name", _f("roles", LS)),
    Table.WORKS: _entity("work_id", "title", _f("kind", S, True), _f("year", I32, True)),
    Table.ORGANIZATIONS: _entity("org_id", "name", _f("kind", S, True)),
    Table.PLACES: _entity("place_id", "name"),
    Table.AWARDS: _entity("award_id", "name"),
    Table.DATES: pa.schema([
        _f("date_id", S), _f("doc_id", S), _f("start", I64), _f("end", I64), _f("text", S),
        _f("value", S, True), _f("kind", S), _f("year", I32, True),
    ]),
    Table.RELATIONS: pa.schema([
        _f("relation_id", S), _f("doc_id", S), _f("subject_id", S), _f("subject", S),
        _f("predicate", S), _f("property", S, True), _f("object_id", S), _f("object", S, True),
        _f("start", I64), _f("end", I64), _f("evidence", S), _f("score", F64), _f("method", S),
    ]),
    Table.REMOVED: pa.schema([
        _f("doc_id", S), _f("start", I64), _f("end", I64), _f("text", S), _f("rule", S),
    ]),
    # written by `interview-ie evaluate`, not by a run
    EvalTable.METRICS: pa.schema([
        _f("scope", S), _f("key", S), _f("p", F64), _f("r", F64), _f("f1", F64),
        _f("tp", I64), _f("fp", I64), _f("fn", I64),
    ]),
    EvalTable.ERRORS: pa.schema([
        _f("doc_id", S), _f("kind", S), _f("side", S), _f("key", S), _f("gold", S, True),
        _f("predicted", S, True), _f("predicted_id", S, True), _f("start", I64, True),
        _f("end", I64, True), _f("context", S, True), _f("stage", S), _f("detail", S),
        _f("other_doc_id", S, True),
    ]),
}


def _nullable_integers_for_pandas(schema: pa.Schema) -> pa.Schema:
    """Adds pandas metadata naming a nullable integer dtype (`Int32`, `Int64`) for each nullable
    integer column: `pd.read_parquet` would otherwise give such a column (`works.year`) as floats,
    1955.0. pyarrow reads this metadata back; other readers ignore it."""
    columns = [{"name": f.name, "field_name": f.name, "pandas_type": str(f.type),
                "numpy_type": str(f.type).capitalize(), "metadata": None}
               for f in schema if f.nullable and pa.types.is_integer(f.type)]
    if not columns:
        return schema
    meta = {"index_columns": [], "column_indexes": [], "columns": columns,
            "creator": {"library": "interview-ie"}}
    return schema.with_metadata({b"pandas": json.dumps(meta).encode()})


SCHEMAS = {name: _nullable_integers_for_pandas(schema) for name, schema in SCHEMAS.items()}


class SchemaError(ValueError):
    pass


def to_table(name: Table | EvalTable, rows: Iterable[Mapping]) -> pa.Table:
    """Rows (dicts) -> a table of `SCHEMAS[name]`; raises SchemaError on a missing, extra or null key."""
    schema = SCHEMAS[name]
    rows = list(rows)
    names = set(schema.names)
    required = [f.name for f in schema if not f.nullable]
    for i, row in enumerate(rows):
        keys = set(row)
        if keys != names:
            raise SchemaError(f"{name.value} row {i}: missing {sorted(names - keys)}, "
                              f"unexpected {sorted(keys - names)}")
        for col in required:
            if row[col] is None:
                raise SchemaError(f"{name.value} row {i}: {col} is null")
    return pa.Table.from_pylist(rows, schema=schema)
