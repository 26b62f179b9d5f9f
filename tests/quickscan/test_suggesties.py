"""Suggestions for the action plan (issue 16): loaded from Tabel 4.2, offered on the action form for an element below
the norm or its target, taken over in one click, and kept by the lectoraat per instrument version."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quickscan import doelen, services
from quickscan.instrument import ELEMENTEN
from quickscan.models import Element, Suggestie
from quickscan.suggesties import SUGGESTIES, suggesties_laden
from tests.factories import OrganisatieFactory, maak_ronde

pytestmark = pytest.mark.django_db


def afgerond(organisatie, scores, doelen_per_code=None):
    ronde = maak_ronde(organisatie, scores, datum=datetime.date(2014, 6, 1))
    ids = {e.code: e.pk for e in ronde.instrument.elementen.all()}
    return services.ronde_afronden(
        ronde=ronde, doelen={ids[code]: doel for code, doel in (doelen_per_code or {}).items()}
    )


def test_lader_geeft_elk_element_suggesties_onder_en_boven_de_norm_en_een_tweede_keer_niets():
    assert set(SUGGESTIES) == {code for code, *_rest in ELEMENTEN}
    geladen = Suggestie.objects.filter(element__instrument__versie=1)
    assert geladen.count() == sum(len(s) for s in SUGGESTIES.values()) == 26
    for code in SUGGESTIES:
        niveaus = {(s.niveau, s.score_vanaf, s.score_tot_en_met) for s in geladen.filter(element__code=code)}
        assert niveaus == {("onder_norm", None, None), ("scores", 3, 4)}
    suggesties_laden()
    assert Suggestie.objects.count() == 26


def test_zwak_element_krijgt_de_suggesties_onder_de_norm_een_sterk_element_geen():
    ronde = afgerond(OrganisatieFactory(), {"procedures": 2, "missie": 4, "beleid": 5})
    rijen = {r.element.code: r for r in doelen.suggesties_voor(ronde)}
    assert set(rijen) == {"procedures"}  # missie 4 (target 4) and beleid 5 are strong; unscored ones get none
    assert [s.tekst for s in rijen["procedures"].suggesties] == [
        "Pas de procedures aan op de nieuwe interventie of voer nieuwe procedures in, bijvoorbeeld de "
        "aanmeldingsprocedure.",
        "Leg bij melding en oppakken van ondersteuningsvragen concreet vast wie wat, waar, wanneer en hoe doet in "
        "het participatietraject, van aanmelding tot en met de evaluatie van de voortgang.",
    ]


def test_element_op_de_norm_maar_onder_zijn_doel_krijgt_de_suggesties_van_zijn_score():
    ronde = afgerond(OrganisatieFactory(), {"netwerk": 3, "missie": 3}, {"netwerk": 4, "missie": 3})
    rijen = {r.element.code: r for r in doelen.suggesties_voor(ronde)}
    assert set(rijen) == {"netwerk"}
    assert [(s.niveau, s.score_vanaf) for s in rijen["netwerk"].suggesties] == [("scores", 3)]
    assert rijen["netwerk"].doel == 4


def test_gearchiveerde_suggestie_wordt_niet_meer_aangeboden():
    ronde = afgerond(OrganisatieFactory(), {"procedures": 2})
    eerste = Suggestie.objects.filter(element__code="procedures", niveau="onder_norm").first()
    eerste.gearchiveerd = True
    services.suggestie_opslaan(suggestie=eerste)
    (rij,) = doelen.suggesties_voor(ronde)
    assert eerste not in rij.suggesties and len(rij.suggesties) == 1
    assert Suggestie.objects.filter(pk=eerste.pk).exists()  # archived, not deleted


def test_actieformulier_biedt_de_suggesties_aan_en_neemt_er_een_over(client, world):
    ronde = afgerond(world.org_a, {"procedures": 2, "missie": 4})
    client.force_login(world.leider_a)
    url = reverse("quickscan:actie_create", kwargs={"pk": ronde.pk})
    html = client.get(url, {"element": "procedures"}).content.decode()
    suggestie = Suggestie.objects.filter(element__code="procedures").order_by("volgorde").first()
    assert "Suggesties" in html and suggestie.tekst in html
    assert f"?element=procedures&amp;suggestie={suggestie.pk}" in html
    assert "Missie" not in html.split('id="suggesties-kop"')[1]  # the strong element gets none
    response = client.get(url, {"element": "procedures", "suggestie": suggestie.pk})
    form = response.context["form"]
    assert response.status_code == 200
    assert form.initial["omschrijving"] == suggestie.tekst and form.initial["element"] == suggestie.element
    # Adapted and saved as the leader's own action.
    response = client.post(
        url,
        {
            "element": suggestie.element_id,
            "omschrijving": suggestie.tekst + " Eerst de aanmelding.",
            "eigenaar": "Teamleider",
            "deadline": "2014-09-01",
            "status": "gepland",
        },
    )
    assert response.status_code == 302
    actie = ronde.acties.get()
    assert actie.omschrijving.endswith("Eerst de aanmelding.") and actie.element.code == "procedures"


def test_actieformulier_zonder_zwakke_elementen_toont_geen_suggesties(client, world):
    ronde = afgerond(world.org_a, {"missie": 4})
    client.force_login(world.leider_a)
    response = client.get(reverse("quickscan:actie_create", kwargs={"pk": ronde.pk}))
    assert response.context["suggesties"] == [] and 'id="suggesties-kop"' not in response.content.decode()


@pytest.mark.parametrize("waarde", ["999999", "abc", "gearchiveerd"])
def test_onbekende_suggestie_overnemen_geeft_400_met_melding(client, world, waarde):
    ronde = afgerond(world.org_a, {"procedures": 2})
    if waarde == "gearchiveerd":
        suggestie = Suggestie.objects.filter(element__code="procedures").first()
        Suggestie.objects.filter(pk=suggestie.pk).update(gearchiveerd=True)
        waarde = str(suggestie.pk)
    client.force_login(world.leider_a)
    response = client.get(reverse("quickscan:actie_create", kwargs={"pk": ronde.pk}), {"suggestie": waarde})
    assert response.status_code == 400
    assert "Deze suggestie bestaat niet (meer)" in response.content.decode()
    assert "omschrijving" not in response.context["form"].initial


def test_actieformulier_kost_evenveel_queries_bij_meer_zwakke_elementen(client, world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    een = afgerond(world.org_a, {"procedures": 2})
    acht = afgerond(world.org_b, dict.fromkeys(SUGGESTIES, 1))
    client.force_login(world.beheerder)
    with CaptureQueriesContext(connection) as gemeten:
        client.get(reverse("quickscan:actie_create", kwargs={"pk": een.pk}))
    with django_assert_max_num_queries(len(gemeten.captured_queries)):
        response = client.get(reverse("quickscan:actie_create", kwargs={"pk": acht.pk}))
    assert len(response.context["suggesties"]) == 8


# The lectoraat's pages -------------------------------------------------------------------------------------------


def test_lectoraat_voegt_een_suggestie_toe_voor_een_element(client, world):
    instrument = world.afgerond_a.instrument
    client.force_login(world.lectoraat)
    url = reverse("quickscan:suggestie_create", kwargs={"pk": instrument.pk})
    beleid = Element.objects.get(instrument=instrument, code="beleid")
    assert client.get(url, {"element": "beleid"}).context["form"].initial["element"] == beleid
    response = client.post(
        url,
        {
            "element": beleid.pk,
            "niveau": "scores",
            "score_vanaf": "4",
            "score_tot_en_met": "4",
            "tekst": "Evalueer het beleid jaarlijks met het team.",
            "volgorde": "9",
        },
    )
    assert response.status_code == 302
    nieuw = Suggestie.objects.get(tekst="Evalueer het beleid jaarlijks met het team.")
    assert (nieuw.element, nieuw.niveau_label) == (beleid, "score 4")
    assert nieuw.history.count() == 1
    lijst = client.get(reverse("quickscan:suggestie_list", kwargs={"pk": instrument.pk})).content.decode()
    assert "Evalueer het beleid jaarlijks met het team." in lijst and "score 4" in lijst


@pytest.mark.parametrize(
    ("velden", "fout"),
    [
        ({"niveau": "scores", "score_vanaf": "4", "score_tot_en_met": "2"}, "‘Tot en met’ kan niet lager zijn"),
        ({"niveau": "scores", "score_vanaf": "", "score_tot_en_met": "4"}, "Vul in vanaf welke score"),
        ({"niveau": "scores", "score_vanaf": "0", "score_tot_en_met": "4"}, "Kies een score van 1 tot en met 5."),
        ({"niveau": "onder_norm", "tekst": ""}, "Dit veld is verplicht."),
    ],
)
def test_foute_suggestie_geeft_400_en_schrijft_niets(client, world, velden, fout):
    instrument = world.afgerond_a.instrument
    client.force_login(world.lectoraat)
    aantal = Suggestie.objects.count()
    data = {"element": instrument.elementen.first().pk, "tekst": "Iets doen.", "volgorde": "1", **velden}
    response = client.post(reverse("quickscan:suggestie_create", kwargs={"pk": instrument.pk}), data)
    assert response.status_code == 400 and fout in response.content.decode()
    assert Suggestie.objects.count() == aantal


def test_onder_de_norm_bewaart_geen_scores_en_de_databank_weigert_een_halve_reeks():
    suggestie = Suggestie.objects.filter(niveau="onder_norm").first()
    suggestie.score_vanaf, suggestie.score_tot_en_met = 2, 3
    services.suggestie_opslaan(suggestie=suggestie)
    suggestie.refresh_from_db()
    assert (suggestie.score_vanaf, suggestie.score_tot_en_met) == (None, None)
    suggestie.niveau, suggestie.score_vanaf = "scores", 2
    with pytest.raises(ValidationError):
        suggestie.full_clean()


def test_bewerken_archiveren_en_een_oude_versie_geeft_409_met_de_invoer(client, world):
    suggestie = Suggestie.objects.filter(element__code="missie").first()
    url = reverse("quickscan:suggestie_update", kwargs={"pk": suggestie.pk})
    client.force_login(world.lectoraat)
    data = {
        "element": suggestie.element_id,
        "niveau": "onder_norm",
        "score_vanaf": "",
        "score_tot_en_met": "",
        "tekst": "Herschrijf de missie met het team.",
        "volgorde": "1",
        "gearchiveerd": "on",
        "versie": str(suggestie.versie),
    }
    assert client.post(url, data).status_code == 302
    suggestie.refresh_from_db()
    assert (suggestie.tekst, suggestie.gearchiveerd, suggestie.versie) == (
        "Herschrijf de missie met het team.",
        True,
        2,
    )
    data["tekst"] = "Een andere tekst op de oude versie."
    response = client.post(url, data)  # still version 1
    assert response.status_code == 409
    assert "Een andere tekst op de oude versie." in response.content.decode()
    suggestie.refresh_from_db()
    assert suggestie.tekst == "Herschrijf de missie met het team."
    lijst = client.get(reverse("quickscan:suggestie_list", kwargs={"pk": suggestie.element.instrument_id}))
    assert "gearchiveerd" in lijst.content.decode()


def test_coordinator_leest_maar_bewerkt_niet_leider_ziet_de_lijst_niet(client, world):
    instrument = world.afgerond_a.instrument
    lijst = reverse("quickscan:suggestie_list", kwargs={"pk": instrument.pk})
    client.force_login(world.coordinator)
    html = client.get(lijst).content.decode()
    assert "Pas de procedures aan op de nieuwe interventie" in html and "Bewerken" not in html
    assert client.get(reverse("quickscan:overzicht")).content.decode().count(lijst) == 1
    suggestie = Suggestie.objects.first()
    assert client.post(reverse("quickscan:suggestie_update", kwargs={"pk": suggestie.pk}), {}).status_code == 403
    client.force_login(world.leider_a)
    assert client.get(lijst).status_code == 403
    assert lijst not in client.get(reverse("quickscan:overzicht")).content.decode()


def test_lijst_kost_evenveel_queries_bij_meer_suggesties(client, world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    instrument = world.afgerond_a.instrument
    url = reverse("quickscan:suggestie_list", kwargs={"pk": instrument.pk})
    client.force_login(world.lectoraat)
    with CaptureQueriesContext(connection) as gemeten:
        client.get(url)
    for element in instrument.elementen.all():
        services.suggestie_opslaan(suggestie=Suggestie(element=element, tekst=f"Extra voor {element.naam}."))
    with django_assert_max_num_queries(len(gemeten.captured_queries)):
        client.get(url)
