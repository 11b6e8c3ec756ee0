"""Discourse for the relation stage: which entity a pronoun, "the film" or "it" stands for.

A document may define its topic in one of its first sentences ("X is a 1936 British film ...",
"A (born 1940) is an English actor"). Pronouns and anaphoric noun phrases become *virtual*
arguments (`Item(implicit=True)`) that point at the topic or at the entity named last, so that
the cue rules treat "It was produced by P" like "X was produced by P". All offsets are tokens.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from ..lexicon import ARTICLES, COPULA, POSSESSIVE_S, SUBJECT_DEPS, csv_map
from ..records import DateRef, EntityRef
from ..view import DocView
from ..vocab import Label, Predicate

if TYPE_CHECKING:
    from .cues import Cue

_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "our", "us"})
_SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})
_NOMINATIVE = frozenset({"he", "she", "himself", "herself"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "hers"})
_OBJECTIVE = frozenset({"him"})
_THIRD_PERSON = _NOMINATIVE | _POSSESSIVE_PRONOUNS | _OBJECTIVE
_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_DETERMINERS = frozenset({"the", "this", "that", "its"})
_PRONOUNS = _FIRST_PERSON | _SECOND_PERSON | _THIRD_PERSON
_VIRTUAL_STARTS = _PRONOUNS | _DETERMINERS | {"it"}  # the words `virtual_items` looks at
_TOPIC_SENTENCES = 6  # a defining sentence is looked for among the first sentences


@lru_cache(maxsize=1)
def words() -> dict[str, str]:
    """word -> kind (`work_noun`, `person_noun`, `blocker`, `partner_word`), from
    `patterns/relation_words.csv`."""
    return csv_map("relation_words.csv")


def kind_of(word: str) -> str | None:
    return words().get(word.lower())


@dataclass(frozen=True)
class Found:
    """A relation between entities of the document (its object an entity or a date), with its
    evidence sentence in cleaned-text character offsets."""

    subject: int  # an entity index
    predicate: Predicate
    object: EntityRef | DateRef
    start: int
    end: int
    score: float
    method: str                # the rule's name (`registry.py`), or "cue:" and the cue's phrase
    cue: Cue | None = None     # the cue row that gave it


@dataclass(frozen=True)
class Item:
    """An argument inside a sentence, in token offsets: an entity or date mention, or a
    pronoun / anaphoric phrase resolved to an entity (`implicit`)."""

    start: int
    end: int
    label: Label
    target: EntityRef | DateRef  # the entity or the date it names
    implicit: bool = False
    possessive: bool = False  # 'his', 'her' before a noun: the owner of what follows

    @property
    def is_date(self) -> bool:
        return isinstance(self.target, DateRef)

    @property
    def entity(self) -> int:
        """The index of the entity it names (an argument naming a date has none)."""
        if not isinstance(self.target, EntityRef):
            raise TypeError(f"the argument at tokens {self.start}-{self.end} names a date, not an entity")
        return self.target.index


def opens(tok) -> bool:
    """'(' or a token that starts with one ('(;' in 'X (; born 1940)')."""
    return tok.text[:1] in {"(", "["}


def closes(tok) -> bool:
    return tok.text[-1:] in {")", "]"} and not opens(tok)


def top_level(tokens) -> Iterator:
    """The tokens outside brackets (the brackets themselves left out); a closing bracket that
    was never opened leaves the tokens after it inside."""
    depth = 0
    for t in tokens:
        if opens(t):
            depth += 1
        elif closes(t):
            depth -= 1
        elif depth == 0:
            yield t


def bracket_balance(tokens) -> int:
    """Brackets opened minus brackets closed."""
    return sum(1 if opens(t) else -1 if closes(t) else 0 for t in tokens)


def is_work_anaphor(doc: Doc, start: int, end: int) -> bool:
    """'the film', 'The series', 'this 1990s studio feature', "the film's": a determiner,
    at most three modifiers and a work noun, with no title right after it."""
    toks = [t for t in doc[start:end] if t.text not in POSSESSIVE_S]
    if len(toks) < 2 or toks[0].lower_ not in _DETERMINERS or len(toks) > 5:
        return False
    if kind_of(toks[-1].lower_) != "work_noun":
        return False
    k = end + 1 if end < len(doc) and doc[end].text in {",", ":"} else end
    nxt = doc[k] if k < len(doc) else None
    # "the series Harbor Street", "the television series, The Magistrate": a title follows
    return not (nxt is not None and (nxt.text[:1].isupper() or nxt.text in {'"', "“"}) and not nxt.is_sent_start)


@dataclass(frozen=True)
class Topic:
    """What a defining first sentence introduces: 'X is a 1936 British film', 'A (born 1940)
    was an English actor'. `noun` is the head of the defining noun phrase ('film')."""

    work: int | None = None
    person: int | None = None
    noun: str | None = None


class Discourse:
    """What the document has named so far, and what its pronouns and anaphors stand for."""

    def __init__(self, subject: int | None, topic: Topic, roles: dict[int, tuple[str, ...]] | None = None,
                 gender: str | None = None):
        self.subject = subject            # the interviewee / the person the text is about
        self.gender = gender              # "m" / "f": the pronouns the text mostly uses, if clearly
        self.roles = roles or {}          # entity -> the roles the text gives it ('composer')
        self.topic = topic
        self.topic_work = topic.work      # the work a defining first sentence introduces
        self.topic_person = topic.person  # the person a defining first sentence introduces
        self.last_person: int | None = None
        self.last_work: int | None = None
        self.work_age = 99                # sentences since the last work was named
        self.question_work: int | None = None  # the one work the last question named, while its answer runs

    def see(self, items: list[Item], is_question: bool = False) -> None:
        """Called after each sentence with its explicit mentions."""
        self.work_age += 1
        works = {it.entity for it in items if it.label == Label.WORK and not it.implicit}
        if is_question and works:
            # a question naming one work sets the focus; 'HOST: X. It started as a webtoon.' and
            # 'HOST: A as the cop, B as his wife.' keep it
            self.question_work = next(iter(works)) if len(works) == 1 else None
        elif not is_question and works - {self.question_work}:
            self.question_work = None  # the answer has moved on to other works
        for it in items:
            if it.implicit:
                continue
            if it.label == Label.PERSON:
                self.last_person = it.entity
            elif it.label == Label.WORK:
                self.last_work = it.entity
                self.work_age = 0

    @property
    def focus_work(self) -> int | None:
        """The work a text is about ('X is a 1936 film'), else the one the question being
        answered named ('Q: How did X happen?')."""
        return self.topic_work if self.topic_work is not None else self.question_work

    def work_referent(self, strong: bool) -> int | None:
        """'the film' (strong) or 'it' (weak): the work in focus, else a work named just before."""
        if self.focus_work is not None:
            return self.focus_work
        if self.last_work is not None and self.work_age <= (3 if strong else 1):
            return self.last_work
        return None

    def person_referent(self, word: str, before: list[Item], is_question: bool,
                        possessive: bool = True) -> int | None:
        """The person a pronoun stands for; `before` are the people named earlier in the sentence.
        In a text about one person (a defining first sentence) 'he'/'she'/'his' is that person."""
        w = word.lower()
        if w in _FIRST_PERSON:
            return None if is_question else self.subject
        if w in _SECOND_PERSON:
            return self.subject if is_question else None
        main = {self.topic_person, self.subject} - {None}
        if w in _OBJECTIVE or w == "her" and not possessive or self.gender and _gender(w) != self.gender:
            # "she married him", or "she" in a text that says "he" of its subject: someone else
            others = [p.entity for p in before if p.entity not in main]
            return others[-1] if others else (self.last_person if self.last_person not in main else None)
        if self.topic_person is not None:
            return self.topic_person
        if before:
            return before[-1].entity
        return self.subject if self.subject is not None else self.last_person

    def virtual_items(self, v: DocView, sent: Span, items: list[Item], is_question: bool) -> list[Item]:
        """Pronouns and anaphoric phrases of the sentence as items that point at entities."""
        doc = sent.doc
        covered = {k for it in items for k in range(it.start, it.end)}
        people = [it for it in items if it.label == Label.PERSON]
        out: list[Item] = []
        lower, toks = v.lower, v.tokens
        k = sent.start
        while k < sent.end:
            low = lower[k]
            if k in covered or low not in _VIRTUAL_STARTS:
                k += 1
                continue
            tok = toks[k]
            if low in _PRONOUNS:
                before = [p for p in people if p.end <= k]
                possessive = tok.tag_ == "PRP$" or low == "her" and k + 1 < sent.end \
                    and doc[k + 1].pos_ in {"NOUN", "ADJ", "NUM", "PROPN"}
                # "Rex Thorn and his wife": the one just named
                owner = next((p for p in reversed(before) if _only_glue(doc[p.end:k])), None) \
                    if possessive and low in _THIRD_PERSON else None
                ref = owner.entity if owner is not None else self.person_referent(low, before, is_question, possessive)
                if ref is not None:
                    out.append(Item(k, k + 1, Label.PERSON, EntityRef(ref), implicit=True, possessive=possessive))
            elif low in _DETERMINERS and low != "its":
                end = _noun_phrase_end(doc, k, sent.end, covered)
                if end and is_work_anaphor(doc, k, end):
                    ref = self.work_referent(strong=True)
                    if ref is not None:
                        out.append(Item(k, end, Label.WORK, EntityRef(ref), implicit=True))
                    k = end
                    continue
                if end and low == "the" and end - k == 2 and kind_of(doc[k + 1].lower_) == "person_noun" \
                        and not (end < len(doc) and doc[end].text[:1].isupper()):
                    # "spoke with the director": the person the text is about
                    ref = next((r for r in (self.topic_person, self.subject, self.last_person) if r is not None), None)
                    if ref is not None:
                        out.append(Item(k, end, Label.PERSON, EntityRef(ref), implicit=True))
            elif low == "it" and tok.dep_ in SUBJECT_DEPS or low == "its" and tok.dep_ == "poss":
                ref = self.work_referent(strong=False)  # "it premiered", "its world premiere"
                if ref is not None:
                    out.append(Item(k, k + 1, Label.WORK, EntityRef(ref), implicit=True, possessive=low == "its"))
            k += 1
        return out


def _gender(word: str) -> str:
    return "m" if word in _MALE else "f"


def main_gender(v: DocView) -> str | None:
    """The gender of the third-person pronouns a text mostly uses, when one clearly dominates."""
    male = sum(1 for low in v.lower if low in _MALE)
    female = sum(1 for low in v.lower if low in _FEMALE)
    if male >= 2 and male >= 2 * female:
        return "m"
    if female >= 2 and female >= 2 * male:
        return "f"
    return None


def _only_glue(between: Span) -> bool:
    """'A and his wife', 'A (1820 – 88) and his wife': nothing but 'and', commas and brackets; or
    a title or trade set beside A ('A, count of Town (1678 – 1733) and his wife', 'A, a grocer
    and his wife'): a comma, words without a verb or a pronoun, then 'and'."""
    if bracket_balance(between) != 0 or len(between) > 12:
        return False
    words = [t for t in top_level(between)]
    if all(t.lower_ in {"and", ","} for t in words):
        return True
    return len(words) >= 3 and words[0].text == "," and words[-1].lower_ == "and" \
        and not any(t.pos_ in {"VERB", "AUX", "PRON"} or t.text in {";", ":", "."} for t in words)


def _noun_phrase_end(doc: Doc, start: int, limit: int, covered: set[int]) -> int | None:
    """End of 'the [modifiers] noun' that starts at `start`, up to five tokens."""
    end = None
    for k in range(start + 1, min(limit, start + 6)):
        if k in covered:
            break
        t = doc[k]
        if t.text in POSSESSIVE_S:
            return k + 1 if end == k else end
        if t.is_punct and t.text not in {"-", "/"} or t.pos_ in {"VERB", "AUX", "ADP", "PRON", "CCONJ", "DET"}:
            break
        if kind_of(t.lower_) in ("work_noun", "person_noun"):
            end = k + 1
    return end


def topics(doc: Doc, items: list[Item]) -> Topic:
    """The first sentence among the document's first few that starts with a mention followed by
    a copula: 'X is a 1936 British film', 'A (born 1940) was an English actor'. A title split
    over two lines counts ("Title?\\nis a ...")."""
    sents = [s for s in doc.sents if any(t.is_alpha for t in s)][:_TOPIC_SENTENCES + 1]
    for first, nxt in zip(sents, sents[1:] + [None]):
        topic = _defines(doc, first, nxt, items)
        if topic is not None:
            return topic
    return Topic()


def _defines(doc: Doc, first: Span, nxt: Span | None, items: list[Item]) -> Topic | None:
    lead = next((t.i for t in first if not t.is_punct and not t.is_space), first.start)
    head = next((it for it in items if not it.implicit and first.start <= it.start <= lead + 1), None)
    if head is None or head.label not in (Label.WORK, Label.PERSON):
        return None
    k = head.end
    stop = nxt.end if nxt is not None and head.end >= first.end - 1 else first.end
    depth = 0
    while k < stop:  # skip bracketed asides and appositive commas before the verb
        t = doc[k]
        if opens(t):
            depth += 1
        elif closes(t):
            depth -= 1
        elif depth == 0 and t.lower_ in COPULA:
            break
        elif depth == 0 and not (t.is_punct or t.is_space or t.lower_ in {"also", "known", "as", "or"}) \
                and k - head.end > 2:
            return None
        k += 1
        if k - head.end > 40:
            return None
    if k >= stop or k + 1 >= len(doc) or doc[k + 1].lower_ not in ARTICLES:
        return None
    attr = next((c for c in doc[k].children if c.dep_ == "attr"), None)
    for _ in range(2):  # "is the title of the first single": single
        of = next((c for c in attr.children if c.dep_ == "prep" and c.lower_ == "of"), None) if attr is not None else None
        if attr is None or attr.lemma_ not in {"title", "name", "one", "part"} or of is None:
            break
        attr = next((c for c in of.children if c.dep_ == "pobj"), None)
    noun = attr.lower_ if attr is not None and attr.pos_ == "NOUN" else None
    return Topic(head.entity, None, noun) if head.label == Label.WORK else Topic(None, head.entity, noun)
