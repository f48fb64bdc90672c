"""What learning keeps about a person (see core/personal_data.py): their enrolments, the topics they have
read, the cohorts they facilitate. Their answers to points for reflection are contributions to the module's
consultation, exported and erased with the consultations. Enrolments and progress go with the account."""


def export(user) -> dict:
    return {
        "enrolments": [{"module": e.module.title, "cohort": e.cohort.name if e.cohort else "",
                        "enrolled_at": e.enrolled_at,
                        "topics_read": [{"topic": r.topic.title, "read_at": r.read_at}
                                        for r in e.reads.select_related("topic").order_by("read_at")]}
                       for e in user.learning_enrolments.select_related("module", "cohort").order_by("enrolled_at")],
        "facilitated_cohorts": [str(cohort) for cohort in user.facilitated_cohorts.select_related("module")],
    }


def erase(user, identifiers) -> None:
    """Enrolments, reads and facilitation go with the account (cascade)."""
