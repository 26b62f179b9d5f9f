"""Pages of the end report: list per trajectory, preview, texts, overrides, freeze and versions, PDF and figures."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, UpdateView

from werkplaats.lib import export
from werkplaats.lib.versies import VerouderdeVersie, conflict_melden
from werkplaats.models import Organisatie, Rol, Werkplaats
from werkplaats.views import ServiceFormMixin, fouten_tonen

from . import bevroren, eindrapport, pdf, services, tasks
from .forms import AchterpaginaForm, CorrectieForm, EindrapportForm, TekstForm
from .models import Achterpagina, Correctie, Disseminatie, Eindrapport, Eindrapportversie, mag_achterpagina_bewerken
from .register_views import OuderRegisterMixin


def _rapport(request, pk: int, *, licht: bool = False) -> Eindrapport:
    """404 when the report's trajectory is out of sight; 403 for those who may not edit or export it.

    `licht`: without the stored figures (a download of the stored PDF needs none of them).
    """
    rapporten = Eindrapport.objects.zichtbaar_voor(request.user).select_related("traject__werkplaats")
    rapport = get_object_or_404(rapporten.defer("bevroren_gegevens") if licht else rapporten, pk=pk)
    if not rapport.mag_bewerken(request.user):
        raise PermissionDenied
    return rapport


class EindrapportListView(OuderRegisterMixin, ServiceFormMixin, CreateView):
    """The reports of a trajectory, and a form to start a new one."""

    model = Eindrapport
    form_class = EindrapportForm
    template_name = "rapportage/eindrapport_list.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "traject": self.parent}

    def get_initial(self):
        return {"peildatum": self.parent.einddatum}

    def get_context_data(self, **kwargs):
        rapporten = self.parent.eindrapporten.defer("bevroren_gegevens")  # a list needs no stored figures
        return super().get_context_data(rapporten=rapporten, **kwargs)

    def save(self, form):
        return services.rapport_opslaan(rapport=form.save(commit=False))


class EindrapportDetailView(LoginRequiredMixin, View):
    """The HTML preview of the report, with the computed and printed figures side by side."""

    def get(self, request, pk: int):
        rapport = _rapport(request, pk)
        data = bevroren.weergave(rapport)
        teksten = {t.sectie for t in rapport.teksten.all()}
        versies = list(rapport.versies.select_related("bevroren_door").order_by("-nummer"))
        huidige = next((v for v in versies if v.ontdooid_op is None), None) if rapport.is_bevroren else None
        return render(
            request,
            "rapportage/eindrapport_detail.html",
            {
                "rapport": rapport,
                "r": data,
                "secties": [(k, titel, k in teksten) for k, titel in eindrapport.SECTIES],
                "traject": rapport.traject,
                "versies": versies,
                "huidige": huidige,
                "bezig": any(v.status in (v.Status.WACHTRIJ, v.Status.BEZIG) for v in versies),
            },
        )


class NietBevrorenMixin:
    """A page that edits the report's texts, overrides or fields: while frozen, opening it leads back to the report
    with a message (the service refuses a post all the same, with a 400)."""

    def dispatch(self, request, *args, **kwargs):
        if request.method == "GET" and request.user.is_authenticated:
            rapport = _rapport(request, kwargs["pk"])
            if rapport.is_bevroren:
                messages.info(request, services.BEVROREN)
                return redirect(rapport)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class EindrapportUpdateView(LoginRequiredMixin, NietBevrorenMixin, ServiceFormMixin, UpdateView):
    model = Eindrapport
    form_class = EindrapportForm
    template_name = "rapportage/eindrapport_form.html"
    success_message = gettext_lazy("Het rapport is opgeslagen.")

    def get_object(self, queryset=None):
        return _rapport(self.request, self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "traject": self.object.traject}

    def save(self, form):
        return services.rapport_opslaan(rapport=form.save(commit=False))


class TekstView(LoginRequiredMixin, NietBevrorenMixin, View):
    """Edit the narrative of one section; the preview of the result is shown on the report's page."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.rapport = _rapport(request, kwargs["pk"])
            self.titel = dict(eindrapport.SECTIES).get(kwargs["sectie"])
            if self.titel is None:
                return render(request, "404.html", status=404)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk: int, sectie: str):
        regel = self.rapport.teksten.filter(sectie=sectie).first()
        with translation.override(self.rapport.taal):  # the default text in the report's language
            tekst = regel.tekst if regel is not None else str(eindrapport.STANDAARDTEKSTEN[sectie])
        form = TekstForm(initial={"tekst": tekst, "versie": regel.versie if regel is not None else 0})
        return self.toon(form)

    def post(self, request, pk: int, sectie: str):
        form = TekstForm(request.POST)
        if form.is_valid():
            try:
                services.tekst_opslaan(
                    rapport=self.rapport,
                    sectie=sectie,
                    tekst=form.cleaned_data["tekst"],
                    versie=form.cleaned_data.get("versie"),
                )
            except VerouderdeVersie as conflict:
                actueel = self.rapport.teksten.get(sectie=sectie)
                conflict_melden(form, actueel, conflict.versie)
                form.add_error(None, _("De tekst zoals die nu is opgeslagen: %(tekst)s") % {"tekst": actueel.tekst})
                return self.toon(form, status=409)
            except ValidationError as error:
                fouten_tonen(form, error)
            else:
                messages.success(request, _("De tekst is opgeslagen."))
                return redirect(self.rapport.get_absolute_url() + f"#sectie-{sectie}")
        return self.toon(form, status=400)

    def toon(self, form, status=200):
        _berekend, figuren = eindrapport.figuren(self.rapport)
        return render(
            self.request,
            "rapportage/eindrapport_tekst.html",
            {"rapport": self.rapport, "form": form, "titel": self.titel, "figuren": sorted(figuren.items())},
            status=status,
        )


class CorrectieView(LoginRequiredMixin, NietBevrorenMixin, ServiceFormMixin, CreateView):
    """Print a figure with other wording ("meer dan 400"); a note is required. One per figure."""

    model = Correctie
    form_class = CorrectieForm
    template_name = "rapportage/correctie_form.html"
    success_message = gettext_lazy("De correctie is opgeslagen.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.rapport = _rapport(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        sleutel = self.request.POST.get("sleutel") or self.request.GET.get("sleutel")
        bestaand = self.rapport.correcties.filter(sleutel=sleutel).first()
        if bestaand:
            kwargs["instance"] = bestaand
        return {**kwargs, "rapport": self.rapport, "berekend": eindrapport.figuren(self.rapport)[0]}

    def get_initial(self):
        return {"sleutel": self.request.GET.get("sleutel")}

    def get_context_data(self, **kwargs):
        return super().get_context_data(rapport=self.rapport, **kwargs)

    def save(self, form):
        return services.correctie_opslaan(correctie=form.save(commit=False))

    def get_success_url(self):
        return self.rapport.get_absolute_url() + "#cijfers"


def bevriezen_bevestigen(request, pk: int):
    """The confirmation before freezing or unfreezing (whichever the report's state calls for): what it does, and
    a form that posts to `bevriezen`. No JavaScript needed."""
    rapport = _rapport(request, pk, licht=True)
    nummer = (rapport.versies.aggregate(hoogste=Max("nummer"))["hoogste"] or 0) + (0 if rapport.is_bevroren else 1)
    return render(
        request,
        "rapportage/eindrapport_bevriezen.html",
        {
            "rapport": rapport,
            "traject": rapport.traject,
            "nummer": nummer,
            "achtergrond": not rapport.is_bevroren and services.op_de_achtergrond(rapport),
        },
    )


@require_POST
def bevriezen(request, pk: int):
    rapport = _rapport(request, pk)
    if request.POST.get("actie") == "ontdooien":
        services.rapport_ontdooien(rapport=rapport)
        messages.success(
            request,
            _(
                "Het rapport is ontdooid: de cijfers volgen weer de registratie en de teksten zijn weer te wijzigen. "
                "De bevroren versie en haar PDF blijven hieronder beschikbaar."
            ),
        )
        return redirect(rapport)
    try:
        rapport = services.rapport_bevriezen(rapport=rapport, door=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(rapport)
    versie = rapport.huidige_versie()
    if versie is not None and not versie.is_klaar and not services.op_de_achtergrond(rapport):
        versie = services.versie_pdf_maken(versie=versie)
    if versie is not None and versie.is_klaar:
        messages.success(request, _("Het rapport is bevroren: de cijfers, de teksten en de PDF veranderen niet meer."))
    elif versie is not None and versie.status == versie.Status.MISLUKT:
        messages.error(
            request, _("Het rapport is bevroren, maar de PDF kon niet worden gemaakt: %(fout)s") % {"fout": versie.fout}
        )
    else:
        messages.success(
            request,
            _(
                "Het rapport is bevroren. De PDF wordt op de achtergrond gemaakt; de voortgang staat hieronder en u "
                "krijgt een mail als hij klaar is."
            ),
        )
    return redirect(rapport)


WACHTRIJ_VERGETEN = datetime.timedelta(minutes=10)


def _versie_antwoord(request, rapport: Eindrapport, versie: Eindrapportversie):
    """The stored PDF of a version, byte for byte; made now if a small report's PDF is missing."""
    if not versie.is_klaar:
        if services.op_de_achtergrond(rapport):
            vergeten = (
                versie.status == versie.Status.WACHTRIJ and versie.bevroren_op < timezone.now() - WACHTRIJ_VERGETEN
            )
            if versie.status == versie.Status.MISLUKT or vergeten:  # a retry, or a broker that lost the task
                tasks.in_de_wachtrij(versie.pk)
            messages.info(request, _("De PDF van deze versie wordt nog gemaakt; probeer het zo opnieuw."))
            return redirect(rapport)
        versie = services.versie_pdf_maken(versie=versie)
        if not versie.is_klaar:
            messages.error(request, _("De PDF kon niet worden gemaakt: %(fout)s") % {"fout": versie.fout})
            return redirect(rapport)
    # Streamed from the storage in blocks (FileResponse), never read into memory; its length from the storage.
    response = FileResponse(
        versie.pdf.storage.open(versie.pdf.name, "rb"),
        as_attachment=True,
        filename=versie.bestandsnaam(),
        content_type="application/pdf",
    )
    response["X-Content-SHA256"] = versie.pdf_sha256
    return response


def download_pdf(request, pk: int):
    """A frozen report: the stored PDF of its version. Otherwise rendered now from the records."""
    rapport = _rapport(request, pk, licht=True)
    versie = rapport.huidige_versie(zonder_gegevens=True)
    if versie is not None:
        return _versie_antwoord(request, rapport, versie)
    rapport = _rapport(request, pk)  # not frozen: rendered now from the records
    _html, inhoud = pdf.rapport_pdf(rapport)
    response = HttpResponse(inhoud, content_type="application/pdf")
    taal = "" if rapport.taal == Eindrapport.Taal.NEDERLANDS else f"-{rapport.taal}"  # the English edition: "-en"
    naam = f"eindrapport-{rapport.traject.pk}-{rapport.peildatum:%Y%m%d}{taal}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


def versie_pdf(request, pk: int):
    """The PDF of any version of a report, also one that was unfrozen since: what was sent stays available."""
    versie = get_object_or_404(
        Eindrapportversie.objects.defer("gegevens", "rapport__bevroren_gegevens").select_related("rapport"), pk=pk
    )
    rapport = _rapport(request, versie.rapport_id, licht=True)
    return _versie_antwoord(request, rapport, versie)


def cijfers(request, pk: int):
    """The report's figures, computed and printed, as CSV or Excel."""
    rapport = _rapport(request, pk)
    berekend, gedrukt = eindrapport.figuren(rapport)
    rijen = [("cijfer", "berekend", "gedrukt", "toelichting")]
    toelichting = dict(rapport.correcties.values_list("sleutel", "toelichting"))
    for sleutel, waarde in berekend.items():
        rijen.append((sleutel, waarde, gedrukt[sleutel], toelichting.get(sleutel, "")))
    naam = f"eindrapport-{rapport.traject.pk}-cijfers"
    if request.GET.get("formaat") == "xlsx":
        return export.xlsx_antwoord(rijen, f"{naam}.xlsx", titel="Cijfers")
    return export.csv_antwoord(rijen, f"{naam}.csv", scheidingsteken=";")


def _werkplaats(request, pk: int) -> Werkplaats:
    """404 for a werkplaats out of sight (leaders see those of their organisations); 403 for who may not keep its
    back page (everyone but its coordinators and lectoraat)."""
    user = request.user
    zichtbaar = Werkplaats.objects.all()
    if not user.is_superuser:
        organisaties = Organisatie.objects.filter(pk__in=user.geleide_organisatie_ids()).values("werkplaats_id")
        zichtbaar = zichtbaar.filter(
            Q(pk__in=user.werkplaats_ids(Rol.Soort.COORDINATOR, Rol.Soort.LECTORAAT)) | Q(pk__in=organisaties)
        )
    werkplaats = get_object_or_404(zichtbaar, pk=pk)
    if not mag_achterpagina_bewerken(werkplaats.pk, user):
        raise PermissionDenied
    return werkplaats


class AchterpaginaMixin(LoginRequiredMixin, ServiceFormMixin):
    model = Achterpagina
    form_class = AchterpaginaForm
    template_name = "rapportage/achterpagina_form.html"
    success_message = gettext_lazy("De achterpagina is opgeslagen.")

    def get_context_data(self, **kwargs):
        rapporten = (
            Eindrapport.objects.zichtbaar_voor(self.request.user)
            .filter(traject__werkplaats=self.werkplaats)
            .select_related("traject")
            .defer("bevroren_gegevens")
        )
        return super().get_context_data(werkplaats=self.werkplaats, rapporten=rapporten, **kwargs)

    def save(self, form):
        return services.achterpagina_opslaan(achterpagina=form.save(commit=False))

    def get_success_url(self):
        return self.object.get_absolute_url()


class AchterpaginaView(AchterpaginaMixin, CreateView):
    """The back page of a werkplaats's end reports (funder, contact lines, logos): opened by the werkplaats, it
    leads to the existing page, else starts one."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.werkplaats = _werkplaats(request, kwargs["pk"])
            bestaand = Achterpagina.objects.filter(werkplaats=self.werkplaats).first()
            if bestaand is not None:
                return redirect(bestaand)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Achterpagina(werkplaats=self.werkplaats)
        return kwargs


class AchterpaginaUpdateView(AchterpaginaMixin, UpdateView):
    def get_object(self, queryset=None):
        pagina = get_object_or_404(Achterpagina.objects.select_related("werkplaats"), pk=self.kwargs["pk"])
        self.werkplaats = _werkplaats(self.request, pagina.werkplaats_id)
        return pagina


def _bestand(bestand) -> FileResponse:
    """A stored upload, streamed; shown inline (an image or PDF the browser opens), with its own name."""
    naam = bestand.name.rsplit("/", 1)[-1]
    return FileResponse(bestand.storage.open(bestand.name, "rb"), filename=naam)


def disseminatie_bestand(request, pk: int):
    """The uploaded original of a register item's attachment: for whoever sees the item (404 otherwise)."""
    item = get_object_or_404(Disseminatie.objects.zichtbaar_voor(request.user), pk=pk)
    if not item.bijlage_bestand:
        raise Http404
    return _bestand(item.bijlage_bestand)


def achterpagina_logo(request, pk: int, nummer: int):
    """A logo of a werkplaats's back page: for those who keep the back page."""
    pagina = get_object_or_404(Achterpagina, pk=pk)
    _werkplaats(request, pagina.werkplaats_id)
    bestand = getattr(pagina, f"logo_{nummer}", None) if nummer in Achterpagina.LOGOS else None
    if not bestand:
        raise Http404
    return _bestand(bestand)
