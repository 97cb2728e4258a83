import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
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
        label=_("State"), choices=State.choices, widget=forms.CheckboxSelectMultiple
    )
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=Kind.choices, widget=forms.CheckboxSelectMultiple
    )
    overdue = django_filters.ChoiceFilter(
        label=pgettext_lazy("feedback filter", "Overdue"),
        choices=[("yes", _("Overdue only"))],
        empty_label=pgettext_lazy("filter", "All"),
        method="filter_overdue",
    )
    reported = django_filters.ChoiceFilter(
        label=_("Reported by readers"),
        choices=[("yes", _("Reported only"))],
        empty_label=pgettext_lazy("filter", "All"),
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
        label=_("Screening result"),
        choices=Screening.choices,
        empty_label=pgettext_lazy("filter", "All"),
    )
    column = django_filters.ModelChoiceFilter(
        label=_("Column"), queryset=_columns, empty_label=_("All columns")
    )
    article = django_filters.ModelChoiceFilter(
        label=_("Article"), queryset=_articles, empty_label=_("All articles")
    )
    assignee = django_filters.ModelChoiceFilter(
        label=_("Assignee"),
        queryset=_people,
        empty_label=pgettext_lazy("filter", "All"),
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Date submitted"), widget=DateRangePickerWidget
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
