import datetime
from dataclasses import dataclass

import pytest

from quickscan.models import Actie, Element, Ronde
from tests.factories import (
    AfdelingFactory,
    OrganisatieFactory,
    UserFactory,
    WerkplaatsFactory,
    coordinator_van,
    lectoraat_van,
    leider_van,
    maak_ronde,
)
from werkplaats.models import Afdeling, Organisatie, User, Werkplaats


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Templates resolve {% static %} without a collectstatic manifest; passwords hash fast."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    """Two organisations in one werkplaats, a third in another, and a user for every role."""

    werkplaats: Werkplaats
    andere_werkplaats: Werkplaats
    org_a: Organisatie
    org_b: Organisatie
    org_elders: Organisatie
    afdeling_a: Afdeling
    leider_a: User
    leider_b: User
    coordinator: User
    lectoraat: User
    beheerder: User
    concept_a: Ronde
    afgerond_a: Ronde
    actie_a: Actie


@pytest.fixture
def world(db) -> World:
    werkplaats = WerkplaatsFactory(naam="Wmo-werkplaats Test")
    andere = WerkplaatsFactory(naam="Wmo-werkplaats Elders")
    org_a = OrganisatieFactory(werkplaats=werkplaats, naam="Organisatie A")
    org_b = OrganisatieFactory(werkplaats=werkplaats, naam="Organisatie B")
    org_elders = OrganisatieFactory(werkplaats=andere, naam="Organisatie Elders")
    afgerond_a = maak_ronde(org_a, {"missie": 2, "beleid": 3}, afronden=True, datum=datetime.date(2014, 5, 9))
    return World(
        werkplaats=werkplaats,
        andere_werkplaats=andere,
        org_a=org_a,
        org_b=org_b,
        org_elders=org_elders,
        afdeling_a=AfdelingFactory(organisatie=org_a, naam="Team A1"),
        leider_a=leider_van(org_a, username="leider_a"),
        leider_b=leider_van(org_b, username="leider_b"),
        coordinator=coordinator_van(werkplaats, username="coordinator"),
        lectoraat=lectoraat_van(werkplaats, username="lectoraat"),
        beheerder=UserFactory(username="beheerder", is_staff=True, is_superuser=True),
        concept_a=maak_ronde(org_a, {"missie": 3}, datum=datetime.date(2014, 10, 7)),
        afgerond_a=afgerond_a,
        actie_a=Actie.objects.create(
            ronde=afgerond_a,
            element=Element.objects.get(instrument=afgerond_a.instrument, code="missie"),
            omschrijving="Missie herschrijven",
            eigenaar="Teamleider",
            deadline=datetime.date(2014, 9, 1),
        ),
    )
