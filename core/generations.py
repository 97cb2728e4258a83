"""A generation: a token in the default cache that every change to what
readers are shown renews, so values kept under it are never read again once
the content behind them changed (the listing counts, the render cache).

Renewed at once (for the changing transaction's own reads) and again after
the commit, for a value another request computed in between from the data
before it; `wait_for_replica` first lets a read replica replay the change.
"""

import uuid

from django.core.cache import cache
from django.db import transaction


class Generation:
    def __init__(self, name: str, *, wait_for_replica: bool = False):
        self.name = name
        self.key = f"{name}:generation"
        self.wait_for_replica = wait_for_replica

    def current(self) -> str:
        value = cache.get(self.key)
        if value is None:
            cache.add(self.key, uuid.uuid4().hex, None)
            value = cache.get(self.key, "")
        return value

    def renew_now(self) -> None:
        cache.set(self.key, uuid.uuid4().hex, None)

    def _after_commit(self) -> None:
        if self.wait_for_replica:
            from core.replication import wait_for_replica

            wait_for_replica()
        self.renew_now()

    def renew(self) -> None:
        self.renew_now()
        transaction.on_commit(self._after_commit)

    def _changed(self, sender, **kwargs) -> None:
        if kwargs.get("raw"):
            return  # loaddata (restore_site) clears the caches when it is done
        self.renew()

    def _page_deleted(self, sender, instance, **kwargs) -> None:
        from wagtail.models import Page

        if isinstance(instance, Page):
            self.renew()

    def connect(self) -> None:
        """Renew on publishing, unpublishing, moving or deleting a page, a
        change of who may see it (a view restriction) and a change of what
        lists show of an article (core.purging.article_changed)."""
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from core.purging import article_changed

        uid = self.name
        page_published.connect(self._changed, dispatch_uid=f"{uid}.published")
        page_unpublished.connect(self._changed, dispatch_uid=f"{uid}.unpublished")
        post_page_move.connect(self._changed, dispatch_uid=f"{uid}.moved")
        post_delete.connect(self._page_deleted, dispatch_uid=f"{uid}.page_deleted")
        article_changed.connect(self._changed, dispatch_uid=f"{uid}.article")
        for signal in (post_save, post_delete):
            signal.connect(
                self._changed,
                sender=PageViewRestriction,
                dispatch_uid=f"{uid}.restriction.{signal is post_save}",
            )
