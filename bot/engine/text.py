"""From raw input to clean article text and its lines.

Validation gives a short ``InputError`` that names what to do next: empty,
huge, binary, not UTF-8, not English. Segmentation keeps character offsets into
the original text, treats headlines and lines without a full stop as sentences
of their own, and drops boilerplate (author bios, comment forms, newsletter
prompts) before any NLP runs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from .errors import InputError

# Common English function words: a text of some length without enough of them
# is not English prose (or not prose at all).
_ENGLISH_WORDS = frozenset(
    "the of and to in a is that for on was with as by at from it be are were has have had "
    "said not but this they their which an or will its after been more than about who".split()
)
#: common words of English news beyond its function words: a short text (a headline, a terse sentence such as
#: "Nearly 1,900 emergency calls went unanswered during last weekend's outage") is English on their evidence
_ENGLISH_COMMON = frozenset(
    "during last went nearly almost over under up down out into before since while when where there here some "
    "all no two three four five six seven eight nine ten hundred thousand million billion people year years week "
    "weeks day days month months hour hours new first second police council government city town home homes "
    "school schools killed injured died dead says told according officials minister company storm fire flood "
    "report man woman men women children hospital road roads calls workers staff emergency closed cut off left "
    "still also other only just then now today yesterday weekend morning night monday tuesday wednesday thursday "
    "friday saturday sunday per cent percent rise rose fell fall record total least number team club match "
    "unanswered outage power water price prices pay jobs plans plan set near across against between".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

_BOILERPLATE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\s*leave a (reply|comment)\b",
        r"your email address will not be published",
        r"required fields are marked",
        r"^\s*(post|submit) (a )?comment\b",
        r"\b(subscribe|sign up) (to|for) (our|the) (newsletter|daily|weekly|briefing)",
        r"^\s*(share|tweet|email|print)( this( article| story)?)?\s*$",
        r"^\s*(follow us|related( articles| stories)?|read more|more from|recommended|advertisement|sponsored)\b",
        r"all rights reserved",
        r"^\s*(©|copyright\b)",
        r"\bcookies?\b.*\b(accept|consent|policy)\b",
        r"^\s*(about the author|author bio)\b",
        r"^\s*I(?:'| a)m [A-Z][a-z]+ [A-Z][a-z]+, an? [a-z ]*(journalist|writer|author|reporter|editor|correspondent)",
        r"\b(I have been|I've been) (writing|reporting|working)\b.*\bsince (19|20)\d\d",
        r"^\s*(my career began|I specialize in|I specialise in)\b",
        r"^\s*(image|photo|picture|video)( caption)?\s*:",
    )
]
_SOURCE_LINE = re.compile(r"^\s*(?:source|via|from)\s*:\s*(?P<outlet>[^\n]{2,80}?)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the article, with its offset into the text."""

    text: str
    start: int
    is_headline: bool = False
    #: the label a headline writes before a colon ("Police: ..."), read apart from its clause
    label: str | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class PreparedText:
    text: str
    text_hash: str
    lines: tuple[Line, ...]
    title: str | None
    #: an outlet named by a "Source: X" line, which is not article text
    outlet: str | None


def decode(data: bytes, *, name: str = "the input") -> str:
    """Bytes to text; refuses binary data and encodings other than UTF-8 and UTF-16."""
    utf16 = _utf16_codec(data)
    if utf16 is not None:
        try:
            return data.decode(utf16).removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name} looks like UTF-16 text but is damaged (byte {exc.start}). Save it as UTF-8 and try again."
            ) from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{name} is a binary file, not text. Give a plain-text article or a link.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name} is not UTF-8 text (byte {exc.start}). Save it as UTF-8 and try again."
        ) from None


def _utf16_codec(data: bytes) -> str | None:
    """'utf-16' for text with a UTF-16 byte-order mark, 'utf-16-le'/'-be' for text whose every
    other byte is zero (UTF-16 without a mark), else None."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    head = data[:8192]
    if len(head) < 8 or len(head) % 2:
        return None
    even_zero = head[0::2].count(0) / (len(head) // 2)
    odd_zero = head[1::2].count(0) / (len(head) // 2)
    if odd_zero > 0.9 and even_zero < 0.1:
        return "utf-16-le"
    if even_zero > 0.9 and odd_zero < 0.1:
        return "utf-16-be"
    return None


def text_hash(text: str) -> str:
    """A hash of the text that ignores case, spacing and punctuation style."""
    norm = unicodedata.normalize("NFKC", text).casefold()
    norm = re.sub(r"[\u2018\u2019\u201b\u2032]", "'", norm)
    norm = re.sub(r"[\u201c\u201d\u201e\u2033]", '"', norm)
    norm = re.sub(r"\s+", " ", norm).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def validate(text: str, *, max_chars: int) -> str:
    """The text, checked: raises InputError for empty, huge, binary or non-English input."""
    if text is None or not text.strip():
        raise InputError("The text is empty. Paste an article's text, or a link to it.")
    if len(text) > max_chars:
        raise InputError(
            f"The text is {len(text):,} characters; the limit is {max_chars:,}. "
            "Check one article at a time."
        )
    controls = sum(1 for ch in text[:20000] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t")
    if controls > max(5, len(text[:20000]) // 100):
        raise InputError("That looks like binary data, not text. Paste the article's text instead.")
    words = _WORD.findall(text[:20000].lower())
    if _mostly_other_script(text[:20000]):  # Chinese, Arabic, Cyrillic...: refused like German
        raise InputError(
            "That text does not look like English. crosscheck reads English articles only; "
            "paste an English version if there is one."
        )
    if len(words) >= 12:
        english = sum(1 for w in words if w in _ENGLISH_WORDS)
        common = sum(1 for w in words if w in _ENGLISH_COMMON)
        # a text with almost no English function words is another language, unless it is short and a good part
        # of its words are common English ones (a headline, a terse sentence)
        if english / len(words) < 0.05 and (len(words) >= 40 or common / len(words) < 0.25):
            raise InputError(
                "That text does not look like English. crosscheck reads English articles only; "
                "paste an English version if there is one."
            )
    return text


#: a character outside the Latin blocks (Basic Latin to Latin Extended-B, Latin Extended Additional)
_BEYOND_LATIN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff]")


def _mostly_other_script(text: str) -> bool:
    """Whether most letters of the text are not Latin (a text without spaces between words has
    too few words for the function-word test, so the script decides)."""
    letters = sum(map(str.isalpha, text))
    if letters < 20:
        return False
    # the letters outside the Latin blocks, from the few characters outside them (most text is Latin)
    other = sum(1 for ch in _BEYOND_LATIN.findall(text) if ch.isalpha())
    return (letters - other) / letters < 0.5


def is_boilerplate(line: str) -> bool:
    return any(p.search(line) for p in _BOILERPLATE)


def _looks_like_headline(line: str) -> bool:
    s = line.strip()
    return 3 <= len(s.split()) <= 25 and not s.endswith((".", "!", "?", ":", ";", ",", "\u201d", '"'))


#: a dateline opening a report: a place in capitals, perhaps a state or date and the agency, then a dash
#: a headline's label: "Police: 5 dead, including gunman", "Montana sheriff: woman kills son",
#: "UPDATE: ...". The label is a few words, no digits, then a colon and the headline's own clause.
_HEADLINE_LABEL = re.compile(r"(?P<label>[A-Z][A-Za-z.'’&-]*(?: [A-Za-z.'’&-]+){0,3}):\s+(?=[\w\"'\u2018\u201c])")

#: labels that mark a kind of story, not who says it: "UPDATE: ...", "Watch: ..."
_RUBRICS = frozenset("update updated breaking watch video photos photo live exclusive opinion analysis "
                     "editorial new developing just in correction listen gallery".split())

_DATELINE = re.compile(
    r"[A-Z][A-Z'’.\-]{2,}(?: [A-Z][A-Z'’.\-]+){0,3}(?:,\s*[A-Z][A-Za-z.]+(?: [A-Za-z.]+)?(?: \d{1,2})?)?"
    r"(?:\s*\([^)]{1,30}\))?\s*(?:—|–|--|-)\s+(?=\S)"
)


def prepare(text: str, *, max_chars: int) -> PreparedText:
    """Validate and split into lines; drop boilerplate; find a headline and a Source: line."""
    validate(text, max_chars=max_chars)
    lines: list[Line] = []
    title: str | None = None
    outlet: str | None = None
    offset = 0
    seen_body = False
    body_lines = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        start = offset
        offset += len(raw)
        stripped = content.strip()
        if not stripped:
            continue
        lead = len(content) - len(content.lstrip())
        m = _SOURCE_LINE.match(stripped)
        if m:
            outlet = outlet or m.group("outlet").strip()
            continue
        if is_boilerplate(stripped):
            continue
        headline = False
        if not seen_body and title is None and _looks_like_headline(stripped):
            title = stripped
            headline = True
        if not headline and body_lines < 3 and (d := _DATELINE.match(stripped)) and d.end() < len(stripped):
            # "VALDEN, July 16 (APA) - The national pass rate...": the dateline is no part of the sentence
            lead += d.end()
            stripped = stripped[d.end():]
        label = None
        if headline and (h := _HEADLINE_LABEL.match(stripped)) and len(stripped) - h.end() >= 12:
            # "Police: Boy died of self-inflicted gunshot wound": the clause is read alone, as a sentence
            label = None if h.group("label").lower() in _RUBRICS else h.group("label")
            lead += h.end()
            stripped = stripped[h.end():]
        body_lines += not headline
        seen_body = seen_body or not headline
        lines.append(Line(stripped, start + lead, headline, label))
    return PreparedText(text, text_hash(text), tuple(lines), title, outlet)
