"""Candidate extraction and termhood ranking.

How the miner decides (also explained in the README):

1. **Units.** Each document is converted to Simplified (one character per
   character, so offsets stay valid) and segmented. Function words,
   punctuation, numbers, pronouns, adverbs and time words cut the text into
   chunks; every run of 1–6 words inside a chunk is a candidate. Titles in
   《》, Latin-script names and codes, and single-character chemical elements
   are candidates of their own.
2. **Termhood.** Each word's *specificity* is how much more often it occurs in
   the corpus than in general Chinese (``wordfreq``); a candidate's is the
   mean over its words, so 稀土 scores high and 政府 low.
3. **Unithood.** A multi-word candidate must hold together: its *cohesion* is
   its count over the count of its rarest word (出口管制 nearly always occurs
   as a whole; 美国稀土 does not). Endings that make terms and names
   (…公司, …条例, …协议, …体系) and titles lift that floor.
4. **Frequency, nesting and spread.** C-value discounts a candidate by the
   longer candidates that contain it (铁硼磁 lives only inside 钕铁硼磁体);
   occurring in several files counts extra.

>>> docs = [Document("a.txt", "钕铁硼磁体需要镝。钕铁硼磁体很强。", "utf-8")]
>>> [c.term for c in mine_documents(docs, limit=3)]
['钕铁硼磁体', '镝', '钕铁硼']
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Sequence

from ..models import Candidate, Context, Document
from ..normalise.script import to_simplified_aligned
from ..normalise.text import sentence_around
from .filters import (BG_FLOOR, background_frequency, elements, is_stopword,
                      term_head)
from .segment import JiebaTokeniser, Token, Tokeniser

#: jieba tags that cut a chunk: punctuation, numerals, particles, prepositions,
#: conjunctions, pronouns, adverbs, modal particles, interjections, onomatopoeia, time words, quantifiers
BREAK_TAGS = frozenset("x m mq uj ul uz ug uv ud u p c r rr rz d y e o t tg q zg".split())
MAX_TOKENS = 6
MAX_CHARS = 24
_TITLE = re.compile(r"《([^《》\n]{2,60})》")
_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN_AFTER = re.compile(r"\s*[（(]\s*([A-Za-z][A-Za-z0-9 .,&'+\-]{1,60}?)\s*[)）]")
Progress = Callable[[int, int], None]


@dataclass
class _Stats:
    tokens: tuple[str, ...]
    kind: str = "term"
    count: int = 0
    df: int = 0
    last_doc: int = -1
    parents_f: float = 0.0
    parents_n: int = 0
    files: list[int] = field(default_factory=list)
    per_file: list[int] = field(default_factory=list)


def _see(table: dict[str, _Stats], key: str, toks: tuple[str, ...], doc: int, kind: str = "term") -> None:
    st = table.get(key)
    if st is None:
        st = table[key] = _Stats(toks, kind)
    st.count += 1
    if st.last_doc != doc:
        st.last_doc = doc
        st.df += 1
        st.files.append(doc)
        st.per_file.append(0)
    st.per_file[-1] += 1


def _is_content(tok: Token) -> bool:
    if tok.tag in BREAK_TAGS and tok.tag != "eng":
        return False
    if tok.text.isspace() or is_stopword(tok.text):
        return False
    return True


class Miner:
    """Counts candidates over documents, then ranks them.

    :param tokeniser: a :class:`~glossary.mining.segment.Tokeniser`; jieba-rs by default.
    """

    def __init__(self, tokeniser: Tokeniser | None = None) -> None:
        self.tokeniser = tokeniser or JiebaTokeniser()
        self.table: dict[str, _Stats] = {}
        self.tok_count: dict[str, int] = defaultdict(int)
        self.n_tokens = 0
        self.docs: list[Document] = []
        self.simplified: list[str] = []

    # ------------------------------------------------------------ counting
    def add(self, doc: Document) -> None:
        """Count the candidates of one document."""
        d = len(self.docs)
        self.docs.append(doc)
        simp = to_simplified_aligned(doc.text)
        self.simplified.append(simp)
        table, tok_count = self.table, self.tok_count
        elems = elements()
        chunk: list[str] = []

        def flush() -> None:
            n = len(chunk)
            for i in range(n):
                if len(chunk[i]) == 1 and chunk[i] not in elems and not chunk[i].isascii():
                    continue  # a term does not begin with a lone non-element character …
                for j in range(i + 1, min(n, i + MAX_TOKENS) + 1):
                    toks = tuple(chunk[i:j])
                    last = toks[-1]
                    if j - i > 1 and len(last) == 1 and last not in elems:
                        continue  # … nor end with one
                    key = "".join(toks)
                    if len(key) > MAX_CHARS:
                        break
                    if j - i == 1 and len(key) == 1 and (key not in elems or
                                                         background_frequency(key) > 1e-5):
                        continue
                    _see(table, key, toks, d)
            chunk.clear()

        for tok in self.tokeniser.tokenize(simp):
            text = tok.text
            if _is_content(tok):
                tok_count[text] += 1
                self.n_tokens += 1
                chunk.append(text)
            else:
                if not text.isspace():
                    self.n_tokens += 1
                    tok_count[text] += 1
                if chunk:
                    flush()
        if chunk:
            flush()
        for m in _TITLE.finditer(simp):
            title = m.group(1).strip()
            _see(table, title, (title,), d, "title")
            table[title].kind = "title"

    # ------------------------------------------------------------- ranking
    def _specificity(self, word: str, count: int | None = None) -> float:
        if word.isascii():
            # Latin names and codes are taken as specific unless they are plain lowercase words
            return 2.0 if any(c.isupper() or c.isdigit() for c in word) else 0.0
        c = self.tok_count.get(word, 0) if count is None else count
        rel = c / max(self.n_tokens, 1)
        bg = max(background_frequency(word), BG_FLOOR)
        return max(-1.0, min(5.0, math.log10(max(rel, 1e-12) / bg)))

    def score(self) -> list[Candidate]:
        """Rank every counted candidate; best first."""
        table = self.table
        # nesting: credit each sub-candidate with the longer ones that contain it
        for key, st in table.items():
            n = len(st.tokens)
            if n < 2:
                continue
            for i in range(n):
                for j in range(i + 1, n + 1):
                    if j - i == n:
                        continue
                    sub = table.get("".join(st.tokens[i:j]))
                    if sub is not None:
                        sub.parents_f += st.count
                        sub.parents_n += 1
        n_docs = max(len(self.docs), 1)
        elems = elements()
        out: list[Candidate] = []
        for key, st in table.items():
            toks = st.tokens
            kind = st.kind
            if kind == "title":
                spec = max(2.0, sum(self._specificity(t) for t in self._words(key)) / max(len(self._words(key)), 1))
                unit = 1.0
            elif len(toks) == 1:
                spec = self._specificity(key)
                unit = 1.0
                if key.isascii():
                    kind = "latin"
                elif len(key) == 1:
                    kind = "element"
            else:
                specs = [self._specificity(t) for t in toks]
                spec = sum(specs) / len(specs)
                rarest = min(self.tok_count.get(t, 1) for t in toks)
                unit = st.count / max(rarest, 1)
                if term_head(key) or any(t in elems for t in toks):
                    unit = max(unit, 0.5)
                unit = unit ** 0.5
            if spec <= 0:
                continue
            f = st.count
            if st.parents_n:
                f = f - st.parents_f / st.parents_n
                if f <= 0:
                    continue  # only ever seen inside longer candidates: a fragment
            length = len(key) if not key.isascii() else max(2, len(key.split()) + 1)
            weight = math.log2(1 + min(length, 8))
            spread = 1 + 0.5 * (st.df - 1) / n_docs * n_docs ** 0.5
            s = spec * unit * weight * (1 + math.log2(1 + f)) * spread
            out.append(Candidate(term=key, kind=kind, count=st.count,
                                 files=[self.docs[i].path for i in st.files],
                                 file_counts={self.docs[i].path: n for i, n in zip(st.files, st.per_file)},
                                 score=round(s, 4)))
        out.sort(key=lambda c: (-c.score, -c.count, c.term))
        return out

    def _words(self, text: str) -> list[str]:
        return [t.text for t in self.tokeniser.tokenize(text) if _is_content(t)]

    # ------------------------------------------------------------ evidence
    def attach_evidence(self, cands: Sequence[Candidate], max_contexts: int = 3) -> None:
        """Fill surface forms, up to ``max_contexts`` example sentences and English seen beside each term."""
        for c in cands:
            ctx: list[Context] = []
            surfaces: dict[str, list[str]] = {}
            english: dict[str, int] = {}
            for doc, simp in zip(self.docs, self.simplified):
                if doc.path not in c.files:
                    continue
                start = simp.find(c.term)
                while start != -1:
                    end = start + len(c.term)
                    surface = doc.text[start:end]
                    files = surfaces.setdefault(surface, [])
                    if doc.path not in files:
                        files.append(doc.path)
                    if len(ctx) < max_contexts:
                        ctx.append(Context(doc.path, start, sentence_around(doc.text, start, end)))
                    m = _LATIN_AFTER.match(doc.text, end)
                    if m:
                        english[m.group(1).strip()] = english.get(m.group(1).strip(), 0) + 1
                    start = simp.find(c.term, end)
            c.contexts = ctx
            c.surfaces = surfaces
            c.english_in_text = sorted(english, key=lambda e: -english[e])


def default_limit(n_hanzi: int) -> int:
    """How many candidates a run keeps by default: about one per 40 Hanzi of input, 50 to 5,000.

    >>> default_limit(16000)
    400
    """
    return max(50, min(5000, n_hanzi // 40))


def mine_documents(docs: Sequence[Document], limit: int | None = None,
                   tokeniser: Tokeniser | None = None, progress: Progress | None = None) -> list[Candidate]:
    """Mine ranked term candidates, with evidence, from cleaned documents.

    :param limit: how many to keep; default :func:`default_limit` of the input size.
    :param progress: called as ``progress(done, total)`` after each document.
    """
    miner = Miner(tokeniser)
    for i, doc in enumerate(docs):
        miner.add(doc)
        if progress:
            progress(i + 1, len(docs))
    ranked = miner.score()
    if limit is None:
        limit = default_limit(sum(len(_HAN.findall(d.text)) for d in docs))
    kept = ranked[:limit]
    miner.attach_evidence(kept)
    return kept
