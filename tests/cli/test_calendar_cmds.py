"""The working-day commands as staff run them: deadline, workdays, is-workday, holidays."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine

from shebao.cli import main
from shebao.workdays.workcalendar import HOLIDAY_DIR_ENV
from tests.support import runtime

# Made up for tests only: the real 2027 arrangement is not published yet.
FIXTURE = Path(__file__).parent.parent / "fixtures" / "fictional_2027.yaml"
FICTIONAL_2027 = FIXTURE.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def holiday_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "holidays"  # not created: `holidays load` must create it
    monkeypatch.setenv(HOLIDAY_DIR_ENV, str(path))
    with time_machine.travel(dt.datetime(2026, 11, 29, 10, 0), tick=False):
        yield path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int | str | None, str, str]:
    try:
        code: int | str | None = main(list(argv))
    except SystemExit as exc:  # argparse's usage errors leave through exit(2)
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_deadline_json_has_the_promised_fields(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "deadline", "1", "--accepted", "2026-09-26")
    assert data["item"] == 1
    assert data["accepted"] == "2026-09-26"
    assert data["deemed_accepted"] == "2026-09-28"
    assert data["channel"] == "window"
    assert data["working_days"] == 1 and data["instant"] is False
    assert data["due"] == "2026-09-29"
    assert data["estimated"] is False and data["warnings"] == []


def test_deadline_of_an_instant_channel_has_null_working_days(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = run_json(capsys, "deadline", "64", "--accepted", "2026-09-30", "--channel", "window")
    assert data["instant"] is True and data["working_days"] is None
    assert data["due"] == "2026-09-30"
    online = run_json(capsys, "deadline", "64", "--accepted", "2026-09-30", "--channel", "online")
    assert online["working_days"] == 15 and online["due"] == "2026-10-27"


def test_deadline_reads_as_chinese_without_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadline", "61", "--accepted", "2026-09-26", "--channel", "online")
    assert code == 0
    assert "视为受理：2026-09-28（周一）" in out
    assert "办结期限：2026-10-23（周五）" in out


def test_deadline_into_2027_is_estimated_until_2027_is_loaded(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    before = run_json(capsys, "deadline", "1", "--accepted", "2027-01-08")
    assert before["due"] == "2027-01-11" and before["estimated"] is True
    assert before["warnings"][0].startswith("2027 年的节假日安排尚未载入，本结果是估算。")
    assert "已扣除：周末和" in before["warnings"][0] and "未计：" in before["warnings"][0]
    code, out, err = run(
        capsys, "holidays", "load", str(write(tmp_path, "2027.yaml", FICTIONAL_2027))
    )
    assert code == 0, err
    assert "已载入 2027 年节假日安排" in out
    after = run_json(capsys, "deadline", "1", "--accepted", "2027-01-08")
    assert after["due"] == "2027-01-09" and after["estimated"] is False  # a worked Saturday
    assert after["warnings"] == []


def test_deadline_of_an_item_whose_limits_differ_asks_for_the_channel(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "deadline", "61", "--accepted", "2026-03-02")
    assert code == 2 and out == ""
    assert "窗口办、自助办 即时办结；网上办、掌上办 15个工作日" in err
    assert "--channel" in err and err.count("\n") == 1


def test_deadline_help_says_which_channel_is_the_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "deadline", "--help")
    assert "不写时" in out and "第一个渠道" in out and "必须写明" in out


def test_deadline_text_names_channels_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:

    for item in runtime().catalog.items.values():
        for kind in item.channel_kinds:
            code, out, err = run(
                capsys, "deadline", str(item.no), "--accepted", "2026-12-30", "--channel", kind
            )
            assert code == 0, err
            assert f"办理渠道：{kind.label}" in out
            assert not any(key in out for key in ("window", "online", "mobile", "self_service"))


def test_deadline_reads_full_width_digits(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "deadline", "1", "--accepted", "２０２６－０９－２６")
    assert data["accepted"] == "2026-09-26" and data["due"] == "2026-09-29"


def test_workdays_over_many_unknown_years_warns_once(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "workdays", "2026-01-01", "2099-12-31")
    assert code == 0
    warnings = [line for line in out.splitlines() if line.startswith("注意：")]
    assert len(warnings) == 1 and "2027–2099 年的节假日安排尚未载入" in warnings[0]
    data = run_json(capsys, "workdays", "2026-01-01", "2099-12-31")
    assert data["estimated"] is True and len(data["warnings"]) == 1


def test_workdays_counts_both_ends_and_says_what_a_deadline_would_count(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = run_json(capsys, "workdays", "2026-09-30", "2026-10-13")
    assert data["workdays"] == 6 and data["workdays_after_from"] == 5
    assert data["estimated"] is False
    code, out, _ = run(capsys, "workdays", "2026-02-13", "2026-02-28")
    assert code == 0 and "含首尾共 7 个工作日" in out


def test_is_workday_names_the_holiday_and_the_adjusted_saturday(
    capsys: pytest.CaptureFixture[str],
) -> None:
    saturday = run_json(capsys, "is-workday", "2026-02-14")
    assert saturday["workday"] is True and saturday["kind"] == "adjusted_workday"
    assert saturday["name"] == "春节"
    code, out, _ = run(capsys, "is-workday", "2026-10-01")
    assert code == 0 and "休息日（国庆节）" in out
    unknown = run_json(capsys, "is-workday", "2027-01-01")
    assert unknown["estimated"] is True and "2027 年" in unknown["warnings"][0]
    assert unknown["workday"] is False and unknown["name"] == "元旦"


def test_holidays_show_lists_the_2026_arrangement(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "holidays", "show", "2026")
    assert data["known"] is True and data["origin"] == "chinesecalendar"
    spring = next(h for h in data["holidays"] if h["name"] == "春节")
    assert (spring["from"], spring["to"], spring["days"]) == ("2026-02-15", "2026-02-23", 9)
    assert {"name": "国庆节", "date": "2026-10-10"} in data["workdays"]
    code, out, _ = run(capsys, "holidays", "show", "2027")
    assert code == 0 and "尚未载入" in out
    estimated = run_json(capsys, "holidays", "show", "2027")
    assert estimated["known"] is False and estimated["origin"] == "estimated"
    spring = {"name": "春节", "from": "2027-02-05", "to": "2027-02-08", "days": 4}
    assert spring in estimated["holidays"] and estimated["workdays"] == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["deadline", "1", "--accepted", "2026-02-30"], "“2026-02-30”不存在"),
        (["deadline", "1", "--accepted", "2026/09-30"], "格式不对"),
        (["deadline", "999", "--accepted", "2026-09-30"], "没有编号为 999 的事项"),
        (["deadline", "1", "--accepted", "2026-09-30", "--channel", "fax"], "未知的办理渠道"),
        (["deadline", "1", "--accepted", "2026-09-30", "--channel", "mobile"], "没有掌上办渠道"),
        (["deadline", "1"], "--accepted"),
        (["workdays", "2026-10-13", "2026-09-30"], "晚于"),
        (["workdays", "2026-13-01", "2026-12-31"], "“2026-13-01”的月份 13 超出范围"),
        (["deadline", "1", "--accepted", "9999-12-31"], "年份超出范围，只支持 2004–2099 年"),
        (["deadline", "1", "--accepted", "0001-01-01"], "年份超出范围，只支持 2004–2099 年"),
        (["deadline", "1", "--accepted", "0000-01-01"], "年份超出范围"),
        (["deadline", "1", "--accepted", "2026-02-29"], "2026 年 2 月只有 28 天"),
        (["workdays", "2026-01-01", "9999-12-31"], "“9999-12-31”的年份超出范围"),
        (["is-workday", "2100-01-01"], "年份超出范围"),
        (["holidays", "show", "1999"], "年份 1999 超出范围，只支持 2004–2099 年"),
        (["is-workday", "tomorrow"], "格式不对"),
        (["holidays", "show", "27"], "四位数字"),
        (["holidays", "load", "/nonexistent/2027.yaml"], "文件不存在"),
    ],
)
def test_bad_input_gets_one_clear_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("date: 2027-01-09", "date: 2027-01-02"), "既列为节假日又列为上班日"),
        (("date: 2027-01-09", "date: 2026-12-26"), "不在 2027 年内"),
        (("source:", "sourse:"), "未知的键"),
        (("holidays:", "holidays: [oops"), "不是有效的 YAML"),
    ],
)
def test_a_bad_file_is_refused_and_the_loaded_year_is_left_intact(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    holiday_dir: Path,
    change: tuple[str, str],
    message: str,
) -> None:
    assert (
        run(capsys, "holidays", "load", str(write(tmp_path, "good.yaml", FICTIONAL_2027)))[0] == 0
    )
    bad = write(tmp_path, "2027.yaml", FICTIONAL_2027.replace(*change))
    code, _, err = run(capsys, "holidays", "load", str(bad))
    assert code == 2 and message in err and "未载入" in err
    assert (holiday_dir / "2027.yaml").read_text(encoding="utf-8") == FICTIONAL_2027
    assert sorted(p.name for p in holiday_dir.iterdir()) == ["2027.yaml"]  # no temp files left


def test_loading_the_same_file_again_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = write(tmp_path, "2027.yaml", FICTIONAL_2027)
    assert run(capsys, "holidays", "load", str(source))[0] == 0
    code, out, _ = run(capsys, "holidays", "load", str(source))
    assert code == 0 and "已是同样内容，未改动" in out


def test_replacing_a_loaded_year_needs_replace_and_says_what_changes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, holiday_dir: Path
) -> None:
    assert run(capsys, "holidays", "load", str(write(tmp_path, "a.yaml", FICTIONAL_2027)))[0] == 0
    changed = write(tmp_path, "2027.yaml", FICTIONAL_2027.replace("2027-01-30", "2027-01-31"))
    code, out, err = run(capsys, "holidays", "load", str(changed))
    assert code == 2 and out == ""
    assert "未载入" in err and "已有 2027 年安排（放假 24 天、调休上班 4 天）" in err
    assert "有 2 天是否上班不同：2027-01-30、2027-01-31" in err and "--replace" in err
    assert (holiday_dir / "2027.yaml").read_text(encoding="utf-8") == FICTIONAL_2027
    code, out, _ = run(capsys, "holidays", "load", str(changed), "--replace")
    assert code == 0 and "已替换 2027 年" in out
    assert run_json(capsys, "is-workday", "2027-01-31")["workday"] is True


NOTICE_2026 = (FIXTURE.parent / "notice_2026.yaml").read_text(encoding="utf-8")


def test_an_empty_2026_file_cannot_make_national_day_a_working_day(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, holiday_dir: Path
) -> None:
    empty = write(tmp_path, "2026.yaml", "year: 2026\nsource: 通知\nholidays: []\n")
    for extra in ([], ["--replace"]):
        code, _, err = run(capsys, "holidays", "load", str(empty), *extra)
        assert code == 2 and "缺少 2026 年法定放假的 元旦 01-01" in err
        assert "国庆节 10-01、10-02、10-03" in err
    assert not holiday_dir.exists()
    day = run_json(capsys, "is-workday", "2026-10-01")
    assert day["workday"] is False and day["estimated"] is False


def test_a_year_chinesecalendar_knows_is_only_replaced_with_replace(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, holiday_dir: Path
) -> None:
    notice = write(tmp_path, "2026.yaml", NOTICE_2026.replace("to: 2026-10-07", "to: 2026-10-08"))
    code, _, err = run(capsys, "holidays", "load", str(notice))
    assert code == 2 and "chinesecalendar 已含 2026 年安排（放假 33 天、调休上班 6 天）" in err
    assert "有 1 天是否上班不同：2026-10-08" in err and "--replace" in err
    assert not holiday_dir.exists()
    assert run_json(capsys, "is-workday", "2026-10-08")["workday"] is True
    code, out, _ = run(capsys, "holidays", "load", str(notice), "--replace")
    assert code == 0 and "已载入 2026 年" in out and "今后以本文件为准" in out
    assert run_json(capsys, "is-workday", "2026-10-08")["workday"] is False


def test_a_file_with_control_characters_never_reaches_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, holiday_dir: Path
) -> None:
    hostile = FICTIONAL_2027.replace("name: 春节, from", 'name: "春节\\x1b[31m\\x07", from', 1)
    code, out, err = run(capsys, "holidays", "load", str(write(tmp_path, "2027.yaml", hostile)))
    assert code == 2 and "控制字符" in err
    holiday_dir.mkdir()
    (holiday_dir / "2027.yaml").write_text(hostile, encoding="utf-8")  # put there by hand
    code, out, err = run(capsys, "holidays", "show", "2027")
    assert code == 1 and "控制字符" in err
    assert "\x1b" not in out + err and "\x07" not in out + err


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    holiday_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run(capsys, "holidays", "load", str(write(tmp_path, "a.yaml", FICTIONAL_2027)))[0] == 0

    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("shebao.services.holidays.os.replace", disk_full)
    changed = FICTIONAL_2027.replace("2027-01-09", "2027-01-10")
    b = write(tmp_path, "b.yaml", changed)
    code, _, err = run(capsys, "holidays", "load", str(b), "--replace")
    assert code == 1 and "无法写入" in err
    assert (holiday_dir / "2027.yaml").read_text(encoding="utf-8") == FICTIONAL_2027
    assert sorted(p.name for p in holiday_dir.iterdir()) == ["2027.yaml"]
