"""Read the fields of one item (materials, channels, time limits, phones) from its raw lines.

Everything here turns the guide's wording into structure without changing the wording: each
structured value keeps the verbatim text it came from.
"""

from __future__ import annotations

import re
from typing import Any

from shebao.errors import DataError
from shebao.guide.model import MAX_WORKING_DAYS

URL = re.compile(r"https?://[^\s，。；（）()“”\"<>]+")
MATERIAL_NO = re.compile(r"^[（(](\d+)[）)]\s*")
CHANNEL_HEADER = re.compile(r"^([①②③④⑤])\s*(窗口办|网上办|掌上办|自助办)[：:]?\s*(.*)$")
ROUTE_HEADER = re.compile(r"^(途径[一二三四五六七八九十]?)[：:]\s*(.*)$")
TRAILING_NOTE = re.compile(r"^(.*?)\s*[（(]([^（）()]+)[）)]$")
DAYS = re.compile(r"(\d+)\s*个工作日")
PHONE = re.compile(r"(0411-\d{8}|12345)")
PHONE_LABEL = re.compile(r"([\u4e00-\u9fff]+)\s*[:：]?\s*$")

CHANNEL_KINDS = {
    "窗口办": "window",
    "网上办": "online",
    "掌上办": "mobile",
    "自助办": "self_service",
}
COMMITMENT = "容缺受理承诺书"
NONE_WORD = "无"
HOTLINE = "12345"
# “银行卡（存折）” names a card or passbook; only a longer bracket is a condition on the material.
MIN_NOTE_CHARS = 4
# A time limit longer than a working year is a typo in the guide, not a deadline anyone can keep.


def parse_materials(lines: list[str]) -> list[dict[str, Any]]:
    """One entry per numbered line; wrapped lines are joined back; “无” means none."""
    if [line.strip() for line in lines] == [NONE_WORD]:
        return []
    texts: list[str] = []
    for line in lines:
        if MATERIAL_NO.match(line):
            texts.append(MATERIAL_NO.sub("", line).strip())
        elif texts:
            texts[-1] += line.strip()
        else:
            raise DataError(f"要件行没有编号：{line}")
    return [material_entry(text) for text in texts]


def material_entry(text: str) -> dict[str, Any]:
    """Split “名称（条件）” into name and note; keep the verbatim text when it says more."""
    core = text.rstrip("；;。 ")
    entry: dict[str, Any] = {"name": core}
    note = TRAILING_NOTE.match(core)
    if note and note.group(1) and len(note.group(2)) >= MIN_NOTE_CHARS:
        inner = re.escape(note.group(2))
        name = re.sub(rf"\s*[（(]{inner}[）)]", "", core).replace("/ ", "/").strip()
        entry = {"name": name, "note": note.group(2).strip()}
    rebuilt = f"{entry['name']}（{entry['note']}）" if "note" in entry else entry["name"]
    if rebuilt != text:
        entry["text"] = text
    if entry["name"] == COMMITMENT:
        entry["role"] = "commitment"
    return entry


def parse_routes(lines: list[str]) -> list[dict[str, Any]]:
    """Routes (途径一/二 …) to an online service or a sample form, each with its URL if any."""
    routes: list[dict[str, Any]] = []
    current: list[str] | None = None
    groups: list[list[str]] = []
    for line in lines:
        if ROUTE_HEADER.match(line) or current is None or not _is_continuation(line, current):
            current = [line]
            groups.append(current)
        else:
            current.append(line)
    for group in groups:
        routes.append(route_entry(group))
    return routes


def _is_continuation(line: str, current: list[str]) -> bool:
    """A bare URL, or any line after a route header that has no URL yet, belongs to the route."""
    has_url = any(URL.search(part) for part in current)
    return not has_url or (URL.fullmatch(line.strip()) is not None and not has_url)


def route_entry(group: list[str]) -> dict[str, Any]:
    text = "\n".join(group)
    first = group[0]
    header = ROUTE_HEADER.match(first)
    body = header.group(2) if header else first
    found = URL.search(text)
    label = URL.split(body)[0].strip().rstrip("：:（(").strip()
    entry: dict[str, Any] = {"label": label or (header.group(1) if header else "")}
    if found:
        entry["url"] = found.group(0)
    rebuilt = (f"{header.group(1)}：" if header else "") + entry["label"]
    if rebuilt != text and text != f"{rebuilt}\n{entry.get('url')}":
        entry["text"] = text
    if header:
        entry["way"] = header.group(1)
    return entry


def parse_channels(lines: list[str]) -> list[dict[str, Any]]:
    """Channels in the guide's order; a window block with one line per case gives one per case."""
    blocks: list[tuple[str, list[str]]] = []
    for line in lines:
        header = CHANNEL_HEADER.match(line)
        if header:
            blocks.append(
                (CHANNEL_KINDS[header.group(2)], [header.group(3)] if header.group(3) else [])
            )
        elif blocks:
            blocks[-1][1].append(line)
        else:
            raise DataError(f"办理路径行不属于任何渠道：{line}")
    channels: list[dict[str, Any]] = []
    for kind, body in blocks:
        if kind == "window":
            channels.extend(window_entries(body))
        elif kind == "online":
            channels.append({"kind": kind, "text": "\n".join(body), "routes": online_routes(body)})
        elif kind == "mobile":
            channels.append({"kind": kind, "text": "\n".join(body), "apps": mobile_apps(body)})
        else:
            channels.append({"kind": kind, "text": "\n".join(body)})
    return channels


def window_entries(body: list[str]) -> list[dict[str, Any]]:
    entries = []
    for line in body:
        entry: dict[str, Any] = {"kind": "window", "text": line}
        case = re.match(r"^(.+?的)，?到(.+)$", line)
        if len(body) > 1 and case:
            entry["condition"] = case.group(1)
        entries.append(entry)
    return entries


def online_routes(body: list[str]) -> list[dict[str, Any]]:
    """“平台名：URL” on one line, “平台名” then URL, or 途径一/途径二 blocks."""
    flat: list[str] = []
    for line in body:
        inline = re.match(r"^(.*?)[：:]\s*(https?://\S+)$", line)
        flat.extend(
            [inline.group(1), inline.group(2)]
            if inline and not ROUTE_HEADER.match(line)
            else [line]
        )
    return parse_routes(flat)


def mobile_apps(body: list[str]) -> list[str]:
    """The apps named in “掌上12345APP、电子社保卡APP等跨省通办渠道。”."""
    text = "".join(body).rstrip("。")
    text = re.sub(r"等[^、]*渠道$", "", text)
    return [app.strip() for app in text.split("、") if app.strip()]


def parse_time_limits(lines: list[str]) -> list[dict[str, Any]]:
    """One limit for all channels, or one per channel (items 61 and 64)."""
    first, rest = lines[0], [line for line in lines[1:] if line.strip()]
    if first.strip():
        return [{"channel": None, **limit_value(first.strip())}]
    limits = []
    for line in rest:
        header = CHANNEL_HEADER.match(line)
        if not header:
            raise DataError(f"办理时限行无法识别：{line}")
        limits.append({"channel": CHANNEL_KINDS[header.group(2)], **limit_value(header.group(3))})
    return limits


def limit_value(text: str) -> dict[str, Any]:
    days = DAYS.search(text)
    if days:
        value = int(days.group(1))
        if not 1 <= value <= MAX_WORKING_DAYS:
            raise DataError(f"办理时限“{text}”不合理：应为 1—{MAX_WORKING_DAYS} 个工作日")
        return {"working_days": value, "instant": False, "text": text}
    if "即时办结" in text:
        return {"working_days": None, "instant": True, "text": text}
    raise DataError(f"办理时限无法识别：{text}")


def find_phones(text: str, place_ids_by_name: dict[str, str]) -> list[dict[str, Any]]:
    """Phone numbers in a tip, labelled by the words just before each, and the place they name."""
    phones: list[dict[str, Any]] = []
    seen: set[str] = set()
    for match in PHONE.finditer(text):
        number = match.group(1)
        if number in seen:
            continue
        seen.add(number)
        if number == HOTLINE:
            phones.append({"number": number, "label": "12345热线"})
            continue
        run = PHONE_LABEL.search(text[: match.start()])
        label = re.sub(r"^.*(?:咨询电话|电话咨询)", "", run.group(1)) if run else ""
        entry: dict[str, Any] = {"number": number, "label": label or "咨询电话"}
        place = _place_for_label(label, place_ids_by_name) if label else None
        if place:
            entry["place"] = place
        phones.append(entry)
    return phones


def _place_for_label(label: str, place_ids_by_name: dict[str, str]) -> str | None:
    """“中山区办事处” names the hall “大连市社会保险事业服务中心中山区办事处”."""
    for name, place_id in place_ids_by_name.items():
        if label.endswith(name) or name.endswith(label):
            return place_id
    return None
