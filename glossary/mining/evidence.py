"""A mined term's evidence: the files it is in, example sentences, the surface forms seen, the English
written beside it in brackets and the Latin names near it — gathered for the kept candidates only.

>>> from glossary.models import Document
>>> from glossary.mining.candidates import Miner
>>> m = Miner()
>>> m.add(Document("a.txt", "溶剂萃取（solvent extraction）是分离方法。溶剂萃取用于冶炼。", "utf-8"))
>>> c = next(c for c in m.score() if c.term == "溶剂萃取")
>>> attach_files(m, [c]); attach_evidence(m, [c])
>>> c.files, c.english_in_text, len(c.contexts)
(['a.txt'], ['solvent extraction'], 2)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Container, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from ..models import Candidate, Context, Document
from ..normalise.hanzi import HAN
from ..normalise.text import find_term, sentence_around, term_starts
from ..workers import default_workers, fork_shared, weighted_bounds
from . import cedict
from .nonwords import ADDRESS, PATH

if TYPE_CHECKING:  # pragma: no cover
    from .candidates import Miner

#: a Latin-script name: capitalised words, as in "Archer Daniels Midland" (for transliteration matching)
#: an expansion and its acronym in one gloss, either way round: (Widget Train Control System，WTCS)
_WITH_ACRONYM = re.compile(r"^(.+?)\s*[,，]\s*([A-Z][A-Z0-9&\-]{1,7})$|^([A-Z][A-Z0-9&\-]{1,7})\s*[,，]\s*(.+)$")
#: a Latin-script name: capitalised words, as in "Archer Daniels Midland" (for transliteration matching)
_LATIN_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*\b")
#: the Latin names kept beside a term (its own files' first, then the corpus's most frequent), and the files
#: of a term whose names are looked at
MAX_NEARBY = 200
NEARBY_FILES = 20


def attach_files(miner: Miner, cands: Sequence[Candidate]) -> None:
    """Fill the files each candidate occurs in, with per-file counts."""
    where: dict[str, list[tuple[int, int]]] = {c.term: [] for c in cands}
    kept = where.keys()
    for i, local in enumerate(miner.doc_counts):
        if kept.isdisjoint(local.keys):  # (in C: most documents hold few of the kept terms)
            continue
        for term, n in local.items():
            if term in kept:
                where[term].append((i, n))
    paths = [d.path for d in miner.docs]
    for c in cands:
        found = where[c.term]
        c.files = [paths[i] for i, _ in found]
        c.file_counts = {paths[i]: n for i, n in found}


def attach_evidence(
    miner: Miner,
    cands: Sequence[Candidate],
    max_contexts: int = 3,
    max_scan: int = 3,
    max_files: int = 20,
    ranked: Iterable[str] = (),
    workers: int | None = None,
) -> None:
    """Fill surface forms, up to ``max_contexts`` example sentences and English written beside each term:
    :func:`attach_english`, then :func:`attach_contexts` in the miner's texts (see both).

    :param workers: processes that look for the contexts and surfaces (the same in any split); default one per
        core from :data:`PARALLEL_MIN` candidates on.
    """
    attach_english(miner, cands, ranked)
    attach_contexts(miner.texts(), cands, max_contexts, max_scan, max_files, workers)


def attach_english(miner: Miner, cands: Sequence[Candidate], ranked: Iterable[str] = ()) -> None:
    """Fill the English written beside each term (:func:`english_beside`), most often first. English in brackets
    goes to the longest term before it among ``ranked`` too, kept or not: 高精度釉料（HPG） is not 釉料's to keep
    when the longer one is cut."""
    # (the miner passes every candidate's key, which holds the kept ones: no copy of hundreds of thousands)
    kept = {c.term for c in cands}
    every = ranked if isinstance(ranked, AbstractSet) and kept <= ranked else kept | set(ranked)
    english = english_beside(miner, every)
    for c in cands:
        seen = english.get(c.term) or Counter()
        c.english_in_text = sorted(seen, key=lambda e: -seen[e])


class Texts:
    """The documents a miner counted, each with its Simplified form (the same string where it is one already):
    what the kept terms' contexts and surface forms are looked for in, apart from the counts.

    >>> from glossary.models import Document
    >>> t = Texts([Document("a.txt", "甲\\n乙\\n", "utf-8")], [None])
    >>> t.simplified[0] is t.docs[0].text, t.same, t.newlines(0)
    (True, [True], [1, 3])
    """

    def __init__(self, docs: Sequence[Document] = (), simplified: Sequence[str | None] = ()) -> None:
        """``simplified``: each document's Simplified text, None where the document's own text is."""
        self.docs: list[Document] = []
        self.simplified: list[str] = []
        self.same: list[bool] = []
        self._lines: dict[int, list[int]] = {}  # document index -> offsets of its line breaks
        self.extend(docs, simplified)

    def extend(self, docs: Sequence[Document], simplified: Sequence[str | None]) -> None:
        """Add ``docs`` and each one's Simplified text (None where it is the document's own)."""
        self.docs.extend(docs)
        # (a text that is Simplified already is kept once, not beside an equal copy: two bytes a character)
        self.simplified.extend(d.text if s is None else s for d, s in zip(docs, simplified))
        self.same.extend(s is None for s in simplified)

    def simplified_or_none(self) -> list[str | None]:
        """Each document's Simplified text, None where it is the document's own (sent once, not twice)."""
        return [None if same else simp for simp, same in zip(self.simplified, self.same)]

    def newlines(self, i: int) -> list[int]:
        """Where document ``i``'s lines break, found once when its first context is placed."""
        if i not in self._lines:
            self._lines[i] = [m.start() for m in re.finditer("\n", self.docs[i].text)]
        return self._lines[i]


def attach_contexts(
    texts: Texts,
    cands: Sequence[Candidate],
    max_contexts: int = 3,
    max_scan: int = 3,
    max_files: int = 20,
    workers: int | None = None,
) -> None:
    """Fill surface forms, up to ``max_contexts`` example sentences and the Latin names near each term, from
    ``texts`` and the files :func:`attach_files` found.

    Surfaces are looked for only where the file's text differs from its
    Simplified form (Traditional or mixed files), in the first ``max_scan``
    occurrences of each file and in at most ``max_files`` such files per
    term: forms rarely change within one file, and a term's forms are all
    seen long before its twentieth file.

    :param workers: processes that look (the same in any split); default one per core from :data:`PARALLEL_MIN`
        candidates on.
    """
    kept = {c.term for c in cands}
    names = [Counter(_LATIN_NAME.findall(d.text)) for d in texts.docs]
    in_corpus: Counter[str] = Counter()
    for found in names:
        in_corpus.update(found)
    look = _Look(
        texts, names, [n for n, _ in in_corpus.most_common(MAX_NEARBY)], max_contexts, max_scan, max_files, kept
    )
    if workers is None:
        workers = default_workers() if len(cands) >= PARALLEL_MIN else 1
    # (ranges of about equal work, not of equal length: a term's work grows with its files, and the first, most
    # frequent terms are in the most files: halves by count left the first twice the second's work at 4 MB)
    parts = weighted_bounds([1 + min(len(c.files), max_files) for c in cands], max(1, workers))
    # (this process looks for the first range while a worker forked for each other range looks in the texts it
    # inherits)
    looked = [one for part in fork_shared(_look_part, (look, cands), parts) for one in part]
    for c, (contexts, surfaces, traditional, nearby) in zip(cands, looked):
        c.contexts, c.surfaces, c.traditional_surfaces = contexts, surfaces, traditional
        if nearby is not None:
            c.latin_nearby = nearby


#: a text this long is read once for the places of every kept term (:func:`~glossary.normalise.text.term_starts`),
#: not searched for each
ONE_PASS_CHARS = 200_000

#: from this many kept candidates their contexts and surfaces are looked for in forked workers too (at 1 MB,
#: 3,600 took 0.74 s in one process; a worker's start and its results' return cost a few hundredths)
PARALLEL_MIN = 1000

_Found = tuple[list[Context], dict[str, list[str]], list[str], "list[str] | None"]


class _Look:
    """What the texts show of one candidate: its example sentences, its surface forms (the files of each), its
    Traditional ones, and the Latin names near it (None for a term of no Hanzi)."""

    def __init__(
        self,
        texts: Texts,
        names: Sequence[Counter[str]],
        corpus_names: Sequence[str],
        max_contexts: int,
        max_scan: int,
        max_files: int,
        terms: Iterable[str],
    ) -> None:
        self.texts, self.names, self.corpus_names = texts, names, corpus_names
        self.max_contexts, self.max_scan, self.max_files = max_contexts, max_scan, max_files
        self.index = {d.path: i for i, d in enumerate(texts.docs)}
        # document index -> the places of each of ``terms`` in its Simplified text, for a long text read once, here,
        # before the fork (searched for each term in turn, a 4 MB file took 4.4 s for 5,000 terms, the rare ones
        # read to its end)
        self.starts = {
            i: term_starts(simp, terms) for i, simp in enumerate(texts.simplified) if len(simp) >= ONE_PASS_CHARS
        }

    def examples(self, term: str, where: Sequence[tuple[str, int]]) -> list[Context]:
        """The first :attr:`max_contexts` sentences that hold ``term`` itself (5G基站 is not in 15G基站), in the files
        ``where`` (path, document index) in their order; a sentence that holds it twice is one example (at its
        first place), not two of the few a reviewer is shown."""
        texts, ctx = self.texts, list[Context]()
        for path, i in where:
            wanted = self.max_contexts - len(ctx)
            if wanted <= 0:
                break
            shown: set[str] = set()
            for start, end in self.find(i, term, 2 * wanted):
                sentence = sentence_around(texts.docs[i].text, start, end)
                if sentence not in shown and len(shown) < wanted:
                    shown.add(sentence)
                    ctx.append(Context(path, start, sentence, bisect_right(texts.newlines(i), start) + 1))
        return ctx

    def find(self, i: int, term: str, limit: int) -> list[tuple[int, int]]:
        """The first ``limit`` places of ``term`` in document ``i``'s Simplified text (:func:`find_term`)."""
        starts = self.starts.get(i)
        return find_term(self.texts.simplified[i], term, limit, None if starts is None else starts.get(term, ()))

    def __call__(self, c: Candidate) -> _Found:
        texts, index = self.texts, self.index
        surfaces: dict[str, list[str]] = {}
        term, n = c.term, len(c.term)
        where = [(path, index[path]) for path in c.files]
        ctx = self.examples(term, where)
        # a Simplified file shows the term itself; the others are looked at
        same_of = texts.same
        plain = [path for path, i in where if same_of[i]]
        if plain:
            surfaces[term] = plain
        traditional: dict[str, None] = {}
        for path, i in [(p, i) for p, i in where if not same_of[i]][: self.max_files]:
            text = texts.docs[i].text
            for hit in self.find(i, term, self.max_scan):
                surface = text[hit[0] : hit[0] + n]
                files = surfaces.setdefault(surface, [])
                if not files or files[-1] != path:
                    files.append(path)
                traditional[surface] = None
        nearby = None
        if HAN.search(term):
            # the names in its own files first, then the corpus's most frequent (a name and its
            # transliteration need not share a file)
            own = sorted({n for path in c.files[:NEARBY_FILES] for n in self.names[index[path]]})
            nearby = list(dict.fromkeys(own + list(self.corpus_names)))[:MAX_NEARBY]
        return ctx, surfaces, list(traditional), nearby


def _look_part(shared: tuple[_Look, Sequence[Candidate]], part: tuple[int, int]) -> list[_Found]:
    look, cands = shared
    return [look(c) for c in cands[part[0] : part[1]]]


def english_beside(miner: Miner, terms: Container[str]) -> dict[str, Counter[str]]:
    """Latin text in brackets right after a term, as in 溶剂萃取（solvent extraction）: a gloss of several
    words, and an acronym or code beside it, to the owner the English says (:func:`gloss_owner`); a code
    alone to the term it abbreviates (:func:`code_owner`)."""
    out: dict[str, Counter[str]] = {}
    for span, found in miner.glossed.items():
        expansions = [g for g in found if " " in g]
        core = without_untranslated_verbs(span, list(found))
        owner = (
            core
            if core != span and core in terms
            else gloss_owner(miner.count, span, expansions, terms)
            if expansions
            else code_owner(span, found.most_common(1)[0][0], terms)
        )
        if owner:
            out.setdefault(owner, Counter()).update(found)
    return out


#: English words of two letters or fewer say too little to tie a verb to a gloss ("to", "up"), nor do these
_SHORT_WORD = 2
_NOT_SAID = frozenset({"the", "one", "sth", "something", "someone", "into", "with", "from", "for", "and", "out"})


def without_untranslated_verbs(span: str, glosses: Sequence[str]) -> str:
    """``span`` (the words before a gloss) without the verbs it begins with that the gloss does not translate:
    they take the term as their object (实施 + 回购计划（buyback program）, 委任 + 德勤（Deloitte）, 采用 +
    锆釉面砖（zircon tile）); a verb the gloss translates is part of the term (引进 "to introduce" of
    引进技术（technology introduction）). A verb is a CC-CEDICT word every sense of which is one.

    >>> without_untranslated_verbs("实施回购计划", ["buyback program"]), without_untranslated_verbs("委任德勤", ["Deloitte"])
    ('回购计划', '德勤')
    >>> without_untranslated_verbs("引进技术", ["technology introduction"])
    '引进技术'
    """
    import rjieba

    said = " ".join(glosses).lower()
    keys = {w[:4] for w in re.findall(r"[a-z]+", said)}
    words = rjieba.cut(span, False)
    k = 0
    # (only the verbs it begins with: a verb further in is as often the term's own, 建设 of 基础建设基金
    # "infrastructure fund", which the gloss's words need not say)
    while k < len(words) - 1 and cedict.is_verb(words[k]):
        senses = {w for s in cedict.raw_senses(cedict.rows(words[k]) or "") for w in re.findall(r"[a-z]+", s.lower())}
        if any(w[:4] in keys or w in said for w in senses if len(w) > _SHORT_WORD and w not in _NOT_SAID):
            break
        k += 1
    return "".join(words[k:])


def gloss_owner(count: Mapping[str, int], span: str, expansions: Sequence[str], terms: Container[str]) -> str | None:
    """The term among ``terms`` that ``span`` (the words before a gloss) ends with and the English says:
    one long enough for it (a Hanzi and a half per English word at least: 面砖 is too short for "zircon
    tile") and, of those, the most frequent, the longer on a tie — the words before it in the clause are no
    part of it (采用 + 锆釉面砖, 全线装备 + 某某列车控制系统). Without such English, the longest.

    >>> count = {"采用锆釉面砖": 1, "锆釉面砖": 2, "釉面砖": 2, "面砖": 5}
    >>> gloss_owner(count, "新厂采用锆釉面砖", ["zircon tile"], count)
    '锆釉面砖'
    """
    words = max((len(re.findall(r"[A-Za-z0-9]+", g)) for g in expansions), default=0)
    fitting = [
        span[i:] for i in range(len(span) - 1) if span[i:] in terms and len(HAN.findall(span[i:])) >= 1.5 * words
    ]
    if words and fitting:
        return max(fitting, key=lambda e: (count.get(e, 0), len(e)))
    return longest_ending(span, terms)


#: an acronym of capitals alone, whose letters are most often the initials of as many words (EASA, HTGR)
_ACRONYM = re.compile(r"[A-Z]{2,6}")
#: the segmenter's tags of a clause's first word, not a name's: verbs, adverbs, prepositions, conjunctions,
#: idioms, Latin, numbers, particles, pronouns (研究 + …, 须 + 符合 + …, 据 + …)
_CLAUSE_START = ("v", "d", "p", "c", "l", "eng", "m", "u", "r")


def code_owner(span: str, code: str, terms: Container[str]) -> str | None:
    """The term among ``terms`` that ``span`` ends with and ``code``, written alone in brackets after it,
    abbreviates: the longest that starts as a name does, not as a clause (研究 + 高温气冷堆（HTGR）); of an acronym
    of capitals, one of about as many words as it has letters, so a place before the name is its own only where
    the letters say it (欧洲航空安全局（EASA）, European Aviation Safety Agency).

    >>> code_owner("主张研究高温气冷堆", "HTGR", {"研究高温气冷堆", "高温气冷堆", "气冷堆"})
    '高温气冷堆'
    >>> code_owner("据欧洲航空安全局", "EASA", {"安全局", "欧洲航空安全局"})
    '欧洲航空安全局'
    """
    import rjieba

    owners = [span[i:] for i in range(len(span) - 1) if span[i:] in terms]
    named = [t for t in owners if not rjieba.tag(t)[0][1].startswith(_CLAUSE_START)] or owners
    if _ACRONYM.fullmatch(code):
        named = [t for t in named if abs(len(rjieba.cut(t, False)) - len(code)) <= 1] or named
    return named[0] if named else None


def split_gloss(gloss: str) -> list[str]:
    """An English gloss as the renderings it holds: an expansion and its acronym apart (the acronym last), a
    comma that joins no acronym kept (a name such as "Widget Administration, Ministry of Widget Affairs").

    >>> split_gloss("Widget Train Control System，WTCS"), split_gloss("HPG, high precision glaze")
    (['Widget Train Control System', 'WTCS'], ['high precision glaze', 'HPG'])
    >>> split_gloss("Widget Administration, Ministry of Widget Affairs")
    ['Widget Administration, Ministry of Widget Affairs']

    A path or an address in brackets is none (测试框架（Documentation/dev-tools/widget）):

    >>> split_gloss("Documentation/dev-tools/widget"), split_gloss("https://example.org")
    ([], [])
    """
    if PATH.fullmatch(gloss) or ADDRESS.fullmatch(gloss):
        return []
    m = _WITH_ACRONYM.match(gloss)
    if not m:
        return [gloss.replace("，", ", ")]
    return [m.group(1), m.group(2)] if m.group(1) else [m.group(4), m.group(3)]


def longest_ending(span: str, terms: Container[str]) -> str | None:
    """The longest of ``terms``, two characters or more, that ``span`` ends with.

    >>> longest_ending("据欧洲航空安全局", {"安全局", "欧洲航空安全局"})
    '欧洲航空安全局'
    """
    return next((span[i:] for i in range(len(span) - 1) if span[i:] in terms), None)
