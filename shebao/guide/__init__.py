"""The guide as a catalog: items, places and the two lists, loaded from versioned YAML data."""

from shebao.guide.loader import DATA_ROOT, load_catalog_from
from shebao.guide.model import (
    Catalog,
    Channel,
    ChannelKind,
    Item,
    Material,
    Place,
    Prohibition,
    TimeLimit,
    Toleration,
)

__all__ = [
    "DATA_ROOT",
    "Catalog",
    "Channel",
    "ChannelKind",
    "Item",
    "Material",
    "Place",
    "Prohibition",
    "TimeLimit",
    "Toleration",
    "load_catalog_from",
]
