"""`shebao lint`: inconsistencies in the guide itself, reported with evidence for its editors.

Lint never changes data. Each check is a function from the catalog to findings; add a check by
decorating it with `@check`.
"""

from __future__ import annotations

import importlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from shebao.guide.model import Catalog, ChannelKind, Item

ITEM_PAGE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
PART_SUFFIX = re.compile(r"（[^（）]+部分）$")
LISTED_AS = re.compile(r"(?:点击|搜索)“([^”]+)”(?:后)?，?并?点击“办事指南”")


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # error: the guide contradicts itself; warning: likely slip; info: our reading
    items: tuple[int, ...]
    message: str
    evidence: tuple[str, ...] = field(default_factory=tuple)


Check = Callable[[Catalog], Iterator[Finding]]
CHECKS: list[Check] = []


def check(fn: Check) -> Check:
    CHECKS.append(fn)
    return fn


# Further checks live beside what they read (wording, the rules' data); they register on import.
CHECK_MODULES = ("shebao.editor.lint_text", "shebao.editor.lint_national")


def lint(catalog: Catalog) -> list[Finding]:
    for name in CHECK_MODULES:
        importlib.import_module(name)
    return [finding for fn in CHECKS for finding in fn(catalog)]


def _page(url: str | None) -> str | None:
    """The item page a URL points to (fragment dropped), or None for a portal's front page."""
    if not url or not ITEM_PAGE.search(url):
        return None
    return url.split("#", 1)[0]


@check
def shared_item_pages(catalog: Catalog) -> Iterator[Finding]:
    """Two items sending people to the same item page: one of them lands on the wrong service."""
    uses: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for item in catalog.items.values():
        for channel in item.channels:
            for route in channel.routes:
                if page := _page(route.url):
                    uses[page][item.no].add("网上办")
        for route in item.sample_sources:
            if page := _page(route.url):
                uses[page][item.no].add("要件样表")
    for page, by_item in uses.items():
        online = [no for no, how in by_item.items() if "网上办" in how]
        if len(online) > 1:
            yield Finding(
                "shared-online-url",
                "error",
                tuple(sorted(by_item)),
                f"事项 {'、'.join(map(str, sorted(online)))} 的“网上办”指向同一个网址",
                (page, *(f"事项{no}（{'、'.join(sorted(how))}）：{catalog.items[no].name}"
                         for no, how in sorted(by_item.items()))),
            )  # fmt: skip
        elif len(by_item) > 1:
            yield Finding(
                "shared-sample-url",
                "warning",
                tuple(sorted(by_item)),
                "一个事项的要件样表网址是另一个事项的办事页面",
                (page, *(f"事项{no}（{'、'.join(sorted(how))}）：{catalog.items[no].name}"
                         for no, how in sorted(by_item.items()))),
            )  # fmt: skip


def _pages(routes) -> set[str]:
    return {page for route in routes if (page := _page(route.url))}


@check
def online_and_sample_pages_disagree(catalog: Catalog) -> Iterator[Finding]:
    """Each item has one page on the portal: its online link and its sample forms should match."""
    for item in catalog.items.values():
        online = _pages(r for c in item.channels for r in c.routes)
        samples = _pages(item.sample_sources)
        if online and samples and not online & samples:
            yield Finding(
                "online-differs-from-sample-page",
                "warning",
                (item.no,),
                f"事项{item.no}的“网上办”网址与其要件样表网址指向不同的事项页面，其中一个可能有误",
                (
                    *(f"网上办：{p}" for p in sorted(online)),
                    *(f"要件样表：{p}" for p in sorted(samples)),
                ),
            )
        if samples and ChannelKind.ONLINE not in item.channel_kinds:
            yield Finding(
                "sample-page-without-online-channel",
                "warning",
                (item.no,),
                f"事项{item.no}在政务服务网有事项页面（要件样表），但办理路径没有列出“网上办”",
                tuple(f"要件样表：{p}" for p in sorted(samples)),
            )


@check
def tolerated_materials_not_listed(catalog: Catalog) -> Iterator[Finding]:
    """The 容缺 list names a material the item's own list lacks, or names it differently."""
    for entry in catalog.tolerations:
        item = catalog.items[entry.item]
        own = "、".join(m.name for m in item.materials)
        for material in entry.materials:
            if material.item_material is None:
                yield Finding(
                    "tolerated-material-not-listed",
                    "error",
                    (item.no,),
                    f"容缺清单第{entry.no}项的可容缺材料“{material.name}”不在事项{item.no}的要件中",
                    (f"事项{item.no}要件：{own}",),
                )
            elif material.item_material != material.name:
                yield Finding(
                    "tolerated-material-renamed",
                    "warning",
                    (item.no,),
                    f"容缺清单第{entry.no}项写作“{material.name}”，事项{item.no}的要件写作"
                    f"“{material.item_material}”",
                    (f"事项{item.no}要件：{own}",),
                )


@check
def commitment_without_toleration(catalog: Catalog) -> Iterator[Finding]:
    """容缺受理承诺书 belongs exactly to the items on the 容缺 list."""
    tolerated = {entry.item for entry in catalog.tolerations}
    for item in catalog.items.values():
        has = any(m.role == "commitment" for m in item.materials)
        if has and item.no not in tolerated:
            yield Finding("commitment-not-tolerated", "warning", (item.no,),
                          f"事项{item.no}要求容缺受理承诺书，但不在容缺办理事项清单中")  # fmt: skip
        if not has and item.no in tolerated:
            yield Finding("tolerated-without-commitment", "warning", (item.no,),
                          f"事项{item.no}在容缺清单中，但其要件未列容缺受理承诺书")  # fmt: skip


@check
def tips_name_missing_channel(catalog: Catalog) -> Iterator[Finding]:
    for item in catalog.items.values():
        for kind in (ChannelKind.ONLINE, ChannelKind.MOBILE):
            if f"“{kind.label}”" in item.tips and kind not in item.channel_kinds:
                yield Finding(
                    "tips-recommend-missing-channel",
                    "error",
                    (item.no,),
                    f"事项{item.no}的温馨提示建议“{kind.label}”，但办理路径中没有{kind.label}",
                    (item.tips,),
                )


@check
def tips_omit_district_hall(catalog: Catalog) -> Iterator[Finding]:
    """Tips that list district halls' phones should list every hall the window sends people to."""
    omissions: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for item in catalog.items.values():
        window_halls = {
            p for c in item.channels for p in c.places if catalog.places[p].kind == "hall"
        }
        listed = {p.place for p in item.phones if p.place in window_halls}
        if len(window_halls) > 1 and listed and listed != window_halls:
            missing = tuple(sorted(catalog.places[p].name for p in window_halls - listed))
            omissions[missing].append(item.no)
    for missing, items in omissions.items():
        yield Finding(
            "tips-omit-hall-phone",
            "warning",
            tuple(items),
            f"温馨提示列出各区办事处电话，但漏了：{'、'.join(missing)}",
            tuple(f"{catalog.places[h.id].name}：{h.phone}" for h in catalog.halls()
                  if h.name in missing),
        )  # fmt: skip


@check
def phones_disagree_with_places(catalog: Catalog) -> Iterator[Finding]:
    for item in catalog.items.values():
        for phone in item.phones:
            place = catalog.places.get(phone.place or "")
            if place and place.phone and place.phone != phone.number:
                yield Finding("phone-mismatch", "error", (item.no,),
                              f"事项{item.no}提示中{phone.label}的电话与地点表不一致",
                              (f"提示：{phone.number}", f"地点表：{place.phone}"))  # fmt: skip


def _base_name(item: Item) -> str:
    return PART_SUFFIX.sub("", item.name)


@check
def same_text_different_items(catalog: Catalog) -> Iterator[Finding]:
    """Copy-paste between unrelated items: same conditions text under different names."""
    by_text: dict[str, list[Item]] = defaultdict(list)
    for item in catalog.items.values():
        by_text[item.description].append(item)
    for text, items in by_text.items():
        if len({_base_name(i) for i in items}) > 1:
            same_materials = len({tuple(m.name for m in i.materials) for i in items}) == 1
            also = "，要件清单也完全相同" if same_materials else ""
            yield Finding(
                "copied-description",
                "warning",
                tuple(i.no for i in items),
                f"事项 {'、'.join(f'{i.no}“{i.name}”' for i in items)} "
                f"的办理条件文字完全相同{also}",
                (text[:80] + ("…" if len(text) > 80 else ""),),
            )


@check
def sample_instructions_name_other_title(catalog: Catalog) -> Iterator[Finding]:
    for item in catalog.items.values():
        for route in item.sample_sources:
            listed = LISTED_AS.findall(route.text or "")
            if listed and listed[-1] != item.name and not item.name.startswith(listed[-1]):
                yield Finding("sample-title-mismatch", "warning", (item.no,),
                              f"事项{item.no}的要件样表指引要点击“{listed[-1]}”，与事项名称“{item.name}”不同",
                              ((route.text or "")[:120],))  # fmt: skip


def _distance(a: str, b: str) -> int:
    """Levenshtein distance, enough for material names of a few dozen characters."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@check
def near_duplicate_material_names(catalog: Catalog) -> Iterator[Finding]:
    """“病历材料”/“病历资料”: one material, two spellings, so a checklist cannot match them."""
    where: dict[str, list[int]] = defaultdict(list)
    for item in catalog.items.values():
        for m in item.materials:
            where[m.name].append(item.no)
    names = sorted(where)
    for n, a in enumerate(names):
        for b in names[n + 1 :]:
            if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 3:
                continue
            if _distance(a, b) <= max(1, min(len(a), len(b)) // 10):
                yield Finding(
                    "material-spelling",
                    "warning",
                    tuple(sorted(set(where[a] + where[b]))),
                    f"要件名称写法不一：“{a}”与“{b}”",
                    (f"“{a}”见事项 {'、'.join(map(str, where[a]))}",
                     f"“{b}”见事项 {'、'.join(map(str, where[b]))}"),
                )  # fmt: skip


@check
def online_route_without_url(catalog: Catalog) -> Iterator[Finding]:
    for item in catalog.items.values():
        for channel in item.channels:
            for route in channel.routes:
                if not route.url:
                    yield Finding("online-route-without-url", "warning", (item.no,),
                                  f"事项{item.no}的网上办“{route.label}”没有给出网址",
                                  (channel.text,))  # fmt: skip


@check
def list_titles_not_item_names(catalog: Catalog) -> Iterator[Finding]:
    for entry in catalog.prohibitions:
        if entry.reading:
            yield Finding("prohibition-title-reading", "info", entry.items,
                          f"违规禁办事项清单第{entry.no}项“{entry.title}”不是事项名称，按如下理解适用",
                          (entry.reading,))  # fmt: skip
