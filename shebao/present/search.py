"""Search results as JSON-ready dicts (`shebao search --json`, `GET /api/search`), and the whole
answer as text (the CLI) and as a dict for the web page: the results, what the guide does not
cover with where to ask instead, the item a bare number points to, the categories and phones, or
the halls' addresses and phones when that is what was asked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from shebao.events.model import Event
from shebao.guide.model import Catalog
from shebao.search import Answer, Notice, Result


def result_dict(r: Result) -> dict[str, Any]:
    out: dict[str, Any] = {"no": r.no, "name": r.name, "score": r.score, "why": list(r.why)}
    if r.related:
        out["related"] = True
    return out


def notice_lines(n: Notice) -> list[str]:
    """One notice in Chinese: what the guide does not cover, where to ask, on what basis."""
    if n.halls:
        return [
            "大连市社会保险事业服务中心各服务大厅的地址和电话见下；"
            "要问某件事怎么办，可以直接搜这件事（如“社保卡丢了怎么办”）。"
        ]
    if n.topic is None:
        return [
            "没有找到相关事项：换个说法试试（如“社保卡丢了怎么办”“办理退休”），或按下面的类别查看全部事项。",
            f"也可以拨打 {n.hotline}（{n.hotline_name}）咨询。",
        ]
    lines = [f"本指南不包括：{n.topic}。"]
    if n.where:
        lines.append(f"请咨询：{n.where}（依据：{n.source}）。")
    else:
        lines.append(f"请拨打 {n.hotline}（{n.hotline_name}）咨询办理部门。")
    return lines


def answer_events(answer: Answer, events: Sequence[Event]) -> list[Event]:
    """The life events (一件事一次办) the question is about, as the guide's events give them."""
    by_key = {e.key: e for e in events}
    return [by_key[key] for key in answer.events if key in by_key]


def answer_page(answer: Answer, catalog: Catalog, events: Sequence[Event] = ()) -> dict[str, Any]:
    """What the web page shows for a search: the results (as in the API), the notices, the
    pointed-to item, the life events it is about, and when nothing answers, the categories and
    the halls' phone numbers."""
    results = [result_dict(r) for r in answer.results]
    nothing = not any(not r.related for r in answer.results)
    return {
        "query": answer.query,
        "results": [r for r in results if not r.get("related")],
        "related": [r for r in results if r.get("related")],
        "notices": [
            {
                "topic": n.topic,
                "where": n.where,
                "source": n.source,
                "hotline": n.hotline,
                "halls": n.halls,
                "text": "".join(notice_lines(n)),
            }
            for n in answer.notices
        ],
        "pointer": answer.pointer,
        "events": [
            {"key": e.key, "name": e.name, "summary": e.summary}
            for e in answer_events(answer, events)
        ],
        "categories": list(catalog.categories()) if nothing else [],
        "phones": [{"name": h.name, "phone": h.phone} for h in catalog.halls()] if nothing else [],
        "halls": [{"name": h.name, "address": h.address, "phone": h.phone} for h in catalog.halls()]
        if any(n.halls for n in answer.notices)
        else [],
    }


def answer_text(answer: Answer, catalog: Catalog, events: Sequence[Event] = ()) -> list[str]:
    """The lines the CLI prints around the result table: the pointer, the notices, the life
    events it is about, and when nothing answers, the categories and the halls' phone numbers."""
    lines = []
    if answer.pointer is not None:
        lines.append(
            f"{answer.pointer} 是事项编号：`shebao show {answer.pointer}` 列出这个事项的全部内容。"
        )
    for n in answer.notices:
        lines.extend(notice_lines(n))
    for e in answer_events(answer, events):
        lines.append(
            f"一件事一次办：{e.name}，要办的往往不止一个事项。"
            f"`shebao event plan {e.key}` 列出全部步骤、材料和时间。"
        )
    if any(n.halls for n in answer.notices):
        lines.extend(f"{h.name}：{h.address}，电话 {h.phone}" for h in catalog.halls())
    elif answer.notices and not any(not r.related for r in answer.results):
        lines.append(
            "事项类别："
            + "、".join(catalog.categories())
            + "（`shebao items --category 类别` 列出）"
        )
        lines.append("服务大厅电话：" + "；".join(f"{h.name} {h.phone}" for h in catalog.halls()))
    return lines
