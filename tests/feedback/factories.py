import time

import factory
from django.core import signing
from factory.django import DjangoModelFactory

from feedback import lifecycle
from feedback.forms import TIMESTAMP_SALT
from feedback.models import Feedback, Kind, Rating, State
from feedback.screening import fingerprint
from feedback.tracking import new_code, new_token
from tests.core.factories import UserFactory


class FeedbackFactory(DjangoModelFactory):
    """A submitted item on `article` (pass article=...), deadlines set."""

    kind = Kind.COMPLAINT
    message = factory.Sequence(
        lambda n: f"第{n}条：小区门口的路灯坏了好几天，晚上很黑。"
    )
    display_name = "老周"
    contact = "reader@example.com"
    consent_public = True
    tracking_code = factory.LazyFunction(new_code)
    tracking_token = factory.LazyFunction(new_token)
    fingerprint = factory.LazyAttribute(lambda item: fingerprint(item.message))
    column = factory.LazyAttribute(lambda item: item.article.get_parent().specific)
    article_title = factory.LazyAttribute(lambda item: item.article.title)

    class Meta:
        model = Feedback

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        item = model_class(*args, **kwargs)
        lifecycle.set_initial_deadlines(item)
        item.save()
        return item


def handler(**fields):
    """A member of the 反馈处理员 group (created by the data migration)."""
    from django.contrib.auth.models import Group

    user = UserFactory(**{"last_name": "苏", "first_name": "一禾", **fields})
    user.groups.add(Group.objects.get(name="反馈处理员"))
    return user


def walk_to(item, state, user):
    """Move a fresh item to `state` through the real lifecycle steps."""
    if state == State.SUBMITTED:
        return item
    if item.kind == Kind.COMMENT:
        steps = {
            State.PUBLISHED: [lambda: lifecycle.publish(item, user)],
            State.HIDDEN: [lambda: lifecycle.hide(item, user, "与文章无关")],
            State.SPAM: [lambda: lifecycle.mark_spam(item, user)],
        }
        for step in steps[state]:
            step()
        return item
    path = [
        (State.ACCEPTED, lambda: lifecycle.accept(item, user)),
        (State.IN_PROGRESS, lambda: lifecycle.assign(item, user, user)),
        (
            State.REPLIED,
            lambda: lifecycle.reply(
                item, user, "已联系物业维修。", "苏一禾", "反馈处理员"
            ),
        ),
        (State.CLOSED, lambda: lifecycle.rate(item, Rating.SATISFIED)),
    ]
    if state == State.REJECTED:
        lifecycle.reject(item, user, "与本网报道无关")
        return item
    if state == State.SPAM:
        lifecycle.mark_spam(item, user)
        return item
    for target, step in path:
        step()
        if target == state:
            return item
    raise ValueError(state)


def issued(article, seconds_ago: float = 60) -> str:
    """The signed timestamp a form shown `seconds_ago` seconds ago carries."""
    return signing.dumps(
        {"a": article.pk, "t": time.time() - seconds_ago}, salt=TIMESTAMP_SALT
    )


def form_data(article, **fields) -> dict:
    data = {
        "kind": "complaint",
        "message": "文章说的窗口办事流程，我上周去办还是要跑三趟。",
        "display_name": "小林",
        "contact": "lin@example.com",
        "consent_public": "on",
        "website": "",
        "issued": issued(article),
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}
