"""A moderator's corrected figure, read by the real figure parser.

Plain engine code (spaCy, no discord): the ``/claim edit`` command runs
:func:`parse_figure` in the bot's NLP worker, so the cog imports no NLP.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language

from bot.engine.errors import InputError
from bot.engine.figures import find_figures
from bot.engine.types import Figure

#: longest figure text a moderator may type
MAX_FIGURE_TEXT = 100


def parse_figure(nlp: Language, text: str, unit: str) -> Figure:
    """The one figure written in ``text``, as the engine reads figures in articles.

    ``unit`` (the claim's current unit) is kept unless the text names one
    ("45 million euros", "12%"). Raises InputError unless exactly one figure
    is found. CPU work on the spaCy vocabulary: run it in the NLP worker.
    """
    text = " ".join(text.split())
    if not text:
        raise InputError("The figure is empty. Write it as in an article, e.g. “at least 30” or “about 11,000”.")
    if len(text) > MAX_FIGURE_TEXT:
        raise InputError(f"That figure is too long: keep it under {MAX_FIGURE_TEXT} characters.")
    matches = find_figures(nlp.make_doc(text))
    if not matches:
        raise InputError(
            f"I could not read a figure in “{text}”. Write it as in an article, e.g. “at least 30”, "
            "“between 10 and 20” or “about 11,000”."
        )
    if len(matches) > 1:
        raise InputError(f"“{text}” holds {len(matches)} figures. Give one, e.g. “at least 30”.")
    match = matches[0]
    figure = match.figure
    return figure if match.unit_explicit else replace(figure, unit=unit)
