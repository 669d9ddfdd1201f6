"""What search says beyond the ranked items: English, topics outside the guide with where to
ask, item numbers, honest empty answers, denials and the story around a question."""

from __future__ import annotations

import pytest

from shebao.search import answer, item_number
from shebao.search.clauses import denied_spans, position_weights
from shebao.search.english import stem
from tests.support import runtime


def ask(query: str, limit: int = 10):
    return answer(query, runtime().search_index(), limit)


def top(query: str) -> int | None:
    results = [r for r in ask(query).results if not r.related]
    return results[0].no if results else None


def test_an_english_question_names_the_chinese_item_with_an_english_reason():
    found = ask("how do I get my social security card replaced")
    assert found.results[0].no == 61
    assert found.results[0].name.startswith("社会保障卡")
    assert any(r.startswith("English: ") for r in found.results[0].why)


def test_english_words_are_compared_by_their_stem():
    assert stem("retired") == stem("retire") == stem("retiring")
    assert top("my pension was stopped") == top("stop my pension")


def test_english_function_words_are_not_read_as_pinyin():
    """“can” is not 残, “an” not 安: a question of function words alone finds nothing."""
    found = ask("can an he do")
    assert found.results == []
    assert found.notice is not None and found.notice.topic is None


def test_an_english_question_outside_the_guide_gets_a_notice():
    found = ask("how do I withdraw my housing provident fund")
    assert not [r for r in found.results if not r.related]
    assert "公积金" in found.notice.topic


def test_housing_fund_is_not_corrected_into_a_word_of_the_guide():
    found = ask("公积金怎么提取")
    assert found.results == []
    assert found.notice.where == "大连市住房公积金管理中心"
    assert "住房公积金管理条例" in found.notice.source


def test_a_topic_without_a_cited_office_sends_to_the_hotline():
    found = ask("残疾证在哪办")
    assert found.results == []
    assert found.notice.where is None and found.notice.hotline == "12333"


def test_an_item_genuinely_related_is_shown_as_related_only():
    found = ask("失业保险金怎么领")
    assert found.results and all(r.related for r in found.results)
    assert 11 in {r.no for r in found.results}


def test_a_word_that_puts_the_question_back_in_the_guide_wins_over_the_topic():
    assert top("工伤住院的医保报销") in (43, 58)
    assert not ask("工伤住院的医保报销").notices
    assert top("医保卡丢了") in (61, 62)
    assert not ask("医保卡丢了").notices


def test_a_topic_named_only_to_be_denied_is_not_what_is_asked():
    found = ask("我不问公积金，我的社保卡丢了怎么办")
    assert top("我不问公积金，我的社保卡丢了怎么办") in (61, 62)
    assert not found.notices


def test_a_word_of_the_guide_inside_a_topics_own_word_keeps_the_topic():
    """医保卡 alone is the social security card; the money on it is the medical account."""
    found = ask("医保卡余额怎么查")
    assert not [r for r in found.results if not r.related]
    assert found.notice.topic.startswith("医疗保险")


def test_a_long_english_question_is_read_to_its_end():
    query = (
        "Hello, my family and I moved here from abroad several years ago for my job and "
        "everything went well until last week, when I lost my social security card"
    )
    assert len(query) > 120
    assert top(query) in (61, 62)


@pytest.mark.parametrize("query", ["24", "第24项", "事项24", "２４", "#24"])
def test_a_bare_item_number_points_to_the_item(query):
    found = ask(query)
    assert found.pointer == 24
    assert [r.no for r in found.results] == [24]


def test_a_number_that_is_no_item_says_so():
    found = ask("99")
    assert found.results == [] and found.pointer is None and found.notices


def test_numbers_inside_a_question_are_not_item_numbers():
    assert item_number("50岁能退休吗") is None
    assert ask("50岁能退休吗").pointer is None


def test_what_is_not_understood_is_an_empty_answer_with_a_notice():
    found = ask("今天天气怎么样")
    assert found.results == []
    assert found.notice.topic is None


@pytest.mark.parametrize(
    "query", ["社保中心电话是多少", "社保局在哪", "where is the office", "what is the phone number"]
)
def test_asking_where_the_office_is_or_its_phone_gets_the_halls_not_an_item(query):
    found = ask(query)
    assert found.results == []
    assert [n.halls for n in found.notices] == [True]


@pytest.mark.parametrize("query, no", [("社保卡丢了打什么电话挂失", 62), ("单位地址变了", 3)])
def test_a_phone_or_address_in_a_question_about_an_item_leaves_the_item(query, no):
    found = ask(query)
    assert top(query) == no
    assert not any(n.halls for n in found.notices)


def test_the_denied_branch_does_not_win():
    assert top("不是城乡居民养老，是职工养老，要转到外地去") == 80
    assert top("不是提前退休，是正常到龄退休") == 25
    assert top("不是挂失，是卡找回来了想解挂") == 62


def test_a_denial_is_read_only_where_it_denies():
    text = "我们单位不是企业是事业单位"
    assert [text[a:b] for _, a, b in denied_spans(text)] == ["企业"]
    assert denied_spans("社保是不是交了") == []
    assert denied_spans("要不要停发") == []
    assert denied_spans("不是很清楚怎么办退休") == []


def test_a_vocabulary_word_with_a_denial_in_it_stays_a_word():
    """不用交了 means the worker left (减员), not a denial of 交了."""
    assert top("员工辞职了 社保不用交了") in (9, 10, 11)


def test_the_clause_that_asks_outweighs_the_story():
    weights = position_weights("年轻时在厂里交过养老 后来回村里种地 现在想领钱")
    assert weights[0] < weights[-1] == 1.0
    assert position_weights("社保卡丢了") == [1.0] * 5


def test_a_person_who_died_does_not_apply_for_retirement():
    found = [r.no for r in ask("退休的老母亲去世了 养老金还会继续打钱吗").results[:3]]
    assert 32 in found and 25 not in found


def test_the_web_page_gets_results_notices_categories_and_phones():
    from shebao.present.search import answer_page

    catalog = runtime().catalog
    page = answer_page(ask("被裁员了想领失业金"), catalog)
    assert page["results"] == [] and page["related"]
    assert page["notices"][0]["where"].startswith("公共就业服务机构")
    assert "社会保障卡" in page["categories"]
    assert {"name": "大连市社会保险事业服务中心", "phone": "0411-83709012"} in page["phones"]
    answered = answer_page(ask("社保卡丢了"), catalog)
    assert answered["results"] and answered["notices"] == [] and answered["phones"] == []


def test_a_topic_outside_the_guide_told_in_the_story_does_not_hide_the_answer():
    found = ask("去年住院 医保那块都报完了 她在厂里上班 现在想问问正常退休手续该准备什么")
    assert [r.no for r in found.results][:1] == [25] and not found.results[0].related
    assert found.notice and found.notice.topic.startswith("医疗保险")


def test_a_topic_outside_the_guide_that_is_asked_gets_no_answer():
    found = ask("医保报销怎么报")
    assert all(r.related for r in found.results) and found.notice.topic.startswith("医疗保险")


def test_a_denial_of_who_it_is_for_keeps_the_thing_asked():
    assert top("不是给我爸办退休，是给我自己办") == 25


def test_a_denied_word_does_not_put_the_question_back_in_the_guide():
    """不是工伤 does not make a hospital stay a work injury: it stays a medical-insurance matter."""
    found = ask("我不是工伤，是平时生病住院")
    assert not [r for r in found.results if not r.related]
    assert found.notice and found.notice.topic.startswith("医疗保险")
