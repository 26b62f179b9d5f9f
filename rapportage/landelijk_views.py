"""The national overview's page and its XLSX export (the figures in `rapportage.landelijk`)."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from quickscan.charts import spreiding_svg
from trajecten.models import Methode, Traject
from werkplaats.landelijk import LandelijkToegestaanMixin
from werkplaats.lib.export import xlsx_antwoord
from werkplaats.models import Rol

from . import landelijk
from .landelijk_onderzoek import mag_landelijk_onderzoek


class LandelijkFilterForm(forms.Form):
    jaar = forms.IntegerField(
        label=_("Jaar"),
        required=False,
        min_value=2000,
        help_text=_("Leeg: de lopende trajecten van vandaag."),
    )
    methode = forms.ModelChoiceField(
        label=_("Methode"), queryset=Methode.objects.order_by("korte_naam"), required=False, empty_label=_("Alle")
    )

    def clean_jaar(self) -> int | None:
        jaar = self.cleaned_data["jaar"]
        if jaar is not None and jaar > datetime.date.today().year:
            raise forms.ValidationError(_("Kies een jaar dat al begonnen is."))
        return jaar


def mag_landelijk_zien(user) -> bool:
    """The national role, coordinators and lectoraat (their own werkplaats highlighted), superusers."""
    return (
        user.is_superuser or user.is_landelijk or bool(user.werkplaats_ids(Rol.Soort.COORDINATOR, Rol.Soort.LECTORAAT))
    )


class LandelijkView(LandelijkToegestaanMixin, LoginRequiredMixin, TemplateView):
    """Every werkplaats side by side, aggregated; `?formaat=xlsx` downloads the same figures."""

    template_name = "rapportage/landelijk.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not mag_landelijk_zien(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        form = LandelijkFilterForm(request.GET or None)
        filters = {k: v for k, v in request.GET.items() if k in form.fields}
        if filters and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, overzicht=None), status=400)
        data = form.cleaned_data if filters else {}
        eigen = request.user.werkplaats_ids(Rol.Soort.COORDINATOR, Rol.Soort.LECTORAAT)
        overzicht = landelijk.landelijk_overzicht(jaar=data.get("jaar"), methode=data.get("methode"), eigen=eigen)
        if request.GET.get("formaat") == "xlsx":
            return xlsx_antwoord(
                landelijk.export_rijen(overzicht), f"landelijk-{overzicht.peildatum:%Y-%m-%d}.xlsx", titel="Landelijk"
            )
        return self.render_to_response(self.get_context_data(form=form, overzicht=overzicht))

    def get_context_data(self, *, overzicht: landelijk.Overzicht | None, **kwargs):
        context = super().get_context_data(overzicht=overzicht, **kwargs)
        if overzicht is None:
            return context
        eigen = next((rij for rij in overzicht.rijen if rij.eigen and rij.getoond), None)
        rijen = []
        for element in overzicht.elementen:
            v = overzicht.landelijk.get(element.code)
            e = eigen.elementen.get(element.code) if eigen else None
            rijen.append(
                (
                    element.grafieklabel_in_taal,
                    v.q1 if v else None,
                    v.mediaan if v else None,
                    v.q3 if v else None,
                    e.mediaan if e else None,
                )
            )
        norm = overzicht.elementen[0].instrument.norm if overzicht.elementen else 3
        context.update(
            eigen=eigen,
            grafiek=spreiding_svg(
                tuple(rijen),
                titel=str(_("Spreiding per element van het Paraplumodel, alle werkplaatsen")),
                vergeleken=str(_("mediaan %(werkplaats)s") % {"werkplaats": eigen.werkplaats.naam}) if eigen else "",
                norm=norm,
            ),
            element_rijen=[
                (element, overzicht.landelijk.get(element.code), eigen.elementen.get(element.code) if eigen else None)
                for element in overzicht.elementen
            ],
            xlsx_query=self._query(formaat="xlsx"),
            mag_onderzoek=mag_landelijk_onderzoek(self.request.user),
            laatste_jaar=self._laatste_jaar(overzicht),
        )
        return context

    def _laatste_jaar(self, overzicht: landelijk.Overzicht) -> int | None:
        """When no trajectory runs today (and no year was chosen), the last year a trajectory ran, to offer it."""
        if overzicht.jaar is not None or any(rij.trajecten for rij in overzicht.rijen):
            return None
        einde = Traject.objects.filter(einddatum__lt=overzicht.peildatum).aggregate(einde=Max("einddatum"))["einde"]
        return einde.year if einde else None

    def _query(self, **extra) -> str:
        query = self.request.GET.copy()
        for key, value in extra.items():
            query[key] = value
        return query.urlencode()
