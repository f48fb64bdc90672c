"""Upload forms of the data exchange: a file, checked for size and type, and the territory to import
into, chosen among those the person administers."""
from pathlib import Path

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

HSDS_MAX_BYTES = 50 * 1024 * 1024  # larger sets go through `manage.py import_hsds`
SPREADSHEET_MAX_BYTES = 5 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"


class ImportForm(forms.Form):
    territory = forms.ModelChoiceField(queryset=None, label=_("Import into"), empty_label=None)
    file = forms.FileField(label=_("File"))
    max_bytes: int
    suffixes: tuple

    def __init__(self, *args, territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories.order_by("path")
        # Indented by depth, so that the tree shows in a plain select.
        self.fields["territory"].label_from_instance = lambda t: "— " * (t.path.count("/") - 1) + t.localized_name()
        self.fields["file"].widget.attrs["accept"] = ",".join(self.suffixes)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in self.suffixes:
            raise forms.ValidationError(_("Upload a file ending in %s.") % " / ".join(self.suffixes))
        if upload.size > self.max_bytes:
            raise forms.ValidationError(_("The file is %(size)s; at most %(limit)s can be uploaded here.") % {
                "size": filesizeformat(upload.size), "limit": filesizeformat(self.max_bytes)})
        head = upload.read(4)
        upload.seek(0)
        if (head == ZIP_MAGIC) != (suffix in (".zip", ".xlsx")):
            raise forms.ValidationError(_("The content of the file does not match its name (%s).") % suffix)
        return upload


class HsdsImportForm(ImportForm):
    max_bytes = HSDS_MAX_BYTES
    suffixes = (".json", ".zip")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("A JSON list of HSDS 3.0 services, or an HSDS tabular data package (.zip).")


class OrganisationImportForm(ImportForm):
    max_bytes = SPREADSHEET_MAX_BYTES
    suffixes = (".csv", ".xlsx")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("A spreadsheet with one organisation per row and these columns: name, "
                                          "kind, association_level, territory, email, website, phone, languages, "
                                          "description, content_language.")
