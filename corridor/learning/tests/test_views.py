import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from corridor.consultations.models import Contribution
from corridor.learning import participation
from corridor.learning.models import Cohort, Module

from .conftest import module_files

MODULE_URL = "/en/learning/welcome-services/"
TOPIC_URL = MODULE_URL + "topics/1/"


@pytest.fixture
def cohort(module, people):
    cohort = Cohort.objects.create(module=module, name="Lausanne spring")
    cohort.facilitators.add(people["facilitator"])
    participation.enrol(module, people["amina"], cohort)
    return cohort


def test_anyone_reads_a_published_module_and_its_topics(client, module):
    response = client.get("/en/learning/")
    assert response.status_code == 200 and "Welcoming newcomers" in response.text
    response = client.get(MODULE_URL)
    assert "Information on arrival" in response.text and "Sign in to enrol" in response.text
    response = client.get(TOPIC_URL)
    text = response.text
    assert "Sessions and packs" in text and "Multilingual phone line" in text and "Lombardy" in text
    assert "Which information do newcomers miss in your town?" in text
    assert "Information in the languages people speak." in text
    assert '<form method="post" action="/en/learning/welcome-services/topics/1/points/' not in text
    assert "?phase=destination" in text  # services of the same stage in the directory


def test_the_topic_reads_in_french_where_translated(client, module):
    text = client.get("/fr/learning/welcome-services/topics/1/").text
    assert "L&#x27;information à l&#x27;arrivée" in text and "Séances et dossiers" in text
    assert "Ligne téléphonique multilingue" in text
    assert 'lang="en" dir="auto">Describe what newcomers need to know.' in text  # not translated: marked as English


def test_drafts_are_not_found_except_by_platform_admins(client, module, people):
    Module.objects.filter(pk=module.pk).update(status=Module.Status.DRAFT)
    assert client.get(MODULE_URL).status_code == 404
    client.force_login(people["amina"])
    assert client.get(TOPIC_URL).status_code == 404
    assert "Welcoming newcomers" not in client.get("/en/learning/").text
    client.force_login(people["platform"])
    assert client.get(TOPIC_URL).status_code == 200


def test_a_learner_enrols_reads_answers_and_sees_progress(client, module, people):
    client.force_login(people["amina"])
    response = client.post(MODULE_URL + "enrol/", follow=True)
    assert "Topics read: 0 of 2" in response.text
    response = client.post(TOPIC_URL + "points/1/answer/", {"point-1-text": "Where to register my children."})
    assert response.status_code == 302 and response["Location"] == TOPIC_URL + "#point-1"
    text = client.get(TOPIC_URL).text
    assert "Your answers" in text and "Where to register my children." in text
    response = client.post(TOPIC_URL + "read/", follow=True)
    assert "Topics read: 1 of 2" in response.text and "Points for reflection answered: 1 of 3" in response.text


def test_an_empty_answer_is_refused_on_the_page(client, module, people):
    participation.enrol(module, people["amina"])
    client.force_login(people["amina"])
    response = client.post(TOPIC_URL + "points/2/answer/", {"point-2-text": ""})
    assert response.status_code == 400 and "Please correct the field below" in response.text
    assert not Contribution.objects.exists()


def test_answering_needs_an_enrolment_and_an_account(client, module, people):
    response = client.post(TOPIC_URL + "points/1/answer/", {"point-1-text": "Anonymous answer."})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(people["amina"])
    response = client.post(TOPIC_URL + "points/1/answer/", {"point-1-text": "Not enrolled."})
    assert response["Location"] == MODULE_URL
    assert not Contribution.objects.exists()


def test_learners_read_their_cohort_answers_only_when_the_module_shares_them(client, module, cohort, people):
    participation.enrol(module, people["bruno"], cohort)
    participation.answer(module.enrolments.get(learner=people["bruno"]), module.reflection.questions.first(),
                         "Bruno thinks of the library.")
    client.force_login(people["amina"])
    assert "Bruno thinks of the library." not in client.get(TOPIC_URL).text
    Module.objects.filter(pk=module.pk).update(answers_visible_to_cohort=True)
    text = client.get(TOPIC_URL).text
    assert "Answers from your cohort" in text and "Bruno thinks of the library." in text


def test_facilitators_follow_their_cohort_and_others_cannot(client, module, cohort, people):
    participation.answer(module.enrolments.get(learner=people["amina"]), module.reflection.questions.last(),
                         "Amina: people who work at night.")
    url = f"{MODULE_URL}cohorts/{cohort.pk}/"
    assert client.get(url).status_code == 404
    for name in ("amina", "outsider", "vaud_admin"):
        client.force_login(people[name])
        assert client.get(url).status_code == 403
    client.force_login(people["facilitator"])
    assert "Lausanne spring" in client.get(MODULE_URL).text
    text = client.get(url).text
    assert "Amina: people who work at night." in text and "amina" in text
    response = client.post(url, {"identifier": "chloe"})
    assert response.status_code == 302 and module.enrolments.get(learner=people["chloe"]).cohort == cohort
    response = client.post(url, {"identifier": "nobody-here"})
    assert response.status_code == 400 and "nobody-here" in response.text
    client.force_login(people["platform"])
    assert client.get(url).status_code == 200


def test_the_pdf_is_downloaded_in_the_reader_language(client, module):
    response = client.get("/fr/learning/welcome-services/module.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and "welcome-services-fr.pdf" in response["Content-Disposition"]


class TestImportPage:
    url = "/en/learning/import/"

    def test_only_platform_admins_import(self, client, practices, people):
        assert client.get(self.url).status_code == 302
        client.force_login(people["vaud_admin"])
        assert client.get(self.url).status_code == 403

    def test_markdown_files_chosen_together_are_imported(self, client, practices, people):
        client.force_login(people["platform"])
        uploads = [SimpleUploadedFile(name, content, "text/markdown") for name, content in module_files().items()]
        response = client.post(self.url, {"files": uploads})
        assert response.status_code == 302 and response["Location"] == MODULE_URL
        assert Module.objects.get().created_by == people["platform"]

    def test_a_zip_archive_is_imported(self, client, practices, people):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, content in module_files().items():
                archive.writestr(name, content)
        client.force_login(people["platform"])
        response = client.post(self.url, {"files": SimpleUploadedFile("module.zip", buffer.getvalue())})
        assert response.status_code == 302 and Module.objects.get().topics.count() == 2

    def test_problems_are_listed_and_nothing_is_imported(self, client, practices, people):
        client.force_login(people["platform"])
        files = module_files(**{"02-language.md": "---\ntitle: Language courses\norder: two\n---\n"})
        uploads = [SimpleUploadedFile(name, content) for name, content in files.items()]
        uploads.append(SimpleUploadedFile("notes.txt", b"notes"))
        response = client.post(self.url, {"files": uploads})
        assert response.status_code == 400
        assert "notes.txt" in response.text and "neither a Markdown file" in response.text
        assert not Module.objects.exists()
        response = client.post(self.url, {"files": [SimpleUploadedFile(n, c) for n, c in files.items()]})
        assert response.status_code == 400 and "Nothing was imported: 1 problem" in response.text
        assert "<strong>02-language.md</strong>, <code>order</code>" in response.text
        assert not Module.objects.exists()
