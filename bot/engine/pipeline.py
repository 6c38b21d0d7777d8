"""Text -> claims: the engine's synchronous, CPU-bound half.

Speed comes from parsing little: a gate on each raw line (a digit, a currency
sign, a number word or a casualty trigger) skips lines before they are
tokenised; the rest are split into sentences with the tokenizer and a
rule-based sentencizer only; the figure parser (token rules, no model) marks
the sentences that can hold a figure; only those get the full pipeline, the
sentences of many articles in one stream (``extract_many``), each article's
claims kept apart. The stream runs the pipeline's own components, the attribute
ruler replaced by an exact, faster equivalent (``parsing``). Each article's work is bounded: too many figure
sentences are refused in one line before any parse, and a time limit is checked
between lines and sentences. The string store is bounded by reloading the
pipeline past ``max_strings`` entries (spaCy's memory zones disable its caches).

Run ``Engine.extract`` off the event loop (``bot.engine.worker.NlpWorker``).
"""

from __future__ import annotations

import bisect
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Token

from .casing import headline_case, is_proper_name
from .claims import IMPLICIT_TRIGGER, MULTIPLES, ArticleContext, ClaimExtractor, article_about
from .errors import InputError, TimeLimit
from .figures import FigureMatch, find_figures, parser_for
from .measures import MeasureVocab
from .numbers import AMOUNT_WORDS, could_hold_text
from .parsing import SentenceParser, pipe_repeats_once
from .places import Places
from .subjects import subject_terms
from .text import PreparedText, prepare
from .types import Article, Claim, SourceInfo
from .units import unit_family

log = logging.getLogger(__name__)

def _implicit_trigger(text: str) -> bool:
    """A sentence with no number may still count one person ("Man gunned down in car")."""
    return bool(IMPLICIT_TRIGGER.search(text))


def load_pipeline(name: str) -> Language:
    """Load the installed spaCy pipeline ``name``, with an error that says how to install it.

    Its thinc layers multiply matrices with numpy's BLAS (OpenBLAS, with kernels for the machine's
    processor) instead of thinc's default ``blis``, whose wheels run generic kernels here: the same
    parse, token for token, in less time (``scripts/bench_engine.py`` prints both pipelines side by
    side; the parser's and NER's own C layers keep ``blis``). Only the layers built inside the
    ``with`` take these ops; thinc's default is left as it was. OpenBLAS is held to one thread for
    the whole process: its second thread only spins against the event loop and other work on a small
    machine (a busy two-core machine parsed slower with two)."""
    import spacy
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")  # see below
    try:
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(name)
    except OSError:
        raise InputError(
            f"The spaCy pipeline '{name}' is not installed. Run the README's install command, "
            "or set CROSSCHECK_SPACY_MODEL to an installed pipeline."
        ) from None
    keep_hyphenated_words(nlp)
    end_sentences_after_amounts(nlp)
    return nlp  # (an Engine built on another pipeline does both itself)


def end_sentences_after_amounts(nlp: Language) -> None:
    """Let a sentence end after an amount with a scale letter ("reduced to £30m. Revenue was £380m"): the
    tokenizer's special cases "m." and "k." (kept for initials) glued the full stop to the scale, so the two
    sentences parsed as one and the second's figures lost their measures."""
    tokenizer: Any = nlp.tokenizer._tokenizer if isinstance(nlp.tokenizer, HyphenJoiner) else nlp.tokenizer
    tokenizer.rules = {k: v for k, v in tokenizer.rules.items() if k not in ("m.", "k.")}


def keep_hyphenated_words(nlp: Language) -> None:
    """Keep a word joined by a hyphen to another word whole ("co-authors", "e-scooters", "ticket-holders"),
    as the treebanks the parser learnt from write it. spaCy's English tokenizer splits them, and the
    parser then often reads the first half as the noun ("40 co - authors": 40 counts "co"). Numbers
    stay split, written in digits or words ("1,100-megawatt", "twenty-two", "two-thirds"), and so do
    ages ("15-year-old"): the figure rules read their parts."""
    if not isinstance(nlp.tokenizer, HyphenJoiner):
        nlp.tokenizer = HyphenJoiner(nlp.tokenizer)


#: hyphens that join two words
_HYPHENS = frozenset({"-", "\u2010", "\u2011"})
#: the word of an age ("15-year-old"), whose other parts are units: read by the figure rules
_AGE_WORD = "old"


class HyphenJoiner:
    """A tokenizer that merges "word - word" written without spaces into one token (see
    :func:`keep_hyphenated_words`); everything else is the wrapped tokenizer's."""

    def __init__(self, tokenizer) -> None:  # noqa: ANN001 - spaCy's Tokenizer
        self._tokenizer = tokenizer

    def __getattr__(self, name: str):  # noqa: ANN204 - the wrapped tokenizer's attributes
        if name.startswith("_"):
            raise AttributeError(name)  # copy and pickle look for attributes before __init__ has run
        return getattr(self._tokenizer, name)

    def __call__(self, text: str) -> Doc:
        doc = self._tokenizer(text)
        if not any(h in text for h in _HYPHENS):
            return doc  # no hyphen, nothing to join
        spans: list[tuple[int, int]] = []
        n = len(doc)
        i = 0
        # a run of joined words starts just before a hyphen: only those places are read
        for hyphen in [t.i for t in doc if t.text in _HYPHENS]:
            if hyphen - 1 < i:
                continue  # at the start, or inside a run already read
            i = hyphen - 1
            if i + 2 >= n:
                break
            end = i
            while end + 2 < n and _joins(doc, end):
                end += 2
            if end > i and not (end + 2 < n and doc[end + 1].text in _HYPHENS and not doc[end].whitespace_
                                and (doc[end + 2].like_num or not _a_word(doc[end + 2]))):
                spans.append((i, end + 1))  # not "mother-of-three", "12-metre-wide": a number or unit follows
            i = end + 1
        if spans:
            with doc.retokenize() as retokenizer:
                for start, stop in spans:
                    retokenizer.merge(doc[start:stop])
        return doc

    def pipe(self, texts, batch_size: int = 1000):  # noqa: ANN001, ANN201 - as Tokenizer.pipe
        for text in texts:
            yield self(text)


def _joins(doc: Doc, i: int) -> bool:
    """Tokens i, i+1, i+2 are "word-word" written whole, both plain words (see :func:`_a_word`)."""
    left, hyphen, right = doc[i], doc[i + 1], doc[i + 2]
    return hyphen.text in _HYPHENS and not left.whitespace_ and not hyphen.whitespace_ \
        and _a_word(left) and _a_word(right) and right.is_lower  # a name stays split: "Miami-Dade", "Wilkes-Barre"


def _a_word(tok: Token) -> bool:
    """A word a hyphen may join: not a word of an amount ("twenty", "hundred", "half", "dozens") or of how
    many times over ("triple"), not a unit ("metre", "year"), not "old" of an age, not a function word ("of")."""
    low = tok.lower_
    return tok.is_alpha and low not in AMOUNT_WORDS and low not in MULTIPLES and low != _AGE_WORD \
        and low not in STOP_WORDS and unit_family(low).startswith("other:")


class Engine:
    """Turns article text into claims. Thread-confined: use from one worker thread."""

    def __init__(self, nlp: Language, vocab: MeasureVocab, places: Places, *, max_chars: int = 200_000,
                 batch_size: int = 64, loader: Callable[[], Language] | None = None,
                 max_strings: int = 1_000_000) -> None:
        keep_hyphenated_words(nlp)
        end_sentences_after_amounts(nlp)
        self.nlp = nlp
        self.vocab = vocab
        self.places = places
        self.max_chars = max_chars
        self.batch_size = batch_size
        self.extractor = ClaimExtractor(vocab, places)
        self._sentencizer = Sentencizer()
        self._in_zone = False
        self._loader = loader
        self.max_strings = max_strings
        parser_for(nlp.vocab)  # the figure parser is built once, with the engine
        self._parser = SentenceParser(nlp)
        #: most seconds one article may take to read (None: no limit); checked between lines and sentences
        self.time_limit: float | None = None
        #: most figure sentences and figure-sentence tokens one article may send to the parser
        self.max_figure_sentences = MAX_FIGURE_SENTENCES
        self.max_figure_tokens = MAX_FIGURE_TOKENS
        #: the fast path: skip lines that cannot hold a figure before tokenising them, and parse with
        #: the faster exact components (``parsing``). Off: the reference path, every line tokenised and
        #: every figure sentence parsed by spaCy's own ``nlp.pipe``.
        self.gate = True

    @classmethod
    def from_settings(cls, settings) -> Engine:  # noqa: ANN001 - bot.settings.Settings
        name = settings.spacy_model
        return cls(
            load_pipeline(name),
            MeasureVocab.load(settings.measures_file),
            Places.load(),
            max_chars=settings.max_article_chars,
            batch_size=settings.nlp_batch_size,
            loader=lambda: load_pipeline(name),
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
        return Article(text=text, source=info, prepared=prep)

    # -- claims ------------------------------------------------------------------
    def extract(self, article: Article) -> list[Claim]:
        """The claims of one article; raises what ``extract_many`` would return for it."""
        result = self.extract_many([article])[0]
        if isinstance(result, Exception):
            raise result
        return result

    def extract_many(self, articles: Sequence[Article], *,
                     on_result: Callable[[int, list[Claim] | Exception], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> list[list[Claim] | Exception]:
        """The claims of many articles, their figure sentences parsed in one ``nlp.pipe`` stream.

        Each article's result is kept apart: its claims, or the error that stopped it (too much
        to read, over the time limit, refused text), so one bad article never costs the others.
        ``on_result(i, result)`` is called as soon as article ``i`` is done; ``cancelled()`` is
        polled between sentences and stops the whole batch (each unfinished article gets
        ``TimeLimit``). Each article is held to ``time_limit`` seconds of its own work.
        """
        results: list[list[Claim] | Exception | None] = [None] * len(articles)

        def done(i: int, result: list[Claim] | Exception) -> None:
            results[i] = result
            if on_result is not None:
                on_result(i, result)

        with self._bounded_vocab():
            budgets = [_Budget(self.time_limit, cancelled) for _ in articles]
            plans: list[list[FigureSentence] | None] = []
            for i, article in enumerate(articles):
                try:
                    with budgets[i]:
                        plans.append(self._plan(article, budgets[i]))
                except Exception as exc:  # noqa: BLE001 - kept as this article's result
                    plans.append(None)
                    done(i, exc)
            # one parse stream for every article's sentences; a stopped article's are skipped
            owners = [i for i, plan in enumerate(plans) if plan for _ in plan]
            reads = [s.read for plan in plans if plan for s in plan]
            texts = ("" if results[i] is not None else t for i, t in zip(owners, reads, strict=True))
            if not self.gate:  # the reference path: spaCy's own pipeline, every sentence parsed
                stream = self.nlp.pipe(texts, batch_size=self.batch_size)
            else:
                if self._parser.nlp is not self.nlp:  # the pipeline was reloaded or replaced
                    self._parser = SentenceParser(self.nlp)
                # a sentence the batch holds twice (a headline the lead repeats, a wire story's
                # line in two reports) is parsed once
                repeats = {t for t, n in Counter(reads).items() if n > 1}
                stream = pipe_repeats_once(partial(self._parser.pipe, batch_size=self.batch_size), texts, repeats)
            for i, plan in enumerate(plans):
                if plan is None:
                    continue
                docs = _Take(stream, len(plan), budgets[i])
                try:
                    with budgets[i]:
                        done(i, self._extract_parsed(articles[i], plan, iter(docs)))
                except Exception as exc:  # noqa: BLE001 - kept as this article's result
                    done(i, exc)
                docs.skip_rest()  # a stopped article's other sentences (parsed as empty texts by now)
        return results  # type: ignore[return-value]

    def _plan(self, article: Article, budget: _Budget | None = None) -> list[FigureSentence]:
        """The article's figure sentences, refused in one line when there are too many to read."""
        prep = article.prepared
        if not isinstance(prep, PreparedText) or prep.text != article.text:
            prep = prepare(article.text, max_chars=self.max_chars)  # an article made elsewhere
        sentences = self.figure_sentences(prep, budget=budget)
        tokens = sum(s.n_tokens for s in sentences)
        if len(sentences) > self.max_figure_sentences or tokens > self.max_figure_tokens:
            raise InputError(
                f"The article has {len(sentences):,} sentences with figures ({tokens:,} words); crosscheck "
                f"reads at most {self.max_figure_sentences:,} ({self.max_figure_tokens:,} words) in one "
                "article. Split it into parts and check each."
            )
        return sentences

    @contextmanager
    def _bounded_vocab(self) -> Iterator[None]:
        """Work on a string store of bounded size: past ``max_strings`` the pipeline is loaded afresh.

        spaCy's memory zones bound memory too, but they disable the tokenizer's and lemmatizer's
        caches (measured: the engine a third slower). A long-running bot sees a vocabulary that
        grows ever more slowly, so a reload every few hundred thousand new strings costs little.
        """
        if self._in_zone:
            yield
            return
        if self._loader is not None and len(self.nlp.vocab.strings) > self.max_strings:
            log.info("string store passed %s entries: reloading the spaCy pipeline", self.max_strings)
            self.nlp = self._loader()
            parser_for(self.nlp.vocab)
        self._in_zone = True
        try:
            yield
        finally:
            self._in_zone = False

    def _extract_parsed(self, article: Article, sentences: list[FigureSentence], docs: Iterator[Doc]) -> list[Claim]:
        """Claims from the article's figure sentences and their parses, in the same order."""
        if not sentences:
            return []
        ctx = ArticleContext(published=article.source.published,
                             about=article_about(article.source.title, article.text))
        drafts = []
        with self._bounded_vocab():
            for doc, sent in zip(docs, sentences, strict=True):
                offset, after = sent.offset, sent.after
                # reuse the pre-filter's figures when the sentence tokenises the same way alone
                figures = sent.figures if len(doc) == sent.n_tokens else find_figures(doc)
                found = self.extractor.extract_sentence(doc, figures, offset=offset, ctx=ctx)
                if doc.text != sent.text:  # a headline read in lower case: show it as written
                    for d in found:
                        c = d.claim
                        written = sent.text[c.figure_start - offset : c.figure_end - offset]
                        d.claim = replace(c, sentence=sent.text, figure=replace(c.figure, text=written))
                if sent.speaker:
                    for d in found:
                        if d.claim.claimant is None:
                            d.claim = replace(d.claim, claimant=sent.speaker, claimant_chain=(sent.speaker,))
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

    def _speaker(self, label: str | None) -> str | None:
        """The claimant a headline label names: a source noun or a people noun last ("Police",
        "Montana sheriff"), or a name (capitalised words the engine does not know as common words:
        "BBC", "Kyiv"); not a clause ("Storm Hits Coast")."""
        if not label:
            return None
        words = label.split()
        last = words[-1].lower().rstrip(".")
        if last in _SOURCE_NOUNS or self.vocab.is_people(last) or self.vocab.is_people(last.removesuffix("s")):
            return label
        return label if is_proper_name(words, self.vocab) else None

    def figure_sentences(self, prep, *, budget: _Budget | None = None) -> list[FigureSentence]:  # noqa: ANN001
        """Sentences that can hold a figure, with the figures the pre-filter found in them."""
        out: list[FigureSentence] = []
        for line in prep.lines:
            amounts = could_hold_text(line.text)
            if self.gate and not amounts and not _implicit_trigger(line.text):
                continue  # no digit, currency sign, number word or casualty trigger: nothing to tokenise
            if budget is not None:
                budget.check()
            # a title-case headline is read in lower case (offsets unchanged); sentences keep the text as written
            doc = self.nlp.make_doc(headline_case(line.text, self.vocab))
            self._sentencizer(doc)
            sents = _Starts(doc.sents)
            _refuse_number_lists(sents)
            by_sentence: dict[int, list[FigureMatch]] = {}
            # a line without a digit, currency sign or amount word holds no figure (``could_hold_text``):
            # only its implicit counts are looked for
            for m in find_figures(doc) if amounts or not self.gate else ():
                by_sentence.setdefault(_sentence_index(sents, m.start), []).append(m)
            for i, sent in enumerate(sents):
                found = by_sentence.get(i, [])
                if found or _implicit_trigger(sent.text):
                    after = sents[i + 1].text if i + 1 < len(sents) else None
                    shifted = [_shift(m, sent.start, sent.start_char) for m in found]
                    written = line.text[sent.start_char : sent.end_char]
                    out.append(FigureSentence(written, line.start + sent.start_char, after, shifted, len(sent),
                                              read=sent.text, speaker=self._speaker(line.label)))
        return out


#: what a headline label names when it names who says the clause ("Coroner: ...", "Dunmore sheriff: ...")
_SOURCE_NOUNS = frozenset("""police sheriff coroner officials official authorities report reports sources source
    witnesses study survey poll court prosecutors prosecutor ministry government army military agency experts
    doctors data census investigators officers family""".split())


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
    #: the text handed to the parser: ``text`` with a title-case headline's known words in lower case
    read: str
    #: the source a headline names before a colon ("Police: ..."), the claimant of what it says
    speaker: str | None = None


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
        if len(sent) <= MAX_NUMBERS_PER_SENTENCE:
            continue  # too short to hold too many
        numbers = sum(1 for t in sent if t.like_num)
        if numbers > MAX_NUMBERS_PER_SENTENCE:
            raise InputError(
                f"One sentence holds {numbers:,} numbers; crosscheck reads at most "
                f"{MAX_NUMBERS_PER_SENTENCE} in a sentence. Split that list or table into sentences, "
                "or leave it out, and check again."
            )


def _sentence_index(sents, token_i: int) -> int:  # noqa: ANN001
    starts = sents.starts if isinstance(sents, _Starts) else [s.start for s in sents]
    i = bisect.bisect_right(starts, token_i) - 1
    return i if i >= 0 and token_i < sents[i].end else -1


class _Starts(list):
    """Sentences with their start tokens, for a binary search per figure."""

    def __init__(self, sents) -> None:  # noqa: ANN001
        super().__init__(sents)
        self.starts = [s.start for s in self]


#: per-article bounds: beyond them the article is refused in one line before any parse
MAX_FIGURE_SENTENCES = 3_000
MAX_FIGURE_TOKENS = 40_000

def may_hold_figure(text: str) -> bool:
    """A gate on a raw line, before it is tokenised: False only when no sentence of it can hold a
    figure (``numbers.could_hold_text``) or an implicit count (the casualty trigger)."""
    return could_hold_text(text) or _implicit_trigger(text)


class _Budget:
    """The time one article has spent being read, summed over the stretches it was worked on."""

    def __init__(self, limit: float | None, cancelled: Callable[[], bool] | None = None) -> None:
        self.limit = limit
        self.cancelled = cancelled
        self.spent = 0.0
        self._since: float | None = None

    def __enter__(self) -> _Budget:
        self._since = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._since is not None:
            self.spent += time.perf_counter() - self._since
            self._since = None

    def check(self) -> None:
        running = time.perf_counter() - self._since if self._since is not None else 0.0
        if self.cancelled is not None and self.cancelled():
            raise TimeLimit("Reading stopped: the article took too long. Check a shorter article, or split it.")
        if self.limit is not None and self.spent + running > self.limit:
            raise TimeLimit(
                f"This article took longer than {self.limit:g} s to read, the limit for one article; nothing "
                "of it was used. Check a shorter article, or split it into parts."
            )


class _Take:
    """The next ``n`` parsed sentences of the shared stream, the article's budget checked before each."""

    def __init__(self, stream: Iterator[Doc], n: int, budget: _Budget) -> None:
        self.stream, self.left, self.budget = stream, n, budget

    def __iter__(self) -> Iterator[Doc]:
        while self.left > 0:
            self.left -= 1
            doc = next(self.stream)
            self.budget.check()
            yield doc

    def skip_rest(self) -> None:
        while self.left > 0:
            self.left -= 1
            next(self.stream)


def _entities(doc: Doc, places: Places) -> tuple[str, ...]:
    out: list[str] = []
    for ent in doc.ents:
        if ent.label_ in ("NORP", "GPE", "ORG", "LOC", "FAC", "PERSON", "EVENT"):
            name = places.demonym(ent.text) or places.normalise(ent.text)
            name = re.sub(r"^the\s+", "", name, flags=re.I).lower()
            if name and name not in out:
                out.append(name)
    return tuple(out)
