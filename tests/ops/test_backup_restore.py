"""backup_site / restore_site: a backup restored into an empty database (and
an empty media folder) gives back the whole site."""

import io
import json
import tarfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Revision

from articles.models import ArticlePage
from core.models import NewsImage, SiteSettings, Term
from feedback.models import Feedback, FeedbackEvent, FeedbackReply, State
from tests.articles.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ColumnPageFactory,
    make_private,
)
from tests.core.factories import NewsImageFactory, UserFactory, site_settings
from tests.feedback.factories import FeedbackFactory, handler, walk_to
from tests.home.factories import get_home_page


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def build_newsroom():
    column = ColumnPageFactory(parent=get_home_page(), title="雪域时评")
    author = AuthorFactory(name="林晓雨")
    image = NewsImageFactory(title="题图", credit="本网记者 摄")
    live = [
        ArticlePageFactory(
            parent=column,
            title=f"第{n}篇评论",
            lead_image=image,
            bylines=[("记者", author)],
            tags=["民生"],
        )
        for n in range(3)
    ]
    live[0].title = "第0篇评论(修订)"
    live[0].save_revision().publish()
    draft = ArticlePageFactory(parent=column, title="未发表的草稿", live=False)
    draft.save_revision()
    make_private(live[2])
    site_settings(site_name="高原时评网", copyright_notice="版权所有")
    Term.objects.create(text="违禁词")
    UserFactory(username="editor", password="correct horse battery")
    staff = handler()
    feedback = [
        walk_to(
            FeedbackFactory(article=live[1], kind="comment"), State.PUBLISHED, staff
        ),
        walk_to(FeedbackFactory(article=live[1]), State.REPLIED, staff),
        walk_to(FeedbackFactory(article=live[0]), State.CLOSED, staff),
        FeedbackFactory(article=live[0], kind="suggestion"),
    ]
    return column, live, draft, image, feedback


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_into_an_empty_database_brings_back_the_whole_site(
    tmp_path, media_root, client
):
    column, live, draft, image, feedback = build_newsroom()
    revisions = Revision.objects.count()
    feedback_rows = {
        item.pk: (item.tracking_code, item.message, item.state, item.contact)
        for item in Feedback.objects.all()
    }
    history = (FeedbackEvent.objects.count(), FeedbackReply.objects.count())
    image_bytes = image.file.read()
    image.file.close()

    call_command("backup_site", str(tmp_path / "backup"), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(media_root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert not Page.objects.exists()

    call_command(
        "restore_site", str(tmp_path / "backup"), interactive=False, verbosity=0
    )

    articles = {page.pk: page for page in ArticlePage.objects.all()}
    assert set(articles) == {page.pk for page in [*live, draft]}
    assert articles[live[0].pk].title == "第0篇评论(修订)"
    assert all(articles[page.pk].live for page in live)
    assert not articles[draft.pk].live
    assert articles[draft.pk].get_latest_revision().as_object().title == "未发表的草稿"
    assert Revision.objects.count() == revisions
    assert Page.find_problems() == ([], [], [], [], [])
    assert PageViewRestriction.objects.get().page_id == live[2].pk
    assert SiteSettings.objects.get().site_name == "高原时评网"
    assert Term.objects.filter(text="违禁词").exists()

    restored_image = NewsImage.objects.get(pk=image.pk)
    assert restored_image.credit == "本网记者 摄"
    with restored_image.file.open() as handle:
        assert handle.read() == image_bytes

    restored_feedback = {
        item.pk: (item.tracking_code, item.message, item.state, item.contact)
        for item in Feedback.objects.all()
    }
    assert restored_feedback == feedback_rows
    assert (FeedbackEvent.objects.count(), FeedbackReply.objects.count()) == history

    response = client.get(live[1].url)
    assert response.status_code == 200
    assert "第1篇评论" in response.content.decode()
    assert feedback[0].message in response.content.decode()
    tracked = feedback[1]
    tracking = client.get(
        reverse("feedback:track", args=[tracked.tracking_code, tracked.tracking_token])
    )
    assert tracking.status_code == 200
    assert client.login(username="editor", password="correct horse battery")


@pytest.mark.django_db
def test_backup_refuses_a_folder_that_is_not_empty(tmp_path, media_root):
    (tmp_path / "old.txt").write_text("x")

    with pytest.raises(CommandError, match="not empty"):
        call_command("backup_site", str(tmp_path), verbosity=0)


@pytest.mark.django_db
def test_restore_refuses_a_backup_from_newer_code(tmp_path, media_root):
    call_command("backup_site", str(tmp_path / "backup"), verbosity=0)
    manifest_path = tmp_path / "backup" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["migrations"].append("articles.9999_from_the_future")
    manifest_path.write_text(json.dumps(manifest))
    pages = Page.objects.count()

    with pytest.raises(CommandError, match="newer code"):
        call_command("restore_site", str(tmp_path / "backup"), interactive=False)

    assert Page.objects.count() == pages


@pytest.mark.django_db
def test_a_doctored_media_archive_cannot_write_outside_media_root(tmp_path, media_root):
    from ops.backup import extract_media

    archive_path = tmp_path / "media.tar.gz"
    with tarfile.open(archive_path, "w:gz") as archive:
        payload = b"owned"
        member = tarfile.TarInfo("../../escaped.txt")
        member.size = len(payload)
        archive.addfile(member, io.BytesIO(payload))

    with pytest.raises(tarfile.TarError):
        extract_media(archive_path, default_storage)

    assert not (tmp_path / "escaped.txt").exists()
    assert not (media_root.parent.parent / "escaped.txt").exists()


@pytest.mark.django_db
def test_scheduled_backups_go_into_dated_folders_and_old_ones_are_pruned(
    tmp_path, media_root
):
    for old in ["2026-01-01T000000Z", "2026-01-02T000000Z", "2026-01-03T000000Z"]:
        (tmp_path / old).mkdir()
        (tmp_path / old / "manifest.json").write_text("{}")
    (tmp_path / "notes").mkdir()

    call_command("backup_site", into=str(tmp_path), keep=2, verbosity=0)

    remaining = sorted(path.name for path in tmp_path.iterdir())
    assert remaining[0] == "2026-01-03T000000Z"
    assert len(remaining) == 3 and "notes" in remaining
    newest = [name for name in remaining if name not in {"2026-01-03T000000Z", "notes"}]
    assert (tmp_path / newest[0] / "database.json.gz").exists()
