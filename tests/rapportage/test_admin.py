"""The admin is not a back door: the register and the placements are written through their services, never deleted."""

import datetime

import pytest
from django.urls import reverse

from rapportage import services
from rapportage.models import Disseminatie, Onderwijsmodule, Plaatsing, Programmaonderdeel
from tests.factories import MethodeFactory
from trajecten import services as traject_services
from trajecten.models import Traject

pytestmark = pytest.mark.django_db


@pytest.fixture
def traject(world):
    methode = MethodeFactory(naam="Het Gesprek", korte_naam="HG")
    return traject_services.traject_opslaan(
        traject=Traject(
            werkplaats=world.werkplaats,
            naam="Traject 2014-2015",
            startdatum=datetime.date(2014, 1, 1),
            einddatum=datetime.date(2015, 12, 31),
        ),
        methoden_aangeboden=[methode],
        methoden=[methode],
    )


@pytest.fixture
def andere_methode():
    return MethodeFactory(naam="Buiten het traject", korte_naam="BT")


@pytest.fixture
def conferentie(traject):
    return services.disseminatie_opslaan(
        disseminatie=Disseminatie(
            traject=traject,
            soort=Disseminatie.Soort.CONFERENTIE,
            titel="Afsluitende conferentie",
            datum=datetime.date(2015, 12, 3),
            bijlage="2",
        ),
        methoden=traject.methoden.all(),
    )


@pytest.fixture
def module(traject):
    return services.onderwijsmodule_opslaan(
        onderwijsmodule=Onderwijsmodule(traject=traject, naam="Het Gesprek", methode=traject.methoden.first())
    )


def beheer(client, world):
    client.force_login(world.beheerder)
    return client


def leeg_inline(prefix: str) -> dict:
    return {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def conferentieformulier(conferentie: Disseminatie, **velden) -> dict:
    return {
        "traject": conferentie.traject_id,
        "soort": conferentie.soort,
        "titel": conferentie.titel,
        "datum": conferentie.datum.isoformat(),
        "jaar": conferentie.jaar,
        "status": conferentie.status,
        "bijlage": conferentie.bijlage,
        "actief": "on",
        "methoden": [m.pk for m in conferentie.methoden.all()],
        **leeg_inline("programma"),
        **velden,
    }


def moduleformulier(module: Onderwijsmodule, **velden) -> dict:
    return {
        "traject": module.traject_id,
        "naam": module.naam,
        "methode": module.methode_id or "",
        "doelgroep": module.doelgroep,
        "actief": "on",
        **leeg_inline("plaatsingen"),
        **velden,
    }


def test_methode_buiten_het_traject_wordt_ook_in_de_admin_geweigerd(client, world, conferentie, andere_methode):
    url = reverse("admin:rapportage_disseminatie_change", args=[conferentie.pk])
    response = beheer(client, world).post(
        url, conferentieformulier(conferentie, titel="Nieuwe titel", methoden=[andere_methode.pk])
    )
    assert response.status_code == 200
    assert "Kies alleen methoden van dit traject." in response.content.decode()
    conferentie.refresh_from_db()
    assert conferentie.titel == "Afsluitende conferentie"  # nothing was written
    assert list(conferentie.methoden.all()) == list(conferentie.traject.methoden.all())


def test_conferentie_en_haar_programma_worden_via_de_services_opgeslagen(client, world, conferentie):
    url = reverse("admin:rapportage_disseminatie_change", args=[conferentie.pk])
    data = conferentieformulier(
        conferentie,
        titel="De praktijk van de Wmo in de regio",
        methoden=[],
        **{
            "programma-TOTAL_FORMS": "1",
            "programma-0-soort": Programmaonderdeel.Soort.WORKSHOP,
            "programma-0-nummer": "1",
            "programma-0-titel": "Het Gesprek",
            "programma-0-actief": "on",
        },
    )
    response = beheer(client, world).post(url, data)
    assert response.status_code == 302
    conferentie.refresh_from_db()
    assert conferentie.titel == "De praktijk van de Wmo in de regio"
    assert not conferentie.methoden.exists()
    assert [str(p) for p in conferentie.programma.all()] == ["1. Het Gesprek"]


def test_programmaonderdeel_met_dubbel_nummer_wordt_geweigerd(client, world, conferentie):
    services.programmaonderdeel_opslaan(
        programmaonderdeel=Programmaonderdeel(disseminatie=conferentie, soort="workshop", nummer=1, titel="Eerste")
    )
    response = beheer(client, world).post(
        reverse("admin:rapportage_programmaonderdeel_add"),
        {"disseminatie": conferentie.pk, "soort": "workshop", "nummer": "1", "titel": "Tweede", "actief": "on"},
    )
    assert response.status_code == 200
    assert list(conferentie.programma.values_list("titel", flat=True)) == ["Eerste"]


def test_module_met_methode_buiten_het_traject_wordt_geweigerd(client, world, module, andere_methode):
    url = reverse("admin:rapportage_onderwijsmodule_change", args=[module.pk])
    response = beheer(client, world).post(url, moduleformulier(module, naam="Anders", methode=andere_methode.pk))
    assert response.status_code == 200
    assert "Kies een methode van dit traject." in response.content.decode()
    module.refresh_from_db()
    assert (module.naam, module.methode) == ("Het Gesprek", module.traject.methoden.first())


def test_module_en_haar_plaatsingen_worden_via_de_services_opgeslagen(client, world, module):
    url = reverse("admin:rapportage_onderwijsmodule_change", args=[module.pk])
    data = moduleformulier(
        module,
        omschrijving="Vier modules",
        **{
            "plaatsingen-TOTAL_FORMS": "1",
            "plaatsingen-0-opleiding": "SPH",
            "plaatsingen-0-jaar": "2",
            "plaatsingen-0-vorm": Plaatsing.Vorm.HOORCOLLEGE,
            "plaatsingen-0-status": Plaatsing.Status.INGEVOERD,
            "plaatsingen-0-actief": "on",
        },
    )
    response = beheer(client, world).post(url, data)
    assert response.status_code == 302
    module.refresh_from_db()
    assert module.omschrijving == "Vier modules"
    assert [(p.opleiding, p.jaar) for p in module.plaatsingen.all()] == [("SPH", 2)]


@pytest.mark.parametrize("model", ["disseminatie", "programmaonderdeel", "onderwijsmodule", "plaatsing"])
def test_niets_wordt_verwijderd_ook_niet_in_bulk(client, world, conferentie, module, model):
    onderdelen = {
        "disseminatie": conferentie,
        "programmaonderdeel": services.programmaonderdeel_opslaan(
            programmaonderdeel=Programmaonderdeel(disseminatie=conferentie, soort="workshop", nummer=1, titel="HG")
        ),
        "onderwijsmodule": module,
        "plaatsing": services.plaatsing_opslaan(plaatsing=Plaatsing(module=module, opleiding="SPH", vorm="vak")),
    }
    obj = onderdelen[model]
    client = beheer(client, world)
    delete = reverse(f"admin:rapportage_{model}_delete", args=[obj.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse(f"admin:rapportage_{model}_changelist")
    assert client.get(changelist).context["action_form"] is None  # no bulk delete_selected
    client.post(changelist, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"})
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_geschiedenis_zet_een_conferentie_niet_terug_buiten_de_service_om(client, world, conferentie, andere_methode):
    """A revert saves the many-to-many fields from the form; a method outside the trajectory is still refused."""
    eerste = conferentie.history.order_by("history_date", "history_id").first()
    url = reverse("admin:rapportage_disseminatie_simple_history", args=[conferentie.pk, eerste.history_id])
    client = beheer(client, world)
    client.post(url, conferentieformulier(conferentie, methoden=[andere_methode.pk]))
    assert list(conferentie.methoden.all()) == list(conferentie.traject.methoden.all())
