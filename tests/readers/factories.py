import factory

from readers.models import Document, Reader, ReaderDocument
from readers.nicknames import nickname_key
from readers.phone import last_four, phone_hash
from readers.policy import current_versions, record_consent


class ReaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reader
        skip_postgeneration_save = True

    class Params:
        phone = factory.Sequence(lambda n: f"+86139{n:08d}")

    phone_hash = factory.LazyAttribute(lambda o: phone_hash(o.phone))
    phone_last4 = factory.LazyAttribute(lambda o: last_four(o.phone))
    nickname = factory.Sequence(lambda n: f"读者{n}号")
    nickname_key = factory.LazyAttribute(
        lambda o: nickname_key(o.nickname) if o.nickname else None
    )

    @factory.post_generation
    def agreed(self, create, extracted, **kwargs):
        """Agreed to the current rules documents, unless agreed=False."""
        if create and extracted is not False:
            record_consent(self, current_versions())


def rules_documents(version="2026-12-01"):
    """The three documents, all at one version."""
    return [
        ReaderDocument.objects.update_or_create(
            kind=kind,
            defaults={
                "title": label,
                "version": version,
                "body": f"<p>{label}正文</p>",
            },
        )[0]
        for kind, label in (
            (Document.RULES, "评论规则"),
            (Document.TERMS, "用户协议"),
            (Document.PRIVACY, "个人信息保护政策"),
        )
    ]
