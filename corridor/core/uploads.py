"""Files people upload (attachments of contributions, documents of partnerships, imported data): recognised
by their content rather than trusted from their name or the browser's content type, and limited in size.
Stored files get a random name (what people call their files never reaches the file system), live under
MEDIA_ROOT, which the site never serves itself, and are served only through views that check who may read
them, always as downloads.

One check for every upload of the site: `checked` for bytes already in hand (e-mail, API), `check_upload`
and `UploadValidator` / `CheckedFileField` for Django form uploads. See docs/security.md."""
import io
import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Refused(ValueError):
    """The file cannot be accepted; the message says why, in the reader's language."""


@dataclass(frozen=True)
class FileType:
    content_type: str
    extensions: tuple[str, ...]


FILE_TYPES = {
    "pdf": FileType("application/pdf", ("pdf",)),
    "doc": FileType("application/msword", ("doc",)),
    "docx": FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",)),
    "odt": FileType("application/vnd.oasis.opendocument.text", ("odt",)),
    "xlsx": FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",)),
    "csv": FileType("text/csv", ("csv",)),
    "txt": FileType("text/plain", ("txt",)),
    "png": FileType("image/png", ("png",)),
    "jpeg": FileType("image/jpeg", ("jpg", "jpeg")),
    "json": FileType("application/json", ("json",)),
    "md": FileType("text/markdown", ("md", "markdown")),
    "zip": FileType("application/zip", ("zip",)),
}
KIND_NAMES = {"pdf": "PDF", "doc": "Word", "docx": "Word", "odt": gettext_lazy("OpenDocument text"),
              "xlsx": "Excel", "csv": "CSV", "txt": gettext_lazy("text"), "png": "PNG", "jpeg": "JPEG",
              "json": "JSON", "md": "Markdown", "zip": "ZIP"}
# What people attach to what they write (contributions, documents of a partnership).
DOCUMENTS = ("pdf", "doc", "docx", "odt", "xlsx", "csv", "txt", "png", "jpeg")
SPREADSHEETS = ("csv", "xlsx")

_SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"),  # the OLE2 container of Word 97-2003
)
_ZIP = b"PK\x03\x04"
_CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 12, 13})
_TEXT_SAMPLE = 8192
# Text has no signature: its name tells which text it is.
_TEXT_KINDS = {"csv": "csv", "json": "json", "md": "md", "markdown": "md"}


def checked(filename: str, content: bytes, max_bytes: int, kinds=DOCUMENTS) -> tuple[str, FileType]:
    """(display name, type) of an acceptable file among `kinds` (keys of FILE_TYPES); Refused otherwise."""
    name = display_name(filename)
    _check_size(name, len(content), max_bytes)
    return name, _checked_kind(name, content[:_TEXT_SAMPLE], lambda: io.BytesIO(content), kinds)


def check_upload(upload, kinds, max_bytes: int) -> FileType:
    """The type of a Django upload among `kinds`; Refused otherwise. Reads only what it needs, and leaves
    the file at its start for whoever reads it next."""
    name = display_name(upload.name or "")
    _check_size(name, upload.size, max_bytes)
    upload.seek(0)
    head = upload.read(_TEXT_SAMPLE)
    upload.seek(0)
    try:
        return _checked_kind(name, head, lambda: upload, kinds)
    finally:
        upload.seek(0)


def display_name(filename: str) -> str:
    return filename.replace("\\", "/").rsplit("/", 1)[-1].strip()[-255:] or "attachment"


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if not size:
        raise Refused(_("“%(name)s” is empty.") % {"name": name})
    if size > max_bytes:
        raise Refused(_("“%(name)s” is too large: files may be at most %(size)s here.") % {
            "name": name, "size": filesizeformat(max_bytes)})


def _checked_kind(name, head: bytes, opened, kinds) -> FileType:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = sniffed_kind(head, extension, opened)
    if kind not in kinds and any(extension in FILE_TYPES[accepted].extensions for accepted in kinds):
        raise Refused(_("The content of “%(name)s” does not match its name.") % {"name": name})
    if kind not in kinds:
        raise Refused(_("“%(name)s” is not a kind of file we accept here (%(kinds)s).") % {
            "name": name, "kinds": ", ".join(dict.fromkeys(str(KIND_NAMES[k]) for k in kinds))})
    if extension not in FILE_TYPES[kind].extensions:
        raise Refused(_("The content of “%(name)s” does not match its name.") % {"name": name})
    return FILE_TYPES[kind]


def sniffed_kind(head: bytes, extension: str, opened=None) -> str | None:
    """A key of FILE_TYPES, told by the content's first bytes (text only by its name). `opened()` gives
    the whole content as a seekable file, for zip archives; without it `head` is taken as the content."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith(_ZIP):
        return _zip_kind(opened() if opened else io.BytesIO(head))
    if len(head.translate(None, _CONTROL_BYTES)) == len(head):
        return _TEXT_KINDS.get(extension, "txt")
    return None  # binary with no signature we know: an executable, an archive of another kind…


def _zip_kind(content) -> str | None:
    """Word, Excel and OpenDocument files are all zip archives; their members tell them apart."""
    try:
        with zipfile.ZipFile(content) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names:
                with archive.open("mimetype") as mimetype:  # read a little: a member can be a zip bomb
                    if mimetype.read(100).strip() == b"application/vnd.oasis.opendocument.text":
                        return "odt"
            return "zip"
    except zipfile.BadZipFile:
        return None


@deconstructible
class UploadValidator:
    """A form field validator: `kinds` of FILE_TYPES, at most `max_bytes` (a number, or the name of a
    setting, read when the file is checked)."""

    def __init__(self, kinds, max_bytes="CORRIDOR_MAX_UPLOAD_BYTES"):
        self.kinds, self.max_bytes = tuple(kinds), max_bytes

    def __call__(self, upload):
        limit = getattr(settings, self.max_bytes) if isinstance(self.max_bytes, str) else self.max_bytes
        try:
            check_upload(upload, self.kinds, limit)
        except Refused as refused:
            raise forms.ValidationError(str(refused), code="refused_file") from None

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and (self.kinds, self.max_bytes) == (other.kinds, other.max_bytes)

    def accept(self) -> str:
        """For the input's accept attribute: the file name endings."""
        return ",".join(f".{extension}" for kind in self.kinds for extension in FILE_TYPES[kind].extensions)


class CheckedFileField(forms.FileField):
    """A file field whose uploads are checked by content (UploadValidator)."""

    def __init__(self, *, kinds, max_bytes="CORRIDOR_MAX_UPLOAD_BYTES", **kwargs):
        validator = UploadValidator(kinds, max_bytes)
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": validator.accept()}))
        super().__init__(validators=[validator, *kwargs.pop("validators", [])], **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class CheckedMultipleFileField(CheckedFileField):
    """Several files in one input (Django's documented pattern), each checked."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget = MultipleFileInput(attrs=self.widget.attrs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(CheckedMultipleFileField, self).clean(upload, initial) for upload in files if upload]
