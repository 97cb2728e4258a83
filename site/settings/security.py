"""Security settings for every environment: response headers, the two
Content-Security-Policies, login throttling and two-factor authentication.
production.py adds what needs HTTPS (HSTS, secure cookies)."""

from csp import constants as csp

from .env import env_bool, env_int, env_str

# --- Headers on every response ------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's preview views override this with SAMEORIGIN for the admin's own
# preview iframe; nothing else may be framed.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True

PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# Nothing in the admin calls out to another site (none would pass its CSP):
# avatars are initials, not Gravatar pictures, and Wagtail does not look for
# new releases from the dashboard (upgrades are planned, not prompted).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Public pages: nothing inline, nothing from another origin (the site loads no
# third-party script, font or stylesheet). media_origin() adds an S3/CDN host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF],
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "media-src": [csp.SELF],
        "frame-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.NONE],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    }
}

# The Wagtail admin (and its previews) renders inline scripts and styles of
# its own, so under WAGTAILADMIN_PATH scripts may be inline; still nothing
# from another origin, and only the admin itself may frame its previews.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **{
            name: list(sources)
            for name, sources in CONTENT_SECURITY_POLICY["DIRECTIVES"].items()
        },
        "script-src": [csp.SELF, csp.UNSAFE_INLINE],
        "style-src": [csp.SELF, csp.UNSAFE_INLINE],
        "img-src": [csp.SELF, "data:", "blob:"],
        "base-uri": [csp.SELF],
        "frame-ancestors": [csp.SELF],
    }
}

# --- Admin login: throttled against brute force (django-axes) -----------------
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
# Per address, so a spray over many usernames is stopped too, and nobody can
# lock a known editor out from elsewhere by guessing at their name.
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
# The same idea of the client's address as the feedback rate limits: the
# connection's, or the proxy's header when TRUSTED_PROXY_HEADER
# (and TRUSTED_PROXIES) name it.
AXES_CLIENT_IP_CALLABLE = "security.client_ip.client_ip"
# Records keep that exact address; failures are counted per limit key, as
# every other per-address limit is: an IPv6 address by its /64 network.
AXES_HANDLER = "security.login_throttle.NetworkLockoutHandler"
AXES_VERBOSE = False

# The admin's password reset: a form that sends no e-mail past the limits
# (PASSWORD_RESET_RATE_LIMIT_PER_EMAIL / _PER_IP), answering the same. (S105:
# a form's path, not a password.)
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "security.forms.ThrottledPasswordResetForm"  # noqa: S105

# --- Two-factor authentication for staff (django-otp, TOTP) ------------------
# Optional: staff enrol an authenticator app under 账户 → 两步验证; from then
# on every sign-in asks for a code. TWO_FACTOR_REQUIRED makes it mandatory
# for everyone with admin access.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "时评 Newsroom")

# --- Content integrity (manage.py check_content) ---------------------------
# External URLs the templates themselves link to (the share bar).
CONTENT_CHECK_ALLOWED_URL_PREFIXES = [
    "https://service.weibo.com/share/share.php?",
    "https://connect.qq.com/widget/shareqq/index.html?",
]
# Hosts whose <iframe> an editor may embed (none: the body has no embed block).
CONTENT_CHECK_ALLOWED_FRAME_HOSTS = []
# Snippets holding what readers typed: their URLs never count as entered by
# an editor.
CONTENT_CHECK_READER_MODELS = ["feedback.Feedback"]
# Pages that are not Wagtail pages but carry the site's chrome.
CONTENT_CHECK_EXTRA_PATHS = [
    "/feedback/figures/",
    "/feedback/lookup/",
    "/search/?q=时评",
]
