"""`shebao lint` finds the guide's own inconsistencies, with the items and the evidence."""

from __future__ import annotations

from shebao.editor.lint import lint


def _codes(findings, code):
    return [f for f in findings if f.code == code]


def test_it_finds_the_items_that_share_one_online_url(catalog):
    shared = {f.items for f in _codes(lint(catalog), "shared-online-url")}
    assert (11, 12) in shared
    assert (34, 35) in shared


def test_it_does_not_report_portal_front_pages_shared_by_everyone(catalog):
    for finding in _codes(lint(catalog), "shared-online-url"):
        assert "toDetails" in finding.evidence[0]


def test_it_reports_tolerated_materials_the_items_do_not_list(catalog):
    missing = {f.items[0] for f in _codes(lint(catalog), "tolerated-material-not-listed")}
    assert missing == {36, 52, 53}
    renamed = {f.items[0] for f in _codes(lint(catalog), "tolerated-material-renamed")}
    assert renamed == {46, 48, 50}


def test_it_reports_tips_recommending_a_channel_the_item_lacks(catalog):
    assert [f.items for f in _codes(lint(catalog), "tips-recommend-missing-channel")] == [(19,)]


def test_every_finding_names_items_and_gives_evidence(catalog):
    for finding in lint(catalog):
        assert finding.items and finding.message
        assert finding.evidence or finding.code.startswith("commitment")


def test_lint_command_prints_findings_and_exits_0(cli):
    result = cli("lint")
    assert result.code == 0
    assert "事项 11、12" in result.out and "错误" in result.out
    data = cli("lint", "--json").json()
    assert {"code", "severity", "items", "message", "evidence"} <= set(data[0])


def test_it_points_at_the_item_whose_own_pages_disagree(catalog):
    disagree = _codes(lint(catalog), "online-differs-from-sample-page")
    assert [f.items for f in disagree] == [(35,)]
    assert any("ca8a3762" in line for line in disagree[0].evidence)  # 35's own sample page


def test_it_reports_each_doubled_word_once_with_every_item(catalog):
    doubled = {f.message: f.items for f in _codes(lint(catalog), "doubled-word")}
    assert doubled["温馨提示中“电话”重复了一次"] == (26, 27, 28, 29, 30, 31, 32)
    assert doubled["要件中“人员”重复了一次"] == (26,)


def test_it_finds_tips_promising_less_time_than_the_limit(catalog):
    items = {f.items for f in _codes(lint(catalog), "tips-contradict-time-limit")}
    assert items == {(47,), (48,), (50,)}


def test_it_checks_links_against_the_official_platform_hosts(catalog):
    hosts = _codes(lint(catalog), "official-site-host")
    assert {f.items for f in hosts} == {(61,), (64,)}
    assert all("si.12333.gov.cn" in f.message for f in hosts)


def test_unbalanced_title_marks_are_reported(catalog):
    items = {f.items[0] for f in _codes(lint(catalog), "unbalanced-title-marks")}
    assert items == {29, 30, 31}
