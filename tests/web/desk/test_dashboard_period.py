"""The dashboard over a chosen period: what a supervisor reads there and in each CSV, with the
working-day calendar across 国庆 2026 (1–7 Oct off, Sat 10 Oct worked)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shebao.runtime import BEIJING
from tests.web.conftest import PASSWORD
from tests.web.desk.conftest import ID
from tests.web.desk.test_dashboard import ACCEPTED_60, REFUSED_25

pytestmark = pytest.mark.django_db

SUPPLIED_48 = ["病历资料", "与伤病有关的医学诊断"]
OCT = {"from": "2026-09-01", "to": "2026-10-31"}


def at(frozen, day: int, *clients) -> None:
    """Move to `day` October 2026, 9:00 Beijing, and log the browsers in again."""
    frozen.move_to(dt.datetime(2026, 10, day, 9, 0, tzinfo=BEIJING))
    for client, name in clients:
        client.login(username=name, password=PASSWORD)


def table(client, part: str, query: dict | None = None) -> list[list[str]]:
    answer = client.get("/desk/dashboard.csv", {"part": part, **(query or OCT)})
    assert answer.status_code == 200, answer.content.decode()
    text = answer.content.decode("utf-8")
    assert text.startswith("\ufeff") and ID not in text
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def rows(client, part: str, query: dict | None = None) -> list[list[str]]:
    """The table's rows, without its headings and the lines under it."""
    found = table(client, part, query)
    return found[1 : found.index([])]


@pytest.fixture
def september(clerk, other_clerk, take_in):
    """On 30 Sep at hall 3: two 容缺 cases of item 48, one refusal (item 25), one return (item
    48, nothing brought) and three accepted cases of item 60 (due 13 Oct, 5 working days over
    国庆); at hall 5 one 容缺 case of item 48."""
    tolerated = [take_in(), take_in()]
    take_in(**REFUSED_25)
    take_in(provided=[])
    accepted = [take_in(**ACCEPTED_60) for _ in range(3)]
    take_in(client=other_clerk)
    return tolerated, accepted


def test_cases_by_item_and_by_point_over_the_default_month(supervisor, september):
    assert rows(supervisor, "items", {}) == [
        ["48", "劳动能力鉴定申请", "4"],
        ["60", "劳动人事争议仲裁申请", "3"],
        ["25", "职工正常退休(职)申请", "1"],
    ]
    points = {r[1]: r[2:] for r in rows(supervisor, "points", {})}
    # received, accepted (with 容缺), refused, returned
    assert points["大连市社会保险事业服务中心西岗区办事处"] == ["7", "5", "1", "1"]
    assert len(points) == 2
    page = supervisor.get("/desk/dashboard/").content.decode()
    assert 'aria-labelledby="items-chart-title items-chart-desc"' in page
    assert 'aria-labelledby="points-chart-title points-chart-desc"' in page
    assert "统计期间：2026-09-01 至 2026-09-30" in page
    # No inline style or script (the site's print.js is a file: <script src=…>).
    assert "style=" not in page and not re.search(r"<script\b(?![^>]*\bsrc=)", page)


def test_stopped_cases_by_rule_and_returned_cases_by_missing_material(supervisor, september):
    stopped = rows(supervisor, "rules")
    assert len(stopped) == 1 and stopped[0][2] == "1"
    assert stopped[0][0] and stopped[0][1]  # the rule's id and its short name
    returned = dict((r[0], r[1]) for r in rows(supervisor, "returned"))
    assert returned.get("大连市劳动能力鉴定申请书") == "1"


def test_tolerated_cases_say_whether_materials_came_by_the_due_date(
    supervisor, clerk, september, frozen
):
    (on_time, never), _ = september
    at(frozen, 9, (clerk, "alice"), (supervisor, "bob"))
    clerk.post(f"/desk/cases/{on_time}/", {"action": "supplement", "provided": SUPPLIED_48})
    at(frozen, 15, (supervisor, "bob"))  # the supplement due date, 13 Oct, has passed
    found = {r[0]: r for r in rows(supervisor, "tolerated")}
    assert found[on_time][3:] == ["2026-10-13", "2026-10-09", "按期补齐"]
    assert found[never][3:] == ["2026-10-13", "", "逾期未补齐"]
    assert found[never][2] == "210202********1233"
    assert "逾期未补齐 2 件" in supervisor.get("/desk/dashboard/", OCT).content.decode()


def test_on_time_completion_counts_working_days_over_the_holiday(
    supervisor, clerk, september, frozen
):
    _, (early, late, still_open) = september
    # 12 Oct is 12 calendar days after intake but the 4th working day: on time.
    at(frozen, 12, (clerk, "alice"))
    for to in ("in_progress", "completed"):
        clerk.post(f"/desk/cases/{early}/", {"action": "transition", "to": to})
    at(frozen, 14, (clerk, "alice"))
    for to in ("in_progress", "completed"):
        clerk.post(f"/desk/cases/{late}/", {"action": "transition", "to": to})
    at(frozen, 15, (supervisor, "bob"))
    done = {r[0]: r[3:] for r in rows(supervisor, "completion")}
    assert done[early] == ["2026-09-30", "2026-10-13", "2026-10-12", "4", "按期"]
    assert done[late] == ["2026-09-30", "2026-10-13", "2026-10-14", "6", "逾期"]
    assert ["期间内办结 2 件，按期办结 1 件，按期办结率 50.0%。"] in table(supervisor, "completion")
    # Overdue now: the third, open since 30 Sep, due 13 Oct; 14 and 15 Oct are 2 working days.
    overdue = {r[0]: r for r in rows(supervisor, "overdue")}
    assert overdue[still_open][4:6] == ["2026-10-13", "2"]
    assert early not in overdue and late not in overdue


def test_a_period_in_september_leaves_out_octobers_completions(
    supervisor, clerk, september, frozen
):
    _, (early, _, _) = september
    at(frozen, 12, (clerk, "alice"), (supervisor, "bob"))
    for to in ("in_progress", "completed"):
        clerk.post(f"/desk/cases/{early}/", {"action": "transition", "to": to})
    assert rows(supervisor, "completion", {"from": "2026-09-01", "to": "2026-09-30"}) == []
    assert len(rows(supervisor, "completion", {"from": "2026-10-12", "to": "2026-10-12"})) == 1


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"from": "2026-13-01"}, "开始日期“2026-13-01”的月份 13 超出范围"),
        ({"from": "2026-10-05", "to": "2026-10-01"}, "结束日期 2026-10-01 早于开始日期 2026-10-05"),
        ({"to": "昨天"}, "结束日期格式不对"),
    ],
)
def test_a_wrong_period_is_explained_in_chinese(supervisor, query, words):
    page = supervisor.get("/desk/dashboard/", query)
    assert page.status_code == 422 and words in page.content.decode()
    export = supervisor.get("/desk/dashboard.csv", {"part": "items", **query})
    assert export.status_code == 422 and words in export.content.decode()


def test_an_unknown_export_is_refused(supervisor):
    answer = supervisor.get("/desk/dashboard.csv", {"part": "everything"})
    assert answer.status_code == 422 and "没有这份统计表" in answer.content.decode()


def test_clerks_cannot_export_the_period_tables(clerk):
    assert clerk.get("/desk/dashboard.csv", {"part": "overdue"}).status_code == 403


def test_the_period_is_counted_by_grouped_queries_whatever_the_number_of_cases(supervisor, take_in):
    take_in()
    with CaptureQueriesContext(connection) as one:
        supervisor.get("/desk/dashboard/")
    for _ in range(5):
        take_in()
        take_in(**REFUSED_25)
    with CaptureQueriesContext(connection) as eleven:
        page = supervisor.get("/desk/dashboard/").content.decode()
    assert "容缺受理共 6 件" in page
    assert len(eleven) == len(one)


def test_a_period_without_cases_says_so_instead_of_an_empty_chart(supervisor, september):
    page = supervisor.get("/desk/dashboard/", {"from": "2026-08-01", "to": "2026-08-31"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "items-chart-title" not in text and "points-chart-title" not in text
    assert text.count("本期间没有收件") == 2
    with_cases = supervisor.get("/desk/dashboard/", {}).content.decode()
    assert "本期间没有收件" not in with_cases
