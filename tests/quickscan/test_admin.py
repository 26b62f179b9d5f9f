"""The admin is not a back door: rounds, scores and readiness are read-only there, the rest goes through services."""

import datetime

import pytest
from django.urls import reverse

from quickscan.models import Actie, Element, Instrument, QuickscanInstelling, Ronde, Score

pytestmark = pytest.mark.django_db


def rondeformulier(ronde: Ronde, **wijzigingen) -> dict:
    """What the admin's change page of a round would post: its fields and its scores, with changes."""
    scores = list(ronde.scores.order_by("element__volgorde"))
    data = {
        "organisatie": ronde.organisatie_id,
        "instrument": ronde.instrument_id,
        "datum": ronde.datum.isoformat(),
        "ingevuld_door": ronde.ingevuld_door,
        "functie": ronde.functie,
        "status": ronde.status,
        "gereedheid": "Door de beheerder herschreven.",
        "scores-TOTAL_FORMS": str(len(scores)),
        "scores-INITIAL_FORMS": str(len(scores)),
        "scores-MIN_NUM_FORMS": "0",
        "scores-MAX_NUM_FORMS": "1000",
    }
    for i, score in enumerate(scores):
        data.update(
            {
                f"scores-{i}-id": score.pk,
                f"scores-{i}-ronde": ronde.pk,
                f"scores-{i}-score": wijzigingen.get(score.element.code, score.score or ""),
                f"scores-{i}-toelichting": "",
            }
        )
    return data


def stand(ronde: Ronde) -> tuple:
    ronde = Ronde.objects.get(pk=ronde.pk)
    return ronde.versie, ronde.status, ronde.gereedheid, {s.element.code: s.score for s in ronde.scores.all()}


def test_beheerder_ziet_afgeronde_ronde_maar_kan_haar_niet_wijzigen(client, world):
    client.force_login(world.beheerder)
    ronde = world.afgerond_a
    url = reverse("admin:quickscan_ronde_change", args=[ronde.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert 'name="_save"' not in response.content.decode()  # no save button
    voor = stand(ronde)
    response = client.post(url, rondeformulier(ronde, missie=5, beleid=5))
    assert response.status_code == 403
    assert stand(ronde) == voor
    assert Score.objects.get(ronde=ronde, element__code="missie").score == 2


def test_beheerder_maakt_geen_ronde_aan_in_de_admin(client, world):
    client.force_login(world.beheerder)
    aantal = Ronde.objects.count()
    response = client.post(reverse("admin:quickscan_ronde_add"), rondeformulier(world.concept_a))
    assert response.status_code == 403
    assert Ronde.objects.count() == aantal


def test_beheerder_zet_ronde_niet_terug_via_de_geschiedenis(client, world):
    """django-simple-history's revert page saves with only the view permission; here it refuses."""
    client.force_login(world.beheerder)
    ronde = world.concept_a
    eerste = ronde.history.order_by("history_date", "history_id").first()
    url = reverse("admin:quickscan_ronde_simple_history", args=[ronde.pk, eerste.history_id])
    assert client.get(url).status_code == 200
    voor = stand(ronde)
    response = client.post(url, rondeformulier(ronde, missie=1))
    assert response.status_code == 403
    assert stand(ronde) == voor


def test_ronde_wordt_nergens_verwijderd(client, world):
    client.force_login(world.beheerder)
    ronde = world.afgerond_a
    assert client.post(reverse("admin:quickscan_ronde_delete", args=[ronde.pk]), {"post": "yes"}).status_code == 403
    changelist = reverse("admin:quickscan_ronde_changelist")
    response = client.get(changelist)
    assert response.status_code == 200
    assert response.context["action_form"] is None  # no actions at all, so no bulk delete_selected
    client.post(changelist, {"action": "delete_selected", "_selected_action": [ronde.pk], "post": "yes"})
    assert Ronde.objects.filter(pk=ronde.pk).exists()
    assert Score.objects.filter(ronde=ronde).count() == 8


def test_instrument_en_elementen_zijn_alleen_te_lezen(client, world):
    client.force_login(world.beheerder)
    instrument = world.afgerond_a.instrument
    missie = Element.objects.get(instrument=instrument, code="missie")
    url = reverse("admin:quickscan_element_change", args=[missie.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"instrument": instrument.pk, "code": "missie", "naam": "Anders", "volgorde": 1})
    assert response.status_code == 403
    assert Element.objects.get(pk=missie.pk).naam == missie.naam
    response = client.post(reverse("admin:quickscan_instrument_change", args=[instrument.pk]), {"naam": "Anders"})
    assert response.status_code == 403
    assert Instrument.objects.get(pk=instrument.pk).naam == instrument.naam
    assert client.post(reverse("admin:quickscan_instrument_delete", args=[instrument.pk])).status_code == 403


def test_actie_in_de_admin_gaat_door_actie_opslaan(client, world):
    client.force_login(world.beheerder)
    actie = world.actie_a
    url = reverse("admin:quickscan_actie_change", args=[actie.pk])
    data = {
        "ronde": actie.ronde_id,
        "element": actie.element_id,
        "omschrijving": "Missie opnieuw herschrijven",
        "eigenaar": actie.eigenaar,
        "deadline": actie.deadline.isoformat(),
        "status": Actie.Status.GEPLAND,
        "gereed_op": actie.ronde.datum.isoformat(),
    }
    response = client.post(url, data)
    assert response.status_code == 302
    actie.refresh_from_db()
    assert actie.omschrijving == "Missie opnieuw herschrijven"
    assert actie.gereed_op is None  # the service's rule: only a finished action has a date it was finished
    assert client.post(reverse("admin:quickscan_actie_delete", args=[actie.pk]), {"post": "yes"}).status_code == 403
    assert Actie.objects.filter(pk=actie.pk).exists()


def test_planning_in_de_admin_gaat_door_de_service_en_wordt_niet_verwijderd(client, world):
    client.force_login(world.beheerder)
    response = client.post(
        reverse("admin:quickscan_quickscaninstelling_add"),
        {"werkplaats": world.werkplaats.pk, "interval_maanden": "6", "te_laat_na_maanden": "5"},
    )
    assert response.status_code == 200  # refused with the model's rule next to the field
    assert not QuickscanInstelling.objects.filter(werkplaats=world.werkplaats).exists()
    response = client.post(
        reverse("admin:quickscan_quickscaninstelling_add"),
        {"werkplaats": world.werkplaats.pk, "interval_maanden": "3", "te_laat_na_maanden": "5"},
    )
    assert response.status_code == 302
    instelling = QuickscanInstelling.objects.get(werkplaats=world.werkplaats)
    assert instelling.te_laat_na_maanden == 5
    delete = reverse("admin:quickscan_quickscaninstelling_delete", args=[instelling.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:quickscan_quickscaninstelling_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [instelling.pk], "post": "yes"})
    assert QuickscanInstelling.objects.filter(pk=instelling.pk).exists()


def test_ook_een_conceptronde_wijzigt_niet_via_de_admin(client, world):
    client.force_login(world.beheerder)
    ronde = world.concept_a
    data = rondeformulier(ronde, missie=5)
    data["datum"] = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    voor = stand(ronde)
    assert client.post(reverse("admin:quickscan_ronde_change", args=[ronde.pk]), data).status_code == 403
    assert stand(ronde) == voor
    assert Ronde.objects.get(pk=ronde.pk).datum == ronde.datum
