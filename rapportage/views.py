from __future__ import annotations

import datetime

from django.views.generic import DetailView

from scholing import selectors
from trajecten.models import Traject
from werkplaats.access import ZichtbaarMixin
from werkplaats.lib.datums import maandreeks
from werkplaats.models import Organisatie

from . import charts
from .forms import PeildatumForm
from .landelijk_fase import organisatie_fasen


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
        # Each listed organisation's implementation phase on the peildatum (over all its trajectories, the override
        # where a coordinator set one): four or five queries, whatever the number of organisations.
        fasen = organisatie_fasen(
            Organisatie.objects.filter(pk__in=[o.organisatie.pk for o in organisaties]), peildatum
        )
        return super().get_context_data(
            cijfers=cijfers,
            organisaties=organisaties,
            organisaties_met_fase=[(o, fasen.get(o.organisatie.pk)) for o in organisaties],
            verloop=verloop,
            verloop_svg=charts.verloop_svg(verloop),
            **kwargs,
        )
