from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def page_cache_is_shared(app_configs, **kwargs):
    """A local-memory page cache lives in one process: a purge from another
    worker or from the scheduler never reaches it."""
    from django.conf import settings

    if not settings.PAGE_CACHE_ENABLED:
        return []
    alias = settings.PAGE_CACHE_ALIAS
    backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
    if "LocMemCache" in backend:
        return [
            Warning(
                "The page cache is in local memory, which each process keeps "
                "for itself: purges from other workers and the scheduler miss it.",
                hint="Set REDIS_URL, or PAGE_CACHE_ENABLED=0 with several workers.",
                id="caching.W001",
            )
        ]
    return []
