from __future__ import annotations

import datetime

from django.views.generic import DetailView

from scholing import selectors
from trajecten.models import Traject
from werkplaats.access import ZichtbaarMixin
from werkplaats.lib.datums import maandreeks

from . import charts
from .forms import PeildatumForm


class DashboardView(ZichtbaarMixin, DetailView):
    """The coordinator's dashboard: every target against its realised figure, as of a peildatum."""

    model = Traject
    template_name = "rapportage/dashboard.html"
    context_object_name = "traject"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = PeildatumForm(request.GET or None, traject=self.object)
        if request.GET and not form.is_valid():
            peildatum = form.standaard()
            status = 400
        else:
            peildatum = form.cleaned_data["peildatum"] if request.GET else form.standaard()
            status = 200
        context = self.get_context_data(object=self.object, form=form, peildatum=peildatum)
        return self.render_to_response(context, status=status)

    def get_context_data(self, *, peildatum: datetime.date, **kwargs):
        traject = self.object
        cijfers = selectors.traject_cijfers(traject, peildatum)
        organisaties = selectors.organisatiecijfers_voor(self.request.user, traject, cijfers)
        verloop = selectors.verloop(traject, maandreeks(traject.startdatum, peildatum))
        return super().get_context_data(
            cijfers=cijfers,
            organisaties=organisaties,
            verloop=verloop,
            verloop_svg=charts.verloop_svg(verloop),
            **kwargs,
        )
