"""Export and import of stored claims: crosscheck JSON, CSV and schema.org ClaimReview.

* **JSON** (``crosscheck-export``) and **CSV** carry every field of a stored
  claim, its figure, its source and its moderation status. The JSON export
  imports back losslessly (ids and stored-at times are the new store's).
* **ClaimReview** is schema.org ``ClaimReview`` JSON-LD for confirmed and
  disputed claims, as fact-checkers publish them: ``claimReviewed`` (the
  sentence), ``itemReviewed`` (a ``Claim`` by the claimant, with the sources as
  ``appearance``), ``reviewRating`` (see :data:`RATINGS`), ``author`` (the
  newsroom). crosscheck's own fields ride along under ``crosscheck:claim`` so
  a round trip loses nothing.

Import reads a crosscheck JSON export or ClaimReview JSON-LD (a list, one
object, a ``@graph`` or a ``DataFeed``), including fact-checks published by
other newsrooms: their claims are read from ``claimReviewed`` by the engine,
and their status from the rating's words (:func:`status_from_rating`).

One module per format: :mod:`.records` (crosscheck's record of a claim),
:mod:`.csv_format`, :mod:`.claimreview`; :mod:`.export` writes any of them,
:mod:`.importer` reads them back.
"""

from __future__ import annotations

from .claimreview import (
    BEST_RATING,
    CLAIM_KEY,
    NAMESPACE,
    RATINGS,
    REVIEWED,
    WORST_RATING,
    claimreview,
    claimreview_document,
    reviews_in,
    status_from_rating,
)
from .csv_format import CSV_COLUMNS, FORMULA_STARTS, csv_cell, csv_row
from .export import FORMATS, ExportTooLarge, export_claims, export_file, export_text, file_name
from .importer import Extractor, ImportSummary, import_document, items_of, load_document
from .records import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    claim_fields,
    claim_from_fields,
    claim_record,
    source_fields,
    source_from_fields,
)

__all__ = [
    "BEST_RATING", "CLAIM_KEY", "CSV_COLUMNS", "EXPORT_FORMAT", "EXPORT_VERSION", "FORMATS", "FORMULA_STARTS",
    "NAMESPACE", "RATINGS", "REVIEWED", "WORST_RATING", "ExportTooLarge", "Extractor", "ImportSummary",
    "claim_fields", "claim_from_fields", "claim_record", "claimreview", "claimreview_document", "csv_cell",
    "csv_row", "export_claims", "export_file", "export_text", "file_name", "import_document", "items_of",
    "load_document", "reviews_in", "source_fields", "source_from_fields", "status_from_rating",
]
