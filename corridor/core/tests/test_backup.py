"""`manage.py backup` and `manage.py restore`: a round trip brings back the database and the uploads as they
were; a damaged archive, or one from a newer version, is refused and changes nothing. The suite runs on
SQLite and on PostgreSQL (scripts/with-postgres), so both ways of copying the database are tested."""
import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from corridor.consultations.intake import IncomingAttachment
from corridor.consultations.models import Attachment, Contribution
from corridor.consultations.tests.conftest import consultation  # noqa: F401
from corridor.consultations.tests.helpers import submit
from corridor.core.models import Job
from corridor.directory.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump reads what is committed

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def site(settings, tmp_path, organisations, consultation):  # noqa: F811
    """Organisations, a contribution with an uploaded PDF, and a stored job."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    contribution = submit(consultation, "Les permanences juridiques de Renens ont doublé.",
                          attachments=[IncomingAttachment("rapport.pdf", "application/pdf", PDF)])
    return {"contribution": contribution, "attachment": contribution.attachments.get(), "archive": tmp_path / "site.tar.gz"}


def _state():
    return {"organisations": sorted(Organisation.objects.values_list("pk", "name")),
            "contributions": sorted(Contribution.objects.values_list("pk", "uuid", "body_text")),
            "attachments": sorted(Attachment.objects.values_list("pk", "file"))}


def _files(media):
    return {p.relative_to(media).as_posix(): p.read_bytes() for p in media.rglob("*") if p.is_file()}


def test_a_round_trip_brings_back_the_database_and_the_uploads(site, settings, organisations):
    before, files = _state(), _files(settings.MEDIA_ROOT)
    assert list(files.values()) == [PDF]
    call_command("backup", str(site["archive"]), stdout=io.StringIO())
    assert site["archive"].stat().st_mode & 0o777 == 0o600

    # The site moves on: a contribution deleted, an organisation renamed, another added, files changed.
    site["contribution"].delete()
    Organisation.objects.filter(pk=organisations["caritas"].pk).update(name="Renamed")
    Organisation.objects.create(name="Added after the backup", territory=organisations["caritas"].territory)
    (settings.MEDIA_ROOT / site["attachment"].file.name).unlink()
    (settings.MEDIA_ROOT / "stray.txt").write_text("written after the backup")
    assert _state() != before

    out = io.StringIO()
    call_command("restore", str(site["archive"]), interactive=False, stdout=out)
    assert "Restored the database and 1 uploaded files" in out.getvalue()
    assert _state() == before
    assert _files(settings.MEDIA_ROOT) == files
    assert Organisation.objects.get(pk=organisations["caritas"].pk).name == "Caritas Vaud"
    # The restored database takes new rows as usual (its sequences came back too).
    Organisation.objects.create(name="After the restore", territory=organisations["caritas"].territory)


def test_the_manifest_lists_the_migrations_and_checksums(site):
    call_command("backup", str(site["archive"]), stdout=io.StringIO())
    manifest = _read(site["archive"])[0]
    assert manifest["format"] == 1 and manifest["corridor"] == "0.1.0"
    assert "0002_job" in manifest["migrations"]["core"]
    assert "0001_initial" in manifest["migrations"]["consultations"]
    database = manifest["database"]["member"]
    assert database == {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[connection.vendor]
    upload = f"uploads/{site['attachment'].file.name}"
    assert set(manifest["members"]) == {database, upload}
    assert manifest["members"][upload]["bytes"] == len(PDF)
    assert len(manifest["members"][upload]["sha256"]) == 64


def _read(archive):
    with tarfile.open(archive, "r:gz") as tar:
        contents = {member.name: tar.extractfile(member).read() for member in tar.getmembers() if member.isfile()}
    return json.loads(contents.pop("manifest.json")), contents


def _rewrite(archive, manifest, contents):
    with tarfile.open(archive, "w:gz") as tar:
        for name, content in [*contents.items(), ("manifest.json", json.dumps(manifest).encode())]:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))


def _refused(site, settings, message):
    Organisation.objects.create(name="Added after the backup", territory=site["contribution"].consultation.territory)
    before, files = _state(), _files(settings.MEDIA_ROOT)
    with pytest.raises(CommandError) as refusal:
        call_command("restore", str(site["archive"]), interactive=False, stdout=io.StringIO())
    assert message in str(refusal.value) and "Nothing was changed." in str(refusal.value)
    assert _state() == before and _files(settings.MEDIA_ROOT) == files


def test_a_damaged_archive_is_refused_and_changes_nothing(site, settings):
    call_command("backup", str(site["archive"]), stdout=io.StringIO())
    manifest, contents = _read(site["archive"])
    upload = f"uploads/{site['attachment'].file.name}"
    contents[upload] = contents[upload].replace(b"Catalog", b"Catalug")
    _rewrite(site["archive"], manifest, contents)
    _refused(site, settings, f"The archive is damaged: {upload} does not match its checksum.")


def test_an_archive_from_a_newer_version_is_refused_and_changes_nothing(site, settings):
    call_command("backup", str(site["archive"]), stdout=io.StringIO())
    manifest, contents = _read(site["archive"])
    manifest["migrations"]["consultations"].append("9999_from_the_future")
    _rewrite(site["archive"], manifest, contents)
    _refused(site, settings, "its database has migrations this code does not know "
                             "(consultations.9999_from_the_future)")


def test_a_file_that_is_not_an_archive_is_refused(site, settings):
    site["archive"].write_bytes(b"not a backup")
    _refused(site, settings, "is not a Corridor backup archive, or it is damaged")


def test_jobs_are_in_the_backup_too(site):
    """Durable jobs are rows: a job waiting at backup time is still waiting after a restore."""
    job = Job.objects.create(task="corridor.consultations.tasks.generate_report", arguments=[1],
                             lease_until="2030-01-01T00:00:00Z")
    call_command("backup", str(site["archive"]), stdout=io.StringIO())
    job.delete()
    call_command("restore", str(site["archive"]), interactive=False, stdout=io.StringIO())
    assert Job.objects.get().arguments == [1]
