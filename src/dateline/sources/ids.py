"""Stable document identity: the input's id, else one derived from the URL, else a hash."""
from __future__ import annotations

import hashlib
from urllib.parse import urlsplit, urlunsplit

ID_HASH_CHARS = 16


def normalise_url(url: str) -> str:
    """The URL with scheme and host lower-cased, the fragment and a trailing slash dropped."""
    parts = urlsplit(url.strip().strip("<>"))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def content_hash(data: bytes | str) -> str:
    """sha256 hex digest of raw input bytes (text is UTF-8 encoded first)."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def doc_id_for(url: str | None = None, raw: bytes | str | None = None,
               given: str | None = None) -> str:
    """The contract's id: ``given`` as is, else ``url-<hash>``, else ``sha-<hash of input>``."""
    if given:
        return str(given)
    if url:
        return "url-" + content_hash(normalise_url(url))[:ID_HASH_CHARS]
    if raw is None:
        raise ValueError("doc_id_for needs an id, a URL or the raw input")
    return "sha-" + content_hash(raw)[:ID_HASH_CHARS]
