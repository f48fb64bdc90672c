"""The full-text index over Service.search_document, in each database's own engine."""
from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE directory_service_fts USING fts5("
    "search_document, content='directory_service', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER directory_service_fts_insert AFTER INSERT ON directory_service BEGIN "
    "INSERT INTO directory_service_fts(rowid, search_document) VALUES (new.id, new.search_document); END",
    "CREATE TRIGGER directory_service_fts_delete AFTER DELETE ON directory_service BEGIN "
    "INSERT INTO directory_service_fts(directory_service_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); END",
    "CREATE TRIGGER directory_service_fts_update AFTER UPDATE OF search_document ON directory_service BEGIN "
    "INSERT INTO directory_service_fts(directory_service_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); "
    "INSERT INTO directory_service_fts(rowid, search_document) VALUES (new.id, new.search_document); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER directory_service_fts_update",
    "DROP TRIGGER directory_service_fts_delete",
    "DROP TRIGGER directory_service_fts_insert",
    "DROP TABLE directory_service_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE directory_service ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_document)) STORED",
    "CREATE INDEX directory_service_search_vector ON directory_service USING GIN (search_vector)",
]
POSTGRES_BACKWARD = ["ALTER TABLE directory_service DROP COLUMN search_vector"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
