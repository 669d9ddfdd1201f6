"""Resolve the guide's window descriptions to places: a hall, the district halls, or a named point.

The hall table gives seven halls; every other place (departments on the third floor of the
center, the arbitration window, the card banks' outlets) is only named inside item texts.
"""

from __future__ import annotations

import re
from typing import Any

ADDRESS = re.compile(
    r"(?:辽宁省)?(?:大连市)?(?:[\u4e00-\u9fff]{2,3}区\s*)*[\u4e00-\u9fff]{1,6}?路[\d\-]+号"
    r"(?:\d+号楼)?(?:[\d一二三四五六七八九十]+楼)?"
)
ORG_PREFIXES = ("大连市社会保险事业服务中心", "大连市")
COUNTER = re.compile(r"(\d+号-\d+号)$")
DISTRICT_HALLS = "各区办事处"


def halls_from_rows(rows: list[list[str]]) -> list[dict[str, Any]]:
    return [
        {
            "id": f"hall-{int(no)}",
            "kind": "hall",
            "hall_no": int(no),
            "name": name,
            "address": address,
            "phone": phone.strip(),
        }
        for no, name, address, phone in rows
    ]


def _short(name: str) -> str:
    """A hall's name without the center's own name: “中山区办事处”."""
    return name.removeprefix(ORG_PREFIXES[0]) or name


def _point_kind(name: str) -> str:
    if name.endswith("网点"):
        return "outlet"
    if name.endswith("窗口"):
        return "window"
    return "department"


def _normal_address(address: str) -> str:
    """“辽宁省大连市西岗区 西岗区高尔基路…” → “辽宁省大连市西岗区高尔基路…”."""
    compact = re.sub(r"\s+", "", address)
    return re.sub(r"([\u4e00-\u9fff]{2,3}区)\1", r"\1", compact)


class PlaceBook:
    """Places met so far, in order of first appearance, so ids are stable for the same guide."""

    def __init__(self, halls: list[dict[str, Any]]):
        self.places: list[dict[str, Any]] = list(halls)
        self._points: dict[str, dict[str, Any]] = {}

    def district_halls(self) -> list[str]:
        return [p["id"] for p in self.places if p["kind"] == "hall" and "办事处" in p["name"]]

    def resolve(self, text: str) -> tuple[list[str], str | None]:
        """Place ids for a window text, and the counter numbers (“01号-08号”) if given."""
        body = text.strip().rstrip("。")
        if body.endswith(DISTRICT_HALLS + "窗口") or body.endswith(DISTRICT_HALLS):
            return self.district_halls(), None
        found = ADDRESS.search(body)
        address = _normal_address(found.group(0)) if found else None
        name = ADDRESS.sub("", body) if found else body
        name = re.sub(r"[\s：:。]", "", name)
        counter = COUNTER.search(name)
        name = COUNTER.sub("", name)
        for place in self.places:
            if place["kind"] == "hall" and name in (place["name"], _short(place["name"])):
                return [place["id"]], None
        for prefix in ORG_PREFIXES:
            name = name.removeprefix(prefix)
        return [self._point(name, address)["id"]], counter.group(1) if counter else None

    def _point(self, name: str, address: str | None) -> dict[str, Any]:
        if name not in self._points:
            point = {
                "id": f"point-{len(self._points) + 1}",
                "kind": _point_kind(name),
                "name": name,
            }
            if address:
                point["address"] = address
            self._points[name] = point
            self.places.append(point)
        elif address and "address" not in self._points[name]:
            self._points[name]["address"] = address
        return self._points[name]

    def ids_by_name(self) -> dict[str, str]:
        """Names a tip may use for a place: a hall's short name (“中山区办事处”) or a point's."""
        names = {}
        for place in self.places:
            names[_short(place["name"])] = place["id"]
        return names

    def set_phone(self, place_id: str, number: str) -> None:
        for place in self.places:
            if place["id"] == place_id and not place.get("phone"):
                place["phone"] = number
