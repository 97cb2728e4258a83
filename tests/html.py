"""Reading rendered pages the way the markup contract describes them."""

import re

from bs4 import BeautifulSoup, Tag

WHITESPACE = re.compile(r"\s+")


def soup_of(response_or_html) -> BeautifulSoup:
    """Parse a test-client response, or a string of HTML."""
    html = getattr(response_or_html, "content", response_or_html)
    if isinstance(html, bytes):
        html = html.decode()
    return BeautifulSoup(html, "html.parser")


def text_of(tag: Tag) -> str:
    """The tag's text with runs of whitespace collapsed to one space."""
    return WHITESPACE.sub(" ", tag.get_text()).strip()


def squashed(tag: Tag) -> str:
    """The tag's text without any whitespace (Chinese text has no spaces)."""
    return WHITESPACE.sub("", tag.get_text())


def one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    """The single element matching a CSS selector; fails if none or several."""
    found = soup.select(selector)
    assert len(found) == 1, f"expected one {selector!r}, found {len(found)}"
    return found[0]


def hrefs(tag: Tag) -> list[str]:
    return [link["href"] for link in tag.find_all("a", href=True)]


def comes_before(soup: BeautifulSoup, first: Tag, second: Tag) -> bool:
    """Whether first starts before second in document order."""
    elements = soup.find_all(True)
    positions = {id(element): index for index, element in enumerate(elements)}
    return positions[id(first)] < positions[id(second)]
