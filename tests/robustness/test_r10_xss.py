"""ROBUSTNESS row 10: XSS payloads in titles, quotes, actor names and a javascript: URL run
no script and open no dialog on any page; every response carries a CSP."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
PAGES = ["/ui/events", "/ui/article?id=doc-%3Cxss%3E", "/ui/timeline", "/ui/map",
         "/ui/network", "/ui/events?actor=%3Csvg%20onload%3Dalert(5)%3E"]


@pytest.mark.parametrize("path", PAGES)
def test_no_script_runs(chrome, base_url, path):
    page = chrome.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    missing_csp: list[str] = []
    page.on("response", lambda r: missing_csp.append(r.url) if
            "content-security-policy" not in r.headers else None)
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    for span in page.locator("#text .seg").all():
        span.click()
    assert dialogs == [] and missing_csp == []
    assert page.locator("img, svg[onload], a[href^='javascript']").count() == 0
    assert page.locator("script:not([src])").count() == 0
    page.close()


def test_payload_shown_as_text(chrome, base_url):
    page = chrome.new_page()
    page.goto(base_url + PAGES[1])
    page.wait_for_selector("#text .seg")
    assert page.locator("#title").text_content() == '<img src=x onerror="alert(1)">'
    assert "javascript:alert('url')" in page.locator("#meta").text_content()
    page.close()
