"""The facts a rule may read: their names are the public contract of `shebao check` and the API.

Validation happens once, at the border: a wrong type, an unknown name or an ID number that does
not check out is an InputError naming the fact and what it accepts, so rules never see bad data.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shebao.errors import InputError, echo
from shebao.rules.identity import EARLIEST_BIRTH_YEAR, mask_resident_id, parse_resident_id
from shebao.rules.months import YearMonth
from shebao.text import choice_table, choose, clean, code, read_text
from shebao.workdays.dates import parse_date, parse_year_month

BOOL, INT, NUMBER, CHOICE, DATE, ID = "bool", "int", "number", "choice", "date", "id"


@dataclass(frozen=True, slots=True)
class FactSpec:
    """One fact: its kind, the values it accepts and how a person reads it."""

    name: str
    kind: str
    label: str
    choices: Mapping[Any, str] | None = None  # value -> Chinese label, for CHOICE facts
    maximum: int | None = None  # for INT / NUMBER facts; the minimum is always 0
    derived: bool = False  # computed from other facts; rules read it, people do not give it

    @property
    def ordered(self) -> bool:
        return self.kind in (INT, NUMBER)

    def accepts_literal(self, value: Any) -> bool:
        """Whether a rule may compare this fact with `value` (checked when rules load)."""
        if self.kind == BOOL:
            return isinstance(value, bool)
        if isinstance(value, bool):
            return False
        if self.kind == INT:
            return isinstance(value, int)
        if self.kind == NUMBER:
            return isinstance(value, int | float)
        if self.kind == CHOICE:
            return value in (self.choices or {})
        return False

    def accepted(self) -> str:
        """What the fact accepts, in the words an error message uses."""
        if self.kind == BOOL:
            return "true 或 false"
        if self.kind == INT:
            return f"0—{self.maximum} 的整数"
        if self.kind == NUMBER:
            return f"0—{self.maximum} 的数"
        if self.kind == CHOICE:  # every spelling but the key's case and width variants
            aliases = CHOICE_ALIASES.get(self.name, {})
            return "、".join(
                f"{k}（{'/'.join((v, *aliases.get(k, ())))}）"
                for k, v in (self.choices or {}).items()
            )
        if self.kind == DATE:
            return "YYYY-MM-DD 格式的日期，如 1965-05-20（也可写 1965/5/20、1965年5月20日）"
        return "18 位公民身份号码"


def _spec(name: str, kind: str, label: str, **kw: Any) -> tuple[str, FactSpec]:
    return name, FactSpec(name, kind, label, **kw)


SEX = {"male": "男", "female": "女"}
ORIGINAL_AGE = {50: "50周岁", 55: "55周岁"}
HUKOU = {
    "dalian": "大连市户籍",
    "other_city_liaoning": "辽宁省内其他城市户籍",
    "other_province": "外省户籍",
}
EMPLOYMENT = {
    "employee": "企业职工",
    "individual_business": "城镇个体工商户",
    "flexible": "灵活就业人员",
}
# `other`: reasons the guide names only through their materials (困难国有企业干部提前退休申请书,
# 企业军转干部身份职级认定表) and states no conditions for; entries 8 and 9 and the 55/45 ages do
# not apply to them, the item's own 15-year contribution condition does (rule 24.contribution).
EARLY_REASON = {
    "special_job": "特殊工种",
    "illness": "因病或非因工致残",
    "other": "其他（困难国有企业干部、企业军转干部等）",
}

DEATH = {
    "alive": "未死亡",
    "not_work_related": "因病或者非因工死亡",
    "work_related": "因工死亡",
}
DISABILITY_GRADE = {0: "未评定伤残等级"} | {
    n: f"{word}级" for n, word in enumerate("一二三四五六七八九十", start=1)
}
LABOUR_RELATION_END = {
    "worker_request": "本人提出解除或者终止劳动关系",
    "contract_expired": "劳动合同期满终止",
    "other": "以其他方式解除或终止，如用人单位解除",
    "ongoing": "劳动关系未解除或终止",
}
APPRAISAL_FOLLOWUP = {
    "none": "不再申请鉴定",
    "re_appraisal": "对鉴定结论不服，申请再次鉴定",
    "review": "鉴定结论作出1年后伤残情况发生变化，申请复查鉴定",
}
CARD_CONDITION = {
    "usable": "正常可用",
    "lost": "丢失",
    "unusable": "损坏、到期或卡面信息需要变更",
}
UNIT_TYPE = {"enterprise": "企业等缴费单位", "institution": "机关事业单位"}
MOVE_DIRECTION = {"leaving": "离开大连", "arriving": "来到或回到大连"}
SCHEME_TO = {
    "enterprise": "城镇企业职工基本养老保险",
    "institution": "机关事业单位基本养老保险",
    "urban_rural": "城乡居民基本养老保险",
}
SCHEME_FROM = SCHEME_TO | {"military": "军人退役基本养老保险（军队）"}

FACTS: dict[str, FactSpec] = dict(
    [
        _spec("id_number", ID, "公民身份号码（可代替出生日期和性别）"),
        _spec("birth_date", DATE, "出生日期"),
        _spec("sex", CHOICE, "性别", choices=SEX),
        _spec("female_original_age", CHOICE, "女职工原法定退休年龄", choices=ORIGINAL_AGE),
        _spec("contribution_months", INT, "累计缴费月数", maximum=1200),
        _spec("hukou", CHOICE, "户籍", choices=HUKOU),
        _spec("employment", CHOICE, "参保身份", choices=EMPLOYMENT),
        _spec("back_payment_retroactive", BOOL, "以事后追补缴方式增加缴费年限"),
        _spec("flexible_early", BOOL, "本人选择弹性提前退休"),
        _spec("early_reason", CHOICE, "提前退休原因", choices=EARLY_REASON),
        _spec("fully_disabled", BOOL, "经劳动能力鉴定完全丧失劳动能力"),
        _spec("special_job_unit_registered", BOOL, "特殊工种单位已在人社局备案"),
        _spec("special_job_unit_same_as_payer", BOOL, "从事特殊工种的单位与实际缴费单位一致"),
        _spec("injury_recognized", BOOL, "已进行工伤认定"),
        _spec("payee_is_worker", BOOL, "收款账户为工伤职工本人账户"),
        _spec("lump_sum_years", NUMBER, "一次性缴纳养老保险费的年数", maximum=100),
        _spec("transfer_materials_available", BOOL, "转出地社保经办机构能提供相关材料"),
        _spec("receiving_employee_pension", BOOL, "已享受城镇职工基本养老保险待遇"),
        _spec("valid_id_document", BOOL, "办理人能提供有效证件"),
        _spec("resume_conditions_met", BOOL, "符合恢复发放养老待遇的条件"),
        # Facts for the items' own 办理条件 (rules/item_conditions.yaml), issue 9.
        _spec("employee_pension_insured", BOOL, "参加城镇企业职工基本养老保险"),
        _spec("resident_pension_insured", BOOL, "参加城乡居民基本养老保险"),
        _spec("receiving_public_pension", BOOL, "已享受机关事业单位基本养老保险待遇"),
        _spec("pension_suspended", BOOL, "养老保险待遇已办理停发"),
        _spec("in_school", BOOL, "在校学生"),
        _spec("public_servant", BOOL, "国家机关或事业单位工作人员"),
        _spec("death", CHOICE, "参保人是否死亡及死亡原因", choices=DEATH),
        _spec("serving_sentence", BOOL, "正在服刑（缓刑除外；已死亡的，指死亡时）"),
        _spec("disability_grade", CHOICE, "工伤伤残等级", choices=DISABILITY_GRADE),
        _spec("labour_relation_end", CHOICE, "劳动关系的解除或终止", choices=LABOUR_RELATION_END),
        _spec("insured_in_dalian", BOOL, "在大连市参保"),
        _spec("card_applied_before", BOOL, "已申请过社会保障卡"),
        # Facts life events read (issue 15, shebao/events; they describe the event's subject,
        # e.g. the person who died).
        _spec("has_dependants", BOOL, "有由死者生前供养的直系亲属"),
        _spec("injury_dependant_pension", BOOL, "领取工亡职工供养亲属抚恤金（工伤供养亲属）"),
        _spec("sick_leave_extension", BOOL, "停工留薪期需要延长"),
        _spec("rehabilitation", BOOL, "需要工伤康复"),
        _spec("assistive_device", BOOL, "需要配置或更换辅助器具"),
        _spec("appraisal_followup", CHOICE, "劳动能力鉴定之后", choices=APPRAISAL_FOLLOWUP),
        _spec("grade_raised", BOOL, "再次鉴定或复查鉴定后伤残提高且达到一至四级，或护理等级提高"),
        _spec("early_retirement", BOOL, "申请提前退休（退职），不含弹性提前退休"),
        _spec("card_condition", CHOICE, "社会保障卡的状况", choices=CARD_CONDITION),
        _spec("change_pension_account", BOOL, "需要变更养老金发放账户"),
        _spec("unit_type", CHOICE, "单位类型", choices=UNIT_TYPE),
        _spec("unit_has_employees", BOOL, "单位有参保职工"),
        _spec("unit_arrears", BOOL, "单位有欠缴的社会保险费"),
        _spec("construction_project", BOOL, "建筑施工项目按项目参加工伤保险"),
        _spec("move_direction", CHOICE, "迁移方向", choices=MOVE_DIRECTION),
        _spec("scheme_from", CHOICE, "原参加的养老保险", choices=SCHEME_FROM),
        _spec("scheme_to", CHOICE, "新参加的养老保险", choices=SCHEME_TO),
        _spec("hukou_moves", BOOL, "户籍随之迁移"),
        _spec("duplicate_contributions", BOOL, "存在重复缴费（两个及以上养老保险关系）"),
    ]
)

# Short names people say for choice values, beside the key and the Chinese label, which are always
# accepted. Every spelling is read through `shebao.text.fold`: any letter case, full-width or not,
# `-` or a space for `_`. The help and the README list them (FactSpec.accepted).
CHOICE_ALIASES: dict[str, dict[Any, tuple[str, ...]]] = {
    "hukou": {
        "dalian": ("大连", "大连市"),
        "other_city_liaoning": ("辽宁省内其他城市",),
        "other_province": ("外省",),
    },
    "employment": {"individual_business": ("个体工商户",), "flexible": ("灵活就业",)},
    "early_reason": {"illness": ("因病",), "other": ("其他",)},
}


def _choice_table(spec: FactSpec) -> dict[str, Any]:
    aliases = CHOICE_ALIASES.get(spec.name, {})
    return choice_table(
        (key, (str(key), label, *aliases.get(key, ())))
        for key, label in (spec.choices or {}).items()
    )


_CHOICE_TABLES = {spec.name: _choice_table(spec) for spec in FACTS.values() if spec.kind == CHOICE}


@dataclass(frozen=True, slots=True)
class Facts:
    """Validated facts: values keyed by fact name; birth date and sex filled in from the ID."""

    values: Mapping[str, Any]

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, with the ID number masked: results are stored and shown."""
        out = dict(self.values)
        if "birth_date" in out:
            out["birth_date"] = out["birth_date"].isoformat()
        if "id_number" in out:
            number = out["id_number"]
            out["id_number"] = mask_resident_id(number)
        return out


def unknown_fact_error(name: str, derived: Mapping[str, FactSpec]) -> InputError:
    if name in derived:
        return InputError(f"“{name}”由其他事实推算得出（{derived[name].label}），不能直接提供")
    close = difflib.get_close_matches(name, FACTS, n=3, cutoff=0.6)
    hint = f"，是否想写：{'、'.join(f'{c}（{FACTS[c].label}）' for c in close)}" if close else ""
    return InputError(
        f"没有名为“{echo(name)}”的事实{hint}；全部 {len(FACTS)} 个事实的名称和取值见 "
        "`shebao check --help`"
    )


def parse_facts(
    raw: Any, *, today: dt.date, derived: Mapping[str, FactSpec] | None = None
) -> Facts:
    """Check every fact given; `null` means "not known", as if the fact were left out.

    >>> parse_facts({"sex": "女", "contribution_months": 200}, today=dt.date(2025, 1, 1)).values
    {'sex': 'female', 'contribution_months': 200}
    """
    if type(raw) is not dict and not isinstance(raw, Mapping):
        raise InputError('事实应为 JSON 对象，如 {"sex": "male", "contribution_months": 180}')
    values: dict[str, Any] = {}
    seen: set[str] = set()
    for given, value in raw.items():
        name = given if given in FACTS else code(given) if isinstance(given, str) else str(given)
        spec = FACTS.get(name)  # "sex\u200b" is sex
        if spec is None:
            raise unknown_fact_error(echo(name), derived or {})
        if name in seen:
            raise InputError(f"事实“{name}”写了两次，请只保留一个")
        seen.add(name)
        if value is not None:
            values[name] = _CHECKS[spec.kind](spec, value, today)
    if "id_number" in values:
        _fill_from_id(values, today)
    return Facts(values)


def parse_fact(name: str, value: Any, today: dt.date | None = None) -> Any:
    """One fact checked by its specification, as `parse_facts` checks it inside a set.

    `today` is needed only for the ID number and the birth date.

    >>> parse_fact("female_original_age", "55")
    55
    """
    spec = FACTS[name]
    if today is None and spec.kind in (DATE, ID):
        raise TypeError(f"checking {name} needs today's date")
    return _CHECKS[spec.kind](spec, value, today or dt.date.min)


# Yes and no as typed in a text field (JSON takes only true and false).
TEXT_TRUE = ("是", "true", "yes", "y", "1", "对", "有")
TEXT_FALSE = ("否", "false", "no", "n", "0", "不是", "不对", "没有", "无")
_BOOLEANS = choice_table([(True, TEXT_TRUE), (False, TEXT_FALSE)])
_DIGITS = re.compile(r"[0-9]{1,12}(\.[0-9]{1,6})?")


def fact_from_text(name: str, text: str, today: dt.date | None = None) -> Any:
    """A fact typed as text (a command-line option, a form field), read by its specification.

    Numbers and yes/no are read here (full-width digits too); the other kinds' parsers read text.

    >>> fact_from_text("contribution_months", " １８０ "), fact_from_text("flexible_early", "是")
    (180, True)
    """
    spec = FACTS[name]
    value: Any = text
    if spec.kind == BOOL:
        found = choose(_BOOLEANS, text)
        value = code(text) if found is None else found
    elif spec.kind in (INT, NUMBER):
        value = code(text)
        if _DIGITS.fullmatch(value):
            value = float(value) if "." in value else int(value)
    return parse_fact(name, value, today)


def parse_birth_month(text: str, today: dt.date, what: str = "出生年月 ") -> YearMonth:
    """A birth month (see MONTH_FORMS) within the years `birth_date` accepts, not after this month.

    >>> parse_birth_month("1965年5月", dt.date(2025, 1, 1))
    YearMonth(year=1965, month=5)
    """
    born = YearMonth(*parse_year_month(text, what))
    if born > YearMonth.of(today):
        raise InputError(f"{what}{born} 晚于本月（{YearMonth.of(today)}），请核对")
    if born.year < EARLIEST_BIRTH_YEAR:
        raise InputError(
            f"{what}{born} 早于 {EARLIEST_BIRTH_YEAR}-01，请核对（只接受 "
            f"{EARLIEST_BIRTH_YEAR}-01 至本月）"
        )
    return born


def _wrong(spec: FactSpec, value: Any) -> InputError:
    try:
        shown = echo(json.dumps(value, ensure_ascii=False, default=str), 60)
    except (RecursionError, ValueError):  # nested as deep as the reader allows
        shown = f"{type(value).__name__} 类型的值"
    return InputError(f"事实 {spec.name}（{spec.label}）应为 {spec.accepted()}，收到 {shown}")


def _bool(spec: FactSpec, value: Any, today: dt.date) -> Any:
    """JSON's true or false only; "是" or "true" in quotes is a text field's spelling."""
    if value is True or value is False:
        return value
    if isinstance(value, str) and choose(_BOOLEANS, value) is not None:
        wanted = "true" if choose(_BOOLEANS, value) else "false"
        raise InputError(
            f"事实 {spec.name}（{spec.label}）在 JSON 中应写 true 或 false（不加引号），"
            f"收到“{echo(value)}”：请写 {wanted}"
        )
    raise _wrong(spec, value)


def _number(spec: FactSpec, value: Any, today: dt.date) -> Any:
    kinds = int if spec.kind == INT else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        raise _wrong(spec, value)
    if not 0 <= value <= (spec.maximum or 0):  # NaN fails both comparisons
        raise _wrong(spec, value)
    return value


def _choice(spec: FactSpec, value: Any, today: dt.date) -> Any:
    """The key, its label or an alias (see CHOICE_ALIASES); "55" for 55 as typed in a form."""
    if isinstance(value, str):
        if value in (spec.choices or ()):  # the key as documented: the usual case, and cheap
            return value
        table = _CHOICE_TABLES.get(spec.name) or _choice_table(spec)
        found = choose(table, value)
        if found is None:
            raise _wrong(spec, clean(value).strip())
        return found
    # Exact types only: a list is not hashable, and 55.0 == 55 would slip past as a float.
    if type(value) is not int or value not in (spec.choices or {}):
        raise _wrong(spec, value)
    return value


def _id_number(spec: FactSpec, value: Any, today: dt.date) -> Any:
    if not isinstance(value, str):
        raise _wrong(spec, value)
    try:
        return parse_resident_id(value, today=today).number
    except InputError as exc:
        raise InputError(f"事实 id_number（公民身份号码）有误：{exc}") from None


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _birth_date(spec: FactSpec, value: Any, today: dt.date) -> dt.date:
    if not isinstance(value, str):
        raise _wrong(spec, value)
    try:  # the usual, well-formed case without the detour through messages
        born = dt.date.fromisoformat(value) if _ISO_DATE.fullmatch(value) else None
    except ValueError:
        born = None
    if born is None:  # the years are checked below, with this fact's own bounds
        born = parse_date(value, "事实 birth_date（出生日期）", years=(1, 9999))
    if born.year < EARLIEST_BIRTH_YEAR:
        raise InputError(
            f"事实 birth_date（出生日期）{born.isoformat()} 早于 {EARLIEST_BIRTH_YEAR} 年，请核对"
        )
    if born > today:
        raise InputError(
            f"事实 birth_date（出生日期）{born.isoformat()} 晚于今天（{today.isoformat()}），请核对"
        )
    return born


_CHECKS = {
    BOOL: _bool,
    INT: _number,
    NUMBER: _number,
    CHOICE: _choice,
    DATE: _birth_date,
    ID: _id_number,
}


def _fill_from_id(values: dict[str, Any], today: dt.date) -> None:
    """Birth date and sex come from the ID number; given as well, they must agree with it."""
    number = values.get("id_number")
    if number is None:
        return
    person = parse_resident_id(number, today=today)
    for name, from_id, shown in (
        ("birth_date", person.birth_date, person.birth_date.isoformat()),
        ("sex", person.sex.value, person.sex.label),
    ):
        given = values.get(name)
        if given is not None and given != from_id:
            raise InputError(
                f"事实 {name}（{FACTS[name].label}）与身份证号码不一致：号码显示为 {shown}"
            )
        values[name] = from_id


MAX_FACTS_CHARS = 20_000  # a full set of facts is a few hundred characters


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InputError(f"事实“{echo(key)}”写了两次，请只保留一个")
        out[key] = value
    return out


# Python's JSON messages, in the words of the person who typed the JSON.
_JSON_PROBLEMS = (
    ("Expecting property name enclosed in double quotes", '事实名称应放在英文双引号 " " 中'),
    ("Expecting value", '这里应有一个值（如 true、180、"male"）'),
    ("Expecting ':' delimiter", "事实名称后应有英文冒号 :"),
    ("Expecting ',' delimiter", "两个事实之间应有英文逗号 ,"),
    ("Unterminated string", "引号没有闭合"),
    ("Invalid control character", "引号中有换行等控制字符"),
    ("Invalid \\uXXXX escape", "\\u 转义写错了"),
    ("Invalid \\escape", "反斜杠 \\ 转义写错了"),
    ("Extra data", "JSON 对象结束后还有多余的内容"),
    ("Illegal trailing comma", "最后一个事实后面多了逗号"),
)
# What a Chinese input method types in place of JSON's ASCII marks.
_CHINESE_MARKS = frozenset("“”‘’：，｛｝［］")


def _json_problem(exc: json.JSONDecodeError, text: str) -> str:
    reason = next((zh for en, zh in _JSON_PROBLEMS if exc.msg.startswith(en)), "格式错误")
    where = (
        f"第 {exc.lineno} 行第 {exc.colno} 个字符" if exc.lineno > 1 else f"第 {exc.colno} 个字符"
    )
    hint = ""
    if _CHINESE_MARKS & set(text):
        hint = "；JSON 的引号、冒号、逗号和括号须用英文半角符号，不能用中文的 “ ” ： ，"
    return f"{where}附近：{reason}{hint}"


def facts_from_json(text: str, what: str = "--facts") -> Any:
    """Facts as JSON text, read strictly: a key twice, deep nesting or huge numbers are refused.

    Invisible characters (a BOM, zero-width spaces) go first; odd spaces count as spaces.

    >>> facts_from_json('\\ufeff{"sex":\\u00a0"male"}')
    {'sex': 'male'}
    """
    if len(text) > MAX_FACTS_CHARS:
        raise InputError(f"{what} 过长（{len(text)} 个字符，最多 {MAX_FACTS_CHARS}）")
    text = clean(text)
    if not text.strip():
        raise InputError(
            f'{what} 是空的：事实应为 JSON 对象，如 {{"sex": "male"}}；都不知道时写 {{}}'
        )
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except InputError:
        raise
    except json.JSONDecodeError as exc:
        raise InputError(f"{what} 不是有效的 JSON（{_json_problem(exc, text)}）") from None
    except RecursionError:
        raise InputError(f"{what} 嵌套层数过多，事实应为一层 JSON 对象") from None
    except ValueError:  # an integer longer than Python converts (sys.get_int_max_str_digits)
        raise InputError(f"{what} 中有位数过多的数，请核对") from None


def facts_from_file(path: Path | str) -> Any:
    """Facts as a JSON file people save: UTF-8 with or without a BOM, or UTF-16 with one."""
    what = f"事实文件 {echo(path, 200)}"
    return facts_from_json(read_text(Path(path), "事实文件", 4 * MAX_FACTS_CHARS), what)
