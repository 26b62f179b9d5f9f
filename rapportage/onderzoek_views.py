"""The research page of a trajectory: per element, the mean score change with and without completed actions, and
the research export (CSV/XLSX) of every pair of consecutive rounds (`quickscan.onderzoek`)."""

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
from werkplaats.lib import export


class OnderzoekForm(forms.Form):
    pseudoniem = forms.BooleanField(
        label=_("Organisaties onder een pseudoniem"),
        required=False,
        help_text=_("Elke organisatie krijgt een vaste code in plaats van haar naam; teams worden weggelaten."),
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
