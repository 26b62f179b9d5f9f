"""Writes of methods, trajectories, phases, participation and targets.

The app's pages, the admin, the demo data and the tests all write through these functions.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkplaats.models import Werkplaats

from .models import Deelname, Fase, Methode, MethodeAlias, Streefwaarde, Traject


def _aliassen_opslaan(methode: Methode, aliassen: Iterable[MethodeAlias], werkplaats: Werkplaats | None) -> None:
    for alias in aliassen:
        if alias.pk and alias.werkplaats_id != (werkplaats.pk if werkplaats else None):
            raise ValidationError({"aliassen": _("Deze naam hoort bij een andere werkplaats.")})
        alias.methode = methode
        alias.werkplaats = werkplaats
        try:
            alias.full_clean()
        except ValidationError as error:
            raise ValidationError({"aliassen": error.messages}) from error
        alias.save()


@transaction.atomic
def methode_opslaan(*, methode: Methode, aliassen: Iterable[MethodeAlias] = ()) -> Methode:
    """Save a method of the shared catalogue with its new or changed catalogue aliases (names used in a
    context, for every werkplaats): all of them or none. Only superusers change the catalogue (the views check).

    An alias that is refused is reported under `aliassen`, not on the method's own fields.
    """
    methode.full_clean()
    methode.save()
    _aliassen_opslaan(methode, aliassen, None)
    return methode


@transaction.atomic
def methode_namen_opslaan(*, methode: Methode, werkplaats: Werkplaats, aliassen: Iterable[MethodeAlias]) -> Methode:
    """Save a werkplaats's own names of a catalogue method (e.g. per chapter of its end report): all or none.

    The method itself is not changed; another werkplaats's names are refused.
    """
    _aliassen_opslaan(methode, aliassen, werkplaats)
    return methode


@transaction.atomic
def traject_opslaan(
    *, traject: Traject, methoden_aangeboden: Iterable[Methode], methoden: Iterable[Methode]
) -> Traject:
    aangeboden, gekozen = set(methoden_aangeboden), set(methoden)
    if not gekozen <= aangeboden:
        raise ValidationError({"methoden": _("Een gekozen methode moet ook zijn aangeboden.")})
    traject.full_clean()
    traject.save()
    traject.methoden_aangeboden.set(aangeboden)
    traject.methoden.set(gekozen)
    return traject


@transaction.atomic
def fase_opslaan(*, fase: Fase) -> Fase:
    """Save a phase; its months are stored as their first day, and its number is unique in the trajectory."""
    fase.full_clean()
    fase.save()
    return fase


@transaction.atomic
def deelname_opslaan(*, deelname: Deelname, methoden: Iterable[Methode]) -> Deelname:
    methoden = set(methoden)
    deelname.full_clean()
    niet_gekozen = {m for m in methoden if not deelname.traject.methoden.filter(pk=m.pk).exists()}
    if niet_gekozen:
        raise ValidationError({"methoden": _("Kies alleen methoden die in het traject gekozen zijn.")})
    deelname.save()
    deelname.methoden.set(methoden)
    return deelname


@transaction.atomic
def streefwaarde_opslaan(*, streefwaarde: Streefwaarde) -> Streefwaarde:
    """Save a target for the whole trajectory or for one of its chosen methods.

    Only targets are stored; totals derived from them are computed (`selectors.streefwaarden`).
    """
    streefwaarde.full_clean()
    if (
        streefwaarde.methode_id is not None
        and not streefwaarde.traject.methoden.filter(pk=streefwaarde.methode_id).exists()
    ):
        raise ValidationError({"methode": _("Kies een methode die in het traject gekozen is.")})
    streefwaarde.save()
    return streefwaarde
