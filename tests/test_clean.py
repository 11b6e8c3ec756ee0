"""Cleaning: page chrome cut with the rule that cut it, offsets back to the raw text."""
from __future__ import annotations

import pytest

from pipeline.text.clean import clean


@pytest.mark.parametrize("line, rule", [
    ("Larry Osterfeld/Getty Images", "photo_credit"),
    ("Image Credits", "photo_credit"),
    ("Listen to story", "audio_widget"),
    ("Download this story 2MB", "audio_widget"),
    ("Join the Discussion", "comment_widget"),
    ("You are commenting using your Twitter account. Log Out /  Change )", "comment_widget"),
    ("%d bloggers like this:", "comment_widget"),
    ("Log Out", "login_widget"),
    ("Hosted by Jane Doe", "byline"),
    ("By janedoe", "byline"),
    ("Airs Weekdays at 3:30pm & 7:30pm, and Saturdays at 2:00pm", "show_times"),
    ("Join others who support independent journalism.", "subscription_plea"),
    ("- Other: DP Reel https://vimeo.com/123", "url_line"),
    ("Arts & Entertainment", "section_label"),
    ("Twitter picture", "share_widget"),
    ("We use cookies to improve your experience. By continuing you agree.", "cookie_notice"),
    ("© 2024 Film Weekly. All rights reserved.", "copyright"),
    ("Follow us on Instagram", "follow_widget"),
    ("Posted on March 3, 2021", "post_meta"),
    ("5 min read", "post_meta"),
    ("Photo: Courtesy of the festival", "photo_caption_credit"),
    ("Advertisement", "page_chrome"),
    ("Related Articles", "page_chrome"),
    # menus and breadcrumbs, by their navigation words (`text/furniture.py`)
    ("Home | Programme | Tickets & Passes | Venues | Meet the Filmmakers | Press", "menu"),
    ("Listen on Apple Podcasts | Spotify | Google Podcasts | RSS", "menu"),
    ("LUMEN DAILY  |  Reviews · Features · Festivals · Box Office · Podcast", "menu"),
    ("Newsletter · Privacy · Terms", "menu"),
    ("Home > Reviews > Harbour Lights", "breadcrumb"),
    ("Home › Festivals › Lumen", "breadcrumb"),
    ("INTERVIEW", "menu"),
    ("Share | Tweet | Email | Print", "menu"),
    ("About | Programs | Admissions | Faculty | Alumni | Give | APPLY NOW", "menu"),
])
def test_chrome_lines_are_removed(line, rule):
    raw = f"She made a film.\n{line}\nIt premiered in May.\n"
    c = clean(raw)
    assert line not in c.aligned.text
    assert [(r.rule, r.text) for r in c.removed] == [(rule, line)]
    assert raw[c.removed[0].start:c.removed[0].end] == line


@pytest.mark.parametrize("line", [
    "Directed by Sunhee Park",                     # a credit, not a byline
    "Se Yoon Kim is a director who makes quiet films.",
    "Download culture changed how films are seen, she said.",
    "The film premiered at Kestrel in 2016.",
    "Known for her quiet films, she rarely gives interviews.",
    "Her photos: a series of portraits, shot in Busan over ten years, open the show.",
    "Posted to Berlin in 1990, he began to film the city.",
    "Copyright law shaped how the archive could show the films.",
])
def test_prose_is_kept(line):
    raw = f"Intro.\n{line}\n"
    c = clean(raw)
    assert line in c.aligned.text and not c.removed


def test_an_inline_photo_credit_is_cut():
    raw = "The director at the premiere (Photo by Jane Roe/Getty Images) smiled.\n"
    c = clean(raw)
    assert "Getty" not in c.aligned.text and c.removed[0].rule == "photo_credit_inline"


def test_bullets_and_more_links_are_cut_inline():
    raw = "  • Find the story that compels you.\nShe premiered it in 2016. more...\n"
    c = clean(raw)
    assert "•" not in c.aligned.text and "more..." not in c.aligned.text
    assert {r.rule for r in c.removed} == {"bullet", "more_link"}


def test_a_truncated_caption_before_its_full_copy_is_removed():
    raw = "Margot Ellery (left) and Tessa Harlow star in the film,\nMargot Ellery (left) and Tessa Harlow star in the film, \"Moonwake.\"\n"
    c = clean(raw)
    assert c.aligned.text.count("Margot Ellery") == 1
    assert c.removed[0].rule == "repeated_caption"


def test_offsets_map_back_to_raw_after_repairs():
    raw = "Intro line\r\nHe said â€œhelloâ€\u009d and left.\r\nShe smiled.\r\n"
    c = clean(raw)
    assert "“hello”" in c.aligned.text
    i = c.aligned.text.index("She smiled")
    s, e = c.aligned.raw_span(i, i + len("She smiled"))
    assert raw[s:e] == "She smiled"
    j = c.aligned.text.index("“hello”")
    s, e = c.aligned.raw_span(j, j + len("“hello”"))
    assert raw[s:e].startswith("â€œ") and raw[s:e].endswith("\u009d")


def test_no_break_space_becomes_a_space_without_shifting_offsets():
    raw = "Interview (MY SMALL\u00a0NEIGHBOURS) today"
    c = clean(raw)
    assert c.aligned.text == "Interview (MY SMALL NEIGHBOURS) today"
    assert c.aligned.raw_span(0, len(raw)) == (0, len(raw))


@pytest.mark.parametrize("line, kind", [
    ("1. What motivated you to make this film?", "question"),
    ("Q: When did you start?", "question"),
    ("Did you always know you wanted to pursue a creative career? When did you first know?", "question"),
    ("A: In college.", "answer"),
    ("Hangul Celluloid: How did the project begin?", "question"),
    ("Kim Dae-ryun: It began with a dream I had.", "answer"),
    # the interviewer's label makes a question without a question mark
    ("HOST: Two years later, GREY HARBOUR.", "question"),
    ("INTERVIEWER: Tell me about the shoot.", "question"),
    ("DANA RUIZ: Two years later, GREY HARBOUR.", "answer"),   # near miss: a named speaker answers
])
def test_interview_turns(line, kind):
    c = clean(f"{line}\n")
    assert [t.kind for t in c.turns] == [kind]


@pytest.mark.parametrize("line", [
    "By 1902, on returning to Port Elwood, Varnell declared he was retiring from chess.",
    "By then she had made three films.",
])
def test_a_sentence_starting_with_by_is_not_a_byline(line):
    c = clean(f"Intro.\n{line}\n")
    assert line in c.aligned.text and not c.removed


def test_prose_lines_are_not_turns():
    c = clean("She made three films in Seoul.\nThe first premiered in 2012.\n")
    assert c.turns == []


@pytest.mark.parametrize("line", [
    "USA | 2021 | 118 min | English, Korean | Colour",   # a film's facts, not a menu
    "Writer / Director",
    "Mara Quill / Tobin Asher",
    "She reviews films for a living and runs a festival in Lumen.",
    "Reviews of her films / were mixed at first, she said, and then warmed.",
])
def test_lines_with_separators_are_kept(line):
    raw = f"Intro.\n{line}\n"
    assert line in clean(raw).aligned.text


@pytest.mark.parametrize("raw, kept", [
    ("[INTERVIEW] TALLY MORROW, Director of HARBOUR LIGHTS\n", "TALLY MORROW, Director of HARBOUR LIGHTS"),
    ("[Photo] Mara Quill in Harbour Lights.\n", "Mara Quill in Harbour Lights."),
    ("REVIEW: 'Harbour Lights' is a quiet film\n", "'Harbour Lights' is a quiet film"),
    ("See [Harbour Lights](https://example.org/hl) tonight.\n", "See Harbour Lights tonight."),  # a link's text stays
])
def test_page_tags_are_cut_inline(raw, kept):
    c = clean(raw)
    assert kept in c.aligned.text
    for r in c.removed:
        assert raw[r.start:r.end] == r.text


def test_an_editorial_name_in_brackets_stays():
    raw = "\"I met [Tobin Asher] in Lumen,\" she said.\n"
    assert "[Tobin Asher]" in clean(raw).aligned.text
