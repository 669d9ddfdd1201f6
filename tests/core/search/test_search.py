"""What a person notices when searching: everyday words, pinyin and typos find the right item,
the reasons make sense, and no input breaks it."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shebao.errors import InputError
from shebao.search import answer
from shebao.search import search as _search
from tests.support import runtime


def get_index():
    return runtime().search_index()


def search(query, limit=10):
    return _search(query, get_index(), limit=limit)


HERE = Path(__file__).resolve().parent


def top(query: str, n: int = 1) -> list[int]:
    return [r.no for r in search(query, limit=n)]


def why(query: str, no: int) -> list[str]:
    return next(r.why for r in search(query, limit=20) if r.no == no)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("医保卡弄丢了", {62, 61}),
        ("腰上的老伤又犯了", {46}),
        ("家里老人过世了领丧葬费", {28}),
        ("评残去哪里申请", {48}),
        ("老板拖欠工资三个月", {60}),
        ("社保断了几年想补上", {12, 19}),
        ("外省的社保转到大连", {80}),
        ("新开的公司怎么给单位办社保", {1}),
    ],
)
def test_it_finds_the_item_for_a_question_without_official_terms(query, expected):
    assert top(query)[0] in expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("tuixiu", {25, 24}),
        ("shebaoka guashi", {62}),
        ("nongbao", {16, 17, 18, 19, 79}),
        ("how to apply tuixiu", {25, 24}),
    ],
)
def test_it_reads_full_pinyin(query, expected):
    assert top(query)[0] in expected


def test_it_reads_pinyin_initials():
    assert top("sbkgs") == [62]
    assert "拼音：sbk→社保卡" in why("sbkgs", 62)


def test_it_corrects_a_homophone_typo_and_says_so():
    assert top("社保咔挂失") == [62]
    assert any(reason.startswith("纠错：") and "卡" in reason for reason in why("社保咔挂失", 62))


def test_it_corrects_a_typo_in_a_two_character_word():
    assert top("公伤康复") == [40]


def test_it_leaves_correct_text_alone():
    """以前欠 sounds like 以欠钱, but the question was written correctly."""
    assert not any(r.startswith("纠错") for r in why("企业给员工补缴以前欠的社保", 12))


def test_why_explains_a_synonym_hit():
    assert "同义词：农保→城乡居民养老保险" in why("农保", 16)


def test_why_names_the_words_that_hit_and_where():
    assert any(r.startswith("命中“挂失”（名称") for r in why("社保卡挂失", 62))


def test_a_plain_question_prefers_the_enterprise_part():
    assert top("单位要开参保证明") == [4]
    assert top("机关单位要开参保证明") == [68]


def test_naming_the_insurance_picks_its_part():
    assert top("工伤保险减员") == [9]
    assert top("失业保险减员") == [11]
    assert top("单位减员") == [10]


def test_a_special_case_waits_until_the_question_names_it():
    assert top("办理退休") == [25]
    assert top("特殊工种办理退休") == [24]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("厂里的电焊工辞了 社保这边得减人", {10}),
        ("我们公司有个会计走人了", {10}),
        ("厂子不干了 社保户要销掉", {2}),
    ],
)
def test_a_worker_leaving_is_not_the_company_closing(query, expected):
    assert top(query)[0] in expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("我院想申请成为工伤协议医院", {53}),
        ("我们康复机构想收治工伤职工", {52}),
        ("我们是做轮椅的厂家 想和社保签约", {36}),
        ("工伤后想去康复医院做康复 先申请什么", {40}),
    ],
)
def test_an_institution_asking_gets_the_agreement_item_and_a_worker_does_not(query, expected):
    assert top(query)[0] in expected


def test_the_units_own_details_are_not_a_persons_details():
    assert top("事业单位的法定代表人换了") == [67]
    assert top("我的身份证号码录错了") == [6]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("村里的养老保险差两年不够十五年", {19}),
        ("事业编的人辞职去了民企 养老保险咋办", {73, 83}),
        ("村里的老人满六十了 啥时候开钱", {17}),
    ],
)
def test_naming_a_branch_prefers_its_items_over_other_branches(query, expected):
    assert top(query)[0] in expected


def test_asking_to_get_a_stopped_pension_back_is_not_asking_to_stop_it():
    assert top("退休金被停了 咋恢复") == [27]
    assert top("老人走了 养老金得停吗") == [32]


def test_the_request_outweighs_the_story_around_it():
    story = "老爸在工地上从脚手架摔下来 单位给认定了工伤 住院自己垫了三万多 能报吗"
    assert top(story) == [43]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("前年压伤的脚 这阵子又疼起来了", {46}),
        ("矿上出了事故 人没了 能赔多少", {55}),
        ("工伤看病的收据都在 找谁报", {43}),
    ],
)
def test_everyday_injury_words_are_understood(query, expected):
    assert top(query)[0] in expected


def test_an_everyday_word_is_not_corrected_as_a_typo():
    """一直 sounds like 义肢 and 没法 like 没发, but they were meant as written."""
    assert top("工伤后一直没法上班") == [50]
    assert not any(r.startswith("纠错") for r in why("工伤后一直没法上班", 50))
    assert search("跳槽到深圳 养老保险咋转")[0].no == 80
    assert not any(r.startswith("纠错") for r in why("跳槽到深圳 养老保险咋转", 80))


def test_a_relative_or_a_place_is_not_corrected_as_a_typo():
    """姨 and 舅 are not in the guide, but 大姨 is no 大医; 金州 is a district of Dalian."""
    questions = (
        "我二舅的社保卡丢了",
        "我大姨退休了想换领养老金的银行卡",
        "公司搬到金州了 单位地址要改",
    )
    for query in questions:
        found = search(query)
        assert found and not any(r.startswith("纠错") for r in found[0].why), query
    assert top("我二舅的社保卡丢了")[0] in {61, 62}


def test_a_particle_is_not_the_start_of_a_misspelt_term():
    """是想 sounds like 事项, but 是 and 想 were meant as typed."""
    assert not any(r.startswith("纠错") for r in why("我不要暂停养老金，是想恢复发放", 27))


def test_a_single_character_word_counts_only_standing_alone():
    """报 (报销) in 找谁报, not inside 报名 or 申报."""
    assert any("报→" in r for r in why("工伤住院的钱找谁报", 43))
    assert not any("报→" in r for r in why("报名参加城乡居民养老保险", 16))


def test_initials_are_read_as_terms_not_bits_of_sentences():
    assert top("sbkbl") == [61]


def test_results_come_best_first_within_the_limit():
    results = search("工伤", limit=5)
    assert len(results) == 5
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)
    assert len({r.no for r in results}) == 5


@pytest.mark.parametrize(
    "query",
    [
        "社保" * 5000,
        "😀🎉",
        "社保卡\x00\x07\u202e丢了\r\n",
        "'; DROP TABLE items; --",
        "<script>alert('社保卡')</script>",
        "x" * 10_000,
        "１２３４５",
        "\ufeff\u200b",
    ],
)
def test_hostile_input_gives_a_normal_result(query):
    results = search(query)
    assert isinstance(results, list)
    assert len(results) <= 10


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=300).filter(str.strip))
def test_any_text_gives_ranked_unique_results(query):
    results = search(query, limit=5)
    assert len(results) <= 5
    assert len({r.no for r in results}) == len(results)
    assert all(a.score >= b.score for a, b in itertools.pairwise(results))


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_it_refuses_an_empty_question(query):
    with pytest.raises(InputError, match="请输入"):
        search(query)


@pytest.mark.parametrize("limit", [0, -1, 85, True])
def test_it_refuses_a_limit_outside_the_catalog(limit):
    with pytest.raises(InputError, match="1 到 84"):
        search("社保卡", limit=limit)


def test_the_index_is_built_once_per_process():
    assert get_index() is get_index()


def _questions(name: str) -> list[tuple[str, set[int]]]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()[1:]
    return [
        (q, set() if e == "-" else {int(x) for x in e.split(",")})
        for q, e in (line.split("\t") for line in lines)
    ]


# Each set at its level (top-1, top-3): the first four at the goal, those of Search II (issue 14,
# written before tuning) at the level they reached, so a change that loses ground fails.
LEVELS = {
    "everyday_questions.tsv": (0.85, 0.95),
    "fresh_questions.tsv": (0.85, 0.95),
    "guide_wording_questions.tsv": (0.85, 0.95),
    "spoken_questions.tsv": (0.85, 0.95),
    "english_questions.tsv": (0.97, 1.0),
    "story_questions.tsv": (0.93, 0.98),
    "contrast_questions.tsv": (0.86, 1.0),
    "survivor_questions.tsv": (0.93, 1.0),
    "leaving_questions.tsv": (0.95, 0.95),
    "first_time_questions.tsv": (0.9, 1.0),
    # written after tuning, scored once, never tuned to: the honest figure
    "heldout_questions.tsv": (0.89, 0.94),
    # Search II round 2, written before tuning: who died × what is wanted, a new employer's or HR
    # clerk's first registration, leaving Dalian per branch
    "death_questions.tsv": (0.91, 1.0),
    "employer_start_questions.tsv": (0.95, 1.0),
    "leaving_branch_questions.tsv": (0.95, 1.0),
    # the misses of an independent writer's tuning questions, reworded (not their wording)
    "reworded_questions.tsv": (0.95, 1.0),
    # Search II round 3, written before fixing each class of an independent set's misses:
    # denials without a 是 (不是因工死亡的丧葬费, 城乡居民那个不用管), an employer adding a worker
    # to one insurance, resuming a stopped pension and treatment away, more English
    "negation_scope_questions.tsv": (0.9, 1.0),
    "employer_one_insurance_questions.tsv": (1.0, 1.0),
    "resume_and_away_questions.tsv": (1.0, 1.0),
    "english_more_questions.tsv": (1.0, 1.0),
    # a person's own proof of contributions (买房贷款, 签证) against the unit's 参保证明
    "personal_proof_questions.tsv": (1.0, 1.0),
    # a cost claimed (钱, 发票, reimbursed) against a device or rehab applied for (written after
    # the fix, with questions for both sides)
    "cost_or_apply_questions.tsv": (1.0, 1.0),
    # an independent writer's 160 questions (30 Nov), one file per class, added before tuning
    # (then 89.4% top-1, 93.8% top-3 over the 160), held at the level they reached
    "nov30_english_questions.tsv": (1.0, 1.0),
    "nov30_story_questions.tsv": (1.0, 1.0),
    "nov30_negation_questions.tsv": (1.0, 1.0),
    "nov30_death_questions.tsv": (1.0, 1.0),
    "nov30_leaving_questions.tsv": (1.0, 1.0),
    "nov30_first_time_questions.tsv": (1.0, 1.0),
    # a second independent writer's 170 questions (30 Nov), one file per class, added before
    # tuning at the level they had then: very short questions, rare items, employers, denials,
    # WeChat-style questions, and (below) topics outside the guide
    "nov30b_short_questions.tsv": (1.0, 1.0),
    "nov30b_rare_questions.tsv": (0.97, 1.0),
    "nov30b_employer_questions.tsv": (1.0, 1.0),
    "nov30b_denial_questions.tsv": (1.0, 1.0),
    "nov30b_wechat_questions.tsv": (1.0, 1.0),
    # a third independent writer's 150 questions (30 Nov), one file per class, added before
    # tuning at the level they had then (94.0% top-1, 96.7% top-3 over the 150): fragments and
    # typos, non-native English, denials, work injuries in everyday words, employers, and
    # (below) topics outside the guide
    "nov30c_frag_questions.tsv": (1.0, 1.0),
    "nov30c_english_questions.tsv": (1.0, 1.0),
    "nov30c_denial_questions.tsv": (0.96, 1.0),
    "nov30c_injury_questions.tsv": (1.0, 1.0),
    "nov30c_employer_questions.tsv": (1.0, 1.0),
}
OUTSIDE_SETS = {
    "outside_guide_questions.tsv",
    "outside_more_questions.tsv",
    "nov30_outside_questions.tsv",
    "nov30b_outside_questions.tsv",
    "nov30c_out_questions.tsv",
}


@pytest.mark.parametrize("name", sorted(LEVELS))
def test_everyday_questions_land_in_the_top_three(name):
    """Our own questions, one per kind of person and wording: a guard against regressions."""
    rows = [(q, want) for q, want in _questions(name) if want]  # `-`: see the test below
    top1_level, top3_level = LEVELS[name]
    top3 = sum(bool(want & set(top(q, 3))) for q, want in rows) / len(rows)
    top1 = sum(top(q)[0] in want for q, want in rows if top(q)) / len(rows)
    assert top3 >= top3_level
    assert top1 >= top1_level


def test_every_question_set_is_scored():
    assert {p.name for p in HERE.glob("*.tsv")} == {*LEVELS, *OUTSIDE_SETS}


def test_questions_outside_the_guide_get_no_answer_but_a_notice():
    """公积金, 医保, 生育津贴, 失业金 …: no item as the answer, only related ones, and a notice."""
    rows = [row for name in [*LEVELS, *OUTSIDE_SETS] for row in _questions(name)]
    for query, _ in [(q, want) for q, want in rows if not want]:
        found = answer(query, get_index())
        assert all(r.related for r in found.results), query
        assert found.notices, query


def test_every_item_comes_first_for_its_own_name(catalog):
    misplaced = {
        no: top(item.name, 3) for no, item in catalog.items.items() if top(item.name)[0] != no
    }
    assert not misplaced


def test_the_trimmed_dictionary_cuts_the_guide_as_the_full_one(catalog):
    """Search loads a trimmed jieba dictionary to start fast; the guide's text must be cut
    exactly as jieba's full dictionary (plus the same domain words) cuts it."""
    import jieba

    from shebao.search.index import domain_phrases, item_fields
    from shebao.search.text import USER_WORD_MIN_FREQ, is_cjk

    index = get_index()
    full = jieba.Tokenizer()
    full.initialize()
    for word in sorted(index.vocabulary.terms() | domain_phrases(catalog)):
        if len(word) >= 2 and is_cjk(word):
            full.add_word(word, max(full.suggest_freq(word, False), USER_WORD_MIN_FREQ))
    texts = [t for item in catalog.items.values() for t in item_fields(item).values()]
    differ = [
        t for t in texts if full.lcut(t, HMM=False) != [w for w, _, _ in index.segmenter.tokens(t)]
    ]
    assert not differ


@pytest.fixture(scope="module")
def jieba_twin():
    """jieba itself over the same dictionary as the index's segmenter."""
    import jieba

    segmenter = get_index().segmenter
    twin = jieba.Tokenizer()
    segmenter._read_all()
    twin.FREQ, twin.total, twin.initialized = dict(segmenter._freq), segmenter.total, True
    return twin


def _all_questions() -> list[str]:
    return [q for tsv in sorted(HERE.glob("*.tsv")) for q, _ in _questions(tsv.name)]


def test_the_segmenter_cuts_every_question_as_jieba_does(jieba_twin):
    segmenter = get_index().segmenter
    texts = [*_all_questions(), "社保卡 ok abc123 x.y-z 50%", "a b\r\nc\t\u3000d", "ＡＢ１２", ""]
    assert [segmenter.tokens(t) for t in texts] == [
        list(jieba_twin.tokenize(t, HMM=False)) for t in texts
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from("社保卡丢了补办退休金农保医a1 .-_%#&+\n\t"), max_size=40))
def test_the_segmenter_cuts_any_text_as_jieba_does(jieba_twin, text):
    assert get_index().segmenter.tokens(text) == list(jieba_twin.tokenize(text, HMM=False))


def test_the_stored_character_readings_are_pypinyin_s():
    from pypinyin import lazy_pinyin

    from shebao.search.text import CJK_RANGES

    pinyin = get_index().pinyin
    sample = [chr(c) for first, last in CJK_RANGES for c in range(first, last + 1, 7)]
    assert [pinyin.sound(ch) for ch in sample] == [lazy_pinyin(ch)[0] for ch in sample]
    assert pinyin.sound("a") == "a"
