"""`shebao lint` checks that read the rules' data: where the guide differs from national law.

The rules follow the guide; these findings tell its editors where the guide and the national
text part ways, so the difference is decided by people rather than buried in code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from shebao.datafiles import check_keys, read_mapping
from shebao.editor.lint import Finding, check
from shebao.errors import DataError
from shebao.guide.loader import DATA_ROOT
from shebao.guide.model import Catalog

SEX_LABELS = {"male": "男", "female": "女"}


@check
def guide_differs_from_national(catalog: Catalog) -> Iterator[Finding]:
    path = (catalog.directory or DATA_ROOT / catalog.city) / "rules" / "national_comparisons.yaml"
    if not path.is_file():
        return
    raw = read_mapping(path)
    check_keys(raw, ["description", "comparisons"], where=path.name)
    for n, entry in enumerate(raw["comparisons"]):
        keys = ["id", "item", "topic", "guide_pattern", "national", "basis"]
        check_keys(entry, keys, where=f"{path.name} 第{n + 1}项")
        item = catalog.item(entry["item"])
        try:
            found = re.search(entry["guide_pattern"], item.description)
        except re.error as exc:
            raise DataError(f"{path.name} {entry['id']} 的 guide_pattern 有误：{exc}") from None
        if found is None:
            yield Finding(
                "national-comparison-stale",
                "warning",
                (item.no,),
                f"事项{item.no}的办理条件中找不到“{entry['topic']}”的表述，无法与国家规定对照",
                (f"对照项 {entry['id']}（{path.name}）", entry["basis"]),
            )
            continue
        guide = {k: int(v) for k, v in found.groupdict().items()}
        national = entry["national"]
        differs = [k for k in national if guide.get(k) != national[k]]
        if differs:
            said = "、".join(f"{SEX_LABELS.get(k, k)}{guide.get(k)}周岁" for k in national)
            law = "、".join(f"{SEX_LABELS.get(k, k)}{national[k]}周岁" for k in national)
            yield Finding(
                "guide-differs-from-national",
                "warning",
                (item.no,),
                f"事项{item.no}的{entry['topic']}：指南为{said}，国家规定为{law}；规则按指南执行",
                (f"指南：{found.group(0)}", f"国家规定：{entry['basis']}"),
            )
