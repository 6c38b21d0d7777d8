"""Text -> claims: the engine's synchronous, CPU-bound half.

Speed comes from parsing little: every line is tokenised and split into
sentences with the tokenizer and a rule-based sentencizer only; the figure
parser (token rules, no model) marks the sentences that can hold a figure; only
those get the full pipeline, in batches through ``nlp.pipe`` inside a spaCy
memory zone so a long-running bot does not grow its string store.

Run ``Engine.extract`` off the event loop (``bot.engine.worker.NlpWorker``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from .claims import IMPLICIT_TRIGGER, ArticleContext, ClaimExtractor
from .errors import InputError
from .figures import FigureMatch, find_figures
from .measures import MeasureVocab
from .places import Places
from .subjects import subject_terms
from .casing import headline_case
from .text import prepare
from .types import Article, Claim, SourceInfo

log = logging.getLogger(__name__)

def _implicit_trigger(text: str) -> bool:
    """A sentence with no number may still count one person ("Man gunned down in car")."""
    return bool(IMPLICIT_TRIGGER.search(text))


def load_pipeline(name: str) -> Language:
    """Load the installed spaCy pipeline ``name``, with an error that says how to install it."""
    import spacy

    try:
        return spacy.load(name)
    except OSError:
        raise InputError(
            f"The spaCy pipeline '{name}' is not installed. Run the README's install command, "
            "or set CROSSCHECK_SPACY_MODEL to an installed pipeline."
        ) from None


class Engine:
    """Turns article text into claims. Thread-confined: use from one worker thread."""

    def __init__(self, nlp: Language, vocab: MeasureVocab, places: Places, *, max_chars: int = 200_000,
                 batch_size: int = 64) -> None:
        self.nlp = nlp
        self.vocab = vocab
        self.places = places
        self.max_chars = max_chars
        self.batch_size = batch_size
        self.extractor = ClaimExtractor(vocab, places)
        self._sentencizer = Sentencizer()

    @classmethod
    def from_settings(cls, settings) -> "Engine":  # noqa: ANN001 - bot.settings.Settings
        return cls(
            load_pipeline(settings.spacy_model),
            MeasureVocab.load(settings.measures_file),
            Places.load(),
            max_chars=settings.max_article_chars,
            batch_size=settings.nlp_batch_size,
        )

    # -- article --------------------------------------------------------------
    def read(self, text: str, source: SourceInfo | None = None) -> Article:
        """Validate the text and fill what the text itself tells of its source (hash, title, outlet)."""
        prep = prepare(text, max_chars=self.max_chars)
        info = source or SourceInfo()
        info = replace(
            info,
            text_hash=prep.text_hash,
            title=info.title or prep.title,
            outlet=info.outlet or prep.outlet,
        )
        return Article(text=text, source=info)

    # -- claims ------------------------------------------------------------------
    def extract(self, article: Article) -> list[Claim]:
        prep = prepare(article.text, max_chars=self.max_chars)
        sentences = self.figure_sentences(prep)
        if not sentences:
            return []
        ctx = ArticleContext(published=article.source.published)
        drafts = []
        texts = [headline_case(s.text, self.vocab) for s in sentences]
        with self.nlp.memory_zone():
            for doc, sent in zip(self.nlp.pipe(texts, batch_size=self.batch_size), sentences):
                offset, after = sent.offset, sent.after
                # reuse the pre-filter's figures when the sentence tokenises the same way alone
                figures = sent.figures if len(doc) == sent.n_tokens else find_figures(doc)
                found = self.extractor.extract_sentence(doc, figures, offset=offset, ctx=ctx)
                if doc.text != sent.text:  # a headline read in lower case: show it as written
                    for d in found:
                        c = d.claim
                        written = sent.text[c.figure_start - offset : c.figure_end - offset]
                        d.claim = replace(c, sentence=sent.text, figure=replace(c.figure, text=written))
                if after and found:
                    attribution = self.extractor.attribution_after(after)
                    if attribution:
                        who, chain = attribution
                        for d in found:
                            if d.claim.claimant is None:
                                d.claim = replace(d.claim, claimant=who, claimant_chain=chain)
                        ctx.last_claimant = chain[0]
                if found:
                    entities = _entities(doc, self.places)
                    for d in found:
                        d.claim = replace(d.claim, entities=entities)
                drafts.extend(found)
            claims = _dedupe(self.extractor.finish(drafts, ctx))
        return [replace(c, subject_terms=subject_terms(c.subject, c.entities)) for c in claims]

    def figure_sentences(self, prep) -> list["FigureSentence"]:  # noqa: ANN001
        """Sentences that can hold a figure, with the figures the pre-filter found in them."""
        out: list[FigureSentence] = []
        for line in prep.lines:
            # a title-case headline is read in lower case (offsets unchanged); sentences keep the text as written
            doc = self.nlp.make_doc(headline_case(line.text, self.vocab))
            self._sentencizer(doc)
            sents = list(doc.sents)
            _refuse_number_lists(sents)
            by_sentence: dict[int, list[FigureMatch]] = {}
            for m in find_figures(doc):
                by_sentence.setdefault(_sentence_index(sents, m.start), []).append(m)
            for i, sent in enumerate(sents):
                found = by_sentence.get(i, [])
                if found or _implicit_trigger(sent.text):
                    after = sents[i + 1].text if i + 1 < len(sents) else None
                    shifted = [_shift(m, sent.start, sent.start_char) for m in found]
                    written = line.text[sent.start_char : sent.end_char]
                    out.append(FigureSentence(written, line.start + sent.start_char, after, shifted, len(sent)))
        return out


@dataclass(frozen=True, slots=True)
class FigureSentence:
    text: str
    #: offset of the sentence in the article
    offset: int
    #: the next sentence's text, for attributions that follow ("This was reported by ...")
    after: str | None
    #: figures found by the pre-filter, with offsets relative to the sentence
    figures: list[FigureMatch]
    n_tokens: int


def _shift(m: FigureMatch, tokens: int, chars: int) -> FigureMatch:
    return replace(m, start=m.start - tokens, end=m.end - tokens, anchor=m.anchor - tokens,
                   start_char=m.start_char - chars, end_char=m.end_char - chars)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per figure an article repeats (a headline and its first paragraph).

    Two claims of one article with the same measure, figure interval, unit,
    subject and period are one claim; the one that says who claims it, else the
    later (body) one, is kept, in the position of the first.
    """
    kept: dict[tuple, int] = {}
    out: list[Claim] = []
    for c in claims:
        f = c.figure
        key = (c.measure, f.low, f.high, f.unit, c.subject.lower(), c.period)
        i = kept.get(key)
        if i is None:
            kept[key] = len(out)
            out.append(c)
        elif out[i].claimant is None or c.claimant is not None:
            out[i] = c
    return out


#: numbers one sentence may hold. Each figure of a sentence is read against the whole sentence, so a
#: sentence made of thousands of numbers (a pasted table, a list) would take time that grows with the
#: square of its length; such a sentence is refused before any parsing, in one line.
MAX_NUMBERS_PER_SENTENCE = 100


def _refuse_number_lists(sents) -> None:  # noqa: ANN001 - spaCy spans
    for sent in sents:
        numbers = sum(1 for t in sent if t.like_num)
        if numbers > MAX_NUMBERS_PER_SENTENCE:
            raise InputError(
                f"One sentence holds {numbers:,} numbers; crosscheck reads at most "
                f"{MAX_NUMBERS_PER_SENTENCE} in a sentence. Split that list or table into sentences, "
                "or leave it out, and check again."
            )


def _sentence_index(sents, token_i: int) -> int:  # noqa: ANN001
    for i, s in enumerate(sents):
        if s.start <= token_i < s.end:
            return i
    return -1


def _entities(doc: Doc, places: Places) -> tuple[str, ...]:
    out: list[str] = []
    for ent in doc.ents:
        if ent.label_ in ("NORP", "GPE", "ORG", "LOC", "FAC", "PERSON", "EVENT"):
            name = places.demonym(ent.text) or places.normalise(ent.text)
            name = re.sub(r"^the\s+", "", name, flags=re.I).lower()
            if name and name not in out:
                out.append(name)
    return tuple(out)
