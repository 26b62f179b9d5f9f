import functools

import django_tables2 as tables
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django_tables2.utils import signature

from .models import Mailbericht, Organisatie


class BaseTable(tables.Table):
    """Shared look of every table in the app, and its lean rendering.

    The template (`django_tables2/tabel.html`) loops over the columns for the header only; the rows come
    from `rijen()`, which builds them in Python. A column's cell is its `render_<column>` method or its
    column's `render()` (with `format_html` for markup), never a template per cell. A column's `td`
    attributes are the same for every row (none of ours depend on the row), so they are computed once;
    rows get attributes only when the table sets `Meta.row_attrs`.
    """

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle", "thead": {"class": "table-light"}}
        empty_text = _("Geen resultaten.")
        per_page = 25
        template_name = "django_tables2/tabel.html"

    def rijen(self) -> SafeString:
        """The `<tr>` elements of the current page, or the row with the empty text."""
        kolommen = [_Kolom(kolom) for kolom in self.columns]
        regels = [
            format_html(
                "<tr{}>{}</tr>",
                _attributen(rij.attrs) if self.row_attrs else "",
                mark_safe("".join(kolom.cel(self, rij) for kolom in kolommen)),
            )
            for rij in self.paginated_rows
        ]
        if not regels and self.empty_text:
            return format_html('<tr><td colspan="{}">{}</td></tr>', len(kolommen), self.empty_text)
        return mark_safe("".join(regels))


class _Kolom:
    """What a column's cells share: the `td` attributes, and which arguments its render method takes."""

    def __init__(self, kolom):
        self.kolom = kolom
        self.td = _attributen(kolom.attrs["td"])
        self.argumenten, self.alle_argumenten = signature(kolom.render)

    def cel(self, table: BaseTable, rij) -> str:
        """One `<td>`. The value is found as `BoundRow.get_cell` finds it (a choice shows its label, an empty
        value the column's default), without inspecting the render method's signature for every cell."""
        inhoud = rij._get_and_render_with(
            self.kolom, render_func=functools.partial(self._inhoud, table, rij), default=self.kolom.default
        )
        return format_html("<td{}>{}</td>", self.td, _tekst(inhoud, self.kolom.localize))

    def _inhoud(self, table: BaseTable, rij, kolom, value=None):
        argumenten = {
            "value": value,
            "record": rij.record,
            "column": self.kolom.column,
            "bound_column": self.kolom,
            "bound_row": rij,
            "table": table,
        }
        if self.alle_argumenten:
            inhoud = self.kolom.render(**argumenten)
        else:
            inhoud = self.kolom.render(**{naam: argumenten[naam] for naam in self.argumenten})
        return self.kolom.link(inhoud, **argumenten) if self.kolom.link else inhoud


def _attributen(attrs) -> str:
    """` class="..."` (with its leading space), or nothing."""
    html = attrs.as_html()
    return format_html(" {}", html) if html else ""


def _tekst(waarde, localize: bool | None) -> str:
    """A value as `{{ cell }}` shows it in a template: local time, localised numbers, escaped."""
    if localize is None:
        waarde = formats.localize(timezone.template_localtime(waarde))
    else:
        waarde = formats.localize(waarde, use_l10n=localize)
    return conditional_escape(waarde)


class OrganisatieTable(BaseTable):
    naam = tables.Column(linkify=True)
    aantal_afdelingen = tables.Column(verbose_name=_("Teams"), attrs={"td": {"class": "text-end"}})
    actief = tables.BooleanColumn(yesno=(_("ja"), _("nee")))

    class Meta(BaseTable.Meta):
        model = Organisatie
        fields = ["naam", "soort", "plaats", "werkplaats", "aantal_afdelingen", "actief"]


class AccountTable(BaseTable):
    """The people of one werkplaats (`accounts.accounts_van`): roles of this werkplaats, status, last login."""

    naam = tables.Column(verbose_name=_("Naam"), accessor="last_name", order_by=("last_name", "first_name"))
    email = tables.Column(verbose_name=_("E-mailadres"))
    rollen = tables.Column(verbose_name=_("Rollen"), accessor="pk", orderable=False)
    status = tables.Column(verbose_name=_("Status"), accessor="is_active", orderable=False)
    last_login = tables.DateTimeColumn(verbose_name=_("Laatst ingelogd"), format="j-n-Y H:i", default=_("nooit"))

    class Meta(BaseTable.Meta):
        per_page = 100

    def __init__(self, *args, werkplaats, **kwargs):
        super().__init__(*args, **kwargs)
        self.werkplaats = werkplaats

    def render_naam(self, record):
        url = reverse("werkplaats:account_detail", kwargs={"werkplaats": self.werkplaats.pk, "pk": record.pk})
        return format_html('<a href="{}">{}</a>', url, record.get_full_name() or record.username)

    def render_rollen(self, record):
        return ", ".join(
            f"{rol.get_soort_display()} {rol.organisatie}" if rol.organisatie_id else rol.get_soort_display()
            for rol in record.rollen_hier
        )

    def render_status(self, record):
        status = record.get_status_display()
        if record.status == record.Status.UITGENODIGD and record.uitgenodigd_op:
            status = _("%(status)s op %(datum)s") % {
                "status": status,
                "datum": formats.date_format(timezone.localtime(record.uitgenodigd_op), "j F Y"),
            }
        if record.status == record.Status.UITGENODIGD and record.uitnodiging_status == Mailbericht.Status.MISLUKT:
            return format_html(
                '{} <span class="badge text-bg-danger">{}</span>', status, Mailbericht.Status.MISLUKT.label
            )
        return status


class MailberichtTable(BaseTable):
    aangemaakt_op = tables.DateTimeColumn(verbose_name=_("Aangemaakt"), format="j-n-Y H:i")
    soort = tables.Column()
    adres = tables.Column(verbose_name=_("Aan"))
    organisatie = tables.Column(default="–")
    status = tables.Column()
    pogingen = tables.Column(attrs={"td": {"class": "text-end"}})
    fout = tables.Column(verbose_name=_("Foutmelding"), default="")
    opnieuw = tables.Column(verbose_name=_("Actie"), accessor="pk", orderable=False)

    class Meta(BaseTable.Meta):
        per_page = 50

    def render_opnieuw(self, record):
        if record.status != Mailbericht.Status.MISLUKT:
            return ""
        url = reverse("werkplaats:mail_opnieuw", kwargs={"werkplaats": record.werkplaats_id, "pk": record.pk})
        return format_html(
            '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<button type="submit" class="btn btn-sm btn-outline-primary">{}</button></form>',
            url,
            self.csrf_token,
            _("Opnieuw versturen"),
        )
