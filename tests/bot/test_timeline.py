"""The timeline chart: a real PNG of the right size, one mark per report, one measure per chart."""

from __future__ import annotations

import struct
from datetime import UTC, date, datetime

import pytest
from matplotlib.lines import Line2D
from matplotlib.text import Annotation

from bot.engine.errors import NotFound
from bot.engine.types import Claim, ClaimStatus, Figure, SourceInfo, StoredClaim, StoredSource
from bot.timeline import (
    chart_title,
    draw_timeline,
    new_figure,
    pick_group,
    query_measures,
    render_timeline,
    report_date,
)

STORED_AT = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)


def stored(cid: int, text: str, low: float | None, high: float | None, *, outlet: str | None = "Valley Courier",
           published: date | None = date(2026, 1, 10), measure: str = "evacuated", unit: str = "people",
           status: ClaimStatus = ClaimStatus.UNREVIEWED, posted_at: datetime | None = None,
           qualifier: str | None = None) -> StoredClaim:
    claim = Claim(sentence=f"Officials said {text} residents were {measure}.",
                  figure=Figure(text=text, low=low, high=high, qualifier=qualifier, unit=unit),
                  measure=measure, subject="river town residents", claimant="officials")
    info = SourceInfo(workspace="w", outlet=outlet, published=published, posted_at=posted_at)
    return StoredClaim(id=cid, claim=claim, source=StoredSource(id=cid, info=info, created_at=STORED_AT),
                       status=status)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


FLOOD = [
    stored(1, "at least 300", 300, None, outlet="Valley Courier", published=date(2026, 1, 10), qualifier="at least"),
    stored(2, "450", 450, 450, outlet="River Radio", published=date(2026, 1, 11), status=ClaimStatus.CONFIRMED),
    stored(3, "between 400 and 600", 400, 600, outlet="Hill Gazette", published=date(2026, 1, 13)),
    stored(4, "up to 900", None, 900, outlet="River Radio", published=date(2026, 1, 13), qualifier="up to",
           status=ClaimStatus.DISPUTED),
    stored(5, "about 700", 700, 700, outlet="Valley Courier", published=None,
           posted_at=datetime(2026, 1, 20, 8, tzinfo=UTC)),
]


def test_png_has_the_signature_and_the_pixel_size_asked_for():
    data = render_timeline(FLOOD, title="flood evacuations")
    assert png_size(data) == (1200, 800)
    small = render_timeline(FLOOD, title="flood evacuations", width_px=640, height_px=480, dpi=100)
    assert png_size(small) == (640, 480)


def test_one_mark_per_report_with_the_shape_of_its_hedge():
    fig = new_figure(1200, 800, 150)
    marks = draw_timeline(fig, FLOOD, title="t", measure="evacuated", unit="people")
    assert [m.claim_id for m in marks] == [1, 2, 3, 4, 5]
    assert [m.kind for m in marks] == ["at least", "point", "range", "up to", "point"]
    ax = fig.axes[0]
    for mark in marks:
        assert mark.artists, mark
        assert all(a.axes is ax for a in mark.artists)
    # hedges are arrows pointing away from the figure: up for "at least", down for "up to"
    up = next(a for a in marks[0].artists if isinstance(a, Annotation) and a.arrow_patch is not None)
    down = next(a for a in marks[3].artists if isinstance(a, Annotation) and a.arrow_patch is not None)
    assert up.xy[1] > up.xyann[1] == 300
    assert down.xy[1] < down.xyann[1] == 900
    # a range is a bar from its low to its high
    bar = next(a for a in marks[2].artists if isinstance(a, Line2D) and a.get_linestyle() == "-")
    assert sorted(bar.get_ydata()) == [400, 600]
    # the markers follow the status
    def marker(i: int) -> str:
        return next(a for a in marks[i].artists if isinstance(a, Line2D) and a.get_linestyle() == "None").get_marker()
    assert (marker(1), marker(3), marker(4)) == ("*", "X", "o")


def test_axes_are_labelled_with_measure_and_unit_and_dated():
    fig = new_figure(1200, 800, 150)
    draw_timeline(fig, FLOOD, title="Evacuations", measure="evacuated", unit="people")
    ax = fig.axes[0]
    assert ax.get_ylabel() == "evacuated (people)"
    assert ax.get_title(loc="left") == "Evacuations"
    assert sum(len(leg.get_texts()) for leg in fig.legends) >= 7  # outlets, statuses and hedges
    assert ax.get_ylim()[0] == 0
    assert len(ax.get_yticks()) <= 7


def test_report_date_prefers_published_then_posted_then_stored():
    assert report_date(FLOOD[0]) == date(2026, 1, 10)
    assert report_date(FLOOD[4]) == date(2026, 1, 20)
    assert report_date(stored(9, "5", 5, 5, published=None)) == STORED_AT.date()


def test_one_chart_shows_the_largest_measure_and_unit_group_and_says_so():
    mixed = [
        *FLOOD,
        stored(10, "2 million euros", 2000000.0, 2000000.0, measure="cost", unit="EUR"),
        stored(11, "12", 12, 12, measure="injured"),
        stored(12, "80%", 80, 80, unit="percent"),
        stored(13, "600", 600, 600, status=ClaimStatus.NOT_A_CLAIM),
    ]
    group = pick_group(mixed)
    assert (group.measure, group.unit) == ("evacuated", "people")
    assert [sc.id for sc in group.claims] == [1, 2, 3, 4, 5]  # not_a_claim is never drawn
    assert group.total == 8
    assert chart_title("flood", group) == "“flood”: evacuated (people) · 5 reports of 8"
    fig = new_figure(1200, 800, 150)
    marks = draw_timeline(fig, group.claims, title="x", measure=group.measure, unit=group.unit)
    assert len(marks) == 5


def test_nothing_to_draw_is_not_found():
    with pytest.raises(NotFound):
        render_timeline([stored(1, "600", 600, 600, status=ClaimStatus.NOT_A_CLAIM)], title="x")
    with pytest.raises(NotFound):
        pick_group([])


def test_a_single_report_still_draws():
    data = render_timeline([FLOOD[1]], title="one report")
    assert png_size(data) == (1200, 800)


def test_the_measure_the_query_names_wins_over_a_larger_group():
    from bot.engine.measures import MeasureVocab

    assert "casualties" in query_measures("North Korean casualties", MeasureVocab.load())
    mixed = [*FLOOD, stored(20, "12", 12, 12, measure="injured"), stored(21, "14", 14, 14, measure="injured")]
    assert pick_group(mixed).measure == "evacuated"
    group = pick_group(mixed, prefer={"injured"})
    assert (group.measure, [sc.id for sc in group.claims]) == ("injured", [20, 21])


@pytest.mark.slow
def test_cli_timeline_draws_what_was_ingested(settings, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from bot.cli import app
    from tests.helpers import BARRIER, BARRIER_CRITICS

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for name, text, outlet, day in (("a.txt", BARRIER, "Valley Courier", "2026-03-02"),
                                    ("b.txt", BARRIER_CRITICS, "Hill Gazette", "2026-03-05")):
        (tmp_path / name).write_text(text)
        result = runner.invoke(app, ["ingest", name, "--db", settings.db, "--outlet", outlet, "--published", day])
        assert result.exit_code == 0, result.output
    out = tmp_path / "workers.png"
    result = runner.invoke(app, ["timeline", "barrier workers", "--db", settings.db, "--out", str(out),
                                 "--width", "800", "--height", "600"])
    assert result.exit_code == 0, result.output
    assert png_size(out.read_bytes()) == (800, 600)
    assert "2 reports" in result.output
    nothing = runner.invoke(app, ["timeline", "volcano ash", "--db", settings.db, "--out", str(out)])
    assert nothing.exit_code == 1
    assert "No stored figure" in nothing.output
    wrong = runner.invoke(app, ["timeline", "barrier", "--db", settings.db, "--out", str(tmp_path / "x.jpg")])
    assert wrong.exit_code == 2
    assert ".png" in wrong.output
