"""Discord rendering: verdict embeds, /sources pages, Discord's limits, no pings, pagination."""

from __future__ import annotations

import random
import re
from collections import OrderedDict
from datetime import UTC, date, datetime

import discord
import pytest

from bot.engine.types import (
    ArticleReport,
    Claim,
    ClaimCheck,
    ClaimStatus,
    Evidence,
    Figure,
    SourceInfo,
    StoredClaim,
    StoredSource,
    Verdict,
)
from bot.render.common import MARKS
from bot.render.limits import ELLIPSIS, Page, escape, fit_message, limit_violations, truncate
from bot.render.reports import COLOURS, claim_block, report_pages, verdict_counts
from bot.render.sources import sources_pages

HOSTILE = "**bold** _it_ @everyone @here <@123> <@&456> <#789> [masked](http://x) `code` ||spoiler|| \\"
WHEN = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def figure(text: str = "at least 30", low: float | None = 30, high: float | None = None) -> Figure:
    return Figure(text=text, low=low, high=high, qualifier="at least" if high is None else None)


def claim(text: str = "at least 30", *, subject: str = "soldiers", measure: str = "killed",
          claimant: str | None = "the defence ministry", start: int = 0) -> Claim:
    return Claim(sentence=f"{text} {subject} were {measure}.", figure=figure(text), measure=measure,
                 subject=subject, claimant=claimant, start=start)


def stored(c: Claim, *, sid: int = 1, outlet: str | None = "Daily Bugle", url: str | None = "https://bugle.example/a",
           poster: str | None = None, message_link: str | None = None, published: date | None = date(2026, 3, 1),
           status: ClaimStatus = ClaimStatus.UNREVIEWED) -> StoredClaim:
    info = SourceInfo(workspace="1", url=url, outlet=outlet, poster=poster, message_link=message_link,
                      published=published)
    return StoredClaim(id=sid, claim=c, source=StoredSource(id=sid, info=info, created_at=WHEN), status=status)


def report(*checks: ClaimCheck, title: str | None = "Flood toll rises", url: str | None = "https://news.example/flood",
           seen: StoredSource | None = None) -> ArticleReport:
    info = SourceInfo(workspace="1", title=title, url=url, outlet="Valley Times")
    return ArticleReport(source=info, checks=tuple(checks), seen_before=seen)


def every_page_ok(pages: list[Page]) -> None:
    for p in pages:
        assert limit_violations(p.content, p.embeds) == [], limit_violations(p.content, p.embeds)


def visible_text(page: Page) -> str:
    parts = [page.content or ""]
    for e in page.embeds:
        parts += [e.title or "", e.description or "", e.footer.text or "", e.author.name or ""]
        for f in e.fields:
            parts += [f.name, f.value]
    return "\n".join(parts)


def assert_no_pings(text: str) -> None:
    assert "@everyone" not in text
    assert "@here" not in text
    assert not re.search(r"<@[!&]?\d+>", text)
    assert not re.search(r"<#\d+>", text)
    # a masked link whose label came from the article: "[masked](" unescaped
    assert not re.search(r"(?<!\\)\[masked\]\(", text)


# -- the worst case -----------------------------------------------------------------


def worst_case_report() -> ArticleReport:
    long_outlet = "The Extremely Long-Named Regional Broadcasting Corporation of the Northern Valleys " * 3 + HOSTILE
    checks = []
    for i in range(40):
        c = claim(f"at least {i + 1} {HOSTILE}", subject=f"soldiers {HOSTILE} " * 3, claimant=f"officials {HOSTILE}",
                  start=i)
        evidence = tuple(
            Evidence(
                stored=stored(claim(f"{j} {HOSTILE}", claimant=HOSTILE), sid=j + 1, outlet=long_outlet,
                              url=f"https://example.com/{HOSTILE}/{j}" if j % 2 else None,
                              message_link=f"https://discord.com/channels/1/2/{j}"),
                relation=Verdict.CONFLICTING if j % 3 else Verdict.MATCHING,
                note=f"note {HOSTILE}",
            )
            for j in range(10)
        )
        checks.append(ClaimCheck(claim=c, verdict=[Verdict.MATCHING, Verdict.CONFLICTING, Verdict.UNVERIFIED][i % 3],
                                 evidence=evidence, note=f"higher than reports {HOSTILE}"))
    return report(*checks, title=("Title " + HOSTILE) * 30)


def test_worst_case_report_stays_within_every_discord_limit_and_pings_nobody():
    pages = report_pages(worst_case_report())
    assert len(pages) > 1
    every_page_ok(pages)
    for i, p in enumerate(pages, start=1):
        assert len(p.embeds) == 1
        assert p.embeds[0].footer.text.endswith(f"page {i}/{len(pages)}")
        assert_no_pings(visible_text(p))
        assert p.kwargs()["allowed_mentions"].to_dict() == {"parse": []}
    # every one of the 40 claims is shown on some page
    shown = "\n".join(p.embeds[0].description for p in pages)
    assert shown.count(MARKS[Verdict.MATCHING]) + shown.count(MARKS[Verdict.CONFLICTING]) \
        + shown.count(MARKS[Verdict.UNVERIFIED]) >= 40
    assert re.search(r"and [6-9] more earlier reports", shown)


def test_worst_case_fits_even_as_ten_embeds_in_one_message():
    pages = report_pages(worst_case_report())
    embeds = [e for p in pages for e in p.embeds] * 3
    content = ("x" * 3000) + HOSTILE
    fitted_content, fitted = fit_message(content, embeds)
    assert limit_violations(fitted_content, fitted) == []
    assert len(fitted) == 10
    assert sum(len(e) for e in fitted) <= 6000
    assert fitted_content.endswith(ELLIPSIS)


def test_fit_message_cuts_fields_footer_and_author():
    e = discord.Embed(title="t" * 300, description="d" * 5000)
    for _ in range(30):
        e.add_field(name="n" * 300, value="v" * 2000)
    e.set_footer(text="f" * 3000)
    e.set_author(name="a" * 300)
    content, [out] = fit_message(None, [e])
    assert limit_violations(content, [out]) == []
    assert len(out.title) == 256
    assert out.title.endswith(ELLIPSIS)


# -- escaping and truncation ------------------------------------------------------------


def test_escape_neutralises_markdown_mentions_and_masked_links():
    out = escape(HOSTILE + "\nsecond line")
    assert_no_pings(out)
    assert "\\*\\*bold\\*\\*" in out
    assert "\n" not in out
    assert "\\[masked\\](http://x)" in out


def test_escape_keeps_plain_text_readable():
    assert escape("Ukrainian intelligence") == "Ukrainian intelligence"
    assert escape(None) == ""


@pytest.mark.parametrize("seed", range(5))
def test_truncate_never_cuts_inside_a_link_or_an_escape(seed):
    rng = random.Random(seed)
    text = " ".join(
        rng.choice(["word", "[Reuters](https://reuters.example/a/b)", "\\*", "<https://x.example/y>", "**bold**"])
        for _ in range(200)
    )
    for limit in range(5, 400, 7):
        out = truncate(text, limit)
        assert len(out) <= limit
        if out == text:
            continue
        assert out.endswith((ELLIPSIS, ELLIPSIS + "**"))
        body = out.removesuffix("**").removesuffix(ELLIPSIS)
        # every "[" that starts a link in the result is a whole link
        assert body.count("[Reuters](") == body.count("[Reuters](https://reuters.example/a/b)")
        assert body.count("<https://") == body.count("<https://x.example/y>")
        trailing = len(body) - len(body.rstrip("\\"))
        assert trailing % 2 == 0


def test_truncate_leaves_short_text_alone_and_closes_bold():
    assert truncate("short", 10) == "short"
    out = truncate("**a long bold phrase**", 12)
    assert out.endswith("…**")
    assert len(out) <= 12


# -- article reports ------------------------------------------------------------------------


def test_one_embed_per_article_coloured_by_worst_verdict_with_counts():
    checks = [
        ClaimCheck(claim=claim("12", start=1), verdict=Verdict.MATCHING,
                   evidence=(Evidence(stored=stored(claim("12")), relation=Verdict.MATCHING),)),
        ClaimCheck(claim=claim("65 million euros", subject="the barrier", measure="cost", start=2),
                   verdict=Verdict.CONFLICTING,
                   evidence=(Evidence(stored=stored(claim("40 million euros")), relation=Verdict.CONFLICTING),),
                   note="higher than reports from 3 days earlier"),
        ClaimCheck(claim=claim("4,000", subject="residents", measure="displaced", start=3),
                   verdict=Verdict.UNVERIFIED),
    ]
    [page] = report_pages(report(*checks))
    [e] = page.embeds
    assert e.colour == COLOURS[Verdict.CONFLICTING]
    assert e.title == "Flood toll rises"
    assert e.url == "https://news.example/flood"
    assert e.footer.text == "1 match · 1 conflict · 1 unverified"
    assert e.author.name.startswith("Valley Times")
    lines = e.description.splitlines()
    assert lines[0].startswith("⚠️ **65 million euros** · cost · the barrier — *the defence ministry*")
    assert "conflicts with [Daily Bugle](https://bugle.example/a), 1 Mar 2026: **40 million euros**" in lines[1]
    assert "_higher than reports from 3 days earlier_" in lines[2]
    assert "❔ **4,000** · displaced · residents" in e.description
    assert "✅ **12** · killed · soldiers" in e.description


@pytest.mark.parametrize(
    ("verdicts", "colour"),
    [
        ([Verdict.MATCHING], COLOURS[Verdict.MATCHING]),
        ([Verdict.MATCHING, Verdict.UNVERIFIED], COLOURS[Verdict.UNVERIFIED]),
        ([Verdict.UNVERIFIED, Verdict.CONFLICTING, Verdict.MATCHING], COLOURS[Verdict.CONFLICTING]),
    ],
)
def test_colour_follows_the_worst_verdict(verdicts, colour):
    checks = [ClaimCheck(claim=claim(str(i + 1)), verdict=v) for i, v in enumerate(verdicts)]
    assert report_pages(report(*checks))[0].embeds[0].colour == colour


def test_pasted_article_title_seen_before_and_message_link_evidence():
    ev = Evidence(stored=stored(claim("30"), outlet=None, url=None, poster="alice",
                                message_link="https://discord.com/channels/1/2/3", published=None),
                  relation=Verdict.MATCHING)
    seen = StoredSource(id=9, info=SourceInfo(workspace="1"), created_at=datetime(2026, 2, 27, tzinfo=UTC))
    [page] = report_pages(report(ClaimCheck(claim=claim("30"), verdict=Verdict.MATCHING, evidence=(ev,)),
                                 title=None, url=None, seen=seen))
    [e] = page.embeds
    assert e.title == "Pasted article"
    assert e.url is None
    assert "[posted by alice](https://discord.com/channels/1/2/3), 2 Mar 2026" in e.description
    assert e.footer.text == "1 match · seen before on 27 Feb 2026"


def test_evidence_status_and_more_reports_line():
    evs = tuple(Evidence(stored=stored(claim("30"), sid=i, status=ClaimStatus.DISPUTED), relation=Verdict.MATCHING)
                for i in range(6))
    block = claim_block(ClaimCheck(claim=claim("30"), verdict=Verdict.MATCHING, evidence=evs))
    assert block.count("· disputed") == 4
    assert block.splitlines()[-1].endswith("and 2 more earlier reports")


def test_no_claims_no_pages():
    assert report_pages(report()) == []
    assert verdict_counts(report()) == "no claims"


def test_unsafe_urls_are_dropped():
    [page] = report_pages(report(ClaimCheck(claim=claim(), verdict=Verdict.UNVERIFIED), url="javascript:alert(1)"))
    assert page.embeds[0].url is None


# -- /sources ----------------------------------------------------------------------------------


def test_sources_pages_group_by_measure_and_page():
    groups = OrderedDict(
        killed=[stored(claim(str(n)), sid=n) for n in range(20, 5, -1)],
        cost=[stored(claim("65 million euros", measure="cost", subject="barrier"), sid=99)],
    )
    pages = sources_pages("floods @everyone", groups, per_page=10)
    every_page_ok(pages)
    assert len(pages) == 2
    first, second = (p.embeds[0] for p in pages)
    assert first.title == "Stored claims about “floods @\u200beveryone”"
    assert first.description.startswith("**killed**\n• **20** · soldiers — *the defence ministry* · [Daily Bugle]")
    assert first.description.count("• ") == 10
    assert second.description.startswith("**killed** (continued)")
    assert "**cost**\n• **65 million euros** · barrier" in second.description
    assert first.footer.text == "16 claims · newest first · page 1/2"
    assert sources_pages("x", OrderedDict()) == []
