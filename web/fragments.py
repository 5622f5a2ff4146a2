"""Rendering kept by content (按内容缓存的片段): a template rendered from plain data (strings, numbers, dates, lists
and dicts of them) is kept under a digest of the template's name and that data, in the bounded per-process cache
``CACHES["fragments"]``. Same data, same HTML: nothing to invalidate, a change gives another key.

Only for data that holds everything the template shows and nothing user-specific beyond it (no model objects, no
request): the public page's body, for instance.
"""

from __future__ import annotations

import hashlib

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

TIMEOUT = 24 * 3600


def render_by_content(template: str, data: dict) -> SafeString:
    key = "content:" + hashlib.blake2b(repr((template, sorted(data.items()))).encode(), digest_size=16).hexdigest()
    cache = caches["fragments"]
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, data)
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)  # the template engine escaped what it rendered
