"""The API's documentation page of our own: the OpenAPI schema drf-spectacular generates, rendered as an ordinary page
of the app (base.html: accessible, no script). Swagger UI (`api:swagger`) is the interactive companion."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.translation import get_language
from django.views.generic import TemplateView
from drf_spectacular.generators import SchemaGenerator

from werkplaats.landelijk import LandelijkToegestaanMixin


@lru_cache(maxsize=4)
def _schema(taal: str | None) -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def schema() -> dict[str, Any]:
    """The schema in the active language, generated once per process and language (it follows from the code)."""
    return _schema(get_language())


def _type(veld: dict[str, Any], componenten: dict[str, Any]) -> str:
    if "$ref" in veld:
        naam = veld["$ref"].rsplit("/", 1)[-1]
        component = componenten.get(naam, {})
        return " | ".join(map(str, component["enum"])) if "enum" in component else naam
    if "allOf" in veld or "oneOf" in veld:
        return " | ".join(_type(deel, componenten) for deel in veld.get("allOf", veld.get("oneOf", [])))
    if veld.get("type") == "array":
        return f"[{_type(veld.get('items', {}), componenten)}]"
    tekst = veld.get("format") or veld.get("type", "object")
    if "enum" in veld:
        tekst = " | ".join(map(str, veld["enum"]))
    return tekst


def eindpunten() -> list[dict[str, Any]]:
    """Per path and method: what it answers, its parameters and the fields of what it returns."""
    gegevens = schema()
    componenten = gegevens.get("components", {}).get("schemas", {})
    lijst = []
    for pad, methoden in gegevens.get("paths", {}).items():
        for methode, operatie in methoden.items():
            antwoord = operatie.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {})
            ref = antwoord.get("schema", {}).get("$ref", "")
            naam = ref.rsplit("/", 1)[-1]
            component = componenten.get(naam, {})
            gepagineerd = naam.startswith("Paginated")
            if gepagineerd:
                items = component.get("properties", {}).get("results", {}).get("items", {})
                naam = items.get("$ref", "").rsplit("/", 1)[-1]
                component = componenten.get(naam, {})
            lijst.append(
                {
                    "id": operatie.get("operationId", ""),
                    "methode": methode.upper(),
                    "pad": pad,
                    "beschrijving": operatie.get("description", ""),
                    "parameters": [
                        {
                            "naam": p["name"],
                            "waar": p["in"],
                            "type": _type(p.get("schema", {}), componenten),
                            "beschrijving": p.get("description", ""),
                        }
                        for p in operatie.get("parameters", [])
                    ],
                    "gepagineerd": gepagineerd,
                    "antwoord": naam,
                    "velden": [
                        {
                            "naam": veld,
                            "type": _type(definitie, componenten),
                            "leeg": definitie.get("nullable", False),
                            "beschrijving": definitie.get("description", ""),
                        }
                        for veld, definitie in component.get("properties", {}).items()
                    ],
                }
            )
    return lijst


class ApiDocumentatieView(LandelijkToegestaanMixin, LoginRequiredMixin, TemplateView):
    template_name = "rapportage/api_documentatie.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(eindpunten=eindpunten(), **kwargs)
