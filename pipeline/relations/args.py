"""Where a cue's arguments stand: the list that opens on its right, the subject on its left.

Arguments are `context.Item`s (token offsets); a list ("starring A, B and C", "A (2008),
B (2010)", "A as Marta, B as Verona") gives one argument per member. The argument on the left
is the one the parse makes the subject of the cue's clause when there is one, else the
nearest.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from .context import Item, bracket_balance, closes, kind_of, opens, top_level
from ..lexicon import POSSESSIVE, SUBJECT_DEPS
from ..vocab import Label

# what may stand between a participle and its "by", or between coordinated cue verbs
CHAIN = frozenset({",", "and", "&", "also", "jointly", "respectively", "solely", "both"})
# what may stand between two members of a list ("A, B and C", "A (2008), B (2010)", "A, the B": a
# name the recogniser took without its article)
_GLUE = frozenset({",", "and", "&", ";", "as", "well", "plus", "also", "both", "or", "including", "with", "the",
                   "along", "alongside", "together"})
# what may stand in a list beside the kind of its next members: 'and many films such as X'
_KIND_GLUE = frozenset({"the", "many", "other", "several", "various", "numerous", "such", "like", "his", "her",
                        "their", "its"})
_TITLE_QUOTES = frozenset({'"', "“", "”", "‘", "’", "'", "''", "``"})
# a participle or relative clause that modifies a noun: the noun is its subject
_MODIFIER_DEPS = frozenset({"acl", "relcl"})
# through which a cue's clause takes the subject of the clause above it
_CLIMB = frozenset({"conj", "xcomp", "advcl", "pcomp", "ccomp", "prep"})
_NOMINATION = frozenset({"nomination", "nominations", "nominee", "nod"})
# what may stand between an argument and its cue: 'X (2015), directed by', 'X, which was awarded',
# 'X and Y, both released in'
_RELATIVE = frozenset({"which", "who", "that", "was", "were", "is", "are", "has", "have", "had", "been",
                       "also", "later", "first", "originally", "then", "itself", "both", "all"})


def right_list(doc: Doc, start: int, end: int, labels, args: list[Item], window: int,
                verbs: frozenset[int] | None = None) -> list[Item]:
    """The first argument of a fitting label within `window` tokens after `start`, and the
    members of the list it opens. With `verbs` (the cue words of the sentence), no other verb
    may stand before it: 'produced by L and based on the A case' does not make A a producer."""
    first = next((a for a in args if start <= a.start < end and a.label in labels
                  and not (a.label == Label.PERSON and a.end < len(doc) and doc[a.end].text in POSSESSIVE)
                  and not _role_after_as(doc, a, start) and not a.possessive), None)
    if first is None or first.start - start > window or _closes_first(doc[start:first.start]):
        return []
    if verbs is not None:
        chain = start  # "wrote, directed and produced X": the other cue verbs of a coordinated chain
        while chain < first.start and (chain in verbs or doc[chain].lower_ in CHAIN):
            chain += 1
        if any(t.pos_ in {"VERB", "AUX"} and t.lower_ != "including" and t.dep_ not in {"amod", "compound"}
               and not (t.i == start and t.lemma_ == "be") for t in doc[chain:first.start]):
            return []  # another clause stands between ('His debut was X' is fine)
    return coordinated(doc, first, [a for a in args if a.start >= first.end], labels, forward=True)


def _apposed(tok, args: list[Item], labels, taken) -> Item | None:
    """The argument that an appositive of `tok` names ('her debut, X, ...')."""
    for c in tok.children:
        if c.dep_ == "appos":
            hit = next((a for a in args if a.start <= c.i < a.end and a.label in labels
                        and not taken_already(a, taken)), None)
            if hit is not None:
                return hit
    return None


def left_group(doc: Doc, s: int, e: int, head, sent: Span, labels, args: list[Item], window: int,
                taken) -> list[Item]:
    """The argument on the left of a cue, with the list it belongs to: the one right before
    the cue ('X, released in 2017'), else the subject the parse gives the cue's clause, else
    the nearest one. A clause whose subject is some other noun gives none ('defectors living
    in Seoul' is not about the person named before)."""
    cands = [a for a in args if sent.start <= a.start and a.end <= s and s - a.end <= window
             and a.label in labels and not taken_already(a, taken)]
    nearest = cands[-1] if cands else None
    if nearest is not None and _adjacent(doc[nearest.end:s]):
        if any(t.lower_ in {"which", "who"} for t in doc[nearest.end:s]):
            return [nearest]  # "A, B (1997) – which won X": the antecedent alone
        pick = nearest
    else:
        g = _grammatical_subject(head)
        if g is not None and s <= g < e:
            g = None  # "the cast included": the cue names its own subject
        hit = None if g is None else next((a for a in args if a.start <= g < a.end), None)
        if g is None or hit is not None and (hit.label not in labels or taken_already(hit, taken)):
            pick = nearest  # no subject, or a parse that attached the cue elsewhere
        elif hit is not None:
            if head.dep_ == "relcl" and hit.start <= head.head.i < hit.end:
                return [hit]  # "A and B (who also appeared in X)": the antecedent alone
            pick = hit
        elif kind_of(doc[g].lower_) != "kin_noun" and (owner := _possessor(doc[g], args, labels)) is not None:
            # not 'her family lives in X', 'his son was born in X': the kin, not the owner
            pick = owner  # "The film's score was composed by": the film
        elif (named := _apposed(doc[g], args, labels, taken)) is not None:
            pick = named  # "Her debut, X (2014), starring A": the title set beside the subject
        elif _names_kind(doc[g], labels):
            # "a short film starring": the title standing next to 'film'
            pick = next((a for a in sorted(args, key=lambda a: min(abs(a.end - g), abs(a.start - g)))
                         if a.label in labels and not taken_already(a, taken)
                         and (0 <= g - a.end <= 4 or 0 < a.start - g <= 8 and a.end <= s)), None)
        else:
            pick = None
    if pick is None:
        return []
    limit = s if pick.end <= s else sent.end
    before = coordinated(doc, pick, [a for a in args if a.end <= pick.start][::-1], labels, forward=False)
    after = coordinated(doc, pick, [a for a in args if pick.end <= a.start and a.end <= limit
                                    and not taken_already(a, taken)], labels, forward=True)
    return before[::-1] + after[1:]


def _grammatical_subject(head) -> int | None:
    """Token index of the subject of the clause the cue heads: its nsubj, the noun a participle
    or relative clause modifies ('a film directed by', 'X, which starred'), through copulas
    ('X is a film directed by') and coordinated or subordinate verbs."""
    t = head
    for _ in range(8):
        subj = next((c for c in t.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None and not (t.dep_ == "relcl" and subj.tag_ in {"WDT", "WP"}):
            return subj.i
        if t.dep_ in _MODIFIER_DEPS:
            n = t.head
            # "a series of action films written by": the series; "the film, X": X
            while n.dep_ == "appos" and n.head.i != n.i or n.dep_ == "pobj" and n.head.lower_ == "of" \
                    and n.head.head.pos_ in {"NOUN", "PROPN"}:
                n = n.head if n.dep_ == "appos" else n.head.head
            if n.dep_ == "attr":  # "X is a 1936 film directed by": X
                s2 = next((c for c in n.head.children if c.dep_ in SUBJECT_DEPS), None)
                return s2.i if s2 is not None else None
            return n.i if n.pos_ in {"PROPN", "NOUN", "PRON"} else None
        if t.dep_ not in _CLIMB or t.head.i == t.i:
            return None
        t = t.head
    return None


def _adjacent(between: Span) -> bool:
    """Nothing but punctuation, bracketed asides or a relative pronoun stands between an
    argument and its cue: 'X (2015), directed by', 'X (1997) – which was awarded'."""
    # 'Cole Hart (born 1978)': the cue may open a bracket, so only unopened closers fail
    return all(t.is_punct or t.lower_ in _RELATIVE for t in top_level(between)) and bracket_balance(between) >= 0


def adjacent_words(between: Span) -> bool:
    """'The film stars', 'It also stars', 'The series co-stars'."""
    return len(between) <= 2 and all(t.pos_ == "ADV" or t.is_punct for t in between)


def _possessor(tok, args: list[Item], labels) -> Item | None:
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is None:
        return None
    return next((a for a in args if a.start <= poss.i < a.end and a.label in labels), None)


def _names_kind(tok, labels) -> bool:
    """'film' can stand for a work, 'actress' for a person."""
    kind = kind_of(tok.lower_)
    return kind == "work_noun" and Label.WORK in labels or kind == "person_noun" and Label.PERSON in labels


def _role_after_as(doc: Doc, it: Item, start: int) -> bool:
    """'starred Ana Ruiz as Marta', "Barlow's character Nick Crane": a role, not a performer
    (but 'films such as X' names films)."""
    if it.start <= start:
        return False
    before = doc[it.start - 1].lower_
    return before == "as" and doc[it.start - 2].lower_ != "such" or before in {"character", "role", "persona"}


def nominated(doc: Doc, it: Item) -> bool:
    """'earned him a Goya Award nomination': a nomination, not the award."""
    return it.label == Label.AWARD and it.end < len(doc) and doc[it.end].lower_ in _NOMINATION


def _closes_first(between: Span) -> bool:
    """'(born 1992), South Korean swimmer': the bracket the cue stands in closes first."""
    depth = 0
    for t in between:
        depth += 1 if opens(t) else -1 if closes(t) else 0
        if depth < 0:
            return True
    return False


def taken_already(a: Item, taken: set) -> bool:
    """Already an argument on the other side (the same mention, or the same entity)."""
    return (a.start, a.end) in taken or (not a.is_date and a.entity in taken)


def coordinated(doc: Doc, first: Item, pool: list[Item], labels, forward: bool) -> list[Item]:
    """'starring A, B and C', 'A (2008), B (2010)', 'A as Marta, B as Verona': the members of
    the list that starts with `first`, walking forward (or backward) over list glue,
    bracketed asides and 'as <role>' asides."""
    out = [first]
    if first.implicit:
        return out
    cur = first
    for nxt in pool:
        if nxt.implicit or nxt.is_date:
            continue
        a, b = (cur.end, nxt.start) if forward else (nxt.end, cur.start)
        kind = _gap(doc[a:b]) if a <= b else None
        if kind == "inside":
            continue
        if kind is None:
            break
        if kind == "member" and nxt.label == Label.PLACE == first.label and _is_comma(doc, cur, nxt, forward):
            break  # "Seoul, South Korea" names one place, not two
        later = nxt if forward else cur
        if kind == "member" and doc[later.start - 1].lower_ == "the" and later.end < len(doc) \
                and doc[later.end].is_alpha and doc[later.end].is_lower:
            break  # "at F, the A24 release": the name modifies a noun, no member of the list
        if kind == "member" and nxt.label in labels:
            out.append(nxt)
        cur = nxt
    return out


def _is_comma(doc: Doc, cur: Item, nxt: Item, forward: bool) -> bool:
    a, b = (cur.end, nxt.start) if forward else (nxt.end, cur.start)
    return [t.text for t in doc[a:b]] == [","]


def _gap(gap: Span) -> str | None:
    """What the tokens between two list members say: 'member' (list glue), 'aside' (the next
    one is a role: 'as Marta'), 'inside' (the next one sits in an open bracket), None (no list)."""
    depth, rest, dashed = 0, [], False
    for t in gap:
        if opens(t):
            depth += 1
        elif closes(t):
            depth -= 1
        elif t.text in {"–", "—"} and depth == 0:
            dashed = not dashed  # "X (1997) – which won the Palme d'Or – and Y"
        elif depth == 0 and not dashed and not t.is_space and t.text not in _TITLE_QUOTES:
            rest.append(t)  # the quotes around a title ('"X", "Y" and "Z"') are no words of the gap
    if depth > 0 or dashed:
        return "inside"
    if depth < 0 or len(gap) > 30 or len(rest) > 8:
        return None
    words = [t.lower_ for t in rest]
    if words[:1] == ["as"] and words[:3] != ["as", "well", "as"]:
        return "aside"  # "A as Marta", "B as Vice Admiral Varley"
    if all(w in _GLUE or _in_name(rest, i) for i, w in enumerate(words)):
        return "member"
    if _kind_phrase(rest):
        return "member"
    return None


def _kind_phrase(rest) -> bool:
    """'A, B and C, the video game series D', 'and many films such as E': list glue that names the
    kind of the members to come, with a work noun ('series', 'films') and no verb or preposition."""
    words = [t.lower_ for t in rest]
    # list glue first, the kind (or 'such as') last: not 'A shot my first short, B produced X'
    if not words or words[0] not in {",", "and", ";"} or not any(kind_of(w) == "work_noun" for w in words) \
            or not (kind_of(words[-1]) == "work_noun" or words[-1] in {"as", "like", "including"}):
        return False
    return all(w in _GLUE or w in _KIND_GLUE or kind_of(w) == "work_noun"
               or t.pos_ in {"ADJ", "NOUN", "DET", "NUM"} and not t.text[:1].isupper() and t.tag_ != "WDT"
               for t, w in zip(rest, words))


def _in_name(toks, i: int) -> bool:
    """A token of a name that was not recognised inside a list ('A, Far-Off (1990), B'), or
    the head noun a recognised name left behind ('the Tavan trilogy')."""
    t = toks[i]
    if t.text[:1].isupper() or t.like_num:
        return True
    if t.text == "-" and 0 < i < len(toks) - 1:
        return toks[i - 1].text[:1].isupper() and toks[i + 1].text[:1].isupper()
    return i == 0 and kind_of(t.lower_) == "work_noun"
