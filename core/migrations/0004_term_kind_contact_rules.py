"""Terms get a kind (word or pattern), and the contact-detail rules arrive as
suspect patterns editors can change or delete in the admin (敏感词).

Patterns are matched in core.text.compact() form: Simplified, lower case,
no spaces or punctuation, Chinese numeral runs as digits, V信/VX/威信/薇信…
as 微信 and 扣扣 as qq. So `qq\\D{0,4}?\\d{5,11}` finds "Q Q：一二三四五六".
"""

from django.db import migrations, models

CONTACT_RULES = [
    (
        r"qq\D{0,4}?\d{5,11}(?!\d)",
        "联系方式：QQ 号（QQ/扣扣/企鹅号 + 号码）",
    ),
    (
        r"微信\D{0,4}?(?:[a-z][a-z0-9]{5,19}|\d{5,11})",
        "联系方式：微信号（微信/V信/VX/WX/威信/薇信 + 微信号）",
    ),
    (
        r"(?:加|添加|私聊|私信)(?:我|下|一下)?(?:微信|qq)",
        "联系方式：加微信/QQ 引流（含 加V信、+VX、加扣扣）",
    ),
    (
        r"(?<!\d)(?:86)?(?:1[3-9]\d{9}|0[1-9]\d{8,10}|400\d{7})(?!\d)",
        "联系方式：电话号码（手机、座机、400；含中文数字写法）",
    ),
]


def add_contact_rules(apps, schema_editor):
    Term = apps.get_model("core", "Term")
    for text, note in CONTACT_RULES:
        Term.objects.get_or_create(
            text=text, defaults={"kind": "pattern", "level": "suspect", "note": note}
        )


def remove_contact_rules(apps, schema_editor):
    Term = apps.get_model("core", "Term")
    Term.objects.filter(text__in=[text for text, _ in CONTACT_RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_feed_full_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="term",
            name="kind",
            field=models.CharField(
                choices=[("word", "词语"), ("pattern", "规则(正则表达式)")],
                default="word",
                max_length=10,
                verbose_name="类型",
            ),
        ),
        migrations.AlterField(
            model_name="term",
            name="note",
            field=models.CharField(
                blank=True,
                help_text="规则的备注会作为审核原因显示（如“联系方式：QQ 号”）。",
                max_length=255,
                verbose_name="备注",
            ),
        ),
        migrations.AlterField(
            model_name="term",
            name="text",
            field=models.CharField(
                help_text=(
                    "词语：繁简、全角、异体字、形近字母、零宽和填充字符、空格标点、"
                    "字间重复插入的同一个字符都会自动归一后匹配。"
                    "规则：Python 正则表达式，在归一后的文本上匹配——已转简体、小写，"
                    "去掉空格和标点，中文数字串已转成阿拉伯数字，"
                    "V信/VX/威信等写法已统一为“微信”，扣扣/企鹅号统一为“qq”。"
                ),
                max_length=255,
                unique=True,
                verbose_name="词语或规则",
            ),
        ),
        migrations.RunPython(add_contact_rules, remove_contact_rules),
    ]
