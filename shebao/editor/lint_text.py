"""`shebao lint` checks on the guide's wording: slips an editor can fix in the text itself."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from urllib.parse import urlsplit

from shebao.datafiles import check_keys, data_list, read_mapping
from shebao.editor.lint import Finding, check
from shebao.guide.model import Catalog, Item
from shebao.rules.parameters import NATIONAL_DIR

DOUBLED = re.compile(r"([\u4e00-\u9fff]{2,4})\1")
PROMISED_DAYS = re.compile(r"(\d+)日内作出[^。；]*?结论")
# A working week is five days out of seven: N working days span about N × 7 / 5 calendar days.
CALENDAR_PER_WORKING_DAY = 7 / 5


def _texts(item: Item) -> Iterator[tuple[str, str]]:
    yield "名称", item.name
    yield "办理条件", item.description
    for m in item.materials:
        yield "要件", m.verbatim
    yield "温馨提示", item.tips


@check
def doubled_words(catalog: Catalog) -> Iterator[Finding]:
    """“电话电话”, “人员人员”: a word typed twice; one finding per slip, naming every item."""
    found: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for item in catalog.items.values():
        for where, text in _texts(item):
            for match in DOUBLED.finditer(text):
                start = max(0, match.start() - 12)
                found[where, match.group(1)].append((item.no, text[start : match.end() + 12]))
    for (where, word), places in found.items():
        items = tuple(dict.fromkeys(no for no, _ in places))
        yield Finding(
            "doubled-word",
            "warning",
            items,
            f"{where}中“{word}”重复了一次",
            (f"…{places[0][1]}…",),
        )


@check
def unbalanced_title_marks(catalog: Catalog) -> Iterator[Finding]:
    """Every 《 needs its 》: an unbalanced pair usually means a title was mistyped."""
    for item in catalog.items.values():
        for where, text in _texts(item):
            if text.count("《") != text.count("》"):
                yield Finding(
                    "unbalanced-title-marks",
                    "warning",
                    (item.no,),
                    f"事项{item.no}的{where}中书名号不成对"
                    f"（《 {text.count('《')} 个，》 {text.count('》')} 个）",
                    (text[:100] + ("…" if len(text) > 100 else ""),),
                )


@check
def tips_promise_less_than_the_limit(catalog: Catalog) -> Iterator[Finding]:
    """A tip promising a conclusion “30日内” while the time limit allows more working days."""
    for item in catalog.items.values():
        days = max((t.working_days or 0) for t in item.time_limits)
        for match in PROMISED_DAYS.finditer(item.tips):
            promised = int(match.group(1))
            if days * CALENDAR_PER_WORKING_DAY > promised:
                yield Finding(
                    "tips-contradict-time-limit",
                    "warning",
                    (item.no,),
                    f"事项{item.no}的温馨提示说{promised}日内作出结论，但办理时限是{days}个工作日"
                    f"（约{round(days * CALENDAR_PER_WORKING_DAY)}天）",
                    (match.group(0),),
                )


@check
def official_site_hosts(catalog: Catalog) -> Iterator[Finding]:
    """A link labelled with a national platform's name but pointing at another host."""
    path = NATIONAL_DIR / "official_sites.yaml"
    raw = read_mapping(path)
    check_keys(raw, ["description", "sites"], where=path.name)
    sites = []
    for n, entry in enumerate(data_list(raw["sites"], f"{path.name} sites")):
        check_keys(entry, ["name", "host", "basis"], where=f"{path.name} 第{n + 1}项")
        sites.append(entry)
    for item in catalog.items.values():
        for channel in item.channels:
            for route in channel.routes:
                host = urlsplit(route.url or "").hostname or ""
                for site in sites:
                    if site["name"] in route.label and host and host != site["host"]:
                        yield Finding(
                            "official-site-host",
                            "warning",
                            (item.no,),
                            f"事项{item.no}的“{site['name']}”网址主机是 {host}，"
                            f"该平台的网址应为 {site['host']}",
                            (route.url or "", f"依据：{site['basis']}"),
                        )
