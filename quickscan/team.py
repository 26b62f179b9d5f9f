"""Team scoring of a quickscan round (issue 16): optional per round, a consensus out of the team meeting.

1. The leader of a concept round turns it on (`teamscoring_opslaan`: until when, anonymous or with names) and invites
   team members (`teamlid_uitnodigen`): by address, with a personal link that needs no account, or as a user of the
   app (a leader of the same organisation). The mail goes through `werkplaats.mail`; its text is composed when it is
   sent (`_uitnodiging` below), and only then is the link's token made: a fresh one per mail, of which only the
   SHA-256 is stored (`Teamlid.token_hash`), so the newest mail's link is the one that works.
2. Each member scores the elements they want (1-5 or none, with a note) on their own form, until the deadline or the
   round's submission (`teamscores_opslaan`); changing is allowed until then.
3. In the meeting the leader projects `quickscan:vergadering` (`vergadering()`: per element the questions, the spread
   of the individual scores, the previous round's consensus and target) and records the consensus, which is the
   round's own `Score`, written by `services.ronde_invullen` with the round's version (`consensus_vastleggen`).

The consensus is what every chart, report and the API read. The individual scores (`Teamscore`) stay with the round,
with their history, and leave the app only in the research export of one round (`export_rijen`, no names: a
pseudonym per member). Anonymous means nobody sees who gave which score, the leader neither; with names, only the
organisation's leaders see them. A round without team scoring works as before.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
import statistics
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from werkplaats import mail
from werkplaats.lib import versies
from werkplaats.models import Mailbericht, Rol, User

from . import selectors, services
from .models import SCORE_MAX, SCORE_MIN, Element, Ronde, Score, Teamlid, Teamscore, Teamscoring, Vraag

TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 43 characters, 256 bits
FOUTEN_PER_UUR = 20  # unknown links from one address per hour before it is refused (429)
MAIL_SLEUTEL = "quickscan-team:{teamlid}:{moment}"


@dataclass(frozen=True)
class TeamInvoer:
    """A member's input (or the meeting's consensus) for one element."""

    score: int | None
    toelichting: str = ""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Who may ---------------------------------------------------------------------------------------------------------


def mag_team_zien(ronde: Ronde, user: User) -> bool:
    """The organisation's leaders (and superusers) run the team scoring and the meeting."""
    return ronde.mag_acties_beheren(user)


def namen_zichtbaar(teamscoring: Teamscoring | None, user: User) -> bool:
    """Names only in named mode, and then to the organisation's leaders only (not to a superuser looking on)."""
    return (
        teamscoring is not None
        and not teamscoring.anoniem
        and teamscoring.ronde.organisatie_id in user.geleide_organisatie_ids()
    )


def mag_exporteren(ronde: Ronde, user: User) -> bool:
    """The research export of a round's individual scores: its leaders, the werkplaats's lectoraat, superusers."""
    return ronde.mag_acties_beheren(user) or ronde.organisatie.werkplaats_id in user.werkplaats_ids(Rol.Soort.LECTORAAT)


def uit_te_nodigen_gebruikers(ronde: Ronde) -> QuerySet[User]:
    """The accounts a leader may invite as users: active leaders of the same organisation."""
    return (
        User.objects.filter(
            is_active=True,
            rollen__soort=Rol.Soort.IMPLEMENTATIELEIDER,
            rollen__organisatie_id=ronde.organisatie_id,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


# Services --------------------------------------------------------------------------------------------------------


def _ronde_open(ronde: Ronde) -> None:
    if ronde.is_afgerond:
        raise ValidationError(_("Deze ronde is afgerond; de teamscores kunnen niet meer worden gewijzigd."))
    if ronde.gearchiveerd:
        raise ValidationError(_("Deze ronde is gearchiveerd."))


@transaction.atomic
def teamscoring_opslaan(
    *,
    ronde: Ronde,
    deadline: datetime.date,
    anoniem: bool,
    door: User | None = None,
    versie: int | None = None,
) -> Teamscoring:
    """Turn team scoring on for a concept round, or change until when and how it runs.

    `versie` is the version the leader's form showed (a save based on an older one raises `VerouderdeVersie`).
    Named can become anonymous at any time, anonymous named only while nobody has scored: scores given anonymously
    stay anonymous.
    """
    _ronde_open(ronde)
    teamscoring = Teamscoring.objects.filter(ronde=ronde).first()
    if teamscoring is None:
        teamscoring = Teamscoring(ronde=ronde, aangemaakt_door=door)
    else:
        if versie is not None:
            versies.versie_ophogen(teamscoring, versie)
        if teamscoring.anoniem and not anoniem and Teamscore.objects.filter(teamlid__teamscoring=teamscoring).exists():
            raise ValidationError(
                {
                    "anoniem": _(
                        "Er zijn al anoniem gegeven scores; die blijven anoniem. Kies ‘met namen’ alleen voordat "
                        "iemand heeft gescoord."
                    )
                }
            )
    teamscoring.deadline = deadline
    teamscoring.anoniem = anoniem
    teamscoring.full_clean()
    teamscoring.save()
    return teamscoring


@transaction.atomic
def teamlid_uitnodigen(
    *,
    teamscoring: Teamscoring,
    naam: str = "",
    email: str = "",
    user: User | None = None,
    mailen: bool = True,
    vandaag: datetime.date | None = None,
) -> Teamlid:
    """Invite someone to score the round: by address (a personal link by mail) or as a user of the app.

    An address invited before and withdrawn is invited again (the same member, a new link). The mail is queued with
    the transaction and sent when it commits (`mailen` off: none, for the demo's past rounds; `vandaag` likewise).
    """
    ronde = teamscoring.ronde
    _ronde_open(ronde)
    if not teamscoring.is_open(vandaag):
        raise ValidationError(_("De termijn om te scoren is verstreken. Zet eerst een nieuwe datum."))
    email = email.strip().lower()
    naam = naam.strip()
    if (user is None) == (not email):
        raise ValidationError({"email": _("Vul een e-mailadres in of kies een gebruiker (niet allebei).")})
    if user is not None and not uit_te_nodigen_gebruikers(ronde).filter(pk=user.pk).exists():
        raise ValidationError({"user": _("Deze gebruiker kan niet voor deze organisatie worden uitgenodigd.")})
    bestaand = (
        teamscoring.leden.filter(user=user).first()
        if user is not None
        else teamscoring.leden.filter(email=email).first()
    )
    if bestaand is not None and bestaand.actief:
        veld = "user" if user is not None else "email"
        raise ValidationError({veld: _("Deze persoon is al uitgenodigd voor deze ronde.")})
    teamlid = bestaand or Teamlid(teamscoring=teamscoring, email=email, user=user)
    teamlid.naam = naam or teamlid.naam
    teamlid.actief = True
    teamlid.uitgenodigd_op = timezone.now()
    teamlid.full_clean()
    teamlid.save()
    if mailen:
        _mail_klaarzetten(teamlid)
    return teamlid


@transaction.atomic
def teamlid_opnieuw_uitnodigen(*, teamlid: Teamlid) -> Teamlid:
    """Send the invitation again: a new mail with a new link; the link of the mail before stops working."""
    teamscoring = teamlid.teamscoring
    _ronde_open(teamscoring.ronde)
    if not teamlid.actief:
        raise ValidationError(_("Deze uitnodiging is ingetrokken."))
    if not teamscoring.is_open():
        raise ValidationError(_("De termijn om te scoren is verstreken. Zet eerst een nieuwe datum."))
    teamlid.uitgenodigd_op = timezone.now()
    teamlid.save()
    _mail_klaarzetten(teamlid)
    return teamlid


@transaction.atomic
def teamlid_intrekken(*, teamlid: Teamlid) -> Teamlid:
    """Withdraw an invitation: the link stops working and the member's scores leave the meeting; nothing is
    deleted."""
    _ronde_open(teamlid.teamscoring.ronde)
    teamlid.actief = False
    teamlid.token_hash = ""
    teamlid.save()
    return teamlid


def _mail_klaarzetten(teamlid: Teamlid) -> None:
    adres = teamlid.email or (teamlid.user.email if teamlid.user else "")
    if not adres:
        return  # a user without an address: they find their form on the round's page
    ronde = teamlid.teamscoring.ronde
    mail.mail_klaarzetten(
        soort=Mailbericht.Soort.QUICKSCAN_TEAM,
        ontvanger=teamlid.user,
        adres=adres,
        organisatie=ronde.organisatie,
        ronde_id=ronde.pk,
        sleutel=MAIL_SLEUTEL.format(teamlid=teamlid.pk, moment=teamlid.uitgenodigd_op.strftime("%Y%m%d%H%M%S%f")),
    )


def token_vernieuwen(teamlid: Teamlid) -> str:
    """A new link token for this member (the one before stops working); only its hash is stored."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    Teamlid.objects.filter(pk=teamlid.pk).update(token_hash=_hash(token))  # no history row: the hash is no history
    teamlid.token_hash = _hash(token)
    return token


def teamlid_bij_token(token: str) -> Teamlid | None:
    """The active member whose link this is, or None (malformed, unknown, replaced or withdrawn)."""
    if not token or len(token) > 100:
        return None
    gezocht = _hash(token)
    teamlid = (
        Teamlid.objects.select_related("teamscoring__ronde__organisatie", "teamscoring__ronde__instrument")
        .filter(token_hash=gezocht, actief=True)
        .first()
    )
    if teamlid is None or not hmac.compare_digest(teamlid.token_hash, gezocht):
        return None
    return teamlid


@transaction.atomic
def teamscores_opslaan(
    *, teamlid: Teamlid, invoer: Mapping[int, TeamInvoer], vandaag: datetime.date | None = None
) -> list[Teamscore]:
    """A member's scores (per element id): refused as a whole, nothing written, when the round was submitted or
    archived, the deadline has passed (`vandaag` is today unless given), the invitation was withdrawn, an element is
    not of the round's instrument or a score is outside 1-5. Returns the member's scores."""
    # Lock the round's row: a submission running at the same moment comes before or after, never in between.
    ronde = Ronde.objects.select_for_update().get(pk=teamlid.teamscoring.ronde_id)
    teamscoring = Teamscoring.objects.get(pk=teamlid.teamscoring_id)
    teamscoring.ronde = ronde
    if not Teamlid.objects.filter(pk=teamlid.pk, actief=True).exists():
        raise ValidationError(_("Deze uitnodiging is ingetrokken."))
    _ronde_open(ronde)
    vandaag = vandaag or timezone.localdate()
    if vandaag > teamscoring.deadline:
        raise ValidationError(
            _("De termijn om te scoren is verstreken op %(datum)s.")
            % {"datum": teamscoring.deadline.strftime("%d-%m-%Y")}
        )
    elementen = {element.pk: element for element in ronde.instrument.elementen.all()}
    fouten = {}
    for element_id, element_invoer in invoer.items():
        element = elementen.get(element_id)
        if element is None:
            raise ValidationError(_("Dit element hoort niet bij het instrument van de ronde."))
        if element_invoer.score is not None and not (SCORE_MIN <= element_invoer.score <= SCORE_MAX):
            fouten[element.code] = _("Kies een score van 1 tot en met 5.")
    if fouten:
        raise ValidationError(fouten)
    bestaand = {score.element_id: score for score in Teamscore.objects.filter(teamlid=teamlid)}
    for element_id, element_invoer in invoer.items():
        score = bestaand.get(element_id)
        toelichting = element_invoer.toelichting.strip()
        if score is None:
            if element_invoer.score is None and not toelichting:
                continue  # nothing to say about this element
            score = Teamscore(teamlid=teamlid, element=elementen[element_id])
        elif (score.score, score.toelichting) == (element_invoer.score, toelichting):
            continue
        score.score, score.toelichting = element_invoer.score, toelichting
        score.full_clean()
        score.save()
        bestaand[element_id] = score
    return sorted(bestaand.values(), key=lambda score: elementen[score.element_id].volgorde)


@transaction.atomic
def consensus_vastleggen(
    *, ronde: Ronde, versie: int, invoer: Mapping[int, TeamInvoer], ter_afronding: bool = False
) -> Ronde:
    """Record the meeting's consensus as the round's own scores, through `services.ronde_invullen` with the version
    the meeting page showed (`VerouderdeVersie` when the round was saved since). The checklist answers stay as they
    are; `ter_afronding` as in the round's form (then the summary page submits it)."""
    checklists = dict(ronde.scores.values_list("element_id", "checklist"))
    return services.ronde_invullen(
        ronde=ronde,
        versie=versie,
        gegevens={},
        invoer={
            element_id: services.ElementInvoer(
                score=element_invoer.score,
                toelichting=element_invoer.toelichting,
                checklist=checklists.get(element_id) or {},
            )
            for element_id, element_invoer in invoer.items()
        },
        ter_afronding=ter_afronding,
    )


# Reads -----------------------------------------------------------------------------------------------------------


@dataclass
class Notitie:
    tekst: str
    score: int | None
    naam: str = ""  # only in named mode, for the leader


@dataclass
class ElementBespreking:
    """One element in the meeting: its questions, the team's spread, last round's consensus and target, now."""

    element: Element
    vragen: list[Vraag]
    scores: list[int]
    notities: list[Notitie]
    per_lid: list[tuple[str, int | None]]  # (name, score): named mode only
    vorige_score: int | None
    vorige_doel: int | None
    consensus: int | None
    toelichting: str
    aantallen: list[tuple[int, int, int]] = field(default_factory=list)  # (score, count, bar width in %)

    def __post_init__(self) -> None:
        hoogste = max((self.scores.count(s) for s in range(SCORE_MIN, SCORE_MAX + 1)), default=0) or 1
        self.aantallen = [
            (s, self.scores.count(s), round(100 * self.scores.count(s) / hoogste))
            for s in range(SCORE_MIN, SCORE_MAX + 1)
        ]

    @property
    def minimum(self) -> int | None:
        return min(self.scores) if self.scores else None

    @property
    def maximum(self) -> int | None:
        return max(self.scores) if self.scores else None

    @property
    def mediaan(self) -> float | None:
        return statistics.median(self.scores) if self.scores else None


@dataclass
class Vergadering:
    ronde: Ronde
    teamscoring: Teamscoring | None
    vorige: Ronde | None
    elementen: list[ElementBespreking]
    uitgenodigd: int
    ingevuld: int  # members who scored or noted at least one element
    namen: bool


def vergadering(ronde: Ronde, user: User) -> Vergadering:
    """What the meeting page shows, in a fixed number of queries whatever the number of members or elements."""
    teamscoring = Teamscoring.objects.filter(ronde=ronde).select_related("ronde").first()
    namen = namen_zichtbaar(teamscoring, user)
    leden = (
        list(
            teamscoring.leden.filter(actief=True)
            .select_related("user")
            .prefetch_related(Prefetch("scores", queryset=Teamscore.objects.order_by("pk")))
        )
        if teamscoring
        else []
    )
    vorige = selectors.vorige_ronde(ronde)
    vorige_scores = {score.element_id: score for score in vorige.scores.all()} if vorige else {}
    huidig = {score.element_id: score for score in Score.objects.filter(ronde=ronde)}
    vragen: dict[int, list[Vraag]] = {}
    for vraag in Vraag.objects.filter(element__instrument_id=ronde.instrument_id).order_by("element_id", "volgorde"):
        vragen.setdefault(vraag.element_id, []).append(vraag)
    per_element: dict[int, list[tuple[Teamlid, Teamscore]]] = {}
    for lid in leden:
        for teamscore in lid.scores.all():
            per_element.setdefault(teamscore.element_id, []).append((lid, teamscore))
    elementen = []
    for element in ronde.instrument.elementen.all():
        gegeven = per_element.get(element.pk, [])
        notities = [
            Notitie(ts.toelichting, ts.score, lid.weergavenaam if namen else "")
            for lid, ts in gegeven
            if ts.toelichting
        ]
        if not namen:  # in an order that says nothing about who was invited first
            notities.sort(key=lambda n: (n.score or 0, n.tekst))
        vorig = vorige_scores.get(element.pk)
        nu = huidig.get(element.pk)
        elementen.append(
            ElementBespreking(
                element=element,
                vragen=vragen.get(element.pk, []),
                scores=sorted(ts.score for _lid, ts in gegeven if ts.score is not None),
                notities=notities,
                per_lid=[(lid.weergavenaam, ts.score) for lid, ts in gegeven] if namen else [],
                vorige_score=vorig.score if vorig else None,
                vorige_doel=getattr(vorig, "doel", None) if vorig else None,
                consensus=nu.score if nu else None,
                toelichting=nu.toelichting if nu else "",
            )
        )
    return Vergadering(
        ronde=ronde,
        teamscoring=teamscoring,
        vorige=vorige,
        elementen=elementen,
        uitgenodigd=len(leden),
        ingevuld=sum(1 for lid in leden if lid.scores.all()),
        namen=namen,
    )


def pseudoniem(teamlid_id: int) -> str:
    """A member's stable pseudonym in the research export: says nothing about who, or who was invited first."""
    return "LID-" + salted_hmac("quickscan.team.pseudoniem", str(teamlid_id)).hexdigest()[:8].upper()


def export_rijen(ronde: Ronde) -> list[list]:
    """The round's individual scores for research: one row per member and element scored or noted, no names."""
    consensus = dict(Score.objects.filter(ronde=ronde).values_list("element_id", "score"))
    scores = (
        Teamscore.objects.filter(teamlid__teamscoring__ronde=ronde, teamlid__actief=True)
        .select_related("element")
        .order_by("element__volgorde", "pk")
    )
    kop = [
        _("ronde"),
        _("organisatie"),
        _("team"),
        _("datum ronde"),
        _("teamlid (pseudoniem)"),
        _("element"),
        _("elementnaam"),
        _("score"),
        _("toelichting"),
        _("consensus"),
        _("gewijzigd op"),
    ]
    rijen = sorted(
        (
            (teamscore.element.volgorde, pseudoniem(teamscore.teamlid_id)),
            [
                ronde.pk,
                ronde.organisatie.naam,
                ronde.afdeling.naam if ronde.afdeling else "",
                ronde.datum,
                pseudoniem(teamscore.teamlid_id),
                teamscore.element.code,
                teamscore.element.naam,
                teamscore.score,
                teamscore.toelichting,
                consensus.get(teamscore.element_id),
                teamscore.gewijzigd_op,
            ],
        )
        for teamscore in scores
    )
    # Within an element by pseudonym: the order says nothing about who was invited first.
    return [kop, *(rij for _sleutel, rij in rijen)]


# Guessing links: a limit per address ---------------------------------------------------------------------------


def _foutsleutel(ip: str) -> str:
    return f"teamlink-fouten:{hashlib.sha256(ip.encode()).hexdigest()[:32]}:{int(time.time()) // 3600}"


def te_veel_fouten(ip: str) -> bool:
    """Whether this address tried FOUTEN_PER_UUR unknown links this hour: then no link is even looked up."""
    return (cache.get(_foutsleutel(ip)) or 0) >= FOUTEN_PER_UUR


def fout_tellen(ip: str) -> None:
    sleutel = _foutsleutel(ip)
    cache.add(sleutel, 0, timeout=3600)
    try:
        cache.incr(sleutel)
    except ValueError:  # expired between add and incr
        cache.add(sleutel, 1, timeout=3600)


# The invitation mail (registered with werkplaats.mail; QuickscanConfig.ready imports this module) -----------------


@mail.opsteller(Mailbericht.Soort.QUICKSCAN_TEAM)
def _uitnodiging(bericht: Mailbericht) -> mail.Opgesteld:
    teamlid_id = int(bericht.sleutel.split(":")[1])
    teamlid = Teamlid.objects.select_related(
        "teamscoring__ronde__organisatie", "teamscoring__ronde__afdeling", "user"
    ).get(pk=teamlid_id)
    teamscoring = teamlid.teamscoring
    ronde = teamscoring.ronde
    if not teamlid.actief or not teamscoring.is_open():
        # Withdrawn, submitted or past its date before the mail went out: a link that would not work is not sent.
        raise RuntimeError("De uitnodiging is niet meer geldig (ingetrokken, ronde afgerond of termijn verstreken).")
    if teamlid.user_id:
        link = mail.link(reverse("quickscan:mijn_teamscores", kwargs={"pk": ronde.pk}))
    else:
        link = mail.link(reverse("quickscan:team_link", kwargs={"pk": ronde.pk, "token": token_vernieuwen(teamlid)}))
    return mail.Opgesteld(
        onderwerp=_("scoor de quickscan van %(plek)s") % {"plek": ronde.plek},
        sjabloon="mail/quickscan_team",
        context={
            "teamlid": teamlid,
            "naam": teamlid.naam or (teamlid.user.get_full_name() if teamlid.user else ""),
            "ronde": ronde,
            "teamscoring": teamscoring,
            "link": link,
            "met_account": bool(teamlid.user_id),
        },
    )


# A person's access export (scholing/privacy.py, through werkplaats.extensions.account_inzage) --------------------


def account_teamscores(account: User) -> list[dict]:
    """The individual scores an account gave as a team member (invited as a user, or at its e-mail address), with the
    round, the element and the note. Two queries."""
    from django.db.models import Q

    leden = Q(user=account) | (Q(email__iexact=account.email) if account.email else Q(pk__in=[]))
    scores = (
        Teamscore.objects.filter(teamlid__in=Teamlid.objects.filter(leden))
        .select_related("teamlid__teamscoring__ronde__organisatie", "element")
        .order_by("teamlid__teamscoring__ronde__datum", "element__volgorde")
    )
    return [
        {
            "ronde": str(score.teamlid.teamscoring.ronde),
            "uitgenodigd_op": score.teamlid.uitgenodigd_op.isoformat(),
            "als": score.teamlid.naam or score.teamlid.email,
            "element": score.element.naam,
            "score": score.score,
            "toelichting": score.toelichting,
            "gewijzigd_op": score.gewijzigd_op.isoformat(),
        }
        for score in scores
    ]


def _inzage() -> object:
    from django.utils.translation import gettext_lazy

    from werkplaats.extensions import InzageDeel

    return InzageDeel(
        sleutel="teamscores",
        titel=gettext_lazy("Teamscores in quickscanrondes"),
        modellen=("quickscan.Teamlid", "quickscan.Teamscore"),
        rijen=account_teamscores,
    )


INZAGE = _inzage()
