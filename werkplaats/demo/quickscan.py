"""Demo quickscans for Wmo-werkplaats Noord.

All scores are ILLUSTRATIVE (marked `illustratief`): the source shows only that Het Oude Ambt scored twice
(9 May and 7 October 2014) and that four elements rose; which ones is not recoverable, so the set below is
one reconstruction consistent with the seed (domain.md 2.6). The other organisations' rounds are invented to
show a partial round, a four-round trend and (on PEILDATUM, inside the trajectory) due and overdue rounds.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from quickscan import services
from quickscan import team as teamscoring
from quickscan.models import Actie, Element, QuickscanInstelling, Ronde
from trajecten.models import Traject
from werkplaats.models import Afdeling, Organisatie, User, Werkplaats

CODES = [
    "missie",
    "uitgangspunten",
    "beleid",
    "procedures",
    "activiteiten",
    "verslaglegging",
    "netwerk",
    "organisatiecultuur",
]
HOA_1 = [3, 3, 2, 2, 3, 2, 4, 2]
HOA_2 = [3, 3, 3, 3, 3, 3, 4, 3]

# organisation, team, date, filled in by, function, scores (None = not scored)
RONDES = [
    (
        "Het Oude Ambt",
        "Sociale gebiedsteams",
        datetime.date(2014, 5, 9),
        "Demo Implementatieleider",
        "Manager HOA",
        HOA_1,
    ),
    (
        "Het Oude Ambt",
        "Sociale gebiedsteams",
        datetime.date(2014, 10, 7),
        "Demo Implementatieleider",
        "Manager HOA",
        HOA_2,
    ),
    (
        "MEE Groningen",
        None,
        datetime.date(2014, 5, 20),
        "Demo Beleidsmedewerker",
        "Beleidsmedewerker",
        [4, 3, 3, 2, 2, 2, 3, 3],
    ),
    (
        "MEE Groningen",
        None,
        datetime.date(2014, 9, 16),
        "Demo Beleidsmedewerker",
        "Beleidsmedewerker",
        [4, 3, 3, 2, 3, 2, 3, 3],
    ),
    (
        "MEE Groningen",
        None,
        datetime.date(2015, 1, 13),
        "Demo Beleidsmedewerker",
        "Beleidsmedewerker",
        [4, 4, 3, 3, 3, 2, 3, 3],
    ),
    (
        "MEE Groningen",
        None,
        datetime.date(2015, 5, 12),
        "Demo Beleidsmedewerker",
        "Beleidsmedewerker",
        [4, 4, 4, 3, 4, 3, 4, 3],
    ),
    (
        "Gemeente Tynaarlo",
        "Sociaal team",
        datetime.date(2014, 6, 3),
        "Demo Teamleider",
        "Teamleider sociaal team",
        [3, 3, 2, 1, 3, 2, 3, 2],
    ),
    (
        "Gemeente Tynaarlo",
        "Sociaal team",
        datetime.date(2014, 11, 4),
        "Demo Teamleider",
        "Teamleider sociaal team",
        [3, 3, 3, 2, 3, 2, 3, 3],
    ),
    # A partial round: only the priority elements were scored.
    ("Promens Care", None, datetime.date(2014, 6, 17), "Demo Manager", "Manager", [None, None, 2, 2, 3, 2, None, None]),
    ("NOVO", None, datetime.date(2014, 7, 1), "Demo Stafmedewerker", "Stafmedewerker", [3, 2, 2, 2, 3, 2, 3, 2]),
]

# The second HOA round was discussed in the team meeting (issue 16): four team members and the leader scored first;
# the round's scores (HOA_2) are the consensus. Illustrative, like every demo score. (score, note) or a score.
TEAMRONDE = datetime.date(2014, 10, 7)
GESCOORD_OP = datetime.date(2014, 10, 1)
TEAMLEDEN = [
    ("Fatima", [3, (4, "We noemen eigen kracht in elk gesprek."), 3, 2, 3, 3, 4, (3, "Meer tijd voor casuïstiek.")]),
    (
        "Jeroen",
        [2, 3, (3, "Het beleidsplan is nu vastgesteld."), 3, 3, (2, "Het verslagformulier is nog nieuw."), 4, 2],
    ),
    ("Linda", [3, 3, 4, (3, "Werkproces staat op papier; nog niet iedereen werkt ermee."), None, 3, 5, 3]),
    ("Sander", [None, None, 3, 3, 4, 3, (4, "Goede lijnen met de wijkteams."), None]),
]
LEIDER_SCORES = [3, 3, 3, 3, 3, 3, 4, 3]

# Late in the trajectory 2014-2015, so that on PEILDATUM the planning shows every status: Timpaan on schedule,
# Tinten due, Het Oude Ambt and MEE overdue, Lentis without a round. Every round lies in the trajectory's period:
# after its end (on any real date since) no organisation is due or overdue (quickscan.selectors.cadans).
PEILDATUM = datetime.date(2015, 11, 30)
RECENT = [
    ("Timpaan Welzijn", datetime.date(2015, 10, 20), "Demo Manager", "Manager welzijn", [4, 4, 3, 3, 4, 3, 4, 4]),
    ("Tinten", datetime.date(2015, 8, 18), "Demo Manager", "Manager", [3, 3, 3, 2, 3, 3, 2, 3]),
]

# Actions after the first HOA round, for its four elements below the norm; done before the second round.
HOA_ACTIES = [
    ("beleid", "Wmo-uitgangspunten opnemen in het beleidsplan van de sociale gebiedsteams", datetime.date(2014, 9, 1)),
    (
        "procedures",
        "Werkproces van aanmelding tot evaluatie vastleggen, met Het Gesprek als vaste stap",
        datetime.date(2014, 9, 15),
    ),
    ("verslaglegging", "Verslagformulier aanpassen aan het ondersteuningsplan", datetime.date(2014, 9, 30)),
    (
        "organisatiecultuur",
        "Teambijeenkomst over eigen kracht en participatie met casuïstiek",
        datetime.date(2014, 6, 30),
    ),
]


@transaction.atomic
def laden() -> None:
    werkplaats = Werkplaats.objects.get(naam="Wmo-werkplaats Noord")
    if not QuickscanInstelling.objects.filter(werkplaats=werkplaats).exists():
        services.instelling_opslaan(instelling=QuickscanInstelling(werkplaats=werkplaats))
    if Ronde.objects.filter(organisatie__werkplaats=werkplaats).exists():
        return
    traject = Traject.objects.filter(werkplaats=werkplaats).order_by("startdatum").first()
    rondes = [*RONDES, *[(o, None, datum, n, f, s) for o, datum, n, f, s in RECENT]]
    hoa_rondes = []
    for organisatie_naam, team, datum, naam, functie, scores in rondes:
        organisatie = Organisatie.objects.get(werkplaats=werkplaats, naam=organisatie_naam)
        afdeling = Afdeling.objects.get(organisatie=organisatie, naam=team) if team else None
        met_team = (organisatie_naam, datum) == ("Het Oude Ambt", TEAMRONDE)
        ronde = _ronde(organisatie, afdeling, datum, naam, functie, scores, traject, afronden=not met_team)
        if met_team:
            _teambespreking(ronde)
        if organisatie_naam == "Het Oude Ambt":
            hoa_rondes.append(ronde)
    eerste = hoa_rondes[0]
    for code, omschrijving, gereed in HOA_ACTIES:
        services.actie_opslaan(
            actie=Actie(
                ronde=eerste,
                element=Element.objects.get(instrument=eerste.instrument, code=code),
                omschrijving=omschrijving,
                eigenaar="Teamleider sociale gebiedsteams",
                deadline=gereed,
                status=Actie.Status.GEREED,
                gereed_op=gereed,
            )
        )


def _ronde(organisatie, afdeling, datum, naam, functie, scores, traject, *, afronden: bool = True) -> Ronde:
    instrument = services.standaard_instrument()
    elementen = {e.code: e.pk for e in instrument.elementen.all()}
    gegevens = {
        "afdeling": afdeling,
        "datum": datum,
        "ingevuld_door": naam,
        "functie": functie,
        "gereedheid": "Ja: het management steunt de invoering en de teams zijn net gestart.",
        "veranderingsgeschiedenis": "Eerdere reorganisaties kostten veel energie; het team is er wel aan gewend.",
        "capaciteit_tijd": "Twee uur per week voor de implementatieleider.",
        "vernieuwers": Ronde.Antwoord.JA,
    }
    deelname = traject.deelnames.filter(organisatie=organisatie).first() if traject else None
    if deelname is not None and datum <= traject.einddatum:
        gegevens.update(traject=traject, methoden=list(deelname.methoden.all()))
    return services.ronde_invullen(
        organisatie=organisatie,
        instrument=instrument,
        illustratief=True,
        gegevens=gegevens,
        invoer={
            elementen[code]: services.ElementInvoer(score=score) for code, score in zip(CODES, scores, strict=True)
        },
        afronden=afronden,
    )


def _teambespreking(ronde: Ronde) -> None:
    """The second HOA round as a team meeting: the team scored first (with names, for the leader), the round's scores
    are the consensus (HOA_2), and it is submitted after the meeting."""
    scoring = teamscoring.teamscoring_opslaan(
        ronde=ronde, deadline=TEAMRONDE - datetime.timedelta(days=1), anoniem=False
    )
    elementen = {e.code: e.pk for e in ronde.instrument.elementen.all()}
    leider = User.objects.filter(username="leider.hoa").first()
    leden = [
        teamscoring.teamlid_uitnodigen(
            teamscoring=scoring, naam=naam, email=f"{naam.lower()}@example.org", mailen=False, vandaag=GESCOORD_OP
        )
        for naam, _scores in TEAMLEDEN
    ]
    if leider is not None:
        leden.append(
            teamscoring.teamlid_uitnodigen(teamscoring=scoring, user=leider, mailen=False, vandaag=GESCOORD_OP)
        )
    for lid, (_naam, scores) in zip(leden, [*TEAMLEDEN, ("", LEIDER_SCORES)], strict=False):
        invoer = {
            elementen[code]: teamscoring.TeamInvoer(*(waarde if isinstance(waarde, tuple) else (waarde, "")))
            for code, waarde in zip(CODES, scores, strict=True)
        }
        teamscoring.teamscores_opslaan(teamlid=lid, invoer=invoer, vandaag=GESCOORD_OP)
    services.ronde_afronden(ronde=ronde)
