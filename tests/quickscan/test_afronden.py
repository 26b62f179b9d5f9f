"""Submitting a round after a summary of its unscored elements, and undoing or reopening it after a confirmation.

The rule (quickscan.models.Ronde.mag_heropenen): a coordinator reopens a submitted round at any time; the
organisation's leader may undo the submission within ONGEDAAN_MAKEN_BINNEN (14 days), until a next round of the
same series exists.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from quickscan import services
from quickscan.models import ONGEDAAN_MAKEN_BINNEN, Ronde
from tests.factories import OrganisatieFactory, maak_ronde
from tests.quickscan.test_views import formulier

pytestmark = pytest.mark.django_db


# Services ------------------------------------------------------------------------------------------------------


def test_ronde_afronden_rondt_de_opgeslagen_ronde_af_met_geschiedenis_en_versie():
    ronde = maak_ronde(OrganisatieFactory(), {"missie": 3})
    versie = ronde.versie
    ronde = services.ronde_afronden(ronde=ronde, versie=versie)
    ronde.refresh_from_db()
    assert ronde.is_afgerond and ronde.afgerond_op is not None and ronde.versie == versie + 1
    assert ronde.history.order_by("-history_date", "-history_id").first().status == "afgerond"


def test_ronde_afronden_op_een_oude_versie_wordt_geweigerd():
    ronde = maak_ronde(OrganisatieFactory(), {"missie": 3})
    versie = ronde.versie
    services.ronde_invullen(ronde=Ronde.objects.get(pk=ronde.pk), versie=versie, gegevens={"functie": "Teamleider"})
    with pytest.raises(services.VerouderdeVersie):
        services.ronde_afronden(ronde=Ronde.objects.get(pk=ronde.pk), versie=versie)
    assert Ronde.objects.get(pk=ronde.pk).status == "concept"


def test_ronde_afronden_zonder_score_of_twee_keer_wordt_geweigerd():
    leeg = maak_ronde(OrganisatieFactory())
    with pytest.raises(ValidationError, match="minstens één element"):
        services.ronde_afronden(ronde=leeg, versie=leeg.versie)
    assert Ronde.objects.get(pk=leeg.pk).status == "concept"
    afgerond = maak_ronde(OrganisatieFactory(), {"missie": 3}, afronden=True)
    with pytest.raises(ValidationError, match="afgerond"):
        services.ronde_afronden(ronde=afgerond, versie=afgerond.versie)


def test_ter_afronding_opslaan_zonder_score_schrijft_niets():
    organisatie = OrganisatieFactory()
    with pytest.raises(ValidationError, match="minstens één element"):
        services.ronde_invullen(
            organisatie=organisatie,
            gegevens={"datum": datetime.date(2014, 5, 9), "ingevuld_door": "X", "functie": "Y"},
            ter_afronding=True,
        )
    assert not Ronde.objects.filter(organisatie=organisatie).exists()


def test_heropenen_op_een_oude_versie_wordt_geweigerd():
    ronde = maak_ronde(OrganisatieFactory(), {"missie": 3}, afronden=True)
    versie = ronde.versie
    services.ronde_heropenen(ronde=Ronde.objects.get(pk=ronde.pk), versie=versie)
    with pytest.raises(ValidationError, match="al heropend"):
        services.ronde_heropenen(ronde=Ronde.objects.get(pk=ronde.pk), versie=versie)


# Who may undo or reopen ----------------------------------------------------------------------------------------


def test_leider_mag_eigen_afronden_ongedaan_maken_binnen_de_termijn(world):
    ronde = maak_ronde(world.org_b, {"missie": 3}, afronden=True)
    assert ronde.mag_afronden_ongedaan_maken(world.leider_b) and ronde.mag_heropenen(world.leider_b)
    assert not ronde.mag_heropenen(world.leider_a)  # another organisation's leader
    assert not ronde.mag_heropenen(world.lectoraat)
    Ronde.objects.filter(pk=ronde.pk).update(afgerond_op=timezone.now() - ONGEDAAN_MAKEN_BINNEN)
    ronde.refresh_from_db()
    assert not ronde.mag_heropenen(world.leider_b)  # too late: only the coordinator now
    assert ronde.mag_heropenen(world.coordinator) and ronde.mag_heropenen(world.beheerder)


def test_leider_mag_niet_ongedaan_maken_als_er_een_volgende_ronde_is(world):
    ronde = maak_ronde(world.org_b, {"missie": 3}, afronden=True, datum=datetime.date(2014, 5, 9))
    team = maak_ronde(world.org_b, {"missie": 3}, datum=datetime.date(2014, 9, 1), afdeling=None)
    assert not ronde.mag_heropenen(world.leider_b)
    services.ronde_archiveren(ronde=team)  # an archived round is no next round
    assert ronde.mag_heropenen(world.leider_b)
    # A round of a team is another series.
    assert world.afgerond_a.heeft_volgende_ronde()


# Views -----------------------------------------------------------------------------------------------------------


def test_afronden_in_het_formulier_slaat_op_en_toont_de_samenvatting(client, world):
    client.force_login(world.leider_a)
    url = reverse("quickscan:ronde_update", kwargs={"ronde": world.concept_a.pk})
    response = client.post(url, formulier("afronden", versie=world.concept_a.versie, missie=4, beleid=2))
    bevestigen = reverse("quickscan:ronde_afronden", kwargs={"pk": world.concept_a.pk})
    assert response.status_code == 302 and response.url == bevestigen
    ronde = Ronde.objects.get(pk=world.concept_a.pk)
    assert ronde.status == "concept" and ronde.scores.get(element__code="missie").score == 4  # saved, not submitted
    response = client.get(bevestigen)
    content = response.content.decode()
    assert response.status_code == 200
    assert "6 elementen zijn niet gescoord" in content and "2 van de 8 elementen zijn gescoord" in content
    assert f'href="{url}#element-netwerk"' in content  # each unscored element links back into the form
    assert "#element-missie" not in content
    assert f'name="versie" value="{ronde.versie}"' in content
    response = client.post(bevestigen, {"versie": ronde.versie})
    assert response.status_code == 302 and response.url == ronde.get_absolute_url()
    ronde.refresh_from_db()
    assert ronde.is_afgerond and ronde.history.filter(history_user=world.leider_a, status="afgerond").exists()


def test_samenvatting_zonder_score_biedt_geen_afronden(client, world):
    ronde = maak_ronde(world.org_a, datum=datetime.date(2014, 11, 1))
    client.force_login(world.leider_a)
    url = reverse("quickscan:ronde_afronden", kwargs={"pk": ronde.pk})
    content = client.get(url).content.decode()
    assert "Geef minstens één element een score" in content and "Toch afronden" not in content
    response = client.post(url, {"versie": ronde.versie})
    assert response.status_code == 400 and Ronde.objects.get(pk=ronde.pk).status == "concept"


def test_bevestigen_na_een_wijziging_elders_geeft_409(client, world):
    client.force_login(world.leider_a)
    ronde = world.concept_a
    url = reverse("quickscan:ronde_afronden", kwargs={"pk": ronde.pk})
    oud = ronde.versie
    services.ronde_invullen(ronde=Ronde.objects.get(pk=ronde.pk), versie=oud, gegevens={"functie": "Teamleider"})
    response = client.post(url, {"versie": oud})
    assert response.status_code == 409
    assert f'name="versie" value="{oud + 1}"' in response.content.decode()  # the summary as it is now
    assert Ronde.objects.get(pk=ronde.pk).status == "concept"


def test_alleen_wie_invult_rondt_af(client, world):
    url = reverse("quickscan:ronde_afronden", kwargs={"pk": world.concept_a.pk})
    client.force_login(world.coordinator)
    assert client.get(url).status_code == 403
    client.force_login(world.leider_b)
    assert client.get(url).status_code == 404
    client.force_login(world.lectoraat)
    assert client.get(reverse("quickscan:ronde_afronden", kwargs={"pk": world.afgerond_a.pk})).status_code == 403


def test_leider_maakt_afronden_ongedaan_na_bevestiging(client, world):
    ronde = maak_ronde(world.org_b, {"missie": 3}, afronden=True)
    client.force_login(world.leider_b)
    content = client.get(ronde.get_absolute_url()).content.decode()
    url = reverse("quickscan:ronde_heropenen", kwargs={"pk": ronde.pk})
    assert f'href="{url}"' in content and "Afronden ongedaan maken" in content
    response = client.get(url)  # the confirmation page changes nothing
    assert response.status_code == 200 and "Ja, afronden ongedaan maken" in response.content.decode()
    assert Ronde.objects.get(pk=ronde.pk).is_afgerond
    versie = ronde.versie
    response = client.post(url, {"versie": versie}, follow=True)
    assert "Het afronden is ongedaan gemaakt" in response.content.decode()
    ronde.refresh_from_db()
    assert ronde.status == "concept" and ronde.versie == versie + 1 and ronde.afgerond_op is None
    assert ronde.history.filter(history_user=world.leider_b, status="concept").exists()


def test_leider_kan_na_de_termijn_niet_meer_ongedaan_maken(client, world):
    ronde = maak_ronde(world.org_b, {"missie": 3}, afronden=True)
    Ronde.objects.filter(pk=ronde.pk).update(afgerond_op=timezone.now() - datetime.timedelta(days=15))
    client.force_login(world.leider_b)
    url = reverse("quickscan:ronde_heropenen", kwargs={"pk": ronde.pk})
    assert url not in client.get(ronde.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 403 and client.post(url).status_code == 403
    assert Ronde.objects.get(pk=ronde.pk).is_afgerond


def test_coordinator_bevestigt_heropenen(client, world):
    client.force_login(world.coordinator)
    url = reverse("quickscan:ronde_heropenen", kwargs={"pk": world.afgerond_a.pk})
    assert f'href="{url}"' in client.get(world.afgerond_a.get_absolute_url()).content.decode()
    response = client.get(url)
    assert response.status_code == 200 and "Ja, heropenen" in response.content.decode()
    assert Ronde.objects.get(pk=world.afgerond_a.pk).is_afgerond
    response = client.post(url, {"versie": world.afgerond_a.versie})
    assert response.status_code == 302 and Ronde.objects.get(pk=world.afgerond_a.pk).status == "concept"


def test_bevestigen_van_een_intussen_afgeronde_ronde_leidt_naar_de_ronde(client, world):
    client.force_login(world.leider_a)
    ronde = world.concept_a
    url = reverse("quickscan:ronde_afronden", kwargs={"pk": ronde.pk})
    oud = ronde.versie
    services.ronde_afronden(ronde=Ronde.objects.get(pk=ronde.pk), versie=oud)  # in another tab
    response = client.post(url, {"versie": oud}, follow=True)  # e.g. a second click on "Toch afronden"
    assert response.redirect_chain == [(ronde.get_absolute_url(), 302)]
    assert "Deze ronde is al afgerond." in response.content.decode()
