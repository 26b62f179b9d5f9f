"""The dissemination register and the curriculum placements of a trajectory."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from rapportage import services
from rapportage.models import Disseminatie, Onderwijsmodule, Plaatsing, Programmaonderdeel
from tests.factories import MethodeFactory, coordinator_van
from trajecten import services as traject_services
from trajecten.models import Deelname, Traject

pytestmark = pytest.mark.django_db
SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def traject(world):
    methode = MethodeFactory(naam="Het Gesprek", korte_naam="HG")
    traject = traject_services.traject_opslaan(
        traject=Traject(
            werkplaats=world.werkplaats,
            naam="Traject 2014-2015",
            startdatum=datetime.date(2014, 1, 1),
            einddatum=datetime.date(2015, 12, 31),
        ),
        methoden_aangeboden=[methode],
        methoden=[methode],
    )
    traject_services.deelname_opslaan(
        deelname=Deelname(traject=traject, organisatie=world.org_a, vanaf=datetime.date(2014, 1, 1)),
        methoden=[methode],
    )
    return traject


@pytest.fixture
def conferentie(traject):
    return services.disseminatie_opslaan(
        disseminatie=Disseminatie(
            traject=traject,
            soort=Disseminatie.Soort.CONFERENTIE,
            titel="Afsluitende conferentie",
            datum=datetime.date(2015, 12, 3),
            bijlage="2",
        )
    )


@pytest.fixture
def module(traject):
    return services.onderwijsmodule_opslaan(
        onderwijsmodule=Onderwijsmodule(traject=traject, naam="Het Gesprek", methode=traject.methoden.first())
    )


def _publicatie(traject, titel="Het gesprek. Train-de-trainer", **velden):
    return services.disseminatie_opslaan(
        disseminatie=Disseminatie(traject=traject, soort="publicatie", titel=titel, **velden)
    )


def _veld_fout(response, veld):
    return response.context["form"].errors.get(veld)


# Dissemination items ----------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ["coordinator", "lectoraat"])
def test_coordinator_en_lectoraat_voegen_een_item_toe(client, world, traject, rol):
    client.force_login(getattr(world, rol))
    methode = traject.methoden.first()
    response = client.post(
        reverse("rapportage:disseminatie_create", kwargs={"pk": traject.pk}),
        {
            "soort": "hoofdstuk",
            "titel": "Wmo-werkplaats Noord: implementatie van drie methoden",
            "auteurs": "Korevaar, L. & Wester, F.",
            "jaar": "2016",
            "status": "verschijnt",
            "bijlage": "1",
            "methoden": [methode.pk],
            "url": "www.movisie.nl",
            "actief": "on",
        },
    )
    assert response.status_code == 302
    item = Disseminatie.objects.get(traject=traject)
    assert item.auteurs == "Korevaar, L. & Wester, F."
    assert item.url == "https://www.movisie.nl"
    assert list(item.methoden.all()) == [methode]
    assert item.history.exists()


def test_presentatie_zonder_datum_of_jaar_wordt_geweigerd(client, world, traject):
    client.force_login(world.lectoraat)
    url = reverse("rapportage:disseminatie_create", kwargs={"pk": traject.pk})
    response = client.post(url, {"soort": "presentatie", "titel": "Het gesprek", "status": "verschenen"})
    assert response.status_code == 400
    assert "datum of ten minste een jaar" in str(_veld_fout(response, "datum"))
    assert not Disseminatie.objects.exists()


def test_presentatie_met_alleen_een_jaar_mag_en_de_datum_geeft_het_jaar(client, world, traject):
    client.force_login(world.lectoraat)
    url = reverse("rapportage:disseminatie_create", kwargs={"pk": traject.pk})
    assert (
        client.post(url, {"soort": "presentatie", "titel": "A", "jaar": "2015", "status": "verschenen"}).status_code
        == 302
    )
    assert (
        client.post(
            url, {"soort": "presentatie", "titel": "B", "datum": "2014-10-30", "status": "verschenen"}
        ).status_code
        == 302
    )
    assert Disseminatie.objects.get(titel="B").jaar == 2014


@pytest.mark.parametrize(
    ("velden", "veld", "tekst"),
    [
        ({"jaar": "1980"}, "jaar", "tussen 1990 en 2100"),
        ({"jaar": "2014", "datum": "2015-01-20"}, "jaar", "past niet bij de datum"),
        ({"titel": ""}, "titel", "verplicht"),
        ({"soort": "onbekend"}, "soort", "geldige keuze"),
    ],
)
def test_ongeldig_item_geeft_400_en_schrijft_niets(client, world, traject, velden, veld, tekst):
    client.force_login(world.coordinator)
    data = {"soort": "publicatie", "titel": "Het gesprek", "status": "verschenen", **velden}
    response = client.post(reverse("rapportage:disseminatie_create", kwargs={"pk": traject.pk}), data)
    assert response.status_code == 400
    assert tekst in str(_veld_fout(response, veld))
    assert not Disseminatie.objects.exists()


def test_item_bewerken_en_archiveren(client, world, traject):
    item = _publicatie(traject, jaar=2014)
    client.force_login(world.coordinator)
    url = reverse("rapportage:disseminatie_update", kwargs={"pk": item.pk})
    response = client.post(
        url, {"soort": "publicatie", "titel": "Nieuwe titel", "jaar": "2014", "status": "verschenen"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.titel == "Nieuwe titel"
    assert not item.actief  # the checkbox was left out: archived, not deleted
    url = reverse("rapportage:disseminatie_list", kwargs={"pk": traject.pk})
    assert list(client.get(url).context["table"].data) == []
    assert list(client.get(url, {"archief": "on"}).context["table"].data) == [item]


def test_ongeldige_bewerking_geeft_400_en_laat_het_item_staan(client, world, traject):
    item = _publicatie(traject, jaar=2014)
    client.force_login(world.coordinator)
    url = reverse("rapportage:disseminatie_update", kwargs={"pk": item.pk})
    response = client.post(url, {"soort": "presentatie", "titel": "Nieuw", "status": "verschenen", "actief": "on"})
    assert response.status_code == 400
    assert _veld_fout(response, "datum")
    item.refresh_from_db()
    assert (item.soort, item.titel, item.jaar) == ("publicatie", "Het gesprek. Train-de-trainer", 2014)


def test_script_in_tekst_wordt_ontsnapt(client, world, traject, conferentie):
    _publicatie(traject, titel=SCRIPT, auteurs=SCRIPT, jaar=2014)
    services.programmaonderdeel_opslaan(
        programmaonderdeel=Programmaonderdeel(
            disseminatie=conferentie, soort="workshop", nummer=1, titel=SCRIPT, sprekers=SCRIPT
        )
    )
    module = services.onderwijsmodule_opslaan(onderwijsmodule=Onderwijsmodule(traject=traject, naam=SCRIPT))
    services.plaatsing_opslaan(plaatsing=Plaatsing(module=module, opleiding=SCRIPT, vorm="vak"))
    client.force_login(world.coordinator)
    for url in [
        reverse("rapportage:disseminatie_list", kwargs={"pk": traject.pk}),
        reverse("rapportage:conferentie_detail", kwargs={"pk": conferentie.pk}),
        reverse("rapportage:onderwijsmodule_list", kwargs={"pk": traject.pk}),
    ]:
        html = client.get(url).content.decode()
        assert SCRIPT not in html, url
        assert "&lt;script&gt;" in html, url


def test_filter_op_soort_bijlage_en_jaar(client, world, traject, conferentie):
    _publicatie(traject, titel="Publicatie 2014", jaar=2014, bijlage="1")
    _publicatie(traject, titel="Publicatie 2016", jaar=2016, bijlage="1")
    client.force_login(world.leider_a)
    url = reverse("rapportage:disseminatie_list", kwargs={"pk": traject.pk})

    def titels(**params):
        return [item.titel for item in client.get(url, params).context["table"].data]

    assert titels(soort="conferentie") == ["Afsluitende conferentie"]
    assert sorted(titels(bijlage="1")) == ["Publicatie 2014", "Publicatie 2016"]
    assert sorted(titels(jaar="2015")) == ["Afsluitende conferentie"]
    assert titels(jaar="2014", bijlage="1") == ["Publicatie 2014"]


def test_export_csv_en_xlsx(client, world, traject, conferentie):
    _publicatie(traject, auteurs="Korevaar, L. & Wester, F.", jaar=2016, bijlage="1")
    client.force_login(world.coordinator)
    url = reverse("rapportage:disseminatie_list", kwargs={"pk": traject.pk})

    csv = client.get(url, {"_export": "csv"})
    assert csv.status_code == 200
    assert csv["Content-Type"].startswith("text/csv")
    tekst = csv.content.decode()
    assert "Korevaar, L. & Wester, F." in tekst
    assert "3-12-2015" in tekst
    assert "Bewerken" not in tekst and "<a" not in tekst

    xlsx = client.get(url, {"_export": "xlsx"})
    assert xlsx.status_code == 200
    blad = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    rijen = list(blad.iter_rows(values_only=True))
    assert "Titel" in rijen[0]
    assert {rij[rijen[0].index("Titel")] for rij in rijen[1:]} == {
        "Afsluitende conferentie",
        "Het gesprek. Train-de-trainer",
    }


def test_onderwijsmodules_exporteren_met_plaatsingen(client, world, module):
    services.plaatsing_opslaan(
        plaatsing=Plaatsing(module=module, opleiding="SPH", jaar=2, vorm="hoorcollege", status="deels")
    )
    client.force_login(world.lectoraat)
    url = reverse("rapportage:onderwijsmodule_list", kwargs={"pk": module.traject_id})
    blad = openpyxl.load_workbook(io.BytesIO(client.get(url, {"_export": "xlsx"}).content)).active
    rijen = list(blad.iter_rows(values_only=True))
    assert rijen[1][rijen[0].index("Plaatsingen")] == "SPH, jaar 2, hoorcollege (deels ingevoerd)"


# Rights --------------------------------------------------------------------------------------------------


def test_leider_leest_maar_bewerkt_niet(client, world, traject, conferentie, module):
    plaatsing = services.plaatsing_opslaan(plaatsing=Plaatsing(module=module, opleiding="SPH", vorm="vak"))
    onderdeel = services.programmaonderdeel_opslaan(
        programmaonderdeel=Programmaonderdeel(disseminatie=conferentie, soort="workshop", nummer=1, titel="HG")
    )
    client.force_login(world.leider_a)
    lijst = client.get(reverse("rapportage:disseminatie_list", kwargs={"pk": traject.pk}))
    assert lijst.status_code == 200
    assert "Bewerken" not in lijst.content.decode()
    assert "Item toevoegen" not in lijst.content.decode()
    assert client.get(reverse("rapportage:conferentie_detail", kwargs={"pk": conferentie.pk})).status_code == 200
    assert client.get(reverse("rapportage:onderwijsmodule_list", kwargs={"pk": traject.pk})).status_code == 200
    for naam, pk in [
        ("disseminatie_create", traject.pk),
        ("disseminatie_update", conferentie.pk),
        ("programmaonderdeel_create", conferentie.pk),
        ("programmaonderdeel_update", onderdeel.pk),
        ("onderwijsmodule_create", traject.pk),
        ("onderwijsmodule_update", module.pk),
        ("plaatsing_create", module.pk),
        ("plaatsing_update", plaatsing.pk),
    ]:
        url = reverse(f"rapportage:{naam}", kwargs={"pk": pk})
        assert client.get(url).status_code == 403, naam
        assert client.post(url, {"soort": "publicatie", "titel": "X", "naam": "X", "opleiding": "X"}).status_code == 403
    assert Disseminatie.objects.count() == 1
    assert Onderwijsmodule.objects.count() == 1


def test_andere_werkplaats_ziet_het_register_niet(client, world, traject, conferentie, module):
    client.force_login(coordinator_van(world.andere_werkplaats, username="coordinator_elders"))
    for naam, pk in [
        ("disseminatie_list", traject.pk),
        ("disseminatie_create", traject.pk),
        ("disseminatie_update", conferentie.pk),
        ("conferentie_detail", conferentie.pk),
        ("onderwijsmodule_list", traject.pk),
        ("plaatsing_create", module.pk),
    ]:
        assert client.get(reverse(f"rapportage:{naam}", kwargs={"pk": pk})).status_code == 404, naam
    index = client.get(reverse("rapportage:register_index"))
    assert traject.naam not in index.content.decode()


def test_leider_van_een_organisatie_buiten_het_traject_krijgt_404(client, world, traject):
    client.force_login(world.leider_b)
    assert client.get(reverse("rapportage:disseminatie_list", kwargs={"pk": traject.pk})).status_code == 404


# Conference programme ---------------------------------------------------------------------------------


def test_programmaonderdeel_toevoegen_en_bewerken(client, world, conferentie):
    client.force_login(world.lectoraat)
    url = reverse("rapportage:programmaonderdeel_create", kwargs={"pk": conferentie.pk})
    assert client.get(url).context["form"].initial["nummer"] == 1
    response = client.post(
        url,
        {
            "soort": "workshop",
            "nummer": "3",
            "titel": "Het Gesprek",
            "sprekers": "Suzanne Kuik, onderzoeker Wmo-werkplaats Noord",
            "actief": "on",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("rapportage:conferentie_detail", kwargs={"pk": conferentie.pk})
    onderdeel = conferentie.programma.get()
    response = client.post(
        reverse("rapportage:programmaonderdeel_update", kwargs={"pk": onderdeel.pk}),
        {"soort": "workshop", "nummer": "3", "titel": "Het Gesprek (2)", "sprekers": "Suzanne Kuik", "actief": "on"},
    )
    assert response.status_code == 302
    onderdeel.refresh_from_db()
    assert onderdeel.titel == "Het Gesprek (2)"
    pagina = client.get(reverse("rapportage:conferentie_detail", kwargs={"pk": conferentie.pk})).content.decode()
    assert "3. Het Gesprek (2)" in pagina


@pytest.mark.parametrize(
    ("data", "veld", "tekst"),
    [
        ({"soort": "workshop", "nummer": "1", "titel": ""}, "titel", "titel van de lezing of workshop"),
        ({"soort": "dagvoorzitter", "nummer": "1", "sprekers": ""}, "sprekers", "dagvoorzitter"),
        ({"soort": "workshop", "nummer": "0", "titel": "X"}, "nummer", "ten minste 1"),
        ({"soort": "workshop", "nummer": "1", "titel": "Dubbel"}, "nummer", "al een onderdeel"),
    ],
)
def test_ongeldig_programmaonderdeel_geeft_400(client, world, conferentie, data, veld, tekst):
    services.programmaonderdeel_opslaan(
        programmaonderdeel=Programmaonderdeel(disseminatie=conferentie, soort="workshop", nummer=1, titel="Bestaand")
    )
    client.force_login(world.coordinator)
    response = client.post(reverse("rapportage:programmaonderdeel_create", kwargs={"pk": conferentie.pk}), data)
    assert response.status_code == 400
    assert tekst in str(_veld_fout(response, veld))
    assert conferentie.programma.count() == 1


def test_ongeldige_bewerking_van_programmaonderdeel_geeft_400(client, world, conferentie):
    onderdeel = services.programmaonderdeel_opslaan(
        programmaonderdeel=Programmaonderdeel(disseminatie=conferentie, soort="workshop", nummer=1, titel="HG")
    )
    client.force_login(world.coordinator)
    url = reverse("rapportage:programmaonderdeel_update", kwargs={"pk": onderdeel.pk})
    response = client.post(url, {"soort": "plenair", "nummer": "1", "titel": "", "actief": "on"})
    assert response.status_code == 400
    onderdeel.refresh_from_db()
    assert (onderdeel.soort, onderdeel.titel) == ("workshop", "HG")


def test_alleen_een_conferentie_heeft_een_programma(client, world, traject):
    item = _publicatie(traject, jaar=2014)
    client.force_login(world.coordinator)
    assert client.get(reverse("rapportage:conferentie_detail", kwargs={"pk": item.pk})).status_code == 404
    assert client.get(reverse("rapportage:programmaonderdeel_create", kwargs={"pk": item.pk})).status_code == 404


# Curriculum modules and placements ------------------------------------------------------------------------


def test_module_en_plaatsing_toevoegen_en_bewerken(client, world, traject):
    client.force_login(world.lectoraat)
    response = client.post(
        reverse("rapportage:onderwijsmodule_create", kwargs={"pk": traject.pk}),
        {"naam": "Het Gesprek", "methode": traject.methoden.first().pk, "doelgroep": "initieel", "actief": "on"},
    )
    assert response.status_code == 302
    module = Onderwijsmodule.objects.get()
    response = client.post(
        reverse("rapportage:plaatsing_create", kwargs={"pk": module.pk}),
        {
            "opleiding": "Integraal Sociaal Werk",
            "jaar": "2",
            "vorm": "profiel",
            "startjaar": "2017",
            "status": "gepland",
        },
    )
    assert response.status_code == 302
    plaatsing = module.plaatsingen.get()
    assert (plaatsing.jaar, plaatsing.startjaar, plaatsing.status) == (2, 2017, "gepland")
    response = client.post(
        reverse("rapportage:plaatsing_update", kwargs={"pk": plaatsing.pk}),
        {"opleiding": "ISW", "jaar": "2", "vorm": "profiel", "startjaar": "2017", "status": "deels", "actief": "on"},
    )
    assert response.status_code == 302
    plaatsing.refresh_from_db()
    assert (plaatsing.opleiding, plaatsing.status) == ("ISW", "deels")
    response = client.post(
        reverse("rapportage:onderwijsmodule_update", kwargs={"pk": module.pk}),
        {"naam": "Het Gesprek in 2015", "doelgroep": "professionals", "actief": "on"},
    )
    assert response.status_code == 302
    module.refresh_from_db()
    assert (module.naam, module.methode) == ("Het Gesprek in 2015", None)
    lijst = client.get(reverse("rapportage:onderwijsmodule_list", kwargs={"pk": traject.pk})).content.decode()
    assert "ISW, jaar 2, profiel, start 2017" in lijst


@pytest.mark.parametrize(
    ("data", "veld", "tekst"),
    [
        ({"jaar": "5"}, "jaar", "tussen 1 en 4"),
        ({"jaar": "0"}, "jaar", "tussen 1 en 4"),
        ({"startjaar": "1989"}, "startjaar", "tussen 1990 en 2100"),
        ({"opleiding": ""}, "opleiding", "verplicht"),
        ({"vorm": "cursus"}, "vorm", "geldige keuze"),
    ],
)
def test_ongeldige_plaatsing_geeft_400(client, world, module, data, veld, tekst):
    client.force_login(world.coordinator)
    geldig = {"opleiding": "SPH", "jaar": "1", "vorm": "hoorcollege", "status": "ingevoerd"}
    response = client.post(reverse("rapportage:plaatsing_create", kwargs={"pk": module.pk}), {**geldig, **data})
    assert response.status_code == 400
    assert tekst in str(_veld_fout(response, veld))
    assert not Plaatsing.objects.exists()


def test_ongeldige_bewerking_van_plaatsing_geeft_400(client, world, module):
    plaatsing = services.plaatsing_opslaan(plaatsing=Plaatsing(module=module, opleiding="SPH", jaar=1, vorm="vak"))
    client.force_login(world.coordinator)
    url = reverse("rapportage:plaatsing_update", kwargs={"pk": plaatsing.pk})
    response = client.post(url, {"opleiding": "SPH", "jaar": "5", "vorm": "vak", "status": "ingevoerd"})
    assert response.status_code == 400
    plaatsing.refresh_from_db()
    assert plaatsing.jaar == 1 and plaatsing.actief


@pytest.mark.parametrize(("data", "veld"), [({"naam": "Het Gesprek"}, "naam"), ({"naam": ""}, "naam")])
def test_ongeldige_module_geeft_400(client, world, module, data, veld):
    client.force_login(world.coordinator)
    response = client.post(
        reverse("rapportage:onderwijsmodule_create", kwargs={"pk": module.traject_id}),
        {"doelgroep": "initieel", **data},
    )
    assert response.status_code == 400
    assert _veld_fout(response, veld)
    assert Onderwijsmodule.objects.count() == 1
    response = client.post(
        reverse("rapportage:onderwijsmodule_update", kwargs={"pk": module.pk}), {"naam": "", "doelgroep": "initieel"}
    )
    assert response.status_code == 400
    module.refresh_from_db()
    assert module.naam == "Het Gesprek"


# Query counts ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("aantal", [2, 20])
def test_disseminatietabel_telt_niet_mee_met_rijen(client, world, traject, django_assert_max_num_queries, aantal):
    methode = traject.methoden.first()
    for i in range(aantal):
        item = _publicatie(traject, titel=f"Publicatie {i}", jaar=2014, bijlage="1")
        item.methoden.set([methode])
    client.force_login(world.lectoraat)
    url = reverse("rapportage:disseminatie_list", kwargs={"pk": traject.pk})
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("aantal", [2, 20])
def test_moduletabel_telt_niet_mee_met_rijen(client, world, traject, django_assert_max_num_queries, aantal):
    for i in range(aantal):
        module = services.onderwijsmodule_opslaan(
            onderwijsmodule=Onderwijsmodule(traject=traject, naam=f"Module {i}", methode=traject.methoden.first())
        )
        for jaar in (1, 2):
            services.plaatsing_opslaan(plaatsing=Plaatsing(module=module, opleiding="SPH", jaar=jaar, vorm="vak"))
    client.force_login(world.coordinator)
    url = reverse("rapportage:onderwijsmodule_list", kwargs={"pk": traject.pk})
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


# Demo -----------------------------------------------------------------------------------------------------------


def test_demo_bevat_de_afsluitende_conferentie_en_de_plaatsingen(demo):
    conferentie = Disseminatie.objects.get(soort="conferentie", datum=datetime.date(2015, 12, 3))
    workshops = conferentie.programma.filter(soort="workshop")
    assert list(workshops.values_list("nummer", flat=True)) == list(range(1, 9))
    assert workshops.get(nummer=8).sprekers.startswith("Lies Korevaar, lector Rehabilitatie, Clara de Graaff")
    assert conferentie.programma.get(soort="dagvoorzitter").sprekers == "Michele Garnier, dean Sociale Studies"
    assert conferentie.programma.filter(soort="plenair").count() == 4
    assert Disseminatie.objects.get(soort="wmo_atelier").datum == datetime.date(2015, 1, 20)
    hoofdstuk = Disseminatie.objects.get(soort="hoofdstuk", uitgever="Movisie", jaar=2016)
    assert hoofdstuk.auteurs == "Lies Korevaar & Ferry Wester"
    assert Disseminatie.objects.filter(soort="hoofdstuk").count() == 4
    assert Disseminatie.objects.filter(soort="scholingsmodule").count() == 3
    assert Disseminatie.objects.get(soort="magazine").url == "http://www.timpaanwelzijn.nl/magazine"
    assert Disseminatie.objects.filter(bijlage="2", soort="presentatie", rubriek="Lies Korevaar").count() == 9
    edz = Plaatsing.objects.filter(opleiding__contains="EdZ")
    assert edz.count() == 3
    assert Plaatsing.objects.get(startjaar=2017).toelichting.endswith("Integraal Sociaal Werk van het nieuwe jaar 2")
    assert Plaatsing.objects.filter(opleiding="Toegepaste Psychologie", jaar=2).exists()
    assert Plaatsing.objects.filter(module__naam="Rehabilitatie in de wijk").count() == 12


def test_demo_twee_keer_laden_verandert_niets(demo):
    aantallen = (Disseminatie.objects.count(), Programmaonderdeel.objects.count(), Plaatsing.objects.count())
    call_command("load_demo", "--ook-zonder-debug")
    assert (Disseminatie.objects.count(), Programmaonderdeel.objects.count(), Plaatsing.objects.count()) == aantallen
