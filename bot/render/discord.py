"""Discord replies: verdicts and stored claims as embeds, within Discord's limits.

Everything here is a pure function of engine results (``ArticleReport``,
``StoredClaim``) to :class:`Page` objects (message content plus embeds), so it
is tested without Discord. Three rules hold for every page produced:

* **Discord's limits are never exceeded.** :func:`fit_message` enforces them
  centrally (per field, 6,000 characters across a message's embeds, 10 embeds,
  2,000 characters of content); :func:`limit_violations` checks them.
  Truncation ends with "…" and never cuts inside a markdown link, an
  ``<...>`` token or a backslash escape.
* **Nothing pings.** All text from articles and users goes through
  :func:`escape`, which escapes markdown and neutralises ``@everyone``,
  ``@here``, user/role/channel mentions and masked links. Senders must still
  pass ``allowed_mentions=discord.AllowedMentions.none()``.
* **An editor reads it at a glance.** One embed per article, coloured by its
  worst verdict; a line per claim with a verdict mark and the figure in bold;
  the earlier reports under it; counts in the footer.

:class:`Paginator` is the button view that pages through long replies.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

import discord

from bot.engine.types import (
    ArticleReport,
    ClaimCheck,
    ClaimStatus,
    Evidence,
    SourceInfo,
    StoredClaim,
    Verdict,
)
from bot.render.common import MARKS, STATUS_MARKS, conflicts_text, source_date, source_name, story_text

log = logging.getLogger(__name__)

# -- Discord's limits ------------------------------------------------------------

CONTENT_LIMIT = 2_000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4_096
FIELD_COUNT_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1_024
FOOTER_LIMIT = 2_048
AUTHOR_LIMIT = 256
TOTAL_EMBED_LIMIT = 6_000
EMBEDS_PER_MESSAGE = 10
URL_LIMIT = 2_048

ELLIPSIS = "…"
ZWSP = "\u200b"

# -- look ---------------------------------------------------------------------------

COLOURS: dict[Verdict | None, discord.Colour] = {
    Verdict.MATCHING: discord.Colour(0x2ECC71),
    Verdict.UNVERIFIED: discord.Colour(0x5B8DEF),
    Verdict.CONFLICTING: discord.Colour(0xE74C3C),
    None: discord.Colour(0x95A5A6),
}
RELATION_WORDS: dict[Verdict, str] = {
    Verdict.MATCHING: "matches",
    Verdict.CONFLICTING: "conflicts with",
    Verdict.UNVERIFIED: "compared with",
}
INDENT = "\u2003↳ "
#: outlet grades worth showing beside evidence ("unrated" says nothing)
SHOWN_GRADES = ("reliable", "generally reliable", "mixed", "unreliable")

#: description characters per page; leaves room for title, author and footer in 6,000
PAGE_BUDGET = 3_800
#: earlier reports shown under one claim before "and N more"
MAX_EVIDENCE = 4
#: longest block for one claim (the claim line, its evidence and its note)
MAX_CLAIM_BLOCK = 1_500
#: stored claims per page of /sources
SOURCES_PER_PAGE = 12
#: longest shown piece of each kind (after escaping), so one long name cannot crowd out the rest
SHORT = {"figure": 60, "measure": 40, "subject": 120, "claimant": 80, "source": 60, "note": 160}


# -- escaping and truncation --------------------------------------------------------

_WS = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_ANGLE_MENTION = re.compile(r"<(?=[@#/:]|a?:|t:)")
#: spans a cut must not fall inside: markdown links, <...> tokens, bare URLs, backslash escapes
_PROTECTED = re.compile(r"\\.|\[[^\[\]\n]*\]\([^()\s]*\)|<[^<>\s]+>|https?://\S+", re.DOTALL)
_BOLD = re.compile(r"(?<!\\)\*\*")
_URL_IN_TEXT = re.compile(r"https?://[^\s<>]+", re.IGNORECASE)
_MARKDOWN_CHAR = re.compile(r"([\\*_~|`\[\]])")
_LINE_START = re.compile(r"(?m)^(\s*)([#>\-+]|\d+\.)")


def escape(text: object, *, single_line: bool = True) -> str:
    """``text`` safe to show: markdown escaped, mentions and masked links neutralised.

    Every inline markdown character (``\\ * _ ~ | ` [ ]``) outside URLs gets a
    backslash, one by one: ``discord.utils.escape_markdown`` escapes a whole
    ``[...](...)`` span with a single backslash and leaves the markdown inside
    it live, which an article can abuse. URLs are left whole so they still
    link. ``@`` is always followed by a zero-width space (as
    ``discord.utils.escape_mentions`` does for ``@everyone``), so neither
    ``@everyone``, ``@here`` nor ``<@123>`` / ``<@&123>`` can mention anyone
    even where a sender forgot ``allowed_mentions``; ``<#...>``,
    ``</cmd:...>``, ``<t:...>`` and custom emoji syntax are broken the same way.
    """
    s = "" if text is None else str(text)
    s = _CONTROL.sub("", s)
    if single_line:
        s = _WS.sub(" ", s).strip()
    out: list[str] = []
    pos = 0
    for m in _URL_IN_TEXT.finditer(s):
        out.append(_MARKDOWN_CHAR.sub(r"\\\1", s[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(_MARKDOWN_CHAR.sub(r"\\\1", s[pos:]))
    s = "".join(out)
    if not single_line:
        s = _LINE_START.sub(r"\1\\\2", s)
    s = s.replace("@", "@" + ZWSP)
    return _ANGLE_MENTION.sub("<" + ZWSP, s)


def no_mentions(text: str) -> str:
    """``text`` with every mention syntax broken (markdown kept): for our own sentences that may quote others."""
    return _ANGLE_MENTION.sub("<" + ZWSP, text.replace("@", "@" + ZWSP))


def plain(text: object) -> str:
    """Text for fields Discord does not render as markdown (footer, author): one line, no mentions."""
    s = "" if text is None else str(text)
    s = _WS.sub(" ", _CONTROL.sub("", s)).strip()
    return s.replace("@", "@" + ZWSP)


def _safe_head(text: str, cut: int) -> str:
    """``text[:cut]`` moved back so it ends outside links, <...> tokens, URLs and escapes."""
    for m in _PROTECTED.finditer(text):
        if m.start() >= cut:
            break
        if m.end() > cut:
            cut = m.start()
            break
    head = text[:max(cut, 0)].rstrip()
    # a lone trailing backslash would escape the ellipsis
    while head.endswith("\\") and (len(head) - len(head.rstrip("\\"))) % 2 == 1:
        head = head[:-1]
    return head


def truncate(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in "…" when cut.

    The cut never falls inside a markdown link, a ``<...>`` token, a bare URL
    or a backslash escape (it moves before it), and an opened ``**`` is closed.
    """
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return ELLIPSIS[:limit]
    head = _safe_head(text, limit - len(ELLIPSIS))
    if len(_BOLD.findall(head)) % 2 == 1:
        head = _safe_head(text, limit - len(ELLIPSIS) - 2)
        if len(_BOLD.findall(head)) % 2 == 1:
            return head + ELLIPSIS + "**"
    return head + ELLIPSIS


def safe_url(url: str | None) -> str | None:
    """An http(s) URL usable as an embed URL or link target, or None."""
    if not url:
        return None
    url = url.strip()
    if not re.match(r"^https?://[^\s]+$", url, re.IGNORECASE) or len(url) > URL_LIMIT:
        return None
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._")


def short(text: object, kind: str) -> str:
    """``text`` escaped and cut to the length shown for its kind (see :data:`SHORT`)."""
    return truncate(escape(text), SHORT[kind])


def link(label: str, url: str | None, *, limit: int = 60) -> str:
    """A markdown link with an escaped label, or the escaped label alone without a usable URL."""
    text = truncate(escape(label), limit).replace("\\[", "(").replace("\\]", ")").replace("[", "(").replace("]", ")")
    target = safe_url(url)
    if target is None:
        return text
    target = target.replace("(", "%28").replace(")", "%29")
    return f"[{text}]({target})"


# -- limits ----------------------------------------------------------------------------


def embed_length(embed: discord.Embed) -> int:
    """Characters Discord counts toward the 6,000 total of one embed."""
    return len(embed)


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """Cut each part of ``embed`` to Discord's per-part limits (in place; returns it)."""
    if embed.title:
        embed.title = truncate(embed.title, TITLE_LIMIT)
    if embed.description:
        embed.description = truncate(embed.description, DESCRIPTION_LIMIT)
    if embed.footer.text:
        embed.set_footer(text=truncate(embed.footer.text, FOOTER_LIMIT), icon_url=embed.footer.icon_url)
    if embed.author.name:
        embed.set_author(name=truncate(embed.author.name, AUTHOR_LIMIT), url=embed.author.url,
                         icon_url=embed.author.icon_url)
    if embed.url and safe_url(embed.url) is None:
        embed.url = None
    fields = embed.fields[:FIELD_COUNT_LIMIT]
    embed.clear_fields()
    for f in fields:
        embed.add_field(
            name=truncate(f.name or ZWSP, FIELD_NAME_LIMIT) or ZWSP,
            value=truncate(f.value or ZWSP, FIELD_VALUE_LIMIT) or ZWSP,
            inline=bool(f.inline),
        )
    return embed


def _shrink_to(embed: discord.Embed, allowed: int) -> None:
    """Cut ``embed`` until it counts at most ``allowed`` characters (footer, fields, description...)."""
    excess = len(embed) - allowed
    if excess <= 0:
        return
    if embed.fields:
        while embed.fields and len(embed) > allowed:
            embed.remove_field(len(embed.fields) - 1)
        excess = len(embed) - allowed
    if excess > 0 and embed.description:
        keep = max(len(embed.description) - excess, 0)
        embed.description = truncate(embed.description, keep) or None
        excess = len(embed) - allowed
    if excess > 0 and embed.footer.text:
        keep = max(len(embed.footer.text) - excess, 0)
        embed.set_footer(text=truncate(embed.footer.text, keep) or None)
        excess = len(embed) - allowed
    if excess > 0 and embed.author.name:
        keep = max(len(embed.author.name) - excess, 0)
        embed.set_author(name=truncate(embed.author.name, keep) or ZWSP)
        excess = len(embed) - allowed
    if excess > 0 and embed.title:
        embed.title = truncate(embed.title, max(len(embed.title) - excess, 1))


def fit_message(content: str | None, embeds: Sequence[discord.Embed]) -> tuple[str | None, list[discord.Embed]]:
    """Content and embeds cut to Discord's message limits: the one place they are enforced."""
    if content is not None:
        content = truncate(content, CONTENT_LIMIT) or None
    kept = [fit_embed(e) for e in list(embeds)[:EMBEDS_PER_MESSAGE]]
    total = sum(len(e) for e in kept)
    for e in reversed(kept):
        if total <= TOTAL_EMBED_LIMIT:
            break
        before = len(e)
        _shrink_to(e, max(before - (total - TOTAL_EMBED_LIMIT), 1))
        total += len(e) - before
    return content, kept


def limit_violations(content: str | None, embeds: Sequence[discord.Embed]) -> list[str]:
    """Every Discord limit this message breaks (empty when it may be sent)."""
    out: list[str] = []
    if content is not None and len(content) > CONTENT_LIMIT:
        out.append(f"content {len(content)} > {CONTENT_LIMIT}")
    if len(embeds) > EMBEDS_PER_MESSAGE:
        out.append(f"{len(embeds)} embeds > {EMBEDS_PER_MESSAGE}")
    total = 0
    for i, e in enumerate(embeds):
        total += len(e)
        checks = [
            ("title", len(e.title or ""), TITLE_LIMIT),
            ("description", len(e.description or ""), DESCRIPTION_LIMIT),
            ("fields", len(e.fields), FIELD_COUNT_LIMIT),
            ("footer", len(e.footer.text or ""), FOOTER_LIMIT),
            ("author", len(e.author.name or ""), AUTHOR_LIMIT),
        ]
        for f in e.fields:
            checks.append(("field name", len(f.name or ""), FIELD_NAME_LIMIT))
            checks.append(("field value", len(f.value or ""), FIELD_VALUE_LIMIT))
        out.extend(f"embed {i} {what} {n} > {lim}" for what, n, lim in checks if n > lim)
    if total > TOTAL_EMBED_LIMIT:
        out.append(f"embeds total {total} > {TOTAL_EMBED_LIMIT}")
    return out


PAGE_OWNER_ONLY = "Only the person who asked can turn these pages. Run the command yourself to page through it."

#: keyword arguments for discord.py's send, edit and reply; their overloads type each call, and a message's
#: parts (content, embeds, view, allowed mentions) differ in type, so the dict's values are Any
MessageKwargs = dict[str, Any]


def fit_text(text: str) -> str:
    """A message's content (``text``, not blank) cut to Discord's limit, as :func:`fit_message` cuts it."""
    return truncate(text, CONTENT_LIMIT)


@dataclass(slots=True)
class Page:
    """One message's worth: content and embeds, already within Discord's limits."""

    content: str | None = None
    embeds: list[discord.Embed] = field(default_factory=list)

    def fitted(self) -> Page:
        self.content, self.embeds = fit_message(self.content, self.embeds)
        return self

    def kwargs(self) -> MessageKwargs:
        """Keyword arguments for send/edit: content, embeds and no mentions."""
        return {
            "content": self.content,
            "embeds": self.embeds,
            "allowed_mentions": discord.AllowedMentions.none(),
        }


# -- shared bits -------------------------------------------------------------------------


def format_date(value: date | datetime | None) -> str:
    """``3 Mar 2026`` (no leading zero), or "an unknown date"."""
    if value is None:
        return "an unknown date"
    if isinstance(value, datetime):
        value = value.date()
    return f"{value.day} {value:%b %Y}"


def _pack(blocks: Sequence[str], budget: int) -> list[str]:
    """Blocks joined by blank lines into chunks of at most ``budget`` characters."""
    pages: list[str] = []
    current = ""
    for block in blocks:
        block = truncate(block, budget)
        candidate = f"{current}\n\n{block}" if current else block
        if len(candidate) > budget and current:
            pages.append(current)
            current = block
        else:
            current = candidate
    if current:
        pages.append(current)
    return pages


# -- article reports ---------------------------------------------------------------------


def verdict_counts(report: ArticleReport) -> str:
    """``3 match · 2 conflict · 4 unverified`` (zero counts left out, all zero: "no claims")."""
    counts = dict.fromkeys(Verdict, 0)
    for c in report.checks:
        counts[c.verdict] += 1
    parts = []
    if counts[Verdict.MATCHING]:
        parts.append(f"{counts[Verdict.MATCHING]} match")
    if counts[Verdict.CONFLICTING]:
        parts.append(f"{counts[Verdict.CONFLICTING]} conflict")
    if counts[Verdict.UNVERIFIED]:
        parts.append(f"{counts[Verdict.UNVERIFIED]} unverified")
    return " · ".join(parts) or "no claims"


def claim_line(check: ClaimCheck) -> str:
    """``⚠️ **at least 30** · killed · Ukrainian soldiers (24 hours) — Ukrainian intelligence``."""
    claim = check.claim
    bits = [f"{MARKS[check.verdict]} **{short(claim.figure.text, 'figure') or '?'}**"]
    if claim.measure:
        bits.append(short(claim.measure, "measure"))
    subject = short(claim.subject, "subject")
    extra = [short(x, "measure") for x in (claim.location, claim.period) if x]
    if claim.date:
        extra.append(format_date(claim.date))
    if extra:
        subject = f"{subject} ({', '.join(extra)})" if subject else ", ".join(extra)
    if subject:
        bits.append(subject)
    line = " · ".join(bits)
    who = short(claim.claimant, "claimant") if claim.claimant else "no source named"
    return f"{line} — *{who}*"


def status_text(status: ClaimStatus) -> str:
    """``confirmed ✔``, ``disputed ✖``...: the status word first, its mark after."""
    word = status.value.replace("_", " ")
    mark = STATUS_MARKS.get(status)
    return f"{word} {mark}" if mark else word


def grade_of(info: SourceInfo, grades: Mapping[str, str] | None) -> str | None:
    """The newsroom's grade of a source's outlet, when it says something (not "unrated")."""
    if not grades or not info.outlet:
        return None
    grade = grades.get(info.outlet.strip().lower())
    return grade if grade in SHOWN_GRADES else None


def source_link(info: SourceInfo, grades: Mapping[str, str] | None = None) -> str:
    """``[Reuters](url)``, followed by the outlet's grade when graded: ``[Reuters](url) (reliable)``."""
    where = link(source_name(info), info.url or info.message_link)
    grade = grade_of(info, grades)
    return f"{where} ({grade})" if grade else where


def evidence_line(ev: Evidence, grades: Mapping[str, str] | None = None) -> str:
    """``↳ conflicts with [Reuters](url) (reliable), 3 Mar 2026: **25** (UN officials) · confirmed ✔``."""
    stored = ev.stored
    info = stored.source.info
    where = source_link(info, grades)
    when = format_date(source_date(info, stored.source.created_at))
    c = stored.claim
    line = f"{INDENT}{RELATION_WORDS[ev.relation]} {where}, {when}: **{short(c.figure.text, 'figure') or '?'}**"
    if c.claimant:
        line += f" ({short(c.claimant, 'claimant')})"
    if stored.status is not ClaimStatus.UNREVIEWED:
        line += f" · {status_text(stored.status)}"
    if ev.note:
        line += f" · _{short(ev.note, 'note')}_"
    return line


def claim_block(check: ClaimCheck, *, max_evidence: int = MAX_EVIDENCE, limit: int = MAX_CLAIM_BLOCK,
                grades: Mapping[str, str] | None = None) -> str:
    """The claim line, the earlier reports under it and the update-or-contradiction note.

    Shows up to ``max_evidence`` earlier reports, fewer when the block would
    pass ``limit`` characters; the rest are counted ("and 3 more earlier reports").
    """
    head = truncate(claim_line(check), FIELD_VALUE_LIMIT)
    note = truncate(f"{INDENT}_{short(check.note, 'note')}_", FIELD_VALUE_LIMIT) if check.note else None
    evidence = [truncate(evidence_line(e, grades), FIELD_VALUE_LIMIT) for e in check.evidence[:max_evidence]]
    while True:
        lines = [head, *evidence]
        hidden = len(check.evidence) - len(evidence)
        if hidden > 0:
            lines.append(f"{INDENT}and {hidden} more earlier report{'s' if hidden != 1 else ''}")
        if (summary := conflicts_text(check)) is not None:
            lines.append(f"{INDENT}{escape(summary)}")
        if note:
            lines.append(note)
        block = "\n".join(lines)
        if len(block) <= limit or not evidence:
            return truncate(block, limit)
        evidence.pop()


def report_title(info: SourceInfo) -> str:
    return truncate(escape(info.title) or "Pasted article", TITLE_LIMIT)


def report_footer(report: ArticleReport, page: int, pages: int) -> str:
    parts = [verdict_counts(report)]
    if report.stories:
        parts.append("checked against " + "; ".join(story_text(st) for st in report.stories))
    if report.seen_before is not None:
        parts.append(f"seen before on {format_date(report.seen_before.created_at)}")
    elif report.stored is not None:
        parts.append("saved to the newsroom's claims")
    if pages > 1:
        parts.append(f"page {page}/{pages}")
    return truncate(plain(" · ".join(parts)), FOOTER_LIMIT)


def report_author(info: SourceInfo) -> str | None:
    bits = []
    if info.outlet:
        bits.append(info.outlet)
    if info.author:
        bits.append(f"by {info.author}")
    if info.published:
        bits.append(format_date(info.published))
    if info.poster and not info.outlet:
        bits.append(f"posted by {info.poster}")
    return truncate(plain(" · ".join(bits)), AUTHOR_LIMIT) if bits else None


def report_pages(report: ArticleReport, *, budget: int = PAGE_BUDGET,
                 grades: Mapping[str, str] | None = None) -> list[Page]:
    """The reply for one article: one embed per page, coloured by the worst verdict.

    A report without claims renders to no pages (the bot then says nothing in
    watched channels). ``grades`` (outlet, lower-cased -> grade) shows the
    newsroom's grade beside each earlier report's outlet.
    """
    if not report.checks:
        return []
    ordered = sorted(report.checks, key=lambda c: (-c.verdict.severity, c.claim.start))
    chunks = _pack([claim_block(c, grades=grades) for c in ordered], budget)
    colour = COLOURS[report.worst]
    author = report_author(report.source)
    url = safe_url(report.source.url)
    pages: list[Page] = []
    for i, chunk in enumerate(chunks, start=1):
        embed = discord.Embed(title=report_title(report.source), url=url, description=chunk, colour=colour)
        if author:
            embed.set_author(name=author)
        embed.set_footer(text=report_footer(report, i, len(chunks)))
        pages.append(Page(embeds=[embed]).fitted())
    return pages


# -- /sources ----------------------------------------------------------------------------


def stored_claim_line(sc: StoredClaim, grades: Mapping[str, str] | None = None) -> str:
    """``• **30** · Ukrainian soldiers — *intelligence* · [Reuters](url), 3 Mar 2026``."""
    c = sc.claim
    info = sc.source.info
    bits = [f"• **{short(c.figure.text, 'figure') or '?'}**"]
    if c.subject:
        bits.append(short(c.subject, "subject"))
    line = " · ".join(bits)
    if c.claimant:
        line += f" — *{short(c.claimant, 'claimant')}*"
    where = source_link(info, grades)
    line += f" · {where}, {format_date(source_date(info, sc.source.created_at))}"
    if sc.status is not ClaimStatus.UNREVIEWED:
        line += f" · {status_text(sc.status)}"
    return truncate(line, FIELD_VALUE_LIMIT)


def sources_pages(query: str, groups: Mapping[str, Sequence[StoredClaim]], *,
                  per_page: int = SOURCES_PER_PAGE, budget: int = PAGE_BUDGET) -> list[Page]:
    """Stored claims about ``query``, grouped by measure, as pages of one embed each."""
    entries: list[tuple[str, str]] = []
    for measure, claims in groups.items():
        entries.extend((measure, stored_claim_line(sc)) for sc in claims)
    if not entries:
        return []
    chunks: list[str] = []
    current: list[str] = []
    current_measure: str | None = None
    count = 0
    size = 0
    for measure, line in entries:
        header = f"**{escape(measure) or 'other'}**"
        new_group = measure != current_measure
        add = ([""] if current and new_group else []) + ([header] if new_group else []) + [line]
        add_len = sum(len(a) + 1 for a in add)
        if current and (count >= per_page or size + add_len > budget):
            chunks.append("\n".join(current))
            current, count, size = [], 0, 0
            add = [f"{header} (continued)" if not new_group else header, line]
            add_len = sum(len(a) + 1 for a in add)
        current.extend(add)
        current_measure = measure
        count += 1
        size += add_len
    if current:
        chunks.append("\n".join(current))
    total = len(entries)
    title = truncate(f"Stored claims about “{escape(query)}”", TITLE_LIMIT)
    pages = []
    for i, chunk in enumerate(chunks, start=1):
        embed = discord.Embed(title=title, description=chunk, colour=COLOURS[None])
        footer = f"{total} claim{'s' if total != 1 else ''} · newest first"
        if len(chunks) > 1:
            footer += f" · page {i}/{len(chunks)}"
        embed.set_footer(text=footer)
        pages.append(Page(embeds=[embed]).fitted())
    return pages


# -- pagination --------------------------------------------------------------------------

ErrorHook = Callable[[discord.Interaction, Exception], Awaitable[None]]


class Paginator(discord.ui.View):
    """Previous/Next buttons over pages; only ``owner_id`` may press them.

    Others get an ephemeral refusal. On timeout the buttons are disabled on the
    message (set :attr:`message` after sending).
    """

    def __init__(self, pages: Sequence[Page], *, owner_id: int, timeout: float = 600.0,
                 refusal: str = PAGE_OWNER_ONLY,
                 on_error_hook: ErrorHook | None = None) -> None:
        super().__init__(timeout=timeout)
        if not pages:
            raise ValueError("a paginator needs at least one page")
        self.pages = list(pages)
        self.owner_id = owner_id
        self.index = 0
        self.refusal = refusal
        self.message: discord.Message | discord.InteractionMessage | None = None
        self._on_error_hook = on_error_hook
        self._sync_buttons()

    @property
    def current(self) -> Page:
        return self.pages[self.index]

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1
        self.position.label = f"{self.index + 1}/{len(self.pages)}"

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            self.refusal, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )
        return False

    async def _show(self, interaction: discord.Interaction) -> None:
        self._sync_buttons()
        await interaction.response.edit_message(**self.current.kwargs(), view=self)

    @discord.ui.button(label="Previous", emoji="◀️", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        self.index = max(self.index - 1, 0)
        await self._show(interaction)

    @discord.ui.button(label="1/1", style=discord.ButtonStyle.secondary, disabled=True)
    async def position(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.defer()

    @discord.ui.button(label="Next", emoji="▶️", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        self.index = min(self.index + 1, len(self.pages) - 1)
        await self._show(interaction)

    async def on_timeout(self) -> None:
        # only the page buttons: other controls sharing the message (verdict buttons) stay live
        for item in (self.previous, self.position, self.next):
            item.disabled = True
        if self.message is None:
            return
        try:
            await self.message.edit(view=self, allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as exc:
            log.info("could not disable the page buttons of message %s: %s", self.message.id, exc)

    async def on_error(self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item) -> None:
        if self._on_error_hook is not None:
            await self._on_error_hook(interaction, error)
        else:
            await super().on_error(interaction, error, item)


def page_kwargs(pages: Sequence[Page], *, owner_id: int, on_error_hook: ErrorHook | None = None,
                refusal: str | None = None,
                extra_items: Sequence[discord.ui.Item] = ()) -> tuple[MessageKwargs, Paginator | None]:
    """Send keyword arguments for the first page, with a :class:`Paginator` when there are more.

    ``extra_items`` (e.g. the verdict controls of a stored article) go under
    the page buttons, or alone in a view without timeout for a single page.
    """
    kwargs = pages[0].kwargs()
    if len(pages) == 1:
        if extra_items:
            plain_view = discord.ui.View(timeout=None)
            for item in extra_items:
                plain_view.add_item(item)
            kwargs["view"] = plain_view
        return kwargs, None
    view = Paginator(pages, owner_id=owner_id, on_error_hook=on_error_hook)
    if refusal:
        view.refusal = refusal
    for item in extra_items:
        view.add_item(item)
    kwargs["view"] = view
    return kwargs, view


__all__ = [
    "COLOURS",
    "MARKS",
    "STATUS_MARKS",
    "Page",
    "Paginator",
    "claim_block",
    "escape",
    "fit_message",
    "fit_text",
    "limit_violations",
    "no_mentions",
    "page_kwargs",
    "plain",
    "report_pages",
    "sources_pages",
    "truncate",
    "verdict_counts",
]
