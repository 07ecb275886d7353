"""Reading sources: source files, RSS/Atom feeds, news sitemaps and sitemap indexes."""
from __future__ import annotations

import pytest
import typer

from dateline.watch.command import parse_every
from dateline.watch.politeness import retry_after_s
from dateline.watch.sources import SourceError, parse_listing, parse_sources

ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>One</title><link rel="alternate" href="/a/1"/><id>tag:1</id>
<updated>2021-03-01T10:00:00Z</updated></entry>
<entry><title>Two</title><link rel="enclosure" href="/a/2.mp3"/><id>tag:2</id></entry>
</feed>"""
NEWS_SITEMAP = b"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://ex.org/x</loc><news:news><news:publication>
<news:name>Ex</news:name></news:publication>
<news:publication_date>2016-03-15T08:00:00+00:00</news:publication_date>
<news:title>Putin orders withdrawal</news:title></news:news></url>
<url><loc>https://ex.org/y</loc><lastmod>2016-03-16</lastmod></url></urlset>"""
INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://ex.org/s1.xml</loc></sitemap></sitemapindex>"""


def test_sources_file_with_labels_and_comments(tmp_path):
    listing = tmp_path / "sources.txt"
    listing.write_text("# world news\nhttps://a.org/rss.xml  A world\n\n"
                       "https://b.org/sitemap.xml # no label\nhttps://a.org/rss.xml dup\n")
    found = parse_sources([str(listing), "https://c.org/feed"])
    assert [(s.url, s.label) for s in found] == [("https://a.org/rss.xml", "dup"),
                                                 ("https://b.org/sitemap.xml", ""),
                                                 ("https://c.org/feed", "")]
    listing.write_text("ftp://x.org/feed\n")
    with pytest.raises(SourceError, match="sources.txt:1"):
        parse_sources([str(listing)])


def test_atom_feed_entries_resolve_links_and_skip_enclosures():
    listing = parse_listing(ATOM, "https://ex.org/feed", 100)
    assert listing.kind == "feed" and listing.total == 2
    assert [(e.url, e.published, e.title) for e in listing.entries] == [
        ("https://ex.org/a/1", "2021-03-01", "One")]


def test_news_sitemap_dates_and_versions():
    listing = parse_listing(NEWS_SITEMAP, "https://ex.org/sitemap.xml", 100)
    assert [(e.url, e.published) for e in listing.entries] == [
        ("https://ex.org/x", "2016-03-15"), ("https://ex.org/y", "2016-03-16")]
    changed = parse_listing(NEWS_SITEMAP.replace(b"2016-03-16", b"2016-03-17"),
                            "https://ex.org/sitemap.xml", 100)
    assert changed.entries[0].version == listing.entries[0].version
    assert changed.entries[1].version != listing.entries[1].version


def test_sitemap_index_lists_sitemaps_and_entries_are_capped():
    assert parse_listing(INDEX, "https://ex.org/i.xml", 10).sitemaps == ["https://ex.org/s1.xml"]
    capped = parse_listing(NEWS_SITEMAP, "https://ex.org/sitemap.xml", 1)
    assert len(capped.entries) == 1 and capped.total == 2


@pytest.mark.parametrize(("body", "code"), [
    (b"<rss><channel><item>", "malformed_xml"),
    (b"<!DOCTYPE html><html><body><p>hi<br></body></html>", "not_a_feed"),
    (b"<html><body><p>hi</p></body></html>", "not_a_feed"),
    (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
     b"<rss><channel><item><title>&b;</title><link>https://e.org/1</link></item></channel>"
     b"</rss>", None),
])
def test_bad_listings_are_clear(body, code):
    if code is None:  # an entity in a feed is not expanded
        assert parse_listing(body, "https://e.org/f", 10).entries[0].title in (None, "")
        return
    with pytest.raises(SourceError) as info:
        parse_listing(body, "https://e.org/f", 10)
    assert info.value.code == code


def test_periods_and_retry_after():
    assert [parse_every(t) for t in ("90s", "15m", "2h", "1d", "30")] == [90, 900, 7200,
                                                                           86400, 30]
    with pytest.raises(typer.BadParameter):
        parse_every("soon")
    assert retry_after_s("120", 0) == 120
    assert retry_after_s("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470.0) == 10.0
    assert retry_after_s("later", 0) is None
