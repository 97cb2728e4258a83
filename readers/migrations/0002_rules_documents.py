"""The three rules documents, with a first text for the newsroom to edit
(设置/片段 → 评论规则与协议) before the comment area opens."""

from django.db import migrations

DOCUMENTS = [
    (
        "rules",
        "评论规则",
        "<p>欢迎理性、友善地发表评论。评论经审核后公开（先审后发）。</p>"
        "<ul><li>不得发布法律法规禁止的信息；</li>"
        "<li>不得辱骂、攻击他人，不得泄露他人隐私；</li>"
        "<li>不得发布广告、联系方式或与文章无关的内容；</li>"
        "<li>公开评论显示昵称和 IP属地。</li></ul>"
        "<p>违反规则的评论不予公开；多次违反的，可暂停其评论功能。</p>",
    ),
    (
        "terms",
        "用户协议",
        "<p>使用本站评论功能前，您需要用中国大陆手机号完成一次验证"
        "（后台实名、前台自愿）。您对自己发表的内容负责，并同意遵守《评论规则》。</p>",
    ),
    (
        "privacy",
        "个人信息保护政策",
        "<p>我们只保存您手机号的密钥哈希值和后四位，不保存完整号码，不公开显示；"
        "公开显示您的昵称和 IP属地（省份或国家）。评论相关操作日志依法保存至少六个月，"
        "仅站点管理员可查阅。</p>",
    ),
]


def create(apps, schema_editor):
    ReaderDocument = apps.get_model("readers", "ReaderDocument")
    for kind, title, body in DOCUMENTS:
        ReaderDocument.objects.get_or_create(
            kind=kind, defaults={"title": title, "version": "1", "body": body}
        )


class Migration(migrations.Migration):
    dependencies = [("readers", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
