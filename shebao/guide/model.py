"""The catalog's vocabulary as frozen dataclasses, so every adapter reads the guide the same way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from shebao.errors import InputError, UnknownItemError, echo
from shebao.text import choice_table, choose, code

_ITEM_NO = re.compile(r"[0-9]{1,6}")  # ASCII digits only: int() would take "٢٤", "+24", "2_4"
MAX_WORKING_DAYS = 250  # a time limit beyond a working year is a misreading of the guide


class ChannelKind(StrEnum):
    """The four handling channels the guide names (窗口办 / 网上办 / 掌上办 / 自助办)."""

    WINDOW = "window"
    ONLINE = "online"
    MOBILE = "mobile"
    SELF_SERVICE = "self_service"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]

    @classmethod
    def parse(cls, value: str) -> ChannelKind:
        """Accept the English key in any letter case, or the guide's label with or without 办.

        >>> [ChannelKind.parse(text).value for text in ("网上办", "掌上", "Self-Service")]
        ['online', 'mobile', 'self_service']
        """
        found = choose(_CHANNELS_BY_TEXT, value) if isinstance(value, str) else None
        if found is not None:
            return found
        raise InputError(f"未知的办理渠道“{echo(value)}”，可选：{channel_spellings()}")


CHANNEL_LABELS = {
    ChannelKind.WINDOW: "窗口办",
    ChannelKind.ONLINE: "网上办",
    ChannelKind.MOBILE: "掌上办",
    ChannelKind.SELF_SERVICE: "自助办",
}


def _channel_words(kind: ChannelKind) -> tuple[str, ...]:
    label = CHANNEL_LABELS[kind]
    return kind.value, label, label.removesuffix("办")


_CHANNELS_BY_TEXT = choice_table((kind, _channel_words(kind)) for kind in ChannelKind)


def channel_spellings() -> str:
    """Every channel with the spellings `ChannelKind.parse` accepts, for help and messages.

    >>> channel_spellings().split("、")[0]
    'window（窗口办/窗口）'
    """
    return "、".join(f"{k.value}（{'/'.join(_channel_words(k)[1:])}）" for k in ChannelKind)


@dataclass(frozen=True, slots=True)
class Place:
    """A hall or any other place the guide sends people to (department, window, bank outlets)."""

    id: str
    kind: str  # hall | department | window | outlet
    name: str
    address: str | None = None
    phone: str | None = None
    hall_no: int | None = None  # number in the guide's hall table, for halls only


@dataclass(frozen=True, slots=True)
class Material:
    """One required material (要件). `text` is the guide's wording; `name` what people call it."""

    name: str
    note: str | None = None  # condition in brackets, e.g. “变更非本人…所需”
    text: str | None = None  # verbatim line when it says more than name + note
    role: str | None = None  # "commitment" for the 容缺受理承诺书, needed only when tolerated

    @property
    def verbatim(self) -> str:
        if self.text:
            return self.text
        return f"{self.name}（{self.note}）" if self.note else self.name


@dataclass(frozen=True, slots=True)
class Route:
    """One way into an online service or a sample form: a label and, where given, a URL."""

    label: str
    url: str | None = None
    text: str | None = None  # step-by-step instructions, when the guide gives them


@dataclass(frozen=True, slots=True)
class Channel:
    kind: ChannelKind
    text: str  # the guide's wording, verbatim
    places: tuple[str, ...] = ()  # Place ids (window channels)
    routes: tuple[Route, ...] = ()  # online channels
    apps: tuple[str, ...] = ()  # mobile channels
    condition: str | None = None  # who should use this window, when the guide splits by case
    counter: str | None = None  # window numbers inside the place, e.g. “01号-08号”


@dataclass(frozen=True, slots=True)
class TimeLimit:
    """办理时限: `working_days` is None when the item is settled on the spot (即时办结)."""

    channel: ChannelKind | None  # None: the same limit for every channel
    working_days: int | None
    instant: bool
    text: str


@dataclass(frozen=True, slots=True)
class Phone:
    number: str
    label: str | None = None
    place: str | None = None  # Place id when the label names a place


@dataclass(frozen=True, slots=True)
class Item:
    no: int
    name: str
    category: str
    description: str
    materials: tuple[Material, ...]
    channels: tuple[Channel, ...]
    time_limits: tuple[TimeLimit, ...]
    tips: str
    phones: tuple[Phone, ...] = ()
    sample_sources: tuple[Route, ...] = ()

    @property
    def channel_kinds(self) -> tuple[ChannelKind, ...]:
        seen: dict[ChannelKind, None] = {}
        for channel in self.channels:
            seen.setdefault(channel.kind, None)
        return tuple(seen)

    def time_limit(self, channel: ChannelKind | str | None = None) -> TimeLimit:
        """The limit that applies on a channel; without one, the window's (or the only) limit."""
        if channel is not None and not isinstance(channel, ChannelKind):
            channel = ChannelKind.parse(channel)
        if channel is not None and channel not in self.channel_kinds:
            offered = "、".join(f"{k.value}（{k.label}）" for k in self.channel_kinds)
            raise InputError(f"事项 {self.no}“{self.name}”没有{channel.label}渠道，可选：{offered}")
        wanted = channel or (self.channel_kinds[0] if self.channel_kinds else None)
        for limit in self.time_limits:
            if limit.channel == wanted:
                return limit
        for limit in self.time_limits:
            if limit.channel is None:
                return limit
        return self.time_limits[0]


@dataclass(frozen=True, slots=True)
class Prohibition:
    """An entry of the 违规禁办事项清单 and the catalog items it governs."""

    no: int
    title: str
    situation: str
    items: tuple[int, ...]
    reading: str | None = None  # why these items, where the title does not name one exactly


@dataclass(frozen=True, slots=True)
class ToleratedMaterial:
    name: str  # as the 容缺 list writes it
    item_material: str | None  # the matching Material.name of the item, None when it lists none


@dataclass(frozen=True, slots=True)
class Toleration:
    """An entry of the 容缺办理事项清单: materials that may be missing against a commitment."""

    no: int
    title: str
    item: int
    materials: tuple[ToleratedMaterial, ...]
    source: str  # 资料来源: where the person gets the missing material


@dataclass(frozen=True)
class Catalog:
    """The whole guide for one city, loaded and cross-checked; immutable once built."""

    city: str
    version: str  # content hash of every data file: decisions record it
    title: str
    items: dict[int, Item]
    places: dict[str, Place]
    prohibitions: tuple[Prohibition, ...]
    tolerations: tuple[Toleration, ...]
    source_sha256: str = ""
    directory: Path | None = None  # where it was loaded from; readings beside it live there too
    _by_item_prohibitions: dict[int, tuple[Prohibition, ...]] = field(default_factory=dict)

    def item(self, no: int | str) -> Item:
        """Look an item up by number (as typed: full-width digits and invisible marks are read
        through `shebao.text.code`); the error names the valid range."""
        if type(no) is int and (found := self.items.get(no)) is not None:
            return found  # as the services pass it
        text = str(no) if isinstance(no, int) and not isinstance(no, bool) else code(str(no))
        if not _ITEM_NO.fullmatch(text):
            raise UnknownItemError(
                f"事项编号应为数字，收到“{echo(no)}”；有效编号为 {self._range()}"
            )
        key = int(text)
        try:
            return self.items[key]
        except KeyError:
            raise UnknownItemError(
                f"没有编号为 {echo(key)} 的事项；有效编号为 {self._range()}"
            ) from None

    def _range(self) -> str:
        return f"{min(self.items)}–{max(self.items)}"

    def categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(item.category for item in self.items.values()))

    def prohibitions_for(self, no: int) -> tuple[Prohibition, ...]:
        return self._by_item_prohibitions.get(no, ())

    def toleration_for(self, no: int) -> Toleration | None:
        for entry in self.tolerations:
            if entry.item == no:
                return entry
        return None

    def halls(self) -> tuple[Place, ...]:
        return tuple(p for p in self.places.values() if p.kind == "hall")
