"""Generated national demo data: the other thirteen Wmo-werkplaatsen, so that the national pages have data to show.

`load_demo --landelijk` (after the plain demo) and `bench/pages.py` call `laden(schaal)`. There were fourteen
Wmo-werkplaatsen (seed 001, the national book, voorwoord); Noord is the plain demo. Eleven other names come from the
seeds (the book's chapters 2-11, 002 Rotterdam, 003 Den Haag en Leiden, the Noord end report's Wmo-atelier with
Friesland), two are added to make fourteen. Only the names, hogescholen, lectoraten and regions that a seed gives are
real; everything under them (organisations, people, training, leaders, dropouts, quickscans, actions) is generated,
and says so: every werkplaats's name ends in `(gegenereerd)` (so every page that lists werkplaatsen shows it) and its
description starts with "Gegenereerde voorbeeldgegevens"; organisations are "Gemeente Twente 03" and the like, people
have obviously fictitious names ("Noor K. Verzinsel"), and every round is `illustratief`.

Deterministic: each werkplaats draws from its own `random.Random` seeded with its index, so the same scale gives the
same records (and a werkplaats's records do not depend on how many others are made). Idempotent: a werkplaats whose
name exists is skipped whole, so a second run changes nothing, and everything is one transaction.

Writes: what has a rule beyond its own fields goes through the apps' services, as the other demo modules write:
werkplaatsen, trajectories with their methods, phases, targets, participations, leaders and their departures, and
every quickscan round through `ronde_invullen` (default targets, submission; about 50 ms a round, most of the time).
The mass rows whose services are `full_clean()` and `save()` alone are written in bulk with their history rows
(`bulk_create_with_history`): organisations, people, training groups, sessions, enrolments, buddies and actions (at
full scale some 19 000 people, 19 000 enrolments and 31 000 buddies). They are built so that every rule of those
`clean()`s holds (one werkplaats, end after start, a dropout with its date and reason, a buddy from its enrolment's
start, no overlapping enrolment), and tests/werkplaats/test_demo_landelijk.py runs `full_clean()` over every bulk row
of a small set. Full scale (13 werkplaatsen, about 340 organisations, 950 rounds) takes about 45 s of CPU on SQLite.

The dates are those of the national programme, 2014-2015, and for a third of the werkplaatsen a follow-up trajectory
in 2016: the national overview shows them for the years 2014-2016 (`?jaar=2015`).
"""

from __future__ import annotations

import datetime
import itertools
import random
from dataclasses import dataclass, field

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from quickscan import services as quickscan_services
from quickscan.models import Actie, Element, Instrument, QuickscanInstelling, Ronde
from scholing import services as scholing_services
from scholing.models import (
    Bijeenkomst,
    Buddy,
    Implementatieleider,
    Inschrijving,
    Persoon,
    Scholingsgroep,
    Uitvalreden,
)
from trajecten import services as traject_services
from trajecten.models import Deelname, Fase, Methode, Streefwaarde, Traject
from werkplaats import services
from werkplaats.models import Organisatie, Werkplaats

from . import trajecten as traject_demo

D = datetime.date
LABEL = " (gegenereerd)"
ONBEKEND = "niet in de bronnen genoemd"
AANGEVULD = "aangevuld tot veertien"
OMSCHRIJVING = (
    "Gegenereerde voorbeeldgegevens (load_demo --landelijk), voor het landelijk overzicht en de vergelijking. "
    "{herkomst} Organisaties, personen, scholing, implementatieleiders en quickscans zijn verzonnen en zeggen niets "
    "over de echte werkplaats."
)


@dataclass(frozen=True)
class Bron:
    """A werkplaats as the seeds name it; `ONBEKEND` where they do not say."""

    naam: str
    kort: str  # in the organisations' names
    hogeschool: str
    lectoraat: str
    regio: str
    bron: str  # where the seeds name it (a chapter of the book, 001; or seed 000, 002, 003), or AANGEVULD


WERKPLAATSEN = [
    Bron(
        "Wmo-werkplaats Noord-Brabant Fontys", "Fontys", "Fontys Hogescholen", ONBEKEND, "Noord-Brabant", "hoofdstuk 3"
    ),
    Bron(
        "Wmo-werkplaats Noord-Brabant Avans",
        "Avans",
        "Avans Hogeschool",
        "Active Ageing",
        "Noord-Brabant",
        "hoofdstuk 10",
    ),
    Bron("Wmo-werkplaats Twente", "Twente", "Saxion", ONBEKEND, "Twente", "hoofdstuk 5"),
    Bron(
        "Wmo-werkplaats Nijmegen",
        "Nijmegen",
        "Hogeschool van Arnhem en Nijmegen",
        ONBEKEND,
        "Arnhem en Nijmegen",
        "hoofdstuk 6",
    ),
    Bron("Wmo-werkplaats Zuyd", "Zuyd", "Zuyd Hogeschool", "Sociale Integratie", "Limburg", "hoofdstuk 7"),
    Bron(
        "Wmo-werkplaats Flevoland",
        "Flevoland",
        "Hogeschool Windesheim Flevoland",
        "Klantenperspectief in Ondersteuning en Zorg",
        "Flevoland",
        "hoofdstuk 8",
    ),
    Bron(
        "Wmo-werkplaats Utrecht",
        "Utrecht",
        "Hogeschool Utrecht",
        "Participatie, Zorg en Ondersteuning",
        "Provincie Utrecht en het Gooi",
        "hoofdstuk 9",
    ),
    Bron("Wmo-werkplaats Amsterdam", "Amsterdam", "Hogeschool van Amsterdam", ONBEKEND, "Amsterdam", "hoofdstuk 11"),
    Bron(
        "Wmo-werkplaats Den Haag en Leiden",
        "Haaglanden",
        "Hogeschool Leiden",
        "Sociale Innovatie en Ondernemerschap",
        "Holland Rijnland en Haaglanden",
        "003",
    ),
    Bron(
        "Wmo-werkplaats Rotterdam",
        "Rotterdam",
        "Hogeschool Rotterdam",
        "Kenniscentrum Talentontwikkeling",
        "Rotterdam",
        "002",
    ),
    Bron("Wmo-werkplaats Friesland", "Friesland", ONBEKEND, ONBEKEND, "Friesland", "000"),
    Bron("Wmo-werkplaats Zwolle", "Zwolle", ONBEKEND, ONBEKEND, "", AANGEVULD),
    Bron("Wmo-werkplaats Noord-Holland", "Noord-Holland", ONBEKEND, ONBEKEND, "", AANGEVULD),
]
HERKOMST = {
    "000": "De naam staat in het eindrapport van Wmo-werkplaats Noord (een Wmo-atelier in Leeuwarden).",
    "002": "De naam komt uit het verslag van een leerkring in Rotterdam.",
    "003": "De naam komt uit 'Transformatie Wmo-werkplaats naar Kenniswerkplaats Sociaal Domein' (2015).",
    AANGEVULD: "De naam komt niet uit de bronnen: hij is aangevuld om tot de veertien Wmo-werkplaatsen te komen.",
}


def werkplaatsnaam(bron: Bron) -> str:
    return bron.naam + LABEL


@dataclass(frozen=True)
class Schaal:
    """How much to make: generated werkplaatsen, organisations per werkplaats and professionals per organisation
    (averages; each werkplaats and organisation varies around them)."""

    werkplaatsen: int = len(WERKPLAATSEN)
    organisaties: int = 26
    deelnemers: int = 56

    def __post_init__(self) -> None:
        if not 1 <= self.werkplaatsen <= len(WERKPLAATSEN):
            raise ValueError(f"werkplaatsen: 1 to {len(WERKPLAATSEN)}")
        if self.organisaties < 1 or self.deelnemers < 1:
            raise ValueError("organisaties and deelnemers: at least 1")

    @classmethod
    def deel(cls, fractie: float) -> Schaal:
        """A fraction of the full set (`--schaal 0.2`): fewer werkplaatsen, organisations and people, but never
        fewer organisations than the small-number threshold needs to show a werkplaats's figures."""
        if not 0 < fractie <= 1:
            raise ValueError("kies een getal groter dan 0 en hoogstens 1")
        volledig = cls()
        if fractie == 1:
            return volledig
        return cls(
            werkplaatsen=max(2, round(volledig.werkplaatsen * fractie)),
            organisaties=max(7, round(volledig.organisaties * fractie)),
            deelnemers=max(3, round(volledig.deelnemers * fractie)),
        )


@dataclass
class Resultaat:
    toegevoegd: list[str] = field(default_factory=list)
    bestaand: list[str] = field(default_factory=list)


def laden(schaal: Schaal | None = None) -> Resultaat:
    """Add the generated werkplaatsen that are not there yet, in one transaction; returns which were added."""
    schaal = schaal or Schaal()
    resultaat = Resultaat()
    with transaction.atomic():
        methoden = _methoden()
        instrument = quickscan_services.standaard_instrument()
        for index, bron in enumerate(WERKPLAATSEN[: schaal.werkplaatsen]):
            naam = werkplaatsnaam(bron)
            if Werkplaats.objects.filter(naam=naam).exists():
                resultaat.bestaand.append(naam)
                continue
            Bouwer(index, bron, schaal, methoden, instrument).bouwen()
            resultaat.toegevoegd.append(naam)
    return resultaat


def _methoden() -> list[Methode]:
    """The catalogue's methods of the demo (made by its trajectories module when missing), in a fixed order."""
    methoden = {m.naam: m for m in Methode.objects.filter(naam__in=traject_demo.METHODEN)}
    for naam, gegevens in traject_demo.METHODEN.items():
        if naam not in methoden:
            methoden[naam] = traject_demo._methode(naam, *gegevens)
    return [methoden[naam] for naam in traject_demo.METHODEN]


# Names ------------------------------------------------------------------------------------------------------------

# fmt: off
VOORNAMEN = [
    "Anna", "Bram", "Daan", "Eva", "Fenna", "Gijs", "Hanna", "Ilse", "Joris", "Kim", "Lars", "Maud", "Noor", "Olaf",
    "Pien", "Quinten", "Rosa", "Sem", "Tess", "Uma", "Vera", "Wout", "Xander", "Yara", "Zoë", "Amir", "Bo", "Chaima",
    "Dirk", "Esra", "Floor", "Gerrit", "Hatice", "Ivo", "Jasmijn", "Koen", "Lotte", "Mohamed", "Nina", "Pieter",
]
# Surnames no one has: each says it is made up (a sample, a test, a fiction, a model).
ACHTERNAMEN = [
    "Voorbeeldman", "Proefhuis", "Verzinsel", "Fictiefsma", "Bedachtink", "Demoveld", "Nepkamp", "Testerink",
    "Oefenaar", "Schijnberg", "Probeersma", "Gefingeerd", "Nagemaakt", "Speldijk", "Denkbeeld", "Zogenaamd",
    "Verzonnen", "Modelhoven", "Steekproef", "Proefstra", "Voorbeeldhuis", "Oefenkamp", "Demostra", "Fictiefhout",
]
# fmt: on
SOORTEN = [
    # (soort, weight, size factor of its training, names)
    (Organisatie.Soort.INSTELLING, 55, 1.2, ["Welzijnsorganisatie", "Zorgaanbieder", "GGZ-instelling", "Thuiszorg"]),
    (Organisatie.Soort.GEMEENTE, 20, 0.7, ["Gemeente"]),
    (Organisatie.Soort.CJG, 10, 0.5, ["CJG"]),
    (Organisatie.Soort.ONDERWIJS, 8, 0.5, ["Mbo-opleiding", "Hbo-opleiding"]),
    (Organisatie.Soort.OVERIG, 7, 0.6, ["Vrijwilligerscentrale", "Mantelzorgsteunpunt"]),
]
LEIDERS_WEG = [
    Uitvalreden.ANDERE_FUNCTIE,
    Uitvalreden.REORGANISATIE,
    Uitvalreden.ONTSLAG,
    Uitvalreden.TURBULENTIE,
    Uitvalreden.GEEN_MEDEWERKING,
]
UITVAL_REDENEN = [
    (Uitvalreden.TE_DRUK, 30),
    (Uitvalreden.REORGANISATIE, 15),
    (Uitvalreden.ANDERE_FUNCTIE, 15),
    (Uitvalreden.PERSOONLIJK, 12),
    (Uitvalreden.ONTSLAG, 10),
    (Uitvalreden.GEEN_FACILITEITEN, 10),
    (Uitvalreden.ANDERS, 8),
]
BORGING = ["", Deelname.Borging.VOORTVAREND, Deelname.Borging.INTENTIE, Deelname.Borging.BELEMMERD]
# What organisations find easier or harder, element by element (Noord's first rounds: the network high; policy,
# procedures, record keeping and culture low); an organisation's level and its growth per round come on top.
ELEMENT_NIVEAU = {
    "missie": 0.3,
    "uitgangspunten": 0.2,
    "beleid": -0.3,
    "procedures": -0.5,
    "activiteiten": 0.1,
    "verslaglegging": -0.4,
    "netwerk": 0.6,
    "organisatiecultuur": -0.2,
}
# Why the participants of an organisation that stopped dropped out.
STOP_REDENEN = [(Uitvalreden.REORGANISATIE, 50), (Uitvalreden.ONTSLAG, 25), (Uitvalreden.TURBULENTIE, 25)]
ACTIES = {
    "missie": "De missie bespreken in het teamoverleg en vastleggen wat de methode eraan bijdraagt",
    "uitgangspunten": "Uitgangspunten van de methode opnemen in het werkplan",
    "beleid": "De methode opnemen in het beleidsplan",
    "procedures": "Het werkproces met de methode als vaste stap beschrijven",
    "activiteiten": "Casuïstiekbesprekingen met de methode inplannen",
    "verslaglegging": "Het verslagformulier aanpassen aan de methode",
    "netwerk": "Afspraken maken met de partners in de wijk",
    "organisatiecultuur": "Een teambijeenkomst over eigen kracht organiseren",
}


def _dag(begin: datetime.date, einde: datetime.date, rng: random.Random) -> datetime.date:
    return begin + datetime.timedelta(days=rng.randint(0, max(0, (einde - begin).days)))


def _maanden(datum: datetime.date, maanden: int) -> datetime.date:
    jaar, maand = divmod(datum.month - 1 + maanden, 12)
    return D(datum.year + jaar, maand + 1, min(datum.day, 28))


# The builder -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Periode:
    naam: str
    start: datetime.date
    einde: datetime.date
    cohort: datetime.date  # the first training groups start
    nummer: int  # 1: the programme 2014-2015, 2: the follow-up in 2016


HOOFD = Periode("Implementatietraject 2014-2015", D(2014, 1, 1), D(2015, 12, 31), D(2014, 3, 1), 1)
VERVOLG = Periode("Verdiepingstraject 2016", D(2016, 1, 1), D(2016, 12, 31), D(2016, 2, 1), 2)
GROEPSGROOTTE = 20
BULK = 500  # rows per INSERT


@dataclass
class Org:
    """One organisation's plan: what it takes part in and when, drawn once, then written."""

    organisatie: Organisatie
    omvang: int  # professionals in training
    vanaf: datetime.date = HOOFD.start
    later: bool = False
    zonder_scholing: bool = False  # joined late in 2015: no training or leader yet (verspreiding)
    gestopt_op: datetime.date | None = None
    sterk: bool = False  # scores at or above the norm: reaches borging
    quickscan: bool = True  # some organisations never score
    methoden: list[Methode] = field(default_factory=list)
    vervolg: list[Methode] = field(default_factory=list)  # its methods in the follow-up trajectory (if any)
    leiders: list[Implementatieleider] = field(default_factory=list)


class Bouwer:
    """Builds one generated werkplaats with everything under it; one instance per werkplaats."""

    def __init__(self, index: int, bron: Bron, schaal: Schaal, methoden: list[Methode], instrument: Instrument) -> None:
        self.index = index
        self.bron = bron
        self.schaal = schaal
        self.rng = random.Random(f"wmo-werkplaats-{index}")
        self.alle_methoden = methoden
        self.instrument = instrument
        self.elementen: list[Element] = list(instrument.elementen.order_by("volgorde"))
        self.namen: set[str] = set()
        self.organisaties: list[Org] = []

    def naam(self) -> str:
        """A fictitious person's name, unique within the werkplaats."""
        while True:
            naam = f"{self.rng.choice(VOORNAMEN)} {chr(65 + self.rng.randrange(26))}. {self.rng.choice(ACHTERNAMEN)}"
            if naam not in self.namen:
                self.namen.add(naam)
                return naam

    def bouwen(self) -> None:
        bron, rng = self.bron, self.rng
        herkomst = (
            HERKOMST.get(bron.bron)
            or f"De naam komt uit het boek over implementeren in de Wmo-werkplaatsen ({bron.bron})."
        )
        self.werkplaats = services.werkplaats_opslaan(
            werkplaats=Werkplaats(
                naam=werkplaatsnaam(bron),
                hogeschool=bron.hogeschool,
                lectoraat=bron.lectoraat,
                regio=bron.regio,
                omschrijving=OMSCHRIJVING.format(herkomst=herkomst),
            )
        )
        quickscan_services.instelling_opslaan(instelling=QuickscanInstelling(werkplaats=self.werkplaats))
        self.organisaties_maken()
        # Two to four of the catalogue's methods: most often Noord's three, some add the fourth.
        aantal = rng.choices([2, 3, 4], [20, 50, 30])[0]
        methoden = [m for m in self.alle_methoden[:3] if m in rng.sample(self.alle_methoden[:3], min(aantal, 3))]
        methoden += self.alle_methoden[3:] if aantal == 4 else []
        hoofd = self.traject(HOOFD, methoden, self.organisaties)
        vervolg = None
        if self.index % 3 == 1:  # a follow-up in 2016 for a third of the werkplaatsen
            gekozen = methoden[: rng.choice([1, 2])]
            doorgaan = [o for o in self.organisaties if o.gestopt_op is None and rng.random() < 0.6]
            for org in doorgaan:
                org.vervolg = [m for m in gekozen if m in org.methoden] or gekozen[:1]
            vervolg = self.traject(VERVOLG, gekozen, doorgaan)
        self.quickscans(hoofd, vervolg)

    def organisaties_maken(self) -> None:
        """Organisations of every kind (a municipality and an institution at least), each with its own plan."""
        rng = self.rng
        aantal = max(6, round(self.schaal.organisaties * rng.uniform(0.75, 1.25)))
        soorten, gewichten = [s[0] for s in SOORTEN], [s[1] for s in SOORTEN]
        for n in range(aantal):
            soort = [Organisatie.Soort.GEMEENTE, Organisatie.Soort.INSTELLING][n] if n < 2 else None
            soort = soort or rng.choices(soorten, gewichten)[0]
            _s, _g, factor, woorden = next(s for s in SOORTEN if s[0] == soort)
            organisatie = Organisatie(
                werkplaats=self.werkplaats,
                naam=f"{rng.choice(woorden)} {self.bron.kort} {n + 1:02d}",
                soort=soort,
                plaats=self.bron.regio,
            )
            omvang = max(1, round(self.schaal.deelnemers * factor * rng.lognormvariate(0, 0.5)))
            org = Org(organisatie, omvang, sterk=rng.random() < 0.3, quickscan=rng.random() >= 0.12)
            # The first five always take part from the start, so a werkplaats has figures above the threshold.
            lot = rng.random() if n >= 5 else 1.0
            if lot < 0.05:
                org.later, org.zonder_scholing, org.vanaf = True, True, D(2015, 10, 1)
            elif lot < 0.15:
                org.later, org.vanaf = True, _dag(D(2014, 11, 1), D(2015, 3, 1), rng)
            elif lot < 0.19:
                org.gestopt_op = _dag(D(2014, 10, 1), D(2015, 6, 30), rng)
            self.organisaties.append(org)
        bulk_create_with_history([org.organisatie for org in self.organisaties], Organisatie, batch_size=BULK)

    # A trajectory with its phases, targets, participations, groups, sessions, people and leaders ---------------

    def traject(self, periode: Periode, methoden: list[Methode], deelnemers: list[Org]) -> Traject:
        rng = self.rng
        traject = traject_services.traject_opslaan(
            traject=Traject(
                werkplaats=self.werkplaats,
                naam=periode.naam,
                startdatum=periode.start,
                einddatum=periode.einde,
                doel="Professionals en hun organisaties scholen in de gekozen methoden en de invoering ervan "
                "in de organisaties ondersteunen (gegenereerd).",
            ),
            methoden_aangeboden=methoden,
            methoden=methoden,
        )
        self.fasen(traject, periode)
        for org in deelnemers:
            if periode.nummer == 1:
                k = min(len(methoden), rng.choices([1, 2, 3], [30, 40, 30])[0])
                org.methoden = sorted(rng.sample(methoden, k), key=methoden.index)
            self.deelname(traject, periode, org)
        inschrijvingen = self.scholing(traject, periode, methoden, deelnemers)
        self.buddies(inschrijvingen)
        self.leiders(traject, periode, deelnemers)
        for methode in methoden:
            geschoold = sum(1 for i in inschrijvingen if i.groep.methode_id == methode.pk)
            traject_services.streefwaarde_opslaan(
                streefwaarde=Streefwaarde(
                    traject=traject,
                    indicator=Streefwaarde.Indicator.PROFESSIONALS,
                    methode=methode,
                    waarde=max(5, 5 * round(geschoold * rng.uniform(0.9, 1.15) / 5)),
                )
            )
        traject_services.streefwaarde_opslaan(
            streefwaarde=Streefwaarde(
                traject=traject,
                indicator=Streefwaarde.Indicator.BUDDIES_PER_DEELNEMER,
                waarde=2,
                formulering=Streefwaarde.Formulering.MINIMAAL,
            )
        )
        return traject

    def fasen(self, traject: Traject, periode: Periode) -> None:
        """The four phases of the theory (the book, chapter 1) over the trajectory's months."""
        maanden = (periode.einde.year - periode.start.year) * 12 + periode.einde.month - periode.start.month
        grenzen = [round(maanden * f) for f in (0, 0.15, 0.45, 0.8)] + [maanden + 1]
        plan = [
            ("Start en scholing", Fase.Theorie.VERSPREIDING),
            ("Uitvoeren in de eigen praktijk", Fase.Theorie.ADOPTIE),
            ("Inbedding in de organisatie", Fase.Theorie.INVOERING),
            ("Borging", Fase.Theorie.BORGING),
        ]
        for nummer, (naam, theorie) in enumerate(plan, start=1):
            van, tot = grenzen[nummer - 1], max(grenzen[nummer - 1], grenzen[nummer] - 1)
            traject_services.fase_opslaan(
                fase=Fase(
                    traject=traject,
                    nummer=nummer,
                    naam=naam,
                    theorie=theorie,
                    startmaand=_maanden(periode.start, van).replace(day=1),
                    eindmaand=_maanden(periode.start, tot).replace(day=1),
                )
            )

    def deelname(self, traject: Traject, periode: Periode, org: Org) -> None:
        eerste = periode.nummer == 1
        gestopt_op = org.gestopt_op if eerste else None
        borging = ""
        if gestopt_op:
            borging = Deelname.Borging.GESTOPT
        elif eerste and not org.zonder_scholing:
            borging = Deelname.Borging.VOORTVAREND if org.sterk else self.rng.choice(BORGING)
        traject_services.deelname_opslaan(
            deelname=Deelname(
                traject=traject,
                organisatie=org.organisatie,
                vanaf=org.vanaf if eerste else periode.start,
                later_ingestapt=org.later and eerste,
                gestopt_op=gestopt_op,
                reden_stoppen="Gestopt na een reorganisatie (gegenereerd)." if gestopt_op else "",
                borging=borging,
                borging_toelichting="Gegenereerde toelichting." if borging else "",
            ),
            methoden=org.methoden if eerste else org.vervolg,
        )

    def scholing(
        self, traject: Traject, periode: Periode, methoden: list[Methode], deelnemers: list[Org]
    ) -> list[Inschrijving]:
        """People, the groups they fill and their sessions, and the enrolments, each in bulk. Most finish, about one
        in eleven drops out (with a reason; everyone of an organisation that stopped), a few of those come back."""
        rng = self.rng
        personen: list[Persoon] = []
        plannen: list[tuple[Persoon, Methode, datetime.date, Org]] = []  # (person, method, cohort, organisation)
        for org in deelnemers:
            if org.zonder_scholing:
                continue
            eigen = org.methoden if periode.nummer == 1 else org.vervolg
            # The trajectory's cohort, or for who joined later the first of the month after joining.
            cohort = max(periode.cohort, _maanden(org.vanaf, 1).replace(day=1))
            vrijwilligers = org.organisatie.soort == Organisatie.Soort.OVERIG
            for n in range(org.omvang if periode.nummer == 1 else max(1, org.omvang // 3)):
                soort = Persoon.Soort.VRIJWILLIGER if vrijwilligers and n % 2 else Persoon.Soort.PROFESSIONAL
                persoon = Persoon(organisatie=org.organisatie, naam=self.naam(), soort=soort)
                personen.append(persoon)
                plannen.append((persoon, eigen[n % len(eigen)], cohort, org))
                if len(eigen) > 1 and rng.random() < 0.15:  # a second method
                    plannen.append((persoon, eigen[(n + 1) % len(eigen)], cohort, org))
            if org.organisatie.soort == Organisatie.Soort.GEMEENTE and periode.nummer == 1:
                for _ in range(rng.randint(2, 6)):
                    persoon = Persoon(
                        organisatie=org.organisatie,
                        naam=self.naam(),
                        soort=Persoon.Soort.AMBTENAAR,
                        functie="Beleidsmedewerker sociaal domein",
                    )
                    personen.append(persoon)
                    plannen.append((persoon, eigen[0], cohort, org))
        bulk_create_with_history(personen, Persoon, batch_size=BULK)

        # Groups per method and cohort, each filled up to GROEPSGROOTTE, numbered per method in order of start.
        plannen.sort(key=lambda plan: (methoden.index(plan[1]), plan[2]))
        nummers = {m.pk: itertools.count(1) for m in methoden}
        trainers = f"trainers {self.bron.hogeschool}" if self.bron.hogeschool != ONBEKEND else "trainers lectoraat"
        groepen: list[tuple[Scholingsgroep, datetime.date]] = []
        open_groep: dict[tuple[int, datetime.date], tuple[Scholingsgroep, int]] = {}
        indeling = []
        for persoon, methode, cohort, org in plannen:
            groep, leden = open_groep.get((methode.pk, cohort), (None, GROEPSGROOTTE))
            if groep is None or leden >= GROEPSGROOTTE:
                groep, leden = (
                    Scholingsgroep(
                        traject=traject,
                        methode=methode,
                        nummer=next(nummers[methode.pk]),
                        trainers=trainers,
                        geplande_omvang=GROEPSGROOTTE,
                    ),
                    0,
                )
                groepen.append((groep, cohort))
            open_groep[methode.pk, cohort] = (groep, leden + 1)
            indeling.append((persoon, groep, cohort, org))
        bulk_create_with_history([groep for groep, _cohort in groepen], Scholingsgroep, batch_size=BULK)
        bijeenkomsten = []
        for groep, cohort in groepen:
            verdieping = min(_maanden(cohort, 6), periode.einde - datetime.timedelta(days=14))
            for soort, titel, datum, dagdelen in (
                (Bijeenkomst.Soort.BASISTRAINING, "Basistraining", cohort + datetime.timedelta(days=7), 2),
                (Bijeenkomst.Soort.VERDIEPING, "Verdiepingsbijeenkomst", verdieping, 1),
            ):
                bijeenkomsten.append(
                    Bijeenkomst(traject=traject, groep=groep, soort=soort, titel=titel, datum=datum, dagdelen=dagdelen)
                )
        bulk_create_with_history(bijeenkomsten, Bijeenkomst, batch_size=BULK)

        inschrijvingen: list[Inschrijving] = []
        redenen, gewichten = zip(*UITVAL_REDENEN, strict=True)
        for persoon, groep, cohort, org in indeling:
            start = cohort + datetime.timedelta(days=rng.randint(0, 6))
            einde = min(_maanden(start, 15), periode.einde - datetime.timedelta(days=31))
            inschrijving = Inschrijving(persoon=persoon, groep=groep, startdatum=start)
            lot = rng.random()
            if org.gestopt_op is not None and org.gestopt_op < einde and periode.nummer == 1:
                inschrijving.status = Inschrijving.Status.UITGEVALLEN
                inschrijving.einddatum = max(start, org.gestopt_op)
                inschrijving.uitvalreden = rng.choices(*zip(*STOP_REDENEN, strict=True))[0]
            elif lot < 0.09:
                inschrijving.status = Inschrijving.Status.UITGEVALLEN
                inschrijving.einddatum = _dag(start + datetime.timedelta(days=30), einde, rng)
                inschrijving.uitvalreden = rng.choices(redenen, gewichten)[0]
                if inschrijving.uitvalreden == Uitvalreden.ANDERS:
                    inschrijving.toelichting = "In de praktijk niet bezig met de methode (gegenereerd)."
            elif lot < 0.9 and einde > start:
                inschrijving.status = Inschrijving.Status.AFGEROND
                inschrijving.einddatum = einde
            inschrijvingen.append(inschrijving)
        terug = [
            Inschrijving(
                persoon=i.persoon, groep=i.groep, startdatum=i.einddatum + datetime.timedelta(days=rng.randint(60, 120))
            )
            for i in inschrijvingen
            if i.uitvalreden == Uitvalreden.TE_DRUK
            and i.einddatum is not None
            and i.einddatum < periode.einde - datetime.timedelta(days=150)
            and rng.random() < 0.2
        ]
        return bulk_create_with_history(inschrijvingen + terug, Inschrijving, batch_size=BULK)

    def buddies(self, inschrijvingen: list[Inschrijving]) -> None:
        """Two colleagues per professional as a rule, some none, one or three; some organisations take whole teams."""
        rng = self.rng
        teams = {org.organisatie.pk for org in self.organisaties if rng.random() < 0.15}
        buddies = []
        for inschrijving in inschrijvingen:
            persoon = inschrijving.persoon
            vanaf = inschrijving.startdatum + datetime.timedelta(days=rng.randint(7, 60))
            if persoon.soort != Persoon.Soort.PROFESSIONAL or (inschrijving.einddatum or vanaf) < vanaf:
                continue
            if persoon.organisatie_id in teams and rng.random() < 0.5:
                aantal, schatting = rng.randint(4, 12), rng.random() < 0.5
                buddies.append(
                    Buddy(
                        inschrijving=inschrijving,
                        naam="Het eigen team (hele team)",
                        is_team=True,
                        aantal=aantal,
                        is_schatting=schatting,
                        vanaf=vanaf,
                    )
                )
                continue
            for _ in range(rng.choices([0, 1, 2, 3], [8, 20, 55, 17])[0]):
                buddies.append(Buddy(inschrijving=inschrijving, naam=self.naam(), vanaf=vanaf))
        bulk_create_with_history(buddies, Buddy, batch_size=BULK)

    def leiders(self, traject: Traject, periode: Periode, deelnemers: list[Org]) -> None:
        """One or two leaders per organisation in training; a quarter leaves (with a reason), half of those are
        succeeded; everyone of an organisation that stopped leaves with it. In the follow-up, one who is still active
        leads again."""
        rng = self.rng
        for org in deelnemers:
            if org.zonder_scholing:
                continue
            if periode.nummer == 2:
                for leider in [leider for leider in org.leiders if leider.actief_tot is None][:1]:
                    scholing_services.implementatieleider_opslaan(
                        leider=Implementatieleider(
                            persoon=leider.persoon, traject=traject, functie=leider.functie, actief_vanaf=periode.start
                        )
                    )
                continue
            for _ in range(1 if rng.random() < 0.65 else 2):
                leider = self.leider(traject, org, org.vanaf)
                einde = org.gestopt_op
                if einde is None and not org.sterk and rng.random() < 0.25:
                    einde = _dag(_maanden(org.vanaf, 6), D(2015, 9, 30), rng)
                if einde is None:
                    continue
                einde = max(einde, org.vanaf)
                scholing_services.implementatieleider_stoppen(leider=leider, datum=einde, reden=rng.choice(LEIDERS_WEG))
                if org.gestopt_op is None and rng.random() < 0.5:
                    self.leider(traject, org, einde + datetime.timedelta(days=30))

    def leider(self, traject: Traject, org: Org, vanaf: datetime.date) -> Implementatieleider:
        functie = self.rng.choice(list(Implementatieleider.Functie))
        soort = Persoon.Soort.STAFMEDEWERKER if functie == Implementatieleider.Functie.STAFMEDEWERKER else None
        persoon = scholing_services.persoon_opslaan(
            persoon=Persoon(
                organisatie=org.organisatie,
                naam=self.naam(),
                soort=soort or Persoon.Soort.MANAGER,
                functie=str(functie.label).capitalize(),
            )
        )
        leider = scholing_services.implementatieleider_opslaan(
            leider=Implementatieleider(persoon=persoon, traject=traject, functie=functie, actief_vanaf=vanaf)
        )
        org.leiders.append(leider)
        return leider

    # Quickscans ---------------------------------------------------------------------------------------------------

    def quickscans(self, hoofd: Traject, vervolg: Traject | None) -> None:
        """Rounds (through `ronde_invullen`) every four to eight months while an organisation takes part and has a
        leader, scores rising from a level of its own; some organisations never score, some stop (overdue at the
        year's end), some rounds are partial, a few left as a concept. After a round, actions (in bulk) on one or two
        elements below the norm, most done before the next round."""
        rng = self.rng
        acties: list[Actie] = []
        for org in self.organisaties:
            if org.zonder_scholing or not org.leiders or not org.quickscan:
                continue
            basis, spreiding = (3.5, 0.5) if org.sterk else (2.1, 1.0)
            niveau = {e.pk: rng.gauss(basis + spreiding * ELEMENT_NIVEAU[e.code], 0.45) for e in self.elementen}
            groei = rng.uniform(0.15, 0.4)
            einde = org.gestopt_op or (VERVOLG.einde if vervolg and org.vervolg else HOOFD.einde)
            if rng.random() < 0.2 and einde > D(2015, 1, 1):
                einde = _dag(D(2015, 1, 1), einde, rng)
            datum = _maanden(org.vanaf, rng.randint(3, 8)) + datetime.timedelta(days=rng.randint(0, 20))
            vorige: tuple[Ronde, dict[int, int | None]] | None = None
            nummer = 0
            while datum <= einde and (datum <= HOOFD.einde or datum >= VERVOLG.start):
                traject = vervolg if vervolg and datum >= VERVOLG.start else hoofd
                scores: dict[int, int | None] = {
                    pk: max(1, min(5, round(basis + groei * nummer + rng.gauss(0, 0.35))))
                    for pk, basis in niveau.items()
                }
                if rng.random() < 0.08:  # a partial round: only the priority elements
                    for element in rng.sample(self.elementen, rng.randint(3, 5)):
                        scores[element.pk] = None
                ronde = self.ronde(org, traject, datum, scores, afronden=True)
                if vorige is not None:
                    acties += self.acties(*vorige, datum)
                vorige, nummer = (ronde, scores), nummer + 1
                datum = _maanden(datum, rng.choice([4, 5, 6, 6, 8])) + datetime.timedelta(days=rng.randint(-10, 10))
            if vorige is None:
                continue
            acties += self.acties(*vorige, None)
            if rng.random() < 0.05 and datum <= min(einde, HOOFD.einde):
                self.ronde(org, hoofd, datum, {self.elementen[0].pk: 3}, afronden=False)
        bulk_create_with_history(acties, Actie, batch_size=BULK)

    def ronde(
        self, org: Org, traject: Traject, datum: datetime.date, scores: dict[int, int | None], *, afronden: bool
    ) -> Ronde:
        leider = next((leider for leider in reversed(org.leiders) if leider.actief_vanaf <= datum), org.leiders[0])
        return quickscan_services.ronde_invullen(
            organisatie=org.organisatie,
            instrument=self.instrument,
            illustratief=True,
            gegevens={
                "datum": datum,
                "traject": traject,
                "methoden": org.vervolg if traject.startdatum == VERVOLG.start else org.methoden,
                "ingevuld_door": leider.persoon.naam,
                "functie": leider.persoon.functie,
                "vernieuwers": self.rng.choice([Ronde.Antwoord.JA, Ronde.Antwoord.NEE, ""]),
            },
            invoer={pk: quickscan_services.ElementInvoer(score=score) for pk, score in scores.items()},
            afronden=afronden,
        )

    def acties(self, ronde: Ronde, scores: dict[int, int | None], volgende: datetime.date | None) -> list[Actie]:
        rng = self.rng
        norm = self.instrument.norm
        zwak = [e for e in self.elementen if (score := scores.get(e.pk)) is not None and score < norm]
        if not zwak or rng.random() < 0.4:
            return []
        acties = []
        for element in rng.sample(zwak, min(len(zwak), rng.randint(1, 2))):
            gereed = volgende is not None and volgende > ronde.datum and rng.random() < 0.75
            acties.append(
                Actie(
                    ronde=ronde,
                    element=element,
                    omschrijving=ACTIES[element.code] + " (gegenereerd)",
                    eigenaar="Implementatieleider",
                    deadline=_maanden(ronde.datum, 2),
                    status=Actie.Status.GEREED if gereed else Actie.Status.BEZIG,
                    gereed_op=_dag(ronde.datum, volgende - datetime.timedelta(days=1), rng)
                    if gereed and volgende
                    else None,
                )
            )
        return acties
