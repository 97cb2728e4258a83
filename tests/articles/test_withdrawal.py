"""A retracted article is a tombstone (410) at its address, a taken-down one
answers 404, and neither shows up anywhere else; restoring brings it back.
Nothing is deleted, and only the withdrawal actions change the state."""

import datetime as dt

import feedparser
from django.test import TestCase
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.rich_text import RichText

from articles import withdrawal
from articles.models import ArticlePage, Withdrawal
from feedback.models import Feedback
from record.models import Entry, Event
from tests.articles.factories import (
    ArticlePageFactory,
    AuthorFactory,
    AuthorIndexPageFactory,
    ColumnPageFactory,
)
from tests.core.factories import UserFactory
from tests.feedback.factories import FeedbackFactory
from tests.home.factories import get_home_page
from tests.html import one, soup_of, text_of

START = dt.datetime(2026, 6, 1, 0, 0, tzinfo=dt.UTC)
REASON = "文中引用的统计数据有误,经核实后撤稿。"


def withdraw(action, page, user, reason=REASON):
    return withdrawal.perform(action, page, user, reason)


def reload(page) -> ArticlePage:
    return ArticlePage.objects.get(pk=page.pk)


class WithdrawalTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        AuthorIndexPageFactory(parent=home)
        cls.column = ColumnPageFactory(parent=home, title="青岚时评", slug="qinglan")
        cls.author = AuthorFactory(name="林致远", slug="lin-zhiyuan")
        cls.article = ArticlePageFactory(
            parent=cls.column,
            title="吐槽窗口要有回音",
            slug="huiyin",
            standfirst="导语里的一句话。",
            first_published_at=START,
            body=[("paragraph", RichText("<p>正文独有的一段话:窗口前排起长队。</p>"))],
            bylines=[("评论员", cls.author)],
            tags=["民生"],
        )
        cls.neighbour = ArticlePageFactory(
            parent=cls.column,
            title="另一篇同栏目评论",
            first_published_at=START + dt.timedelta(hours=1),
            tags=["民生"],
            pinned=[cls.article],
        )
        cls.chief = UserFactory(is_superuser=True, last_name="罗", first_name="嘉树")

    def retract(self, page=None, reason=REASON):
        return withdraw(withdrawal.RETRACT, page or self.article, self.chief, reason)

    def take_down(self, page=None):
        return withdraw(withdrawal.TAKE_DOWN, page or self.article, self.chief)

    def restore(self, page=None):
        return withdraw(
            withdrawal.RESTORE, page or self.article, self.chief, "复核无误"
        )


class TombstoneTests(WithdrawalTestCase):
    def test_retracted_article_answers_410_with_title_date_and_reason(self):
        self.retract()
        response = self.client.get(self.article.url)
        self.assertEqual(response.status_code, 410)
        soup = soup_of(response)
        self.assertEqual(text_of(one(soup, "h1")), "青岚时评：吐槽窗口要有回音")
        self.assertEqual(text_of(one(soup, ".retraction__heading")), "本文已撤稿")
        self.assertIn(REASON, text_of(one(soup, ".retraction__reason")))
        self.assertEqual(
            one(soup, ".article__date")["datetime"], "2026-06-01T08:00:00+08:00"
        )
        robots = one(soup, 'meta[name="robots"]')
        self.assertEqual(robots["content"], "noindex")

    def test_tombstone_shows_no_body_links_feedback_or_metadata(self):
        self.retract()
        html = self.client.get(self.article.url).content.decode()
        soup = soup_of(html)
        for text in ("正文独有的一段话", "导语里的一句话", "相关阅读", "读者反馈"):
            self.assertNotIn(text, html)
        self.assertIn("林致远", text_of(one(soup, ".article__byline")))
        self.assertEqual(soup.select(".article__byline a"), [])
        self.assertEqual(soup.select('a[href*="/authors/"]'), [])
        self.assertEqual(soup.select('meta[name="description"]'), [])
        self.assertEqual(soup.select('meta[property^="og:"]'), [])
        self.assertNotIn("OpinionNewsArticle", html)
        self.assertEqual(soup.select("main form"), [])

    def test_taken_down_article_answers_the_ordinary_not_found_page(self):
        self.take_down()
        response = self.client.get(self.article.url)
        self.assertEqual(response.status_code, 404)
        html = response.content.decode()
        self.assertIn("页面不存在", html)
        self.assertNotIn("吐槽窗口要有回音", html)
        self.assertNotIn("撤稿", html)

    def test_a_retracted_article_can_still_be_taken_down(self):
        self.retract()
        self.take_down()
        self.assertEqual(self.client.get(self.article.url).status_code, 404)

    def test_staff_preview_still_shows_the_article(self):
        page = self.retract()
        response = page.make_preview_request()
        self.assertEqual(response.status_code, 200)
        self.assertIn("正文独有的一段话", response.content.decode())

    def test_restored_article_is_served_again(self):
        self.retract()
        self.restore()
        response = self.client.get(self.article.url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("正文独有的一段话", response.content.decode())
        page = reload(self.article)
        self.assertEqual(
            (page.withdrawal, page.withdrawal_reason, page.withdrawn_at),
            (Withdrawal.NONE, "", None),
        )


class ListingTests(WithdrawalTestCase):
    """Everywhere readers find articles, in the same two states."""

    def assert_listed(self, url, listed=True, status=200):
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, url)
        found = f'href="{self.article.url}"' in response.content.decode()
        self.assertEqual(found, listed, url)

    def places(self) -> list[str]:
        home = get_home_page()
        return [
            self.column.url,
            home.url,
            home.tag_url(self.article.tags.get()),
            home.archive_url(2026),
            home.archive_url(2026, 6),
            "/authors/lin-zhiyuan/",
            self.neighbour.url,  # pinned as related reading
            reverse("search") + "?q=吐槽窗口",
            "/sitemap.xml",
        ]

    def feeds(self) -> list[str]:
        return [
            "/feeds/rss.xml",
            "/feeds/atom.xml",
            "/feeds/columns/qinglan/rss.xml",
            "/feeds/authors/lin-zhiyuan/atom.xml",
        ]

    def assert_everywhere(self, listed: bool):
        for url in self.places():
            with self.subTest(url=url, listed=listed):
                if url == "/sitemap.xml":
                    body = self.client.get(url).content.decode()
                    self.assertEqual("/qinglan/huiyin/" in body, listed)
                else:
                    self.assert_listed(url, listed)
        for url in self.feeds():
            with self.subTest(url=url, listed=listed):
                feed = feedparser.parse(self.client.get(url).content)
                titles = [entry.title for entry in feed.entries]
                self.assertEqual("吐槽窗口要有回音" in titles, listed)

    def test_listed_everywhere_before(self):
        self.assert_everywhere(listed=True)

    def test_retracted_article_is_in_no_list_search_feed_or_sitemap(self):
        self.retract()
        self.assert_everywhere(listed=False)

    def test_taken_down_article_is_in_no_list_search_feed_or_sitemap(self):
        self.take_down()
        self.assert_everywhere(listed=False)

    def test_restored_article_is_listed_again(self):
        self.take_down()
        self.restore()
        self.assert_everywhere(listed=True)

    def test_automatic_related_reading_leaves_it_out(self):
        self.assertIn(self.article, self.neighbour.related_articles())
        self.retract()
        self.assertNotIn(self.article, reload(self.neighbour).related_articles())

    def test_lead_story_falls_back_to_the_newest_article(self):
        home = get_home_page()
        home.lead_story = self.article
        home.save_revision().publish()
        self.retract()
        lead = self.client.get(home.url).context["front"]["lead_story"]
        self.assertEqual(lead, self.neighbour.specific)

    def test_one_queryset_filter_says_what_readers_may_see(self):
        self.retract()
        for queryset in (
            ArticlePage.objects.readable(),
            ArticlePage.objects.searchable(),
        ):
            self.assertNotIn(self.article, queryset)
            self.assertIn(self.neighbour, queryset)

    def test_feedback_cannot_be_sent_on_a_retracted_article(self):
        self.retract()
        url = reverse("feedback:submit", args=(self.article.pk,))
        self.assertEqual(
            self.client.post(url, {"message": "还能留言吗"}).status_code, 410
        )


class StateTests(WithdrawalTestCase):
    """Only the actions change the state; nothing is deleted."""

    def test_publishing_a_new_revision_keeps_the_retraction(self):
        page = self.retract()
        page.title = "吐槽窗口要有回音(修订)"
        page.save_revision(user=self.chief).publish()
        page = reload(page)
        self.assertEqual(page.withdrawal, Withdrawal.RETRACTED)
        self.assertEqual(page.withdrawal_reason, REASON)
        self.assertEqual(self.client.get(page.url).status_code, 410)

    def test_publishing_a_revision_saved_before_the_retraction_keeps_it(self):
        revision = self.article.save_revision(user=self.chief)
        self.retract()
        revision.refresh_from_db()
        revision.publish()
        self.assertEqual(reload(self.article).withdrawal, Withdrawal.RETRACTED)

    def test_a_revision_saved_while_retracted_does_not_retract_after_restore(self):
        page = self.retract()
        revision = page.save_revision(user=self.chief)
        self.restore()
        revision.refresh_from_db()
        revision.publish()
        self.assertEqual(reload(page).withdrawal, Withdrawal.NONE)

    def test_a_copy_starts_unwithdrawn(self):
        page = self.retract()
        copy = page.copy(update_attrs={"slug": "huiyin-copy"}, keep_live=False)
        self.assertEqual(copy.specific.withdrawal, Withdrawal.NONE)
        self.assertEqual(copy.specific.withdrawal_reason, "")

    def test_revisions_and_feedback_stay(self):
        self.article.save_revision(user=self.chief)
        item = FeedbackFactory(article=self.article)
        revisions = self.article.revisions.count()
        self.take_down()
        self.assertEqual(self.article.revisions.count(), revisions)
        self.assertTrue(Feedback.objects.filter(pk=item.pk).exists())
        self.assertTrue(reload(self.article).live)

    def test_every_step_is_logged_with_who_and_why(self):
        self.retract()
        self.take_down()
        self.restore()
        entries = PageLogEntry.objects.filter(
            page=self.article, action__startswith="articles."
        ).order_by("timestamp", "pk")
        self.assertEqual(
            [(entry.action, entry.user, entry.data["reason"]) for entry in entries],
            [
                ("articles.retract", self.chief, REASON),
                ("articles.take_down", self.chief, REASON),
                ("articles.restore", self.chief, "复核无误"),
            ],
        )
        self.assertEqual(entries[1].data["previous"], Withdrawal.RETRACTED)
        self.assertEqual(entries[0].message, f"撤稿:{REASON}")

    def test_a_reason_is_required(self):
        with self.assertRaises(ValueError):
            self.retract(reason="   ")
        self.assertEqual(reload(self.article).withdrawal, Withdrawal.NONE)

    def test_an_action_the_state_does_not_allow_is_refused(self):
        self.retract()
        with self.assertRaises(withdrawal.WithdrawalRefused):
            self.retract()
        with self.assertRaises(withdrawal.WithdrawalRefused):
            self.restore(self.neighbour)

    def test_a_draft_is_not_withdrawn(self):
        draft = ArticlePageFactory(parent=self.column, live=False)
        with self.assertRaises(withdrawal.WithdrawalRefused):
            self.retract(draft)

    def test_every_step_is_archived_in_the_record_as_readers_see_it(self):
        self.retract()
        self.take_down()
        self.restore()
        entries = Entry.objects.filter(page_id=self.article.pk).exclude(
            event=Event.PUBLISH
        )
        steps = [(entry.event, entry.status, entry.user_id) for entry in entries]
        self.assertEqual(
            steps,
            [
                (Event.RETRACT, 410, self.chief.pk),
                (Event.TAKE_DOWN, 404, self.chief.pk),
                (Event.RESTORE, 200, self.chief.pk),
            ],
        )
        self.assertIn("本文已撤稿", entries[0].html)
        self.assertNotIn("正文独有的一段话", entries[0].html)
        self.assertIn("正文独有的一段话", entries[2].html)
