"""Stage: cross-document resolution. One id per real entity across all documents.

Blocking: entities meet only when they share a label and a name key (folded name, or for people
the folded name with its words in any order, "Kim Se-yoon" = "Se Yoon Kim"), so the cost grows
with the number of entities, not their pairs. Ids are a hash of the group's smallest
order-free key, hence the same for the same inputs whatever the order or the number of workers.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .lexicon import is_generic_award, org_kind
from .text.fold import key
from .records import DocResult, LocalEntity
from .vocab import Label


_FESTIVAL = re.compile(r"(?:the )?(.+?) (?:International )?(?:Film )?Festival", re.I)
_FESTIVAL_OF = re.compile(r"(?:the )?Festival (?:de la |de |d'|d’|du |of )(.+)", re.I)  # "Festival de Lumen"


@dataclass
class GlobalEntity:
    id: str
    label: Label
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    roles: list[str] = field(default_factory=list)
    year: int | None = None
    doc_ids: list[str] = field(default_factory=list)
    n_mentions: int = 0


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _keys(label: Label, name: str) -> list[str]:
    k = key(name)
    keys = [f"{label.value}:{k}"]
    if label == Label.PERSON:
        words = sorted(key(w) for w in re.split(r"[\s\-]+", name) if key(w))
        if len(words) > 1:
            keys.append(f"{label.value}~{''.join(words)}")
    if label == Label.ORG:  # "Lumen" (a festival named by its town) = "Lumen International Film Festival"
        town = _FESTIVAL.fullmatch(name) or _FESTIVAL_OF.fullmatch(name)
        if town or len(name.split()) <= 2 and org_kind(name) is None:
            keys.append(f"{label.value}~festival:{key(town.group(1) if town else name)}")
    return keys


@dataclass(frozen=True, slots=True)
class DocEntities:
    """What resolution needs of one document: its entities and how often each is mentioned."""

    doc_id: str
    entities: list[LocalEntity]
    counts: tuple[int, ...]

    @classmethod
    def of(cls, result: DocResult) -> DocEntities:
        counts = Counter(m.entity for m in result.mentions if m.entity is not None)
        return cls(result.source.doc_id, result.entities, tuple(counts[i] for i in range(len(result.entities))))


def resolve(docs: Iterable[DocEntities]) -> tuple[dict[tuple[str, int], str], list[GlobalEntity]]:
    """-> ((doc_id, local index) -> global id, the global entities sorted by id)."""
    uf = _UnionFind()
    members: dict[tuple[str, int], list[str]] = {}
    local: dict[tuple[str, int], tuple[LocalEntity, int]] = {}
    for d in docs:
        for i, e in enumerate(d.entities):
            ks = _keys(e.label, e.name)
            if e.label == Label.AWARD and is_generic_award(e.name):
                ks = [f"{ks[0]}@{d.doc_id}"]  # 'Best Director' of one ceremony is not another's
            members[(d.doc_id, i)] = ks
            local[(d.doc_id, i)] = (e, d.counts[i])
            for k in ks[1:]:
                uf.union(ks[0], k)
    groups: dict[str, list[tuple[str, int]]] = {}
    for m, ks in members.items():
        groups.setdefault(uf.find(ks[0]), []).append(m)
    ids: dict[tuple[str, int], str] = {}
    out: list[GlobalEntity] = []
    for root, ms in groups.items():
        label = local[ms[0]][0].label
        # the id comes from the word-order-free key where there is one, so that "Se Yoon Kim"
        # alone and "Kim Se-yoon" alone get the same id as when both are in one run
        basis = min(members[m][-1] for m in ms)
        gid = f"{label.id_prefix}_{hashlib.sha1(basis.encode()).hexdigest()[:12]}"
        names = Counter(local[m][0].name for m in ms)
        name = max(names, key=lambda n: (names[n], len(n), n))
        g = GlobalEntity(gid, label, name)
        for m in sorted(ms):
            e, count = local[m]
            ids[m] = gid
            for a in e.aliases:
                if a not in g.aliases:
                    g.aliases.append(a)
            for role in e.roles:
                if role not in g.roles:
                    g.roles.append(role)
            g.kind = g.kind or e.kind
            if e.year is not None and (g.year is None or e.year < g.year):
                g.year = e.year
            if not g.doc_ids or g.doc_ids[-1] != m[0]:  # members sorted: a document's are adjacent
                g.doc_ids.append(m[0])
            g.n_mentions += count
        out.append(g)
    out.sort(key=lambda g: g.id)
    return ids, out
