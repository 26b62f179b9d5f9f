"""Quickscan reminders by e-mail, and the coordinators' weekly digest.

When a round is due and overdue is decided in one place, `selectors.cadans` (per werkplaats in
`QuickscanInstelling`: due 3 months after the last submitted round, overdue after 4). This module only decides whom
to tell, and when:

- for each organisation in a running trajectory (a participation that has started and not stopped, in a
  trajectory between its start and end date), its active implementation leaders (with an address, who have chosen a
  password) get **one** mail when the next round is due (`quickscan_nu`), and **one** when it is overdue
  (`quickscan_te_laat`), then again at most every 14 days while it stays overdue;
- a concept round left unchanged for 14 days gets one nudge per version of the round (`quickscan_concept`);
- every coordinator who has not turned it off gets the weekly digest (`overzicht`): due, overdue, and the rounds
  submitted in the last 7 days.

A submitted round moves the cadence on, which stops the reminders of the old one. Every mail goes through
`werkplaats.mail` under a unique key, so running the job twice on a day sends nothing twice. The job runs as a
Celery beat task (`quickscan.tasks`) or from cron (`manage.py herinneringen`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import DateTimeField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplaats import mail
from werkplaats.models import Mailbericht, Organisatie, Rol, User, Werkplaats

from . import selectors
from .models import Ronde, RondeQuerySet

HERHAAL_NA = datetime.timedelta(days=14)  # overdue: at most one reminder per 14 days
CONCEPT_NA = datetime.timedelta(days=14)  # a concept left this long gets a nudge
OVERZICHT_PERIODE = datetime.timedelta(days=7)


@dataclass(frozen=True)
class Herinnering:
    soort: str
    organisatie: Organisatie
    leider: User
    sleutel: str
    ronde_id: int | None = None


def lopende_organisaties(peildatum: datetime.date) -> QuerySet[Organisatie]:
    """Active organisations that take part in a trajectory running on `peildatum` (`selectors.lopende_deelname`)."""
    lopend = selectors.lopende_deelname(peildatum, pad="deelnames__")
    return Organisatie.objects.filter(pk__in=Organisatie.objects.filter(lopend, actief=True).values("pk"))


def _leiders(organisatie_ids) -> dict[int, list[User]]:
    """Leaders who can act on a mail: active, with an address, and past their invitation (a password chosen)."""
    leiders: dict[int, list[User]] = defaultdict(list)
    rollen = (
        Rol.objects.filter(
            soort=Rol.Soort.IMPLEMENTATIELEIDER, organisatie_id__in=organisatie_ids, user__is_active=True
        )
        .exclude(user__email="")
        .exclude(user__password__startswith="!")  # an unusable password: invited, not yet in
        .select_related("user")
        .order_by("user_id")
    )
    for rol in rollen:
        if rol.organisatie_id is not None:
            leiders[rol.organisatie_id].append(rol.user)
    return leiders


def _concepten(organisaties: QuerySet[Organisatie]) -> RondeQuerySet:
    """Concept rounds of these organisations, with the time of their last change (`gewijzigd_op`)."""
    laatste_wijziging = (
        Ronde.history.model.objects.filter(id=OuterRef("pk")).order_by("-history_date").values("history_date")[:1]
    )
    return (
        Ronde.objects.actief()
        .filter(status=Ronde.Status.CONCEPT, organisatie__in=organisaties)
        .annotate(gewijzigd_op=Coalesce(Subquery(laatste_wijziging), "aangemaakt_op", output_field=DateTimeField()))
        .order_by("organisatie_id", "-datum", "-pk")
    )


def herinneringen_bepalen(peildatum: datetime.date) -> list[Herinnering]:
    """The reminders due on `peildatum`, before the keys of the mails already sent are checked."""
    organisaties = lopende_organisaties(peildatum)
    cadansen = selectors.cadans(organisaties, peildatum)
    leiders = _leiders([c.organisatie.pk for c in cadansen])
    recent_te_laat = set(
        Mailbericht.objects.filter(
            soort=Mailbericht.Soort.QUICKSCAN_TE_LAAT,
            organisatie__in=[c.organisatie.pk for c in cadansen],
            peildatum__gt=peildatum - HERHAAL_NA,
            peildatum__lte=peildatum,
        ).values_list("organisatie_id", "ontvanger_id")
    )
    herinneringen = []
    for cadans in cadansen:
        org = cadans.organisatie
        for leider in leiders.get(org.pk, []):
            if cadans.status == selectors.CadansStatus.NU:
                sleutel = f"quickscan-nu:{org.pk}:{leider.pk}:{cadans.laatste}"
                herinneringen.append(Herinnering(Mailbericht.Soort.QUICKSCAN_NU, org, leider, sleutel))
            elif cadans.status == selectors.CadansStatus.TE_LAAT and (org.pk, leider.pk) not in recent_te_laat:
                sleutel = f"quickscan-te-laat:{org.pk}:{leider.pk}:{cadans.laatste}:{peildatum}"
                herinneringen.append(Herinnering(Mailbericht.Soort.QUICKSCAN_TE_LAAT, org, leider, sleutel))
    grens = timezone.make_aware(datetime.datetime.combine(peildatum - CONCEPT_NA, datetime.time.max))
    for ronde in _concepten(organisaties).select_related("organisatie__werkplaats"):
        # gewijzigd_op: annotated by _concepten
        if ronde.gewijzigd_op > grens:
            continue
        for leider in leiders.get(ronde.organisatie_id, []):
            sleutel = f"quickscan-concept:{ronde.pk}:{leider.pk}:{ronde.versie}"
            herinneringen.append(
                Herinnering(Mailbericht.Soort.QUICKSCAN_CONCEPT, ronde.organisatie, leider, sleutel, ronde.pk)
            )
    return herinneringen


def herinneringen_versturen(peildatum: datetime.date | None = None) -> int:
    """Send the reminders of `peildatum` (today) that were not sent yet; the number of new mails."""
    peildatum = peildatum or timezone.localdate()
    nieuw = 0
    for herinnering in herinneringen_bepalen(peildatum):
        bericht = mail.mail_klaarzetten(
            soort=herinnering.soort,
            ontvanger=herinnering.leider,
            organisatie=herinnering.organisatie,
            ronde_id=herinnering.ronde_id,
            sleutel=herinnering.sleutel,
            peildatum=peildatum,
        )
        nieuw += bericht is not None
    mail.mail_opnieuw_proberen()
    return nieuw


def _week(peildatum: datetime.date) -> str:
    jaar, week, _dag = peildatum.isocalendar()
    return f"{jaar}-W{week:02d}"


def overzicht_versturen(peildatum: datetime.date | None = None) -> int:
    """The weekly digest to every coordinator who wants it; once per coordinator, werkplaats and week."""
    peildatum = peildatum or timezone.localdate()
    rollen = (
        Rol.objects.filter(soort=Rol.Soort.COORDINATOR, user__is_active=True, user__wekelijks_overzicht=True)
        .exclude(user__email="")
        .exclude(user__password__startswith="!")
        .select_related("user", "werkplaats")
    )
    nieuw = 0
    for rol in rollen:
        bericht = mail.mail_klaarzetten(
            soort=Mailbericht.Soort.OVERZICHT,
            ontvanger=rol.user,
            werkplaats=rol.werkplaats,
            sleutel=f"overzicht:{rol.werkplaats_id}:{rol.user_id}:{_week(peildatum)}",
            peildatum=peildatum,
        )
        nieuw += bericht is not None
    return nieuw


# What the mails say (registered with werkplaats.mail in QuickscanConfig.ready) --------------------------------


def _ronde_link(organisatie: Organisatie, concept: Ronde | None) -> str:
    if concept is not None:
        return mail.link(reverse("quickscan:ronde_update", kwargs={"ronde": concept.pk}))
    return mail.link(reverse("quickscan:ronde_create", kwargs={"pk": organisatie.pk}))


def _cadans_context(bericht: Mailbericht) -> dict:
    organisatie = bericht.organisatie
    assert organisatie is not None
    peildatum = bericht.peildatum or timezone.localdate()
    cadans = next(iter(selectors.cadans(Organisatie.objects.filter(pk=organisatie.pk), peildatum)), None)
    concept = (
        Ronde.objects.actief()
        .filter(organisatie=organisatie, status=Ronde.Status.CONCEPT)
        .order_by("-datum", "-pk")
        .first()
    )
    if bericht.ronde_id:
        concept = Ronde.objects.filter(pk=bericht.ronde_id).first() or concept
    return {
        "organisatie": organisatie,
        "cadans": cadans,
        "concept": concept,
        "link": _ronde_link(organisatie, concept),
    }


@mail.opsteller(Mailbericht.Soort.QUICKSCAN_NU)
def _nu(bericht: Mailbericht) -> mail.Opgesteld:
    context = _cadans_context(bericht)
    return mail.Opgesteld(
        onderwerp=_("tijd voor de volgende quickscan van %(organisatie)s") % {"organisatie": bericht.organisatie},
        sjabloon="mail/quickscan_nu",
        context=context,
    )


@mail.opsteller(Mailbericht.Soort.QUICKSCAN_TE_LAAT)
def _te_laat(bericht: Mailbericht) -> mail.Opgesteld:
    context = _cadans_context(bericht)
    return mail.Opgesteld(
        onderwerp=_("de quickscan van %(organisatie)s is te laat") % {"organisatie": bericht.organisatie},
        sjabloon="mail/quickscan_te_laat",
        context=context,
    )


@mail.opsteller(Mailbericht.Soort.QUICKSCAN_CONCEPT)
def _concept(bericht: Mailbericht) -> mail.Opgesteld:
    context = _cadans_context(bericht)
    return mail.Opgesteld(
        onderwerp=_("de quickscan van %(organisatie)s wacht op afronding") % {"organisatie": bericht.organisatie},
        sjabloon="mail/quickscan_concept",
        context=context,
    )


@dataclass
class Overzicht:
    nu: list[selectors.Cadans]
    te_laat: list[selectors.Cadans]
    zonder: list[selectors.Cadans]
    ingediend: list[Ronde]


def overzicht(werkplaats: Werkplaats, peildatum: datetime.date) -> Overzicht:
    """The digest's content: the cadence of the werkplaats's organisations and the rounds of the past week."""
    cadansen = selectors.cadans(Organisatie.objects.filter(werkplaats=werkplaats, actief=True), peildatum)
    vanaf = timezone.make_aware(datetime.datetime.combine(peildatum - OVERZICHT_PERIODE, datetime.time.min))
    tot = timezone.make_aware(datetime.datetime.combine(peildatum, datetime.time.max))
    ingediend = list(
        Ronde.objects.afgerond()
        .filter(organisatie__werkplaats=werkplaats, afgerond_op__gte=vanaf, afgerond_op__lte=tot)
        .select_related("organisatie", "afdeling")
        .order_by("-afgerond_op")
    )
    return Overzicht(
        nu=[c for c in cadansen if c.status == selectors.CadansStatus.NU],
        te_laat=[c for c in cadansen if c.status == selectors.CadansStatus.TE_LAAT],
        zonder=[c for c in cadansen if c.status == selectors.CadansStatus.GEEN],
        ingediend=ingediend,
    )


@mail.opsteller(Mailbericht.Soort.OVERZICHT)
def _overzicht(bericht: Mailbericht) -> mail.Opgesteld:
    werkplaats = bericht.werkplaats
    assert werkplaats is not None
    peildatum = bericht.peildatum or timezone.localdate()
    return mail.Opgesteld(
        onderwerp=_("weekoverzicht van de quickscans"),
        sjabloon="mail/overzicht",
        context={
            "overzicht": overzicht(werkplaats, peildatum),
            "link": mail.link(reverse("quickscan:overzicht")),
            "link_basis": mail.link(""),
        },
    )
