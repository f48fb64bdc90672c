"""The pages, and who may do what on them: the public reads published profiles; a territory's
administrators create, fill in and publish the profiles of their territory and of those inside it."""
import io
from datetime import date

import pytest
from django.urls import reverse

from corridor.profiles.models import Profile

from .conftest import LAUSANNE_2023


@pytest.fixture
def draft(territories, make_profile):
    return make_profile(territories["lausanne"], 2025, [("resident_population", "", 150000)],
                        status=Profile.Status.DRAFT)


def url(name, profile=None, **kwargs):
    return reverse(f"profiles:{name}", args=[profile.uuid] if profile else [], **kwargs)


def test_the_public_reads_published_profiles_with_sources(client, lausanne):
    page = client.get(url("detail", lausanne[2023])).content.decode()
    assert "Migration profile of Lausanne, 2023" in page
    assert "100,000" in page and "40,000" in page and "Eritrea" in page
    assert "Not broken down" in page and "20,000" in page  # 40,000 reported, 20,000 broken down by nationality
    assert "sum of the breakdown" in page  # language course participants
    assert 'id="source-1"' in page and "Statistique Vaud, population register" in page
    assert "Not reported:" in page and "Diaspora abroad by country of destination" in page
    assert page.count('<svg') == 2  # the breakdowns of two keys or more: by nationality, course participants by sex
    assert "Import a spreadsheet" not in page and "Publish" not in page
    listing = client.get(url("list")).content.decode()
    assert "Lausanne" in listing and str(lausanne[2024].uuid) in listing and "New profile" not in listing


def test_drafts_are_seen_by_their_territorys_administrators_only(client, users, draft):
    for user in (None, users["caritas"], users["geneva_admin"]):
        client.logout()
        if user:
            client.force_login(user)
        assert client.get(url("detail", draft)).status_code == 404
        assert client.get(url("csv", draft)).status_code == 404
        assert str(draft.uuid) not in client.get(url("list")).content.decode()
    for user in (users["vaud_admin"], users["platform"]):
        client.force_login(user)
        page = client.get(url("detail", draft)).content.decode()
        assert "Draft" in page and "Import a spreadsheet" in page and "Publish" in page


def test_editing_is_refused_outside_ones_territory(client, users, draft):
    csv = b"indicator,value,source\nresident_population,1,x\n"
    for user, status in ((users["geneva_admin"], 404), (users["caritas"], 404)):
        client.force_login(user)
        assert client.post(url("status", draft), {"status": "published"}).status_code == status
        assert client.post(url("import", draft), {"file": io.BytesIO(csv)}).status_code == status
    published = Profile.objects.create(territory=draft.territory, template=draft.template,
                                       period_start=date(2020, 1, 1), period_end=date(2020, 12, 31),
                                       status=Profile.Status.PUBLISHED)
    client.force_login(users["geneva_admin"])
    assert client.get(url("import", published)).status_code == 403
    assert client.post(url("status", published), {"status": "draft"}).status_code == 403
    assert client.get(reverse("profiles:indicator", args=[published.uuid, "resident_population"])).status_code == 403
    client.logout()
    assert client.post(url("status", published), {"status": "draft"}).status_code == 302  # to sign in
    published.refresh_from_db()
    draft.refresh_from_db()
    assert published.status == Profile.Status.PUBLISHED and draft.status == Profile.Status.DRAFT
    assert draft.values.get().value == 150000


def test_an_administrator_publishes_and_withdraws(client, users, draft):
    client.force_login(users["vaud_admin"])
    client.post(url("status", draft), {"status": "published"})
    draft.refresh_from_db()
    assert draft.status == Profile.Status.PUBLISHED and draft.published_at is not None
    client.logout()
    assert client.get(url("detail", draft)).status_code == 200
    client.force_login(users["vaud_admin"])
    client.post(url("status", draft), {"status": "draft"})
    draft.refresh_from_db()
    assert draft.status == Profile.Status.DRAFT


def test_creating_a_profile(client, users, territories, template):
    client.force_login(users["caritas"])
    assert client.get(url("create")).status_code == 403
    client.force_login(users["vaud_admin"])
    form = client.get(url("create")).context["form"]
    assert set(form.fields["territory"].queryset) == {territories["vaud"], territories["lausanne"],
                                                      territories["renens"]}
    response = client.post(url("create"), {"territory": territories["geneva"].pk, "template": template.pk,
                                           "year": "2024"})
    assert "territory" in response.context["form"].errors
    response = client.post(url("create"), {"territory": territories["renens"].pk, "template": template.pk,
                                           "period_start": "2024-07-01", "period_end": "2024-06-30",
                                           "summary": "Premier profil de Renens."})
    assert "period_end" in response.context["form"].errors
    assert response.context["form"]["summary"].value() == "Premier profil de Renens."  # kept
    response = client.post(url("create"), {"territory": territories["renens"].pk, "template": template.pk,
                                           "year": "2024"})
    profile = Profile.objects.get(territory=territories["renens"])
    assert response.url == url("import", profile)
    assert (profile.period_start, profile.period_end, profile.status, profile.currency) == (
        date(2024, 1, 1), date(2024, 12, 31), Profile.Status.DRAFT, "CHF")
    again = client.post(url("create"), {"territory": territories["renens"].pk, "template": template.pk,
                                        "period_start": "2024-01-01", "period_end": "2024-12-31"})
    assert "Renens already has a profile for this period." in again.context["form"].non_field_errors()


def test_importing_a_spreadsheet_all_or_nothing(client, users, draft):
    client.force_login(users["vaud_admin"])
    wrong = io.BytesIO(b"indicator,breakdown,value,source\nresident_population,,155000,Register\n"
                       b"foreign_population,ZZ,10,Register\n")
    wrong.name = "lausanne.csv"
    page = client.post(url("import", draft), {"file": wrong}).content.decode()
    assert "The file has 1 problem. Nothing was imported." in page
    assert "Unknown country “ZZ”" in page and "<td>3</td>" in page and "<code>breakdown</code>" in page
    assert draft.values.get().value == 150000
    good = io.BytesIO(b"indicator,breakdown,value,source\nresident_population,,155000,Register\n"
                      b"foreign_population,PT,10,Register\n")
    good.name = "lausanne.csv"
    response = client.post(url("import", draft), {"file": good}, follow=True)
    assert "2 values imported." in response.content.decode()
    assert sorted(draft.values.values_list("value", flat=True)) == [10, 155000]


def test_editing_one_indicator_in_a_form(client, users, draft):
    client.force_login(users["vaud_admin"])
    address = reverse("profiles:indicator", args=[draft.uuid, "foreign_population_by_sex"])
    formset = client.get(address).context["formset"]
    assert len(formset.forms) == 5 and list(formset.forms[0].fields["breakdown"].choices)[1] == ("female", "Women")
    data = {"values-TOTAL_FORMS": "3", "values-INITIAL_FORMS": "0",
            "values-0-breakdown": "female", "values-0-value": "30150", "values-0-source": "Register",
            "values-1-breakdown": "male", "values-1-value": "many", "values-1-source": "Register",
            "values-2-breakdown": "", "values-2-value": "", "values-2-source": ""}
    response = client.post(address, data)
    assert response.status_code == 200
    assert "“many” is not a number" in str(response.context["formset"].forms[1].errors["value"])
    assert not draft.values.filter(indicator__code="foreign_population_by_sex").exists()
    data["values-1-value"] = "31850"
    response = client.post(address, data)
    assert response.url.endswith("#indicator-foreign_population_by_sex")
    assert dict(draft.values.filter(indicator__code="foreign_population_by_sex")
                .values_list("breakdown_key", "value")) == {"female": 30150, "male": 31850}
    assert draft.values.filter(indicator__code="resident_population").exists()  # other indicators untouched


def test_deleting_only_drafts(client, users, draft, lausanne):
    client.force_login(users["vaud_admin"])
    client.post(url("delete", lausanne[2023]))
    assert Profile.objects.filter(pk=lausanne[2023].pk).exists()
    client.post(url("delete", draft))
    assert not Profile.objects.filter(pk=draft.pk).exists()


def test_comparing_two_periods_shows_differences_and_missing_values(client, lausanne):
    first, second = lausanne[2023], lausanne[2024]
    page = client.get(url("compare"), {"first": second.uuid, "second": first.uuid}).content.decode()
    assert "Lausanne, 2023 compared with Lausanne, 2024" in page  # earlier period first
    assert "+25,000" in page and "+25.0%" in page  # resident population
    assert "+2.5 pp" in page  # employment rate
    assert page.count("not reported") >= 2  # Eritrea in 2024, Syria in 2023, remittances in 2024
    assert "<svg" in page


def test_comparison_refuses_unreadable_or_identical_profiles(client, lausanne, draft):
    page = client.get(url("compare"), {"first": lausanne[2023].uuid, "second": draft.uuid})
    assert "second" in page.context["form"].errors and "compared with" not in page.content.decode()
    page = client.get(url("compare"), {"first": lausanne[2023].uuid, "second": lausanne[2023].uuid})
    assert "Choose another profile." in page.content.decode()


def test_csv_download(client, lausanne):
    response = client.get(url("csv", lausanne[2023]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="profile-lausanne-2023-01-01-2023-12-31.csv"' in response["Content-Disposition"]
    body = response.content.decode("utf-8-sig")
    assert body.startswith("indicator,label,breakdown,value,unit,source,source_url,accessed_on")
    assert "foreign_population,Foreign residents by nationality,PT,10000,persons" in body
    assert len(LAUSANNE_2023) == sum(1 for line in body.splitlines() if "Statistique Vaud" in line)


def test_the_template_page_and_its_blank_spreadsheet(client, template):
    page = client.get(f"/en/profiles/templates/{template.pk}/").content.decode()
    assert "Diaspora abroad by country of destination" in page and "<code>remittances_sent</code>" in page
    french = client.get(f"/fr/profiles/templates/{template.pk}/").content.decode()
    assert "Transferts de fonds" in french and "Population étrangère par nationalité" in french
    blank = client.get(f"/en/profiles/templates/{template.pk}/blank.csv").content.decode("utf-8-sig")
    assert blank.splitlines()[1] == "resident_population,Resident population,,,persons,,,"
    blank = client.get(f"/fr/profiles/templates/{template.pk}/blank.csv").content.decode("utf-8-sig")
    assert blank.splitlines()[1] == "resident_population,Population résidante,,,personnes,,,"


def test_arabic_pages_read_right_to_left(client, lausanne):
    page = client.get(url("detail", lausanne[2024]).replace("/en/", "/ar/")).content.decode()
    assert 'dir="rtl"' in page and "السكان المقيمون" in page


def test_the_nav_links_to_the_profiles(client, db):
    assert 'href="/en/profiles/">Profiles</a>' in client.get(reverse("consultations:list")).content.decode()
