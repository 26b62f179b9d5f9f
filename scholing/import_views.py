"""The participant import of a trajectory: upload, preview, confirm (see importer.py for the rules).

Only coordinators of the trajectory's werkplaats and superusers import: a trajectory out of sight is a 404, a visible
one the user may not change a 403 (`access.OuderMixin`). The preview keeps the parsed rows, never the file, in an
`Importvoorbeeld` (not in the session) under a token; confirming checks them again, writes them all or nothing, and
removes them, as cancelling does; after an hour they are no longer valid and the periodic clean-up removes them.
"""

from __future__ import annotations

import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from trajecten.models import Traject
from werkplaats.access import OuderMixin
from werkplaats.lib import export

from . import importer, services
from .models import Importvoorbeeld, Persoon, Scholingsgroep


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
        voorbeeld = services.importvoorbeeld_opslaan(
            traject=self.parent, door=request.user, bestand=bestand.name, rijen=rijen
        )
        context = {"traject": self.parent, "controle": controle, "token": voorbeeld.token, "bestand": bestand.name}
        return render(request, "scholing/import_voorbeeld.html", context)


class ImportBevestigenView(TrajectImportMixin, View):
    """POST: import the previewed rows, checked again; the preview is forgotten, so a second POST imports nothing."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        voorbeeld = Importvoorbeeld.objects.geldig().filter(traject=self.parent, door=request.user).first()
        if voorbeeld is None or not secrets.compare_digest(voorbeeld.token, request.POST.get("token", "")):
            return self.uploadpagina_tonen(
                fouten=[_("Er is geen voorbeeld om te bevestigen; upload het bestand opnieuw.")],
                fout_titel=_("Er is niets geïmporteerd."),
                status=400,
            )
        rijen = voorbeeld.rijen
        services.importvoorbeeld_verwijderen(traject=self.parent, door=request.user)
        try:
            resultaat = importer.deelnemers_importeren(traject=self.parent, rijen=rijen)
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


class ImportAnnulerenView(TrajectImportMixin, View):
    """POST: cancel the preview; its rows leave the database."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        services.importvoorbeeld_verwijderen(traject=self.parent, door=request.user)
        messages.info(request, _("De import is geannuleerd; er is niets opgeslagen."))
        return redirect("scholing:import", pk=self.parent.pk)


class ImportSjabloonView(TrajectImportMixin, View):
    """An empty CSV with the columns, as Excel opens it: UTF-8 with BOM, semicolons."""

    def get(self, request, *args, **kwargs):
        return export.csv_antwoord([importer.KOLOMMEN], "deelnemers-importeren.csv", scheidingsteken=";")
