"""Gold annotations (SPEC "Gold annotations"): JSON Lines text -> typed, validated records.

Entities are keyed by (type, name) as the gold writes them; a repeated key keeps its first
position and its last annotation, so that matching visits gold entities in one fixed order.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from ..text.fold import key
from ..vocab import GOLD_TYPE, Label, Predicate

GOLD_TYPES = frozenset(GOLD_TYPE.values())
DATE = GOLD_TYPE[Label.DATE]
_PREDICATES = frozenset(p.value for p in Predicate)


class GoldError(ValueError):
    pass


def fold(name: str | None) -> str:
    """The SPEC's matching key; an absent name folds to the empty key, which matches nothing real."""
    return key(name) if name else ""


@dataclass(frozen=True)
class GoldEntity:
    type: str
    name: str
    aliases: tuple[str, ...]
    optional: bool

    @property
    def keys(self) -> frozenset[str]:
        """Folded names that match this entity (its aliases and its name)."""
        return frozenset(fold(a) for a in (*self.aliases, self.name))


@dataclass(frozen=True)
class GoldRelation:
    subject: str
    predicate: str
    object: str
    optional: bool


@dataclass(frozen=True)
class GoldDoc:
    doc_id: str
    subject: str | None
    entities: dict[tuple[str, str], GoldEntity]
    relations: tuple[GoldRelation, ...]
    predicates: frozenset[str] | None  # predicted relations outside this scope are not scored
    by_name: dict[str, tuple[GoldEntity, ...]]  # gold name -> its entities of any type

    def named(self, name: str) -> tuple[GoldEntity, ...]:
        """Gold entities of any type whose gold name is exactly `name` (relation arguments)."""
        return self.by_name.get(name, ())

    def argument_keys(self, name: str) -> frozenset[str]:
        """Folded names a relation argument may take: its gold entities' aliases, or its own."""
        found = self.named(name)
        return frozenset().union(*(g.keys for g in found)) if found else frozenset({fold(name)})


def parse_gold(text: str, source: str) -> list[GoldDoc]:
    """One GoldDoc per non-blank line; GoldError names `source`, the line and the cause."""
    docs, seen = [], {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise GoldError(f"{where}: not JSON ({e.msg})") from None
        doc = _doc(obj, where)
        if doc.doc_id in seen:
            raise GoldError(f"{where}: doc_id {doc.doc_id!r} already annotated on line {seen[doc.doc_id]}")
        seen[doc.doc_id] = n
        docs.append(doc)
    return docs


def _doc(obj, where: str) -> GoldDoc:
    if not isinstance(obj, dict):
        raise GoldError(f"{where}: a line must be a JSON object")
    doc_id = _str(obj, "doc_id", where)
    subject = obj.get("subject")
    if subject is not None and not isinstance(subject, str):
        raise GoldError(f"{where}: subject must be a string or null")
    entities: dict[tuple[str, str], GoldEntity] = {}
    for i, e in enumerate(_list(obj, "entities", where)):
        at = f"{where}: entities[{i}]"
        typ = _str(e, "type", at)
        if typ not in GOLD_TYPES:
            raise GoldError(f"{at}: type {typ!r} is not one of {sorted(GOLD_TYPES)}")
        name = _str(e, "name", at)
        aliases = e.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise GoldError(f"{at}: aliases must be a list of strings")
        entities[(typ, name)] = GoldEntity(typ, name, tuple(aliases), _bool(e, at))
    relations = []
    for i, r in enumerate(_list(obj, "relations", where)):
        at = f"{where}: relations[{i}]"
        pred = _str(r, "predicate", at)
        if pred not in _PREDICATES:
            raise GoldError(f"{at}: predicate {pred!r} is not in the contract")
        relations.append(GoldRelation(_str(r, "subject", at), pred, _str(r, "object", at), _bool(r, at)))
    scope = obj.get("predicates")
    if scope is not None and (not isinstance(scope, list) or not all(isinstance(p, str) for p in scope)):
        raise GoldError(f"{where}: predicates must be a list of strings")
    by_name: dict[str, tuple[GoldEntity, ...]] = {}
    for g in entities.values():
        by_name[g.name] = (*by_name.get(g.name, ()), g)
    return GoldDoc(doc_id, subject, entities, tuple(relations), frozenset(scope) if scope else None,
                   by_name)


def _str(obj, name: str, where: str) -> str:
    if not isinstance(obj, dict) or not isinstance(obj.get(name), str):
        raise GoldError(f"{where}: {name} must be a string")
    return obj[name]


def _list(obj: dict, name: str, where: str) -> list:
    value = obj.get(name, [])
    if not isinstance(value, list):
        raise GoldError(f"{where}: {name} must be a list")
    return value


def _bool(obj: dict, where: str) -> bool:
    value = obj.get("optional", False)
    if not isinstance(value, bool):
        raise GoldError(f"{where}: optional must be true or false")
    return value
