import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from articles.models import ArticlePage, ColumnPage
from feedback.models import Feedback, Kind, Screening, State
from feedback.permissions import columns_edited_by, sees_all_feedback
from readers.models import Standing


def _columns(request):

    user = request.user if request else None
    if user is not None and sees_all_feedback(user):
        return ColumnPage.objects.order_by("path")
    return (
        columns_edited_by(user).order_by("path") if user else ColumnPage.objects.none()
    )


def _articles(request):

    return ArticlePage.objects.filter(
        pk__in=Feedback.objects.visible_to(request.user).values("article")
    ).order_by("-first_published_at")


def _people(request):
    return (
        get_user_model()
        .objects.filter(pk__in=Feedback.objects.values("assignee"))
        .order_by("last_name", "first_name")
    )


class FeedbackFilterSet(WagtailFilterSet):
    state = django_filters.MultipleChoiceFilter(
        label="状态", choices=State.choices, widget=forms.CheckboxSelectMultiple
    )
    kind = django_filters.MultipleChoiceFilter(
        label="类型", choices=Kind.choices, widget=forms.CheckboxSelectMultiple
    )
    overdue = django_filters.ChoiceFilter(
        label="逾期",
        choices=[("yes", "只看逾期")],
        empty_label="全部",
        method="filter_overdue",
    )
    reported = django_filters.ChoiceFilter(
        label="被读者举报",
        choices=[("yes", "只看被举报的")],
        empty_label="全部",
        method="filter_reported",
    )
    # Trusted commenters (readers/standing.py): a fast lane, still reviewed.
    fast_lane = django_filters.ChoiceFilter(
        label=_("Fast lane"),
        choices=[("yes", _("Trusted commenters only"))],
        empty_label=_("All items"),
        method="filter_fast_lane",
    )
    screening = django_filters.ChoiceFilter(
        label="筛查结果", choices=Screening.choices, empty_label="全部"
    )
    column = django_filters.ModelChoiceFilter(
        label="栏目", queryset=_columns, empty_label="全部栏目"
    )
    article = django_filters.ModelChoiceFilter(
        label="文章", queryset=_articles, empty_label="全部文章"
    )
    assignee = django_filters.ModelChoiceFilter(
        label="承办人", queryset=_people, empty_label="全部"
    )
    created_at = django_filters.DateFromToRangeFilter(
        label="提交日期", widget=DateRangePickerWidget
    )

    class Meta:
        model = Feedback
        fields = []

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset

    def filter_reported(self, queryset, name, value):
        return queryset.filter(report_count__gt=0) if value else queryset

    def filter_fast_lane(self, queryset, name, value):
        return queryset.filter(reader__standing=Standing.TRUSTED) if value else queryset
