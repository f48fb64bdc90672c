"""What the library keeps about a person (see core/personal_data.py): the good practices they wrote. The
practices belong to their organisations and stay; a practice accepted from a consultation cites the
contribution it came from, and that citation loses the person's name with the account."""
from corridor.core.personal_data import replace_in_text

from .models import GoodPractice


def export(user) -> dict:
    return {"practices_written": [{"title": p.title, "status": p.status, "created_at": p.created_at}
                                  for p in GoodPractice.objects.filter(created_by=user).order_by("pk")]}


def erase(user, identifiers) -> None:
    for practice in GoodPractice.objects.exclude(sources=""):
        sources = replace_in_text(practice.sources, identifiers, "—")
        if sources != practice.sources:
            GoodPractice.objects.filter(pk=practice.pk).update(sources=sources)
