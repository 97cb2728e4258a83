"""What the abuse tests throw at the site."""

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "<iframe src=//evil.example></iframe>",
]
EXECUTABLE = [
    "<script>alert",
    "<img src=x onerror",
    "<svg/onload",
    "<iframe src=//evil",
]


def assert_inert(html: str) -> None:
    for marker in EXECUTABLE:
        assert marker not in html
