import factory
from factory.django import DjangoModelFactory

from werkplaats.models import Afdeling, Organisatie, Rol, User, Werkplaats


class WerkplaatsFactory(DjangoModelFactory):
    class Meta:
        model = Werkplaats
        django_get_or_create = ["naam"]

    naam = factory.Sequence(lambda n: f"Werkplaats {n}")
    hogeschool = "Hogeschool Test"
    lectoraat = "Rehabilitatie"


class OrganisatieFactory(DjangoModelFactory):
    class Meta:
        model = Organisatie

    werkplaats = factory.SubFactory(WerkplaatsFactory)
    naam = factory.Sequence(lambda n: f"Organisatie {n:03d}")
    soort = Organisatie.Soort.INSTELLING


class AfdelingFactory(DjangoModelFactory):
    class Meta:
        model = Afdeling

    organisatie = factory.SubFactory(OrganisatieFactory)
    naam = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    password = factory.django.Password("geheim-wachtwoord-1")


class RolFactory(DjangoModelFactory):
    class Meta:
        model = Rol

    user = factory.SubFactory(UserFactory)
    soort = Rol.Soort.COORDINATOR
    werkplaats = factory.SubFactory(WerkplaatsFactory)


def coordinator_van(werkplaats: Werkplaats, **user_fields) -> User:
    return RolFactory(user=UserFactory(**user_fields), soort=Rol.Soort.COORDINATOR, werkplaats=werkplaats).user


def lectoraat_van(werkplaats: Werkplaats, **user_fields) -> User:
    return RolFactory(user=UserFactory(**user_fields), soort=Rol.Soort.LECTORAAT, werkplaats=werkplaats).user


def leider_van(*organisaties: Organisatie, **user_fields) -> User:
    user = UserFactory(**user_fields)
    for organisatie in organisaties:
        RolFactory(user=user, soort=Rol.Soort.IMPLEMENTATIELEIDER, werkplaats=None, organisatie=organisatie)
    return user


def maak_ronde(organisatie: Organisatie, scores=None, *, afronden: bool = False, datum=None, afdeling=None, **velden):
    """A quickscan round through the services, as the app makes one. `scores`: {code: score}."""
    import datetime

    from quickscan import services

    ronde = services.ronde_aanmaken(
        organisatie=organisatie,
        afdeling=afdeling,
        datum=datum or datetime.date(2014, 5, 9),
        ingevuld_door=velden.pop("ingevuld_door", "Test Leider"),
        functie=velden.pop("functie", "Manager"),
        **velden,
    )
    if scores or afronden:
        elementen = {e.code: e.pk for e in ronde.instrument.elementen.all()}
        invoer = {elementen[code]: services.ElementInvoer(score=score) for code, score in (scores or {}).items()}
        ronde = services.ronde_opslaan(ronde=ronde, versie=ronde.versie, gegevens={}, invoer=invoer, afronden=afronden)
    return ronde
