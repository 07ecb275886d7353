"""The HTML cascade: limits, depth rescue, titles, bylines, metadata precedence."""
from __future__ import annotations

import pytest

from dateline.config import Settings
from dateline.errors import LimitExceeded
from dateline.extract import extract_article
from dateline.extract.html import max_depth
from dateline.extract.meta import cut_site_name, people
from dateline.model import RawDoc

PARA = ("<p>Russian President Vladimir Putin has made a surprise visit to Syria, declaring "
        "victory and ordering the military to start withdrawing a significant portion of its "
        "forces from the war-ravaged country, officials said on Monday.</p>")
PAGE = ("<html lang='en'><head><title>Putin Visits Syria Base | Example News</title>"
        "<meta property='article:published_time' content='2017-12-11T08:00:00Z'>"
        "<meta name='author' content='Jane Doe; RFE/RL'>"
        "<link rel='canonical' href='https://news.example/putin'></head><body>"
        "<article><h1>Putin Visits Syria Base</h1>" +
        "".join(PARA.replace("Monday", day) for day in ("Monday", "Sunday", "May", "June")) +
        "<p>With reporting by Reuters and AP</p></article></body></html>")


@pytest.mark.parametrize(("title", "expected"), [
    ("Putin Visits the Syria Base Today | Example News", "Putin Visits the Syria Base Today"),
    ("Example News - Putin Visits Syria Base Today", "Putin Visits Syria Base Today"),
    ("Short | Site", "Short | Site"),
    ("Plain headline with no separator", "Plain headline with no separator"),
])
def test_cut_site_name(title, expected):
    assert cut_site_name(title, []) == expected


@pytest.mark.parametrize(("author", "expected"), [
    ("RFE; RL", []),
    ("Jane Doe; Associated Press", ["Jane Doe"]),
    ("By John Smith and Mary Jones", ["John Smith", "Mary Jones"]),
    ("Reuters", []),
    (None, []),
])
def test_people(author, expected):
    assert people(author) == expected


@pytest.mark.parametrize(("page", "depth"), [
    ("<div><div><p>x</p></div></div>", 2),
    ("<b>a<br>b<img src=x></b>", 1),
    ("<div>" * 300 + "</div>" * 300, 300),
])
def test_max_depth(page, depth):
    assert max_depth(page) == depth


def test_page_metadata_and_body():
    art = extract_article(RawDoc(id="p", kind="html", content=PAGE), Settings())
    assert art.title == "Putin Visits Syria Base"
    assert art.published == "2017-12-11" and art.published_source == "metadata"
    assert art.byline == ["Jane Doe"]
    assert art.url == "https://news.example/putin" and art.language == "en"
    assert art.text.startswith("Russian President Vladimir Putin")
    assert "With reporting" not in art.text and art.credits == ["Reuters", "AP"]
    assert len(art.paragraphs) == 4


@pytest.mark.parametrize(("published", "default", "expected", "source"), [
    ("2020-01-02", "2019-01-01", "2020-01-02", "input"),
    (None, "2019-01-01", "2017-12-11", "metadata"),
])
def test_published_precedence(published, default, expected, source):
    raw = RawDoc(id="p", kind="html", content=PAGE, published=published,
                 published_default=default)
    art = extract_article(raw, Settings())
    assert (art.published, art.published_source) == (expected, source)


def test_too_large_rejected_before_parsing():
    with pytest.raises(LimitExceeded) as err:
        extract_article(RawDoc(id="big", kind="html", content=PAGE),
                        Settings(max_input_bytes=100))
    assert err.value.code == "too_large"


def test_deep_page_is_rescued_not_empty():
    deep = "<html><body>" + "<div>" * 400 + PARA * 3 + "</div>" * 400 + "</body></html>"
    art = extract_article(RawDoc(id="deep", kind="html", content=deep), Settings())
    assert "Vladimir Putin" in art.text
    assert "depth_flattened" in art.warnings


def test_text_kind_is_verbatim():
    text = "  First para.\n\nSecond para.  "
    art = extract_article(RawDoc(id="t", kind="text", content=text), Settings())
    assert art.text == text
    assert [text[s.start:s.end] for s in art.paragraphs] == ["First para.", "Second para."]
