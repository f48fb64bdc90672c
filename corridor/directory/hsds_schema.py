"""The Open Referral HSDS 3.0 schemas shipped in schemas/hsds-3.0 (CC BY-SA 4.0, see its LICENSE), and
validation against them that explains each problem in plain words."""
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jsonschema_rs
from django.utils.translation import gettext as _

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas" / "hsds-3.0"


@lru_cache(maxsize=None)
def _load(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def service_schema() -> dict:
    """A complete `service` object with everything nested, as the HSDS API returns it."""
    return _load("compiled/service_with_definitions.json")


def table_schema(table: str) -> dict:
    """One HSDS table ("service", "location"...) as a flat record, as in its CSV file."""
    return _load("compiled/tabular.json")["properties"][table]["items"]


def table_names() -> list[str]:
    return list(_load("compiled/tabular.json")["properties"])


def csv_name(table: str) -> str:
    return table_schema(table)["path"]


def columns(table: str) -> dict[str, dict]:
    """The CSV columns of a table (its scalar fields), in the order of the standard."""
    return {name: prop for name, prop in table_schema(table)["properties"].items() if prop.get("type") != "array"}


@lru_cache(maxsize=None)
def service_validator():
    return jsonschema_rs.validator_for(service_schema(), validate_formats=True)


@lru_cache(maxsize=None)
def row_validator(table: str):
    """Validates a CSV row: the table's fields, with the links a flat file must carry
    (`tabular_required`) required too."""
    schema = table_schema(table)
    row_schema = {
        "type": "object",
        "properties": columns(table),
        "required": list(schema.get("required", [])) + list(schema.get("tabular_required", [])),
    }
    return jsonschema_rs.validator_for(row_schema, validate_formats=True)


@dataclass(frozen=True)
class Problem:
    path: tuple  # where in the record, e.g. ("service_at_locations", 0, "location")
    field: str
    message: str


def _format_name(fmt: str) -> str:
    return {
        "uuid": _("identifier (UUID)"),
        "email": _("e-mail address"),
        "uri": _("web address (URL with http:// or https://)"),
        "date-time": _("date and time (like 2024-05-31T14:00:00Z)"),
    }.get(fmt, fmt)


def _type_name(kind) -> str:
    names = {"number": _("a number"), "integer": _("a whole number"), "string": _("text"),
             "array": _("a list"), "object": _("an object"), "boolean": _("true or false")}
    return " / ".join(names.get(str(t).lower(), str(t)) for t in kind.types)


def problems(validator, instance) -> list[Problem]:
    found = []
    for error in validator.iter_errors(instance):
        path, kind = tuple(error.instance_path), error.kind
        if isinstance(kind, jsonschema_rs.ValidationErrorKind.Required):
            found.append(Problem(path, kind.property, _("This field is required.")))
            continue
        field = path[-1] if path and isinstance(path[-1], str) else ""
        path = path[:-1] if field else path
        if isinstance(kind, jsonschema_rs.ValidationErrorKind.Format):
            message = _("“%(value)s” is not a valid %(what)s.") % {
                "value": error.instance, "what": _format_name(kind.format)}
        elif isinstance(kind, jsonschema_rs.ValidationErrorKind.Type):
            message = _("“%(value)s” should be %(what)s.") % {"value": error.instance, "what": _type_name(kind)}
        elif isinstance(kind, jsonschema_rs.ValidationErrorKind.Enum):
            message = _("“%(value)s” is not allowed; use one of: %(options)s.") % {
                "value": error.instance, "options": ", ".join(str(o) for o in kind.options)}
        else:
            message = error.message
        found.append(Problem(path, str(field), message))
    return found


def describe_path(path: tuple) -> str:
    """("service_at_locations", 0, "location") -> "service_at_locations[0].location"."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
