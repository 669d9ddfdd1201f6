"""Which life events (一件事一次办, events/*.yaml) a question is about, from vocabulary.yaml's
`events` and `journey` sections.

People ask “我爸去世了要办什么”, “公司要关门了”: the answer is not one item but a journey of
several. An event is pointed to when the question, as read with the vocabulary (去世 → 死亡),
names it (`words`), or names it loosely (`broad`: 退休, 工伤) and asks for the whole journey
(a `journey` phrase: 都要办什么, 哪些手续); never when an `unless` word is there (a retiree who
died is a death, not a retirement).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shebao.datafiles import check_keys
from shebao.errors import DataError
from shebao.search.text import normalize

EVENT_KEYS = ({"event"}, {"words", "broad", "unless"})


@dataclass(frozen=True, slots=True)
class EventSignal:
    event: str  # the key of an event in events/*.yaml
    words: tuple[str, ...] = ()  # any of them: the question is about the event
    broad: tuple[str, ...] = ()  # any of them, with a journey phrase
    unless: tuple[str, ...] = ()  # any of them: not this event


def events_for(
    signals: tuple[EventSignal, ...], journey: tuple[str, ...], text: str, said: str
) -> tuple[str, ...]:
    """The keys of the events a question is about, in the vocabulary's order.

    `text` is the question as typed (normalised, denied words taken out), `said` that text with
    the guide's terms the vocabulary read into it.

    >>> death = EventSignal("death", words=("死亡",))
    >>> retiring = EventSignal("retirement", broad=("退休",), unless=("死亡",))
    >>> signals = (death, retiring)
    >>> events_for(signals, ("要办什么",), "退休了要办什么", "退休了要办什么")
    ('retirement',)
    >>> events_for(signals, ("要办什么",), "退休金卡丢了", "退休金卡丢了")
    ()
    >>> events_for(signals, ("要办什么",), "退休的老人走了要办什么", "退休的老人走了要办什么 死亡")
    ('death',)
    """
    asks_journey = any(phrase in text for phrase in journey)
    found = []
    for signal in signals:
        if any(word in said for word in signal.unless):
            continue
        if any(word in said for word in signal.words) or (
            asks_journey and any(word in said for word in signal.broad)
        ):
            found.append(signal.event)
    return tuple(dict.fromkeys(found))


def _words(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise DataError(f"{where}：应为非空的词语列表")
    out = []
    for word in value:
        text = normalize(word) if isinstance(word, str) else ""
        if not text.strip():
            raise DataError(f"{where}：词语应为非空文字，收到 {word!r}")
        out.append(text)
    return tuple(out)


def parse_events(data: Any) -> tuple[EventSignal, ...]:
    """The `events` section: a list of {event, words, broad, unless}; every error names where."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise DataError("events：应为列表")
    out = []
    for n, raw in enumerate(data, 1):
        where = f"events 第 {n} 项"
        entry = check_keys(raw, *EVENT_KEYS, where=where)
        lists = {
            k: _words(entry[k], f"{where} {k}") for k in ("words", "broad", "unless") if k in entry
        }
        if not (lists.get("words") or lists.get("broad")):
            raise DataError(f"{where}：至少要有 words 或 broad")
        out.append(EventSignal(str(entry["event"]), **lists))
    return tuple(out)


def parse_journey(data: Any, where: str = "journey") -> tuple[str, ...]:
    """A list of phrases (`journey`, and `contact`, read the same way)."""
    return _words(data, where) if data is not None else ()
