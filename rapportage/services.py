"""Writes of the dissemination register and the curriculum placements."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trajecten.models import Methode

from .models import Disseminatie


@transaction.atomic
def disseminatie_opslaan(*, disseminatie: Disseminatie, methoden: Iterable[Methode] = ()) -> Disseminatie:
    """Validate and save a dissemination item with its methods (only methods offered in its trajectory)."""
    methoden = set(methoden)
    disseminatie.full_clean()
    aangeboden = set(disseminatie.traject.methoden_aangeboden.all()) | set(disseminatie.traject.methoden.all())
    if not methoden <= aangeboden:
        raise ValidationError({"methoden": _("Kies alleen methoden van dit traject.")})
    disseminatie.save()
    disseminatie.methoden.set(methoden)
    return disseminatie
