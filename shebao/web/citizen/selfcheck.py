"""Self-check: may I apply? Only the questions the item's rules need, one a screen.

The first question is what `check_item` with no facts names as missing; each answer is checked
again and the next question is what is still missing, until the rules decide ("可以办理",
"不能办理，因为 …") or only facts the person does not know are left ("还需要知道 …"). For
retirement items the answer also gives the statutory retirement month and the flexible window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from shebao.errors import InputError
from shebao.present.checks import check_dict
from shebao.present.retirement import describe_retirement
from shebao.rules.facts import parse_birth_month
from shebao.rules.identity import Sex
from shebao.services import checks, retirement
from shebao.web.citizen.answers import Answers, Step, next_step
from shebao.web.citizen.pages import find_item, not_found
from shebao.web.citizen.questions import BIRTH, SEX, answer_words, asked_text, question, read_answer
from shebao.web.citizen.retirement import retirement_lines
from shebao.web.core import runtime

if TYPE_CHECKING:
    from shebao.guide.model import Item
    from shebao.rules.prohibitions import CheckResult
    from shebao.runtime import Runtime

T = TypeVar("T")
STALE = "这次问答已过期或不完整（表单超过一天，或被改动过），请从第一个问题重新开始。"
RETIREMENT_EVENT = "retirement"


@require_http_methods(["GET", "HEAD", "POST"])
def check_page(request: HttpRequest, no: str) -> HttpResponse:
    rt = runtime()
    item = find_item(rt, no)
    if isinstance(item, str):
        return not_found(request, item)
    salt = f"citizen.check.{item.no}"

    def step_of(answers: Answers) -> Step[CheckResult]:
        return _step(rt, item, answers)

    answers, step, notice, error = take_answer(rt, request, salt, step_of)
    context = {
        "item": {"no": item.no, "name": item.name},
        "notice": notice,
        "restart": f"/items/{item.no}/check",
        "action": f"/items/{item.no}/check",
        "posted": request.POST.get("answer", "") if error else "",
        **question_context(step, answers, error, salt),
    }
    if step.ask is None:
        context["result"] = check_dict(step.result)
        context["missing"] = [asked_text(n) for n in step.result.missing_facts]
        context["retirement"] = retirement_figures(rt, item, answers)
    return render(request, "citizen/check.html", context)


def _step(rt: Runtime, item: Item, answers: Answers) -> Step[CheckResult]:
    return next_step(
        answers,
        rt.today(),
        run=lambda facts: checks.check_item(rt, item.no, facts),
        signature=lambda r: (r.allowed, tuple(v.rule.id for v in r.violations), r.missing_facts),
        missing=lambda r: r.missing_facts if r.allowed is None else (),
    )


def take_answer(
    rt: Runtime, request: HttpRequest, salt: str, step_of: Callable[[Answers], Step[T]]
) -> tuple[Answers, Step[T], str | None, str | None]:
    """The answers so far with the one just posted, where they lead, a notice and an error."""
    answers, notice, error = Answers(), None, None
    if request.method == "POST":
        loaded = Answers.load(request.POST.get("state"), salt)
        if loaded is None:
            notice = STALE
        else:
            answers = loaded
            error = apply_answer(rt, request.POST, answers, step_of)
    try:
        step = step_of(answers)
    except InputError:  # answers that no longer hold together (e.g. a day later): start again
        answers, notice, error = Answers(), STALE, None
        step = step_of(answers)
    return answers, step, notice, error


def apply_answer(
    rt: Runtime, form: Any, answers: Answers, step_of: Callable[[Answers], Step[Any]]
) -> str | None:
    """Take the answer posted (or go back one question); the error to show, if any.

    An answer to any question but the one the answers so far lead to (a form sent twice, a
    stale tab) is ignored: the current question is shown again.
    """
    action = form.get("action", "answer")
    if action == "back":
        if answers.given:
            answers.given.pop()
        return None
    try:
        current = step_of(answers)
    except InputError:
        return None
    asked = form.get("ask")
    if current.ask is None or asked != current.ask:
        return None
    if action == "unknown":
        answers.given.append((asked, None))
        return None
    try:
        value = read_answer(rt, asked, form.get("answer", ""), current.day_required)
    except InputError as exc:
        return str(exc)
    answers.given.append((asked, value))
    return None


def question_context(step: Step[Any], answers: Answers, error: str | None, salt: str) -> dict:
    """What the question screen shows: the question, the state, the answers so far."""
    return {
        "question": question(step.ask, step.day_required) if step.ask else None,
        "error": error,
        "state": answers.dump(salt),
        "number": len(answers.given) + 1,
        "given": [
            {"question": asked_text(name), "answer": answer_words(name, value)}
            for name, value in answers.given
        ],
    }


def is_retirement_item(rt: Runtime, no: int) -> bool:
    """An item of the 退休 life event whose rules read the birth date and sex (20, 24, 25, 81)."""
    event = next((e for e in rt.guide.events.events if e.key == RETIREMENT_EVENT), None)
    reads = rt.guide.rules.reads.get(no, frozenset())
    return event is not None and no in event.items and {BIRTH, SEX} <= reads


def retirement_figures(rt: Runtime, item: Item, answers: Answers) -> dict[str, Any] | None:
    """The statutory retirement month and flexible window from the answers, for retirement items.

    None when the item is not one; `missing` says what else the figures need.
    """
    if not is_retirement_item(rt, item.no):
        return None
    facts = answers.facts
    month = answers.month or (facts[BIRTH][:7] if BIRTH in facts else None)
    sex = facts.get(SEX)
    original = facts.get("female_original_age")
    lacking = [w for w, absent in (("出生年月", month is None), ("性别", sex is None)) if absent]
    if sex == "female" and original is None:
        lacking.append("原法定退休年龄（50 或 55 周岁）")
    if lacking:
        query = urlencode({k: v for k, v in (("birth", month), ("sex", sex)) if v})
        return {
            "missing": "、".join(lacking),
            "calculator": f"/retirement?{query}" if query else None,
        }
    result = retirement.retirement(
        rt,
        parse_birth_month(month, rt.today()),
        Sex.parse(sex),
        original,
        facts.get("contribution_months"),
    )
    return retirement_lines(describe_retirement(result, rt.parameters))
