"""Writes of trajectories, phases, participation and targets."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Deelname, Methode, Traject


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
def deelname_opslaan(*, deelname: Deelname, methoden: Iterable[Methode]) -> Deelname:
    methoden = set(methoden)
    deelname.full_clean()
    niet_gekozen = {m for m in methoden if not deelname.traject.methoden.filter(pk=m.pk).exists()}
    if niet_gekozen:
        raise ValidationError({"methoden": _("Kies alleen methoden die in het traject gekozen zijn.")})
    deelname.save()
    deelname.methoden.set(methoden)
    return deelname
