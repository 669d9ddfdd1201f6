"""Django settings: everything an operator sets comes from the environment or the data directory.

- `SHEBAO_DATA_DIR` (or `--data-dir`): the SQLite database and the secret key live there.
- `DATABASE_URL`: PostgreSQL (or another database) instead of the SQLite file.
- `SHEBAO_ALLOWED_HOSTS`: comma-separated host names the server answers for.
- `SHEBAO_CSRF_TRUSTED_ORIGINS`: comma-separated origins (https://host) behind a proxy.
- `SHEBAO_DEBUG=1`: Django's debug mode (never in production).
- `SHEBAO_HTTPS=1`: behind an HTTPS proxy: secure cookies, HSTS, http redirected to https
  (`python -m django check --deploy` with these settings is clean; tests/web/test_security.py).
- `SHEBAO_SQLITE_SYNCHRONOUS=FULL`: fsync every SQLite commit (see `sqlite_options`).
- `SHEBAO_REDIS_URL`: the shared cache (the rate limits' counters, sessions read through it)
  in Redis instead of the database (redis://host:6379/0; needs the `redis` extra:
  `pip install 'shebao[redis]'`).
- `SHEBAO_TRUSTED_PROXIES=N`: N proxies in front; the client's address is read from
  X-Forwarded-For (for the limits on failed public case lookups).
- `SHEBAO_RETENTION_YEARS=30`, `SHEBAO_BOOKING_RETENTION_DAYS=180`: how long a closed case's
  and a booking's personal data is kept (`shebao people purge-expired` erases it after).
- `SHEBAO_LOOKUP_LIMITS=20/600,5/3600`: failed public case lookups allowed per address and per
  case number, each within so many seconds.
- `SHEBAO_LOGIN_FAILURES=5`, `SHEBAO_LOGIN_LOCK_MINUTES=15`: a staff user name is locked at one
  address for so many minutes after so many wrong passwords (django-axes).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from shebao.errors import ShebaoError
from shebao.web.cases.settings import lookup_limits, trusted_proxies
from shebao.web.datadir import DATABASE_FILE, prepare, secret_key
from shebao.web.desk.settings import failure_limit, lock_time
from shebao.web.privacy.retention import booking_retention_days, retention_years
from shebao.web.ratings.settings import days
from shebao.web.security import CONTENT_SECURITY_DIRECTIVES, PERMISSIONS

WEB_DIR = Path(__file__).resolve().parent
DATA_DIR = prepare(os.environ.get("SHEBAO_DATA_DIR"))
SECRET_KEY, _ = secret_key(DATA_DIR)
DEBUG = os.environ.get("SHEBAO_DEBUG") == "1"
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("SHEBAO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("SHEBAO_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

INSTALLED_APPS = [
    "shebao.web.core",
    "shebao.web.accounts",
    "shebao.web.cases",
    "shebao.web.ratings",
    "shebao.web.online",
    "shebao.web.accounts.apps.AdminConfig",
    "shebao.web.appointments",
    "shebao.web.desk",
    "shebao.web.citizen",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves the OpenAPI page's own scripts, so /api/docs needs no CDN
    "csp",
    "axes",  # login throttling (shebao.web.desk.throttle)
]

MIDDLEWARE = [
    # Outermost: answers a GET of the day's pages (home, items) with the response kept for
    # the day, headers included (see the module).
    "shebao.web.citizen.pagecache.PageCache",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "shebao.web.online.middleware.UploadLimit",  # before anything parses an upload's body
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "shebao.web.core.middleware.ApiMethodNotAllowed",
    # Last: turns a login refused for too many failures into the lockout page (429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "shebao.web.urls"
WSGI_APPLICATION = "shebao.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The site's base template (shebao/web/templates/base.html), which every app extends.
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # The site's tags (site_css, data_banner, help_line, |tel) in every template.
            "builtins": ["shebao.web.citizen.templatetags.shebao_site"],
        },
    },
]


def sqlite_options() -> dict[str, Any]:
    """How every SQLite connection is opened.

    WAL lets readers run beside the one writer. IMMEDIATE takes the write lock when a
    transaction begins, so two writers queue on the busy timeout instead of one failing
    with "database is locked" when it upgrades a read lock. synchronous=NORMAL in WAL mode:
    a commit has written its WAL frames to the operating system before it returns, so an
    acknowledged commit survives SIGKILL of the process (the kernel holds the pages); only a
    power cut or kernel crash can lose the last commits, never corrupt the file. FULL also
    survives a power cut at an fsync per commit: measured on this machine's shared disk,
    0.1 ms when it is idle and up to 4 ms when it is busy (raw commits/s: 52,000 NORMAL vs
    9,600 FULL idle, 14,700 vs 230 busy). Set SHEBAO_SQLITE_SYNCHRONOUS=FULL to have it, or
    use PostgreSQL, which fsyncs every commit.
    """
    synchronous = os.environ.get("SHEBAO_SQLITE_SYNCHRONOUS", "NORMAL").upper()
    if synchronous not in ("NORMAL", "FULL", "EXTRA"):
        raise ShebaoError(
            f"SHEBAO_SQLITE_SYNCHRONOUS 只能是 NORMAL、FULL 或 EXTRA，收到“{synchronous}”"
        )
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": 15,  # seconds a writer waits for the lock (busy timeout)
        "init_command": f"PRAGMA journal_mode=WAL;PRAGMA synchronous={synchronous}",
    }


SQLITE_ENGINE = "shebao.web.sqlite"  # Django's, with writers queued on a file lock
POSTGRES_ENGINE = "shebao.web.postgres"  # Django's, its health check costing no round trip


def database(url: str | None, data_dir: Path) -> dict[str, Any]:
    """The default database: `DATABASE_URL` when set, else SQLite in the data directory."""
    if not url:
        return {
            "ENGINE": SQLITE_ENGINE,
            "NAME": str(data_dir / DATABASE_FILE),
            "OPTIONS": sqlite_options(),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    import dj_database_url

    try:
        config: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        )
    except ValueError as exc:
        raise ShebaoError(f"DATABASE_URL 无法识别：{exc}") from None
    options = config.setdefault("OPTIONS", {})
    if config["ENGINE"].endswith("sqlite3"):
        config["ENGINE"] = SQLITE_ENGINE
        options.update(sqlite_options())
    elif config["ENGINE"].endswith("postgresql"):
        config["ENGINE"] = POSTGRES_ENGINE
        options.setdefault("connect_timeout", 5)  # health answers 503 instead of hanging
    return config


DATABASES = {"default": database(os.environ.get("DATABASE_URL"), DATA_DIR)}


def cache(redis_url: str | None) -> dict[str, Any]:
    """The cache every process shares: a table in the database, or Redis when configured.

    Never the per-process memory cache: what is counted or kept there (rate limits) must be
    the same for every server worker.
    """
    if not redis_url:
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": redis_url,
        "KEY_PREFIX": "shebao",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
    }


CACHE_TABLE = "shebao_cache"  # created by a migration (appointments 0002), not createcachetable
SHEBAO_REDIS_URL = os.environ.get("SHEBAO_REDIS_URL") or None
CACHES = {"default": cache(SHEBAO_REDIS_URL)}
if SHEBAO_REDIS_URL:
    # Sessions read from Redis, written through to the database: every process sees a login,
    # and a Redis restart logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "shebao.web.accounts.validators.MinimumLength"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# WhiteNoise serves the apps' static files straight from the installed package: no
# collectstatic step, no separate web server.
# The site-wide stylesheet lives in shebao/web/static (no app of its own); each app's in its
# static/ folder.
STATICFILES_DIRS = [WEB_DIR / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# A request body larger than this is refused with 413 before it is read (facts and material
# lists are a few kilobytes at most).
DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

LOGIN_URL = "/desk/login/"

# Login throttling (django-axes, see shebao.web.desk.throttle): a user name from one address is
# locked for SHEBAO_LOGIN_LOCK_MINUTES (15) after SHEBAO_LOGIN_FAILURES (5) wrong passwords;
# attempts are kept in the database, shared by every server process.
AUTHENTICATION_BACKENDS = [
    "shebao.web.desk.throttle.Backend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = failure_limit()
AXES_COOLOFF_TIME = lock_time()
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the lock ends 15 minutes after it began
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "shebao.web.desk.throttle.locked_out"
AXES_CLIENT_IP_CALLABLE = "shebao.web.desk.throttle.login_address"
AXES_SENSITIVE_PARAMETERS = ["password", "csrfmiddlewaretoken"]
LOGIN_REDIRECT_URL = "/desk/"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day at the window
CSRF_COOKIE_SAMESITE = "Lax"
# The security headers on every answer (shebao.web.security says why each is what it is).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {"DIRECTIVES": CONTENT_SECURITY_DIRECTIVES}
PERMISSIONS_POLICY = PERMISSIONS
if os.environ.get("SHEBAO_HTTPS") == "1":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # nginx redirects http to https; this catches a request that reached us some other way.
    # The health endpoint is exempt: the load balancer probes it over plain HTTP.
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^api/health$"]
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Not preloaded into browsers: that commits the center's whole domain (and every host
    # under it, run by others) to HTTPS for good, a decision for its network office.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        # 4xx answers are the client's business; log server errors only.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "shebao": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Never DEBUG, whatever the root logger's level: at DEBUG it logs a missing template
        # variable with the page's whole context, a full ID number included.
        "django.template": {"level": "INFO"},
    },
}

# Failed public case lookups: (failures, seconds) per client address and per case number.
CASE_LOOKUP_LIMITS = lookup_limits(os.environ.get("SHEBAO_LOOKUP_LIMITS"))
TRUSTED_PROXIES = trusted_proxies(os.environ.get("SHEBAO_TRUSTED_PROXIES"))
# A case's timer warns when it is due within this many working days.
CASE_WARNING_DAYS = 2
# How long personal data is kept (shebao/web/privacy/retention.py says why these defaults):
# closed cases, years from 1 January after they closed; bookings, days after their date.
RETENTION_YEARS = retention_years(os.environ.get("SHEBAO_RETENTION_YEARS"))
BOOKING_RETENTION_DAYS = booking_retention_days(os.environ.get("SHEBAO_BOOKING_RETENTION_DAYS"))
# 好差评: a finished case unrated after this many natural days counts as 基本满意 (defaulted);
# a 差评's follow-up is due this many working days after the rating.
RATING_DEFAULT_DAYS = days(
    "SHEBAO_RATING_DEFAULT_DAYS", os.environ.get("SHEBAO_RATING_DEFAULT_DAYS"), 7
)
FOLLOWUP_WORKING_DAYS = days("SHEBAO_FOLLOWUP_DAYS", os.environ.get("SHEBAO_FOLLOWUP_DAYS"), 5)

# 网上办 (issue 17): limits on uploaded files, where they are kept, how the phone is checked.
ONLINE_MAX_FILE_BYTES = int(os.environ.get("SHEBAO_ONLINE_MAX_FILE_MB", "5")) * 1024 * 1024
ONLINE_MAX_FILES = int(os.environ.get("SHEBAO_ONLINE_MAX_FILES", "20"))
# Days an uploaded file is kept after its application last changed (None: kept until purged
# with `shebao online purge --days N`).
ONLINE_RETENTION_DAYS = (
    int(os.environ["SHEBAO_ONLINE_RETENTION_DAYS"])
    if os.environ.get("SHEBAO_ONLINE_RETENTION_DAYS")
    else None
)
ONLINE_DEFAULT_POINT = os.environ.get("SHEBAO_ONLINE_POINT", "hall-1")
ONLINE_VERIFICATION_SENDER = os.environ.get(
    "SHEBAO_VERIFICATION_SENDER", "shebao.web.online.verification.ScreenSender"
)
# An S3-compatible store when a bucket is named (credentials from the usual AWS_* variables).
ONLINE_STORAGE: dict[str, str] = (
    {
        "backend": "s3",
        "bucket": os.environ["SHEBAO_ONLINE_S3_BUCKET"],
        "endpoint": os.environ.get("SHEBAO_ONLINE_S3_ENDPOINT", ""),
        "prefix": os.environ.get("SHEBAO_ONLINE_S3_PREFIX", ""),
    }
    if os.environ.get("SHEBAO_ONLINE_S3_BUCKET")
    else {"backend": "local", "root": os.environ.get("SHEBAO_ONLINE_UPLOADS", "")}
)
