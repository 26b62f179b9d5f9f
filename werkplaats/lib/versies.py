"""Optimistic locking: one mechanism for every edit form, so that no save silently overwrites another.

A model that people edit inherits `Versiebeheerd`: a `versie` that starts at 1. A form that edits it carries the
version it was opened with (a hidden field, `versieveld_toevoegen`). The write raises the version with one
`UPDATE ... WHERE versie = <the form's version>` (`versie_ophogen`) in the same transaction as the service's save:
of two saves from the same version, exactly one wins; the other raises `VerouderdeVersie`, which the view answers with
409, the user's input kept in the form, and the changes the other person made (read from the history, which records
every version). `werkplaats.views.ServiceFormMixin` does this for every edit view; `quickscan.services.ronde_invullen`
does it for a round, whose form is not one ModelForm.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import F
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _


class Versiebeheerd(models.Model):
    """Abstract: the version that optimistic locking compares. Raised by `versie_ophogen` only."""

    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class Wijziging:
    """A field the other person changed since the form was opened."""

    veld: str
    label: str
    was: str
    nu: str


class VerouderdeVersie(Exception):
    """Someone saved the object after the form was opened with `versie`."""

    def __init__(self, obj: models.Model | None = None, versie: int | None = None) -> None:
        super().__init__("stale version")
        self.obj = obj
        self.versie = versie


def versie_ophogen(obj: models.Model, versie: int | None, **voorwaarden: Any) -> None:
    """Raise `obj`'s version from `versie`, or raise `VerouderdeVersie` when it is no longer `versie`.

    Call it inside the transaction that saves `obj`: a failing save rolls the raise back. `voorwaarden` narrows
    which rows may be raised (a round only while it is a concept); a row that fails them is not stale but gone,
    and the caller tells the two apart. The instance in memory gets the new version, so its save keeps it.
    """
    model = type(obj)
    if versie is None:
        raise VerouderdeVersie(obj, versie)
    raised = model._default_manager.filter(pk=obj.pk, versie=versie, **voorwaarden).update(versie=F("versie") + 1)
    if not raised:
        raise VerouderdeVersie(obj, versie)
    setattr(obj, "versie", versie + 1)  # noqa: B010 (any model with a `versie`, also the round's own)


def wijzigingen_sinds(obj: models.Model, versie: int | None, velden: list[str] | None = None) -> list[Wijziging]:
    """What changed in `obj` (as stored now) since its version `versie`, read from its history.

    Empty when the history has no record of that version (then the caller says only that someone saved).
    """
    history = getattr(type(obj), "history", None)
    if history is None or versie is None:
        return []
    toen = history.filter(id=obj.pk, versie=versie).order_by("-history_date").first()
    if toen is None:
        return []
    actueel = type(obj)._default_manager.get(pk=obj.pk)
    wijzigingen = []
    for field in type(obj)._meta.concrete_fields:
        if field.name in ("id", "versie") or (velden is not None and field.name not in velden):
            continue
        oud, nieuw = getattr(toen, field.attname), getattr(actueel, field.attname)
        if oud == nieuw:
            continue
        wijzigingen.append(
            Wijziging(
                veld=field.name,
                label=str(field.verbose_name),
                was=_weergave(toen, field, oud),
                nu=_weergave(actueel, field, nieuw),
            )
        )
    return wijzigingen


def laatst_opgeslagen_door(obj: models.Model) -> str:
    """The name of who saved `obj` last, from its history; empty when unknown."""
    history = getattr(type(obj), "history", None)
    if history is None:
        return ""
    laatste = history.filter(id=obj.pk).select_related("history_user").order_by("-history_date").first()
    gebruiker = getattr(laatste, "history_user", None)
    if gebruiker is None:
        return ""
    return gebruiker.get_full_name() or gebruiker.get_username()


def _weergave(obj: models.Model, field: models.Field, waarde: Any) -> str:
    if waarde in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(waarde, waarde))
    if field.is_relation:
        try:
            return str(getattr(obj, field.name))
        except ObjectDoesNotExist:
            return str(waarde)
    if isinstance(waarde, bool):
        return str(_("ja") if waarde else _("nee"))
    return str(waarde)


VERSIEVELD = "versie"


def versieveld_toevoegen(form: forms.BaseForm, obj: models.Model | None) -> None:
    """Give a form that edits a stored `Versiebeheerd` object the hidden field with the version it shows."""
    if isinstance(obj, Versiebeheerd) and obj.pk:
        form.fields[VERSIEVELD] = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
        form.initial.setdefault(VERSIEVELD, obj.versie)


def versieveld_vernieuwen(form: forms.BaseForm, versie: int) -> None:
    """After a 409 the form keeps the user's input, now based on the current version, so that saving again
    deliberately overwrites what the other person saved."""
    if VERSIEVELD not in form.fields or not form.is_bound:
        return
    data = form.data.copy() if isinstance(form.data, QueryDict) else QueryDict(mutable=True)
    if not isinstance(form.data, QueryDict):
        data.update(form.data)
    data[form.add_prefix(VERSIEVELD)] = str(versie)
    form.data = data


def conflict_melden(form: forms.BaseForm, actueel: models.Model, versie: int | None) -> None:
    """Explain a refused stale save on the form (the 409 of every edit): who saved since `versie`, which of the
    form's fields they changed, and the form now based on the current version, the user's input kept."""
    form.add_error(
        None,
        _(
            "%(wie)s heeft dit opgeslagen nadat u het formulier opende. Uw invoer is niet opgeslagen maar staat "
            "hieronder nog. Sla opnieuw op om uw versie te bewaren; dan vervangt die de andere."
        )
        % {"wie": laatst_opgeslagen_door(actueel) or _("Iemand anders")},
    )
    for wijziging in wijzigingen_sinds(actueel, versie, velden=list(form.fields)):
        form.add_error(
            None,
            _("Gewijzigd: %(veld)s, van “%(was)s” in “%(nu)s”.")
            % {"veld": wijziging.label, "was": wijziging.was, "nu": wijziging.nu},
        )
    versieveld_vernieuwen(form, getattr(actueel, "versie", 0))
