"""Inzage (AVG art. 15): everything about a person, and a walk over the models that fails for one left out."""

from __future__ import annotations

import io
import json

import pikepdf
from django.apps import apps
from django.db import models
from django.urls import reverse
from pypdf import PdfReader

from scholing import privacy
from scholing.models import Persoon
from tests.scholing.test_privacy import NAAM, opzet  # noqa: F401 - the fixture
from werkplaats.models import User

BRONNEN = (Persoon, User)


def _persoonsmodellen() -> dict[str, list[str]]:
    """Every model (history tables aside) that points at a person or an account, directly or through such a model."""
    gevonden: dict[str, list[str]] = {m._meta.label: [] for m in BRONNEN}
    veranderd = True
    while veranderd:
        veranderd = False
        for model in apps.get_models():
            if model.__name__.startswith("Historical"):
                continue  # history rows are in the export's own part, `geschiedenis`
            for field in model._meta.concrete_fields:
                if not isinstance(field, models.ForeignKey) or field.related_model._meta.label not in gevonden:
                    continue
                sleutel = f"{model._meta.label}.{field.name}"
                if sleutel in privacy.NIET_IN_INZAGE:
                    continue
                velden = gevonden.setdefault(model._meta.label, [])
                if sleutel not in velden:
                    velden.append(sleutel)
                    veranderd = True
    return gevonden


def test_elk_model_met_een_persoon_staat_in_de_inzage():
    ontbreekt = set(_persoonsmodellen()) - set(privacy.inzage_modellen())
    assert ontbreekt == set(), (
        f"Deze modellen verwijzen naar een persoon of account maar staan niet in de inzage: {sorted(ontbreekt)}. "
        "Neem ze op in scholing/privacy.py (INZAGE_MODELLEN en inzage()), of zet het veld in NIET_IN_INZAGE."
    )


def test_inzage_bevat_elk_soort_gegeven(opzet, django_assert_max_num_queries):  # noqa: F811
    with django_assert_max_num_queries(20):
        gegevens = privacy.inzage(opzet.xaviera)
    for onderdeel in set(privacy.INZAGE_MODELLEN.values()) - {"verwijdering"}:
        assert gegevens[onderdeel], onderdeel  # every part holds something for this person
    assert gegevens["persoon"]["naam"] == NAAM
    assert gegevens["account"]["email"] == "xq@example.nl"
    assert [b["naam"] for b in gegevens["buddies"]] == ["Yolanda Ypma", "Team Noord"]
    assert gegevens["genoemd_als_buddy"][0]["door"] == "Bert Bos"
    assert gegevens["inschrijvingen"][0]["toelichting"] == f"{NAAM} verhuist"
    assert any(r["gegevens"].get("naam") == "Xaviera Q." for r in gegevens["geschiedenis"])  # the old name
    assert {r["onderdeel"] for r in gegevens["geschiedenis"]} >= {"persoon", "inschrijving", "buddy", "aanwezigheid"}
    json.dumps(gegevens)


def test_inzage_als_pagina_en_json(client, opzet):  # noqa: F811
    client.force_login(opzet.world.coordinator)
    pagina = client.get(reverse("scholing:persoon_inzage", kwargs={"pk": opzet.xaviera.pk}))
    assert pagina.status_code == 200
    inhoud = pagina.content.decode()
    assert "Yolanda Ypma" in inhoud and "xq@example.nl" in inhoud and "Afdrukken of opslaan als PDF" in inhoud
    download = client.get(reverse("scholing:persoon_inzage_json", kwargs={"pk": opzet.xaviera.pk}))
    assert download["Content-Type"].startswith("application/json")
    assert "attachment" in download["Content-Disposition"]
    assert json.loads(download.content)["persoon"]["naam"] == NAAM
    detail = client.get(opzet.xaviera.get_absolute_url()).content.decode()
    assert reverse("scholing:persoon_inzage", kwargs={"pk": opzet.xaviera.pk}) in detail
    assert reverse("scholing:persoon_vergeten", kwargs={"pk": opzet.xaviera.pk}) in detail


def test_inzage_als_pdf_van_de_server(client, opzet):  # noqa: F811
    """The PDF is made on the server and holds what the page holds: read back as text (pypdf) and as tags (pikepdf)."""
    client.force_login(opzet.world.coordinator)
    url = reverse("scholing:persoon_inzage_pdf", kwargs={"pk": opzet.xaviera.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="inzage-persoon-{opzet.xaviera.pk}.pdf"' in response["Content-Disposition"]
    inhoud = response.content
    tekst = " ".join(" ".join((pagina.extract_text() or "").split()) for pagina in PdfReader(io.BytesIO(inhoud)).pages)
    assert f"Gegevens over {NAAM}" in tekst
    assert "Yolanda Ypma" in tekst and "Team Noord" in tekst and "xq@example.nl" in tekst
    # The enrolment with its dates and dropout, and the history (the old name and who changed what).
    assert str(opzet.groep) in tekst and "2014-02-01" in tekst and "2014-09-01" in tekst and "uitgevallen" in tekst
    assert "Geschiedenis" in tekst and "Xaviera Q." in tekst and "gewijzigd" in tekst and "toegevoegd" in tekst
    document = pikepdf.open(io.BytesIO(inhoud))
    assert str(document.Root.Lang) == "nl" and document.Root.MarkInfo.Marked is True
    assert str(document.docinfo.Title) == f"Inzage: {NAAM} – {opzet.world.werkplaats.naam}"
    with document.open_metadata() as xmp:
        assert xmp["pdfuaid:part"] == "1"
    # The page links to it.
    pagina = client.get(reverse("scholing:persoon_inzage", kwargs={"pk": opzet.xaviera.pk})).content.decode()
    assert url in pagina


def test_inzage_bevat_de_teamscores_van_het_account(client, opzet):  # noqa: F811
    """What the quickscan keeps about an account (its individual team scores, registered through
    `extensions.account_inzage`) is in the export, on the page too; another member's score is not."""
    from quickscan.models import Element, Teamlid, Teamscore, Teamscoring

    ronde = opzet.world.concept_a
    teamscoring = Teamscoring.objects.create(ronde=ronde, deadline=ronde.datum, anoniem=False)
    missie = Element.objects.get(instrument=ronde.instrument, code="missie")
    eigen = Teamlid.objects.create(teamscoring=teamscoring, user=opzet.xaviera.account, naam="Xaviera")
    Teamscore.objects.create(teamlid=eigen, element=missie, score=4, toelichting="Missie staat in het jaarplan")
    ander = Teamlid.objects.create(teamscoring=teamscoring, email="ander@example.nl", naam="Ander")
    Teamscore.objects.create(teamlid=ander, element=missie, score=1, toelichting="Niet van Xaviera")

    rijen = privacy.inzage(opzet.xaviera)["teamscores"]
    assert [(r["element"], r["score"], r["toelichting"]) for r in rijen] == [
        ("Missie", 4, "Missie staat in het jaarplan")
    ]
    client.force_login(opzet.world.coordinator)
    pagina = client.get(reverse("scholing:persoon_inzage", kwargs={"pk": opzet.xaviera.pk})).content.decode()
    assert "Teamscores in quickscanrondes" in pagina and "Missie staat in het jaarplan" in pagina
    assert "Niet van Xaviera" not in pagina
