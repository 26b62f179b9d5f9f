from django import template
from django.utils.html import format_html

from werkplaats.lib import grafieken, grafieken_tegelijk

register = template.Library()


@register.filter
def als_afbeelding(svg: str, alt: str = "") -> str:
    """An inline SVG as an <img> with a data: URL, so its ids cannot clash with other charts in the PDF. A chart still
    being drawn beside the PDF's layout (werkplaats.lib.grafieken_tegelijk.naast_getekend) is named by its stand-in,
    which WeasyPrint's URL fetcher resolves when it lays the image out."""
    if not svg:
        return ""
    src = svg if grafieken_tegelijk.is_plaatshouder(svg) else grafieken.data_url(svg)
    return format_html('<img class="grafiek" src="{}" alt="{}">', src, alt)


@register.filter
def vermelding(item: dict, kop: str = "") -> str:
    """A register item of the end report as a reference (see rapportage.eindrapport.vermelding)."""
    from rapportage.eindrapport import vermelding as opmaken

    return opmaken(item, kop)


@register.filter
def opmaak(tekst: str) -> str:
    """A register text (an abstract, the poster, the newsletter) as sanitised Markdown, like the narrative."""
    from rapportage import markup

    return markup.render(tekst or "", {})


@register.filter
def join_nl(namen: list[str]) -> str:
    """["A", "B", "C"] -> "A, B en C" ("A, B and C" in an English report), as a sentence lists names."""
    from rapportage.eindrapport import opsomming

    return opsomming([str(n) for n in namen])
