from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView

from werkplaats.access import BewerkbaarMixin, OuderMixin, ZichtbaarMixin
from werkplaats.filters import werkplaats_kiezen
from werkplaats.landelijk import minimum_organisaties
from werkplaats.lib.datums import maanden_erbij
from werkplaats.models import Afdeling, Organisatie, Rol, Werkplaats
from werkplaats.views import ServiceFormMixin, fouten_tonen

from . import charts, doelen, selectors, services
from .forms import ActieForm, DoelenForm, ElementForm, QuickscanInstellingForm, RondeForm
from .models import ONGEDAAN_MAKEN_BINNEN, Actie, QuickscanInstelling, Ronde, Score, Suggestie, Vraag


class OverzichtView(LoginRequiredMixin, TemplateView):
    """All organisations at a glance: the latest scores as a heatmap, and which rounds are due.

    A user who oversees more than one werkplaats sees one at a time, chosen with `?werkplaats=<id>`.
    """

    template_name = "quickscan/overzicht.html"

    def get(self, request, *args, **kwargs):
        self.keuze = werkplaats_kiezen(request)
        response = super().get(request, *args, **kwargs)
        if self.keuze.fout:
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        organisaties = Organisatie.objects.zichtbaar_voor(self.request.user)
        if self.keuze.gekozen is not None:
            organisaties = organisaties.filter(werkplaats=self.keuze.gekozen)
        sorteer = self.request.GET.get("sorteer", "")
        elementen, rijen = selectors.overzicht(organisaties, sorteer=sorteer)
        norm = elementen[0].instrument.norm if elementen else 3
        return super().get_context_data(
            elementen=elementen,
            rijen=[(rij, [rij.scores.get(e.code) for e in elementen]) for rij in rijen],
            norm=norm,
            sorteer=sorteer,
            keuze=self.keuze,
            heatmap=selectors.heatmap_svg(elementen, rijen),
            cadans=selectors.cadans(organisaties),
            # The suggestions for the action plan, kept by the lectoraat (quickscan/suggestie_views.py).
            suggesties_instrument=elementen[0].instrument
            if elementen and Suggestie.mag_lezen(self.request.user)
            else None,
            **kwargs,
        )


class OrganisatieView(ZichtbaarMixin, DetailView):
    """An organisation's quickscan: its rounds, progress between any two, the trend and the actions."""

    model = Organisatie
    template_name = "quickscan/organisatie.html"
    context_object_name = "organisatie"

    def get_context_data(self, **kwargs):
        organisatie = self.object
        user = self.request.user
        rondes = selectors.rondes_met_scores(organisatie.quickscan_rondes.actief().order_by("datum", "pk"))
        afgerond = [r for r in rondes if r.is_afgerond]
        context = {
            "rondes": list(reversed(rondes)),
            "mag_invullen": user.is_superuser or organisatie.pk in user.geleide_organisatie_ids(),
            "teams": Afdeling.objects.filter(organisatie=organisatie, actief=True),
            "acties": Actie.objects.filter(ronde__organisatie=organisatie, ronde__gearchiveerd=False)
            .select_related("element", "ronde__afdeling")
            .order_by("status", "deadline"),
            "cadans": next(iter(selectors.cadans(Organisatie.objects.filter(pk=organisatie.pk))), None),
        }
        laatste = afgerond[-1] if afgerond else None
        vergelijking = selectors.vergelijking(organisatie, laatste)
        if laatste is not None and vergelijking is not None:
            context["vergelijking"] = vergelijking
            context["minimum_organisaties"] = minimum_organisaties()
            if vergelijking.getoond:
                context["vergelijking_svg"] = selectors.vergelijking_svg(vergelijking, norm=laatste.instrument.norm)
        if afgerond:
            by_pk = {r.pk: r for r in afgerond}
            default_a, default_b = (afgerond[-2], afgerond[-1]) if len(afgerond) > 1 else (afgerond[-1], None)
            eerste = by_pk.get(_int(self.request.GET.get("a")), default_a)
            tweede = by_pk.get(_int(self.request.GET.get("b")), default_b)
            if tweede is not None and (tweede.datum, tweede.pk) < (eerste.datum, eerste.pk):
                eerste, tweede = tweede, eerste
            if tweede == eerste:
                tweede = None
            context.update(
                afgerond=afgerond,
                eerste=eerste,
                tweede=tweede,
                voortgang=selectors.voortgang(tweede or eerste, eerste if tweede else None),
                voortgang_met_doel=any(score.doel is not None for score in (tweede or eerste).scores.all()),
                voortgang_svg=selectors.voortgang_svg(eerste, tweede),
            )
            series = [r for r in afgerond if r.afdeling_id == (tweede or eerste).afdeling_id]
            if len(series) >= 3:
                context["trend"] = series
                context["trend_svg"] = charts.trend_svg(
                    selectors.grafiekelementen(series[-1].instrument),
                    [selectors.chart_ronde(r) for r in series],
                    norm=series[-1].instrument.norm,
                )
        return super().get_context_data(**context, **kwargs)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class RondeDetailView(ZichtbaarMixin, DetailView):
    model = Ronde

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("organisatie__werkplaats", "afdeling", "instrument")
            .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("element__instrument")))
        )

    def get_context_data(self, **kwargs):
        ronde = self.object
        user = self.request.user
        vorige = selectors.vorige_ronde(ronde)
        checkpunten = _checkpunten(ronde)
        antwoorden = dict(Ronde.Antwoord.choices)
        rows = selectors.voortgang(ronde, vorige)
        for row in rows:
            row.checkpunten = [
                (vraag, antwoorden.get(row.checklist.get(str(vraag.pk)), "")) for vraag in checkpunten[row.element.pk]
            ]
        return super().get_context_data(
            vorige=vorige,
            volgnummer=selectors.volgnummer(ronde),
            rows=rows,
            met_vorig_doel=any(row.vorig_doel is not None for row in rows),
            met_doel=any(row.doel is not None for row in rows),
            voortgang_svg=selectors.voortgang_svg(vorige, ronde) if vorige else selectors.voortgang_svg(ronde, None),
            geschiedenis=selectors.geschiedenis(ronde),
            mag_bewerken=ronde.mag_bewerken(user),
            mag_heropenen=ronde.mag_heropenen(user),
            mag_afronden_ongedaan_maken=ronde.mag_afronden_ongedaan_maken(user),
            coordineert=ronde.coordineert(user),
            mag_archiveren=ronde.mag_archiveren(user),
            mag_acties_beheren=ronde.mag_acties_beheren(user),
            **kwargs,
        )


def _checkpunten(ronde: Ronde) -> dict[int, list[Vraag]]:
    result = {element.pk: [] for element in ronde.instrument.elementen.all()}
    for vraag in Vraag.objects.filter(element__instrument=ronde.instrument, soort=Vraag.Soort.CHECKPUNT):
        result[vraag.element_id].append(vraag)
    return result


class RondeFormView(LoginRequiredMixin, View):
    """The one-page entry form: header, readiness, and the eight elements in their groups.

    Used to start a round (under an organisation) and to continue a concept round. "Opslaan als concept"
    saves whatever is valid to save; "Afronden" also validates that the round is complete and locks it.
    """

    template_name = "quickscan/ronde_form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.ronde = None
        self.organisatie = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        if "ronde" in kwargs:
            self.ronde = get_object_or_404(
                Ronde.objects.zichtbaar_voor(request.user).select_related("organisatie", "instrument", "afdeling"),
                pk=kwargs["ronde"],
            )
            self.organisatie = self.ronde.organisatie
            if not self.ronde.mag_bewerken(request.user):
                raise PermissionDenied
        else:
            self.organisatie = get_object_or_404(Organisatie.objects.zichtbaar_voor(request.user), pk=kwargs["pk"])
            if not (request.user.is_superuser or self.organisatie.pk in request.user.geleide_organisatie_ids()):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    # Building the forms -------------------------------------------------------------------------

    def instrument(self):
        return self.ronde.instrument if self.ronde else services.standaard_instrument()

    def vorige(self, afdeling_id):
        probe = self.ronde or Ronde(
            organisatie=self.organisatie, afdeling_id=afdeling_id, datum=datetime.date.today() + datetime.timedelta(1)
        )
        return selectors.vorige_ronde(probe)

    def beginwaarden(self, vorige: Ronde | None) -> dict:
        if self.ronde:
            return {}
        user = self.request.user
        initial = {"datum": datetime.date.today(), "ingevuld_door": user.get_full_name() or user.username}
        afdeling = Afdeling.objects.filter(organisatie=self.organisatie, pk=_int(self.request.GET.get("afdeling")))
        if afdeling.exists():
            initial["afdeling"] = afdeling.get().pk
        if vorige is not None:
            # Readiness is shown again, editable, with every round: start from the last answers.
            for name in services.GEREEDHEID_VELDEN:
                initial[name] = getattr(vorige, name)
            initial["functie"] = vorige.functie
            initial["traject"] = vorige.traject_id
            initial["methoden"] = list(vorige.methoden.all())
        return initial

    def formulieren_maken(self, data=None):
        instrument = self.instrument()
        afdeling_id = self.ronde.afdeling_id if self.ronde else _int(self.request.GET.get("afdeling"))
        vorige = self.vorige(afdeling_id)
        ronde_form = RondeForm(
            data, instance=self.ronde, organisatie=self.organisatie, initial=self.beginwaarden(vorige)
        )
        scores = {s.element_id: s for s in self.ronde.scores.all()} if self.ronde else {}
        vorige_scores = {s.element_id: s.score for s in vorige.scores.all()} if vorige else {}
        vorige_doelen = doelen.doelen_per_code(vorige) if vorige else {}
        checkpunten = {e.pk: [] for e in instrument.elementen.all()}
        vragen = {e.pk: [] for e in instrument.elementen.all()}
        for vraag in Vraag.objects.filter(element__instrument=instrument):
            (checkpunten if vraag.soort == Vraag.Soort.CHECKPUNT else vragen)[vraag.element_id].append(vraag)
        element_forms = []
        for element in instrument.elementen.all():
            score = scores.get(element.pk)
            initial = {}
            if score is not None:
                initial = {"score": score.score, "toelichting": score.toelichting}
                initial.update({f"check_{k}": v for k, v in score.checklist.items()})
            form = ElementForm(data, element=element, checkpunten=checkpunten[element.pk], initial=initial)
            form.vragen = vragen[element.pk]
            form.vorige_score = vorige_scores.get(element.pk)
            form.vorig_doel = vorige_doelen.get(element.code)
            form.doel_status_label = _doel_status_label(form)
            form.doel_labels = _doel_labels(form.vorig_doel)
            element_forms.append(form)
        return ronde_form, element_forms, vorige, instrument

    def formulieren_tonen(self, ronde_form, element_forms, vorige, instrument, status=200, conflict=None):
        groepen = []
        for form in element_forms:
            if not groepen or groepen[-1][0] != form.element.groep_in_taal:
                groepen.append((form.element.groep_in_taal, []))
            groepen[-1][1].append(form)
        context = {
            "organisatie": self.organisatie,
            "ronde": self.ronde,
            "form": ronde_form,
            "groepen": groepen,
            "element_forms": element_forms,
            "vorige": vorige,
            "instrument": instrument,
            "versie": self.ronde.versie if self.ronde else 0,
            "conflict": conflict,
            "eerste_ronde": vorige is None,
        }
        return render(self.request, self.template_name, context, status=status)

    # Requests ----------------------------------------------------------------------------------------

    def get(self, request, *args, **kwargs):
        return self.formulieren_tonen(*self.formulieren_maken())

    def post(self, request, *args, **kwargs):
        ronde_form, element_forms, vorige, instrument = self.formulieren_maken(request.POST)
        afronden = request.POST.get("actie") == "afronden"
        # A list, not a generator: every form is validated so that every error is shown at once.
        valid = ronde_form.is_valid() & all([form.is_valid() for form in element_forms])  # noqa: C419
        if not valid:
            messages.error(request, _("De ronde is niet opgeslagen: verbeter de gemarkeerde velden."))
            return self.formulieren_tonen(ronde_form, element_forms, vorige, instrument, status=400)
        gegevens = {name: ronde_form.cleaned_data[name] for name in services.RONDE_VELDEN}
        gegevens["methoden"] = ronde_form.cleaned_data["methoden"]
        invoer = {
            form.element.pk: services.ElementInvoer(
                score=form.cleaned_data["score"],
                toelichting=form.cleaned_data["toelichting"],
                checklist=form.checklist(),
            )
            for form in element_forms
        }
        if self.ronde is None:
            welke = {"organisatie": self.organisatie, "instrument": instrument, "door": request.user}
        else:
            welke = {"ronde": self.ronde, "versie": _int(request.POST.get("versie")) or 0}
        try:
            # "Afronden" saves the input as a concept first; the round is submitted on the summary that follows.
            ronde = services.ronde_invullen(**welke, gegevens=gegevens, invoer=invoer, ter_afronding=afronden)
        except services.VerouderdeVersie:
            current = Ronde.objects.get(pk=self.ronde.pk)
            self.ronde.versie = current.versie
            messages.error(
                request,
                _(
                    "Iemand anders heeft deze ronde opgeslagen nadat u het formulier opende. Uw invoer is niet "
                    "opgeslagen maar staat hieronder nog. Bekijk de ronde in een ander tabblad en sla daarna opnieuw "
                    "op als u uw versie wilt bewaren."
                ),
            )
            conflict = [
                (s.element, s.score)
                for s in current.scores.select_related("element")
                if s.score != invoer[s.element_id].score
            ]
            return self.formulieren_tonen(ronde_form, element_forms, vorige, instrument, status=409, conflict=conflict)
        except ValidationError as error:
            _fouten_verdelen(ronde_form, element_forms, error)
            messages.error(request, _("De ronde is niet opgeslagen: verbeter de gemarkeerde velden."))
            return self.formulieren_tonen(ronde_form, element_forms, vorige, instrument, status=400)
        if afronden:
            messages.info(request, _("Uw invoer is opgeslagen. Controleer de samenvatting en rond de ronde daarna af."))
            return redirect("quickscan:ronde_afronden", pk=ronde.pk)
        messages.success(request, _("De ronde is opgeslagen als concept."))
        return HttpResponseRedirect(ronde.get_absolute_url())


def _doel_status_label(form: ElementForm) -> str:
    """Whether the score in the form (as entered, or as stored) reaches the previous round's target."""
    score = _int(form["score"].value())
    return _doel_label(score if score in range(1, 6) else None, form.vorig_doel)


def _doel_label(score: int | None, doel: int | None) -> str:
    status = doelen.doel_status(score, doel)
    return str(doelen.DoelStatus.LABELS[status]) if status else ""


def _doel_labels(doel: int | None) -> list[tuple[str, str]]:
    """The status for every choice of the score field ("leeg": none), so that the page shows the status of the score
    being chosen with the one rule (`doelen.doel_status`) evaluated here, not again in JavaScript."""
    return [("leeg", _doel_label(None, doel)), *[(str(score), _doel_label(score, doel)) for score in range(1, 6)]]


def _fouten_verdelen(ronde_form, element_forms, error: ValidationError) -> None:
    """Put a service's ValidationError on the forms: an element's on its own form, the rest on the round's."""
    per_code = {form.element.code: form for form in element_forms}
    if hasattr(error, "error_dict"):
        rest = {}
        for key, errors in error.message_dict.items():
            if key in per_code:
                per_code[key].add_error(None, errors)
            else:
                rest[key] = errors
        if not rest:
            return
        error = ValidationError(rest)
    fouten_tonen(ronde_form, error)


def _ronde_voor_actie(request, pk: int, permission: str) -> Ronde:
    ronde = get_object_or_404(
        Ronde.objects.zichtbaar_voor(request.user).select_related("organisatie", "instrument"), pk=pk
    )
    if not getattr(ronde, permission)(request.user):
        raise PermissionDenied
    return ronde


@require_http_methods(["GET", "POST"])
def ronde_afronden(request, pk: int):
    """The confirmation step of "Afronden": a summary naming the unscored elements, then submit or go back."""
    ronde = get_object_or_404(
        Ronde.objects.zichtbaar_voor(request.user).select_related("organisatie", "instrument"), pk=pk
    )
    if ronde.is_afgerond and ronde.mag_acties_beheren(request.user):
        # Submitted already (a second click, another tab): show the round rather than a refusal.
        messages.info(request, _("Deze ronde is al afgerond."))
        return redirect(ronde)
    if not ronde.mag_bewerken(request.user):
        raise PermissionDenied
    status = 200
    norm = ronde.instrument.norm
    scores = list(ronde.scores.select_related("element").order_by("element__volgorde"))
    # The team's target per element for the next round (issue 16), submitted with the round.
    doelen_form = DoelenForm(request.POST if request.method == "POST" else None, scores=scores, norm=norm)
    if request.method == "POST":
        try:
            if not doelen_form.is_valid():
                raise ValidationError(_("De ronde is niet afgerond: verbeter de gemarkeerde doelen."))
            services.ronde_afronden(ronde=ronde, versie=_int(request.POST.get("versie")), doelen=doelen_form.doelen())
        except services.VerouderdeVersie:
            messages.error(
                request,
                _(
                    "Iemand anders heeft deze ronde opgeslagen nadat u de samenvatting opende. Controleer de "
                    "samenvatting hieronder opnieuw."
                ),
            )
            status = 409
            scores = list(ronde.scores.select_related("element").order_by("element__volgorde"))
            doelen_form = DoelenForm(request.POST, scores=scores, norm=norm)  # the input kept
        except ValidationError as error:
            messages.error(request, " ".join(doelen_form.fouten_verdelen(error)))
            status = 400
        else:
            messages.success(request, _("De ronde is afgerond. Plan acties voor de elementen onder de norm."))
            return redirect(ronde)
        ronde = Ronde.objects.select_related("organisatie", "instrument").get(pk=ronde.pk)
        if not ronde.mag_bewerken(request.user):  # submitted meanwhile (by another tab or person)
            return redirect(ronde)
    vorige = selectors.vorige_ronde(ronde)
    context = {
        "ronde": ronde,
        "gescoord": [s for s in scores if s.score is not None],
        "niet_gescoord": [s.element for s in scores if s.score is None],
        "aantal": len(scores),
        "onder_norm": [s for s in scores if s.score is not None and s.score < norm],
        "ongedaan_maken_dagen": ONGEDAAN_MAKEN_BINNEN.days,
        "doelen_form": doelen_form,
        "doelen_rijen": doelen_form.rijen(doelen.doelen_per_code(vorige) if vorige else {}),
        "vorige": vorige,
    }
    return render(request, "quickscan/ronde_afronden.html", context, status=status)


@require_http_methods(["GET", "POST"])
def ronde_heropenen(request, pk: int):
    """Reopen a submitted round (a coordinator) or undo its submission (its leader), after a confirmation."""
    ronde = _ronde_voor_actie(request, pk, "mag_heropenen")
    coordinator = ronde.coordineert(request.user)
    status = 200
    if request.method == "POST":
        try:
            services.ronde_heropenen(ronde=ronde, versie=_int(request.POST.get("versie")))
        except services.VerouderdeVersie:
            messages.error(request, _("Deze ronde is intussen gewijzigd. Bekijk haar opnieuw."))
            status = 409
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(ronde)
        else:
            if coordinator:
                messages.success(request, _("De ronde is heropend; de implementatieleider kan haar weer wijzigen."))
            else:
                messages.success(request, _("Het afronden is ongedaan gemaakt; u kunt de ronde weer wijzigen."))
            return redirect(ronde)
        ronde.refresh_from_db()
    context = {"ronde": ronde, "coordinator": coordinator}
    return render(request, "quickscan/ronde_heropenen.html", context, status=status)


@require_POST
def ronde_archiveren(request, pk: int):
    ronde = _ronde_voor_actie(request, pk, "mag_archiveren")
    services.ronde_archiveren(ronde=ronde)
    messages.success(request, _("De ronde is gearchiveerd. Haar gegevens blijven bewaard."))
    return redirect("quickscan:organisatie", pk=ronde.organisatie_id)


class ActieFormMixin(ServiceFormMixin):
    model = Actie
    form_class = ActieForm
    template_name = "quickscan/actie_form.html"
    success_message = _("Actie opgeslagen.")

    def save(self, form):
        return services.actie_opslaan(actie=form.save(commit=False))


class ActieCreateView(OuderMixin, ActieFormMixin, CreateView):
    parent_model = Ronde
    parent_permission_method = "mag_acties_beheren"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "ronde": self.parent}

    def get_context_data(self, **kwargs):
        # The suggestions for the elements below the norm or their target (issue 16), to take over and adapt.
        return super().get_context_data(ronde=self.parent, suggesties=doelen.suggesties_voor(self.parent), **kwargs)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if getattr(self, "suggestie_onbekend", False):
            response.status_code = 400
        return response

    def get_initial(self):
        element = self.parent.instrument.elementen.filter(code=self.request.GET.get("element")).first()
        initial = {"element": element, "deadline": maanden_erbij(datetime.date.today(), 3)}
        if "suggestie" in self.request.GET:
            # "Overnemen" of a suggestion: its element and its text, still to be adapted in the form.
            suggestie = (
                Suggestie.objects.actief()
                .filter(pk=_int(self.request.GET["suggestie"]) or 0, element__instrument_id=self.parent.instrument_id)
                .select_related("element")
                .first()
            )
            if suggestie is None:
                self.suggestie_onbekend = True
                messages.error(self.request, _("Deze suggestie bestaat niet (meer) voor het instrument van de ronde."))
            else:
                initial.update(element=suggestie.element, omschrijving=suggestie.tekst)
        return initial


class ActieUpdateView(BewerkbaarMixin, ActieFormMixin, UpdateView):
    def get_queryset(self):
        return super().get_queryset().select_related("ronde__organisatie", "element")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "ronde": self.object.ronde}

    def get_context_data(self, **kwargs):
        return super().get_context_data(ronde=self.object.ronde, **kwargs)


class InstellingView(LoginRequiredMixin, ServiceFormMixin, UpdateView):
    """Coordinators set when a werkplaats' rounds are due and overdue."""

    form_class = QuickscanInstellingForm
    template_name = "quickscan/instelling_form.html"
    success_message = _("De planning van de quickscans is opgeslagen.")

    def get_object(self, queryset=None):
        user = self.request.user
        werkplaats = get_object_or_404(Werkplaats, pk=self.kwargs["pk"])
        if not (user.is_superuser or werkplaats.pk in user.werkplaats_ids(Rol.Soort.COORDINATOR)):
            raise PermissionDenied
        return QuickscanInstelling.objects.filter(werkplaats=werkplaats).first() or QuickscanInstelling(
            werkplaats=werkplaats
        )

    def save(self, form):
        return services.instelling_opslaan(instelling=form.save(commit=False))

    def get_success_url(self):
        return reverse("quickscan:overzicht")
