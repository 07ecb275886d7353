"""Browser tests: every page renders, a span is clickable, a filter applies; screenshots
of each page go to docs/img/ for the documentation."""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "img"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """A live server over the test documents plus an entity-coded one, linked."""
    from api.apidata import app_over, build_linked_db, live_server

    path = tmp_path_factory.mktemp("ui") / "ui.duckdb"
    with app_over(path, build_linked_db) as app, live_server(app) as url:
        yield url


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
    ("/ui/timeline", ".ft-row", None),
])
def test_page_renders(chrome, base_url, path, ready, shot):
    page, errors = _page(chrome)
    page.goto(base_url + path)
    page.wait_for_selector(ready, timeout=10_000)
    if shot:
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
    ("actor", "putin", 1), ("country", "SYR", 3), ("since", "2016-03-15", 5)])
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


@pytest.mark.parametrize(("query", "nodes"), [("", 5), ("?top=3", 3), ("?plover=false&top=1", 1)])
def test_network_caps_actors(chrome, base_url, query, nodes):
    page, errors = _page(chrome)
    page.goto(base_url + "/ui/network" + query)
    from playwright.sync_api import expect

    expect(page.locator("#graph .node")).to_have_count(nodes)
    assert errors == []
    page.close()


@pytest.mark.parametrize(("actor", "rows"), [("Steve Jobs", 1), ("SYR GOV", 2)])
def test_network_node_click_lists_its_events(chrome, base_url, actor, rows):
    page, _ = _page(chrome)
    page.goto(base_url + "/ui/network")
    page.locator("#graph .node", has_text=actor).click()
    from playwright.sync_api import expect

    expect(page.locator("#actor-events .event-row")).to_have_count(rows)
    assert page.locator("#actor-title").text_content() == "Events of " + actor
    page.click("#actor-link")
    expect(page.locator("#events-table .event-row")).to_have_count(rows)
    assert "actor_key=" in page.url
    assert actor.lower() in page.locator("#actor-chip").text_content().lower()
    page.close()


@pytest.mark.parametrize(("check", "rows"), [(True, 6), (False, 7)])
def test_events_plover_toggle(chrome, base_url, check, rows):
    page, _ = _page(chrome)
    page.goto(base_url + "/ui/events")
    page.wait_for_selector("#f-plover")
    assert page.is_checked("#f-plover")
    page.set_checked("#f-plover", check)
    page.click("#filters button[type=submit]")
    from playwright.sync_api import expect

    expect(page.locator(".event-row")).to_have_count(rows)
    assert page.locator("#status").text_content().startswith(f"{rows} events")
    page.close()


def test_events_main_only_toggle(chrome, base_url):
    page, _ = _page(chrome)
    page.goto(base_url + "/ui/events")
    page.wait_for_selector("#f-main")
    assert not page.is_checked("#f-main")
    page.set_checked("#f-main", True)
    page.click("#filters button[type=submit]")
    from playwright.sync_api import expect

    expect(page.locator(".event-row")).to_have_count(4)  # of 6: two were stored without it
    assert "main=true" in page.url
    page.reload()
    page.wait_for_selector("#f-main")
    assert page.is_checked("#f-main")
    expect(page.locator(".event-row")).to_have_count(4)
    page.close()


def test_map_popup_lists_events_at_a_place(chrome, base_url):
    page, _ = _page(chrome)
    page.goto(base_url + "/ui/map")
    page.locator("circle.point").first.dispatch_event("click")  # the points overlap
    from playwright.sync_api import expect

    expect(page.locator("#place-popup")).to_be_visible()
    expect(page.locator("#place-popup .place-event").first).to_be_visible()
    page.locator("#place-popup button.close").click()
    expect(page.locator("#place-popup")).to_be_hidden()
    page.close()


def test_timeline_axis_leaves_outliers_at_the_edge(chrome, base_url):
    page, _ = _page(chrome)
    page.goto(base_url + "/ui/timeline")
    page.wait_for_selector(".tl-event")
    assert page.locator(".ft-row").count() == 2
    assert "carried out" in page.locator("#ft-table").text_content()
    page.close()
