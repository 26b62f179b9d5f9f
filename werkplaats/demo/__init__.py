"""The demo: Wmo-werkplaats Noord and its implementation trajectory 2014-2015, as the end report describes them.

Its own app (label `demo`), outside the domain apps, so that no production package carries demo data: one module per
domain app (`kern` for the core, then `trajecten`, `scholing`, `quickscan`, `rapportage`), each with a `laden()` that
writes through that app's services and changes nothing when run twice. `load_demo` (in this app) runs them in that
order and refuses to run with debug off unless told `--ook-zonder-debug`: the demo makes accounts, a superuser among
them, with a published password.
"""

from __future__ import annotations

# The password of every demo account (printed by `load_demo`, shown in the README).
DEMO_PASSWORD = "werkplaats-demo"


def laden() -> None:
    """Load the whole demo in one transaction, the core first, then the apps in the order of their arrows."""
    from django.db import transaction

    from . import kern, quickscan, rapportage, scholing, trajecten

    with transaction.atomic():
        for module in (kern, trajecten, scholing, quickscan, rapportage):
            module.laden()


def bestaande_logins() -> list[tuple[str, str]]:
    """The demo accounts present in the database, with what each may do."""
    from .kern import bestaande_logins

    return bestaande_logins()
