#!/usr/bin/env python
"""Measure the engine on real gun-violence reports (SemEval-2018 Task 5, GVA incidents).

    python scripts/eval_gva.py [--data ../shared/datasets/gva_dev.jsonl] [--limit N] [--misses FILE]
                               [--wrong FILE] [--unlinked FILE] [--skip-linking]

Two figures, on articles nobody here wrote:

* **count recall**: over every article of an incident whose gold count is at
  least one, the share with a claim that holds the gold number (the value lies
  in the claim's interval, or equals one of its bounds) and whose measure is
  ``killed`` (for the injured count: ``injured``, ``wounded``, ``shot`` or
  ``casualties``-free ``injured`` names). Gold counts are the archive's final
  counts, so an early article may truly report fewer: the ceiling is below 100%.
* **story linking**: the first article of every incident is stored in one
  store (with its publication date), then the second article of each is
  checked. Of all the evidence shown, the share that comes from *another*
  incident; and of the second articles that have a killed or injured claim,
  the share linked to their own first article: checked against the story its
  first article joined (before stories existed: shown evidence from it).

The data set is read from its shared location at run time, never copied.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_DATA = REPO.parent / "shared" / "datasets" / "gva_dev.jsonl"
KILLED = {"killed"}
INJURED = {"injured", "wounded", "shot"}


def holds(claim, value: float) -> bool:  # noqa: ANN001
    lo, hi = claim.figure.low, claim.figure.high
    if lo is None and hi is None:
        return False
    if value in (lo, hi):
        return True
    return (lo is None or lo <= value) and (hi is None or value <= hi)


def article_text(doc: dict) -> str:
    title = (doc.get("title") or "").strip()
    body = doc.get("content") or ""
    return f"{title}\n\n{body}" if title and not body.lstrip().startswith(title) else body


def load(path: Path, limit: int | None) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def recall(engine, rows: list[dict], misses_file: Path | None) -> dict[str, tuple[int, int]]:  # noqa: ANN001
    from bot.engine.errors import InputError
    from bot.engine.types import SourceInfo

    hits = {"killed": 0, "injured": 0}
    totals = {"killed": 0, "injured": 0}
    refused = 0
    misses: list[str] = []
    for row in rows:
        gold = row["gold"]
        for doc in row["docs"]:
            try:
                art = engine.read(article_text(doc), SourceInfo(published=_date(doc.get("dct"))))
                claims = engine.extract(art)
            except InputError:
                refused += 1
                claims = []
            for key, names, want in (("killed", KILLED, gold["num_killed"]), ("injured", INJURED, gold["num_injured"])):
                if not want:
                    continue
                totals[key] += 1
                ok = any(c.measure in names and holds(c, float(want)) for c in claims)
                hits[key] += ok
                if not ok and misses_file is not None:
                    got = "; ".join(f"{c.measure} {c.figure.text!r}" for c in claims if c.figure.unit == "people")
                    misses.append(f"{row['incident_id']} {key}={want} | {doc.get('title')!r} | got: {got}")
    if misses_file is not None:
        misses_file.write_text("\n".join(misses) + "\n", encoding="utf-8")
    out = {k: (hits[k], totals[k]) for k in hits}
    out["refused"] = (refused, sum(len(r["docs"]) for r in rows))
    return out


async def linking(engine, rows: list[dict], wrong_file: Path | None = None,  # noqa: ANN001
                  unlinked_file: Path | None = None) -> dict[str, float | int]:
    from bot.app import open_app
    from bot.engine.errors import InputError
    from bot.engine.types import SourceInfo
    from bot.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db=str(Path(tmp) / "gva.db"))
        async with open_app(settings, engine=engine) as app:
            incident_of: dict[int, str] = {}
            stories_of: dict[str, set[int]] = {}

            async def check(row: dict, which: int, *, save: bool):  # noqa: ANN202
                doc = row["docs"][which]
                info = SourceInfo(title=doc.get("title"), outlet=f"{which}-{row['incident_id']}",
                                  published=_date(doc.get("dct")))
                try:
                    return await app.checker.check(await app.checker.read(article_text(doc), info), save=save)
                except InputError:
                    return None

            for row in rows:
                report = await check(row, 0, save=True)
                if report is None:
                    continue
                src = report.stored or report.seen_before
                if src is not None:
                    incident_of[src.id] = row["incident_id"]
                stories_of[row["incident_id"]] = {st.id for st in getattr(report, "stories", ()) if st.id}
            own = other = with_counts = linked = 0
            wrong: list[str] = []
            unlinked: list[str] = []
            for row in rows:
                if len(row["docs"]) < 2:
                    continue
                report = await check(row, 1, save=False)
                if report is None:
                    continue
                ids = {ev.stored.source.id for c in report.checks for ev in c.evidence}
                for c in report.checks:
                    for ev in c.evidence:
                        if incident_of.get(ev.stored.source.id) == row["incident_id"]:
                            own += 1
                        else:
                            other += 1
                            wrong.append(f"{row['incident_id']} <- {incident_of.get(ev.stored.source.id)} "
                                         f"{c.claim.measure} {c.claim.figure.text!r} | {row['docs'][1].get('title')!r} "
                                         f"| {ev.stored.source.info.title!r}")
                if any(c.claim.measure in KILLED | INJURED for c in report.checks):
                    with_counts += 1
                    checked_against = {st.id for st in getattr(report, "stories", ()) if st.id}
                    if stories_of.get(row["incident_id"]) or checked_against:
                        # stories exist: linked when checked against the story its first article joined
                        ok = bool(checked_against & stories_of.get(row["incident_id"], set()))
                    else:
                        ok = any(incident_of.get(i) == row["incident_id"] for i in ids)
                    linked += ok
                    if not ok:
                        first, second = row["docs"][0], row["docs"][1]
                        unlinked.append(f"{row['incident_id']} | {second.get('dct')} {second.get('title')!r} "
                                        f"| first: {first.get('dct')} {first.get('title')!r}")
    if wrong_file is not None:
        wrong_file.write_text("\n".join(wrong) + "\n", encoding="utf-8")
    if unlinked_file is not None:
        unlinked_file.write_text("\n".join(unlinked) + "\n", encoding="utf-8")
    total = own + other
    return {
        "evidence": total,
        "other_pct": 100.0 * other / total if total else 0.0,
        "with_counts": with_counts,
        "linked_pct": 100.0 * linked / with_counts if with_counts else 0.0,
    }


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="only the first N incidents")
    ap.add_argument("--misses", type=Path, default=None, help="write every missed count to this file")
    ap.add_argument("--wrong", type=Path, default=None, help="write every piece of evidence from another incident")
    ap.add_argument("--unlinked", type=Path, default=None,
                    help="write every second article not checked against its own first article's story")
    ap.add_argument("--skip-linking", action="store_true")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"No data at {args.data}: pass --data with the path of gva_dev.jsonl.", file=sys.stderr)
        return 2
    from bot.engine.pipeline import Engine
    from bot.settings import Settings

    rows = load(args.data, args.limit)
    t0 = time.perf_counter()
    engine = Engine.from_settings(Settings())
    r = recall(engine, rows, args.misses)
    t1 = time.perf_counter()
    (kh, kt), (ih, it), (rf, rn) = r["killed"], r["injured"], r["refused"]
    print(f"incidents {len(rows)}, articles {rn}, refused {rf}")
    print(f"killed recall   {kh}/{kt} ({100.0 * kh / max(1, kt):.1f}%)")
    print(f"injured recall  {ih}/{it} ({100.0 * ih / max(1, it):.1f}%)")
    print(f"  ({t1 - t0:.1f} s)")
    if not args.skip_linking:
        link = asyncio.run(linking(engine, rows, args.wrong, args.unlinked))
        print(f"evidence shown {link['evidence']}: from another incident {link['other_pct']:.1f}%")
        print(f"second articles with a killed/injured claim {link['with_counts']}: "
              f"linked to their own first article {link['linked_pct']:.1f}%")
        print(f"  ({time.perf_counter() - t1:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
