"""Reads of the quickscan: previous rounds, progress between two rounds, cadence, overview, history.

Every function takes what it reads from already-scoped querysets or objects, and costs a fixed number
of queries whatever the number of organisations or rounds.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Exists, ExpressionWrapper, F, OuterRef, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from trajecten.models import Deelname, Methode
from werkplaats.landelijk import genoeg
from werkplaats.lib.datums import datum_kort, maanden_erbij
from werkplaats.models import Organisatie

from . import charts, doelen
from .models import Actie, Element, Instrument, QuickscanInstelling, Ronde, Score


def rondes_met_scores(queryset: QuerySet[Ronde]) -> list[Ronde]:
    return list(
        queryset.select_related("organisatie__werkplaats", "afdeling", "instrument").prefetch_related(
            Prefetch("scores", queryset=Score.objects.select_related("element").order_by("element__volgorde"))
        )
    )


def scores_per_code(ronde: Ronde) -> dict[str, int | None]:
    return {score.element.code: score.score for score in ronde.scores.all()}


def reeks(ronde: Ronde) -> Q:
    """The rounds that belong to the same series: same organisation, same team (or none)."""
    return Q(organisatie_id=ronde.organisatie_id, afdeling_id=ronde.afdeling_id, gearchiveerd=False)


def vorige_ronde(ronde: Ronde) -> Ronde | None:
    """The last submitted round of the same series before this one: what this round is compared with."""
    earlier = Q(datum__lt=ronde.datum) | Q(datum=ronde.datum, pk__lt=ronde.pk or 0)
    return (
        Ronde.objects.afgerond()
        .filter(reeks(ronde) & earlier)
        .exclude(pk=ronde.pk)
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("element")))
        .order_by("-datum", "-pk")
        .first()
    )


def volgnummer(ronde: Ronde) -> int:
    """1 for the first round of its series ("1e versie"), 2 for the second, and so on (submitted rounds)."""
    earlier = Q(datum__lt=ronde.datum) | Q(datum=ronde.datum, pk__lt=ronde.pk)
    return Ronde.objects.afgerond().filter(reeks(ronde) & earlier).count() + 1


@dataclass
class ElementVoortgang:
    element: Element
    score: int | None
    vorige: int | None
    toelichting: str
    checklist: dict[str, str]
    acties_gereed: list[Actie] = field(default_factory=list)
    acties_open: list[Actie] = field(default_factory=list)
    doel: int | None = None  # this round's target for the next one
    vorig_doel: int | None = None  # the previous round's target for this one

    @property
    def doel_status(self) -> str | None:
        """Whether this round reached the previous round's target (`doelen.doel_status`, the one rule)."""
        return doelen.doel_status(self.score, self.vorig_doel)

    @property
    def doel_status_label(self) -> str:
        status = self.doel_status
        return str(doelen.DoelStatus.LABELS[status]) if status else ""

    @property
    def verschil(self) -> int | None:
        if self.score is None or self.vorige is None:
            return None
        return self.score - self.vorige

    @property
    def onder_norm(self) -> bool:
        return self.score is not None and self.score < self.element.instrument.norm


def voortgang(ronde: Ronde, vorige: Ronde | None) -> list[ElementVoortgang]:
    """Per element: this round's score, the previous one, and the actions done in between.

    Actions count for the round when they were prompted by an earlier round of the same series and were
    finished after that round and on or before this one.
    """
    vorige_scores = scores_per_code(vorige) if vorige else {}
    vorige_doelen = doelen.doelen_per_code(vorige) if vorige else {}
    acties = defaultdict(list)
    # A Q, because the team may be None (no team), which django-stubs does not allow as a filter keyword.
    for actie in Actie.objects.filter(
        Q(ronde__organisatie_id=ronde.organisatie_id, ronde__afdeling_id=ronde.afdeling_id)
    ).select_related("element", "ronde"):
        acties[actie.element_id].append(actie)
    rows = []
    for score in ronde.scores.all():
        row = ElementVoortgang(
            element=score.element,
            score=score.score,
            vorige=vorige_scores.get(score.element.code),
            toelichting=score.toelichting,
            checklist=score.checklist,
            doel=score.doel,
            vorig_doel=vorige_doelen.get(score.element.code),
        )
        for actie in acties[score.element_id]:
            if actie.ronde_id == ronde.pk or actie.status in (Actie.Status.BEZIG, Actie.Status.GEPLAND):
                row.acties_open.append(actie)
            elif vorige is not None and actie_gereed_tussen(actie, vorige, ronde):
                row.acties_gereed.append(actie)
        rows.append(row)
    return rows


def actie_gereed_tussen(actie: Actie, vorige: Ronde, ronde: Ronde) -> bool:
    """The one rule for "completed between two rounds" (the round's page and the research export alike): the action
    is done, was not prompted by the later round itself, and was finished on or after the earlier round's date and
    on or before the later one's."""
    return (
        actie.ronde_id != ronde.pk
        and actie.status == Actie.Status.GEREED
        and actie.gereed_op is not None
        and vorige.datum <= actie.gereed_op <= ronde.datum
    )


def grafiekelementen(instrument: Instrument) -> list[charts.Element]:
    return [charts.Element(code=e.code, label=e.grafieklabel_in_taal) for e in instrument.elementen.all()]


def chart_ronde(ronde: Ronde, nummer: int | None = None) -> charts.Ronde:
    label = _("%(nummer)se versie") % {"nummer": nummer} if nummer else ""
    return charts.Ronde(datum=ronde.datum, scores=scores_per_code(ronde), label=str(label))


def voortgang_svg(eerste: Ronde, tweede: Ronde | None) -> str:
    kop = {"afdeling": eerste.plek, "naam": (tweede or eerste).ingevuld_door, "functie": (tweede or eerste).functie}
    return charts.voortgang_svg(
        grafiekelementen(eerste.instrument),
        chart_ronde(eerste, volgnummer(eerste)),
        chart_ronde(tweede, volgnummer(tweede)) if tweede else None,
        kop=kop,
        norm=eerste.instrument.norm,
        doelen=doelen.doelen_per_code(tweede or eerste) or None,
    )


# Cadence -----------------------------------------------------------------------------------------


def lopende_deelname(peildatum: datetime.date, pad: str = "") -> Q:
    """The one definition of "takes part in a running trajectory" on `peildatum`, for a `Deelname` at `pad`.

    The trajectory runs (between its start and end date), the participation has started and has not stopped.
    """
    return Q(
        **{
            f"{pad}traject__startdatum__lte": peildatum,
            f"{pad}traject__einddatum__gte": peildatum,
            f"{pad}vanaf__lte": peildatum,
        }
    ) & (Q(**{f"{pad}gestopt_op__isnull": True}) | Q(**{f"{pad}gestopt_op__gt": peildatum}))


class CadansStatus:
    GEEN = "geen"
    OP_SCHEMA = "op_schema"
    NU = "nu"
    TE_LAAT = "te_laat"
    BUITEN_TRAJECT = "buiten_traject"

    LABELS = {
        GEEN: _("nog geen quickscan"),
        OP_SCHEMA: _("op schema"),
        NU: _("volgende ronde nu"),
        TE_LAAT: _("te laat"),
        BUITEN_TRAJECT: _("geen lopend traject"),
    }


@dataclass
class Cadans:
    organisatie: Organisatie
    laatste: datetime.date | None
    volgende: datetime.date | None
    te_laat_vanaf: datetime.date | None
    status: str

    @property
    def label(self) -> str:
        return str(CadansStatus.LABELS[self.status])

    @property
    def aandacht(self) -> bool:
        return self.status in (CadansStatus.NU, CadansStatus.TE_LAAT, CadansStatus.GEEN)


def cadans(organisaties: QuerySet[Organisatie], peildatum: datetime.date | None = None) -> list[Cadans]:
    """When each organisation's next round is due, from its last submitted round: the one cadence rule.

    The cadence belongs to a trajectory: an organisation that takes part in trajectories but in none that runs on
    `peildatum` (they ended, it stopped, or the next has not begun) is `BUITEN_TRAJECT`, never due or overdue. An
    organisation in no trajectory at all keeps the plain cadence of its werkplaats.
    """
    peildatum = peildatum or datetime.date.today()
    lijst = list(organisaties.select_related("werkplaats"))
    instellingen = {
        i.werkplaats_id: i
        for i in QuickscanInstelling.objects.filter(werkplaats_id__in={o.werkplaats_id for o in lijst})
    }
    met_traject: set[int] = set()
    lopend: set[int] = set()
    for organisatie_id, loopt in (
        Deelname.objects.filter(organisatie__in=[o.pk for o in lijst])
        .annotate(loopt=ExpressionWrapper(lopende_deelname(peildatum), output_field=models.BooleanField()))
        .values_list("organisatie_id", "loopt")
    ):
        met_traject.add(organisatie_id)
        if loopt:
            lopend.add(organisatie_id)
    laatste: dict[int, datetime.date] = {}
    for organisatie_id, datum in (
        Ronde.objects.afgerond()
        .filter(organisatie__in=[o.pk for o in lijst])
        .values_list("organisatie_id", "datum")
        .order_by("organisatie_id", "datum")
    ):
        laatste[organisatie_id] = datum
    result = []
    for organisatie in lijst:
        if not organisatie.actief:
            continue
        instelling = instellingen.get(organisatie.werkplaats_id) or QuickscanInstelling()
        datum = laatste.get(organisatie.pk)
        if organisatie.pk in met_traject and organisatie.pk not in lopend:
            result.append(Cadans(organisatie, datum, None, None, CadansStatus.BUITEN_TRAJECT))
            continue
        if datum is None:
            result.append(Cadans(organisatie, None, None, None, CadansStatus.GEEN))
            continue
        volgende = maanden_erbij(datum, instelling.interval_maanden)
        te_laat = maanden_erbij(datum, instelling.te_laat_na_maanden)
        if peildatum >= te_laat:
            status = CadansStatus.TE_LAAT
        elif peildatum >= volgende:
            status = CadansStatus.NU
        else:
            status = CadansStatus.OP_SCHEMA
        result.append(Cadans(organisatie, datum, volgende, te_laat, status))
    order = [
        CadansStatus.TE_LAAT,
        CadansStatus.NU,
        CadansStatus.GEEN,
        CadansStatus.OP_SCHEMA,
        CadansStatus.BUITEN_TRAJECT,
    ]
    result.sort(key=lambda c: (order.index(c.status), c.volgende or datetime.date.max, c.organisatie.naam.lower()))
    return result


# Overview across organisations ----------------------------------------------------------------


@dataclass
class OverzichtRij:
    ronde: Ronde
    scores: dict[str, int | None]

    @property
    def naam(self) -> str:
        afdeling = self.ronde.afdeling  # selected with the round, or None without a query
        return self.ronde.organisatie.naam + (f" – {afdeling.naam}" if afdeling else "")

    @property
    def zwakste(self) -> int | None:
        known = [s for s in self.scores.values() if s is not None]
        return min(known) if known else None

    def onder_norm(self, norm: int) -> int:
        return sum(1 for s in self.scores.values() if s is not None and s < norm)


def overzicht(organisaties: QuerySet[Organisatie], sorteer: str = "") -> tuple[list[Element], list[OverzichtRij]]:
    """The latest submitted round of every series (organisation or team) of the given organisations.

    `sorteer`: "" (by name), "zwakst" (weakest element first) or an element code (lowest score first).
    Rows whose instrument differs from the default instrument are shown with the elements they share.
    """
    # Only the latest round of each series is fetched, however many rounds came before it.
    later = Ronde.objects.afgerond().filter(
        Q(datum__gt=OuterRef("datum")) | Q(datum=OuterRef("datum"), pk__gt=OuterRef("pk")),
        organisatie_id=OuterRef("organisatie_id"),
    )
    laatste = Q(~Exists(later.filter(afdeling__isnull=True)), afdeling__isnull=True) | Q(
        ~Exists(later.filter(afdeling_id=OuterRef("afdeling_id"))), afdeling__isnull=False
    )
    rondes = rondes_met_scores(
        Ronde.objects.afgerond().filter(laatste, organisatie__in=organisaties).order_by("datum", "pk")
    )
    latest: dict[tuple[int, int | None], Ronde] = {}
    for ronde in rondes:
        latest[(ronde.organisatie_id, ronde.afdeling_id)] = ronde
    rijen = [OverzichtRij(ronde, scores_per_code(ronde)) for ronde in latest.values()]
    instrument = (
        Instrument.objects.filter(pk__in={r.ronde.instrument_id for r in rijen}).order_by("naam", "-versie").first()
        or Instrument.objects.filter(actief=True).order_by("naam", "-versie").first()
    )
    elementen = list(instrument.elementen.all()) if instrument else []
    missing = 99  # missing scores sort last
    if sorteer == "zwakst":
        rijen.sort(key=lambda r: (r.zwakste if r.zwakste is not None else missing, r.naam.lower()))
    elif sorteer in {e.code for e in elementen}:
        rijen.sort(key=lambda r: (r.scores.get(sorteer) or missing, r.naam.lower()))
    else:
        rijen.sort(key=lambda r: r.naam.lower())
    return elementen, rijen


def heatmap_svg(elementen: list[Element], rijen: list[OverzichtRij]) -> str:
    norm = elementen[0].instrument.norm if elementen else 3
    return charts.heatmap_svg(
        [charts.Element(code=e.code, label=e.grafieklabel_in_taal) for e in elementen],
        [(rij.naam, rij.scores) for rij in rijen],
        norm=norm,
    )


# History ---------------------------------------------------------------------------------------


@dataclass
class Wijziging:
    moment: datetime.datetime
    wie: str
    wat: str
    velden: list[tuple[str, object, object]]


Namen = dict[tuple[str, str], dict[object, str]]


def _namen(model: type[models.Model], wijzigingen: list[tuple[str, object, object]]) -> Namen:
    """The names of the rows that changed foreign keys point at: one query per related model, not per change."""
    ids: dict[str, set[object]] = defaultdict(set)
    for name, old, new in wijzigingen:
        field = model._meta.get_field(name)
        if isinstance(field, models.ForeignKey):
            ids[name].update(v for v in (old, new) if v is not None)
    namen: Namen = {}
    for name, waarden in ids.items():
        field = model._meta.get_field(name)
        assert isinstance(field, models.ForeignKey)
        gerelateerd = field.related_model
        assert not isinstance(gerelateerd, str)
        # select_related(): the names (str) of some rows name their parent too (a team names its organisation).
        rijen = gerelateerd._default_manager.filter(pk__in=waarden).select_related()
        namen[(model._meta.label, name)] = {rij.pk: str(rij) for rij in rijen}
    return namen


def _toon(model: type[models.Model], name: str, value: object, namen: Namen | None = None) -> object:
    """A history value as a person reads it: choice labels, local date and time, a related row's name."""
    if value is None or value == "":
        return None
    field = model._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        # A row that no longer exists (or is out of reach) keeps its number rather than vanishing.
        return (namen or {}).get((model._meta.label, name), {}).get(value, f"#{value}")
    if isinstance(field, models.Field) and field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "j-n-Y H:i")
    if isinstance(value, datetime.date):
        return datum_kort(value)
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, dict):
        return f"{len(value)} antwoord(en)"
    return value


def geschiedenis(ronde: Ronde) -> list[Wijziging]:
    """Every recorded change of the round and its scores, newest first, with old and new values."""
    entries: list[Wijziging] = []
    ronde_fields = {f.name: f.verbose_name for f in Ronde._meta.fields}
    records = list(ronde.history.select_related("history_user").order_by("history_date", "history_id"))
    deltas = [
        [(c.field, c.old, c.new) for c in record.diff_against(previous).changes] if previous is not None else None
        for previous, record in zip([None, *records], records, strict=False)
    ]
    namen = _namen(Ronde, [change for delta in deltas if delta for change in delta])
    for previous, record, delta in zip([None, *records], records, deltas, strict=False):
        changes = []
        if previous is not None:
            changes = [
                (str(ronde_fields.get(name, name)), _toon(Ronde, name, old, namen), _toon(Ronde, name, new, namen))
                for name, old, new in delta or []
            ]
            if not changes:
                continue
        entries.append(
            Wijziging(
                moment=record.history_date,
                wie=str(record.history_user or _("systeem")),
                wat=str(_("ronde aangemaakt") if previous is None else _("ronde gewijzigd")),
                velden=changes,
            )
        )
    elementen = {e.pk: e for e in ronde.instrument.elementen.all()}
    score_fields = {f.name: f.verbose_name for f in Score._meta.fields}
    records = list(
        Score.history.filter(ronde_id=ronde.pk).select_related("history_user").order_by("history_date", "history_id")
    )
    vorige: dict[int, object] = {}
    for record in records:
        previous = vorige.get(record.id)
        vorige[record.id] = record
        if previous is None:
            continue  # the empty score created with the round
        element = elementen.get(record.element_id)
        changes = [
            (
                str(score_fields.get(c.field, c.field)),
                _toon(Score, c.field, c.old),
                _toon(Score, c.field, c.new),
            )
            for c in record.diff_against(previous).changes
        ]
        if changes:
            entries.append(
                Wijziging(
                    moment=record.history_date,
                    wie=str(record.history_user or _("systeem")),
                    wat=str(element.naam_in_taal if element else _("score")),
                    velden=changes,
                )
            )
    entries.sort(key=lambda w: w.moment, reverse=True)
    return entries


# Distributions across organisations (the national overview, the peer comparison) ------------------------------


@dataclass(frozen=True)
class Verdeling:
    """The spread of one element's scores over organisations: average, quartiles and median."""

    aantal: int  # organisations
    gemiddelde: float
    q1: float
    mediaan: float
    q3: float

    def positie(self, score: int | None) -> str:
        """Where a score sits in the spread, in words (the peer comparison's band)."""
        if score is None:
            return ""
        if score < self.q1:
            return str(_("onder het eerste kwartiel"))
        if score > self.q3:
            return str(_("boven het derde kwartiel"))
        if score < self.mediaan:
            return str(_("tussen eerste kwartiel en mediaan"))
        if score > self.mediaan:
            return str(_("tussen mediaan en derde kwartiel"))
        return str(_("op de mediaan"))


def verdeling(waarden: list[int]) -> Verdeling | None:
    """The spread of scores of as many organisations, or None below the small-number threshold (`landelijk.genoeg`):
    no average, median or quartile of fewer organisations is ever shown."""
    if not genoeg(len(waarden)):
        return None
    q1, mediaan, q3 = statistics.quantiles(sorted(waarden), n=4, method="inclusive")
    return Verdeling(
        aantal=len(waarden),
        gemiddelde=round(statistics.fmean(waarden), 2),
        q1=round(q1, 2),
        mediaan=round(mediaan, 2),
        q3=round(q3, 2),
    )


@dataclass
class LaatsteScores:
    organisatie_id: int
    werkplaats_id: int
    datum: datetime.date
    scores: dict[str, int] = field(default_factory=dict)
    soort: str = ""  # the organisation's kind (`Organisatie.Soort`), which the peer comparison groups by


def laatste_scores(rondes: QuerySet[Ronde]) -> dict[int, LaatsteScores]:
    """Per organisation, the scores of its latest submitted round among `rondes` (any series: the whole organisation
    or a team), by date and then by entry. One query, whatever the number of organisations or rounds."""
    # Only the latest submitted round with a score of each organisation is read (a window over the rounds), so the
    # rows grow with the organisations, not with their rounds.
    met_score = Score.objects.filter(ronde_id=OuterRef("pk"), score__isnull=False)
    laatste_rondes = (
        Ronde.objects.afgerond()
        .filter(pk__in=rondes.values("pk"))
        .filter(Exists(met_score))
        .annotate(
            volgorde=Window(
                RowNumber(), partition_by=[F("organisatie_id")], order_by=[F("datum").desc(), F("pk").desc()]
            )
        )
        .filter(volgorde=1)
    )
    rijen = (
        Score.objects.filter(ronde__in=laatste_rondes.values("pk"), score__isnull=False)
        .order_by("ronde__datum", "ronde_id")
        .values_list(
            "ronde__organisatie_id",
            "ronde__organisatie__werkplaats_id",
            "ronde__organisatie__soort",
            "ronde_id",
            "ronde__datum",
            "element__code",
            "score",
        )
    )
    laatste: dict[int, LaatsteScores] = {}
    ronde_van: dict[int, int] = {}
    for organisatie_id, werkplaats_id, soort, ronde_id, datum, code, score in rijen:
        if score is None:
            continue
        if ronde_van.get(organisatie_id) != ronde_id:
            ronde_van[organisatie_id] = ronde_id
            laatste[organisatie_id] = LaatsteScores(organisatie_id, werkplaats_id, datum, soort=soort)
        laatste[organisatie_id].scores[code] = score
    return laatste


@dataclass
class VergelijkingRij:
    element: Element
    score: int | None
    verdeling: Verdeling | None

    @property
    def positie(self) -> str:
        return self.verdeling.positie(self.score) if self.verdeling else ""


@dataclass
class Vergelijking:
    """An organisation's latest scores against the spread of comparable organisations (no other one named).

    Comparable: active, in any werkplaats, sharing a method, and of the same kind (`Organisatie.Soort`) when at least
    the threshold's number of those have a submitted round (`op_soort`); otherwise all organisations sharing a method,
    of any kind, and the page says so. Each element's spread is withheld below the threshold all the same.
    """

    datum: datetime.date  # of the organisation's latest submitted round
    methoden: list[str]  # the methods it is compared on
    vergelijkbaar: int  # comparable organisations with a submitted round (of the group compared with)
    rijen: list[VergelijkingRij]
    soort: str = ""  # the label of the organisation's kind
    op_soort: bool = False  # compared with organisations of its own kind only

    @property
    def getoond(self) -> bool:
        return any(rij.verdeling is not None for rij in self.rijen)


def _methoden_per_organisatie(organisaties: QuerySet[Organisatie]) -> tuple[dict[int, set[int]], dict[int, str]]:
    """Per organisation that shares a method with one of `organisaties` (these included), the ids of its methods
    (of its participations and of its rounds), and the methods' names. One query, whatever the numbers."""
    deelname_methoden = Deelname.methoden.through.objects
    ronde_methoden = Ronde.methoden.through.objects
    eigen = Methode.objects.filter(
        Q(pk__in=deelname_methoden.filter(deelname__organisatie__in=organisaties).values("methode_id"))
        | Q(pk__in=ronde_methoden.filter(ronde__organisatie__in=organisaties).values("methode_id"))
    ).values("pk")
    rijen = (
        deelname_methoden.filter(methode_id__in=eigen)
        .values_list("deelname__organisatie_id", "methode_id", "methode__naam")
        .union(
            ronde_methoden.filter(methode_id__in=eigen).values_list(
                "ronde__organisatie_id", "methode_id", "methode__naam"
            )
        )
    )
    methoden: dict[int, set[int]] = defaultdict(set)
    namen: dict[int, str] = {}
    for organisatie_id, methode_id, naam in rijen:
        methoden[organisatie_id].add(methode_id)
        namen[methode_id] = naam
    return methoden, namen


def vergelijkingen(
    paren: list[tuple[Organisatie, Ronde | None]], peildatum: datetime.date | None = None
) -> dict[int, Vergelijking | None]:
    """For each (organisation, its latest submitted round, scores prefetched as `rondes_met_scores` gives them), by
    organisation id: per element its score against the same element's spread over the latest rounds (up to
    `peildatum`, if given) of comparable organisations (see `Vergelijking`; `verdeling`: nothing below the
    small-number threshold). None without a round or a method. Two queries, whatever the number of organisations."""
    if not paren:
        return {}
    organisaties = Organisatie.objects.filter(pk__in=[organisatie.pk for organisatie, _ronde in paren])
    methoden, namen = _methoden_per_organisatie(organisaties)
    rondes = Ronde.objects.filter(organisatie__actief=True, organisatie_id__in=list(methoden))
    if peildatum is not None:
        rondes = rondes.filter(datum__lte=peildatum)
    laatste = laatste_scores(rondes)
    soorten = dict(Organisatie.Soort.choices)
    uitkomst: dict[int, Vergelijking | None] = {}
    for organisatie, ronde in paren:
        eigen = methoden.get(organisatie.pk, set())
        if ronde is None or not eigen:
            uitkomst[organisatie.pk] = None
            continue
        anderen = [r for pk, r in laatste.items() if pk != organisatie.pk and methoden[pk] & eigen]
        zelfde_soort = [r for r in anderen if r.soort == organisatie.soort]
        op_soort = genoeg(len(zelfde_soort))
        groep = zelfde_soort if op_soort else anderen
        per_code: dict[str, list[int]] = defaultdict(list)
        for rij in groep:
            for code, score in rij.scores.items():
                per_code[code].append(score)
        uitkomst[organisatie.pk] = Vergelijking(
            datum=ronde.datum,
            methoden=sorted(namen[m] for m in eigen),
            vergelijkbaar=len(groep),
            rijen=[
                VergelijkingRij(score.element, score.score, verdeling(per_code[score.element.code]))
                for score in ronde.scores.all()
            ],
            soort=str(soorten.get(organisatie.soort, organisatie.soort)),
            op_soort=op_soort,
        )
    return uitkomst


def vergelijking(organisatie: Organisatie, ronde: Ronde | None) -> Vergelijking | None:
    """One organisation's comparison (the quickscan page), as `vergelijkingen` makes it. Two queries."""
    if ronde is None:
        return None
    return vergelijkingen([(organisatie, ronde)])[organisatie.pk]


def vergelijking_svg(vergelijking: Vergelijking, *, norm: int) -> str:
    return charts.spreiding_svg(
        tuple(
            (
                rij.element.grafieklabel_in_taal,
                rij.verdeling.q1 if rij.verdeling else None,
                rij.verdeling.mediaan if rij.verdeling else None,
                rij.verdeling.q3 if rij.verdeling else None,
                rij.score,
            )
            for rij in vergelijking.rijen
        ),
        titel=str(_("Scores tegenover vergelijkbare organisaties")),
        vergeleken=str(_("score van de organisatie")),
        norm=norm,
    )
