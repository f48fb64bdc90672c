"""Upload forms of the data exchange: a file, checked for size and type, and the territory to import
into, chosen among those the person administers."""
from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.core.uploads import SPREADSHEETS, CheckedFileField, UploadValidator

HSDS_MAX_BYTES = 50 * 1024 * 1024  # larger sets go through `manage.py import_hsds`
SPREADSHEET_MAX_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    territory = forms.ModelChoiceField(queryset=None, label=_("Import into"), empty_label=None)
    file = forms.FileField(label=_("File"))
    max_bytes: int
    kinds: tuple  # of core/uploads.py FILE_TYPES

    def __init__(self, *args, territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories.order_by("path")
        # Indented by depth, so that the tree shows in a plain select.
        self.fields["territory"].label_from_instance = lambda t: "— " * (t.path.count("/") - 1) + t.localized_name()
        self.validator = UploadValidator(self.kinds, self.max_bytes)
        self.fields["file"].widget.attrs["accept"] = self.validator.accept()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.validator(upload)
        return upload


class HsdsImportForm(ImportForm):
    max_bytes = HSDS_MAX_BYTES
    kinds = ("json", "zip")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("A JSON list of HSDS 3.0 services, or an HSDS tabular data package (.zip).")


class OrganisationImportForm(ImportForm):
    max_bytes = SPREADSHEET_MAX_BYTES
    kinds = ("csv", "xlsx")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("A spreadsheet with one organisation per row and these columns: name, "
                                          "kind, association_level, territory, email, website, phone, languages, "
                                          "description, content_language.")


class SpreadsheetImportForm(forms.Form):
    """The upload of an import into what its page is about: a territory's initiatives, a profile's values,
    a corridor's figures."""

    file = CheckedFileField(label=_("Spreadsheet (.csv or .xlsx)"), kinds=SPREADSHEETS,
                            max_bytes="CORRIDOR_MAX_IMPORT_BYTES")
