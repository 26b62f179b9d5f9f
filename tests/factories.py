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

    elementen = {e.code: e.pk for e in services.standaard_instrument().elementen.all()}
    return services.ronde_invullen(
        organisatie=organisatie,
        gegevens={
            "afdeling": afdeling,
            "datum": datum or datetime.date(2014, 5, 9),
            "ingevuld_door": velden.pop("ingevuld_door", "Test Leider"),
            "functie": velden.pop("functie", "Manager"),
            **velden,
        },
        invoer={elementen[code]: services.ElementInvoer(score=score) for code, score in (scores or {}).items()},
        afronden=afronden,
    )


# Trajecten and scholing ---------------------------------------------------------------------------------------------
# Plain factories for view tests; records that carry rules are better made through the services.


def _datum(jaar: int, maand: int, dag: int):
    import datetime

    return datetime.date(jaar, maand, dag)


class MethodeFactory(DjangoModelFactory):
    class Meta:
        model = "trajecten.Methode"
        django_get_or_create = ["naam"]

    naam = factory.Sequence(lambda n: f"Methode {n:03d}")
    korte_naam = factory.LazyAttribute(lambda o: o.naam.replace("Methode", "M"))


class TrajectFactory(DjangoModelFactory):
    """A trajectory; `methoden=[...]` sets both the offered and the chosen methods."""

    class Meta:
        model = "trajecten.Traject"
        skip_postgeneration_save = True

    werkplaats = factory.SubFactory(WerkplaatsFactory)
    naam = factory.Sequence(lambda n: f"Traject {n:03d}")
    startdatum = _datum(2014, 1, 1)
    einddatum = _datum(2015, 12, 31)

    @factory.post_generation
    def methoden(self, create, extracted, **kwargs):
        if create and extracted:
            self.methoden_aangeboden.set(extracted)
            self.methoden.set(extracted)


class DeelnameFactory(DjangoModelFactory):
    class Meta:
        model = "trajecten.Deelname"
        skip_postgeneration_save = True

    traject = factory.SubFactory(TrajectFactory)
    organisatie = factory.SubFactory(OrganisatieFactory, werkplaats=factory.SelfAttribute("..traject.werkplaats"))
    vanaf = factory.SelfAttribute("traject.startdatum")

    @factory.post_generation
    def methoden(self, create, extracted, **kwargs):
        if create and extracted:
            self.methoden.set(extracted)


class ScholingsgroepFactory(DjangoModelFactory):
    class Meta:
        model = "scholing.Scholingsgroep"

    traject = factory.SubFactory(TrajectFactory)
    methode = factory.SubFactory(MethodeFactory)
    nummer = factory.Sequence(lambda n: n + 1)


class BijeenkomstFactory(DjangoModelFactory):
    class Meta:
        model = "scholing.Bijeenkomst"

    groep = factory.SubFactory(ScholingsgroepFactory)
    traject = factory.SelfAttribute("groep.traject")
    soort = "basistraining"
    datum = _datum(2014, 3, 1)


class PersoonFactory(DjangoModelFactory):
    class Meta:
        model = "scholing.Persoon"

    organisatie = factory.SubFactory(OrganisatieFactory)
    naam = factory.Sequence(lambda n: f"Persoon {n:04d}")
    functie = "Begeleider"


class InschrijvingFactory(DjangoModelFactory):
    class Meta:
        model = "scholing.Inschrijving"

    persoon = factory.SubFactory(PersoonFactory)
    groep = factory.SubFactory(ScholingsgroepFactory)
    startdatum = _datum(2014, 2, 1)


class BuddyFactory(DjangoModelFactory):
    class Meta:
        model = "scholing.Buddy"

    inschrijving = factory.SubFactory(InschrijvingFactory)
    naam = factory.Sequence(lambda n: f"Collega {n}")
    vanaf = factory.SelfAttribute("inschrijving.startdatum")


class ImplementatieleiderFactory(DjangoModelFactory):
    class Meta:
        model = "scholing.Implementatieleider"

    persoon = factory.SubFactory(PersoonFactory)
    traject = factory.SubFactory(TrajectFactory)
    functie = "manager"
    actief_vanaf = _datum(2014, 1, 15)
