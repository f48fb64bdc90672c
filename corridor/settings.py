"""Corridor settings. Everything that differs between a laptop and production comes from the
environment: DATABASE_URL, REDIS_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS."""
import os
from pathlib import Path

import dj_database_url
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("CORRIDOR_DATA_DIR", BASE_DIR / "var"))
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = os.environ.get("DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-development-key-change-me")
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "huey.contrib.djhuey",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "corridor.core",
    "corridor.audit",
    "corridor.territories",
    "corridor.accounts",
    "corridor.directory",
    "corridor.consultations",
    "corridor.library",
    "corridor.coordination",
    "corridor.profiles",
    "corridor.learning",
    "corridor.diaspora",
    "corridor.preparedness",
    "corridor.partnerships",
    "corridor.referrals",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "corridor.accounts.middleware.TwoFactorRequiredMiddleware",
    "corridor.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "corridor.urls"
WSGI_APPLICATION = "corridor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "corridor.core.context_processors.site",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'corridor.sqlite3'}", conn_max_age=600,
        # A kept connection is checked before each request reuses it: after the database restarts,
        # requests reconnect instead of failing on a dead connection.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the single writer work at the same time under gunicorn workers; reading
    # through a memory map and a 64 MB page cache spares a system call per page on large directories.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; "
                        "PRAGMA mmap_size=1073741824; PRAGMA cache_size=-65536;",
        "transaction_mode": "IMMEDIATE",
    }
FORMS_URLFIELD_ASSUME_HTTPS = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Shared by every worker and machine. Every key expires, so a Redis with maxmemory-policy volatile-lru
    # evicts cached pages, never the job queue (docs/deploy.md).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": "corridor"}}
else:
    # Per process; enough for the public pages readers ask for most (see core/public_cache.py).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "OPTIONS": {"MAX_ENTRIES": 2000}}}

HUEY = {
    "huey_class": "huey.RedisHuey" if REDIS_URL else "huey.SqliteHuey",
    "name": "corridor",
    "immediate": os.environ.get("HUEY_IMMEDIATE", "0") == "1",
    "connection": {"url": REDIS_URL} if REDIS_URL else {"filename": str(DATA_DIR / "jobs.sqlite3")},
    "consumer": {"workers": 2, "worker_type": "thread"},
}
# Durable jobs (core/jobs.py): a running job whose worker has not renewed its lease for this long is given
# to another worker; a queued job not started after this long is queued again (its message was lost).
CORRIDOR_JOB_LEASE_SECONDS = int(os.environ.get("CORRIDOR_JOB_LEASE_SECONDS", "60"))
CORRIDOR_JOB_REQUEUE_SECONDS = int(os.environ.get("CORRIDOR_JOB_REQUEUE_SECONDS", "600"))

# Argon2 for new and changed passwords; older hashes still verify and are upgraded at sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# How many reverse proxies in front of the site set X-Forwarded-For (0: use the connection's address).
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# Two-factor authentication (accounts/two_factor.py): anyone may add an authenticator app; with this on
# (as production should run), administrators without one are sent to enrol before anything else.
CORRIDOR_REQUIRE_2FA_FOR_ADMINS = os.environ.get("CORRIDOR_REQUIRE_2FA_FOR_ADMINS", "0") == "1"
OTP_TOTP_ISSUER = "Corridor"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows authenticator secrets
LOGIN_REDIRECT_URL = "directory:my-services"
LOGOUT_REDIRECT_URL = "core:home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Zurich")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# collectstatic writes a brotli and a gzip copy of each file next to it, served to browsers that accept them;
# hashed names are served with a cache lifetime of ten years. Source maps are left uncompressed (only
# developer tools read them), which makes collectstatic three times faster.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
# Uploaded files: outside the web root and never served by URL (no MEDIA_URL); views that check who may read
# them send them as downloads (core/uploads.py checks every upload's content and size).
MEDIA_ROOT = DATA_DIR / "uploads"
CORRIDOR_MAX_UPLOAD_BYTES = int(os.environ.get("CORRIDOR_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
CORRIDOR_MAX_IMPORT_BYTES = int(os.environ.get("CORRIDOR_MAX_IMPORT_BYTES", str(50 * 1024 * 1024)))
# Keys that encrypt personal data field by field (core/encryption.py), kept outside the database and its
# backups: CORRIDOR_FIELD_KEYS (comma-separated Fernet keys, newest first) or a key file.
CORRIDOR_FIELD_KEYS = os.environ.get("CORRIDOR_FIELD_KEYS", "")
CORRIDOR_FIELD_KEY_FILE = os.environ.get("CORRIDOR_FIELD_KEY_FILE", str(DATA_DIR / "keys" / "field-keys"))

# Where the site is reached from outside: links in e-mails and exported reports start with it.
CORRIDOR_BASE_URL = os.environ.get("CORRIDOR_BASE_URL", "http://127.0.0.1:8000")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "corridor@localhost")
# For EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
# Contributions sent to <consultation short name>@CONSULTATIONS_MAIL_DOMAIN reach the SMTP endpoint
# (`manage.py run_smtp`), which listens on CONSULTATIONS_SMTP_HOST:CONSULTATIONS_SMTP_PORT.
CONSULTATIONS_MAIL_DOMAIN = os.environ.get("CONSULTATIONS_MAIL_DOMAIN", "consult.localhost")
CONSULTATIONS_SMTP_HOST = os.environ.get("CONSULTATIONS_SMTP_HOST", "127.0.0.1")
CONSULTATIONS_SMTP_PORT = int(os.environ.get("CONSULTATIONS_SMTP_PORT", "8025"))
CONSULTATIONS_MAX_ATTACHMENT_BYTES = int(os.environ.get("CONSULTATIONS_MAX_ATTACHMENT_BYTES", str(10 * 1024 * 1024)))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "corridor.accounts.api_auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Corridor API",
    "DESCRIPTION": "Directory of actors and services for the local governance of migration.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "REDOC_DIST": "SIDECAR",  # served from this site, not a CDN
}

# Pages carry no inline script or style and load nothing from other sites; the API documentation
# (Redoc) relaxes styles and workers for itself only (core/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Behind HTTPS in production (HTTPS=1): secure cookies, HSTS and redirection to https.
HTTPS = os.environ.get("HTTPS", "0") == "1"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXIES else None

# A service not verified for this many days is shown as out of date.
CORRIDOR_STALE_AFTER_DAYS = 365
# Providers are reminded this many days before a service becomes out of date.
CORRIDOR_REMIND_BEFORE_DAYS = 30
# Referrals (corridor/referrals): days a referral may wait for an answer, by urgency, before the receiving
# organisation and the sender are reminded (and it counts as unmet); days a closed or declined referral keeps
# its personal data when its territory sets no retention period of its own.
CORRIDOR_REFERRAL_REMINDER_DAYS = {"urgent": 1, "high": 3, "normal": 7}
CORRIDOR_REFERRAL_RETENTION_DAYS = 365

# Who publishes the IATI export of initiatives (coordination/iati.py): an organisation identifier
# (org-id.guide), an IATI OrganisationType code (90: other) and a name.
IATI_PUBLISHER_REF = os.environ.get("IATI_PUBLISHER_REF", "XM-CORRIDOR")
IATI_PUBLISHER_TYPE = os.environ.get("IATI_PUBLISHER_TYPE", "90")
IATI_PUBLISHER_NAME = os.environ.get("IATI_PUBLISHER_NAME", "Corridor")

# How crisis check-ins and personal links reach people by SMS and messaging apps (preparedness/gateways.py):
# the console gateway prints them; HttpPostGateway posts them to CORRIDOR_SMS_GATEWAY_URL with the token,
# for the channels listed (sms, whatsapp, signal, telegram). E-mail goes through EMAIL_BACKEND.
CORRIDOR_SMS_GATEWAY = os.environ.get("CORRIDOR_SMS_GATEWAY", "corridor.preparedness.gateways.ConsoleGateway")
CORRIDOR_SMS_GATEWAY_URL = os.environ.get("CORRIDOR_SMS_GATEWAY_URL", "")
CORRIDOR_SMS_GATEWAY_TOKEN = os.environ.get("CORRIDOR_SMS_GATEWAY_TOKEN", "")
CORRIDOR_SMS_GATEWAY_CHANNELS = os.environ.get("CORRIDOR_SMS_GATEWAY_CHANNELS", "sms")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
