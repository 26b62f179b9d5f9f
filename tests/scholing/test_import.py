"""The participant import: read, check every row, preview, confirm; all or nothing."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scholing import importer
from scholing.models import Importvoorbeeld, Inschrijving, Persoon, Scholingsgroep
from scholing.services import deelnemer_afmelden, deelnemer_inschrijven, groep_opslaan, persoon_opslaan
from tests.factories import OrganisatieFactory, WerkplaatsFactory
from trajecten.models import Deelname, Methode, Traject
from trajecten.services import deelname_opslaan, traject_opslaan

pytestmark = pytest.mark.django_db

KOP = "naam;organisatie;functie;soort;methode;groep;startdatum"
GOED = [
    "Anna de Vries;Organisatie A;Wijkwerker;;HG;1;2014-03-01",
    "Bram Bakker;organisatie b;;ambtenaar;Het Gesprek;1;01-03-2014",
    "Carla Smit;Organisatie A;Coach;professional;IRB;2;2014-04-15",
]


@pytest.fixture
def methoden(db):
    return {
        "HG": Methode.objects.create(naam="Het Gesprek", korte_naam="HG"),
        "IRB": Methode.objects.create(naam="Individuele Rehabilitatiebenadering", korte_naam="IRB"),
    }


def maak_traject(werkplaats, methoden, naam="Traject Test"):
    traject = traject_opslaan(
        traject=Traject(
            werkplaats=werkplaats,
            naam=naam,
            startdatum=datetime.date(2014, 1, 1),
            einddatum=datetime.date(2015, 12, 31),
        ),
        methoden_aangeboden=methoden.values(),
        methoden=methoden.values(),
    )
    for methode in methoden.values():
        for nummer in (1, 2):
            groep_opslaan(groep=Scholingsgroep(traject=traject, methode=methode, nummer=nummer))
    return traject


@pytest.fixture
def traject(world, methoden):
    """A trajectory of the world's werkplaats with HG and IRB, groups 1 and 2 of each; organisation A takes part."""
    traject = maak_traject(world.werkplaats, methoden)
    deelname_opslaan(
        deelname=Deelname(traject=traject, organisatie=world.org_a, vanaf=datetime.date(2014, 1, 1)),
        methoden=methoden.values(),
    )
    return traject


def groep(traject, korte_naam, nummer):
    return Scholingsgroep.objects.get(traject=traject, methode__korte_naam=korte_naam, nummer=nummer)


def csv_bestand(*regels, naam="deelnemers.csv", bom=False, scheidingsteken=";"):
    tekst = "\r\n".join(regel.replace(";", scheidingsteken) for regel in regels) + "\r\n"
    return SimpleUploadedFile(naam, (b"\xef\xbb\xbf" if bom else b"") + tekst.encode(), content_type="text/csv")


def xlsx_bestand(rijen, naam="deelnemers.xlsx"):
    werkboek = openpyxl.Workbook()
    blad = werkboek.active
    for rij in rijen:
        blad.append(rij)
    buffer = io.BytesIO()
    werkboek.save(buffer)
    return SimpleUploadedFile(naam, buffer.getvalue(), content_type="application/octet-stream")


def upload(client, traject, bestand):
    return client.post(reverse("scholing:import", kwargs={"pk": traject.pk}), {"bestand": bestand})


def bevestig(client, traject, token=None):
    if token is None:
        token = getattr(Importvoorbeeld.objects.filter(traject=traject).first(), "token", "")
    return client.post(reverse("scholing:import_bevestigen", kwargs={"pk": traject.pk}), {"token": token})


def fouten(response) -> list[str]:
    return [str(fout) for fout in response.context["fouten"]]


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.coordinator)
    return client


# The upload page ---------------------------------------------------------------------------------------------


def test_uploadpagina_toont_formulier_sjabloon_en_groepen(coordinator, traject):
    response = coordinator.get(reverse("scholing:import", kwargs={"pk": traject.pk}))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'enctype="multipart/form-data"' in content
    assert '<label class="form-label" for="id_bestand">' in content
    assert reverse("scholing:import_sjabloon", kwargs={"pk": traject.pk}) in content
    assert "Individuele Rehabilitatiebenadering" in content


def test_sjabloon_is_een_csv_die_de_import_zelf_leest(coordinator, traject):
    response = coordinator.get(reverse("scholing:import_sjabloon", kwargs={"pk": traject.pk}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    inhoud = response.content + "\r\n".join(GOED).encode()
    rijen = importer.bestand_lezen(SimpleUploadedFile("sjabloon.csv", inhoud))
    assert [rij["naam"] for rij in rijen] == ["Anna de Vries", "Bram Bakker", "Carla Smit"]


# A valid file: preview, then confirm ---------------------------------------------------------------------------


def test_geldige_csv_toont_voorbeeld_en_schrijft_pas_na_bevestigen(coordinator, world, traject):
    response = upload(coordinator, traject, csv_bestand(KOP, *GOED))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Voorbeeld van de import" in content
    for naam in ("Anna de Vries", "Bram Bakker", "Carla Smit"):
        assert naam in content
    assert content.count("nieuwe persoon") >= 3
    assert Persoon.objects.count() == 0 and Inschrijving.objects.count() == 0
    # the preview holds the parsed rows, not the file (and not in the session)
    opgeslagen = Importvoorbeeld.objects.get(traject=traject)
    assert [rij["rij"] for rij in opgeslagen.rijen] == [2, 3, 4]

    response = bevestig(coordinator, traject)
    assert response.status_code == 302
    assert response.url == reverse("scholing:import", kwargs={"pk": traject.pk})
    bram = Persoon.objects.get(naam="Bram Bakker")
    assert bram.organisatie == world.org_b and bram.soort == Persoon.Soort.AMBTENAAR
    anna = Persoon.objects.get(naam="Anna de Vries")
    assert anna.functie == "Wijkwerker" and anna.soort == Persoon.Soort.PROFESSIONAL
    inschrijving = Inschrijving.objects.get(persoon__naam="Carla Smit")
    assert inschrijving.groep == groep(traject, "IRB", 2)
    assert inschrijving.startdatum == datetime.date(2014, 4, 15)
    assert Inschrijving.objects.get(persoon=bram).startdatum == datetime.date(2014, 3, 1)
    melding = coordinator.get(response.url).content.decode()
    assert "3 deelnemers geïmporteerd, 0 bestonden al." in melding
    assert not Importvoorbeeld.objects.filter(traject=traject).exists()


@pytest.mark.parametrize(("bom", "scheidingsteken"), [(True, ";"), (False, ","), (True, ","), (False, "\t")])
def test_csv_met_of_zonder_bom_en_elk_scheidingsteken(coordinator, traject, bom, scheidingsteken):
    response = upload(coordinator, traject, csv_bestand(KOP.upper(), *GOED, bom=bom, scheidingsteken=scheidingsteken))
    assert response.status_code == 200, fouten(response)
    assert len(response.context["controle"].regels) == 3


def test_geldige_xlsx_met_datums_en_getallen(coordinator, traject):
    rijen = [
        ["Naam", "Organisatie", "Methode", "Groep", "Startdatum"],
        ["Dirk Visser", "Organisatie A", "HG", 2, datetime.datetime(2014, 5, 1)],
        [None, None, None, None, None],
        ["Eva Mulder", "Organisatie B", "irb", 1.0, "2014-06-01"],
    ]
    response = upload(coordinator, traject, xlsx_bestand(rijen))
    assert response.status_code == 200, fouten(response)
    assert [r.rij for r in response.context["controle"].regels] == [2, 4]
    assert bevestig(coordinator, traject).status_code == 302
    assert Inschrijving.objects.get(persoon__naam="Dirk Visser").groep == groep(traject, "HG", 2)
    assert Inschrijving.objects.get(persoon__naam="Eva Mulder").startdatum == datetime.date(2014, 6, 1)


def test_script_in_een_naam_wordt_als_tekst_bewaard_en_ontsnapt_getoond(coordinator, traject):
    naam = "<script>alert(1)</script> Jansen"
    response = upload(coordinator, traject, csv_bestand(KOP, f"{naam};Organisatie A;;;HG;1;2014-03-01"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Jansen" in content
    bevestig(coordinator, traject)
    assert Persoon.objects.get().naam == naam


# Bad rows: every one reported, nothing written ------------------------------------------------------------------


def test_een_foute_rij_tussen_goede_schrijft_niets_en_noemt_de_rij(coordinator, traject):
    regels = [*GOED[:2], "Frank Dekker;Lentis BV;;;HG;1;2014-03-01", GOED[2]]
    response = upload(coordinator, traject, csv_bestand(KOP, *regels))
    assert response.status_code == 400
    assert fouten(response) == ["Rij 4: organisatie ‘Lentis BV’ bestaat niet in deze werkplaats."]
    content = response.content.decode()
    assert 'role="alert"' in content and "Rij 4: organisatie ‘Lentis BV’" in content
    assert not Importvoorbeeld.objects.filter(traject=traject).exists()
    assert Persoon.objects.count() == 0 and Inschrijving.objects.count() == 0


def test_elke_foute_rij_wordt_gemeld_met_nummer_en_reden(coordinator, world, traject):
    regels = [
        "Anna;Organisatie A;;;HG;1;2014-03-01",
        ";Organisatie A;;;HG;1;2014-03-01",
        "Bram;Organisatie Elders;;;HG;1;2014-03-01",
        "Carla;Organisatie A;;;T-shaped;1;2014-03-01",
        "Dirk;Organisatie A;;;HG;7;2014-03-01",
        "Eva;Organisatie A;;;HG;een;2014-03-01",
        "Frank;Organisatie A;;;HG;1;31-02-2014",
        "Gert;Organisatie A;;;HG;1;2010-01-01",
        "Hans;Organisatie A;;astronaut;HG;1;2014-03-01",
        "Ines;Organisatie A;;;HG;1;2014-03-01;extra",
    ]
    response = upload(coordinator, traject, csv_bestand(KOP, *regels))
    assert response.status_code == 400
    assert fouten(response) == [
        "Rij 3: ‘naam’ is leeg.",
        "Rij 4: organisatie ‘Organisatie Elders’ bestaat niet in deze werkplaats.",
        "Rij 5: methode ‘T-shaped’ is niet gekozen in dit traject.",
        "Rij 6: HG heeft in dit traject geen groep 7.",
        "Rij 7: groep ‘een’ is geen groepsnummer.",
        "Rij 8: startdatum ‘31-02-2014’ is geen datum; schrijf JJJJ-MM-DD of DD-MM-JJJJ.",
        "Rij 9: startdatum 01-01-2010 ligt buiten de looptijd van het traject (01-01-2014 tot en met 31-12-2015).",
        "Rij 10: soort ‘astronaut’ is onbekend; kies uit professional, ambtenaar, manager, stafmedewerker, "
        "vrijwilliger.",
        "Rij 11: deze rij heeft meer waarden dan er kolommen zijn. Staat er een scheidingsteken in een naam?",
    ]
    assert Persoon.objects.count() == 0


def test_gearchiveerde_organisatie_is_een_fout(coordinator, world, traject):
    world.org_b.actief = False
    world.org_b.save()
    response = upload(coordinator, traject, csv_bestand(KOP, GOED[1]))
    assert fouten(response) == ["Rij 2: organisatie ‘Organisatie B’ is gearchiveerd."]


# Refused files -----------------------------------------------------------------------------------------------


def assert_geweigerd(response, tekst):
    assert response.status_code == 400
    gemeld = " ".join(fouten(response))
    assert tekst in gemeld, gemeld
    assert Persoon.objects.count() == 0 and Inschrijving.objects.count() == 0


def test_ontbrekende_en_onbekende_kolommen_worden_genoemd(coordinator, traject):
    response = upload(coordinator, traject, csv_bestand("naam;organisatie;groepnummer;datum", "Anna;Organisatie A;1;x"))
    assert_geweigerd(response, "Deze kolommen ontbreken: methode, groep, startdatum.")
    assert "Deze kolommen zijn onbekend: groepnummer, datum." in fouten(response)


def test_dubbele_kolom_wordt_geweigerd(coordinator, traject):
    response = upload(coordinator, traject, csv_bestand(KOP + ";Naam", GOED[0] + ";x"))
    assert_geweigerd(response, "Deze kolommen staan er meer dan eens in: naam.")


@pytest.mark.parametrize("inhoud", [b"", b"\xef\xbb\xbf", b"\r\n\r\n;;;\r\n"])
def test_leeg_bestand_wordt_geweigerd(coordinator, traject, inhoud):
    response = upload(coordinator, traject, SimpleUploadedFile("leeg.csv", inhoud))
    assert_geweigerd(response, "Het bestand is leeg.")


def test_alleen_een_kopregel_wordt_geweigerd(coordinator, traject):
    response = upload(coordinator, traject, csv_bestand(KOP))
    assert_geweigerd(response, "Het bestand bevat alleen een kopregel; er staan geen deelnemers in.")


def test_bestand_van_10_mb_wordt_netjes_geweigerd(coordinator, traject):
    inhoud = (KOP + "\r\n").encode() + (GOED[0] + "\r\n").encode() * (10 * 1024 * 1024 // len(GOED[0]))
    assert len(inhoud) > 10 * 1024 * 1024
    response = upload(coordinator, traject, SimpleUploadedFile("groot.csv", inhoud, content_type="text/csv"))
    assert_geweigerd(response, "Het bestand is groter dan 2 MB.")


def test_te_veel_rijen_wordt_geweigerd(coordinator, traject):
    regels = [f"Persoon {n};Organisatie A;;;HG;1;2014-03-01" for n in range(importer.MAX_RIJEN + 1)]
    response = upload(coordinator, traject, csv_bestand(KOP, *regels))
    assert_geweigerd(response, "Het bestand heeft meer dan 1.000 rijen.")


def test_precies_het_maximum_aantal_rijen_mag():
    regels = [[f"Persoon {n}", "Organisatie A", "", "", "HG", "1", "2014-03-01"] for n in range(importer.MAX_RIJEN)]
    assert len(importer.rijen_uit_tabel([list(importer.KOLOMMEN), *regels])) == importer.MAX_RIJEN


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (PNG, "Dit is geen CSV-bestand: het bevat geen leesbare tekst."),
        ("naam;organisatie\nJosé;Café".encode("cp1252"), "Dit is geen CSV-bestand in UTF-8."),
    ],
)
def test_geen_tekst_met_extensie_csv_wordt_geweigerd(coordinator, traject, inhoud, melding):
    response = upload(coordinator, traject, SimpleUploadedFile("plaatje.csv", inhoud))
    assert_geweigerd(response, melding)


def test_xlsx_hernoemd_naar_csv_wordt_geweigerd(coordinator, traject):
    xlsx = xlsx_bestand([KOP.split(";"), GOED[0].split(";")]).read()
    response = upload(coordinator, traject, SimpleUploadedFile("deelnemers.csv", xlsx))
    assert_geweigerd(response, "Dit is geen CSV-bestand maar een Excel- of zipbestand.")


@pytest.mark.parametrize("inhoud", [b"dit is geen werkboek", PNG, b"PK\x03\x04kapot"])
def test_ongeldige_xlsx_wordt_geweigerd(coordinator, traject, inhoud):
    response = upload(coordinator, traject, SimpleUploadedFile("deelnemers.xlsx", inhoud))
    assert_geweigerd(response, "Dit is geen geldig Excel-bestand (.xlsx).")


@pytest.mark.parametrize("naam", ["deelnemers.txt", "deelnemers.xls", "deelnemers"])
def test_onbekende_extensie_wordt_geweigerd(coordinator, traject, naam):
    response = upload(coordinator, traject, SimpleUploadedFile(naam, (KOP + "\n" + GOED[0]).encode()))
    assert_geweigerd(response, "Alleen .csv- en .xlsx-bestanden kunnen worden geïmporteerd")


def test_upload_zonder_bestand_is_400(coordinator, traject):
    response = coordinator.post(reverse("scholing:import", kwargs={"pk": traject.pk}), {})
    assert response.status_code == 400
    assert response.context["form"].errors["bestand"]


# People who already exist, and duplicates --------------------------------------------------------------------


def test_bestaande_persoon_wordt_hergebruikt_niet_verdubbeld(coordinator, world, traject):
    anna = persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="Anna de Vries", functie="Teamleider"))
    response = upload(coordinator, traject, csv_bestand(KOP, "  anna   DE vries ;ORGANISATIE A;Coach;;HG;1;2014-03-01"))
    assert response.status_code == 200
    regel = response.context["controle"].regels[0]
    assert regel.persoon == anna and regel.actie == importer.Actie.BESTAAT
    assert "bestaat al" in response.content.decode()
    response = bevestig(coordinator, traject)
    assert Persoon.objects.count() == 1
    anna.refresh_from_db()
    assert anna.functie == "Teamleider"  # the stored details are kept
    assert Inschrijving.objects.get().persoon == anna
    assert "1 deelnemer geïmporteerd, 1 bestond al." in coordinator.get(response.url).content.decode()


def test_zelfde_naam_bij_andere_organisatie_is_een_ander_persoon(coordinator, world, traject):
    persoon_opslaan(persoon=Persoon(organisatie=world.org_b, naam="Anna de Vries"))
    upload(coordinator, traject, csv_bestand(KOP, GOED[0]))
    bevestig(coordinator, traject)
    assert Persoon.objects.filter(naam="Anna de Vries").count() == 2


def test_zelfde_persoon_twee_keer_in_dezelfde_groep_is_een_fout(coordinator, traject):
    regels = [GOED[0], "Anna de Vries;organisatie a;;;HG;1;2014-05-01"]
    response = upload(coordinator, traject, csv_bestand(KOP, *regels))
    assert response.status_code == 400
    assert fouten(response) == ["Rij 3: Anna de Vries (Organisatie A) staat al in rij 2 in dezelfde groep."]


def test_nieuwe_persoon_in_twee_groepen_wordt_een_keer_aangemaakt(coordinator, traject):
    regels = [GOED[0], "Anna de Vries;Organisatie A;Wijkwerker;;IRB;1;2014-05-01"]
    response = upload(coordinator, traject, csv_bestand(KOP, *regels))
    assert response.status_code == 200
    assert "dezelfde als rij 2" in response.content.decode()
    bevestig(coordinator, traject)
    anna = Persoon.objects.get()
    assert anna.inschrijvingen.count() == 2


def test_nieuwe_persoon_met_andere_soort_in_tweede_rij_is_een_fout(coordinator, traject):
    regels = [GOED[0], "Anna de Vries;Organisatie A;;manager;IRB;1;2014-05-01"]
    response = upload(coordinator, traject, csv_bestand(KOP, *regels))
    assert fouten(response) == [
        "Rij 3: Anna de Vries (Organisatie A) staat ook in rij 2, met een andere functie of soort."
    ]


def test_al_ingeschreven_wordt_overgeslagen(coordinator, world, traject):
    anna = persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="Anna de Vries"))
    deelnemer_inschrijven(persoon=anna, groep=groep(traject, "HG", 1), startdatum=datetime.date(2014, 2, 1))
    response = upload(coordinator, traject, csv_bestand(KOP, GOED[0], GOED[1]))
    assert response.status_code == 200
    assert [r.actie for r in response.context["controle"].regels] == [importer.Actie.INGESCHREVEN, importer.Actie.NIEUW]
    controle = response.context["controle"]
    assert (controle.aantal_inschrijvingen, controle.aantal_bestaand, controle.aantal_overgeslagen) == (1, 0, 1)
    assert "al ingeschreven, wordt overgeslagen" in response.content.decode()
    response = bevestig(coordinator, traject)
    assert Inschrijving.objects.filter(persoon=anna).count() == 1
    assert Inschrijving.objects.count() == 2
    melding = coordinator.get(response.url).content.decode()
    assert "1 deelnemer geïmporteerd, 0 bestonden al. 1 inschrijving bestond al en is overgeslagen." in melding


def test_inschrijving_die_later_begint_overlapt_en_is_een_fout(coordinator, world, traject):
    anna = persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="Anna de Vries"))
    deelnemer_inschrijven(persoon=anna, groep=groep(traject, "HG", 1), startdatum=datetime.date(2014, 6, 1))
    response = upload(coordinator, traject, csv_bestand(KOP, GOED[0]))
    assert response.status_code == 400
    assert fouten(response) == [
        "Rij 2: Anna de Vries staat vanaf 01-06-2014 al in HG groep 1; een inschrijving vanaf 01-03-2014 overlapt "
        "daarmee."
    ]


def test_na_uitval_volgt_een_nieuwe_inschrijving(coordinator, world, traject):
    anna = persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="Anna de Vries"))
    eerste = deelnemer_inschrijven(persoon=anna, groep=groep(traject, "HG", 1), startdatum=datetime.date(2014, 1, 6))
    deelnemer_afmelden(inschrijving=eerste, datum=datetime.date(2014, 2, 1), reden="te_druk")
    upload(coordinator, traject, csv_bestand(KOP, GOED[0]))
    assert bevestig(coordinator, traject).status_code == 302
    assert anna.inschrijvingen.count() == 2


@pytest.mark.parametrize(
    ("gearchiveerd", "melding"),
    [
        (True, "Rij 2: Anna de Vries (Organisatie A) is gearchiveerd; haal de persoon eerst uit het archief."),
        (False, "Rij 2: er zijn 2 personen ‘Anna de Vries’ bij Organisatie A; schrijf deze persoon met de hand in."),
    ],
)
def test_onduidelijke_bestaande_persoon_is_een_fout(coordinator, world, traject, gearchiveerd, melding):
    persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="Anna de Vries", gearchiveerd=gearchiveerd))
    if not gearchiveerd:
        persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="anna de vries"))
    response = upload(coordinator, traject, csv_bestand(KOP, GOED[0]))
    assert fouten(response) == [melding]


# Confirming ------------------------------------------------------------------------------------------------


def test_bevestigen_zonder_voorbeeld_is_400(coordinator, traject):
    response = bevestig(coordinator, traject, token="")
    assert response.status_code == 400
    assert "Er is geen voorbeeld om te bevestigen; upload het bestand opnieuw." in response.content.decode()


def test_bevestigen_met_verkeerd_token_is_400(coordinator, traject):
    upload(coordinator, traject, csv_bestand(KOP, *GOED))
    assert bevestig(coordinator, traject, token="verzonnen").status_code == 400
    assert Persoon.objects.count() == 0
    assert bevestig(coordinator, traject).status_code == 302  # the real preview is still there


def test_bevestigen_met_voorbeeld_van_ander_traject_is_400(coordinator, world, traject, methoden):
    ander = maak_traject(world.werkplaats, methoden, naam="Ander traject")
    upload(coordinator, traject, csv_bestand(KOP, *GOED))
    token = Importvoorbeeld.objects.get(traject=traject).token
    assert bevestig(coordinator, ander, token=token).status_code == 400
    assert Persoon.objects.count() == 0


def test_twee_keer_bevestigen_importeert_een_keer(coordinator, traject):
    upload(coordinator, traject, csv_bestand(KOP, *GOED))
    token = Importvoorbeeld.objects.get(traject=traject).token
    assert bevestig(coordinator, traject, token=token).status_code == 302
    response = bevestig(coordinator, traject, token=token)
    assert response.status_code == 400
    assert "Er is geen voorbeeld om te bevestigen" in response.content.decode()
    assert Persoon.objects.count() == 3 and Inschrijving.objects.count() == 3


def test_bevestigen_controleert_opnieuw_persoon_intussen_aangemaakt(coordinator, world, traject):
    upload(coordinator, traject, csv_bestand(KOP, *GOED))
    bram = persoon_opslaan(persoon=Persoon(organisatie=world.org_b, naam="Bram Bakker"))
    response = bevestig(coordinator, traject)
    assert response.status_code == 302
    assert Persoon.objects.filter(naam__iexact="bram bakker").get() == bram
    assert bram.inschrijvingen.count() == 1
    assert "3 deelnemers geïmporteerd, 1 bestond al." in coordinator.get(response.url).content.decode()


def test_bevestigen_controleert_opnieuw_methode_intussen_afgevoerd(coordinator, traject, methoden):
    upload(coordinator, traject, csv_bestand(KOP, *GOED))
    traject_opslaan(traject=traject, methoden_aangeboden=methoden.values(), methoden=[methoden["HG"]])
    response = bevestig(coordinator, traject)
    assert response.status_code == 400
    assert fouten(response) == ["Rij 4: methode ‘IRB’ is niet gekozen in dit traject."]
    assert "de gegevens zijn veranderd sinds het voorbeeld" in response.content.decode()
    assert Persoon.objects.count() == 0 and Inschrijving.objects.count() == 0
    assert bevestig(coordinator, traject).status_code == 400  # the stale preview is gone


def test_bevestigen_met_get_mag_niet(coordinator, traject):
    assert coordinator.get(reverse("scholing:import_bevestigen", kwargs={"pk": traject.pk})).status_code == 405


# The service itself ----------------------------------------------------------------------------------------


def test_service_schrijft_niets_als_een_rij_faalt(world, traject):
    rijen = importer.rijen_uit_tabel([KOP.split(";"), *(r.split(";") for r in GOED), ["X", "Nergens", "", "", "HG"]])
    with pytest.raises(ValidationError) as fout:
        importer.deelnemers_importeren(traject=traject, rijen=rijen)
    assert "Rij 5: ‘groep’ is leeg." in fout.value.messages
    assert "Rij 5: organisatie ‘Nergens’ bestaat niet in deze werkplaats." in fout.value.messages
    assert Persoon.objects.count() == 0 and Inschrijving.objects.count() == 0


def test_service_importeert_alles(world, traject):
    rijen = importer.rijen_uit_tabel([KOP.split(";"), *(r.split(";") for r in GOED)])
    resultaat = importer.deelnemers_importeren(traject=traject, rijen=rijen)
    assert resultaat == importer.ImportResultaat(
        inschrijvingen=3, nieuwe_personen=3, bestaande_personen=0, overgeslagen=0
    )
    assert Persoon.history.count() == 3 and Inschrijving.history.count() == 3


# Who may import ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ["leider_a", "lectoraat"])
def test_leider_en_lectoraat_mogen_niet_importeren(client, world, traject, rol):
    client.force_login(getattr(world, rol))
    kwargs = {"pk": traject.pk}
    assert client.get(reverse("scholing:import", kwargs=kwargs)).status_code == 403
    assert upload(client, traject, csv_bestand(KOP, *GOED)).status_code == 403
    assert bevestig(client, traject, token="x").status_code == 403
    assert client.get(reverse("scholing:import_sjabloon", kwargs=kwargs)).status_code == 403
    assert Persoon.objects.count() == 0


@pytest.mark.parametrize(
    ("rol", "formulier", "zonder_voorbeeld"),
    [
        ("coordinator", 200, 400),
        ("beheerder", 200, 400),
        ("lectoraat", 403, 403),
        ("leider_a", 403, 403),
        ("leider_b", 403, 403),
    ],
)
def test_permissieregels_van_de_import(client, world, traject, methoden, rol, formulier, zonder_voorbeeld):
    """The rules the permission matrix holds for these URLs, with both organisations taking part."""
    deelname_opslaan(
        deelname=Deelname(traject=traject, organisatie=world.org_b, vanaf=datetime.date(2014, 1, 1)), methoden=[]
    )
    client.force_login(getattr(world, rol))
    kwargs = {"pk": traject.pk}
    assert client.get(reverse("scholing:import", kwargs=kwargs)).status_code == formulier
    assert client.get(reverse("scholing:import_sjabloon", kwargs=kwargs)).status_code == formulier
    assert client.post(reverse("scholing:import_bevestigen", kwargs=kwargs)).status_code == zonder_voorbeeld


def test_leider_van_niet_deelnemende_organisatie_ziet_het_traject_niet(client, world, traject):
    client.force_login(world.leider_b)
    assert client.get(reverse("scholing:import", kwargs={"pk": traject.pk})).status_code == 404


def test_traject_van_andere_werkplaats_is_404_voor_coordinator(coordinator, world, methoden):
    elders = maak_traject(world.andere_werkplaats, methoden, naam="Traject Elders")
    for naam in ("scholing:import", "scholing:import_sjabloon"):
        assert coordinator.get(reverse(naam, kwargs={"pk": elders.pk})).status_code == 404
    assert upload(coordinator, elders, csv_bestand(KOP, "X;Organisatie Elders;;;HG;1;2014-03-01")).status_code == 404
    assert bevestig(coordinator, elders, token="x").status_code == 404


def test_beheerder_mag_importeren(client, world, traject):
    client.force_login(world.beheerder)
    assert upload(client, traject, csv_bestand(KOP, *GOED)).status_code == 200
    assert bevestig(client, traject).status_code == 302
    assert Inschrijving.objects.count() == 3


def test_anoniem_gaat_naar_inloggen(client, traject):
    for naam, methode in (("scholing:import", "get"), ("scholing:import_bevestigen", "post")):
        response = getattr(client, methode)(reverse(naam, kwargs={"pk": traject.pk}))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_organisatie_van_andere_werkplaats_telt_niet(coordinator, traject):
    andere = OrganisatieFactory(werkplaats=WerkplaatsFactory(naam="Nog een werkplaats"), naam="Lentis")
    response = upload(coordinator, traject, csv_bestand(KOP, f"Anna;{andere.naam};;;HG;1;2014-03-01"))
    assert fouten(response) == ["Rij 2: organisatie ‘Lentis’ bestaat niet in deze werkplaats."]
