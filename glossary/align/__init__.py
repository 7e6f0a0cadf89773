"""Stage 4, alignment: Traditional form, pinyin and ranked English suggestions for each candidate.

Every English suggestion carries its source and a confidence:

========  ===========================================================  ==========
source    where it comes from                                          confidence
========  ===========================================================  ==========
termbase  an approved entry or an imported glossary                    0.95
text      written in the texts beside the term, or the term is Latin   0.9
chemistry element names and IUPAC naming rules                         0.8
cedict    CC-CEDICT entry for the whole term, or for a name of the     0.75 → 0.5
          same sound written with other characters (阿耳忒弥斯)
translit  a Latin name in the same files that sounds like the term     0.6
ecdict    an English headword ECDICT translates as the whole term      0.5, 0.45
          where CC-CEDICT has none
compose   dictionary senses of the parts plus naming rules; with a    0.2 → 0.125,
          part the texts gloss in brackets                             0.25
context   a ministry the texts also name with its one country          above the
          (美国农业部 → 农业部 "Department of Agriculture"), a law    best other
          in an American or British clause as an Act
pinyin    a name with no other source, rendered in pinyin: a Chinese   0.15, 0.05
          place or person (Mengla County, He Zi'an); a
          transliterated foreign name's sound (Pasente)
========  ===========================================================  ==========

>>> from glossary.models import Candidate
>>> e = align_candidate(Candidate(term="氧化镝", surfaces={"氧化鏑": ["a.txt"]}))
>>> e.traditional, e.pinyin, e.english[0].text, e.english[0].source
('氧化鏑', 'yǎng huà dī', 'dysprosium oxide', 'chemistry')
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from ..mining import lexicon
from ..mining.cedict import load_rows
from ..models import Candidate, TermEntry
from ..normalise import readings
from ..normalise.hanzi import HAN
from ..normalise.script import is_traditional_form, to_simplified, to_traditional
from ..table import share_filters
from ..workers import default_workers, fork_shared_iter, weighted_bounds
from . import countries, dictionary, edges, english, translit
from . import names as _names
from .propose import WHOLE_SOURCES, english_suggestions, use_texts
from .reading import reading, use_discourse


def choose_traditional(simplified: str, surfaces: Iterable[str] = (), traditional: Iterable[str] = ()) -> str:
    """The Traditional form: a surface seen in Traditional text wins when it is fully Traditional.

    OpenCC's phrase conversion is the fallback, and the judge of surfaces that
    still hold Simplified-only characters (machine-converted pages). ``traditional`` are the surfaces seen in
    Traditional files, where one may be the Simplified form itself: 核定 is written so in Taiwan, where OpenCC's
    standard form is 覈定.

    >>> choose_traditional("钢铁厂", ["鋼鐵廠"])
    '鋼鐵廠'
    >>> choose_traditional("采购价", ["采購價"])
    '採購價'
    >>> choose_traditional("核定", ["核定"]), choose_traditional("核定", ["核定"], traditional=["核定"])
    ('覈定', '核定')
    """
    return _written(simplified, surfaces, traditional) or term_traditional(simplified)


def _written(simplified: str, surfaces: Iterable[str], traditional: Iterable[str]) -> str | None:
    """The surface of ``surfaces`` that writes ``simplified`` in Traditional characters (itself only where it
    was seen in a Traditional file, one of ``traditional``), or None; OpenCC's form where the texts write it so
    among others (a term's surfaces may hold the tail of a longer word the segmenter cut, written otherwise)."""
    seen = set(traditional)
    written = [
        s
        for s in surfaces
        if (s != simplified or s in seen) and to_simplified(s) == simplified and is_traditional_form(s)
    ]
    if len(written) > 1 and (standard := to_traditional(simplified)) in written:
        return standard
    return written[0] if written else None


#: how the run's Traditional files write its terms, by their Simplified form (:func:`use_written_forms`)
_WRITTEN: dict[str, str] = {}


def use_written_forms(cands: Iterable[Candidate]) -> None:
    """Let a word of a term take the Traditional form the texts write it in where they write it as a term of
    its own (a Taiwan article's 車床 "lathe" for 车床, where OpenCC's standard form is 車牀), not only the term seen
    whole in a Traditional file: each candidate's written form (:func:`choose_traditional`'s first choice), for
    :func:`term_traditional` (set per run, as what the texts gloss is: :func:`align_parts`).

    >>> term_traditional("车床刀架")
    '車牀刀架'
    >>> use_written_forms([Candidate(term="车床", surfaces={"車床": ["a.txt"]})])
    >>> term_traditional("车床刀架"), use_written_forms([])
    ('車床刀架', None)
    """
    _WRITTEN.clear()
    for c in cands:
        form = _written(c.term, c.surfaces, c.traditional_surfaces) if len(c.term) > 1 else None
        if form is not None:
            _WRITTEN[c.term] = form


def term_traditional(simplified: str, region: str = "") -> str:
    """OpenCC's conversion of a term (:func:`~glossary.normalise.script.to_traditional`), where a word of it
    comes out otherwise than on its own, that word converted on its own. OpenCC matches its phrases greedily
    from the left, and a phrase that straddles two of the term's words takes the wrong character: 毫米制造
    "millimetre manufacturing" is read as 毫 + 米制 "metric system" + 造, and 制 stays 制 where 制造 is 製造. A term
    CC-CEDICT lists is converted whole (OpenCC knows such phrases as they are); otherwise a word of two or more
    characters where both the dictionary's split (:func:`~glossary.align.dictionary.segment`) and the segmenter's
    cut the term alike is converted as a word (where only one of them has it, it may be no word of the term: 纸面包装
    is 纸面 + 包装, not 纸 + 面包 "bread" + 装), and every other character keeps what the whole conversion gave it.
    Before all that, in the standard conversion, a word of the segmenter's cut that the run's texts write as a term
    of its own in a Traditional file takes their form (:func:`use_written_forms`), a listed term's too.

    >>> to_traditional("毫米制造"), term_traditional("毫米制造"), term_traditional("微米制作", "tw")
    ('毫米制造', '毫米製造', '微米製作')
    >>> term_traditional("纸面包装")
    '紙面包裝'
    """
    whole = to_traditional(simplified, region)
    if len(whole) != len(simplified) or len(simplified) < 3:
        return whole  # (a conversion that changes the length cannot be spliced by position)
    import rjieba

    out = list(whole)
    words: list[str] | None = None  # (the segmenter's cut of it, made once where it is asked for)
    if _WRITTEN and not region:
        # the segmenter's words of it as the texts write them where they write them alone (:func:`use_written_forms`),
        # in the standard conversion
        at = 0
        words = rjieba.cut(simplified)
        for word in words:
            form = _WRITTEN.get(word)
            if form is not None and len(form) == len(word):
                out[at : at + len(word)] = form
            at += len(word)
    if dictionary.has_word(simplified):
        return "".join(out)
    at, cut = 0, None
    for word in dictionary.segment(simplified):
        end = at + len(word)
        converted = _word_traditional(word, region) if len(word) > 1 else whole[at:end]
        if len(converted) == len(word) and converted != whole[at:end] and "".join(out[at:end]) == whole[at:end]:
            if cut is None:  # (asked only where the two conversions differ: seldom)
                cut = _spans(words if words is not None else rjieba.cut(simplified))
            if (at, end) in cut:
                out[at:end] = converted
        at = end
    return "".join(out)


@lru_cache(maxsize=65536)  # (the words of a corpus's terms recur from term to term)
def _word_traditional(word: str, region: str) -> str:
    return to_traditional(word, region)


def _spans(words: Iterable[str]) -> set[tuple[int, int]]:
    """Where each of ``words``, laid end to end, starts and ends."""
    out, at = set(), 0
    for w in words:
        out.add((at, at + len(w)))
        at += len(w)
    return out


def align_candidate(c: Candidate, known: Mapping[str, Sequence[str]] | None = None) -> TermEntry:
    """Turn a mined candidate into a term entry with all its forms and suggestions."""
    surfaces = list(c.surfaces)
    trad = choose_traditional(c.term, surfaces, c.traditional_surfaces)
    # other surfaces seen, and the Taiwan and Hong Kong forms where they differ: their characters (台/臺,
    # 綫/線) and Taiwan's own words (软件: 軟體, 信息: 資訊)
    regional = {term_traditional(c.term, r) for r in ("tw", "twp", "hk")}
    variants = sorted({s for s in [*surfaces, *regional] if s not in (c.term, trad)})
    english = english_suggestions(c, known)
    return TermEntry(
        simplified=c.term,
        traditional=trad,
        pinyin=reading(c.term, next((e.text for e in english if e.source in WHOLE_SOURCES), "")),
        english=english,
        variants=variants,
        score=c.score,
        count=c.count,
        files=list(c.files),
        file_counts=dict(c.file_counts),
        contexts=list(c.contexts),
        kind=c.kind,
    )


def complete_forms(entry: TermEntry) -> TermEntry:
    """``entry`` with the Traditional form and the pinyin it lacks worked out as mining works them out (a glossary
    imported from a file of two columns, Chinese and English, is found by its pinyin and exported with both
    scripts); what it has is kept. A term of no Hanzi has neither.

    >>> e = complete_forms(TermEntry("小部件", pinyin="xiǎo bù jiàn (as typed)"))
    >>> e.traditional, e.pinyin
    ('小部件', 'xiǎo bù jiàn (as typed)')
    >>> complete_forms(TermEntry("齿轮箱")).traditional, complete_forms(TermEntry("LED")).pinyin
    ('齒輪箱', '')
    """
    if not HAN.search(entry.simplified) or (entry.traditional and entry.pinyin):
        return entry
    return replace(
        entry,
        traditional=entry.traditional or choose_traditional(entry.simplified, [], []),
        pinyin=entry.pinyin or reading(entry.simplified, entry.preferred_english or ""),
    )


#: below this many candidates, starting worker processes costs more than it saves
PARALLEL_MIN = 1000


def align_candidates(
    cands: Iterable[Candidate],
    known: Mapping[str, Sequence[str]] | None = None,
    workers: int | None = None,
    discourse: Iterable[str] | None = None,
) -> list[TermEntry]:
    """Align every candidate; ``known`` maps Simplified terms to approved English.

    :param workers: processes to align in; default one per core (up to 4) from
        :data:`PARALLEL_MIN` candidates on. The result is the same in any split.
    :param discourse: the texts' words, whose dictionary readings say how the texts read a character no word of
        a term places (:func:`~glossary.align.reading.use_discourse`); by default the candidates themselves.
    """
    return [e for part in align_parts(cands, known, workers, discourse) for e in part]


def align_parts(
    cands: Iterable[Candidate],
    known: Mapping[str, Sequence[str]] | None = None,
    workers: int | None = None,
    discourse: Iterable[str] | None = None,
    own_share: float = 1.0,
) -> Generator[list[TermEntry], None, None]:
    """:func:`align_candidates` a part at a time, in order: this process's part first, given while the workers
    still align theirs, so that the caller can write it meanwhile (``glossary mine`` does). ``own_share``: the
    size of this process's part against an equal one (a caller with work of its own to do on it takes less).

    >>> from glossary.models import Candidate
    >>> [[e.traditional for e in part] for part in align_parts([Candidate(term="氧化镝")])]
    [['氧化鏑']]
    """
    cands = list(cands)
    use_texts(cands)  # (before the fork: every worker shares them)
    use_discourse([c.term for c in cands] if discourse is None else discourse)  # (and how the texts read characters)
    use_written_forms(cands)  # (and how they write them)
    try:
        if workers is None:
            workers = default_workers() if len(cands) >= PARALLEL_MIN else 1
        if workers <= 1 or len(cands) < 2:
            yield [align_candidate(c, known) for c in cands]
            return
        warm_up()  # load the dictionaries once, before the fork: every worker shares them
        # (this process aligns the first range while a worker forked for each other range aligns its own: the
        # candidates are inherited, not pickled, and only the workers' entries come back)
        yield from fork_shared_iter(
            _align_part, (cands, known), weighted_bounds([1.0] * len(cands), workers, own_share)
        )
    finally:
        use_texts([])  # (what these texts gloss or read says nothing of the next run's)
        use_discourse([])
        use_written_forms([])


def _align_part(
    shared: tuple[list[Candidate], Mapping[str, Sequence[str]] | None], part: tuple[int, int]
) -> list[TermEntry]:
    cands, known = shared
    return [align_candidate(c, known) for c in cands[part[0] : part[1]]]


def warm_up() -> None:
    """Load the dictionaries and tables alignment uses (CC-CEDICT, pypinyin's, OpenCC, wordfreq, CLDR), once: whole,
    where a few words would be read from disk one at a time (a thousand terms ask for tens of thousands)."""
    load_rows()
    dictionary.load_compounds()
    readings.load()  # pypinyin's tables
    align_candidate(Candidate(term="硫酸铜溶液"))
    dictionary.ranked_glosses("出口")
    edges.prefix_sense("新")  # and the indexes of prefixes and heads behind them
    edges.suffix_sense("量")
    translit.homophones("阿尔忒弥斯")  # the index of names by sound
    english.frequency("the")  # wordfreq's English list
    _names.looks_transliterated("卡特彼勒")
    countries.is_country("美国")  # CLDR's names of countries
    lexicon.fixed_of_phrase("head of state")  # ECDICT's phrases with "of"
    share_filters()  # (the tables' key filters, read once here rather than once in every worker)


__all__ = [
    "align_candidate",
    "align_candidates",
    "align_parts",
    "choose_traditional",
    "english_suggestions",
    "term_traditional",
    "warm_up",
]
