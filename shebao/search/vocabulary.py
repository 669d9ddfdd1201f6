"""Load the search vocabulary (everyday words → the guide's terms), refusing anything unknown.

The file is edited by the center's staff, so a typo in a key or a duplicated word must fail
loudly at load time, naming the place, rather than silently weaken the search.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shebao import cachefiles, datafiles
from shebao.datafiles import check_keys, parse_yaml
from shebao.errors import DataError
from shebao.guide.loader import DATA_ROOT, DEFAULT_CITY
from shebao.search.english import English, parse_english
from shebao.search.journeys import EventSignal, parse_events, parse_journey
from shebao.search.outside import OutsideTopic, parse_outside

_HERE = Path(__file__).parent
_CODE = (  # what reading the files depends on
    Path(__file__),
    _HERE / "english.py",
    _HERE / "outside.py",
    _HERE / "journeys.py",
    Path(datafiles.__file__),
)
# read beside vocabulary.yaml when present: the English vocabulary, the topics outside the guide
ENGLISH_FILE = "vocabulary_en.yaml"
OUTSIDE_FILE = "outside_guide.yaml"
DEFAULT_WEIGHT = 0.8
TOP_KEYS = {"stopwords", "contexts", "default_part", "synonyms", "events", "journey", "contact"}
CONTEXT_KEYS = (
    {"label", "triggers", "factor"},
    {"part", "categories", "names", "focus", "against", "also"},
)
THEME_KEYS = ({"theme", "entries"}, set())
ENTRY_KEYS = ({"words", "means"}, {"weight"})


@dataclass(frozen=True, slots=True)
class Synonym:
    """Everyday `word` standing for the guide's `means` terms, trusted to `weight` (0–1)."""

    word: str
    means: tuple[str, ...]
    weight: float
    theme: str


@dataclass(frozen=True, slots=True)
class Context:
    """A branch of insurance (机关事业, 工伤 …) that a question must name for its items to lead."""

    label: str
    triggers: tuple[str, ...]
    factor: float  # score multiplier for the context's items when the question does not name it
    part: str | None = None  # the “（…部分）” suffix of item names that belong to this context
    categories: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # items whose name contains one of these belong too
    # score multiplier for the items outside it when the question names it (None: no effect)
    focus: float | None = None
    # score multiplier for its own items when the question names it: a person who died does
    # not apply for retirement (None: no effect)
    against: float | None = None
    # words of which one must also be in the question itself (not only in what the vocabulary
    # read into it): the context is the two together, as 企业 and 事业单位 for a move between them
    also: tuple[str, ...] = ()

    def covers(self, name: str, category: str, part: str | None) -> bool:
        return (
            category in self.categories
            or (self.part is not None and part == self.part)
            or any(piece in name for piece in self.names)
        )


@dataclass(frozen=True, slots=True)
class Vocabulary:
    synonyms: dict[str, Synonym]  # by everyday word
    contexts: tuple[Context, ...]
    stopwords: frozenset[str]
    default_part: str | None
    english: English = field(default_factory=English)
    outside: tuple[OutsideTopic, ...] = ()
    events: tuple[EventSignal, ...] = ()  # the life events a question may be about
    journey: tuple[str, ...] = ()  # phrases asking for a whole journey (都要办什么)
    contact: tuple[str, ...] = ()  # words asking where the halls are or their phones
    # digest() once computed: kept with the vocabulary, and not copied by dataclasses.replace()
    _digest: list[str] = field(default_factory=list, init=False, repr=False, compare=False)

    def digest(self) -> str:
        """A digest of the content, for cache keys (the search index built from it)."""
        if not self._digest:
            content = (
                list(self.synonyms.values()),
                self.contexts,
                sorted(self.stopwords),
                self.default_part,
                sorted(self.english.phrases.items()),
                sorted(self.english.stopwords),
                self.outside,
                self.events,
                self.journey,
                self.contact,
            )
            self._digest.append(hashlib.sha256(repr(content).encode()).hexdigest())
        return self._digest[0]

    def terms(self) -> set[str]:
        """Every word the vocabulary knows, everyday and official: the tokenizer's extra words."""
        out = set(self.synonyms)
        for syn in self.synonyms.values():
            out.update(syn.means)
        for ctx in self.contexts:
            out.update(ctx.triggers)
        return out


def _words(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise DataError(f"{where}：应为非空的词语列表")
    out = []
    for word in value:
        if not isinstance(word, str) or not word.strip():
            raise DataError(f"{where}：词语应为非空文字，收到 {word!r}")
        out.append(word.strip().lower())
    return tuple(out)


def _factor(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise DataError(f"{where}：应为 0 到 1 之间的数，收到 {value!r}")
    return float(value)


def _contexts(data: Any) -> tuple[Context, ...]:
    if not isinstance(data, list):
        raise DataError("contexts：应为列表")
    out = []
    for n, raw in enumerate(data, 1):
        where = f"contexts 第 {n} 项"
        ctx = check_keys(raw, *CONTEXT_KEYS, where=where)
        categories = _words(ctx["categories"], f"{where} categories") if "categories" in ctx else ()
        names = _words(ctx["names"], f"{where} names") if "names" in ctx else ()
        if not (categories or names or ctx.get("part")):
            raise DataError(f"{where}：至少要有 part、categories 或 names 之一")
        out.append(
            Context(
                label=str(ctx["label"]),
                triggers=_words(ctx["triggers"], f"{where} triggers"),
                factor=_factor(ctx["factor"], f"{where} factor"),
                part=str(ctx["part"]) if ctx.get("part") else None,
                categories=categories,
                names=names,
                focus=_factor(ctx["focus"], f"{where} focus") if "focus" in ctx else None,
                against=_factor(ctx["against"], f"{where} against") if "against" in ctx else None,
                also=_words(ctx["also"], f"{where} also") if "also" in ctx else (),
            )
        )
    return tuple(out)


def _synonyms(data: Any) -> dict[str, Synonym]:
    if not isinstance(data, list):
        raise DataError("synonyms：应为主题列表")
    out: dict[str, Synonym] = {}
    for raw_theme in data:
        theme = check_keys(raw_theme, *THEME_KEYS, where="synonyms 的主题")
        name = str(theme["theme"])
        if not isinstance(theme["entries"], list):
            raise DataError(f"主题“{name}”：entries 应为列表")
        for n, raw in enumerate(theme["entries"], 1):
            where = f"主题“{name}”第 {n} 条"
            entry = check_keys(raw, *ENTRY_KEYS, where=where)
            means = _words(entry["means"], f"{where} means")
            weight = _factor(entry.get("weight", DEFAULT_WEIGHT), f"{where} weight")
            for word in _words(entry["words"], f"{where} words"):
                if word in out:
                    raise DataError(f"{where}：“{word}”重复（已见于主题“{out[word].theme}”）")
                out[word] = Synonym(word, means, weight, name)
    return out


def parse_vocabulary(data: Any, english: Any = None, outside: Any = None) -> Vocabulary:
    """Build a `Vocabulary` from the YAML's structure (and those of the English vocabulary and
    the topics outside the guide, when given); every error names where it is."""
    check_keys(data, (), TOP_KEYS, where="vocabulary.yaml")
    stopwords = _words(data.get("stopwords") or ["的"], "stopwords")
    default_part = data.get("default_part")
    return Vocabulary(
        synonyms=_synonyms(data.get("synonyms") or []),
        contexts=_contexts(data.get("contexts") or []),
        stopwords=frozenset(stopwords),
        default_part=str(default_part) if default_part else None,
        english=parse_english(english),
        outside=parse_outside(outside),
        events=parse_events(data.get("events")),
        journey=parse_journey(data.get("journey")),
        contact=parse_journey(data.get("contact"), "contact"),
    )


def load_vocabulary(path: Path | None = None, city: str = DEFAULT_CITY) -> Vocabulary:
    """The vocabulary in a file; a new process finds it read in the user's cache directory."""
    path = path or DATA_ROOT / city / "vocabulary.yaml"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path.name}：缺少数据文件 {path}") from None
    siblings = [path.with_name(name) for name in (ENGLISH_FILE, OUTSIDE_FILE)]
    extra = [p.read_bytes() if p.is_file() else None for p in siblings]
    digests = [hashlib.sha256(d).hexdigest() if d is not None else "-" for d in (data, *extra)]
    key = cachefiles.key(*digests, cachefiles.code_digest(_CODE))
    return cachefiles.load_or_make(
        cachefiles.cache_dir() / f"vocabulary-{key}.pickle",
        make=lambda: _parse_files([(data, path), *zip(extra, siblings, strict=True)]),
        dump=_dump,
        load=pickle.loads,
    )


def _parse_files(files: list[tuple[bytes | None, Path]]) -> Vocabulary:
    parsed = []
    for data, path in files:
        if data is None:
            parsed.append(None)
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise DataError(f"{path.name}：数据文件 {path} 不是 UTF-8 文本") from None
        try:
            parsed.append((parse_yaml(text, f"数据文件 {path}"), path))
        except DataError as exc:
            raise DataError(f"{path.name}：{exc}") from None
    try:
        vocabulary = parse_vocabulary(parsed[0][0])
    except DataError as exc:
        raise DataError(f"{files[0][1].name}：{exc}") from None
    for n, field_name, parse in ((1, "english", parse_english), (2, "outside", parse_outside)):
        if parsed[n] is not None:
            try:
                value = parse(parsed[n][0])
            except DataError as exc:
                raise DataError(f"{files[n][1].name}：{exc}") from None
            vocabulary = dataclasses.replace(vocabulary, **{field_name: value})
    return vocabulary


def _dump(vocabulary: Vocabulary) -> bytes:
    vocabulary.digest()  # stored with it: a new process need not compute it
    return pickle.dumps(vocabulary, protocol=pickle.HIGHEST_PROTOCOL)
