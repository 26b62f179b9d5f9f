import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import OrganisatieFactory, RolFactory, UserFactory, WerkplaatsFactory, leider_van
from werkplaats import services
from werkplaats.models import Afdeling, Organisatie, Rol, Werkplaats

pytestmark = pytest.mark.django_db


def test_organisatienaam_is_uniek_binnen_een_werkplaats():
    organisatie = OrganisatieFactory(naam="Lentis")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisatieFactory(naam="Lentis", werkplaats=organisatie.werkplaats)


def test_zelfde_organisatienaam_mag_in_een_andere_werkplaats():
    OrganisatieFactory(naam="Lentis")
    OrganisatieFactory(naam="Lentis", werkplaats=WerkplaatsFactory(naam="Andere werkplaats"))
    assert Organisatie.objects.filter(naam="Lentis").count() == 2


def test_service_weigert_dubbele_naam_met_nederlandse_melding():
    bestaand = OrganisatieFactory(naam="Lentis")
    with pytest.raises(ValidationError) as error:
        services.organisatie_opslaan(organisatie=Organisatie(werkplaats=bestaand.werkplaats, naam="Lentis"))
    assert "bestaat al" in str(error.value)
    assert Organisatie.objects.count() == 1


def test_teamnaam_is_uniek_binnen_een_organisatie():
    organisatie = OrganisatieFactory()
    services.afdeling_opslaan(afdeling=Afdeling(organisatie=organisatie, naam="Sociaal team"))
    with pytest.raises(ValidationError):
        services.afdeling_opslaan(afdeling=Afdeling(organisatie=organisatie, naam="Sociaal team"))
    services.afdeling_opslaan(afdeling=Afdeling(organisatie=OrganisatieFactory(), naam="Sociaal team"))
    assert Afdeling.objects.count() == 2


@pytest.mark.parametrize(
    ("soort", "met_werkplaats", "met_organisatie"),
    [
        (Rol.Soort.IMPLEMENTATIELEIDER, True, False),
        (Rol.Soort.IMPLEMENTATIELEIDER, False, False),
        (Rol.Soort.IMPLEMENTATIELEIDER, True, True),
        (Rol.Soort.COORDINATOR, False, True),
        (Rol.Soort.LECTORAAT, False, False),
        (Rol.Soort.COORDINATOR, True, True),
    ],
)
def test_rol_moet_passen_bij_soort(soort, met_werkplaats, met_organisatie):
    organisatie = OrganisatieFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Rol.objects.create(
            user=UserFactory(),
            soort=soort,
            werkplaats=organisatie.werkplaats if met_werkplaats else None,
            organisatie=organisatie if met_organisatie else None,
        )


def test_rol_check_geeft_nederlandse_melding_in_full_clean():
    rol = Rol(user=UserFactory(), soort=Rol.Soort.IMPLEMENTATIELEIDER, werkplaats=WerkplaatsFactory())
    with pytest.raises(ValidationError) as error:
        rol.full_clean()
    assert "implementatieleider hoort bij een organisatie" in str(error.value)


def test_dezelfde_rol_twee_keer_kan_niet():
    rol = RolFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Rol.objects.create(user=rol.user, soort=rol.soort, werkplaats=rol.werkplaats)


def test_rol_toekennen_is_idempotent():
    user = UserFactory()
    werkplaats = WerkplaatsFactory()
    services.rol_toekennen(user=user, soort=Rol.Soort.LECTORAAT, werkplaats=werkplaats)
    services.rol_toekennen(user=user, soort=Rol.Soort.LECTORAAT, werkplaats=werkplaats)
    assert user.rollen.count() == 1


def test_rolhelpers(world):
    assert world.coordinator.is_coordinator and not world.coordinator.is_implementatieleider
    assert world.lectoraat.is_lectoraat and not world.lectoraat.is_coordinator
    assert world.leider_a.is_implementatieleider and not world.leider_a.is_coordinator
    assert world.leider_a.geleide_organisatie_ids() == {world.org_a.pk}
    assert world.coordinator.werkplaats_ids(Rol.Soort.COORDINATOR) == {world.werkplaats.pk}
    assert world.coordinator.werkplaats_ids(Rol.Soort.LECTORAAT) == set()
    assert world.beheerder.is_coordinator  # a superuser may do what a coordinator does
    assert world.leider_a.rolnamen == ["Implementatieleider"]


def test_leider_van_meerdere_organisaties_ziet_ze_allemaal(world):
    leider = leider_van(world.org_a, world.org_b)
    assert set(Organisatie.objects.zichtbaar_voor(leider)) == {world.org_a, world.org_b}


def test_zichtbaar_voor_per_rol(world):
    assert list(Organisatie.objects.zichtbaar_voor(world.leider_a)) == [world.org_a]
    assert list(Organisatie.objects.zichtbaar_voor(world.leider_b)) == [world.org_b]
    assert set(Organisatie.objects.zichtbaar_voor(world.coordinator)) == {world.org_a, world.org_b}
    assert set(Organisatie.objects.zichtbaar_voor(world.lectoraat)) == {world.org_a, world.org_b}
    assert Organisatie.objects.zichtbaar_voor(world.beheerder).count() == 3
    assert Organisatie.objects.zichtbaar_voor(UserFactory()).count() == 0


def test_teams_volgen_de_zichtbaarheid_van_hun_organisatie(world):
    assert list(Afdeling.objects.zichtbaar_voor(world.leider_a)) == [world.afdeling_a]
    assert list(Afdeling.objects.zichtbaar_voor(world.leider_b)) == []
    assert list(Afdeling.objects.zichtbaar_voor(world.coordinator)) == [world.afdeling_a]


def test_wie_mag_bewerken(world):
    assert world.org_a.mag_bewerken(world.coordinator)
    assert not world.org_a.mag_bewerken(world.lectoraat)
    assert not world.org_a.mag_bewerken(world.leider_a)
    assert world.org_a.mag_teams_beheren(world.leider_a)
    assert not world.org_b.mag_teams_beheren(world.leider_a)
    assert not world.org_elders.mag_bewerken(world.coordinator)
    assert world.org_elders.mag_bewerken(world.beheerder)


def test_werkplaats_opslaan_valideert():
    bestaand = WerkplaatsFactory(naam="Wmo-werkplaats Noord")
    with pytest.raises(ValidationError):
        services.werkplaats_opslaan(werkplaats=Werkplaats(naam=bestaand.naam, hogeschool="H", lectoraat="L"))
    services.werkplaats_opslaan(werkplaats=Werkplaats(naam="Wmo-werkplaats Zuid", hogeschool="H", lectoraat="L"))
    assert Werkplaats.objects.count() == 2


def test_team_blijft_bij_zijn_organisatie(world):
    afdeling = world.afdeling_a
    afdeling.organisatie = world.org_b
    with pytest.raises(ValidationError) as error:
        services.afdeling_opslaan(afdeling=afdeling)
    assert "Een team blijft bij zijn organisatie." in error.value.message_dict["organisatie"]
    assert Afdeling.objects.get(pk=afdeling.pk).organisatie == world.org_a


def test_rol_toekennen_weigert_een_rol_die_niet_bij_de_soort_past():
    user = UserFactory()
    with pytest.raises(ValidationError) as error:
        services.rol_toekennen(user=user, soort=Rol.Soort.IMPLEMENTATIELEIDER, werkplaats=WerkplaatsFactory())
    assert "implementatieleider hoort bij een organisatie" in str(error.value)
    assert not user.rollen.exists()


def test_rol_intrekken_neemt_de_rol_weg(world):
    rol = world.leider_a.rollen.get()
    services.rol_intrekken(rol=rol)
    assert not Rol.objects.filter(pk=rol.pk).exists()
    assert list(Organisatie.objects.zichtbaar_voor(type(world.leider_a).objects.get(pk=world.leider_a.pk))) == []
