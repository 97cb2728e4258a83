"""manage.py setup_newsroom: roles, column teams and the review chains."""

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from wagtail import hooks
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from editorial import roles
from editorial.models import ReviewTask
from editorial.teams import team_group
from tests.articles.factories import ColumnPageFactory
from tests.core.factories import UserFactory
from tests.home.factories import get_home_page


def setup_newsroom() -> str:
    out = StringIO()
    call_command("setup_newsroom", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (
            Group,
            GroupPagePermission,
            GroupCollectionPermission,
            Group.permissions.through,
            Workflow,
            Task,
            WorkflowTask,
            WorkflowPage,
        )
    }


def has_perm(group_name, name) -> bool:
    app_label, codename = name.split(".")
    return Group.objects.filter(
        name=group_name,
        permissions__content_type__app_label=app_label,
        permissions__codename=codename,
    ).exists()


class SetupNewsroomTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = get_home_page()
        cls.column = ColumnPageFactory(parent=cls.home, title="青岚时评")
        cls.output = setup_newsroom()

    def test_running_it_again_creates_nothing_twice(self):
        before = snapshot()
        setup_newsroom()
        self.assertEqual(snapshot(), before)

    def test_it_reports_what_it_set_up(self):
        self.assertIn("三审、二审", self.output)
        self.assertIn("青岚时评·撰稿人、青岚时评·编辑", self.output)

    def test_role_groups_hold_their_admin_permissions(self):
        for role in roles.ROLES:
            self.assertTrue(has_perm(role, "wagtailadmin.access_admin"), role)
        self.assertTrue(has_perm(roles.SITE_ADMINS, "auth.change_user"))
        self.assertTrue(has_perm(roles.SITE_ADMINS, "core.change_sitesettings"))
        self.assertTrue(has_perm(roles.CHIEF_EDITORS, "core.change_term"))
        self.assertFalse(has_perm(roles.WRITERS, "editorial.set_responsible_editor"))
        self.assertTrue(has_perm(roles.EDITORS, "editorial.set_responsible_editor"))

    def test_feedback_handlers_may_neither_edit_pages_nor_upload_pictures(self):
        group = Group.objects.get(name=roles.FEEDBACK_HANDLERS)
        self.assertFalse(GroupPagePermission.objects.filter(group=group).exists())
        self.assertFalse(
            GroupCollectionPermission.objects.filter(
                group=group, permission__codename__in=["add_image", "change_image"]
            ).exists()
        )

    def test_other_apps_add_permissions_to_a_role_through_the_hook(self):
        def feedback_permissions():
            return {roles.FEEDBACK_HANDLERS: ["core.view_term"]}

        with hooks.register_temporarily(roles.PERMISSIONS_HOOK, feedback_permissions):
            setup_newsroom()
        self.assertTrue(has_perm(roles.FEEDBACK_HANDLERS, "core.view_term"))

    def test_a_misspelt_permission_fails_loudly(self):
        def typo():
            return {roles.FEEDBACK_HANDLERS: ["feedback.chnage_feedback"]}

        with (
            hooks.register_temporarily(roles.PERMISSIONS_HOOK, typo),
            self.assertRaisesMessage(LookupError, "feedback.chnage_feedback"),
        ):
            setup_newsroom()

    def test_deputy_and_chief_cover_the_whole_site(self):
        def codenames(role):
            return set(
                GroupPagePermission.objects.filter(
                    group__name=role, page=self.home
                ).values_list("permission__codename", flat=True)
            )

        self.assertNotIn("publish_page", codenames(roles.DEPUTY_CHIEFS))
        self.assertIn("change_page", codenames(roles.DEPUTY_CHIEFS))
        self.assertIn("publish_page", codenames(roles.CHIEF_EDITORS))

    def test_review_chains_have_their_steps_in_order(self):
        def steps(name):
            return [task.name for task in Workflow.objects.get(name=name).tasks]

        self.assertEqual(steps("三审"), ["初审", "复审", "终审"])
        self.assertEqual(steps("二审"), ["初审", "终审"])
        first = ReviewTask.objects.get(name="初审")
        self.assertTrue(first.records_responsible_editor)
        self.assertEqual([group.name for group in first.groups.all()], ["编辑"])
        self.assertEqual(WorkflowPage.objects.get(page=self.home).workflow.name, "三审")

    def test_site_admin_edits_the_review_steps_in_the_admin(self):
        site_admin = UserFactory()
        site_admin.groups.add(Group.objects.get(name=roles.SITE_ADMINS))
        self.client.force_login(site_admin)
        first = ReviewTask.objects.get(name="初审")
        response = self.client.get(
            reverse("wagtailadmin_workflows:edit_task", args=(first.pk,))
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'name="records_responsible_editor"')
        response = self.client.get(
            reverse("wagtailadmin_workflows:edit", args=(first.workflows.first().pk,))
        )
        self.assertEqual(response.status_code, 200)

    def test_changes_made_in_the_admin_survive_a_rerun(self):
        WorkflowPage.objects.filter(page=self.home).update(
            workflow=Workflow.objects.get(name="二审")
        )
        first = ReviewTask.objects.get(name="初审")
        first.groups.set([Group.objects.get(name=roles.DEPUTY_CHIEFS)])
        setup_newsroom()
        self.assertEqual(WorkflowPage.objects.get(page=self.home).workflow.name, "二审")
        self.assertEqual(
            [group.name for group in first.groups.all()], [roles.DEPUTY_CHIEFS]
        )


class ColumnTeamTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        setup_newsroom()

    def test_a_new_column_gets_its_teams_at_once(self):
        column = ColumnPageFactory(parent=get_home_page(), title="雪域时评")
        writers = team_group(column, roles.WRITERS)
        editors = team_group(column, roles.EDITORS)
        self.assertEqual(writers.name, "雪域时评·撰稿人")
        self.assertEqual(editors.name, "雪域时评·编辑")

        def codenames(group):
            return set(
                GroupPagePermission.objects.filter(
                    group=group, page=column
                ).values_list("permission__codename", flat=True)
            )

        self.assertEqual(codenames(writers), {"add_page"})
        self.assertEqual(codenames(editors), {"add_page", "change_page", "lock_page"})

    def test_renaming_a_column_renames_its_teams_and_keeps_their_members(self):
        column = ColumnPageFactory(parent=get_home_page(), title="雪域时评")
        writer = UserFactory()
        writer.groups.add(team_group(column, roles.WRITERS))
        column.title = "高原时评"
        column.save_revision().publish()
        group = team_group(column, roles.WRITERS)
        self.assertEqual(group.name, "高原时评·撰稿人")
        self.assertIn(writer, group.user_set.all())
        self.assertFalse(Group.objects.filter(name="雪域时评·撰稿人").exists())

    def test_group_editor_offers_the_responsible_editor_permission(self):
        self.client.force_login(UserFactory(is_superuser=True))
        response = self.client.get(reverse("wagtailusers_groups:add"))
        self.assertIn("可手动指定文章的责任编辑", response.content.decode())
