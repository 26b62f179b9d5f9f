"""The admin is not a back door: every admin of our apps, read from the admin site's registry.

For every model of our apps the admin deletes nothing (no delete permission, no bulk `delete_selected`), and
either only shows its records (no add or change permission) or is listed in VIA_SERVICE: then it writes through
the same service as the app's pages, which the tests below check by watching the service while a change is
saved through the admin, and by letting the service refuse one.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.forms import CheckboxInput, MultiWidget
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from quickscan import services as quickscan_services
from quickscan.models import QuickscanInstelling
from rapportage import services as rapportage_services
from rapportage.models import Disseminatie, Onderwijsmodule, Plaatsing, Programmaonderdeel
from scholing import services as scholing_services
from scholing.models import Bijeenkomst, Implementatieleider, Persoon, Scholingsgroep
from tests.factories import MethodeFactory
from trajecten import services as traject_services
from trajecten.models import Deelname, Fase, MethodeAlias, Streefwaarde, Traject
from werkplaats import services as werkplaats_services
from werkplaats.admin import AlleenLezenMixin, RolInline, ServiceAdminMixin
from werkplaats.models import Afdeling, Organisatie, Rol

pytestmark = pytest.mark.django_db

APPS = {"werkplaats", "trajecten", "scholing", "quickscan", "rapportage"}


@dataclass(frozen=True)
class ViaService:
    """An admin that writes through a service: which one, and the record the test changes through the admin."""

    module: object
    service: str
    object: Callable


# Every admin of our apps that writes, with the service it writes through and the record of `beheer_world` the
# test changes through it. Every other admin only shows its records.
VIA_SERVICE: dict[str, ViaService] = {
    "werkplaats.werkplaats": ViaService(werkplaats_services, "werkplaats_opslaan", lambda w: w.werkplaats),
    "werkplaats.organisatie": ViaService(werkplaats_services, "organisatie_opslaan", lambda w: w.org_a),
    "werkplaats.afdeling": ViaService(werkplaats_services, "afdeling_opslaan", lambda w: w.afdeling_a),
    "trajecten.methode": ViaService(traject_services, "methode_opslaan", lambda w: w.methode),
    "trajecten.traject": ViaService(traject_services, "traject_opslaan", lambda w: w.traject),
    "trajecten.fase": ViaService(traject_services, "fase_opslaan", lambda w: w.fase),
    "trajecten.deelname": ViaService(traject_services, "deelname_opslaan", lambda w: w.deelname_a),
    "trajecten.streefwaarde": ViaService(traject_services, "streefwaarde_opslaan", lambda w: w.streefwaarde),
    "scholing.scholingsgroep": ViaService(scholing_services, "groep_opslaan", lambda w: w.groep),
    "scholing.bijeenkomst": ViaService(scholing_services, "bijeenkomst_opslaan", lambda w: w.bijeenkomst),
    "scholing.persoon": ViaService(scholing_services, "persoon_opslaan", lambda w: w.persoon_a),
    "scholing.buddy": ViaService(scholing_services, "buddy_opslaan", lambda w: w.buddy_a),
    "scholing.implementatieleider": ViaService(
        scholing_services, "implementatieleider_opslaan", lambda w: w.implementatieleider_a
    ),
    "quickscan.actie": ViaService(quickscan_services, "actie_opslaan", lambda w: w.actie_a),
    "quickscan.quickscaninstelling": ViaService(quickscan_services, "instelling_opslaan", lambda w: w.instelling),
    "rapportage.disseminatie": ViaService(rapportage_services, "disseminatie_opslaan", lambda w: w.conferentie),
    "rapportage.programmaonderdeel": ViaService(
        rapportage_services, "programmaonderdeel_opslaan", lambda w: w.programmaonderdeel
    ),
    "rapportage.onderwijsmodule": ViaService(rapportage_services, "onderwijsmodule_opslaan", lambda w: w.module),
    "rapportage.plaatsing": ViaService(rapportage_services, "plaatsing_opslaan", lambda w: w.plaatsing),
}
# Writable without a service: accounts are kept in the admin until the app manages them (a later issue). Roles
# are granted and revoked on the user's page, through `rol_toekennen` and `rol_intrekken`.
ZONDER_SERVICE = {"werkplaats.user"}
# Inlines that may remove rows: revoking a role removes a grant, not a record someone entered.
MAG_INTREKKEN = {RolInline}


def _onze_admins() -> dict[str, admin.ModelAdmin]:
    return {
        model._meta.label_lower: model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in APPS
    }


ONZE_ADMINS = sorted(_onze_admins())


@pytest.fixture
def verzoek(rf, world):
    request = rf.get("/beheer/")
    request.user = world.beheerder
    return request


@pytest.fixture
def beheer_world(world):
    """The world plus a trajectory with one record of every kind, each made through its service."""
    world.methode = traject_services.methode_opslaan(
        methode=MethodeFactory.build(naam="Het Gesprek", korte_naam="HG"),
        aliassen=[MethodeAlias(naam="het Gesprek", context="eindrapport 2.2")],
    )
    world.traject = traject_services.traject_opslaan(
        traject=Traject(
            werkplaats=world.werkplaats,
            naam="Traject Test",
            startdatum=datetime.date(2014, 1, 1),
            einddatum=datetime.date(2015, 12, 31),
        ),
        methoden_aangeboden=[world.methode],
        methoden=[world.methode],
    )
    world.deelname_a = traject_services.deelname_opslaan(
        deelname=Deelname(traject=world.traject, organisatie=world.org_a, vanaf=datetime.date(2014, 1, 1)),
        methoden=[world.methode],
    )
    world.fase = traject_services.fase_opslaan(
        fase=Fase(
            traject=world.traject,
            nummer=1,
            naam="Start",
            startmaand=datetime.date(2014, 1, 1),
            eindmaand=datetime.date(2014, 3, 1),
        )
    )
    world.streefwaarde = traject_services.streefwaarde_opslaan(
        streefwaarde=Streefwaarde(traject=world.traject, indicator="professionals", methode=world.methode, waarde=30)
    )
    world.groep = scholing_services.groep_opslaan(
        groep=Scholingsgroep(traject=world.traject, methode=world.methode, nummer=1)
    )
    world.bijeenkomst = scholing_services.bijeenkomst_opslaan(
        bijeenkomst=Bijeenkomst(
            traject=world.traject, groep=world.groep, soort="basistraining", datum=datetime.date(2014, 3, 1)
        )
    )
    world.persoon_a = scholing_services.persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="Anna"))
    inschrijving = scholing_services.deelnemer_inschrijven(
        persoon=world.persoon_a, groep=world.groep, startdatum=datetime.date(2014, 2, 1)
    )
    world.buddy_a = scholing_services.buddy_toevoegen(
        inschrijving=inschrijving, naam="Collega", vanaf=datetime.date(2014, 4, 1)
    )
    world.implementatieleider_a = scholing_services.implementatieleider_opslaan(
        leider=Implementatieleider(
            persoon=world.persoon_a, traject=world.traject, functie="manager", actief_vanaf=datetime.date(2014, 1, 15)
        )
    )
    world.instelling = quickscan_services.instelling_opslaan(
        instelling=QuickscanInstelling(werkplaats=world.werkplaats)
    )
    world.conferentie = rapportage_services.disseminatie_opslaan(
        disseminatie=Disseminatie(
            traject=world.traject, soort="conferentie", titel="Slotconferentie", datum=datetime.date(2015, 12, 3)
        ),
        methoden=[world.methode],
    )
    world.programmaonderdeel = rapportage_services.programmaonderdeel_opslaan(
        programmaonderdeel=Programmaonderdeel(disseminatie=world.conferentie, soort="workshop", nummer=1, titel="HG")
    )
    world.module = rapportage_services.onderwijsmodule_opslaan(
        onderwijsmodule=Onderwijsmodule(traject=world.traject, naam="Het Gesprek", methode=world.methode)
    )
    world.plaatsing = rapportage_services.plaatsing_opslaan(
        plaatsing=Plaatsing(module=world.module, opleiding="SPH", jaar=1, vorm="hoorcollege")
    )
    return world


def _formulier(response) -> dict:
    """The POST data of an admin change page as the browser would send it unchanged: the form and its inlines."""
    data: dict = {}

    def velden(form) -> None:
        for veld in form:
            if veld.field.disabled:
                continue
            waarde, widget = veld.value(), veld.field.widget
            if isinstance(widget, CheckboxInput):
                if waarde:
                    data[veld.html_name] = "on"
            elif isinstance(widget, MultiWidget):
                delen = waarde if isinstance(waarde, list) else widget.decompress(waarde)
                for index, deel in enumerate(delen):
                    data[f"{veld.html_name}_{index}"] = "" if deel is None else str(deel)
            elif isinstance(waarde, list | tuple):
                data[veld.html_name] = [str(v) for v in waarde]
            else:
                data[veld.html_name] = "" if waarde is None else str(waarde)

    velden(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):  # the history page shows no inlines
        velden(inline.formset.management_form)
        for form in inline.formset.forms:
            velden(form)
    return data


def _wijzig_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


# Every admin of our apps ------------------------------------------------------------------------------


def test_lijst_via_service_is_bij():
    assert set(VIA_SERVICE) | ZONDER_SERVICE <= set(ONZE_ADMINS), "in VIA_SERVICE maar niet (meer) in het beheer"


@pytest.mark.parametrize("label", ONZE_ADMINS)
def test_beheer_verwijdert_niets(verzoek, label):
    model_admin = _onze_admins()[label]
    assert not model_admin.has_delete_permission(verzoek)
    assert "delete_selected" not in model_admin.get_actions(verzoek)
    for inline in model_admin.get_inline_instances(verzoek):
        if type(inline) not in MAG_INTREKKEN:
            assert not (inline.can_delete and inline.has_delete_permission(verzoek, None)), type(inline).__name__


@pytest.mark.parametrize("label", ONZE_ADMINS)
def test_beheer_leest_alleen_of_schrijft_via_de_service(verzoek, label):
    model_admin = _onze_admins()[label]
    if label in ZONDER_SERVICE:
        return
    if label not in VIA_SERVICE:
        assert not model_admin.has_add_permission(verzoek), f"{label}: toevoegen buiten de service om"
        assert not model_admin.has_change_permission(verzoek), f"{label}: wijzigen buiten de service om"
        return
    assert isinstance(model_admin, ServiceAdminMixin), label
    eigen = {naam for cls in type(model_admin).__mro__ if cls.__module__.split(".")[0] in APPS for naam in vars(cls)}
    assert "save_model" in eigen, f"{label}: save_model roept de service niet aan"
    for inline in model_admin.get_inline_instances(verzoek):
        schrijft = inline.has_add_permission(verzoek, None) or inline.has_change_permission(verzoek, None)
        assert not schrijft or {"save_formset", "save_related"} & set(vars(type(model_admin))), type(inline).__name__


# Writing through the service --------------------------------------------------------------------------


@pytest.mark.parametrize("label", sorted(VIA_SERVICE))
def test_wijziging_in_het_beheer_gaat_door_de_service(client, beheer_world, monkeypatch, label):
    via = VIA_SERVICE[label]
    obj = via.object(beheer_world)
    echte_service, aanroepen = getattr(via.module, via.service), []

    def spion(**kwargs):
        aanroepen.append(kwargs)
        return echte_service(**kwargs)

    client.force_login(beheer_world.beheerder)
    data = _formulier(client.get(_wijzig_url(obj)))
    monkeypatch.setattr(via.module, via.service, spion)
    response = client.post(_wijzig_url(obj), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert len(aanroepen) == 1
    assert [v.pk for v in aanroepen[0].values() if getattr(v, "pk", None) == obj.pk] == [obj.pk]


def test_beheer_toont_regel_van_de_service_en_schrijft_niets(client, beheer_world):
    """Only the service knows that a chosen method must be offered too; the admin shows its refusal."""
    traject = beheer_world.traject
    client.force_login(beheer_world.beheerder)
    data = {**_formulier(client.get(_wijzig_url(traject))), "naam": "Hernoemd", "methoden_aangeboden": []}
    response = client.post(_wijzig_url(traject), data)
    assert response.status_code == 200
    assert "Een gekozen methode moet ook zijn aangeboden." in response.content.decode()
    assert response.context["adminform"].form.data["naam"] == "Hernoemd"  # the input is kept
    traject.refresh_from_db()
    assert traject.naam == "Traject Test" and list(traject.methoden_aangeboden.all()) == [beheer_world.methode]


def test_beheer_houdt_team_bij_zijn_organisatie(client, beheer_world):
    afdeling = beheer_world.afdeling_a
    client.force_login(beheer_world.beheerder)
    data = {**_formulier(client.get(_wijzig_url(afdeling))), "organisatie": beheer_world.org_b.pk}
    response = client.post(_wijzig_url(afdeling), data)
    assert response.status_code == 200
    assert "Een team blijft bij zijn organisatie." in response.content.decode()
    assert Afdeling.objects.get(pk=afdeling.pk).organisatie == beheer_world.org_a


def test_beheer_weigert_streefwaarde_voor_methode_buiten_het_traject(client, beheer_world):
    streefwaarde = beheer_world.streefwaarde
    ander = MethodeFactory(naam="IRB in de wijk", korte_naam="IRB")
    client.force_login(beheer_world.beheerder)
    data = {**_formulier(client.get(_wijzig_url(streefwaarde))), "methode": ander.pk, "waarde": 40}
    response = client.post(_wijzig_url(streefwaarde), data)
    assert response.status_code == 200
    assert "Kies een methode die in het traject gekozen is." in response.content.decode()
    streefwaarde.refresh_from_db()
    assert (streefwaarde.methode, streefwaarde.waarde) == (beheer_world.methode, 30)


def test_alias_uit_het_beheer_wordt_met_de_methode_opgeslagen(client, beheer_world, monkeypatch):
    methode = beheer_world.methode
    client.force_login(beheer_world.beheerder)
    data = _formulier(client.get(_wijzig_url(methode)))
    data.update({"aliassen-TOTAL_FORMS": "2", "aliassen-1-naam": "Gesprek", "aliassen-1-context": "poster"})
    echte_service, aanroepen = traject_services.methode_opslaan, []
    monkeypatch.setattr(traject_services, "methode_opslaan", lambda **kw: aanroepen.append(kw) or echte_service(**kw))
    assert client.post(_wijzig_url(methode), data).status_code == 302
    assert [a.naam for a in aanroepen[0]["aliassen"]] == ["Gesprek"]
    assert methode.alias("poster") == "Gesprek"


def test_terugzetten_uit_de_geschiedenis_gaat_ook_door_de_service(client, world, monkeypatch):
    organisatie = world.org_a
    oud = organisatie.history.latest()
    organisatie.naam = "Nieuwe naam"
    werkplaats_services.organisatie_opslaan(organisatie=organisatie)
    url = reverse("admin:werkplaats_organisatie_simple_history", args=[organisatie.pk, oud.history_id])
    client.force_login(world.beheerder)
    data = _formulier(client.get(url))
    assert data["naam"] == "Organisatie A"
    echte_service, aanroepen = werkplaats_services.organisatie_opslaan, []
    monkeypatch.setattr(
        werkplaats_services, "organisatie_opslaan", lambda **kw: aanroepen.append(kw) or echte_service(**kw)
    )
    assert client.post(url, data).status_code == 302
    assert len(aanroepen) == 1
    organisatie.refresh_from_db()
    assert organisatie.naam == "Organisatie A"


def test_verwijderen_kan_niet_in_het_beheer(client, beheer_world):
    client.force_login(beheer_world.beheerder)
    url = reverse("admin:trajecten_fase_delete", args=[beheer_world.fase.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:werkplaats_organisatie_changelist")
    data = {"action": "delete_selected", "_selected_action": [beheer_world.org_a.pk], "post": "yes"}
    client.post(changelist, data)
    assert Fase.objects.filter(pk=beheer_world.fase.pk).exists()
    assert Organisatie.objects.filter(pk=beheer_world.org_a.pk).exists()


# Read-only -----------------------------------------------------------------------------------------------


def test_alleen_lezen_beheer_weigert_ook_terugzetten_uit_de_geschiedenis(rf, world):
    """django-simple-history's "revert" page saves with only the view permission; a read-only admin refuses."""

    class AlleenLezenOrganisatieAdmin(AlleenLezenMixin, SimpleHistoryAdmin):
        pass

    organisatie = world.org_a
    model_admin = AlleenLezenOrganisatieAdmin(Organisatie, admin.site)
    versie = organisatie.history.latest()
    request = rf.post(
        "/", {"werkplaats": world.werkplaats.pk, "naam": "Gekaapt", "soort": "instelling", "actief": "on"}
    )
    request.user = world.beheerder
    with pytest.raises(PermissionDenied):
        model_admin.history_form_view(request, str(organisatie.pk), str(versie.history_id))
    organisatie.refresh_from_db()
    assert organisatie.naam == "Organisatie A"


def test_rollen_zijn_in_het_beheer_alleen_te_lezen(client, world):
    client.force_login(world.beheerder)
    rol = Rol.objects.get(user=world.leider_a)
    response = client.post(reverse("admin:werkplaats_rol_change", args=[rol.pk]), {"soort": "coordinator"})
    assert response.status_code == 403
    assert client.get(reverse("admin:werkplaats_rol_add")).status_code == 403


# Accounts and their roles -------------------------------------------------------------------------------


def test_rol_toekennen_en_intrekken_op_de_pagina_van_de_gebruiker(client, world, monkeypatch):
    gebruiker = world.leider_a
    client.force_login(world.beheerder)
    url = reverse("admin:werkplaats_user_change", args=[gebruiker.pk])
    data = _formulier(client.get(url))
    aanroepen = []
    for naam in ("rol_toekennen", "rol_intrekken"):
        echte = getattr(werkplaats_services, naam)
        monkeypatch.setattr(
            werkplaats_services, naam, lambda _echte=echte, _naam=naam, **kw: aanroepen.append(_naam) or _echte(**kw)
        )
    data.update(
        {
            "rollen-0-DELETE": "on",
            "rollen-1-soort": "implementatieleider",
            "rollen-1-organisatie": world.org_b.pk,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert sorted(aanroepen) == ["rol_intrekken", "rol_toekennen"]
    assert gebruiker.rollen.get().organisatie == world.org_b


# Login protection: django-axes' records and django-otp's devices ------------------------------------------------

INLOGBEVEILIGING = [
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "otp_totp.totpdevice",
    "otp_static.staticdevice",
]


@pytest.mark.parametrize("label", INLOGBEVEILIGING)
def test_inlogbeveiliging_is_in_het_beheer_alleen_te_lezen(verzoek, label):
    admins = {model._meta.label_lower: model_admin for model, model_admin in admin.site._registry.items()}
    model_admin = admins[label]
    assert model_admin.has_view_permission(verzoek)
    assert not model_admin.has_add_permission(verzoek)
    assert not model_admin.has_change_permission(verzoek)
    assert not model_admin.has_delete_permission(verzoek)
    assert not model_admin.get_actions(verzoek)
