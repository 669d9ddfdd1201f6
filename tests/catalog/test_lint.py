"""`shebao lint` finds the guide's own inconsistencies, with the items and the evidence."""

from __future__ import annotations

from shebao.catalog.lint import lint


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
