from django.urls import path

from feeds.feeds import ArticleFeed, AuthorFeed, ColumnFeed, atom

app_name = "feeds"

urlpatterns = [
    path("rss.xml", ArticleFeed(), name="site_rss"),
    path("atom.xml", atom(ArticleFeed)(), name="site_atom"),
    path("columns/<slug:slug>/rss.xml", ColumnFeed(), name="column_rss"),
    path("columns/<slug:slug>/atom.xml", atom(ColumnFeed)(), name="column_atom"),
    path("authors/<slug:slug>/rss.xml", AuthorFeed(), name="author_rss"),
    path("authors/<slug:slug>/atom.xml", atom(AuthorFeed)(), name="author_atom"),
]
