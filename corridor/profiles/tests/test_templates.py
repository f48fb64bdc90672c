"""The default template, its versions, and who may edit templates."""
import pytest

from corridor.profiles import access, default_template, demo
from corridor.profiles.models import Indicator, Profile, ProfileTemplate, Section, Value


def test_the_migration_installs_the_default_template_once(template):
    assert template.sections.count() == 7 and template.indicators.count() == 30
    assert default_template.install(ProfileTemplate, Section, Indicator) == template
    assert ProfileTemplate.objects.count() == 1
    indicator = template.indicators.get(code="remittances_sent")
    assert (indicator.kind, indicator.breakdown, indicator.section.code) == ("amount", "destination", "remittances")
    assert indicator.translated("label", "ar")[0] == "التحويلات المرسلة إلى الخارج حسب بلد المقصد"


def test_every_indicator_is_labelled_in_the_four_languages(template):
    for indicator in template.indicators.all():
        for language in ("fr", "es", "ar"):
            assert indicator.translated("label", language)[1] == language, (indicator.code, language)


def test_the_next_version_copies_sections_and_indicators(template):
    newer = template.next_version()
    assert (newer.code, newer.version) == (template.code, 2)
    assert newer.indicators.count() == 30 and newer.sections.count() == 7
    assert all(indicator.section.template_id == newer.pk for indicator in newer.indicators.all())
    assert template.indicators.count() == 30  # the old version is kept for the profiles made with it
    assert access.templates_for("CH") == [newer]
    national = ProfileTemplate.objects.create(code="swiss", country_code="CH", name="Swiss cantons")
    assert access.templates_for("CH") == [national, newer] and access.templates_for("FR") == [newer]


def test_only_platform_administrators_edit_templates_in_the_admin(client, users, template):
    users["vaud_admin"].is_staff = True
    users["vaud_admin"].save()
    client.force_login(users["vaud_admin"])
    assert client.get(f"/en/admin/profiles/profiletemplate/{template.pk}/change/").status_code in (302, 403)
    client.force_login(users["platform"])
    page = client.get(f"/en/admin/profiles/profiletemplate/{template.pk}/change/")
    assert page.status_code == 200 and "foreign_population" in page.content.decode()
    client.post("/en/admin/profiles/profiletemplate/", {"action": "make_next_version",
                                                         "_selected_action": [template.pk]})
    assert ProfileTemplate.objects.filter(code=template.code, version=2).exists()


@pytest.mark.django_db
def test_the_demo_loads_twice_without_duplicates():
    from corridor.directory import demo as directory_demo

    directory_demo.load()
    demo.load()
    values = Value.objects.count()
    demo.load()
    assert Profile.objects.count() == 3 and Value.objects.count() == values
    lausanne = Profile.objects.get(territory__slug="lausanne", period_start__year=2024)
    assert lausanne.status == Profile.Status.PUBLISHED
    assert lausanne.values.get(indicator__code="resident_population", breakdown_key="").value == 143208
    assert all(demo.DEMO in source.name for source in lausanne.sources.all())
    kosovo = Profile.objects.get(territory__path="xk/")
    assert kosovo.currency == "EUR"
    assert kosovo.values.get(indicator__code="diaspora_abroad", breakdown_key="CH").value == 200000
