"""The vocabulary is edited by staff: it must load strictly and point only at the guide's words."""

from __future__ import annotations

import pytest
import yaml

from shebao.errors import DataError
from shebao.guide import Catalog
from shebao.guide.loader import DATA_ROOT
from shebao.search.index import item_fields, name_parts
from shebao.search.vocabulary import Vocabulary, load_vocabulary, parse_vocabulary
from tests.support import runtime


def minimal(**overrides) -> dict:
    data = {
        "stopwords": ["的"],
        "contexts": [
            {"label": "工伤保险", "categories": ["工伤保险"], "triggers": ["工伤"], "factor": 0.9}
        ],
        "default_part": "企业养老保险部分",
        "synonyms": [{"theme": "卡", "entries": [{"words": ["社保卡"], "means": ["社会保障卡"]}]}],
    }
    data.update(overrides)
    return data


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return runtime().guide.vocabulary


def test_it_loads_the_dalian_vocabulary(vocabulary):
    assert vocabulary.synonyms["农保"].means == ("城乡居民养老保险",)
    assert "的" in vocabulary.stopwords
    assert vocabulary.default_part == "企业养老保险部分"


def test_it_parses_a_minimal_file_with_the_default_weight():
    vocab = parse_vocabulary(minimal())
    assert vocab.synonyms["社保卡"].weight == 0.8
    assert vocab.contexts[0].covers("变更工伤登记", "工伤保险", None)


def test_a_context_may_set_a_focus_for_the_items_outside_it():
    ctx = {"label": "工伤保险", "categories": ["工伤保险"], "triggers": ["工伤"], "factor": 0.9}
    assert parse_vocabulary(minimal(contexts=[ctx])).contexts[0].focus is None
    assert parse_vocabulary(minimal(contexts=[{**ctx, "focus": 0.8}])).contexts[0].focus == 0.8
    with pytest.raises(DataError, match="focus"):
        parse_vocabulary(minimal(contexts=[{**ctx, "focus": 1.5}]))


@pytest.mark.parametrize(
    "data, message",
    [
        (minimal(synonym=[]), "未知的键：synonym"),
        (
            minimal(synonyms=[{"theme": "卡", "entries": [{"words": ["卡"], "mean": ["x"]}]}]),
            "缺少：means",
        ),
        (
            minimal(
                synonyms=[{"theme": "卡", "entries": [{"words": ["卡"], "means": ["x"], "w": 1}]}]
            ),
            "未知的键：w",
        ),
        (
            minimal(
                synonyms=[
                    {"theme": "卡", "entries": [{"words": ["卡"], "means": ["x"], "weight": 2}]}
                ]
            ),
            "0 到 1",
        ),
        (
            minimal(
                synonyms=[
                    {"theme": "甲", "entries": [{"words": ["卡"], "means": ["x"]}]},
                    {"theme": "乙", "entries": [{"words": ["卡"], "means": ["y"]}]},
                ]
            ),
            "重复",
        ),
        (minimal(contexts=[{"label": "x", "triggers": ["x"], "factor": 0.5}]), "至少要有"),
        (minimal(synonyms=[{"theme": "卡", "entries": [{"words": [], "means": ["x"]}]}]), "非空"),
    ],
)
def test_it_refuses_a_malformed_file_naming_the_problem(data, message):
    with pytest.raises(DataError, match=message):
        parse_vocabulary(data)


def test_it_names_the_file_when_loading_fails(tmp_path):
    path = tmp_path / "vocabulary.yaml"
    path.write_text(yaml.safe_dump(minimal(extra=1), allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError, match=r"vocabulary\.yaml"):
        load_vocabulary(path)


def test_every_official_term_it_points_to_is_in_the_guide(vocabulary, catalog: Catalog):
    text = "\n".join(t for item in catalog.items.values() for t in item_fields(item).values())
    missing = sorted(
        {
            f"{syn.word}→{term}"
            for syn in vocabulary.synonyms.values()
            for mean in syn.means
            for term in mean.split()
            if term not in text
        }
    )
    assert not missing, f"these terms are not in the guide: {missing}"


def test_every_context_selects_some_items(vocabulary, catalog: Catalog):
    for ctx in vocabulary.contexts:
        covered = [
            no
            for no, item in catalog.items.items()
            if ctx.covers(item.name, item.category, name_parts(item)[1])
        ]
        assert covered, f"context {ctx.label} selects no item"


def test_it_copies_no_development_question(catalog: Catalog):
    """The vocabulary holds general words, not the evaluation's questions (those that are not
    simply the guide's own terms, which the vocabulary may well name)."""
    dev = DATA_ROOT.parent.parent.parent / "shared" / "eval" / "search_dev.tsv"
    if not dev.is_file():
        pytest.skip("no development set here")
    guide = "\n".join(t for item in catalog.items.values() for t in item_fields(item).values())
    vocab_text = (DATA_ROOT / "dalian" / "vocabulary.yaml").read_text(encoding="utf-8")
    queries = [line.split("\t")[0] for line in dev.read_text(encoding="utf-8").splitlines()[1:]]
    copied = [q for q in queries if len(q) >= 4 and q not in guide and q in vocab_text]
    assert not copied


def test_the_vocabulary_read_from_the_cache_is_the_one_the_file_gives(tmp_path):
    path = tmp_path / "vocabulary.yaml"
    path.write_text(yaml.safe_dump(minimal(), allow_unicode=True), encoding="utf-8")
    first, cached = load_vocabulary(path), load_vocabulary(path)
    assert first == cached == parse_vocabulary(minimal())
    assert cached.digest() == parse_vocabulary(minimal()).digest()
    path.write_text(yaml.safe_dump(minimal(default_part="x"), allow_unicode=True), "utf-8")
    assert load_vocabulary(path).default_part == "x"


def test_a_broken_vocabulary_file_is_named(tmp_path):
    path = tmp_path / "vocabulary.yaml"
    path.write_text("stopwords: [的\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"vocabulary\.yaml：数据文件 .* 不是有效的 YAML"):
        load_vocabulary(path)
    with pytest.raises(DataError, match=r"nope\.yaml：缺少数据文件"):
        load_vocabulary(tmp_path / "nope.yaml")


def test_every_english_phrase_points_to_terms_of_the_guide(vocabulary, catalog: Catalog):
    text = "\n".join(t for item in catalog.items.values() for t in item_fields(item).values())
    missing = sorted(
        {
            f"{entry.phrase}→{term}"
            for entry in vocabulary.english.phrases.values()
            for mean in entry.means
            for term in mean.split()
            if term not in text
        }
    )
    assert not missing, f"these terms are not in the guide: {missing}"


def test_every_topic_outside_the_guide_names_real_items_and_cites_its_office(
    vocabulary, catalog: Catalog
):
    assert vocabulary.outside
    for topic in vocabulary.outside:
        assert set(topic.related) <= set(catalog.items), topic.topic
        assert bool(topic.where) == bool(topic.source), topic.topic


def test_an_english_phrase_given_twice_in_another_form_is_refused():
    from shebao.search.english import parse_english

    data = {
        "synonyms": [{"theme": "t", "entries": [{"words": ["cards", "card"], "means": ["卡"]}]}]
    }
    with pytest.raises(DataError, match="“card”重复"):
        parse_english(data)


def test_an_office_without_its_source_is_refused():
    from shebao.search.outside import parse_outside

    with pytest.raises(DataError, match="where 和 source 要一起写"):
        parse_outside([{"topic": "x", "words": ["公积金"], "where": "某中心"}])
