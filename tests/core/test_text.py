"""core.text: the one normaliser every term match, mask, link count and
duplicate check goes through. Each class of disguise, not just one example."""

import unicodedata

import opencc
import pytest

from core.text import (
    DEFAULT_IGNORABLE,
    compact,
    find_patterns,
    find_terms,
    fold_addresses,
    fold_with_offsets,
    normalise,
    read_variants,
    to_simplified,
)

TERMS = ["无码专区", "加微信", "网上赌场", "casino888", "赌博", "代开发票"]


def found(text, terms=TERMS):
    return find_terms(text, terms)


# --- Variant and Japanese forms -------------------------------------------


@pytest.mark.parametrize(
    "variant, standard",
    [
        ("塲", "场"),  # 异体字
        ("羣", "群"),
        ("綫", "线"),
        ("竝", "并"),
        ("衞", "卫"),
        ("駅", "驿"),  # 日本新字体
        ("広", "广"),
        ("沢", "泽"),
        ("図", "图"),
        ("発", "发"),
        ("売", "卖"),
        ("薬", "药"),
        ("専", "专"),
        ("⻢", "马"),  # CJK radical form
        ("⼀", "一"),  # Kangxi radical (NFKC)
        ("㊙", "秘"),  # enclosed ideograph (NFKC)
    ],
)
def test_variant_and_japanese_forms_fold_to_the_standard(variant, standard):
    assert normalise(variant) == standard


@pytest.mark.parametrize(
    "message, term",
    [
        ("网上赌塲", "网上赌场"),
        ("网上賭塲", "网上赌场"),
        ("无码専区", "无码专区"),
        ("代开発票", "代开发票"),
    ],
)
def test_terms_written_with_variant_forms_are_found(message, term):
    assert found(f"最新{message}在这里") == [term]


def test_variant_table_never_folds_a_common_simplified_character():
    # Folding one GB 2312 character into another (沪→滤, 欠→缺) would make
    # ordinary words match terms they do not contain.
    for variant in read_variants():
        with pytest.raises(UnicodeEncodeError):
            variant.encode("gb2312")


def test_everyday_characters_the_japanese_table_could_touch_stay():
    text = "上海沪语 欠款予以归还 芸芸众生 研究翻译 浜海 郎中"
    assert normalise(text) == text


def test_japanese_section_agrees_with_the_installed_opencc_jp2t_chain():
    # The table was generated from OpenCC's jp2t, then t2s: check it still
    # holds, so an OpenCC upgrade that changes a mapping is noticed.
    jp2t = opencc.OpenCC("jp2t")
    for code in list(range(0x4E00, 0xA000)):
        char = chr(code)
        try:
            char.encode("gb2312")
            continue
        except UnicodeEncodeError:
            pass
        traditional = jp2t.convert(char)
        if traditional == char or len(traditional) != 1:
            continue
        expected = normalise(traditional)
        if expected == to_simplified(char) or len(expected) != 1:
            continue
        try:
            expected.encode("gb2312")  # a Chinese standard character
        except UnicodeEncodeError:
            continue
        assert normalise(char) == expected, char


# --- Invisible and filler characters --------------------------------------


@pytest.mark.parametrize(
    "filler",
    [
        "\u3164",  # Hangul filler (looks like a space, is a letter to unicodedata)
        "\uffa0",  # half-width Hangul filler
        "\u115f",  # Hangul choseong filler
        "\u1160",  # Hangul jungseong filler
        "\u2800",  # braille pattern blank
        "\u200b",  # zero-width space
        "\u2060",  # word joiner
        "\u00ad",  # soft hyphen
        "\ufe0f",  # variation selector
        "\U000e0041",  # tag letter
        "\u180e",  # Mongolian vowel separator
        "\u034f",  # combining grapheme joiner
    ],
)
def test_default_ignorable_and_filler_characters_are_removed(filler):
    assert normalise(filler.join("无码专区")) == "无码专区"
    assert found(filler.join("无码专区")) == ["无码专区"]


def test_every_default_ignorable_code_point_is_removed():
    for start, end in DEFAULT_IGNORABLE:
        for code in range(start, min(end, start + 64) + 1):
            assert normalise(f"a{chr(code)}b") == "ab", hex(code)


def test_combining_marks_and_overlays_are_removed():
    assert found("c\u0336a\u0336s\u0336i\u0336n\u0336o\u0336888") == ["casino888"]
    assert found("无\u0338码\u20dd专区") == ["无码专区"]
    assert normalise("café") == "cafe"


# --- Look-alike letters -----------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "саsino888",  # Cyrillic с, а
        "CАSINO888",  # Cyrillic А
        "cαsinο888",  # Greek α, ο
        "ϲasino888",  # Greek lunate sigma
        "casino８８８",  # full-width digits
        "casino٨٨٨",  # Arabic-Indic digits
        "𝐜𝐚𝐬𝐢𝐧𝐨888",  # mathematical bold
    ],
)
def test_look_alike_letters_and_other_digits_fold_to_latin(message):
    assert found(f"play {message} now") == ["casino888"]


# --- One filler character repeated between the characters -------------------


@pytest.mark.parametrize(
    "message",
    [
        "无x码x专x区",
        "无.码.专.区",
        "无 码 专 区",
        "无啊码啊专啊区",
        "无xx码xx专xx区",
        "无1码1专1区",
        "无-x-码-x-专-x-区",
        "无Ｘ码Ｘ专Ｘ区",
    ],
)
def test_a_term_spread_by_one_repeated_filler_is_found(message):
    assert found(f"最新{message}在线") == ["无码专区"]


def test_a_two_character_term_is_found_with_a_latin_filler():
    assert found("网上有人赌x博") == ["赌博"]


@pytest.mark.parametrize(
    "sentence",
    [
        "无论如何，密码专门区分大小写。",
        "无人知道码头的专用区域在哪里。",
        "无须排队，码上办理，专人负责，区里统一安排。",
        "加快建设，微小企业信用体系。",
        "赌一把不如博一把，这是他的口头禅。",
        "代表们开会，发言后投票。",
        "网上的人都说赌是坏事，场面很乱。",
    ],
)
def test_ordinary_sentences_with_the_characters_apart_do_not_match(sentence):
    assert found(sentence) == []


def test_different_fillers_in_each_gap_do_not_match():
    assert found("无x码y专z区") == []


# --- Contact channels spelled another way ------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "加V信",
        "加v信",
        "加 V 信",
        "加威信",
        "加薇信",
        "加维信",
        "加徽信",
        "加vx",
        "加VX",
        "加wx",
        "＋V",
        "+v",
        "加V",
        "＋微信",
        "加ｗｘ",
    ],
)
def test_wechat_lures_written_with_a_letter_or_a_homophone_are_found(message):
    assert found(f"想了解更多请{message}，回复快") == ["加微信"]


def test_latin_spellings_fold_only_as_words_of_their_own():
    assert compact("vxlan 和 vivid") == "vxlan和vivid"
    assert found("加vip会员") == []


def test_qq_spellings_fold_to_qq():
    assert compact("扣扣：12345") == "qq12345"
    assert compact("企鹅号 12345") == "qq号12345"


# --- Chinese numerals in numbers ---------------------------------------------


def test_runs_of_chinese_numerals_read_as_digits():
    assert compact("电话一三八零零一三八零零零") == "电话13800138000"
    assert compact("幺三八〇〇 幺三八 〇〇〇") == "13800138000"


def test_words_made_of_numerals_are_left_alone():
    assert compact("一起三五成群，两个人") == "一起三五成群两个人"


def test_patterns_match_the_compact_form():
    assert find_patterns("QQ：一二三四五六七八九", [r"qq\d{5,11}"]) == [r"qq\d{5,11}"]
    assert find_patterns("V 信 号: abc_123", [r"微信号[a-z0-9]{6}"]) == [
        r"微信号[a-z0-9]{6}"
    ]


# --- Offsets and addresses -----------------------------------------------------


def test_fold_with_offsets_knows_the_source_of_each_character():
    source = "Ｎ\u200bａ塲"
    folded = fold_with_offsets(source)
    assert folded.text == "na场"
    assert [source[a:b] for a, b in folded.spans] == ["Ｎ", "ａ", "塲"]


@pytest.mark.parametrize(
    "text, address",
    [
        ("name(at)example(dot)com", "name@example.com"),
        ("name [at] example [dot] com", "name@example.com"),
        ("ｎａｍｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", "name@example.com"),
        ("name艾特example.com", "name@example.com"),
        ("a-spam[.]com", "a-spam.com"),
        ("a-spam(.)com", "a-spam.com"),
        ("a-spam。com", "a-spam.com"),
        ("a-spam｡com", "a-spam.com"),
        ("a-spam．com", "a-spam.com"),
        ("www dot a-spam dot com", "www.a-spam.com"),
        ("a-spam点com", "a-spam.com"),
        ("a-spam點com", "a-spam.com"),
        ("1点2点3点4", "1.2.3.4"),
    ],
)
def test_disguised_at_and_dots_read_as_at_and_dot(text, address):
    assert fold_addresses(text).text == address


def test_dots_and_dian_in_chinese_text_stay():
    assert fold_addresses("下午3点开会。然后吃饭").text == "下午3点开会。然后吃饭"


def test_normalise_is_stable():
    text = "最新無碼専區 саsino８８８ 加V信\u3164"
    assert normalise(normalise(text)) == normalise(text)
    assert unicodedata.is_normalized("NFC", normalise(text))
