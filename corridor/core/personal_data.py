"""Personal data: where it is kept, and what a person can do with theirs (download it, delete their account).

Where: every model lists the fields that hold personal data in `PERSONAL_FIELDS` (Django's own models are
listed in EXTERNAL below; history tables follow the model they copy). A test fails when a model has a field
that looks personal (an e-mail, a phone, a person's name, an address of a computer, a birth date, anything
encrypted) that its model does not declare, so a new model cannot forget.

What: each app that keeps something about people has a `personal_data.py` module with
    export(user) -> dict                  what the app keeps about the person, JSON-serialisable
    erase(user, identifiers) -> None      delete or anonymise it before the account is deleted
and optionally
    identifiers(user) -> set[str]         more strings that name the person (a name typed in a form…)
    files(user) -> [(name, FieldFile)]    uploaded files that belong in the person's download
The core finds these modules in the installed apps, so new apps take part by adding one. See docs/security.md."""
import io
import json
import re
import zipfile
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from .encryption import EncryptedJSONField, EncryptedTextField

# Fields of other projects' models that hold personal data.
EXTERNAL = {
    "auth.user": ("username", "first_name", "last_name", "email"),
    "admin.logentry": ("object_repr",),  # the label of a changed record: a person's name when it is an account
}
# Field names that say "personal data": e-mail, phone, a person's name, a computer's address, a birth date.
LOOKS_PERSONAL = re.compile(
    r"(^|_)(e_?mail|email_address|phone|telephone|mobile|fax|ip|ip_address|remote_addr|client_address|"
    r"birth|birthday|birth_date|date_of_birth|dob|username|first_name|last_name|full_name|given_name|surname|"
    r"display_name|author_name|actor_name|sender_name|signatory_name|contact_person|person_name)(_|$)")


def personal_fields(model) -> tuple[str, ...]:
    """The fields of `model` that hold personal data."""
    source = getattr(model, "instance_type", None) or model  # a history table holds what its model holds
    declared = getattr(source, "PERSONAL_FIELDS", None)
    if declared is None:
        declared = EXTERNAL.get(source._meta.label_lower, ())
    names = {field.name for field in model._meta.get_fields()}
    return tuple(name for name in declared if name in names)


def looks_personal(field) -> bool:
    return isinstance(field, (EncryptedTextField, EncryptedJSONField)) or (
        isinstance(field, models.Field) and not field.is_relation and bool(LOOKS_PERSONAL.search(field.name)))


def registry() -> dict:
    """{model: its personal fields} for every model that has some."""
    return {model: fields for model in apps.get_models() if (fields := personal_fields(model))}


@cache
def hooks() -> tuple:
    """The `personal_data` modules of the installed apps, in the order of INSTALLED_APPS."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.personal_data"
        if config.name != __package__ and find_spec(name) is not None:
            found.append(import_module(name))
    return tuple(found)


def app_label(hook) -> str:
    return apps.get_containing_app_config(hook.__name__).label


def identifiers(user) -> set[str]:
    """The strings that name `user`: their user name, name, e-mail, and what the apps add."""
    found = {user.get_username(), user.get_full_name(), user.email}
    for hook in hooks():
        if hasattr(hook, "identifiers"):
            found |= set(hook.identifiers(user))
    return {value.strip() for value in found if value and value.strip()}


def export(user) -> dict:
    """Everything the platform keeps about `user`, by app."""
    data = {"exported_at": timezone.now(), "account": {
        "username": user.get_username(), "first_name": user.first_name, "last_name": user.last_name,
        "email": user.email, "date_joined": user.date_joined, "last_login": user.last_login}}
    for hook in hooks():
        data[app_label(hook)] = hook.export(user)
    return data


def export_json(user) -> bytes:
    return json.dumps(export(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def export_zip(user) -> bytes:
    """The JSON export and the person's uploaded files, as one zip archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", export_json(user))
        for hook in hooks():
            for name, field_file in getattr(hook, "files", lambda _user: ())(user):
                with field_file.open("rb") as content:
                    archive.writestr(f"files/{app_label(hook)}/{name}", content.read())
    return buffer.getvalue()


def pseudonym(user) -> str:
    """How records that must keep an actor (the audit log) name a deleted account."""
    return f"deleted-account-{user.pk}"


def erase(user) -> None:
    """Delete `user`'s account: every app deletes or anonymises what it keeps about them first."""
    from corridor.audit.log import record

    names = identifiers(user)
    with transaction.atomic():
        label = pseudonym(user)
        for hook in hooks():
            hook.erase(user, names)
        user.delete()
        record("account.deleted", target_label=label)


def replace_in_json(value, names: set[str], replacement: str = ""):
    """`value` (parsed JSON) with every string equal to one of `names` replaced."""
    if isinstance(value, dict):
        return {key: replace_in_json(item, names, replacement) for key, item in value.items()}
    if isinstance(value, list):
        return [replace_in_json(item, names, replacement) for item in value]
    if isinstance(value, str) and value.strip() in names:
        return replacement
    return value


def replace_in_text(text: str, names: set[str], replacement: str) -> str:
    """`text` with every occurrence of one of `names` (longest first) replaced."""
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(re.escape(name), replacement, text, flags=re.IGNORECASE)
    return text
