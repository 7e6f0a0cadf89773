"""Candidate extraction and termhood ranking.

How the miner decides (also explained in the README):

1. **Units.** Each document is converted to Simplified (one character per
   character, so offsets stay valid) and segmented. Function words,
   punctuation, numbers, pronouns, adverbs and time words cut the text into
   chunks; every run of 1–6 words inside a chunk is a candidate. Titles in
   《》, Latin-script names and codes, and single-character chemical elements
   are candidates of their own.
2. **Termhood.** Each word's *specificity* is how much more often it occurs in
   the corpus than in general Chinese (``wordfreq``; words the segmenter
   invented are judged by their characters); a candidate's is the mean over
   its words, a final term head left out, so 稀土 scores high and 政府 low.
3. **Unithood.** A multi-word candidate must hold together: its *cohesion* is
   its count over the geometric mean of its words' counts (出口管制 nearly
   always occurs as a whole; 美国稀土 does not). Endings that make terms and
   names (…公司, …条例, …协议, …体系) and element names lift that floor.
4. **Frequency, nesting and spread.** C-value discounts a candidate by the
   longer candidates, seen at least twice, that contain it; one nearly always
   inside a single longer candidate is a fragment; several files count extra.
5. **Shape.** Core vocabulary, chemistry, term heads, titles of laws and an
   English name in brackets after the term weigh in as priors (see :meth:`Miner.score`).

>>> docs = [Document("a.txt", "钕铁硼磁体需要添加镝。钕铁硼磁体用于电机。钕铁硼很硬。", "utf-8")]
>>> terms = [c.term for c in mine_documents(docs)]
>>> terms[0], "钕铁硼" in terms, "镝" in terms, "铁硼磁" in terms
('钕铁硼磁体', True, True, False)
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from functools import lru_cache
from operator import itemgetter
from typing import Callable, Container, Iterable, Sequence

from ..models import Candidate, Context, Document
from ..normalise.script import to_simplified_aligned
from ..normalise.text import sentence_around
from . import cedict
from .filters import (background_frequency, common_words, elements, ends_in_head, estimated_frequency,
                      is_chemical, is_head, is_stopword, stopwords, term_head)
from .segment import JiebaTokeniser, Token, Tokeniser

#: jieba tags that cut a chunk: punctuation, numerals, particles, prepositions,
#: conjunctions, pronouns, adverbs, modal particles, interjections, onomatopoeia, time words, quantifiers,
#: and idioms (成语 are figurative phrases, not terms)
BREAK_TAGS = frozenset("x m mq uj ul uz ug uv ud u p c r rr rz d y e o t tg q zg i".split())
MAX_TOKENS = 6
#: tags a multi-word term does not end in: adjectives and distinguishing words (短, 非法)
END_NOT = frozenset("a ad ag b z".split())
#: tags of a first word that, unless the dictionary knows the word, starts no term
START_NOT = frozenset("a ad d".split())
MAX_CHARS = 24
_TITLE = re.compile(r"《([^《》\n]{2,60})》")
#: a span in quotation marks, without punctuation inside (“反胁迫机制”)
_QUOTED = re.compile(r"[“「『‘]([^“”「」『』‘’，,。；;：:！!？?、\s]{3,16})[”」』’]")
_HAN = re.compile(r"[\u3400-\u9fff]")
_HAN_AFTER = re.compile(r"\b([A-Z][A-Za-z0-9.&'+\-]*(?: [A-Za-z0-9.&'+\-]+){0,6})\s*[（(]([\u3400-\u9fff·]{2,20})[)）]")
#: an acronym in a gloss: capitals only, one per word it abbreviates (HBM, DRAM, KPI)
_ACRONYM = re.compile(r"[A-Z]{3,5}")
_LATIN_AFTER = re.compile(r"[（(]\s*([A-Za-z][A-Za-z0-9 .,&'+\-]{1,60}?)\s*[)）]")
#: a Latin-script name: capitalised words, as in "Lynas Rare Earths" (for transliteration matching)
_LATIN_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*\b")
MAX_NEARBY = 200
NEARBY_FILES = 20
Progress = Callable[[int, int], None]


SPEC_POWER = 1.0
FREQ_WEIGHT = 1.0
SPREAD = 0.5
TITLE_PRIOR = 3.0
#: core vocabulary: seen at least this often, and this specific (log10 ratio to general Chinese)
CORE_MIN_COUNT = 3
CORE_MIN_SPEC = 1.5
#: weight of a candidate that shares no word with the core vocabulary
OFF_TOPIC = 0.6
#: weight of element names and chemical compounds, and of candidates that end in a term head
CHEMICAL_PRIOR = 2.0
HEAD_PRIOR = 1.5
#: tags of words that set a term in a place, side or person (美国, 中方, 海外, 贝森特), and the weight
#: of such a phrase when the term also occurs on its own
SETTING_TAGS = frozenset({"ns", "f", "s", "nr", "nrt"})
SETTING = 0.3
#: the segmenter's tags of people's names (organisations are "nt"): off the core vocabulary, but glossary
#: material, and a name the words before it only set in context (财长+贝森特)
PERSON_TAGS = frozenset({"nr", "nrt"})
#: weight of a candidate the texts follow with an English name in brackets
GLOSSED_PRIOR = 2.0
_CLAUSE_BREAK = re.compile(r"[，,。；;：:！!？?\s“”「」《》()（）]")
#: endings of names of bodies and laws, which carry their country (美国国防部, 中华人民共和国出口管制法)
NAME_HEADS = ("部", "局", "署", "委员会", "协会", "集团", "公司", "法", "法案", "条例", "政府", "大使")
#: a candidate seen inside one particular longer candidate this often is a fragment of it
FRAGMENT_SHARE = 0.8
#: derivational prefixes and suffixes that may stand alone at the edge of a term (去中国化, 反胁迫机制, 依赖+度)
PREFIXES = frozenset("去反非超准亚次半泛抗防无微纳多单双副总")
SUFFIXES = frozenset("化性型式率量度业商剂机器物品矿石岩法部局署厅股价税链")
#: tags of verbs, verbal nouns and distinguishing words: a run made only of them is a process (分离提纯, 串级萃取)
VERBISH = frozenset({"v", "vn", "vd", "b"})
#: a verb this frequent in general Chinese, followed by its object, makes an action, not a term
#: (签订, 放弃); rarer verbs (氧化, 加征, 追溯) build terms with what follows
EVERYDAY_VERB_FREQ = 1.5e-5
#: a word this frequent in general Chinese is everyday vocabulary (市场, 企业, 价格)
GENERAL_FREQ = 1e-4
#: a verb this frequent in general Chinese (进行, 提供, 发展) links phrases; it does not make terms
COMMON_VERB_FREQ = 1.5e-4


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return frozenset(common_words(COMMON_VERB_FREQ))


@lru_cache(maxsize=1)
def _single_char_terms() -> frozenset[str]:
    """Element characters that are rare in general Chinese (镝, 铽; not 金 or 铁)."""
    return frozenset(c for c in elements() if background_frequency(c) <= 1e-5)


def _is_name_head(term: str) -> bool:
    return term.endswith(NAME_HEADS)


def _is_content(tok: Token) -> bool:
    if tok.tag in BREAK_TAGS and tok.tag != "eng":
        return False
    if tok.text.isspace() or is_stopword(tok.text):
        return False
    return True


class _Units(dict):
    """(word, tag) → the word, or "\\x00" where it breaks a chunk: punctuation and function-word tags,
    stop words, everyday verbs (进行, 提供) and relations in 于 (嵌于, 基于); derivational prefixes never break."""

    def __missing__(self, pair: tuple[str, str]) -> str:
        w, t = pair
        brk = ((t in BREAK_TAGS and t != "eng") or w in stopwords() or w.isspace()
               or (t == "v" and w in _common_words())
               or (len(w) == 2 and w[1] == "于" and t != "n")) and w not in PREFIXES  # 嵌于, 基于: relations
        self[pair] = out = "\x00" if brk else w
        return out


class Miner:
    """Counts candidates over documents, then ranks them.

    Counting is done with ``Counter`` per document: each chunk of content
    words is expanded into its candidate n-grams once (a cache keyed by the
    chunk, since chunks recur), and every occurrence is counted.

    :param tokeniser: a :class:`~glossary.mining.segment.Tokeniser`; jieba-rs by default.
    """

    def __init__(self, tokeniser: Tokeniser | None = None) -> None:
        self.tokeniser = tokeniser or JiebaTokeniser()
        self.count: Counter[str] = Counter()
        self.df: Counter[str] = Counter()
        self.doc_counts: list[Counter[str]] = []
        self.tokens: dict[str, tuple[str, ...]] = {}
        self.titles: set[str] = set()
        self.glossed: dict[str, Counter[str]] = {}  # the words right before an English gloss → the glosses
        self.glossed_names: set[str] = set()
        self.quoted: set[str] = set()  # terms the texts set in quotation marks (“反胁迫机制”)
        self.tok_count: Counter[str] = Counter()
        self.n_tokens = 0
        self.docs: list[Document] = []
        self.simplified: list[str] = []
        self._same: list[bool] = []
        self._ngrams: dict[str, list[str]] = {}
        self.tag_of: dict[str, str] = {}
        self._unit = _Units()

    # ------------------------------------------------------------ counting
    def _expand(self, chunk: tuple[str, ...]) -> list[str]:
        """Candidate n-grams of one chunk: runs of 1..MAX_TOKENS words.

        A run neither begins nor ends with a lone character (的-like fragments), except
        derivational prefixes (去中国化, 反胁迫) and suffixes; a one-character word stands
        alone only when it is a rare element. A run with a verb inside it is a clause
        (钕铁硼磁体用于电机, X设定Y), unless a term head ends it (反胁迫机制); a run of three
        or more words that ends in a verb is one too, unless every word is a verb (分离提纯).
        """
        elems, single_ok, tokens, tag_of = elements(), _single_char_terms(), self.tokens, self.tag_of
        n = len(chunk)
        lone = [len(t) == 1 and t not in elems and not t.isascii() for t in chunk]
        tags = [tag_of.get(t, "n") for t in chunk]
        # a term does not begin with an adverb or adjective the segmenter made up (光靠, 其重: "relying only
        # on", "its heavy"); the dictionary's adjectives begin terms (新 + 能源)
        start_ok = [(not lone[k] or chunk[k] in PREFIXES)
                    and not (tags[k] in START_NOT and not chunk[k].isascii() and not cedict.has_word(chunk[k]))
                    for k in range(n)]
        head = [ends_in_head(t) for t in chunk]
        # a term ends in its head, a noun or a verb named as an act, never in an adjective (周期+短, 稀土+非法);
        # a term head tagged an adjective is the segmenter's slip (清单)
        end_ok = [(not lone[k] or chunk[k] in SUFFIXES) and (tags[k] not in END_NOT or is_head(chunk[k]))
                  for k in range(n)]
        verb = [t == "v" for t in tags]
        pure_verb = [verb[k] and (cedict.is_verb(chunk[k]) or not cedict.has_word(chunk[k])) for k in range(n)]
        verbish = [t in VERBISH for t in tags]
        everyday_verb = [verb[k] and chunk[k] not in PREFIXES and background_frequency(chunk[k]) >= EVERYDAY_VERB_FREQ
                         for k in range(n)]
        out = []
        for i in range(n):
            if not start_ok[i]:
                continue
            key = ""
            inner_verb = early_verb = False
            all_verbish = verbish[i]
            for j in range(i, min(n, i + MAX_TOKENS)):
                key += chunk[j]
                if len(key) > MAX_CHARS:
                    break
                if j > i:
                    early_verb = inner_verb  # a verb inside, not right before this word
                    inner_verb = inner_verb or (j - 1 > i and verb[j - 1])
                    all_verbish = all_verbish and verbish[j]
                    if not end_ok[j] or early_verb or (inner_verb and (not head[j] or _moves(chunk[j - 1]))):
                        continue
                    if j - i >= 2 and (verb[j] or verb[i]) and not all_verbish and not is_chemical(key):
                        continue  # a verb and a phrase after or before it: a clause (签署稀土供应协议)
                    if everyday_verb[i] and not verbish[i + 1] and not head[j]:
                        continue  # an everyday verb and its object (签订…协议, 放弃…) is an action, not a term
                    if (j == i + 1 and pure_verb[i] and not verbish[j] and not lone[j] and not is_chemical(key)
                            and (not head[j] or _moves(chunk[i]))):
                        # a verb the dictionary knows only as one, and its object (削减+产量), even a term
                        # head when the verb says where it goes (送入+细胞); before a head it may qualify it
                        # (控制+系统)
                        continue
                elif len(key) == 1 and key not in single_ok and key not in PREFIXES:
                    continue
                elif lone[i]:
                    continue  # a prefix alone is not a term
                out.append(key)
                if key not in tokens:
                    tokens[key] = chunk[i:j + 1]
        return out

    def add(self, doc: Document) -> None:
        """Count the candidates of one document."""
        self.docs.append(doc)
        simp = to_simplified_aligned(doc.text)
        self.simplified.append(simp)
        self._same.append(simp == doc.text)
        cache, expand = self._ngrams, self._expand
        pairs = self._pairs(simp)
        self.tag_of.update(pairs)
        words = Counter(map(itemgetter(0), pairs))
        for w in [w for w in words if w.isspace()]:
            del words[w]
        # words joined by \x01 with every break as \x00, then split: the chunking runs in C, and
        # each (word, tag) is judged once per run (self._unit), not once per occurrence
        seq = "\x01".join(map(self._unit.__getitem__, pairs))
        occ: list[str] = []
        for part in seq.split("\x00"):
            part = part.strip("\x01")
            if not part:
                continue
            grams = cache.get(part)
            if grams is None:
                grams = cache[part] = expand(tuple(part.split("\x01")))
            occ.extend(grams)
        local = Counter(occ)
        titles = Counter(m.group(1).strip() for m in _TITLE.finditer(simp))
        for title, n in titles.items():
            # a title may also have been counted as a run of words: take the larger count, not both
            local[title] = max(local[title], n)
            self.titles.add(title)
            self.tokens.setdefault(title, (title,))
        quoted = Counter(m.group(1) for m in _QUOTED.finditer(simp))
        for q, n in quoted.items():
            # quotation marks set off slogans, idioms and irony as often as terms; a quoted span that
            # ends in a term head (…机制, …协议, …俱乐部) is a term the writer names as one
            pairs = self._pairs(q)
            if _HAN.search(q) and term_head(q) and all(self._unit[p] != "\x00" for p in pairs):
                # (and no word inside that would cut a chunk: “从矿山到磁体” is a slogan)
                local[q] = max(local[q], n)
                self.quoted.add(q)
                self.tokens.setdefault(q, tuple(w for w, _ in pairs) or (q,))
        for m in _HAN_AFTER.finditer(simp):
            # a Latin name with its Chinese name in brackets after it: Lynas Rare Earths（莱纳斯稀土）
            self.glossed.setdefault(m.group(2), Counter())[m.group(1).strip()] += 1
        for m in _LATIN_AFTER.finditer(simp):
            before = self._glossed_span(simp, m.start())
            if before:
                self.glossed.setdefault(before, Counter())[m.group(1).strip()] += 1
                spelled = self._acronym_words(before, m.group(1).strip())
                if spelled:
                    # an acronym names the words before it, at most one a letter: 高带宽存储器（HBM）, not 存储器
                    named = "".join(spelled)
                    local[named] = max(local[named], 1)
                    self.tokens.setdefault(named, spelled)
                if "、" in before and _is_name_head(before):
                    # a name with a list inside (美国采矿、冶金和勘探协会), which the enumeration comma would
                    # otherwise cut: the English after it vouches for it as one name
                    local[before] += 1
                    self.glossed_names.add(before)
                    self.tokens.setdefault(before, (before,))
        self.tok_count.update(words)
        self.n_tokens += sum(words.values())
        self.count.update(local)
        self.df.update(local.keys())
        self.doc_counts.append(local)

    def _acronym_words(self, span: str, gloss: str) -> tuple[str, ...]:
        """The words at the end of ``span`` an acronym gloss abbreviates: back to a function word, at most one
        word a letter (高带宽 存储器 for HBM, 动态 随机 存取 存储器 for DRAM); () when the gloss is no acronym
        or fewer than two words are left."""
        if not _ACRONYM.fullmatch(gloss):
            return ()
        words: list[str] = []
        for w, t in reversed(self._pairs(span)[-len(gloss):]):
            if not _HAN.search(w) or self._unit[(w, t)] == "\x00":
                break  # (对 + 高带宽存储器: the words stop at a function word)
            words.insert(0, w)
        return tuple(words) if len(words) >= 2 else ()

    def _glossed_span(self, simp: str, p: int) -> str:
        """The words right before position ``p`` (an opening bracket), back to the clause's start, without
        leading function words: "。根据美国采矿、冶金和勘探协会(" → "美国采矿、冶金和勘探协会"."""
        while p > 0 and simp[p - 1] == " ":
            p -= 1
        if p > 0 and simp[p - 1] == "》":
            # a title before the gloss: 《基础设施投资和就业法案》(Infrastructure Investment and Jobs Act)
            start = simp.rfind("《", max(0, p - 62), p)
            if start >= 0:
                return simp[start + 1:p - 1].strip()
        span = _CLAUSE_BREAK.split(simp[max(0, p - MAX_CHARS):p])[-1]
        pairs = self._pairs(span) if span else []
        k = 0
        while k < len(pairs) and self._unit[pairs[k]] == "\x00":
            k += 1
        return "".join(w for w, _ in pairs[k:])

    def state(self) -> dict:
        """What was counted, as plain data (to send from a worker process)."""
        return {"count": self.count, "df": self.df, "doc_counts": self.doc_counts, "tokens": self.tokens,
                "titles": self.titles, "glossed": self.glossed, "glossed_names": self.glossed_names,
                "quoted": self.quoted,
                "tok_count": self.tok_count, "n_tokens": self.n_tokens,
                "simplified": self.simplified, "same": self._same, "tag_of": self.tag_of}

    def merge(self, docs: Sequence[Document], state: dict) -> None:
        """Add what a worker counted over ``docs`` (in order) to this miner."""
        self.docs.extend(docs)
        self.count.update(state["count"])
        self.df.update(state["df"])
        self.doc_counts.extend(state["doc_counts"])
        for k, v in state["tokens"].items():
            self.tokens.setdefault(k, v)
        self.titles |= state["titles"]
        for span, found in state["glossed"].items():
            self.glossed.setdefault(span, Counter()).update(found)
        self.glossed_names |= state["glossed_names"]
        self.quoted |= state["quoted"]
        self.tok_count.update(state["tok_count"])
        self.n_tokens += state["n_tokens"]
        self.simplified.extend(state["simplified"])
        self._same.extend(state["same"])
        self.tag_of.update(state["tag_of"])  # the last tag seen wins, as when counting in one process

    def _pairs(self, text: str) -> list[tuple[str, str]]:
        pairs = getattr(self.tokeniser, "pairs", None)
        if pairs is not None:
            return pairs(text)
        return [(t.text, t.tag) for t in self.tokeniser.tokenize(text)]

    # ------------------------------------------------------------- ranking
    def _specificity(self, word: str, count: int | None = None) -> float:
        if word.isascii() and not any(ch.isupper() or ch.isdigit() for ch in word):
            return 0.0  # a plain lowercase word is English prose, not a name or code
        c = self.tok_count.get(word, 0) if count is None else count
        rel = c / max(self.n_tokens, 1)
        known = getattr(self.tokeniser, "known", None)
        bg = estimated_frequency(word, invented=known is not None and not word.isascii() and not known(word))
        return max(-1.0, min(5.0, math.log10(max(rel, 1e-12) / bg)))

    def score(self) -> list[Candidate]:
        """Rank every counted candidate; best first.

        score = specificity × unithood × length weight × (1 + log2(1 + nested-discounted count)) × spread × prior
        """
        count = self.count
        parents_f, parents_n, parents_max, mutual = self._nesting()
        n_docs = max(len(self.docs), 1)
        elems = elements()
        glossed = self._glossed_terms()
        core = self._core_words()
        out: list[Candidate] = []
        for key, f0 in count.items():
            toks = self.tokens[key]
            kind, spec, unit = self._termhood(key, toks, f0)
            if spec <= 0:
                continue
            if f0 >= 2 and key not in elems and (key in mutual if len(toks) == 1
                                                  else parents_max[key] >= FRAGMENT_SHARE * f0):
                continue  # nearly always inside one longer candidate: a fragment (芒廷 of 芒廷帕斯, 美国地质)
            f = f0
            if parents_n[key]:
                f = f0 - parents_f[key] / parents_n[key]
                if len(toks) == 1 and (key in elems or background_frequency(key) > 0):
                    f = max(f, f0 / 2)  # a known word or an element is a unit even when always nested
                elif f <= 0:
                    continue  # only ever seen inside longer candidates: a fragment (芒廷 of 芒廷帕斯)
            length = len(key) if not key.isascii() else max(2, len(key.split()) + 1)
            if len(toks) > 1 and kind != "title" and not term_head(key):
                length = min(length, 4)  # a long free phrase is not more of a term for being long
            weight = math.log2(1 + min(max(length, 2), 8))
            spread = 1 + SPREAD * (self.df[key] - 1) / n_docs * n_docs ** 0.5
            prior = self._prior(key, toks, kind, spec, f0, core)
            if key in glossed or key in self.quoted:
                # the texts give it an English name (美国国会研究服务部(CRS)) or set it off as one (“反胁迫机制”)
                prior *= GLOSSED_PRIOR
            s = spec ** SPEC_POWER * unit * weight * (1 + FREQ_WEIGHT * math.log2(1 + f)) * spread * prior
            out.append(Candidate(term=key, kind=kind, count=f0, score=round(s, 4)))
        out.sort(key=lambda c: (-c.score, -c.count, c.term))
        return out

    def _nesting(self) -> tuple[Counter[str], Counter[str], Counter[str], set[str]]:
        """C-value bookkeeping: for each candidate, the summed and largest counts of the longer candidates
        (seen twice or more) that contain it and how many they are; and the single words that nearly
        always occur as a pair, halves of one name (芒廷 + 帕斯)."""
        count = self.count
        parents_f: Counter[str] = Counter()
        parents_n: Counter[str] = Counter()
        parents_max: Counter[str] = Counter()
        for key, toks in self.tokens.items():
            n = len(toks)
            c = count[key]
            if n < 2 or c < 2:
                continue  # a longer phrase seen once is no evidence that its parts are fragments
            for i in range(n):
                sub = ""
                for j in range(i, n if i else n - 1):
                    sub += toks[j]
                    if sub in count:
                        parents_f[sub] += c
                        parents_n[sub] += 1
                        if c > parents_max[sub]:
                            parents_max[sub] = c
        mutual = set()
        for key, toks in self.tokens.items():
            if len(toks) == 2 and count[key] >= 2:
                a, b = toks
                if count[key] >= FRAGMENT_SHARE * max(count.get(a, 0), count.get(b, 0)):
                    mutual.update(toks)
        return parents_f, parents_n, parents_max, mutual

    def _phrase_specificity(self, words: list[str]) -> float:
        """The mean specificity of a phrase's words; a final term head (…系统, …机制, …清单) is generic by
        nature and left out: the words before it carry the specificity."""
        if len(words) > 1 and ends_in_head(words[-1]):
            words = words[:-1]
        return sum(map(self._specificity, words)) / max(len(words), 1)

    def _termhood(self, key: str, toks: tuple[str, ...], f0: int) -> tuple[str, float, float]:
        """(kind, specificity, unithood) of one candidate."""
        if key in self.titles or key in self.glossed_names:
            words = self._words(key)
            spec = max(2.0, sum(map(self._specificity, words)) / max(len(words), 1))
            return ("title" if key in self.titles else "name"), spec, 1.0
        if key in self.quoted:
            return "term", self._phrase_specificity(self._words(key)), 1.0  # quotation marks make it one unit
        if len(toks) == 1:
            kind = "latin" if key.isascii() else "element" if len(key) == 1 else "term"
            return kind, self._specificity(key), 1.0
        # a Latin name's rarity says nothing of the Chinese words beside it (MP Materials计划)
        spec = self._phrase_specificity([t for t in toks if not t.isascii()] or list(toks))
        # cohesion: the phrase's count against the geometric mean of its words' counts
        # (出口管制 nearly always occurs whole; 芒廷帕斯发布公告 is one clause among many uses of 芒廷帕斯)
        logs = [math.log(max(self.tok_count.get(t, 1), 1)) for t in toks]
        unit = min(1.0, f0 / math.exp(sum(logs) / len(logs)))
        if is_chemical(key):
            unit = 1.0  # a name built by chemistry's rules is one unit, however often 氧化 or 镝 occur
        elif term_head(key) or any(t in elements() for t in toks) or all(self.tag_of.get(t) == "v" for t in toks):
            # a term head, an element, or verbs in a row naming one process (分离提纯): the phrase
            # holds together when it takes its rarest word's uses (稀土金属 of 金属), whatever the
            # hundreds of uses of 稀土
            rare = min(max(self.tok_count.get(t, 1), 1) for t in toks)
            unit = max(unit, min(1.0, f0 / rare))
        elif background_frequency(toks[-1]) >= GENERAL_FREQ:
            unit *= 0.5  # ends in an everyday noun (…价格, …企业, …市场): a phrase about a term
        return "term", spec, unit ** 0.5

    def _prior(self, key: str, toks: tuple[str, ...], kind: str, spec: float, f0: int, core: set[str]) -> float:
        """What a candidate's shape says: titles, core vocabulary, chemistry, term heads, settings."""
        if kind == "title":
            # a law, agreement or strategy (…法案, …协议) is a term; a book or article title is not
            return TITLE_PRIOR if term_head(key) else 0.5
        prior = 1.0
        if not self._has_core(toks, core) and spec < 3 and not (len(toks) == 1 and self._is_name(key)):
            # shares no word with the field's core vocabulary (撒胡椒面, 美国); what is a thousand times
            # more frequent here than in general Chinese (选冶) is vocabulary of the field all the same,
            # and so are the people and bodies the texts name (白宫, 海关总署), if not every country
            prior = OFF_TOPIC
        if is_chemical(key):
            prior *= CHEMICAL_PRIOR  # an element or a compound named by chemistry's rules
        elif ends_in_head(key) and len(key) > 2:
            prior *= HEAD_PRIOR  # a name or term by its form: …总署, …清单, …机制
        if len(toks) > 1 and not _is_name_head(key) and (
                self.tag_of.get(toks[0]) in SETTING_TAGS or self._is_person(toks[-1])):
            if self.count.get(key[len(toks[0]):], 0) >= f0:
                # a place, side or person before a term seen on its own (美国+稀土战略, 中方+出口管制),
                # or a title before a name (财长+贝森特): the term or name in a setting; a body or law
                # keeps its place (美国国防部)
                prior *= SETTING
        return prior

    def _glossed_terms(self) -> set[str]:
        """For each text an English gloss follows, the longest candidate it ends with."""
        return {t for t in (_longest_ending(span, self.count) for span in self.glossed) if t}

    def _is_person(self, word: str) -> bool:
        """A person's name by the segmenter's tag, unless the dictionary knows it as a common word (许可证)."""
        return self.tag_of.get(word) in PERSON_TAGS and not cedict.is_common_word(word)

    def _is_name(self, word: str) -> bool:
        """A person or organisation by the segmenter's tag, unless the dictionary knows the word as a common
        one (the segmenter tags 许可 "permit" as a surname and a name)."""
        return self.tag_of.get(word) == "nt" or self._is_person(word)

    def _core_words(self) -> set[str]:
        """The field's core vocabulary: words seen a few times and much more often than in general Chinese,
        and chemical elements."""
        core = {w for w, n in self.tok_count.items() if n >= CORE_MIN_COUNT and self._specificity(w) >= CORE_MIN_SPEC}
        return core | set(elements())

    @staticmethod
    def _has_core(toks: tuple[str, ...], core: set[str]) -> bool:
        for t in toks:
            if t in core:
                return True
            if len(t) >= 3:  # a long word holding a core word (稀土金属 holds 稀土)
                for k in (2, 3):
                    if any(t[i:i + k] in core for i in range(len(t) - k + 1)):
                        return True
            elif len(t) == 2 and (t[0] in core or t[1] in core):
                return True
        return False

    def attach_files(self, cands: Sequence[Candidate]) -> None:
        """Fill the files each candidate occurs in, with per-file counts."""
        where: dict[str, list[int]] = {c.term: [] for c in cands}
        for i, local in enumerate(self.doc_counts):
            for term in local.keys() & where.keys():  # the intersection runs in C
                where[term].append(i)
        paths, counts = [d.path for d in self.docs], self.doc_counts
        for c in cands:
            idx = where[c.term]
            c.files = [paths[i] for i in idx]
            c.file_counts = {paths[i]: counts[i][c.term] for i in idx}

    def _words(self, text: str) -> list[str]:
        return [t.text for t in self.tokeniser.tokenize(text) if _is_content(t)]

    # ------------------------------------------------------------ evidence
    def attach_evidence(self, cands: Sequence[Candidate], max_contexts: int = 3,
                        max_scan: int = 3, max_files: int = 20, ranked: Iterable[str] = ()) -> None:
        """Fill surface forms, up to ``max_contexts`` example sentences and English written beside each term.

        Surfaces are looked for only where the file's text differs from its
        Simplified form (Traditional or mixed files), in the first ``max_scan``
        occurrences of each file and in at most ``max_files`` such files per
        term: forms rarely change within one file, and a term's forms are all
        seen long before its twentieth file. English in brackets goes to the longest term before it among
        ``ranked`` too, kept or not: 高带宽存储器（HBM） is not 存储器's to keep when the longer one is cut.
        """
        index = {d.path: i for i, d in enumerate(self.docs)}
        english = self._english_beside({c.term for c in cands} | set(ranked))
        names = [Counter(_LATIN_NAME.findall(d.text)) for d in self.docs]
        in_corpus: Counter[str] = Counter()
        for found in names:
            in_corpus.update(found)
        corpus_names = [n for n, _ in in_corpus.most_common(MAX_NEARBY)]
        same_of = self._same
        for c in cands:
            ctx: list[Context] = []
            surfaces: dict[str, list[str]] = {}
            term, n = c.term, len(c.term)
            where = [(path, index[path]) for path in c.files]
            for path, i in where:  # the examples: the first occurrences, in file order
                if len(ctx) >= max_contexts:
                    break
                text, simp = self.docs[i].text, self.simplified[i]
                start = simp.find(term)
                while start != -1 and len(ctx) < max_contexts:
                    ctx.append(Context(path, start, sentence_around(text, start, start + n)))
                    start = simp.find(term, start + n)
            # a Simplified file shows the term itself; the others are looked at
            plain = [path for path, i in where if same_of[i]]
            if plain:
                surfaces[term] = plain
            traditional: dict[str, None] = {}
            for path, i in [(p, i) for p, i in where if not same_of[i]][:max_files]:
                text, simp = self.docs[i].text, self.simplified[i]
                start, seen = simp.find(term), 0
                while start != -1 and seen < max_scan:
                    surface = text[start:start + n]
                    files = surfaces.setdefault(surface, [])
                    if not files or files[-1] != path:
                        files.append(path)
                    traditional[surface] = None
                    seen += 1
                    start = simp.find(term, start + n)
            c.contexts = ctx
            c.surfaces = surfaces
            c.traditional_surfaces = list(traditional)
            found = english.get(term, {})
            c.english_in_text = sorted(found, key=lambda e: -found[e])
            if _HAN.search(term):
                # the names in its own files first, then the corpus's most frequent (a name and its
                # transliteration need not share a file)
                own = sorted({n for path in c.files[:NEARBY_FILES] for n in names[index[path]]})
                c.latin_nearby = list(dict.fromkeys(own + corpus_names))[:MAX_NEARBY]

    def _english_beside(self, terms: set[str]) -> dict[str, Counter[str]]:
        """Latin text in brackets right after a term, as in 溶剂萃取（solvent extraction）: the longest term the
        words before a gloss end with (欧洲航空安全局（EASA）: not 安全局 as well)."""
        out: dict[str, Counter[str]] = {}
        for span, found in self.glossed.items():
            term = _longest_ending(span, terms)
            if term:
                out.setdefault(term, Counter()).update(found)
        return out


#: directional complements: a verb ending in one moves its object somewhere (送入, 运到, 撤回)
_DIRECTIONS = frozenset("入出进到回至往")


def _moves(verb: str) -> bool:
    """True when ``verb`` is a verb with a directional complement the dictionary does not list as a word
    (送入 "send into"; 输入 "input" is a word, and 输入法 a term).

    >>> _moves("送入"), _moves("输入"), _moves("控制")
    (True, False, False)
    """
    return len(verb) == 2 and verb[1] in _DIRECTIONS and not cedict.has_word(verb)


def _longest_ending(span: str, terms: Container[str]) -> str | None:
    """The longest of ``terms``, two characters or more, that ``span`` ends with.

    >>> _longest_ending("据欧洲航空安全局", {"安全局", "欧洲航空安全局"})
    '欧洲航空安全局'
    """
    return next((span[i:] for i in range(len(span) - 1) if span[i:] in terms), None)


def default_limit(n_hanzi: int) -> int:
    """How many candidates a run keeps by default: about one per 35 Hanzi of input, 50 to 5,000.

    >>> default_limit(16000)
    457
    """
    return max(50, min(5000, n_hanzi // 35))


def _count_part(docs: Sequence[Document]) -> dict:
    """Count one share of the documents in a worker process; return what :meth:`Miner.merge` takes."""
    m = Miner()
    for d in docs:
        m.add(d)
    return m.state()


#: below this much text, starting worker processes costs more than it saves
PARALLEL_MIN_CHARS = 1_000_000


def mine_documents(docs: Sequence[Document], limit: int | None = None,
                   tokeniser: Tokeniser | None = None, progress: Progress | None = None,
                   workers: int | None = None) -> list[Candidate]:
    """Mine ranked term candidates, with evidence, from cleaned documents.

    :param limit: how many to keep; default :func:`default_limit` of the input size.
    :param progress: called as ``progress(done, total)`` as documents are counted.
    :param workers: processes that count in parallel; default one per core for large inputs
        (counting is the same in any split: the counts are merged in document order).
    """
    miner = Miner(tokeniser)
    if workers is None:
        big = sum(len(d.text) for d in docs) >= PARALLEL_MIN_CHARS and tokeniser is None
        workers = min(os.cpu_count() or 1, 4) if big else 1
    workers = max(1, min(workers, len(docs)))
    if workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # load the word lists before the fork, once, rather than once in every worker
        background_frequency("的")
        _common_words()
        _single_char_terms()
        cedict.is_verb("提高")
        cedict.split_words("进度缓慢")
        size = -(-len(docs) // workers)
        parts = [docs[i:i + size] for i in range(0, len(docs), size)]
        with ProcessPoolExecutor(len(parts), mp_context=multiprocessing.get_context("fork")) as pool:
            done = 0
            for part, state in zip(parts, pool.map(_count_part, parts)):
                miner.merge(part, state)
                done += len(part)
                if progress:
                    progress(done, len(docs))
    else:
        for i, doc in enumerate(docs):
            miner.add(doc)
            if progress:
                progress(i + 1, len(docs))
    ranked = miner.score()
    if limit is None:
        limit = default_limit(sum(len(_HAN.findall(d.text)) for d in docs))
    kept = ranked[:limit]
    miner.attach_files(kept)
    miner.attach_evidence(kept, ranked=(c.term for c in ranked))
    return kept
