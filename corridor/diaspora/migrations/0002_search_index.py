"""The full-text index over Project.search_document, in each database's own engine (as the
directory's services: directory/migrations/0002_search_index.py)."""
from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE diaspora_project_fts USING fts5("
    "search_document, content='diaspora_project', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER diaspora_project_fts_insert AFTER INSERT ON diaspora_project BEGIN "
    "INSERT INTO diaspora_project_fts(rowid, search_document) VALUES (new.id, new.search_document); END",
    "CREATE TRIGGER diaspora_project_fts_delete AFTER DELETE ON diaspora_project BEGIN "
    "INSERT INTO diaspora_project_fts(diaspora_project_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); END",
    "CREATE TRIGGER diaspora_project_fts_update AFTER UPDATE OF search_document ON diaspora_project BEGIN "
    "INSERT INTO diaspora_project_fts(diaspora_project_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); "
    "INSERT INTO diaspora_project_fts(rowid, search_document) VALUES (new.id, new.search_document); END",
    "INSERT INTO diaspora_project_fts(diaspora_project_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER diaspora_project_fts_update",
    "DROP TRIGGER diaspora_project_fts_delete",
    "DROP TRIGGER diaspora_project_fts_insert",
    "DROP TABLE diaspora_project_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE diaspora_project ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_document)) STORED",
    "CREATE INDEX diaspora_project_search_vector ON diaspora_project USING GIN (search_vector)",
]
POSTGRES_BACKWARD = ["ALTER TABLE diaspora_project DROP COLUMN search_vector"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("diaspora", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
