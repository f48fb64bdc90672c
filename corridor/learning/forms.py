from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from corridor.core import uploads as checks

from . import markdown_import


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Your answer"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, question=None, **kwargs):
        # Several points share a page: each form's fields carry the point's number.
        super().__init__(*args, prefix=f"point-{question.number}" if question else None, **kwargs)


class AddLearnerForm(forms.Form):
    identifier = forms.CharField(label=_("User name or e-mail address"), max_length=254)


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", checks.MultipleFileInput(attrs={"accept": ".md,.zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class ImportForm(forms.Form):
    """Files are checked by content (core/uploads.py); what is wrong is listed with the module's problems."""

    files = MultipleFileField(label=_("Markdown files or a zip archive"),
                              help_text=_("module.md and one file per topic (translations beside them, like "
                                          "01-topic.fr.md), chosen together, or the zip archive of their folder."))

    def module_files(self) -> dict[str, bytes]:
        """The uploaded Markdown files by name; InvalidModule when they cannot be read."""
        uploads = self.cleaned_data["files"]
        if len(uploads) == 1 and uploads[0].name.lower().endswith(".zip"):
            problem = _refusal(uploads[0], "zip", settings.CORRIDOR_MAX_IMPORT_BYTES)
            if problem:
                raise markdown_import.InvalidModule([problem])
            return markdown_import.read_zip(uploads[0])
        problems = [markdown_import.Problem(upload.name, "", str(_("neither a Markdown file (.md) nor a zip archive")))
                    for upload in uploads if not upload.name.endswith(".md")]
        problems += [problem for upload in uploads if upload.name.endswith(".md")
                     if (problem := _refusal(upload, "md", markdown_import.MAX_FILE_BYTES))]
        if len(uploads) > markdown_import.MAX_FILES:
            problems.append(markdown_import.Problem("", "", str(_("more than %(count)s files") % {
                "count": markdown_import.MAX_FILES})))
        if problems:
            raise markdown_import.InvalidModule(problems)
        return {upload.name: upload.read() for upload in uploads}


def _refusal(upload, kind: str, max_bytes: int):
    """The problem with an uploaded file's content or size, or None."""
    try:
        checks.check_upload(upload, (kind,), max_bytes)
    except checks.Refused as refused:
        return markdown_import.Problem(upload.name, "", str(refused))
    return None
