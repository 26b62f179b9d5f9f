"""Privacy (AVG): what the app holds about one person (inzage), where their name still occurs, and who is due for
erasure. The erasure itself is a write: `services.persoon_vergeten`, which uses the helpers here.

- `inzage(persoon)` is everything about a person as one JSON-serialisable dict: the HTML page, the PDF
  (`inzage_pdf`, through `werkplaats.lib.pdf`) and the JSON download render that one object. `INZAGE_MODELLEN`
  says which model lands in which part; `tests/scholing/test_privacy_inzage.py` walks every model and fails for a
  model that points at a person or an account and is neither there nor in `NIET_IN_INZAGE` (with the reason).
- `naam_vindplaatsen(namen)` looks for a name in every text column of every model, history tables included, by the
  model registry, so it finds the name in any app without importing it. A row that is frozen (it, or the row it
  belongs to, has a `bevroren_op`: a frozen end report) is reported and never changed.
- `te_vergeten(user)` lists the people who left their trajectories longer ago than `BEWAARTERMIJN_MAANDEN`.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import models
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from werkplaats import extensions
from werkplaats.lib import pdf as lib_pdf
from werkplaats.lib.datums import maanden_erbij
from werkplaats.models import Accountwijziging, ApiToken, Mailbericht, Rol, User

from .models import (
    Aanwezigheid,
    Buddy,
    Implementatieleider,
    Importvoorbeeld,
    Inschrijving,
    Persoon,
    Verwijdering,
    naam_sleutel,
)

# Which model lands in which part of the export (by model label).
INZAGE_MODELLEN = {
    "scholing.Persoon": "persoon",
    "scholing.Inschrijving": "inschrijvingen",
    "scholing.Aanwezigheid": "aanwezigheden",
    "scholing.Buddy": "buddies",
    "scholing.Implementatieleider": "leiderschappen",
    "scholing.Verwijdering": "verwijdering",
    "werkplaats.User": "account",
    "werkplaats.Rol": "rollen",
    "werkplaats.Accountwijziging": "accountwijzigingen",
    "werkplaats.Mailbericht": "mailberichten",
    "werkplaats.ApiToken": "api_tokens",
}


def inzage_modellen() -> dict[str, str]:
    """`INZAGE_MODELLEN` and the models of the parts other apps register (`extensions.account_inzage`)."""
    return {**INZAGE_MODELLEN, **{label: deel.sleutel for deel in extensions.account_inzage for label in deel.modellen}}


# Fields that point at an account but record who did something, not something about that person. What they did to
# the person's own records is in the export's history part (`door`).
NIET_IN_INZAGE = {
    "werkplaats.User.uitgenodigd_door": "wie het account uitnodigde",
    "werkplaats.Accountwijziging.door": "wie het account wijzigde",
    "scholing.Verwijdering.door": "wie een ander verwijderde",
    "scholing.Importvoorbeeld.door": "wie een import klaarzette (na een uur weg)",
    "quickscan.Ronde.aangemaakt_door": "wie een quickscanronde aanmaakte (de ronde is van de organisatie)",
    "admin.LogEntry.user": "wat een beheerder in het beheer deed",
    "rapportage.Eindrapportversie.bevroren_door": "wie een versie van het eindrapport bevroor",
    "rapportage.Fasecorrectie.gezet_door": "wie de implementatiefase van een organisatie aanpaste",
    "quickscan.Teamscoring.aangemaakt_door": "wie teamscores voor een quickscanronde aanzette",
    # The second factor: a secret key and one-time codes, which an export must never hand out.
    "otp_totp.TOTPDevice.user": "geheime sleutel van de tweestapsverificatie (niet uit te geven)",
    "otp_static.StaticDevice.user": "noodcodes van de tweestapsverificatie (niet uit te geven)",
    "otp_static.StaticToken.device": "noodcodes van de tweestapsverificatie (niet uit te geven)",
}


# Minimisation (AVG art. 5 lid 1c): every field kept per person, with the screens, exports and reports that use it.
# The privacy page shows this list; tests/scholing/test_privacy_velden.py fails for a field of these models that is not
# here, so a new field says what it is for (or is not stored). Reviewed for issue 11: every field is used.
# Fields that only make a row work (`id`, `versie` for optimistic locking) are in TECHNISCHE_VELDEN.
VELDGEBRUIK: dict[str, dict[str, Any]] = {
    "scholing.Persoon": {
        "organisatie": _lazy(
            "zichtbaarheid per organisatie; deelnemerslijst; cijfers per organisatie (dashboard, eindrapport)"
        ),
        "naam": _lazy("elke pagina van de persoon; lijsten en exports; presentielijst; import (herkennen)"),
        "functie": _lazy("pagina van de persoon; deelnemerslijst en zijn CSV/Excel-export; import"),
        "soort": _lazy("cijfers: professionals, ambtenaren en vrijwilligers (dashboard, eindrapport); filter"),
        "gearchiveerd": _lazy(
            "status in de deelnemerslijst; import (een gearchiveerde persoon wordt niet hergebruikt)"
        ),
        "account": _lazy("inzage en vergeten nemen het account mee"),
        "pseudoniemnummer": _lazy("vergeten: het vaste pseudoniem"),
        "verwijderd_op": _lazy("vergeten: wanneer; de lijst van de bewaartermijn"),
    },
    "scholing.Inschrijving": {
        "persoon": _lazy("wie er in de groep zit"),
        "groep": _lazy("cijfers per methode en groep; groepspagina; presentielijst"),
        "startdatum": _lazy("cijfers op een peildatum; presentielijst (wie is lid op de datum)"),
        "status": _lazy("deelnemerslijst; uitval en afronding in de cijfers"),
        "einddatum": _lazy("cijfers op een peildatum; bewaartermijn (wanneer iemand vertrok)"),
        "uitvalreden": _lazy("uitval per reden (dashboard, eindrapport)"),
        "toelichting": _lazy("pagina van de persoon (verplicht bij de reden ‘anders’)"),
    },
    "scholing.Aanwezigheid": {
        "bijeenkomst": _lazy("presentielijst van de bijeenkomst"),
        "inschrijving": _lazy("presentielijst van de bijeenkomst"),
        "aanwezig": _lazy("presentielijst van de bijeenkomst; aantal aanwezigen in de bijeenkomstenlijst"),
    },
    "scholing.Buddy": {
        "inschrijving": _lazy("buddy's per deelnemer en organisatie (dashboard, eindrapport)"),
        "naam": _lazy("pagina van de persoon; buddylijst en export"),
        "is_team": _lazy("cijfer ‘buddy's in teams’; buddylijst"),
        "aantal": _lazy("buddy's totaal en per deelnemer (dashboard, eindrapport); signaal ‘minder dan 2 buddy's’"),
        "is_schatting": _lazy("pagina van de persoon en buddylijst (‘schatting’)"),
        "vanaf": _lazy("cijfers op een peildatum"),
    },
    "scholing.Implementatieleider": {
        "persoon": _lazy("groep implementatieleiders per traject"),
        "traject": _lazy("leiders per traject (dashboard, eindrapport)"),
        "functie": _lazy("leiders per functie (dashboard, eindrapport)"),
        "actief_vanaf": _lazy("leiders bij de start en actief op een peildatum"),
        "actief_tot": _lazy("leiders actief op een peildatum; bewaartermijn"),
        "reden_vertrek": _lazy("vertrek per reden (dashboard, eindrapport)"),
        "toelichting": _lazy("pagina van de persoon"),
    },
    "werkplaats.User": {
        "password": _lazy("inloggen (alleen een hash)"),
        "last_login": _lazy("accountlijst en accountpagina (‘laatst ingelogd’)"),
        "is_superuser": _lazy("rechten (beheerder)"),
        "username": _lazy("inloggen"),
        "first_name": _lazy("naam in de accountlijst, in e-mails en in de geschiedenis (‘door’)"),
        "last_name": _lazy("naam in de accountlijst, in e-mails en in de geschiedenis (‘door’)"),
        "email": _lazy("uitnodiging, wachtwoord vergeten, herinneringen"),
        "is_staff": _lazy("toegang tot het beheer; wie tweestapsverificatie nodig heeft"),
        "is_active": _lazy("status van het account (actief, gedeactiveerd)"),
        "date_joined": _lazy("inzage en het beheer (Django legt het vast; geen eigen scherm)"),
        "wekelijks_overzicht": _lazy("‘Mijn account’: het wekelijkse overzicht aan of uit"),
        "uitgenodigd_op": _lazy("de accountlijst en de accountpagina: wanneer de uitnodiging is verstuurd"),
        "uitgenodigd_door": _lazy("de uitnodigingsmail (‘… heeft u uitgenodigd’)"),
    },
    "werkplaats.Rol": {
        "user": _lazy("rechten"),
        "soort": _lazy("rechten; accountlijst"),
        "werkplaats": _lazy("rechten; accountlijst"),
        "organisatie": _lazy("rechten: een implementatieleider ziet alleen de eigen organisatie"),
    },
}
TECHNISCHE_VELDEN = {"id", "versie"}


def veldgebruik() -> list[dict[str, Any]]:
    """The minimisation list for the privacy page: per model its fields (by their label) and where each is used."""
    return [
        {
            "model": apps.get_model(label)._meta.verbose_name,
            "velden": [
                (apps.get_model(label)._meta.get_field(naam).verbose_name, waar) for naam, waar in velden.items()
            ],
        }
        for label, velden in VELDGEBRUIK.items()
    ]


def _iso(waarde: datetime.date | datetime.datetime | None) -> str | None:
    return waarde.isoformat() if waarde else None


def _velden(obj: models.Model, velden: Iterable[str]) -> dict[str, Any]:
    """Field values as text a person can read: choices by their label, dates in ISO, relations by name."""
    result: dict[str, Any] = {}
    for naam in velden:
        field = obj._meta.get_field(naam)
        waarde = getattr(obj, naam)
        if getattr(field, "choices", None):
            waarde = getattr(obj, f"get_{naam}_display")()
        if isinstance(waarde, datetime.date | datetime.datetime):
            waarde = _iso(waarde)
        elif isinstance(waarde, models.Model):
            waarde = str(waarde)
        result[naam] = waarde
    return result


def _geschiedenis(model: type[models.Model], filter: Q) -> list[dict[str, Any]]:
    """The history rows of one model (django-simple-history) with the values each version had."""
    history = model.history.model  # type: ignore[attr-defined]
    velden = [f.attname for f in model._meta.concrete_fields]
    soorten = {"+": _("toegevoegd"), "~": _("gewijzigd"), "-": _("verwijderd")}
    return [
        {
            "onderdeel": str(model._meta.verbose_name),
            "wat": soorten.get(rij.history_type, rij.history_type),
            "op": _iso(rij.history_date),
            "door": str(rij.history_user) if rij.history_user else "",
            "gegevens": {
                veld: (_iso(w) if isinstance(w, datetime.date | datetime.datetime) else w)
                for veld in velden
                if (w := getattr(rij, veld)) is not None
            },
        }
        for rij in history.objects.filter(filter).select_related("history_user").order_by("history_date", "pk")
    ]


def inzage(persoon: Persoon) -> dict[str, Any]:
    """Everything the app holds about one person, as one plain dict (JSON-serialisable). A fixed number of queries."""
    inschrijvingen = list(
        Inschrijving.objects.filter(persoon=persoon)
        .select_related("groep__traject", "groep__methode")
        .prefetch_related(
            Prefetch("buddies", queryset=Buddy.objects.order_by("vanaf", "pk")),
            Prefetch(
                "aanwezigheden", queryset=Aanwezigheid.objects.select_related("bijeenkomst").order_by("bijeenkomst")
            ),
        )
        .order_by("startdatum", "pk")
    )
    leiderschappen = list(
        Implementatieleider.objects.filter(persoon=persoon).select_related("traject").order_by("actief_vanaf")
    )
    # Where someone else named this person as their buddy (a buddy is a name, not a link).
    genoemd = list(
        Buddy.objects.filter(
            naam__iexact=persoon.naam,
            is_team=False,
            inschrijving__persoon__organisatie__werkplaats_id=persoon.organisatie.werkplaats_id,
        )
        .exclude(inschrijving__persoon=persoon)
        .select_related("inschrijving__persoon", "inschrijving__groep__methode")
    )
    verwijdering = Verwijdering.objects.filter(persoon=persoon).select_related("door").first()
    ids = [i.pk for i in inschrijvingen]
    geschiedenis = [
        *_geschiedenis(Persoon, Q(id=persoon.pk)),
        *_geschiedenis(Inschrijving, Q(persoon_id=persoon.pk)),
        *_geschiedenis(Aanwezigheid, Q(inschrijving_id__in=ids)),
        *_geschiedenis(Buddy, Q(inschrijving_id__in=ids)),
        *_geschiedenis(Implementatieleider, Q(persoon_id=persoon.pk)),
    ]
    geschiedenis.sort(key=lambda regel: regel["op"] or "")
    return {
        "gemaakt_op": _iso(timezone.now()),
        "persoon": {
            **_velden(persoon, ["naam", "functie", "soort", "gearchiveerd"]),
            "organisatie": persoon.organisatie.naam,
            "werkplaats": persoon.organisatie.werkplaats.naam,
        },
        "inschrijvingen": [
            {
                "groep": str(i.groep),
                "traject": i.groep.traject.naam,
                **_velden(i, ["startdatum", "status", "einddatum", "uitvalreden", "toelichting"]),
            }
            for i in inschrijvingen
        ],
        "aanwezigheden": [
            {"bijeenkomst": str(a.bijeenkomst), "datum": _iso(a.bijeenkomst.datum), "aanwezig": a.aanwezig}
            for i in inschrijvingen
            for a in i.aanwezigheden.all()
        ],
        "buddies": [
            {"groep": str(i.groep), **_velden(b, ["naam", "is_team", "aantal", "is_schatting", "vanaf"])}
            for i in inschrijvingen
            for b in i.buddies.all()
        ],
        "genoemd_als_buddy": [
            {"door": b.inschrijving.persoon.naam, "groep": str(b.inschrijving.groep), "vanaf": _iso(b.vanaf)}
            for b in genoemd
        ],
        "leiderschappen": [
            {
                "traject": leider.traject.naam,
                **_velden(leider, ["functie", "actief_vanaf", "actief_tot", "reden_vertrek", "toelichting"]),
            }
            for leider in leiderschappen
        ],
        **_account_inzage(persoon.account),
        "verwijdering": (
            {"pseudoniem": verwijdering.pseudoniem, "op": _iso(verwijdering.op), "door": str(verwijdering.door or "")}
            if verwijdering
            else None
        ),
        "geschiedenis": geschiedenis,
    }


def _account_inzage(account: User | None) -> dict[str, Any]:
    if account is None:
        leeg: dict[str, Any] = {
            "account": None,
            "rollen": [],
            "accountwijzigingen": [],
            "mailberichten": [],
            "api_tokens": [],
        }
        return {**leeg, **{deel.sleutel: [] for deel in extensions.account_inzage}}
    rollen = Rol.objects.filter(user=account).select_related("werkplaats", "organisatie")
    wijzigingen = Accountwijziging.objects.filter(account=account).select_related("werkplaats", "organisatie", "door")
    mails = Mailbericht.objects.filter(ontvanger=account).order_by("aangemaakt_op")
    tokens = ApiToken.objects.filter(user=account).order_by("aangemaakt_op")
    return {
        "account": {
            **_velden(account, ["username", "first_name", "last_name", "email", "is_active", "wekelijks_overzicht"]),
            "laatst_ingelogd": _iso(account.last_login),
            "aangemaakt_op": _iso(account.date_joined),
        },
        "rollen": [{"rol": r.get_soort_display(), "bij": str(r.werkplaats or r.organisatie)} for r in rollen],
        "accountwijzigingen": [
            {"wijziging": w.get_actie_display(), "rol": w.rol_omschrijving, "op": _iso(w.op), "door": str(w.door or "")}
            for w in wijzigingen
        ],
        "mailberichten": [
            {
                **_velden(m, ["soort", "adres", "onderwerp", "status"]),
                "aangemaakt_op": _iso(m.aangemaakt_op),
                "verzonden_op": _iso(m.verzonden_op),
            }
            for m in mails
        ],
        # The token's name and when it was made, used and revoked; not its hash (of a secret that is not given out).
        "api_tokens": [
            {
                "naam": t.naam,
                "begin": t.prefix,
                "aangemaakt_op": _iso(t.aangemaakt_op),
                "laatst_gebruikt_op": _iso(t.laatst_gebruikt_op),
                "ingetrokken_op": _iso(t.ingetrokken_op),
            }
            for t in tokens
        ],
        **{deel.sleutel: deel.rijen(account) for deel in extensions.account_inzage},
    }


def inzage_json(persoon: Persoon) -> str:
    return json.dumps(inzage(persoon), ensure_ascii=False, indent=2)


def inzage_html(persoon: Persoon) -> str:
    """The export as one self-contained HTML document (inline stylesheet, no images, lang="nl", a title)."""
    gegevens = inzage(persoon)
    return render_to_string(
        "scholing/privacy_inzage_pdf.html", {"inzage": gegevens, "secties": inzage_secties(gegevens)}
    )


def inzage_pdf(persoon: Persoon) -> bytes:
    """The export as a tagged PDF (PDF/UA-1), through the project's one WeasyPrint call."""
    return lib_pdf.pdf(inzage_html(persoon))


# Where a name still occurs ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vindplaats:
    """A row of some model whose text holds the name; `bevroren` is the frozen row it belongs to, if any."""

    model: type[models.Model]
    pk: Any
    velden: tuple[str, ...]
    bevroren: models.Model | None = None


def _patroon(naam: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(deel) for deel in naam.split()), re.IGNORECASE)


def _tekstvelden(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField) and not f.choices
    ]


def _bevroren_bij(obj: models.Model) -> models.Model | None:
    """The frozen row this one is (part of): itself with a `bevroren_op`, or a row it points at that has one."""
    if getattr(obj, "bevroren_op", None) is not None:
        return obj
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and any(
            f.name == "bevroren_op" for f in field.related_model._meta.concrete_fields
        ):
            doel = field.related_model._base_manager.filter(pk=getattr(obj, field.attname)).first()
            if doel is not None and getattr(doel, "bevroren_op", None) is not None:
                return doel
    return None


def naam_vindplaatsen(namen: Iterable[str]) -> Iterator[Vindplaats]:
    """Every row of every model (history included, sessions not: see `sessies_met`) whose text holds one of `namen`.

    One query per model with text columns; JSON columns are searched as text.
    """
    namen = [n for n in namen if len(n.strip()) >= 3]
    if not namen:
        return
    for model in apps.get_models():
        if model is Session:
            continue
        velden = _tekstvelden(model)
        if not velden:
            continue
        filter = Q()
        annotaties = {}
        for field in velden:
            kolom = field.name
            if isinstance(field, models.JSONField):
                kolom = f"_privacy_{field.name}"
                annotaties[kolom] = models.functions.Cast(field.name, models.TextField())
            for naam in namen:
                filter |= Q(**{f"{kolom}__icontains": naam})
        qs = (
            model._base_manager.annotate(**annotaties).filter(filter)
            if annotaties
            else model._base_manager.filter(filter)
        )
        for obj in qs:
            patronen = [_patroon(n) for n in namen]
            geraakt = tuple(
                f.name
                for f in velden
                if any(p.search(_als_tekst(getattr(obj, f.attname))) for p in patronen)
                or any(n.lower() in _als_tekst(getattr(obj, f.attname)).lower() for n in namen)
            )
            if geraakt:
                yield Vindplaats(model=model, pk=obj.pk, velden=geraakt, bevroren=_bevroren_bij(obj))


def _als_tekst(waarde: Any) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, str):
        return waarde
    return json.dumps(waarde, ensure_ascii=False)


def _vervangen(waarde: Any, patronen: list[re.Pattern[str]], door: str) -> Any:
    if isinstance(waarde, str):
        for patroon in patronen:
            waarde = patroon.sub(door, waarde)
        return waarde
    if isinstance(waarde, list):
        return [_vervangen(w, patronen, door) for w in waarde]
    if isinstance(waarde, dict):
        return {k: _vervangen(w, patronen, door) for k, w in waarde.items()}
    return waarde


def naam_vervangen(vindplaats: Vindplaats, namen: Iterable[str], door: str) -> None:
    """Replace the name in the row's text columns, in place (an UPDATE of those columns, no new history row).

    Only `services.persoon_vergeten` calls this: the history tables have no service, and a new history row holding
    the old text would be a copy of what is erased.
    """
    patronen = [_patroon(n) for n in namen if len(n.strip()) >= 3]
    obj = vindplaats.model._base_manager.get(pk=vindplaats.pk)
    nieuw = {}
    for veld in vindplaats.velden:
        field = obj._meta.get_field(veld)
        assert isinstance(field, models.Field)
        waarde = _vervangen(getattr(obj, field.attname), patronen, door)
        if isinstance(field, models.CharField) and field.max_length and isinstance(waarde, str):
            waarde = waarde[: field.max_length]
        nieuw[field.attname] = waarde
    vindplaats.model._base_manager.filter(pk=vindplaats.pk).update(**nieuw)


def sessies_met(*, namen: Iterable[str], account: User | None) -> list[str]:
    """The keys of the sessions that hold one of the names, or that belong to the account (to log it out)."""
    namen = [n.lower() for n in namen if len(n.strip()) >= 3]
    sleutels = []
    for sessie in Session.objects.iterator():
        gegevens = sessie.get_decoded()
        tekst = json.dumps(gegevens, ensure_ascii=False, default=str).lower()
        if (account is not None and gegevens.get("_auth_user_id") == str(account.pk)) or any(n in tekst for n in namen):
            sleutels.append(sessie.session_key)
    return sleutels


def in_importvoorbeeld(persoon: Persoon) -> Importvoorbeeld | None:
    """A concept import (still valid) of the person's werkplaats with a row for this person."""
    sleutel = naam_sleutel(persoon.naam)
    organisatie = naam_sleutel(persoon.organisatie.naam)
    voorbeelden = (
        Importvoorbeeld.objects.geldig()
        .filter(traject__werkplaats_id=persoon.organisatie.werkplaats_id)
        .select_related("traject", "door")
    )
    for voorbeeld in voorbeelden:
        for rij in voorbeeld.rijen:
            if naam_sleutel(rij.get("naam", "")) == sleutel and naam_sleutel(rij.get("organisatie", "")) == organisatie:
                return voorbeeld
    return None


# Retention ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Voorstel:
    """A person who left every trajectory on `vertrokken_op` and is kept past the retention period."""

    persoon: Persoon
    vertrokken_op: datetime.date


def _vertrokken_op(persoon: Persoon, vandaag: datetime.date) -> datetime.date | None:
    """The day the person's last enrolment or leader role ended (a trajectory's end ends both); None while active."""
    einden: list[datetime.date] = []
    for inschrijving in persoon.inschrijvingen.all():
        eind = inschrijving.einddatum or inschrijving.groep.traject.einddatum
        if inschrijving.einddatum is None and eind >= vandaag:
            return None
        einden.append(eind)
    for leider in persoon.leiderschappen.all():
        eind = leider.actief_tot or leider.traject.einddatum
        if leider.actief_tot is None and eind >= vandaag:
            return None
        einden.append(eind)
    return max(einden) if einden else None


def te_vergeten(user: User, vandaag: datetime.date | None = None) -> list[Voorstel]:
    """The people of the user's werkplaatsen (as coordinator) who left longer ago than the retention period."""
    vandaag = vandaag or timezone.localdate()
    grens = maanden_erbij(vandaag, -settings.BEWAARTERMIJN_MAANDEN)
    personen = Persoon.objects.filter(verwijderd_op__isnull=True)
    if not user.is_superuser:
        personen = personen.filter(organisatie__werkplaats_id__in=user.werkplaats_ids(Rol.Soort.COORDINATOR))
    personen = personen.select_related("organisatie").prefetch_related(
        Prefetch("inschrijvingen", queryset=Inschrijving.objects.select_related("groep__traject")),
        Prefetch("leiderschappen", queryset=Implementatieleider.objects.select_related("traject")),
    )
    voorstellen = []
    for persoon in personen.order_by("organisatie__naam", "naam", "pk"):
        vertrokken = _vertrokken_op(persoon, vandaag)
        if vertrokken is not None and vertrokken <= grens:
            voorstellen.append(Voorstel(persoon=persoon, vertrokken_op=vertrokken))
    return voorstellen


SECTIES = [
    ("inschrijvingen", _lazy("Inschrijvingen")),
    ("aanwezigheden", _lazy("Aanwezigheid")),
    ("buddies", _lazy("Buddy's die deze persoon noemde")),
    ("genoemd_als_buddy", _lazy("Door anderen genoemd als buddy")),
    ("leiderschappen", _lazy("Implementatieleider")),
    ("rollen", _lazy("Rollen van het account")),
    ("accountwijzigingen", _lazy("Wijzigingen van het account")),
    ("mailberichten", _lazy("E-mails aan het account")),
    ("api_tokens", _lazy("API-tokens van het account")),
]


def inzage_secties(gegevens: dict[str, Any]) -> list[dict[str, Any]]:
    """The export's lists as tables for the page: a title, the column names and the rows."""
    secties = []
    for sleutel, titel in [*SECTIES, *((deel.sleutel, deel.titel) for deel in extensions.account_inzage)]:
        rijen = gegevens.get(sleutel) or []
        kolommen = list(rijen[0]) if rijen else []
        secties.append(
            {
                "sleutel": sleutel,
                "titel": titel,
                "kolommen": kolommen,
                "rijen": [[r[k] for k in kolommen] for r in rijen],
            }
        )
    return secties
