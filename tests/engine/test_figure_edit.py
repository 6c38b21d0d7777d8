"""A moderator's corrected figure: read by the engine's figure parser, never by a cog."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.engine.errors import InputError
from bot.engine.figure_edit import MAX_FIGURE_TEXT, parse_figure

COGS = Path(__file__).resolve().parents[2] / "cogs"


def test_a_figure_keeps_the_claims_unit_unless_it_names_one(nlp):
    fig = parse_figure(nlp, "  at least   30 ", "people")
    assert (fig.low, fig.qualifier, fig.unit) == (30, "at least", "people")
    money = parse_figure(nlp, "about 45 million euros", "people")
    assert money.unit == "EUR"
    assert money.low == 45e6


@pytest.mark.parametrize(
    ("text", "words"),
    [("   ", "empty"), ("x" * (MAX_FIGURE_TEXT + 1), "too long"), ("several", "could not read"),
     ("between 10 and 20, then 300", "holds 2 figures")],
)
def test_unreadable_figures_are_input_errors(nlp, text, words):
    with pytest.raises(InputError) as info:
        parse_figure(nlp, text, "people")
    assert words in str(info.value)


def test_no_cog_imports_nlp():
    """Cogs stay thin: spaCy and the figure parser run in the engine, through the bot's NLP worker."""
    for path in COGS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert not name.startswith("spacy"), f"{path.name} imports {name}"
                assert name != "bot.engine.figures", f"{path.name} imports the figure parser"
