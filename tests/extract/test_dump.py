"""The text-dump cleaner: seed acceptance, line rules, site boilerplate."""
from __future__ import annotations

import pytest

from dateline.config import Settings
from dateline.errors import InputError
from dateline.extract import extract_article, learn_site_boilerplate
from dateline.extract.dump import best_segment, clean_dump, split_credits
from dateline.model import RawDoc

PROSE = ("The minister said on Monday that the government would hold talks with the "
         "opposition about the new budget and the reform of the courts.")


@pytest.fixture(scope="module")
def seed_article(seed_text):
    raw = RawDoc(id="seed", kind="page_text", content=seed_text, published_default="2017-12-11")
    return extract_article(raw, Settings())


def test_seed_body_bounds(seed_article):
    assert seed_article.text.startswith("Russian President Vladimir Putin has made a surprise")
    assert seed_article.text.endswith("swerved to avoid the aircraft.")


@pytest.mark.parametrize("chrome", ["Accessibility links", "Breaking News", "please wait",
                                    "No media source currently available", "0:00 0:01:03 0:00",
                                    "Putin Orders Partial Troop Withdrawal From Syria",
                                    "16x9 Image", "RFE/RL", "WATCH:", "With reporting by"])
def test_seed_chrome_is_gone(seed_article, chrome):
    assert chrome not in seed_article.text


def test_seed_captions_credits_title(seed_article):
    caps = seed_article.captions
    assert len(caps) == 2
    assert caps[0].startswith("Syrian President Bashar al-Assad (left)")
    assert caps[1].startswith("WATCH: Russian President Vladimir Putin has ordered")
    assert seed_article.credits == ["RIA Novosti", "AP", "Interfax", "TASS", "Reuters",
                                    "The New York Times"]
    assert seed_article.title == "Putin Visits Syria Base, Orders Partial Russian Withdrawal"
    assert seed_article.published == "2017-12-11"
    assert seed_article.published_source == "cli"


def test_seed_paragraph_spans(seed_article):
    for span in seed_article.paragraphs:
        para = seed_article.text[span.start:span.end]
        assert para and para == para.strip() and "\n" not in para
    assert len(seed_article.paragraphs) == 29


@pytest.mark.parametrize(("line", "expected"), [
    ("With reporting by RIA Novosti, AP, and Reuters", ["RIA Novosti", "AP", "Reuters"]),
    ("Additional reporting by Jane Doe and John Roe.", ["Jane Doe", "John Roe"]),
    ("Reporting from AFP; DPA", ["AFP", "DPA"]),
])
def test_split_credits(line, expected):
    assert split_credits(line) == expected


@pytest.mark.parametrize(("weights", "expected"), [
    ([-6, 20, 30, -2, 25, -6, -6, -6, -6, 10], (1, 5)),
    ([5, -6, -6, -6, -6, 40, 40, 40], (5, 8)),
    ([-2, -2], (0, 0)),
])
def test_best_segment(weights, expected):
    assert best_segment(weights) == expected


def test_clean_text_passes_nearly_unchanged():
    text = "\n\n".join([PROSE, "Talks resumed", PROSE.replace("Monday", "Tuesday")])
    res = clean_dump(text)
    assert res.paragraphs == [PROSE, "Talks resumed", PROSE.replace("Monday", "Tuesday")]


def test_menus_and_footer_dropped():
    menu = "\n".join(["Home", "World", "Business", "Sport", "Video", "Share on Facebook"])
    text = "\n".join([menu, "Budget talks begin", PROSE, PROSE + " More.", PROSE + " Again.",
                      "Advertisement", "© 2024 Some Paper. All rights reserved.", menu])
    res = clean_dump(text)
    assert res.paragraphs == [PROSE, PROSE + " More.", PROSE + " Again."]
    assert res.title == "Budget talks begin"


def test_learn_site_boilerplate_and_use():
    pages = [f"Site Menu Line\nSubscribe to our daily bulletin today\n{PROSE} {i}\n"
             f"Story {i} footer" for i in range(4)]
    learned = learn_site_boilerplate(pages)
    assert "Subscribe to our daily bulletin today" in learned and "Site Menu Line" in learned
    assert not any(line.startswith("Story") for line in learned)
    assert "Subscribe" not in "\n".join(clean_dump(pages[0], learned).paragraphs)


def test_empty_dump_raises():
    with pytest.raises(InputError) as err:
        extract_article(RawDoc(id="x", kind="page_text", content="\n\n  \n"), Settings())
    assert err.value.code == "empty_body"


@pytest.mark.parametrize(("text", "lang"), [
    ("Le gouvernement a annoncé que les négociations avec les syndicats sont dans une "
     "impasse et qu'il ne fera pas de nouvelles propositions.", "fr"),
    (PROSE, "en"),
    ("Die Regierung hat am Montag angekündigt, dass sie mit der Opposition über den "
     "Haushalt sprechen will und dass die Reform kommt.", "de"),
])
def test_language_guess(text, lang):
    assert clean_dump(text).language == lang


BODY = "\n".join(f"{PROSE[:-1]}, said official number {k}." for k in range(4))
NAV = "\n".join(["Home", "World", "Business", "Sport", "Sign in"])


@pytest.mark.parametrize(("dump", "title"), [
    # the headline sits above its byline and date, a longer teaser further up has neither
    (f"{NAV}\nCarmaker pays $1.3 million for vintage research car prototype\nVideo\n"
     f"Markets\nCity council backs the budget\nby Jane Doe March 3, 2016: 10:41 AM ET\n{BODY}",
     "City council backs the budget"),
    # repeated from the page's title line near the top; share buttons before the body
    (f"Council backs the new budget | Daily News\n{NAV}\nCouncil backs the new budget\n"
     "Share on Facebook\nShare on Twitter\nPrint Article\nComments\n"
     f"Readers say what they think about our coverage\n{BODY}",
     "Council backs the new budget"),
    # a breadcrumb trail holding the headline is not the headline itself
    (f"{NAV}\nNews > 2015 > Week 15 > Council backs the new budget\n08.04.2015 12:46\n"
     f"Council backs the new budget\n{BODY}", "Council backs the new budget"),
    # far above the body (past a video player), found by its byline and date; a photo credit
    # and a dateline are never the headline
    (f"{NAV}\nCouncil backs the new budget after long debate\nBy Jane Doe\n30 April 2015\n"
     + "\n".join(f"Player control {k}" for k in range(30))
     + f"\nJANE DOE/AFP/Getty Images\nAFP 30 April 2015 at 07:19\n{BODY}",
     "Council backs the new budget after long debate"),
])
def test_dump_headline(dump, title):
    assert clean_dump(dump).title == title


PROMO = ("Our morning newsletter brings you the most important stories of the day, and you "
         "can sign up for it in one minute on our website.")


def _site_dump(k: int) -> str:
    paras = [f"Story {k}: {PROSE[:-1]} in district number {k * 10 + j}." for j in range(3)]
    return "\n".join(["Home", f"Council story number {k} ends", "By Jane Doe", paras[0],
                      paras[1], PROMO, paras[2], "Contact us"])


@pytest.mark.parametrize(("hosts", "distinct", "promo_kept"), [
    (["a.example"] * 3, 3, [False] * 3),  # three pages of one site: the shared line goes
    (["a.example"] * 2 + ["b.example"], 3, [True] * 3),  # two pages of a site are too few
    (["a.example"] * 3, 2, [True] * 3),  # a copied page is not a second page
])
def test_extract_batch_learns_site_chrome(hosts, distinct, promo_kept):
    raws = [RawDoc(id=f"d{i}", kind="page_text", content=_site_dump(min(i, distinct - 1)),
                   url=f"https://www.{h}/story-{i}") for i, h in enumerate(hosts)]
    from dateline.extract import extract_batch
    arts = extract_batch(raws, Settings())
    assert [PROMO in a.text for a in arts] == promo_kept
    assert all("district number" in a.text for a in arts)
    assert all(PROMO in extract_article(r, Settings()).text for r in raws)


def test_extract_batch_hands_back_errors():
    from dateline.extract import extract_batch
    raws = [RawDoc(id="ok", kind="text", content=PROSE), RawDoc(id="bad", kind="pdf",
                                                               content="x")]
    out = extract_batch(raws, Settings())
    assert out[0].text == PROSE and isinstance(out[1], InputError)
