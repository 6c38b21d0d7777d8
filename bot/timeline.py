"""A figure's history as a chart: who reported what, when, how hedged.

:func:`render_timeline` draws stored claims as a PNG with matplotlib's object
API (a ``Figure`` on an Agg canvas; no pyplot, no global state, no display).
It is CPU work: the bot runs it with ``asyncio.to_thread``.

* x is the report's date: published, else posted, else stored;
* y is the figure: a point for an exact figure, a vertical bar for a range,
  and an arrow for a hedge ("at least 30" points up from 30, "up to 30" down);
* colour is the outlet (or the claimant when no outlet is known); the marker
  is the moderation status (confirmed, disputed, unreviewed...).

One chart shows one measure in one unit: :func:`pick_group` keeps the largest
such group of the claims given, and the title says which.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from bot.engine.errors import NotFound
from bot.engine.types import ClaimStatus, StoredClaim

if TYPE_CHECKING:
    from bot.engine.measures import MeasureVocab

#: statuses drawn, and how (marker, size scale, face filled)
STATUS_STYLE: dict[ClaimStatus, tuple[str, float, bool]] = {
    ClaimStatus.CONFIRMED: ("*", 1.6, True),
    ClaimStatus.UNREVIEWED: ("o", 1.0, True),
    ClaimStatus.DISPUTED: ("X", 1.2, True),
    ClaimStatus.SUPERSEDED: ("s", 0.9, False),
    ClaimStatus.RETRACTED: ("x", 1.0, True),
}
#: statuses never drawn: not a claim at all
HIDDEN = frozenset({ClaimStatus.NOT_A_CLAIM})
#: outlet colours (colour-blind safe, Okabe-Ito), then grey for the rest
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
OTHER_COLOUR = "#8C8C8C"
UNIT_LABELS = {"people": "people", "count": "count", "percent": "%", "pp": "percentage points"}
#: reports labelled with their figure text on the chart (more would crowd it)
MAX_LABELS = 12

TITLE_SIZE = 17
LABEL_SIZE = 14
TICK_SIZE = 12
LEGEND_SIZE = 11
NOTE_SIZE = 10
MARKER_SIZE = 13
LINE_WIDTH = 5


@dataclass(frozen=True, slots=True)
class TimelineGroup:
    """The claims of one measure and unit, drawn on one chart."""

    measure: str
    unit: str
    claims: tuple[StoredClaim, ...]
    #: how many claims were given in all (drawable ones, before picking a group)
    total: int


@dataclass(slots=True)
class Mark:
    """What was drawn for one report: its artists (marker, bar or arrow, label)."""

    claim_id: int
    kind: str  # "point", "range", "at least", "up to"
    artists: list[Artist] = field(default_factory=list)


def report_date(sc: StoredClaim) -> date:
    """When a claim was reported: its source's publication date, else when posted, else stored."""
    info = sc.source.info
    if info.published:
        return info.published
    if info.posted_at:
        return info.posted_at.date()
    return sc.source.created_at.date()


def _drawable(sc: StoredClaim) -> bool:
    fig = sc.claim.figure
    return sc.status not in HIDDEN and (fig.low is not None or fig.high is not None)


def query_measures(query: str, vocab: MeasureVocab) -> set[str]:
    """The measures a query names ("North Korean casualties" -> {"casualties"}), as /sources reads them."""
    out: set[str] = set()
    for w in re.findall(r"[a-z]+", query.lower()):
        lemma = w[:-1] if w.endswith("s") and w[:-1] in vocab.by_noun else w
        name = vocab.by_noun.get(lemma) or vocab.by_verb.get(lemma) or vocab.by_adjective.get(w)
        if name:
            out.add(name)
        if w in vocab.measures:
            out.add(w)
    return out


def pick_group(claims: Sequence[StoredClaim], prefer: Collection[str] = ()) -> TimelineGroup:
    """The largest group of claims sharing a measure and unit.

    Groups whose measure is in ``prefer`` (the measures the query names) come
    first; ties go to the group with the most recent report. Raises NotFound
    when no claim can be drawn.
    """
    drawable = [sc for sc in claims if _drawable(sc)]
    if not drawable:
        raise NotFound("No stored figure to draw for that query. Try other words, or store more articles.")
    counts = Counter((sc.claim.measure, sc.claim.figure.unit) for sc in drawable)
    latest: dict[tuple[str, str], date] = {}
    for sc in drawable:
        key = (sc.claim.measure, sc.claim.figure.unit)
        latest[key] = max(latest.get(key, date.min), report_date(sc))
    measure, unit = max(counts, key=lambda k: (k[0] in prefer, counts[k], latest[k]))
    chosen = tuple(
        sorted((sc for sc in drawable if (sc.claim.measure, sc.claim.figure.unit) == (measure, unit)),
               key=lambda sc: (report_date(sc), sc.id))
    )
    return TimelineGroup(measure=measure, unit=unit, claims=chosen, total=len(drawable))


def unit_label(unit: str) -> str:
    return UNIT_LABELS.get(unit, unit)


def chart_title(query: str, group: TimelineGroup, *, sep: str = ": ") -> str:
    """``“North Korean casualties”: killed (people) · 5 reports`` (and what was left out)."""
    n = len(group.claims)
    title = f"“{query}”{sep}{group.measure} ({unit_label(group.unit)}) · {n} report{'s' if n != 1 else ''}"
    if group.total > n:
        title += f" of {group.total}"
    return title


def who(sc: StoredClaim) -> str:
    """The colour key of a report: its outlet, else its claimant, else who posted it."""
    info = sc.source.info
    return info.outlet or sc.claim.claimant or info.title or info.poster or "unknown source"


def _colours(claims: Sequence[StoredClaim]) -> dict[str, str]:
    order = Counter(who(sc) for sc in claims).most_common()
    out: dict[str, str] = {}
    for i, (name, _) in enumerate(order):
        out[name] = PALETTE[i] if i < len(PALETTE) else OTHER_COLOUR
    return out


def _x_positions(claims: Sequence[StoredClaim]) -> list[datetime]:
    """Report dates, spread apart where several share a day (so none hides another)."""
    days = [report_date(sc) for sc in claims]
    span_hours = (max(days) - min(days)).days * 24
    step = max(10.0, span_hours * 0.025)
    seen: Counter[date] = Counter(days)
    placed: Counter[date] = Counter()
    out = []
    for day in days:
        n, k = seen[day], placed[day]
        placed[day] += 1
        offset = (k - (n - 1) / 2) * step if n > 1 else 0.0
        out.append(datetime.combine(day, time(12)) + timedelta(hours=offset))
    return out


def _y_span(claims: Sequence[StoredClaim]) -> tuple[float, float]:
    values = [v for sc in claims for v in (sc.claim.figure.low, sc.claim.figure.high) if v is not None]
    lo, hi = min(values), max(values)
    if lo == hi:
        lo, hi = (0.0, hi * 1.5) if hi > 0 else (hi - 1, hi + 1)
    return lo, hi


def _number(v: float) -> str:
    if abs(v) >= 1_000_000 and v % 100_000 == 0:
        return f"{v / 1_000_000:,.1f}m".replace(".0m", "m")
    return f"{v:,.0f}" if float(v).is_integer() or abs(v) >= 100 else f"{v:,.1f}"


def draw_timeline(fig: Figure, claims: Sequence[StoredClaim], *, title: str, measure: str,
                  unit: str) -> list[Mark]:
    """Draw ``claims`` (one measure and unit) on ``fig``; one :class:`Mark` per report."""
    ax = fig.add_subplot()
    colours = _colours(claims)
    xs = _x_positions(claims)
    lo, hi = _y_span(claims)
    arrow = (hi - min(lo, 0)) * 0.14
    label_them = len(claims) <= MAX_LABELS
    marks: list[Mark] = []
    right = date2num(max(xs)) - (date2num(max(xs)) - date2num(min(xs))) * 0.25
    for sc, x in zip(claims, xs, strict=True):
        at = date2num(x)
        marks.append(_draw_report(ax, sc, at, colours[who(sc)], arrow, label=label_them,
                                  label_left=len(claims) > 1 and at > right))
    _style_axes(ax, xs, lo, hi, arrow, title=title, measure=measure, unit=unit)
    _legends(ax, claims, colours)
    return marks


def _draw_report(ax, sc: StoredClaim, x: float, colour: str, arrow: float, *, label: bool,  # noqa: ANN001
                 label_left: bool = False) -> Mark:
    fig = sc.claim.figure
    marker, scale, filled = STATUS_STYLE.get(sc.status, ("o", 1.0, True))
    size = MARKER_SIZE * scale
    alpha = 0.45 if sc.status in (ClaimStatus.RETRACTED, ClaimStatus.SUPERSEDED) else 0.95
    artists: list[Artist] = []
    low, high = fig.low, fig.high
    if low is not None and high is not None and high > low:
        kind, y = "range", (low + high) / 2
        artists.extend(ax.plot([x, x], [low, high], color=colour, lw=LINE_WIDTH, alpha=alpha * 0.6,
                               solid_capstyle="butt"))
        artists.extend(ax.plot([x, x], [low, high], ls="none", marker="_", ms=size * 1.4,
                               mew=3, color=colour, alpha=alpha))
    elif low is not None and high is None:
        kind, y = "at least", low
        artists.append(_hedge_arrow(ax, x, low, low + arrow, colour, alpha))
    elif high is not None and low is None:
        kind, y = "up to", high
        artists.append(_hedge_arrow(ax, x, high, max(high - arrow, 0.0), colour, alpha))
    elif low is not None:
        kind, y = "point", low
    else:  # no bound at all: nothing to place (it used to fail on None + arrow)
        raise ValueError(f"figure {fig.text!r} has no bound to chart")
    artists.extend(ax.plot([x], [y], ls="none", marker=marker, ms=size, color=colour, alpha=alpha,
                           mfc=colour if filled else "white", mec="white" if filled else colour,
                           mew=1.5 if filled else 2.5, zorder=4))
    if label:
        text = ax.annotate(_short_name(fig.text, 24), (x, y), xytext=(-12 if label_left else 12, 0),
                           textcoords="offset points", ha="right" if label_left else "left", va="center",
                           fontsize=NOTE_SIZE, color="#333333", zorder=3.5,
                           bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
        text.set_in_layout(False)  # a label never shrinks the chart
        artists.append(text)
    return Mark(claim_id=sc.id, kind=kind, artists=artists)


def _hedge_arrow(ax, x: float, start: float, end: float, colour: str, alpha: float) -> Artist:  # noqa: ANN001
    """An open-ended bar: "at least" points up from the figure, "up to" down."""
    return ax.annotate(
        "", xy=(x, end), xytext=(x, start),
        arrowprops={"arrowstyle": "-|>,head_width=0.5,head_length=0.8", "color": colour, "lw": LINE_WIDTH - 1,
                    "alpha": alpha * 0.7, "shrinkA": 0, "shrinkB": 0},
        zorder=3,
    )


def _style_axes(ax, xs: Sequence[datetime], lo: float, hi: float, arrow: float, *, title: str,  # noqa: ANN001
                measure: str, unit: str) -> None:
    first, last = min(xs), max(xs)
    pad = max((last - first) * 0.08, timedelta(days=2))
    start, end = first - pad, last + pad * 2.5
    ax.set_xlim(date2num(start), date2num(end))
    bottom = 0.0 if lo >= 0 else lo - arrow
    ax.set_ylim(bottom, hi + arrow * 1.3)
    locator = AutoDateLocator(minticks=4, maxticks=7)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(
        locator,
        formats=["%Y", "%b", "%-d %b", "%H:%M", "%H:%M", "%S.%f"],
        zero_formats=["", "%Y", "%-d %b", "%-d %b", "%H:%M", "%H:%M"],
        show_offset=False,
    ))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _number(v)))
    ax.tick_params(labelsize=TICK_SIZE, length=6, width=1.5)
    ax.xaxis.get_offset_text().set_fontsize(TICK_SIZE)
    ax.grid(axis="y", color="#DDDDDD", lw=1)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(title, fontsize=TITLE_SIZE, loc="left", pad=12, wrap=True)
    ax.set_ylabel(f"{measure} ({unit_label(unit)})", fontsize=LABEL_SIZE)
    years = sorted({start.year, end.year})
    ax.set_xlabel(f"date reported ({'–'.join(str(y) for y in years)})", fontsize=LABEL_SIZE)


def _legends(ax, claims: Sequence[StoredClaim], colours: dict[str, str]) -> None:  # noqa: ANN001
    shown = list(colours.items())[: len(PALETTE)]
    others = len(colours) - len(shown)
    handles = [Line2D([], [], ls="none", marker="o", ms=11, color=c, label=_short_name(name)) for name, c in shown]
    if others:
        handles.append(Line2D([], [], ls="none", marker="o", ms=11, color=OTHER_COLOUR, label=f"{others} more"))
    fig = ax.figure
    fig.legend(handles=handles, title="Reported by", loc="outside right upper", fontsize=LEGEND_SIZE,
               title_fontsize=LEGEND_SIZE, frameon=False, alignment="left")
    statuses = [s for s in STATUS_STYLE if any(sc.status is s for sc in claims)]
    kinds = {_kind(sc) for sc in claims}
    status_handles = []
    for s in statuses:
        marker, scale, filled = STATUS_STYLE[s]
        status_handles.append(Line2D([], [], ls="none", marker=marker, ms=10 * scale, color="#555555",
                                     mfc="#555555" if filled else "white", label=s.value.replace("_", " ")))
    if "at least" in kinds:
        status_handles.append(Line2D([], [], color="#555555", lw=3, marker="^", ms=9, label="at least (↑ open)"))
    if "up to" in kinds:
        status_handles.append(Line2D([], [], color="#555555", lw=3, marker="v", ms=9, label="up to (↓ open)"))
    if "range" in kinds:
        status_handles.append(Line2D([], [], color="#555555", lw=LINE_WIDTH, alpha=0.6, label="range"))
    fig.legend(handles=status_handles, title="Status · hedge", loc="outside right lower", fontsize=LEGEND_SIZE,
               title_fontsize=LEGEND_SIZE, frameon=False, alignment="left")


def _short_name(name: str, limit: int = 22) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _kind(sc: StoredClaim) -> str:
    fig = sc.claim.figure
    if fig.low is not None and fig.high is not None:
        return "range" if fig.high > fig.low else "point"
    return "at least" if fig.high is None else "up to"


def new_figure(width_px: int, height_px: int, dpi: int) -> Figure:
    """A figure of exactly ``width_px`` × ``height_px`` pixels at ``dpi``."""
    return Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi, layout="constrained",
                  facecolor="white")


def render_timeline(claims: Sequence[StoredClaim], *, title: str, width_px: int = 1200, height_px: int = 800,
                    dpi: int = 150, prefer: Collection[str] = ()) -> bytes:
    """The PNG of a figure's history: the largest measure-and-unit group of ``claims``.

    ``title`` leads the chart's title; the measure, unit and report count
    follow it; ``prefer`` names the measures to draw first (see
    :func:`pick_group`). Raises NotFound when nothing can be drawn.
    """
    group = pick_group(claims, prefer)
    fig = new_figure(width_px, height_px, dpi)
    draw_timeline(fig, group.claims, title=chart_title(title, group, sep="\n"), measure=group.measure,
                  unit=group.unit)
    buf = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buf)
    return buf.getvalue()
