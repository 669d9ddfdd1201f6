"""Re-importing the guide gives the committed data again; a broken guide is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from shebao.editor.importer import write_catalog
from shebao.errors import DataError, InputError
from shebao.guide import DATA_ROOT, load_catalog_from

GENERATED = ["guide.yaml", "places.yaml", "prohibitions.yaml", "tolerated.yaml"]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    out = tmp_path / "dalian"
    out.mkdir()
    shutil.copy(DATA_ROOT / "dalian" / "import_rules.yaml", out)
    return out


def _generated_files(root: Path) -> dict[str, bytes]:
    files = {name: (root / name).read_bytes() for name in GENERATED}
    files |= {f"items/{p.name}": p.read_bytes() for p in sorted((root / "items").glob("*.yaml"))}
    return files


def test_reimporting_the_guide_reproduces_the_committed_files_byte_for_byte(workdir, guide_text):
    guide = workdir.parent / "dalian_guide.txt"
    guide.write_text(guide_text, encoding="utf-8")
    write_catalog(guide, workdir, "dalian")
    assert _generated_files(workdir) == _generated_files(DATA_ROOT / "dalian")


def test_import_removes_items_the_new_guide_no_longer_has(workdir, guide_text):
    guide = workdir.parent / "guide.txt"
    guide.write_text(guide_text, encoding="utf-8")
    (workdir / "items").mkdir()
    (workdir / "items" / "99.yaml").write_text("no: 99\n", encoding="utf-8")
    write_catalog(guide, workdir, "dalian")
    assert not (workdir / "items" / "99.yaml").exists()
    assert len(load_catalog_from(workdir).items) == 84


def test_a_guide_whose_item_lost_its_time_limit_is_refused(workdir, guide_text):
    broken = guide_text.replace("24.3 办理时限：1个工作日", "")
    guide = workdir.parent / "broken.txt"
    guide.write_text(broken, encoding="utf-8")
    with pytest.raises(DataError, match="事项 24"):
        write_catalog(guide, workdir, "dalian")
    assert not (workdir / "items").exists()  # nothing half-written


def test_a_missing_guide_file_is_a_clear_input_error(workdir):
    with pytest.raises(InputError, match="读不到指南文件"):
        write_catalog(workdir / "nope.txt", workdir, "dalian")


def test_a_guide_that_is_not_utf8_is_refused(workdir):
    guide = workdir.parent / "gbk.txt"
    guide.write_bytes("社会保险".encode("gbk"))
    with pytest.raises(InputError, match="UTF-8"):
        write_catalog(guide, workdir, "dalian")


def test_import_guide_command_writes_a_loadable_catalog(cli, workdir, guide_text):
    guide = workdir.parent / "g.txt"
    guide.write_text(guide_text, encoding="utf-8")
    result = cli("import-guide", str(guide), "--out", str(workdir))
    assert result.code == 0
    assert "84 个事项" in result.out


def test_a_guide_with_an_item_missing_names_the_gap(workdir, guide_text):
    start = guide_text.index("2. 参保单位注销（企业养老保险部分）")
    end = guide_text.index("3. 单位（项目）基本信息变更")
    guide = workdir.parent / "gap.txt"
    guide.write_text(guide_text[:start] + guide_text[end:], encoding="utf-8")
    with pytest.raises(DataError, match="事项 2 是否缺失"):
        write_catalog(guide, workdir, "dalian")


def test_an_absurd_time_limit_is_refused(workdir, guide_text):
    guide = workdir.parent / "absurd.txt"
    guide.write_text(
        guide_text.replace("34.3 办理时限：10个工作日", "34.3 办理时限：99999个工作日")
    )
    with pytest.raises(DataError, match="不合理"):
        write_catalog(guide, workdir, "dalian")


def test_import_of_a_broken_guide_exits_2_and_writes_nothing(cli, workdir):
    guide = workdir.parent / "empty.txt"
    guide.write_text("", encoding="utf-8")
    result = cli("import-guide", str(guide), "--out", str(workdir))
    assert result.code == 2 and "未写入任何文件" in result.err
    assert not (workdir / "items").exists()


def test_an_empty_output_directory_is_refused(cli, guide_text, tmp_path):
    guide = tmp_path / "g.txt"
    guide.write_text(guide_text, encoding="utf-8")
    result = cli("import-guide", str(guide), "--out", "")
    assert result.code == 2 and "--out 不能为空" in result.err


def test_a_table_row_whose_number_is_garbled_is_refused_in_words():
    """Found by the fuzzing of the importer: a prohibition row numbered ':' ended in a Python
    ValueError instead of the importer's DataError."""
    from shebao.editor.guide_text import table_rows
    from shebao.errors import DataError

    rows = ["序号", "\t违规情形", "\t说明", "", ":", "\t代领待遇", "\t说明", ""]
    with pytest.raises(DataError, match="第一列应为序号"):
        table_rows(rows, 3)
    assert table_rows(["序号", "\t情形", "\t说明", "", "1", "\t代领", "\t说明"], 3) == [
        ["1", "代领", "说明"]
    ]
