"""Stage: cross-document resolution. One id per real entity across all documents.

Blocking: entities meet only when they share a label and a name key (folded name, or for people
the folded name with its words in any order, "Kim So-yong" = "So Yong Kim"), so the cost grows
with the number of entities, not their pairs. Ids are a hash of the group's smallest
order-free key, hence the same for the same inputs whatever the order or the number of workers.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from .normalize import key
from .records import DocResult
from .vocab import Label


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
    return keys


def resolve(results: list[DocResult]) -> tuple[dict[tuple[str, int], str], list[GlobalEntity]]:
    """-> ((doc_id, local index) -> global id, the global entities sorted by id)."""
    uf = _UnionFind()
    members: dict[tuple[str, int], list[str]] = {}
    for r in results:
        for i, e in enumerate(r.entities):
            ks = _keys(e.label, e.name)
            members[(r.source.doc_id, i)] = ks
            for k in ks[1:]:
                uf.union(ks[0], k)
    groups: dict[str, list[tuple[str, int]]] = {}
    for m, ks in members.items():
        groups.setdefault(uf.find(ks[0]), []).append(m)
    local = {(r.source.doc_id, i): (r, e) for r in results for i, e in enumerate(r.entities)}
    counts = Counter()
    for r in results:
        for m in r.mentions:
            if m.entity is not None:
                counts[(r.source.doc_id, m.entity)] += 1
    ids: dict[tuple[str, int], str] = {}
    out: list[GlobalEntity] = []
    for root, ms in groups.items():
        label = local[ms[0]][1].label
        # the id comes from the word-order-free key where there is one, so that "So Yong Kim"
        # alone and "Kim So-yong" alone get the same id as when both are in one run
        basis = min(members[m][-1] for m in ms)
        gid = f"{label.id_prefix}_{hashlib.sha1(basis.encode()).hexdigest()[:12]}"
        names = Counter(local[m][1].name for m in ms)
        name = max(names, key=lambda n: (names[n], len(n), n))
        g = GlobalEntity(gid, label, name)
        for m in sorted(ms):
            r, e = local[m]
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
            if r.source.doc_id not in g.doc_ids:
                g.doc_ids.append(r.source.doc_id)
            g.n_mentions += counts[m]
        out.append(g)
    out.sort(key=lambda g: g.id)
    return ids, out
