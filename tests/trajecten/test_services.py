import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import MethodeFactory, TrajectFactory
from trajecten import services
from trajecten.models import Fase, Methode, MethodeAlias, Streefwaarde

pytestmark = pytest.mark.django_db


@pytest.fixture
def traject(world):
    return TrajectFactory(werkplaats=world.werkplaats, methoden=[MethodeFactory(naam="Het Gesprek", korte_naam="HG")])


def test_methode_en_aliassen_worden_samen_opgeslagen():
    methode = services.methode_opslaan(
        methode=Methode(naam="Krachtgericht werken", korte_naam="KW"),
        aliassen=[
            MethodeAlias(naam="Krachtgericht", context="eindrapport"),
            MethodeAlias(naam="KGW", context="poster"),
        ],
    )
    assert methode.alias("eindrapport") == "Krachtgericht" and methode.alias("poster") == "KGW"


def test_foute_alias_schrijft_ook_de_methode_niet():
    with pytest.raises(ValidationError) as error:
        services.methode_opslaan(
            methode=Methode(naam="Krachtgericht werken", korte_naam="KW"),
            aliassen=[MethodeAlias(naam="Krachtgericht", context="")],
        )
    assert list(error.value.message_dict) == ["aliassen"]  # not on the method's own fields
    assert not Methode.objects.exists() and not MethodeAlias.objects.exists()


def test_dubbele_context_van_een_alias_wordt_geweigerd():
    methode = services.methode_opslaan(
        methode=Methode(naam="Het Gesprek", korte_naam="HG"), aliassen=[MethodeAlias(naam="A", context="poster")]
    )
    with pytest.raises(ValidationError):
        services.methode_opslaan(methode=methode, aliassen=[MethodeAlias(naam="B", context="poster")])
    assert methode.alias("poster") == "A"


def test_fase_bewaart_maanden_als_eerste_dag_en_nummer_is_uniek(traject):
    fase = services.fase_opslaan(
        fase=Fase(
            traject=traject,
            nummer=1,
            naam="Start",
            startmaand=datetime.date(2014, 1, 15),
            eindmaand=datetime.date(2014, 2, 28),
        )
    )
    fase.refresh_from_db()
    assert (fase.startmaand, fase.eindmaand) == (datetime.date(2014, 1, 1), datetime.date(2014, 2, 1))
    dubbel = Fase(traject=traject, nummer=1, naam="Ook 1", startmaand=fase.startmaand, eindmaand=fase.eindmaand)
    with pytest.raises(ValidationError):
        services.fase_opslaan(fase=dubbel)
    assert traject.fasen.count() == 1


def test_streefwaarde_voor_een_methode_buiten_het_traject_wordt_geweigerd(traject):
    """The form offers only the chosen methods; the service holds the admin and the demo data to it as well."""
    ander = MethodeFactory(naam="IRB in de wijk", korte_naam="IRB")
    with pytest.raises(ValidationError) as error:
        services.streefwaarde_opslaan(
            streefwaarde=Streefwaarde(traject=traject, indicator="professionals", methode=ander, waarde=30)
        )
    assert "Kies een methode die in het traject gekozen is." in error.value.message_dict["methode"]
    gekozen = traject.methoden.get()
    services.streefwaarde_opslaan(
        streefwaarde=Streefwaarde(traject=traject, indicator="professionals", methode=gekozen, waarde=30)
    )
    assert traject.streefwaarden.get().methode == gekozen


def test_een_totaal_per_indicator_wordt_maar_een_keer_vastgelegd(traject):
    services.streefwaarde_opslaan(streefwaarde=Streefwaarde(traject=traject, indicator="professionals", waarde=90))
    with pytest.raises(ValidationError):
        services.streefwaarde_opslaan(streefwaarde=Streefwaarde(traject=traject, indicator="professionals", waarde=80))
    assert traject.streefwaarden.get().waarde == 90
