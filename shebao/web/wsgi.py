"""WSGI entry point (what `shebao serve` runs): Django, with the day's pages kept in front."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shebao.web.settings")
django_application = get_wsgi_application()

from shebao.web.citizen.pagecache import cached_pages  # noqa: E402  (Django is set up above)

application = cached_pages(django_application)
