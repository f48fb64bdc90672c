"""docs/deploy.md names every environment variable the settings and gunicorn's configuration read."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_environment_variable_is_documented():
    read = set()
    for source in (ROOT / "corridor" / "settings.py", ROOT / "deploy" / "gunicorn.conf.py"):
        read |= set(re.findall(r"os\.environ\.get\(\s*\"([A-Z0-9_]+)\"", source.read_text()))
    read.add("DATABASE_URL")  # read by dj_database_url
    documented = set(re.findall(r"`([A-Z0-9_]+)`", (ROOT / "docs" / "deploy.md").read_text()))
    assert len(read) > 30
    assert sorted(read - documented) == []
