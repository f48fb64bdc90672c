"""Exchange of the directory with other systems in Open Referral HSDS 3.0: a JSON list of complete
`service` objects (the API's compiled form) and the tabular data package (a zip of one CSV per table
with datapackage.json). Import reads either, checks everything before writing anything, and then
writes it all in one transaction; records whose HSDS id already exists are updated.

HSDS has no place for some of Corridor's fields. They travel as extension fields, which HSDS allows
(its schemas do not forbid additional properties) and which the data package declares as columns:

- organization: corridor_kind, corridor_association_level, corridor_languages (ISO 639 codes),
  corridor_territory, corridor_content_language, corridor_translations
- service: corridor_is_free, corridor_last_verified_at, corridor_territory, corridor_content_language,
  corridor_translations
- location: corridor_territory, corridor_content_language, corridor_translations

corridor_territory is the territory's path ("ch/vaud/lausanne/"); corridor_translations is
{"fr": {"name": "...", "description": "..."}}. Classification terms travel as standard `attributes`
linking the taxonomy terms of vocabularies.py, whose ids are stable. Ids that Corridor does not store
(addresses, accessibility, service areas, attributes, phone languages) are derived with uuid5 from
the record's own id, so that exporting twice gives the same ids."""
import csv
import io
import json
import re
import tempfile
import uuid
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import PurePosixPath
from types import SimpleNamespace

import pycountry
from django.db import transaction
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from corridor.core.languages import is_language_code, language_name

from . import hsds_schema, search
from .importing import (
    ImportFailed,
    ImportReport,
    RowError,
    TerritoryLookup,
    chunks,
    garbage_collection_paused,
    insert_history,
    insert_rows,
    refresh_planner_statistics,
    rows_by_uuid,
    update_rows,
)
from .models import (
    CostOption,
    Location,
    Organisation,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)
from .vocabularies import VOCABULARIES

EXTENSIONS = {
    "organization": {
        "corridor_kind": ("string", "Corridor: kind of actor (" + ", ".join(Organisation.Kind.values) + ")."),
        "corridor_association_level": (
            "string", "Corridor: level, for associations (" + ", ".join(Organisation.AssociationLevel.values) + ")."),
        "corridor_languages": ("array", "Corridor: languages the organisation works in (ISO 639 codes)."),
        "corridor_territory": ("string", "Corridor: path of the organisation's home territory."),
        "corridor_content_language": ("string", "Corridor: language the texts are written in (ISO 639)."),
        "corridor_translations": ("object", 'Corridor: translations, {"fr": {"name": ..., "description": ...}}.'),
    },
    "service": {
        "corridor_is_free": ("boolean", "Corridor: the service is free of charge."),
        "corridor_last_verified_at": ("datetime", "Corridor: when the provider last confirmed the record."),
        "corridor_territory": ("string", "Corridor: path of the territory the service serves."),
        "corridor_content_language": ("string", "Corridor: language the texts are written in (ISO 639)."),
        "corridor_translations": ("object", 'Corridor: translations, {"fr": {"name": ..., "description": ...}}.'),
    },
    "location": {
        "corridor_territory": ("string", "Corridor: path of the territory the place is in."),
        "corridor_content_language": ("string", "Corridor: language the texts are written in (ISO 639)."),
        "corridor_translations": ("object", 'Corridor: translations, {"fr": {"name": ..., "description": ...}}.'),
    },
}
IMPORT_REASON = "HSDS import"
# Tables HSDS defines that Corridor does not keep; their rows are counted and reported, not imported.
UNSUPPORTED = {"contact", "funding", "program", "organization_identifier", "metadata", "meta_table_description"}


# ---------------------------------------------------------------------------------------------- export
# Records are read with values() a few hundred services at a time and grouped in Python: model
# instances and prefetch_related cost more than the rest of the export at a hundred thousand services.

def _derived_id(base, name: str) -> str:
    return str(uuid.uuid5(base, name))


def _compact(record: dict, **required) -> dict:
    """Leave out empty values (an empty string is not a valid e-mail or URL for HSDS) but keep the
    fields the schema requires, given as keyword arguments."""
    return {**{k: v for k, v in record.items() if v not in (None, "", [], {})}, **required}


def _texts(row: dict) -> dict:
    return {"corridor_content_language": row["content_language"], "corridor_translations": row["translations"]}


def _language(code: str, note: str, **link) -> dict:
    return _compact({**link, "code": code, "name": language_name(code, "en"), "note": note})


def _phone(phone: dict, links: dict) -> dict:
    phone_id = str(phone["uuid"])
    return _compact({
        "id": phone_id,
        **links,
        "number": phone["number"],
        # HSDS wants a number here; an extension written with letters cannot travel.
        "extension": int(phone["extension"]) if phone["extension"].isdigit() else None,
        "type": phone["type"],
        "description": phone["description"],
        "languages": [_language(code, "", id=_derived_id(phone["uuid"], code), phone_id=phone_id)
                      for code in phone["languages"]],
    })


def _schedule(schedule: dict, links: dict) -> dict:
    return _compact({
        "id": str(schedule["uuid"]),
        **links,
        "freq": "WEEKLY",
        "byday": schedule["byday"],
        "opens_at": schedule["opens_at"].strftime("%H:%M"),
        "closes_at": schedule["closes_at"].strftime("%H:%M"),
        "description": schedule["description"],
        "valid_from": schedule["valid_from"] and schedule["valid_from"].isoformat(),
        "valid_to": schedule["valid_to"] and schedule["valid_to"].isoformat(),
    })


def _location(location: dict, phones: list, schedules: list) -> dict:
    location_id = str(location["uuid"])
    addresses = accessibility = []
    if location["address_1"] or location["city"] or location["postal_code"]:
        # Every part of an HSDS address is required, even when unknown.
        addresses = [{
            "id": _derived_id(location["uuid"], "address"), "location_id": location_id,
            "address_1": location["address_1"], "city": location["city"], "state_province": location["region"],
            "postal_code": location["postal_code"], "country": location["country"],
            "address_type": "postal" if location["location_type"] == Location.Type.POSTAL else "physical",
        }]
    if location["accessibility"]:
        accessibility = [{"id": _derived_id(location["uuid"], "accessibility"), "location_id": location_id,
                          "description": location["accessibility"]}]
    own = {"location_id": location_id}
    return _compact({
        "id": location_id,
        "location_type": location["location_type"],
        "organization_id": str(location["organisation__uuid"]),
        "name": location["name"],
        "description": location["description"],
        "transportation": location["transportation"],
        "latitude": location["latitude"],
        "longitude": location["longitude"],
        "addresses": addresses,
        "accessibility": accessibility,
        "phones": [_phone(p, own) for p in phones],
        "schedules": [_schedule(s, own) for s in schedules],
        "corridor_territory": location["territory__path"],
        **_texts(location),
    })


def _organization(organisation: dict) -> dict:
    organisation_id = str(organisation["uuid"])
    phones = [{"id": _derived_id(organisation["uuid"], "phone"), "organization_id": organisation_id,
               "number": organisation["phone"]}] if organisation["phone"] else []
    return _compact({
        "id": organisation_id,
        "name": organisation["name"],
        "alternate_name": organisation["alternate_name"],
        "email": organisation["email"],
        "website": organisation["website"],
        "legal_status": organisation["legal_status"],
        "year_incorporated": organisation["year_incorporated"],
        "phones": phones,
        "corridor_kind": organisation["kind"],
        "corridor_association_level": organisation["association_level"],
        "corridor_languages": organisation["languages"],
        "corridor_territory": organisation["territory__path"],
        **_texts(organisation),
    }, description=organisation["description"])


@lru_cache(maxsize=None)
def _taxonomy(vocabulary_code: str) -> dict:
    vocabulary = VOCABULARIES[vocabulary_code]
    with translation.override("en"):
        return {"id": vocabulary.taxonomy_id, "name": str(vocabulary.name), "description": str(vocabulary.description),
                "version": "1"}


@lru_cache(maxsize=None)
def _taxonomy_term(vocabulary_code: str, code: str) -> dict:
    vocabulary = VOCABULARIES[vocabulary_code]
    with translation.override("en"):
        label = str(vocabulary.label(code))
        return {"id": vocabulary.term_id(code), "code": code, "name": label,
                "description": f"{vocabulary.name}: {label}", "taxonomy": vocabulary.code,
                "taxonomy_id": vocabulary.taxonomy_id, "language": "en", "taxonomy_detail": _taxonomy(vocabulary_code)}


def _columns_of(model, *related) -> list:
    return [f.attname for f in model._meta.concrete_fields] + list(related)


def _grouped(queryset, key: str) -> dict:
    groups = defaultdict(list)
    for row in queryset.order_by("pk"):
        groups[row[key]].append(row)
    return groups


class _Batch:
    """Everything a few hundred services link to, read in one query per table."""

    def __init__(self, pks: list):
        self.services = Service.objects.filter(pk__in=pks).order_by("pk").values(
            *_columns_of(Service), "territory__name", "territory__path")
        by_service = {"service_id__in": pks}
        self.terms = _grouped(Service.terms.through.objects.filter(**by_service).values(
            "service_id", "taxonomyterm__vocabulary", "taxonomyterm__code"), "service_id")
        self.languages = _grouped(ServiceLanguage.objects.filter(**by_service).values(), "service_id")
        self.phones = _grouped(Phone.objects.filter(**by_service).values(), "service_id")
        self.schedules = _grouped(Schedule.objects.filter(**by_service).values(), "service_id")
        self.costs = _grouped(CostOption.objects.filter(**by_service).values(), "service_id")
        self.documents = _grouped(RequiredDocument.objects.filter(**by_service).values(), "service_id")
        self.places = _grouped(ServiceAtLocation.objects.filter(**by_service).values(), "service_id")
        place_pks = {sal["location_id"] for sals in self.places.values() for sal in sals}
        self.locations = {row["id"]: row for row in Location.objects.filter(pk__in=place_pks).values(
            *_columns_of(Location), "organisation__uuid", "territory__path")}
        # The phones and hours of a place that belong to a service too are given with the service.
        by_place = {"location_id__in": place_pks, "service__isnull": True}
        self.place_phones = _grouped(Phone.objects.filter(**by_place).values(), "location_id")
        self.place_schedules = _grouped(Schedule.objects.filter(**by_place).values(), "location_id")
        organisation_pks = {row["organisation_id"] for row in self.services}
        self.organisations = {row["id"]: _organization(row) for row in Organisation.objects.filter(
            pk__in=organisation_pks).values(*_columns_of(Organisation), "territory__path")}

    def service_object(self, service: dict) -> dict:
        pk, service_id, verified = service["id"], str(service["uuid"]), service["last_verified_at"]
        places = self.places[pk]
        location_ids = {sal["location_id"]: str(self.locations[sal["location_id"]]["uuid"]) for sal in places}

        def links(record):
            return {"service_id": service_id, "location_id": location_ids.get(record["location_id"])}

        return _compact({
            "id": service_id,
            "organization_id": self.organisations[service["organisation_id"]]["id"],
            "name": service["name"],
            "alternate_name": service["alternate_name"],
            "description": service["description"],
            "url": service["url"],
            "email": service["email"],
            "status": service["status"],
            "application_process": service["application_process"],
            "fees_description": service["fees_description"],
            "eligibility_description": service["eligibility_description"],
            "minimum_age": service["minimum_age"],
            "maximum_age": service["maximum_age"],
            "assured_date": verified and timezone.localtime(verified).date().isoformat(),
            "last_modified": service["updated_at"].isoformat(),
            "organization": self.organisations[service["organisation_id"]],
            "phones": [_phone(p, links(p)) for p in self.phones[pk]],
            "schedules": [_schedule(s, links(s)) for s in self.schedules[pk]],
            "service_areas": [{"id": _derived_id(service["uuid"], "service-area"), "service_id": service_id,
                               "name": service["territory__name"]}],
            "service_at_locations": [
                _compact({"id": str(sal["uuid"]), "service_id": service_id,
                          "location_id": location_ids[sal["location_id"]], "description": sal["description"],
                          "location": _location(self.locations[sal["location_id"]],
                                                self.place_phones[sal["location_id"]],
                                                self.place_schedules[sal["location_id"]])})
                for sal in places
            ],
            "languages": [_language(lang["code"], lang["note"], id=str(lang["uuid"]), service_id=service_id)
                          for lang in self.languages[pk]],
            "cost_options": [
                _compact({"id": str(c["uuid"]), "service_id": service_id, "option": c["option"],
                          "amount": float(c["amount"]) if c["amount"] is not None else None,
                          "currency": c["currency"], "amount_description": c["amount_description"]})
                for c in self.costs[pk]
            ],
            "required_documents": [{"id": str(d["uuid"]), "service_id": service_id, "document": d["document"]}
                                   for d in self.documents[pk]],
            "attributes": [self.attribute(service, term["taxonomyterm__vocabulary"], term["taxonomyterm__code"])
                           for term in self.terms[pk]],
            "corridor_is_free": service["is_free"],
            "corridor_last_verified_at": verified and verified.isoformat(),
            "corridor_territory": service["territory__path"],
            **_texts(service),
        })

    @staticmethod
    def attribute(service: dict, vocabulary: str, code: str) -> dict:
        term = _taxonomy_term(vocabulary, code)
        return {"id": _derived_id(service["uuid"], term["id"]), "link_id": str(service["uuid"]),
                "link_entity": "service", "link_type": vocabulary, "taxonomy_term_id": term["id"],
                "taxonomy_term": term}


def iter_services(queryset):
    """Complete HSDS `service` objects (organisation, places, hours, classification...), one by one."""
    for pks in chunks(queryset.order_by("pk").values_list("pk", flat=True)):
        batch = _Batch(pks)
        for service in batch.services:
            yield batch.service_object(service)


def export_services(queryset) -> list[dict]:
    return list(iter_services(queryset))


# ---------------------------------------------------------------- HSDS objects <-> tables

# The lists an HSDS object may nest: key -> (table of the items, the item's field that links back).
CHILDREN = {
    "service": {"phones": ("phone", "service_id"), "schedules": ("schedule", "service_id"),
                "service_areas": ("service_area", "service_id"),
                "service_at_locations": ("service_at_location", "service_id"),
                "languages": ("language", "service_id"), "cost_options": ("cost_option", "service_id"),
                "required_documents": ("required_document", "service_id"),
                "contacts": ("contact", "service_id"), "funding": ("funding", "service_id")},
    "organization": {"phones": ("phone", "organization_id"), "locations": ("location", "organization_id"),
                     "contacts": ("contact", "organization_id"), "funding": ("funding", "organization_id"),
                     "programs": ("program", "organization_id"),
                     "organization_identifiers": ("organization_identifier", "organization_id")},
    "service_at_location": {"phones": ("phone", "service_at_location_id"),
                            "schedules": ("schedule", "service_at_location_id"),
                            "contacts": ("contact", "service_at_location_id")},
    "location": {"addresses": ("address", "location_id"), "accessibility": ("accessibility", "location_id"),
                 "phones": ("phone", "location_id"), "schedules": ("schedule", "location_id"),
                 "languages": ("language", "location_id"), "contacts": ("contact", "location_id")},
    "phone": {"languages": ("language", "phone_id")},
    "contact": {"phones": ("phone", "contact_id")},
}
# The single objects an HSDS object may nest: key -> (their table, the parent's field holding their id).
NESTED = {
    "service": {"organization": ("organization", "organization_id"), "program": ("program", "program_id")},
    "service_at_location": {"location": ("location", "location_id")},
    "attribute": {"taxonomy_term": ("taxonomy_term", "taxonomy_term_id")},
    "taxonomy_term": {"taxonomy_detail": ("taxonomy", "taxonomy_id")},
}
# Objects that many others nest (an organisation behind many services): flattened once.
SHARED = {"organization", "location", "program", "taxonomy_term", "taxonomy"}


@lru_cache(maxsize=None)
def _nested_keys(table: str) -> frozenset:
    return frozenset(CHILDREN.get(table, {})) | frozenset(NESTED.get(table, {})) | {"attributes", "metadata"}


@lru_cache(maxsize=None)
def _child_links(table: str) -> tuple:
    """(key, table of the items, field linking back, fields naming the parent's table)."""
    links = [(key, child_table, link, {}) for key, (child_table, link) in CHILDREN.get(table, {}).items()]
    links.append(("attributes", "attribute", "link_id", {"link_entity": table}))
    links.append(("metadata", "metadata", "resource_id", {"resource_type": table}))
    return tuple(links)


def flatten(table: str, obj: dict, emit, seen: set, path: tuple = (), links: dict | None = None) -> None:
    """Call emit(table, flat record, path) for an HSDS object and everything nested in it, with the
    links that nesting implies (`links`, from the parent) filled in where the object has none.
    Shared objects already in `seen` are skipped."""
    if table in SHARED:
        key = (table, obj.get("id"))
        if key in seen:
            return
        seen.add(key)
    inside = obj.keys() & _nested_keys(table)
    record = {**links, **obj} if links else dict(obj)
    for key in inside:
        del record[key]
        if key in NESTED.get(table, ()):
            nested_table, id_field = NESTED[table][key]
            if isinstance(obj[key], dict):
                record.setdefault(id_field, obj[key].get("id"))
                flatten(nested_table, obj[key], emit, seen, path + (key,))
    emit(table, record, path)
    if inside:
        own_id = obj.get("id")
        for key, child_table, link, parent in _child_links(table):
            items = obj.get(key) if key in inside else None
            if isinstance(items, list):
                for index, child in enumerate(items):
                    if isinstance(child, dict):
                        flatten(child_table, child, emit, seen, path + (key, index), {link: own_id, **parent})


def table_columns(table: str) -> list[str]:
    return list(hsds_schema.columns(table)) + list(EXTENSIONS.get(table, {}))


TABLES_WRITTEN = ["organization", "service", "location", "service_at_location", "address", "accessibility",
                  "phone", "schedule", "language", "cost_option", "required_document", "service_area",
                  "attribute", "taxonomy", "taxonomy_term"]


def _field_descriptor(table: str, name: str) -> dict:
    if name in EXTENSIONS.get(table, {}):
        (kind, description), fmt = EXTENSIONS[table][name], None
    else:
        prop = hsds_schema.columns(table)[name]
        kind, description, fmt = prop.get("datapackage_type") or prop["type"], prop.get("description", ""), prop.get(
            "format")
    descriptor = {"name": name, "type": kind, "description": description}
    if fmt in ("uuid", "email", "uri"):
        descriptor["format"] = fmt
    elif kind in ("time", "datetime"):
        descriptor["format"] = "any"  # HH:MM times and ISO 8601 moments with an offset
    return descriptor


def datapackage_descriptor() -> dict:
    resources = []
    for table in TABLES_WRITTEN:
        schema = hsds_schema.table_schema(table)
        required = set(schema.get("required", [])) | set(schema.get("tabular_required", []))
        fields = []
        for name in table_columns(table):
            descriptor = _field_descriptor(table, name)
            if name in required:
                descriptor["constraints"] = {"required": True}
            fields.append(descriptor)
        resources.append({"name": table, "path": hsds_schema.csv_name(table), "profile": "tabular-data-resource",
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                          "schema": {"fields": fields, "primaryKey": "id"}})
    return {"name": "corridor-hsds", "title": "Corridor directory (Open Referral HSDS 3.0)",
            "profile": "tabular-data-package", "created": timezone.now().isoformat(), "resources": resources}


def _cell(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def write_datapackage(queryset, fileobj) -> None:
    """Write the services of `queryset`, with everything they link to, as an HSDS tabular data
    package: a zip of datapackage.json and one CSV file per table."""
    spools, writers, seen = {}, {}, set()
    try:
        for table in TABLES_WRITTEN:
            spools[table] = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
            writers[table] = csv.writer(spools[table])
            writers[table].writerow(table_columns(table))
        for vocabulary in VOCABULARIES.values():
            seen.add(("taxonomy", vocabulary.taxonomy_id))
            writers["taxonomy"].writerow(_cell(_taxonomy(vocabulary.code).get(c)) for c in table_columns("taxonomy"))
            for code, _label in vocabulary.terms:
                term = _taxonomy_term(vocabulary.code, code)
                seen.add(("taxonomy_term", term["id"]))
                writers["taxonomy_term"].writerow(_cell(term.get(c)) for c in table_columns("taxonomy_term"))
        columns = {table: table_columns(table) for table in TABLES_WRITTEN}

        def write_row(table, record, _path):
            writers[table].writerow([_cell(record.get(c)) for c in columns[table]])

        for obj in iter_services(queryset):
            flatten("service", obj, write_row, seen)
        with zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("datapackage.json", json.dumps(datapackage_descriptor(), indent=2, ensure_ascii=False))
            for table, spool in spools.items():
                spool.seek(0)
                with archive.open(hsds_schema.csv_name(table), "w") as member, \
                        io.TextIOWrapper(member, encoding="utf-8", newline="") as text:
                    while chunk := spool.read(1 << 20):
                        text.write(chunk)
    finally:
        for spool in spools.values():
            spool.close()


# ---------------------------------------------------------------------------------------------- import

UNCOMPRESSED_LIMIT = 2 * 1024**3  # a data package bigger than this once unzipped is refused
# Names other tools give some files, read as well as the standard's.
FILE_ALIASES = {"service_at_location": ["service_at_locations.csv"]}
_NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$")


@dataclass(slots=True)
class _Row:
    data: dict
    source: object  # a file name, or the path inside a JSON record (a tuple)
    row: int | None
    valid: bool

    @property
    def source_text(self) -> str:
        return self.source if isinstance(self.source, str) else hsds_schema.describe_path(self.source) or "service"

    @property
    def where(self) -> str:
        return f"{self.source_text}, {_('row')} {self.row}" if self.row else self.source_text


class _Tables:
    """The flat records of an import, by table and HSDS id, with where each came from."""

    def __init__(self, errors: list):
        self.rows = defaultdict(dict)
        self.errors = errors

    def adder(self, row: int, valid: bool):
        """add() for the records of one JSON service, as flatten() calls it."""
        return lambda table, record, path: self.add(table, record, path, row, valid)

    def add(self, table: str, record: dict, source, row: int | None, valid: bool) -> None:
        for key in record.keys() & _id_columns(table):
            if isinstance(record[key], str):
                record[key] = record[key].lower()  # UUIDs, compared as text from here on
        key = record.get("id")
        if not isinstance(key, str):
            return
        entry = _Row(record, source, row, valid)
        first = self.rows[table].setdefault(key, entry)
        if first is not entry:
            self.errors.append(_error(entry, "id", _("The id %(id)s is used twice (first in %(where)s).") % {
                "id": key, "where": first.where}))


@lru_cache(maxsize=None)
def _id_columns(table: str) -> frozenset:
    return frozenset(name for name, prop in hsds_schema.columns(table).items() if prop.get("format") == "uuid")


def _error(row: _Row, field: str, message: str) -> RowError:
    return RowError(row.source_text, row.row, field, message)


def _records(data) -> list:
    if isinstance(data, (bytes, str)):
        try:
            data = json.loads(data)
        except ValueError as error:
            raise ImportFailed([RowError("", None, "", _("The file is not valid JSON: %s") % error)]) from None
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        return data["contents"]  # a page of the HSDS API
    if isinstance(data, dict) and "id" in data:
        return [data]
    if isinstance(data, list):
        return data
    raise ImportFailed([RowError("", None, "", _("The file should hold a list of HSDS services."))])


@garbage_collection_paused()
def import_json(data, *, territory, user=None) -> ImportReport:
    """Import HSDS `service` objects (a list, one object, or an API page of them) into `territory`."""
    errors = []
    tables = _Tables(errors)
    validator, seen = hsds_schema.service_validator(), set()
    for number, record in enumerate(_records(data), 1):
        if not isinstance(record, dict):
            errors.append(RowError("service", number, "", _("Each entry should be an HSDS service object.")))
            continue
        found = [] if validator.is_valid(record) else hsds_schema.problems(validator, record)
        errors += [RowError(hsds_schema.describe_path(p.path) or "service", number, p.field, p.message) for p in found]
        flatten("service", record, tables.adder(number, valid=not found), seen)
    return _Import(tables, territory, user, errors).run()


def _column_kinds(table: str) -> dict:
    kinds = {name: prop.get("type", "string") for name, prop in hsds_schema.columns(table).items()}
    kinds.update({name: kind for name, (kind, _description) in EXTENSIONS.get(table, {}).items()})
    return kinds


def _parse_cell(kind: str, text: str):
    """A CSV cell as the JSON value the schema expects. Raises ValueError when it cannot be one;
    numbers that do not parse stay text for the schema to report."""
    if kind == "number":
        if not _NUMBER.match(text):
            return text
        return int(text) if re.fullmatch(r"-?\d+", text) else float(text)
    if kind == "boolean":
        lowered = text.lower()
        if lowered not in ("true", "false", "1", "0", "yes", "no"):
            raise ValueError(_("Should be true or false."))
        return lowered in ("true", "1", "yes")
    if kind in ("array", "object"):
        try:
            value = json.loads(text)
        except ValueError:
            value = None
        if not isinstance(value, list if kind == "array" else dict):
            raise ValueError(_("Should be written in JSON, like %s.") % (
                '["fr", "ar"]' if kind == "array" else '{"fr": {"name": "..."}}'))
        return value
    return text


def _read_table(archive, info, table: str, tables: _Tables, errors: list, warnings: list) -> None:
    name = PurePosixPath(info.filename).name
    kinds = _column_kinds(table)
    schema = hsds_schema.table_schema(table)
    required = set(schema.get("required", [])) | set(schema.get("tabular_required", []))
    # An empty required text is empty, not missing (an organisation without description).
    texts = {column for column, prop in hsds_schema.columns(table).items()
             if column in required and prop.get("type") == "string" and "format" not in prop and "enum" not in prop}
    validator = hsds_schema.row_validator(table)
    with archive.open(info) as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
        try:
            reader = csv.reader(text)
            header = [cell.strip() for cell in next(reader, [])]
            missing = sorted(required - set(header))
            if missing:
                errors.append(RowError(name, 1, ", ".join(missing), _("These required columns are missing.")))
                return
            unknown = [column for column in header if column not in kinds]
            if unknown:
                warnings.append(_("%(file)s: these columns were not used: %(columns)s.") % {
                    "file": name, "columns": ", ".join(unknown)})
            columns = [(index, column, kinds[column], column in texts)
                       for index, column in enumerate(header) if column in kinds]
            for number, cells in enumerate(reader, 2):
                record, valid = {}, True
                for index, column, kind, required_text in columns:
                    cell = cells[index].strip() if index < len(cells) else ""
                    if not cell:
                        if required_text:
                            record[column] = ""
                    elif kind == "string":
                        record[column] = cell
                    else:
                        try:
                            record[column] = _parse_cell(kind, cell)
                        except ValueError as error:
                            errors.append(RowError(name, number, column, str(error)))
                            valid = False
                if not validator.is_valid(record):
                    errors += [RowError(name, number, p.field, p.message)
                               for p in hsds_schema.problems(validator, record)]
                    valid = False
                tables.add(table, record, name, number, valid)
        except (UnicodeDecodeError, csv.Error) as error:
            errors.append(RowError(name, None, "", _("The file cannot be read as UTF-8 CSV: %s") % error))


@garbage_collection_paused()
def import_datapackage(fileobj, *, territory, user=None) -> ImportReport:
    """Import an HSDS tabular data package: a zip of CSV files named as the standard names them."""
    errors, warnings = [], []
    tables = _Tables(errors)
    try:
        archive = zipfile.ZipFile(fileobj)
    except zipfile.BadZipFile:
        raise ImportFailed([RowError("", None, "", _("The file is not a zip archive."))]) from None
    with archive:
        members = {PurePosixPath(i.filename).name: i for i in archive.infolist() if not i.is_dir()}
        if sum(i.file_size for i in members.values()) > UNCOMPRESSED_LIMIT:
            raise ImportFailed([RowError("", None, "", _("The archive is too big once unpacked."))])
        if hsds_schema.csv_name("service") not in members:
            raise ImportFailed([RowError("", None, "", _("The archive has no %s file.") %
                                         hsds_schema.csv_name("service"))])
        for table in hsds_schema.table_names():
            names = [hsds_schema.csv_name(table), *FILE_ALIASES.get(table, ())]
            found = next((members[name] for name in names if name in members), None)
            if found:
                _read_table(archive, found, table, tables, errors, warnings)
    return _Import(tables, territory, user, errors, warnings).run()


def import_file(fileobj, *, territory, user=None) -> ImportReport:
    """Import a JSON file of services or a data package, told apart by their first bytes."""
    if fileobj.read(4) == b"PK\x03\x04":
        fileobj.seek(0)
        return import_datapackage(fileobj, territory=territory, user=user)
    fileobj.seek(0)
    return import_json(fileobj.read(), territory=territory, user=user)


def _existing(model, ids) -> dict:
    """Rows already in the database, by HSDS id: every column, and the path of their territory."""
    return rows_by_uuid(model.objects.all(), ids, *[f.attname for f in model._meta.concrete_fields], "territory__path")


def _existing_links(model, ids) -> dict:
    """For details of a service or place: HSDS id -> (pk, service pk, location pk)."""
    has_location = any(f.name == "location" for f in model._meta.fields)
    found = rows_by_uuid(model.objects.all(), ids, "pk", "service_id", *(["location_id"] if has_location else []))
    return {key: (values["pk"], values["service_id"], values.get("location_id")) for key, values in found.items()}


# Imports check the same few codes and times over and over: the lookups are remembered.
_known_language = lru_cache(maxsize=4096)(is_language_code)


@lru_cache(maxsize=4096)
def _known_country(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None


@lru_cache(maxsize=1024)
def _known_currency(code: str) -> bool:
    return pycountry.currencies.get(alpha_3=code) is not None


@lru_cache(maxsize=4096)
def _parse_clock(text: str) -> time | None:
    match = _CLOCK.match(text)
    if match and int(match[1]) < 24 and int(match[2]) < 60 and int(match[3] or 0) < 60:
        return time(int(match[1]), int(match[2]), int(match[3] or 0))  # wall-clock time where the service is
    return None


@lru_cache(maxsize=1024)
def _parse_days(text: str) -> str | None:
    """"tu, MO" -> "MO,TU"; None unless every part is a day of the week."""
    days = {d.strip().upper() for d in text.split(",") if d.strip()}
    if not days or not days <= set(Schedule.WEEKDAYS):
        return None
    return ",".join(d for d in Schedule.WEEKDAYS if d in days)


@lru_cache(maxsize=None)
def _max_length(model, column: str) -> int | None:
    return model._meta.get_field(column).max_length


# Columns holding the HSDS id of a record written by the same import, replaced by its key on writing.
_LINKS = {"organisation_id": Organisation, "location_id": Location, "service_id": Service}
_IGNORED = {
    "kind": ngettext_lazy(
        "%d organisation did not say what kind of actor it is; it was recorded as a civil-society organisation: "
        "please check it.",
        "%d organisations did not say what kind of actor they are; they were recorded as civil-society "
        "organisations: please check them."),
    "contact": ngettext_lazy("%d contact was not imported: Corridor does not keep contact persons.",
                             "%d contacts were not imported: Corridor does not keep contact persons."),
    "funding": ngettext_lazy("%d funding record was not imported.", "%d funding records were not imported."),
    "program": ngettext_lazy("%d programme was not imported.", "%d programmes were not imported."),
    "organization_identifier": ngettext_lazy("%d organisation identifier was not imported.",
                                             "%d organisation identifiers were not imported."),
    "metadata": ngettext_lazy("%d change-log record (metadata) was not imported.",
                              "%d change-log records (metadata) were not imported."),
    "meta_table_description": ngettext_lazy("%d table description was not imported.",
                                            "%d table descriptions were not imported."),
    "attribute": ngettext_lazy("%d attribute of a record other than a service was not imported.",
                               "%d attributes of records other than services were not imported."),
    "other taxonomy": ngettext_lazy("%d classification from another taxonomy was not imported.",
                                    "%d classifications from other taxonomies were not imported."),
    "other language": ngettext_lazy(
        "%d language of a place or of an organisation phone was not imported (Corridor keeps languages per "
        "service and per phone).",
        "%d languages of places or of organisation phones were not imported (Corridor keeps languages per "
        "service and per phone)."),
}


class _Import:
    """Checks the tables of an import against Corridor's rules and the database, prepares the rows,
    and writes them only if nothing is wrong."""

    def __init__(self, tables: _Tables, territory, user, errors: list, warnings: list | None = None):
        self.t = tables.rows
        self.root = territory
        self.lookup = TerritoryLookup(territory)
        self.user = user
        self.errors = errors
        self.warnings = warnings if warnings is not None else []
        self.ignored = Counter()
        self.now = timezone.now()
        self.out = defaultdict(list)  # model -> rows to write (dicts by column; "id" when updating)
        self.existing = {}  # model -> {HSDS id: row in the database}
        self.known = {}  # model -> HSDS ids that may be referred to

    # -- small checks: each records a row-level error and returns a usable value

    def error(self, row: _Row, field: str, message: str) -> None:
        self.errors.append(_error(row, field, message))

    def text(self, row: _Row, field: str, model, column: str) -> str:
        value = row.data.get(field)
        value = "" if value is None else str(value).strip()
        limit = _max_length(model, column)
        if limit and len(value) > limit:
            self.error(row, field, _("Too long: at most %(limit)d characters, here %(length)d.") % {
                "limit": limit, "length": len(value)})
        return value

    def texts(self, out: dict, row: _Row, model, mapping: dict) -> None:
        """mapping: column -> HSDS field."""
        for column, field in mapping.items():
            out[column] = self.text(row, field, model, column)

    def whole_number(self, row: _Row, field: str, low: int, high: int):
        value = row.data.get(field)
        if value is None:
            return None
        if not isinstance(value, (int, float)) or value != int(value) or not low <= value <= high:
            self.error(row, field, _("Should be a whole number from %(low)d to %(high)d.") % {"low": low, "high": high})
            return None
        return int(value)

    def coordinate(self, row: _Row, field: str, limit: int):
        value = row.data.get(field)
        if value is not None and not (isinstance(value, (int, float)) and -limit <= value <= limit):
            self.error(row, field, _("Should be a number from -%(limit)d to %(limit)d.") % {"limit": limit})
            return None
        return value

    def language(self, row: _Row, field: str, value) -> str | None:
        if not isinstance(value, str) or not _known_language(value):
            self.error(row, field, _("“%s” is not an ISO 639 language code (like fr, ar or ti).") % value)
            return None
        return value.lower()

    def moment(self, row: _Row, field: str):
        value = row.data.get(field)
        parsed = parse_datetime(value) if isinstance(value, str) else None
        if value is not None and parsed is None:
            self.error(row, field, _("“%s” is not a date and time (like 2024-05-31T14:00:00+02:00).") % value)
        if parsed is not None and timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        return parsed

    def day(self, row: _Row, field: str):
        value = row.data.get(field)
        if value is None:
            return None
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            self.error(row, field, _("“%s” is not a date (like 2024-05-31).") % value)
            return None

    def clock(self, row: _Row, field: str):
        value = row.data.get(field)
        parsed = _parse_clock(str(value)) if value is not None else None
        if parsed is None:
            self.error(row, field, _("The time is missing.") if value is None else
                       _("“%s” is not a time (like 09:30).") % value)
        return parsed

    def choice(self, row: _Row, field: str, choices, default):
        value = row.data.get(field)
        if value is None:
            return default
        if value not in choices.values:
            self.error(row, field, _("“%(value)s” is not allowed; use one of: %(options)s.") % {
                "value": value, "options": ", ".join(choices.values)})
            return default
        return value

    def reference(self, row: _Row, field: str, model, table: str) -> str | None:
        """The HSDS id in `field` if it names a record of the file, or an organisation or place of the
        territory (the details of a service come with the service)."""
        target = row.data.get(field)
        if target is not None and target not in self.known[model]:
            if model in (Organisation, Location):
                message = _("No %(table)s with the id %(id)s, neither in the file nor in %(root)s.")
            else:
                message = _("No %(table)s with the id %(id)s in the file.")
            self.error(row, field, message % {"table": table, "id": target, "root": self.root})
            return None
        return target

    def territory_id(self, row: _Row, names=(), current=None) -> int:
        path = row.data.get("corridor_territory")
        found = self.lookup.by_path(path) if isinstance(path, str) else None
        found = found or self.lookup.deepest(*[n for n in names if n])
        return found.pk if found else current or self.root.pk

    def content(self, out: dict, row: _Row) -> None:
        """content_language and translations; left as they are when the file does not carry them."""
        language = row.data.get("corridor_content_language")
        if language is not None:
            out["content_language"] = self.language(row, "corridor_content_language", language)
        translations = row.data.get("corridor_translations")
        if translations is None:
            return
        if isinstance(translations, dict) and all(
                isinstance(k, str) and _known_language(k) and isinstance(v, dict)
                and all(isinstance(text, str) for text in v.values()) for k, v in translations.items()):
            out["translations"] = translations
        else:
            self.error(row, "corridor_translations",
                       _('Translations should look like {"fr": {"name": "...", "description": "..."}}.'))

    def rows(self, table: str):
        """The rows to check further: invalid ones are reported already, more would be noise."""
        return [(key, row) for key, row in self.t[table].items() if row.valid]

    def owners(self, model, table: str, referenced: set, refusal: str):
        """Rows of an organisation, place or service table, each with the row already in the database
        under its id (None if new), having noted which ids may be referred to. Records outside the
        import's territory are refused with `refusal`."""
        rows = self.t[table]
        existing = self.existing[model] = _existing(model, set(rows) | referenced)
        inside = {key for key, values in existing.items() if values["territory__path"].startswith(self.root.path)}
        self.known[model] = set(rows) | inside
        for key, row in self.rows(table):
            if key in existing and key not in inside:
                self.error(row, "id", refusal % {"root": self.root})
            else:
                yield key, row, existing.get(key)

    # -- organisations, places and services

    def organisations(self) -> None:
        referenced = {r.data.get("organization_id") for t in ("service", "location") for r in self.t[t].values()}
        for key, row, current in self.owners(Organisation, "organization", referenced, _(
                "This organisation already exists outside %(root)s: it cannot be changed from here.")):
            out = {"uuid": key, "phone": ""}  # the phone comes with the phones, below
            self.texts(out, row, Organisation, {"name": "name", "alternate_name": "alternate_name",
                                                "description": "description", "email": "email", "website": "website",
                                                "legal_status": "legal_status"})
            self.named(out, row)
            out["year_incorporated"] = self.whole_number(row, "year_incorporated", 1000, 3000)
            if current is None and "corridor_kind" not in row.data:
                self.ignored["kind"] += 1
            out["kind"] = self.choice(row, "corridor_kind", Organisation.Kind,
                                      current["kind"] if current else Organisation.Kind.CSO)
            out["association_level"] = self.choice(row, "corridor_association_level", Organisation.AssociationLevel,
                                                   current["association_level"] if current else "")
            languages = row.data.get("corridor_languages")
            if isinstance(languages, list):
                out["languages"] = [self.language(row, "corridor_languages", code) for code in languages]
            elif languages is not None:
                self.error(row, "corridor_languages", _("Should be a list of ISO 639 codes."))
            out["territory_id"] = self.territory_id(row, current=current and current["territory_id"])
            self.content(out, row)
            self.add(Organisation, out, current)

    def named(self, out: dict, row: _Row) -> None:
        if not out["name"]:
            self.error(row, "name", _("The name is missing."))

    def add(self, model, out: dict, current: dict | None) -> None:
        if current is not None:
            out = {**current, **out}
            out.pop("territory__path")
        self.out[model].append(out)

    def locations(self) -> None:
        organisation_of_service = {key: row.data.get("organization_id") for key, row in self.t["service"].items()}
        # A place without organization_id belongs to the organisation of a service offered there.
        organisation_of = {}
        for sal in self.t["service_at_location"].values():
            organisation_of.setdefault(sal.data.get("location_id"),
                                       organisation_of_service.get(sal.data.get("service_id")))
        addresses, accessibility = {}, defaultdict(list)
        for row in self.t["address"].values():
            addresses.setdefault(row.data.get("location_id"), row)
        for row in self.t["accessibility"].values():
            accessibility[row.data.get("location_id")].append(row)
        referenced = {r.data.get("location_id") for t in ("service_at_location", "phone", "schedule")
                      for r in self.t[t].values()}
        for key, row, current in self.owners(Location, "location", referenced, _(
                "This place already exists outside %(root)s: it cannot be changed from here.")):
            out = {"uuid": key, "location_type": row.data["location_type"]}
            if row.data.get("organization_id"):
                out["organisation_id"] = self.reference(row, "organization_id", Organisation, "organization")
            elif organisation_of.get(key):
                out["organisation_id"] = organisation_of[key]
            else:
                self.error(row, "organization_id", _("A place must belong to an organisation: give organization_id "
                                                     "or offer a service there."))
            self.texts(out, row, Location, {"name": "name", "description": "description",
                                            "transportation": "transportation"})
            out["latitude"] = self.coordinate(row, "latitude", 90)
            out["longitude"] = self.coordinate(row, "longitude", 180)
            self.address(out, addresses.get(key))
            out["accessibility"] = "\n".join(
                " ".join(str(a.data.get(f, "")) for f in ("description", "details")).strip()
                for a in accessibility[key])
            out["territory_id"] = self.territory_id(row, (out["city"], out["region"]),
                                                    current and current["territory_id"])
            self.content(out, row)
            self.add(Location, out, current)

    def address(self, out: dict, row: _Row | None) -> None:
        if row is None:
            out.update(address_1="", city="", region="", postal_code="", country="")
            return
        lines = [str(row.data.get(f, "")).strip() for f in ("address_1", "address_2")]
        out["address_1"] = ", ".join(line for line in lines if line)
        if len(out["address_1"]) > 255:
            self.error(row, "address_1", _("Too long: at most %(limit)d characters, here %(length)d.") % {
                "limit": 255, "length": len(out["address_1"])})
        out["city"] = self.text(row, "city", Location, "city")
        out["region"] = self.text(row, "state_province" if row.data.get("state_province") else "region",
                                  Location, "region")
        out["postal_code"] = self.text(row, "postal_code", Location, "postal_code")
        country = str(row.data.get("country") or "").strip().upper()
        if country and not _known_country(country):
            self.error(row, "country", _("“%s” is not a two-letter ISO 3166 country code.") % country)
        out["country"] = country

    def services(self) -> None:
        areas = {}
        for row in self.t["service_area"].values():
            areas.setdefault(row.data.get("service_id"), row.data.get("name"))
        # Details given in the file are those of services in the file.
        for key, row, current in self.owners(Service, "service", set(), _(
                "This service already exists outside %(root)s: it cannot be changed from here.")):
            out = {"uuid": key, "status": row.data["status"]}
            if row.data.get("organization_id") is None:
                self.error(row, "organization_id", _("Every service needs its organisation."))
            out["organisation_id"] = self.reference(row, "organization_id", Organisation, "organization")
            self.texts(out, row, Service, {f: f for f in (
                "name", "alternate_name", "description", "url", "email", "application_process",
                "eligibility_description", "fees_description")})
            self.named(out, row)
            out["minimum_age"] = self.whole_number(row, "minimum_age", 0, 150)
            out["maximum_age"] = self.whole_number(row, "maximum_age", 0, 150)
            if "corridor_is_free" in row.data:
                out["is_free"] = row.data["corridor_is_free"] is True
            verified = self.moment(row, "corridor_last_verified_at")
            if verified is None and (assured := self.day(row, "assured_date")):
                verified = timezone.make_aware(datetime.combine(assured, time()))
            if verified is not None or current is None:
                out["last_verified_at"] = verified
            out["territory_id"] = self.territory_id(row, (areas.get(key),), current and current["territory_id"])
            self.content(out, row)
            self.add(Service, out, current)

    # -- details of services and places

    def details(self, model, table: str):
        """Rows of a table of details, with the key of the row already in the database under the same
        id. An id used by a record that this import does not cover is refused, so that a file cannot
        take over somebody else's phone or hours."""
        links = _existing_links(model, self.t[table])
        services, locations = (
            {values["id"] for key, values in self.existing[owner].items() if key in self.known[owner]}
            for owner in (Service, Location))
        for key, row in self.rows(table):
            pk, service_pk, location_pk = links.get(key, (None, None, None))
            if pk is not None and service_pk not in services and location_pk not in locations:
                self.error(row, "id", _("This id is already used by a record this file does not cover."))
            yield key, row, ({"id": pk} if pk else {})

    def owner(self, row: _Row, organisation_allowed=False):
        """The service, place and (for phones) organisation a detail belongs to, by HSDS id."""
        data = row.data
        service = self.reference(row, "service_id", Service, "service")
        location = self.reference(row, "location_id", Location, "location")
        if data.get("service_at_location_id"):
            # What is particular to a service at one place is kept with the service.
            service = service or self.service_of_sal.get(
                self.reference(row, "service_at_location_id", ServiceAtLocation, "service_at_location"))
        organisation = None
        if organisation_allowed and not (data.get("service_id") or data.get("location_id")):
            organisation = self.reference(row, "organization_id", Organisation, "organization")
        links = ("service_id", "location_id", "service_at_location_id", *(
            ("organization_id",) if organisation_allowed else ()))
        if not any(data.get(f) for f in links):
            if data.get("contact_id"):
                self.ignored["contact"] += 1
            else:
                self.error(row, "service_id", _("Say which service or place this belongs to."))
        return service, location, organisation

    def service_at_locations(self) -> None:
        self.known[ServiceAtLocation] = set(self.t["service_at_location"])
        self.service_of_sal, pairs = {}, {}
        for key, row, out in self.details(ServiceAtLocation, "service_at_location"):
            service = self.reference(row, "service_id", Service, "service")
            location = self.reference(row, "location_id", Location, "location")
            self.service_of_sal[key] = service
            if (service, location) in pairs:
                self.error(row, "location_id", _("This service is already linked to this place (%s).") %
                           pairs[service, location].where)
            pairs[service, location] = row
            self.out[ServiceAtLocation].append({**out, "uuid": key, "service_id": service, "location_id": location,
                                                "description": str(row.data.get("description", ""))})

    def phones(self) -> None:
        self.phone_languages, self.organisation_phones = {}, set()
        organisations = {out["uuid"]: out for out in self.out[Organisation]}
        for key, row, out in self.details(Phone, "phone"):
            service, location, organisation = self.owner(row, organisation_allowed=True)
            number = self.text(row, "number", Phone, "number")
            if organisation:
                self.organisation_phones.add(key)
                if organisation in organisations:  # Corridor keeps one number per organisation
                    organisations[organisation]["phone"] = organisations[organisation]["phone"] or number
                continue
            extension = row.data.get("extension")
            if extension is not None and (not isinstance(extension, (int, float)) or extension != int(extension)
                                          or not 0 <= extension < 10**10):
                self.error(row, "extension", _("The extension should be a number."))
                extension = None
            out.update(uuid=key, service_id=service, location_id=location, number=number,
                       extension="" if extension is None else str(int(extension)),
                       type=self.choice(row, "type", Phone.Type, Phone.Type.VOICE),
                       description=self.text(row, "description", Phone, "description"), languages=[])
            self.phone_languages[key] = out["languages"]
            self.out[Phone].append(out)

    def schedules(self) -> None:
        for key, row, out in self.details(Schedule, "schedule"):
            service, location, _organisation = self.owner(row)
            if str(row.data.get("freq", "WEEKLY")).upper() != "WEEKLY":
                self.error(row, "freq", _("Only weekly opening hours can be imported."))
            days = _parse_days(str(row.data.get("byday", "")))
            if days is None:
                self.error(row, "byday", _("Give the days as MO,TU,WE,TH,FR,SA,SU (every week)."))
            note = "description" if row.data.get("description") else "notes"
            out.update(uuid=key, service_id=service, location_id=location,
                       byday=days or "",
                       opens_at=self.clock(row, "opens_at"), closes_at=self.clock(row, "closes_at"),
                       description=self.text(row, note, Schedule, "description"),
                       valid_from=self.day(row, "valid_from"), valid_to=self.day(row, "valid_to"))
            self.out[Schedule].append(out)

    def languages(self) -> None:
        self.known[Phone] = set(self.t["phone"])
        self.spoken, first = defaultdict(list), {}
        for key, row, out in self.details(ServiceLanguage, "language"):
            data = row.data
            if data.get("code") is None:
                self.error(row, "code", _("A language needs its ISO 639 code (like fr, ar or ti)."))
                continue
            code = self.language(row, "code", data["code"])
            if data.get("phone_id") in self.organisation_phones or (
                    data.get("location_id") and not data.get("service_id") and not data.get("phone_id")):
                self.ignored["other language"] += 1
            elif data.get("phone_id"):
                phone = self.reference(row, "phone_id", Phone, "phone")
                if phone in self.phone_languages and code:
                    self.phone_languages[phone].append(code)
            elif data.get("service_id"):
                service = self.reference(row, "service_id", Service, "service")
                if (service, code) in first:
                    self.error(row, "code", _("This language is given twice for the service (%s).") %
                               first[service, code].where)
                first[service, code] = row
                self.spoken[service].append(code)
                self.out[ServiceLanguage].append({**out, "uuid": key, "service_id": service, "code": code,
                                                  "note": self.text(row, "note", ServiceLanguage, "note")})
            else:
                self.error(row, "service_id", _("Say which service or phone this language is for."))

    def costs_and_documents(self) -> None:
        for key, row, out in self.details(CostOption, "cost_option"):
            amount = row.data.get("amount")
            if amount is not None:
                try:
                    amount = Decimal(str(amount)).quantize(Decimal("0.01"))
                    if abs(amount) >= 10**8:
                        raise InvalidOperation
                except InvalidOperation:
                    self.error(row, "amount", _("The amount should be a number below 100,000,000."))
                    amount = None
            currency = str(row.data.get("currency", "")).strip().upper()
            if currency and not _known_currency(currency):
                self.error(row, "currency", _("“%s” is not a three-letter ISO 4217 currency code.") % currency)
            out.update(uuid=key, service_id=self.reference(row, "service_id", Service, "service"), amount=amount,
                       currency=currency, option=self.text(row, "option", CostOption, "option"),
                       amount_description=self.text(row, "amount_description", CostOption, "amount_description"))
            self.out[CostOption].append(out)
        for key, row, out in self.details(RequiredDocument, "required_document"):
            document = self.text(row, "document" if row.data.get("document") else "uri", RequiredDocument, "document")
            if not document:
                self.error(row, "document", _("Name the document."))
            out.update(uuid=key, service_id=self.reference(row, "service_id", Service, "service"), document=document)
            self.out[RequiredDocument].append(out)

    def classification(self) -> None:
        """Attributes of services that link terms of Corridor's vocabularies; terms of other
        taxonomies are left out and counted."""
        terms = {term.hsds_id: term for term in TaxonomyTerm.objects.all()}
        by_code = {(term.vocabulary, term.code): term for term in terms.values()}
        taxonomies = {v.taxonomy_id: v.code for v in VOCABULARIES.values()}
        self.terms = defaultdict(list)
        for _key, row in self.rows("attribute"):
            data = row.data
            if data.get("link_entity", "service") != "service":
                self.ignored["attribute"] += 1
                continue
            term = terms.get(data.get("taxonomy_term_id"))
            if term is None:
                described = self.t["taxonomy_term"].get(data.get("taxonomy_term_id"))
                if described is None:
                    self.error(row, "taxonomy_term_id", _("The taxonomy term %s is not described in the file.") %
                               data.get("taxonomy_term_id"))
                    continue
                vocabulary = taxonomies.get(described.data.get("taxonomy_id"))
                if vocabulary is None:
                    self.ignored["other taxonomy"] += 1
                    continue
                term = by_code.get((vocabulary, described.data.get("code")))
                if term is None:
                    self.error(row, "taxonomy_term_id", _(
                        "“%(code)s” is not a term of the vocabulary %(vocabulary)s.") % {
                        "code": described.data.get("code"), "vocabulary": vocabulary})
                    continue
            service = self.reference(row, "link_id", Service, "service")
            if service and term not in self.terms[service]:
                self.terms[service].append(term)

    # -- writing

    def run(self) -> ImportReport:
        for table in UNSUPPORTED:
            self.ignored[table] += len(self.t[table])
        self.organisations()
        self.locations()
        self.services()
        self.service_at_locations()
        self.phones()
        self.schedules()
        self.languages()
        self.costs_and_documents()
        self.classification()
        if self.errors:
            raise ImportFailed(self.errors)
        report = ImportReport(warnings=self.warnings + [
            str(_IGNORED[key] % count) for key, count in self.ignored.items() if count])
        with transaction.atomic():
            self.write(report)
        refresh_planner_statistics()
        return report

    def search_documents(self) -> None:
        """Services are indexed before they are written: reading them back would cost more."""
        organisations = {str(values["uuid"]): values for values in self.existing[Organisation].values()}
        organisations.update({out["uuid"]: out for out in self.out[Organisation]})
        # build_document reads only these attributes; model instances would cost more than the rest.
        organisations = {key: SimpleNamespace(name=values["name"], alternate_name=values["alternate_name"])
                         for key, values in organisations.items()}
        for out in self.out[Service]:
            service = SimpleNamespace(
                name=out["name"], alternate_name=out["alternate_name"], description=out["description"],
                eligibility_description=out["eligibility_description"], translations=out.get("translations", {}),
                organisation=organisations[out["organisation_id"]], territory=self.lookup.by_id[out["territory_id"]])
            out["search_document"] = search.build_document(service, self.spoken[out["uuid"]], self.terms[out["uuid"]])

    def delete_left_out(self) -> None:
        """Details of updated services and places that the file no longer lists are removed."""
        services = [row["id"] for row in self.out[Service] if "id" in row]
        locations = [row["id"] for row in self.out[Location] if "id" in row]
        for model in (ServiceAtLocation, Phone, Schedule, ServiceLanguage, CostOption, RequiredDocument):
            kept = {row["id"] for row in self.out[model] if "id" in row}
            left_out = set()
            for chunk in chunks(services):
                left_out.update(model.objects.filter(service_id__in=chunk).values_list("pk", flat=True))
            for chunk in chunks(locations if model in (Phone, Schedule) else []):
                left_out.update(model.objects.filter(location_id__in=chunk, service__isnull=True)
                                .values_list("pk", flat=True))
            for chunk in chunks(left_out - kept):
                model.objects.filter(pk__in=chunk).delete()
        for chunk in chunks(services):
            Service.terms.through.objects.filter(service_id__in=chunk).delete()

    def write(self, report: ImportReport) -> None:
        self.delete_left_out()
        self.search_documents()
        keys = {model: {key: values["id"] for key, values in self.existing[model].items()}
                for model in (Organisation, Location, Service)}
        for model in (Organisation, Location, Service, ServiceAtLocation, Phone, Schedule, ServiceLanguage,
                      CostOption, RequiredDocument):
            rows = self.out[model]
            for row in rows:
                for column, linked in _LINKS.items():
                    if isinstance(row.get(column), str):
                        row[column] = keys[linked][row[column]]
            new = [row for row in rows if "id" not in row]
            old = [row for row in rows if "id" in row]
            if model in keys:
                created = insert_rows(model, new, return_keys=True)
                for row in new:
                    row["id"] = created[row["uuid"]]
                keys[model].update(created)
            else:
                insert_rows(model, new)
            update_rows(model, old)
            # The history people read is that of organisations and services (who imported them,
            # when); recording every place, phone and opening hour as well would double the import.
            if model in (Organisation, Service):
                insert_history(model, new, history_type="+", user=self.user, reason=IMPORT_REASON, when=self.now)
                insert_history(model, old, history_type="~", user=self.user, reason=IMPORT_REASON, when=self.now)
            report.created.update({model: len(new)} if new else {})
            report.updated.update({model: len(old)} if old else {})
        insert_rows(Service.terms.through, [{"service_id": keys[Service][service], "taxonomyterm_id": term.pk}
                                            for service, terms in self.terms.items() for term in terms])
        # Services not in the file show the name of an organisation the file changed.
        in_file = {row["id"] for row in self.out[Service]}
        organisations = [row["id"] for row in self.out[Organisation] if row["uuid"] in self.existing[Organisation]]
        others = [pk for chunk in chunks(organisations)
                  for pk in Service.objects.filter(organisation_id__in=chunk).values_list("pk", flat=True)
                  if pk not in in_file]
        for chunk in chunks(others):
            search.reindex_all(queryset=Service.objects.filter(pk__in=chunk))
