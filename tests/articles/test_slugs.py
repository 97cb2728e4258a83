"""Pinyin slugs from titles and names."""

from articles.slugs import MAX_LENGTH, is_automatic, name_slug, pinyin_slug, unique_slug


def test_a_title_becomes_hyphen_joined_pinyin():
    assert pinyin_slug("让“民意渠道”修得更宽一些") == (
        "rang-min-yi-qu-dao-xiu-de-geng-kuan-yi-xie"
    )


def test_latin_letters_and_digits_in_a_title_are_kept_in_lower_case():
    assert pinyin_slug("政务APP别越装越多") == "zheng-wu-app-bie-yue-zhuang-yue-duo"
    assert pinyin_slug("让12345热线更通畅") == "rang-12345-re-xian-geng-tong-chang"


def test_a_long_title_is_cut_at_a_whole_syllable_within_the_limit():
    slug = pinyin_slug("把吐槽窗口办成群众信得过的回音壁" * 3)
    assert len(slug) <= MAX_LENGTH
    assert not slug.endswith("-")
    assert slug.startswith("ba-tu-cao-chuang-kou")


def test_a_name_reads_family_name_then_given_name():
    assert name_slug("林晓雨") == "lin-xiaoyu"
    assert name_slug("周明哲") == "zhou-mingzhe"


def test_unique_slug_numbers_a_taken_one():
    taken = {"rang-min-yi", "rang-min-yi-2"}
    assert unique_slug("rang-min-yi", taken.__contains__) == "rang-min-yi-3"
    assert unique_slug("x" * 60, {"x" * 60}.__contains__) == "x" * 58 + "-2"


def test_chinese_empty_or_title_derived_slugs_are_automatic():
    assert is_automatic("", "标题")
    assert is_automatic("让民意渠道", "让民意渠道")
    assert is_automatic("covid-2026", "COVID 2026")
    assert not is_automatic("my-own-slug", "让民意渠道")
