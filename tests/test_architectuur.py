"""The import arrows of docs/architecture.md, checked on the source: an app imports only the apps below it.

    rapportage ──> quickscan ──┐
         │                     ├──> trajecten ──> werkplaats
         └────────> scholing ──┘

The demo app (`werkplaats.demo`) sits above all of them and nothing in the domain apps imports it.
"""

import ast
from pathlib import Path

import pytest

BASE = Path(__file__).resolve().parent.parent
APPS = ("werkplaats", "trajecten", "scholing", "quickscan", "rapportage")
DEMO = "werkplaats.demo"

MAG_IMPORTEREN = {
    "werkplaats": {"werkplaats"},
    "trajecten": {"trajecten", "werkplaats"},
    "scholing": {"scholing", "trajecten", "werkplaats"},
    "quickscan": {"quickscan", "trajecten", "werkplaats"},
    "rapportage": {"rapportage", "scholing", "quickscan", "trajecten", "werkplaats"},
    DEMO: {DEMO, *APPS},
}


def app_van(module: str) -> str | None:
    if module == DEMO or module.startswith(DEMO + "."):
        return DEMO
    top = module.split(".")[0]
    return top if top in APPS else None


def module_naam(pad: Path) -> str:
    delen = list(pad.relative_to(BASE).with_suffix("").parts)
    if delen[-1] == "__init__":
        delen.pop()
    return ".".join(delen)


def geimporteerd(pad: Path, bron: str | None = None) -> set[str]:
    """The project apps a module imports (absolute and relative imports, also inside functions)."""
    naam = module_naam(pad)
    pakket = naam if pad.name == "__init__.py" else naam.rpartition(".")[0]
    apps = set()
    for knoop in ast.walk(ast.parse(pad.read_text() if bron is None else bron, filename=str(pad))):
        if isinstance(knoop, ast.Import):
            modules = [alias.name for alias in knoop.names]
        elif isinstance(knoop, ast.ImportFrom):
            if knoop.level:
                basis = pakket.split(".")[: len(pakket.split(".")) - (knoop.level - 1)]
                doel = ".".join(basis + ([knoop.module] if knoop.module else []))
                modules = [doel] if knoop.module else [f"{doel}.{alias.name}" for alias in knoop.names]
            else:
                modules = [knoop.module or ""]
                modules += [f"{knoop.module}.{alias.name}" for alias in knoop.names]
        else:
            continue
        apps |= {app for module in modules if (app := app_van(module))}
    return apps


BRONBESTANDEN = [
    pytest.param(pad, id=str(pad.relative_to(BASE))) for app in APPS for pad in sorted((BASE / app).rglob("*.py"))
]


@pytest.mark.parametrize("pad", BRONBESTANDEN)
def test_imports_volgen_de_pijlen(pad):
    app = app_van(module_naam(pad))
    verboden = geimporteerd(pad) - MAG_IMPORTEREN[app]
    assert not verboden, f"{pad.relative_to(BASE)} ({app}) imports {sorted(verboden)}, against the arrows"


def test_de_controle_ziet_een_verboden_import():
    """The check itself: a core module importing scholing, or a domain module importing the demo, is caught."""
    kern = BASE / "werkplaats" / "voorbeeld.py"
    assert geimporteerd(kern, "from scholing.models import Persoon\n") - MAG_IMPORTEREN["werkplaats"] == {"scholing"}
    binnen_functie = "def f():\n    import rapportage.eindrapport\n"
    assert geimporteerd(kern, binnen_functie) == {"rapportage"}
    quickscan = BASE / "quickscan" / "voorbeeld.py"
    assert geimporteerd(quickscan, "from werkplaats.demo import trajecten\n") == {DEMO}
    assert geimporteerd(quickscan, "from werkplaats import demo\n") == {"werkplaats", DEMO}
    assert geimporteerd(BASE / "werkplaats" / "lib" / "voorbeeld.py", "from ..demo import kern\n") == {DEMO}
    assert geimporteerd(BASE / "werkplaats" / "demo" / "voorbeeld.py", "from . import trajecten\n") == {DEMO}
