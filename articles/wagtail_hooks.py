from wagtail.snippets.models import register_snippet

from articles.viewsets import NewsroomViewSetGroup

register_snippet(NewsroomViewSetGroup)
