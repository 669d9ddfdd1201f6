"""Reading life events strictly: unknown keys, items, facts, quotes not in the guide, needs on
unknown or later steps and cycles all stop the load with the file and the field named."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from shebao.datafiles import check_keys, data_list, read_mapping
from shebao.errors import DataError
from shebao.events.model import Event, EventBook, Law, Quote, Step
from shebao.guide.model import Catalog, Item
from shebao.rules.conditions import compile_condition
from shebao.rules.derived import ALL_SPECS
from shebao.rules.materials import normalise

EVENT_KEYS = (("key", "name", "summary", "subject", "steps"), ("aliases", "notes"))
STEP_KEYS = (
    ("id", "basis"),
    ("item", "outside", "title", "when", "needs", "produces", "laws", "reading", "optional",
     "applicant", "authority", "done_when", "wait_months"),
)  # fmt: skip
BASIS_KEYS = (("item", "quote"), ())
_KEY = re.compile(r"[a-z][a-z0-9_]*")
MIN_QUOTE = 4  # characters: a quote must say something, not match by accident
MAX_WAIT_MONTHS = 120


def load_events(catalog: Catalog, directory: Path) -> EventBook:
    """Every `*.yaml` in the directory; a city without the directory has no events."""
    if not directory.is_dir():
        return EventBook((), catalog.version)
    events = tuple(
        build_event(read_mapping(path), catalog, f"events/{path.name}", path.stem)
        for path in sorted(directory.glob("*.yaml"))
    )
    _check_unique_spellings(events)
    return EventBook(events, catalog.version)


def build_event(raw: Any, catalog: Catalog, where: str, stem: str | None = None) -> Event:
    """One event already read from YAML (`where` names it in messages, `stem` is its file's)."""
    check_keys(raw, *EVENT_KEYS, where=where)
    key = raw["key"]
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise DataError(f"{where} 的 key：应为小写英文字母、数字和下划线，收到“{key}”")
    if stem is not None and key != stem:
        raise DataError(f"{where} 的 key：应与文件名一致（{stem}），收到“{key}”")
    steps_raw = data_list(raw["steps"], f"{where} 的 steps")
    if not steps_raw:
        raise DataError(f"{where} 的 steps：至少要有一步")
    steps = tuple(_step(s, catalog, f"{where} 第{n + 1}步") for n, s in enumerate(steps_raw))
    _check_needs(steps, where)
    return Event(
        key=key,
        name=_text(raw["name"], f"{where} 的 name"),
        aliases=tuple(_texts(raw.get("aliases", []), f"{where} 的 aliases")),
        summary=_text(raw["summary"], f"{where} 的 summary"),
        subject=_text(raw["subject"], f"{where} 的 subject"),
        steps=steps,
        notes=tuple(_texts(raw.get("notes", []), f"{where} 的 notes")),
        source=where,
    )


def _step(raw: Any, catalog: Catalog, where: str) -> Step:
    check_keys(raw, *STEP_KEYS, where=where)
    step_id = raw["id"]
    if not isinstance(step_id, str) or not _KEY.fullmatch(step_id):
        raise DataError(f"{where} 的 id：应为小写英文字母、数字和下划线，收到“{step_id}”")
    where = f"{where}（{step_id}）"
    item = _item(raw, catalog, where)
    outside = item is None
    for key in ("authority", "done_when"):
        if key in raw and not outside:
            raise DataError(f"{where} 的 {key}：只用于在本中心以外办理的步骤（outside）")
    if outside and "authority" not in raw:
        raise DataError(f"{where}：在本中心以外办理的步骤（outside）要写明 authority（由谁办理）")
    if outside:
        title = _text(raw["outside"], f"{where} 的 outside")
    else:
        title = _text(raw.get("title", item.name), f"{where} 的 title")
    when_raw, done_raw = raw.get("when"), raw.get("done_when")
    needs = tuple(_texts(raw.get("needs", []), f"{where} 的 needs"))
    wait = raw.get("wait_months", 0)
    if isinstance(wait, bool) or not isinstance(wait, int) or not 0 <= wait <= MAX_WAIT_MONTHS:
        raise DataError(f"{where} 的 wait_months：应为 0—{MAX_WAIT_MONTHS} 的整数，收到“{wait}”")
    if wait and not needs:
        raise DataError(f"{where} 的 wait_months：要从所需的步骤（needs）办结时算起，但没有 needs")
    optional = raw.get("optional", False)
    if not isinstance(optional, bool):
        raise DataError(f"{where} 的 optional：应为 true 或 false")
    return Step(
        id=step_id,
        title=title,
        item=item.no if item else None,
        when=compile_condition(when_raw, ALL_SPECS, f"{where} 的 when") if when_raw else None,
        when_raw=when_raw,
        needs=needs,
        produces=_optional_text(raw, "produces", where),
        basis=_basis(raw["basis"], catalog, f"{where} 的 basis"),
        laws=tuple(Law(t) for t in _texts(raw.get("laws", []), f"{where} 的 laws")),
        reading=_optional_text(raw, "reading", where),
        optional=optional,
        applicant=_optional_text(raw, "applicant", where),
        authority=_optional_text(raw, "authority", where),
        done_when=(
            compile_condition(done_raw, ALL_SPECS, f"{where} 的 done_when") if done_raw else None
        ),
        done_when_raw=done_raw,
        wait_months=wait,
    )


def _item(raw: Any, catalog: Catalog, where: str) -> Item | None:
    if ("item" in raw) == ("outside" in raw):
        raise DataError(f"{where}：应恰有 item（指南事项编号）或 outside（在本中心以外办理）之一")
    if "outside" in raw:
        return None
    no = raw["item"]
    if isinstance(no, bool) or not isinstance(no, int) or no not in catalog.items:
        raise DataError(f"{where} 的 item：指南没有编号为“{no}”的事项")
    return catalog.items[no]


def _basis(raw: Any, catalog: Catalog, where: str) -> tuple[Quote, ...]:
    """Each entry quotes an item verbatim; at least one, so every step names its guide basis."""
    entries = data_list(raw, where)
    if not entries:
        raise DataError(f"{where}：至少要引用指南的一处原文")
    quotes = []
    for n, entry in enumerate(entries):
        at = f"{where}[{n}]"
        check_keys(entry, *BASIS_KEYS, where=at)
        no = entry["item"]
        if isinstance(no, bool) or not isinstance(no, int) or no not in catalog.items:
            raise DataError(f"{at} 的 item：指南没有编号为“{no}”的事项")
        item = catalog.items[no]
        text = _text(entry["quote"], f"{at} 的 quote")
        whole = {m.verbatim for m in item.materials}  # a short material named whole is a quote
        if len(text) < MIN_QUOTE and text not in whole:
            raise DataError(
                f"{at} 的 quote：引文太短（“{text}”），至少 {MIN_QUOTE} 个字，或一项要件的全称"
            )
        quotes.append(Quote(no, item.name, text, _source(item, text, at)))
    return tuple(quotes)


def _source(item: Item, text: str, where: str) -> str:
    """Where in the item the quote stands; it must be there word for word."""
    places = {
        "name": [item.name],
        "description": [item.description],
        "materials": [m.verbatim for m in item.materials],
        "tips": [item.tips],
    }
    for source, texts in places.items():
        if any(text in t for t in texts):
            return source
    raise DataError(
        f"{where} 的 quote：在事项{item.no}“{item.name}”的名称、办理条件、需提供要件和温馨提示中"
        f"都找不到这段原文：“{text}”"
    )


def _check_needs(steps: tuple[Step, ...], where: str) -> None:
    """Needs name steps of the event; no cycle; a step comes after every step it needs."""
    order = {s.id: n for n, s in enumerate(steps)}
    if len(order) != len(steps):
        ids = [s.id for s in steps]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise DataError(f"{where}：步骤 id 重复：{'、'.join(twice)}")
    for step in steps:
        for need in step.needs:
            if need not in order:
                raise DataError(f"{where} 步骤 {step.id} 的 needs：没有名为“{need}”的步骤")
            if need == step.id:
                raise DataError(f"{where} 步骤 {step.id} 的 needs：不能需要自己")
    if cycle := _cycle({s.id: s.needs for s in steps}):
        raise DataError(f"{where} 的 needs 有循环：{' → '.join(cycle)}")
    for step in steps:
        for need in step.needs:
            if order[need] > order[step.id]:
                raise DataError(
                    f"{where} 步骤 {step.id} 的 needs：所需的步骤 {need} 排在它后面，请调整顺序"
                )


def _cycle(graph: dict[str, tuple[str, ...]]) -> list[str]:
    """One cycle of the graph as a path that returns to its start, or [] when there is none.

    >>> _cycle({"a": ("b",), "b": ("c",), "c": ("a",)})
    ['a', 'b', 'c', 'a']
    >>> _cycle({"a": (), "b": ("a",)})
    []
    """
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        path.pop()
        return []

    for node in graph:
        if node not in state and (found := visit(node)):
            return found
    return []


def _check_unique_spellings(events: tuple[Event, ...]) -> None:
    """No two events may answer to the same key, name or alias."""
    seen: dict[str, str] = {}
    for event in events:
        spellings = (event.key, event.name, *event.aliases)
        for spelling in dict.fromkeys(normalise(s).lower() for s in spellings):
            if spelling in seen and seen[spelling] != event.key:
                raise DataError(
                    f"{event.source}：名称或别名“{spelling}”与事件 {seen[spelling]} 重复"
                )
            seen[spelling] = event.key


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{where}：应为非空文字，收到“{value}”")
    return value.strip()


def _texts(value: Any, where: str) -> list[str]:
    return [_text(v, where) for v in data_list(value, where)]


def _optional_text(raw: Any, key: str, where: str) -> str | None:
    return _text(raw[key], f"{where} 的 {key}") if key in raw else None
