"""crosscheck: figure checking for newsrooms.

Importing the package registers one import hook and nothing else: spaCy's own
command-line package is not loaded with spaCy (see :mod:`bot._spacy_cli`).
"""

from ._spacy_cli import defer as _defer_spacy_cli

_defer_spacy_cli()
