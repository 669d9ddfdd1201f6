"""Each fact as a question in plain words, one screen at a time, and the reading of its answer.

The questions are the facts of `shebao.rules.facts` (their names are the contract; the labels
there are the terse legal ones); an answer is read by `fact_from_text`, the one validator of
typed input, so a form accepts exactly what the CLI and the API accept. Questions say nothing
of "you" where the facts may describe someone else (the person who died, in a life event).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from shebao.errors import InputError
from shebao.present.events import value_words
from shebao.rules.facts import (
    BOOL,
    CHOICE,
    DATE,
    FACTS,
    ID,
    INT,
    fact_from_text,
    parse_birth_month,
)
from shebao.runtime import Runtime
from shebao.services.checks import facts as parse_facts

ID_NUMBER = "id_number"
BIRTH = "birth_date"
SEX = "sex"

FEMALE_GROUPS = (
    "50周岁：女工人，即长期在生产、工人岗位工作的女职工；55周岁：女干部，即长期在管理岗位或"
    "专业技术岗位工作的女职工（国发〔1978〕104号、劳社厅函〔2001〕125号）。不确定属于哪一组的，"
    "以社会保险经办机构按档案的认定为准。"
)

# fact → (question, hint). Facts not listed are asked with their label.
PLAIN: dict[str, tuple[str, str | None]] = {
    ID_NUMBER: (
        "公民身份号码（身份证号）是多少？",
        "18 位，最后一位可能是 X。只用来得出出生日期和性别，不会保存。",
    ),
    BIRTH: ("哪年哪月出生？", "例如 1965-05 或 1965年5月；也可以写到哪一天，如 1965-05-20。"),
    SEX: ("性别是？", None),
    "female_original_age": ("按原来的规定，是在 50 周岁还是 55 周岁退休？", FEMALE_GROUPS),
    "contribution_months": (
        "累计缴纳养老保险费多少个月？",
        "可在个人权益记录中查到；15 年 = 180 个月。填整数。",
    ),
    "hukou": ("户籍在哪里？", None),
    "employment": ("以什么身份参加养老保险？", None),
    "back_payment_retroactive": (
        "是否要通过事后追补缴的方式，补上以前没有缴费的年限？",
        "即过去应缴而没有缴的，现在一次补缴来增加缴费年限。",
    ),
    "flexible_early": (
        "是否选择弹性提前退休？",
        "即在法定退休年龄之前退休，最多提前 3 年，且不早于原法定退休年龄。",
    ),
    "early_reason": ("申请提前退休的原因是？", None),
    "fully_disabled": ("经劳动能力鉴定，是否已完全丧失劳动能力？", None),
    "special_job_unit_registered": ("从事特殊工种的单位是否已在人力资源和社会保障局备案？", None),
    "special_job_unit_same_as_payer": (
        "从事特殊工种的单位，和实际缴纳社会保险费的单位是同一家吗？",
        None,
    ),
    "injury_recognized": ("是否已经做了工伤认定（有工伤认定决定）？", None),
    "payee_is_worker": ("待遇打入的账户是工伤职工本人的账户吗？", None),
    "lump_sum_years": ("一次性缴纳养老保险费的有几年？", "没有一次性缴纳过的，填 0。"),
    "transfer_materials_available": ("转出地的社会保险经办机构能提供相关材料吗？", None),
    "receiving_employee_pension": ("是否已在领取城镇职工基本养老保险待遇（养老金）？", None),
    "valid_id_document": ("办理的人能提供有效的身份证件吗？", None),
    "resume_conditions_met": ("是否已经符合恢复发放养老待遇的条件？", None),
    "employee_pension_insured": ("是否参加了城镇企业职工基本养老保险？", None),
    "resident_pension_insured": ("是否参加了城乡居民基本养老保险？", None),
    "receiving_public_pension": ("是否已在领取机关事业单位基本养老保险待遇？", None),
    "pension_suspended": ("养老保险待遇是否已经办理了停发？", None),
    "in_school": ("是在校学生吗？", None),
    "public_servant": ("是国家机关或事业单位的工作人员吗？", None),
    "death": ("参保人是否已去世？如已去世，是什么原因？", None),
    "serving_sentence": ("参保人是否正在服刑？", "缓刑不算；已去世的，指去世的时候。"),
    "disability_grade": ("评定的工伤伤残等级是几级？", None),
    "labour_relation_end": ("和单位的劳动关系解除或终止了吗？是怎样解除或终止的？", None),
    "insured_in_dalian": ("是否在大连市参加社会保险？", None),
    "card_applied_before": ("以前申请过社会保障卡吗？", None),
    "has_dependants": ("去世的人生前是否有由他（她）供养的直系亲属？", None),
    "injury_dependant_pension": ("去世的人是否在领取工亡职工供养亲属抚恤金？", None),
    "sick_leave_extension": ("停工留薪期需要延长吗？", None),
    "rehabilitation": ("需要工伤康复吗？", None),
    "assistive_device": (
        "需要配置或更换辅助器具吗？",
        "如假肢、矫形器、假眼、假牙和轮椅等。",
    ),
    "appraisal_followup": ("劳动能力鉴定之后，打算怎么办？", None),
    "grade_raised": (
        "再次鉴定或复查鉴定后，伤残等级是否提高并达到一至四级，或护理等级是否提高？",
        None,
    ),
    "early_retirement": ("是否要申请提前退休（退职）？", "弹性提前退休不算在这里。"),
    "card_condition": ("社会保障卡现在是什么状况？", None),
    "change_pension_account": ("需要变更养老金发放账户吗？", None),
    "unit_type": ("单位是哪一类？", None),
    "unit_has_employees": ("单位有参加社会保险的职工吗？", None),
    "unit_arrears": ("单位有欠缴的社会保险费吗？", None),
    "construction_project": ("有建筑施工项目要按项目参加工伤保险吗？", None),
    "move_direction": ("是离开大连，还是来到（或回到）大连？", None),
    "scheme_from": ("原来参加的是哪一种养老保险？", None),
    "scheme_to": ("要参加的新养老保险是哪一种？", None),
    "hukou_moves": ("户籍也跟着迁移吗？", None),
    "duplicate_contributions": ("是否重复缴费（同时有两个及以上养老保险关系）？", None),
}
# Choice labels plainer than the facts' own, where the facts' are legal shorthand.
OPTION_WORDS: dict[str, dict[str, str]] = {
    "female_original_age": {
        "50": "50 周岁（女工人：长期在生产、工人岗位工作）",
        "55": "55 周岁（女干部：长期在管理岗位或专业技术岗位工作）",
    },
}


@dataclass(frozen=True, slots=True)
class Question:
    name: str
    text: str
    hint: str | None
    options: tuple[tuple[str, str], ...]  # (value, label); empty: a text field
    numeric: bool = False  # a text field for digits (the phone shows its number pad)


def question(name: str, day_required: bool = False) -> Question:
    """The question for a fact (or the ID number, which gives birth date and sex at once)."""
    text, hint = PLAIN.get(name, (f"{FACTS[name].label}？", None))
    if name == BIRTH and day_required:
        text, hint = "具体是哪一天出生？", "只知道年月还判断不了，请写到哪一天，如 1965-05-20。"
    spec = FACTS[name]
    if spec.kind == BOOL:
        options: tuple[tuple[str, str], ...] = (("true", "是"), ("false", "否"))
    elif spec.kind == CHOICE:
        words = OPTION_WORDS.get(name, {})
        options = tuple((str(k), words.get(str(k), v)) for k, v in (spec.choices or {}).items())
    else:
        options = ()
    numeric = spec.kind not in (BOOL, CHOICE, DATE, ID)
    return Question(name, text, hint, options, numeric)


def read_answer(rt: Runtime, name: str, text: str, day_required: bool = False) -> Any:
    """The answer as the services take it (JSON-ready); InputError in plain words when wrong.

    The ID number becomes the birth date and sex it encodes (the number itself is not kept);
    a birth date may be given as a month ("1965-05"), kept as such.
    """
    today, spec = rt.today(), FACTS[name]
    if not text.strip():
        raise InputError("请选择一项" if spec.kind in (BOOL, CHOICE) else "请填写后再继续")
    if name == ID_NUMBER:
        try:
            found = parse_facts(rt, {ID_NUMBER: text}).values
        except InputError as exc:
            raise InputError(str(exc).split("有误：", 1)[-1]) from None
        return {BIRTH: found[BIRTH].isoformat(), SEX: found[SEX]}
    if name == BIRTH:
        return _birth(text, today, day_required)
    try:
        return fact_from_text(name, text, today)
    except InputError:
        if spec.kind in (BOOL, CHOICE):
            raise InputError("请从列出的选项中选择一项") from None
        whole = "整数" if spec.kind == INT else "数"
        raise InputError(f"请填 0—{spec.maximum} 的{whole}，如 180") from None


def _birth(text: str, today: dt.date, day_required: bool) -> str:
    try:
        return fact_from_text(BIRTH, text, today).isoformat()
    except InputError as exc:
        date_problem = str(exc)
    if day_required:
        raise InputError(f"请写到哪一天，如 1965-05-20（{date_problem}）")
    try:
        return str(parse_birth_month(text, today, "出生年月 "))
    except InputError as exc:
        raise InputError(f"请写出生年月，如 1965-05 或 1965年5月（{exc}）") from None


def answer_words(name: str, value: Any) -> str:
    """An answer as the person gave it, for the list of answers so far."""
    if value is None:
        return "不清楚" if name != ID_NUMBER else "不使用身份证号码"
    if name == ID_NUMBER:
        return f"已由身份证号码得出：{value[BIRTH]} 出生，{'男' if value[SEX] == 'male' else '女'}"
    if name == BIRTH:
        year, month, *day = value.split("-")
        return f"{year}年{int(month)}月" + (f"{int(day[0])}日" if day else "")
    words = OPTION_WORDS.get(name, {}).get(str(value))
    return words or value_words(name, value)


def asked_text(name: str) -> str:
    """The short question shown beside an answer."""
    return PLAIN.get(name, (FACTS[name].label, None))[0]
