"""Construction: who shot a work and who made its music, as people say it without a credit label.

    Ana Ruiz's camera stays at street level.        the camera of Ana Ruiz
    Ana Ruiz was our cinematographer.               Your composer was Ana Ruiz.
    Ana Ruiz did the score.                         Ana Ruiz and I shot it on 16mm.
    ... and Ana Ruiz again behind the camera.

The craft words are data (`patterns/craft_words.csv`: a word, its predicate and whether it names
the thing made, 'camera', 'score', or the person, 'cinematographer'). The work is the one the
sentence names (a single one, not owned by someone else: "Ana's camera in Ben's X" is about X
only when X is the one work there), else the work the sentence's 'it' / 'the film' stands
for, else the work the discourse is about. A negated sentence gives nothing.
Pure: one parsed sentence of a `DocView` and its arguments (token offsets) -> `context.Found`.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Span

from ..lexicon import POSSESSIVE, POSSESSIVE_DETERMINERS, csv_rows
from ..records import EntityRef
from ..view import DocView
from ..vocab import Label, Predicate
from .args import coordinated
from .context import Discourse, Found, Item

WORD_FILE = "craft_words.csv"
_BE = frozenset({"was", "is", "were", "'s", "are"})
_OWNERS = POSSESSIVE_DETERMINERS | {"the"}
_DOING = frozenset({"did", "does", "wrote", "composed", "made", "created", "handled", "wrote", "scored"})
_SHOOTING = frozenset({"shot", "lit", "photographed", "filmed"})
_IT = frozenset({"it", "this", "that"})
_LIST_GLUE = frozenset({",", "and", "&"})
_NEGATION = frozenset({"not", "never", "n't", "no"})


@lru_cache(maxsize=1)
def craft_words() -> dict[str, tuple[Predicate, str]]:
    """word (lower case) -> (predicate, 'thing' | 'person'); a bad row names the file and line."""
    def parse(row: list[str]) -> tuple[str, tuple[Predicate, str]]:
        kind = row[2].strip()
        if kind not in {"thing", "person"}:
            raise ValueError(f"kind {kind!r} is neither 'thing' nor 'person'")
        return row[0].strip().lower(), (Predicate(row[1].strip()), kind)
    return dict(csv_rows(WORD_FILE, parse))


def _word(lower: list[str], k: int, kind: str) -> Predicate | None:
    hit = craft_words().get(lower[k].rstrip("s")) or craft_words().get(lower[k])
    return hit[0] if hit is not None and hit[1] == kind else None


def _work(doc, sent: Span, args: list[Item], disc: Discourse, people: list[Item]) -> int | None:
    """The one work the sentence names (explicitly, else by 'it' / 'the film'), else the work
    the discourse is about."""
    explicit = {a.entity for a in args if a.label == Label.WORK and not a.implicit}
    if len(explicit) == 1:
        return next(iter(explicit))
    if explicit:
        return None
    implicit = {a.entity for a in args if a.label == Label.WORK and a.implicit}
    if len(implicit) == 1:
        return next(iter(implicit))
    return disc.work_referent(strong=False)


def _people_before(doc, args: list[Item], k: int) -> list[Item]:
    """The people whose list ends right at token k ('A', 'A and B', 'A and I')."""
    out, k0 = [], k
    while True:
        last = next((a for a in args if a.label == Label.PERSON and a.end == k0 and not a.possessive), None)
        if last is None:
            return out
        out.append(last)
        k0 = last.start
        while k0 > 0 and doc[k0 - 1].lower_ in _LIST_GLUE:
            k0 -= 1
        if k0 == last.start:
            return out


def _people_after(doc, args: list[Item], k: int) -> list[Item]:
    first = next((a for a in args if a.label == Label.PERSON and a.start == k and not a.possessive), None)
    if first is None:
        return []
    return coordinated(doc, first, [a for a in args if a.start >= first.end], {Label.PERSON}, forward=True)


def crafts(v: DocView, sent: Span, args: list[Item], disc: Discourse, is_question: bool) -> Iterator[Found]:
    doc, lower = v.doc, v.lower
    if any(lower[k] in _NEGATION for k in range(sent.start, sent.end)):
        return
    found: list[tuple[Predicate, list[Item]]] = []
    s, e = sent.start, sent.end
    for k in range(s, e):
        w = lower[k]
        thing, person = _word(lower, k, "thing"), _word(lower, k, "person")
        if thing is not None:
            # "A's camera", "A's score"
            if k - 1 > s and doc[k - 1].text in POSSESSIVE:
                found.append((thing, _people_before(doc, args, k - 1)))
            # "the camera of A", "the score by A", "one of the last scores by A"
            if k + 2 < e and k > s and lower[k + 1] in {"of", "by"} and lower[k - 1] in _OWNERS | {"last", "first"}:
                found.append((thing, _people_after(doc, args, k + 2)))
            # "A did the music", "A wrote the score"
            if k - 2 > s and lower[k - 1] in _OWNERS and lower[k - 2] in _DOING:
                found.append((thing, _people_before(doc, args, k - 2)))
        if person is not None and k - 1 >= s and lower[k - 1] in _OWNERS:
            # "A was our cinematographer"
            if k - 2 > s and lower[k - 2] in _BE:
                found.append((person, _people_before(doc, args, k - 2)))
            # "our cinematographer was A"
            if k + 2 <= e and lower[k + 1] in _BE:
                found.append((person, _people_after(doc, args, k + 2)))
        # "A shot it", "A and I shot it on 35mm"
        if w in _SHOOTING and k + 1 < e and lower[k + 1] in _IT and k > s:
            found.append((Predicate.DIRECTOR_OF_PHOTOGRAPHY, _people_before(doc, args, k)))
        # "A behind the camera", "behind the camera was A"
        if w == "behind" and k + 2 < e and lower[k + 1] == "the" and lower[k + 2] == "camera":
            found.append((Predicate.DIRECTOR_OF_PHOTOGRAPHY,
                          _people_before(doc, args, k) or _people_before(doc, args, k - 1)
                          or _people_after(doc, args, k + 4 if k + 3 < e and lower[k + 3] in _BE else k + 3)))
    if not found:
        return
    people = [p for _pred, ps in found for p in ps]
    work = _work(doc, sent, args, disc, people)
    if work is None:
        return
    for pred, ps in found:
        for p in ps:
            yield Found(work, pred, EntityRef(p.entity), sent.start_char, sent.end_char, 0.0, "")
