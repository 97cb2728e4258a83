import datetime as dt

import factory
from factory.django import DjangoModelFactory

from corrections import actions
from corrections.models import Correction, Kind

PUBLISHED = dt.datetime(2026, 11, 3, 2, 20, tzinfo=dt.UTC)  # 10:20 in Shanghai


class CorrectionFactory(DjangoModelFactory):
    """A draft on `article` (pass article=...)."""

    kind = Kind.CORRECTION
    text = factory.Sequence(lambda n: f"第{n}处:原文“十二”应为“二十”,已更正。")

    class Meta:
        model = Correction


def approved(article, approver, **fields) -> Correction:
    """A correction drafted and approved through corrections.actions."""
    fields.setdefault("published_at", PUBLISHED)
    return actions.approve(CorrectionFactory(article=article, **fields), approver)
