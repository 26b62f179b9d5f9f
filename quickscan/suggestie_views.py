"""The suggestions for the action plan per instrument version (issue 16): a list, and create and edit pages.

The instrument is shared by every werkplaats, and its content belongs to the research group: the lectoraat (of any
werkplaats) and superusers change the suggestions (`Suggestie.mag_beheren`), coordinators read them, leaders meet them
on the action form. Nothing is deleted: a suggestion is archived (a field of the edit form). Edits carry the version
they were opened with (`werkplaats.views.ServiceFormMixin`: a stale save is a 409 with the input kept).
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, UpdateView

from werkplaats.views import ServiceFormMixin

from . import services
from .forms import SuggestieForm
from .models import Element, Instrument, Suggestie


class SuggestieLezenMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not Suggestie.mag_lezen(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SuggestieBeherenMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not Suggestie.mag_beheren(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SuggestieListView(SuggestieLezenMixin, DetailView):
    """The suggestions of one instrument version, per element, archived ones last. Two queries for the rows."""

    model = Instrument
    template_name = "quickscan/suggestie_list.html"
    context_object_name = "instrument"

    def get_context_data(self, **kwargs):
        elementen = self.object.elementen.prefetch_related(
            Prefetch("suggesties", queryset=Suggestie.objects.order_by("gearchiveerd", "volgorde", "pk"))
        )
        return super().get_context_data(
            elementen=elementen,
            instrumenten=Instrument.objects.order_by("naam", "-versie"),
            mag_beheren=Suggestie.mag_beheren(self.request.user),
            **kwargs,
        )


class SuggestieFormMixin(SuggestieBeherenMixin, ServiceFormMixin):
    model = Suggestie
    form_class = SuggestieForm
    template_name = "quickscan/suggestie_form.html"
    success_message = _("Suggestie opgeslagen.")

    def instrument(self) -> Instrument:
        raise NotImplementedError

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instrument": self.instrument()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(instrument=self.instrument(), **kwargs)

    def save(self, form):
        return services.suggestie_opslaan(suggestie=form.save(commit=False))

    def get_success_url(self):
        return reverse("quickscan:suggestie_list", kwargs={"pk": self.instrument().pk}) + (
            f"#element-{self.object.element.code}"
        )


class SuggestieCreateView(SuggestieFormMixin, CreateView):
    def instrument(self) -> Instrument:
        if not hasattr(self, "_instrument"):
            self._instrument = get_object_or_404(Instrument, pk=self.kwargs["pk"])
        return self._instrument

    def get_initial(self):
        element = Element.objects.filter(instrument=self.instrument(), code=self.request.GET.get("element")).first()
        return {"element": element} if element else {}


class SuggestieUpdateView(SuggestieFormMixin, UpdateView):
    def get_queryset(self):
        return Suggestie.objects.select_related("element__instrument")

    def instrument(self) -> Instrument:
        return self.object.element.instrument  # get() and post() fetch the object first
