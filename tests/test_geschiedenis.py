"""Every domain model of our apps keeps its history (django-simple-history): who changed what, and when.

The models are read from the app registry, not listed: a new model without `history = HistoricalRecords()` fails
here unless it is in `ZONDER_GESCHIEDENIS` with the reason why.
"""

from __future__ import annotations

from django.apps import apps

APPS = ["werkplaats", "trajecten", "scholing", "quickscan", "rapportage"]

ZONDER_GESCHIEDENIS = {
    # A preview of an import: the parsed rows for a few minutes, until the coordinator confirms or leaves.
    "scholing.Importvoorbeeld": "tijdelijk voorbeeld van een import, geen gegevens van het domein",
    # The log of erasures: written once, never changed; a history would keep the erased person in a second table.
    "scholing.Verwijdering": "logboek van verwijderingen: één keer geschreven, nooit gewijzigd",
    # What happens to an account is logged in Accountwijziging (invited, roles given and taken, (de)activated, by
    # whom); a history of the user row would also copy every password hash and last-login time.
    "werkplaats.User": "accountwijzigingen staan in Accountwijziging; geen kopie van wachtwoord-hashes",
    # The logs themselves: written once by their service (the mail's status changes as it is sent and retried).
    "werkplaats.Accountwijziging": "logboek: één keer geschreven, nooit gewijzigd",
    "werkplaats.Mailbericht": "logboek van verzonden e-mail: verzendstatus, geen gegevens van het domein",
}


def _domeinmodellen():
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical") or model._meta.proxy or model._meta.auto_created:
                continue
            yield model


def _naam(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def test_elk_domeinmodel_heeft_geschiedenis():
    zonder = {
        _naam(model)
        for model in _domeinmodellen()
        if not hasattr(model, "history") or getattr(model._meta, "simple_history_manager_attribute", None) is None
    }
    toegestaan = set(ZONDER_GESCHIEDENIS)
    assert zonder - toegestaan == set(), "domeinmodellen zonder geschiedenis"


def test_uitzonderingen_bestaan_en_zijn_echt_zonder_geschiedenis():
    namen = {_naam(model): model for model in _domeinmodellen()}
    for naam in ZONDER_GESCHIEDENIS:
        assert naam in namen, f"{naam} bestaat niet meer: haal het van de lijst"
        assert not hasattr(namen[naam], "history"), f"{naam} heeft nu geschiedenis: haal het van de lijst"
