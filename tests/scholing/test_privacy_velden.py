"""Minimisation (AVG art. 5 lid 1c): every field kept per person says where it is used; the privacy page lists it."""

from __future__ import annotations

from django.apps import apps
from django.urls import reverse

from scholing import privacy


def test_elk_persoonsveld_zegt_waar_het_wordt_gebruikt():
    ontbreekt, verouderd = [], []
    for label, velden in privacy.VELDGEBRUIK.items():
        model = apps.get_model(label)
        namen = {f.name for f in model._meta.concrete_fields} - privacy.TECHNISCHE_VELDEN
        ontbreekt += [f"{label}.{naam}" for naam in sorted(namen - set(velden))]
        verouderd += [f"{label}.{naam}" for naam in sorted(set(velden) - namen)]
    assert ontbreekt == [], (
        f"Velden zonder gebruik in scholing/privacy.py VELDGEBRUIK: {ontbreekt}. Zeg welk scherm, welke export of welk "
        "rapport het veld gebruikt, of bewaar het niet."
    )
    assert verouderd == [], f"VELDGEBRUIK noemt velden die niet (meer) bestaan: {verouderd}"


def test_de_modellen_van_de_inzage_met_persoonsvelden_staan_in_de_lijst():
    # The models a person's data lives in (the export's parts) are reviewed, history and logs aside.
    nagekeken = {"scholing.Persoon", "scholing.Inschrijving", "scholing.Aanwezigheid", "scholing.Buddy"}
    nagekeken |= {"scholing.Implementatieleider", "werkplaats.User", "werkplaats.Rol"}
    assert nagekeken <= set(privacy.VELDGEBRUIK)


def test_privacypagina_toont_per_gegeven_het_gebruik(client, db):
    inhoud = client.get(reverse("scholing:privacy")).content.decode()
    assert "Welk gegeven waarvoor wordt gebruikt" in inhoud
    assert "uitval per reden (dashboard, eindrapport)" in inhoud
    assert "Is schatting" not in inhoud and "Aantal is een schatting" in inhoud  # the field's label, not its name
