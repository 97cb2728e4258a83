"""Media in S3-compatible object storage (MEDIA_STORAGE=s3): uploads through
the admin, renditions, pages that show them, backup and restore, and the
content check, against moto in server mode on 127.0.0.1 (tests/ops/s3.py)."""

import io
import tarfile
import urllib.request

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.models import Collection

from core.models import NewsImage
from ops import backup
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import NewsImageFactory, UserFactory, site_settings
from tests.home.factories import get_home_page
from tests.ops.s3 import MotoS3


@pytest.fixture
def s3_media(settings):
    with MotoS3() as s3:
        settings.STORAGES = {**settings.STORAGES, "default": s3.storage()}
        settings.MEDIA_URL = s3.media_url
        yield s3


def jpeg(width=800, height=450) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "darkorange").save(buffer, "JPEG")
    return buffer.getvalue()


def fetch(url) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - moto
        return response.status, response.read()


@pytest.mark.django_db
def test_an_image_uploaded_in_the_admin_and_its_renditions_live_in_the_bucket(
    client, s3_media
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "江边的早晨",
            "credit": "本网记者 摄",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("jiangbian.jpg", jpeg(), "image/jpeg"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = NewsImage.objects.get(title="江边的早晨")
    assert image.file.name in s3_media.keys()
    assert (image.width, image.height) == (800, 450)
    assert image.file_size > 0

    rendition = image.get_rendition("fill-320x180|format-webp")
    assert rendition.file.name in s3_media.keys()
    assert rendition.url.startswith(s3_media.media_url)
    status, body = fetch(rendition.url)
    assert status == 200
    assert body[:4] == b"RIFF" and body[8:12] == b"WEBP"


@pytest.mark.django_db
def test_a_page_shows_its_pictures_from_the_bucket(client, s3_media):
    site_settings()
    column = ColumnPageFactory(parent=get_home_page(), slug="jiangbian")
    image = NewsImageFactory(title="题图")
    article = ArticlePageFactory(parent=column, slug="zaochen", lead_image=image)

    html = client.get(article.url).content.decode()

    sources = [
        url
        for url in html.replace('"', " ").split()
        if url.startswith(s3_media.media_url)
    ]
    assert sources, "the page shows its picture from the bucket"
    status, _ = fetch(sources[0].rstrip(","))
    assert status == 200


@pytest.mark.django_db
def test_the_content_check_accepts_pictures_served_from_the_bucket(s3_media):
    site_settings()
    column = ColumnPageFactory(parent=get_home_page(), slug="jiangbian")
    ArticlePageFactory(
        parent=column, slug="zaochen", lead_image=NewsImageFactory(title="题图")
    )
    call_command("check_content", verbosity=0)


@pytest.mark.django_db
def test_backup_and_restore_carry_the_media_of_a_bucket(tmp_path, s3_media):
    """backup_site archives the bucket; restore_site puts it back with
    extract_media (its database half is tried in test_backup_restore.py,
    which goes through the same storage API on local disk)."""
    image = NewsImageFactory(title="题图")
    rendition = image.get_rendition("fill-200x100")
    original = image.file.read()
    image.file.close()
    keys = s3_media.keys()
    assert {image.file.name, rendition.file.name} <= set(keys)

    call_command("backup_site", str(tmp_path / "backup"), verbosity=0)
    archive_path = tmp_path / "backup" / backup.MEDIA_FILE
    with tarfile.open(archive_path) as archive:
        assert sorted(archive.getnames()) == keys
    assert backup.read_manifest(tmp_path / "backup")["media_files"] == len(keys)

    s3_media.empty()
    assert backup.extract_media(archive_path, default_storage) == len(keys)

    assert s3_media.keys() == keys
    with NewsImage.objects.get(pk=image.pk).file.open() as handle:
        assert handle.read() == original


@pytest.mark.django_db
def test_a_backup_may_leave_the_bucket_out(tmp_path, s3_media):
    NewsImageFactory(title="题图")
    call_command("backup_site", str(tmp_path / "b"), "--no-media", verbosity=0)
    assert not (tmp_path / "b" / backup.MEDIA_FILE).exists()
    assert backup.read_manifest(tmp_path / "b")["media_files"] is None
