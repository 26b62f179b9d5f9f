"""An organisation's implementation phase on its page and on the dashboard, and the coordinator's override with a note:
who may set it (403/404), the note required (400), a stale form (409), undo archives it, and the national overview's
counts follow it."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rapportage import landelijk, services
from rapportage.landelijk_fase import Implementatiefase, organisatie_fasen
from rapportage.models import Fasecorrectie
from tests.factories import (
    DeelnameFactory,
    ImplementatieleiderFactory,
    InschrijvingFactory,
    MethodeFactory,
    OrganisatieFactory,
    PersoonFactory,
    ScholingsgroepFactory,
    TrajectFactory,
    WerkplaatsFactory,
    coordinator_van,
    lectoraat_van,
    leider_van,
    maak_ronde,
)
from tests.test_permissions import landelijk_gebruiker
from werkplaats.models import Organisatie

pytestmark = pytest.mark.django_db


@pytest.fixture
def traject():
    methode = MethodeFactory(naam="Het Gesprek", korte_naam="HG")
    return TrajectFactory(werkplaats=WerkplaatsFactory(naam="Wmo-werkplaats Fase"), methoden=[methode])


def organisatie_in(traject, naam: str, *, geschoold=False, leider=False) -> Organisatie:
    organisatie = OrganisatieFactory(werkplaats=traject.werkplaats, naam=naam)
    DeelnameFactory(traject=traject, organisatie=organisatie, methoden=list(traject.methoden.all()))
    if geschoold:
        groep = traject.groepen.first() or ScholingsgroepFactory(traject=traject, methode=traject.methoden.first())
        InschrijvingFactory(persoon=PersoonFactory(organisatie=organisatie), groep=groep)
    if leider:
        ImplementatieleiderFactory(persoon=PersoonFactory(organisatie=organisatie), traject=traject)
    return organisatie


@pytest.fixture
def organisatie(traject):
    """Training has begun, no leader, no quickscan: adoptie."""
    return organisatie_in(traject, "Organisatie Adoptie", geschoold=True)


@pytest.fixture
def coordinator(traject):
    return coordinator_van(traject.werkplaats, username="coordinator.fase", first_name="Coby", last_name="Coördinator")


def fase_url(organisatie) -> str:
    return reverse("rapportage:fase", kwargs={"pk": organisatie.pk})


def pagina(client, organisatie) -> str:
    response = client.get(reverse("werkplaats:organisatie_detail", kwargs={"pk": organisatie.pk}))
    assert response.status_code == 200
    return response.content.decode()


# The phase on the organisation's page ----------------------------------------------------------------------------


def test_pagina_toont_fase_reden_en_wat_ontbreekt(client, organisatie, coordinator):
    client.force_login(leider_van(organisatie))
    html = pagina(client, organisatie)
    assert "Implementatiefase" in html
    assert "Afgeleid uit de registratie:" in html and "<strong>adoptie</strong>" in html
    assert "de scholing is begonnen of er is een implementatieleider actief" in html
    assert "Voor de fase invoering ontbreekt nog: een actieve implementatieleider; een afgeronde quickscan." in html
    assert fase_url(organisatie) not in html, "a leader reads the phase but does not override it"
    client.force_login(coordinator)
    assert fase_url(organisatie) in pagina(client, organisatie)


def test_pagina_zonder_traject_heeft_geen_fase(client, traject, coordinator):
    los = OrganisatieFactory(werkplaats=traject.werkplaats, naam="Los")
    client.force_login(coordinator)
    html = pagina(client, los)
    assert "de organisatie neemt aan geen traject deel" in html
    assert fase_url(los) not in html
    response = client.post(fase_url(los), {"fase": "borging", "toelichting": "Toch", "versie": "0"})
    assert response.status_code == 400
    assert "neemt aan geen traject deel" in response.content.decode()
    assert not Fasecorrectie.objects.exists()


def test_fase_uit_de_regels_op_de_pagina(client, traject, coordinator):
    invoering = organisatie_in(traject, "Organisatie Invoering", geschoold=True, leider=True)
    maak_ronde(invoering, {"missie": 2}, afronden=True, datum=datetime.date(2015, 3, 1))
    client.force_login(coordinator)
    html = pagina(client, invoering)
    assert "<strong>invoering</strong>" in html
    assert (
        "Voor de fase borging ontbreekt nog: twee afgeronde quickscans na elkaar met elk element op of boven de norm."
        in html
    )


# The override -------------------------------------------------------------------------------------------------------


def test_coordinator_past_fase_aan_met_toelichting(client, organisatie, coordinator):
    client.force_login(coordinator)
    geopend = client.get(fase_url(organisatie))
    assert geopend.status_code == 200
    assert geopend.context["form"].initial == {"fase": "adoptie", "toelichting": "", "versie": 0}
    response = client.post(
        fase_url(organisatie), {"fase": "invoering", "toelichting": "Werkt al met de methode.", "versie": "0"}
    )
    assert response.status_code == 302
    assert response.url == reverse("werkplaats:organisatie_detail", kwargs={"pk": organisatie.pk}) + "#fase-kop"
    correctie = Fasecorrectie.objects.get()
    assert (correctie.organisatie, correctie.fase, correctie.toelichting, correctie.actief) == (
        organisatie,
        "invoering",
        "Werkt al met de methode.",
        True,
    )
    assert correctie.gezet_door == coordinator
    assert timezone.localtime(correctie.gezet_op).date() == timezone.localdate()  # the day here, not in UTC
    html = pagina(client, organisatie)
    assert '<span class="badge text-bg-warning">Invoering</span>' in html
    assert "<strong>adoptie</strong>" in html, "the derived phase stays visible beside the override"
    assert "Aangepast door de coördinator:" in html and "<strong>invoering</strong>" in html
    assert "Werkt al met de methode." in html
    assert "door Coby Coördinator op" in html
    assert organisatie_fasen(Organisatie.objects.filter(pk=organisatie.pk), datetime.date.today())[
        organisatie.pk
    ].fase == (Implementatiefase.INVOERING)


def test_toelichting_is_verplicht(client, organisatie, coordinator):
    client.force_login(coordinator)
    response = client.post(fase_url(organisatie), {"fase": "borging", "toelichting": "   ", "versie": "0"})
    assert response.status_code == 400
    assert "Licht toe waarom u de fase anders ziet dan de afgeleide fase." in response.content.decode()
    response = client.post(fase_url(organisatie), {"fase": "onbekend", "toelichting": "Reden", "versie": "0"})
    assert response.status_code == 400
    assert not Fasecorrectie.objects.exists()


def test_wie_mag_aanpassen(client, organisatie, coordinator):
    gegevens = {"fase": "borging", "toelichting": "Reden", "versie": "0"}
    for gebruiker, status in [
        (leider_van(organisatie), 403),
        (lectoraat_van(organisatie.werkplaats), 403),
        (coordinator_van(WerkplaatsFactory(naam="Wmo-werkplaats Anders")), 404),
        (landelijk_gebruiker(), 403),
    ]:
        client.force_login(gebruiker)
        assert client.get(fase_url(organisatie)).status_code == status
        assert client.post(fase_url(organisatie), gegevens).status_code == status
        ongedaan = reverse("rapportage:fase_ongedaan", kwargs={"pk": organisatie.pk})
        assert client.post(ongedaan).status_code == status
    assert not Fasecorrectie.objects.exists()


def test_tweede_opslag_op_een_oude_versie_krijgt_409(client, organisatie, coordinator):
    """Two coordinators open the form while no override is set; the second save is refused, its input kept; saving
    that form again overwrites on purpose. The same for a change based on an older version."""
    client.force_login(coordinator)
    assert (
        client.post(fase_url(organisatie), {"fase": "invoering", "toelichting": "Eerste", "versie": "0"}).status_code
        == 302
    )
    tweede = client.post(fase_url(organisatie), {"fase": "borging", "toelichting": "Tweede", "versie": "0"})
    assert tweede.status_code == 409
    inhoud = tweede.content.decode()
    assert "nadat u het formulier opende" in inhoud and "Tweede" in inhoud
    assert Fasecorrectie.objects.get().toelichting == "Eerste"
    assert tweede.context["form"].data["versie"] == "1"
    opnieuw = client.post(fase_url(organisatie), {"fase": "borging", "toelichting": "Tweede", "versie": "1"})
    assert opnieuw.status_code == 302
    correctie = Fasecorrectie.objects.get()
    assert (correctie.fase, correctie.toelichting, correctie.versie) == ("borging", "Tweede", 2)
    verouderd = client.post(fase_url(organisatie), {"fase": "adoptie", "toelichting": "Derde", "versie": "1"})
    assert verouderd.status_code == 409
    assert "Gewijzigd: toelichting" in verouderd.content.decode()
    assert Fasecorrectie.objects.get().toelichting == "Tweede"
    assert correctie.history.count() == 2  # created, changed: every value is kept


def test_ongedaan_maken_archiveert_en_een_oude_pagina_krijgt_409(client, organisatie, coordinator):
    correctie = services.fasecorrectie_opslaan(
        organisatie=organisatie, fase="borging", toelichting="Geborgd in het beleid", door=coordinator, versie=0
    )
    client.force_login(coordinator)
    ongedaan = reverse("rapportage:fase_ongedaan", kwargs={"pk": organisatie.pk})
    # The page was opened at version 1; someone changed the override since.
    services.fasecorrectie_opslaan(
        organisatie=organisatie, fase="invoering", toelichting="Toch nog niet", door=coordinator, versie=1
    )
    verouderd = client.post(ongedaan, {"versie": "1"})
    assert verouderd.status_code == 409
    assert "Iemand anders heeft de correctie gewijzigd" in verouderd.content.decode()
    assert Fasecorrectie.objects.get().actief
    response = client.post(ongedaan, {"versie": "2"})
    assert response.status_code == 302
    correctie.refresh_from_db()
    assert correctie.actief is False, "archived, not deleted"
    assert Fasecorrectie.objects.count() == 1
    assert [h.actief for h in correctie.history.order_by("history_date")] == [True, True, False]
    html = pagina(client, organisatie)
    assert "Aangepast door de coördinator:" not in html
    assert '<span class="badge text-bg-info">Adoptie</span>' in html
    # A form opened on the undone override: 409, and saving again sets a new one.
    oud = client.post(fase_url(organisatie), {"fase": "borging", "toelichting": "Opnieuw", "versie": "3"})
    assert oud.status_code == 409
    assert "ongedaan gemaakt" in oud.content.decode()
    assert oud.context["form"].data["versie"] == "0"
    assert (
        client.post(fase_url(organisatie), {"fase": "borging", "toelichting": "Opnieuw", "versie": "0"}).status_code
        == 302
    )
    assert Fasecorrectie.objects.filter(actief=True).get().toelichting == "Opnieuw"
    assert Fasecorrectie.objects.count() == 2


def test_ongedaan_maken_zonder_correctie_verandert_niets(client, organisatie, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("rapportage:fase_ongedaan", kwargs={"pk": organisatie.pk}), follow=True)
    assert response.status_code == 200
    assert "Er is geen correctie van de fase om ongedaan te maken." in response.content.decode()


# The overviews ------------------------------------------------------------------------------------------------------


def test_landelijke_fasen_tellen_de_correctie(traject, coordinator):
    """Six organisations in adoptie; one overridden to borging: the national overview counts 5 and 1 (the 1 is
    withheld below the threshold, but counted); undone, 6 again. The override holds for an earlier year too."""
    organisaties = [organisatie_in(traject, f"Org {i}", geschoold=True) for i in range(6)]

    def tellingen() -> list[int]:
        rij = next(r for r in landelijk.landelijk_overzicht(jaar=2015).rijen if r.werkplaats == traject.werkplaats)
        return [c.waarde for c in rij.fasen_kolommen]

    assert tellingen() == [0, 6, 0, 0]
    correctie = services.fasecorrectie_opslaan(
        organisatie=organisaties[0], fase="borging", toelichting="Geborgd", door=coordinator, versie=0
    )
    assert tellingen() == [0, 5, 0, 1]
    services.fasecorrectie_archiveren(correctie=correctie, versie=1)
    assert tellingen() == [0, 6, 0, 0]


def test_dashboard_toont_fase_per_organisatie(client, traject, coordinator):
    adoptie = organisatie_in(traject, "Organisatie Adoptie", geschoold=True)
    organisatie_in(traject, "Organisatie Verspreiding")
    services.fasecorrectie_opslaan(
        organisatie=adoptie, fase="invoering", toelichting="Werkt al met de methode.", door=coordinator, versie=0
    )
    client.force_login(coordinator)
    response = client.get(reverse("rapportage:dashboard", kwargs={"pk": traject.pk}))
    rijen = {o.organisatie.naam: fase for o, fase in response.context["organisaties_met_fase"]}
    assert (rijen["Organisatie Adoptie"].fase, rijen["Organisatie Adoptie"].afgeleid.fase) == ("invoering", "adoptie")
    assert rijen["Organisatie Verspreiding"].fase == "verspreiding"
    html = response.content.decode()
    assert "Implementatiefase" in html
    assert 'title="Werkt al met de methode.">aangepast</span>' in html


def _tellen(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_gelijk_bij_meer_organisaties(client, traject, coordinator):
    """The dashboard and the organisation's page cost the same with 2 or 12 organisations, overrides included."""
    eerste = organisatie_in(traject, "Org 0", geschoold=True, leider=True)
    organisatie_in(traject, "Org 1", geschoold=True)
    services.fasecorrectie_opslaan(organisatie=eerste, fase="borging", toelichting="R", door=coordinator, versie=0)
    client.force_login(coordinator)
    dashboard = reverse("rapportage:dashboard", kwargs={"pk": traject.pk})
    detail = reverse("werkplaats:organisatie_detail", kwargs={"pk": eerste.pk})
    klein = (_tellen(client, dashboard), _tellen(client, detail), _tellen(client, fase_url(eerste)))
    for i in range(2, 12):
        organisatie = organisatie_in(traject, f"Org {i}", geschoold=True, leider=i % 2 == 0)
        maak_ronde(organisatie, {"missie": 3}, afronden=True, datum=datetime.date(2015, 3, 1))
        if i % 3 == 0:
            services.fasecorrectie_opslaan(
                organisatie=organisatie, fase="adoptie", toelichting="R", door=coordinator, versie=0
            )
    assert (_tellen(client, dashboard), _tellen(client, detail), _tellen(client, fase_url(eerste))) == klein
