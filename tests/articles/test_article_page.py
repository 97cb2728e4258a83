"""Every element of a commentary page (design/page-anatomy.md), as a reader's
browser receives it."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

from django.test import TestCase
from wagtail.rich_text import RichText

from tests.articles.factories import (
    ArticlePageFactory,
    AuthorFactory,
    AuthorIndexPageFactory,
    ColumnPageFactory,
    SourceFactory,
)
from tests.core.factories import NewsImageFactory, UserFactory, site_settings
from tests.home.factories import get_home_page
from tests.html import comes_before, hrefs, one, soup_of, squashed, text_of

COLON = "[:：]"


class ArticlePageAnatomyTests(TestCase):
    """One fully filled-in article, and one that leaves every optional field to
    its fallback."""

    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        AuthorIndexPageFactory(parent=home)
        cls.column = ColumnPageFactory(
            parent=home,
            title="雪域时评",
            slug="xueyu",
            default_kicker="【栏目眉题】",
            default_disclaimer="栏目默认免责声明:属作者个人看法,不代表本网观点。",
        )
        cls.syndicated = SourceFactory(
            name="中国西藏新闻网", url="https://www.example.cn/"
        )
        cls.own_site = SourceFactory(name="西藏新闻网", url="")
        cls.reporter = AuthorFactory(name="陈鑫远", slug="chen-xinyuan")
        cls.commentator = AuthorFactory(name="王评", slug="wang-ping")
        cls.editor = UserFactory(first_name="三", last_name="张")
        cls.lead_image = NewsImageFactory(
            title="吐槽窗口",
            credit="摄影:李四",
            file__width=320,
            file__height=180,
        )
        cls.body_image = NewsImageFactory(
            title="服务大厅",
            credit="图片来源:本网",
            file__width=320,
            file__height=240,
        )
        cls.pinned = ArticlePageFactory(
            parent=cls.column, title="置顶的相关文章", slug="pinned"
        )
        cls.fallback = ArticlePageFactory(
            parent=cls.column,
            title="没有填写可选项的文章",
            slug="fallback",
            first_published_at=dt.datetime(2026, 3, 5, 1, 7, tzinfo=dt.UTC),
        )
        cls.article = ArticlePageFactory(
            parent=cls.column,
            title="开好吐槽窗消解窝火气",
            slug="tu-cao-chuang",
            kicker="【地评线】",
            display_date=dt.datetime(2026, 11, 27, 8, 49, tzinfo=dt.UTC),
            first_published_at=dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC),
            source=cls.syndicated,
            responsible_editor=cls.editor,
            disclaimer="本文仅代表作者个人观点。",
            lead_image=cls.lead_image,
            lead_image_caption="群众在窗口反映问题",
            body=[
                (
                    "thesis",
                    {"lead": "推动开门纳谏,拓宽民意渠道。", "text": "畅通反映渠道。"},
                ),
                (
                    "paragraph",
                    RichText(
                        '<p>基层服务的好坏,<a href="https://example.org/">群众</a>'
                        "心里有一杆秤。</p>"
                    ),
                ),
                ("subheading", "让服务跑在需求前面"),
                ("quote", {"text": "不积跬步,无以至千里。", "attribution": "荀子"}),
                (
                    "image",
                    {
                        "image": {
                            "image": cls.body_image,
                            "alt_text": "办事群众在服务大厅排队",
                            "decorative": False,
                        },
                        "caption": "服务大厅一角",
                    },
                ),
                ("list", {"ordered": True, "items": ["受理", "办理", "回复"]}),
                ("list", {"ordered": False, "items": ["件件有反馈", "件件有整改"]}),
            ],
            bylines=[("记者", cls.reporter), ("评论员", cls.commentator)],
            pinned=[cls.pinned],
        )
        site_settings(
            hotline="0891-6325020",
            header_links=[
                ("link", {"label": "数字报系", "url": "/epaper/"}),
                ("link", {"label": "移动端", "url": "https://m.example.cn/"}),
            ],
            footer_links=[
                ("link", {"label": "关于我们", "url": "/about/"}),
                ("link", {"label": "联系我们", "url": "/contact/"}),
            ],
            copyright_notice="版权所有,未经协议授权,禁止建立镜像",
            publisher="西藏日报社",
            address="拉萨市江苏路1号",
            postcode="850000",
            licences=[
                (
                    "licence",
                    {
                        "label": "备案号",
                        "number": "藏ICP备00000001号",
                        "url": "https://beian.miit.gov.cn/",
                    },
                ),
                (
                    "licence",
                    {"label": "新闻许可证", "number": "54120170001", "url": ""},
                ),
            ],
            default_source=cls.own_site,
        )

    def get_soup(self, page=None):
        response = self.client.get((page or self.article).url)
        self.assertEqual(response.status_code, 200)
        return soup_of(response)

    # 1-2: header

    def test_header_shows_the_news_hotline(self):
        header = one(self.get_soup(), "header.site-header")
        self.assertIn("新闻热线", text_of(header))
        self.assertIn("0891-6325020", text_of(header))

    def test_header_shows_every_header_link(self):
        header = one(self.get_soup(), "header.site-header")
        links = {text_of(a): a["href"] for a in header.find_all("a", href=True)}
        self.assertEqual(links.get("数字报系"), "/epaper/")
        self.assertEqual(links.get("移动端"), "https://m.example.cn/")

    # 3: breadcrumb

    def test_breadcrumb_links_home_then_column(self):
        breadcrumb = one(self.get_soup(), "nav.breadcrumb")
        self.assertTrue(breadcrumb.get("aria-label"))
        links = hrefs(breadcrumb)
        self.assertIn("/", links)
        self.assertIn(self.column.url, links)
        self.assertLess(links.index("/"), links.index(self.column.url))

    # 4-5: kicker and headline

    def test_kicker_comes_before_the_headline(self):
        soup = self.get_soup()
        kicker = one(soup, "p.article__kicker")
        title = one(soup, "h1.article__title")
        self.assertEqual(text_of(kicker), "【地评线】")
        self.assertTrue(comes_before(soup, kicker, title))
        self.assertNotIn("地评线", text_of(title))

    def test_kicker_falls_back_to_the_columns_default(self):
        kicker = one(self.get_soup(self.fallback), "p.article__kicker")
        self.assertEqual(text_of(kicker), "【栏目眉题】")

    def test_headline_is_column_name_colon_title(self):
        title = one(self.get_soup(), "h1.article__title")
        self.assertRegex(squashed(title), f"^雪域时评{COLON}开好吐槽窗消解窝火气$")
        column = one(title, "span.article__column")
        self.assertTrue(squashed(column).startswith("雪域时评"))

    # 6: date

    def test_date_is_display_date_in_shanghai_time_chinese_format(self):
        time = one(self.get_soup(), "time.article__date")
        self.assertEqual(time["datetime"], "2026-11-27T16:49:00+08:00")
        self.assertEqual(text_of(time), "2026年11月27日 16:49")

    def test_date_without_display_date_is_first_publication_zero_padded(self):
        time = one(self.get_soup(self.fallback), "time.article__date")
        self.assertEqual(time["datetime"], "2026-03-05T09:07:00+08:00")
        self.assertEqual(text_of(time), "2026年03月05日 09:07")

    # 7: source

    def test_source_with_url_is_a_link(self):
        source = one(self.get_soup(), "span.article__source")
        self.assertRegex(squashed(source), f"^来源{COLON}中国西藏新闻网$")
        link = one(source, "a")
        self.assertEqual(link["href"], "https://www.example.cn/")
        self.assertEqual(text_of(link), "中国西藏新闻网")

    def test_article_without_source_shows_the_sites_default_source(self):
        source = one(self.get_soup(self.fallback), "span.article__source")
        self.assertRegex(squashed(source), f"^来源{COLON}西藏新闻网$")
        self.assertIsNone(source.find("a"), "a source without url is plain text")

    # 8: byline

    def test_byline_lists_role_then_linked_author_in_order(self):
        byline = one(self.get_soup(), "p.article__byline")
        credits = [
            text_of(tag) if tag.name == "span" else (text_of(tag), tag["href"])
            for tag in byline.find_all(["span", "a"])
            if "byline__role" in tag.get("class", []) or "author" in tag.get("rel", [])
        ]
        self.assertEqual(
            credits,
            [
                "记者",
                ("陈鑫远", "/authors/chen-xinyuan/"),
                "评论员",
                ("王评", "/authors/wang-ping/"),
            ],
        )

    def test_byline_author_links_lead_to_the_author_page(self):
        byline = one(self.get_soup(), "p.article__byline")
        href = byline.find("a", rel="author")["href"]
        response = self.client.get(href)
        self.assertContains(response, "陈鑫远")
        self.assertContains(response, self.article.url)

    # 9: share bar

    def test_share_bar_offers_the_absolute_url_to_copy(self):
        share_bar = one(self.get_soup(), "div.share-bar")
        url_input = one(share_bar, "input.share-bar__url")
        self.assertEqual(url_input["value"], f"http://testserver{self.article.url}")
        self.assertTrue(url_input.has_attr("readonly"))

    def test_share_bar_links_to_weibo_and_qq_with_the_article_url(self):
        share_bar = one(self.get_soup(), "div.share-bar")
        absolute_url = f"http://testserver{self.article.url}"
        weibo = [
            href
            for href in hrefs(share_bar)
            if href.startswith("https://service.weibo.com/share/share.php?url=")
        ]
        qq = [
            href
            for href in hrefs(share_bar)
            if href.startswith("https://connect.qq.com/widget/shareqq/")
        ]
        self.assertEqual(len(weibo), 1)
        self.assertEqual(len(qq), 1)
        self.assertEqual(parse_qs(urlsplit(weibo[0]).query)["url"], [absolute_url])
        self.assertEqual(parse_qs(urlsplit(qq[0]).query)["url"], [absolute_url])

    def test_share_bar_shows_a_wechat_qr_code_served_by_the_site(self):
        share_bar = one(self.get_soup(), "div.share-bar")
        qr = one(share_bar, "img.share-bar__qr")
        src = urlsplit(qr["src"])
        self.assertEqual(src.path, "/share/qr.svg")
        self.assertEqual(parse_qs(src.query)["url"], [self.article.url])
        response = self.client.get(qr["src"])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/svg+xml")

    def test_page_loads_no_third_party_script(self):
        soup = self.get_soup()
        sources = [script["src"] for script in soup.find_all("script", src=True)]
        for src in sources:
            self.assertTrue(src.startswith("/static/"), src)

    # 10-11: body

    def test_thesis_paragraph_opens_with_the_bold_thesis(self):
        thesis = one(self.get_soup(), "strong.thesis")
        self.assertEqual(text_of(thesis), "推动开门纳谏,拓宽民意渠道。")
        paragraph = thesis.parent
        self.assertEqual(paragraph.name, "p")
        self.assertIs(paragraph.find(True), thesis, "the thesis opens the paragraph")
        self.assertIn("畅通反映渠道。", text_of(paragraph))

    def test_paragraph_renders_its_rich_text(self):
        soup = self.get_soup()
        link = soup.find("a", href="https://example.org/")
        self.assertIsNotNone(link)
        self.assertEqual(link.parent.name, "p")
        self.assertEqual(squashed(link.parent), "基层服务的好坏,群众心里有一杆秤。")

    def test_subheading_is_a_second_level_heading(self):
        subheading = one(self.get_soup(), "h2.article__subheading")
        self.assertEqual(text_of(subheading), "让服务跑在需求前面")

    def test_quote_is_a_blockquote_with_its_attribution(self):
        quote = one(self.get_soup(), "blockquote.quote")
        self.assertIn("不积跬步,无以至千里。", text_of(quote))
        cite = quote.find("cite") or quote.parent.find("cite")
        self.assertIsNotNone(cite)
        self.assertIn("荀子", text_of(cite))

    def test_image_block_is_a_figure_with_sized_image_and_caption(self):
        figure = one(self.get_soup(), "figure.article-image")
        image = one(figure, "img")
        self.assertTrue(image["width"].isdigit())
        self.assertTrue(image["height"].isdigit())
        self.assertEqual(image["alt"], "办事群众在服务大厅排队")
        self.assertIn("服务大厅一角", text_of(one(figure, "figcaption")))

    def test_list_blocks_render_numbered_and_bulleted_lists(self):
        soup = self.get_soup()
        lists = {
            (element.name, tuple(text_of(li) for li in element.find_all("li")))
            for element in soup.select("ol, ul")
        }
        self.assertIn(("ol", ("受理", "办理", "回复")), lists)
        self.assertIn(("ul", ("件件有反馈", "件件有整改")), lists)

    # lead image

    def test_lead_image_has_size_alt_text_caption_and_credit(self):
        figure = one(self.get_soup(), "figure.article__lead-image")
        image = one(figure, "img")
        self.assertTrue(image["width"].isdigit())
        self.assertTrue(image["height"].isdigit())
        self.assertTrue(image.get("alt"), "the lead image needs alt text")
        self.assertIn("群众在窗口反映问题", text_of(figure))
        self.assertIn("摄影:李四", text_of(figure))

    def test_article_without_lead_image_has_no_empty_figure(self):
        soup = self.get_soup(self.fallback)
        self.assertEqual(soup.select("figure.article__lead-image"), [])

    # 12-13: disclaimer and responsible editor

    def test_disclaimer_is_the_articles_own(self):
        disclaimer = one(self.get_soup(), "p.article__disclaimer")
        self.assertEqual(text_of(disclaimer), "本文仅代表作者个人观点。")

    def test_disclaimer_falls_back_to_the_columns_default(self):
        disclaimer = one(self.get_soup(self.fallback), "p.article__disclaimer")
        self.assertEqual(
            text_of(disclaimer), "栏目默认免责声明:属作者个人看法,不代表本网观点。"
        )

    def test_responsible_editor_is_named_family_name_first(self):
        editor = one(self.get_soup(), "p.article__editor")
        self.assertRegex(squashed(editor), f"^责任编辑{COLON}张三$")

    def test_article_without_responsible_editor_shows_no_editor_line(self):
        soup = self.get_soup(self.fallback)
        self.assertEqual(soup.select("p.article__editor"), [])

    # 14: related reading

    def test_related_reading_lists_pinned_article_first(self):
        related = one(self.get_soup(), "section.related")
        self.assertIn("相关阅读", text_of(related))
        links = hrefs(related)
        self.assertEqual(links[0], self.pinned.url)
        self.assertIn(self.fallback.url, links)
        self.assertNotIn(self.article.url, links)

    # 16-19: footer

    def test_footer_shows_every_footer_link(self):
        footer = one(self.get_soup(), "footer.site-footer")
        links = {text_of(a): a["href"] for a in footer.find_all("a", href=True)}
        self.assertEqual(links.get("关于我们"), "/about/")
        self.assertEqual(links.get("联系我们"), "/contact/")

    def test_footer_shows_copyright_publisher_address_and_postcode(self):
        footer = text_of(one(self.get_soup(), "footer.site-footer"))
        for text in (
            "版权所有,未经协议授权,禁止建立镜像",
            "西藏日报社",
            "拉萨市江苏路1号",
        ):
            self.assertIn(text, footer)
        self.assertIn("850000", footer)

    def test_footer_shows_each_licence_linked_when_it_has_a_url(self):
        footer = one(self.get_soup(), "footer.site-footer")
        text = squashed(footer)
        self.assertRegex(text, f"备案号{COLON}?藏ICP备00000001号")
        self.assertRegex(text, f"新闻许可证{COLON}?54120170001")
        beian = footer.find("a", href="https://beian.miit.gov.cn/")
        self.assertIsNotNone(beian)
        self.assertIn("藏ICP备00000001号", text_of(beian))
        unlinked = [a for a in footer.find_all("a") if "54120170001" in text_of(a)]
        self.assertEqual(unlinked, [], "a licence without url is plain text")


class EmptySiteSettingsTests(TestCase):
    """Nothing renders that an editor did not enter."""

    PLACEHOLDERS = ("0891", "新闻热线", "备案号", "许可证", "制作单位", "邮政编码")

    @classmethod
    def setUpTestData(cls):
        site_settings()  # all defaults: no hotline, links or licences
        column = ColumnPageFactory(parent=get_home_page())
        cls.article = ArticlePageFactory(parent=column)

    def assert_no_placeholders(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        soup = soup_of(response)
        for selector in ("header.site-header", "footer.site-footer"):
            text = text_of(one(soup, selector))
            for placeholder in self.PLACEHOLDERS:
                self.assertNotIn(placeholder, text, f"{selector} shows {placeholder}")

    def test_article_header_and_footer_show_no_placeholder_text(self):
        self.assert_no_placeholders(self.article.url)

    def test_home_page_header_and_footer_show_no_placeholder_text(self):
        self.assert_no_placeholders("/")

    def test_article_without_source_or_default_source_shows_no_source(self):
        soup = soup_of(self.client.get(self.article.url))
        self.assertEqual(soup.select("span.article__source"), [])
