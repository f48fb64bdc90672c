"""Static files in production: collectstatic gives them hashed names and brotli and gzip copies; WhiteNoise
serves the compressed copy a browser accepts, with a ten-year cache lifetime for hashed names."""
import gzip
import re
from pathlib import Path

import brotli
import pytest
from django.core.management import call_command
from django.templatetags.static import static

SITE_CSS = Path(__file__).resolve().parents[2] / "corridor" / "core" / "static" / "corridor" / "site.css"


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    # The site's own files are enough here; the admin's and the API documentation's are large.
    call_command("collectstatic", interactive=False, verbosity=0,
                 ignore_patterns=["admin", "rest_framework", "drf_spectacular_sidecar"])


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_hashed_files_are_served_compressed_and_cached_for_ten_years(collected, client):
    url = static("corridor/site.css")
    assert re.fullmatch(r"/static/corridor/site\.[0-9a-f]{12}\.css", url)
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200 and response["Content-Encoding"] == "br"
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert brotli.decompress(_body(response)) == SITE_CSS.read_bytes()
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip" and gzip.decompress(_body(response)) == SITE_CSS.read_bytes()
    assert "Accept-Encoding" in response["Vary"]


def test_names_without_a_hash_are_cached_briefly(collected, client):
    response = client.get("/static/corridor/site.css")
    assert response.status_code == 200 and response["Cache-Control"] == "max-age=60, public"
