"""The read API: every endpoint reads through the same `zichtbaar_voor` querysets as the pages.

- Authentication: a personal token (`werkplaats.api_tokens.TokenAuthenticatie`) or the browser's session. Anonymous,
  malformed or revoked: 401. The views are `login_not_required` for Django's middleware, so that an API client gets
  DRF's 401 rather than the login page; DRF's permission (`ApiToegang`) requires the login instead.
- Seeing: a row out of sight is a 404, as on the pages (a leader's token sees their organisation only).
- The national role opens only the endpoints without personal data (`landelijk_toegestaan`: the method catalogue,
  the schema); every other answers 403.
- Query parameters: each endpoint names the ones it takes (`parameters`); an unknown one or a bad value is a 400 with
  a Dutch message. Lists are paginated (`?pagina=`, `?per_pagina=`), and requests are throttled per person.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, ClassVar

from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from quickscan import onderzoek
from quickscan.models import Actie, Ronde, Score
from scholing import selectors as scholing_selectors
from trajecten.models import Methode, Streefwaarde, Traject
from werkplaats.models import Organisatie

from ..forms import PeildatumForm
from ..landelijk_onderzoek import landelijk_onderzoek, mag_landelijk_onderzoek
from ..landelijk_views import LandelijkFilterForm
from . import serializers

WAAR = {"1", "true", "ja"}
ONWAAR = {"0", "false", "nee", ""}


# Query parameters -------------------------------------------------------------------------------------------------


def geheel_getal(waarde: str) -> int:
    if not waarde.isdigit():
        raise ValueError(_("Geef een geheel getal."))
    return int(waarde)


def datum(waarde: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(waarde)
    except ValueError:
        raise ValueError(_("Geef een datum als JJJJ-MM-DD.")) from None


def ja_nee(waarde: str) -> bool:
    if waarde.lower() in WAAR:
        return True
    if waarde.lower() in ONWAAR:
        return False
    raise ValueError(_("Geef true of false."))


def tekst(waarde: str) -> str:
    return waarde


def keuze(*waarden: str) -> Callable[[str], str]:
    def controleren(waarde: str) -> str:
        if waarde not in waarden:
            raise ValueError(_("Kies uit: %(waarden)s.") % {"waarden": ", ".join(waarden)})
        return waarde

    controleren.keuzes = waarden  # type: ignore[attr-defined]
    return controleren


PAGINERING = {"pagina": geheel_getal, "per_pagina": geheel_getal}
SCHEMA_TYPES = {geheel_getal: OpenApiTypes.INT, datum: OpenApiTypes.DATE, ja_nee: OpenApiTypes.BOOL, tekst: str}


def parameters_schema(parameters: dict[str, Callable[[str], Any]]) -> list[OpenApiParameter]:
    return [
        OpenApiParameter(naam, SCHEMA_TYPES.get(soort, str), enum=getattr(soort, "keuzes", None))
        for naam, soort in parameters.items()
    ]


class LeesBasis(viewsets.GenericViewSet):
    """Read-only, scoped, with checked query parameters: the base of every endpoint."""

    parameters: ClassVar[dict[str, Callable[[str], Any]]] = {}
    landelijk_toegestaan = False
    waarden: dict[str, Any] = {}

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        view = super().as_view(actions, **initkwargs)
        view.landelijk_toegestaan = cls.landelijk_toegestaan  # read by werkplaats.landelijk's middleware (session)
        return login_not_required(view)

    def toegestane_parameters(self) -> dict[str, Callable[[str], Any]]:
        """A list takes pagination and the viewset's filters; an extra action the parameters it names; a detail
        none."""
        if self.action == "list":
            return PAGINERING | self.parameters
        functie = getattr(self, self.action, None) if self.action else None
        return dict(getattr(functie, "parameters", {}))

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication, permission, throttle: a 401 comes first
        toegestaan = self.toegestane_parameters()
        fouten: dict[str, str] = {}
        waarden: dict[str, Any] = {}
        for naam, waarde in request.query_params.items():
            if naam not in toegestaan:
                fouten[naam] = str(_("Onbekende parameter."))
                continue
            try:
                waarden[naam] = toegestaan[naam](waarde)
            except ValueError as fout:
                fouten[naam] = str(fout)
        if fouten:
            raise exceptions.ValidationError(fouten)
        self.waarden = waarden

    def filteren(self, queryset, **paden: str):
        """Filter on the given parameters (name -> lookup), when given."""
        return queryset.filter(**{pad: self.waarden[naam] for naam, pad in paden.items() if naam in self.waarden})


class LeesViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, LeesBasis):
    """A list and its rows."""


def neemt_parameters(**soorten: Callable[[str], Any]):
    """Mark an extra action with the query parameters it takes."""

    def markeren(functie):
        functie.parameters = soorten
        return functie

    return markeren


def _schema(viewset: type[LeesBasis], lijst: str, detail: str) -> None:
    """The Dutch descriptions of the list and the detail in the schema, and the list's parameters."""
    extend_schema_view(
        list=extend_schema(description=lijst, parameters=parameters_schema(viewset.parameters)),
        retrieve=extend_schema(description=detail),
    )(viewset)


# Endpoints --------------------------------------------------------------------------------------------------------


class TrajectViewSet(LeesViewSet):
    """Trajectories the user sees; their figures as of a date (the dashboard's) and the research export."""

    serializer_class = serializers.TrajectSerializer
    parameters: ClassVar = {"werkplaats": geheel_getal}

    def get_queryset(self):
        queryset = Traject.objects.zichtbaar_voor(self.request.user).select_related("werkplaats")
        return self.filteren(queryset.prefetch_related("methoden"), werkplaats="werkplaats_id").order_by("pk")

    @extend_schema(
        description=_(
            "Alle cijfers van het traject op de peildatum, dezelfde als het dashboard; een leider krijgt de totalen en "
            "de details van de eigen organisatie."
        ),
        responses=serializers.CijfersSerializer,
        parameters=[
            OpenApiParameter("peildatum", OpenApiTypes.DATE, description=_("Standaard vandaag, of het einde."))
        ],
    )
    @action(detail=True)
    @neemt_parameters(peildatum=tekst)
    def cijfers(self, request, pk=None):
        """Every figure of the trajectory as of `peildatum` (`scholing.selectors.traject_cijfers`, as the dashboard);
        a leader gets the totals and the details of their own organisation only, as on the dashboard."""
        traject = self.get_object()
        form = PeildatumForm(request.query_params, traject=traject)
        if not form.is_valid():
            raise exceptions.ValidationError(dict(form.errors.items()))
        cijfers = scholing_selectors.traject_cijfers(traject, form.cleaned_data["peildatum"])
        cijfers.organisaties = scholing_selectors.organisatiecijfers_voor(request.user, traject, cijfers)
        return Response(serializers.CijfersSerializer(cijfers).data)

    @extend_schema(
        description=_(
            "De onderzoeksexport: één rij per organisatie (of team), element en paar opeenvolgende afgeronde rondes, "
            "met de acties die ertussen gereedkwamen. Voor coördinatoren en het lectoraat van de werkplaats."
        ),
        responses=serializers.OnderzoeksRijSerializer(many=True),
        parameters=[
            OpenApiParameter("pseudoniem", OpenApiTypes.BOOL, description=_("Organisaties onder een vast pseudoniem.")),
            *parameters_schema(PAGINERING),
        ],
    )
    @action(detail=True)
    @neemt_parameters(pseudoniem=ja_nee, **PAGINERING)
    def onderzoek(self, request, pk=None):
        """The research export (`quickscan.onderzoek`): one row per organisation (or team) x element x pair of
        consecutive submitted rounds. For the trajectory's coordinators and lectoraat (leaders: 403)."""
        traject = self.get_object()
        if not traject.mag_rapporteren(request.user):
            raise exceptions.PermissionDenied(_("Alleen coördinatoren en het lectoraat van de werkplaats."))
        pseudoniem = self.waarden.get("pseudoniem", False)
        rijen = onderzoek.onderzoek_rijen(traject, Ronde.objects.zichtbaar_voor(request.user), pseudoniemen=pseudoniem)
        data = [rij.als_dict() | ({"ronde_voor": None, "ronde_na": None} if pseudoniem else {}) for rij in rijen]
        pagina = self.paginate_queryset(data)
        return self.get_paginated_response(serializers.OnderzoeksRijSerializer(pagina, many=True).data)


class LandelijkOnderzoekViewSet(LeesBasis):
    """The research export across werkplaatsen (`rapportage.landelijk_onderzoek`): pseudonyms, no free text, the
    small-number threshold. The national role and superusers; for them it is free of personal data."""

    serializer_class = serializers.LandelijkeOnderzoeksRijSerializer
    landelijk_toegestaan = True
    parameters: ClassVar = {"jaar": geheel_getal, "methode": geheel_getal}

    @extend_schema(
        description=_(
            "De onderzoeksexport over alle werkplaatsen, voor de landelijke rol: één rij per organisatie (of team), "
            "element en paar opeenvolgende afgeronde rondes, organisaties en teams altijd onder een vast pseudoniem, "
            "zonder vrije tekst (van de acties alleen aantal en data). Een werkplaats met minder organisaties dan de "
            "drempel levert geen rijen. Selectie als het landelijk overzicht: jaar en methode."
        ),
        parameters=[
            OpenApiParameter("jaar", OpenApiTypes.INT, description=_("Leeg: de lopende trajecten van vandaag.")),
            OpenApiParameter("methode", OpenApiTypes.INT, description=_("Het id van een methode (/api/methoden/).")),
            *parameters_schema(PAGINERING),
        ],
    )
    def list(self, request):
        if not mag_landelijk_onderzoek(request.user):
            raise exceptions.PermissionDenied(_("Alleen voor de landelijke rol."))
        form = LandelijkFilterForm(self.waarden)
        if not form.is_valid():
            raise exceptions.ValidationError(dict(form.errors.items()))
        gegevens = landelijk_onderzoek(jaar=form.cleaned_data["jaar"], methode=form.cleaned_data["methode"])
        pagina = self.paginate_queryset([rij.landelijk_dict() for rij in gegevens.rijen])
        return self.get_paginated_response(serializers.LandelijkeOnderzoeksRijSerializer(pagina, many=True).data)


class OrganisatieViewSet(LeesViewSet):
    serializer_class = serializers.OrganisatieSerializer
    parameters: ClassVar = {"werkplaats": geheel_getal, "actief": ja_nee}

    def get_queryset(self):
        queryset = Organisatie.objects.zichtbaar_voor(self.request.user)
        return self.filteren(queryset, werkplaats="werkplaats_id", actief="actief").order_by("pk")


class MethodeViewSet(LeesViewSet):
    """The shared method catalogue: no personal data, so the national role reads it too."""

    serializer_class = serializers.MethodeSerializer
    landelijk_toegestaan = True

    def get_queryset(self):
        return Methode.objects.order_by("pk")


class StreefwaardeViewSet(LeesViewSet):
    serializer_class = serializers.StreefwaardeSerializer
    parameters: ClassVar = {"traject": geheel_getal}

    def get_queryset(self):
        queryset = Streefwaarde.objects.zichtbaar_voor(self.request.user)
        return self.filteren(queryset, traject="traject_id").order_by("pk")


class RondeViewSet(LeesViewSet):
    """Quickscan rounds (not archived) with their scores."""

    serializer_class = serializers.RondeSerializer
    parameters: ClassVar = {
        "organisatie": geheel_getal,
        "traject": geheel_getal,
        "status": keuze(*Ronde.Status.values),
        "vanaf": datum,
        "tot_en_met": datum,
    }

    def get_queryset(self):
        queryset = (
            Ronde.objects.zichtbaar_voor(self.request.user)
            .actief()
            .select_related("organisatie")
            .prefetch_related("methoden", _scores())
        )
        return self.filteren(
            queryset,
            organisatie="organisatie_id",
            traject="traject_id",
            status="status",
            vanaf="datum__gte",
            tot_en_met="datum__lte",
        ).order_by("datum", "pk")


def _scores():
    return Prefetch("scores", queryset=Score.objects.select_related("element").order_by("element__volgorde"))


class ActieViewSet(LeesViewSet):
    serializer_class = serializers.ActieSerializer
    parameters: ClassVar = {
        "ronde": geheel_getal,
        "organisatie": geheel_getal,
        "status": keuze(*Actie.Status.values),
    }

    def get_queryset(self):
        queryset = Actie.objects.zichtbaar_voor(self.request.user).select_related("ronde", "element")
        return self.filteren(queryset, ronde="ronde_id", organisatie="ronde__organisatie_id", status="status").order_by(
            "pk"
        )


_schema(
    TrajectViewSet,
    _("De trajecten die u ziet (coördinator en lectoraat: die van hun werkplaats; leiders: die van hun organisatie)."),
    _("Eén traject."),
)
_schema(OrganisatieViewSet, _("De organisaties die u ziet."), _("Eén organisatie."))
_schema(
    MethodeViewSet,
    _("De gedeelde methodecatalogus (geen persoonsgegevens: ook voor de landelijke rol)."),
    _("Eén methode."),
)
_schema(StreefwaardeViewSet, _("De streefwaarden van de trajecten die u ziet."), _("Eén streefwaarde."))
_schema(
    RondeViewSet,
    _("Quickscanrondes (niet gearchiveerd) met hun scores, van de organisaties die u ziet."),
    _("Eén ronde met scores; een ronde van een andere organisatie: 404."),
)
_schema(ActieViewSet, _("De acties van de actieplannen die u ziet."), _("Eén actie."))
