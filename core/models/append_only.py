"""Rows written once and kept: an append-only log with a retention.

A model that subclasses AppendOnlyModel can only gain rows. In Python, every
way Django changes or removes a stored row is refused with AppendOnlyError:
save() of a row already stored, Model.delete(), QuerySet.update(), delete()
and bulk_update(), and deletion through a cascade (a pre_delete receiver).
On PostgreSQL the database refuses too, whoever asks (raw SQL, another
program): the AppendOnlyTrigger migration operation (core/migrations_ops.py)
installs the trigger.

Retention: a row may go only once it is older than the retention (the
setting named by `retention_days_setting`) and its `retained_until` has
passed; NULL means "kept for now". When `append_only_group` names a field,
the rows sharing its value are kept as one (a chain): the newest row of the
group decides for all of them, so an event that ends a story ("retracted")
can set when its whole history may go, and a later event can keep it again.
`Model.objects.expired()` lists what may go, `delete_expired()` removes it:
the only deleting path. See docs/architecture.md for using it in a new app."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.signals import class_prepared, pre_delete
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """A change or removal of an append-only row."""


def _refuse(what: str, model) -> AppendOnlyError:
    return AppendOnlyError(
        f"{model._meta.label} is append-only: {what} is refused "
        "(rows are removed only by delete_expired() once their retention passed)."
    )


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise _refuse("update()", self.model)

    def bulk_update(self, objs, fields, batch_size=None):
        raise _refuse("bulk_update()", self.model)

    def delete(self):
        raise _refuse("delete()", self.model)

    delete.queryset_only = True

    def update_or_create(self, *args, **kwargs):
        raise _refuse("update_or_create()", self.model)

    def expired(self, now=None):
        """The rows whose retention has passed (what delete_expired removes)."""
        model = self.model
        now = now or timezone.now()
        rows = self.filter(created_at__lt=now - timedelta(days=model.retention_days()))
        group = model.append_only_group
        if group is None:
            return rows.filter(retained_until__lt=now)
        newest = (
            model._base_manager.filter(**{group: OuterRef(group)})
            .order_by("-pk")
            .values("retained_until")[:1]
        )
        return rows.annotate(_group_kept_until=Subquery(newest)).filter(
            _group_kept_until__lt=now
        )

    def delete_expired(self, now=None) -> int:
        """Remove the rows whose retention has passed; how many went."""
        expired = self.expired(now)
        pks = list(expired.values_list("pk", flat=True))
        if not pks:
            return 0
        # The one deleting path: no signals (they refuse), no collector.
        return self.model._base_manager.filter(pk__in=pks)._raw_delete(self.db)


class AppendOnlyModel(models.Model):
    created_at = models.DateTimeField(
        _("recorded at"), default=timezone.now, editable=False, db_index=True
    )
    retained_until = models.DateTimeField(
        _("kept until"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("May be deleted after this; empty: kept for good"),
    )

    objects = AppendOnlyQuerySet.as_manager()

    # The setting (a number of days) no row is removed before; None: 0 days.
    retention_days_setting: str | None = None
    # A field whose equal values make one group, kept by its newest row.
    append_only_group: str | None = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise _refuse("saving a stored row", type(self))
        if kwargs.get("update_fields") is not None or kwargs.get("force_update"):
            raise _refuse("an update", type(self))
        if self.retained_until is None:
            self.retained_until = self.default_retained_until()
        kwargs["force_insert"] = True
        return super().save(*args, **kwargs)

    save.alters_data = True

    def delete(self, *args, **kwargs):
        raise _refuse("delete()", type(self))

    delete.alters_data = True

    @classmethod
    def retention_days(cls) -> int:
        if cls.retention_days_setting is None:
            return 0
        return int(getattr(settings, cls.retention_days_setting))

    def default_retained_until(self):
        """retained_until for a new row that did not set one: the creation
        time plus the retention (a group's rows: kept until an event says)."""
        if self.append_only_group is not None:
            return None
        return self.created_at + timedelta(days=self.retention_days())


def _refuse_deletion(sender, instance, **kwargs):
    raise _refuse("deleting a row (a cascade?)", sender)


def _guard_deletions(sender, **kwargs):
    """Every concrete append-only model refuses deletion through Django's
    collector (a cascade from a row it points at). Connected per model, so
    other models keep their fast deletes."""
    if issubclass(sender, AppendOnlyModel) and not sender._meta.abstract:
        pre_delete.connect(
            _refuse_deletion,
            sender=sender,
            weak=False,
            dispatch_uid=f"append_only:{sender._meta.label}",
        )


class_prepared.connect(_guard_deletions, dispatch_uid="core.append_only")
