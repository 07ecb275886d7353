"""Feed reader: RSS and Atom items as html documents; no entity expansion."""
from __future__ import annotations

import pytest

from dateline.config import Settings
from dateline.sources.feeds import feed_date, read_feed

S = Settings()
RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Wire</title>
<item><title>Putin visits Syria</title><link>http://news.example/putin</link>
<pubDate>Mon, 11 Dec 2017 10:00:00 +0000</pubDate><description>short</description>
<content:encoded><![CDATA[<p>Russian President Vladimir Putin made a visit.</p>]]></content:encoded>
</item>
<item><title>No body</title><link>http://news.example/empty</link></item>
<item><title>Teaser</title><link>http://news.example/t</link>
<description>&lt;p&gt;Only a description.&lt;/p&gt;</description></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>
<entry><title>Atom item</title><link rel="alternate" href="http://a.example/1"/>
<published>2016-03-14T09:00:00Z</published><content type="html">&lt;p&gt;Body&lt;/p&gt;</content>
</entry></feed>"""
BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>x</title><link>http://x.example/</link>
<description>&lol2;&xxe; tail</description></item></channel></rss>"""


def test_rss_items(tmp_path):
    path = tmp_path / "f.rss"
    path.write_text(RSS, encoding="utf-8")
    out = list(read_feed(path, S))
    docs = [d for d in out if not isinstance(d, dict)]
    assert [d.url for d in docs] == ["http://news.example/putin", "http://news.example/t"]
    assert [e["error"]["code"] for e in out if isinstance(e, dict)] == ["empty_item"]
    assert docs[0].kind == "html" and "Vladimir Putin" in docs[0].content
    assert docs[0].published == "2017-12-11" and docs[0].title == "Putin visits Syria"
    assert docs[1].content == "<p>Only a description.</p>"


def test_atom_entry(tmp_path):
    path = tmp_path / "f.atom"
    path.write_text(ATOM, encoding="utf-8")
    (doc,) = list(read_feed(path, S))
    assert (doc.url, doc.published, doc.content) == ("http://a.example/1", "2016-03-14",
                                                     "<p>Body</p>")


def test_entities_not_expanded(tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_text(BOMB, encoding="utf-8")
    docs = [d for d in read_feed(path, S) if not isinstance(d, dict)]
    text = " ".join(d.content for d in docs)
    assert "lollol" not in text and "root:" not in text


def test_not_a_feed(tmp_path):
    path = tmp_path / "x.xml"
    path.write_bytes(b"\x00\x01 not xml")
    out = list(read_feed(path, S))
    assert [o["error"]["code"] for o in out] in (["bad_input"], ["no_items"])


def test_feed_without_items_is_reported(tmp_path):
    path = tmp_path / "none.rss"
    path.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]>'
                    "<rss><channel><title>&a;</title></channel></rss>", encoding="utf-8")
    assert [o["error"]["code"] for o in read_feed(path, S)] == ["no_items"]


@pytest.mark.parametrize(("value", "expected"), [
    ("Mon, 11 Dec 2017 10:00:00 +0000", "2017-12-11"),
    ("2016-03-14T09:00:00Z", "2016-03-14"),
    ("yesterday", None),
])
def test_feed_date(value, expected):
    assert feed_date(value) == expected
