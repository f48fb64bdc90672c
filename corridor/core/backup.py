"""Backups: one archive holding a consistent snapshot of the database and the uploaded files
(`manage.py backup PATH`), and its restoration (`manage.py restore PATH`). See docs/deploy.md.

The archive is a gzipped tar:

    database.sqlite3 | database.pgdump   the database (SQLite file, or pg_dump's custom format)
    uploads/...                          MEDIA_ROOT, file by file
    manifest.json                        {"format": 1, "corridor": version, "created_at",
                                          "database": {"vendor", "member"},
                                          "migrations": {app: [applied migration names]},
                                          "members": {member: {"sha256", "bytes"}}}

The database is copied with its own tools rather than Django's dumpdata: SQLite's online backup API and
PostgreSQL's pg_dump each take a consistent snapshot while the site keeps running, copy everything
(sequences, indexes, tables no model describes, every app without exception) and keep encrypted fields as
ciphertext; dumpdata serialises model by model, through the models, and loaddata fires no constraint
checks across apps until the end, slowly on a large directory. The price: an archive restores into the same
kind of database it was taken from. The migrations recorded in the manifest are read inside the snapshot.
Uploads are copied after the database: every file the snapshot refers to already exists then (files are
written before the rows that name them); only a file deleted in between (a person's data erased at that very
moment) is missing from the archive.

Restoration checks everything before it changes anything: every member against its checksum, the kind of
database, and that the archive's migrations are all known to this code (an archive from a newer version is
refused). It then replaces the database in one step (SQLite's backup API; one psql transaction for
PostgreSQL), then the uploads, and applies the migrations this code has that the archive lacks. The keys of
encrypted fields (CORRIDOR_FIELD_KEYS or the key file) are not in the archive: keep them apart."""
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from datetime import datetime, timezone
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader

FORMAT = 1
MANIFEST = "manifest.json"
UPLOADS = "uploads"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """The archive cannot be made or restored; the message says why and what to do."""


def create(path: Path) -> dict:
    """Write the archive to `path` (replaced only once complete; readable by its owner only). Returns the manifest."""
    path = Path(path).resolve()
    vendor = _vendor()
    with tempfile.TemporaryDirectory(prefix=".backup-", dir=path.parent) as work:
        work = Path(work)
        database = work / DATABASE_MEMBERS[vendor]
        migrations = _dump_sqlite(database) if vendor == "sqlite" else _dump_postgresql(database)
        partial = work / "archive.tar.gz"
        members = {}
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            members[database.name] = _add(archive, database, database.name)
            media = Path(settings.MEDIA_ROOT)
            for file in sorted(p for p in media.rglob("*") if p.is_file()) if media.is_dir() else []:
                member = f"{UPLOADS}/{file.relative_to(media).as_posix()}"
                members[member] = _add(archive, file, member)
            manifest = {"format": FORMAT, "corridor": _version(),
                        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                        "database": {"vendor": vendor, "member": database.name},
                        "migrations": migrations, "members": members}
            content = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(content), int(datetime.now().timestamp()), 0o600
            archive.addfile(info, io.BytesIO(content))
        partial.chmod(0o600)  # personal data
        os.replace(partial, path)
    return manifest


def restore(path: Path, *, before_changes=lambda manifest: None) -> dict:
    """Replace the database and the uploads with the archive's. Raises BackupError, having changed
    nothing, when the archive is damaged or does not fit this site. `before_changes(manifest)` is called
    once everything is checked (to ask for confirmation: raising there stops the restoration)."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No archive at {path}.")
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=media.parent) as work:
        work = Path(work)
        manifest = _unpack(path, work)
        _check_fits(manifest)
        before_changes(manifest)
        database = work / manifest["database"]["member"]
        if manifest["database"]["vendor"] == "sqlite":
            _load_sqlite(database)
        else:
            _load_postgresql(database, work)
        _replace_uploads(work / UPLOADS, media)
    return manifest


def pending_migrations(manifest: dict) -> list[str]:
    """Migrations of this code that the archive's database had not applied."""
    applied = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in set(loader.disk_migrations) - applied)


# Making the archive.

def _vendor() -> str:
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def _version() -> str:
    return tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())["project"]["version"]


def _migrations(rows) -> dict:
    applied = {}
    for app, name in sorted(rows):
        applied.setdefault(app, []).append(name)
    return applied


def _dump_sqlite(target: Path) -> dict:
    """SQLite's online backup: a consistent copy while other connections keep reading and writing."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        return _migrations(copy.execute("SELECT app, name FROM django_migrations").fetchall())
    finally:
        copy.close()


def _dump_postgresql(target: Path) -> dict:
    """pg_dump reads the snapshot of a repeatable-read transaction in which the migrations are read too."""
    pg_dump = _postgresql_program("pg_dump")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        cursor.execute("SELECT app, name FROM django_migrations")
        migrations = _migrations(cursor.fetchall())
        _run([pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
              f"--file={target}"], "pg_dump")
    return migrations


def _add(archive: tarfile.TarFile, file: Path, member: str) -> dict:
    """Add a file, hashing exactly the bytes that go into the archive."""
    info = archive.gettarinfo(file, member)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    digest = hashlib.sha256()
    with file.open("rb") as source:
        archive.addfile(info, _Hashing(source, digest))
    return {"sha256": digest.hexdigest(), "bytes": info.size}


class _Hashing:
    def __init__(self, source, digest):
        self.source, self.digest = source, digest

    def read(self, size=-1):
        data = self.source.read(size)
        self.digest.update(data)
        return data


# Checking an archive.

def _unpack(path: Path, work: Path) -> dict:
    try:
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(work, filter="data")  # refuses absolute paths, "..", links out of `work`
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{path} is not a Corridor backup archive, or it is damaged: {error}") from error
    try:
        manifest = json.loads((work / MANIFEST).read_text())
        members, database = manifest["members"], manifest["database"]
        if manifest["format"] != FORMAT:
            raise BackupError(f"This archive is in format {manifest['format']}; this code reads format {FORMAT}.")
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{path} has no readable manifest ({MANIFEST}): {error}") from error
    found = {p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file()} - {MANIFEST}
    if found != set(members):
        listed_only, unlisted = sorted(set(members) - found), sorted(found - set(members))
        raise BackupError("The archive does not hold what its manifest lists: "
                          + "; ".join(filter(None, [listed_only and f"missing {', '.join(listed_only)}",
                                                    unlisted and f"not listed {', '.join(unlisted)}"])) + ".")
    for member, expected in sorted(members.items()):
        if _sha256(work / member) != expected["sha256"]:
            raise BackupError(f"The archive is damaged: {member} does not match its checksum.")
    if database.get("member") not in members or database.get("vendor") not in DATABASE_MEMBERS:
        raise BackupError("The manifest names no database in the archive.")
    return manifest


def _sha256(file: Path) -> str:
    digest = hashlib.sha256()
    with file.open("rb") as source:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _check_fits(manifest: dict) -> None:
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    vendor = manifest["database"]["vendor"]
    if vendor != _vendor():
        raise BackupError(f"This archive holds a {names[vendor]} database and this site uses "
                          f"{names[connection.vendor]}: restore it on a site with the same database.")
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    ahead = sorted(f"{app}.{name}" for app, names_ in manifest["migrations"].items() for name in names_
                   if (app, name) not in known)
    if ahead:
        raise BackupError(f"This archive comes from a newer version of Corridor ({manifest.get('corridor')}): "
                          f"its database has migrations this code does not know ({', '.join(ahead)}). "
                          "Install that version or a later one, then restore.")


# Restoring.

def _load_sqlite(database: Path) -> None:
    """The backup API again, from the archive's file into the live database: one step, under SQLite's lock."""
    connection.ensure_connection()
    source = sqlite3.connect(database)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()  # forget what the connection knew of the replaced database


def _load_postgresql(dump: Path, work: Path) -> None:
    """pg_restore writes the dump as SQL, which psql runs in one transaction after emptying the schema:
    either the whole archive is in, or nothing changed."""
    script = work / "restore.sql"
    _run([_postgresql_program("pg_restore"), "--no-owner", "--no-privileges", f"--file={script}", str(dump)],
         "pg_restore")
    connection.close()
    _run([_postgresql_program("psql"), "--no-psqlrc", "--quiet", "--single-transaction",
          "--set=ON_ERROR_STOP=1", "--command=DROP SCHEMA public CASCADE; CREATE SCHEMA public;",
          f"--file={script}"], "psql")


def _replace_uploads(new: Path, media: Path) -> None:
    """Empty MEDIA_ROOT (it may be a mount point, so it stays) and move the archive's files in."""
    media.mkdir(parents=True, exist_ok=True)
    for entry in media.iterdir():
        shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    if new.is_dir():
        for entry in new.iterdir():
            shutil.move(entry, media / entry.name)


# PostgreSQL's programs.

def _postgresql_program(name: str) -> str:
    """From the PATH, else the newest of Debian's /usr/lib/postgresql/<version>/bin."""
    found = shutil.which(name) or next(iter(sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
                                                   key=lambda p: int(p.parts[-3]), reverse=True)), None)
    if found is None:
        raise BackupError(f"{name} is not installed: install PostgreSQL's client programs "
                          "(Debian: postgresql-client), of the server's version or newer.")
    return str(found)


def _run(command: list[str], name: str) -> None:
    result = subprocess.run(command, env=_postgresql_environment(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{name} failed: {result.stderr.strip() or result.stdout.strip()}")


def _postgresql_environment() -> dict:
    """libpq's variables for the site's database: the password stays off the command line."""
    database = connection.settings_dict
    values = {"PGDATABASE": database["NAME"], "PGUSER": database["USER"], "PGPASSWORD": database["PASSWORD"],
              "PGHOST": database["HOST"], "PGPORT": str(database["PORT"] or ""),
              "PGSSLMODE": database.get("OPTIONS", {}).get("sslmode", "")}
    return {**os.environ, **{key: value for key, value in values.items() if value}}
