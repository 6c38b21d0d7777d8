"""Rendering stories and capped evidence: the text table, the JSON and Discord."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

from rich.console import Console

from bot.engine.checker import build_dossier
from bot.engine.types import (
    ArticleReport,
    Claim,
    ClaimStatus,
    Figure,
    SourceInfo,
    StoredClaim,
    StoredSource,
    Story,
)
from bot.engine.verdicts import VerdictPolicy, judge
from bot.render.dossier import dossier_embed, dossier_json, print_dossier
from bot.render.limits import limit_violations
from bot.render.reports import claim_block, report_pages
from bot.render.text import print_report, report_json

STORY = Story(id=7, workspace="w", name="Flood in the Orra valley", first_day=date(2026, 3, 2),
              last_day=date(2026, 3, 4), n_articles=3)


def claim(value: float, claimant: str | None = None, measure: str = "killed") -> Claim:
    sentence = f"Officials said {value:g} people were {measure}."
    return Claim(sentence=sentence, figure=Figure(text=f"{value:g}", low=value, high=value), measure=measure,
                 subject="people", claimant=claimant, start=0, end=len(sentence), figure_start=15,
                 figure_end=15 + len(f"{value:g}"))


def stored(i: int, c: Claim, day: date) -> StoredClaim:
    src = StoredSource(id=i, info=SourceInfo(workspace="w", outlet=f"Paper {i}", published=day, text_hash=f"h{i}"),
                       created_at=datetime(2026, 3, 5, tzinfo=UTC))
    return StoredClaim(id=i, claim=c, source=src, status=ClaimStatus.UNREVIEWED)


def capped_report() -> ArticleReport:
    old = [stored(i, claim(100 + i), date(2026, 3, 3)) for i in range(1, 301)]
    check = judge(claim(50), old, policy=VerdictPolicy(), published=date(2026, 3, 4), story_places=())
    return ArticleReport(source=SourceInfo(workspace="w", title="Toll rises"), checks=(check,), stories=(STORY,))


def test_the_conflicts_beyond_the_cap_are_summarised_in_json_text_and_discord():
    report = capped_report()
    data = json.loads(report_json(report))
    (c,) = data["claims"]
    assert len(c["evidence"]) == 10
    assert c["conflicts"] == {"count": 300, "not_shown": 290, "lowest": c["conflicts"]["lowest"],
                              "highest": c["conflicts"]["highest"]}
    assert (c["conflicts"]["lowest"]["low"], c["conflicts"]["highest"]["high"]) == (101, 400)
    assert data["story"] == {"id": 7, "name": "Flood in the Orra valley", "first_day": "2026-03-02",
                             "last_day": "2026-03-04", "articles": 3, "new": False}
    out = io.StringIO()
    print_report(Console(file=out, width=200), report)
    text = out.getvalue()
    assert "300 conflicting reports in all, from 101 to 400 (290 not listed)" in text
    assert "checked against story #7: Flood in the Orra valley" in text
    block = claim_block(report.checks[0])
    assert "300 conflicting reports in all" in block
    pages = report_pages(report)
    assert "story #7" in pages[0].embeds[0].footer.text
    assert not limit_violations(None, pages[0].embeds)


def test_the_dossier_renders_every_measure_newest_first():
    claims = [stored(1, claim(19, "the governor"), date(2026, 3, 2)), stored(2, claim(23), date(2026, 3, 4)),
              stored(3, claim(2400, measure="evacuated"), date(2026, 3, 3))]
    dossier = build_dossier(STORY, [c.source for c in claims], claims)
    assert [r.measure for r in dossier.rows] == ["killed", "evacuated"]
    assert [sc.claim.figure.low for sc in dossier.rows[0].claims] == [23, 19]
    out = io.StringIO()
    print_dossier(Console(file=out, width=160), dossier)
    text = out.getvalue()
    assert "Story #7: Flood in the Orra valley" in text
    assert "the governor" in text
    assert text.index("23 (= 23)") < text.index("19 (= 19)")
    embed = dossier_embed(dossier, chart_name="story.png")
    assert [f.name for f in embed.fields] == ["killed", "evacuated"]
    assert embed.image.url == "attachment://story.png"
    assert not limit_violations(None, [embed])
    assert json.loads(dossier_json(dossier))["measures"][1]["reports"][0]["figure"]["low"] == 2400
