"""The account pages: a coordinator keeps the people of their werkplaats; everyone resets a forgotten password and
accepts an invitation. Reads are in `accounts.py`, writes in `services.py`, mail in `mail.py`.

Who may do what: the pages of a werkplaats's accounts are for its coordinators (and superusers). Another
werkplaats's page, or an account outside the werkplaats, is a 404; leaders and lectoraat get 403 (they manage no
accounts). A coordinator does not change a superuser's account, nor deactivate their own.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from django_tables2 import SingleTableMixin

from . import accounts, mail, services, tweestaps, vergrendeling
from .access import CoordinatorVereistMixin
from .forms import AccountInstellingenForm, RolKeuzeForm, UitnodigingForm, WachtwoordHerstelForm
from .models import Accountwijziging, Mailbericht, Organisatie, Rol, User, Werkplaats
from .tables import AccountTable, MailberichtTable
from .views import FormStatusMixin, fouten_tonen


class WerkplaatsAccountsMixin(CoordinatorVereistMixin):
    """Pages under one werkplaats (`pk` or `werkplaats` in the URL): 403 without a coordinator role anywhere, 404 for a
    werkplaats the user does not coordinate."""

    werkplaats_kwarg = "pk"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_coordinator:
            self.werkplaats = get_object_or_404(
                accounts.beheerde_werkplaatsen(request.user), pk=kwargs[self.werkplaats_kwarg]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs["werkplaats"] = self.werkplaats  # also the name of a URL argument, which TemplateView passes on
        return super().get_context_data(**kwargs)


def _werkplaats(request, pk: int) -> Werkplaats:
    if not request.user.is_coordinator:
        raise PermissionDenied
    return get_object_or_404(accounts.beheerde_werkplaatsen(request.user), pk=pk)


def _account(werkplaats: Werkplaats, pk: int) -> User:
    return get_object_or_404(accounts.accounts_van(werkplaats), pk=pk)


def _mag_wijzigen(request, account: User) -> None:
    """A coordinator changes the accounts of their werkplaats, but not a superuser's."""
    if account.is_superuser and not request.user.is_superuser:
        raise PermissionDenied


class AccountStartView(CoordinatorVereistMixin, TemplateView):
    """The menu's "Accounts": straight to the werkplaats's list, or a choice when a user coordinates several."""

    template_name = "werkplaats/account_start.html"

    def get(self, request, *args, **kwargs):
        werkplaatsen = list(accounts.beheerde_werkplaatsen(request.user))
        if len(werkplaatsen) == 1:
            return redirect("werkplaats:account_list", pk=werkplaatsen[0].pk)
        return self.render_to_response(self.get_context_data(werkplaatsen=werkplaatsen))


class AccountListView(WerkplaatsAccountsMixin, SingleTableMixin, TemplateView):
    template_name = "werkplaats/account_list.html"
    table_class = AccountTable

    def get_table_data(self):
        return accounts.accounts_van(self.werkplaats)

    def get_table_kwargs(self):
        return {"werkplaats": self.werkplaats}

    def get_context_data(self, **kwargs):
        mislukt = Mailbericht.objects.filter(werkplaats=self.werkplaats, status=Mailbericht.Status.MISLUKT).count()
        return super().get_context_data(mislukte_mails=mislukt, **kwargs)


class UitnodigingView(WerkplaatsAccountsMixin, FormStatusMixin, FormView):
    """Invite a person by name and e-mail address, with one role; they get a mail with a link to choose a password."""

    form_class = UitnodigingForm
    template_name = "werkplaats/account_uitnodigen.html"

    def post(self, request, *args, **kwargs):
        organisatie = request.POST.get("organisatie", "").strip()
        # An organisation of another werkplaats does not exist for this page (no hint that it exists elsewhere).
        if organisatie and (
            not organisatie.isdigit()
            or not Organisatie.objects.filter(pk=organisatie, werkplaats=self.werkplaats).exists()
        ):
            raise Http404
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "werkplaats": self.werkplaats}

    def get_initial(self):
        return {"organisatie": self.request.GET.get("organisatie")} if self.request.GET.get("organisatie") else {}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            self.object = services.account_uitnodigen(
                voornaam=data["voornaam"],
                achternaam=data["achternaam"],
                email=data["email"],
                soort=data["soort"],
                werkplaats=self.werkplaats,
                organisatie=data["organisatie"],
                door=self.request.user,
            )
        except ValidationError as error:
            fouten_tonen(form, error, {"username": "email"})
            return self.form_invalid(form)
        bericht = self.object.mailberichten.order_by("-pk").first()
        if bericht is not None and bericht.status == Mailbericht.Status.MISLUKT:
            messages.warning(
                self.request,
                _(
                    "Het account van %(naam)s is aangemaakt, maar de uitnodiging is niet verzonden. "
                    "Verstuur haar opnieuw."
                )
                % {"naam": self.object},
            )
        else:
            messages.success(self.request, _("%(naam)s is uitgenodigd.") % {"naam": self.object})
        return HttpResponseRedirect(
            reverse("werkplaats:account_detail", kwargs={"werkplaats": self.werkplaats.pk, "pk": self.object.pk})
        )


class AccountDetailView(WerkplaatsAccountsMixin, TemplateView):
    """One person: their roles, the history of their account (who gave which role when) and the mails they got."""

    template_name = "werkplaats/account_detail.html"
    werkplaats_kwarg = "werkplaats"

    def get_context_data(self, **kwargs):
        account = _account(self.werkplaats, self.kwargs["pk"])
        return super().get_context_data(
            account=account,
            mag_wijzigen=not account.is_superuser or self.request.user.is_superuser,
            rol_form=kwargs.pop("rol_form", None) or RolKeuzeForm(werkplaats=self.werkplaats),
            wijzigingen=Accountwijziging.objects.filter(account=account).select_related(
                "door", "werkplaats", "organisatie"
            ),
            mailberichten=account.mailberichten.select_related("organisatie")[:20],
            vergrendeling=vergrendeling.vergrendeling_van(account),
            **kwargs,
        )


@require_POST
def account_rol_toevoegen(request, werkplaats: int, pk: int):
    werkplaats_obj = _werkplaats(request, werkplaats)
    account = _account(werkplaats_obj, pk)
    _mag_wijzigen(request, account)
    form = RolKeuzeForm(request.POST, werkplaats=werkplaats_obj)
    if form.is_valid():
        try:
            services.account_rol_toevoegen(
                user=account,
                soort=form.cleaned_data["soort"],
                werkplaats=werkplaats_obj,
                organisatie=form.cleaned_data["organisatie"],
                door=request.user,
            )
        except ValidationError as error:
            fouten_tonen(form, error)
        else:
            messages.success(request, _("De rol is toegekend."))
            return redirect("werkplaats:account_detail", werkplaats=werkplaats_obj.pk, pk=account.pk)
    view = AccountDetailView(request=request, kwargs={"werkplaats": werkplaats_obj.pk, "pk": pk}, args=())
    view.werkplaats = werkplaats_obj
    return render(request, view.template_name, view.get_context_data(rol_form=form), status=400)


def _actie(request, werkplaats: int, pk: int, uitvoeren, gelukt: str) -> HttpResponse:
    """A POST action on an account: its service's refusal is shown on the account's page with a 400."""
    werkplaats_obj = _werkplaats(request, werkplaats)
    account = _account(werkplaats_obj, pk)
    _mag_wijzigen(request, account)
    try:
        uitvoeren(werkplaats_obj, account)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        view = AccountDetailView(request=request, kwargs={"werkplaats": werkplaats_obj.pk, "pk": pk}, args=())
        view.werkplaats = werkplaats_obj
        return render(request, view.template_name, view.get_context_data(), status=400)
    messages.success(request, gelukt)
    return redirect("werkplaats:account_detail", werkplaats=werkplaats_obj.pk, pk=account.pk)


@require_POST
def account_rol_intrekken(request, werkplaats: int, pk: int, rol: int):
    def uitvoeren(werkplaats_obj, account):
        gevonden = get_object_or_404(
            Rol.objects.filter(Q(werkplaats=werkplaats_obj) | Q(organisatie__werkplaats=werkplaats_obj)),
            pk=rol,
            user=account,
        )
        services.account_rol_intrekken(rol=gevonden, door=request.user)

    return _actie(request, werkplaats, pk, uitvoeren, _("De rol is ingetrokken."))


@require_POST
def account_opnieuw_uitnodigen(request, werkplaats: int, pk: int):
    def uitvoeren(werkplaats_obj, account):
        services.account_opnieuw_uitnodigen(user=account, werkplaats=werkplaats_obj, door=request.user)

    return _actie(request, werkplaats, pk, uitvoeren, _("De uitnodiging is opnieuw verstuurd."))


def _alleen_hier(werkplaats_obj: Werkplaats, account: User, request) -> None:
    """Deactivating reaches every werkplaats of the account: only when the coordinator manages all of them."""
    if request.user.is_superuser:
        return
    beheerd = request.user.werkplaats_ids(Rol.Soort.COORDINATOR)
    for rol in account.rollen.select_related("organisatie"):
        if (rol.werkplaats_id or rol.organisatie.werkplaats_id) not in beheerd:
            raise ValidationError(
                _(
                    "Deze persoon heeft ook een rol in een andere werkplaats; "
                    "vraag de beheerder het account te wijzigen."
                )
            )


@require_POST
def account_deactiveren(request, werkplaats: int, pk: int):
    def uitvoeren(werkplaats_obj, account):
        _alleen_hier(werkplaats_obj, account, request)
        services.account_deactiveren(user=account, door=request.user)

    gelukt = _("Het account is gedeactiveerd; de persoon kan niet meer inloggen.")
    return _actie(request, werkplaats, pk, uitvoeren, gelukt)


@require_POST
def account_activeren(request, werkplaats: int, pk: int):
    def uitvoeren(werkplaats_obj, account):
        _alleen_hier(werkplaats_obj, account, request)
        services.account_activeren(user=account, door=request.user)

    return _actie(request, werkplaats, pk, uitvoeren, _("Het account is weer actief."))


@require_POST
def account_ontgrendelen(request, werkplaats: int, pk: int):
    """Forget the failed logins of this account (django-axes), so the person can log in again at once."""

    def uitvoeren(werkplaats_obj, account):
        vergrendeling.account_ontgrendelen(user=account, door=request.user)

    return _actie(request, werkplaats, pk, uitvoeren, _("Het account is ontgrendeld; de persoon kan weer inloggen."))


class MailListView(WerkplaatsAccountsMixin, SingleTableMixin, TemplateView):
    """Every mail of the werkplaats, with what went wrong; a mail that was not sent can be sent again."""

    template_name = "werkplaats/mail_list.html"
    table_class = MailberichtTable

    def get_table_data(self):
        berichten = Mailbericht.objects.filter(werkplaats=self.werkplaats).select_related("organisatie")
        if self.request.GET.get("status") == Mailbericht.Status.MISLUKT:
            berichten = berichten.filter(status=Mailbericht.Status.MISLUKT)
        return berichten

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        table.csrf_token = get_token(self.request)
        return table


@require_POST
def mail_opnieuw(request, werkplaats: int, pk: int):
    werkplaats_obj = _werkplaats(request, werkplaats)
    bericht = get_object_or_404(Mailbericht, werkplaats=werkplaats_obj, pk=pk)
    if bericht.status != Mailbericht.Status.MISLUKT:
        messages.info(request, _("Dit bericht is al verzonden of staat in de wachtrij."))
    else:
        bericht = mail.mail_opnieuw_versturen(bericht=bericht)
        messages.success(request, _("Het bericht is opnieuw aangeboden."))
    return redirect("werkplaats:mail_list", pk=werkplaats_obj.pk)


class AccountInstellingenView(FormStatusMixin, FormView):
    """A person's own settings (for now: the weekly digest), linked from every digest mail."""

    form_class = AccountInstellingenForm
    template_name = "registration/account_instellingen.html"
    success_url = reverse_lazy("account_instellingen")

    def get_initial(self):
        return {"wekelijks_overzicht": self.request.user.wekelijks_overzicht}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**tweestaps_context(self.request.user), **kwargs)

    def form_valid(self, form):
        services.account_instellingen_opslaan(
            user=self.request.user, wekelijks_overzicht=form.cleaned_data["wekelijks_overzicht"]
        )
        messages.success(self.request, _("Uw instellingen zijn opgeslagen."))
        return super().form_valid(form)


def tweestaps_context(user: User) -> dict:
    """The two-factor section of "Mijn account": on or off, required or not, backup codes left."""
    aan = tweestaps.heeft_tweestaps(user)
    return {
        "tweestaps_aan": aan,
        "tweestaps_verplicht": tweestaps.moet_tweestaps(user),
        "noodcodes_over": tweestaps.aantal_noodcodes(user) if aan else 0,
    }


def instellingen_tonen(request, *, status: int) -> HttpResponse:
    """ "Mijn account" as it stands, for an action on it that was refused."""
    form = AccountInstellingenForm(initial={"wekelijks_overzicht": request.user.wekelijks_overzicht})
    context = {"form": form, **tweestaps_context(request.user)}
    return render(request, "registration/account_instellingen.html", context, status=status)


# Password reset and the invitation link: Django's views, Dutch templates -----------------------------------------


@method_decorator(login_not_required, name="dispatch")
class WachtwoordHerstelView(FormStatusMixin, auth_views.PasswordResetView):
    """Ask for a reset link. The answer is the same whether the address has an account or not; past
    WACHTWOORD_HERSTEL_PER_UUR requests an hour (per IP address or per address) the request is refused with 429."""

    form_class = WachtwoordHerstelForm
    template_name = "registration/password_reset_form.html"

    def form_valid(self, form):
        from django.conf import settings

        per_uur = settings.WACHTWOORD_HERSTEL_PER_UUR
        ip = self.request.META.get("REMOTE_ADDR", "")
        te_vaak_ip = accounts.te_vaak("herstel-ip", ip, per_uur=per_uur)
        te_vaak_adres = accounts.te_vaak("herstel-adres", form.cleaned_data["email"], per_uur=per_uur)
        if te_vaak_ip or te_vaak_adres:
            form.add_error(None, _("Te veel aanvragen. Probeer het over een uur opnieuw."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        form.save()
        return HttpResponseRedirect(self.get_success_url())


@method_decorator(login_not_required, name="dispatch")
class WachtwoordHerstelVerstuurdView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class OngeldigeLinkMixin:
    """An expired or used link: the page says so, with a 400."""

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not getattr(self, "validlink", False):
            response.status_code = 400
        return response


@method_decorator(login_not_required, name="dispatch")
class WachtwoordKiezenView(OngeldigeLinkMixin, FormStatusMixin, auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"


@method_decorator(login_not_required, name="dispatch")
class WachtwoordGekozenView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


@method_decorator(login_not_required, name="dispatch")
class UitnodigingAccepterenView(OngeldigeLinkMixin, FormStatusMixin, auth_views.PasswordResetConfirmView):
    """The invitation's one-time link: the person chooses a password, then logs in with their e-mail address."""

    token_generator = accounts.uitnodiging_tokens
    template_name = "registration/uitnodiging_accepteren.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("Uw wachtwoord is ingesteld. Log in met uw e-mailadres %(email)s.") % {"email": form.user.username},
        )
        return response
