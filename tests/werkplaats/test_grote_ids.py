"""A 20-digit id in any model choice field is a 400 with a message, never a 500 (SQLite's OverflowError).

The forms are found, not listed: every page of the permission matrix is opened as a superuser, and every form,
formset and filter form in its context that has a `ModelChoiceField` or `ModelMultipleChoiceField` gets a post
(filters: a GET) with a 20-digit id in each of those fields.
"""

from __future__ import annotations

import pytest
from django import forms
from django.forms.formsets import BaseFormSet
from django.test.utils import ContextList
from django.urls import reverse

from tests.test_permissions import BEHEERDER, RULES

GROOT = "1" + "0" * 19  # 10**19: past SQLite's 64-bit integers
KEUZEVELDEN = (forms.ModelChoiceField, forms.ModelMultipleChoiceField)


def _keuzevelden(form) -> dict[str, object]:
    return {
        form.add_prefix(naam): [GROOT] if isinstance(veld, forms.ModelMultipleChoiceField) else GROOT
        for naam, veld in form.fields.items()
        if isinstance(veld, KEUZEVELDEN)
    }


def _formulieren(context) -> tuple[dict, dict]:
    """(post data, filter data) with a huge id in every model choice field of the page's forms."""
    post: dict = {}
    filters: dict = {}
    waarden = {}
    for deel in context if isinstance(context, ContextList) else [context]:
        waarden.update({id(w): w for w in deel.flatten().values()})
    for waarde in waarden.values():
        if isinstance(waarde, BaseFormSet):
            beheer = waarde.management_form
            post.update({beheer.add_prefix(n): beheer.initial.get(n, 0) for n in beheer.fields})
            for form in waarde.forms:
                post.update(_keuzevelden(form))
        elif isinstance(waarde, forms.BaseForm):
            post.update(_keuzevelden(waarde))
        elif hasattr(waarde, "form") and hasattr(waarde, "qs"):  # a django-filter FilterSet
            filters.update(_keuzevelden(waarde.form))
    return post, filters


def _paginas():
    return [naam for naam, regel in sorted(RULES.items()) if regel.method == "get" and regel.verwacht(BEHEERDER) == 200]


@pytest.mark.usefixtures("pdf_zonder_opmaak")  # the downloads among the pages have no forms
def test_twintig_cijfers_in_elk_keuzeveld_geeft_400(client, gedeelde_matrix):
    world = gedeelde_matrix
    client.force_login(world.beheerder)
    geprobeerd = []
    for naam in _paginas():
        url = reverse(naam, kwargs=RULES[naam].kwargs(world))
        response = client.get(url)
        if response.status_code != 200 or response.context is None:
            continue
        post, filters = _formulieren(response.context)
        if filters:
            assert client.get(url, filters).status_code == 200, f"{naam}: filter met een te groot id"
            geprobeerd.append(f"{naam} (filter)")
        if any(value == GROOT or value == [GROOT] for value in post.values()):
            response = client.post(url, post)
            if response.status_code == 405:  # the page's form posts to another URL, which has its own turn
                continue
            # 400 with the message next to the field; a view that looks the id up itself may answer 404.
            assert response.status_code in (400, 404), f"{naam}: {response.status_code}"
            geprobeerd.append(naam)
    assert len(geprobeerd) >= 19, geprobeerd
