"""Every page is served with a strict content security policy, and no template needs it relaxed:
no inline script, event handler or style attribute anywhere."""
import re
from pathlib import Path

import pytest

import corridor

TEMPLATES = sorted(Path(corridor.__file__).parent.glob("*/templates/**/*.html"))
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "event handler attribute": re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE),
    "style attribute": re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE),
    "javascript: address": re.compile(r"javascript:", re.IGNORECASE),
}


def directives(response) -> dict[str, set[str]]:
    policy = response.headers["Content-Security-Policy"]
    return {name: set(values) for name, *values in (part.split() for part in policy.split(";") if part.strip())}


def test_the_templates_were_found():
    assert len(TEMPLATES) > 30


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(Path(corridor.__file__).parent)))
def test_no_template_has_inline_code(template):
    text = template.read_text()
    found = [kind for kind, pattern in INLINE.items() if pattern.search(text)]
    assert not found, f"{template.name} has {', '.join(found)}"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/en/services/", "/ar/consultations/", "/fr/accounts/login/"])
def test_pages_carry_a_strict_policy_and_security_headers(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == {"'self'"} and policy["style-src"] == {"'self'"}
    assert policy["object-src"] == {"'none'"} and policy["frame-ancestors"] == {"'none'"}
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_the_api_documentation_loads_its_script_from_this_site(client):
    response = client.get("/api/docs/")
    html = response.content.decode()
    scripts = re.findall(r"<script[^>]*>", html)
    assert len(scripts) == 1 and re.match(r'<script src="/static/drf_spectacular_sidecar/redoc/bundles/', scripts[0])
    assert "googleapis" not in html
    policy = directives(response)
    assert policy["script-src"] == {"'self'"} and policy["worker-src"] == {"blob:"}
