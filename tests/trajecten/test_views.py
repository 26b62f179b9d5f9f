import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    DeelnameFactory,
    InschrijvingFactory,
    MethodeFactory,
    PersoonFactory,
    ScholingsgroepFactory,
    TrajectFactory,
)
from trajecten import services
from trajecten.models import Deelname, Fase, Methode, MethodeAlias, Streefwaarde, Traject

pytestmark = pytest.mark.django_db


@pytest.fixture
def methoden(db):
    return {
        "HG": MethodeFactory(naam="Het Gesprek", korte_naam="HG", kenmerken="Samen\nIn gesprek\n\nMet de cliënt"),
        "IRB": MethodeFactory(naam="IRB in de wijk", korte_naam="IRB"),
        "TS": MethodeFactory(naam="T-shaped samenwerking", korte_naam="TS"),
    }


@pytest.fixture
def traject(world, methoden):
    """A trajectory of the world's werkplaats: HG and IRB chosen, TS only offered; organisation A takes part."""
    traject = services.traject_opslaan(
        traject=Traject(
            werkplaats=world.werkplaats,
            naam="Implementatietraject 2014-2015",
            startdatum=datetime.date(2014, 1, 1),
            einddatum=datetime.date(2015, 12, 31),
            doel="Professionals scholen\nBuddy's vinden",
        ),
        methoden_aangeboden=methoden.values(),
        methoden=[methoden["HG"], methoden["IRB"]],
    )
    services.deelname_opslaan(
        deelname=Deelname(traject=traject, organisatie=world.org_a, vanaf=datetime.date(2014, 1, 1)),
        methoden=[methoden["HG"]],
    )
    return traject


def traject_data(world, methoden, **velden):
    return {
        "werkplaats": world.werkplaats.pk,
        "naam": "Nieuw traject",
        "startdatum": "2016-01-01",
        "einddatum": "2016-12-31",
        "doel": "",
        "activiteiten": "",
        "methoden_aangeboden": [methoden["HG"].pk, methoden["IRB"].pk],
        "methoden": [methoden["HG"].pk],
        **velden,
    }


# Trajectories -----------------------------------------------------------------------------------


def test_coordinator_maakt_traject_met_methoden(client, world, methoden):
    client.force_login(world.coordinator)
    response = client.post(reverse("trajecten:traject_create"), traject_data(world, methoden))
    traject = Traject.objects.get(naam="Nieuw traject")
    assert response.status_code == 302 and response.url == traject.get_absolute_url()
    assert set(traject.methoden_aangeboden.all()) == {methoden["HG"], methoden["IRB"]}
    assert list(traject.methoden.all()) == [methoden["HG"]]


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"einddatum": "2015-12-31"}, "einddatum", "De einddatum ligt vóór de startdatum."),
        ({"startdatum": "31-02-2016"}, "startdatum", "Voer een geldige datum in."),
        ({"naam": ""}, "naam", "Dit veld is verplicht."),
        ({"naam": "Implementatietraject 2014-2015"}, "__all__", "bestaat al"),
        ({"methoden_aangeboden": []}, "methoden", "Een gekozen methode moet ook zijn aangeboden."),
    ],
)
def test_fout_traject_geeft_400_en_schrijft_niets(client, world, methoden, traject, velden, veld, melding):
    client.force_login(world.coordinator)
    response = client.post(reverse("trajecten:traject_create"), traject_data(world, methoden, **velden))
    assert response.status_code == 400
    assert melding in " ".join(response.context["form"].errors[veld])
    assert melding in response.content.decode()
    assert Traject.objects.count() == 1


def test_coordinator_kan_geen_traject_in_andere_werkplaats_maken(client, world, methoden):
    client.force_login(world.coordinator)
    data = traject_data(world, methoden, werkplaats=world.andere_werkplaats.pk)
    response = client.post(reverse("trajecten:traject_create"), data)
    assert response.status_code == 400 and "werkplaats" in response.context["form"].errors
    assert not Traject.objects.exists()


def test_coordinator_bewerkt_traject(client, world, methoden, traject):
    client.force_login(world.coordinator)
    data = {**traject_data(world, methoden, naam="Hernoemd"), "methoden": [methoden["HG"].pk, methoden["IRB"].pk]}
    response = client.post(reverse("trajecten:traject_update", kwargs={"pk": traject.pk}), data)
    assert response.status_code == 302
    traject.refresh_from_db()
    assert traject.naam == "Hernoemd" and traject.einddatum == datetime.date(2016, 12, 31)
    assert traject.methoden.count() == 2


def test_lectoraat_kan_traject_niet_bewerken(client, world, methoden, traject):
    client.force_login(world.lectoraat)
    url = reverse("trajecten:traject_update", kwargs={"pk": traject.pk})
    assert client.post(url, traject_data(world, methoden, naam="Gekaapt")).status_code == 403
    traject.refresh_from_db()
    assert traject.naam == "Implementatietraject 2014-2015"


def test_lijst_toont_leider_alleen_trajecten_van_eigen_organisatie(client, world, traject):
    TrajectFactory(werkplaats=world.werkplaats, naam="Traject zonder A")
    client.force_login(world.leider_a)
    content = client.get(reverse("trajecten:traject_list")).content.decode()
    assert "Implementatietraject 2014-2015" in content and "Traject zonder A" not in content
    client.force_login(world.coordinator)
    content = client.get(reverse("trajecten:traject_list"), {"naam": "zonder"}).content.decode()
    assert "Traject zonder A" in content and "Implementatietraject 2014-2015" not in content


def test_detailpagina_toont_alles_van_het_traject(client, world, methoden, traject):
    services.fase_opslaan(
        fase=Fase(
            traject=traject,
            nummer=1,
            naam="Kennis delen",
            startmaand=datetime.date(2014, 1, 1),
            eindmaand=datetime.date(2014, 6, 1),
        )
    )
    services.streefwaarde_opslaan(
        streefwaarde=Streefwaarde(traject=traject, indicator="professionals", methode=methoden["HG"], waarde=50)
    )
    services.streefwaarde_opslaan(
        streefwaarde=Streefwaarde(traject=traject, indicator="professionals", methode=methoden["IRB"], waarde=40)
    )
    services.streefwaarde_opslaan(
        streefwaarde=Streefwaarde(traject=traject, indicator="buddies_per_deelnemer", waarde=2, formulering="minimaal")
    )
    client.force_login(world.coordinator)
    response = client.get(traject.get_absolute_url())
    content = response.content.decode()
    assert "Professionals scholen" in content and "Kennis delen" in content
    assert "Organisatie A" in content and "later ingestapt" not in content
    regels = {(r.indicator, r.waarde, r.afgeleid) for r in response.context["streefwaarde_regels"]}
    assert ("professionals geschoold totaal", 90, True) in regels
    assert ("buddy's totaal", 180, True) in regels
    assert ("professionals en hun buddy's samen", 270, True) in regels
    assert "(afgeleid)" in content
    assert reverse("rapportage:dashboard", kwargs={"pk": traject.pk}) in content
    assert f"{reverse('scholing:persoon_list')}?traject={traject.pk}" in content


def test_leider_ziet_alleen_deelname_van_eigen_organisatie(client, world, traject):
    DeelnameFactory(traject=traject, organisatie=world.org_b)
    client.force_login(world.leider_a)
    content = client.get(traject.get_absolute_url()).content.decode()
    assert "Organisatie A" in content and "Organisatie B" not in content
    assert "Bewerken" not in content


def test_script_in_doel_wordt_als_tekst_getoond(client, world, traject):
    traject.doel = "<script>alert(1)</script>"
    traject.save()
    client.force_login(world.coordinator)
    content = client.get(traject.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


@pytest.mark.parametrize(
    ("rol", "rapporteert", "bewerkt"),
    [("leider_a", False, False), ("lectoraat", True, False), ("coordinator", True, True), ("beheerder", True, True)],
)
def test_trajectpagina_toont_scholing_en_rapportage_per_rol(
    client, world, methoden, traject, rol, rapporteert, bewerkt
):
    """Training and reporting add their parts through the panel registry, with their own permission rules."""
    ScholingsgroepFactory(traject=traject, methode=methoden["HG"], nummer=1, trainers="Trainer HG")
    client.force_login(getattr(world, rol))
    content = client.get(traject.get_absolute_url()).content.decode()
    pk = traject.pk
    assert reverse("rapportage:dashboard", kwargs={"pk": pk}) in content
    assert (reverse("rapportage:eindrapport_list", kwargs={"pk": pk}) in content) == rapporteert
    assert (reverse("rapportage:disseminatie_list", kwargs={"pk": pk}) in content) == rapporteert
    assert (reverse("scholing:groep_create", kwargs={"pk": pk}) in content) == bewerkt
    assert (reverse("scholing:bijeenkomst_create", kwargs={"pk": pk}) in content) == bewerkt
    assert f"{reverse('scholing:implementatieleider_list')}?traject={pk}" in content and "Trainer HG" in content
    # The buttons stay above the page, reporting first; the training section comes after the targets.
    assert content.index(reverse("rapportage:dashboard", kwargs={"pk": pk})) < content.index('id="doel-kop"')
    if bewerkt:
        bewerken = content.index(reverse("trajecten:traject_update", kwargs={"pk": pk}))
        assert content.index(reverse("rapportage:dashboard", kwargs={"pk": pk})) < bewerken
    assert content.index('id="streefwaarden-kop"') < content.index('id="scholing-kop"')


@pytest.mark.parametrize("rol", ["leider_a", "coordinator"])
@pytest.mark.parametrize("aantal", [1, 8])
def test_trajectpagina_querys_groeien_niet(
    client, world, methoden, traject, django_assert_max_num_queries, rol, aantal
):
    for n in range(aantal):
        groep = ScholingsgroepFactory(traject=traject, methode=methoden["HG"], nummer=n + 1)
        InschrijvingFactory(groep=groep, persoon=PersoonFactory(organisatie=world.org_a))
        services.fase_opslaan(
            fase=Fase(
                traject=traject,
                nummer=n + 1,
                naam=f"Fase {n}",
                startmaand=datetime.date(2014, 1, 1),
                eindmaand=datetime.date(2014, 2, 1),
            )
        )
    for indicator in ("professionals", "ambtenaren"):
        for methode in (methoden["HG"], methoden["IRB"]):
            services.streefwaarde_opslaan(
                streefwaarde=Streefwaarde(traject=traject, indicator=indicator, methode=methode, waarde=10)
            )
    client.force_login(getattr(world, rol))
    with django_assert_max_num_queries(11):
        response = client.get(traject.get_absolute_url())
    (scholing,) = response.context["panels"]
    assert len(response.context["traject"].fasen.all()) == len(scholing["groepen"]) == aantal


def test_toegangsmixins_staan_in_access_en_blijven_via_views_bereikbaar():
    from trajecten import access, views

    assert views.OnderTrajectMixin is access.OnderTrajectMixin
    assert views.TrajectOnderdeelMixin is access.TrajectOnderdeelMixin


# Phases -----------------------------------------------------------------------------------------


def fase_data():
    return {"nummer": 1, "naam": "Kennis delen", "theorie": "adoptie", "startmaand": "2014-01", "eindmaand": "2014-06"}


def test_coordinator_voegt_fase_toe_met_maanden(client, world, traject):
    client.force_login(world.coordinator)
    response = client.post(reverse("trajecten:fase_create", kwargs={"pk": traject.pk}), fase_data())
    assert response.status_code == 302
    fase = traject.fasen.get()
    assert (fase.startmaand, fase.eindmaand) == (datetime.date(2014, 1, 1), datetime.date(2014, 6, 1))


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"eindmaand": "2013-12"}, "eindmaand", "De eindmaand ligt vóór de startmaand."),
        ({"nummer": 1}, "nummer", "Dit traject heeft al een fase met dit nummer."),
        ({"nummer": 0}, "nummer", "minstens 1"),
        ({"theorie": "chaos"}, "theorie", "Selecteer een geldige keuze"),
    ],
)
def test_foute_fase_geeft_400(client, world, traject, velden, veld, melding):
    services.fase_opslaan(
        fase=Fase(
            traject=traject,
            nummer=1,
            naam="Eerste",
            startmaand=datetime.date(2014, 1, 1),
            eindmaand=datetime.date(2014, 1, 1),
        )
    )
    client.force_login(world.coordinator)
    response = client.post(reverse("trajecten:fase_create", kwargs={"pk": traject.pk}), {**fase_data(), **velden})
    assert response.status_code == 400
    assert melding in " ".join(response.context["form"].errors[veld])
    assert traject.fasen.count() == 1


def test_coordinator_bewerkt_fase(client, world, traject):
    fase = services.fase_opslaan(
        fase=Fase(
            traject=traject,
            nummer=1,
            naam="Eerste",
            startmaand=datetime.date(2014, 1, 1),
            eindmaand=datetime.date(2014, 1, 1),
        )
    )
    client.force_login(world.coordinator)
    response = client.post(reverse("trajecten:fase_update", kwargs={"pk": fase.pk}), {**fase_data(), "naam": "Start"})
    assert response.status_code == 302
    fase.refresh_from_db()
    assert fase.naam == "Start" and fase.eindmaand == datetime.date(2014, 6, 1)


# Participation ------------------------------------------------------------------------------------


def deelname_data(world, methoden, **velden):
    return {"organisatie": world.org_b.pk, "methoden": [methoden["IRB"].pk], "vanaf": "2014-09-01", **velden}


def test_coordinator_laat_organisatie_deelnemen(client, world, methoden, traject):
    client.force_login(world.coordinator)
    data = deelname_data(world, methoden, later_ingestapt="on")
    response = client.post(reverse("trajecten:deelname_create", kwargs={"pk": traject.pk}), data)
    assert response.status_code == 302
    deelname = Deelname.objects.get(organisatie=world.org_b)
    assert deelname.later_ingestapt and list(deelname.methoden.all()) == [methoden["IRB"]]
    assert "later ingestapt" in client.get(traject.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"methoden": "TS"}, "methoden", "Selecteer een geldige keuze"),  # offered, not chosen
        ({"organisatie": "elders"}, "organisatie", "Selecteer een geldige keuze"),
        ({"gestopt_op": "2014-08-01", "reden_stoppen": "Bezuiniging"}, "gestopt_op", "vóór de startdatum"),
        ({"gestopt_op": "2015-01-01"}, "reden_stoppen", "Geef de reden van stoppen."),
        ({"bewijs_url": "geen url"}, "bewijs_url", "Voer een geldige URL in."),
    ],
)
def test_foute_deelname_geeft_400(client, world, methoden, traject, velden, veld, melding):
    if velden.get("methoden") == "TS":
        velden["methoden"] = [methoden["TS"].pk]
    if velden.get("organisatie") == "elders":
        velden["organisatie"] = world.org_elders.pk
    client.force_login(world.coordinator)
    data = {**deelname_data(world, methoden), **velden}
    response = client.post(reverse("trajecten:deelname_create", kwargs={"pk": traject.pk}), data)
    assert response.status_code == 400
    assert melding in " ".join(response.context["form"].errors[veld])
    assert Deelname.objects.count() == 1


def test_methodekeuze_van_deelname_is_beperkt_tot_gekozen_methoden(client, world, methoden, traject):
    client.force_login(world.coordinator)
    form = client.get(reverse("trajecten:deelname_create", kwargs={"pk": traject.pk})).context["form"]
    assert set(form.fields["methoden"].queryset) == {methoden["HG"], methoden["IRB"]}
    assert set(form.fields["organisatie"].queryset) == {world.org_b}  # A takes part already


def test_coordinator_legt_borging_vast(client, world, methoden, traject):
    deelname = Deelname.objects.get(organisatie=world.org_a)
    client.force_login(world.coordinator)
    data = {"methoden": [methoden["HG"].pk], "vanaf": "2014-01-01", "borging": "voortvarend"}
    response = client.post(reverse("trajecten:deelname_update", kwargs={"pk": deelname.pk}), data)
    assert response.status_code == 302
    deelname.refresh_from_db()
    assert deelname.borging == "voortvarend" and deelname.organisatie == world.org_a


# Targets ------------------------------------------------------------------------------------------


def test_coordinator_legt_streefwaarde_vast(client, world, methoden, traject):
    client.force_login(world.coordinator)
    data = {"indicator": "professionals", "methode": methoden["HG"].pk, "waarde": 50, "formulering": "minimaal"}
    response = client.post(reverse("trajecten:streefwaarde_create", kwargs={"pk": traject.pk}), data)
    assert response.status_code == 302
    assert str(traject.streefwaarden.get()) == "professionals geschoold (HG): minimaal 50"


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"methode": ""}, "indicator", "al een streefwaarde"),
        ({"waarde": -5}, "waarde", "minstens 0"),
        ({"waarde": "veel"}, "waarde", "Voer een geheel getal in."),
        ({"methode": "TS"}, "methode", "Selecteer een geldige keuze"),
    ],
)
def test_foute_streefwaarde_geeft_400(client, world, methoden, traject, velden, veld, melding):
    services.streefwaarde_opslaan(streefwaarde=Streefwaarde(traject=traject, indicator="professionals", waarde=90))
    if velden.get("methode") == "TS":
        velden["methode"] = methoden["TS"].pk
    client.force_login(world.coordinator)
    data = {"indicator": "professionals", "methode": methoden["HG"].pk, "waarde": 50, "formulering": "", **velden}
    response = client.post(reverse("trajecten:streefwaarde_create", kwargs={"pk": traject.pk}), data)
    assert response.status_code == 400
    assert melding in " ".join(response.context["form"].errors[veld])
    assert traject.streefwaarden.count() == 1


def test_coordinator_bewerkt_streefwaarde(client, world, traject):
    streefwaarde = services.streefwaarde_opslaan(
        streefwaarde=Streefwaarde(traject=traject, indicator="professionals", waarde=90)
    )
    client.force_login(world.coordinator)
    url = reverse("trajecten:streefwaarde_update", kwargs={"pk": streefwaarde.pk})
    response = client.post(url, {"indicator": "professionals", "methode": "", "waarde": 95, "formulering": ""})
    assert response.status_code == 302
    streefwaarde.refresh_from_db()
    assert streefwaarde.waarde == 95


# Methods ------------------------------------------------------------------------------------------


def methode_data(**velden):
    data = {
        "naam": "Krachtgericht werken",
        "korte_naam": "KW",
        "omschrijving": "",
        "kenmerken": "Eerst\nDan",
        "databank_url": "",
        "aliassen-TOTAL_FORMS": "2",
        "aliassen-INITIAL_FORMS": "0",
        "aliassen-MIN_NUM_FORMS": "0",
        "aliassen-MAX_NUM_FORMS": "1000",
        "aliassen-0-naam": "Krachtgericht",
        "aliassen-0-context": "eindrapport",
        "aliassen-1-naam": "",
        "aliassen-1-context": "",
    }
    return {**data, **velden}


def test_beheerder_maakt_methode_met_alias(client, world):
    client.force_login(world.beheerder)
    response = client.post(reverse("trajecten:methode_create"), methode_data())
    methode = Methode.objects.get(korte_naam="KW")
    assert response.status_code == 302 and response.url == methode.get_absolute_url()
    assert methode.alias("eindrapport") == "Krachtgericht"
    content = client.get(methode.get_absolute_url()).content.decode()
    assert "<ol><li>Eerst</li><li>Dan</li></ol>" in content


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        ({"aliassen-0-context": ""}, "Dit veld is verplicht."),
        ({"aliassen-1-naam": "Ander", "aliassen-1-context": "eindrapport"}, "Corrigeer de dubbele gegevens"),
        ({"naam": ""}, "Dit veld is verplicht."),
        ({"databank_url": "javascript:alert(1)"}, "Voer een geldige URL in."),
    ],
)
def test_foute_methode_of_alias_schrijft_niets(client, world, velden, melding):
    client.force_login(world.beheerder)
    response = client.post(reverse("trajecten:methode_create"), methode_data(**velden))
    assert response.status_code == 400
    assert melding in response.content.decode()
    assert not Methode.objects.exists() and not MethodeAlias.objects.exists()


def test_beheerder_bewerkt_methode_en_voegt_alias_toe(client, world, methoden):
    methode = methoden["HG"]
    client.force_login(world.beheerder)
    data = methode_data(naam="Het Gesprek", korte_naam="HG")
    response = client.post(reverse("trajecten:methode_update", kwargs={"pk": methode.pk}), data)
    assert response.status_code == 302
    assert methode.aliassen.get().naam == "Krachtgericht"


def test_leider_leest_methoden_maar_bewerkt_ze_niet(client, world, methoden):
    client.force_login(world.leider_a)
    content = client.get(reverse("trajecten:methode_list")).content.decode()
    assert "Het Gesprek" in content and "Methode toevoegen" not in content
    response = client.get(methoden["HG"].get_absolute_url())
    assert "<ol><li>Samen</li><li>In gesprek</li><li>Met de cliënt</li></ol>" in response.content.decode()
    data = methode_data(naam="Gekaapt")
    assert client.post(reverse("trajecten:methode_update", kwargs={"pk": methoden["HG"].pk}), data).status_code == 403
    assert not Methode.objects.filter(naam="Gekaapt").exists()


@pytest.mark.parametrize("aantal", [2, 20])
def test_trajectenlijst_querys_groeien_niet(client, world, methoden, django_assert_max_num_queries, aantal):
    for _n in range(aantal):
        traject = TrajectFactory(werkplaats=world.werkplaats, methoden=list(methoden.values()))
        DeelnameFactory(traject=traject, organisatie=world.org_a)
    client.force_login(world.leider_a)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("trajecten:traject_list"))
    assert response.context["table"].page.paginator.count == aantal


def test_deelname_met_datum_buiten_het_traject_wordt_geweigerd(client, world, traject):
    """Issue 15 item 5: a participation's dates lie inside the trajectory's period (the default is its start)."""
    client.force_login(world.coordinator)
    url = reverse("trajecten:deelname_create", kwargs={"pk": traject.pk})
    assert client.get(url).context["form"]["vanaf"].value() == traject.startdatum
    data = {"organisatie": world.org_b.pk, "methoden": [traject.methoden.first().pk], "vanaf": "2016-03-01"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "valt buiten het traject" in " ".join(response.context["form"].errors["vanaf"])
    assert not Deelname.objects.filter(organisatie=world.org_b).exists()
