"""A chart inside a page: `{{ voortgang_svg|svg_in_pagina }}` (werkplaats.lib.grafieken.in_pagina).

The charts are our own SVG (matplotlib through `grafieken.naar_svg`), so they are marked safe here as `|safe` did; the
filter also gives each chart's ids a prefix of its own, so several charts on one page share no id.
"""

from django import template
from django.utils.safestring import SafeString, mark_safe

from werkplaats.lib.grafieken import in_pagina

register = template.Library()


@register.filter
def svg_in_pagina(svg: str) -> SafeString:
    return mark_safe(in_pagina(svg) if svg else "")  # our own charts, never user input
