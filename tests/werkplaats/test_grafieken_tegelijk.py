"""Charts drawn side by side (werkplaats.lib.grafieken_tegelijk): the same SVG as drawn at once, in its place in the
data, in the caller's language, and cached afterwards."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from quickscan import charts
from werkplaats.lib import grafieken, grafieken_tegelijk

ELEMENTEN = [charts.Element(code="missie", label="Missie"), charts.Element(code="beleid", label="Beleid")]


def _ronde(n: int) -> charts.Ronde:
    return charts.Ronde(datum=datetime.date(2014, 1 + n % 12, 1), scores={"missie": 1 + n % 5, "beleid": 2})


def _data():
    return {
        "grafieken": [
            {"plek": f"Organisatie {n}", "svg": charts.voortgang_svg(ELEMENTEN, _ronde(n))} for n in range(3)
        ],
        "paar": (charts.voortgang_svg(ELEMENTEN, _ronde(0)), "gewone tekst"),
    }


@pytest.fixture(autouse=True)
def _leeg():
    grafieken.cache_legen()
    yield
    grafieken.cache_legen()


@pytest.mark.parametrize("vanaf", [1, 1000], ids=["in_werkers", "hier"])
def test_dezelfde_grafieken_op_hun_plek(vanaf):
    with translation.override("en"):
        data = grafieken_tegelijk.tegelijk_getekend(_data, werkers=2, vanaf=vanaf)
        direct = [charts.voortgang_svg.__wrapped__(ELEMENTEN, _ronde(n)) for n in range(3)]
    assert [g["svg"] for g in data["grafieken"]] == direct
    assert data["paar"] == (direct[0], "gewone tekst")
    assert [g["plek"] for g in data["grafieken"]] == ["Organisatie 0", "Organisatie 1", "Organisatie 2"]
    with translation.override("nl"):  # drawn in the caller's language, English here
        assert charts.voortgang_svg.__wrapped__(ELEMENTEN, _ronde(0)) != direct[0]
    # Cached as gecached caches: asked again, nothing is left to draw.
    with translation.override("en"):
        getekend = []
        token = grafieken.UITSTELLEN.set(lambda sleutel, functie, args, kwargs: getekend.append(sleutel) or "")
        try:
            assert [g["svg"] for g in _data()["grafieken"]] == direct
        finally:
            grafieken.UITSTELLEN.reset(token)
    assert getekend == []


def test_zonder_ontbrekende_grafieken_geen_werkers(monkeypatch):
    grafieken_tegelijk.tegelijk_getekend(_data, werkers=2)  # draws (here: fewer than VANAF)
    monkeypatch.setattr("werkplaats.lib.werkers.Pool", None)  # a pool would fail now
    assert grafieken_tegelijk.tegelijk_getekend(_data, werkers=2, vanaf=1)["paar"][1] == "gewone tekst"
