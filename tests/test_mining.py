"""Stage 3: candidates with evidence."""

from __future__ import annotations

import contextlib
import os
import pickle
from pathlib import Path

import pytest

from glossary.mining import Miner, mine_documents
from glossary.mining.evidence import attach_files
from glossary.mining.features import neighbours
from glossary.mining.segment import JiebaTokeniser
from glossary.models import Candidate, Document
from glossary.sources import read_sources


def _mine(seed_dir: Path, limit: int | None = 200):
    return {c.term: c for c in mine_documents(read_sources([seed_dir]).documents, limit=limit)}


#: behaviour the hand-weighted ranker had on texts of a few sentences, which the learned termhood model does not
#: reproduce yet: on so little text its statistics say little, and clause fragments (工厂生产氧化镝, 削减产量)
#: outrank terms. Kept, strict, so a fix shows up as an unexpected pass (issue #16's notes).
_LEARNED_RANKING_GAP = pytest.mark.xfail(strict=True, reason="learned ranker on a few sentences (issue #16)")


def test_both_scripts_feed_one_concept_with_all_surfaces(seed_dir: Path) -> None:
    found = _mine(seed_dir)
    c = found["串级萃取"]
    assert c.count == 3
    assert sorted(Path(f).name for f in c.files) == ["a_simplified.txt", "b_traditional.md"]
    assert set(c.surfaces) == {"串级萃取", "串級萃取"}
    assert [Path(f).name for f in c.surfaces["串級萃取"]] == ["b_traditional.md"]


def test_nested_terms_are_kept_and_fragments_are_not(seed_dir: Path) -> None:
    found = _mine(seed_dir)
    assert "钕铁硼磁钢" in found and "钕铁硼" in found
    assert "铁硼永" not in found and "硼永磁" not in found


def test_shapes_latin_names_elements_compounds(seed_dir: Path) -> None:
    found = _mine(seed_dir)
    for term in ("MP Materials", "USGS", "镝", "氧化镝", "碳酸铈", "美国地质调查局"):
        assert term in found, term
    assert found["镝"].kind == "element"
    assert found["MP Materials"].kind == "latin"


def test_page_chrome_does_not_become_terms(seed_dir: Path) -> None:
    found = _mine(seed_dir, limit=None)
    assert not {"网站首页", "首页", "新闻", "分享"} & set(found)


def test_titles_in_book_brackets() -> None:
    docs = [Document("a.txt", "国务院发布《大豆管理条例》。《大豆管理条例》自十月起施行。", "utf-8")]
    found = {c.term: c for c in mine_documents(docs)}
    assert found["大豆管理条例"].kind == "title"
    assert found["大豆管理条例"].count == 2


def test_contexts_point_at_the_term_in_the_original_file(seed_dir: Path) -> None:
    docs = read_sources([seed_dir]).documents
    found = {c.term: c for c in mine_documents(docs, limit=200)}
    texts = {d.path: d.text for d in docs}
    for c in found.values():
        for ctx in c.contexts:
            surface = texts[ctx.file][ctx.offset : ctx.offset + len(c.term)]
            assert surface in c.surfaces, (c.term, surface)
            assert surface in ctx.text
            # the line a reader opens the file at (chrome lines are blanked, never removed, so lines hold)
            assert surface in Path(ctx.file).read_text(encoding="utf-8").splitlines()[ctx.line - 1]


def test_a_sentence_that_holds_a_term_twice_is_one_example_of_it() -> None:
    # a reviewer is shown three examples; the same sentence twice (a term used twice in it) was two of them
    text = "涡轮叶片检修时，先拆涡轮叶片再装涡轮叶片。第二次检修涡轮叶片要换涂层。冷却塔检修完了，涡轮叶片也检修完了。"
    (found,) = [c for c in mine_documents([Document("a.txt", text, "utf-8")]) if c.term == "涡轮叶片"]
    assert [ctx.text for ctx in found.contexts] == [
        "涡轮叶片检修时，先拆涡轮叶片再装涡轮叶片。",
        "第二次检修涡轮叶片要换涂层。",
        "冷却塔检修完了，涡轮叶片也检修完了。",
    ]
    assert found.contexts[0].offset == 0 and found.count == 5


def test_english_in_brackets_is_kept_as_evidence(seed_dir: Path) -> None:
    assert _mine(seed_dir)["美国地质调查局"].english_in_text == ["USGS"]


def test_general_words_rank_below_domain_terms() -> None:
    text = "政府认为稀土分离很重要。政府支持稀土分离和串级萃取。市场价格上涨，政府表示关注。" * 3
    ranked = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=50)]
    assert ranked.index("串级萃取") < ranked.index("政府")


def test_counts_are_exact_and_file_counts_add_up() -> None:
    docs = [Document("a.txt", "氧化镝。氧化镝。", "utf-8"), Document("b.txt", "氧化镝和氧化钆。", "utf-8")]
    m = Miner()
    for d in docs:
        m.add(d)
    ranked = {c.term: c for c in m.score()}
    attach_files(m, list(ranked.values()))
    assert ranked["氧化镝"].count == 3
    assert ranked["氧化镝"].file_counts == {"a.txt": 2, "b.txt": 1}


def test_progress_is_reported_per_document(seed_dir: Path) -> None:
    calls = []
    mine_documents(read_sources([seed_dir]).documents, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 2), (2, 2)]


def test_a_large_mine_reports_its_progress_here_though_it_counts_in_another_process(seed_dir: Path) -> None:
    # (a large input is counted and ranked in a forked process: a callback that keeps what it is told, as a
    # window's or a web page's would, was told nothing; and the share a worker counted came as one step)
    docs = read_sources([seed_dir]).documents * 3
    calls: list[tuple[int, int]] = []
    assert mine_documents(docs, workers=2, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (len(docs), len(docs)) and len(calls) > 1
    assert [d for d, _ in calls] == sorted({d for d, _ in calls})


def test_parallel_counting_gives_the_same_ranking(seed_dir: Path) -> None:
    docs = read_sources([seed_dir]).documents * 3
    one = mine_documents(docs, workers=1)
    two = mine_documents(docs, workers=2)
    assert [(c.term, c.count, c.score, c.files, c.file_counts) for c in one] == [
        (c.term, c.count, c.score, c.files, c.file_counts) for c in two
    ]


def test_a_simplified_text_is_kept_once_where_counted_and_where_merged() -> None:
    # the miner reads its texts in Simplified; a text that is Simplified already is kept as the document's own
    # string, not beside an equal copy, and a worker's state leaves it out (the document is the receiver's)
    from glossary.mining.mine import count_share

    docs = [
        Document("a.txt", "齿轮箱的润滑油需要定期更换。", "utf-8"),
        Document("b.txt", "齒輪箱的潤滑油需要定期更換。", "utf-8"),
    ]
    m = Miner()
    for d in docs:
        m.add(d)
    assert m.simplified[0] is docs[0].text and m.simplified[1] == m.simplified[0]
    state = count_share(docs)
    assert state["simplified"][0] is None and state["simplified"][1] == m.simplified[1]
    merged = Miner()
    merged.merge(docs, state)
    other = Miner()
    other.add(Document("c.txt", "轴承", "utf-8"))
    other.merge(docs, count_share(docs))
    assert merged.simplified == m.simplified and merged.simplified[0] is docs[0].text
    assert other.simplified[1:] == m.simplified and other.simplified[1] is docs[0].text


@pytest.fixture
def spill(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder of the test (where a mine's workers would leave their files of counts)."""
    import tempfile

    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_a_workers_counts_pass_through_a_file_that_has_no_name_even_while_it_is_read(
    seed_dir: Path, spill: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (a mine that fails, or is killed, leaves no file of counts behind: the files are nameless from the start)
    docs = read_sources([seed_dir]).documents * 3
    seen = spill.parent / "seen.txt"  # (the counts are read in a forked process: what it saw is written down)
    real_load = pickle.load

    def load(f: object, *args: object, **kwargs: object) -> object:
        with seen.open("a") as out:
            print(len(os.listdir(spill)), file=out)
        return real_load(f, *args, **kwargs)

    monkeypatch.setattr(pickle, "load", load)
    assert mine_documents(docs, workers=2)
    assert seen.read_text() == "0\n"  # (the worker's counts came that way, and the folder was empty meanwhile)

    def fail(done: int, total: int) -> None:
        raise RuntimeError("stopped")

    with pytest.raises(RuntimeError):
        mine_documents(docs, workers=2, progress=fail)
    assert list(spill.iterdir()) == []


def test_a_worker_that_cannot_write_its_counts_sends_them_back(
    seed_dir: Path, spill: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pickle, "dump", full_disk)  # (the worker is forked: it sees the same)
    docs = read_sources([seed_dir]).documents * 3
    one, two = mine_documents(docs, workers=1), mine_documents(docs, workers=2)
    assert [(c.term, c.count, c.score, c.file_counts) for c in one] == [
        (c.term, c.count, c.score, c.file_counts) for c in two
    ]
    assert list(spill.iterdir()) == []
    # and where no temporary folder can be made at all
    monkeypatch.undo()
    monkeypatch.setattr(tempfile, "tempdir", str(seed_dir / next(p.name for p in seed_dir.iterdir())))
    three = mine_documents(docs, workers=2)
    assert [(c.term, c.count, c.score) for c in one] == [(c.term, c.count, c.score) for c in three]


def test_features_measured_in_forked_workers_rank_the_same(seed_dir: Path) -> None:
    from glossary.mining.candidates import Miner

    miner = Miner()
    for doc in read_sources([seed_dir]).documents:
        miner.add(doc)
    one, two = miner.score(workers=1), miner.score(workers=2)
    assert len(one) > 100 and [(c.term, c.score) for c in one] == [(c.term, c.score) for c in two]


def test_evidence_looked_for_in_forked_workers_is_the_same(tmp_path: Path) -> None:
    # a mixed corpus (Simplified and Traditional files, Latin names, a gloss in brackets): every field of the
    # evidence, in one process and in two, candidate by candidate
    from glossary.mining.candidates import Miner
    from glossary.mining.evidence import attach_evidence

    texts = [
        "氧化镝（dysprosium oxide）用于永磁材料。Widget Holdings生产氧化镝。",
        "氧化鏑價格上漲，永磁材料需求增加。Gadget Metals採購氧化鏑。",
        "永磁材料和钐钴永磁的出口受到管制。氧化镝出口。",
    ]
    miner = Miner()
    for i, text in enumerate(texts * 4):
        miner.add(Document(f"{i}.txt", text, "utf-8"))

    def looked(workers: int) -> list[tuple]:
        cands = miner.score()
        attach_files(miner, cands)
        attach_evidence(miner, cands, ranked=miner.count.keys(), workers=workers)
        return [
            (c.term, c.contexts, c.surfaces, c.traditional_surfaces, c.english_in_text, c.latin_nearby) for c in cands
        ]

    one, two = looked(1), looked(2)
    assert any(row[3] for row in one) and any(row[4] for row in one) and any(row[5] for row in one)
    assert two == one


def test_what_the_features_read_of_the_whole_corpus_is_measured_once_and_again_after_more_texts() -> None:
    # (measured in the parent before the feature workers fork: each worker walking every candidate for it held a
    # copy of the count's pages, 160 MB of a 16 MB corpus's peak)
    from glossary.mining.candidates import Miner

    miner = Miner()
    miner.add(Document("a.txt", "陶瓷轴承材料很重要。陶瓷轴承材料用于水泵。", "utf-8"))
    first = miner.corpus_measures()
    assert miner.corpus_measures() is first
    assert first.parents_n["陶瓷轴承"] >= 1 and "轴承润滑" not in first.parents_n
    miner.add(Document("b.txt", "轴承润滑系统正在测试。轴承润滑系统效率高。", "utf-8"))
    again = miner.corpus_measures()
    assert again is not first and again.parents_n["轴承润滑"] >= 1


def test_a_candidate_seen_once_keeps_its_neighbours_as_words_and_counts_them_when_seen_again() -> None:
    # most candidates of a large corpus are seen once: a dict each for the words beside them held a third of
    # the counts' memory, so the word itself is kept until a second occurrence
    m = Miner()
    m.add(Document("a.txt", "我们研究稀土永磁材料。", "utf-8"))
    assert isinstance(m.left["稀土永磁材料"], str) and neighbours(m.left["稀土永磁材料"]) == {"研究": 1}
    m.add(Document("b.txt", "稀土永磁材料很贵。稀土永磁材料很贵。", "utf-8"))  # one chunk twice: counted as two
    assert neighbours(m.left["稀土永磁材料"]) == {"研究": 1, "": 2}
    assert neighbours(m.right["稀土永磁材料"]) == {"": 3}  # (很 ends the chunk)


def test_latin_codes_rank_by_rarity_in_general_chinese() -> None:
    # GDP is everyday in Chinese text; a product code is not: same count, same context
    text = "这种磁体的牌号是N52。今年的GDP增长很快。" * 2
    ranked = {c.term: c.score for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)}
    assert ranked["N52"] > ranked.get("GDP", 0)


@_LEARNED_RANKING_GAP
def test_a_term_in_a_place_or_side_ranks_below_the_term() -> None:
    text = (
        "美国稀土战略出台。美国稀土战略包括储备。稀土战略很重要。欧洲也有稀土战略。稀土价格上涨。美国农业部发表声明。"
    )
    score = {c.term: c.score for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)}
    assert score["美国稀土战略"] < 0.5 * score["稀土战略"]  # the term in a setting, not a term of its own
    assert score["美国农业部"] > 0.5 * score["稀土战略"]  # a body keeps its country


@_LEARNED_RANKING_GAP
def test_a_verb_before_a_phrase_is_a_clause_not_a_term() -> None:
    text = "双方签署稀土供应协议。稀土供应协议规定了价格。"
    ranked = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)]
    assert "稀土供应协议" in ranked
    assert "签署稀土供应协议" not in ranked


def test_transliterated_names_cut_by_the_segmenter_are_rejoined() -> None:
    from glossary.mining.segment import JiebaTokeniser

    words = [w for w, _ in JiebaTokeniser().pairs("其中莱纳斯仿佛成了希望。总理莫拉莱斯签了协议。莫德纳公司的产品。")]
    assert "莱纳斯" in words and "莫拉莱斯" in words and "签" in words and "莫德纳" in words


def test_a_piece_of_an_english_sentence_is_no_candidate_but_a_name_with_of_inside_is() -> None:
    # manuals and reports quote English: "Only paths are" was a candidate, and ranked high
    text = (
        "手册写道：Only paths are。工具的说明：The default is quiet。"
        "配置文件的路径由环境变量指定。Bank of Canada宣布降息，配置文件要备份。Will Smith出席。"
    )
    terms = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=200)]
    assert not any(t.startswith(("Only", "The ")) for t in terms), terms
    # a name's words are capitalised, a function word's among them too (Will, an auxiliary, begins this one)
    assert "Bank of Canada" in terms and "Will Smith" in terms and "配置文件" in terms


def test_a_programs_format_directives_are_no_words_and_a_modal_verb_begins_no_term() -> None:
    # software messages (invented here) are texts translators mine too: the letters of %s and %.250s ranked among
    # their first terms, and 无法 (cannot), which the segmenter tags a noun, began "terms" at the top
    text = (
        "无法打开%.250s文件。无法删除%s：权限不足。读取配置文件%1$s时出错。无法创建{0}的配置文件。"
        "配置文件%(name)s已损坏。增长5%，占比5%e-commerce。"
    )
    pairs = JiebaTokeniser().pairs(text)
    assert ("%.250s", "x") in pairs and ("%1$s", "x") in pairs and ("{0}", "x") in pairs
    assert ("%(name)s", "x") in pairs and "".join(w for w, _ in pairs) == text
    terms = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=200)]
    assert "配置文件" in terms
    assert not any(t in ("s", "250s", "1$s", "name") or t.startswith("无法") for t in terms), terms
    # a percentage is no directive
    assert not any(w.startswith("%e") for w, _ in pairs)


def test_web_and_e_mail_addresses_and_paths_are_no_words() -> None:
    # a document's authors' addresses, its links and the files it names gave "terms" of their pieces (a user
    # name, a host name, a folder)
    text = (
        "译者：张三 <zhangsan@mail.example.org>。详见https://www.example.org/docs/index.html。"
        "配置文件的格式见www.example.net，问题请寄 zhangsan@mail.example.org。配置文件很重要。"
        "配置文件在Documentation/widget/setup.rst和drivers/widget.c里，I/O接口用TCP/IP协议。"
    )
    pairs = JiebaTokeniser().pairs(text)
    assert ("https://www.example.org/docs/index.html", "x") in pairs and ("www.example.net", "x") in pairs
    assert ("Documentation/widget/setup.rst", "x") in pairs and ("drivers/widget.c", "x") in pairs
    assert "".join(w for w, _ in pairs) == text
    terms = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=200)]
    assert "配置文件" in terms
    assert not any("example" in t or "widget" in t or t in ("zhangsan", "https", "docs") for t in terms), terms
    # a slash between words is no path
    assert not any(w in ("I/O", "TCP/IP") and t == "x" for w, t in pairs)


def test_a_number_as_a_program_writes_it_is_a_number() -> None:
    # a hardware manual's register values (0b0001, 0x1F00) ranked among its first "terms"
    text = "寄存器的值为0b0001时有此功能。寄存器的值为0b0001，地址为0x1F00。地址0x80000000_00001000不可用。"
    terms = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=200)]
    assert "寄存器" in terms and not {"0b0001", "0x1F00", "0x80000000_00001000"} & set(terms), terms


def test_two_initials_about_a_slash_are_one_latin_word() -> None:
    # "I/O" read as I + / + O glued the O onto the word after it: "O请求" was a candidate
    text = "驱动等待I/O请求完成。I/O请求被取消后，驱动重新提交I/O请求。"
    assert ("I/O", "eng") in JiebaTokeniser().pairs(text)
    terms = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=200)]
    assert "I/O请求" in terms and "O请求" not in terms, terms


def test_full_width_latin_letters_and_digits_are_mined_as_latin_and_kept_as_written() -> None:
    # the segmenter reads ＬＥＤ as three marks of punctuation: the term was never a candidate
    text = "这款ＬＥＤ灯具很亮。ＬＥＤ灯具需要驱动芯片。ＬＥＤ灯具出口增长。"
    (first, *_) = mine_documents([Document("a.txt", text, "utf-8")], limit=5)
    assert first.term == "LED灯具" and list(first.surfaces) == ["ＬＥＤ灯具"]
    assert first.contexts[0].text.startswith("这款ＬＥＤ灯具")


def test_a_foreign_name_and_the_dots_between_its_parts_are_one_word() -> None:
    from glossary.align import align_candidate
    from glossary.mining.segment import JiebaTokeniser

    # (invented names) a dot between a name's parts, the middle dot or Taiwan's ‧; a spaced dot parts a page's chrome
    words = [w for w, _ in JiebaTokeniser().pairs("外长卡洛斯·贝内特说，约翰‧米勒也来了。观察网 · 财经")]
    assert "卡洛斯·贝内特" in words and "约翰‧米勒" in words and "·" in words
    text = "外长卡洛斯·贝内特说，关税将上调。卡洛斯·贝内特还表示，贝内特会继续谈判。"
    ranked = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=10)]
    assert ranked[0] == "卡洛斯·贝内特" and "贝内特" in ranked
    entry = align_candidate(Candidate(term="卡洛斯·贝内特"))
    # the dot survives in both scripts; a name no resource has is spelled part by part
    assert entry.traditional == "卡洛斯·貝內特" and entry.english[0].text == "Kaluosi Beineite"


@_LEARNED_RANKING_GAP
def test_a_verb_inside_a_phrase_makes_a_clause_unless_it_qualifies_the_head() -> None:
    text = "美国签订大豆贸易协议。大豆贸易协议很重要。欧盟建立反倾销机制。反倾销机制已生效。"
    ranked = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)]
    assert "大豆贸易协议" in ranked and "反倾销机制" in ranked
    assert not any(t.endswith("签订大豆贸易协议") for t in ranked)


def test_a_chemical_name_holds_together_however_common_its_parts() -> None:
    # 氧化 and 镝 occur often apart; 氧化镝 once: chemistry's naming rule makes it one unit all the same
    text = "镝很贵。镝很稀有。镝的价格上涨。氧化反应很快。氧化过程复杂。氧化速度提高。工厂生产氧化镝。磁体需要镝。"
    ranked = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)]
    assert ranked.index("氧化镝") < ranked.index("氧化反应")


def test_an_english_gloss_in_brackets_vouches_for_the_term_before_it() -> None:
    text = (
        "据美国焊接、切割和检测协会（AWS）统计，毕业生不多。协会还说人才短缺。焊接专业很冷门。"
        "溶剂萃取（solvent extraction）是分离方法。萃取需要溶剂。溶剂很贵。"
    )
    ranked = {c.term: c for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)}
    # a name with a list inside it, which the enumeration comma would otherwise cut
    assert ranked["美国焊接、切割和检测协会"].kind == "name"
    order = list(ranked)
    assert order.index("溶剂萃取") < order.index("溶剂")


def test_another_field_finds_its_own_vocabulary() -> None:
    # a vaccine text the team wrote: nothing in the miner may be tuned to rare earths
    vaccine = Path(__file__).parent / "data" / "other_field" / "vaccine.txt"
    cands = mine_documents(read_sources([vaccine]).documents)
    # (the first 30 of the 50 it keeps: a refit moves a term by a place or two, 世界卫生组织 stands 24th to 26th)
    top = [c.term for c in cands[:30]]
    for term in ("信使核糖核酸", "心肌炎", "刺突蛋白", "世界卫生组织"):
        assert term in top, term
    assert not {"研究人员", "正在", "随后"} & set(top)


def test_verbs_in_a_row_naming_one_process_hold_together() -> None:
    # 过滤 occurs often apart; 提纯 nearly always after it: together they name one process
    text = (
        "稀土需要过滤提纯。过滤提纯很难。经过过滤提纯，得到氧化物。过滤很难。过滤需要设备。过滤成本高。"
        "过滤速度慢。过滤工厂很少。提纯也难。美国建设工厂。美国建设港口。"
    )
    ranked = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)]
    assert ranked[0] == "过滤提纯"


@_LEARNED_RANKING_GAP
def test_a_name_after_a_title_ranks_below_the_name() -> None:
    text = "财长莫拉莱斯表示将继续谈判。财长莫拉莱斯随后离开。莫拉莱斯没有回答。莫拉莱斯很忙。出口许可证需要申请。出口许可证很难拿。"
    ranked = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)]
    # the name, then the terms; the title and name together only after them
    assert ranked.index("莫拉莱斯") < ranked.index("出口许可证") < ranked.index("财长莫拉莱斯")
    # 许可证 is tagged a person's name, but the dictionary knows it as a common word: 出口许可证 is no title + name


@_LEARNED_RANKING_GAP
def test_a_quoted_span_ending_in_a_term_head_is_one_term() -> None:
    # quotation marks set off irony and slogans as often as terms: only a span ending in a term head counts;
    # here its words are everyday ones (反, 补贴, 机制) and it is seen once, beside terms seen twice
    text = (
        "欧盟准备启动“反补贴机制”应对。各方讨论很久。有人说这是“一盘大棋”。电池原料需要进口。"
        "电池原料价格上涨。电池原料很紧张。锂矿开采很难。锂矿开采成本高。正极材料需要锂。正极材料很贵。"
        "补贴政策很多。机制很复杂。政府反对补贴。"
    )
    ranked = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)]
    assert ranked[0] == "反补贴机制"
    assert "一盘大棋" not in ranked
    # a quoted slogan that happens to end in a term head is still a slogan: 从 and 到 cut it
    slogan = "企业喊出“从矿山到磁体”的口号。磁体工厂很多。磁体工厂在扩建。"
    ranked = [c.term for c in mine_documents([Document("b.txt", slogan, "utf-8")], limit=100)]
    assert "从矿山到磁体" not in ranked


@_LEARNED_RANKING_GAP
def test_a_phrase_the_segmenter_lists_whole_is_read_as_a_clause() -> None:
    # jieba's dictionary holds 逐步提高 ("gradually raise"), 进度缓慢 and 覆盖全国 as single words;
    # CC-CEDICT holds their parts: they are clauses, not terms. 最终买家 (adverb-tagged 最终) stays whole.
    text = (
        "电池的能量密度逐步提高。能量密度逐步提高以后，续航增加。审批进度缓慢。审批进度缓慢令人担忧。"
        "充电网络覆盖全国。充电网络覆盖全国以后更方便。最终买家很满意。最终买家的反馈很重要。"
    )
    ranked = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)]
    assert not {"逐步提高", "进度缓慢", "覆盖全国", "能量密度逐步提高", "审批进度缓慢"} & set(ranked)
    assert {"能量密度", "充电网络", "最终买家"} <= set(ranked)


@_LEARNED_RANKING_GAP
def test_a_function_word_or_a_name_tag_the_segmenter_glued_on_does_not_make_a_term() -> None:
    # jieba reads 输送到 ("transport to") as one word, 之日起 ("from the day of") as a place and 明显改善
    # ("clearly improve") as a person's name: the function word cuts the chunk and the phrase is its words
    text = (
        "电力远距离输送到东部负荷中心。电力远距离输送到东部负荷中心以后，负荷中心更稳定。"
        "自义务人知道之日起计算。义务人之日起不同。热泵的经济性明显改善。热泵的经济性明显改善了。"
    )
    ranked = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)]
    assert not [t for t in ranked if "到" in t or "之日" in t or t == "日起" or "以后" in t]
    assert {"负荷中心", "经济性"} <= set(ranked)
    pairs = JiebaTokeniser().pairs("特朗普政府的经济性明显改善")
    assert ("特朗普", "nr") in pairs and ("明显", "a") in pairs  # a transliterated name stays whole
    words = [w for w, _ in JiebaTokeniser().pairs("在短期内，每公斤价格上涨；肝功能和可用性；在建项目")]
    assert "在短期内" not in words and "每公斤" not in words and "短期" in words
    # words whose edge is a function word inside them stay whole: 能 "ability", 可 "-able", and 在建 is a word
    assert {"肝功能", "可用性", "在建"} <= set(words)


def test_a_term_does_not_end_in_an_adverb_or_a_quantifier() -> None:
    # the segmenter tags 小幅 "slightly" a noun; it is an adverb, which no term ends in
    text = (
        "价格指数小幅回落。价格指数小幅上涨。稀土价格有所回升。稀土价格有所下降。价格指数很重要。"
        "污染源全部纳入管理。污染源全部达标。"
    )
    ranked = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)]
    assert not [t for t in ranked if t.endswith(("小幅", "有所", "全部"))]
    assert {"价格指数", "稀土价格"} <= set(ranked)


@_LEARNED_RANKING_GAP
def test_a_term_does_not_end_in_an_adjective() -> None:
    # 周期短 is one word to the segmenter, 周期 + 短 "short" to the dictionary; 稀土非法 ends in 非法 "illegal".
    # A verb before one character makes a noun (回收率 "recovery rate"), and a term head stays one (清单)
    text = (
        "电池生产周期短。生产周期短的优势明显。稀土非法开采很严重。打击稀土非法开采。"
        "回收率很高。回收率提高了。企业公布了矿产清单。矿产清单很长。"
    )
    ranked = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)]
    assert not {"周期短", "生产周期短", "稀土非法"} & set(ranked)
    assert {"回收率", "矿产清单", "生产周期"} <= set(ranked)


def test_a_measure_word_after_a_chinese_numeral_is_split_off() -> None:
    pairs = JiebaTokeniser().pairs("需要数千项符合性验证试验")
    assert ("项", "q") in pairs and "项符合" not in [w for w, _ in pairs]
    pairs = JiebaTokeniser().pairs("计划发射数万颗卫星")  # the segmenter reads 颗卫星 as one word
    assert ("颗", "q") in pairs and "卫星" in [w for w, _ in pairs]


def test_a_number_in_figures_keeps_its_multiplier_and_measure_word_and_a_date_its_units() -> None:
    # 3200 + 万 + 标准箱: the multiplier, tagged a numeral, began candidates of its own (万标准箱, 亿元 + a fund's name)
    text = (
        "港口吞吐量达到3200万标准箱。今年吞吐量为2800万标准箱。公司投入5.5亿元技改资金，建成17种设备，2024年4月投产。"
    )
    pairs = JiebaTokeniser().pairs(text)
    words = [w for w, _ in pairs]
    assert {"3200万", "2800万", "5.5亿元", "17种"} <= set(words) and ("2024", "m") in pairs and ("年", "m") in pairs
    ranked = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=200)]
    assert "标准箱" in ranked and not [t for t in ranked if t[0] in "万亿种"]


def test_an_english_gloss_belongs_to_the_longest_term_before_it() -> None:
    text = (
        "欧洲航空安全局（EASA）启动审查。欧洲航空安全局的审查很慢。安全局的人员不多。安全局很忙。"
        "适航审查需要时间。适航审查很严格。"
    )
    ranked = {c.term: c for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)}
    assert ranked["欧洲航空安全局"].english_in_text == ["EASA"]
    assert ranked["安全局"].english_in_text == []


def test_an_acronym_gloss_names_as_many_words_as_it_has_letters() -> None:
    # the segmenter reads 高精度 as one word; the acronym's words stop at the preposition 对 (an invented field)
    text = "窑厂对高精度釉料（HPG）的需求增长。釉料价格上涨。釉料厂商扩产。釉料库存下降。瓷砖厂商很多。瓷砖价格下跌。"
    ranked = {c.term: c for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)}
    assert ranked["高精度釉料"].english_in_text == ["HPG"]
    # and a shorter term does not take it when the longer one is cut from the output
    kept = {c.term: c for c in mine_documents([Document("a.txt", text, "utf-8")], limit=2)}
    assert "釉料" in kept
    assert all(c.english_in_text != ["HPG"] for t, c in kept.items() if t != "高精度釉料")


@pytest.mark.parametrize(
    ("text", "glossed"),
    [
        # the words before an acronym in brackets stop at a verb the letters do not reach, at a number, and where
        # one word's dictionary sense spells every letter (国际海事组织 "International Maritime Organization"): the
        # clause before them is not what the writer glossed (the glossed feature, and what alignment reads)
        (
            "工厂必须满足齿轮箱检测规范（GIS）的要求。船厂订购了3万立方米液化石油气（LPG）储罐。"
            "企业需满足国际海事组织（IMO）的要求。",
            {"齿轮箱检测规范": ["GIS"], "液化石油气": ["LPG"], "国际海事组织": ["IMO"]},
        ),
        # an example (如), a name (称为) or the object of a verb of no content of its own (进行) follows a word that
        # introduces it and is no part of what the writer glossed (an invented field: the clauses had taken it)
        (
            "窑厂在配方定型后需要进行窑变试烧（trial firing）。瓷砖厂商推出多种产品，如仿古釉面砖（rustic tile）。"
            "一种称为冷压成型（cold pressing）的工艺很常见。",
            {"窑变试烧": ["trial firing"], "仿古釉面砖": ["rustic tile"], "冷压成型": ["cold pressing"]},
        ),
    ],
    ids=["acronyms", "introduced"],
)
def test_an_english_gloss_belongs_to_the_words_the_writer_glossed(text: str, glossed: dict[str, list[str]]) -> None:
    m = Miner()
    m.add(Document("a.txt", text, "utf-8"))
    assert {span: list(found) for span, found in m.glossed.items()} == glossed


@_LEARNED_RANKING_GAP
def test_a_term_does_not_begin_with_an_adverb_the_segmenter_made_up() -> None:
    # 光靠 ("relying only on") is one word to the segmenter, tagged an adjective, and none to CC-CEDICT
    text = "光靠国家税务总局无法完成。光靠国家税务总局不够。国家税务总局发布公告。国家税务总局加强监管。新材料产业增长。新材料产业出口。"
    ranked = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)]
    assert "国家税务总局" in ranked and "光靠国家税务总局" not in ranked
    assert "新材料产业" in ranked  # an adjective the dictionary knows begins a term


@_LEARNED_RANKING_GAP
def test_a_third_field_finds_its_own_vocabulary() -> None:
    # a civil-aviation text the team wrote (Simplified with a Traditional paragraph)
    aviation = Path(__file__).parent / "data" / "other_field" / "aviation.txt"
    top = [c.term for c in mine_documents(read_sources([aviation]).documents)[:30]]
    for term in ("欧洲航空安全局", "飞行控制系统", "涡扇发动机", "型号合格证", "复合材料", "适航审定"):
        assert term in top, term
    assert not {"逐步提高", "进度缓慢", "覆盖全国", "项符合"} & set(top)


@_LEARNED_RANKING_GAP
def test_a_verb_and_its_object_is_no_term() -> None:
    # 削减 is only ever a verb in CC-CEDICT ("to cut down"): 削减产量 is an action; 控制 + 系统 is a term,
    # since a verb before a term head qualifies it
    text = "企业削减产量。企业再次削减产量。削减产量导致价格上涨。控制系统很复杂。控制系统需要升级。钢铁产量下降。"
    ranked = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)]
    assert "削减产量" not in ranked
    assert ranked[0] == "控制系统"


def test_an_english_gloss_after_a_title_belongs_to_the_title() -> None:
    text = "国会通过《清洁空气修正法案》(Clean Air Amendment Act)。清洁空气修正法案影响很大。"
    ranked = {c.term: c for c in mine_documents([Document("a.txt", text, "utf-8")], limit=50)}
    assert ranked["清洁空气修正法案"].english_in_text == ["Clean Air Amendment Act"]


def test_a_latin_name_with_its_chinese_name_in_brackets() -> None:
    text = "澳大利亚的 Lynas Rare Earths（莱纳斯稀土）扩建工厂。莱纳斯稀土的产量增加。莱纳斯稀土很重要。"
    ranked = {c.term: c for c in mine_documents([Document("a.txt", text, "utf-8")], limit=50)}
    assert ranked["莱纳斯稀土"].english_in_text == ["Lynas Rare Earths"]


@_LEARNED_RANKING_GAP
def test_a_number_and_a_verb_moving_its_object_are_no_terms() -> None:
    # 两剂 is the segmenter's guess at a noun (a numeral and a measure); 送入 "send into" takes 细胞 as its object
    text = (
        "完成两剂接种后产生抗体。两剂接种很重要。疫苗把序列送入细胞。序列送入细胞以后表达蛋白。"
        "控制系统很复杂。控制系统需要升级。"
    )
    ranked = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)]
    assert not {"两剂", "两剂接种", "送入细胞", "序列送入细胞"} & set(ranked)
    assert "控制系统" in ranked


def test_a_candidate_may_begin_or_end_inside_a_word_the_segmenter_glued_on() -> None:
    # the segmenter reads 中国银行|间 and 诉讼案 as words, so 银行间同业拆借市场 and 股东集体诉讼 were never
    # candidates: a run may now begin at a word inside its first word, or end at one inside its last
    m = Miner()
    m.add(Document("a.txt", "境外机构获准进入中国银行间同业拆借市场。这起股东集体诉讼案下月开庭。", "utf-8"))
    assert m.count["银行间同业拆借市场"] == 1 and m.count["股东集体诉讼"] == 1
    assert m.cut["银行间同业拆借市场"] == 1 and m.cut["股东集体"] == 0
    assert m.words_of("股东集体诉讼") == ("股东", "集体", "诉讼")
    assert neighbours(m.left["银行间同业拆借市场"]) == {"中国": 1} and neighbours(m.right["股东集体诉讼"]) == {"案": 1}


def test_an_english_gloss_after_a_clause_belongs_to_the_term_it_fits() -> None:
    # the words before the bracket run back to 新厂房全面采用: the gloss is the term's, not the clause's, and
    # not the shorter 屋架's either ("steel roof truss" is three words)
    text = (
        "新厂房全面采用钢结构屋架（steel roof truss），钢结构屋架的造价较低。屋架的跨度很大，屋架需要防腐。"
        "园区部署楼宇自控系统（Building Automation System，BAS），楼宇自控系统由传感器和控制器组成。"
    )
    ranked = {c.term: c for c in mine_documents([Document("a.txt", text, "utf-8")], limit=200)}
    assert ranked["钢结构屋架"].english_in_text == ["steel roof truss"]
    assert ranked["屋架"].english_in_text == []
    # an expansion and its acronym in one bracket, split at the full-width comma, both the term's
    assert ranked["楼宇自控系统"].english_in_text == ["Building Automation System", "BAS"]


def test_a_code_alone_in_brackets_goes_to_the_name_it_abbreviates_not_to_the_clause() -> None:
    # the words before 高温气冷堆 in its clause (开展 …) are mined too, and the longest term the text before
    # the brackets ends with is such a clause: the code belongs to the name, which starts as a name does and has
    # about as many words as the acronym has letters
    text = (
        "各国开展高温气冷堆（HTGR）研发。高温气冷堆的出口温度高，高温气冷堆也能供热。"
        "各国开展高温气冷堆的合作。开展高温气冷堆的国家不少。"
    )
    cands = mine_documents([Document("a.txt", text, "utf-8")], limit=50)
    by = {c.term: c for c in cands}
    assert by["高温气冷堆"].english_in_text == ["HTGR"]
    assert not any("HTGR" in c.english_in_text for c in cands if c.term != "高温气冷堆")


def test_a_latin_name_keeps_its_accented_letters_and_its_first_word() -> None:
    # jieba cuts a name at an accented letter (Générale → G, é, n, é, rale), and a Latin name right after Hanzi
    # lost its first word to the gloss pattern (\b sees no edge between 称 and É): both were mined in pieces
    text = (
        "法国的Société Générale（法国兴业银行）公布了年报。Société Générale认为利差收窄。"
        "报道称Électricité de France（法国电力公司）将新建反应堆。法国电力公司的反应堆多。"
        "捷克的Škoda宣布新车型，Škoda的销量上升。"
    )
    cands = mine_documents([Document("a.txt", text, "utf-8")], limit=200)
    terms = {c.term for c in cands}
    assert {"Société Générale", "Škoda"} <= terms
    assert not terms & {"rale", "koda", "Soci", "ctricit"}
    by = {c.term: c for c in cands}
    assert by["法国电力公司"].english_in_text == ["Électricité de France"]
    assert by["法国兴业银行"].english_in_text == ["Société Générale"]


def test_a_firms_name_of_two_joined_by_an_ampersand_is_one_name() -> None:
    # jieba cuts "Norvik & Hale" at the spaces round the ampersand: the two names were mined apart, and the
    # bracket's English was "Hale" alone
    text = "其后委任诺哈（Norvik & Hale）的专业人士为顾问。诺哈（Norvik & Hale）表示将尽快接管。"
    cands = mine_documents([Document("a.txt", text, "utf-8")], limit=200)
    terms = {c.term for c in cands}
    assert "Norvik & Hale" in terms and not terms & {"Norvik", "Hale"}
    assert {c.term: c for c in cands}["诺哈"].english_in_text == ["Norvik & Hale"]


def test_a_name_that_holds_a_coordinator_is_a_candidate_and_a_coordination_is_not() -> None:
    # 和, 及 and 与 cut the text into chunks, so a ministry or commission whose name holds one was never a
    # candidate, only its tail (信息化部, 改革委员会); a run across one is counted where a term head ends it
    text = (
        "工业和信息化部发布新规。工业和信息化部表示，国家发展和改革委员会将配合。"
        "住房和城乡建设部与国家发展和改革委员会联合发文。钢铁和水泥发展很快，钢铁和水泥产量增加。"
        "钢厂集中在西部和北部，西部和北部的交通薄弱。教育部和科技部联合发文，教育部和科技部也开会。"
    )
    terms = {c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=500)}
    assert {"工业和信息化部", "国家发展和改革委员会", "住房和城乡建设部"} <= terms
    assert not {t for t in terms if t.startswith(("和", "与")) or t.endswith(("和", "与"))}
    assert not terms & {"钢铁和水泥", "西部和北部", "建设部与国家发展", "教育部和科技部"}  # (two things, two names)


def test_english_in_brackets_goes_to_the_term_a_verb_before_it_takes_as_object() -> None:
    # the words before a gloss ran back to the clause's start: a verb that takes the term as its object was part
    # of the owner (实施回购计划 got "buyback program", 委任德勤 "Deloitte"); a quoted term closed by its quotation
    # mark before the bracket had no owner at all; a gloss with a slash (I/O) was no gloss
    text = (
        "董事会决定实施回购计划（buyback program），回购计划为期一年。法院颁令，委任德勤（Deloitte）为顾问，德勤表示配合。"
        "越来越多企业选择“双循环”（dual circulation）模式，双循环成为热词。"
        "新款输入输出系统（I/O system）上市，输入输出系统更快。"
    )
    cands = mine_documents([Document("a.txt", text, "utf-8")], limit=300)
    by = {c.term: c.english_in_text for c in cands}
    assert by.get("回购计划") == ["buyback program"]
    assert by.get("德勤") == ["Deloitte"]
    assert by.get("双循环") == ["dual circulation"]
    assert by.get("输入输出系统") == ["I/O system"]
    assert not by.get("实施回购计划") and not by.get("委任德勤")


def test_a_terms_examples_are_its_own_not_a_longer_numbers() -> None:
    # the example sentences were found by substring: 5G基站's first example was a sentence about 15G基站
    text = "15G基站还在实验室里。5G基站建设加快，5G基站数量增加。"
    cands = mine_documents([Document("a.txt", text, "utf-8")], limit=100)
    found = next(c for c in cands if c.term == "5G基站")
    assert found.contexts and all("15G" not in ctx.text for ctx in found.contexts)


def test_a_mine_says_how_long_each_stage_took(seed_dir: Path, tmp_path: Path) -> None:
    """`make bench` prints where a mine's time goes: the library times its own stages when asked."""
    from glossary.pipeline import collect, stage
    from glossary.termbase import TermBase

    timings: dict[str, float] = {}
    with TermBase(tmp_path / "t.db") as tb:
        report = stage(collect([seed_dir], timings=timings), tb, "ann", timings=timings)
    assert list(timings) == ["read", "count", "rank", "evidence", "align", "term base"]
    assert all(t >= 0 for t in timings.values()) and report.terms > 0


def test_a_mine_reads_a_character_as_the_texts_own_words_read_it(tmp_path: Path) -> None:
    """The texts' words, not only the candidates kept, say how they read a character no word of a term places:
    a coinage ending in 供 in texts that read 供 gōng in their words (CC-CEDICT's words ending in it mostly gòng)."""
    from glossary.align import align_candidates
    from glossary.pipeline import collect, stage
    from glossary.termbase import TermBase

    (tmp_path / "a.txt").write_text("城市供电稳定。燃气供应充足。冬季供热开始。管道互供工程启动。", encoding="utf-8")
    mined = collect([tmp_path], limit=100)
    assert {"供电", "供应", "供热"} <= set(mined.words) and all(len(w) > 1 and not w.isascii() for w in mined.words)
    mined.candidates = [Candidate(term="管道互供")]  # (the words alone speak: no other candidate is aligned)
    with TermBase(tmp_path / "t.db") as tb:
        report = stage(mined, tb, "ann")
    assert report.entries[0].pinyin == "guǎn dào hù gōng"
    assert align_candidates(mined.candidates)[0].pinyin == "guǎn dào hù gòng"  # (without the texts' words)


def test_the_best_few_of_many_candidates_are_those_a_full_sort_puts_first() -> None:
    """:func:`best` and :func:`fragments` sort only the candidates that can reach the top; what they pick is what
    sorting every candidate picks, ties on score and count included (broken by count, then the string)."""
    import random

    from glossary.mining.model import best, fragments

    rng = random.Random(7)
    keys = ["".join(rng.choice("甲乙丙") for _ in range(rng.randint(2, 6))) for _ in range(4000)]
    keys = list(dict.fromkeys(keys))
    probs = [rng.choice([0.9, 0.5, 0.5, 0.2]) if rng.random() < 0.5 else round(rng.random(), 2) for _ in keys]
    count = {k: rng.randint(1, 3) for k in keys}
    for n in (0, 1, 7, 100, len(keys)):
        full = sorted(zip(keys, probs), key=lambda kp: (-kp[1], -count[kp[0]], kp[0]))[:n]
        assert best(keys, probs, count, n) == full
    counts = [count[k] for k in keys]
    first = sorted(range(len(keys)), key=lambda i: (-probs[i], keys[i]))[:50]  # what fragments looks at
    sub = [keys[i] for i in first]
    whole = {sub[i] for i in fragments(sub, [counts[i] for i in first], [probs[i] for i in first], depth=50)}
    assert whole and {keys[i] for i in fragments(keys, counts, probs, depth=50)} == whole
    assert fragments(keys, counts, probs, depth=0) == set()


def test_a_candidate_seen_once_in_the_fields_characters_measures_more_specific_than_an_everyday_one() -> None:
    """Seen once and in no word list, a term and a phrase of everyday words count alike; the characters they are
    written in do not: those the texts use far more than general Chinese does (an invented zirconium-glaze
    trade here) make a candidate's ``hanzi_spec`` high, everyday ones low. The same texts read in Traditional
    give the same figures."""
    from glossary.mining.features import FEATURES
    from glossary.mining.measure import candidate_features
    from glossary.normalise.script import to_traditional

    text = "锆釉厂扩产。锆釉价格上涨，锆砂供应偏紧。锆砂进口增加。今天上午开会讨论锆瓷砖。"
    col = FEATURES.index("hanzi_spec")
    figures = []
    for body in (text, to_traditional(text)):
        m = Miner()
        m.add(Document("a.txt", body, "utf-8"))
        keys, rows = candidate_features(m, ["锆瓷砖", "今天上午"])
        figures.append([r[col] for r in rows])
        assert m.count["锆瓷砖"] == m.count["今天上午"] == 1
    field, everyday = figures[0]
    assert field > everyday + 2.0, figures
    assert figures[0] == pytest.approx(figures[1]), figures


def test_the_characters_shares_count_every_character_as_a_counter_would() -> None:
    # character_specificity counts the texts' characters by code point in numpy (Counter.update over 16 MB took a
    # third of a second): the same shares as counting them one by one, a character outside the BMP, a lone
    # surrogate (a text read with surrogateescape), full-width and Latin text among them
    import math
    from collections import Counter

    from glossary.mining import filters
    from glossary.normalise.hanzi import is_han

    texts = ["锆釉厂扩产，𠀀字与𠀀。", "ＡＢＣ锆砂\udcff供应", "", "plain English 的 text"]
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update(t)
    here = {ch: n for ch, n in counts.items() if is_han(ch)}
    general, floor, total = filters.general_characters(), filters.CHARACTER_FLOOR, sum(here.values())
    want = {ch: math.log((n / total + floor) / (general.get(ch, 0.0) + floor)) for ch, n in here.items()}
    assert filters.character_specificity(texts) == want and "𠀀" in want and len(want) == 12
    assert filters.character_specificity([]) == {}


def _counted(docs: list[Document], merged: bool = False) -> list[object]:
    """Everything a miner counted over ``docs``, entries in their order (as plain lists, to compare); ``merged``:
    the second half counted by another miner and merged, as a worker process's counts are."""
    m = Miner()
    half = len(docs) // 2 if merged else len(docs)
    for d in docs[:half]:
        m.add(d)
    if merged:
        other = Miner()
        for d in docs[half:]:
            other.add(d)
        m.merge(docs[half:], other.state())

    def entries(d: dict) -> list[tuple[object, object]]:
        return [(k, v if isinstance(v, str | tuple | int) else list(v.items())) for k, v in d.items()]

    from glossary.mining.corpus import nesting

    return [
        *map(entries, nesting(m.count, m.shapes)),
        entries(m.count),
        entries(m.document_frequencies()),
        [entries(c) for c in m.doc_counts],
        entries(m.shapes),
        entries(m.left),
        entries(m.right),
        entries(m.cut),
        entries(m.tok_count),
    ]


def test_a_stop_word_begins_a_candidate_only_where_the_dictionary_lists_the_whole() -> None:
    # a stop word (不, 中) is no edge of a term, yet it begins words CC-CEDICT lists (不信任投票 "vote of no
    # confidence", 中值定理 "mean value theorem"), which no text could yield; a run it begins that no dictionary
    # lists stays out (中值问题), as does the stop word alone
    from glossary.mining.candidates import Miner

    m = Miner()
    m.add(Document("a.txt", "议会举行不信任投票。中值定理很有用。中值问题不少。", "utf-8"))
    assert {"不信任投票", "中值定理", "值问题"} <= set(m.count)
    assert not {"中值问题", "中值", "不", "中"} & set(m.count)


def test_a_long_texts_evidence_read_in_one_pass_is_what_a_search_for_each_term_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a long text is read once for the places of every kept term (a 4 MB file was searched for each of 5,000
    # terms in turn, to its end for the rare ones): the contexts, surfaces and Traditional forms must be the same;
    # the seeds in one document, Simplified and Traditional (surfaces are looked for where they differ)
    from glossary.mining import evidence

    root = Path(__file__).resolve().parent.parent
    text = "\n".join(d.text for d in read_sources([root / "seeds"]).documents) + "\nAB3号线和3号线，13号线。"
    book = Document("book.txt", text, "utf-8")

    def looked(one_pass_from: int) -> list[tuple[object, ...]]:
        monkeypatch.setattr(evidence, "ONE_PASS_CHARS", one_pass_from)
        cands = mine_documents([book], limit=400)
        return [(c.term, c.contexts, c.surfaces, c.traditional_surfaces) for c in cands]

    searched, read_once = looked(10**9), looked(100)
    assert read_once == searched and len(searched) > 100
    assert sum(len(s) > 1 for _, _, s, _ in searched) > 5 and sum(len(c) for _, c, _, _ in searched) > 300


def test_the_native_counting_loop_counts_as_the_python_one_does(monkeypatch: pytest.MonkeyPatch) -> None:
    # glossary/native/grams.c and counts.c are Miner.add's counting loop (and ngrams.expand), Miner.merge's and the
    # C-value bookkeeping's in C (glossary/mining/counting.py and corpus.py have their Python twins); they must leave the miner as
    # the Python loop does, entry for entry and in the same order (the order breaks ties in the ranking, and the
    # neighbours' entropies are summed in it): the repository's seeds, a text with coordinators, names, words the
    # segmenter glued and chunks seen again in a second document, and the shared texts where they are
    from conftest import SHARED

    from glossary import native

    if native.load_module("grams") is None or native.load_module("counts") is None:
        pytest.skip("no C compiler here: the Python loop is the miner's")
    root = Path(__file__).resolve().parent.parent
    paths = [
        root / "seeds",
        *(p for p in (SHARED / "seeds", *sorted((SHARED / "eval" / "corpora").glob("*"))) if p.is_dir()),
    ]
    docs = [d for p in paths for d in read_sources([p]).documents]
    made = (
        "交通部与教育部和科技部发布通知。汽车工业间市场的诉讼案增多，小型齿轮材料和小型齿轮材料。中值定理不信任投票。"
    )
    docs += [Document("made.txt", made, "utf-8"), Document("again.txt", made + "北部和西部的镝。", "utf-8")]
    # (a text with the characters the chunking joins and cuts by is chunked in Python, whichever loop counts)
    docs += [Document("control.txt", "小型\x01齿轮材料和\x00小型齿轮材料。", "utf-8")]
    in_c = [_counted(docs), _counted(docs, merged=True)]
    monkeypatch.setenv(native.NATIVE_ENV, "0")
    monkeypatch.setattr(native, "_loaded", {})
    assert native.load_module("grams") is None and native.load_module("counts") is None
    in_python = [_counted(docs), _counted(docs, merged=True)]
    assert len(in_c[0][3]) > 1000 and len(in_c[0][0]) > 100
    for how, c_state, py_state in zip(("counted", "merged"), in_c, in_python):
        names = ("parents_f", "parents_n", "parents_max", "count", "df", "doc_counts", "shapes", "left", "right")
        names += ("cut", "tok_count")
        for name, c, py in zip(names, c_state, py_state):
            assert c == py, (how, name)


def test_the_segmenters_repairs_look_where_the_python_scan_does(monkeypatch: pytest.MonkeyPatch) -> None:
    # each repair of the segmenter's output looks at the words of one kind (segment.where: a tag, a length, a first
    # character), found by a scan in C (glossary/native/pairs.c) where it could be built; the pairs must be the
    # Python scan's: the repository's seeds, the shared texts, and a text with what each repair mends (characters
    # the dictionary lacks, a numeral and its measure, a phrase of words, names cut and dotted, Latin names)
    from conftest import SHARED

    from glossary import native
    from glossary.mining.segment import JiebaTokeniser, where

    if native.load_module("pairs") is None:
        pytest.skip("no C compiler here: the Python scan is the miner's")
    root = Path(__file__).resolve().parent.parent
    paths = [
        root / "seeds",
        *(p for p in (SHARED / "seeds", *sorted((SHARED / "eval" / "corpora").glob("*"))) if p.is_dir()),
    ]
    texts = [d.text for p in paths for d in read_sources([p]).documents]
    texts.append(
        "合成𫟼和鿏元素，两剂疫苗与7种中重齿轮，进度缓慢。约翰·菲茨杰拉德·肯尼迪与观察网 · 财经，Procter & Gamble和"
        "Nestlé公司，克拉维斯为例，𠀀。"
    )
    tokeniser = JiebaTokeniser()
    in_c = [tokeniser.pairs(t) for t in texts]
    kinds = [(None, 3, 9, None), ({"x"}, 1, 9, ((0x3400, 0x9FFF),)), (None, 1, 1, "·・"), ({"m"}, 0, 99, None)]
    places_c = [where(p, *k) for p in in_c for k in kinds]
    monkeypatch.setenv(native.NATIVE_ENV, "0")
    monkeypatch.setattr(native, "_loaded", {})
    assert native.load_module("pairs") is None
    assert [tokeniser.pairs(t) for t in texts] == in_c
    assert [where(p, *k) for p in in_c for k in kinds] == places_c
    assert sum(map(len, places_c)) > 100 and ("约翰·菲茨杰拉德·肯尼迪", "nr") in in_c[-1] and ("𫟼", "n") in in_c[-1]


def test_an_installed_package_ships_every_file_its_native_sources_need() -> None:
    # the C sources are compiled on first use from the installed package: a header a source includes that the
    # package data leaves out (dicts.h was) makes every build fail there, and the miner falls back to Python
    import fnmatch
    import re

    root = Path(__file__).resolve().parent.parent
    # (tomllib is Python 3.11's: the package data's one line, read as it is written)
    project = (root / "pyproject.toml").read_text(encoding="utf-8")
    line = re.search(r"^\[tool\.setuptools\.package-data\]\nglossary = \[(.*)\]$", project, re.M)
    assert line is not None
    patterns = re.findall(r'"([^"]+)"', line.group(1))
    native = root / "glossary" / "native"
    needed = {p.name for p in native.glob("*.c")}
    for source in native.glob("*.c"):
        needed |= set(re.findall(r'#include "([^"]+)"', source.read_text(encoding="utf-8")))
    assert {"dicts.h", "buffers.h", "columns.c"} <= needed
    for name in sorted(needed):
        assert (native / name).is_file(), name
        assert any(fnmatch.fnmatch(f"native/{name}", p) for p in patterns), f"native/{name} is not package data"


def test_the_spans_before_brackets_are_the_patterns_own() -> None:
    # marks.before_brackets finds from the brackets back what the pattern _BEFORE_BRACKETS, tried at every
    # character, finds (two thirds of what a text's marks cost): the same spans, in order, in long runs, short ones,
    # runs broken by a list's marks, brackets in brackets, and the repository's seeds
    import random

    from glossary.mining import marks

    root = Path(__file__).resolve().parent.parent
    texts = [d.text for d in read_sources([root / "seeds"]).documents]
    rng = random.Random(5)
    for alphabet in ("齿轮委员会（）简称ABC", "齿轮（）(（)）简下以称会AB x", "甲乙丙丁（戊）、，和"):
        texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200))) for _ in range(3000)]
    found = 0
    for text in texts:
        spans = list(marks.before_brackets(text))
        assert spans == [m.group(1) for m in marks._BEFORE_BRACKETS.finditer(text)], text
        found += len(spans)
    assert found > 1000


def test_a_candidate_holding_a_nul_is_measured_as_itself_and_so_are_the_others() -> None:
    # a range's keys are cut afresh from one string of them all (so a forked worker touches none of its parent's
    # key objects); joined by a NUL and split at it, a title holding one (a file's NUL after its first 8 KB is
    # read) was cut in two, and every key after it in the batch took its neighbour's row
    from glossary.mining.measure import candidate_features

    m = Miner()
    m.add(Document("a.txt", "依据《齿轮\x00箱法》规定，齿轮箱需要检测。小部件规范很严格。", "utf-8"))
    keys, rows = candidate_features(m)
    assert any("\x00" in k for k in keys)
    for k, row in zip(keys, rows):
        assert candidate_features(m, [k])[1][0] == row


def test_the_mining_bar_on_a_terminal_reaches_its_end(tmp_path: Path, seed_dir: Path) -> None:
    # (the bar moved a step a report, and a worker's share of the documents is reported at once: a large mine's
    # bar stopped about halfway)
    import pty
    import subprocess
    import sys

    from glossary.mining.mine import PARALLEL_MIN_CHARS
    from glossary.workers import default_workers

    if default_workers() < 2:
        pytest.skip("one core: a large mine counts in one process, every document a step")
    text = (seed_dir / "a_simplified.txt").read_text(encoding="utf-8")
    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(20):
        (corpus / f"{i:02}.txt").write_text(text * (PARALLEL_MIN_CHARS // len(text) // 20 + 1), encoding="utf-8")
    main, sub = pty.openpty()
    cmd = [sys.executable, "-m", "glossary", "--db", str(tmp_path / "t.db"), "mine", str(corpus)]
    proc = subprocess.Popen(cmd, stdin=sub, stdout=sub, stderr=sub, env={**os.environ, "GLOSSARY_REVIEWER": "t"})
    os.close(sub)
    out = b""
    with contextlib.suppress(OSError):  # (reading a terminal whose other end closed: EIO)
        while chunk := os.read(main, 65536):
            out += chunk
    os.close(main)
    assert proc.wait(timeout=120) == 0, out
    bars = [part for part in out.decode("utf-8", "replace").split("\r") if "mining  [" in part]
    assert bars and "100%" in bars[-1], out[-600:]


@pytest.mark.parametrize("workers", [1, 2])
def test_each_stage_of_a_mine_is_timed_once(seed_dir: Path, workers: int) -> None:
    # (the stages counted and ranked apart were timed again as the evidence's: the bench's stages added up to
    # twice the mine)
    import time

    docs = read_sources([seed_dir]).documents * 3
    timings: dict[str, float] = {}
    start = time.perf_counter()
    mine_documents(docs, workers=workers, timings=timings)
    took = time.perf_counter() - start
    assert set(timings) == {"count", "rank", "evidence"}
    # (timed twice over, the laps would add up to more than the whole: the count and the rank twice; how the whole
    # splits among them is the machine's, and on a busy one the evidence took over half of it)
    assert sum(timings.values()) <= took, timings


def test_a_source_cited_before_what_it_says_is_no_term() -> None:
    # 据介绍 "as was explained", which the segmenter keeps whole (and tags a noun), ranked among a text's terms
    text = "据介绍，车床的主轴需要定期润滑。据悉，主轴轴承已经更换。车床主轴的精度很高。主轴轴承很贵。"
    ranked = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)]
    assert not [t for t in ranked if t.startswith("据")]
    assert "主轴轴承" in ranked


def test_the_frame_a_sentence_sets_a_noun_phrase_in_is_no_part_of_a_term() -> None:
    # 在X方面 "as for X", 以X为主 "mainly X": 工艺方面 ranked among an invented text's terms
    text = "在工艺方面，车床主轴需要升级。车床以数控车床为主。工艺方面的投入很大。数控车床的精度高。"
    ranked = [c.term for c in mine_documents([Document("a.txt", text, "utf-8")], limit=100)]
    assert not [t for t in ranked if t.endswith(("方面", "为主"))]
    assert "数控车床" in ranked
