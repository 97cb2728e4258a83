"""An article body as text, from the methods on its block classes
(articles/blocks.py): each block's plain text (what search excerpts quote) and
feed HTML, read from the stored value, and the same words in the search
excerpt, a feed item and the pre-approval check."""

import ast
from pathlib import Path

import feedparser
from django.test import SimpleTestCase, TestCase
from django.utils.html import strip_tags
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

import articles.blocks
from articles.blocks import ArticleBodyBlock
from articles.models import ArticlePage
from core.text import compact, join_words
from editorial.checks import body_texts, draft_from_page
from search.templatetags.search_tags import search_excerpt
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import NewsImageFactory, site_settings
from tests.home.factories import get_home_page

BODY = ArticleBodyBlock()
BLOCK = BODY.child_blocks


def stored_body(*blocks) -> StreamValue:
    """A body as read from the database: raw JSON, not yet converted."""
    raw = [
        {"type": block_type, "value": value, "id": f"b{n}"}
        for n, (block_type, value) in enumerate(blocks)
    ]
    return StreamValue(BODY, raw, is_lazy=True)


class BlockTextTests(SimpleTestCase):
    """Every block type's plain text and feed HTML, from its stored value."""

    def test_paragraph(self):
        value = '<p>基层<b>服务</b>的<a href="https://example.org/">好坏</a></p>'
        self.assertEqual(BLOCK["paragraph"].plain_text(value), "基层服务的好坏")
        self.assertEqual(BLOCK["paragraph"].feed_html(value), value)

    def test_thesis(self):
        value = {"lead": "坚持问题导向,", "text": "把问题列成清单。"}
        self.assertEqual(
            BLOCK["thesis"].plain_text(value), "坚持问题导向,把问题列成清单。"
        )
        self.assertEqual(
            BLOCK["thesis"].feed_html(value),
            "<p><strong>坚持问题导向,</strong>把问题列成清单。</p>",
        )

    def test_thesis_text_is_escaped_in_the_feed(self):
        value = {"lead": "甲<乙", "text": "A&B"}
        self.assertEqual(
            BLOCK["thesis"].feed_html(value),
            "<p><strong>甲&lt;乙</strong>A&amp;B</p>",
        )

    def test_subheading(self):
        self.assertEqual(
            BLOCK["subheading"].plain_text("让服务跑在前面"), "让服务跑在前面"
        )
        self.assertEqual(
            BLOCK["subheading"].feed_html("让服务跑在前面"), "<h2>让服务跑在前面</h2>"
        )

    def test_quote_with_and_without_attribution(self):
        quote = BLOCK["quote"]
        value = {"text": "不积跬步", "attribution": "《荀子》"}
        self.assertEqual(quote.plain_text(value), "不积跬步《荀子》")
        self.assertEqual(
            quote.feed_html(value),
            "<blockquote><p>不积跬步</p><footer>《荀子》</footer></blockquote>",
        )
        value = {"text": "不积跬步", "attribution": ""}
        self.assertEqual(quote.plain_text(value), "不积跬步")
        self.assertEqual(
            quote.feed_html(value), "<blockquote><p>不积跬步</p></blockquote>"
        )

    def test_image_has_no_excerpt_words_and_its_caption_in_the_feed(self):
        image = BLOCK["image"]
        value = {"image": {"image": 1, "alt_text": "大厅", "decorative": False}}
        self.assertEqual(image.plain_text({**value, "caption": "服务大厅"}), "")
        self.assertEqual(
            image.feed_html({**value, "caption": "服务大厅"}),
            "<p><em>[图] 服务大厅</em></p>",
        )
        self.assertEqual(image.feed_html({**value, "caption": ""}), "")

    def test_list_in_either_stored_shape(self):
        block = BLOCK["list"]
        ordered = {
            "ordered": True,
            "items": [
                {"type": "item", "value": "受理", "id": "1"},
                {"type": "item", "value": "办理", "id": "2"},
            ],
        }
        bullets = {"ordered": False, "items": ["件件有反馈", "件件有整改"]}
        self.assertEqual(block.plain_text(ordered), "受理办理")
        self.assertEqual(
            block.feed_html(ordered), "<ol><li>受理</li><li>办理</li></ol>"
        )
        self.assertEqual(block.plain_text(bullets), "件件有反馈件件有整改")
        self.assertEqual(
            block.feed_html(bullets), "<ul><li>件件有反馈</li><li>件件有整改</li></ul>"
        )


class BodyTextTests(SimpleTestCase):
    """The body block walks a stored body with the blocks' methods."""

    def test_plain_text_joins_the_blocks_words_and_skips_images(self):
        body = stored_body(
            ("paragraph", "<p>第一段</p>"),
            ("image", {"image": 1, "caption": "图片说明"}),
            ("paragraph", ""),
            ("subheading", "小标题"),
            ("gone", "一种已删除的块"),
            ("list", {"ordered": False, "items": ["甲", "乙"]}),
        )
        self.assertEqual(BODY.plain_text(body), "第一段小标题甲乙")

    def test_feed_html_is_the_blocks_html_in_order(self):
        body = stored_body(
            ("subheading", "小标题"),
            ("image", {"image": 1, "caption": ""}),
            ("gone", "一种已删除的块"),
            ("quote", {"text": "引文", "attribution": ""}),
        )
        self.assertEqual(
            BODY.feed_html(body),
            "<h2>小标题</h2><blockquote><p>引文</p></blockquote>",
        )

    def test_blocks_module_does_not_import_higher_layers(self):
        tree = ast.parse(Path(articles.blocks.__file__).read_text())
        imported = {
            node.module if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        for module in imported:
            self.assertNotIn(module.split(".")[0], {"feeds", "search", "editorial"})


# One word per text field; the excerpt (120 characters) quotes them all.
THESIS = {"lead": "论点甲。", "text": "论点正文乙。"}
PARAGRAPH = "<p>段落丙<b>加粗丁</b>。</p>"
SUBHEADING = "小标题戊"
QUOTE = {"text": "引文己", "attribution": "出处庚"}
ITEMS = ["条目辛", "条目壬"]
WORDS = [
    "导语癸",
    "论点甲",
    "论点正文乙",
    "段落丙",
    "加粗丁",
    "小标题戊",
    "引文己",
    "出处庚",
    "条目辛",
    "条目壬",
]


class SameWordsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.column = ColumnPageFactory(parent=get_home_page())
        cls.article = ArticlePageFactory(
            parent=cls.column,
            standfirst="导语癸",
            body=[
                ("thesis", THESIS),
                ("paragraph", RichText(PARAGRAPH)),
                ("subheading", SUBHEADING),
                ("quote", QUOTE),
                ("list", {"ordered": True, "items": ITEMS}),
            ],
        )
        site_settings(feed_full_text=True)

    def stored_article(self):
        return ArticlePage.objects.get(pk=self.article.pk)

    def feed_item(self) -> str:
        response = self.client.get("/feeds/rss.xml")
        self.assertEqual(response.status_code, 200)
        (entry,) = feedparser.parse(response.content).entries
        return entry.summary

    def test_search_excerpt_feed_item_and_check_see_the_same_words(self):
        article = self.stored_article()
        excerpt = str(search_excerpt(article, ""))
        feed_item = self.feed_item()
        check_texts = [article.standfirst, *draft_from_page(article).body_texts]
        for word in WORDS:
            with self.subTest(word=word):
                self.assertIn(word, excerpt)
                self.assertIn(word, strip_tags(feed_item))
                self.assertTrue(any(word in text for text in check_texts))
        # Not just the same words: the same text, in the same order.
        self.assertEqual(compact(excerpt), compact(" ".join(check_texts)))
        self.assertEqual(compact(strip_tags(feed_item)), compact(excerpt))

    def test_the_check_reads_each_field_on_its_own(self):
        self.assertEqual(
            body_texts(self.stored_article().body),
            [
                "论点甲。",
                "论点正文乙。",
                "段落丙加粗丁。",
                "小标题戊",
                "引文己",
                "出处庚",
                "条目辛",
                "条目壬",
            ],
        )

    def test_reading_a_stored_body_costs_no_queries(self):
        image = NewsImageFactory()
        self.article.body.append(
            (
                "image",
                {
                    "image": {"image": image, "alt_text": "替代", "decorative": False},
                    "caption": "说明",
                },
            )
        )
        self.article.save()
        article = self.stored_article()
        with self.assertNumQueries(0):
            article.body.stream_block.plain_text(article.body)
            article.body.stream_block.feed_html(article.body)
            search_excerpt(article, "段落")


class ImageWordsTests(TestCase):
    """An image's alt text and caption are screened by the check; the
    excerpt quotes neither, the feed shows the caption in place of it."""

    def test_image_words(self):
        image = NewsImageFactory()
        article = ArticlePageFactory(
            parent=ColumnPageFactory(parent=get_home_page()),
            body=[
                ("paragraph", RichText("<p>正文。</p>")),
                (
                    "image",
                    {
                        "image": {
                            "image": image,
                            "alt_text": "替代文字",
                            "decorative": False,
                        },
                        "caption": "图片说明",
                    },
                ),
            ],
        )
        body = ArticlePage.objects.get(pk=article.pk).body
        self.assertEqual(body_texts(body), ["正文。", "替代文字", "图片说明"])
        self.assertEqual(body.stream_block.plain_text(body), "正文。")
        self.assertEqual(
            body.stream_block.feed_html(body),
            "<p>正文。</p><p><em>[图] 图片说明</em></p>",
        )


class JoinWordsTests(SimpleTestCase):
    """Joined blocks read as running text: no ASCII space next to Chinese."""

    def test_chinese_is_joined_without_spaces(self):
        self.assertEqual(
            join_words(["第一段。", " 第二段", "", None]), "第一段。第二段"
        )

    def test_latin_words_keep_their_space(self):
        self.assertEqual(
            join_words(["Wagtail", "CMS", "后台", "AI"]), "Wagtail CMS后台AI"
        )
