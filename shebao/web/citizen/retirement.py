"""The retirement calculator: birth month, sex and (for women) the original age → the figures."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from shebao.errors import InputError
from shebao.present.retirement import describe_retirement
from shebao.rules.facts import fact_from_text, parse_birth_month
from shebao.rules.identity import Sex
from shebao.services import retirement
from shebao.text import clean
from shebao.web.citizen.questions import FEMALE_GROUPS
from shebao.web.core import runtime

FIELDS = ("birth", "sex", "female_original_age", "contribution_months")


@require_safe
def calculator(request: HttpRequest) -> HttpResponse:
    rt = runtime()
    given = {name: clean(request.GET.get(name, "")).strip()[:40] for name in FIELDS}
    errors: dict[str, str] = {}
    figures = None
    if any(given.values()):
        values = _read(rt.today(), given, errors)
        if not errors:
            result = retirement.retirement(rt, *values)
            figures = retirement_lines(describe_retirement(result, rt.parameters))
    context = {
        "given": given,
        "errors": errors,
        "figures": figures,
        "female_groups": FEMALE_GROUPS,
    }
    return render(request, "citizen/retirement.html", context, status=422 if errors else 200)


def _read(today: Any, given: dict[str, str], errors: dict[str, str]) -> tuple[Any, ...]:
    """The four values, with a message per field that is wrong (and None in its place)."""
    birth = sex = original = months = None
    try:
        birth = parse_birth_month(given["birth"], today, "出生年月 ")
    except InputError as exc:
        errors["birth"] = "请填出生年月，如 1965-05" if not given["birth"] else str(exc)
    try:
        sex = Sex.parse(given["sex"])
    except InputError:
        errors["sex"] = "请选择性别"
    if sex is Sex.FEMALE:
        if not given["female_original_age"]:
            errors["female_original_age"] = "女职工请选择原法定退休年龄：50 周岁或 55 周岁"
        else:
            try:
                original = fact_from_text("female_original_age", given["female_original_age"])
            except InputError:
                errors["female_original_age"] = "只能选 50 周岁或 55 周岁"
    if given["contribution_months"]:
        try:
            months = fact_from_text("contribution_months", given["contribution_months"])
        except InputError:
            errors["contribution_months"] = "请填 0—1200 的整数（月数），如 180；不知道可以不填"
    return birth, sex, original, months


def retirement_lines(text: str) -> dict[str, Any]:
    """The retirement text of `present` as a heading, (label, value) rows and the bases."""
    head, _, bases = text.partition("\n依据：\n")
    first, *rows = head.splitlines()
    return {
        "who": first,
        "rows": [tuple(line.split("：", 1)) for line in rows],
        "basis": [line.strip() for line in bases.splitlines() if line.strip()],
    }
