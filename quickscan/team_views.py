"""Pages of the team scoring (quickscan/team.py): the leader's team page, a member's own form (by personal link
without an account, or logged in), the meeting view, and the research export of a round's individual scores."""

from __future__ import annotations

import itertools

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from werkplaats.lib import export
from werkplaats.models import Mailbericht
from werkplaats.views import fouten_tonen

from . import team
from .models import Ronde, Teamlid, Teamscoring, Vraag
from .services import VerouderdeVersie
from .team_forms import TeamscoringForm, UitnodigingForm, element_formulier


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _ronde(request, pk: int) -> Ronde:
    """The round, if the user sees it (else 404), and if they lead its organisation (else 403)."""
    ronde = get_object_or_404(
        Ronde.objects.zichtbaar_voor(request.user).select_related("organisatie__werkplaats", "afdeling", "instrument"),
        pk=pk,
    )
    if not team.mag_team_zien(ronde, request.user):
        raise PermissionDenied
    return ronde


def _fouten_per_element(element_forms, error: ValidationError) -> list[str]:
    """A service's errors on the element forms they name (by code); the rest is returned for a message."""
    per_code = {form.element.code: form for form in element_forms}
    if not hasattr(error, "error_dict"):
        return error.messages
    rest = []
    for sleutel, fouten in error.message_dict.items():
        if sleutel in per_code:
            per_code[sleutel].add_error(None, fouten)
        else:
            rest.extend(fouten)
    return rest


# The leader's team page ------------------------------------------------------------------------------------------


def _mailstatus(ronde: Ronde) -> dict[int, Mailbericht]:
    """The last invitation mail of each member of the round (one query)."""
    laatste: dict[int, Mailbericht] = {}
    for bericht in Mailbericht.objects.filter(soort=Mailbericht.Soort.QUICKSCAN_TEAM, ronde_id=ronde.pk).order_by(
        "aangemaakt_op", "pk"
    ):
        laatste[_int(bericht.sleutel.split(":")[1]) or 0] = bericht
    return laatste


def _team_pagina(request, ronde, teamscoring, instellingen, uitnodiging, *, status=200):
    leden = list(teamscoring.leden.select_related("user").prefetch_related("scores")) if teamscoring else []
    mails = _mailstatus(ronde) if teamscoring else {}
    for lid in leden:
        lid.mail = mails.get(lid.pk)
        lid.aantal_gescoord = sum(1 for score in lid.scores.all() if score.score is not None)
    actief = [lid for lid in leden if lid.actief]
    context = {
        "ronde": ronde,
        "teamscoring": teamscoring,
        "instellingen": instellingen,
        "uitnodiging": uitnodiging,
        "leden": leden,
        "aantal_actief": len(actief),
        "aantal_ingevuld": sum(1 for lid in actief if lid.scores.all()),
        "mag_bewerken": ronde.mag_bewerken(request.user),
        "is_open": teamscoring.is_open() if teamscoring else False,
        "namen": team.namen_zichtbaar(teamscoring, request.user),
        "mag_exporteren": team.mag_exporteren(ronde, request.user),
        "zelf": next((lid for lid in actief if lid.user_id == request.user.pk), None),
    }
    return render(request, "quickscan/team.html", context, status=status)


@require_http_methods(["GET", "POST"])
def team_beheren(request, pk: int):
    """Turn team scoring on for a round, or change its date and whether names are shown; the invitations."""
    ronde = _ronde(request, pk)
    teamscoring = Teamscoring.objects.filter(ronde=ronde).first()
    instellingen = TeamscoringForm(teamscoring=teamscoring)
    status = 200
    if request.method == "POST":
        if not ronde.mag_bewerken(request.user):
            raise PermissionDenied
        instellingen = TeamscoringForm(request.POST, teamscoring=teamscoring)
        if not instellingen.is_valid():
            status = 400
        else:
            nieuw = teamscoring is None
            try:
                teamscoring = team.teamscoring_opslaan(
                    ronde=ronde,
                    deadline=instellingen.cleaned_data["deadline"],
                    anoniem=instellingen.is_anoniem,
                    door=request.user,
                    versie=instellingen.cleaned_data["versie"],
                )
            except VerouderdeVersie:
                teamscoring = Teamscoring.objects.get(ronde=ronde)
                data = request.POST.copy()
                data["versie"] = str(teamscoring.versie)  # saving again overwrites on purpose
                instellingen = TeamscoringForm(data, teamscoring=teamscoring)
                instellingen.is_valid()
                messages.error(
                    request,
                    _(
                        "Iemand anders heeft deze instellingen gewijzigd nadat u de pagina opende. Uw invoer is niet "
                        "opgeslagen maar staat hieronder nog; sla opnieuw op om haar te bewaren."
                    ),
                )
                status = 409
            except ValidationError as fout:
                fouten_tonen(instellingen, fout)
                teamscoring = Teamscoring.objects.filter(ronde=ronde).first()
                status = 400
            else:
                if nieuw:
                    messages.success(request, _("Teamscores staan aan. Nodig nu de teamleden uit."))
                else:
                    messages.success(request, _("De instellingen van de teamscores zijn opgeslagen."))
                return redirect("quickscan:team", pk=ronde.pk)
        if status >= 400 and status != 409:
            messages.error(request, _("Niet opgeslagen: verbeter de gemarkeerde velden."))
    return _team_pagina(request, ronde, teamscoring, instellingen, UitnodigingForm(ronde=ronde), status=status)


@require_POST
def team_uitnodigen(request, pk: int):
    ronde = _ronde(request, pk)
    if not ronde.mag_bewerken(request.user):
        raise PermissionDenied
    teamscoring = Teamscoring.objects.filter(ronde=ronde).first()
    uitnodiging = UitnodigingForm(request.POST, ronde=ronde)
    if teamscoring is None:
        messages.error(request, _("Zet eerst de teamscores aan: kies tot wanneer het team scoort."))
    elif uitnodiging.is_valid():
        try:
            teamlid = team.teamlid_uitnodigen(
                teamscoring=teamscoring,
                naam=uitnodiging.cleaned_data["naam"],
                email=uitnodiging.cleaned_data["email"] or "",
                user=uitnodiging.cleaned_data["user"],
            )
        except ValidationError as fout:
            fouten_tonen(uitnodiging, fout)
        else:
            messages.success(request, _("%(naam)s is uitgenodigd.") % {"naam": teamlid.weergavenaam})
            return redirect("quickscan:team", pk=ronde.pk)
    if teamscoring is not None:
        messages.error(request, _("Niet uitgenodigd: verbeter de gemarkeerde velden."))
    instellingen = TeamscoringForm(teamscoring=teamscoring)
    return _team_pagina(request, ronde, teamscoring, instellingen, uitnodiging, status=400)


def _teamlid_actie(request, pk: int, service, gelukt: str):
    teamlid = get_object_or_404(
        Teamlid.objects.zichtbaar_voor(request.user).select_related(
            "teamscoring__ronde__organisatie__werkplaats", "teamscoring__ronde__instrument"
        ),
        pk=pk,
    )
    ronde = teamlid.teamscoring.ronde
    if not (team.mag_team_zien(ronde, request.user) and ronde.mag_bewerken(request.user)):
        raise PermissionDenied
    try:
        service(teamlid=teamlid)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        teamscoring = teamlid.teamscoring
        return _team_pagina(
            request,
            ronde,
            teamscoring,
            TeamscoringForm(teamscoring=teamscoring),
            UitnodigingForm(ronde=ronde),
            status=400,
        )
    messages.success(request, gelukt % {"naam": teamlid.weergavenaam})
    return redirect("quickscan:team", pk=ronde.pk)


@require_POST
def teamlid_intrekken(request, pk: int):
    return _teamlid_actie(request, pk, team.teamlid_intrekken, _("De uitnodiging van %(naam)s is ingetrokken."))


@require_POST
def teamlid_opnieuw(request, pk: int):
    return _teamlid_actie(
        request,
        pk,
        team.teamlid_opnieuw_uitnodigen,
        _("%(naam)s krijgt een nieuwe mail; de oude link werkt niet meer."),
    )


# A member's own form ---------------------------------------------------------------------------------------------


def _melding(request, status: int, kop: str, tekst: str):
    return render(request, "quickscan/team_melding.html", {"kop": kop, "tekst": tekst}, status=status)


@login_not_required
@require_http_methods(["GET", "POST"])
def team_link(request, pk: int, token: str):
    """A member's form behind their personal link: no account, only their own scores. Unknown links are counted per
    address; past FOUTEN_PER_UUR in an hour the address gets 429 before any link is looked up."""
    ip = get_client_ip_address(request) or ""  # as the login protection reads it (behind a proxy too)
    if team.te_veel_fouten(ip):
        return _melding(
            request,
            429,
            _("Te veel ongeldige links"),
            _("Vanaf uw adres zijn te veel onbekende links geprobeerd. Probeer het over een uur opnieuw."),
        )
    teamlid = team.teamlid_bij_token(token)
    if teamlid is None:
        team.fout_tellen(ip)
        return _melding(
            request,
            404,
            _("Deze link werkt niet"),
            _(
                "De link is onbekend, ingetrokken of vervangen door de link in een nieuwere mail. Vraag uw "
                "implementatieleider zo nodig om een nieuwe uitnodiging."
            ),
        )
    if teamlid.teamscoring.ronde_id != pk:
        team.fout_tellen(ip)
        return _melding(
            request,
            404,
            _("Deze link hoort bij een andere ronde"),
            _("Gebruik de link precies zoals hij in uw uitnodiging staat."),
        )
    return _lid_formulier(request, teamlid)


@require_http_methods(["GET", "POST"])
def mijn_teamscores(request, pk: int):
    """The same form for a member invited as a user of the app."""
    teamlid = (
        Teamlid.objects.filter(teamscoring__ronde_id=pk, user=request.user, actief=True)
        .select_related("teamscoring__ronde__organisatie", "teamscoring__ronde__instrument")
        .first()
    )
    if teamlid is None:
        raise Http404(_("U bent niet uitgenodigd om deze ronde te scoren."))
    return _lid_formulier(request, teamlid)


def _gesloten_reden(teamscoring: Teamscoring) -> str:
    ronde = teamscoring.ronde
    if ronde.is_afgerond:
        return _("De ronde is afgerond: de scores zijn besproken en kunnen niet meer worden gewijzigd.")
    if ronde.gearchiveerd:
        return _("Deze ronde is gearchiveerd.")
    return _("De termijn om te scoren is verstreken op %(datum)s.") % {
        "datum": teamscoring.deadline.strftime("%d-%m-%Y")
    }


def _lid_formulier(request, teamlid: Teamlid):
    teamscoring = teamlid.teamscoring
    ronde = teamscoring.ronde
    elementen = list(ronde.instrument.elementen.all())
    vragen: dict[int, list[Vraag]] = {}
    for vraag in Vraag.objects.filter(element__instrument_id=ronde.instrument_id, soort=Vraag.Soort.VRAAG):
        vragen.setdefault(vraag.element_id, []).append(vraag)
    bestaand = {score.element_id: score for score in teamlid.scores.select_related("element")}
    open_ = teamscoring.is_open()
    data = request.POST if request.method == "POST" and open_ else None
    element_forms = []
    for element in elementen:
        score = bestaand.get(element.pk)
        initial = {"score": score.score, "toelichting": score.toelichting} if score else {}
        form = element_formulier(data, element, initial, label=_("Uw score"))
        form.vragen = vragen.get(element.pk, [])
        element_forms.append(form)
    status = 200
    if not open_:
        status = 410  # also a GET: the link no longer opens a form
        messages.error(request, _gesloten_reden(teamscoring))
    elif request.method == "POST":
        # A list, not a generator: every form is validated so that every error is shown at once.
        if all([form.is_valid() for form in element_forms]):  # noqa: C419
            invoer = {
                form.element.pk: team.TeamInvoer(form.cleaned_data["score"], form.cleaned_data["toelichting"])
                for form in element_forms
            }
            try:
                team.teamscores_opslaan(teamlid=teamlid, invoer=invoer)
            except ValidationError as fout:
                rest = _fouten_per_element(element_forms, fout)
                if rest:
                    messages.error(request, " ".join(rest))
                status = 400
            else:
                messages.success(
                    request,
                    _("Uw scores zijn opgeslagen. U kunt ze wijzigen tot en met %(datum)s.")
                    % {"datum": teamscoring.deadline.strftime("%d-%m-%Y")},
                )
                return redirect(request.path)
        else:
            status = 400
        if status == 400:
            messages.error(request, _("Niet opgeslagen: verbeter de gemarkeerde velden."))
    context = {
        "teamlid": teamlid,
        "teamscoring": teamscoring,
        "ronde": ronde,
        "instrument": ronde.instrument,
        "element_forms": element_forms,
        "open": open_,
        "bestaand": [bestaand[e.pk] for e in elementen if e.pk in bestaand],
    }
    return render(request, "quickscan/team_formulier.html", context, status=status)


# The meeting -------------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def vergadering(request, pk: int):
    """The page the leader projects in the team meeting: per element the questions, the team's spread, the previous
    consensus and target, and the consensus field. Saving writes the round's scores with the round's version."""
    ronde = _ronde(request, pk)
    gegevens = team.vergadering(ronde, request.user)
    bewerkbaar = ronde.mag_bewerken(request.user)
    if request.method == "POST" and not bewerkbaar:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    element_forms = []
    for bespreking in gegevens.elementen:
        form = element_formulier(
            data,
            bespreking.element,
            {"score": bespreking.consensus, "toelichting": bespreking.toelichting},
            label=_("Consensus"),
        )
        form.bespreking = bespreking
        element_forms.append(form)
    for form, volgende in itertools.pairwise(element_forms):
        form.volgende = volgende.element
    versie = ronde.versie
    status = 200
    if request.method == "POST":
        # A list, not a generator: every form is validated so that every error is shown at once.
        if all([form.is_valid() for form in element_forms]):  # noqa: C419
            afronden = request.POST.get("actie") == "afronden"
            invoer = {
                form.element.pk: team.TeamInvoer(form.cleaned_data["score"], form.cleaned_data["toelichting"])
                for form in element_forms
            }
            try:
                team.consensus_vastleggen(
                    ronde=ronde, versie=_int(request.POST.get("versie")) or 0, invoer=invoer, ter_afronding=afronden
                )
            except VerouderdeVersie:
                versie = Ronde.objects.values_list("versie", flat=True).get(pk=ronde.pk)
                messages.error(
                    request,
                    _(
                        "Iemand anders heeft deze ronde opgeslagen nadat u deze pagina opende. Uw invoer is niet "
                        "opgeslagen maar staat hieronder nog; sla opnieuw op om haar te bewaren."
                    ),
                )
                status = 409
            except ValidationError as fout:
                rest = _fouten_per_element(element_forms, fout)
                messages.error(request, " ".join(rest) or _("Niet opgeslagen: verbeter de gemarkeerde velden."))
                status = 400
            else:
                if afronden:
                    messages.info(request, _("De consensus is opgeslagen. Controleer de samenvatting en rond af."))
                    return redirect("quickscan:ronde_afronden", pk=ronde.pk)
                messages.success(request, _("De consensus is opgeslagen."))
                return redirect("quickscan:vergadering", pk=ronde.pk)
        else:
            messages.error(request, _("Niet opgeslagen: verbeter de gemarkeerde velden."))
            status = 400
    context = {
        "ronde": ronde,
        "gegevens": gegevens,
        "element_forms": element_forms,
        "bewerkbaar": bewerkbaar,
        "versie": versie,
    }
    return render(request, "quickscan/vergadering.html", context, status=status)


# The research export ---------------------------------------------------------------------------------------------


@require_GET
def teamscores_export(request, pk: int) -> HttpResponse:
    """A round's individual scores as CSV (default) or XLSX (`?formaat=xlsx`), through the one export writer: no
    names, a pseudonym per member. For the organisation's leaders, the werkplaats's lectoraat and superusers."""
    ronde = get_object_or_404(
        Ronde.objects.zichtbaar_voor(request.user).select_related("organisatie__werkplaats", "afdeling"), pk=pk
    )
    if not team.mag_exporteren(ronde, request.user):
        raise PermissionDenied
    formaat = request.GET.get("formaat") or "csv"
    if formaat not in export.FORMATEN:
        return HttpResponse(_("Onbekend formaat: kies csv of xlsx."), status=400, content_type="text/plain")
    naam = f"teamscores-ronde-{ronde.pk}.{formaat}"
    return export.antwoord(team.export_rijen(ronde), formaat, naam, titel=_("Teamscores"))
