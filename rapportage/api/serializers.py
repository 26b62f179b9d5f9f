"""What the API answers: plain read-only serializers of the models and of the selectors' report objects."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from quickscan.models import Actie, Ronde, Score
from trajecten.models import Methode, Streefwaarde, Traject
from werkplaats.models import Organisatie


class TrajectSerializer(serializers.ModelSerializer):
    werkplaats_naam = serializers.CharField(source="werkplaats.naam")

    class Meta:
        model = Traject
        fields = ["id", "naam", "werkplaats", "werkplaats_naam", "startdatum", "einddatum", "methoden"]


class OrganisatieSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisatie
        fields = ["id", "naam", "soort", "plaats", "werkplaats", "actief"]


class MethodeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Methode
        fields = ["id", "naam", "korte_naam", "omschrijving", "databank_url"]


class StreefwaardeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Streefwaarde
        fields = ["id", "traject", "indicator", "methode", "waarde", "formulering", "toelichting"]


class ScoreSerializer(serializers.ModelSerializer):
    element = serializers.CharField(source="element.code")
    element_naam = serializers.CharField(source="element.naam")

    class Meta:
        model = Score
        fields = ["element", "element_naam", "score", "toelichting"]


class RondeSerializer(serializers.ModelSerializer):
    organisatie_naam = serializers.CharField(source="organisatie.naam")
    scores = ScoreSerializer(many=True)

    class Meta:
        model = Ronde
        fields = [
            "id",
            "organisatie",
            "organisatie_naam",
            "afdeling",
            "traject",
            "instrument",
            "methoden",
            "datum",
            "status",
            "afgerond_op",
            "illustratief",
            "ingevuld_door",
            "functie",
            "gereedheid",
            "veranderingsgeschiedenis",
            "capaciteit_tijd",
            "capaciteit_middelen",
            "capaciteit_ruimte",
            "capaciteit_menskracht",
            "vernieuwers",
            "vernieuwers_toelichting",
            "scores",
        ]


class ActieSerializer(serializers.ModelSerializer):
    organisatie = serializers.IntegerField(source="ronde.organisatie_id")
    element = serializers.CharField(source="element.code")

    class Meta:
        model = Actie
        fields = [
            "id",
            "ronde",
            "organisatie",
            "element",
            "omschrijving",
            "eigenaar",
            "deadline",
            "status",
            "gereed_op",
        ]


# The figures of a trajectory (scholing.selectors.traject_cijfers, as on the dashboard) ----------------------------


class MethodeCijfersSerializer(serializers.Serializer):
    methode = serializers.IntegerField(source="methode.pk")
    naam = serializers.CharField(source="methode.naam")
    professionals = serializers.IntegerField()
    organisaties = serializers.IntegerField()
    gemeenten = serializers.IntegerField()
    groepen = serializers.IntegerField()
    ambtenaren = serializers.IntegerField()
    aanvullend = serializers.IntegerField()
    streefwaarde = serializers.IntegerField(allow_null=True)


class OrganisatieCijfersSerializer(serializers.Serializer):
    organisatie = serializers.IntegerField(source="organisatie.pk")
    naam = serializers.CharField(source="organisatie.naam")
    methoden = serializers.SerializerMethodField()
    professionals = serializers.IntegerField()
    buddies = serializers.IntegerField()
    leiders_actief = serializers.IntegerField()
    leiders_totaal = serializers.IntegerField()

    def get_methoden(self, obj) -> list[int]:
        return [m.pk for m in obj.methoden]


class DoelSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    streefwaarde = serializers.IntegerField(allow_null=True)
    gerealiseerd = serializers.IntegerField()
    percentage = serializers.IntegerField(allow_null=True)
    formulering = serializers.CharField()


class AantalSerializer(serializers.Serializer):
    naam = serializers.CharField()
    aantal = serializers.IntegerField()


def _aantallen(paren) -> list[dict]:
    return [{"naam": str(naam), "aantal": aantal} for naam, aantal in paren]


class CijfersSerializer(serializers.Serializer):
    traject = serializers.IntegerField(source="traject.pk")
    peildatum = serializers.DateField()
    professionals_totaal = serializers.IntegerField()
    organisaties_geschoold = serializers.IntegerField()
    geschoold_totaal = serializers.IntegerField()
    aanvullend_totaal = serializers.IntegerField()
    buddies_totaal = serializers.IntegerField()
    buddies_teams = serializers.IntegerField()
    deelnemers_onder_minimum = serializers.IntegerField()
    leiders_totaal = serializers.IntegerField()
    leiders_actief = serializers.IntegerField()
    leiders_organisaties = serializers.IntegerField()
    vrijwilligers = serializers.IntegerField()
    ambtenaren_totaal = serializers.IntegerField()
    uitval_totaal = serializers.IntegerField()
    uitval_redenen = serializers.SerializerMethodField()
    leiders_functies = serializers.SerializerMethodField()
    doelen = DoelSerializer(many=True)
    methoden = MethodeCijfersSerializer(many=True)
    organisaties = OrganisatieCijfersSerializer(many=True)

    @extend_schema_field(AantalSerializer(many=True))
    def get_uitval_redenen(self, obj) -> list[dict]:
        return _aantallen(obj.uitval_redenen)

    @extend_schema_field(AantalSerializer(many=True))
    def get_leiders_functies(self, obj) -> list[dict]:
        return _aantallen(obj.leiders_functies.items())


# The research export (quickscan.onderzoek) ------------------------------------------------------------------------


class GereedActieSerializer(serializers.Serializer):
    omschrijving = serializers.CharField()
    gereed_op = serializers.DateField()


class OnderzoeksRijSerializer(serializers.Serializer):
    traject = serializers.CharField()
    methoden = serializers.ListField(child=serializers.CharField())
    organisatie = serializers.CharField(help_text=_("De naam, of het vaste pseudoniem met ?pseudoniem=true."))
    organisatie_soort = serializers.CharField()
    team = serializers.CharField()
    element_code = serializers.CharField()
    element = serializers.CharField()
    ronde_voor = serializers.IntegerField()
    ronde_na = serializers.IntegerField()
    datum_voor = serializers.DateField()
    datum_na = serializers.DateField()
    score_voor = serializers.IntegerField(allow_null=True)
    score_na = serializers.IntegerField(allow_null=True)
    verschil = serializers.IntegerField(allow_null=True)
    maanden = serializers.FloatField()
    aantal_acties = serializers.IntegerField()
    acties = GereedActieSerializer(many=True)
    gereedheid = serializers.DictField(child=serializers.CharField(allow_blank=True))


class LandelijkeOnderzoeksRijSerializer(serializers.Serializer):
    """A row of the national research export (`OnderzoeksRij.landelijk_dict`): no names, no free text."""

    werkplaats = serializers.CharField()
    methoden = serializers.ListField(child=serializers.CharField())
    organisatie = serializers.CharField(help_text=_("Het vaste pseudoniem van de organisatie."))
    organisatie_soort = serializers.CharField()
    team = serializers.CharField(help_text=_("Het vaste pseudoniem van het team, of leeg."))
    element_code = serializers.CharField()
    element = serializers.CharField()
    datum_voor = serializers.DateField()
    datum_na = serializers.DateField()
    score_voor = serializers.IntegerField(allow_null=True)
    score_na = serializers.IntegerField(allow_null=True)
    verschil = serializers.IntegerField(allow_null=True)
    maanden = serializers.FloatField()
    aantal_acties = serializers.IntegerField()
    acties_gereed_op = serializers.ListField(child=serializers.DateField())
    vernieuwers = serializers.CharField(help_text=_("Innovators en early adopters in de eerste ronde: ja, deels, nee."))
    illustratief = serializers.BooleanField(help_text=_("Een van beide rondes is een gereconstrueerd voorbeeld."))
