from django.core.checks import Error, register

# Six months after an article is retracted or taken down, at least.
MINIMUM_RETENTION_DAYS = 183


@register()
def retention_is_long_enough(app_configs, **kwargs):
    from django.conf import settings

    days = settings.RECORD_RETENTION_DAYS
    if isinstance(days, int) and days >= MINIMUM_RETENTION_DAYS:
        return []
    return [
        Error(
            f"RECORD_RETENTION_DAYS is {days!r}: the record of a retracted or "
            f"taken-down article must be kept at least {MINIMUM_RETENTION_DAYS} "
            "days.",
            hint=f"Set RECORD_RETENTION_DAYS to {MINIMUM_RETENTION_DAYS} or more.",
            id="record.E001",
        )
    ]
