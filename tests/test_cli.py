"""The command line's help and the README stay in step (as sqlite-utils checks its docs): every
command and option of `interview-ie` is documented, and every command's help has a description
and an example."""
from __future__ import annotations

import argparse
import re

import pytest

from pipeline.cli import main, parser

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, argparse.ArgumentParser]:
    (sub,) = [a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def _section(heading: str) -> str:
    """The README's text under `heading` up to the next heading of any level."""
    start = README.index(f"\n{heading}\n")
    nxt = re.search(r"\n#{2,3} ", README[start + len(heading) + 2:])
    return README[start:start + len(heading) + 2 + (nxt.start() if nxt else len(README))]


COMMANDS = sorted(_commands())


def test_the_commands_are_the_documented_ones():
    assert COMMANDS == ["evaluate", "run"]
    for name in COMMANDS:
        assert f"\n### `interview-ie {name}`\n" in README, name


@pytest.mark.parametrize("name", COMMANDS)
def test_the_readme_documents_every_option(name):
    section = _section(f"### `interview-ie {name}`")
    for action in _commands()[name]._actions:
        for option in action.option_strings:
            assert f"`{option}" in section, f"README: {option} of `interview-ie {name}` is not documented"
        if not action.option_strings:  # a positional argument, under its metavar
            assert f"`{action.dest.upper()}`" in section, action.dest


def test_the_readme_documents_the_top_level_options():
    section = _section("## Command line")
    for action in parser()._actions:
        for option in action.option_strings:
            assert f"{option}" in section, option


@pytest.mark.parametrize("argv", [[], *([name] for name in COMMANDS)], ids=lambda a: " ".join(a) or "top")
def test_each_help_has_a_description_and_an_example(argv, capsys):
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    usage, description, *rest = text.split("\n\n")
    assert len(description.split()) >= 15, description  # a paragraph, not a word
    examples = re.search(r"\nexamples?:\n((?:  interview-ie .+\n?)+)", text)
    assert examples, text
    if argv:
        assert f"interview-ie {argv[0]} " in examples.group(1), examples.group(1)
    assert "`" not in text  # the help is plain text, not Markdown
    for paragraph in text.split("\n\n"):  # no sentence cut off
        words = paragraph.strip()
        assert not words.endswith((",", ";", "(", " and", " or")), paragraph
