from .article import ArticleByline, ArticlePage, ArticlePageTag, RelatedArticle
from .authors import Author, AuthorIndexPage, BylineRole
from .columns import ColumnPage
from .sources import Source
from .withdrawal import Withdrawal

__all__ = [
    "ArticleByline",
    "ArticlePage",
    "ArticlePageTag",
    "Author",
    "AuthorIndexPage",
    "BylineRole",
    "ColumnPage",
    "RelatedArticle",
    "Source",
    "Withdrawal",
]
