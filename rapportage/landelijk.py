"""The national overview: the figures of every werkplaats side by side, aggregated, with no personal data.

`landelijk_overzicht(jaar=, methode=)` builds one plain object (`Overzicht`) that the page, the chart and the XLSX
export render. It reads every werkplaats in a fixed number of queries (about a dozen), whatever the number of
werkplaatsen, organisations, people or rounds: each figure is one aggregate query grouped by werkplaats, on the
same querysets the trajectory figures use (`Inschrijving.objects.geldig_op`, `Implementatieleider.objects.actief_op`,
the quickscan's `cadans`, `laatste_scores` and `verdeling`), and the organisations per implementation phase
(`landelijk_fase.fasen`).

The small-number threshold (`werkplaats.landelijk.genoeg`, setting `LANDELIJK_MINIMUM_ORGANISATIES`): a werkplaats
with fewer organisations in the selection shows no figures at all, and each figure counts the organisations whose
records make it up (the organisations of the professionals, buddies, leaders, dropouts, rounds or scores): below the
threshold the cell is withheld (`Cijfer.getoond` is False), only a zero is always shown. No name of an organisation
or a person is read here.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Sum

from quickscan.models import Element, Instrument, Ronde
from quickscan.selectors import CadansStatus, Verdeling, cadans, laatste_scores, verdeling
from scholing.models import Buddy, Implementatieleider, Inschrijving, Uitvalreden
from trajecten.models import Deelname, Methode, Traject
from werkplaats.landelijk import genoeg, minimum_organisaties
from werkplaats.models import Organisatie, Werkplaats

from .landelijk_fase import Implementatiefase, fasen


@dataclass(frozen=True)
class Cijfer:
    """A count and the number of organisations whose records make it up."""

    waarde: int = 0
    organisaties: int = 0

    @property
    def getoond(self) -> bool:
        return self.waarde == 0 or genoeg(self.organisaties)


@dataclass
class WerkplaatsRij:
    werkplaats: Werkplaats
    organisaties: int = 0
    trajecten: int = 0
    methoden: list[Methode] = field(default_factory=list)
    professionals: dict[int, Cijfer] = field(default_factory=dict)  # by method id
    professionals_totaal: Cijfer = Cijfer()
    buddies: Cijfer = Cijfer()
    leiders_gestart: Cijfer = Cijfer()
    leiders_actief: Cijfer = Cijfer()
    uitval: dict[str, Cijfer] = field(default_factory=dict)  # by reason code
    rondes: Cijfer = Cijfer()
    te_laat: Cijfer = Cijfer()
    elementen: dict[str, Verdeling | None] = field(default_factory=dict)  # by element code
    eigen: bool = False
    # The same figures in the order of the overview's columns (methods, reasons, elements), for the page.
    professionals_kolommen: list[Cijfer] = field(default_factory=list)
    uitval_kolommen: list[Cijfer] = field(default_factory=list)
    element_kolommen: list[Verdeling | None] = field(default_factory=list)
    fasen_kolommen: list[Cijfer] = field(default_factory=list)  # organisations per implementation phase

    @property
    def getoond(self) -> bool:
        return genoeg(self.organisaties)


@dataclass
class Overzicht:
    peildatum: datetime.date
    jaar: int | None
    methode: Methode | None
    minimum: int
    methoden: list[Methode]
    redenen: list[tuple[str, str]]  # (code, label) of the dropout reasons
    fasen: list[tuple[str, str]]  # (code, label) of the implementation phases (rapportage.landelijk_fase)
    elementen: list[Element]
    rijen: list[WerkplaatsRij]
    landelijk: dict[str, Verdeling | None]  # every organisation's latest scores, by element code
    per_jaar: list[tuple[int, list[Verdeling | None]]]  # the same per calendar year (in the elements' order)


def peildatum_voor(jaar: int | None, vandaag: datetime.date | None = None) -> datetime.date:
    """The figures are as of the end of the chosen year, or today for the current year or none."""
    vandaag = vandaag or datetime.date.today()
    if jaar is None or jaar >= vandaag.year:
        return vandaag
    return datetime.date(jaar, 12, 31)


def _trajecten(peildatum: datetime.date, jaar: int | None, methode: Methode | None) -> QuerySet[Traject]:
    """The trajectories of the selection: running on the peildatum, or any time in the chosen year."""
    if jaar is None:
        trajecten = Traject.objects.filter(startdatum__lte=peildatum, einddatum__gte=peildatum)
    else:
        trajecten = Traject.objects.filter(
            startdatum__lte=datetime.date(jaar, 12, 31), einddatum__gte=datetime.date(jaar, 1, 1)
        )
    if methode is not None:
        trajecten = trajecten.filter(methoden=methode)
    return trajecten


def _cijfers(rijen) -> dict[int, Cijfer]:
    return {werkplaats_id: Cijfer(waarde or 0, organisaties) for werkplaats_id, waarde, organisaties in rijen}


def landelijk_overzicht(
    *, jaar: int | None = None, methode: Methode | None = None, eigen: frozenset[int] = frozenset()
) -> Overzicht:
    """Every werkplaats's figures as of the end of `jaar` (or today), optionally for one method. `eigen`: the
    werkplaatsen to highlight (a coordinator's or lectoraat's own)."""
    peildatum = peildatum_voor(jaar)
    trajecten = _trajecten(peildatum, jaar, methode)
    werkplaatsen = list(Werkplaats.objects.order_by("naam"))

    # Trajectories, their methods and organisations ----------------------------------------------------------
    traject_rijen = list(trajecten.values_list("pk", "werkplaats_id"))
    traject_ids = [pk for pk, _w in traject_rijen]
    per_werkplaats_trajecten: dict[int, int] = defaultdict(int)
    for _pk, werkplaats_id in traject_rijen:
        per_werkplaats_trajecten[werkplaats_id] += 1
    methoden_per_werkplaats: dict[int, set[int]] = defaultdict(set)
    for werkplaats_id, methode_id in Traject.methoden.through.objects.filter(traject_id__in=traject_ids).values_list(
        "traject__werkplaats_id", "methode_id"
    ):
        methoden_per_werkplaats[werkplaats_id].add(methode_id)
    alle_methoden = {m.pk: m for m in Methode.objects.filter(pk__in=set().union(*methoden_per_werkplaats.values()))}
    deelnames = Deelname.objects.filter(traject_id__in=traject_ids, vanaf__lte=peildatum)
    if methode is not None:
        deelnames = deelnames.filter(methoden=methode)
    organisaties = dict(
        deelnames.order_by()
        .values("traject__werkplaats_id")
        .annotate(n=Count("organisatie_id", distinct=True))
        .values_list("traject__werkplaats_id", "n")
    )
    organisatie_ids = deelnames.values("organisatie_id")
    per_fase: dict[tuple[int, str], int] = defaultdict(int)
    fase_van = fasen(deelnames, peildatum)
    for organisatie_id, werkplaats_id in set(deelnames.values_list("organisatie_id", "traject__werkplaats_id")):
        per_fase[(werkplaats_id, fase_van[organisatie_id].fase)] += 1

    # Training: professionals per method, buddies, leaders, dropouts --------------------------------------------
    inschrijvingen = Inschrijving.objects.filter(groep__traject_id__in=traject_ids)
    if methode is not None:
        inschrijvingen = inschrijvingen.filter(groep__methode=methode)
    # A trained professional: an enrolment that counts on the date and makes one (the trajectory figures' rules).
    geschoold = inschrijvingen.geldig_op(peildatum).van_professionals()
    professionals: dict[int, dict[int, Cijfer]] = defaultdict(dict)
    for werkplaats_id, methode_id, aantal, orgs in (
        geschoold.order_by()
        .values("groep__traject__werkplaats_id", "groep__methode_id")
        .annotate(n=Count("persoon_id", distinct=True), o=Count("persoon__organisatie_id", distinct=True))
        .values_list("groep__traject__werkplaats_id", "groep__methode_id", "n", "o")
    ):
        professionals[werkplaats_id][methode_id] = Cijfer(aantal, orgs)
    professionals_totaal = _cijfers(
        geschoold.order_by()
        .values("groep__traject__werkplaats_id")
        .annotate(n=Count("persoon_id", distinct=True), o=Count("persoon__organisatie_id", distinct=True))
        .values_list("groep__traject__werkplaats_id", "n", "o")
    )
    buddies = Buddy.objects.filter(inschrijving__in=inschrijvingen, vanaf__lte=peildatum)
    buddies_per_werkplaats = _cijfers(
        buddies.order_by()
        .values("inschrijving__groep__traject__werkplaats_id")
        .annotate(n=Sum("aantal"), o=Count("inschrijving__persoon__organisatie_id", distinct=True))
        .values_list("inschrijving__groep__traject__werkplaats_id", "n", "o")
    )
    leiders = Implementatieleider.objects.filter(traject_id__in=traject_ids, actief_vanaf__lte=peildatum)

    def leidercijfers(queryset) -> dict[int, Cijfer]:
        return _cijfers(
            queryset.order_by()
            .values("traject__werkplaats_id")
            .annotate(n=Count("pk"), o=Count("persoon__organisatie_id", distinct=True))
            .values_list("traject__werkplaats_id", "n", "o")
        )

    leiders_gestart = leidercijfers(leiders)
    leiders_actief = leidercijfers(leiders.actief_op(peildatum))
    # A dropout counts once per person and group, and not when the person has returned to that group (`uitval_op`).
    uitval_paren: dict[tuple[int, str], set[tuple[int, int]]] = defaultdict(set)
    uitval_orgs: dict[tuple[int, str], set[int]] = defaultdict(set)
    for werkplaats_id, reden, persoon_id, groep_id, organisatie_id in (
        inschrijvingen.uitval_op(peildatum)
        .values_list(
            "groep__traject__werkplaats_id", "uitvalreden", "persoon_id", "groep_id", "persoon__organisatie_id"
        )
        .distinct()
    ):
        uitval_paren[(werkplaats_id, reden)].add((persoon_id, groep_id))
        uitval_orgs[(werkplaats_id, reden)].add(organisatie_id)

    # Quickscan: rounds submitted, overdue, the spread of each element -----------------------------------------
    rondes = Ronde.objects.filter(organisatie_id__in=organisatie_ids, datum__lte=peildatum)
    if jaar is not None:
        rondes = rondes.filter(datum__year=jaar)
    rondes_per_werkplaats = _cijfers(
        Ronde.objects.afgerond()
        .filter(pk__in=rondes.values("pk"))
        .order_by()
        .values("organisatie__werkplaats_id")
        .annotate(n=Count("pk"), o=Count("organisatie_id", distinct=True))
        .values_list("organisatie__werkplaats_id", "n", "o")
    )
    te_laat: dict[int, int] = defaultdict(int)
    for regel in cadans(Organisatie.objects.filter(pk__in=organisatie_ids), peildatum):
        if regel.status == CadansStatus.TE_LAAT:
            te_laat[regel.organisatie.werkplaats_id] += 1
    instrument = Instrument.objects.filter(actief=True).order_by("naam", "-versie").first()
    elementen = list(instrument.elementen.all()) if instrument else []
    laatste = laatste_scores(Ronde.objects.filter(pk__in=rondes.values("pk")))
    scores_per_werkplaats: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    alle_scores: dict[str, list[int]] = defaultdict(list)
    for laatst in laatste.values():
        for code, score in laatst.scores.items():
            scores_per_werkplaats[laatst.werkplaats_id][code].append(score)
            alle_scores[code].append(score)
    per_jaar = _per_jaar(Ronde.objects.filter(organisatie_id__in=organisatie_ids, datum__lte=peildatum), elementen)

    # The rows -----------------------------------------------------------------------------------------------
    redenen = [(str(code), str(label)) for code, label in Uitvalreden.choices]
    rijen = []
    for werkplaats in werkplaatsen:
        pk = werkplaats.pk
        rijen.append(
            WerkplaatsRij(
                werkplaats=werkplaats,
                organisaties=organisaties.get(pk, 0),
                trajecten=per_werkplaats_trajecten.get(pk, 0),
                methoden=sorted(
                    (alle_methoden[m] for m in methoden_per_werkplaats.get(pk, set())), key=lambda m: m.korte_naam
                ),
                professionals=professionals.get(pk, {}),
                professionals_totaal=professionals_totaal.get(pk, Cijfer()),
                buddies=buddies_per_werkplaats.get(pk, Cijfer()),
                leiders_gestart=leiders_gestart.get(pk, Cijfer()),
                leiders_actief=leiders_actief.get(pk, Cijfer()),
                uitval={
                    code: Cijfer(len(uitval_paren[(pk, code)]), len(uitval_orgs[(pk, code)]))
                    for code, _label in redenen
                    if (pk, code) in uitval_paren
                },
                rondes=rondes_per_werkplaats.get(pk, Cijfer()),
                te_laat=Cijfer(te_laat.get(pk, 0), te_laat.get(pk, 0)),
                elementen={e.code: verdeling(scores_per_werkplaats[pk][e.code]) for e in elementen},
                eigen=pk in eigen,
            )
        )
    gebruikte_redenen = {code for rij in rijen for code in rij.uitval}
    redenen = [(code, label) for code, label in redenen if code in gebruikte_redenen]
    kolom_methoden = sorted(alle_methoden.values(), key=lambda m: m.korte_naam)
    for rij in rijen:
        rij.professionals_kolommen = [rij.professionals.get(m.pk, Cijfer()) for m in kolom_methoden]
        rij.uitval_kolommen = [rij.uitval.get(code, Cijfer()) for code, _label in redenen]
        rij.element_kolommen = [rij.elementen.get(e.code) for e in elementen]
        rij.fasen_kolommen = [
            Cijfer(per_fase[(rij.werkplaats.pk, code)], per_fase[(rij.werkplaats.pk, code)])
            for code in Implementatiefase.values
        ]
    return Overzicht(
        peildatum=peildatum,
        jaar=jaar,
        methode=methode,
        minimum=minimum_organisaties(),
        methoden=kolom_methoden,
        redenen=redenen,
        fasen=[(str(code), str(label)) for code, label in Implementatiefase.choices],
        elementen=elementen,
        rijen=rijen,
        landelijk={e.code: verdeling(alle_scores[e.code]) for e in elementen},
        per_jaar=per_jaar,
    )


def _per_jaar(rondes: QuerySet[Ronde], elementen: list[Element]) -> list[tuple[int, list[Verdeling | None]]]:
    """Over time: per calendar year, the spread of each element over every organisation's latest round of that year.
    One query for the years and one per year with rounds (a handful: the app's years, not its data)."""
    jaren = sorted({d.year for d in Ronde.objects.afgerond().filter(pk__in=rondes.values("pk")).dates("datum", "year")})
    resultaat = []
    for jaar in jaren:
        per_code: dict[str, list[int]] = defaultdict(list)
        for rij in laatste_scores(rondes.filter(datum__year=jaar)).values():
            for code, score in rij.scores.items():
                per_code[code].append(score)
        resultaat.append((jaar, [verdeling(per_code[e.code]) for e in elementen]))
    return resultaat


def export_rijen(overzicht: Overzicht) -> list[list[object]]:
    """The overview as rows for `werkplaats.lib.export`: one row per werkplaats, withheld cells left empty."""

    def cel(cijfer: Cijfer, zichtbaar: bool) -> object:
        return cijfer.waarde if zichtbaar and cijfer.getoond else ""

    kop: list[object] = ["Werkplaats", "Organisaties", "Trajecten", "Methoden"]
    kop += [f"Professionals {m.korte_naam}" for m in overzicht.methoden]
    kop += ["Professionals totaal", "Buddy's", "Implementatieleiders gestart", "Implementatieleiders actief"]
    kop += [f"Uitval: {label}" for _code, label in overzicht.redenen]
    kop += ["Quickscanrondes ingediend", "Quickscans te laat"]
    kop += [f"Fase: {label}" for _code, label in overzicht.fasen]
    for element in overzicht.elementen:
        kop += [f"{element.naam}: gemiddelde", f"{element.naam}: Q1", f"{element.naam}: mediaan", f"{element.naam}: Q3"]
    rijen: list[list[object]] = [kop]
    for rij in overzicht.rijen:
        zichtbaar = rij.getoond
        regel: list[object] = [
            rij.werkplaats.naam,
            rij.organisaties if zichtbaar else f"< {overzicht.minimum}",
            rij.trajecten if zichtbaar else "",
            ", ".join(m.korte_naam for m in rij.methoden) if zichtbaar else "",
        ]
        regel += [cel(rij.professionals.get(m.pk, Cijfer()), zichtbaar) for m in overzicht.methoden]
        regel += [
            cel(rij.professionals_totaal, zichtbaar),
            cel(rij.buddies, zichtbaar),
            cel(rij.leiders_gestart, zichtbaar),
            cel(rij.leiders_actief, zichtbaar),
        ]
        regel += [cel(rij.uitval.get(code, Cijfer()), zichtbaar) for code, _label in overzicht.redenen]
        regel += [cel(rij.rondes, zichtbaar), cel(rij.te_laat, zichtbaar)]
        regel += [cel(cijfer, zichtbaar) for cijfer in rij.fasen_kolommen]
        for element in overzicht.elementen:
            v = rij.elementen.get(element.code) if zichtbaar else None
            regel += [v.gemiddelde, v.q1, v.mediaan, v.q3] if v else ["", "", "", ""]
        rijen.append(regel)
    return rijen
