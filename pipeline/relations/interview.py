"""Construction: the headline of an interview or an episode, 'NAME on TITLE, TITLE and TITLE'.

    Ep. 12: Ana Ruiz on BLUE LAKE, GREY HARBOUR — and RED HILL
    Interview: Ana Ruiz on "Blue Lake" (2019)

A person opening a heading line (alone, or after a label and ':', a dash or '|') and a link word
of `patterns/headline_links.csv` ('on') before a list of works: the works are the person's, in
the role the text gives the person elsewhere (stated, or credited by another rule on the page: a
director's films, an actor's roles), else as a contributor.
Construction: a work the text gives a person without a role ('my new film X', "A's X", 'I
made two films, X and Y': contributor), when the page credits that person as the director of
other works (or as an actor in them) and in no other role: the person directed it (acted in
it) too (`role_from_page`).
The byline of an interview ('Interview by A', or 'by A | date' under an '[INTERVIEW]' head): the
person the page is about was interviewed by A.
Pure: the view of a parsed Doc and its arguments -> `context.Found`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..lexicon import csv_map, role_words
from ..records import EntityRef
from ..vocab import CREATIVE_ROLE, Label, Predicate
from .context import Discourse, Found, Item
from .credits import LinePage

LINK_FILE = "headline_links.csv"
_OPENING = re.compile(r"^(?:[^\n]{0,60}(?:[:|—–]|\s-))?[\s\"“‘']*$")
_GLUE = re.compile(r"^(?:[\s,;&\"“”‘’'()\d]|\band\b|[—–-])*$", re.IGNORECASE)
_ROLE_PREDICATE = (("director", Predicate.DIRECTOR), ("actor", Predicate.CAST_MEMBER))
_CREDIT_ROLE = {Predicate.DIRECTOR: "director", Predicate.CAST_MEMBER: "actor"}


@lru_cache(maxsize=1)
def links() -> frozenset[str]:
    return frozenset(csv_map(LINK_FILE))


def _predicate(roles) -> Predicate:
    return next((p for role, p in _ROLE_PREDICATE if role in roles), Predicate.CONTRIBUTOR)


def _named_roles(lower: list[str], items: list[Item], ref: int) -> set[str]:
    """Roles a role noun right before the person's name gives ('director A', 'writer-director A',
    'the actress A'), from `patterns/role_words.csv`."""
    out = set()
    for it in items:
        if it.target == EntityRef(ref) and it.label == Label.PERSON and not it.implicit and it.start > 0:
            word = lower[it.start - 1].rsplit("-", 1)[-1]
            if role := role_words().get(word):
                out.add(role)
    return out


def headline(page: LinePage, disc: Discourse, found: list[Found]) -> Iterator[Found]:
    items = page.items
    text = page.text
    for ls, le in page.lines:
        if le - ls > 160:
            continue  # a paragraph, not a heading
        spans = page.inside(ls, le)
        for k, (s, e, p) in enumerate(spans):
            if p.label != Label.PERSON or not _OPENING.match(text[ls:s]):
                continue
            m = re.match(r"\s+(\w+)\s+", text[e:le])
            if m is None or m.group(1).lower() not in links():
                continue
            works, cur = [], e + m.end()
            for s2, e2, it in spans[k + 1:]:
                if not _GLUE.match(text[cur:s2]) or it.label != Label.WORK:
                    break
                works.append(it)
                cur = e2
            # the role the text gives: stated ('the director A'), or credited elsewhere on the page
            roles = set(disc.roles.get(p.entity, ())) | _named_roles(page.view.lower, items, p.entity) | {
                _CREDIT_ROLE[f.predicate] for f in found
                if f.object == EntityRef(p.entity) and f.predicate in _CREDIT_ROLE}
            pred = _predicate(roles)
            for w in works:
                yield Found(w.entity, pred, EntityRef(p.entity), ls, le, 0.0, "")
            break


_PAGE_ROLES = frozenset({Predicate.DIRECTOR, Predicate.CAST_MEMBER})  # roles a page's person keeps
_ROLELESS = frozenset({"owned_work", "first_person_work"})  # methods that give a work without a role


def role_from_page(page: LinePage, disc: Discourse, found: list[Found]) -> Iterator[Found]:
    credited: dict[int, dict[Predicate, set[int]]] = {}  # person -> predicate -> works
    for f in found:
        if isinstance(f.object, EntityRef) and f.predicate in CREATIVE_ROLE and f.predicate != Predicate.CONTRIBUTOR:
            credited.setdefault(f.object.index, {}).setdefault(f.predicate, set()).add(f.subject)
    for f in found:
        if f.method not in _ROLELESS or f.predicate != Predicate.CONTRIBUTOR or not isinstance(f.object, EntityRef):
            continue
        roles = credited.get(f.object.index, {})
        if len(roles) != 1:
            continue  # no role, or several: the text does not say which
        (pred, works), = roles.items()
        if pred in _PAGE_ROLES and works - {f.subject}:
            yield Found(f.subject, pred, f.object, f.start, f.end, 0.0, "")


# 'Interview by A', 'Interviewed by A': a byline field that names the interviewer on any page;
# 'by A' alone only on a page whose head is an interview's ('[INTERVIEW] ...', 'INTERVIEW: ...')
_INTERVIEW_BY = re.compile(r"^\s*(?:interview|interviewed|interviews)\s+by\s+$", re.IGNORECASE)
_BY = re.compile(r"^\s*by\s+$", re.IGNORECASE)
_INTERVIEW_HEAD = re.compile(r"^\W{0,3}interview\b", re.IGNORECASE)
_BYLINE_LINES = 15  # the head of a page, where its byline stands


def byline(page: LinePage, disc: Discourse, found: list[Found]) -> Iterator[Found]:
    """'by A | 2017.10.20' under '[INTERVIEW] B, Director of X', or 'Interview by A' anywhere: B,
    the person the page is about, was interviewed by A (a field of a '|' line, nothing else in it)."""
    if disc.subject is None:
        return
    head = [page.text[s:e] for s, e in page.lines[:_BYLINE_LINES]]
    interview_page = any(_INTERVIEW_HEAD.match(line) for line in head)
    for i, (ls, le) in enumerate(page.lines):
        inside = page.inside(ls, le)
        k = ls
        for field in re.split(r"(\s+[|·]\s+)", page.text[ls:le]):
            fs, fe = k, k + len(field)
            k = fe
            people = [(s, e, it) for s, e, it in inside if fs <= s and e <= fe and it.label == Label.PERSON]
            if len(people) != 1 or page.text[people[0][1]:fe].strip():
                continue
            lead = page.text[fs:people[0][0]]
            if _INTERVIEW_BY.match(lead) or (interview_page and i < _BYLINE_LINES and _BY.match(lead)):
                if people[0][2].target != EntityRef(disc.subject):
                    yield Found(disc.subject, Predicate.INTERVIEWED_BY, EntityRef(people[0][2].entity), ls, le, 0.0, "")
