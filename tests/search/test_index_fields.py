from django.test import SimpleTestCase, override_settings
from wagtail.models import Page, get_page_models
from wagtail.search import index

from articles.models import ArticlePage, Author
from core.search_fields import ChineseAutocompleteField, ChineseSearchField


class IndexFieldTests(SimpleTestCase):
    def test_every_page_model_keeps_pages_core_search_fields(self):
        """Wagtail's check W001 looks at the first ten; all of them, and the
        segmented title fields beside them."""
        core = Page.search_fields
        for model in get_page_models():
            if model is Page or not model.search_fields:
                continue
            with self.subTest(model=model.__name__):
                for field in core:
                    self.assertIn(field, model.search_fields)
                kinds = {
                    (type(field), field.field_name)
                    for field in model.search_fields
                    if field.field_name == "title"
                }
                self.assertIn((ChineseSearchField, "title"), kinds)
                self.assertIn((ChineseAutocompleteField, "title"), kinds)

    def test_title_keeps_its_name_and_boost(self):
        title = next(
            field
            for field in ArticlePage.search_fields
            if isinstance(field, index.SearchField) and field.field_name == "title"
        )
        self.assertEqual(title.boost, 2)

    def test_indexed_value_is_segmented(self):
        author = Author(name="林致远")
        field = ChineseSearchField("name")
        self.assertEqual(field.get_value(author), "林致 致远 林 致 远")

    @override_settings(
        WAGTAILSEARCH_BACKENDS={
            "default": {"BACKEND": "wagtail.search.backends.elasticsearch8"}
        }
    )
    def test_fields_index_plain_text_once_the_site_moves_off_the_database(self):
        author = Author(name="林致远")
        self.assertEqual(ChineseSearchField("name").get_value(author), "林致远")
