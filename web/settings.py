"""Django settings for Luoshi. Everything that differs between machines comes from environment
variables through ``web/env.py``; each one is listed once in ``.env.example``.

With nothing set, the demo runs: SQLite and a generated secret key under ``var/``, DEBUG off.
"""

from __future__ import annotations

from pathlib import Path

from web.env import env_bool, env_database, env_int, env_list, env_path, env_str, secret_key_file

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

# Largest report or spreadsheet a user may upload, in megabytes.
LUOSHI_MAX_UPLOAD_MB = env_int("LUOSHI_MAX_UPLOAD_MB", 20, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = LUOSHI_MAX_UPLOAD_MB * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{LUOSHI_DATA_DIR / 'luoshi.sqlite3'}")}

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
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    *LUOSHI_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "web.plans.middleware.ServiceErrorMiddleware",
]

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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
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
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
