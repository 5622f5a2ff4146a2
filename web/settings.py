"""Django settings for Luoshi. Everything that differs between machines comes from environment
variables through ``web/env.py``; each one is listed once in ``.env.example``.

With nothing set, the demo runs: SQLite and a generated secret key under ``var/``, DEBUG off.
"""

from __future__ import annotations

from pathlib import Path

from web.env import (
    env_bool,
    env_choice,
    env_database,
    env_int,
    env_list,
    env_networks,
    env_path,
    env_str,
    secret_key_file,
    secret_key_problem,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# Off unless asked for: a user never sees a stack trace, not even in the demo.
DEBUG = env_bool("DEBUG", default=False)

# Uploaded reports waiting for confirmation, the SQLite database and collected static files live here.
LUOSHI_DATA_DIR = env_path("LUOSHI_DATA_DIR", BASE_DIR / "var")
LUOSHI_DATA_DIR.mkdir(parents=True, exist_ok=True)
(LUOSHI_DATA_DIR / "static").mkdir(exist_ok=True)

SECRET_KEY = env_str("SECRET_KEY") or ("luoshi-dev-only-not-secret" if DEBUG else None)
if not SECRET_KEY:
    # No key given and DEBUG off (the demo, a single server): a random key made once and kept in the data dir.
    # Several servers sharing sessions must set SECRET_KEY instead.
    SECRET_KEY = secret_key_file(LUOSHI_DATA_DIR / "secret_key")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Production (生产环境): HTTPS only, secure cookies, HSTS; `manage.py check --deploy` passes. Off for the demo,
# which runs over plain http on 127.0.0.1. Production also demands an explicit SECRET_KEY and ALLOWED_HOSTS.
LUOSHI_PRODUCTION = env_bool("LUOSHI_PRODUCTION", default=False)
# Behind a reverse proxy (nginx) that terminates HTTPS, sets X-Forwarded-Proto and appends X-Forwarded-For.
LUOSHI_BEHIND_PROXY = env_bool("LUOSHI_BEHIND_PROXY", default=LUOSHI_PRODUCTION)
if LUOSHI_PRODUCTION:
    from django.core.exceptions import ImproperlyConfigured

    if DEBUG:
        raise ImproperlyConfigured("DEBUG: must be off when LUOSHI_PRODUCTION is on")
    if not env_str("SECRET_KEY"):
        raise ImproperlyConfigured("SECRET_KEY: must be set when LUOSHI_PRODUCTION is on (50+ random characters)")
    if weakness := secret_key_problem(SECRET_KEY):
        raise ImproperlyConfigured(f"SECRET_KEY: too weak for LUOSHI_PRODUCTION ({weakness}); make one with "
                                   f'python -c "import secrets; print(secrets.token_urlsafe(50))"')
    if not env_str("ALLOWED_HOSTS"):
        raise ImproperlyConfigured("ALLOWED_HOSTS: must name the server's host names when LUOSHI_PRODUCTION is on")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = env_int("LUOSHI_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("LUOSHI_HSTS_PRELOAD", default=True)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]  # the operator chose not to submit the domain to preload lists
# The proxies' own addresses (IPs or networks): X-Forwarded-For is read only on a request from one of them, so a
# client cannot name an address of its choosing (to dodge the address lockout or blame another in the audit log).
LUOSHI_TRUSTED_PROXIES = env_networks("LUOSHI_TRUSTED_PROXIES", ["127.0.0.1", "::1"])
if LUOSHI_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# On in every mode: no MIME sniffing, no framing by other sites, cookies out of reach of scripts.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True  # htmx sends the token from the page, not the cookie
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp), on every response: scripts only from the app's own static files (no inline
# <script>, no on…= handlers, no eval: see docs/security.md); styles may be inline (ECharts' tooltips and a few
# style attributes carry no script). Nothing is framed, no plugins, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],  # ECharts' saved images, the API docs' icons
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Sessions (会话): logged out after LUOSHI_SESSION_IDLE_MINUTES without a request, and LUOSHI_SESSION_MAX_HOURS
# after logging in whatever happens (web/accounts/middleware.py); the cookie ends with the browser.
LUOSHI_SESSION_IDLE_MINUTES = env_int("LUOSHI_SESSION_IDLE_MINUTES", 30, minimum=1)
LUOSHI_SESSION_MAX_HOURS = env_int("LUOSHI_SESSION_MAX_HOURS", 10, minimum=1)
SESSION_COOKIE_AGE = LUOSHI_SESSION_MAX_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Lockout (登录锁定): this many failed logins for a username within LUOSHI_LOCKOUT_MINUTES lock it for as long;
# LUOSHI_LOCKOUT_IP_ATTEMPTS from one address lock the address (0: off; a whole office may share one address).
LUOSHI_LOCKOUT_ATTEMPTS = env_int("LUOSHI_LOCKOUT_ATTEMPTS", 5, minimum=1)
LUOSHI_LOCKOUT_MINUTES = env_int("LUOSHI_LOCKOUT_MINUTES", 15, minimum=1)
LUOSHI_LOCKOUT_IP_ATTEMPTS = env_int("LUOSHI_LOCKOUT_IP_ATTEMPTS", 50, minimum=0)

# 等保 2.0 level 3 (web/accounts/twofactor.py, lifecycle.py, duties.py; web/audit/chain.py; web/crypto/). Each
# default is on in production and off in the demo.
# Two-factor authentication (双因素认证): superusers and supervisors must use a TOTP app (or a backup code).
LUOSHI_REQUIRE_2FA = env_bool("LUOSHI_REQUIRE_2FA", default=LUOSHI_PRODUCTION)
OTP_TOTP_ISSUER = env_str("LUOSHI_2FA_ISSUER", "落实督查督办")
OTP_TOTP_THROTTLE_FACTOR = 1  # each wrong code doubles the wait before the next one is checked
# Password lifecycle (密码生命周期): days a password lasts (0: no expiry) and how many earlier ones may not return.
LUOSHI_PASSWORD_MAX_AGE_DAYS = env_int("LUOSHI_PASSWORD_MAX_AGE_DAYS", 90 if LUOSHI_PRODUCTION else 0, minimum=0)
LUOSHI_PASSWORD_HISTORY = env_int("LUOSHI_PASSWORD_HISTORY", 5 if LUOSHI_PRODUCTION else 0, minimum=0)
# Audit retention (审计保存): the first values of the security administrator's audit settings: days before an
# address in the audit log is anonymised (0: kept), days before rows go to a signed archive (0: never; >= 180).
LUOSHI_AUDIT_IP_DAYS = env_int("LUOSHI_AUDIT_IP_DAYS", 180 if LUOSHI_PRODUCTION else 0, minimum=0)
LUOSHI_AUDIT_ARCHIVE_DAYS = env_int("LUOSHI_AUDIT_ARCHIVE_DAYS", 0, minimum=0)
if 0 < LUOSHI_AUDIT_ARCHIVE_DAYS < 180:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("LUOSHI_AUDIT_ARCHIVE_DAYS: audit rows are kept at least 180 days (0 or >= 180)")
LUOSHI_AUDIT_ARCHIVE_DIR = env_path("LUOSHI_AUDIT_ARCHIVE_DIR", LUOSHI_DATA_DIR / "audit-archive")
# Encryption at rest (数据加密存储) of evidence files and backups: 32 random bytes, base64
# (`manage.py make_encryption_key`); earlier keys stay listed until `manage.py rotate_encryption_key` has run.
LUOSHI_ENCRYPTION_KEY = env_str("LUOSHI_ENCRYPTION_KEY", "") or ""
LUOSHI_ENCRYPTION_OLD_KEYS = env_list("LUOSHI_ENCRYPTION_OLD_KEYS", [])
for _name, _keys in (("LUOSHI_ENCRYPTION_KEY", [LUOSHI_ENCRYPTION_KEY] if LUOSHI_ENCRYPTION_KEY else []),
                     ("LUOSHI_ENCRYPTION_OLD_KEYS", LUOSHI_ENCRYPTION_OLD_KEYS)):
    for _key in _keys:
        from web.crypto.envelope import parse_key

        try:
            parse_key(_key)
        except ValueError as _e:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(f"{_name}: expected 32 random bytes in base64 ({_e})") from None
# API tokens (接口令牌) stop working this many days after they were made (0: only when revoked); a changed
# password revokes its user's tokens.
LUOSHI_API_TOKEN_DAYS = env_int("LUOSHI_API_TOKEN_DAYS", 90, minimum=0)

# Largest report or spreadsheet a user may upload, in megabytes.
LUOSHI_MAX_UPLOAD_MB = env_int("LUOSHI_MAX_UPLOAD_MB", 20, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = LUOSHI_MAX_UPLOAD_MB * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
# A whole request: at most 5 files (evidence) of that size and the form's fields; larger is refused unread.
LUOSHI_MAX_REQUEST_BYTES = (LUOSHI_MAX_UPLOAD_MB * 5 + 1) * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 10

# Background jobs (report extraction, bulletin files): "inline" runs each job inside the request that asks
# for it (the demo, tests); "queue" leaves it to `manage.py run_worker` processes.
LUOSHI_JOBS = env_choice("LUOSHI_JOBS", ["inline", "queue"], default="inline")

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{LUOSHI_DATA_DIR / 'luoshi.sqlite3'}")}
# Seconds a worker keeps its database connection (0: a new one per request). Several app processes on PostgreSQL:
# 60, which saves a connection set-up per request; checked before reuse, so a restarted server is survived.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several app processes on one SQLite file: a transaction takes the write lock when it begins and waits for
    # another's (up to 20 s) instead of failing with "database is locked"; WAL lets pages read during a write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=20, init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")

# Apps. Later apps (supervision, indicators, …) append themselves to LUOSHI_APPS, one line each.
LUOSHI_APPS = [
    "web.accounts",
    "web.plans",
    "web.audit",
    "web.exports",
    "web.supervision",  # issue 5: progress reports, review, status lights, alerts, reminders
    "web.indicators",  # issue 5: headline indicators, monthly actuals, forecast
    "web.dashboards",  # issue 5: overview, department, indicator charts, leader view
    "web.bulletins",  # issue 5: 督查通报 .docx / PDF
    "web.public",  # issue 5: /public/ accountability page
    "web.api",  # issue 6: JSON API under /api/ (django-ninja), API tokens
    "web.scale",  # issue 6: manage.py generate_scale, a province of data for load tests
    "web.jobs",  # issue 6: background jobs (imports, bulletins) in a database table, manage.py run_worker
    "web.workbench",  # each role's landing page (工作台)
    "web.directives",  # 催报, 督办单, the 批示 loop
    "web.yearend",  # the year end: 兑现表 against next year's report, 年终 close, carried rows
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",  # two-factor authentication: TOTP apps and one-time backup codes
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",  # serves django-ninja's vendored Swagger UI for /api/docs (no CDN)
    "csp",  # checks the Content-Security-Policy settings
    "django.forms",  # its widget templates, found by FORM_RENDERER below
    *LUOSHI_APPS,
]

# Form widgets render through the project's templates, so that web/templates/django/forms/widgets/ can write a
# <select>'s options in one template instead of one include per option (the same HTML, a fraction of the time).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy on every response, static files included
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "web.accounts.middleware.PrivateResponseMiddleware",  # no-store for signed-in users, Vary: HX-Request
    "django_htmx.middleware.HtmxMiddleware",  # request.htmx: is this an htmx request, and from which page
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): the second factor given this session
    "web.accounts.middleware.RequestSizeMiddleware",  # issue 6: an oversized upload is a Chinese 413 page
    "django.contrib.messages.middleware.MessageMiddleware",
    "web.accounts.middleware.SessionTimeoutMiddleware",  # issue 6: idle and absolute session timeout
    "web.accounts.gate.AccountGateMiddleware",  # second factor, then a due password change, before any page
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "web.plans.middleware.ServiceErrorMiddleware",
]

# Rendered fragments (task-table rows) kept under a digest of what they show: in each process's memory, bounded,
# never stale (a change gives another key; see web.plans.row_cache).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments",
                  "OPTIONS": {"MAX_ENTRIES": 20000}},
}

ROOT_URLCONF = "web.urls"
CSRF_FAILURE_VIEW = "web.accounts.views.csrf_failure"
WSGI_APPLICATION = "web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# The password policy (密码强度): at least 10 characters mixing 3 of 4 kinds, not like the username, not common.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "web.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "web.accounts.passwords.CharacterClassesValidator", "OPTIONS": {"minimum": 3}},
    {"NAME": "web.accounts.lifecycle.PasswordHistoryValidator"},  # not one of the last LUOSHI_PASSWORD_HISTORY
]
# Django's username/password check, refusing every attempt while a username or address is locked out.
AUTHENTICATION_BACKENDS = ["web.accounts.backends.LockoutBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = LUOSHI_DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "web" / "static"]
WHITENOISE_USE_FINDERS = True  # serve straight from the app's static dirs: no collectstatic needed for the demo

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Refused requests (403) are in the audit log; Django's warning and traceback for each are left out here.
    "filters": {"skip_refusals": {"()": "web.audit.logging.SkipRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {name: {"filters": ["skip_refusals"]} for name in ("django.request", "django.security.csrf")},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
