"""Construction: who won what, as award reports and line-ups write it on a page.

    WINNERS
    Best Director: Ana Ruiz, BLUE LAKE          (a winners line: the people won the prize,
    Best Actor: Ben Ode (GREY HARBOUR)           else the work that opens the value)
    Best Film: BLUE LAKE (Spain)
    - Blue Lake (Spain, 2019), dir. Ana Ruiz — Golden Tern       (a line-up entry's prize)
    2019 | Blue Lake | Yes | Yes | Golden Tern                   (a filmography row's prize cell)
    Blue Lake, with Ben Ode, won the Golden Tern.    (prose: the parse's winner of a prize verb)

Prose (`prize_won`): a verb of winning (`relation_words.csv`, kind `prize_verb`: won, took,
received, earned, shared, was named; kind `prize_giving`: gave, awarded, handed, whose subject
is the giver unless passive) whose object is the prize; the winner is who the verb gives it
to ('earned her X', 'won Ana the X', 'gave X to A'), else the subject of its
clause (through 'which' and coordinated verbs) without its asides ('X, with A and B, won'
is about X), else the noun a participle modifies ('X, awarded the Y'); 'PRIZE went to A'.
Negated, modal or wished verbs ('could win', 'hoped to win') and nominations give nothing.

A line under a heading with a nomination word (`relation_words.csv`, kind `nomination`:
'THE NOMINEES') or a value that names more than one work ('Best Film: A, B, C') lists
nominees, not winners; a nomination word right after the prize ('— Golden Tern nominee') too.
Pure: a `LinePage` -> `context.Found`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..lexicon import SUBJECT_DEPS
from ..records import EntityRef
from ..view import DocView
from ..vocab import Label, Predicate
from .args import nominated
from .context import Discourse, Found, Item, kind_of
from .credits import LinePage, value_members

_BULLET = re.compile(r"[ \t]*(?:[-•*·▪◦][ \t]+)?")
# after the prize's name: its colon ('Best Director:', 'Popular Star Awards:')
_COLON = re.compile(r"[ \t]*(?:awards?|prizes?)?[ \t]*:[ \t]*", re.IGNORECASE)
# the dash that sets a line-up entry's prize apart: 'dir. A — Golden Tern'
_DASH = re.compile(r"[ \t]+[—–][ \t]+|[ \t]+-[ \t]+")
_HEADING_WORDS = 6  # a heading line has at most this many words and no colon


def _nomination(words: str) -> bool:
    return any(kind_of(w) == "nomination" for w in re.findall(r"[^\W\d_]+", words))


def _heading(line: str) -> bool:
    """'WINNERS', 'THE NOMINEES', 'Film winners': a short line without a colon or a full stop."""
    s = line.strip()
    return bool(s) and ":" not in s and not s.endswith(".") and len(s.split()) <= _HEADING_WORDS


def winners_lines(page: LinePage, disc: Discourse, found: list[Found]) -> Iterator[Found]:
    """'Best Director: A, TITLE' / 'Best Actor: A (TITLE)' / 'Best Film: TITLE': the people
    before the work won the prize, else the work that opens the value."""
    text = page.text
    nominees = False
    for ls, le in page.lines:
        line = text[ls:le]
        inside = page.inside(ls, le)
        if _heading(line) and not any(it.label == Label.AWARD for _s, _e, it in inside):
            nominees = _nomination(line)
            continue
        if nominees or not inside:
            continue
        at = ls + _BULLET.match(line).end()
        s, e, prize = inside[0]
        colon = _COLON.match(text, e, le)
        if s != at or prize.label != Label.AWARD or colon is None or _nomination(text[ls:colon.end()]):
            continue
        value = [x for x in inside if x[0] >= colon.end()]
        if len({it.entity for _s, _e, it in value if it.label == Label.WORK}) > 1:
            continue  # 'Best Film: A, B, C': the nominees
        members = value_members(page, colon.end(), le, {Label.PERSON, Label.WORK})
        people = []
        for _s, _e, it in members:
            if it.label != Label.PERSON:
                break
            people.append(it)
        winners = people or [it for _s, _e, it in members[:1] if it.label == Label.WORK]
        for it in winners:
            yield Found(it.entity, Predicate.AWARD_RECEIVED, prize.target, ls, le, 0.0, "")


def entry_prizes(page: LinePage, disc: Discourse, found: list[Found]) -> Iterator[Found]:
    """'- TITLE (Spain, 2019), dir. A — PRIZE' and '2019 | TITLE | Yes | PRIZE': the prize that
    opens a dash-separated field or a table cell of a line that names one work before it."""
    text = page.text
    for ls, le in page.lines:
        line = text[ls:le]
        inside = page.inside(ls, le)
        works = {it.entity for _s, _e, it in inside if it.label == Label.WORK}
        if len(works) != 1:
            continue
        work_start = next(s for s, _e, it in inside if it.label == Label.WORK)
        table = line.count("|") >= 3
        if not table and work_start - ls > _BULLET.match(line).end() + 1:
            continue  # a line-up entry opens with its title
        cells = [m.end() for m in (re.finditer(r"\|[ \t]*", line) if table else _DASH.finditer(line))]
        for at in cells:
            prize = next(((s, e, it) for s, e, it in inside if s == ls + at), None)
            if prize is None or prize[2].label != Label.AWARD or prize[0] < work_start:
                continue
            tail = re.match(r"[^|—–;,.]*", text[prize[1]:le]).group(0)
            if _nomination(tail):
                continue  # '— Golden Tern nominee'
            yield Found(next(iter(works)), Predicate.AWARD_RECEIVED, prize[2].target, ls, le, 0.0, "")


_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})
_WINNER_PATH = frozenset({"compound", "appos", "conj", "cc", "nmod", "amod", "det", "nummod", "punct"})
_MODALS = frozenset({"could", "would", "might", "may", "will", "should", "'ll", "can", "must", "wo"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them"})
# a name after these in its own phrase is an aside of the winner, not the winner ('X, with A, won')
_ASIDE_WORDS = frozenset({"with", "by", "from", "starring", "featuring", "including", "for", "of"})
_LIST_OPENERS = frozenset({"with", "by", "starring", "featuring", "including"})
_PHRASE_EDGES = frozenset({",", ";", "(", ":", "—", "–"})
_PRIZE_VERBS = frozenset({"prize_verb", "prize_giving"})
_GOING = frozenset({"go", "goes", "went", "gone"})


def _root(doc, it: Item) -> Token:
    return next((t for t in doc[it.start:it.end] if not it.start <= t.head.i < it.end or t.head.i == t.i),
                doc[it.start])


def _unrealised(verb: Token) -> bool:
    """'did not win', 'could win', 'hoped to win', 'wants to receive'."""
    t = verb
    for _ in range(3):
        if any(c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in _MODALS for c in t.children):
            return True
        if t is not verb and kind_of(t.lemma_) == "blocker":
            return True
        if t.dep_ not in {"xcomp", "conj"} or t.head.i == t.i:
            return False
        t = t.head
    return False


def _items_at(args: list[Item], head: Token, labels) -> list[Item]:
    """The arguments a noun phrase headed by `head` names: its own name and the names joined
    to it ('A and B', 'its star A'), not those in its asides ('X, with A', "A's film")."""
    out = []
    for it in args:
        if it.label not in labels or not head.left_edge.i <= it.start < head.right_edge.i + 1:
            continue
        t = _root(head.doc, it)
        while t.i != head.i and t.dep_ in _WINNER_PATH and t.head.i != t.i:
            t = t.head
        if t.i == head.i:
            out.append(it)
    return out


def _a_prize(args: list[Item], tok: Token) -> bool:
    return any(a.label == Label.AWARD and a.start <= tok.i < a.end for a in args)


def _in_aside(doc, it: Item, sent_start: int) -> bool:
    """'X, with A and B, won': A follows 'with' in its phrase, or a comma of a list that 'with' opened."""
    if it.implicit:
        return False  # 'for which he won': a pronoun is a clause's subject, no aside
    k = it.start - 1
    while k >= sent_start and doc[k].text not in _PHRASE_EDGES:
        if doc[k].tag_ in {"WDT", "WP"} or doc[k].pos_ in {"VERB", "AUX"}:
            return False
        if doc[k].lower_ in _ASIDE_WORDS:
            return True
        k -= 1
    if k < sent_start or doc[k].text != ",":
        return False
    for j in range(k - 1, sent_start - 1, -1):  # 'with A, B and C': back over the list
        if doc[j].text in _PHRASE_EDGES - {","} or doc[j].pos_ in {"VERB", "AUX"}:
            return False
        if doc[j].lower_ in _LIST_OPENERS:
            return True
    return False


def _antecedent(doc, args: list[Item], k: int, labels) -> list[Item]:
    """The argument right before a relative pronoun, only punctuation or a bracket between."""
    before = [a for a in args if a.end <= k and a.label in labels and not a.implicit]
    if not before:
        return []
    gap, depth = doc[before[-1].end:k], 0
    for t in gap:
        depth += 1 if t.text in {"(", "["} else -1 if t.text in {")", "]"} else 0
        if depth == 0 and not t.is_punct and t.text not in {")", "]"}:
            return []
    return [before[-1]]


def _clause_subject(verb: Token) -> Token | None:
    """The subject of a verb's clause: its own, the antecedent of 'which', the subject of the
    verb it is coordinated with, or the noun a participle modifies."""
    t = verb
    for _ in range(4):
        subj = next((c for c in t.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            return subj
        if t.dep_ == "acl":
            return t.head
        if t.dep_ != "conj" or t.head.i == t.i:
            return None
        t = t.head
    return None


def prize_won(v: DocView, sent: Span, args: list[Item], disc: Discourse, is_question: bool) -> Iterator[Found]:
    if is_question:
        return
    doc = v.doc
    labels = Predicate.AWARD_RECEIVED.signature[0]
    for a in args:
        if a.label != Label.AWARD or a.implicit or nominated(doc, a):
            continue
        t = _root(doc, a)
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head  # 'won Best Film and Best Director'
        verb, winners = t.head, []
        if t.dep_ == "nsubj" and verb.lower_ in _GOING:
            # 'Best Director went to A for X'
            to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            winners = _items_at(args, obj, labels) if obj is not None else []
        elif t.dep_ in _OBJECT_DEPS and kind_of(verb.lemma_) in _PRIZE_VERBS and not _unrealised(verb):
            # 'won him X', not the reason 'awarded X for his courage' (a 'for' the parse may call a dative)
            # nor another prize the verb also governs ('received X and Y, as well as Z')
            given = next((c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"
                          or c.dep_ == "dobj" and c.i != t.i and c.i < t.i and not _a_prize(args, c)), None)
            if given is not None and given.lower_ in _OBJECT_PRONOUNS:
                continue  # 'it won him X': who 'him' is, the discourse does not tell surely enough
            if given is None and kind_of(verb.lemma_) == "prize_giving":
                # 'the jury gave X to A': the receiver, never the giver; 'A was handed X' the subject
                to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
                given = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
                passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or verb.dep_ == "acl"
                head = given if given is not None else _clause_subject(verb) if passive else None
            else:
                head = given if given is not None else _clause_subject(verb)
            if head is not None and head.tag_ in {"WDT", "WP"}:
                winners = _antecedent(doc, args, head.i, labels)  # 'X (1997) – which won Y'
            elif head is not None:
                winners = _items_at(args, head, labels)
        for w in winners:
            between = doc[min(w.end, a.end):max(w.start, a.start)]
            if w.entity != a.entity and not _in_aside(doc, w, sent.start) and not any(t.text == ";" for t in between):
                yield Found(w.entity, Predicate.AWARD_RECEIVED, EntityRef(a.entity), sent.start_char, sent.end_char,
                            0.0, "")
