"""Load a city's data files into a `Catalog`, refusing anything unknown, missing or dangling.

A data file edited by hand must fail loudly here (naming the file and the field), never load
half-right: every decision the system makes is recorded with the catalog version it used.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

from shebao import cachefiles, datafiles
from shebao.datafiles import check_keys, content_version, data_list, read_yaml
from shebao.errors import DataError
from shebao.guide.model import (
    MAX_WORKING_DAYS,
    Catalog,
    Channel,
    ChannelKind,
    Item,
    Material,
    Phone,
    Place,
    Prohibition,
    Route,
    TimeLimit,
    ToleratedMaterial,
    Toleration,
)

DATA_ROOT = Path(__file__).resolve().parent.parent / "data"
DEFAULT_CITY = os.environ.get("SHEBAO_CITY", "dalian")
# the code that turns data files into a catalog: a cached catalog made by other code is not used
_CODE = (*sorted(Path(__file__).parent.glob("*.py")), Path(datafiles.__file__))

ITEM_KEYS = {
    "required": {
        "no",
        "name",
        "category",
        "description",
        "materials",
        "channels",
        "time_limits",
        "tips",
    },
    "optional": {"phones", "sample_sources"},
}
MATERIAL_KEYS = ({"name"}, {"note", "text", "role"})
ROUTE_KEYS = ({"label"}, {"url", "text", "way"})
CHANNEL_KEYS = ({"kind", "text"}, {"places", "routes", "apps", "condition", "counter"})
LIMIT_KEYS = ({"channel", "working_days", "instant", "text"}, set())
PHONE_KEYS = ({"number"}, {"label", "place"})
PLACE_KEYS = ({"id", "kind", "name"}, {"address", "phone", "hall_no"})
PROHIBITION_KEYS = ({"no", "title", "situation", "items"}, {"reading"})
TOLERATION_KEYS = ({"no", "title", "item", "materials", "source"}, set())
TOLERATED_MATERIAL_KEYS = ({"name", "item_material"}, set())
GUIDE_KEYS = ({"city", "title", "source", "source_sha256"}, set())


def _route(data: Any, where: str) -> Route:
    d = check_keys(data, *ROUTE_KEYS, where=where)
    return Route(label=d["label"], url=d.get("url"), text=d.get("text"))


def _channel(data: Any, places: dict[str, Place], where: str) -> Channel:
    d = check_keys(data, *CHANNEL_KEYS, where=where)
    try:
        kind = ChannelKind(d["kind"])
    except ValueError:
        raise DataError(f"{where}：未知渠道 {d['kind']}") from None
    for place_id in d.get("places", []):
        if place_id not in places:
            raise DataError(f"{where}：引用了不存在的地点 {place_id}")
    routes = tuple(_route(r, f"{where}.routes") for r in data_list(d.get("routes", []), where))
    return Channel(
        kind=kind,
        text=d["text"],
        places=tuple(d.get("places", [])),
        routes=routes,
        apps=tuple(d.get("apps", [])),
        condition=d.get("condition"),
        counter=d.get("counter"),
    )


def _time_limit(data: Any, where: str) -> TimeLimit:
    d = check_keys(data, *LIMIT_KEYS, where=where)
    days, instant = d["working_days"], d["instant"]
    bad_days = days is not None and (not isinstance(days, int) or not 1 <= days <= MAX_WORKING_DAYS)
    if instant is not (days is None) or bad_days:
        raise DataError(f"{where}：办理时限应为 1—{MAX_WORKING_DAYS} 个工作日或即时办结")
    return TimeLimit(
        channel=ChannelKind(d["channel"]) if d["channel"] else None,
        working_days=days,
        instant=bool(instant),
        text=d["text"],
    )


def _item(data: Any, places: dict[str, Place], where: str) -> Item:
    required, optional = ITEM_KEYS["required"], ITEM_KEYS["optional"]
    d = check_keys(data, required, optional, where=where)
    if not isinstance(d["no"], int) or not d["name"]:
        raise DataError(f"{where}：编号应为整数、名称不能为空")
    limits = tuple(
        _time_limit(t, f"{where}.time_limits") for t in data_list(d["time_limits"], where)
    )
    if not limits:
        raise DataError(f"{where}：缺少办理时限")
    return Item(
        no=d["no"],
        name=d["name"],
        category=d["category"],
        description=d["description"],
        materials=tuple(
            Material(**check_keys(m, *MATERIAL_KEYS, where=f"{where}.materials"))
            for m in data_list(d["materials"], where)
        ),
        channels=tuple(
            _channel(c, places, f"{where}.channels") for c in data_list(d["channels"], where)
        ),
        time_limits=limits,
        tips=d["tips"],
        phones=tuple(
            Phone(**check_keys(p, *PHONE_KEYS, where=f"{where}.phones"))
            for p in data_list(d.get("phones", []), where)
        ),
        sample_sources=tuple(
            _route(r, f"{where}.sample_sources")
            for r in data_list(d.get("sample_sources", []), where)
        ),
    )


def _prohibition(data: Any, items: dict[int, Item], where: str) -> Prohibition:
    d = check_keys(data, *PROHIBITION_KEYS, where=where)
    for no in d["items"]:
        if no not in items:
            raise DataError(f"{where}：引用了不存在的事项 {no}")
    return Prohibition(
        no=d["no"], title=d["title"], situation=d["situation"], items=tuple(d["items"]),
        reading=d.get("reading"),
    )  # fmt: skip


def _toleration(data: Any, items: dict[int, Item], where: str) -> Toleration:
    d = check_keys(data, *TOLERATION_KEYS, where=where)
    if d["item"] not in items:
        raise DataError(f"{where}：引用了不存在的事项 {d['item']}")
    own = {m.name for m in items[d["item"]].materials}
    materials = []
    for m in data_list(d["materials"], where):
        m = check_keys(m, *TOLERATED_MATERIAL_KEYS, where=f"{where}.materials")
        if m["item_material"] is not None and m["item_material"] not in own:
            raise DataError(f"{where}：事项 {d['item']} 没有要件“{m['item_material']}”")
        materials.append(ToleratedMaterial(name=m["name"], item_material=m["item_material"]))
    return Toleration(
        no=d["no"], title=d["title"], item=d["item"], materials=tuple(materials), source=d["source"]
    )


def data_files(city_dir: Path) -> list[Path]:
    """Every file whose content the catalog version covers, in a stable order."""
    return sorted(p for p in city_dir.rglob("*.yaml") if p.is_file())


def load_catalog_from(city_dir: Path) -> Catalog:
    if not city_dir.is_dir():
        raise DataError(f"找不到城市数据目录 {city_dir}")
    meta = check_keys(read_yaml(city_dir / "guide.yaml"), *GUIDE_KEYS, where="guide.yaml")
    places = {}
    for raw in data_list(read_yaml(city_dir / "places.yaml"), "places.yaml"):
        place = Place(**check_keys(raw, *PLACE_KEYS, where="places.yaml"))
        places[place.id] = place
    items: dict[int, Item] = {}
    for path in sorted((city_dir / "items").glob("*.yaml")):
        item = _item(read_yaml(path), places, f"items/{path.name}")
        if item.no in items:
            raise DataError(f"items/{path.name}：事项编号 {item.no} 重复")
        items[item.no] = item
    if not items:
        raise DataError(f"{city_dir / 'items'} 中没有事项")
    prohibitions = tuple(
        _prohibition(p, items, f"prohibitions.yaml 第{n + 1}项")
        for n, p in enumerate(
            data_list(read_yaml(city_dir / "prohibitions.yaml"), "prohibitions.yaml")
        )
    )
    tolerations = tuple(
        _toleration(t, items, f"tolerated.yaml 第{n + 1}项")
        for n, t in enumerate(data_list(read_yaml(city_dir / "tolerated.yaml"), "tolerated.yaml"))
    )
    by_item: dict[int, tuple[Prohibition, ...]] = {}
    for entry in prohibitions:
        for no in entry.items:
            by_item[no] = (*by_item.get(no, ()), entry)
    return Catalog(
        city=meta["city"],
        version=content_version(data_files(city_dir), city_dir),
        title=meta["title"],
        items=dict(sorted(items.items())),
        places=places,
        prohibitions=prohibitions,
        tolerations=tolerations,
        source_sha256=meta["source_sha256"],
        directory=city_dir,
        _by_item_prohibitions=by_item,
    )


def load_catalog_cached(city_dir: Path) -> Catalog:
    """The catalog in `city_dir`; a new process finds it read in the user's cache directory,
    under the data's content hash (and a digest of the code reading it): ten times faster than
    reading the YAML again. A missing or damaged cache entry only means reading the files."""
    if not city_dir.is_dir():
        return load_catalog_from(city_dir)  # says what is wrong
    version = content_version(data_files(city_dir), city_dir)
    key = cachefiles.key(version, str(city_dir.resolve()), cachefiles.code_digest(_CODE))
    return cachefiles.load_or_make(
        cachefiles.cache_dir() / f"catalog-{key}.pickle",
        make=lambda: load_catalog_from(city_dir),
        dump=lambda catalog: _dump(catalog, version),
        load=pickle.loads,
    )


def _dump(catalog: Catalog, version: str) -> bytes | None:
    if catalog.version != version:
        return None  # a file changed while it was read: not what the key names
    return pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL)
