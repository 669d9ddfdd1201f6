"""`shebao doctor`: what about the system's data needs attention, and how to put it right.

The same findings feed the web's health endpoint and the staff desk's banner. A finding of
severity warning or error makes `shebao doctor` exit 1, so cron or monitoring can alert.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from shebao.errors import ShebaoError
from shebao.runtime import Runtime, beijing_now, bootstrap
from shebao.workdays.freshness import Alarm, Severity, calendar_alarms


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    message: str
    fix: str


@dataclass(frozen=True)
class Report:
    today: dt.date
    findings: tuple[Finding, ...]
    guide_version: str | None
    parameters_version: str | None

    @property
    def healthy(self) -> bool:
        """Nothing to act on (informational notes only)."""
        return all(f.severity is Severity.INFO for f in self.findings)


def _finding(alarm: Alarm) -> Finding:
    return Finding(alarm.code.value, alarm.severity, alarm.message, alarm.fix)


def findings(rt: Runtime, today: dt.date | None = None) -> list[Finding]:
    """Findings about a runtime that loaded: the holiday data's freshness and files."""
    return [_finding(a) for a in calendar_alarms(rt.calendar, today or rt.today())]


def doctor(
    city_dir: Path | None = None,
    national_dir: Path | None = None,
    holidays_dir: Path | None = None,
    today: dt.date | None = None,
) -> Report:
    """Load everything as a server would; a data file that fails to load is itself a finding."""
    day = today or beijing_now().date()
    try:
        rt = bootstrap(city_dir, national_dir, holidays_dir)
    except ShebaoError as exc:
        broken = Finding(
            "data_does_not_load",
            Severity.ERROR,
            f"数据无法载入，系统不能启动：{exc}",
            "按提示改正数据文件（指南数据可用 `shebao import-guide` 重新生成），"
            "再运行 `shebao doctor`。",
        )
        return Report(day, (broken,), None, None)
    return Report(day, tuple(findings(rt, day)), rt.guide.version, rt.parameters.version)
