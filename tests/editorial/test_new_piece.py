"""A writer's new piece: their own byline from the start (or an offer to
create their author profile), and a pinyin address."""

from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup
from django.test import TestCase
from django.urls import reverse

from articles.models import ArticlePage, Author, BylineRole
from articles.own_author import URL_NAME
from tests.articles.factories import ArticlePageFactory

from .newsroom import (
    add_url,
    article_form_data,
    build_newsroom,
    edit_form_data,
    edit_url,
)

TITLE = "让“民意渠道”修得更宽一些"
PINYIN = "rang-min-yi-qu-dao-xiu-de-geng-kuan-yi-xie"


class OwnBylineTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = build_newsroom()

    def open_new_form(self):
        self.client.force_login(self.newsroom.writer)
        response = self.client.get(add_url(self.newsroom.three_step))
        self.assertEqual(response.status_code, 200)
        return response

    def test_a_writer_with_an_author_starts_with_their_own_byline_as_author(self):
        author = Author.objects.create(
            name="林晓雨", slug="lin-xiaoyu", user=self.newsroom.writer
        )
        response = self.open_new_form()
        formset = response.context["form"].formsets["bylines"]
        (form,) = formset.forms
        self.assertEqual(form.initial["author"], author.pk)
        self.assertEqual(form.initial["role"], BylineRole.objects.get(name="作者").pk)
        self.assertNotContains(response, "data-own-author-offer")

    def test_a_writer_without_an_author_is_offered_one_and_gets_it(self):
        response = self.open_new_form()
        self.assertEqual(response.context["form"].formsets["bylines"].forms, [])
        soup = BeautifulSoup(response.content, "html.parser")
        button = soup.select_one("[data-own-author-offer] button[formaction]")
        self.assertIn("创建我的作者资料", button.text)
        response = self.client.post(button["formaction"])
        self.assertRedirects(
            response, add_url(self.newsroom.three_step), fetch_redirect_response=False
        )
        author = Author.objects.get(user=self.newsroom.writer)
        self.assertEqual((author.name, author.slug), ("林晓雨", "lin-xiaoyu"))
        # Asking again changes nothing; the next new piece carries the byline.
        self.client.post(reverse(URL_NAME))
        self.assertEqual(Author.objects.filter(user=self.newsroom.writer).count(), 1)
        (form,) = self.open_new_form().context["form"].formsets["bylines"].forms
        self.assertEqual(form.initial["author"], author.pk)


class PinyinSlugTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = build_newsroom()

    def create(self, **fields):
        self.client.force_login(self.newsroom.writer)
        response = self.client.post(
            add_url(self.newsroom.three_step),
            article_form_data(self.newsroom, title=TITLE, **fields),
        )
        if response.status_code != 302:
            self.fail(response.context["form"].errors)
        return ArticlePage.objects.latest("pk")

    def test_a_new_piece_gets_a_pinyin_slug_whatever_the_editor_filled_in(self):
        self.assertEqual(self.create(slug="让民意渠道修得更宽一些").slug, PINYIN)

    def test_the_same_title_twice_gets_a_numbered_slug_not_an_error(self):
        # e.g. autosave had already created the first page
        first = self.create(slug="让民意渠道修得更宽一些")
        second = self.create(slug="让民意渠道修得更宽一些")
        self.assertEqual((first.slug, second.slug), (PINYIN, f"{PINYIN}-2"))

    def test_a_slug_typed_by_a_person_is_kept(self):
        self.assertEqual(self.create(slug="minyi-qudao").slug, "minyi-qudao")

    def test_a_published_chinese_slug_keeps_working_and_is_kept_on_edit(self):
        page = ArticlePageFactory(
            parent=self.newsroom.three_step,
            title="旧文章",
            slug="旧文章",
            bylines=[("记者", self.newsroom.author)],
        )
        self.assertEqual(self.client.get(page.url).status_code, 200)
        self.client.force_login(self.newsroom.chief)
        html = self.client.get(edit_url(page)).content.decode()
        self.client.post(edit_url(page), edit_form_data(html))
        page.refresh_from_db()
        self.assertEqual(page.get_latest_revision_as_object().slug, "旧文章")

    def test_a_new_pieces_share_and_feed_links_have_no_percent_encoding(self):
        page = self.create(
            slug="让民意渠道修得更宽一些"
        )  # as Wagtail's script fills it
        page.get_latest_revision().publish()
        page.refresh_from_db()
        self.client.logout()
        self.assertEqual(page.slug, PINYIN)
        self.assertNotIn("%", page.full_url)

        response = self.client.get(page.url)
        address = response.wsgi_request.build_absolute_uri(page.url)
        self.assertNotIn("%", address)
        share = BeautifulSoup(response.content, "html.parser").select_one(".share-bar")
        self.assertEqual(share.select_one("#share-bar-url")["value"], address)
        for link in share.select("a.share-bar__link[href]"):
            query = parse_qs(urlsplit(link["href"]).query)
            shared = [v for values in query.values() for v in values if "://" in v]
            # The article's address, decoded from the link's query: plain.
            self.assertEqual(shared, [address], link["href"])
        qr_code = share.select_one(".share-bar__qr")["src"]
        self.assertEqual(parse_qs(urlsplit(qr_code).query)["url"], [page.url])
        self.assertNotIn("%", qr_code)

        column = (self.newsroom.three_step.slug,)
        for name, args in (("feeds:site_rss", ()), ("feeds:column_atom", column)):
            feed = self.client.get(reverse(name, args=args)).content.decode()
            self.assertIn(f"{page.url}</", feed)  # the item's link
            self.assertNotRegex(feed, r"%[89A-Fa-f][0-9A-Fa-f]")
