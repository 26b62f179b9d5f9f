import datetime

import pytest
from django.urls import reverse

from quickscan import selectors, services
from quickscan.models import Actie, Element, Ronde, Score
from tests.factories import OrganisatieFactory, RolFactory, WerkplaatsFactory, maak_ronde
from werkplaats.models import Rol

pytestmark = pytest.mark.django_db
CODES = [
    "missie",
    "uitgangspunten",
    "beleid",
    "procedures",
    "activiteiten",
    "verslaglegging",
    "netwerk",
    "organisatiecultuur",
]


def formulier(actie="concept", versie=0, **scores):
    data = {
        "datum": "2014-05-09",
        "ingevuld_door": "Leider A",
        "functie": "Manager",
        "afdeling": "",
        "versie": str(versie),
        "actie": actie,
    }
    for code in CODES:
        data[f"el-{code}-score"] = str(scores.get(code, ""))
        data[f"el-{code}-toelichting"] = ""
    return data


def test_leider_maakt_concept_en_rondt_af(client, world):
    client.force_login(world.leider_a)
    response = client.post(
        reverse("quickscan:ronde_create", kwargs={"pk": world.org_a.pk}), formulier(missie=3, beleid=2)
    )
    ronde = Ronde.objects.filter(organisatie=world.org_a).latest("pk")
    assert response.status_code == 302 and response.url == ronde.get_absolute_url()
    assert ronde.status == "concept" and ronde.aangemaakt_door == world.leider_a
    assert {s.element.code: s.score for s in ronde.scores.all() if s.score} == {"missie": 3, "beleid": 2}
    url = reverse("quickscan:ronde_update", kwargs={"ronde": ronde.pk})
    response = client.post(url, formulier("afronden", versie=ronde.versie, missie=3, beleid=3))
    assert response.status_code == 302 and response.url == reverse("quickscan:ronde_afronden", kwargs={"pk": ronde.pk})
    ronde.refresh_from_db()
    assert client.post(response.url, {"versie": ronde.versie}).status_code == 302
    ronde.refresh_from_db()
    assert ronde.status == "afgerond"
    assert ronde.history.filter(history_user=world.leider_a).exists()


def test_nieuwe_ronde_in_een_keer_afronden(client, world):
    client.force_login(world.leider_a)
    url = reverse("quickscan:ronde_create", kwargs={"pk": world.org_a.pk})
    response = client.post(url, {**formulier("afronden", missie=4), "gereedheid": "Het team is er klaar voor."})
    ronde = Ronde.objects.filter(organisatie=world.org_a).latest("pk")
    assert response.status_code == 302 and response.url == reverse("quickscan:ronde_afronden", kwargs={"pk": ronde.pk})
    assert client.post(response.url, {"versie": ronde.versie}).status_code == 302
    ronde.refresh_from_db()
    assert ronde.is_afgerond and ronde.aangemaakt_door == world.leider_a
    assert ronde.gereedheid == "Het team is er klaar voor."
    assert ronde.scores.get(element__code="missie").score == 4


def test_nieuwe_ronde_afronden_zonder_scores_schrijft_niets(client, world):
    client.force_login(world.leider_a)
    aantal, scores = Ronde.objects.count(), Score.objects.count()
    response = client.post(reverse("quickscan:ronde_create", kwargs={"pk": world.org_a.pk}), formulier("afronden"))
    assert response.status_code == 400
    assert "Geef minstens één element een score" in response.content.decode()
    assert (Ronde.objects.count(), Score.objects.count()) == (aantal, scores)  # not even a concept was left


@pytest.mark.parametrize("score", ["0", "6", "x", "3.5", "-1"])
def test_foute_score_geeft_400_met_melding_en_niets_wordt_geschreven(client, world, score):
    client.force_login(world.leider_a)
    aantal = Ronde.objects.count()
    response = client.post(reverse("quickscan:ronde_create", kwargs={"pk": world.org_a.pk}), formulier(beleid=score))
    assert response.status_code == 400
    assert "Kies een score van 1 tot en met 5." in response.content.decode()
    assert Ronde.objects.count() == aantal


def test_afronden_zonder_scores_geeft_400(client, world):
    client.force_login(world.leider_a)
    url = reverse("quickscan:ronde_update", kwargs={"ronde": world.concept_a.pk})
    response = client.post(url, formulier("afronden", versie=world.concept_a.versie))
    assert response.status_code == 400
    assert "Geef minstens één element een score" in response.content.decode()
    world.concept_a.refresh_from_db()
    assert world.concept_a.status == "concept"
    assert world.concept_a.scores.get(element__code="missie").score == 3  # nothing was written


def test_foute_kopgegevens_geven_400(client, world):
    client.force_login(world.leider_a)
    data = formulier(missie=3)
    data.update(datum=(datetime.date.today() + datetime.timedelta(days=3)).isoformat(), ingevuld_door="")
    response = client.post(reverse("quickscan:ronde_create", kwargs={"pk": world.org_a.pk}), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "De datum mag niet in de toekomst liggen." in content and "Dit veld is verplicht." in content


def test_leider_kan_afgeronde_ronde_niet_wijzigen(client, world):
    client.force_login(world.leider_a)
    url = reverse("quickscan:ronde_update", kwargs={"ronde": world.afgerond_a.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, formulier("concept", versie=world.afgerond_a.versie, missie=5)).status_code == 403
    assert world.afgerond_a.scores.get(element__code="missie").score == 2


def test_leider_kan_ronde_van_andere_organisatie_niet_wijzigen(client, world):
    client.force_login(world.leider_b)
    url = reverse("quickscan:ronde_update", kwargs={"ronde": world.concept_a.pk})
    assert client.post(url, formulier("concept", versie=world.concept_a.versie, missie=1)).status_code == 404
    create = reverse("quickscan:ronde_create", kwargs={"pk": world.org_a.pk})
    assert client.post(create, formulier(missie=1)).status_code == 404
    assert world.concept_a.scores.get(element__code="missie").score == 3
    assert Ronde.objects.filter(organisatie=world.org_a).count() == 2


def test_gelijktijdige_wijziging_wordt_geweigerd_en_invoer_blijft_staan(client, world):
    client.force_login(world.leider_a)
    ronde = world.concept_a
    url = reverse("quickscan:ronde_update", kwargs={"ronde": ronde.pk})
    versie_bij_openen = ronde.versie
    # Someone else saves first.
    services.ronde_invullen(
        ronde=Ronde.objects.get(pk=ronde.pk),
        versie=versie_bij_openen,
        gegevens={},
        invoer={Element.objects.get(instrument=ronde.instrument, code="missie").pk: services.ElementInvoer(score=4)},
    )
    data = formulier("concept", versie=versie_bij_openen, missie=2)
    data["el-beleid-toelichting"] = "Mijn uitgebreide toelichting"
    response = client.post(url, data)
    assert response.status_code == 409
    content = response.content.decode()
    assert "Iemand anders heeft deze ronde opgeslagen" in content
    assert "Mijn uitgebreide toelichting" in content  # the user's input is kept
    assert Score.objects.get(ronde=ronde, element__code="missie").score == 4
    # Saving again, knowingly, works: the form now carries the current version.
    assert f'name="versie" value="{versie_bij_openen + 1}"' in content
    assert client.post(url, {**data, "versie": str(versie_bij_openen + 1)}).status_code == 302
    assert Score.objects.get(ronde=ronde, element__code="missie").score == 2


def test_rondepagina_toont_geschiedenis(client, world):
    client.force_login(world.leider_a)
    ronde = world.concept_a
    client.post(reverse("quickscan:ronde_update", kwargs={"ronde": ronde.pk}), formulier(versie=ronde.versie, missie=4))
    content = client.get(ronde.get_absolute_url()).content.decode()
    assert "Geschiedenis" in content and "leider_a" in content
    assert "<del>3</del> → <ins>4</ins>" in content


def test_coordinator_heropent_en_leider_kan_weer_invullen(client, world):
    client.force_login(world.coordinator)
    response = client.post(reverse("quickscan:ronde_heropenen", kwargs={"pk": world.afgerond_a.pk}))
    assert response.status_code == 302
    world.afgerond_a.refresh_from_db()
    assert world.afgerond_a.status == "concept"
    client.force_login(world.leider_a)
    assert client.get(reverse("quickscan:ronde_update", kwargs={"ronde": world.afgerond_a.pk})).status_code == 200


def test_formulier_toont_vorige_score_en_neemt_gereedheid_over(client, world):
    Ronde.objects.filter(pk=world.afgerond_a.pk).update(gereedheid="Het team is er klaar voor.")
    client.force_login(world.leider_a)
    response = client.get(reverse("quickscan:ronde_create", kwargs={"pk": world.org_a.pk}))
    content = response.content.decode()
    assert response.context["vorige"] == world.afgerond_a
    missie = next(f for f in response.context["element_forms"] if f.element.code == "missie")
    assert missie.vorige_score == 2
    assert "vorige ronde:" in content and "Het team is er klaar voor." in content
    assert "niet of nauwelijks ontwikkeld/geïmplementeerd" in content


def test_volgende_ronde_toont_gereed_gekomen_acties_en_verschil(client, world):
    client.force_login(world.leider_a)
    actie = world.actie_a
    actie.status, actie.gereed_op = Actie.Status.GEREED, datetime.date(2014, 8, 1)
    actie.save()
    tweede = maak_ronde(world.org_a, {"missie": 3}, afronden=True, datum=datetime.date(2014, 10, 7))
    response = client.get(tweede.get_absolute_url())
    rows = {row.element.code: row for row in response.context["rows"]}
    assert rows["missie"].verschil == 1 and rows["missie"].acties_gereed == [actie]
    content = response.content.decode()
    assert "Missie herschrijven" in content
    assert "1e versie op 9 mei 2014 (zwart); 2e versie op 7 oktober 2014 (oranje, zwart is onveranderd)" in content
    assert '-bar-tweede-missie"' in content  # the progress chart is inlined (its ids prefixed: svg_in_pagina)


def test_leider_plant_actie_voor_element_onder_de_norm(client, world):
    client.force_login(world.leider_a)
    url = reverse("quickscan:actie_create", kwargs={"pk": world.afgerond_a.pk})
    assert client.get(url, {"element": "missie"}).context["form"].initial["element"].code == "missie"
    beleid = Element.objects.get(instrument=world.afgerond_a.instrument, code="beleid")
    data = {
        "element": beleid.pk,
        "omschrijving": "Beleid",
        "eigenaar": "MT",
        "deadline": "2014-01-01",
        "status": "gepland",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and "vóór de datum van de ronde" in response.content.decode()
    response = client.post(url, {**data, "deadline": "2014-12-01"})
    assert response.status_code == 302
    assert Actie.objects.filter(ronde=world.afgerond_a, element=beleid).exists()


def test_script_in_toelichting_wordt_als_tekst_getoond(client, world):
    client.force_login(world.leider_a)
    data = formulier(versie=world.concept_a.versie, missie=3)
    data["el-missie-toelichting"] = "<script>alert('x')</script>"
    client.post(reverse("quickscan:ronde_update", kwargs={"ronde": world.concept_a.pk}), data)
    content = client.get(world.concept_a.get_absolute_url()).content.decode()
    assert "<script>alert('x')</script>" not in content
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in content


def test_overzicht_leider_ziet_alleen_eigen_organisatie(client, world):
    maak_ronde(world.org_b, {"missie": 4}, afronden=True)
    client.force_login(world.leider_a)
    content = client.get(reverse("quickscan:overzicht")).content.decode()
    assert "Organisatie A" in content and "Organisatie B" not in content
    client.force_login(world.coordinator)
    content = client.get(reverse("quickscan:overzicht")).content.decode()
    assert "Organisatie A" in content and "Organisatie B" in content and "Organisatie Elders" not in content


@pytest.mark.parametrize("aantal", [5, 50])
def test_overzicht_querys_groeien_niet_met_organisaties(client, world, django_assert_max_num_queries, aantal):
    for organisatie in OrganisatieFactory.create_batch(aantal, werkplaats=world.werkplaats):
        maak_ronde(organisatie, {"missie": 2, "beleid": 4}, afronden=True)
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("quickscan:overzicht"), {"sorteer": "zwakst"})
    assert len(response.context["rijen"]) == aantal + 1


@pytest.mark.parametrize("rondes", [2, 8])
def test_organisatiepagina_querys_groeien_niet_met_rondes(client, world, django_assert_max_num_queries, rondes):
    for maand in range(1, rondes + 1):
        maak_ronde(world.org_a, {"missie": 3}, afronden=True, datum=datetime.date(2015, maand, 1))
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(18):  # 17 + the peer comparison's methods (tests/quickscan/test_vergelijking.py)
        response = client.get(reverse("quickscan:organisatie", kwargs={"pk": world.org_a.pk}))
    assert "trend_svg" in response.context


def test_home_toont_te_late_quickscans(client, world):
    client.force_login(world.leider_a)
    content = client.get(reverse("werkplaats:home")).content.decode()
    assert "Quickscans die aandacht vragen" in content and "te laat" in content


def test_coordinator_stelt_planning_in(client, world):
    client.force_login(world.coordinator)
    url = reverse("quickscan:instelling", kwargs={"pk": world.werkplaats.pk})
    response = client.post(url, {"interval_maanden": "6", "te_laat_na_maanden": "5"})
    assert response.status_code == 400
    response = client.post(url, {"interval_maanden": "4", "te_laat_na_maanden": "6"})
    assert response.status_code == 302
    assert world.werkplaats.quickscan_instelling.te_laat_na_maanden == 6


# Users who oversee more than one werkplaats: one at a time --------------------------------------------------


def werkplaatsen_erbij(aantal: int, organisaties: int = 4) -> None:
    """`aantal` more werkplaatsen (named after the world's, so they sort last), each with organisations that
    have a submitted round and one without."""
    for n in range(aantal):
        werkplaats = WerkplaatsFactory(naam=f"Zz-werkplaats {n:02d}")
        for organisatie in OrganisatieFactory.create_batch(organisaties, werkplaats=werkplaats):
            maak_ronde(organisatie, {"missie": 2, "beleid": 4}, afronden=True, datum=datetime.date(2014, 2, 1))
        OrganisatieFactory(werkplaats=werkplaats)


def keuzelijst(content: str) -> str:
    begin = content.index('<select class="form-select" id="werkplaats"')
    return content[begin : content.index("</select>", begin)]


def test_overzicht_beheerder_ziet_standaard_de_eerste_werkplaats_op_naam(client, world):
    client.force_login(world.beheerder)
    response = client.get(reverse("quickscan:overzicht"))
    assert response.status_code == 200
    assert response.context["keuze"].gekozen == world.andere_werkplaats  # "Elders" before "Test"
    content = response.content.decode()
    assert '<label class="form-label" for="werkplaats">Werkplaats</label>' in content
    assert f'<option value="{world.andere_werkplaats.pk}" selected>' in keuzelijst(content)
    assert f'<option value="{world.werkplaats.pk}">' in keuzelijst(content)
    assert "Organisatie Elders" in content and "Organisatie A" not in content


def test_overzicht_beheerder_kiest_een_werkplaats(client, world):
    client.force_login(world.beheerder)
    response = client.get(reverse("quickscan:overzicht"), {"werkplaats": world.werkplaats.pk, "sorteer": "zwakst"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Organisatie A" in content and "Organisatie B" in content and "Organisatie Elders" not in content
    assert f'<option value="{world.werkplaats.pk}" selected>' in keuzelijst(content)
    # Sorting keeps the werkplaats, and the selector keeps the sort order.
    assert f'<input type="hidden" name="werkplaats" value="{world.werkplaats.pk}">' in content
    assert '<input type="hidden" name="sorteer" value="zwakst">' in content
    assert f"?werkplaats={world.werkplaats.pk}&amp;sorteer=missie" in content


def test_overzicht_standaard_is_de_eigen_werkplaats(client, world):
    RolFactory(user=world.beheerder, soort=Rol.Soort.COORDINATOR, werkplaats=world.werkplaats)
    client.force_login(world.beheerder)
    response = client.get(reverse("quickscan:overzicht"))
    assert response.context["keuze"].gekozen == world.werkplaats
    assert "Organisatie A" in response.content.decode()


def test_coordinator_van_twee_werkplaatsen_kiest_tussen_die_twee(client, world):
    RolFactory(user=world.coordinator, soort=Rol.Soort.COORDINATOR, werkplaats=world.andere_werkplaats)
    WerkplaatsFactory(naam="Wmo-werkplaats Niet van mij")
    client.force_login(world.coordinator)
    response = client.get(reverse("quickscan:overzicht"))
    assert [w.naam for w in response.context["keuze"].werkplaatsen] == [
        "Wmo-werkplaats Elders",
        "Wmo-werkplaats Test",
    ]
    assert "Niet van mij" not in response.content.decode()


@pytest.mark.parametrize("waarde", ["abc", "999999", "-1", "1.5"])
def test_overzicht_onbekende_werkplaats_geeft_400_met_melding(client, world, waarde):
    client.force_login(world.beheerder)
    response = client.get(reverse("quickscan:overzicht"), {"werkplaats": waarde})
    assert response.status_code == 400
    content = response.content.decode()
    assert 'aria-invalid="true" aria-describedby="werkplaats-fout"' in content
    assert '<div id="werkplaats-fout" class="invalid-feedback">Kies een werkplaats uit de lijst.</div>' in content
    assert "Organisatie Elders" in content  # the default werkplaats is shown


def test_overzicht_werkplaats_buiten_zicht_geeft_400(client, world):
    RolFactory(user=world.coordinator, soort=Rol.Soort.LECTORAAT, werkplaats=world.andere_werkplaats)
    niet_van_mij = WerkplaatsFactory(naam="Wmo-werkplaats Niet van mij")
    OrganisatieFactory(werkplaats=niet_van_mij, naam="Geheime organisatie")
    client.force_login(world.coordinator)
    response = client.get(reverse("quickscan:overzicht"), {"werkplaats": niet_van_mij.pk})
    assert response.status_code == 400 and "Geheime organisatie" not in response.content.decode()


def test_overzicht_met_een_werkplaats_zonder_keuzelijst(client, world):
    client.force_login(world.coordinator)
    gewoon = client.get(reverse("quickscan:overzicht")).content.decode()
    assert 'name="werkplaats"' not in gewoon and "Organisatie A" in gewoon
    # The parameter means nothing to a user with one werkplaats: the same page.
    response = client.get(reverse("quickscan:overzicht"), {"werkplaats": world.andere_werkplaats.pk})
    assert response.status_code == 200
    assert "Organisatie A" in response.content.decode() and "Organisatie Elders" not in response.content.decode()


@pytest.mark.parametrize("extra", [0, 12])
def test_overzicht_beheerder_groeit_niet_met_werkplaatsen(client, world, django_assert_max_num_queries, extra):
    werkplaatsen_erbij(extra)
    client.force_login(world.beheerder)
    client.get(reverse("quickscan:overzicht"))  # the first request after the login writes the session
    with django_assert_max_num_queries(12):
        response = client.get(reverse("quickscan:overzicht"), {"werkplaats": world.werkplaats.pk})
    assert len(response.context["rijen"]) == 1 and len(response.context["cadans"]) == 2
    assert len(response.context["keuze"].werkplaatsen) == 2 + extra


def test_home_toont_de_dringendste_tien_met_link_naar_alle(client, world):
    for organisatie in OrganisatieFactory.create_batch(12, werkplaats=world.werkplaats):
        maak_ronde(organisatie, {"missie": 3}, afronden=True, datum=datetime.date(2013, 1, 1))
    client.force_login(world.coordinator)
    response = client.get(reverse("werkplaats:home"))
    panel = next(p for p in response.context["panels"] if p["template"] == "quickscan/panel_home.html")
    assert len(panel["aandacht"]) == 10 and panel["aantal_aandacht"] == 14  # 12 + A (late) + B (none)
    assert all(c.status == "te_laat" for c in panel["aandacht"])  # overdue before "no quickscan yet"
    content = response.content.decode()
    assert "Alle 14 quickscans die aandacht vragen bekijken" in content
    assert content.count('<li class="list-group-item') == 10


@pytest.mark.parametrize("extra", [0, 12])
def test_home_beheerder_quickscans_per_werkplaats(client, world, django_assert_max_num_queries, extra):
    werkplaatsen_erbij(extra)
    client.force_login(world.beheerder)
    client.get(reverse("werkplaats:home"))  # the first request after the login writes the session
    with django_assert_max_num_queries(12):
        response = client.get(reverse("werkplaats:home"))
    panel = next(p for p in response.context["panels"] if p["template"] == "quickscan/panel_home.html")
    assert len(panel["aandacht"]) == min(10, 3 + 5 * extra)
    assert [w.naam for w, _aantal in panel["per_werkplaats"]][:2] == ["Wmo-werkplaats Elders", "Wmo-werkplaats Test"]
    content = response.content.decode()
    assert f'href="{reverse("quickscan:overzicht")}?werkplaats={world.werkplaats.pk}"' in content


def test_overzicht_toont_laatste_ronde_per_reeks_ook_bij_teams(client, world):
    team = world.afdeling_a
    maak_ronde(world.org_a, {"missie": 4}, afronden=True, datum=datetime.date(2014, 8, 1))
    maak_ronde(world.org_a, {"missie": 5}, afronden=True, datum=datetime.date(2014, 8, 1))  # same day, later
    maak_ronde(world.org_a, {"missie": 1}, afronden=True, datum=datetime.date(2014, 6, 1), afdeling=team)
    maak_ronde(world.org_a, {"missie": 2}, afronden=True, datum=datetime.date(2014, 7, 1), afdeling=team)
    maak_ronde(world.org_a, {"missie": 1}, datum=datetime.date(2014, 9, 1), afdeling=team)  # a concept
    client.force_login(world.coordinator)
    rijen = client.get(reverse("quickscan:overzicht")).context["rijen"]
    assert [(rij.naam, scores[0]) for rij, scores in rijen] == [("Organisatie A", 5), ("Organisatie A – Team A1", 2)]


@pytest.mark.parametrize("rondes", [1, 10])
def test_overzicht_haalt_alleen_de_laatste_rondes(client, world, monkeypatch, rondes):
    for maand in range(1, rondes + 1):
        maak_ronde(world.org_b, {"missie": 1 + maand % 5}, afronden=True, datum=datetime.date(2015, maand, 1))
    gehaald = []
    origineel = selectors.rondes_met_scores
    monkeypatch.setattr(selectors, "rondes_met_scores", lambda qs: gehaald.extend(origineel(qs)) or gehaald)
    client.force_login(world.coordinator)
    rijen = client.get(reverse("quickscan:overzicht")).context["rijen"]
    assert [(rij.naam, scores[0]) for rij, scores in rijen] == [("Organisatie A", 2), ("Organisatie B", 1 + rondes % 5)]
    assert len(gehaald) == 2  # the latest round of A and of B, not their history
