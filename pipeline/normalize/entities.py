"""Stage: within one document, mentions -> entities with canonical names; dates -> ISO values.

Short names are resolved to the full name the same document uses ("Kim" -> "Se Yoon Kim",
"Ashgrove" -> "Ashgrove Film Festival", "L.A." -> "Los Angeles"), never across two different
people who share a family name when the text gives no way to tell them apart.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import dates
from ..text.fold import key
from ..lexicon import (LEGAL_FORMS, countries, demonyms, drop_suffixes, is_generic_award, name_heads, org_kind, org_kinds, place_forms,
                       role_words, word_list)
from ..records import LocalEntity
from ..vocab import DateKind, Label

_SMALL = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "the",
          "to", "with", "from", "into", "vs", "de", "la", "le", "du"}
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")


@lru_cache(maxsize=65536)
def title_case(title: str) -> str:
    """'IN AMONG WAVES' -> 'In Among Waves'; titles already in mixed case are kept."""
    if not title.isupper():
        return title
    words = title.lower().split(" ")
    out = [w if (i and w in _SMALL) else w[:1].upper() + w[1:] for i, w in enumerate(words)]
    return " ".join(out)


def clean_name(text: str, label: Label) -> str:
    s = " ".join(text.replace("[", " ").replace("]", " ").split())
    s = re.sub(r"['’]s$", "", s) if label != Label.WORK else s
    s = s.strip(" ,;:\"“”‘'")
    if label == Label.WORK:
        s = title_case(s.strip("’'"))
    return s


@dataclass(frozen=True, slots=True)
class LocalDate:
    """A date of the document, in cleaned-text offsets (the document stage gives it raw ones:
    `records.DateMention`)."""

    start: int
    end: int
    value: str | None
    kind: DateKind
    year: int | None


@dataclass(frozen=True)
class LocalMention:
    """A mention in cleaned-text offsets, with its entity index (None for dates)."""

    start: int
    end: int
    label: Label
    entity: int | None
    date: int | None
    score: float
    source: str


_LEGAL_TAIL = re.compile(r"(?:,?\s+(?:%s)\.?)+$" % "|".join(re.escape(w) for w in sorted(LEGAL_FORMS)), re.I)


def _without_legal_form(name: str) -> str:
    """'Harbour Co., Ltd.' -> 'Harbour', 'Lumen Labs, Inc.' -> 'Lumen Labs'."""
    return _LEGAL_TAIL.sub("", name) or name


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w']*", name) if w.lower() not in _SMALL).lower()


@lru_cache(maxsize=65536)
def _tokens(name: str) -> tuple[str, ...]:
    """The words of a name, split at spaces and hyphens (memoised: each entity's name is split
    again for every later mention of its document)."""
    return tuple(t for t in re.split(r"[\s\-]+", name) if t)


@dataclass(slots=True)
class _Draft:
    """An entity while the mentions of its document are grouped; a `LocalEntity` once done."""

    label: Label
    name: str
    aliases: list[str]
    kind: str | None = None
    roles: list[str] = field(default_factory=list)


def build_entities(text: str, raw_mentions) -> tuple[list[LocalEntity], list[LocalDate], list[LocalMention]]:
    """Groups the recognizer's mentions (cleaned offsets) into the document's entities."""
    entities: list[_Draft] = []
    index: dict[tuple[Label, str], int] = {}
    counts: Counter = Counter()
    date_list: list[LocalDate] = []
    out: list[LocalMention] = []
    pending = []  # (mention, label, name) of short names resolved once the full names are known
    # full forms first, so that short forms can find them
    order = sorted(raw_mentions, key=lambda m: -len(_tokens(text[m.start:m.end])))
    for m in order:
        surface = text[m.start:m.end]
        if m.label == Label.DATE:
            value, kind, year = dates.parse(surface)
            date_list.append(LocalDate(m.start, m.end, value, kind, year))
            out.append(LocalMention(m.start, m.end, Label.DATE, None, len(date_list) - 1, m.meta.score, m.meta.source))
            continue
        name = clean_name(surface, m.label)
        if not key(name):
            continue
        pending.append((m, name))
    awards = [m for m, _ in pending if m.label == Label.AWARD]
    if awards:
        given = award_names(text, awards)
        pending = [(m, given.get((m.start, m.end), name)) for m, name in pending]
    alias_of = _stated_aliases(text, [m for m, _ in pending])
    # a stated alias right after its name, and before the other mentions of the same words
    targets = set(alias_of.values())
    pending.sort(key=lambda mn: 0 if (mn[0].start, mn[0].end) in targets else 1 if (mn[0].start, mn[0].end) in alias_of
                 else 2)
    entity_at: dict[tuple[int, int], int] = {}
    known = _Known()
    known.place_words = {t.lower() for m, name in pending if m.label == Label.PLACE for t in _tokens(name)}
    known.parents = _parent_cue().search(text) is not None
    for m, name in pending:
        k = key(name)
        known.first_at[k] = min(known.first_at.get(k, m.start), m.start)
    for m, name in pending:
        named = entity_at.get(alias_of.get((m.start, m.end)))
        if named is not None:
            label, idx = entities[named].label, named
            index.setdefault((label, key(name)), idx)  # its other mentions join the same entity
        else:
            label, idx = _entity_of(m.label, name, entities, index, counts, text, m.start, m.meta.kind, known)
        if label is None:
            continue
        if idx is None:
            kind = m.meta.kind if label in (Label.WORK, Label.ORG) and m.meta.kind != "demonym" else None
            if label == Label.ORG and kind is None:
                kind = org_kind(name)
            entities.append(_Draft(label, name, [name], kind=kind, roles=list(m.meta.roles)))
            idx = len(entities) - 1
            known.add(idx, label, name)
            index[(label, key(name))] = idx
            if label == Label.ORG:  # "Orvik" is "Orvik, Inc.": the legal form is not part of what it is called
                index.setdefault((label, key(_without_legal_form(name))), idx)
        else:
            e = entities[idx]
            if name not in e.aliases:
                e.aliases.append(name)
            for r in m.meta.roles:
                if r not in e.roles:
                    e.roles.append(r)
            if e.kind is None and m.meta.kind and label in (Label.WORK, Label.ORG):
                e.kind = m.meta.kind
        counts[idx] += 1
        entity_at[(m.start, m.end)] = idx
        out.append(LocalMention(m.start, m.end, label, idx, None, m.meta.score, m.meta.source))
    out.sort(key=lambda x: x.start)
    date_list = _dated_days(text, date_list)
    done = [LocalEntity(e.label, _canonical(e), tuple(e.aliases), e.kind, tuple(e.roles)) for e in entities]
    return done, date_list, out


# "Best Director at the 45th Harbour Awards": a prize named by its category and its ceremony
_AT_CEREMONY = re.compile(r"(?P<category>.+?)(?:\s+(?:prize|award))?\s+at\s+the\s+(?:\d+(?:st|nd|rd|th)\s+)?"
                          r"(?:Annual\s+)?(?P<ceremony>.+?)\s+Awards")
_AND = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def award_names(text: str, awards) -> dict[tuple[int, int], str]:
    """(start, end) -> the name a prize is known by, for a category given at a ceremony: "Best
    Director at the 45th Harbour Awards" -> "Harbour Award for Best Director", the name the
    ceremony gives it; a category just before it, joined by 'and' or a comma, shares its ceremony
    ("Best Film and Best Director at the Harbour Awards")."""
    spans = sorted(awards, key=lambda m: m.start)
    out = {}
    for k in range(len(spans) - 1, -1, -1):
        m = spans[k]
        at = _AT_CEREMONY.fullmatch(text, m.start, m.end)
        if at is None:
            continue
        ceremony = " ".join(at.group("ceremony").split())
        out[(m.start, m.end)] = f"{ceremony} Award for {' '.join(at.group('category').split())}"
        j = k
        while j > 0 and _AND.fullmatch(text, spans[j - 1].end, spans[j].start) \
                and is_generic_award(text[spans[j - 1].start:spans[j - 1].end]):
            j -= 1
            out[(spans[j].start, spans[j].end)] = f"{ceremony} Award for {' '.join(text[spans[j].start:spans[j].end].split())}"
    # the category alone elsewhere in the text is that prize, when one ceremony gives it ("Best Director")
    by_category: dict[str, set[str]] = defaultdict(set)
    for name in out.values():
        by_category[key(name.split(" Award for ", 1)[1])].add(name)
    for m in spans:
        names = by_category.get(key(text[m.start:m.end]))
        if (m.start, m.end) not in out and names is not None and len(names) == 1:
            out[(m.start, m.end)] = next(iter(names))
    return out


def _dated_days(text: str, date_list: list[LocalDate]) -> list[LocalDate]:
    """'Kim had arrived in Latvia on 20 November' in a page dated '14 December 2020': a day without
    its year is in the year of the page's dateline, a date with a month and a year on a short line
    near the top ('March 5, 2021 · 9 min read', 'By A | 5 September 2023, 17:40'). Prose gives
    no dateline: an encyclopedia's '2 June' is another year's as often as not."""
    order = sorted(range(len(date_list)), key=lambda k: date_list[k].start)
    out, year = list(date_list), None
    for k in order:
        d = date_list[k]
        if d.value is not None and len(d.value) >= 7 and d.value[:4].isdigit():
            if year is None and _dateline(text, d.start):
                year = int(d.value[:4])
        elif d.value is None and d.kind == DateKind.DATE and year is not None:
            value = dates.in_year(text[d.start:d.end], year)
            if value is not None:
                out[k] = replace(d, value=value, year=year)
    return out


DATELINE_REACH = 1500  # characters from the top of the page where its dateline may be
DATELINE_LINE = 80  # the longest line a dateline is on


def _dateline(text: str, start: int) -> bool:
    """The date at `start` is on a short line near the top of the text: the page's date."""
    if start > DATELINE_REACH:
        return False
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    return len(text[lo:hi if hi >= 0 else len(text)].strip()) <= DATELINE_LINE


_ALIAS_CUE = re.compile(r"\s*(?:\(\s*(?:(?:also known as|known as|also called|formerly|originally|then|now|"
                        r"short for|aka|a\.k\.a\.)\s+)?|,\s*(?:also known as|also called|formerly known as|"
                        r"a\.k\.a\.|aka)\s+)")
_ALIAS_CUE_WORD = re.compile(r"[a-z]")


def _stated_aliases(text: str, found) -> dict[tuple[int, int], tuple[int, int]]:
    """'Kelvar State University (then Kelvar Teachers College)', 'Deep Harbor (DH; ...)', 'X, also
    known as Y,': the second name is another name of the first, (start, end) -> (start, end).
    Without a cue word only the name's acronym counts ('Tyler (Brad Reyes)' is a character and
    its actor, 'Ana Kim (NIGHT TIDE)' a person and her film); an acronym takes the name's label; a
    title in brackets after a title is its translation ('Khooni Raat (Bloody Night)')."""
    spans = sorted(found, key=lambda m: m.start)
    out = {}
    for a, b in zip(spans, spans[1:]):
        cue = _ALIAS_CUE.fullmatch(text, a.end, b.start)
        if cue is None or not re.match(r"\s*[;,)]", text[b.end:b.end + 3]):
            continue
        name = text[b.start:b.end]
        acronym = name.isupper() and re.sub(r"[^A-Za-z]", "", name).lower() == _initials(text[a.start:a.end])
        translated = a.label == b.label == Label.WORK and re.match(r"\s*\)", text[b.end:b.end + 3])
        if acronym or translated or a.label == b.label and _ALIAS_CUE_WORD.search(cue.group()):
            out[(b.start, b.end)] = (a.start, a.end)
    people = [m for m in spans if m.label == Label.PERSON]
    for b in people[1:]:  # "under the ring name Zelda": another name of the person the text is about
        if (_NAME_CUE.search(text, max(0, b.start - 40), b.start) or _alias_field(text, b.start)) \
                and (b.start, b.end) not in out:
            out[(b.start, b.end)] = (people[0].start, people[0].end)
    return out


# a cue right before a person's other name: the name the text's first person goes by
_NAME_CUE = re.compile(r"(?:\b(?:ring|stage|pen|screen) name|\bbetter known as|\bknown by (?:his|her|their) "
                       r"[\w\s-]{0,20}?name,?)\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _alias_field_regex() -> re.Pattern:
    labels = sorted(word_list("alias_labels.txt"), key=len, reverse=True)
    return re.compile(r"(?:^|\n|·)[\s│|·*-]*(?:" + "|".join(re.escape(w) for w in labels) + r")\s*[.:]*\s*"
                      r"(?:[^\n·]*?,\s*)?$", re.IGNORECASE)


def _alias_field(text: str, start: int) -> bool:
    """'Other names   Im Sora-ye, Lim Sora-ye', 'RR: Bu Min-yeong · MR: Pu Minyong': a name in an
    infobox field of the subject's other names (`patterns/alias_labels.txt`)."""
    return _alias_field_regex().search(text, max(0, start - 60), start) is not None


_SHORT_NAMED_KINDS = {"festival", "school"}  # "Ashgrove" for the festival, "Corbridge" for the university
# "Orlo" for "Orlo Records", unless the text tells companies from their parents (`patterns/parent_cues.txt`)
# or the longer name adds a line of business ("Orlo Pictures", `patterns/division_words.txt`)
_COMPANY_KINDS = {"company", "media"}


def _division(short: tuple[str, ...], full: str) -> bool:
    """'Orlo Pictures' of 'Orlo': the longer name adds a line of business (`patterns/division_words.txt`)."""
    return any(t.lower() in word_list("division_words.txt") for t in _tokens(full)[len(short):])


@lru_cache(maxsize=1)
def _parent_cue() -> re.Pattern:
    words = sorted(word_list("parent_cues.txt"), key=len, reverse=True)
    return re.compile(r"\b(?:%s)\b" % "|".join(re.escape(w) for w in words), re.IGNORECASE)


class _Known:
    """The entities of a document so far, indexed for `_entity_of`, which looks up every short name:
    scanning all of them for each mention is quadratic in a long text. Entities in the order
    they were made; their names as made (the name a scan of them would see)."""

    def __init__(self):
        self.parts: dict[tuple[str, ...], list[int]] = defaultdict(list)  # 1 or 2 words -> people
        self.by_label: dict[Label, list[int]] = defaultdict(list)
        self.by_first: dict[tuple[Label, str], list[int]] = defaultdict(list)  # first word, lower case
        self.by_initials: dict[tuple[Label, str], list[int]] = defaultdict(list)
        self.by_last: dict[str, list[int]] = defaultdict(list)  # people by family name, lower case
        self.place_words: set[str] = set()  # the words of the document's places, lower case
        self.first_at: dict[str, int] = {}  # a name's key -> where the text first gives it
        self.parents = False  # the text tells a company from its parent ('a subsidiary of')

    def add(self, i: int, label: Label, name: str) -> None:
        self.by_label[label].append(i)
        full = _tokens(name)
        if full:
            self.by_first[(label, full[0].lower())].append(i)
        if label != Label.WORK:
            self.by_initials[(label, _initials(name))].append(i)
        if label == Label.PERSON:
            if len(full) > 1:
                self.by_last[full[-1].lower()].append(i)
            for n in (1, 2):
                if len(full) > n:
                    f = drop_suffixes([t.lower() for t in full], n)
                    for part in {tuple(f[-n:]), tuple(f[:n])}:
                        self.parts[part].append(i)

    def people_with_part(self, short: tuple[str, ...]) -> list[int]:
        """People whose name has more words than `short` and ends or starts with it (`_is_part`)."""
        return self.parts.get(tuple(t.lower() for t in short), [])

    def people_ending(self, last: str) -> list[int]:
        """People of more than one word whose name ends with `last`."""
        return self.by_last.get(last.lower(), [])

    def starting_with(self, label: Label, short: tuple[str, ...]) -> list[int]:
        """Entities of `label` whose name may start with the words `short` (`_is_prefix` decides)."""
        return self.by_first.get((label, short[0].lower()), []) if short else self.by_label[label]


def _entity_of(label: Label, name: str, entities, index, counts, text: str, pos: int, kind: str | None,
               known: _Known):
    """(label, index of an existing entity or None for a new one); label None drops it.
    `known` indexes `entities`."""
    k = key(name)
    if (label, k) in index:
        return label, index[(label, k)]
    toks = _tokens(name)
    # a short form of a person already named in full: "Kim", "Venner", "Ae-Ran"; any label
    if len(toks) <= 2 and label in (Label.PERSON, Label.ORG, Label.WORK, Label.PLACE):
        people = known.people_with_part(toks)
        if people and (label == Label.PERSON or len(toks) == 1 or "-" in name):
            return Label.PERSON, _closest(people, entities, counts, text, pos)
    if label == Label.PLACE and kind == "demonym":
        # "South Korean", "Korean American": an alias of the country when the text names it
        words = name.split()
        place = demonyms().get(name.lower()) or demonyms().get(words[0].lower())
        if place is None:
            return None, None
        if (Label.PLACE, key(place)) in index:
            return label, index[(Label.PLACE, key(place))]
        country = next((i for (lab, kk), i in index.items() if lab == Label.PLACE and kk.endswith(key(place))), None)
        return (label, country) if country is not None else (None, None)
    if label == Label.PERSON and len(toks) >= 2:
        # "Henrik Lund" or "H. C. Lund" after "Henrik Carsten Lund": the same first and family
        # names, the middle ones left out or given by their initials; never when two people fit,
        # nor before the full name ("Tomas Varga ... his son Tomas Emil Varga")
        fuller = {i for i in known.people_ending(toks[-1]) if _fuller_person(toks, _tokens(entities[i].name))
                  and known.first_at.get(key(entities[i].name), pos) < pos}
        if len(fuller) == 1:
            return label, fuller.pop()
    if label == Label.ORG and len(toks) == 1 and toks[0][:1].isupper():
        # "the Vikings" after "the Orvand Vikings", "the House" after "the House of Delegates": the
        # last word, after a place or a kind's words, or a first word followed by 'of', of the one
        # organisation the text names so; not "Vexa" of "Corner Vexa" (a specific word before it)
        w = toks[0].lower()
        fuller = {i for i in known.by_label[label] if len(_tokens(entities[i].name)) > 1
                  and (_tokens(entities[i].name)[-1].lower() == w and _placed(_tokens(entities[i].name)[:-1], known)
                       or re.match(r"(?:the\s+)?%s\s+of\s" % re.escape(w), entities[i].name, re.I))}
        if len(fuller) == 1:
            return label, fuller.pop()
    if label in (Label.ORG, Label.PLACE) and len(toks) == 1 and toks[0].lower() in _head_words(label):
        # "the Parliament" after "Norvian Parliament", "the Valley" after "Marrow Valley": a kind's
        # own word, capitalised, names the one entity of that kind the text has named in full
        fuller = {i for i in known.by_label[label] if len(_tokens(entities[i].name)) > 1
                  and _tokens(entities[i].name)[-1].lower() == toks[0].lower()}
        if len(fuller) == 1:
            return label, fuller.pop()
        if label == Label.PLACE:
            return None, None  # 'the Valley', 'Avenue' alone: a kind of place, not a place's name
    if label == Label.PLACE:
        fuller = {i for i in known.by_label[label] if _fuller_form(toks, _tokens(entities[i].name))}
        if len(fuller) == 1:
            return label, fuller.pop()
    if label in (Label.ORG, Label.PLACE, Label.AWARD, Label.WORK):
        if label in (Label.ORG, Label.AWARD) and not name.isupper():  # "Mexico" is not "Mexico City"
            # "Ashgrove" -> "Ashgrove Film Festival", "Tovo" -> "Tovo Records" (the longer name adds
            # only generic words), but not "Circle" -> "Circle Onyx" (a specific word), "KBTV" ->
            # "KBTV Canada" (an acronym), "Tovo" -> "Tovo Pictures" (a division), nor "Tovo" ->
            # "Tovo Records, a subsidiary of Tovo"
            longer = [i for i in known.starting_with(label, toks) if _is_prefix(toks, _tokens(entities[i].name))
                      and _specific_rest(toks, entities[i].name) == 0
                      and (label != Label.ORG or org_kind(entities[i].name) in _SHORT_NAMED_KINDS
                           or org_kind(entities[i].name) in _COMPANY_KINDS and not known.parents
                           and not _division(toks, entities[i].name))]
            if longer:
                return label, min(longer, key=lambda i: len(entities[i].name))
        # "L.A." -> "Los Angeles", "RMAJ" -> "Record Makers Association of Japan"
        compact = re.sub(r"[^A-Za-z]", "", name)
        if label != Label.WORK and 2 <= len(compact) <= 6 and (compact.isupper() or "." in name):
            acro = known.by_initials.get((label, compact.lower()), [])
            if acro:
                return label, acro[0]
        if label != Label.WORK and 3 <= len(compact) <= ACRONYM_MAX and compact.isupper():
            # "NSEA" for "Northern Sea Ports Authority", "TFG" for "Tides for Gold", "PRT" for
            # "Paxton Railroad Trust": every word gives its first letter, a longer word may give more
            acro = [i for i in known.by_label[label] if len(_tokens(entities[i].name)) > 1
                    and _abbreviates(compact.lower(), entities[i].name)]
            if len(acro) == 1:
                return label, acro[0]
    return label, None


ACRONYM_MAX = 8  # the longest acronym looked for among the words of a longer name


def _abbreviates(acro: str, name: str) -> bool:
    """`acro` (lower case) takes the first letter of every word of `name` in order, and may take
    more consonants inside a word ('prt' of 'Paxton Railroad Trust'); a small word ('of', 'and') or
    a legal form may give nothing, an acronym in the name gives all its letters ('nsea' of
    'Northern Sea Ports of the East Authority' does not: 'Ports' and 'East' give nothing; nor
    'hfi' of 'HBC Film')."""
    found = re.findall(r"[A-Za-z][A-Za-z']*", name)
    words = [w.lower() for w in found]
    whole = {i for i, w in enumerate(found) if len(w) > 1 and w.isupper()}
    optional = _SMALL | LEGAL_FORMS

    @lru_cache(maxsize=None)
    def fits(i: int, j: int) -> bool:
        if i == len(words):
            return j == len(acro)
        w = words[i]
        if w in optional and fits(i + 1, j):
            return True
        if i in whole:
            return acro.startswith(w, j) and fits(i + 1, j + len(w))
        if j >= len(acro) or w[0] != acro[j]:
            return False
        j, p = j + 1, 1
        while True:
            if fits(i + 1, j):
                return True
            if j >= len(acro) or acro[j] in "aeiou":
                return False
            p = w.find(acro[j], p) + 1
            if p == 0:
                return False
            j += 1
    return len(words) > 1 and fits(0, 0)


def _initial_of(a: str, b: str) -> bool:
    """'J.' or 'J' is the initial of 'Jorund'; a name is its own."""
    a, b = a.rstrip("."), b.rstrip(".")
    return a == b or len(a) == 1 and b.startswith(a) or len(b) == 1 and a.startswith(b)


def _split_initials(toks: tuple[str, ...]) -> list[str]:
    """'H.C.' -> 'h.', 'c.' (lower case)."""
    out = []
    for t in toks:
        out.extend(re.findall(r"[^\W\d_]\.", t) if re.fullmatch(r"(?:[^\W\d_]\.){2,}", t) else [t])
    return [t.lower() for t in out]


def _fuller_person(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """'Henrik Lund', 'H. C. Lund', 'Henrik C. Lund' of 'Henrik Carsten Lund': the same family name,
    the first name or its initial, the middle names left out or in order by name or initial;
    not 'Erik Lund' (another first name), nor 'Henrik Carsten Lund' of itself."""
    s, f = _split_initials(short), _split_initials(full)
    if len(s) < 2 or len(s) > len(f) or s == f or s[-1] != f[-1] or not _initial_of(s[0], f[0]):
        return False
    if len(s) == len(f) and all(a == b for a, b in zip(s, f)):
        return False
    k = 1
    for t in s[1:-1]:
        while k < len(f) - 1 and not _initial_of(t, f[k]):
            k += 1
        if k >= len(f) - 1:
            return False
        k += 1
    return True


@lru_cache(maxsize=1)
def _generic_org_words() -> frozenset[str]:
    return frozenset(org_kinds()) | _SMALL


def _placed(words: tuple[str, ...], known: _Known) -> bool:
    """The words before an organisation's last word say where or what it is: a place the document
    names, a country, a demonym, a kind of organisation ('Orvand', 'Tavenish', 'Club')."""
    return all(w.lower() in _generic_org_words() or w.lower() in demonyms() or w.lower() in countries()
               or w.lower() in known.place_words for w in words)


def _fuller_form(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """'Hubei Province' of 'Hubei', '(The) (People's) Republic of Korea' of 'Korea' (`patterns/place_forms.csv`);
    not 'Mexico City' of 'Mexico', nor 'State of Mexico'."""
    forms = place_forms()
    s, f = [t.lower() for t in short], [t.lower() for t in full]
    if f[0] == "the":
        f = f[1:]
    if len(f) == len(s) + 1 and f[:-1] == s:
        return forms.get(f[-1]) == "last"
    if len(f) >= len(s) + 2 and f[-len(s):] == s and f[-len(s) - 1] == "of":
        return all(w in forms and forms[w] == "first" or w in {"people's", "democratic"} for w in f[:-len(s) - 1])
    return False


@lru_cache(maxsize=None)
def _head_words(label: Label) -> frozenset[str]:
    """The words that name a kind of organisation or place (`patterns/org_kinds.csv`, `name_heads.csv`):
    'parliament', 'university', 'valley'."""
    heads = {word for (word, where), (lab, _) in name_heads().items() if where == "last" and lab == label.value}
    return frozenset(heads | set(org_kinds()) if label == Label.ORG else heads)


def _is_part(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """'Kim' of 'Se Yoon Kim', 'Im' of 'Dong-Hwa Im', 'Ae-Ran' of 'Ae-Ran Song', 'DeWitt' of
    'Harold DeWitt II'."""
    s = [t.lower() for t in short]
    f = drop_suffixes([t.lower() for t in full], len(s))
    return f[-len(s):] == s or f[:len(s)] == s


def _is_prefix(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    return len(full) > len(short) and [t.lower() for t in full[:len(short)]] == [t.lower() for t in short]


def _specific_rest(short: list[str], full: str) -> int:
    """How many words the longer name adds that are not generic ('Film Festival' adds none)."""
    generic = set(org_kinds()) | {"film", "international", "the", "of", "and", "annual"}
    return sum(1 for t in _tokens(full)[len(short):] if t.lower() not in generic)


def _closest(candidates: list[int], entities, counts, text: str, pos: int) -> int:
    """Among people sharing a short name, the one most mentioned (ties: the first named)."""
    return max(candidates, key=lambda i: (counts[i], -i))


def _canonical(e: _Draft) -> str:
    """The fullest mixed-case form among the entity's names; a place's name, not its demonym."""
    def rank(n: str):
        return (n.lower() not in demonyms(), len(_tokens(n)), not n.isupper(), len(n))
    best = max(e.aliases, key=rank)
    return title_case(best) if best.isupper() and e.label != Label.ORG else best



def subject(entities: list[LocalEntity], mentions: list[LocalMention], text: str) -> int | None:
    """The person the text is about: most mentioned, with a bonus for appearing at the top."""
    score: dict[int, float] = defaultdict(float)
    for m in mentions:
        if m.label == Label.PERSON and m.entity is not None:
            score[m.entity] += 1.0 + (3.0 if m.start < 300 else 0.0)
            if len(_tokens(entities[m.entity].name)) < 2:
                score[m.entity] -= 0.5
    if not score:
        return None
    return max(score, key=lambda i: (score[i], -i))


def hangul_aliases(text: str, entities: list[LocalEntity], mentions: list[LocalMention]) -> list[LocalEntity]:
    """'Gong Min-jae (공민재)': the Hangul in brackets becomes an alias of the person."""
    entities = list(entities)
    for m in mentions:
        if m.label != Label.PERSON or m.entity is None:
            continue
        after = re.match(r"\s*\(([^()\n]{1,20})\)", text[m.end:m.end + 30])
        if after and _HANGUL.search(after.group(1)):
            alias = after.group(1).strip()
            e = entities[m.entity]
            if alias not in e.aliases:
                entities[m.entity] = replace(e, aliases=e.aliases + (alias,))
    return entities


_AS_ROLE = re.compile(r"\b[Aa]s an? ([\w-]+)\b")


def stated_roles(text: str, questions: list[tuple[int, int]]) -> list[str]:
    """'As a cinematographer, my goal is ...': roles the speaker gives themselves in an answer."""
    words, roles = role_words(), []
    for m in _AS_ROLE.finditer(text):
        if any(s <= m.start() < e for s, e in questions):
            continue
        tail = text[m.end():m.end() + 80]
        role = words.get(m.group(1).lower())
        if role and re.search(r"\b(I|my|me|I'm|I’m)\b", tail) and role not in roles:
            roles.append(role)
    return roles
