import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from corridor.consultations.models import Answer, Consultation, Question, Round
from corridor.learning import demo, markdown_import, participation
from corridor.learning.models import CaseStudy, Module, Section, Topic
from corridor.library import template

from .conftest import TOPIC_1, module_files


def problems_of(files) -> list[tuple[str, str]]:
    with pytest.raises(markdown_import.InvalidModule) as invalid:
        markdown_import.import_files(files)
    return [(problem.file, problem.field) for problem in invalid.value.problems], invalid.value


def test_a_module_is_imported_with_its_topics_sections_case_studies_and_points(module, practices):
    assert (module.slug, module.title, module.status) == ("welcome-services", "Welcoming newcomers", "published")
    assert module.summary == "<p>How a <em>municipality</em> welcomes the people who arrive.</p>"
    assert module.translations["fr"]["title"] == "Accueillir les nouveaux arrivants"
    first, second = module.topics.all()
    assert (first.number, first.slug, first.title, first.phase) == (1, "01-arrival", "Information on arrival",
                                                                    "destination")
    assert first.objectives == ["Describe what newcomers need to know.", "Name who can tell them."]
    assert first.key_points == ["Information in the languages people speak."]
    assert [(s.heading, s.position) for s in first.sections.all()] == [
        ("", 0), ("Sessions and packs", 1), ("Involving diasporas", 2)]
    assert "<h3>In practice</h3>" in first.sections.get(position=1).body
    assert "<strong>sessions</strong>" in first.sections.get(position=1).body
    assert list(first.case_studies.all()) == [practices["phone"]]
    assert [link.practice for link in CaseStudy.objects.filter(topic=second).order_by("position")] == [
        practices["map"], practices["phone"]]
    # Points for reflection are the questions of the module's consultation, numbered through it.
    reflection = module.reflection
    assert (reflection.kind, reflection.visibility, reflection.status) == (
        Consultation.Kind.REFLECTION, Consultation.Visibility.INVITED, Consultation.Status.OPEN)
    assert reflection.languages == ["en", "fr"]
    assert [(q.number, q.round.number, q.text) for q in reflection.questions.all()] == [
        (1, 1, "Which information do newcomers miss in your town?"), (2, 1, "Who could give it in their languages?"),
        (3, 2, "Who is left out of language courses where you live?")]
    assert first.round.title == "Information on arrival"
    assert first.points.first().guidance == "Think of the first three weeks."


def test_translations_reach_topics_sections_and_points(module):
    first = module.topics.get(number=1)
    assert first.translated("title", "fr") == ("L'information à l'arrivée", "fr")
    assert first.round.translated("title", "fr") == ("L'information à l'arrivée", "fr")
    section = first.sections.get(position=1)
    assert section.translated("heading", "fr") == ("Séances et dossiers", "fr")
    assert "<strong>séances</strong>" in section.translated("body", "fr")[0]
    point = first.points.first()
    assert point.translated("text", "fr")[0] == \
        "Quelles informations manquent aux nouveaux arrivants dans votre ville ?"
    assert point.translated("guidance", "fr")[0] == "Pensez aux trois premières semaines."
    # Objectives were not translated: they stay in English.
    assert first.translated("objectives", "fr") == (first.objectives, "en")


def test_invalid_files_name_each_file_and_field_and_nothing_is_written(practices):
    broken_topic = TOPIC_1.replace("order: 1", "order: first").replace("title: Information on arrival\n", "") \
        .replace("Multilingual phone line", "No such practice")
    found, invalid = problems_of(module_files(**{
        "01-arrival.md": broken_topic,
        "02-language.md": "---\ntitle: [unclosed\norder: 2\n---\ntext\n",
        "03-extra.md": "---\ntitle: Extra\norder: 3\nobjective: typo\ncase_studies:\n  - Draft practice\n---\n# Big\n",
        "04-orphan.fr.md": "---\ntitle: Orphelin\n---\n",
    }))
    assert ("01-arrival.md", "order") in found
    assert ("01-arrival.md", "title") in found
    assert ("01-arrival.md", "case_studies[1]") in found
    assert ("02-language.md", "front matter") in found
    assert ("03-extra.md", "objective") in found
    assert ("03-extra.md", "case_studies[1]") in found
    assert ("03-extra.md", "text") in found
    assert ("04-orphan.fr.md", "") in found
    messages = {(problem.file, problem.field): problem.message for problem in invalid.problems}
    assert "line 3" in messages[("02-language.md", "front matter")]  # where YAML noticed
    assert "line 8" in messages[("03-extra.md", "text")] and "##" in messages[("03-extra.md", "text")]
    assert "not published" in messages[("03-extra.md", "case_studies[1]")]
    assert "No such practice" in messages[("01-arrival.md", "case_studies[1]")]
    assert "01-arrival.md, order: " in str(invalid)
    assert not Module.objects.exists() and not Consultation.objects.exists() and not Topic.objects.exists()


def test_a_missing_module_file_duplicate_orders_and_mismatched_translations_are_refused(practices):
    found, _ = problems_of({"01-a.md": b"---\ntitle: A\norder: 1\n---\n"})
    assert found == [("module.md", "")]
    found, invalid = problems_of(module_files(**{
        "02-language.md": "---\ntitle: Twice\norder: 1\n---\n",
        "01-arrival.fr.md": "---\nobjectives:\n  - Une seule\n---\nUn texte sans sections.\n",
    }))
    assert ("02-language.md", "order") in found
    assert ("01-arrival.fr.md", "objectives") in found and ("01-arrival.fr.md", "text") in found
    assert "01-arrival.md" in str(invalid)  # the other file with order 1
    found, _ = problems_of(module_files(**{"module.md": "---\nslug: Not A Slug\nstatus: live\n---\n"}))
    assert set(found) == {("module.md", "slug"), ("module.md", "title"), ("module.md", "status")}


def test_a_failed_import_leaves_the_existing_module_as_it_was(module):
    problems_of(module_files(**{"module.md": "---\nslug: welcome-services\ntitle: Renamed\nstatus: published\n---\n",
                                "02-language.md": "---\ntitle: Broken\n---\n"}))
    module.refresh_from_db()
    assert module.title == "Welcoming newcomers" and module.topics.count() == 2


def test_importing_again_updates_in_place_and_keeps_learners_answers(module, people):
    enrolment = participation.enrol(module, people["amina"])
    first_point = module.topics.get(number=1).points.first()
    participation.answer(enrolment, first_point, "The opening hours of the town hall, and where to find a doctor.")
    reordered = module_files(**{
        "01-arrival.md": TOPIC_1.replace("order: 1", "order: 2").replace(
            "Which information do newcomers miss in your town?", "What do newcomers miss in your town?"),
        "02-language.md": "---\ntitle: Language courses\norder: 1\npoints_for_reflection:\n  - Who is left out?\n"
                          "  - Who pays?\n---\nText.\n",
        "01-arrival.fr.md": None,
    })
    again = markdown_import.import_files(reordered)
    assert again.pk == module.pk and again.reflection_id == module.reflection_id
    assert [(t.slug, t.number) for t in again.topics.all()] == [("02-language", 1), ("01-arrival", 2)]
    assert [(q.number, q.text) for q in again.reflection.questions.all()] == [
        (1, "Who is left out?"), (2, "Who pays?"), (3, "What do newcomers miss in your town?"),
        (4, "Who could give it in their languages?")]
    answer = Answer.objects.get()
    assert answer.question.text == "What do newcomers miss in your town?"  # the same point, edited
    assert Round.objects.filter(consultation=module.reflection).count() == 2
    assert Section.objects.filter(topic__module=module).count() == 4
    assert participation.progress(enrolment).points_answered == 1


def test_a_point_or_topic_with_answers_cannot_be_removed(module, people):
    enrolment = participation.enrol(module, people["amina"])
    participation.answer(enrolment, module.topics.get(number=1).points.last(), "My neighbours could, in Tigrinya.")
    found, invalid = problems_of(module_files(**{
        "01-arrival.md": TOPIC_1.split("  - Who could give it")[0] + TOPIC_1.split("languages?\n", 1)[1],
        "01-arrival.fr.md": None}))
    assert found == [("01-arrival.md", "points_for_reflection")]
    assert "point 2" in str(invalid)
    found, _ = problems_of(module_files(**{"01-arrival.md": None, "01-arrival.fr.md": None}))
    assert found == [("01-arrival.md", "")]
    assert Question.objects.filter(consultation=module.reflection).count() == 3
    # Points nobody answered can go.
    markdown_import.import_files(module_files(**{"02-language.md": "---\ntitle: Language courses\norder: 2\n---\n"}))
    assert Question.objects.filter(consultation=module.reflection).count() == 2


def test_a_zip_archive_is_read_like_a_folder(practices):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in module_files().items():
            archive.writestr(f"welcome/{name}", content)
        archive.writestr("welcome/picture.png", b"\x89PNG")
    files = markdown_import.read_zip(io.BytesIO(buffer.getvalue()))
    assert sorted(files) == ["01-arrival.fr.md", "01-arrival.md", "02-language.md", "module.fr.md", "module.md"]
    with pytest.raises(markdown_import.InvalidModule):
        markdown_import.read_zip(io.BytesIO(b"not a zip"))


def test_the_management_command_imports_a_folder_or_explains_what_is_wrong(practices, tmp_path):
    for name, content in module_files().items():
        (tmp_path / name).write_bytes(content)
    out = io.StringIO()
    call_command("import_module", str(tmp_path), stdout=out)
    assert "2 topics, 3 points for reflection" in out.getvalue()
    (tmp_path / "02-language.md").write_text("---\ntitle: Language courses\n---\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_module", str(tmp_path), stderr=err)
    assert "02-language.md, order: required" in err.getvalue()


def test_the_demo_module_is_imported_from_its_markdown_and_loads_twice(users):
    from corridor.directory import demo as directory_demo

    directory_demo.load()
    module = demo.load()
    again = demo.load()
    assert again.pk == module.pk and Module.objects.count() == 1
    assert module.translated("title", "fr")[0] == "Les services tout au long du cycle migratoire"
    assert [t.phase for t in module.topics.all()] == ["pre-decision", "pre-departure", "destination", "return"]
    assert [t.translated("title", "fr")[0] for t in module.topics.all()] == [
        "Avant de décider de migrer", "Préparer le départ", "Arriver et s'installer", "Revenir"]
    assert module.reflection.questions.count() == 8
    assert [s.translated("heading", "fr")[0] for s in module.topics.get(number=4).sections.all()][1:] == [
        "Ce qu'apportent les migrants de retour", "Des services pour les migrants de retour",
        "Tirer les leçons des programmes qui encouragent le retour"]
    practices = [p for topic in module.topics.all() for p in topic.case_studies.all()]
    assert {p.title for p in practices} == {c["title"] for c in demo.CASE_STUDIES}
    for practice in practices:  # complete by the library's template, and found by its search
        practice.refresh_from_db()
        assert not template.problems(practice) and practice.search_document
    assert module.reflection.contributions.count() == 1  # the demo learner's answer, received once
