"""Charts inside a page are valid HTML: no RDF metadata, no ids matplotlib numbers itself, and the ids two charts on
one page have (our gids, the clip paths) made each chart's own (`grafieken.in_pagina`, the `svg_in_pagina` filter)."""

from __future__ import annotations

import re

from django.template import Context, Template

from quickscan import charts
from werkplaats.lib import grafieken

ELEMENTEN = [charts.Element(code="missie", label="Missie"), charts.Element(code="beleid", label="Beleid")]


def _ids(svg: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', svg)


def _verwijzingen(svg: str) -> set[str]:
    return set(re.findall(r'(?:url\(#|href="#)([^)"]+)', svg))


def test_grafiek_zonder_metadata_en_zonder_genummerde_ids():
    svg = charts.heatmap_svg(ELEMENTEN, [("Org", {"missie": 2, "beleid": 4})], norm=3)
    assert "<metadata" not in svg and "rdf:" not in svg and "xmlns:dc" not in svg
    assert not [i for i in _ids(svg) if re.fullmatch(r"[A-Za-z][A-Za-z0-9.]*_\d+", i)]  # no "text_1", "patch_3"
    assert "cel-0-missie" in _ids(svg)  # our own gids stay (the chart tests read them)
    assert _verwijzingen(svg) <= set(_ids(svg))  # every clip path it uses is still there


def test_twee_grafieken_op_een_pagina_delen_geen_id():
    een = charts.heatmap_svg(ELEMENTEN, [("Org", {"missie": 2, "beleid": 4})], norm=3)
    twee = charts.heatmap_svg(ELEMENTEN, [("Org", {"missie": 3, "beleid": 1})], norm=3)
    assert set(_ids(een)) & set(_ids(twee))  # as drawn, they share ids (gids, clip paths)
    pagina = [grafieken.in_pagina(een), grafieken.in_pagina(twee)]
    alle = _ids(pagina[0]) + _ids(pagina[1])
    assert len(alle) == len(set(alle))
    for svg in pagina:
        assert _verwijzingen(svg) and _verwijzingen(svg) <= set(_ids(svg))
    assert any(i.endswith("-cel-0-missie") for i in _ids(pagina[0]))
    assert grafieken.in_pagina(een) == pagina[0]  # deterministic: the same chart, the same ids


def test_filter_svg_in_pagina():
    svg = charts.heatmap_svg(ELEMENTEN, [("Org", {"missie": 2})], norm=3)
    html = Template("{% load grafiek %}{{ svg|svg_in_pagina }}").render(Context({"svg": svg}))
    assert html == grafieken.in_pagina(svg) and html.startswith("<svg")
    assert Template("{% load grafiek %}[{{ leeg|svg_in_pagina }}]").render(Context({"leeg": ""})) == "[]"
