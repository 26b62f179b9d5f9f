"""The admin of the training records is no back door: read-only for enrolments and attendance, the others written
through their service (also when a version is restored from the history), and nothing deleted."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.urls import reverse

from scholing import services
from scholing.models import Aanwezigheid, Bijeenkomst, Buddy, Implementatieleider, Inschrijving, Persoon, Scholingsgroep
from tests.factories import MethodeFactory, TrajectFactory
from werkplaats.admin import ServiceAdminMixin

pytestmark = pytest.mark.django_db

START = datetime.date(2014, 2, 1)


@pytest.fixture
def opzet(world):
    """One of every training record, for Anna of organisation A, each under its model's name."""
    methode = MethodeFactory(naam="Het Gesprek", korte_naam="HG")
    traject = TrajectFactory(werkplaats=world.werkplaats, methoden=[methode])
    groep = services.groep_opslaan(groep=Scholingsgroep(traject=traject, methode=methode, nummer=1))
    anna = services.persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="Anna de Vries"))
    inschrijving = services.deelnemer_inschrijven(persoon=anna, groep=groep, startdatum=START)
    bijeenkomst = services.bijeenkomst_opslaan(
        bijeenkomst=Bijeenkomst(traject=traject, groep=groep, soort="basistraining", datum=datetime.date(2014, 3, 1))
    )
    (aanwezigheid,) = services.aanwezigheid_registreren(bijeenkomst=bijeenkomst, aanwezig=[inschrijving.pk])
    leider = services.implementatieleider_opslaan(
        leider=Implementatieleider(persoon=anna, traject=traject, functie="manager", actief_vanaf=START)
    )
    buddy = services.buddy_toevoegen(inschrijving=inschrijving, naam="Karin", vanaf=START)
    return SimpleNamespace(
        world=world,
        persoon=anna,
        scholingsgroep=groep,
        inschrijving=inschrijving,
        bijeenkomst=bijeenkomst,
        aanwezigheid=aanwezigheid,
        implementatieleider=leider,
        buddy=buddy,
    )


@pytest.fixture
def beheerder(client, opzet):
    client.force_login(opzet.world.beheerder)
    return client


def admin_url(obj, actie: str = "change", *args) -> str:
    return reverse(f"admin:scholing_{obj._meta.model_name}_{actie}", args=[obj.pk, *args])


def formulierdata(response) -> dict:
    """What the admin's change page would post back unchanged: its form and every inline's management form."""
    data = {}
    form = response.context["adminform"].form
    for naam in form.fields:
        waarde = form[naam].value()
        if waarde is True:
            data[naam] = "on"
        elif waarde not in (None, False):
            data[naam] = waarde
    for inline in response.context.get("inline_admin_formsets", []):
        beheer = inline.formset.management_form
        data.update({beheer.add_prefix(naam): beheer[naam].value() for naam in beheer.fields})
    return data


# Enrolments and attendance: read-only ----------------------------------------------------------------


def test_statuswijziging_van_een_inschrijving_in_het_beheer_wordt_geweigerd(beheerder, opzet):
    """A superuser cannot drop a participant out in the admin, past `deelnemer_afmelden` and its rules."""
    url = admin_url(opzet.inschrijving)
    response = beheerder.get(url)
    assert response.status_code == 200 and "adminform" in response.context
    assert not response.context["has_change_permission"]
    data = {
        "persoon": opzet.persoon.pk,
        "groep": opzet.scholingsgroep.pk,
        "startdatum": "2014-02-01",
        "status": "uitgevallen",
    }
    data.update({"einddatum": "2014-06-01", "uitvalreden": "te_druk", "toelichting": ""})
    assert beheerder.post(url, data).status_code == 403
    opzet.inschrijving.refresh_from_db()
    assert (opzet.inschrijving.status, opzet.inschrijving.einddatum) == (Inschrijving.Status.ACTIEF, None)


@pytest.mark.parametrize("naam", ["inschrijving", "aanwezigheid"])
def test_inschrijvingen_en_aanwezigheid_zijn_alleen_te_lezen(beheerder, opzet, naam):
    obj = getattr(opzet, naam)
    assert beheerder.get(reverse(f"admin:scholing_{naam}_changelist")).status_code == 200
    assert beheerder.get(reverse(f"admin:scholing_{naam}_add")).status_code == 403
    assert beheerder.post(admin_url(obj), {"aanwezig": ""}).status_code == 403
    if naam == "aanwezigheid":
        opzet.aanwezigheid.refresh_from_db()
        assert opzet.aanwezigheid.aanwezig


def test_presentielijst_en_inschrijvingen_staan_alleen_ter_inzage_op_de_pagina_erboven(beheerder, opzet):
    """The inlines on a session's and a person's admin page add and change nothing either."""
    for obj in (opzet.bijeenkomst, opzet.persoon):
        formsets = beheerder.get(admin_url(obj)).context["inline_admin_formsets"]
        assert formsets
        for inline in formsets:
            assert not (inline.has_add_permission or inline.has_change_permission or inline.has_delete_permission)


# Nothing is deleted ---------------------------------------------------------------------------------


MODELLEN = ["persoon", "scholingsgroep", "bijeenkomst", "inschrijving", "aanwezigheid", "buddy", "implementatieleider"]


@pytest.mark.parametrize("naam", MODELLEN)
def test_beheer_verwijdert_niets_ook_niet_in_bulk(beheerder, opzet, naam):
    obj = getattr(opzet, naam)
    model = type(obj)
    assert beheerder.get(admin_url(obj, "delete")).status_code == 403
    assert beheerder.post(admin_url(obj, "delete"), {"post": "yes"}).status_code == 403
    changelist = reverse(f"admin:scholing_{naam}_changelist")
    actieformulier = beheerder.get(changelist).context["action_form"]  # None when there are no actions at all
    acties = [waarde for waarde, _label in actieformulier.fields["action"].choices] if actieformulier else []
    assert "delete_selected" not in acties
    beheerder.post(changelist, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"})
    assert model.objects.filter(pk=obj.pk).exists()


# The others: written through their service ----------------------------------------------------------

SERVICES = [
    ("persoon", "persoon_opslaan", "naam", "Anna de Vries-Bakker"),
    ("scholingsgroep", "groep_opslaan", "trainers", "Els en Jan"),
    ("bijeenkomst", "bijeenkomst_opslaan", "titel", "Dag 1"),
    ("buddy", "buddy_opslaan", "naam", "Karin Smit"),
    ("implementatieleider", "implementatieleider_opslaan", "functie", "stafmedewerker"),
]


@pytest.mark.parametrize(("naam", "service", "veld", "waarde"), SERVICES)
def test_beheer_schrijft_via_de_service(beheerder, opzet, monkeypatch, naam, service, veld, waarde):
    obj = getattr(opzet, naam)
    aanroepen = []
    origineel = getattr(services, service)

    def spion(**kwargs):
        aanroepen.append(kwargs)
        return origineel(**kwargs)

    monkeypatch.setattr(services, service, spion)
    url = admin_url(obj)
    data = {**formulierdata(beheerder.get(url)), veld: waarde}
    response = beheerder.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else None
    assert len(aanroepen) == 1 and [opgeslagen.pk for opgeslagen in aanroepen[0].values()] == [obj.pk]
    obj.refresh_from_db()
    assert getattr(obj, veld) == waarde


def test_beheer_weigert_wat_de_service_weigert(beheerder, opzet):
    """The admin's form runs the model's rules, which the service also checks: an error, not a 500 or a write."""
    url = admin_url(opzet.buddy)
    data = {**formulierdata(beheerder.get(url)), "aantal": 3}  # a single colleague counts as one
    response = beheerder.post(url, data)
    assert response.status_code == 200 and response.context["adminform"].form.errors
    opzet.buddy.refresh_from_db()
    assert opzet.buddy.aantal == 1


def test_implementatieleider_stopt_niet_in_het_beheer(beheerder, opzet):
    """Stopping is the page's action (`implementatieleider_stoppen`); in the admin those fields are read-only."""
    url = admin_url(opzet.implementatieleider)
    data = {**formulierdata(beheerder.get(url)), "actief_tot": "2015-01-01", "reden_vertrek": "reorganisatie"}
    assert beheerder.post(url, data).status_code == 302
    opzet.implementatieleider.refresh_from_db()
    assert (opzet.implementatieleider.actief_tot, opzet.implementatieleider.reden_vertrek) == (None, "")


def test_nieuwe_persoon_in_het_beheer_via_de_service(beheerder, opzet, monkeypatch):
    aanroepen = []
    origineel = services.persoon_opslaan
    monkeypatch.setattr(services, "persoon_opslaan", lambda **kwargs: aanroepen.append(kwargs) or origineel(**kwargs))
    add = reverse("admin:scholing_persoon_add")
    data = {**formulierdata(beheerder.get(add)), "organisatie": opzet.world.org_a.pk, "naam": "Carla"}
    data["soort"] = "professional"
    assert beheerder.post(add, data).status_code == 302
    assert len(aanroepen) == 1 and Persoon.objects.filter(naam="Carla").exists()


# Reverting from the history ---------------------------------------------------------------------------


@pytest.mark.parametrize("naam", ["inschrijving", "aanwezigheid"])
def test_geschiedenis_van_wat_alleen_te_lezen_is_zet_niets_terug(beheerder, opzet, naam):
    """django-simple-history's revert page saves with only the view permission; a read-only admin refuses."""
    obj = getattr(opzet, naam)
    versie = obj.history.earliest()
    if naam == "inschrijving":
        services.deelnemer_afmelden(inschrijving=obj, datum=datetime.date(2014, 6, 1), reden="te_druk")
    else:
        services.aanwezigheid_registreren(bijeenkomst=opzet.bijeenkomst, aanwezig=[])
    url = admin_url(obj, "simple_history", versie.history_id)
    response = beheerder.get(url)
    assert response.status_code == 200
    assert beheerder.post(url, formulierdata(response)).status_code == 403
    obj.refresh_from_db()  # reverting would have undone the dropout, or the absence, without any service
    assert (obj.status == Inschrijving.Status.UITGEVALLEN) if naam == "inschrijving" else not obj.aanwezig


def test_terugzetten_uit_de_geschiedenis_gaat_door_de_service(beheerder, opzet, monkeypatch):
    persoon = opzet.persoon
    versie = persoon.history.earliest()
    persoon.naam = "Anna Bakker"
    services.persoon_opslaan(persoon=persoon)
    aanroepen = []
    origineel = services.persoon_opslaan
    monkeypatch.setattr(services, "persoon_opslaan", lambda **kwargs: aanroepen.append(kwargs) or origineel(**kwargs))
    url = admin_url(persoon, "simple_history", versie.history_id)
    assert beheerder.post(url, formulierdata(beheerder.get(url))).status_code == 302
    persoon.refresh_from_db()
    assert len(aanroepen) == 1 and persoon.naam == "Anna de Vries"


def test_terugzetten_van_een_gestopte_leider_weigert_de_service_op_het_formulier(beheerder, opzet):
    """Restoring the version before the stop would restart the leader past `implementatieleider_stoppen`."""
    leider = opzet.implementatieleider
    versie = leider.history.earliest()
    services.implementatieleider_stoppen(leider=leider, datum=datetime.date(2015, 1, 1), reden="reorganisatie")
    url = admin_url(leider, "simple_history", versie.history_id)
    response = beheerder.post(url, formulierdata(beheerder.get(url)))
    assert response.status_code == 200
    assert "stopt met ‘Stoppen’" in response.content.decode()
    leider.refresh_from_db()
    assert (leider.actief_tot, leider.reden_vertrek) == (datetime.date(2015, 1, 1), "reorganisatie")


def test_elk_scholingsmodel_in_het_beheer_is_alleen_te_lezen_of_schrijft_via_zijn_service(rf, world):
    """A new model or admin class must choose: read-only, or its own `save_model` that calls the service."""
    request = rf.get("/")
    request.user = world.beheerder
    geregistreerd = {model for model in admin.site._registry if model._meta.app_label == "scholing"}
    assert geregistreerd == {
        Aanwezigheid,
        Bijeenkomst,
        Buddy,
        Implementatieleider,
        Inschrijving,
        Persoon,
        Scholingsgroep,
    }
    for model in geregistreerd:
        model_admin = admin.site._registry[model]
        assert model_admin.has_delete_permission(request) is False, model
        alleen_lezen = not model_admin.has_add_permission(request) and not model_admin.has_change_permission(request)
        via_service = isinstance(model_admin, ServiceAdminMixin) and "save_model" in vars(type(model_admin))
        assert alleen_lezen != via_service, model
        assert alleen_lezen == (model in {Inschrijving, Aanwezigheid}), model
