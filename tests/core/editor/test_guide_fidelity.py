"""The catalog says what the guide says, item by item.

These tests read the guide with their own, deliberately different method (regular expressions
over the raw text, not the importer's line machine), so a slip in either one shows up.
"""

from __future__ import annotations

import re

import pytest

from shebao.guide import ChannelKind

ITEM_COUNT = 84
CHANNEL_WORDS = {
    "窗口办": "window",
    "网上办": "online",
    "掌上办": "mobile",
    "自助办": "self_service",
}


def _sections(guide_text: str) -> dict[int, str]:
    body = guide_text.split("违规禁办事项清单")[0]
    starts = {}
    for n in range(1, ITEM_COUNT + 1):
        match = re.search(rf"(?m)^{n}\. ", body[starts.get(n - 1, 0) :])
        assert match, f"item {n} not found in the guide"
        starts[n] = starts.get(n - 1, 0) + match.start()
    ends = {n: starts.get(n + 1, len(body)) for n in starts}
    return {n: body[starts[n] : ends[n]] for n in starts}


def _part(section: str, no: int, part: int) -> str:
    """Text of part N.k up to the next part (or the end of the item)."""
    heading = r"(?:需提供要件|办理路径|办理时限|温馨提示)[：:]?"
    match = re.search(
        rf"(?ms)^\s*{no}\.{part}\s*{heading}(.*?)(?=^\s*{no}\.{part + 1}\s|\Z)", section
    )
    assert match, f"part {no}.{part} missing"
    return match.group(1)


@pytest.fixture(scope="module")
def sections(guide_text):
    return _sections(re.sub(r"\[bookmark:[^\]]*\]", "", guide_text))


@pytest.mark.parametrize("no", range(1, ITEM_COUNT + 1))
def test_item_name_and_description_match_the_guide(no, sections, catalog):
    item = catalog.item(no)
    first_line, rest = sections[no].split("\n", 1)
    assert item.name == first_line.removeprefix(f"{no}. ").strip()
    description = rest.split(f"{no}.1")[0]
    assert re.sub(r"\s+", "", item.description) == re.sub(r"\s+", "", description)


@pytest.mark.parametrize("no", range(1, ITEM_COUNT + 1))
def test_every_required_material_is_listed_once_in_order(no, sections, catalog):
    item = catalog.item(no)
    block = _part(sections[no], no, 1).split("资料来源要件样表")[0]
    flat = re.sub(r"\s+", "", block)
    numbered = re.findall(r"（(\d+)）", flat)
    if flat.strip("：") == "无":
        assert item.materials == ()
        return
    assert len(item.materials) == len(numbered)
    pieces = re.split(r"（\d+）", flat)[1:]
    for material, piece in zip(item.materials, pieces, strict=True):
        assert re.sub(r"\s+", "", material.verbatim) == piece


@pytest.mark.parametrize("no", range(1, ITEM_COUNT + 1))
def test_channels_and_their_urls_match_the_guide(no, sections, catalog):
    item = catalog.item(no)
    block = _part(sections[no], no, 2)
    named = {CHANNEL_WORDS[w] for w in re.findall(r"[①②③④](窗口办|网上办|掌上办|自助办)", block)}
    assert {k.value for k in item.channel_kinds} == named
    urls = set(re.findall(r"https?://[^\s）]+", block))
    ours = {r.url for c in item.channels for r in c.routes if r.url}
    assert ours == urls


@pytest.mark.parametrize("no", range(1, ITEM_COUNT + 1))
def test_time_limits_match_the_guide_per_channel(no, sections, catalog):
    item = catalog.item(no)
    block = _part(sections[no], no, 3)
    per_channel = re.findall(r"[①②③④](窗口办|网上办|掌上办|自助办)：(即时办结|\d+个工作日)", block)
    expected = per_channel or [(None, re.search(r"即时办结|\d+个工作日", block).group(0))]
    for word, text in expected:
        channels = [ChannelKind(CHANNEL_WORDS[word])] if word else list(item.channel_kinds)
        for channel in channels:
            limit = item.time_limit(channel)
            if text == "即时办结":
                assert limit.instant and limit.working_days is None
            else:
                assert not limit.instant and limit.working_days == int(
                    text.removesuffix("个工作日")
                )


@pytest.mark.parametrize("no", range(1, ITEM_COUNT + 1))
def test_tips_are_kept_verbatim_without_conversion_artefacts(no, sections, catalog):
    item = catalog.item(no)
    tips = _part(sections[no], no, 4)
    assert re.sub(r"\s+", "", item.tips) == re.sub(r"\s+", "", tips)
    assert "[bookmark" not in item.tips and "[image" not in item.tips


def test_no_data_file_keeps_image_captions_or_bookmarks():
    from shebao.guide import DATA_ROOT

    for path in (DATA_ROOT / "dalian").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "[image:" not in text and "[bookmark:" not in text, path


def test_the_seven_halls_have_the_guides_addresses_and_phones(guide_text, catalog):
    halls = catalog.halls()
    assert len(halls) == 7
    table = guide_text.split("合规办事业务指南")[0]
    for hall in halls:
        assert hall.name in table and hall.address in table and hall.phone in table


def test_other_places_the_guide_sends_people_to_are_known(catalog):
    names = {p.name for p in catalog.places.values()}
    expected_places = [
        "待遇审核管理部",
        "待遇支付管理部",
        "劳动能力鉴定窗口",
        "工伤保险待遇经办窗口",
        "机关事业养老保险服务中心窗口",
        "仲裁业务窗口",
        "社会保障卡银行即时服务网点",
    ]
    for expected in expected_places:
        assert expected in names
    phones = {p.name: p.phone for p in catalog.places.values()}
    assert phones["待遇审核管理部"] == "0411-83709055"
    assert phones["待遇支付管理部"] == "0411-83709117"
    assert phones["仲裁业务窗口"] == "0411-83634911"


def test_every_window_channel_resolves_to_a_place(catalog):
    for item in catalog.items.values():
        for channel in item.channels:
            if channel.kind is ChannelKind.WINDOW:
                assert channel.places, f"item {item.no}: {channel.text}"


def test_the_two_lists_are_complete_and_linked(guide_text, catalog):
    assert [p.no for p in catalog.prohibitions] == list(range(1, 13))
    assert [t.no for t in catalog.tolerations] == list(range(1, 14))
    for entry in catalog.prohibitions:
        assert entry.situation in guide_text
        assert entry.items
    for entry in catalog.tolerations:
        assert catalog.item(entry.item).name == entry.title
        for material in entry.materials:
            assert material.name in guide_text
