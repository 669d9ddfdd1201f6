"""The supervisor's dashboard: figures per point and in total, in working days; the SVG chart
with its text; the CSV with a BOM; supervisors and administrators only."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from shebao.runtime import BEIJING
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ACCEPTED_60 = dict(
    item="60", fact_injury_recognized=None, provided=["劳动人事争议仲裁申请书", "身份证"]
)
REFUSED_25 = dict(
    item="25",
    fact_injury_recognized=None,
    fact_contribution_months="400",
    fact_flexible_early="false",
    fact_employee_pension_insured="true",
    provided=[],
)
HEADINGS = ["服务点编号", "服务点", "在办", "已逾期", "2 个工作日内到期", "容缺待补齐材料"]


@pytest.fixture
def cases(clerk, other_clerk, take_in) -> str:
    """At hall 3: a 容缺 case, a refusal, a completed case and an accepted one (due 13 Oct);
    at hall 5: a 容缺 case. Returns the accepted case's number."""
    take_in()
    take_in(**REFUSED_25)
    done = take_in(**ACCEPTED_60)
    for to in ("in_progress", "completed"):
        clerk.post(f"/desk/cases/{done}/", {"action": "transition", "to": to})
    take_in(client=other_clerk)
    return take_in(**ACCEPTED_60)


def figures_of(client) -> dict[str, list[str]]:
    text = client.get("/desk/dashboard.csv").content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][: len(HEADINGS)] == HEADINGS
    return {row[1]: row[2:] for row in rows[1:] if len(row) == 8}


def test_the_figures_per_point_and_in_total(supervisor, cases):
    got = figures_of(supervisor)
    # open, overdue, due soon, awaiting, refused this month, done this month
    assert got["大连市社会保险事业服务中心西岗区办事处"] == ["2", "0", "0", "1", "1", "1"]
    assert got["合计"] == ["3", "0", "0", "2", "1", "1"]
    assert len(got) == 3  # two points and the total


def test_due_soon_and_overdue_follow_the_working_day_calendar(supervisor, cases, frozen):
    frozen.move_to(dt.datetime(2026, 10, 12, 9, 0, tzinfo=BEIJING))  # due 13 Oct: 1 day left
    supervisor.login(username="bob", password=PASSWORD)
    assert figures_of(supervisor)["合计"][:3] == ["3", "0", "1"]
    frozen.move_to(dt.datetime(2026, 10, 14, 9, 0, tzinfo=BEIJING))
    supervisor.login(username="bob", password=PASSWORD)
    got = figures_of(supervisor)["合计"]
    # 14 Oct: the accepted case is overdue; the 容缺 cases' supplement deadline (13 Oct) passed,
    # they still await `cases remind`; September's refusal and completion are last month's.
    assert got[1] == "1" and got[4:] == ["0", "0"]


def test_the_page_draws_the_chart_with_title_desc_and_the_same_table(supervisor, cases):
    page = supervisor.get("/desk/dashboard/").content.decode()
    assert '<svg role="img" aria-labelledby="chart-title chart-desc"' in page
    assert '<title id="chart-title">' in page and '<desc id="chart-desc">' in page
    assert "在办 3" in page  # the total's bar, labelled with its number
    assert "西岗区办事处</th><td>2</td><td>0</td><td>0</td><td>1</td>" in page
    assert "style=" not in page


def test_only_supervisors_and_administrators_see_it(clerk, browser_for, client):
    assert clerk.get("/desk/dashboard/").status_code == 403
    assert clerk.get("/desk/dashboard.csv").status_code == 403
    assert browser_for("carol", "admin").get("/desk/dashboard/").status_code == 200
    assert client.get("/desk/dashboard.csv").status_code == 302


def test_an_empty_dashboard_says_so(supervisor):
    page = supervisor.get("/desk/dashboard/").content.decode()
    assert "还没有办件" in page
