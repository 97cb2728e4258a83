"""The responsible-editor permission's name is English source (editorial
0004), shown in each staff member's language by Wagtail's group editor."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Permission
from django.test import TestCase
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.core.factories import UserFactory

ENGLISH = "Can choose an article's responsible editor by hand"
CHINESE = "可手动指定文章的责任编辑"


def english_admin(**kwargs):
    user = UserFactory(**kwargs)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


class PermissionNameTests(TestCase):
    def group_editor(self, user):
        self.client.force_login(user)
        response = self.client.get(reverse("wagtailusers_groups:add"))
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_an_english_admin_reads_the_permission_in_english(self):
        html = self.group_editor(english_admin(is_superuser=True))
        self.assertIn(ENGLISH.replace("'", "&#x27;"), html)
        self.assertNotIn(CHINESE, html)

    def test_a_chinese_admin_reads_it_in_chinese(self):
        html = self.group_editor(UserFactory(is_superuser=True))
        self.assertIn(CHINESE, html)
        self.assertNotIn(ENGLISH.replace("'", "&#x27;"), html)

    def test_the_stored_name_is_the_english_source(self):
        permission = Permission.objects.get(codename="set_responsible_editor")
        self.assertEqual(permission.name, ENGLISH)

    def test_the_migration_renames_an_existing_databases_permission(self):
        permission = Permission.objects.get(codename="set_responsible_editor")
        permission.name = CHINESE  # as editorial 0001's Meta stored it
        permission.save()
        migration = importlib.import_module(
            "editorial.migrations.0004_permission_names"
        )
        migration.rename_permissions(apps, None)
        permission.refresh_from_db()
        self.assertEqual(permission.name, ENGLISH)
        migration.restore_permission_names(apps, None)
        permission.refresh_from_db()
        self.assertEqual(permission.name, CHINESE)
