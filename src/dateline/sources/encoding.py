"""Bytes to text: BOMs first, then the declared charset checked against a bounded sample.

``decode_bytes`` never raises: when nothing fits, the bytes are read as UTF-8 with
replacement characters, and the encoding used is reported so the caller can record it.
"""
from __future__ import annotations

import codecs
import re

from dateline.config import Settings

# Below this many bytes charset detection guesses wildly (a 4-byte latin-1 word came back
# as a CJK codec when tried); such short inputs fall back to cp1252 instead.
MIN_DETECT_BYTES = 64
# (BOM, codec) pairs, longest first so UTF-32 LE is not mistaken for UTF-16 LE.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# <meta charset=...> or http-equiv content="...; charset=..." within the sample.
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""",
                           re.IGNORECASE)
# XML declaration encoding="..." (feeds).
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""",
                           re.IGNORECASE)
# Labels pages declare that browsers read as a superset (WHATWG Encoding Standard).
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
            "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252",
            "x-sjis": "shift_jis", "gb2312": "gb18030", "gbk": "gb18030"}


def content_type_charset(content_type: str) -> str | None:
    """The ``charset`` parameter of a Content-Type header value, if any."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"' ")
    return None


def normalise_label(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when Python does not know it."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def sniff_declared(sample: bytes) -> str | None:
    """The charset a page or feed declares in its own markup (meta tag, XML declaration)."""
    for pattern in (_XML_ENCODING, _META_CHARSET):
        m = pattern.search(sample)
        if m:
            found = normalise_label(m.group(1).decode("ascii", "ignore"))
            if found:
                return found
    return None


def _fits(sample: bytes, encoding: str, cut: bool) -> bool:
    """Whether the sample decodes cleanly (a multi-byte char cut by the sample is allowed)."""
    try:
        codecs.getincrementaldecoder(encoding)().decode(sample, final=not cut)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _detect(sample: bytes) -> str | None:
    """charset-normalizer's best guess for the sample, if it has one."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(sample).best()
    return normalise_label(best.encoding) if best is not None else None


def choose_encoding(data: bytes, declared: str | None, settings: Settings) -> tuple[str, int]:
    """The codec to read ``data`` with and how many leading BOM bytes to skip."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    sample = data[: max(1024, settings.detect_sample_bytes)]
    cut = len(sample) < len(data)
    declared_name = normalise_label(declared)
    candidates = [declared_name, sniff_declared(sample), "utf-8"]
    if not (declared_name or "").startswith("utf-16") and not sample.isascii():
        # Valid multi-byte UTF-8 is almost never an accident, while pages often mislabel
        # UTF-8 as latin-1: clean UTF-8 wins over a single-byte declaration.
        candidates.insert(0, "utf-8")
    for enc in candidates:
        if enc and _fits(sample, enc, cut):
            return enc, 0
    detected = _detect(sample) if len(sample) >= MIN_DETECT_BYTES else None
    if detected and _fits(sample, detected, cut):
        return detected, 0
    return "cp1252", 0


def decode_bytes(data: bytes, declared: str | None, settings: Settings) -> tuple[str, str]:
    """Decode raw bytes to text; returns ``(text, encoding used)`` and never raises."""
    if not data:
        return "", normalise_label(declared) or "utf-8"
    encoding, skip = choose_encoding(data, declared, settings)
    try:
        text = data[skip:].decode(encoding)
    except (UnicodeDecodeError, LookupError):
        # The sample fitted but a later part did not: keep the choice, replace the bad bytes.
        text = data[skip:].decode(encoding, errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, encoding
