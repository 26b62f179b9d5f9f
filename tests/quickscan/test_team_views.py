"""The pages of the team scoring: the leader's team page, a member's form behind their link (anonymous) or logged in,
the meeting view, the research export; bad input, limits, and that the consensus alone leaves the round.

Who gets which status on every URL: tests/test_permissions.py.
"""

from __future__ import annotations

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.core import mail as django_mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from quickscan import selectors, services, team
from quickscan.models import Ronde, Score, Teamlid, Teamscore, Teamscoring
from tests.factories import leider_van, maak_ronde

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
OVER_EEN_WEEK = timezone.localdate() + datetime.timedelta(days=7)


def scores_formulier(**scores) -> dict[str, str]:
    """What a member's form (or the meeting's) posts: {code: score or (score, note)}."""
    data = {}
    for code in CODES:
        waarde = scores.get(code, "")
        score, toelichting = waarde if isinstance(waarde, tuple) else (waarde, "")
        data[f"el-{code}-score"] = "" if score is None else str(score)
        data[f"el-{code}-toelichting"] = toelichting
    return data


@pytest.fixture
def teamronde(world):
    world.teamscoring = team.teamscoring_opslaan(ronde=world.concept_a, deadline=OVER_EEN_WEEK, anoniem=True)
    world.anna = team.teamlid_uitnodigen(teamscoring=world.teamscoring, naam="Anna", email="anna@example.nl")
    world.token = team.token_vernieuwen(world.anna)
    world.link = reverse("quickscan:team_link", kwargs={"pk": world.concept_a.pk, "token": world.token})
    cache.clear()  # the limit on unknown links counts per address in the cache
    return world


# A member's form behind their link ---------------------------------------------------------------------------------


def test_teamlid_zonder_account_ziet_alleen_het_eigen_formulier_en_slaat_op(client, teamronde):
    world = teamronde
    bram = team.teamlid_uitnodigen(teamscoring=world.teamscoring, naam="Bram", email="bram@example.nl")
    team.teamscores_opslaan(
        teamlid=bram, invoer={world.concept_a.instrument.elementen.get(code="missie").pk: team.TeamInvoer(1, "Bram's")}
    )
    response = client.get(world.link)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Uw scores voor de quickscan van Organisatie A" in html
    assert "Uw scores zijn anoniem" in html
    assert "Bram" not in html and "Uitloggen" not in html  # no other member's input, no menu of the app
    assert html.count('name="el-missie-score"') == 6  # 1-5 and "niet gescoord"
    response = client.post(world.link, scores_formulier(missie=(4, "Staat in het jaarplan."), beleid=2))
    assert response.status_code == 302 and response.url == world.link
    assert sorted(
        Teamscore.objects.filter(teamlid=world.anna).values_list("element__code", "score", "toelichting")
    ) == [
        ("beleid", 2, ""),
        ("missie", 4, "Staat in het jaarplan."),
    ]
    response = client.get(world.link)
    assert "Uw scores zijn opgeslagen." in response.content.decode()
    assert 'value="4" class="form-check-input" id="id_el-missie-score_4" checked' in response.content.decode()
    # Changing before the date is allowed.
    assert client.post(world.link, scores_formulier(missie=5)).status_code == 302
    assert Teamscore.objects.get(teamlid=world.anna, element__code="missie").score == 5


@pytest.mark.parametrize("waarde", ["6", "0", "-1", "drie", "3.5"])
def test_score_buiten_1_tot_en_met_5_via_de_link_schrijft_niets(client, teamronde, waarde):
    world = teamronde
    data = scores_formulier(missie=4)
    data["el-beleid-score"] = waarde
    response = client.post(world.link, data)
    assert response.status_code == 400
    assert "Kies een score van 1 tot en met 5." in response.content.decode()
    assert not Teamscore.objects.exists()


def test_onbekende_link_geeft_een_duidelijke_404(client, teamronde):
    world = teamronde
    for token in ("onzin", world.token[:-1] + ("A" if world.token[-1] != "A" else "B"), "x" * 200):
        url = reverse("quickscan:team_link", kwargs={"pk": world.concept_a.pk, "token": token})
        response = client.post(url, scores_formulier(missie=4))
        assert response.status_code == 404
        assert "Deze link werkt niet" in response.content.decode()
    assert not Teamscore.objects.exists()


def test_link_van_een_andere_ronde_schrijft_niets(client, teamronde):
    world = teamronde
    andere = maak_ronde(world.org_a, datum=datetime.date(2014, 11, 11))
    url = reverse("quickscan:team_link", kwargs={"pk": andere.pk, "token": world.token})
    response = client.post(url, scores_formulier(missie=4))
    assert response.status_code == 404
    assert "Deze link hoort bij een andere ronde" in response.content.decode()
    assert not Teamscore.objects.exists()


def test_link_na_afronden_geeft_410_en_schrijft_niets(client, teamronde):
    world = teamronde
    assert client.post(world.link, scores_formulier(missie=4)).status_code == 302
    services.ronde_afronden(ronde=world.concept_a)
    response = client.post(world.link, scores_formulier(missie=1))
    assert response.status_code == 410
    assert "De ronde is afgerond" in response.content.decode()
    response = client.get(world.link)
    assert response.status_code == 410 and 'name="el-missie-score"' not in response.content.decode()
    assert list(Teamscore.objects.values_list("score", flat=True)) == [4]


def test_link_na_de_datum_geeft_410_en_schrijft_niets(client, teamronde):
    world = teamronde
    Teamscoring.objects.filter(pk=world.teamscoring.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = client.post(world.link, scores_formulier(missie=4))
    assert response.status_code == 410
    assert "De termijn om te scoren is verstreken op" in response.content.decode()
    assert not Teamscore.objects.exists()


def test_ingetrokken_link_werkt_niet_meer(client, teamronde):
    world = teamronde
    team.teamlid_intrekken(teamlid=world.anna)
    assert client.get(world.link).status_code == 404


def test_te_veel_onbekende_links_van_een_adres_geven_429_ook_voor_een_goede(client, teamronde):
    world = teamronde
    fout = reverse("quickscan:team_link", kwargs={"pk": world.concept_a.pk, "token": "geraden"})
    for _ in range(team.FOUTEN_PER_UUR):
        assert client.get(fout).status_code == 404
    response = client.get(world.link)
    assert response.status_code == 429
    assert "te veel onbekende links" in response.content.decode()
    # Another address is not affected.
    assert client.get(world.link, REMOTE_ADDR="192.0.2.9").status_code == 200


def test_teamlid_met_account_scoort_na_inloggen(client, teamronde):
    world = teamronde
    collega = leider_van(world.org_a, username="collega")
    team.teamlid_uitnodigen(teamscoring=world.teamscoring, user=collega)
    url = reverse("quickscan:mijn_teamscores", kwargs={"pk": world.concept_a.pk})
    assert client.get(url).status_code == 302  # login first
    client.force_login(collega)
    assert client.get(url).status_code == 200
    assert client.post(url, scores_formulier(netwerk=(3, "Goed contact met de wijk."))).status_code == 302
    assert Teamscore.objects.get(teamlid__user=collega).score == 3
    client.force_login(world.leider_a)  # not invited
    assert client.get(url).status_code == 404


# The leader's team page ------------------------------------------------------------------------------------------


def test_leider_zet_teamscores_aan_en_nodigt_uit_met_een_werkende_link(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.leider_a)
    url = reverse("quickscan:team", kwargs={"pk": world.concept_a.pk})
    assert "Teamscores aanzetten" in client.get(url).content.decode()
    response = client.post(url, {"deadline": OVER_EEN_WEEK.isoformat(), "anoniem": "nee", "versie": ""})
    assert response.status_code == 302
    teamscoring = Teamscoring.objects.get(ronde=world.concept_a)
    assert (teamscoring.deadline, teamscoring.anoniem, teamscoring.aangemaakt_door) == (
        OVER_EEN_WEEK,
        False,
        world.leider_a,
    )
    uitnodigen = reverse("quickscan:team_uitnodigen", kwargs={"pk": world.concept_a.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(uitnodigen, {"uitnodiging-naam": "Anna", "uitnodiging-email": "anna@example.nl"})
    assert response.status_code == 302
    assert [b.to for b in django_mail.outbox] == [["anna@example.nl"]]
    pad = re.search(r"http://[^/\s]+(/quickscan/rondes/\d+/team/link/\S+/)", django_mail.outbox[0].body).group(1)
    html = client.get(url).content.decode()
    assert "Anna" in html and "verzonden" in html
    client.logout()
    assert client.get(pad).status_code == 200
    assert client.post(pad, scores_formulier(missie=4)).status_code == 302
    assert Teamscore.objects.get().teamlid.naam == "Anna"


def test_uitnodiging_zonder_adres_of_dubbel_geeft_400(client, teamronde):
    world = teamronde
    client.force_login(world.leider_a)
    uitnodigen = reverse("quickscan:team_uitnodigen", kwargs={"pk": world.concept_a.pk})
    response = client.post(uitnodigen, {"uitnodiging-naam": "Niemand"})
    assert response.status_code == 400
    assert "Vul een e-mailadres in of kies een collega" in response.content.decode()
    response = client.post(uitnodigen, {"uitnodiging-email": "ANNA@example.nl"})
    assert response.status_code == 400
    assert "Deze persoon is al uitgenodigd voor deze ronde." in response.content.decode()
    assert Teamlid.objects.count() == 1


def test_uitnodigen_voordat_teamscores_aanstaan_geeft_400(client, world):
    client.force_login(world.leider_a)
    uitnodigen = reverse("quickscan:team_uitnodigen", kwargs={"pk": world.concept_a.pk})
    response = client.post(uitnodigen, {"uitnodiging-email": "anna@example.nl"})
    assert response.status_code == 400
    assert "Zet eerst de teamscores aan" in response.content.decode()
    assert not Teamlid.objects.exists()


def test_datum_in_het_verleden_geeft_400(client, world):
    client.force_login(world.leider_a)
    url = reverse("quickscan:team", kwargs={"pk": world.concept_a.pk})
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(url, {"deadline": gisteren.isoformat(), "anoniem": "ja"})
    assert response.status_code == 400
    assert "Kies vandaag of een dag in de toekomst." in response.content.decode()
    assert not Teamscoring.objects.exists()


def test_instellingen_op_een_oude_versie_geven_409_met_de_invoer(client, teamronde):
    world = teamronde
    client.force_login(world.leider_a)
    url = reverse("quickscan:team", kwargs={"pk": world.concept_a.pk})
    oud = world.teamscoring.versie
    later = OVER_EEN_WEEK + datetime.timedelta(days=2)
    assert client.post(url, {"deadline": later.isoformat(), "anoniem": "ja", "versie": oud}).status_code == 302
    nog_later = OVER_EEN_WEEK + datetime.timedelta(days=5)
    response = client.post(url, {"deadline": nog_later.isoformat(), "anoniem": "ja", "versie": oud})
    assert response.status_code == 409
    html = response.content.decode()
    assert f'value="{nog_later.isoformat()}"' in html
    assert f'name="versie" value="{oud + 1}"' in html
    assert Teamscoring.objects.get().deadline == later


def test_intrekken_en_opnieuw_mailen(client, teamronde, django_capture_on_commit_callbacks):
    world = teamronde
    client.force_login(world.leider_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("quickscan:teamlid_opnieuw", kwargs={"pk": world.anna.pk}))
    assert response.status_code == 302 and len(django_mail.outbox) == 1
    assert client.get(world.link).status_code == 404  # the old link was replaced
    assert client.post(reverse("quickscan:teamlid_intrekken", kwargs={"pk": world.anna.pk})).status_code == 302
    assert not Teamlid.objects.get(pk=world.anna.pk).actief


def test_intrekken_na_afronden_geeft_403(client, teamronde):
    world = teamronde
    client.force_login(world.beheerder)
    services.ronde_afronden(ronde=world.concept_a)
    response = client.post(reverse("quickscan:teamlid_intrekken", kwargs={"pk": world.anna.pk}))
    assert response.status_code == 403  # the round can no longer be changed: mag_bewerken says no
    assert Teamlid.objects.get(pk=world.anna.pk).actief


# The meeting -------------------------------------------------------------------------------------------------------


def _drie_leden(world) -> None:
    leden = [world.anna] + [
        team.teamlid_uitnodigen(teamscoring=world.teamscoring, naam=naam, email=f"{naam.lower()}@example.nl")
        for naam in ("Bram", "Cas")
    ]
    elementen = {e.code: e.pk for e in world.concept_a.instrument.elementen.all()}
    for lid, (missie, notitie) in zip(
        leden, [(4, "Staat in het jaarplan."), (2, "Niemand kent haar."), (4, "")], strict=True
    ):
        team.teamscores_opslaan(teamlid=lid, invoer={elementen["missie"]: team.TeamInvoer(missie, notitie)})


def test_vergadering_toont_de_spreiding_zonder_namen_als_anoniem(client, teamronde):
    world = teamronde
    _drie_leden(world)
    client.force_login(world.leider_a)
    response = client.get(reverse("quickscan:vergadering", kwargs={"pk": world.concept_a.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 van 3 teamleden hebben vooraf gescoord." in html
    assert "Laagste 2 · mediaan 4 · hoogste 4" in html
    assert "Niemand kent haar." in html and "Staat in het jaarplan." in html
    assert "Anna" not in html and "Bram" not in html
    assert 'style="width: 100%"' in html and 'style="width: 50%"' in html  # 4: two members, 2: one
    assert "Vorige consensus" in html


def test_vergadering_met_namen_toont_ze_aan_de_leider(client, teamronde):
    world = teamronde
    team.teamscoring_opslaan(ronde=world.concept_a, deadline=OVER_EEN_WEEK, anoniem=False)
    _drie_leden(world)
    client.force_login(world.leider_a)
    html = client.get(reverse("quickscan:vergadering", kwargs={"pk": world.concept_a.pk})).content.decode()
    assert "Anna: <strong>4</strong>" in html and "Bram: <strong>2</strong>" in html
    client.force_login(world.beheerder)
    html = client.get(reverse("quickscan:vergadering", kwargs={"pk": world.concept_a.pk})).content.decode()
    assert "Anna" not in html


def test_vergadering_legt_de_consensus_vast(client, teamronde):
    world = teamronde
    _drie_leden(world)
    client.force_login(world.leider_a)
    url = reverse("quickscan:vergadering", kwargs={"pk": world.concept_a.pk})
    versie = Ronde.objects.get(pk=world.concept_a.pk).versie
    data = {**scores_formulier(missie=(3, "Afgesproken: 3."), beleid=2), "versie": versie, "actie": "opslaan"}
    response = client.post(url, data)
    assert response.status_code == 302 and response.url == url
    scores = dict(Score.objects.filter(ronde=world.concept_a).values_list("element__code", "score"))
    assert (scores["missie"], scores["beleid"], scores["netwerk"]) == (3, 2, None)
    assert Score.objects.get(ronde=world.concept_a, element__code="missie").toelichting == "Afgesproken: 3."
    # Submitting from the meeting: saved, then the round's summary confirms.
    data = {**scores_formulier(missie=3, beleid=2), "versie": versie + 1, "actie": "afronden"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert response.url == reverse("quickscan:ronde_afronden", kwargs={"pk": world.concept_a.pk})


def test_vergadering_met_een_score_buiten_1_tot_en_met_5_schrijft_niets(client, teamronde):
    world = teamronde
    client.force_login(world.leider_a)
    url = reverse("quickscan:vergadering", kwargs={"pk": world.concept_a.pk})
    versie = world.concept_a.versie
    response = client.post(url, {**scores_formulier(missie=5, beleid=9), "versie": versie, "actie": "opslaan"})
    assert response.status_code == 400
    assert "Kies een score van 1 tot en met 5." in response.content.decode()
    assert Score.objects.get(ronde=world.concept_a, element__code="missie").score == 3
    assert Ronde.objects.get(pk=world.concept_a.pk).versie == versie


def test_vergadering_op_een_oude_versie_geeft_409_met_de_invoer(client, teamronde):
    world = teamronde
    client.force_login(world.leider_a)
    url = reverse("quickscan:vergadering", kwargs={"pk": world.concept_a.pk})
    versie = world.concept_a.versie
    services.ronde_invullen(ronde=Ronde.objects.get(pk=world.concept_a.pk), versie=versie, gegevens={"functie": "X"})
    response = client.post(url, {**scores_formulier(missie=(5, "Mijn tekst")), "versie": versie, "actie": "opslaan"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft deze ronde opgeslagen" in html and "Mijn tekst" in html
    assert f'name="versie" value="{versie + 1}"' in html
    assert Score.objects.get(ronde=world.concept_a, element__code="missie").score == 3


def test_vergadering_van_een_afgeronde_ronde_is_alleen_te_lezen(client, teamronde):
    world = teamronde
    services.ronde_afronden(ronde=world.concept_a)
    client.force_login(world.leider_a)
    url = reverse("quickscan:vergadering", kwargs={"pk": world.concept_a.pk})
    response = client.get(url)
    assert response.status_code == 200 and 'name="el-missie-score"' not in response.content.decode()
    assert client.post(url, {**scores_formulier(missie=1), "versie": 99}).status_code == 403


def test_vergadering_kost_evenveel_queries_bij_meer_teamleden(client, teamronde, django_assert_max_num_queries):
    world = teamronde
    _drie_leden(world)
    client.force_login(world.leider_a)
    url = reverse("quickscan:vergadering", kwargs={"pk": world.concept_a.pk})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as drie:
        client.get(url)
    missie = world.concept_a.instrument.elementen.get(code="missie").pk
    for nummer in range(12):
        lid = team.teamlid_uitnodigen(teamscoring=world.teamscoring, email=f"extra{nummer}@example.nl")
        team.teamscores_opslaan(teamlid=lid, invoer={missie: team.TeamInvoer(nummer % 5 + 1, f"notitie {nummer}")})
    with django_assert_max_num_queries(len(drie.captured_queries)):
        assert client.get(url).status_code == 200


# The research export, and where individual scores never go ---------------------------------------------------------


def test_export_als_csv_en_xlsx_zonder_namen(client, teamronde):
    world = teamronde
    _drie_leden(world)
    url = reverse("quickscan:teamscores_export", kwargs={"pk": world.concept_a.pk})
    client.force_login(world.lectoraat)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rijen[0][4] == "teamlid (pseudoniem)" and len(rijen) == 4
    assert sorted(rij[7] for rij in rijen[1:]) == ["2", "4", "4"]
    assert "Anna" not in response.content.decode() and "example.nl" not in response.content.decode()
    response = client.get(url, {"formaat": "xlsx"})
    blad = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in blad[1]][:2] == ["ronde", "organisatie"] and blad.max_row == 4
    assert client.get(url, {"formaat": "pdf"}).status_code == 400


def test_de_consensus_en_niet_de_teamscores_telt_in_grafiek_landelijk_en_api(client, teamronde):
    world = teamronde
    missie = world.concept_a.instrument.elementen.get(code="missie").pk
    team.teamscores_opslaan(teamlid=world.anna, invoer={missie: team.TeamInvoer(5, "Top")})  # consensus stays 3
    services.ronde_afronden(ronde=world.concept_a)
    laatste = selectors.laatste_scores(Ronde.objects.filter(organisatie=world.org_a))
    assert laatste[world.org_a.pk].scores["missie"] == 3
    client.force_login(world.leider_a)
    api = client.get(reverse("api:ronde-detail", kwargs={"pk": world.concept_a.pk})).json()
    assert {s["element"]: s["score"] for s in api["scores"]}.get("missie") == 3
    assert "teamscore" not in repr(api).lower() and "Top" not in repr(api)


def test_teampagina_kost_evenveel_queries_bij_meer_teamleden(client, teamronde, django_assert_max_num_queries):
    world = teamronde
    client.force_login(world.leider_a)
    url = reverse("quickscan:team", kwargs={"pk": world.concept_a.pk})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as een:
        assert client.get(url).status_code == 200
    for nummer in range(8):
        team.teamlid_uitnodigen(teamscoring=world.teamscoring, email=f"extra{nummer}@example.nl")
    with django_assert_max_num_queries(len(een.captured_queries)):
        assert client.get(url).status_code == 200
