"""Narrative text of the end report: plain text with simple Markdown, figures as placeholders.

Staff write `In totaal zijn {{ professionals_totaal }} professionals geschoold.`; the placeholder is
filled from the report's figures, so text and numbers cannot disagree. The result is sanitised HTML:
user HTML, scripts, images, styles and links other than http(s)/mailto never reach the page or the PDF.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import markdown
import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PLACEHOLDER = re.compile(r"\{\{\s*([a-z0-9_]+)\s*\}\}")
TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote"}
ATTRIBUTES = {"a": {"href"}}


def onbekende_plaatshouders(tekst: str, figuren: Mapping[str, object]) -> list[str]:
    return sorted({naam for naam in PLACEHOLDER.findall(tekst) if naam not in figuren})


def render(tekst: str, figuren: Mapping[str, object]) -> SafeString:
    """Markdown with placeholders -> safe HTML. Unknown placeholders stay visible, marked."""

    def invullen(match: re.Match[str]) -> str:
        naam = match.group(1)
        if naam not in figuren:
            return f"[onbekend: {naam}]"
        # Escape the Markdown-significant characters of the value too, so a figure stays text.
        return escape(str(figuren[naam])).replace("*", "&#42;").replace("_", "&#95;")

    # Raw HTML typed by a user is turned into text before Markdown sees it.
    html = markdown.markdown(PLACEHOLDER.sub(invullen, escape(tekst)), extensions=["sane_lists"])
    schoon = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(schoon)
