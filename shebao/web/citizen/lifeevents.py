"""Life events (一件事一次办): the six events, and one event's plan with the questions that
change it, asked one at a time beside the plan as it stands (printable at any point).

The questions come in the event's own order (`event_summary`'s `questions`), then whatever
else the plan still names as missing (the steps' own checks); an answer of "不清楚" is not
asked again and its steps stay 待定.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe

from shebao.present.events import STATUS_LABELS, event_summary, plan_dict
from shebao.present.workdays import day_text
from shebao.services import events
from shebao.web.citizen.answers import Answers, Step, next_step
from shebao.web.citizen.notices import for_citizens
from shebao.web.citizen.pages import not_found
from shebao.web.citizen.questions import asked_text
from shebao.web.citizen.selfcheck import question_context, take_answer
from shebao.web.core import runtime

if TYPE_CHECKING:
    from shebao.events.model import Event
    from shebao.events.planning import Plan
    from shebao.runtime import Runtime


@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    rows = [event_summary(e) for e in events.events(runtime())]
    return render(request, "citizen/events.html", {"events": rows})


@require_http_methods(["GET", "HEAD", "POST"])
def event_page(request: HttpRequest, key: str) -> HttpResponse:
    rt = runtime()
    found = next((e for e in events.events(rt) if e.key == key), None)
    if found is None:
        return not_found(request, f"没有名为“{key[:20]}”的一件事")
    salt = f"citizen.event.{found.key}"

    def step_of(given: Answers) -> Step[Plan]:
        return _step(rt, found, given)

    answers, step, notice, error = take_answer(rt, request, salt, step_of)
    url = f"/events/{found.key}"
    context = {
        "event": event_summary(found),
        "plan": plan_context(step.result),
        "notice": notice,
        "action": url,
        "restart": url,
        "posted": request.POST.get("answer", "") if error else "",
        "remaining": len([n for n in step.result.missing_facts if n not in answers.unknown]),
        **question_context(step, answers, error, salt),
    }
    return render(request, "citizen/event.html", context)


def _step(rt: Runtime, event: Event, answers: Answers) -> Step[Plan]:
    return next_step(
        answers,
        rt.today(),
        run=lambda facts: events.plan(rt, event, facts),
        signature=lambda p: (
            p.missing_facts,
            tuple((s.step.id, s.status) for s in p.steps),
            p.finish,
        ),
        missing=lambda p: p.missing_facts,
        order=event.questions,
    )


def plan_context(plan: Plan) -> dict[str, Any]:
    """The plan's dict with what the page shows beside it: numbers, dates in words, labels."""
    data = plan_dict(plan)
    scheduled = [s for s in data["steps"] if s["status"] != "skipped"]
    numbers = {s["id"]: n for n, s in enumerate(scheduled, 1)}
    for step in data["steps"]:
        step["number"] = numbers.get(step["id"])
        step["status_label"] = STATUS_LABELS[_status(plan, step["id"])]
        step["ready_text"] = _day(step["ready"])
        step["after_titles"] = [plan.step(a).step.title for a in step["after"]]
        if "deadline" in step:
            step["due_text"] = _day(step["deadline"]["due"])
        if "check" in step:
            step["check_missing"] = [asked_text(n) for n in step["check"]["missing_facts"]]
    for entry in data["checklist"]:
        entry["step_numbers"] = [numbers[s] for s in entry["steps"] if s in numbers]
    data["warnings"] = [for_citizens(w) for w in data["warnings"]]
    data["scheduled"] = scheduled
    data["skipped"] = [s for s in data["steps"] if s["status"] == "skipped"]
    data["finish_text"] = _day(data["finish"])
    data["finish_with_undecided_text"] = _day(data["finish_with_undecided"])
    data["start_text"] = _day(data["start"])
    return data


def _status(plan: Plan, step_id: str) -> Any:
    return plan.step(step_id).status


def _day(iso: str | None) -> str | None:
    return day_text(dt.date.fromisoformat(iso)) if iso else None
