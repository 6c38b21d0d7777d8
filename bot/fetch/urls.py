"""Links in Discord messages, and the canonical form of a link.

:func:`find_urls` finds the http(s) links in a message the way a reader sees
them (``<https://...>`` with its embed suppressed, Markdown masked links,
trailing punctuation left out). :func:`canonical_url` gives one spelling per
page, so the cache and the store see a link pasted by five people, each with
their own tracking parameters, as one.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from yarl import URL

from .errors import InvalidLink

_URL_RE = re.compile(r"https?://[^\s<>`\"|]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\"*_~"
_PAIRS = {")": "(", "]": "[", "}": "{"}

#: Query parameters that only track who shared or clicked a link.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
        "twclid", "ttclid", "li_fat_id", "igshid", "igsh", "mc_cid", "mc_eid", "mkt_tok",
        "ref", "ref_src", "ref_url", "referrer", "cmpid", "cmp", "ocid", "ncid", "smid",
        "smtyp", "s_cid", "sr_share", "ito", "xtor", "at_medium", "at_campaign",
        "at_custom1", "at_custom2", "at_custom3", "at_custom4", "_ga", "_gl", "_hsenc",
        "_hsmi", "hsctatracking", "oly_anon_id", "oly_enc_id", "rb_clickid", "vero_id",
        "vero_conv", "wt.mc_id", "wt.tsrc", "ns_mchannel", "ns_source", "ns_campaign",
        "ns_linkname", "ns_fee", "spm", "share_source", "__twitter_impression", "trk",
        "trkcampaign", "guccounter", "guce_referrer", "guce_referrer_sig",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")


def find_urls(text: str) -> list[str]:
    """The http(s) links in ``text``, in order, without duplicates."""
    found: list[str] = []
    for match in _URL_RE.finditer(text):
        url = _trim(match.group(0))
        if len(url) > len("https://") and url not in found:
            found.append(url)
    return found


def _trim(url: str) -> str:
    """Drop punctuation that ends the sentence rather than the link."""
    while url:
        last = url[-1]
        if last in _TRAILING or (last in _PAIRS and url.count(last) > url.count(_PAIRS[last])):
            url = url[:-1]
        else:
            break
    return url


def is_tracking_param(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def canonical_url(url: str | URL) -> str:
    """One spelling per page.

    Lower-case scheme and host, no default port, no credentials, no fragment,
    no tracking parameters, remaining parameters sorted; an empty path is ``/``.
    Parameter encoding is kept as written.
    """
    try:
        u = url if isinstance(url, URL) else URL(url.strip())
    except (ValueError, UnicodeError) as exc:
        raise InvalidLink(str(exc)) from None
    if not u.absolute:
        raise InvalidLink("not an absolute link")
    scheme = u.scheme.lower()
    host = (u.raw_host or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = u.explicit_port
    if port is not None and port != {"http": 80, "https": 443}.get(scheme):
        host = f"{host}:{port}"
    path = u.raw_path or "/"
    params = [p for p in u.raw_query_string.split("&") if p]
    kept = sorted(p for p in params if not is_tracking_param(unquote(p.split("=", 1)[0])))
    query = f"?{'&'.join(kept)}" if kept else ""
    return f"{scheme}://{host}{path}{query}"


__all__ = ["TRACKING_PARAMS", "canonical_url", "find_urls", "is_tracking_param"]
