from wagtail.models import PagePermissionTester


class ArticlePermissionTester(PagePermissionTester):
    """Wagtail lets anyone who may delete a page move it, so a writer could
    move their own drafts between columns. Moving changes an article's
    address and column, so here it also takes the publish permission."""

    def can_move(self):
        return super().can_move() and (
            self.user.is_superuser or "publish" in self.permissions
        )
