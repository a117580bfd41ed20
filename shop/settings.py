"""Settings for the GoToBetter shop, read once from the environment.

Every name below is documented in the README with its default. A fresh clone
runs on the embedded default (SQLite, local-memory cache, SQLite task queue,
e-mails written to files); production sets DATABASE_URL, REDIS_URL, EMAIL_URL
and the Stripe keys.
"""

from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy
from oscar.defaults import *  # noqa: F403  (Oscar's settings, overridden below)

from content.articles.access import can_change_articles
from content.kit.dashboard import can_view_subscribers
from shop.apps.catalogue.reviews.dashboard import can_change_review_requests
from shop.attribution.access import can_view_report
from shop.downloads.dashboard import (
    can_change_download_links,
    can_change_download_policy,
)
from shop.logs import JSON_FORMATTER
from shop.mail.dashboard import can_view_outbox

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

# --- Core -----------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (see README: Settings)."
        )
    # Development only: a key that changes nothing but sessions on this machine.
    SECRET_KEY = "dev-only-insecure-key-set-SECRET_KEY-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SITE_ID = 1
ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.forms",
    # Oscar, with the apps we change forked under shop/apps/.
    "shop.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.apps.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "oscar.apps.shipping.apps.ShippingConfig",
    "shop.apps.catalogue.apps.CatalogueConfig",
    "shop.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.apps.partner.apps.PartnerConfig",
    "shop.apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.apps.order.apps.OrderConfig",
    "shop.apps.customer.apps.CustomerConfig",
    "shop.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "shop.apps.dashboard.users.apps.UsersDashboardConfig",
    "shop.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "shop.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "shop.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    "huey.contrib.djhuey",
    "axes",
    # Our own apps.
    "shop.navigation",
    "shop.markup",
    "shop.pagecache",
    "shop.downloads",
    "shop.limits",
    "shop.payments",
    "shop.mail",
    "shop.storage",
    "shop.demo",
    "shop.attribution",
    "content",
    "content.articles.apps.ArticlesConfig",
    "content.kit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "shop.content_policy.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "shop.nullbytes.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Kept pages for visitors with nothing of their own: before the basket,
    # the URL routing and the views, which such a page does not need.
    "shop.pagecache.middleware.CachedPagesMiddleware",
    "shop.privacy.SignedInPagesArePrivateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    # Last, so that it sees the sign-in page a locked-out attempt rendered.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.core.context_processors.metadata",
            ],
        },
    },
]

# Form widgets are found like every other template, so templates/ can
# override one (Oscar's image field, in templates/oscar/forms/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

AUTHENTICATION_BACKENDS = [
    # First: refuses any password while the account is cooling off (shop/signin.py).
    "shop.signin.SignInThrottleBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]

_VALIDATION = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATION}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATION}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATION}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATION}.NumericPasswordValidator"},
]

# The shop speaks English only, in Oscar's own words ("basket", "voucher").
# Oscar's en_US catalogue turns them into "cart" and "coupon", and Python's
# gettext falls back to en_US even for "en", so translation is off rather
# than patched with a catalogue of our own. Formats still follow en-us:
# prices read $9.90, dates Jan. 5, 2026.
LANGUAGE_CODE = "en-us"
LANGUAGES = [("en-us", "English")]
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

# --- Database -------------------------------------------------------------

# How long a write on the embedded SQLite waits for another one to finish.
SQLITE_BUSY_TIMEOUT = env.int("SQLITE_BUSY_TIMEOUT", default=20)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One file shared by the web processes and the task worker: readers never
    # wait (WAL), a writer takes the lock when its transaction begins and
    # waits up to SQLITE_BUSY_TIMEOUT for it rather than failing at its first
    # write. synchronous=NORMAL is WAL's own advice: a crash of the shop loses
    # nothing; a power cut may lose the last commits, never the file.
    _sqlite = DATABASES["default"].setdefault("OPTIONS", {})
    _sqlite.setdefault("transaction_mode", "IMMEDIATE")
    _sqlite.setdefault("timeout", SQLITE_BUSY_TIMEOUT)
    _sqlite.setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"
    )
    # Reads must not queue for the write lock: only requests that may write
    # run in one transaction (shop/transactions.py).
    DATABASES["default"]["ATOMIC_REQUESTS"] = False
    MIDDLEWARE.append("shop.transactions.AtomicWritesMiddleware")

# --- Cache, sessions and the task queue -----------------------------------

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # The cache is never needed (shop/cache.py): a call waits at most 0.25 s
    # to connect and 0.5 s for an answer, and after a failure the process
    # serves without Redis for RETRY_AFTER seconds before it tries again.
    # Sessions are kept in the database too, so they outlive a Redis outage.
    CACHES = {
        "default": {
            "BACKEND": "shop.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "gtb",
            "RETRY_AFTER": 5,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "gotobetter",
        "url": REDIS_URL,
        "immediate": False,
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "gotobetter",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "gotobetter",
        "filename": str(VAR_DIR / "tasks.sqlite3"),
        "immediate": False,
        # huey's own default journal (WAL); its busy timeout (5 s) would drop
        # an e-mail queued while the worker holds the queue under load.
        "timeout": SQLITE_BUSY_TIMEOUT,
    }

# Product and article pages are kept whole in the cache for anonymous
# readers (shop/pagecache). Any content change retires them at once; this
# bounds how long one can miss a change made without Django's signals.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# With Redis, each web process keeps its own copy of the pages it served and
# asks Redis whether the content changed at most this often (shop/pagecache/
# local.py): a change made on another process or host shows within it.
PAGE_CACHE_LOCAL_SECONDS = env.float("PAGE_CACHE_LOCAL_SECONDS", default=1.0)
# Product page views are counted in memory and written to Oscar's analytics
# at most this often, by each web process, outside any reader's request.
PRODUCT_VIEWS_FLUSH_SECONDS = env.int("PRODUCT_VIEWS_FLUSH_SECONDS", default=10)
# A kit sign-up or a basket addition is credited to the last article read
# within this many hours before it (shop/attribution/touches.py).
ATTRIBUTION_WINDOW_HOURS = env.int("ATTRIBUTION_WINDOW_HOURS", default=24)
# How long an unbought basket keeps how it was found.
ATTRIBUTION_BASKET_DAYS = env.int("ATTRIBUTION_BASKET_DAYS", default=30)

# --- E-mail ---------------------------------------------------------------
# Every message is written to the outbox (shop.mail) in the transaction that
# owes it, and the worker delivers it through MAIL_DELIVERY_BACKEND, retrying
# with growing pauses: a mail server or task queue outage delays mail but
# never loses it.

EMAIL_BACKEND = "shop.mail.backends.OutboxEmailBackend"
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    _email = environ.Env.email_url_config(EMAIL_URL)
    MAIL_DELIVERY_BACKEND = _email.pop("EMAIL_BACKEND")
    globals().update(_email)
else:
    MAIL_DELIVERY_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
# A mail server that accepts the connection and then says nothing is given
# up on after this long (seconds), and the message tried again later.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="GoToBetter <hello@gotobetter.localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Who sells: every receipt (e-mail and page) and every e-mail's footer name
# the seller, their postal address and where to write (refunds, questions).
SELLER_NAME = env.str("SELLER_NAME", default="GoToBetter")
SELLER_ADDRESS = env.str(
    "SELLER_ADDRESS", default="100 Example Street, Portland, OR 97201, USA"
)
SELLER_EMAIL = env.str(
    "SELLER_EMAIL", default=parseaddr(DEFAULT_FROM_EMAIL)[1] or DEFAULT_FROM_EMAIL
)
# What the refunds page and every receipt promise: the money back within this
# many days of buying, for the asking.
REFUND_DAYS = env.int("REFUND_DAYS", default=30)
# The first retry after MAIL_RETRY_DELAY seconds, each next pause twice as
# long up to MAIL_RETRY_MAX_DELAY, until MAIL_GIVE_UP_AFTER seconds after the
# message was written; then staff see it as failed and can send it again.
MAIL_RETRY_DELAY = env.int("MAIL_RETRY_DELAY", default=60)
MAIL_RETRY_MAX_DELAY = env.int("MAIL_RETRY_MAX_DELAY", default=3600)
MAIL_GIVE_UP_AFTER = env.int("MAIL_GIVE_UP_AFTER", default=4 * 24 * 3600)
# How long one run of the worker's mail sender goes on before it lets the
# next run (a minute later at most) take over.
MAIL_DELIVERY_BUDGET = env.int("MAIL_DELIVERY_BUDGET", default=50)

# --- The starter kit (content.kit) -----------------------------------------

KIT_CONFIRM_MAX_AGE = env.int("KIT_CONFIRM_MAX_AGE", default=7 * 24 * 3600)
KIT_RESEND_INTERVAL = env.int("KIT_RESEND_INTERVAL", default=600)
KIT_CLAIMS_PER_IP_PER_HOUR = env.int("KIT_CLAIMS_PER_IP_PER_HOUR", default=10)
# Reverse proxies in front of the shop that append to X-Forwarded-For (0: none).
PROXY_COUNT = env.int("PROXY_COUNT", default=0)

# --- Sign-in throttling (shop/signin.py, with django-axes) ----------------
# Wrong passwords in a row for one account from one address, then a pause.

SIGNIN_FAILURE_LIMIT = env.int("SIGNIN_FAILURE_LIMIT", default=5)
SIGNIN_COOLOFF_MINUTES = env.int("SIGNIN_COOLOFF_MINUTES", default=15)
AXES_FAILURE_LIMIT = SIGNIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=SIGNIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "shop.client_ip.client_ip"
AXES_USERNAME_CALLABLE = "shop.signin.attempted_username"
AXES_LOCKOUT_CALLABLE = "shop.signin.lockout_response"
# No record of every sign-in (addresses of customers who got in); failed
# attempts stay, for staff to see and clear in the admin, until they expire.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Never keep a typed password, whatever the form's prefix names it.
AXES_SENSITIVE_PARAMETERS = ["username", "login-username", "login-password"]

# --- Static and media files -----------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# With object storage, the load balancer passes this path on to the media bucket.
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Paid files live outside MEDIA_ROOT and are only ever streamed by the shop.
PRIVATE_MEDIA_ROOT = Path(
    env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "shop.downloads.storage.PrivateFileStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Several web hosts: the files go to an S3-compatible object store (AWS S3,
# Cloudflare R2, MinIO...), public media and private files in two buckets
# (shop/storage). Without both bucket names the local disk above is used.
S3_MEDIA_BUCKET = env.str("S3_MEDIA_BUCKET", default="")
S3_PRIVATE_BUCKET = env.str("S3_PRIVATE_BUCKET", default="")
# Empty: AWS itself; else the store's address, e.g. https://<id>.r2.cloudflarestorage.com
S3_ENDPOINT_URL = env.str("S3_ENDPOINT_URL", default="")
S3_REGION = env.str("S3_REGION", default="us-east-1")
# Empty: boto3's own chain (AWS_ACCESS_KEY_ID..., an instance role).
S3_ACCESS_KEY_ID = env.str("S3_ACCESS_KEY_ID", default="")
S3_SECRET_ACCESS_KEY = env.str("S3_SECRET_ACCESS_KEY", default="")
# "path" for stores reached at an address without bucket sub-domains.
S3_ADDRESSING_STYLE = env.str("S3_ADDRESSING_STYLE", default="")
OBJECT_STORAGE = bool(S3_MEDIA_BUCKET or S3_PRIVATE_BUCKET)
if OBJECT_STORAGE and not (S3_MEDIA_BUCKET and S3_PRIVATE_BUCKET):
    raise ImproperlyConfigured(
        "Set both S3_MEDIA_BUCKET and S3_PRIVATE_BUCKET (two buckets: public "
        "media and private files), or neither (see README: Running on several "
        "machines)."
    )

if OBJECT_STORAGE:
    STORAGES["default"] = {"BACKEND": "shop.storage.backends.PublicMediaStorage"}
    STORAGES["private"] = {"BACKEND": "shop.storage.backends.PrivateObjectStorage"}
# Pictures staff upload to articles (heroes, pictures in a body) larger than
# this are refused with a message; the pages serve resized copies anyway.
IMAGE_UPLOAD_MAX_MB = env.int("IMAGE_UPLOAD_MAX_MB", default=8)
# Media is served by Django itself only while developing; in production the
# web server in front of gunicorn serves MEDIA_ROOT at MEDIA_URL.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG and not OBJECT_STORAGE)

# --- Stripe ---------------------------------------------------------------
# With no keys set, the shop talks to localstripe (the run command starts it).

STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")
STRIPE_LOCAL = not STRIPE_SECRET_KEY
# The stand-in's webhook secret is public: a shop on it takes no real money
# and must not look as if it did. With DEBUG off it is used only when asked
# for by name (the tests, benches, a staging box), and `check --deploy` warns.
STRIPE_LOCAL_NOT_FOR_PRODUCTION = env.bool(
    "STRIPE_LOCAL_NOT_FOR_PRODUCTION", default=DEBUG
)
if STRIPE_LOCAL and not STRIPE_LOCAL_NOT_FOR_PRODUCTION:
    raise ImproperlyConfigured(
        "STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET must "
        "be set when DEBUG is off. To run on the local Stripe stand-in instead "
        "(no real payments, never in production), set "
        "STRIPE_LOCAL_NOT_FOR_PRODUCTION=1 (see README: Settings)."
    )
if not STRIPE_LOCAL and not (STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET):
    raise ImproperlyConfigured(
        "With STRIPE_SECRET_KEY set, STRIPE_PUBLISHABLE_KEY and "
        "STRIPE_WEBHOOK_SECRET must be set too (see README: Settings)."
    )
if STRIPE_LOCAL:
    STRIPE_SECRET_KEY = "sk_test_localstripe"
    STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
    STRIPE_WEBHOOK_SECRET = STRIPE_WEBHOOK_SECRET or "whsec_localstripe"
    STRIPE_API_BASE = STRIPE_API_BASE or "http://127.0.0.1:8420"
# How old a signed webhook may be (seconds) before it is refused as a replay.
STRIPE_WEBHOOK_TOLERANCE = env.int("STRIPE_WEBHOOK_TOLERANCE", default=300)
# The card-testing guard (shop/payments/guard.py): card payments tried and
# declined per hour, per basket, per address and, for declines, shop-wide.
# One declined card and then a good one is far below each.
CARD_ATTEMPTS_PER_BASKET_PER_HOUR = env.int(
    "CARD_ATTEMPTS_PER_BASKET_PER_HOUR", default=10
)
CARD_DECLINES_PER_BASKET_PER_HOUR = env.int(
    "CARD_DECLINES_PER_BASKET_PER_HOUR", default=5
)
CARD_ATTEMPTS_PER_IP_PER_HOUR = env.int("CARD_ATTEMPTS_PER_IP_PER_HOUR", default=20)
CARD_DECLINES_PER_IP_PER_HOUR = env.int("CARD_DECLINES_PER_IP_PER_HOUR", default=8)
CARD_DECLINES_PER_HOUR = env.int("CARD_DECLINES_PER_HOUR", default=150)
# How often the task queue reads Stripe's events for missed webhooks.
STRIPE_RECONCILE_MINUTES = env.int("STRIPE_RECONCILE_MINUTES", default=5)

# --- Downloads ------------------------------------------------------------

# The initial defaults for new download links: staff change them in the admin
# (Digital downloads, Default download limits), which then takes precedence.
DOWNLOAD_EXPIRY_DAYS = env.int("DOWNLOAD_EXPIRY_DAYS", default=7)
DOWNLOAD_LIMIT = env.int("DOWNLOAD_LIMIT", default=5)
# At most one fresh link per file of an order line in this many seconds,
# however often "E-mail me a fresh link" is pressed.
DOWNLOAD_RENEW_INTERVAL = env.int("DOWNLOAD_RENEW_INTERVAL", default=600)
# "X-Accel-Redirect" (nginx) or "X-Sendfile" (Apache, lighttpd) hands each
# download to the web server; empty streams it from Django.
DOWNLOAD_SENDFILE_HEADER = env.str("DOWNLOAD_SENDFILE_HEADER", default="")
if DOWNLOAD_SENDFILE_HEADER and OBJECT_STORAGE:
    raise ImproperlyConfigured(
        "DOWNLOAD_SENDFILE_HEADER hands the web server a file on its own disk; "
        "with object storage the shop streams each download itself: unset it."
    )
# nginx's `internal` location that maps to PRIVATE_MEDIA_ROOT.
DOWNLOAD_SENDFILE_PREFIX = env.str("DOWNLOAD_SENDFILE_PREFIX", default="/private/")
# The largest PDF or ZIP staff can upload as a product's file, in megabytes.
PRODUCT_FILE_MAX_MB = env.int("PRODUCT_FILE_MAX_MB", default=100)
# "A new version is ready" e-mails to past buyers: at most this many a minute,
# so a big list neither floods the mail server nor looks like spam.
NEW_VERSION_MAILS_PER_MINUTE = env.int("NEW_VERSION_MAILS_PER_MINUTE", default=20)

# --- Security (production values when DEBUG is off) -----------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every page loads only the shop's own files, and no inline script or style
# (shop/content_policy.py: what the card page and the dashboard add). The
# nonce is sent only by pages that use it (the dashboard's inline set-up).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
OSCAR_BASKET_COOKIE_SECURE = SESSION_COOKIE_SECURE
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = SESSION_COOKIE_SECURE

# --- Logging: one JSON object per line on standard output -----------------

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": JSON_FORMATTER},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "huey": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
    },
}

# --- Oscar: a shop of digital goods, in US dollars ------------------------

OSCAR_SHOP_NAME = "GoToBetter"
OSCAR_SHOP_TAGLINE = "Tiny steps, kept gently"
OSCAR_HOMEPAGE = reverse_lazy("home")
OSCAR_DEFAULT_CURRENCY = "USD"
OSCAR_CURRENCY_FORMAT = {"USD": {"currency_digits": True, "format_type": "standard"}}
OSCAR_ALLOW_ANON_CHECKOUT = True
# An order exists once it is paid; after that only refunds move it, through
# the order EventHandler (shop/apps/order/processing.py). "Partly refunded in
# Stripe" is a refund made in Stripe's dashboard that named no lines: staff
# choose on the order page which lines' downloads it ends.
OSCAR_INITIAL_ORDER_STATUS = "Paid"
OSCAR_ORDER_STATUS_PIPELINE = {
    "Paid": ["Partly refunded", "Partly refunded in Stripe", "Refunded"],
    "Partly refunded": ["Partly refunded in Stripe", "Refunded"],
    "Partly refunded in Stripe": ["Partly refunded", "Refunded"],
    "Refunded": [],
}
# Each line says whether it was refunded (the dashboard's order page).
OSCAR_INITIAL_LINE_STATUS = "Paid"
OSCAR_LINE_STATUS_PIPELINE = {"Paid": ["Refunded"], "Refunded": []}
# Nothing to ship, nothing that runs out, no wish lists: the account offers
# orders, details and password only (shop/apps/customer/apps.py). No copy of
# account e-mails (password reset links among them) is kept either, as no
# page shows them.
OSCAR_HIDDEN_FEATURES = ["wishlists"]
OSCAR_EAGER_ALERTS = False
OSCAR_SAVE_SENT_EMAILS_TO_DB = False
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True
# How long a guest buyer's review link (the review request e-mail, their
# library page) works: long enough to use the printable first.
REVIEW_LINK_MAX_AGE = env.int("REVIEW_LINK_MAX_AGE", default=365 * 24 * 3600)
OSCAR_REQUIRED_ADDRESS_FIELDS = ()
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_THUMBNAILER = "oscar.core.thumbnails.SorlThumbnail"
# A new account opens from a link e-mailed to its address (valid for
# PASSWORD_RESET_TIMEOUT, Django's 3 days); one sign-up e-mail per address
# in this many seconds, however often the form is sent.
REGISTRATION_MAIL_INTERVAL = env.int("REGISTRATION_MAIL_INTERVAL", default=600)
# "Get my downloads again": how long the e-mailed library link works, at most
# one such e-mail per address per interval, and requests per IP per hour.
LIBRARY_LINK_MAX_AGE = env.int("LIBRARY_LINK_MAX_AGE", default=24 * 3600)
LIBRARY_MAIL_INTERVAL = env.int("LIBRARY_MAIL_INTERVAL", default=600)
LIBRARY_REQUESTS_PER_IP_PER_HOUR = env.int(
    "LIBRARY_REQUESTS_PER_IP_PER_HOUR", default=10
)
# A customer's account opens on their orders and downloads.
LOGIN_REDIRECT_URL = reverse_lazy("customer:summary")
OSCAR_ACCOUNTS_REDIRECT_URL = "customer:order-list"
OSCAR_URL_SCHEMA = env.str("OSCAR_URL_SCHEMA", default="http" if DEBUG else "https")
THUMBNAIL_DEBUG = False
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"

# Oscar's search app is kept for its URL, but lists and search read the
# database (shop/apps/search): no search index to build or keep in sync.
HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}
}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# Staff have one home: the dashboard's menu leads to the articles, the kit's
# subscribers and the download links and their default limits in the admin,
# and the admin links back to the dashboard.
_CONTENT_EXTRA = [
    {
        "label": "Articles",
        "url_name": "admin:articles_article_changelist",
        "access_fn": can_change_articles,
    },
]
_REVIEWS_EXTRA = [
    {
        "label": "Review requests",
        "url_name": "admin:reviews_reviewrequestpolicy_changelist",
        "access_fn": can_change_review_requests,
    },
]


def _ours(section):
    """Oscar's menu section as the shop has it: the articles first under
    Content, review requests beside the reviews, and no "Email templates" (the
    e-mails are templates kept with the code; the dashboard's urls leave
    Oscar's pages out)."""
    if "children" not in section:
        return section
    children = []
    for child in section["children"]:
        if child.get("url_name") == "dashboard:comms-list":
            continue
        if child.get("url_name") == "dashboard:page-list":
            children.extend(_CONTENT_EXTRA)
        children.append(child)
        if child.get("url_name") == "dashboard:reviews-list":
            children.extend(_REVIEWS_EXTRA)
    return {**section, "children": children}


# One row of menu at 1280 px: what the shop adds goes into Oscar's sections
# where it belongs, and three of its own (the owner's report, the kit, and
# how buyers get their files and e-mails).
OSCAR_DASHBOARD_NAVIGATION = [
    *(_ours(section) for section in OSCAR_DASHBOARD_NAVIGATION),  # noqa: F405
    {
        "label": "What's working",
        "icon": "fas fa-chart-line",
        "url_name": "attribution:report",
        "access_fn": can_view_report,
    },
    {
        "label": "Starter kit",
        "icon": "fas fa-envelope-open-text",
        "children": [
            {
                "label": "Subscribers",
                "url_name": "admin:kit_subscriber_changelist",
                "access_fn": can_view_subscribers,
            },
        ],
    },
    {
        "label": "Delivery",
        "icon": "fas fa-file-download",
        "children": [
            {
                "label": "Download links",
                "url_name": "admin:downloads_downloadlink_changelist",
                "access_fn": can_change_download_links,
            },
            {
                "label": "Default download limits",
                "url_name": "admin:downloads_downloadpolicy_changelist",
                "access_fn": can_change_download_policy,
            },
            {
                "label": "Outgoing e-mail",
                "url_name": "admin:mail_outgoingmessage_changelist",
                "access_fn": can_view_outbox,
            },
        ],
    },
]
