"""The read API (rapportage/api/) and its personal tokens (werkplaats/api_tokens.py).

The permission matrix (tests/test_permissions.py) checks every endpoint for every role by session; these tests check
the token itself, what each role's token sees, bad input, pagination, throttling, the schema and the query counts.
"""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.throttling import UserRateThrottle

from quickscan import onderzoek
from quickscan.models import Actie, Element, Ronde
from quickscan.services import actie_opslaan
from tests.factories import DeelnameFactory, MethodeFactory, OrganisatieFactory, TrajectFactory, maak_ronde
from tests.test_permissions import landelijk_gebruiker
from werkplaats.api_tokens import api_token_aanmaken, api_token_intrekken
from werkplaats.models import ApiToken

D = datetime.date


@pytest.fixture(autouse=True)
def _geen_oude_tellingen():
    cache.clear()  # the throttle counts in the default cache
    yield
    cache.clear()


@pytest.fixture
def api_wereld(world):
    methode = MethodeFactory(naam="Het Gesprek")
    traject = TrajectFactory(werkplaats=world.werkplaats, naam="Traject API", methoden=[methode])
    DeelnameFactory(traject=traject, organisatie=world.org_a, methoden=[methode])
    DeelnameFactory(traject=traject, organisatie=world.org_b)
    world.traject = traject
    world.a2 = maak_ronde(world.org_a, {"missie": 4}, afronden=True, datum=D(2014, 9, 9))
    world.b1 = maak_ronde(world.org_b, {"missie": 3}, afronden=True, datum=D(2014, 6, 1))
    actie = world.actie_a
    actie.status, actie.gereed_op = Actie.Status.GEREED, D(2014, 8, 1)
    actie_opslaan(actie=actie)
    return world


def token_van(user) -> str:
    return api_token_aanmaken(user=user, naam="test")[1]


def get(client, naam, token=None, kwargs=None, **params):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get(reverse(naam, kwargs=kwargs), params, headers=headers)


# Tokens ------------------------------------------------------------------------------------------------------------


def test_token_wordt_gehasht_bewaard_en_werkt(client, api_wereld):
    rij, token = api_token_aanmaken(user=api_wereld.coordinator, naam="R")
    assert token.startswith("wp_") and rij.prefix in token
    assert rij.sleutel_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {rij.prefix, rij.sleutel_hash, rij.naam}
    response = get(client, "api:traject-list", token)
    assert response.status_code == 200
    assert [t["naam"] for t in response.json()["results"]] == ["Traject API"]
    rij.refresh_from_db()
    assert rij.laatst_gebruikt_op is not None


@pytest.mark.parametrize(
    "header",
    ["Bearer wp_0123456789_fout", "Bearer nonsens", "Bearer", "Bearer a b", "Token wp_zonder"],
)
def test_ongeldig_token_401(client, api_wereld, header):
    token_van(api_wereld.coordinator)
    response = client.get(reverse("api:traject-list"), headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_anoniem_401(client, api_wereld):
    response = client.get(reverse("api:ronde-list"))
    assert response.status_code == 401
    assert response.json() == {"detail": "Log in, of stuur een persoonlijk token mee: Authorization: Bearer wp_…"}


def test_ingetrokken_token_401(client, api_wereld):
    rij, token = api_token_aanmaken(user=api_wereld.coordinator, naam="R")
    api_token_intrekken(token=rij)
    assert get(client, "api:traject-list", token).status_code == 401


def test_token_van_gedeactiveerd_account_401(client, api_wereld):
    token = token_van(api_wereld.coordinator)
    api_wereld.coordinator.is_active = False
    api_wereld.coordinator.save()
    assert get(client, "api:traject-list", token).status_code == 401


def test_token_aanmaken_en_intrekken_op_mijn_account(client, api_wereld):
    client.force_login(api_wereld.leider_a)
    response = client.post(reverse("api_token_aanmaken"), {"naam": "Excel"})
    assert response.status_code == 200
    token = response.context["token"]
    assert token in response.content.decode()
    rij = ApiToken.objects.get(user=api_wereld.leider_a)
    assert rij.naam == "Excel"
    pagina = client.get(reverse("account_instellingen")).content.decode()
    assert f"wp_{rij.prefix}" in pagina and token not in pagina  # listed, never shown again
    client.logout()
    assert get(client, "api:ronde-list", token).status_code == 200
    client.force_login(api_wereld.leider_a)
    assert client.post(reverse("api_token_intrekken", kwargs={"pk": rij.pk})).status_code == 302
    client.logout()
    assert get(client, "api:ronde-list", token).status_code == 401
    assert ApiToken.objects.filter(pk=rij.pk, ingetrokken_op__isnull=False).exists()  # kept, not deleted


def test_token_zonder_naam_400(client, api_wereld):
    client.force_login(api_wereld.leider_a)
    response = client.post(reverse("api_token_aanmaken"), {"naam": ""})
    assert response.status_code == 400
    assert "is-invalid" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_token_van_een_ander_intrekken_404(client, api_wereld):
    rij, _token = api_token_aanmaken(user=api_wereld.leider_a, naam="R")
    client.force_login(api_wereld.coordinator)
    assert client.post(reverse("api_token_intrekken", kwargs={"pk": rij.pk})).status_code == 404
    rij.refresh_from_db()
    assert rij.is_actief


# What each token sees ----------------------------------------------------------------------------------------------


def test_leider_ziet_alleen_eigen_organisatie(client, api_wereld):
    token = token_van(api_wereld.leider_a)
    rondes = get(client, "api:ronde-list", token).json()["results"]
    assert {r["organisatie"] for r in rondes} == {api_wereld.org_a.pk}
    andere = get(client, "api:ronde-detail", token, kwargs={"pk": api_wereld.b1.pk})
    assert andere.status_code == 404 and andere.json() == {"detail": "Niet gevonden."}
    assert get(client, "api:organisatie-detail", token, kwargs={"pk": api_wereld.org_b.pk}).status_code == 404
    assert [o["id"] for o in get(client, "api:organisatie-list", token).json()["results"]] == [api_wereld.org_a.pk]
    acties = get(client, "api:actie-list", token).json()["results"]
    assert [a["id"] for a in acties] == [api_wereld.actie_a.pk]


def test_ronde_met_scores(client, api_wereld):
    token = token_van(api_wereld.coordinator)
    ronde = get(client, "api:ronde-detail", token, kwargs={"pk": api_wereld.a2.pk}).json()
    assert ronde["datum"] == "2014-09-09" and ronde["status"] == "afgerond"
    assert {"element": "missie", "element_naam": "Missie", "score": 4, "toelichting": ""} in ronde["scores"]


def test_andere_werkplaats_404(client, api_wereld):
    elders = maak_ronde(api_wereld.org_elders, {"missie": 2}, afronden=True)
    token = token_van(api_wereld.coordinator)
    assert get(client, "api:ronde-detail", token, kwargs={"pk": elders.pk}).status_code == 404


def test_landelijke_rol_krijgt_geen_persoonsgegevens(client, api_wereld):
    token = token_van(landelijk_gebruiker(username="landelijk_api"))
    for naam in ("api:ronde-list", "api:actie-list", "api:organisatie-list", "api:traject-list"):
        response = get(client, naam, token)
        assert response.status_code == 403, naam
        assert "landelijke rol" in response.json()["detail"]
    assert get(client, "api:methode-list", token).status_code == 200


def test_filters(client, api_wereld):
    token = token_van(api_wereld.coordinator)
    rondes = get(client, "api:ronde-list", token, organisatie=api_wereld.org_b.pk).json()["results"]
    assert [r["id"] for r in rondes] == [api_wereld.b1.pk]
    rondes = get(client, "api:ronde-list", token, status="concept").json()["results"]
    assert [r["id"] for r in rondes] == [api_wereld.concept_a.pk]
    rondes = get(client, "api:ronde-list", token, vanaf="2014-06-01", tot_en_met="2014-09-09").json()["results"]
    assert [r["id"] for r in rondes] == [api_wereld.b1.pk, api_wereld.a2.pk]


@pytest.mark.parametrize(
    ("naam", "params", "veld", "melding"),
    [
        ("api:ronde-list", {"onbekend": "1"}, "onbekend", "Onbekende parameter."),
        ("api:ronde-list", {"vanaf": "31-02-2014"}, "vanaf", "Geef een datum als JJJJ-MM-DD."),
        ("api:ronde-list", {"organisatie": "a"}, "organisatie", "Geef een geheel getal."),
        ("api:ronde-list", {"status": "klaar"}, "status", "Kies uit: concept, afgerond."),
        ("api:methode-list", {"format": "api"}, "format", "Onbekende parameter."),
    ],
)
def test_foute_parameters_400(client, api_wereld, naam, params, veld, melding):
    response = get(client, naam, token_van(api_wereld.coordinator), **params)
    assert response.status_code == 400
    assert response.json() == {veld: melding}


def test_detail_neemt_geen_parameters(client, api_wereld):
    token = token_van(api_wereld.coordinator)
    response = get(client, "api:ronde-detail", token, kwargs={"pk": api_wereld.a2.pk}, organisatie="1")
    assert response.status_code == 400


def test_paginering(client, api_wereld):
    token = token_van(api_wereld.coordinator)
    eerste = get(client, "api:ronde-list", token, per_pagina=1).json()
    assert eerste["count"] == 4 and len(eerste["results"]) == 1 and "pagina=2" in eerste["next"]
    buiten = get(client, "api:ronde-list", token, per_pagina=1, pagina=99)
    assert buiten.status_code == 404 and buiten.json() == {"detail": "Deze pagina bestaat niet."}


def test_alleen_lezen(client, api_wereld):
    token = token_van(api_wereld.coordinator)
    headers = {"Authorization": f"Bearer {token}"}
    url = reverse("api:ronde-detail", kwargs={"pk": api_wereld.a2.pk})
    verwijderd = client.delete(url, headers=headers)
    assert verwijderd.status_code == 405 and verwijderd.json() == {"detail": "De API is alleen-lezen: alleen GET."}
    assert client.post(reverse("api:ronde-list"), {}, headers=headers).status_code == 405
    assert Ronde.objects.filter(pk=api_wereld.a2.pk).exists()


def test_verzoeken_per_uur_begrensd(client, api_wereld, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/hour"})
    token = token_van(api_wereld.coordinator)
    statussen = [get(client, "api:methode-list", token).status_code for _ in range(4)]
    assert statussen == [200, 200, 200, 429]
    assert "Te veel verzoeken" in get(client, "api:methode-list", token).json()["detail"]


# Figures and the research export -----------------------------------------------------------------------------------


def test_cijfers_op_peildatum(client, api_wereld):
    token = token_van(api_wereld.coordinator)
    cijfers = get(client, "api:traject-cijfers", token, kwargs={"pk": api_wereld.traject.pk}, peildatum="2014-06-30")
    assert cijfers.status_code == 200
    data = cijfers.json()
    assert data["peildatum"] == "2014-06-30" and data["traject"] == api_wereld.traject.pk
    assert {o["organisatie"] for o in data["organisaties"]} == {api_wereld.org_a.pk, api_wereld.org_b.pk}
    assert [m["naam"] for m in data["methoden"]] == ["Het Gesprek"]


def test_cijfers_leider_ziet_details_van_eigen_organisatie(client, api_wereld):
    token = token_van(api_wereld.leider_a)
    data = get(client, "api:traject-cijfers", token, kwargs={"pk": api_wereld.traject.pk}).json()
    assert {o["organisatie"] for o in data["organisaties"]} == {api_wereld.org_a.pk}


@pytest.mark.parametrize("peildatum", ["2013-01-01", "morgen"])
def test_cijfers_foute_peildatum_400(client, api_wereld, peildatum):
    token = token_van(api_wereld.coordinator)
    response = get(client, "api:traject-cijfers", token, kwargs={"pk": api_wereld.traject.pk}, peildatum=peildatum)
    assert response.status_code == 400
    assert list(response.json()) == ["peildatum"]


def test_onderzoek_als_json_gelijk_aan_de_export(client, api_wereld):
    token = token_van(api_wereld.lectoraat)
    response = get(client, "api:traject-onderzoek", token, kwargs={"pk": api_wereld.traject.pk}, per_pagina=1000)
    assert response.status_code == 200
    rijen = onderzoek.onderzoek_rijen(api_wereld.traject, Ronde.objects.all())
    assert response.json()["count"] == len(rijen) > 0
    missie = next(r for r in response.json()["results"] if r["element_code"] == "missie")
    assert missie | {"gereedheid": {}} == {
        "traject": "Traject API",
        "methoden": ["Het Gesprek"],
        "organisatie": "Organisatie A",
        "organisatie_soort": "Instelling",
        "team": "",
        "element_code": "missie",
        "element": "Missie",
        "ronde_voor": api_wereld.afgerond_a.pk,
        "ronde_na": api_wereld.a2.pk,
        "datum_voor": "2014-05-09",
        "datum_na": "2014-09-09",
        "score_voor": 2,
        "score_na": 4,
        "verschil": 2,
        "maanden": 4.0,
        "aantal_acties": 1,
        "acties": [{"omschrijving": "Missie herschrijven", "gereed_op": "2014-08-01"}],
        "gereedheid": {},
    }


def test_onderzoek_pseudoniem_en_leider(client, api_wereld):
    token = token_van(api_wereld.coordinator)
    kwargs = {"pk": api_wereld.traject.pk}
    rijen = get(client, "api:traject-onderzoek", token, kwargs=kwargs, pseudoniem="true").json()["results"]
    assert rijen and all(r["organisatie"].startswith("ORG-") and r["ronde_voor"] is None for r in rijen)
    assert get(client, "api:traject-onderzoek", token, kwargs=kwargs, pseudoniem="misschien").status_code == 400
    leider = token_van(api_wereld.leider_a)
    assert get(client, "api:traject-onderzoek", leider, kwargs=kwargs).status_code == 403


# Query counts ------------------------------------------------------------------------------------------------------


def _meer_rondes(world, traject, aantal):
    for _ in range(aantal):
        organisatie = OrganisatieFactory(werkplaats=world.werkplaats)
        DeelnameFactory(traject=traject, organisatie=organisatie)
        for i in range(3):
            ronde = maak_ronde(organisatie, {"missie": 1 + i}, afronden=True, datum=D(2014, 2 + 3 * i, 1))
        actie_opslaan(
            actie=Actie(
                ronde=ronde,
                element=Element.objects.get(instrument=ronde.instrument, code="missie"),
                omschrijving="x",
                eigenaar="y",
                deadline=ronde.datum,
            )
        )


@pytest.mark.parametrize("naam", ["api:ronde-list", "api:actie-list", "api:organisatie-list", "api:traject-onderzoek"])
def test_aantal_queries_constant(client, api_wereld, naam):
    token = token_van(api_wereld.coordinator)
    kwargs = {"pk": api_wereld.traject.pk} if naam == "api:traject-onderzoek" else None
    _meer_rondes(api_wereld, api_wereld.traject, 2)
    get(client, naam, token, kwargs=kwargs)  # the token's first use writes `laatst_gebruikt_op` (once a minute)
    with CaptureQueriesContext(connection) as klein:
        assert get(client, naam, token, kwargs=kwargs).status_code == 200
    _meer_rondes(api_wereld, api_wereld.traject, 6)
    with CaptureQueriesContext(connection) as groot:
        response = get(client, naam, token, kwargs=kwargs)
    assert response.json()["count"] > 0
    assert len(groot) == len(klein)


# Schema and documentation ------------------------------------------------------------------------------------------


def test_schema_zonder_waarschuwingen(tmp_path):
    uit = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(uit))
    tekst = uit.read_text()
    for pad in ("/api/rondes/", "/api/trajecten/{id}/cijfers/", "/api/trajecten/{id}/onderzoek/", "/api/acties/"):
        assert f"{pad}:" in tekst
    assert "persoonlijkToken" in tekst


def test_schema_via_de_app(client, api_wereld):
    response = get(client, "api:schema", token_van(api_wereld.coordinator))
    assert response.status_code == 200 and b"openapi: 3" in response.content


def test_documentatiepagina(client, api_wereld):
    client.force_login(api_wereld.coordinator)
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    tekst = response.content.decode()
    assert "/api/trajecten/{id}/onderzoek/" in tekst and "pseudoniem" in tekst


def test_swagger_ui_zonder_inline_script(client, api_wereld):
    """Swagger UI from the sidecar's static files; its set-up script is a separate request, so the CSP (script-src
    'self', no 'unsafe-inline') refuses nothing."""
    import re

    client.force_login(api_wereld.coordinator)
    response = client.get(reverse("api:swagger"))
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all('src="' in attrs and not inhoud.strip() for attrs, inhoud in scripts)
    assert "<style" not in html and "cdn" not in html.lower()
    assert "/static/drf_spectacular_sidecar/" in html
    script = client.get(reverse("api:swagger"), {"script": ""})
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
