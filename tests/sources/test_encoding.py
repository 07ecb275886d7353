"""decode_bytes: BOMs, declared vs detected charsets, never raising."""
from __future__ import annotations

import codecs

import pytest

from dateline.config import Settings
from dateline.sources.encoding import decode_bytes, normalise_label, sniff_declared

S = Settings()


@pytest.mark.parametrize(("data", "declared", "text", "encoding"), [
    (codecs.BOM_UTF8 + "Marсh café".encode(), None, "Marсh café", "utf-8"),
    (codecs.BOM_UTF16_LE + "Hmeimim".encode("utf-16-le"), None, "Hmeimim", "utf-16-le"),
    (codecs.BOM_UTF16_BE + "Assad".encode("utf-16-be"), "latin-1", "Assad", "utf-16-be"),
    ("café".encode("cp1252"), "utf-8", "café", "cp1252"),
    ("Pütin’s visit".encode(), "iso-8859-1", "Pütin’s visit", "utf-8"),
    (b"plain ascii", None, "plain ascii", "utf-8"),
    ("Путин посетил".encode("cp1251"), "windows-1251", "Путин посетил", "cp1251"),
    (b"", None, "", "utf-8"),
])
def test_decode_bytes_picks_the_right_codec(data, declared, text, encoding):
    got, used = decode_bytes(data, declared, S)
    assert got == text
    assert used == encoding


@pytest.mark.parametrize(("sample", "expected"), [
    (b'<html><head><meta charset="windows-1251">', "cp1251"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252"),
    (b'<?xml version="1.0" encoding="koi8-r"?><rss>', "koi8-r"),
    (b"<html><head><title>none</title>", None),
    (b'<meta charset="no-such-charset">', None),
])
def test_sniff_declared_reads_markup(sample, expected):
    assert sniff_declared(sample) == expected


def test_meta_charset_used_when_nothing_declared():
    page = '<meta charset="windows-1251"><p>Москва</p>'.encode("cp1251")
    text, used = decode_bytes(page, None, S)
    assert "Москва" in text and used == "cp1251"


@pytest.mark.parametrize("data", [bytes(range(256)) * 3, b"\xff\xfe\x00", b"\x81\x8d\x8f\x90"])
def test_decode_bytes_never_raises(data):
    text, used = decode_bytes(data, "bogus-charset", S)
    assert isinstance(text, str) and normalise_label(used) == used


def test_unknown_label_is_none():
    assert normalise_label("x-unknown-enc") is None


def test_undeclared_cyrillic_is_detected():
    text = "Президент России Владимир Путин прибыл на авиабазу Хмеймим в Сирии. " * 4
    got, used = decode_bytes(text.encode("cp1251"), None, S)
    assert got == text
