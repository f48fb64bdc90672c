"""The consultation most consultation tests share: the 2013 M4D e-discussion on a territorial approach
to migration and development (open, public, en/fr/es, premoderated), two weeks, questions 1 to 5."""
from datetime import timedelta

import pytest
from django.utils import timezone

from corridor.consultations.models import Consultation, Question, Round

SEED_QUESTIONS = {
    1: [
        "How can local and regional authorities both in residence and origin countries better make use of "
        "decentralised cooperation frameworks to deal with and manage issues related to migration and development?",
        "What type of coordination mechanisms are available, or should be made available, so that such initiatives "
        "are aligned with national strategies?",
        "What strategies can local and regional authorities adopt to share lessons learned and best practices with "
        "other authorities, national governments or other key stakeholders?",
    ],
    2: [
        "Could you share some best practices carried out by local and regional authorities that specifically target "
        "the integration and social inclusion of migrants and link this effort with co-development projects?",
        "What are the main challenges for local and regional authorities in making sure that migrants are active "
        "players in local governance and active citizenship?",
    ],
}


@pytest.fixture
def consultation(territories):
    """"m4d": open now, anyone may read and take part, contributions wait for moderation; the Vaud
    administrators organise it. Week 1 holds questions 1-3, week 2 questions 4-5."""
    now = timezone.now()
    m4d = Consultation.objects.create(
        slug="m4d", title="Promoting a territorial approach to migration and development",
        description="Practices, frameworks and strategies of local authorities to harness the potential of "
                    "migration for development.",
        kind=Consultation.Kind.E_DISCUSSION, status=Consultation.Status.OPEN,
        visibility=Consultation.Visibility.PUBLIC, languages=["en", "fr", "es"], content_language="en",
        territory=territories["vaud"], opens_at=now - timedelta(days=7), closes_at=now + timedelta(days=21),
        premoderation=True, allow_anonymous=True)
    number = 0
    for week, texts in SEED_QUESTIONS.items():
        round_ = Round.objects.create(consultation=m4d, number=week, title=f"Week {week}",
                                      starts_at=now - timedelta(days=7) + timedelta(weeks=week - 1),
                                      ends_at=now + timedelta(weeks=week))
        for text in texts:
            number += 1
            Question.objects.create(consultation=m4d, round=round_, number=number, text=text)
    return m4d
