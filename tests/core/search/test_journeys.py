"""A search about a life event (a death, retiring, a company opening or closing, an injury,
leaving Dalian) also points to the event's journey (一件事一次办); a narrow question does not."""

from __future__ import annotations

import pytest

from shebao.errors import DataError
from shebao.present.search import answer_page, answer_text
from shebao.search import answer
from shebao.search.journeys import parse_events
from tests.support import runtime


def ask(query: str):
    return answer(query, runtime().search_index())


@pytest.mark.parametrize(
    "query, event",
    [
        ("父亲去世了要办什么", "death"),
        ("我妈走了，社保这边都得办哪些", "death"),
        ("老伴过世了丧葬费怎么领", "death"),
        ("my father passed away, what do we need to do", "death"),
        ("公司要关门了", "unit_closing"),
        ("厂子倒闭了社保户怎么处理", "unit_closing"),
        ("我要退休了都要办哪些", "retirement"),
        ("办理退休", "retirement"),
        ("工人干活时受伤了接下来要办什么", "work_injury"),
        ("新开了一家公司，社保都要办哪些", "unit_opening"),
        ("我要离开大连去外地工作，社保要办什么", "moving"),
    ],
)
def test_a_question_about_a_life_event_points_to_its_journey(query, event):
    assert event in ask(query).events


@pytest.mark.parametrize(
    "query",
    [
        "社保卡丢了",
        "单位要开参保证明",
        "退休金卡换了",
        "缴费基数调整",
        "工伤职工在外地看病",
        "公积金怎么取",
    ],
)
def test_a_narrow_question_points_to_no_journey(query):
    assert ask(query).events == ()


def test_a_retiree_who_died_is_a_death_not_a_retirement():
    assert ask("退休的老父亲走了，都要办什么").events == ("death",)


def test_a_loose_word_points_to_the_journey_only_when_the_whole_journey_is_asked():
    assert ask("工伤").events == ()
    assert ask("工伤了都要办什么手续").events == ("work_injury",)


def test_the_search_json_keeps_its_shape_with_an_event():
    from shebao.present.search import result_dict

    rows = [result_dict(r) for r in ask("公司要关门了").results]
    assert rows and all(set(r) <= {"no", "name", "score", "why", "related"} for r in rows)


def test_the_text_and_the_page_name_the_event_and_how_to_see_it():
    rt = runtime()
    found = ask("父亲去世了要办什么")
    lines = answer_text(found, rt.catalog, rt.guide.events.events)
    assert any("家人去世" in line and "shebao event plan death" in line for line in lines)
    page = answer_page(found, rt.catalog, rt.guide.events.events)
    assert page["events"][0]["key"] == "death" and page["events"][0]["name"] == "家人去世"


def test_every_event_of_the_guide_can_be_found_and_every_signal_names_one():
    keys = {e.key for e in runtime().guide.events.events}
    signals = {s.event for s in runtime().search_index().vocabulary.events}
    assert signals == keys


@pytest.mark.parametrize(
    "data, message",
    [
        ({"words": ["去世"]}, "event"),
        ([{"event": "death"}], "至少要有 words 或 broad"),
        ([{"event": "death", "words": []}], "非空"),
        ([{"event": "death", "words": ["去世"], "when": ["x"]}], "when"),
    ],
)
def test_a_malformed_events_section_is_refused_naming_the_problem(data, message):
    with pytest.raises(DataError, match=message):
        parse_events(data)
