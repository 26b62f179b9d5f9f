"""One Dutch word, two meanings: where the English differs, the source says which meaning with a context (pgettext,
`{% translate "..." context "..." %}`), and the catalogue translates each meaning on its own."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import TrajectFactory
from tests.werkplaats.test_talen import CATALOGUS, po_lezen


def test_een_context_staat_er_alleen_waar_het_engels_verschilt():
    """A msgid with a context translates differently from the same msgid without one (else the context is noise)."""
    teksten = po_lezen(CATALOGUS)
    zonder = {t.msgid: t.msgstr.get(0) for t in teksten if t.msgctxt is None}
    met = [t for t in teksten if t.msgctxt is not None]
    assert met, "the catalogue has no contexts at all"
    zelfde = [(t.msgctxt, t.msgid) for t in met if t.msgid in zonder and zonder[t.msgid] == t.msgstr.get(0)]
    assert zelfde == []


@pytest.mark.parametrize(
    ("context", "msgid", "engels", "zonder_context"),
    [
        ("voortgang van de PDF: het bestand wordt bewaard", "Opslaan", "Storing the file", "Save"),
        ("doel van een traject", "Doel", "Aim", "Purpose"),
        ("colofon: wie het rapport schreven", "Rapportage", "Written by", "Reporting"),
        ("disseminatie: conferenties en ateliers", "Bijeenkomsten", "Events", "Sessions"),
        ("aantal", "geen", "no", "none"),
    ],
)
def test_elke_betekenis_haar_eigen_engels(context, msgid, engels, zonder_context):
    with translation.override("en"):
        assert translation.pgettext(context, msgid) == engels
        assert translation.gettext(msgid) == zonder_context


@pytest.mark.django_db
def test_trajectpagina_noemt_het_doel_aim_en_de_privacypagina_purpose(world, client):
    traject = TrajectFactory(werkplaats=world.werkplaats)
    client.force_login(world.coordinator)
    client.cookies["django_language"] = "en"
    pagina = client.get(reverse("trajecten:traject_detail", args=[traject.pk])).content.decode()
    assert '<h2 id="doel-kop" class="h4">Aim</h2>' in pagina
    privacy = client.get(reverse("scholing:privacy")).content.decode()
    assert '<th scope="col">Purpose</th>' in privacy
