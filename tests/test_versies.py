"""No lost update on any edit form (werkplaats/lib/versies.py): two saves from the same version, the second gets 409.

Every edit view of the URL resolver (a `ServiceFormMixin` view on one stored object) is in `BEWERKINGEN`, or this
test fails. For each, on the demo: open the form twice (as two people would), save the first with a change (302),
then the second, still on the old version, with another change: 409, the second person's input is still in the form,
the first person's change is named, and it is what is stored. Saving the 409 form again then overwrites on purpose.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import pytest
from django import forms
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.generic.detail import SingleObjectMixin
from django.views.generic.edit import CreateView

from werkplaats.lib.versies import VERSIEVELD, Versiebeheerd
from werkplaats.views import ServiceFormMixin

pytestmark = pytest.mark.django_db


@dataclass
class Bewerking:
    """An edit URL: which demo row it edits, and what to post besides the form's own values."""

    url: str
    object: Any  # a callable returning the row to edit
    gegevens: dict[str, Any] = field(default_factory=dict)
    veld: str | None = None  # the field to change; by default the first text field of the form


def eerste(model_pad: str, **filters):
    def kiezen():
        from django.apps import apps

        model = apps.get_model(model_pad)
        return model._default_manager.filter(**filters).order_by("pk").first()

    return kiezen


def _datum() -> str:
    return "2015-06-01"


BEWERKINGEN = [
    Bewerking("werkplaats:organisatie_update", eerste("werkplaats.Organisatie")),
    Bewerking("werkplaats:afdeling_update", eerste("werkplaats.Afdeling")),
    Bewerking("trajecten:traject_update", eerste("trajecten.Traject")),
    Bewerking("trajecten:fase_update", eerste("trajecten.Fase")),
    Bewerking("trajecten:deelname_update", eerste("trajecten.Deelname")),
    Bewerking("trajecten:streefwaarde_update", eerste("trajecten.Streefwaarde")),
    Bewerking("trajecten:methode_update", eerste("trajecten.Methode")),
    Bewerking("scholing:persoon_update", eerste("scholing.Persoon")),
    Bewerking("scholing:inschrijving_update", eerste("scholing.Inschrijving", status="actief")),
    Bewerking(
        "scholing:inschrijving_afmelden",
        eerste("scholing.Inschrijving", status="actief", einddatum__isnull=True),
        {"datum": _datum(), "reden": "te_druk", "toelichting": ""},
        veld="toelichting",
    ),
    Bewerking("scholing:groep_update", eerste("scholing.Scholingsgroep")),
    Bewerking("scholing:bijeenkomst_update", eerste("scholing.Bijeenkomst")),
    Bewerking("scholing:implementatieleider_update", eerste("scholing.Implementatieleider")),
    Bewerking("quickscan:actie_update", eerste("quickscan.Actie")),
    Bewerking("quickscan:suggestie_update", eerste("quickscan.Suggestie"), veld="tekst"),
    Bewerking("rapportage:eindrapport_update", eerste("rapportage.Eindrapport", bevroren_op__isnull=True)),
    Bewerking("rapportage:disseminatie_update", eerste("rapportage.Disseminatie")),
    Bewerking("rapportage:programmaonderdeel_update", eerste("rapportage.Programmaonderdeel")),
    Bewerking("rapportage:onderwijsmodule_update", eerste("rapportage.Onderwijsmodule")),
    Bewerking("rapportage:plaatsing_update", eerste("rapportage.Plaatsing")),
    Bewerking("rapportage:achterpagina_update", eerste("rapportage.Achterpagina")),
]

# Actions on one row whose only input is a date (return, complete, stop): a second, stale action is refused by the
# same mechanism; they are tested through `inschrijving_afmelden`, which has a text field to compare.
ACTIES_ZONDER_TEKST = {
    "scholing:inschrijving_hervatten",
    "scholing:inschrijving_afronden",
    "scholing:implementatieleider_stoppen",
    "quickscan:instelling",  # the werkplaats's cadence: numbers only, tested below
}


def bewerkingsviews() -> set[str]:
    """Every URL of a view that edits one stored object through a service."""

    def lopen(resolver, namespace=""):
        for patroon in resolver.url_patterns:
            if isinstance(patroon, URLResolver):
                ns = f"{namespace}{patroon.namespace}:" if patroon.namespace else namespace
                yield from lopen(patroon, ns)
            elif isinstance(patroon, URLPattern):
                view = getattr(patroon.callback, "view_class", None)
                if (
                    view
                    and issubclass(view, ServiceFormMixin)
                    and issubclass(view, SingleObjectMixin)
                    and not issubclass(view, CreateView)
                ):
                    yield f"{namespace}{patroon.name}"

    return set(lopen(get_resolver()))


def test_elke_bewerking_is_gedekt():
    bekend = {b.url for b in BEWERKINGEN} | ACTIES_ZONDER_TEKST
    assert bewerkingsviews() - bekend == set(), "an edit view without a stale-save test: add it to BEWERKINGEN"


def formulierwaarden(form: forms.BaseForm) -> dict[str, Any]:
    """What a browser posts for an unchanged form."""
    gegevens: dict[str, Any] = {}
    for naam, bound in form.fields.items():
        waarde = form[naam].value()
        sleutel = form.add_prefix(naam)
        if isinstance(bound, forms.BooleanField):
            if waarde:
                gegevens[sleutel] = "on"
        elif isinstance(bound, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            gegevens[sleutel] = [str(getattr(v, "pk", v)) for v in (waarde or [])]
        elif isinstance(waarde, datetime.date):
            gegevens[sleutel] = waarde.isoformat()
        elif waarde is None:
            gegevens[sleutel] = ""
        else:
            gegevens[sleutel] = str(getattr(waarde, "pk", waarde))
    return gegevens


def paginawaarden(response) -> dict[str, Any]:
    """What a browser posts for the unchanged page: its form and the formsets beside it (a method's names)."""
    gegevens = formulierwaarden(response.context["form"])
    contexten = response.context if isinstance(response.context, list) else [response.context]
    formsets = {id(w): w for c in contexten for d in c.dicts for w in d.values() if isinstance(w, forms.BaseFormSet)}
    for formset in formsets.values():
        gegevens.update(formulierwaarden(formset.management_form))
        for form in formset.forms:
            gegevens.update({k: v for k, v in formulierwaarden(form).items() if v not in ("", [])})
    return gegevens


def tekstveld(form: forms.BaseForm, voorkeur: str | None) -> str:
    """The field to change: the one named, else the form's first plain text field."""
    if voorkeur:
        return voorkeur
    for naam, veld in form.fields.items():
        if type(veld) is forms.CharField and not veld.disabled and not isinstance(veld.widget, forms.HiddenInput):
            return naam
    raise AssertionError(f"no text field to change in {type(form).__name__}: name one in BEWERKINGEN")


def veranderd(form: forms.BaseForm, veld: str, oorspronkelijk: str, woord: str) -> str:
    lengte = getattr(form.fields[veld], "max_length", None) or 200
    return f"{oorspronkelijk[: lengte - len(woord) - 1]} {woord}".strip()


@pytest.mark.parametrize("bewerking", BEWERKINGEN, ids=lambda b: b.url)
def test_tweede_opslag_op_een_oude_versie_krijgt_409_en_de_eerste_blijft(client, demo, bewerking):
    from werkplaats.models import User

    obj = bewerking.object()
    assert obj is not None, f"the demo has no row for {bewerking.url}"
    assert isinstance(obj, Versiebeheerd), f"{type(obj).__name__} has no version: inherit Versiebeheerd"
    client.force_login(User.objects.get(username="beheerder"))
    url = reverse(bewerking.url, args=[obj.pk])

    geopend = client.get(url)
    assert geopend.status_code == 200
    form = geopend.context["form"]
    assert VERSIEVELD in form.fields, "the form carries the version it was opened with"
    gegevens = {**paginawaarden(geopend), **bewerking.gegevens}
    veld = tekstveld(form, bewerking.veld)
    sleutel = form.add_prefix(veld)
    oorspronkelijk = gegevens.get(sleutel) or ""

    eerste = client.post(url, {**gegevens, sleutel: veranderd(form, veld, oorspronkelijk, "eerste")})
    assert eerste.status_code == 302, eerste.context["form"].errors if eerste.context else eerste
    opgeslagen = type(obj)._default_manager.get(pk=obj.pk)
    eerste_waarde = getattr(opgeslagen, veld, None)

    tweede = client.post(url, {**gegevens, sleutel: veranderd(form, veld, oorspronkelijk, "tweede")})
    assert tweede.status_code == 409
    inhoud = tweede.content.decode()
    assert "nadat u het formulier opende" in inhoud
    assert "tweede" in inhoud, "the second person's input is kept in the form"
    assert getattr(type(obj)._default_manager.get(pk=obj.pk), veld, None) == eerste_waarde, "the first change stays"

    if bewerking.url == "scholing:inschrijving_afmelden":
        return  # after the first drop-out the action is no longer possible: nothing to overwrite
    nieuw = tweede.context["form"]
    opnieuw = client.post(url, {**gegevens, **{k: v for k, v in formulierwaarden(nieuw).items() if k == VERSIEVELD}})
    assert opnieuw.status_code == 302, "saving the kept input again overwrites deliberately"


def test_conflict_noemt_wat_de_ander_veranderde(client, demo):
    from scholing.models import Persoon
    from werkplaats.models import User

    persoon = Persoon.objects.order_by("pk").first()
    client.force_login(User.objects.get(username="beheerder"))
    url = reverse("scholing:persoon_update", args=[persoon.pk])
    gegevens = formulierwaarden(client.get(url).context["form"])
    assert client.post(url, {**gegevens, "functie": "Wijkcoach"}).status_code == 302
    tweede = client.post(url, {**gegevens, "functie": "Consulent"})
    assert tweede.status_code == 409
    inhoud = tweede.content.decode()
    assert "Wijkcoach" in inhoud and "Gewijzigd" in inhoud
    assert Persoon.objects.get(pk=persoon.pk).functie == "Wijkcoach"


def test_zonder_versie_in_het_formulier_geldt_de_laatste_opslag(client, demo):
    """A client that posts no version (not a browser on our form) is not refused: the lock protects people
    against each other, not against themselves."""
    from werkplaats.models import Organisatie, User

    organisatie = Organisatie.objects.order_by("pk").first()
    client.force_login(User.objects.get(username="beheerder"))
    url = reverse("werkplaats:organisatie_update", args=[organisatie.pk])
    gegevens = formulierwaarden(client.get(url).context["form"])
    gegevens.pop(VERSIEVELD)
    assert client.post(url, {**gegevens, "plaats": "Winschoten"}).status_code == 302
    assert Organisatie.objects.get(pk=organisatie.pk).plaats == "Winschoten"


def test_tekst_van_het_eindrapport_op_een_oude_versie_krijgt_409(client, demo):
    from rapportage.models import Eindrapport
    from werkplaats.models import User

    rapport = Eindrapport.objects.filter(bevroren_op__isnull=True).order_by("pk").first()
    client.force_login(User.objects.get(username="beheerder"))
    url = reverse("rapportage:eindrapport_tekst", args=[rapport.pk, "voorwoord"])
    gegevens = formulierwaarden(client.get(url).context["form"])
    assert client.post(url, {**gegevens, "tekst": "Eerste versie van het voorwoord."}).status_code == 302
    tweede = client.post(url, {**gegevens, "tekst": "Tweede versie van het voorwoord."})
    assert tweede.status_code == 409
    assert "Tweede versie" in tweede.content.decode() and "Eerste versie" in tweede.content.decode()
    assert rapport.teksten.get(sectie="voorwoord").tekst == "Eerste versie van het voorwoord."
    nieuw = formulierwaarden(tweede.context["form"])
    assert client.post(url, {**nieuw, "tekst": "Tweede versie van het voorwoord."}).status_code == 302
    assert rapport.teksten.get(sectie="voorwoord").tekst == "Tweede versie van het voorwoord."
