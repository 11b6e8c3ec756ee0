"""Markdown markup in a saved text, found line by line so that the cleaning stage can drop it the
way it drops HTML tags, with offsets still pointing into the raw text.

- headings ('## '), block quotes ('> '), strong emphasis ('**', '__'), inline code and a link's
  brackets and address ('[text](url)' keeps 'text'), images ('![alt](url)') are cut;
- emphasis ('*Title*', '_Title_') becomes curly quotes: in a text about films an italic phrase
  is a title more often than not, and the title rules read quotes (`ner/titles.quoted_titles`).
  Bold is cut without quotes: pages bold their speakers and headings ('**Q:**').

Pure: a line -> edits (start, end, replacement, rule) in the line's own offsets, sorted, disjoint.
"""
from __future__ import annotations

import re
from typing import NamedTuple


class Edit(NamedTuple):
    start: int
    end: int
    new: str  # "" cuts raw[start:end]
    rule: str


_BLOCK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?)")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\s]*\)")
_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\](\([^)\s]+\))")
_CODE = re.compile(r"`([^`\n]+)`")
# a marker that opens after a space or punctuation and closes before one, around no space at either end
_STRONG = re.compile(r"(?<![\w*])(\*\*|__)(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])")
_EMPHASIS = re.compile(r"(?<![\w*\\])(\*|_)(?=[^\s*_])([^*_\n]+?)(?<=[^\s*_\\])\1(?![\w*])")
_OPEN, _CLOSE = "\u201c", "\u201d"


def edits(line: str) -> list[Edit]:
    out: list[Edit] = []
    m = _BLOCK.match(line)
    if m:
        out.append(Edit(m.start(), m.end(), "", "markdown_block"))
    for m in _IMAGE.finditer(line):
        out.append(Edit(m.start(), m.end(), "", "markdown_image"))
    for m in _LINK.finditer(line):
        out.append(Edit(m.start(), m.start() + 1, "", "markdown_link"))
        out.append(Edit(m.end(1), m.end(), "", "markdown_link"))
    for m in _CODE.finditer(line):
        out.append(Edit(m.start(), m.start() + 1, "", "markdown_code"))
        out.append(Edit(m.end() - 1, m.end(), "", "markdown_code"))
    for m in _STRONG.finditer(line):
        out.append(Edit(m.start(1), m.end(1), "", "markdown_strong"))
        out.append(Edit(m.end(2), m.end(), "", "markdown_strong"))
    strong = [(e.start, e.end) for e in out if e.rule == "markdown_strong"]
    for m in _EMPHASIS.finditer(line):
        if any(s <= m.start() < e or s < m.end() <= e for s, e in strong):
            continue
        out.append(Edit(m.start(1), m.end(1), _OPEN, "markdown_emphasis"))
        out.append(Edit(m.end(2), m.end(), _CLOSE, "markdown_emphasis"))
    out.sort()
    kept: list[Edit] = []
    for e in out:  # an image's brackets are not a link's: the first edit over a character wins
        if not kept or e.start >= kept[-1].end:
            kept.append(e)
    return kept


def unwrapped(line: str) -> str:
    """The line without its block marker and without strong or emphasis markers around all of it,
    for the whole-line rules ('## Reviews', '**Subscribe**')."""
    line = _BLOCK.sub("", line).strip()
    m = re.fullmatch(r"(\*\*|__|\*|_)(.+)\1", line)
    return m.group(2).strip() if m else line
