"""Page furniture that the line rules of `patterns/clean_rules.jsonl` cannot say in one regular
expression: menus and breadcrumbs ('Home | Reviews | Festivals | Subscribe', 'Home > People >
Interviews'), judged by how many of a line's short items are navigation words
(`patterns/furniture_words.txt`). Pure: a line's text -> the rule's name or None.
"""
from __future__ import annotations

import re

from ..lexicon import word_list

_SEPARATORS = re.compile(r"\s*(?:\||·|•|/|>|»|›|«|▶|◀|→)\s*|\s{3,}")
_TRAIL = re.compile(r"^[\s\[\]()▶◀«»:]+|[\s\[\]()▶◀«»:]+$")
MAX_WORDS = 4  # a menu item is short


def furniture_words() -> frozenset[str]:
    return word_list("furniture_words.txt")


def _is_furniture(item: str) -> bool:
    """An item holding a navigation word or two-word phrase ('Box Office', 'Apple Podcasts')."""
    words = furniture_words()
    low = re.findall(r"[a-z]+", item.lower())
    return any(w in words for w in low) or any(f"{a} {b}" in words for a, b in zip(low, low[1:]))


def menu_rule(line: str) -> str | None:
    """'menu' for a navigation line, 'breadcrumb' for a trail that starts at a home page."""
    items = [i for i in (_TRAIL.sub("", x) for x in _SEPARATORS.split(line.strip())) if i]
    if not items or any(len(i.split()) > MAX_WORDS for i in items):
        return None
    furniture = sum(_is_furniture(i) for i in items)
    if re.search(r"[>»›]", line) and items[0].lower() in {"home", "you are here: home"} and len(items) >= 2:
        return "breadcrumb"
    if len(items) >= 3 and 2 * furniture >= len(items) or len(items) <= 2 and furniture == len(items) \
            and all(i.lower() in furniture_words() for i in items):
        return "menu"
    return None
