import base64

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def als_afbeelding(svg: str, alt: str = "") -> str:
    """An inline SVG as an <img> with a data: URL, so its ids cannot clash with other charts in the PDF."""
    if not svg:
        return ""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return format_html('<img class="grafiek" src="data:image/svg+xml;base64,{}" alt="{}">', data, alt)
