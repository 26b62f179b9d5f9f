"""An organisation's implementation phase: the derived one with its reason, and the coordinator's override.

The coordinators of the organisation's werkplaats (and superusers) set, change and undo the override; whoever else sees
the organisation gets 403, an organisation out of sight is a 404. The phase itself is shown on the organisation's page
(`panels.organisatie_panel`).
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from werkplaats.lib.versies import VERSIEVELD, VerouderdeVersie, conflict_melden
from werkplaats.models import Organisatie
from werkplaats.views import fouten_tonen

from . import services
from .forms import FasecorrectieForm
from .landelijk_fase import Fasestand, organisatie_fasen
from .models import Fasecorrectie, mag_fase_corrigeren


def _organisatie(request, pk: int) -> Organisatie:
    """404 when the organisation is out of sight; 403 for those who see it but may not override its phase."""
    organisatie = get_object_or_404(
        Organisatie.objects.zichtbaar_voor(request.user).select_related("werkplaats"), pk=pk
    )
    if not mag_fase_corrigeren(organisatie, request.user):
        raise PermissionDenied
    return organisatie


def _actieve(organisatie: Organisatie) -> Fasecorrectie | None:
    return Fasecorrectie.objects.actief().filter(organisatie=organisatie).select_related("gezet_door").first()


def terug(organisatie: Organisatie) -> str:
    return reverse("werkplaats:organisatie_detail", kwargs={"pk": organisatie.pk}) + "#fase-kop"


class FaseView(LoginRequiredMixin, View):
    """The derived phase and its reason, the override that is set (with its note, who and when), and the form."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.organisatie = _organisatie(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk: int):
        correctie = _actieve(self.organisatie)
        stand = self.stand()
        form = FasecorrectieForm(
            initial={
                "fase": correctie.fase if correctie else (stand.afgeleid.fase if stand else None),
                "toelichting": correctie.toelichting if correctie else "",
                "versie": correctie.versie if correctie else 0,
            }
        )
        return self.toon(form, correctie, stand)

    def post(self, request, pk: int):
        form = FasecorrectieForm(request.POST)
        if form.is_valid():
            try:
                services.fasecorrectie_opslaan(
                    organisatie=self.organisatie,
                    fase=form.cleaned_data["fase"],
                    toelichting=form.cleaned_data["toelichting"],
                    door=request.user,
                    versie=form.cleaned_data.get(VERSIEVELD),
                )
            except VerouderdeVersie as conflict:
                return self.verouderd(form, conflict)
            except ValidationError as error:
                fouten_tonen(form, error)
            else:
                messages.success(request, _("De fase van %(naam)s is aangepast.") % {"naam": self.organisatie})
                return redirect(terug(self.organisatie))
        return self.toon(form, _actieve(self.organisatie), self.stand(), status=400)

    def verouderd(self, form: FasecorrectieForm, conflict: VerouderdeVersie) -> HttpResponse:
        """409: someone set, changed or undid the override after this form was opened. The input stays; the form now
        carries the current version, so saving again overwrites on purpose."""
        correctie = _actieve(self.organisatie)
        if conflict.obj is not None:
            conflict_melden(form, correctie or conflict.obj, conflict.versie)
        if correctie is None:
            form.add_error(None, _("De correctie is intussen ongedaan gemaakt; opslaan zet haar opnieuw."))
        data = form.data.copy()
        data[VERSIEVELD] = str(correctie.versie if correctie else 0)
        form.data = data
        return self.toon(form, correctie, self.stand(), status=409)

    def stand(self) -> Fasestand | None:
        return organisatie_fasen(Organisatie.objects.filter(pk=self.organisatie.pk), datetime.date.today()).get(
            self.organisatie.pk
        )

    def toon(self, form, correctie: Fasecorrectie | None, stand: Fasestand | None, status: int = 200):
        return render(
            self.request,
            "rapportage/fase_form.html",
            {
                "organisatie": self.organisatie,
                "form": form,
                "correctie": correctie,
                "afgeleid": stand.afgeleid if stand else None,
                "terug": terug(self.organisatie),
            },
            status=status,
        )


@require_POST
def fase_ongedaan(request, pk: int):
    """Undo the override (archive it): the derived phase counts again. A page opened before someone changed or undid
    the override gets 409 and shows it as it is now."""
    organisatie = _organisatie(request, pk)
    correctie = _actieve(organisatie)
    if correctie is None:
        messages.info(request, _("Er is geen correctie van de fase om ongedaan te maken."))
        return redirect(terug(organisatie))
    form = FasecorrectieForm({VERSIEVELD: request.POST.get(VERSIEVELD, "")})
    form.is_valid()  # only the version is read here
    if VERSIEVELD in form.errors:
        return _pagina(request, organisatie, _("Ongeldige versie van de pagina: open haar opnieuw."), status=400)
    try:
        services.fasecorrectie_archiveren(correctie=correctie, versie=form.cleaned_data.get(VERSIEVELD))
    except VerouderdeVersie:
        return _pagina(
            request,
            organisatie,
            _("Iemand anders heeft de correctie gewijzigd nadat u de pagina opende. Bekijk haar hieronder opnieuw."),
            status=409,
        )
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
        return redirect(terug(organisatie))
    messages.success(request, _("De correctie is ongedaan gemaakt; de afgeleide fase geldt weer."))
    return redirect(terug(organisatie))


def _pagina(request, organisatie: Organisatie, melding: str, status: int) -> HttpResponse:
    """The phase page as it is now, with a message above it (a refused undo)."""
    messages.error(request, melding)
    view = FaseView()
    view.setup(request, pk=organisatie.pk)
    view.organisatie = organisatie
    actueel = _actieve(organisatie)
    form = FasecorrectieForm(
        initial={
            "fase": actueel.fase if actueel else None,
            "toelichting": actueel.toelichting if actueel else "",
            "versie": actueel.versie if actueel else 0,
        }
    )
    return view.toon(form, actueel, view.stand(), status=status)
