import csv
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from tests.factories import AfdelingFactory, OrganisatieFactory, WerkplaatsFactory
from werkplaats.models import Afdeling, Organisatie

pytestmark = pytest.mark.django_db


def test_home_leider_ziet_alleen_eigen_organisatie(client, world):
    client.force_login(world.leider_a)
    response = client.get(reverse("werkplaats:home"))
    content = response.content.decode()
    assert "Mijn organisaties" in content
    assert "Organisatie A" in content and "Team A1" in content
    assert "Organisatie B" not in content


@pytest.mark.parametrize("rol", ["coordinator", "lectoraat"])
def test_home_coordinator_en_lectoraat_zien_de_werkplaats(client, world, rol):
    client.force_login(getattr(world, rol))
    content = client.get(reverse("werkplaats:home")).content.decode()
    assert "Organisaties van de werkplaats" in content
    assert "Organisatie A" in content and "Organisatie B" in content
    assert "Organisatie Elders" not in content
    assert ("Organisatie toevoegen" in content) == (rol == "coordinator")


def test_home_zonder_rol_legt_uit_wat_te_doen(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nieuw", password="x"))
    assert "nog geen rol" in client.get(reverse("werkplaats:home")).content.decode()


def test_lijst_filtert_op_soort_en_naam(client, world):
    OrganisatieFactory(werkplaats=world.werkplaats, naam="Gemeente Oldambt", soort=Organisatie.Soort.GEMEENTE)
    client.force_login(world.coordinator)
    url = reverse("werkplaats:organisatie_list")
    content = client.get(url, {"soort": "gemeente"}).content.decode()
    assert "Gemeente Oldambt" in content and "Organisatie A" not in content
    content = client.get(url, {"naam": "organisatie a"}).content.decode()
    assert "Organisatie A" in content and "Organisatie B" not in content


def test_lijst_sorteert_en_pagineert(client, world):
    OrganisatieFactory.create_batch(30, werkplaats=world.werkplaats)
    client.force_login(world.coordinator)
    response = client.get(reverse("werkplaats:organisatie_list"), {"sort": "-naam"})
    rows = response.context["table"].page.object_list
    assert len(rows) == 25
    names = [row.record.naam for row in rows]
    assert names == sorted(names, reverse=True)
    assert client.get(reverse("werkplaats:organisatie_list"), {"page": 2}).status_code == 200


def test_lijst_exporteert_csv_van_alleen_zichtbare_organisaties(client, world):
    client.force_login(world.leider_a)
    response = client.get(reverse("werkplaats:organisatie_list"), {"_export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Naam"
    assert [row[0] for row in rows[1:]] == ["Organisatie A"]


def test_lijst_exporteert_excel(client, world):
    client.force_login(world.coordinator)
    response = client.get(reverse("werkplaats:organisatie_list"), {"_export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet["A"]][1:] == ["Organisatie A", "Organisatie B"]


def test_coordinator_maakt_organisatie_aan(client, world):
    client.force_login(world.coordinator)
    response = client.post(
        reverse("werkplaats:organisatie_create"),
        {"werkplaats": world.werkplaats.pk, "naam": "Lentis", "soort": "instelling", "plaats": "", "actief": "on"},
    )
    organisatie = Organisatie.objects.get(naam="Lentis")
    assert response.status_code == 302 and response.url == organisatie.get_absolute_url()
    assert organisatie.history.count() == 1


def test_coordinator_kan_geen_organisatie_in_andere_werkplaats_maken(client, world):
    client.force_login(world.coordinator)
    response = client.post(
        reverse("werkplaats:organisatie_create"),
        {"werkplaats": world.andere_werkplaats.pk, "naam": "Indringer", "soort": "instelling"},
    )
    assert response.status_code == 400
    assert "werkplaats" in response.context["form"].errors
    assert not Organisatie.objects.filter(naam="Indringer").exists()


@pytest.mark.parametrize(
    ("data", "veld", "melding"),
    [
        ({"naam": ""}, "naam", "Dit veld is verplicht"),
        ({"naam": "Organisatie B"}, "__all__", "bestaat al"),
        ({"soort": "ziekenhuis"}, "soort", "geen beschikbare keuze"),
        ({"naam": "x" * 201}, "naam", "niet meer dan 200 tekens"),
    ],
)
def test_foute_invoer_geeft_400_met_melding_bij_het_veld(client, world, data, veld, melding):
    client.force_login(world.coordinator)
    post = {"werkplaats": world.werkplaats.pk, "naam": "Nieuw", "soort": "instelling", **data}
    response = client.post(reverse("werkplaats:organisatie_create"), post)
    assert response.status_code == 400
    assert melding in " ".join(response.context["form"].errors[veld])
    assert melding in response.content.decode()
    assert Organisatie.objects.count() == 3


def test_script_in_naam_wordt_als_tekst_getoond(client, world):
    client.force_login(world.coordinator)
    client.post(
        reverse("werkplaats:organisatie_create"),
        {"werkplaats": world.werkplaats.pk, "naam": "<script>alert(1)</script>", "soort": "overig"},
    )
    organisatie = Organisatie.objects.get(naam="<script>alert(1)</script>")
    content = client.get(organisatie.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_bewerken_archiveert_zonder_te_verwijderen(client, world):
    client.force_login(world.coordinator)
    response = client.post(
        reverse("werkplaats:organisatie_update", kwargs={"pk": world.org_a.pk}),
        {"naam": "Organisatie A", "soort": "instelling", "plaats": "Winschoten"},
    )
    assert response.status_code == 302
    world.org_a.refresh_from_db()
    assert world.org_a.actief is False and world.org_a.plaats == "Winschoten"
    assert world.org_a.werkplaats == world.werkplaats  # the werkplaats field is locked on edit
    assert "gearchiveerd" in client.get(world.org_a.get_absolute_url()).content.decode()


def test_werkplaats_kan_bij_bewerken_niet_worden_verplaatst(client, world):
    client.force_login(world.coordinator)
    client.post(
        reverse("werkplaats:organisatie_update", kwargs={"pk": world.org_a.pk}),
        {"werkplaats": world.andere_werkplaats.pk, "naam": "Organisatie A", "soort": "instelling", "actief": "on"},
    )
    world.org_a.refresh_from_db()
    assert world.org_a.werkplaats == world.werkplaats


def test_leider_voegt_team_toe_aan_eigen_organisatie(client, world):
    client.force_login(world.leider_a)
    response = client.post(
        reverse("werkplaats:afdeling_create", kwargs={"pk": world.org_a.pk}),
        {"naam": "Sociaal team Noord", "omschrijving": "Wijkteam", "actief": "on"},
    )
    assert response.status_code == 302
    assert Afdeling.objects.filter(organisatie=world.org_a, naam="Sociaal team Noord").exists()


def test_leider_kan_geen_team_toevoegen_aan_andere_organisatie(client, world):
    client.force_login(world.leider_a)
    response = client.post(reverse("werkplaats:afdeling_create", kwargs={"pk": world.org_b.pk}), {"naam": "X"})
    assert response.status_code == 404
    assert not Afdeling.objects.filter(naam="X").exists()


def test_dubbele_teamnaam_geeft_400(client, world):
    client.force_login(world.leider_a)
    response = client.post(reverse("werkplaats:afdeling_create", kwargs={"pk": world.org_a.pk}), {"naam": "Team A1"})
    assert response.status_code == 400
    assert Afdeling.objects.filter(naam="Team A1").count() == 1


def test_leider_bewerkt_eigen_team(client, world):
    client.force_login(world.leider_a)
    response = client.post(
        reverse("werkplaats:afdeling_update", kwargs={"pk": world.afdeling_a.pk}), {"naam": "Team A1 (Noord)"}
    )
    assert response.status_code == 302
    world.afdeling_a.refresh_from_db()
    assert world.afdeling_a.naam == "Team A1 (Noord)" and world.afdeling_a.actief is False


def test_foute_login_geeft_400_met_melding(client, world):
    response = client.post(reverse("login"), {"username": "leider_a", "password": "fout"})
    assert response.status_code == 400
    assert "combinatie van gebruikersnaam en wachtwoord kennen we niet" in response.content.decode()


def test_uitloggen_kan_alleen_met_post(client, world):
    client.force_login(world.leider_a)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("werkplaats:home")).status_code == 302


def test_wachtwoord_wijzigen(client, world):
    client.force_login(world.leider_a)
    response = client.post(
        reverse("password_change"),
        {"old_password": "geheim-wachtwoord-1", "new_password1": "n13uw-W8woord!", "new_password2": "n13uw-W8woord!"},
    )
    assert response.status_code == 302
    world.leider_a.refresh_from_db()
    assert world.leider_a.check_password("n13uw-W8woord!")


def test_pagina_heeft_skiplink_en_landmarks(client, world):
    client.force_login(world.coordinator)
    content = client.get(reverse("werkplaats:organisatie_list")).content.decode()
    assert 'href="#inhoud"' in content and '<main id="inhoud"' in content
    assert "<nav" in content and "<header>" in content and "<footer" in content
    assert '<html lang="nl">' in content


@pytest.mark.parametrize("aantal", [20, 200])
def test_querys_groeien_niet_met_de_data(client, world, django_assert_max_num_queries, aantal):
    for organisatie in OrganisatieFactory.create_batch(aantal, werkplaats=world.werkplaats):
        AfdelingFactory(organisatie=organisatie)
    client.force_login(world.coordinator)
    for url in [
        reverse("werkplaats:home"),
        reverse("werkplaats:organisatie_list"),
        reverse("werkplaats:organisatie_list") + "?_export=csv",
        reverse("werkplaats:organisatie_detail", kwargs={"pk": world.org_a.pk}),
    ]:
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200


# Users who oversee more than one werkplaats -------------------------------------------------------------------


def werkplaatsen_erbij(aantal: int, organisaties: int = 5) -> None:
    for n in range(aantal):
        werkplaats = WerkplaatsFactory(naam=f"Zz-werkplaats {n:02d}")
        for organisatie in OrganisatieFactory.create_batch(organisaties, werkplaats=werkplaats):
            AfdelingFactory(organisatie=organisatie)


def test_home_beheerder_ziet_een_rij_per_werkplaats(client, world):
    OrganisatieFactory(werkplaats=world.werkplaats, naam="Oud", actief=False)
    client.force_login(world.beheerder)
    response = client.get(reverse("werkplaats:home"))
    assert "overzicht" not in response.context  # no list of every organisation
    rijen = {w.naam: (w.aantal_actief, w.aantal_gearchiveerd, w.aantal_teams) for w in response.context["samenvatting"]}
    assert rijen == {"Wmo-werkplaats Test": (2, 1, 1), "Wmo-werkplaats Elders": (1, 0, 0)}
    content = response.content.decode()
    lijst = reverse("werkplaats:organisatie_list")
    assert f'<a href="{lijst}?werkplaats={world.werkplaats.pk}">Wmo-werkplaats Test</a>' in content
    assert '<th scope="col" class="text-end">Actieve organisaties</th>' in content


@pytest.mark.parametrize("extra", [0, 15])
def test_home_beheerder_groeit_niet_met_werkplaatsen(client, world, django_assert_max_num_queries, extra):
    werkplaatsen_erbij(extra)
    client.force_login(world.beheerder)
    client.get(reverse("werkplaats:home"))  # the first request after the login writes the session
    with django_assert_max_num_queries(12):
        response = client.get(reverse("werkplaats:home"))
    assert len(response.context["samenvatting"]) == 2 + extra
    # Organisations are counted, not listed: no link to any organisation's page (the quickscan panel links its
    # ten most urgent to their quickscan pages).
    assert re.findall(r'href="/organisaties/\d+/"', response.content.decode()) == []


def test_organisaties_filteren_op_werkplaats(client, world):
    client.force_login(world.beheerder)
    url = reverse("werkplaats:organisatie_list")
    response = client.get(url, {"werkplaats": world.andere_werkplaats.pk})
    assert [o.naam for o in response.context["table"].data] == ["Organisatie Elders"]
    assert '<select name="werkplaats"' in response.content.decode()
    response = client.get(url, {"werkplaats": world.werkplaats.pk})
    assert [o.naam for o in response.context["table"].data] == ["Organisatie A", "Organisatie B"]


def test_werkplaatsfilter_alleen_voor_wie_er_meer_overziet(client, world):
    client.force_login(world.coordinator)
    response = client.get(reverse("werkplaats:organisatie_list"), {"werkplaats": world.andere_werkplaats.pk})
    assert "werkplaats" not in response.context["filter"].form.fields
    assert [o.naam for o in response.context["table"].data] == ["Organisatie A", "Organisatie B"]


def test_onbekende_werkplaats_in_organisatiefilter_geeft_geen_500(client, world):
    client.force_login(world.beheerder)
    response = client.get(reverse("werkplaats:organisatie_list"), {"werkplaats": "abc"})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
