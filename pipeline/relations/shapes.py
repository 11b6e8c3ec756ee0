"""Relations that a phrase shape gives rather than a cue word. Pure: one parsed sentence and
its arguments (`context.Item`, token offsets) -> `context.Found`.

- "Title (2015)", "Title (Other Title, 2015)", "the 2012 film Title", "their 2011 release Title",
  "Title is a 1936 British film", "Title, her 2019 film" -> publication_date
- "Title is a ABN Television current affairs programme" -> production_company
- "A (22 June 1940 - 4 July 2016)", "A (1874 in Town - 1915 in City)", "A, 1st Baronet (1767 - 1816)",
  "A, née B (1931 - 1991)", "A (1820 - 88)" -> date_of_birth, date_of_death, place_of_birth, place_of_death
- "after his death in 1918", "on the death of A in 1898" -> date_of_death
- "her debut feature, Title", "Kim's third film Title", "the Liang Weiming film Title", "Kim's
  Title (2010), Title2 and Title3" -> director
- "Title (2018), Kim's first television series", "Kim's espionage drama Title" -> contributor;
  "Title, his first feature" -> director
- "Studio's animated feature Title" -> production_company
- "the son of A and B", "his parents are A and B" -> spouse
- "I made two films, X and Y" (an interviewee's answer) -> contributor
- "Conrad Hale (Martin Ashcroft)" in a text about a work -> cast_member
- "In 2007 she appeared in Title", "directed Title in 2013" -> publication_date
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from ..lexicon import ANY_YEAR, ARTICLES, COPULA, POSSESSIVE, POSSESSIVE_DETERMINERS, YEAR, work_cues
from .args import coordinated
from .context import Discourse, Found, Item, closes, kind_of, opens, top_level
from ..records import DateRef, EntityRef
from ..view import DocView
from .registry import CHARACTER_ACTOR, DEATH_NOUN, DEFINING_COMPANY, DEFINING_YEAR, FIRST_PERSON_WORK, LIFE_DATES, LIFE_PLACES, OWNED_BY_POSSESSIVE, OWNED_WORK, PARENTS, YEAR_BEFORE_KIND, YEAR_IN_BRACKETS, YEAR_OF_MAKING, RelationRule
from ..vocab import ROLE_PREDICATE, Label, Predicate

_QUOTES = {'"', "”", "’", "'", "“"}
_DASHES = {"–", "-", "—", "to"}
_LIFE_DASHES = {"–", "-", "—"}
_LIFETIME = (12, 115)  # the years between a birth and a death
_APPOSED_TITLE = 10  # tokens between a name and its life's bracket: ', 1st Baronet', ', Marquis of X,'
_VERB_POS = {"VERB", "AUX"}
_MAIDEN = {"n\u00e9e", "nee", "ne\u0301e"}  # before a maiden name (composed, plain, decomposed)
_DEATH_NOUNS = {"death", "murder", "assassination", "execution", "passing"}
_LIFE_BLOCKERS = {"born", "née", "b.", "reigned", "r.", "term", "office", "ruled", "fl", "fl."}
# nouns after which a person's possessive names a film the person directed
_FILM_NOUNS = {"film", "films", "movie", "feature", "documentary", "short", "picture", "debut", "shorts"}
_WORK_OWNED = {"work", "works", "project"}
_FILM_VERBS = {"direct", "star", "appear", "film", "shoot", "screen", "premiere", "cast", "act"}
_FILM_KINDS = {"film", "feature film", "short film", "documentary", "animation"}
_DIRECTOR_NOUNS = {"director", "filmmaker", "film-maker"}
_CHILD = {"son", "daughter", "child", "sons", "daughters", "children"}
_SIBLING = {"brother", "sister", "brothers", "sisters", "cousin", "nephew", "niece"}
# verbs that make a work's "in 2013" its release year ("directed X in 2013", "In 2007 she appeared in X")
_MAKING = {"direct", "write", "script", "produce", "star", "appear", "release", "make", "shoot", "film",
           "premiere", "play", "act", "debut", "feature", "cast", "voice", "perform", "host", "air"}
_OWNER_ROLES = ("composer", "writer", "director", "producer")  # an owner's roles, in order of precedence
_SCREEN_KINDS = {"film", "feature film", "short film", "documentary", "animation", "series"}
_OWNER_WORDS = POSSESSIVE_DETERMINERS - {"your", "its"}  # 'X, her 2019 film'
_OWN = {"have", "made", "make", "directed", "wrote", "shot", "finished", "completed", "produced", "edited"}


def _found(rule: RelationRule, subject: int, pred: Predicate, obj: EntityRef | DateRef, sent: Span) -> Found:
    return Found(subject, pred, obj, sent.start_char, sent.end_char, rule.strength, rule.name)


def shapes(v: DocView, sent: Span, args: list[Item], disc: Discourse, is_question: bool) -> Iterator[Found]:
    yield from _year_in_brackets(sent, args)
    yield from _defining(sent, args)
    yield from _year_before_kind(sent, args)
    yield from _year_of_making(v, sent, args)
    yield from _life_dates(sent, args)
    yield from _death_noun(v, sent, args)
    yield from _owned_work(sent, args, disc)
    yield from _apposed_owner(sent, args, disc)
    yield from _parents(v, sent, args)
    yield from _character_actor(sent, args, disc)
    if not is_question and disc.subject is not None and _first_person_works(v, sent, args):
        for w in args:
            if w.label == Label.WORK and not w.implicit:
                yield _found(FIRST_PERSON_WORK, w.entity, Predicate.CONTRIBUTOR, EntityRef(disc.subject), sent)


def _is_year(doc, it: Item) -> bool:
    return it.is_date and it.end - it.start == 1 and bool(YEAR.fullmatch(doc[it.start].text))


def _date_at(args: list[Item], k: int) -> Item | None:
    return next((a for a in args if a.is_date and a.start == k), None)


def _year_in_brackets(sent: Span, args: list[Item]) -> Iterator[Found]:
    """'The First Hour of the Week (2015)', 'Tavan trilogy (1987 – 94)', 'X (2008 film)', 'X (Other
    Title, 2014)'."""
    doc = sent.doc
    for w in args:
        if w.label != Label.WORK or w.implicit:
            continue
        k = w.end + (1 if w.end < sent.end and doc[w.end].text in _QUOTES else 0)
        if k < sent.end and opens(doc[k]):
            date = _date_at(args, k + 1) or _year_after_alias(sent, args, k)
            if date is not None and date.start < sent.end and YEAR.match(doc[date.start].text):
                yield _found(YEAR_IN_BRACKETS, w.entity, Predicate.PUBLICATION_DATE, date.target, sent)


def _year_after_alias(sent: Span, args: list[Item], k: int) -> Item | None:
    """'X (Original Title, 2014)', 'X (원제, 2011)': a year that closes a bracket after another
    name of the work, the bracket holding no other date or name."""
    doc = sent.doc
    close = next((j for j in range(k + 1, min(sent.end, k + 16)) if closes(doc[j]) or opens(doc[j])), None)
    if close is None or not closes(doc[close]) or close - k < 4 or doc[close - 2].text not in {",", ";"}:
        return None
    date = _date_at(args, close - 1)
    inside = [a for a in args if k < a.start < close and a is not date and a.label != Label.WORK]
    return date if date is not None and date.end == close and not inside else None


def _defining(sent: Span, args: list[Item]) -> Iterator[Found]:
    """'Song of Harvest is a 1936 British film', 'Zehri Talwar (Poison Sword) is a 1930
    Indian silent film', 'Title, a 1988 feature film', 'Latewatch is a weekday ABN Television
    current affairs programme': the year and the company inside the noun phrase that defines
    the work."""
    doc = sent.doc
    for w in args:
        if w.label != Label.WORK:
            continue
        k = _after_asides(doc, w.end, sent.end)
        if k >= sent.end or not (doc[k].lower_ in COPULA and w.start - sent.start <= 1 or doc[k].text == ","):
            continue
        k += 1
        owned = k < sent.end and doc[k].lower_ in _OWNER_WORDS and doc[k - 1].text == ","
        if k >= sent.end or doc[k].lower_ not in ARTICLES and not owned:
            continue  # 'X is a 1936 film', 'X, a 1988 feature', 'X, her 2019 film'
        if owned and not _is_year(doc, _arg_at(args, k + 1) or Item(0, 0, Label.DATE, DateRef(0))):
            continue
        head, j = None, k + 1
        while j < min(sent.end, k + 10) and (_modifiers([doc[j]]) or _arg_at(args, j) is not None):
            if _work_noun(doc[j].lower_):
                head = j
            j += 1
        if head is None:
            continue
        nxt = head + 1 + (1 if head + 1 < sent.end and doc[head + 1].text in _QUOTES else 0)
        if any(a.label == Label.WORK and a.start == nxt and a is not w for a in args):
            continue  # 'X, the 2004 film Y': the phrase names Y, the next member of a list
        for a in args:
            if not k < a.start < head:
                continue
            if _is_year(doc, a) or a.is_date and a.end - a.start == 1:
                yield _found(DEFINING_YEAR, w.entity, Predicate.PUBLICATION_DATE, a.target, sent)
            elif a.label == Label.ORG and not a.implicit and not owned:
                yield _found(DEFINING_COMPANY, w.entity, Predicate.PRODUCTION_COMPANY, a.target, sent)


def _after_asides(doc, k: int, end: int) -> int:
    """The first token at or after k outside quotes and bracketed asides."""
    return next((t.i for t in top_level(doc[k:end]) if t.text not in _QUOTES), max(k, end))


def _arg_at(args: list[Item], k: int) -> Item | None:
    return next((a for a in args if a.start <= k < a.end), None)


def _work_noun(word: str) -> bool:
    return kind_of(word) == "work_noun" or word in work_cues()


def _modifiers(toks) -> bool:
    """'critically acclaimed second', '2016 live-action / CGI': words that may stand inside a
    noun phrase before its head."""
    return all(t.pos_ in {"ADJ", "NOUN", "PROPN", "NUM", "ADV"} or t.tag_ == "VBN" or t.text in {"-", "/"}
               for t in toks)


def _year_before_kind(sent: Span, args: list[Item]) -> Iterator[Found]:
    """'the 1990 film The Search for Blue December', 'the 2016 live-action The Forest Tale film',
    'her 2002 single "Bright Hollow"', 'their 2011 release X', "1987's Paper Lanterns" (a year's
    possessive needs no kind)."""
    doc = sent.doc
    for d in args:
        if not _is_year(doc, d):
            continue
        w = next((a for a in args if a.label == Label.WORK and not a.implicit and d.end <= a.start <= d.end + 6), None)
        if w is None:
            continue
        gap = [t for t in doc[d.end:w.start] if t.text != "," and t.text not in _QUOTES]
        owned = bool(gap) and gap[0].lower_ in POSSESSIVE  # "1987's Let It Loose"
        if owned:
            gap = gap[1:]
        if not _modifiers(gap):
            continue
        # 'the 2011 release X', 'a 1978 sequel, X': nouns that name a work once a year dates them
        noun_before = any(_work_noun(t.lower_) or kind_of(t.lower_) == "dated_work_noun" for t in gap)
        noun_after = w.end < sent.end and _work_noun(doc[w.end].lower_)
        if noun_before or noun_after or (owned and not gap):
            yield _found(YEAR_BEFORE_KIND, w.entity, Predicate.PUBLICATION_DATE, d.target, sent)


def _year_of_making(v: DocView, sent: Span, args: list[Item]) -> Iterator[Found]:
    """'He scripted and directed the film Vela in 2013', 'In 2007 she appeared in Elegy', 'made
    his debut in 2003 with the song X': the work that a verb of making or showing governs, and
    the year the sentence gives it."""
    doc = sent.doc
    toks, lemma = v.tokens, v.lemma
    verb = next((toks[i] for i in range(sent.start, sent.end) if lemma[i] in _MAKING and toks[i].pos_ == "VERB"), None)
    if verb is None:
        return
    w = next((a for a in args if a.label == Label.WORK and not a.implicit and verb.i < a.start <= verb.i + 16), None)
    if w is None:
        return
    for d in args:
        if not _is_year(doc, d) or d.start == 0 or doc[d.start - 1].lower_ != "in":
            continue
        first = d.start - 1 <= sent.start + 1 and d.end <= verb.i
        between = verb.i < d.start and d.end <= w.start
        follows = 0 <= d.start - 1 - w.end <= 2 and all(t.text == "," for t in doc[w.end:d.start - 1])
        if first or between or follows:
            yield _found(YEAR_OF_MAKING, w.entity, Predicate.PUBLICATION_DATE, d.target, sent)


def _life_dates(sent: Span, args: list[Item]) -> Iterator[Found]:
    """'Darius Farrokhi (22 June 1940 – 4 July 2016)', 'A (1874, in Town – 1915, in City)', 'A (Town,
    Land, 1869 – City, 1925)': a life in brackets after a name, its two halves on either side of the
    dash, each a date or a place or both; the first date and the first place of a half are its end's."""
    doc = sent.doc
    for p in args:
        if p.label != Label.PERSON or p.implicit:
            continue
        start = _life_bracket(sent, p, args)
        if start is None:
            continue
        close = next((k for k in range(start, min(sent.end, start + 30)) if closes(doc[k])), None)
        if close is None or any(t.lower_ in _LIFE_BLOCKERS for t in doc[start:close]):
            continue
        inside = [a for a in args if start < a.start and a.end <= close and not a.implicit]
        dash = next((k for k in range(start + 1, close) if doc[k].text in _LIFE_DASHES
                     and any(a.is_date and a.end <= k for a in inside) and not _arg_at(inside, k)), None)
        if dash is None:
            span = _short_span(doc, inside, start, close)
            if span is not None:  # 'A (1820 – 88)': the date's value is its first year, the birth
                yield _found(LIFE_DATES, p.entity, Predicate.DATE_OF_BIRTH, span.target, sent)
            continue
        born = [a for a in inside if a.end <= dash]
        died = [a for a in inside if a.start > dash]
        if not any(a.is_date for a in died) and not any(a.label == Label.PLACE for a in died) \
                or not _a_lifetime(doc, born, died):
            continue
        for half, date_pred, place_pred in ((born, Predicate.DATE_OF_BIRTH, Predicate.PLACE_OF_BIRTH),
                                            (died, Predicate.DATE_OF_DEATH, Predicate.PLACE_OF_DEATH)):
            date = next((a for a in half if a.is_date), None)
            place = next((a for a in half if a.label == Label.PLACE), None)
            if date is not None:
                yield _found(LIFE_DATES, p.entity, date_pred, date.target, sent)
            if place is not None:
                yield _found(LIFE_PLACES, p.entity, place_pred, place.target, sent)


def _short_span(doc, inside: list[Item], start: int, close: int) -> Item | None:
    """The one date that fills a bracket as 'YYYY – YY', a life whose death year is cut to its
    last two digits ('1820 – 88'), when the two years make a lifetime."""
    if len(inside) != 1 or not inside[0].is_date or (inside[0].start, inside[0].end) != (start + 1, close):
        return None
    toks = [t.text for t in doc[start + 1:close]]
    if len(toks) != 3 or toks[1] not in _LIFE_DASHES or not YEAR.fullmatch(toks[0]) \
            or not (toks[2].isdigit() and len(toks[2]) == 2):
        return None
    born = int(toks[0])
    died = born - born % 100 + int(toks[2])
    died += 100 if died < born else 0
    return inside[0] if _LIFETIME[0] <= died - born <= _LIFETIME[1] else None


def _life_bracket(sent: Span, p: Item, args: list[Item]) -> int | None:
    """Where the bracket of a life after the name p opens: right after it ('A (1940 – 2016)'), or,
    in a sentence that defines p (no verb before the bracket), after a comma, an emptied bracket
    ('A () (1918 – 1978)', 'A, (1837 – 1916)') or a short title apposed to the name ('A, 1st
    Baronet (1767 – 1816)', 'A, Marquis of Town, (1848 – 1905)'): no other person or date between."""
    doc = sent.doc
    k = p.end
    if p.start > sent.start and doc[p.start - 1].lower_ in _MAIDEN:
        return None  # 'A, née B (1931 – 1991)': B is A's maiden name, the life is A's
    if k < sent.end and opens(doc[k]) and not (k + 1 < sent.end and closes(doc[k + 1])):
        return k
    if any(t.pos_ in _VERB_POS for t in doc[sent.start:p.start]):
        return None
    while k < min(sent.end, p.end + _APPOSED_TITLE):
        t = doc[k]
        if opens(t) and (k + 1 >= sent.end or not closes(doc[k + 1])):
            return k if k > p.end else None
        if opens(t):
            k += 2  # an emptied bracket: '()'
            continue
        maiden = next((a for a in args if a.start == k + 1 and a.label == Label.PERSON), None) \
            if t.lower_ in _MAIDEN else None
        if maiden is not None:
            k = maiden.end  # 'A, née B (1931 – 1991)'
            continue
        if t.pos_ in _VERB_POS or t.text in _QUOTES or closes(t) or t.text in {".", ";", ":"} \
                or any(a.start <= k < a.end and (a.is_date or a.label == Label.PERSON) for a in args):
            return None
        k += 1
    return None


def _death_noun(v: DocView, sent: Span, args: list[Item]) -> Iterator[Found]:
    """"after his death in 1918", "Pellam's death in 1896", "on the death of A in 1898", "until his
    murder in 1490": a death and its date, whose owner a possessive or an 'of' names."""
    lower, lemma = v.lower, v.lemma
    for k in range(sent.start + 1, sent.end - 2):
        if lower[k] not in _DEATH_NOUNS and lemma[k].lower() not in _DEATH_NOUNS:
            continue
        owner = next((a for a in args if a.label == Label.PERSON and (
            a.possessive and a.end == k
            or not a.implicit and a.end == k - 1 and v.tokens[k - 1].text in POSSESSIVE)), None)
        after = k + 1
        if owner is None and lower[k - 1] == "the" and lower[k + 1] == "of":
            owner = next((a for a in args if a.label == Label.PERSON and not a.implicit and a.start == k + 2), None)
            after = owner.end if owner is not None else after
        if owner is None or after >= sent.end or lower[after] not in {"in", "on"}:
            continue
        date = _date_at(args, after + 1)
        if date is not None:
            yield _found(DEATH_NOUN, owner.entity, Predicate.DATE_OF_DEATH, date.target, sent)


def _a_lifetime(doc, born: list[Item], died: list[Item]) -> bool:
    """Years that a life may span: not a term of office or of study ('A (1986 – 1993)')."""
    years = [next((int(t.text) for t in doc[a.start:a.end] if ANY_YEAR.fullmatch(t.text)), None)
             for a in (next((a for a in half if a.is_date), None) for half in (born, died)) if a is not None]
    return len(years) < 2 or None in years or _LIFETIME[0] <= years[1] - years[0] <= _LIFETIME[1]


def _owned_work(sent: Span, args: list[Item], disc: Discourse) -> Iterator[Found]:
    """'her debut feature, X', "Kim's third film X", 'the Liang Weiming film X', 'his later works,
    X (2010) and Y (2012)', "One of Im's works is X": the owner directed them ('my short film X' in an answer, or 'works'
    of someone who is not introduced as a director: contributed). "Studio's animated feature
    X": the studio produced it."""
    doc = sent.doc
    seen: set[int] = set()
    for w in args:
        if w.label != Label.WORK or w.implicit or w.start in seen:
            continue
        lo = max(sent.start, w.start - 8)
        k = w.start - 1
        while k >= lo and doc[k].text in {",", "“", '"', "‘"}:
            k -= 1
        k = _before_premodifiers(doc, k, lo)  # "Barras's stop-motion X", "Kim's new X"
        after = w.end + (1 if w.end < sent.end and doc[w.end].text in _QUOTES else 0)
        pronoun = _pronoun_at(args, k) if after < sent.end and _work_noun(doc[after].lower_) else None
        if pronoun is not None or k >= lo and doc[k].text in POSSESSIVE and _owner_at(args, k - 1) is not None:
            # "Marco Renzi's Lo strangolatore di New York", "his Ghosts of Karimpur series": the owner
            # made it, in the role the text gives
            owner = pronoun or _owner_at(args, k - 1)
            pred = _role_predicate(disc.roles.get(owner.entity, ()), sent) if owner.label == Label.PERSON else None
            # "A's X (2010), Y (2012) and Z": the list is A's too; not after a bare "his"/"her"
            works = [w] if pronoun is not None else \
                coordinated(sent.doc, w, [a for a in args if a.start >= w.end], {Label.WORK}, forward=True)
            seen.update(x.start for x in works)
            for x in works if pred is not None else []:
                yield _found(OWNED_BY_POSSESSIVE, x.entity, pred, owner.target, sent)
            continue
        if k > lo and doc[k].lower_ in COPULA and (_work_noun(doc[k - 1].lower_) or doc[k - 1].lower_ in _WORK_OWNED):
            k -= 1  # "One of Im's most acclaimed works is X"
        if k < lo or not (_work_noun(doc[k].lower_) or doc[k].lower_ in _WORK_OWNED):
            continue
        noun = doc[k]
        j = k - 1
        while j >= lo and (_modifiers([doc[j]]) and not _owner_at(args, j)) and j > k - 6:
            j -= 1
        owner = _owner_at(args, j) if j >= lo else None
        if owner is not None and owner.label == Label.ORG:
            owner = None  # "the Great Harbour War film X" is no company's; "the Studio's film X" is
        if owner is None and j >= lo and doc[j].lower_ in {"their", "its"}:
            # "Raghunath formed Kiran Film Company ... and their first film X"
            owner = next((a for a in reversed(args) if a.label == Label.ORG and a.end <= j), None)
        if owner is None and j >= lo and doc[j].text in POSSESSIVE:
            owner = _owner_at(args, j - 1)
        if owner is None:
            continue
        works = coordinated(doc, w, [a for a in args if a.start >= w.end], {Label.WORK}, forward=True)
        seen.update(x.start for x in works)
        pred = _owned_predicate(doc, owner, noun.lower_, disc)
        for x in works if pred is not None else []:
            yield _found(OWNED_WORK, x.entity, pred, owner.target, sent)


def _before_premodifiers(doc, k: int, lo: int) -> int:
    """The possessive before up to three adjectives or hyphenated words that stand right before a
    title ("Kim's new X", "Barras's stop-motion X"), else k itself. Not over a work noun: 'Kim's
    third film X' is read by its noun."""
    m = k
    while m > lo and k - m < 3 and not _work_noun(doc[m].lower_) and (
            doc[m].pos_ == "ADJ" or doc[m].text in {"-", "/"} or doc[m].whitespace_ == "" and doc[m + 1].text == "-"
            or doc[m - 1].text == "-" and doc[m - 1].whitespace_ == ""):
        m -= 1
    return m if m < k and doc[m].text in POSSESSIVE else k


def _owned_predicate(doc, owner: Item, noun: str, disc: Discourse) -> Predicate | None:
    if owner.label == Label.ORG:
        return Predicate.PRODUCTION_COMPANY if noun in _FILM_NOUNS else None  # a network airs a series
    if doc[owner.start].lower_ in {"my", "our"}:
        return Predicate.CONTRIBUTOR
    if noun in _WORK_OWNED:
        director = owner.entity == disc.topic_person and disc.topic.noun in _DIRECTOR_NOUNS
        return Predicate.DIRECTOR if director else Predicate.CONTRIBUTOR
    if noun in _FILM_NOUNS:
        return Predicate.DIRECTOR
    # "Kim's espionage drama X", "Kim's first television series X": made by Kim, in a role not named
    kind = work_cues().get(noun, "film" if kind_of(noun) == "work_noun" else None)
    return Predicate.CONTRIBUTOR if kind in _SCREEN_KINDS else None


def _apposed_owner(sent: Span, args: list[Item], disc: Discourse) -> Iterator[Found]:
    """'X (2018), Kim's first television series, ...', 'X (2017), Yu's Japanese remake of Y', 'X,
    his first independent feature', 'X, 2011 — your first feature': a possessive noun phrase set
    after a title names who made it."""
    doc = sent.doc
    for w in args:
        if w.label != Label.WORK or w.implicit:
            continue
        k = _after_asides(doc, w.end, sent.end)
        if k + 1 < sent.end and doc[k].text == "," and _is_year(doc, _arg_at(args, k + 1) or w):
            k += 2  # 'X, 2011 — your first feature'
        if k + 3 >= sent.end or doc[k].text not in {",", "—", "–"}:
            continue
        owner = _arg_at(args, k + 1)
        if owner is None or owner.label != Label.PERSON or owner.start != k + 1 or owner.end >= sent.end:
            continue
        if owner.implicit and not owner.possessive or not owner.implicit and doc[owner.end].text not in POSSESSIVE:
            continue
        j = owner.end + (0 if owner.implicit else 1)
        while j < min(sent.end, owner.end + 7) and _modifiers([doc[j]]) and not _work_noun(doc[j].lower_) \
                and _arg_at(args, j) is None:
            j += 1
        if j >= sent.end or not _work_noun(doc[j].lower_):
            continue
        nxt = _arg_at(args, j + 1) if j + 1 < sent.end else None
        if nxt is not None and nxt.label == Label.WORK:
            continue  # "X, Kim's film Y": Y is the owned one
        pred = _owned_predicate(doc, owner, doc[j].lower_, disc)
        if pred is not None:
            yield _found(OWNED_WORK, w.entity, pred, owner.target, sent)


def _role_predicate(roles, sent: Span) -> Predicate | None:
    """A person's own work, read by the role the text gives them; with no role, a director's
    film in a sentence about films, else a work the person made in some role."""
    for role in _OWNER_ROLES:
        if role in roles:
            return ROLE_PREDICATE[role] if role != "writer" else None  # "Tom Barlow's Nick Crane": an author's book
    if roles:
        return None
    return Predicate.DIRECTOR if _about_film(sent) else Predicate.CONTRIBUTOR


def _about_film(sent: Span) -> bool:
    """'He has also appeared in A's X (2008)': films, not novels ('A's Ragtime (1975)') or songs."""
    return any(t.lemma_ in _FILM_VERBS or work_cues().get(t.lower_.rstrip("s")) in _FILM_KINDS for t in sent)


def _pronoun_at(args: list[Item], k: int) -> Item | None:
    return next((a for a in args if a.start == k and a.implicit and a.possessive and a.label == Label.PERSON), None)


def _owner_at(args: list[Item], k: int) -> Item | None:
    return next((a for a in args if a.start <= k < a.end and a.label in (Label.PERSON, Label.ORG)), None)


def _parents(v: DocView, sent: Span, args: list[Item]) -> Iterator[Found]:
    """'the son of actors A and B', 'His parents are A and B', 'born in Dublin to A, an engineer,
    and B': the two parents are spouses."""
    doc = sent.doc
    lower, toks = v.lower, v.tokens
    for i in range(sent.start, sent.end):
        low = lower[i]
        born_to = low == "to" and "born" in lower[max(sent.start, i - 10):i]
        if not ((low in _CHILD and i + 1 < sent.end and lower[i + 1] == "of") or low == "parents" or born_to):
            continue
        t = toks[i]
        people = [a for a in args if a.label == Label.PERSON and not a.implicit and t.i < a.start <= t.i + 14]
        if len(people) < 2:
            continue
        a, b = people[0], people[1]
        gap = doc[a.end:b.start]
        # "of actors A and B", "to A, an engineer, and B"; not "son of A and brother of B"
        if any(g.lower_ == "and" for g in gap) and len(gap) <= 10 \
                and not any(g.pos_ in {"VERB", "ADP"} or g.text in {".", ";", "("} or g.lower_ in _CHILD | _SIBLING
                            for g in gap):
            yield _found(PARENTS, a.entity, Predicate.SPOUSE, b.target, sent)


def _character_actor(sent: Span, args: list[Item], disc: Discourse) -> Iterator[Found]:
    """'Conrad Hale (Martin Ashcroft)' in a text about a film or series: the person in
    brackets plays the character before them."""
    if disc.topic_work is None:
        return
    doc = sent.doc
    for a in args:
        if a.label != Label.PERSON or a.implicit or a.end + 2 >= sent.end or not opens(doc[a.end]):
            continue
        b = next((x for x in args if x.start == a.end + 1 and x.label == Label.PERSON and not x.implicit), None)
        if b is not None and b.entity != a.entity and b.end < sent.end and closes(doc[b.end]):
            yield _found(CHARACTER_ACTOR, disc.topic_work, Predicate.CAST_MEMBER, b.target, sent)


def _first_person_works(v: DocView, sent: Span, args: list[Item]) -> bool:
    """'I have two films ...', 'I made a short ...' - the speaker presents works as theirs."""
    if "i" not in v.lower[sent.start:sent.end]:
        return False
    inside = {k for it in args if not it.implicit for k in range(it.start, it.end)}
    toks = [t for t in sent if t.i not in inside]
    for a, t in enumerate(toks):
        if t.lower_ == "i" and any(u.lower_ in _OWN for u in toks[a + 1:a + 3]) \
                and any(u.lower_.rstrip("s") in work_cues() for u in toks[a + 2:a + 6]):
            return True
    return False
