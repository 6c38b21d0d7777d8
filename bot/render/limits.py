"""Discord's limits and safe text: escaping, truncation, and fitting a message within the limits.

Two rules hold for every message crosscheck sends:

* **Discord's limits are never exceeded.** :func:`fit_message` enforces them
  centrally (per field, 6,000 characters across a message's embeds, 10 embeds,
  2,000 characters of content); :func:`limit_violations` checks them.
  Truncation ends with "…" and never cuts inside a markdown link, an
  ``<...>`` token or a backslash escape.
* **Nothing pings.** All text from articles and users goes through
  :func:`escape`, which escapes markdown and neutralises ``@everyone``,
  ``@here``, user/role/channel mentions and masked links. Senders must still
  pass ``allowed_mentions=discord.AllowedMentions.none()`` (:meth:`Page.kwargs` does).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import discord

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
