from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "栏目与文章"

    def ready(self):
        from articles import record, signals

        signals.connect()
        # Every publication of an article is archived (record/).
        record.register()
