"""Every CSV and Excel export of the app, with hostile text in every text field: no cell is a formula.

The exports are found, not listed: every GET URL of the permission matrix is asked as a superuser with each
export trigger (`?_export=csv|xlsx` of the tables, `?formaat=xlsx` of the end report's figures, and nothing), and
every answer that is a CSV or an XLSX is checked. A new table with an export, or a new download, is checked
without a change here; a view that still uses django-tables2's own `ExportMixin` (which writes cells as-is) fails.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import re

import openpyxl
import pytest
from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_tables2.export import ExportMixin

from rapportage import services as rapportage_services
from rapportage.models import Correctie
from tests.test_permissions import RULES, matrix_world  # noqa: F401  (the fixture)
from werkplaats.lib import export

VIJANDIG = ["=1+2", "+31612345678", "-2", "@SUM(A1)", "\t=x", "\r=x"]
APPS = ["werkplaats", "trajecten", "scholing", "quickscan", "rapportage"]
# Fields that are keys the code looks values up by (not text a person typed), or that log in.
NIET_VULLEN = {"password", "username", "sleutel", "code", "sectie", "history_change_reason"}
GETAL = re.compile(r"^-?\d+([.,]\d+)?$")  # a negative number is a number, not a formula
TRIGGERS = [{}, {"_export": "csv"}, {"_export": "xlsx"}, {"formaat": "xlsx"}, {"formaat": "csv"}]
ZONDER_GEGEVENS = {
    "scholing:import_sjabloon",  # the import's empty template: its column names only
    # The national research export: the matrix world's werkplaatsen are under the small-number threshold, so its
    # header only (its rows are checked in tests/rapportage/test_landelijk_onderzoek.py).
    "rapportage:landelijk_onderzoek",
}
CSV_TYPE = "text/csv"
PDF_TYPE = "application/pdf"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _tekstvelden(model) -> list[str]:
    return [
        veld.name
        for veld in model._meta.concrete_fields
        if isinstance(veld, models.CharField | models.TextField)
        and not veld.choices
        and veld.name not in NIET_VULLEN
        and not isinstance(veld, models.EmailField | models.URLField)
    ]


def vijandig_maken() -> int:
    """Every free-text field of every row of our apps gets a hostile value (written past the services: the
    services would refuse some, but an export must be safe whatever the database holds). Returns the count."""
    aantal = 0
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__module__.endswith("models") is False or model._meta.proxy:
                continue
            velden = _tekstvelden(model)
            if not velden:
                continue
            for n, pk in enumerate(model._default_manager.values_list("pk", flat=True)):
                waarden = {}
                for i, veld in enumerate(velden):
                    lengte = model._meta.get_field(veld).max_length or 200
                    waarden[veld] = f"{VIJANDIG[(n + i) % len(VIJANDIG)]} {pk}"[:lengte]
                model._default_manager.filter(pk=pk).update(**waarden)
                aantal += 1
    return aantal


def _get_urls() -> list[tuple[str, dict]]:
    return [(naam, regel.kwargs) for naam, regel in sorted(RULES.items()) if regel.method == "get"]


def csv_cellen(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=_scheidingsteken(response)))


def _scheidingsteken(response) -> str:
    eerste = response.content.decode("utf-8-sig").splitlines()[0]
    return ";" if eerste.count(";") > eerste.count(",") else ","


def xlsx_cellen(response) -> list:
    boek = openpyxl.load_workbook(io.BytesIO(response.content))  # not data_only: formulas stay formulas
    return [cel for blad in boek.worksheets for rij in blad.iter_rows() for cel in rij]


def _export_views():
    """The view classes behind the project's URLs that export a table."""

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "admin":
                    yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                view_class = getattr(pattern.callback, "view_class", None)
                if view_class is not None:
                    yield pattern.name, view_class

    return list(walk(get_resolver().url_patterns))


def test_geen_view_exporteert_met_de_kale_exportmixin_van_django_tables2():
    kaal = [naam for naam, view in _export_views() if issubclass(view, ExportMixin)]
    assert kaal == [], "exports buiten werkplaats.lib.export om"


@pytest.fixture
def vijandige_wereld(matrix_world):  # noqa: F811
    world = matrix_world
    rapportage_services.correctie_opslaan(
        correctie=Correctie(rapport=world.eindrapport, sleutel="buddies_totaal", waarde="400", toelichting="ok")
    )
    assert vijandig_maken() > 20
    return world


@pytest.mark.usefixtures("pdf_zonder_opmaak")  # a PDF download is no table: it ends a URL's triggers
def test_elke_export_zonder_formules(client, vijandige_wereld):
    world = vijandige_wereld
    client.force_login(world.beheerder)
    gevonden: dict[str, int] = {}
    for naam, kwargs in _get_urls():
        url = reverse(naam, kwargs=kwargs(world))
        for trigger in TRIGGERS:
            response = client.get(url, trigger)
            assert response.status_code < 500, f"{naam} {trigger}: {response.status_code}"
            soort = response.get("Content-Type", "")
            if soort.startswith(PDF_TYPE) and not trigger:
                break  # a PDF download is neither a table nor a figures export: no trigger makes it one
            if soort.startswith(CSV_TYPE):
                cellen = [c for rij in csv_cellen(response) for c in rij]
                fout = [c for c in cellen if c.startswith(export.FORMULETEKENS) and not GETAL.match(c)]
                assert fout == [], f"{naam} {trigger}: cellen die met een formuleteken beginnen"
                neutraal = [c for c in cellen if c.startswith("'")]
            elif soort.startswith(XLSX_TYPE):
                cellen = xlsx_cellen(response)
                assert [c.coordinate for c in cellen if c.data_type == "f"] == [], f"{naam}: formulecellen"
                fout = [
                    c.value for c in cellen if isinstance(c.value, str) and c.value.startswith(export.FORMULETEKENS)
                ]
                assert fout == [], f"{naam} {trigger}: cellen die met een formuleteken beginnen"
                neutraal = [c.value for c in cellen if isinstance(c.value, str) and c.value.startswith("'")]
            else:
                continue
            # The hostile text reached the export (the test would pass on an export of nothing otherwise).
            assert neutraal or naam in ZONDER_GEGEVENS, f"{naam} {trigger}: geen vijandige tekst in de export"
            gevonden[f"{naam} {soort.split(';')[0]}"] = len(neutraal)

    tabellen = {naam for naam, view in _export_views() if issubclass(view, export.TabelExportMixin)}
    assert tabellen, "geen tabellen met export gevonden"
    for naam in tabellen:
        volledig = next(n for n in RULES if n.split(":")[-1] == naam)
        assert f"{volledig} {CSV_TYPE}" in gevonden and f"{volledig} {XLSX_TYPE}" in gevonden, naam
    assert f"rapportage:eindrapport_cijfers {XLSX_TYPE}" in gevonden
    assert len(gevonden) >= 2 * len(tabellen) + 2


def test_getallen_en_datums_blijven_getallen_en_datums(client, vijandige_wereld):
    world = vijandige_wereld
    client.force_login(world.beheerder)
    response = client.get(
        reverse("rapportage:eindrapport_cijfers", kwargs={"pk": world.eindrapport.pk}), {"formaat": "xlsx"}
    )
    rijen = {rij[0].value: rij for rij in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows()}
    assert rijen["buddies_totaal"][1].data_type == "n" and rijen["buddies_totaal"][1].value == 1
    gedrukt = rijen["buddies_totaal"][2]  # the correction's printed text: hostile, neutralised, and text
    assert gedrukt.data_type == "s" and gedrukt.value.startswith("'=1+2")

    response = client.get(reverse("scholing:bijeenkomst_list"), {"_export": "xlsx"})
    blad = openpyxl.load_workbook(io.BytesIO(response.content)).active
    kop = [c.value for c in blad[1]]
    assert isinstance(blad.cell(row=2, column=kop.index("Datum") + 1).value, datetime.datetime)
    assert blad.cell(row=2, column=kop.index("Aanwezig") + 1).data_type == "n"


@pytest.mark.parametrize("waarde", VIJANDIG)
def test_cel_neutraliseert_formuletekens(waarde):
    assert export.cel(waarde) == "'" + waarde
    assert not export.cel(waarde).startswith(export.FORMULETEKENS)


@pytest.mark.parametrize(
    "waarde",
    [-2, 0, 3.5, decimal.Decimal("-1.25"), datetime.date(2014, 3, 1), datetime.datetime(2014, 3, 1, 9, 30), True],
)
def test_cel_laat_getallen_en_datums_staan(waarde):
    assert export.cel(waarde) == waarde and type(export.cel(waarde)) is type(waarde)


def test_cel_laat_gewone_tekst_staan():
    assert export.cel("Anna de Vries") == "Anna de Vries"
    assert export.cel("a=b") == "a=b"
    assert export.cel(None) == ""


def test_xlsx_schrijft_geen_formules_en_csv_geen_formuletekens():
    rijen = [["naam", "aantal"], *[[waarde, -2] for waarde in VIJANDIG]]
    boek = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(rijen)))
    cellen = [cel for rij in boek.active.iter_rows(min_row=2) for cel in rij]
    assert {cel.data_type for cel in cellen} == {"s", "n"}
    assert [cel.value for cel in cellen if cel.data_type == "n"] == [-2] * len(VIJANDIG)
    gelezen = list(csv.reader(io.StringIO(export.csv_tekst(rijen).lstrip("\ufeff"))))
    assert [rij[0] for rij in gelezen[1:]] == ["'" + waarde for waarde in VIJANDIG]
    assert [rij[1] for rij in gelezen[1:]] == ["-2"] * len(VIJANDIG)
