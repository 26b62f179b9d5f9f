"""The OpenAPI description of the personal token (registered by importing this module, from `urls.py`)."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenAuthenticatieSchema(OpenApiAuthenticationExtension):
    target_class = "werkplaats.api_tokens.TokenAuthenticatie"
    name = "persoonlijkToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Een persoonlijk API-token (wp_…), aangemaakt op ‘Mijn account’.",
        }
