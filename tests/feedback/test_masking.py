"""Masking finds personal data after the shared normalisation and masks it
in the reader's own text (feedback/masking.py)."""

import pytest

from feedback.masking import mask_personal_data


def masked(raw: str) -> str:
    return mask_personal_data(f"联系我 {raw} 谢谢")


@pytest.mark.parametrize(
    "raw, expected",
    [
        # The shapes masked before, unchanged.
        ("13800138000", "138****8000"),
        ("+86 138 0013 8000", "+86 138 **** 8000"),
        ("１３８００１３８０００", "１３８****８０００"),
        ("0891-6335566", "0891-*****66"),
        ("11010119900307771X", "1101**********771X"),
        ("a.b@example.cn", "a***@example.cn"),
        # Separators between the groups.
        ("138.0013.8000", "138.****.8000"),
        ("138/0013/8000", "138/****/8000"),
        ("138  0013  8000", "138  ****  8000"),
        ("138 - 0013 - 8000", "138 - **** - 8000"),
        ("138_0013_8000", "138_****_8000"),
        ("138·0013·8000", "138·****·8000"),
        ("138\u200b0013\u200b8000", "138\u200b****\u200b8000"),
        ("138\u31640013\u31648000", "138\u3164****\u31648000"),
        ("١٣٨٠٠١٣٨٠٠٠", "١٣٨****٨٠٠٠"),  # Arabic-Indic digits
        # Chinese numerals.
        ("一三八零零一三八零零零", "一三八****八零零零"),
        ("幺三八〇〇幺三八〇〇〇", "幺三八****八〇〇〇"),
        ("幺三八 洞洞幺三 八洞洞洞", "幺三八 **** 八洞洞洞"),
        ("壹叁捌零零壹叁捌零零零", "壹叁捌****捌零零零"),
        ("一三八0013八000", "一三八****八000"),
        ("一一零一零一一九九零零三零七七七一X", "一一零一**********七七一X"),
        # E-mail addresses with the @ and dots disguised.
        ("name(at)example(dot)com", "n***(at)example(dot)com"),
        ("name [at] example [dot] com", "n*** [at] example [dot] com"),
        ("name(at)example.com", "n***(at)example.com"),
        ("ｎａｍｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", "ｎ***＠ｅｘａｍｐｌｅ．ｃｏｍ"),
        ("name艾特example.com", "n***艾特example.com"),
        ("name@example。com", "n***@example。com"),
        ("NAME﹫EXAMPLE.COM", "N***﹫EXAMPLE.COM"),
    ],
)
def test_disguised_numbers_and_addresses_are_masked_in_the_original_text(raw, expected):
    assert masked(raw) == f"联系我 {expected} 谢谢"


@pytest.mark.parametrize(
    "text",
    [
        "2026年共办理1234件，增长15%",
        "金额 13,800,138,000 元",
        "一起三五成群，两个人，十一月",
        "版本 1.2.3，下午3点30分",
        "请在 12345 热线反映",
        "他说 at home 和 dot com 泡沫",
    ],
)
def test_ordinary_text_is_left_alone(text):
    assert mask_personal_data(text) == text


def test_several_items_in_one_text_are_all_masked():
    text = "电话138.0013.8000，邮箱name(at)example(dot)com，座机0891-6335566"
    assert (
        mask_personal_data(text)
        == "电话138.****.8000，邮箱n***(at)example(dot)com，座机0891-*****66"
    )


def test_digits_inside_an_email_address_are_masked_once():
    assert mask_personal_data("13800138000@qq.com") == "1***@qq.com"
