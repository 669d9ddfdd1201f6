"""How long uploaded files are kept: their bytes are deleted from the store once the
application has been still for the retention period (settings ONLINE_RETENTION_DAYS, or the
`--days` of `shebao online purge`); the rows stay, with their hash, as the record of what was
sent. Nothing is deleted while an application waits for review."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.utils import timezone

from shebao.errors import InputError
from shebao.web.online.models import Upload
from shebao.web.online.states import State
from shebao.web.online.storage import storage

log = logging.getLogger("shebao.online")
MAX_DAYS = 36500


@dataclass(frozen=True, slots=True)
class Purged:
    before: dt.datetime
    files: int
    bytes: int


def purge(days: int | None) -> Purged:
    """Delete the stored bytes of files of applications not changed for `days` days."""
    if days is None:
        raise InputError("没有设置保存期限：用 --days 指定，或设置 SHEBAO_ONLINE_RETENTION_DAYS")
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise InputError(f"保存期限应为 1—{MAX_DAYS} 天的整数")
    before = timezone.now() - dt.timedelta(days=days)
    due = Upload.objects.filter(purged_at__isnull=True, application__updated_at__lt=before).exclude(
        application__state=State.SUBMITTED
    )
    files = size = 0
    store = storage()
    for upload in due.iterator():
        store.delete(upload.key)
        Upload.objects.filter(pk=upload.pk).update(purged_at=timezone.now(), current=False)
        files, size = files + 1, size + upload.size
    log.info("online files purged: %d (%d bytes), untouched since %s", files, size, before)
    return Purged(before, files, size)
