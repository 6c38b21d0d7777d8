"""The raw-line gate (``numbers.could_hold_text``): a line it refuses holds no figure the parser finds."""

from __future__ import annotations

import spacy

from bot.engine.figures import find_figures, parser_for
from bot.engine.numbers import could_hold_text
from bot.engine.pipeline import may_hold_figure

LINES = [
    "About a dozen windows were broken.", "A few residents stayed behind.", "a third of the crop was lost",
    "Dozens of families left the valley.", "Hundreds queued outside the clinic.", "A pair of hikers went missing.",
    "Twenty-two buses were cancelled.", "The fund lost ¥4bn.", "Rainfall reached ٣٠ mm.", "It rose to 10³ units.",
    "Half of the staff were sent home.", "Nine-tenths of the lake froze.", "a couple of barns collapsed",
    "The council met on Tuesday.", "She said a decision would come later.", "An inquiry was opened.",
]


def test_the_raw_gate_passes_every_line_the_figure_parser_reads_something_in() -> None:
    nlp = spacy.blank("en")
    parser_for(nlp.vocab)
    for line in LINES:
        if find_figures(nlp.make_doc(line)):
            assert could_hold_text(line), line
    assert could_hold_text("A few residents stayed behind.")  # "a" alone is not enough, "few" is
    assert could_hold_text("Rainfall reached ٣٠ mm.")  # digits of any script


def test_the_raw_gate_refuses_lines_without_an_amount_word_a_digit_or_a_casualty() -> None:
    for line in ("The council met on Tuesday.", "She said a decision would come later.", "An inquiry was opened."):
        assert not could_hold_text(line), line
        assert not may_hold_figure(line), line
    assert may_hold_figure("Driver gunned down near the depot")  # no amount, but an implicit count may be there
