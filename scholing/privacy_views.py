"""Privacy pages: a person's data on request (inzage), erasure (vergeten), the retention list, the privacy page.

Inzage and erasure are for the coordinators of the person's werkplaats and superusers: a person out of sight is a 404,
a visible one the user may not change a 403 (`access.BewerkbaarMixin`). The privacy page is public.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from werkplaats.access import BewerkbaarMixin
from werkplaats.models import Rol
from werkplaats.views import FormStatusMixin, fouten_tonen

from . import privacy, services
from .models import IMPORTVOORBEELD_GELDIG, Persoon, Verwijdering


class PersoonPrivacyMixin(BewerkbaarMixin):
    model = Persoon

    def get_queryset(self):
        return super().get_queryset().select_related("organisatie__werkplaats", "account")


class InzageView(PersoonPrivacyMixin, DetailView):
    """Everything about the person as a readable page (it prints as a PDF too)."""

    template_name = "scholing/privacy_inzage.html"

    def get_context_data(self, **kwargs):
        inzage = privacy.inzage(self.object)
        return super().get_context_data(inzage=inzage, secties=privacy.inzage_secties(inzage), **kwargs)


class InzageJsonView(PersoonPrivacyMixin, DetailView):
    def render_to_response(self, context, **response_kwargs):
        response = HttpResponse(privacy.inzage_json(self.object), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="inzage-persoon-{self.object.pk}.json"'
        return response


class InzagePdfView(PersoonPrivacyMixin, DetailView):
    """The same export as a tagged PDF, made on the server (no browser's print dialog needed)."""

    def render_to_response(self, context, **response_kwargs):
        response = HttpResponse(privacy.inzage_pdf(self.object), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="inzage-persoon-{self.object.pk}.pdf"'
        return response


class VergetenForm(forms.Form):
    bevestigen = forms.BooleanField(
        label=gettext_lazy("Ik begrijp dat dit niet ongedaan kan worden gemaakt."),
        error_messages={"required": gettext_lazy("Vink aan dat u de persoon wilt verwijderen.")},
    )


class VergetenView(PersoonPrivacyMixin, FormStatusMixin, SingleObjectMixin, FormView):
    """GET: what erasure does, and where the name still occurs; POST (confirmed): erase."""

    template_name = "scholing/privacy_vergeten.html"
    form_class = VergetenForm

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        persoon = self.object
        namen = [persoon.naam] + ([persoon.account.get_full_name()] if persoon.account else [])
        vindplaatsen = [] if persoon.is_verwijderd else list(privacy.naam_vindplaatsen(namen))
        bevroren = {(v.bevroren._meta.label, v.bevroren.pk): v.bevroren for v in vindplaatsen if v.bevroren}
        naamgenoten = (
            Persoon.objects.filter(naam__iexact=persoon.naam).exclude(pk=persoon.pk).count()
            if not persoon.is_verwijderd
            else 0
        )
        return super().get_context_data(
            persoon=persoon,
            bevroren=list(bevroren.values()),
            naamgenoten=naamgenoten,
            importvoorbeeld=None if persoon.is_verwijderd else privacy.in_importvoorbeeld(persoon),
            voorbeeld_geldig_minuten=int(IMPORTVOORBEELD_GELDIG.total_seconds() // 60),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            resultaat = services.persoon_vergeten(persoon=self.object, door=self.request.user)
        except ValidationError as error:
            fouten_tonen(form, error, {})
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("De persoon is verwijderd en heet nu ‘%(pseudoniem)s’. De cijfers blijven gelijk.")
            % {"pseudoniem": resultaat.pseudoniem},
        )
        for rij in resultaat.bevroren:
            messages.warning(
                self.request,
                _(
                    "Het bevroren %(wat)s ‘%(naam)s’ noemt deze persoon nog; het is niet veranderd. "
                    "Haal de naam er zelf uit als het rapport wordt verspreid."
                )
                % {"wat": rij._meta.verbose_name, "naam": rij},
            )
        return redirect(self.object.get_absolute_url())


class BewaartermijnView(TemplateView):
    """The people who left longer ago than the retention period, proposed for erasure; and the erasures done."""

    template_name = "scholing/privacy_bewaartermijn.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_coordinator:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        verwijderingen = Verwijdering.objects.select_related("door", "persoon__organisatie")
        if not user.is_superuser:
            verwijderingen = verwijderingen.filter(
                persoon__organisatie__werkplaats_id__in=user.werkplaats_ids(Rol.Soort.COORDINATOR)
            )
        return super().get_context_data(
            voorstellen=privacy.te_vergeten(user),
            maanden=settings.BEWAARTERMIJN_MAANDEN,
            verwijderingen=verwijderingen[:100],
            **kwargs,
        )


@method_decorator(login_not_required, name="dispatch")
class PrivacyView(TemplateView):
    """The processing register in plain Dutch: what is stored, why, how long, who sees it, how to ask."""

    template_name = "privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            maanden=settings.BEWAARTERMIJN_MAANDEN,
            voorbeeld_geldig_minuten=int(IMPORTVOORBEELD_GELDIG.total_seconds() // 60),
            sessie_dagen=settings.SESSION_COOKIE_AGE // (60 * 60 * 24),
            veldgebruik=privacy.veldgebruik(),
            **kwargs,
        )
