import datetime

import pytest
from django.core.exceptions import ValidationError

from quickscan import services
from quickscan.models import Actie, Element, Ronde, Score
from tests.factories import AfdelingFactory, OrganisatieFactory, maak_ronde

pytestmark = pytest.mark.django_db


def invoer(ronde, **scores):
    elementen = {e.code: e.pk for e in ronde.instrument.elementen.all()}
    return {elementen[code]: services.ElementInvoer(score=score) for code, score in scores.items()}


def test_nieuwe_ronde_heeft_een_lege_score_per_element():
    ronde = maak_ronde(OrganisatieFactory())
    assert ronde.status == Ronde.Status.CONCEPT
    assert ronde.instrument.naam == "Paraplumodel – Wmo 2014"
    assert [s.element.code for s in ronde.scores.order_by("element__volgorde")] == [
        "missie",
        "uitgangspunten",
        "beleid",
        "procedures",
        "activiteiten",
        "verslaglegging",
        "netwerk",
        "organisatiecultuur",
    ]
    assert all(s.score is None for s in ronde.scores.all())


def test_instrument_heeft_de_vragen_van_tabel_4_2():
    ronde = maak_ronde(OrganisatieFactory())
    missie = ronde.instrument.elementen.get(code="missie")
    assert missie.groep == "Visie"
    assert [v.tekst for v in missie.vragen.filter(soort="checkpunt")] == ["burgers", "participatie", "zelfredzaamheid"]
    assert ronde.instrument.elementen.get(code="uitgangspunten").vragen.filter(soort="checkpunt").count() == 6
    assert ronde.instrument.anker_laag == "het element is niet of nauwelijks ontwikkeld/geïmplementeerd"
    assert ronde.instrument.norm == 3


@pytest.mark.parametrize("score", [0, 6, -1, 99])
def test_score_buiten_1_tot_5_wordt_geweigerd_en_niets_geschreven(score):
    ronde = maak_ronde(OrganisatieFactory(), {"missie": 3})
    versie = ronde.versie
    with pytest.raises(ValidationError) as error:
        services.ronde_invullen(ronde=ronde, versie=versie, gegevens={}, invoer=invoer(ronde, beleid=score))
    assert "Kies een score van 1 tot en met 5" in str(error.value)
    ronde.refresh_from_db()
    assert ronde.scores.get(element__code="beleid").score is None
    assert ronde.scores.get(element__code="missie").score == 3
    assert ronde.versie == versie  # the failed save did not count


def test_afronden_zonder_enige_score_wordt_geweigerd():
    ronde = maak_ronde(OrganisatieFactory())
    with pytest.raises(ValidationError, match="minstens één element"):
        services.ronde_invullen(ronde=ronde, versie=ronde.versie, gegevens={}, invoer={}, afronden=True)
    ronde.refresh_from_db()
    assert ronde.status == Ronde.Status.CONCEPT


def test_gedeeltelijke_ronde_mag_worden_afgerond():
    ronde = maak_ronde(OrganisatieFactory(), {"beleid": 2, "procedures": 2}, afronden=True)
    assert ronde.is_afgerond and ronde.afgerond_op is not None
    assert ronde.aantal_gescoord == 2


def test_afgeronde_ronde_kan_niet_meer_worden_gewijzigd():
    ronde = maak_ronde(OrganisatieFactory(), {"beleid": 2}, afronden=True)
    with pytest.raises(ValidationError, match="afgerond"):
        services.ronde_invullen(ronde=ronde, versie=ronde.versie, gegevens={}, invoer=invoer(ronde, beleid=5))
    assert Score.objects.get(ronde=ronde, element__code="beleid").score == 2


def test_tweede_opslag_op_dezelfde_versie_wordt_geweigerd():
    ronde = maak_ronde(OrganisatieFactory())
    versie = ronde.versie
    eerste = Ronde.objects.get(pk=ronde.pk)
    tweede = Ronde.objects.get(pk=ronde.pk)
    services.ronde_invullen(ronde=eerste, versie=versie, gegevens={}, invoer=invoer(eerste, missie=4))
    with pytest.raises(services.VerouderdeVersie):
        services.ronde_invullen(ronde=tweede, versie=versie, gegevens={}, invoer=invoer(tweede, missie=2))
    assert Score.objects.get(ronde=ronde, element__code="missie").score == 4


def test_geschiedenis_bewaart_elke_wijziging():
    ronde = maak_ronde(OrganisatieFactory(), {"missie": 2})
    services.ronde_invullen(ronde=ronde, versie=ronde.versie, gegevens={}, invoer=invoer(ronde, missie=3))
    ronde = Ronde.objects.get(pk=ronde.pk)
    services.ronde_invullen(
        ronde=ronde, versie=ronde.versie, gegevens={}, invoer=invoer(ronde, missie=4), afronden=True
    )
    missie = Score.objects.get(ronde=ronde, element__code="missie")
    assert [h.score for h in missie.history.order_by("history_date", "history_id")] == [None, 2, 3, 4]
    assert list(ronde.history.order_by("history_date", "history_id").values_list("status", flat=True))[-1] == "afgerond"


def test_heropenen_en_archiveren():
    ronde = maak_ronde(OrganisatieFactory(), {"missie": 2}, afronden=True)
    ronde = services.ronde_heropenen(ronde=ronde)
    assert ronde.status == Ronde.Status.CONCEPT and ronde.afgerond_op is None
    with pytest.raises(ValidationError):
        services.ronde_heropenen(ronde=ronde)
    ronde = services.ronde_archiveren(ronde=ronde)
    assert ronde.gearchiveerd
    assert Ronde.objects.filter(pk=ronde.pk).exists()  # archived, not deleted
    assert not Ronde.objects.actief().filter(pk=ronde.pk).exists()


def test_datum_in_de_toekomst_en_team_van_andere_organisatie_worden_geweigerd():
    organisatie = OrganisatieFactory()
    with pytest.raises(ValidationError) as error:
        services.ronde_invullen(
            organisatie=organisatie,
            gegevens={
                "afdeling": AfdelingFactory(),
                "datum": datetime.date.today() + datetime.timedelta(days=1),
                "ingevuld_door": "X",
                "functie": "Y",
            },
        )
    assert set(error.value.message_dict) == {"afdeling", "datum"}
    assert not Ronde.objects.exists()


def test_ongeldig_checklistantwoord_wordt_geweigerd():
    ronde = maak_ronde(OrganisatieFactory())
    missie = ronde.instrument.elementen.get(code="missie")
    beleid = ronde.instrument.elementen.get(code="beleid")
    checkpunt = missie.vragen.filter(soort="checkpunt").first()
    for element, antwoord in [(missie, "misschien"), (beleid, "ja")]:  # wrong answer; item of another element
        with pytest.raises(ValidationError, match="checklist"):
            services.ronde_invullen(
                ronde=ronde,
                versie=Ronde.objects.get(pk=ronde.pk).versie,
                gegevens={},
                invoer={element.pk: services.ElementInvoer(score=3, checklist={str(checkpunt.pk): antwoord})},
            )
    services.ronde_invullen(
        ronde=ronde,
        versie=Ronde.objects.get(pk=ronde.pk).versie,
        gegevens={},
        invoer={missie.pk: services.ElementInvoer(score=3, checklist={str(checkpunt.pk): "deels"})},
    )
    assert Score.objects.get(ronde=ronde, element=missie).checklist == {str(checkpunt.pk): "deels"}


def test_actie_data_moeten_kloppen():
    ronde = maak_ronde(OrganisatieFactory(), {"beleid": 2}, afronden=True)
    beleid = Element.objects.get(instrument=ronde.instrument, code="beleid")
    with pytest.raises(ValidationError) as error:
        services.actie_opslaan(
            actie=Actie(
                ronde=ronde,
                element=beleid,
                omschrijving="Beleidsplan",
                eigenaar="Teamleider",
                deadline=ronde.datum - datetime.timedelta(days=1),
                status=Actie.Status.GEREED,
            )
        )
    assert set(error.value.message_dict) == {"deadline", "gereed_op"}
    assert not Actie.objects.exists()
    actie = services.actie_opslaan(
        actie=Actie(
            ronde=ronde,
            element=beleid,
            omschrijving="Beleidsplan",
            eigenaar="Teamleider",
            deadline=ronde.datum,
            gereed_op=ronde.datum,  # ignored: the action is not done yet
        )
    )
    assert actie.gereed_op is None


def test_ronde_hoort_bij_een_traject_waaraan_de_organisatie_deelneemt(world):
    from trajecten import services as traject_services
    from trajecten.models import Deelname, Methode, Traject

    methode = Methode.objects.create(naam="Het Gesprek", korte_naam="Het Gesprek")
    traject = traject_services.traject_opslaan(
        traject=Traject(
            werkplaats=world.werkplaats,
            naam="Traject",
            startdatum=datetime.date(2014, 1, 1),
            einddatum=datetime.date(2015, 12, 31),
        ),
        methoden_aangeboden=[methode],
        methoden=[methode],
    )
    traject_services.deelname_opslaan(
        deelname=Deelname(traject=traject, organisatie=world.org_a, vanaf=datetime.date(2014, 1, 1)), methoden=[methode]
    )
    ronde = maak_ronde(world.org_a)
    services.ronde_invullen(
        ronde=ronde, versie=ronde.versie, gegevens={"traject": traject, "methoden": [methode]}, invoer={}
    )
    assert list(Ronde.objects.get(pk=ronde.pk).methoden.all()) == [methode]
    andere = maak_ronde(world.org_b)
    with pytest.raises(ValidationError, match="neemt niet deel"):
        services.ronde_invullen(ronde=andere, versie=andere.versie, gegevens={"traject": traject}, invoer={})


def kop(**velden):
    return {"datum": datetime.date(2014, 5, 9), "ingevuld_door": "Leider", "functie": "Manager", **velden}


def test_nieuwe_ronde_wordt_in_een_keer_aangemaakt_gescoord_en_afgerond():
    organisatie = OrganisatieFactory()
    team = AfdelingFactory(organisatie=organisatie)
    missie = services.standaard_instrument().elementen.get(code="missie")
    ronde = services.ronde_invullen(
        organisatie=organisatie,
        gegevens=kop(afdeling=team, gereedheid="Het team is er klaar voor.", vernieuwers=Ronde.Antwoord.DEELS),
        invoer={missie.pk: services.ElementInvoer(score=4, toelichting="Goed op weg")},
        afronden=True,
        illustratief=True,
    )
    ronde = Ronde.objects.get(pk=ronde.pk)
    assert ronde.is_afgerond and ronde.afgerond_op is not None and ronde.illustratief
    assert (ronde.afdeling, ronde.gereedheid, ronde.vernieuwers) == (team, "Het team is er klaar voor.", "deels")
    assert ronde.scores.count() == 8  # an empty score for every other element
    assert ronde.scores.get(element=missie).toelichting == "Goed op weg"
    # The history starts with the empty score and records the entered one as a change.
    assert [h.score for h in ronde.scores.get(element=missie).history.order_by("history_date", "history_id")] == [
        None,
        4,
    ]


@pytest.mark.parametrize(
    "invoer_en_afronden",
    [({"missie": 6}, False), ({}, True)],
    ids=["foute score", "afronden zonder score"],
)
def test_nieuwe_ronde_die_niet_klopt_laat_niets_achter(invoer_en_afronden):
    scores, afronden = invoer_en_afronden
    elementen = {e.code: e.pk for e in services.standaard_instrument().elementen.all()}
    with pytest.raises(ValidationError):
        services.ronde_invullen(
            organisatie=OrganisatieFactory(),
            gegevens=kop(),
            invoer={elementen[code]: services.ElementInvoer(score=score) for code, score in scores.items()},
            afronden=afronden,
        )
    assert not Ronde.objects.exists() and not Score.objects.exists()


def test_kop_en_gereedheid_van_een_conceptronde_worden_opgeslagen():
    ronde = maak_ronde(OrganisatieFactory(), {"missie": 2})
    ronde = services.ronde_invullen(
        ronde=ronde,
        versie=ronde.versie,
        gegevens={"functie": "Teamleider", "capaciteit_tijd": "Twee uur per week"},
        invoer=invoer(ronde, missie=3),
    )
    opgeslagen = Ronde.objects.get(pk=ronde.pk)
    assert (opgeslagen.functie, opgeslagen.capaciteit_tijd) == ("Teamleider", "Twee uur per week")
    assert opgeslagen.versie == ronde.versie
    assert opgeslagen.scores.get(element__code="missie").score == 3


def test_ronde_invullen_vraagt_een_ronde_of_een_organisatie_en_alleen_rondevelden():
    ronde = maak_ronde(OrganisatieFactory())
    with pytest.raises(TypeError):
        services.ronde_invullen(gegevens=kop())
    with pytest.raises(TypeError):
        services.ronde_invullen(ronde=ronde, versie=ronde.versie, organisatie=ronde.organisatie, gegevens={})
    with pytest.raises(TypeError):
        services.ronde_invullen(ronde=ronde, gegevens={})  # without the version the form was opened with
    with pytest.raises(TypeError):
        services.ronde_invullen(ronde=ronde, versie=ronde.versie, gegevens={"status": "afgerond"})
    assert Ronde.objects.get(pk=ronde.pk).status == Ronde.Status.CONCEPT
