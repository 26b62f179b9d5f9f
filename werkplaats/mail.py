"""The one way the app sends e-mail, and the record of every mail (`Mailbericht`).

1. `mail_klaarzetten` records a mail under a unique key (`sleutel`) and hands it to the worker once the transaction
   commits. A key that is already there sends nothing: running a job twice sends nothing twice.
2. `mail_versturen` (the worker's task `werkplaats.tasks.mail_versturen`) claims the record with one
   `UPDATE ... WHERE status IN (wachtrij, mislukt)`, composes the text and sends it. A failure (the SMTP server down)
   is kept as "niet verzonden" with its error, never raised: `mail_opnieuw_proberen` (every 15 minutes in beat, and
   after each reminder run) tries again, and a coordinator can re-send from the mail page.

The text is composed at sending time by the *opsteller* registered for the mail's kind (`opsteller(soort)`), so a
link in it (an invitation's token) is fresh on every attempt and no token is stored. Every mail has a Dutch
plain-text and HTML version (`templates/mail/<soort>.txt|.html`, on `mail/basis.txt|.html`) with the werkplaats's
name.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Mailbericht, Organisatie, User, Werkplaats

logger = logging.getLogger(__name__)

MAX_POGINGEN = 5
OPNIEUW_NA = datetime.timedelta(minutes=10)  # a failed mail waits this long before the next automatic attempt
VASTGELOPEN_NA = datetime.timedelta(hours=1)  # a mail left "bezig" this long (a worker died) is tried again


@dataclass
class Opgesteld:
    """What an opsteller returns: the subject, the template (without extension) and its context."""

    onderwerp: str
    sjabloon: str
    context: dict = field(default_factory=dict)


Opsteller = Callable[[Mailbericht], Opgesteld]
_opstellers: dict[str, Opsteller] = {}


def opsteller(soort: str) -> Callable[[Opsteller], Opsteller]:
    """Register the function that composes the mails of one kind (the core's in `accounts`, the quickscan's in
    `quickscan.herinneringen`, imported in its AppConfig.ready)."""

    def registreren(functie: Opsteller) -> Opsteller:
        _opstellers[soort] = functie
        return functie

    return registreren


def link(pad: str) -> str:
    """An absolute link for a mail (mails are composed without a request)."""
    return f"{settings.SITE_URL}{pad}"


def mail_klaarzetten(
    *,
    soort: str,
    ontvanger: User | None,
    sleutel: str,
    adres: str = "",
    werkplaats: Werkplaats | None = None,
    organisatie: Organisatie | None = None,
    ronde_id: int | None = None,
    peildatum: datetime.date | None = None,
) -> Mailbericht | None:
    """Record a mail and send it once the surrounding transaction commits; None when the key was there already.

    A mail goes to an account (`ontvanger`, at its address) or, for someone without one (a team member invited to
    score a quickscan round), to `adres` alone."""
    if ontvanger is None and not adres:
        raise TypeError("a mail goes to an account or to an address")
    bericht = Mailbericht(
        sleutel=sleutel[:200],
        soort=soort,
        ontvanger=ontvanger,
        adres=adres or (ontvanger.email if ontvanger else ""),
        werkplaats=werkplaats or (organisatie.werkplaats if organisatie else None),
        organisatie=organisatie,
        ronde_id=ronde_id,
        peildatum=peildatum,
    )
    bericht.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            bericht.save()
    except IntegrityError:
        if Mailbericht.objects.filter(sleutel=bericht.sleutel).exists():
            return None
        raise
    _na_commit_versturen(bericht.pk)
    return bericht


def mail_opnieuw_versturen(*, bericht: Mailbericht) -> Mailbericht:
    """A coordinator's re-send of a mail that was not sent: back in the queue, then sent as a new attempt."""
    Mailbericht.objects.filter(pk=bericht.pk, status=Mailbericht.Status.MISLUKT).update(
        status=Mailbericht.Status.WACHTRIJ
    )
    _na_commit_versturen(bericht.pk)
    bericht.refresh_from_db()
    return bericht


def _na_commit_versturen(bericht_id: int) -> None:
    transaction.on_commit(lambda: in_de_wachtrij(bericht_id), robust=True)


def in_de_wachtrij(bericht_id: int) -> None:
    """Give the mail to the worker (or, without a broker, send it now). A broker that is down leaves the mail in the
    queue, where `mail_opnieuw_proberen` finds it."""
    from .tasks import mail_versturen as taak

    try:
        taak.delay(bericht_id)
    except Exception:  # the broker is down: the record stays "in de wachtrij"
        logger.exception("Mail %s could not be queued; it is retried later.", bericht_id)


def mail_versturen(*, bericht_id: int) -> Mailbericht | None:
    """Send one recorded mail, if nobody sent or is sending it. Never raises for a failed delivery."""
    nu = timezone.now()
    geclaimd = Mailbericht.objects.filter(
        Q(status__in=[Mailbericht.Status.WACHTRIJ, Mailbericht.Status.MISLUKT])
        | Q(status=Mailbericht.Status.BEZIG, laatste_poging_op__lt=nu - VASTGELOPEN_NA),
        pk=bericht_id,
    ).update(status=Mailbericht.Status.BEZIG, pogingen=F("pogingen") + 1, laatste_poging_op=nu)
    if not geclaimd:
        return None
    bericht = Mailbericht.objects.select_related("ontvanger", "werkplaats", "organisatie").get(pk=bericht_id)
    try:
        # In the site's language (Dutch), not in that of whoever's request happens to send it (the English UI).
        with translation.override(settings.LANGUAGE_CODE):
            opgesteld = opstellen(bericht)
            bericht.onderwerp = opgesteld.onderwerp[:300]
            bericht_maken(bericht, opgesteld).send()
    except Exception as fout:
        logger.warning("Mail %s to %s failed: %s", bericht.pk, bericht.adres, fout, exc_info=True)
        bericht.status = Mailbericht.Status.MISLUKT
        bericht.fout = f"{type(fout).__name__}: {fout}"[:2000]
    else:
        bericht.status = Mailbericht.Status.VERZONDEN
        bericht.fout = ""
        bericht.verzonden_op = timezone.now()
    bericht.save(update_fields=["onderwerp", "status", "fout", "verzonden_op"])
    return bericht


def mail_opnieuw_proberen() -> int:
    """Try again the mails that failed (a while ago, fewer than MAX_POGINGEN times) or never reached the worker."""
    nu = timezone.now()
    ids = list(
        Mailbericht.objects.filter(
            Q(status=Mailbericht.Status.MISLUKT, pogingen__lt=MAX_POGINGEN, laatste_poging_op__lt=nu - OPNIEUW_NA)
            | Q(status=Mailbericht.Status.WACHTRIJ, aangemaakt_op__lt=nu - OPNIEUW_NA)
            | Q(status=Mailbericht.Status.BEZIG, laatste_poging_op__lt=nu - VASTGELOPEN_NA)
        ).values_list("pk", flat=True)[:500]
    )
    for bericht_id in ids:
        in_de_wachtrij(bericht_id)
    return len(ids)


def opstellen(bericht: Mailbericht) -> Opgesteld:
    from . import accounts  # noqa: F401  (registers the core's opstellers)

    opgesteld = _opstellers[bericht.soort](bericht)
    opgesteld.onderwerp = " ".join(opgesteld.onderwerp.split())  # a header: never a line break
    return opgesteld


def bericht_maken(bericht: Mailbericht, opgesteld: Opgesteld) -> EmailMultiAlternatives:
    """The message itself: plain text with an HTML alternative, from the templates of its kind."""
    werkplaats = bericht.werkplaats
    context = {
        "ontvanger": bericht.ontvanger,
        "werkplaats": werkplaats,
        "werkplaats_naam": str(werkplaats) if werkplaats else "Werkplaats",
        "onderwerp": opgesteld.onderwerp,
        "instellingen_url": link(reverse("account_instellingen")),
        **opgesteld.context,
    }
    tekst = render_to_string(f"{opgesteld.sjabloon}.txt", context)
    html = render_to_string(f"{opgesteld.sjabloon}.html", context)
    onderwerp = f"{context['werkplaats_naam']}: {opgesteld.onderwerp}"
    message = EmailMultiAlternatives(onderwerp, tekst, settings.DEFAULT_FROM_EMAIL, [bericht.adres])
    message.attach_alternative(html, "text/html")
    message.extra_headers["X-Werkplaats-Kenmerk"] = bericht.sleutel
    return message
