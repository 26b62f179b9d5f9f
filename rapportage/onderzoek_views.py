"""The research page of a trajectory: per element, the mean score change with and without completed actions, and
the research export (CSV/XLSX) of every pair of consecutive rounds (`quickscan.onderzoek`); and the same across
werkplaatsen for the national role (`landelijk_onderzoek`: pseudonyms, no free text, the small-number threshold)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from quickscan import onderzoek
from quickscan.models import Ronde
from trajecten.models import Traject
from werkplaats.landelijk import LandelijkToegestaanMixin
from werkplaats.lib import export

from .landelijk_onderzoek import landelijk_onderzoek, mag_landelijk_onderzoek
from .landelijk_views import LandelijkFilterForm


class OnderzoekForm(forms.Form):
    pseudoniem = forms.BooleanField(
        label=_("Organisaties onder een pseudoniem"),
        required=False,
        help_text=_("Elke organisatie en elk team krijgt een vaste code in plaats van de naam."),
    )
    _export = forms.ChoiceField(choices=[("csv", "CSV"), ("xlsx", "Excel")], required=False)

    VELDEN = frozenset({"pseudoniem", "_export"})


def onderzoek_traject(request, pk: int) -> Traject:
    """404 when the trajectory is out of sight; 403 for those who do not report on it (leaders)."""
    traject = get_object_or_404(Traject.objects.zichtbaar_voor(request.user).select_related("werkplaats"), pk=pk)
    if not traject.mag_rapporteren(request.user):
        raise PermissionDenied
    return traject


class OnderzoekView(LoginRequiredMixin, View):
    def get(self, request, pk: int):
        traject = onderzoek_traject(request, pk)
        form = OnderzoekForm(request.GET or None)
        onbekend = sorted(set(request.GET) - OnderzoekForm.VELDEN)
        if onbekend or (request.GET and not form.is_valid()):
            if onbekend:
                form.is_valid()
                form.add_error(None, _("Onbekende parameter: %(namen)s.") % {"namen": ", ".join(onbekend)})
            contexte = {"traject": traject, "form": form, "samenvatting": None}
            return render(request, "rapportage/onderzoek.html", contexte, status=400)
        pseudoniem = bool(form.is_bound and form.cleaned_data["pseudoniem"])
        rijen = onderzoek.onderzoek_rijen(traject, Ronde.objects.zichtbaar_voor(request.user), pseudoniemen=pseudoniem)
        formaat = form.cleaned_data["_export"] if form.is_bound else ""
        if formaat:
            naam = f"onderzoek-traject-{traject.pk}{'-pseudoniem' if pseudoniem else ''}.{formaat}"
            return export.antwoord(onderzoek.export_rijen(rijen), formaat, naam, titel=str(_("Onderzoek")))
        return render(
            request,
            "rapportage/onderzoek.html",
            {
                "traject": traject,
                "form": form if form.is_bound else OnderzoekForm(),
                "samenvatting": onderzoek.samenvatting(rijen),
                "paren": len({(r.ronde_voor, r.ronde_na) for r in rijen}),
                "rijen": len(rijen),
                "minimum": onderzoek.MINIMUM_PAREN,
                "pseudoniem": pseudoniem,
            },
        )


class LandelijkOnderzoekForm(LandelijkFilterForm):
    """The national overview's selection (year, method), and the download."""

    _export = forms.ChoiceField(choices=[("csv", "CSV"), ("xlsx", "Excel")], required=False)

    VELDEN = frozenset({"jaar", "methode", "_export"})


class LandelijkOnderzoekView(LandelijkToegestaanMixin, LoginRequiredMixin, View):
    """Every werkplaats's pairs of rounds, pseudonymised and without free text; the summary per element with the
    small-number threshold. The national role and superusers."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not mag_landelijk_onderzoek(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        form = LandelijkOnderzoekForm(request.GET or None)
        onbekend = sorted(set(request.GET) - LandelijkOnderzoekForm.VELDEN)
        if onbekend or (request.GET and not form.is_valid()):
            if onbekend:
                form.is_valid()
                form.add_error(None, _("Onbekende parameter: %(namen)s.") % {"namen": ", ".join(onbekend)})
            return render(request, "rapportage/landelijk_onderzoek.html", {"form": form, "gegevens": None}, status=400)
        data = form.cleaned_data if form.is_bound else {}
        gegevens = landelijk_onderzoek(jaar=data.get("jaar"), methode=data.get("methode"))
        formaat = data.get("_export")
        if formaat:
            naam = f"onderzoek-landelijk-{gegevens.jaar or gegevens.peildatum.isoformat()}.{formaat}"
            rijen = onderzoek.landelijke_export_rijen(gegevens.rijen)
            return export.antwoord(rijen, formaat, naam, titel=str(_("Onderzoek landelijk")))
        return render(
            request,
            "rapportage/landelijk_onderzoek.html",
            {
                "form": form if form.is_bound else LandelijkOnderzoekForm(),
                "gegevens": gegevens,
                "samenvatting": gegevens.samenvatting(),
                "minimum": onderzoek.MINIMUM_PAREN,
                "drempel": True,
            },
        )
