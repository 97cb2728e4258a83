from django.core.checks import Error, register

# 网络安全法 art. 21(3): network logs are kept at least six months.
MINIMUM_RETENTION_DAYS = 180


@register()
def retention_is_long_enough(app_configs, **kwargs):
    from django.conf import settings

    days = getattr(settings, "COMMENT_LOG_RETENTION_DAYS", None)
    if isinstance(days, int) and days >= MINIMUM_RETENTION_DAYS:
        return []
    return [
        Error(
            f"COMMENT_LOG_RETENTION_DAYS is {days!r}: the comment log must be "
            f"kept at least {MINIMUM_RETENTION_DAYS} days.",
            hint=f"Set COMMENT_LOG_RETENTION_DAYS to {MINIMUM_RETENTION_DAYS} or more.",
            id="commentlog.E001",
        )
    ]
