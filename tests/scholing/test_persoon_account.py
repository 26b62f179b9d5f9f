"""A person's record can be linked to their account (so inzage and erasure include it), only within the werkplaats."""

import pytest
from django.urls import reverse

from tests.factories import PersoonFactory
from tests.test_versies import formulierwaarden

pytestmark = pytest.mark.django_db


def test_coordinator_koppelt_het_account_van_de_werkplaats(client, world):
    persoon = PersoonFactory(organisatie=world.org_a)
    client.force_login(world.coordinator)
    url = reverse("scholing:persoon_update", args=[persoon.pk])
    form = client.get(url).context["form"]
    keuzes = set(form.fields["account"].queryset)
    assert world.leider_a in keuzes and world.coordinator in keuzes
    gegevens = formulierwaarden(form)
    assert client.post(url, {**gegevens, "account": world.leider_a.pk}).status_code == 302
    persoon.refresh_from_db()
    assert persoon.account == world.leider_a


def test_account_van_een_andere_werkplaats_wordt_geweigerd(client, world):
    from tests.factories import leider_van

    elders = leider_van(world.org_elders, username="leider_elders")
    persoon = PersoonFactory(organisatie=world.org_a)
    client.force_login(world.coordinator)
    url = reverse("scholing:persoon_update", args=[persoon.pk])
    gegevens = formulierwaarden(client.get(url).context["form"])
    response = client.post(url, {**gegevens, "account": elders.pk})
    assert response.status_code == 400
    assert "account" in response.context["form"].errors
    persoon.refresh_from_db()
    assert persoon.account is None
