"""Browser tests: every page renders, a span is clickable, a filter applies; screenshots
of each page go to docs/img/ for the documentation."""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "img"


def _page(chrome):
    page = chrome.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page, errors


@pytest.mark.parametrize(("path", "ready", "shot"), [
    ("/ui/events", ".event-row", "events.png"),
    ("/ui/article?id=doc-order", ".seg.k-event", "article.png"),
    ("/ui/timeline", ".tl-event", "timeline.png"),
    ("/ui/map", "circle.point", "map.png"),
    ("/ui/network", ".node", "network.png"),
])
def test_page_renders(chrome, base_url, path, ready, shot):
    page, errors = _page(chrome)
    page.goto(base_url + path)
    page.wait_for_selector(ready, timeout=10_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / shot), full_page=True)
    assert errors == []
    page.close()


@pytest.mark.parametrize(("selector", "heading"), [
    (".seg.k-quote", "quote (direct)"), (".seg.k-time", "time 2016-03-15"),
    (".seg.k-event", "event CONCEDE / ordered"), (".seg.k-place", "place Moscow")])
def test_article_span_click_shows_detail(chrome, base_url, selector, heading):
    page, _ = _page(chrome)
    page.goto(base_url + "/ui/article?id=doc-order")
    page.wait_for_selector("#text " + selector)
    target = page.locator("#text " + selector)
    target = target.nth(target.count() - 1) if "place" in selector or "time" in selector \
        else target.first
    target.click()
    headings = page.locator("#detail h3").all_text_contents()
    assert heading in headings
    page.close()


@pytest.mark.parametrize(("field", "value", "rows"), [
    ("actor", "putin", 1), ("country", "SYR", 3), ("since", "2016-03-15", 3)])
def test_events_filter_applies(chrome, base_url, field, value, rows):
    page, _ = _page(chrome)
    page.goto(base_url + "/ui/events")
    page.wait_for_selector(".event-row")
    page.wait_for_selector("#filters button[type=submit]")
    page.fill(f"#f-{field}", value)
    page.click("#filters button[type=submit]")
    from playwright.sync_api import expect

    expect(page.locator(".event-row")).to_have_count(rows)
    assert f"{field}=" in page.url
    if field == "actor":
        page.screenshot(path=str(SHOTS / "events-filtered.png"), full_page=True)
    page.close()


def test_bad_filter_shows_the_api_message(chrome, base_url):
    page, _ = _page(chrome)
    page.goto(base_url + "/ui/events?since=yesterday")
    page.wait_for_selector("#status.error")
    assert "422" in page.locator("#status").text_content()
    page.close()
