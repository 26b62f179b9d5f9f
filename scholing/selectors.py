"""Every figure of a trajectory, derived from the records as of a date (the peildatum).

One function, `traject_cijfers`, builds one plain object with all counts; the coordinator's dashboard
shows it and the end report renders it. Nothing here is typed in: change a record and the figures follow.
It costs a fixed number of queries whatever the size of the trajectory.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from trajecten.models import Deelname, Methode, Streefwaarde, Traject
from trajecten.selectors import Streefwaarden, streefwaarden
from werkplaats.models import Organisatie, Rol

from .models import (
    Bijeenkomst,
    Buddy,
    Implementatieleider,
    Inschrijving,
    Persoon,
    Scholingsgroep,
    Uitvalreden,
    naam_sleutel,
)

MIN_BUDDIES = 2


def buddies_te_weinig(*, telt_mee: bool, buddies: int) -> bool:
    """The signal "Minder dan 2 buddy's", one rule for the person's page and the figures (dashboard, end report):
    only for a participant who counts on the date (an enrolment started and not ended in dropout: `geldig_op`,
    `Inschrijving.telt_op`) and has fewer buddies than MIN_BUDDIES. Who dropped out is no longer asked for buddies."""
    return telt_mee and buddies < MIN_BUDDIES


def naamgenoten(*, organisatie_id: int, naam: str, behalve: int | None = None) -> list[Persoon]:
    """The people of an organisation with this name, compared as the import compares (`naam_sleutel`). One query."""
    sleutel = naam_sleutel(naam)
    if not sleutel:
        return []
    personen = Persoon.objects.filter(organisatie_id=organisatie_id).only("pk", "naam")
    if behalve is not None:
        personen = personen.exclude(pk=behalve)
    return [persoon for persoon in personen if naam_sleutel(persoon.naam) == sleutel]


@dataclass
class MethodeCijfers:
    methode: Methode
    professionals: int = 0
    organisaties: int = 0
    gemeenten: int = 0
    groepen: int = 0
    ambtenaren: int = 0
    aanvullend: int = 0  # people in additional groups (e.g. CJG teams), outside the target
    aanvullend_organisaties: int = 0
    streefwaarde: int | None = None
    streefwaarde_ambtenaren: int | None = None


@dataclass
class OrganisatieCijfers:
    organisatie: Organisatie
    methoden: list[Methode] = field(default_factory=list)
    professionals: int = 0
    buddies: int = 0
    leiders_actief: int = 0
    leiders_totaal: int = 0
    deelname: Deelname | None = None


@dataclass
class Doel:
    """A target against its realised figure."""

    code: str
    label: str
    streefwaarde: int | None
    gerealiseerd: int
    formulering: str = ""

    @property
    def percentage(self) -> int | None:
        if not self.streefwaarde:
            return None
        return round(100 * self.gerealiseerd / self.streefwaarde)

    @property
    def behaald(self) -> bool:
        return self.streefwaarde is not None and self.gerealiseerd >= self.streefwaarde


@dataclass
class TrajectCijfers:
    traject: Traject
    peildatum: datetime.date
    methoden: list[MethodeCijfers]
    organisaties: list[OrganisatieCijfers]
    professionals_totaal: int
    organisaties_geschoold: int
    geschoold_totaal: int
    aanvullend_totaal: int
    buddies_totaal: int
    buddies_teams: int
    deelnemers_onder_minimum: int
    leiders_totaal: int
    leiders_actief: int
    leiders_organisaties: int
    leiders_functies: dict[str, int]
    leiders_redenen: list[tuple[str, int]]
    vrijwilligers: int
    ambtenaren_totaal: int
    uitval_totaal: int
    uitval_redenen: list[tuple[str, int]]
    organisaties_per_aantal_methoden: dict[int, int]
    grootste_bijeenkomst: Bijeenkomst | None
    streefwaarden: dict[str, int | None]
    doelen: list[Doel]

    @property
    def buddies_streefwaarde_totaal(self) -> int | None:
        """The end report's "270": the trained professionals plus their buddies (90 + 2 x 90)."""
        return Streefwaarden(rijen={}, totalen=self.streefwaarden).professionals_met_buddies


def _streefwaarden(traject: Traject) -> tuple[dict[str, int | None], dict[tuple[str, int | None], Streefwaarde]]:
    # The derived totals are computed in one place, `trajecten.selectors.streefwaarden`.
    doelen = streefwaarden(traject)
    return doelen.totalen, doelen.rijen


def organisatiecijfers_voor(user, traject: Traject, cijfers: TrajectCijfers) -> list[OrganisatieCijfers]:
    """The per-organisation figures a user may read: every organisation's for a superuser and the trajectory's
    coordinators and lectoraat; a leader reads the totals, and the details of their own organisation(s) only (the
    dashboard and the API's figures)."""
    if user.is_superuser or traject.werkplaats_id in user.werkplaats_ids(Rol.Soort.COORDINATOR, Rol.Soort.LECTORAAT):
        return cijfers.organisaties
    eigen = user.geleide_organisatie_ids()
    return [o for o in cijfers.organisaties if o.organisatie.pk in eigen]


def traject_cijfers(traject: Traject, peildatum: datetime.date | None = None) -> TrajectCijfers:
    peildatum = peildatum or datetime.date.today()
    methoden = list(traject.methoden.all())
    groepen = list(Scholingsgroep.objects.filter(traject=traject).select_related("methode"))
    inschrijvingen = list(
        Inschrijving.objects.filter(groep__traject=traject)
        .geldig_op(peildatum)
        .select_related("persoon__organisatie", "groep")
    )
    uitgevallen = list(
        Inschrijving.objects.filter(groep__traject=traject)
        .uitval_op(peildatum)
        .values_list("persoon_id", "groep_id", "uitvalreden")
    )
    buddies = list(
        Buddy.objects.filter(inschrijving__groep__traject=traject, vanaf__lte=peildatum).values_list(
            "inschrijving__persoon_id", "inschrijving__persoon__organisatie_id", "aantal", "is_team"
        )
    )
    leiders = list(
        Implementatieleider.objects.filter(traject=traject, actief_vanaf__lte=peildatum).select_related(
            "persoon__organisatie"
        )
    )
    deelnames = {
        d.organisatie_id: d
        for d in Deelname.objects.filter(traject=traject).filter(Q(vanaf__lte=peildatum)).select_related("organisatie")
    }
    totals, targets = _streefwaarden(traject)

    # Per method --------------------------------------------------------------------------------
    per_methode = {m.pk: MethodeCijfers(methode=m) for m in methoden}
    professionals_per_methode: dict[int, set[int]] = defaultdict(set)
    orgs_per_methode: dict[int, set[Organisatie]] = defaultdict(set)
    ambtenaren_per_methode: dict[int, set[int]] = defaultdict(set)
    aanvullend_per_methode: dict[int, set[int]] = defaultdict(set)
    aanvullend_orgs: dict[int, set[int]] = defaultdict(set)
    for groep in groepen:
        if groep.methode_id in per_methode and groep.soort == Scholingsgroep.Soort.REGULIER:
            per_methode[groep.methode_id].groepen += 1
    for inschrijving in inschrijvingen:
        persoon, methode_id = inschrijving.persoon, inschrijving.groep.methode_id
        if inschrijving.groep.soort == Scholingsgroep.Soort.AANVULLEND:
            aanvullend_per_methode[methode_id].add(persoon.pk)
            aanvullend_orgs[methode_id].add(persoon.organisatie_id)
        elif inschrijving.van_professional:
            professionals_per_methode[methode_id].add(persoon.pk)
            orgs_per_methode[methode_id].add(persoon.organisatie)
        elif persoon.soort == Persoon.Soort.AMBTENAAR:
            ambtenaren_per_methode[methode_id].add(persoon.pk)
    for methode_id, cijfers in per_methode.items():
        cijfers.professionals = len(professionals_per_methode[methode_id])
        cijfers.organisaties = len(orgs_per_methode[methode_id])
        cijfers.gemeenten = sum(1 for o in orgs_per_methode[methode_id] if o.soort == Organisatie.Soort.GEMEENTE)
        cijfers.ambtenaren = len(ambtenaren_per_methode[methode_id])
        cijfers.aanvullend = len(aanvullend_per_methode[methode_id])
        cijfers.aanvullend_organisaties = len(aanvullend_orgs[methode_id])
        target = targets.get(("professionals", methode_id))
        cijfers.streefwaarde = target.waarde if target else None
        target = targets.get(("ambtenaren", methode_id))
        cijfers.streefwaarde_ambtenaren = target.waarde if target else None

    professionals = set().union(*professionals_per_methode.values()) if professionals_per_methode else set()
    geschoold = {i.persoon_id for i in inschrijvingen} | {leider.persoon_id for leider in leiders}
    vrijwilligers = {i.persoon_id for i in inschrijvingen if i.persoon.soort == Persoon.Soort.VRIJWILLIGER}
    ambtenaren = set().union(*ambtenaren_per_methode.values()) if ambtenaren_per_methode else set()

    # Buddies ------------------------------------------------------------------------------------
    buddies_per_persoon: Counter[int] = Counter()
    buddies_per_organisatie: Counter[int] = Counter()
    teams = 0
    for persoon_id, organisatie_id, aantal, is_team in buddies:
        buddies_per_persoon[persoon_id] += aantal
        buddies_per_organisatie[organisatie_id] += aantal
        teams += is_team
    # `professionals` holds only people whose enrolment counts on the peildatum (`geldig_op` above).
    onder_minimum = sum(1 for p in professionals if buddies_te_weinig(telt_mee=True, buddies=buddies_per_persoon[p]))

    # Implementation leaders -------------------------------------------------------------------
    actief = [leider for leider in leiders if leider.actief_tot is None or leider.actief_tot > peildatum]
    vertrokken = [leider for leider in leiders if leider.actief_tot is not None and leider.actief_tot <= peildatum]
    redenen = Counter(leider.get_reden_vertrek_display() for leider in vertrokken)
    functies = Counter(leider.get_functie_display() for leider in leiders)

    # Per organisation ---------------------------------------------------------------------------
    per_org: dict[int, OrganisatieCijfers] = {}

    def org(organisatie: Organisatie) -> OrganisatieCijfers:
        if organisatie.pk not in per_org:
            per_org[organisatie.pk] = OrganisatieCijfers(
                organisatie=organisatie, deelname=deelnames.get(organisatie.pk)
            )
        return per_org[organisatie.pk]

    for deelname in deelnames.values():
        org(deelname.organisatie)
    methode_by_pk = {m.pk: m for m in methoden}
    for methode_id, orgs in orgs_per_methode.items():
        for organisatie in orgs:
            org(organisatie).methoden.append(methode_by_pk[methode_id])
    for inschrijving in inschrijvingen:
        if inschrijving.van_professional:
            org(inschrijving.persoon.organisatie).professionals += 1
    # Buddies reached by someone who later dropped out still count, for the total and for their organisation.
    bekend = {
        o.pk: o for o in [i.persoon.organisatie for i in inschrijvingen] + [d.organisatie for d in deelnames.values()]
    }
    ontbrekend = set(buddies_per_organisatie) - set(bekend)
    bekend.update({o.pk: o for o in Organisatie.objects.filter(pk__in=ontbrekend)} if ontbrekend else {})
    for organisatie_id, aantal in buddies_per_organisatie.items():
        org(bekend[organisatie_id]).buddies += aantal
    for leider in leiders:
        van_organisatie = org(leider.persoon.organisatie)
        van_organisatie.leiders_totaal += 1
        van_organisatie.leiders_actief += leider in actief
    organisaties = sorted(per_org.values(), key=lambda o: o.organisatie.naam.lower())
    for van_organisatie in organisaties:
        van_organisatie.methoden.sort(key=lambda m: m.korte_naam)
    per_aantal = Counter(len(o.methoden) for o in organisaties if o.methoden)

    # A dropout counts once per person and group (`uitval_op`: not when the person has returned to that group).
    uitval = {(p, g): reden for p, g, reden in uitgevallen}
    uitval_redenen = Counter(str(dict(Uitvalreden.choices).get(reden, reden)) for reden in uitval.values())
    grootste = (
        Bijeenkomst.objects.filter(traject=traject, datum__lte=peildatum, aantal_aanwezig__isnull=False)
        .order_by("-aantal_aanwezig", "datum")
        .first()
    )
    methode_cijfers = sorted(per_methode.values(), key=lambda c: c.methode.korte_naam)
    result = TrajectCijfers(
        traject=traject,
        peildatum=peildatum,
        methoden=methode_cijfers,
        organisaties=organisaties,
        professionals_totaal=len(professionals),
        organisaties_geschoold=len(set().union(*orgs_per_methode.values())) if orgs_per_methode else 0,
        geschoold_totaal=len(geschoold),
        aanvullend_totaal=len(set().union(*aanvullend_per_methode.values())) if aanvullend_per_methode else 0,
        buddies_totaal=sum(buddies_per_persoon.values()),
        buddies_teams=teams,
        deelnemers_onder_minimum=onder_minimum,
        leiders_totaal=len(leiders),
        leiders_actief=len(actief),
        leiders_organisaties=len({leider.persoon.organisatie_id for leider in leiders}),
        leiders_functies=dict(functies),
        leiders_redenen=redenen.most_common(),
        vrijwilligers=len(vrijwilligers),
        ambtenaren_totaal=len(ambtenaren),
        uitval_totaal=len(uitval),
        uitval_redenen=uitval_redenen.most_common(),
        organisaties_per_aantal_methoden=dict(sorted(per_aantal.items(), reverse=True)),
        grootste_bijeenkomst=grootste,
        streefwaarden=totals,
        doelen=[],
    )
    result.doelen = _doelen(result, totals, targets)
    return result


def _doelen(cijfers: TrajectCijfers, totals, targets) -> list[Doel]:
    def formulering(indicator: str) -> str:
        rows = [s for (i, _m), s in targets.items() if i == indicator]
        return rows[0].get_formulering_display() if rows and rows[0].formulering else ""

    doelen = [
        Doel("professionals", "Professionals geschoold", totals["professionals"], cijfers.professionals_totaal),
    ]
    for m in cijfers.methoden:
        if m.streefwaarde is not None:
            doelen.append(Doel(f"professionals_{m.methode.pk}", f"– {m.methode}", m.streefwaarde, m.professionals))
    if totals["buddies_per_deelnemer"] is not None:
        doelen.append(
            Doel(
                "buddies",
                f"Buddy's ({totals['buddies_per_deelnemer']} per beoogde deelnemer)",
                Streefwaarden(rijen=targets, totalen=totals).buddies or 0,
                cijfers.buddies_totaal,
                formulering("buddies_per_deelnemer"),
            )
        )
    doelen += [
        Doel(
            "implementatieleiders",
            "Implementatieleiders actief",
            totals["implementatieleiders"],
            cijfers.leiders_actief,
            formulering("implementatieleiders"),
        ),
        Doel(
            "vrijwilligers",
            "Vrijwilligers",
            totals["vrijwilligers"],
            cijfers.vrijwilligers,
            formulering("vrijwilligers"),
        ),
        Doel("ambtenaren", "Ambtenaren/managers geschoold", totals["ambtenaren"], cijfers.ambtenaren_totaal),
    ]
    return [d for d in doelen if d.streefwaarde is not None]


def verloop(traject: Traject, peildata: list[datetime.date]) -> list[tuple[datetime.date, int, int, int]]:
    """Retention over time: (date, professionals, buddies, active leaders) on each date, in three queries."""
    inschrijvingen = list(
        Inschrijving.objects.filter(groep__traject=traject)
        .van_professionals()
        .values_list("persoon_id", "startdatum", "status", "einddatum")
    )
    buddies = list(Buddy.objects.filter(inschrijving__groep__traject=traject).values_list("vanaf", "aantal"))
    leiders = list(Implementatieleider.objects.filter(traject=traject).values_list("actief_vanaf", "actief_tot"))
    rows = []
    for dag in peildata:
        professionals = {
            p
            for p, start, status, eind in inschrijvingen
            if start <= dag and not (status == Inschrijving.Status.UITGEVALLEN and eind and eind <= dag)
        }
        rows.append(
            (
                dag,
                len(professionals),
                sum(aantal for vanaf, aantal in buddies if vanaf <= dag),
                sum(1 for vanaf, tot in leiders if vanaf <= dag and (tot is None or tot > dag)),
            )
        )
    return rows
