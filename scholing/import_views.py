"""The participant import of a trajectory: upload, preview, confirm (see importer.py for the rules).

Only coordinators of the trajectory's werkplaats and superusers import: a trajectory out of sight is a 404, a visible
one the user may not change a 403 (`access.OuderMixin`). The preview keeps the parsed rows, never the file, in the
session under a token; confirming checks them again, writes them all or nothing, and forgets them.
"""

from __future__ import annotations

import csv
import io
import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from trajecten.models import Traject
from werkplaats.access import OuderMixin

from . import importer
from .models import Persoon, Scholingsgroep


def sessie_sleutel(traject_pk: int) -> str:
    return f"scholing_import_{traject_pk}"


class ImportForm(forms.Form):
    bestand = forms.FileField(
        label=gettext_lazy("Bestand met deelnemers"),
        help_text=gettext_lazy("Een .csv-bestand (UTF-8, puntkomma of komma) of een .xlsx-bestand, hoogstens 2 MB."),
        allow_empty_file=True,  # the importer says so itself, in the same words as for a file with only a header
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )


class TrajectImportMixin(OuderMixin):
    parent_model = Traject

    def uploadpagina_tonen(self, *, form=None, fouten=(), fout_titel="", status=200):
        groepen = (
            Scholingsgroep.objects.filter(traject=self.parent, methode__in=self.parent.methoden.all())
            .select_related("methode")
            .order_by("methode__korte_naam", "nummer")
        )
        context = {
            "traject": self.parent,
            "form": form or ImportForm(),
            "fouten": list(fouten),
            "fout_titel": fout_titel,
            "methoden": self.parent.methoden.all(),
            "groepen": groepen,
            "kolommen": importer.KOLOMMEN,
            "soorten": Persoon.Soort.choices,
            "max_rijen": importer.MAX_RIJEN,
        }
        return render(self.request, "scholing/import.html", context, status=status)


class ImportView(TrajectImportMixin, View):
    """GET: the upload form. POST: read and check the file; show every error (400), or the preview."""

    def get(self, request, *args, **kwargs):
        return self.uploadpagina_tonen()

    def post(self, request, *args, **kwargs):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.uploadpagina_tonen(form=form, status=400)
        bestand = form.cleaned_data["bestand"]
        try:
            rijen = importer.bestand_lezen(bestand)
        except ValidationError as error:
            return self.uploadpagina_tonen(
                form=form, fouten=error.messages, fout_titel=_("Het bestand is niet ingelezen."), status=400
            )
        controle = importer.rijen_controleren(traject=self.parent, rijen=rijen)
        if controle.fouten:
            titel = ngettext(
                "Er is niets geïmporteerd: %(aantal)s fout in het bestand. Verbeter het en upload het opnieuw.",
                "Er is niets geïmporteerd: %(aantal)s fouten in het bestand. Verbeter ze en upload het opnieuw.",
                len(controle.fouten),
            ) % {"aantal": len(controle.fouten)}
            return self.uploadpagina_tonen(form=form, fouten=controle.fouten, fout_titel=titel, status=400)
        token = secrets.token_urlsafe(16)
        request.session[sessie_sleutel(self.parent.pk)] = {"token": token, "bestand": bestand.name, "rijen": rijen}
        context = {"traject": self.parent, "controle": controle, "token": token, "bestand": bestand.name}
        return render(request, "scholing/import_voorbeeld.html", context)


class ImportBevestigenView(TrajectImportMixin, View):
    """POST: import the previewed rows, checked again; the preview is forgotten, so a second POST imports nothing."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        sleutel = sessie_sleutel(self.parent.pk)
        voorbeeld = request.session.get(sleutel)
        if not voorbeeld or not secrets.compare_digest(str(voorbeeld.get("token")), request.POST.get("token", "")):
            return self.uploadpagina_tonen(
                fouten=[_("Er is geen voorbeeld om te bevestigen; upload het bestand opnieuw.")],
                fout_titel=_("Er is niets geïmporteerd."),
                status=400,
            )
        del request.session[sleutel]
        try:
            resultaat = importer.deelnemers_importeren(traject=self.parent, rijen=voorbeeld["rijen"])
        except ValidationError as error:
            return self.uploadpagina_tonen(
                fouten=error.messages,
                fout_titel=_(
                    "Er is niets geïmporteerd: de gegevens zijn veranderd sinds het voorbeeld. "
                    "Verbeter het bestand en upload het opnieuw."
                ),
                status=400,
            )
        melding = _("%(geimporteerd)s, %(bestaand)s") % {
            "geimporteerd": ngettext(
                "%(aantal)s deelnemer geïmporteerd", "%(aantal)s deelnemers geïmporteerd", resultaat.inschrijvingen
            )
            % {"aantal": resultaat.inschrijvingen},
            "bestaand": ngettext("%(aantal)s bestond al.", "%(aantal)s bestonden al.", resultaat.bestaande_personen)
            % {"aantal": resultaat.bestaande_personen},
        }
        if resultaat.overgeslagen:
            melding += " " + ngettext(
                "%(aantal)s inschrijving bestond al en is overgeslagen.",
                "%(aantal)s inschrijvingen bestonden al en zijn overgeslagen.",
                resultaat.overgeslagen,
            ) % {"aantal": resultaat.overgeslagen}
        messages.success(request, melding)
        return redirect("scholing:import", pk=self.parent.pk)


class ImportSjabloonView(TrajectImportMixin, View):
    """An empty CSV with the columns, as Excel opens it: UTF-8 with BOM, semicolons."""

    def get(self, request, *args, **kwargs):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerow(importer.KOLOMMEN)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="deelnemers-importeren.csv"'
        return response
