"""The multilingual e-discussion the report tests read (data/e_discussion.json), loaded straight into
the models: 4 questions, 40 published contributions in English, French and Spanish, one pending and
one rejected. Its themes, places and initiatives are planted on purpose (see test_report.py).

The file holds "consultation", "questions" ({"number", "text", "translations"}) and "contributions":
{"author_name", "author_email", "organisation", "organisation_kind", "country", "language",
"anonymous", "questions": [numbers], "body": [the answer to each of these questions],
"submitted_at", and "status" when not published}."""
import json
from html import escape
from pathlib import Path

import pytest
from django.utils.dateparse import parse_datetime

from corridor.consultations.models import Answer, Consultation, Contribution, Question

DATA = Path(__file__).parent / "data" / "e_discussion.json"


def load_e_discussion(path: Path = DATA) -> Consultation:
    data = json.loads(path.read_text(encoding="utf-8"))
    about = data["consultation"]
    consultation = Consultation.objects.create(
        slug=about["slug"], title=about["title"], description=about["description"],
        content_language=about["content_language"], languages=about["languages"],
        opens_at=parse_datetime(about["opens_at"]), closes_at=parse_datetime(about["closes_at"]),
        status=Consultation.Status.CLOSED)
    questions = {item["number"]: Question.objects.create(
        consultation=consultation, number=item["number"], text=item["text"], translations=item["translations"],
        content_language=about["content_language"]) for item in data["questions"]}
    for index, item in enumerate(data["contributions"]):
        contribution = Contribution.objects.create(
            consultation=consultation, author_name=item["author_name"], author_email=item["author_email"],
            is_anonymous=item["anonymous"], organisation_name=item["organisation"],
            organisation_kind=item["organisation_kind"], country_code=item["country"], language=item["language"],
            body="".join(f"<p>{escape(text)}</p>" for text in item["body"]), body_text="\n\n".join(item["body"]),
            fingerprint=f"e-discussion-{index}", channel=Contribution.Channel.IMPORT,
            status=item.get("status", Contribution.Status.PUBLISHED), submitted_at=parse_datetime(item["submitted_at"]))
        Answer.objects.bulk_create([
            Answer(contribution=contribution, question=questions[number], position=position, text=text)
            for position, (number, text) in enumerate(zip(item["questions"], item["body"]))])
    return consultation


@pytest.fixture
def e_discussion(db) -> Consultation:
    return load_e_discussion()
