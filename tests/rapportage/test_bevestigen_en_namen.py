"""Issue 15 in the end report: confirm before (un)freezing, figures by their names, a PDF button that says what it
opens."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from rapportage import services
from rapportage.models import Correctie, Eindrapport
from trajecten import services as traject_services
from trajecten.models import Traject

pytestmark = pytest.mark.django_db


@pytest.fixture
def rapport(world):
    traject = traject_services.traject_opslaan(
        traject=Traject(
            werkplaats=world.werkplaats,
            naam="Traject 2014-2015",
            startdatum=datetime.date(2014, 1, 1),
            einddatum=datetime.date(2015, 12, 31),
        ),
        methoden_aangeboden=[],
        methoden=[],
    )
    return services.rapport_opslaan(rapport=Eindrapport(traject=traject, peildatum=traject.einddatum))


def test_bevriezen_en_ontdooien_vragen_eerst_bevestiging(client, world, rapport):
    client.force_login(world.coordinator)
    bevestigen = reverse("rapportage:eindrapport_bevriezen_bevestigen", kwargs={"pk": rapport.pk})
    actie = reverse("rapportage:eindrapport_bevriezen", kwargs={"pk": rapport.pk})
    pagina = client.get(rapport.get_absolute_url()).content.decode()
    assert f'href="{bevestigen}"' in pagina and f'action="{actie}"' not in pagina  # no one-click freeze

    response = client.get(bevestigen)
    inhoud = response.content.decode()
    assert response.status_code == 200 and "bevriezen?" in inhoud and "versie 1" in inhoud
    assert f'action="{actie}"' in inhoud and 'value="bevriezen"' in inhoud
    rapport.refresh_from_db()
    assert not rapport.is_bevroren  # opening the confirmation changes nothing

    client.post(actie, {"actie": "bevriezen"})
    rapport.refresh_from_db()
    assert rapport.is_bevroren
    inhoud = client.get(bevestigen).content.decode()
    assert "ontdooien?" in inhoud and 'value="ontdooien"' in inhoud and "versie 1" in inhoud


def test_correctie_toont_de_namen_van_de_cijfers(client, world, rapport):
    client.force_login(world.coordinator)
    inhoud = client.get(reverse("rapportage:eindrapport_correctie", kwargs={"pk": rapport.pk})).content.decode()
    assert "Buddy&#x27;s: collega&#x27;s die zijn meegenomen (berekend:" in inhoud
    assert ">buddies_totaal" not in inhoud and ">leiders_actief" not in inhoud
    services.correctie_opslaan(
        correctie=Correctie(rapport=rapport, sleutel="leiders_actief", waarde="ongeveer 12", toelichting="Benadering.")
    )
    pagina = client.get(rapport.get_absolute_url()).content.decode()
    assert "Implementatieleiders die actief bleven</th>" in pagina


def test_knop_op_het_traject_zegt_dat_hij_de_eindrapporten_opent(client, world, rapport):
    client.force_login(world.coordinator)
    pagina = client.get(reverse("trajecten:traject_detail", kwargs={"pk": rapport.traject.pk})).content.decode()
    lijst_url = reverse("rapportage:eindrapport_list", kwargs={"pk": rapport.traject.pk})
    assert f'href="{lijst_url}">Eindrapporten</a>' in pagina
    assert "Eindrapport (PDF)" not in pagina  # that name is for a link that downloads the PDF
