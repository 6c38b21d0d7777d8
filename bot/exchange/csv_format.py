"""CSV export: one row per stored claim, every field, safe to open in a spreadsheet."""

from __future__ import annotations

import json
from typing import Any

from bot.engine.types import StoredClaim

from .records import claim_record

CSV_COLUMNS = (
    "claim_id", "status", "claim_created_at", "sentence", "subject", "measure", "figure_text", "low", "high",
    "qualifier", "approx", "unit", "claimant", "claimant_chain", "location", "date", "period", "start", "end",
    "figure_start", "figure_end", "subject_terms", "entities", "source_id", "workspace", "path", "url", "title",
    "outlet", "author", "published", "text_hash", "guild_id", "channel_id", "message_id", "message_link",
    "poster", "poster_id", "posted_at", "source_stored_at",
)


#: first characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """``value`` safe for a spreadsheet: text starting like a formula gets a leading ``'``.

    The rule applies to text cells only (sentences, subjects, titles, names...
    come from articles and posters). Numbers we write as numbers (a ``low`` of
    -5.0) are left as they are: a spreadsheet reads them as numbers, not
    formulas. JSON exports are never changed.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(sc: StoredClaim) -> dict[str, Any]:
    """One CSV row: every field, lists as JSON arrays, absent values empty, formula-like text quoted.

    See :func:`csv_cell` for the quoting rule.
    """
    rec = claim_record(sc)
    c, s, fig = rec["claim"], rec["source"], rec["claim"]["figure"]
    row = {
        "claim_id": rec["id"], "status": rec["status"], "claim_created_at": rec["created_at"],
        "sentence": c["sentence"], "subject": c["subject"], "measure": c["measure"], "figure_text": fig["text"],
        "low": fig["low"], "high": fig["high"], "qualifier": fig["qualifier"], "approx": int(fig["approx"]),
        "unit": fig["unit"], "claimant": c["claimant"], "claimant_chain": json.dumps(c["claimant_chain"]),
        "location": c["location"], "date": c["date"], "period": c["period"], "start": c["start"], "end": c["end"],
        "figure_start": c["figure_start"], "figure_end": c["figure_end"],
        "subject_terms": json.dumps(c["subject_terms"]), "entities": json.dumps(c["entities"]),
        "source_id": s["id"], "source_stored_at": s["stored_at"],
    }
    for key in ("workspace", "path", "url", "title", "outlet", "author", "published", "text_hash", "guild_id",
                "channel_id", "message_id", "message_link", "poster", "poster_id", "posted_at"):
        row[key] = s[key]
    return {k: ("" if v is None else csv_cell(v)) for k, v in row.items()}
