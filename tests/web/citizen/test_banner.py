"""The data banner: citizens see only errors that make dates estimated; staff see more."""

from __future__ import annotations

import time_machine

from shebao.web.citizen.notices import PUBLIC, STAFF, notices
from shebao.web.core import runtime
from tests.web.citizen.conftest import text_of


def test_no_banner_when_this_years_holidays_are_loaded(client):
    with time_machine.travel("2026-06-01 10:00 +0800", tick=False):
        page = client.get("/").content.decode()
    assert "data-banner" not in page


def test_citizens_are_told_dates_are_estimated_when_this_years_holidays_are_missing(client):
    with time_machine.travel("2031-03-02 10:00 +0800", tick=False):  # a year nobody has loaded
        page = client.get("/items/48").content.decode()
        public = notices(runtime(), PUBLIC)
    assert 'class="data-banner"' in page and "办结日期为估算" in page
    assert "今年（2031 年）的节假日安排没有载入" in page
    assert "shebao holidays load" not in page  # the fix is for staff
    assert len(public) == 1


def test_staff_see_warnings_with_the_fix_and_citizens_do_not(client):
    with time_machine.travel("2026-12-15 10:00 +0800", tick=False):  # 2027 not loaded after 10 Dec
        staff = notices(runtime(), STAFF)
        public = notices(runtime(), PUBLIC)
        text = text_of(client.get("/"))
    assert [n.title for n in staff] == ["警告"] and "shebao holidays load" in staff[0].fix
    assert public == ()
    assert "办结日期为估算" not in text
