"""Every upload of the site goes through one check (core/uploads.py): the type told by the content, a size
limit from the settings; stored files are never reachable by URL, only through views that check rights."""
import importlib
import inspect
import io
from datetime import timedelta

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve
from django.utils import timezone
from pypdf import PdfWriter

from corridor.consultations.models import Consultation, Contribution
from corridor.core import uploads

ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4  # the start of a Linux executable
PE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(64)  # a Windows one
SCRIPT = b"#!/bin/sh\nrm -rf ~\n"

# Forms whose files are checked by their own code with the same functions (said why).
CHECKED_ELSEWHERE = {
    "corridor.directory.forms_exchange.ImportForm.file": "clean_file runs UploadValidator with the subclass's kinds",
    "corridor.learning.forms.ImportForm.files": "module_files runs check_upload on each file, reported as problems",
    "corridor.partnerships.forms.DocumentForm.file": "lifecycle.add_document runs uploads.checked on the content",
}


def real_pdf() -> bytes:
    writer, buffer = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=200, height=200)
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name, content", [("report.pdf", ELF), ("report.pdf", PE), ("setup.exe", PE),
                                           ("notes.txt", ELF), ("photo.png", SCRIPT), ("data.xlsx", SCRIPT)])
def test_executables_and_renamed_files_are_refused(name, content):
    with pytest.raises(uploads.Refused):
        uploads.checked(name, content, 10_000_000)


def test_a_valid_pdf_is_accepted_and_an_oversize_one_refused():
    pdf = real_pdf()
    name, file_type = uploads.checked("Plan d'action.pdf", pdf, 10_000_000)
    assert (name, file_type.content_type) == ("Plan d'action.pdf", "application/pdf")
    with pytest.raises(uploads.Refused, match="is too large"):
        uploads.checked("Plan d'action.pdf", pdf, len(pdf) - 1)


def test_kinds_limit_what_a_form_accepts(settings):
    settings.CORRIDOR_MAX_UPLOAD_BYTES = 10_000
    field = uploads.CheckedFileField(kinds=uploads.SPREADSHEETS)
    assert field.widget.attrs["accept"] == ".csv,.xlsx"
    assert field.clean(SimpleUploadedFile("rows.csv", b"name,kind\nX,cso\n")).name == "rows.csv"
    for refused, message in [(SimpleUploadedFile("plan.pdf", real_pdf()), "not a kind of file we accept here (CSV, Excel)"),
                             (SimpleUploadedFile("rows.xlsx", b"name,kind\n"), "does not match its name"),
                             (SimpleUploadedFile("rows.csv", b"x" * 10_001), "is too large")]:
        with pytest.raises(forms.ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
            field.clean(refused)


def _form_classes():
    """Every form class defined in the project's modules."""
    for config in apps.get_app_configs():
        if not config.name.startswith("corridor."):
            continue
        for module_name in ("forms", "forms_exchange", "forms_search", "forms_analysis"):
            try:
                module = importlib.import_module(f"{config.name}.{module_name}")
            except ModuleNotFoundError:
                continue
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    yield cls


def test_every_upload_field_of_the_project_is_checked():
    unchecked = []
    for form in _form_classes():
        for name, field in form.base_fields.items():
            labels = {f"{cls.__module__}.{cls.__name__}.{name}" for cls in form.__mro__}
            if isinstance(field, forms.FileField) and not labels & set(CHECKED_ELSEWHERE) and not any(
                    isinstance(validator, uploads.UploadValidator) for validator in field.validators):
                unchecked.append(f"{form.__module__}.{form.__name__}.{name}")
    assert not unchecked, f"use uploads.CheckedFileField for {unchecked}"


def test_uploaded_files_are_not_reachable_by_address(settings):
    assert not settings.MEDIA_URL.strip("/")
    for path in ("/uploads/consultations/2026/01/x.pdf", "/media/consultations/2026/01/x.pdf",
                 "/consultations/2026/01/x.pdf"):
        try:
            match = resolve(path)
        except Resolver404:
            continue
        assert "serve" not in match.func.__name__


@pytest.fixture
def consultation(territories):
    return Consultation.objects.create(slug="welcome", title="Welcoming newcomers", status="open",
                                       content_language="en", languages=["en", "fr"], territory=territories["lausanne"],
                                       opens_at=timezone.now() - timedelta(days=1))


def _contribute(client, consultation, attachment):
    return client.post(f"/en/consultations/{consultation.slug}/contribute/", {
        "body": "A welcome desk at the station.", "language": "en", "name": "Awa Diop", "email": "awa@example.org",
        "organisation_name": "", "organisation_kind": "", "country": "", "website": "", "attachments": [attachment]})


@pytest.mark.django_db
def test_the_contribution_form_refuses_a_renamed_executable_and_keeps_a_pdf(client, consultation, users, settings,
                                                                           tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = _contribute(client, consultation, SimpleUploadedFile("programme.pdf", ELF, "application/pdf"))
    assert response.status_code == 200 and "does not match its name" in response.content.decode()
    assert not Contribution.objects.exists() and not any(tmp_path.iterdir())
    settings.CONSULTATIONS_MAX_ATTACHMENT_BYTES = 100
    response = _contribute(client, consultation, SimpleUploadedFile("programme.pdf", real_pdf(), "application/pdf"))
    assert "is too large" in response.content.decode() and not Contribution.objects.exists()
    settings.CONSULTATIONS_MAX_ATTACHMENT_BYTES = 10_000_000
    response = _contribute(client, consultation, SimpleUploadedFile("programme.pdf", real_pdf(), "application/pdf"))
    assert response.status_code == 302, response.context["form"].errors
    attachment = Contribution.objects.get().attachments.get()
    assert attachment.content_type == "application/pdf" and attachment.filename == "programme.pdf"
    assert attachment.file.name.startswith("consultations/") and "programme" not in attachment.file.name
    assert (tmp_path / attachment.file.name).read_bytes().startswith(b"%PDF-")
    # Waiting for moderation: only its organisers can download it, and only as a download.
    url = f"/en/consultations/{consultation.slug}/contributions/{attachment.contribution.uuid}/attachments/{attachment.pk}/"
    assert client.get(url).status_code == 404
    client.force_login(users["vaud_admin"])
    download = client.get(url)
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment;")


@pytest.mark.django_db
def test_an_import_refuses_an_oversize_file(client, users, settings):
    from corridor.directory.forms_exchange import SpreadsheetImportForm

    settings.CORRIDOR_MAX_IMPORT_BYTES = 20
    form = SpreadsheetImportForm(files={"file": SimpleUploadedFile("values.csv", b"indicator,value\n" * 5)})
    assert not form.is_valid() and "is too large" in form.errors["file"][0]
