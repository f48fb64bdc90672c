"""The full-text index over GoodPractice.search_document, in each database's own engine (as the
directory's services: directory/migrations/0002_search_index.py)."""
from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE library_goodpractice_fts USING fts5("
    "search_document, content='library_goodpractice', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER library_goodpractice_fts_insert AFTER INSERT ON library_goodpractice BEGIN "
    "INSERT INTO library_goodpractice_fts(rowid, search_document) VALUES (new.id, new.search_document); END",
    "CREATE TRIGGER library_goodpractice_fts_delete AFTER DELETE ON library_goodpractice BEGIN "
    "INSERT INTO library_goodpractice_fts(library_goodpractice_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); END",
    "CREATE TRIGGER library_goodpractice_fts_update AFTER UPDATE OF search_document ON library_goodpractice BEGIN "
    "INSERT INTO library_goodpractice_fts(library_goodpractice_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); "
    "INSERT INTO library_goodpractice_fts(rowid, search_document) VALUES (new.id, new.search_document); END",
    "INSERT INTO library_goodpractice_fts(library_goodpractice_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER library_goodpractice_fts_update",
    "DROP TRIGGER library_goodpractice_fts_delete",
    "DROP TRIGGER library_goodpractice_fts_insert",
    "DROP TABLE library_goodpractice_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE library_goodpractice ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_document)) STORED",
    "CREATE INDEX library_goodpractice_search_vector ON library_goodpractice USING GIN (search_vector)",
]
POSTGRES_BACKWARD = ["ALTER TABLE library_goodpractice DROP COLUMN search_vector"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("library", "0002_practice_workflow_and_links")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
