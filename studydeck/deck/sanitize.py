"""Card fields cleaned by an allowlist (nh3): Anki runs card JavaScript, so notes must not reach it as code."""

from __future__ import annotations

import re
from functools import lru_cache

import nh3

# Control characters: \x1f separates Anki's fields, the others only confuse HTML.
_OPEN, _CLOSE = "\ue07b", "\ue07d"  # private-use stand-ins for escaped braces while cleaning
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

TAGS = {
    "a",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "rp",
    "rt",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "ol": {"start"},
    "*": {"class"},
}
# Relative URLs (media file names) stay; of the absolute ones only these schemes do. No javascript:, no data:.
URL_SCHEMES = {"http", "https", "mailto"}
# Tags whose content is code or chrome, dropped with their content rather than left as text.
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "form", "textarea", "select", "template"}


@lru_cache(maxsize=1 << 18)
def field(html: str) -> str:
    """One card field, safe to hand to Anki: allowlisted tags and attributes, no handlers, no script URLs.
    Remembered: the deck writer, the preview and the summary all ask for the same fields, and cleaning
    is most of what writing a deck costs (a vault's 80,000 fields: seconds each time)."""
    if not html:
        return html
    # Escaped braces keep code from opening a cloze; nh3 would write them back as plain '{' and '}'.
    html = _CONTROL.sub("", html).replace("&#123;", _OPEN).replace("&#125;", _CLOSE)
    clean = nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # nh3 writes an entity back as its character: 'javascript&#58;' in a code sample would be a scheme again
    clean = _SCHEME_TEXT.sub(lambda m: m.group(0)[:-1] + "&#58;", clean)
    return clean.replace(_OPEN, "&#123;").replace(_CLOSE, "&#125;")


_SCHEME_TEXT = re.compile(r"javascript:", re.I)
