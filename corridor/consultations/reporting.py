"""The consolidated report of a consultation: what the analysis found in the published contributions
(`build_report_data`, run by a background job through `request_report` and `generate`), what the
organiser changed (`save_edits`), the merge of both that every export renders (`document`),
publication, and the candidate good practices the organiser accepts into the library or dismisses.

`Report.data` (JSON; the same contributions and parameters give the same data):

    consultation   {"title", "slug", "language"}
    parameters     {"language": language of the labels, "max_themes": 2..6}
    input_digest   SHA-256 of the questions and published contributions analysed
    overview       {"contributions", "contributors", "answers",
                    "by_language" | "by_organisation_kind": [{"code", "count"}],
                    "by_country": [{"code", "name", "count"}],
                    "by_question": [{"number", "answers"}], "over_time": {"unit": "day"|"week",
                    "periods": [{"start": "YYYY-MM-DD", "count"}]}, "places": [place]}
    questions      [{"number", "text", "translations": {language: text}, "answers", "contributors",
                     "languages": {code: answers},
                     "themes": [theme], "places": [place]}]  by number
      theme        {"label", "keyphrases": {language: [phrase]}, "concepts": [lexicon code], "size": passages,
                    "contributions", "contributors", "languages": {code: passages},
                    "passages": [[contribution uuid, answer position, start, end]],
                    "excerpts": [excerpt]}
      excerpt      {"contribution": uuid, "question", "language", "text", "author", "organisation", "anonymous"}
      place        {"key", "name", "kind": "country"|"city", "country_code", "latitude", "longitude",
                    "mentions", "contributions": [uuid]}
    practices      [excerpt + {"actor", "places": [{"key", "name", "kind", "country_code"}], "tags", "score"}]
    lessons        [excerpt + {"score"}]
    contributors   {"named": [{"name", "organisation", "organisation_kind", "country", "contributions"}],
                    "anonymous": {"contributors", "contributions"}}

`document(report)` adds "introduction", "conclusion", each question's "summary", the organiser's
theme labels and "hidden" on every excerpt (true for those the organiser left out)."""
import hashlib
import json
import re
from collections import Counter, defaultdict
from datetime import timedelta

import pycountry
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from corridor.directory.models import TaxonomyTerm
from corridor.directory.search import normalise
from corridor.library.models import GoodPractice

from .analysis import places as gazetteer
from .analysis.practices import find_candidates, find_lessons
from .analysis.text import Passage, split_passages
from .analysis.themes import find_themes
from .models import Answer, CandidatePractice, Consultation, Contribution, Report

DEFAULT_MAX_THEMES = 6
MAX_CANDIDATES = 60
MAX_LESSONS = 30
# Up to this many days between the first and last contribution, the timeline counts days, else weeks.
DAILY_TIMELINE_DAYS = 62
TITLE_LENGTH = 120
EDIT_KEYS = {"introduction", "conclusion", "questions"}
QUESTION_EDIT_KEYS = {"summary", "hidden_excerpts", "theme_labels"}
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?؟])(?:\s|$)", re.DOTALL)


def default_parameters(consultation: Consultation) -> dict:
    return {"language": consultation.content_language, "max_themes": DEFAULT_MAX_THEMES}


def build_report_data(consultation: Consultation, parameters: dict | None = None) -> dict:
    """Analyse the published contributions of a consultation (see the module's docstring)."""
    parameters = {**default_parameters(consultation), **(parameters or {})}
    language = parameters["language"]
    max_themes = max(2, min(DEFAULT_MAX_THEMES, int(parameters["max_themes"])))
    questions = list(consultation.questions.order_by("number"))
    contributions, answers = _published(consultation)
    people = {c.pk: _contributor_key(c) for c in contributions}
    attributions = {str(c.uuid): _attribution(c) for c in contributions}
    passages, passage_places, mentions = _read(consultation, questions, contributions, answers, people)
    answering = defaultdict(list)  # question pk -> the contributions answering it
    for contribution in contributions:
        for answer in answers[contribution.pk]:
            answering[answer.question_id].append(contribution)

    question_data = []
    for question in questions:
        question_passages = [p for p in passages if p.question == question.number]
        question_data.append({
            "number": question.number,
            "text": question.text,
            "translations": {code: values["text"] for code, values in sorted(question.translations.items())
                             if values.get("text")},
            "answers": len(answering[question.pk]),
            "contributors": len({people[c.pk] for c in answering[question.pk]}),
            "languages": dict(sorted(Counter(_language(c, consultation) for c in answering[question.pk]).items())),
            "themes": [_theme_data(theme, question_passages, attributions)
                       for theme in find_themes(question_passages, language, max_themes)],
            "places": gazetteer.summarise((uuid, m) for uuid, number, m in mentions if number == question.number),
        })
    candidates = find_candidates(passages, passage_places)[:MAX_CANDIDATES]
    return {
        "consultation": {"title": consultation.title, "slug": consultation.slug,
                         "language": consultation.content_language},
        "parameters": {"language": language, "max_themes": max_themes},
        "input_digest": input_digest(questions, contributions, answers),
        "overview": _overview(contributions, answering, questions, people,
                              gazetteer.summarise((uuid, m) for uuid, _number, m in mentions)),
        "questions": question_data,
        "practices": [{**_excerpt(passages[c.passage], attributions), "actor": c.actor,
                       "places": [{"key": p.key, "name": p.name, "kind": p.kind, "country_code": p.country_code}
                                  for p in c.places],
                       "tags": c.tags, "score": c.score} for c in candidates],
        "lessons": [{**_excerpt(passages[lesson.passage], attributions), "score": lesson.score}
                    for lesson in find_lessons(passages)[:MAX_LESSONS]],
        "contributors": _contributors(contributions, people),
    }


def _published(consultation: Consultation) -> tuple[list[Contribution], dict]:
    """The published contributions, oldest first, and their answers by contribution pk."""
    contributions = list(consultation.contributions.filter(status=Contribution.Status.PUBLISHED)
                         .select_related("author", "organisation").order_by("submitted_at", "id"))
    answers = defaultdict(list)
    for answer in (Answer.objects.filter(contribution__consultation=consultation,
                                         contribution__status=Contribution.Status.PUBLISHED)
                   .order_by("contribution_id", "position").only("contribution_id", "position", "question_id", "text")):
        answers[answer.contribution_id].append(answer)
    return contributions, answers


def _read(consultation, questions, contributions, answers, people) -> tuple[list[Passage], list[list], list[tuple]]:
    """The passages of every answer with the places each names, and every mention of a place as
    (contribution uuid, question number, Mention)."""
    numbers = {question.pk: question.number for question in questions}
    passages, passage_places, mentions = [], [], []
    for contribution in contributions:
        uuid, language = str(contribution.uuid), _language(contribution, consultation)
        texts = answers[contribution.pk]
        for answer, found in zip(texts, gazetteer.find_places([a.text for a in texts])):
            number = numbers.get(answer.question_id)
            mentions += [(uuid, number, mention) for mention in found]
            for start, end in split_passages(answer.text):
                passages.append(Passage(answer.text[start:end], language, uuid, people[contribution.pk], number,
                                        answer.position, start, end))
                passage_places.append([m.place for m in found if m.start >= start and m.end <= end])
    return passages, passage_places, mentions


def _language(contribution: Contribution, consultation: Consultation) -> str:
    return (contribution.language or contribution.detected_language or consultation.content_language).split("-")[0]


def _contributor_key(contribution: Contribution) -> str:
    """The same for every contribution of one person: their account, else their e-mail, else their name."""
    if contribution.author_id:
        return f"user:{contribution.author_id}"
    if contribution.author_email:
        return f"email:{contribution.author_email.lower()}"
    if contribution.author_name.strip():
        return f"name:{normalise(contribution.author_name)}"
    return f"contribution:{contribution.uuid}"


def _attribution(contribution: Contribution) -> dict:
    """Name and organisation as the public sees them. An anonymous author has no name here: the
    exports write "Anonymous" in the reader's language."""
    named = not contribution.is_anonymous and bool(contribution.author_name or contribution.author_id)
    return {"author": contribution.display_author if named else "",
            "organisation": contribution.display_organisation, "anonymous": not named}


def _excerpt(passage: Passage, attributions: dict) -> dict:
    return {"contribution": passage.contribution, "question": passage.question, "language": passage.language,
            "text": passage.text, **attributions[passage.contribution]}


def _theme_data(theme, passages: list[Passage], attributions: dict) -> dict:
    members = [passages[i] for i in theme.passages]
    return {
        "label": theme.label,
        "keyphrases": theme.keyphrases,
        "concepts": theme.concepts,
        "size": len(members),
        "contributions": len({p.contribution for p in members}),
        "contributors": len({p.contributor for p in members}),
        "languages": dict(sorted(Counter(p.language for p in members).items())),
        "passages": [[p.contribution, p.answer, p.start, p.end] for p in members],
        "excerpts": [_excerpt(passages[i], attributions) for i in theme.excerpts],
    }


def _counts(values) -> list[dict]:
    return [{"code": code, "count": count}
            for code, count in sorted(Counter(values).items(), key=lambda item: (-item[1], item[0]))]


def _country_name(code: str) -> str:
    """The English name (pycountry's common name when it has one); exports name it in the reader's language."""
    country = pycountry.countries.get(alpha_2=code) if code else None
    return (getattr(country, "common_name", None) or country.name) if country else ""


def _overview(contributions, answering, questions, people, places) -> dict:
    return {
        "contributions": len(contributions),
        "contributors": len(set(people.values())),
        "answers": sum(len(answering[q.pk]) for q in questions),
        "by_language": _counts(c.language.split("-")[0] for c in contributions),
        "by_country": [{**row, "name": _country_name(row["code"])}
                       for row in _counts(c.country_code.upper() for c in contributions)],
        "by_organisation_kind": _counts(c.organisation_kind or (c.organisation.kind if c.organisation_id else "")
                                        for c in contributions),
        "by_question": [{"number": q.number, "answers": len(answering[q.pk])} for q in questions],
        "over_time": _timeline([timezone.localtime(c.submitted_at).date() for c in contributions]),
        "places": places,
    }


def _timeline(days) -> dict:
    """Contributions per day, or per week (starting on Monday) over long consultations, without gaps."""
    if not days:
        return {"unit": "day", "periods": []}
    daily = (max(days) - min(days)).days <= DAILY_TIMELINE_DAYS
    starts = Counter(day if daily else day - timedelta(days=day.weekday()) for day in days)
    step = timedelta(days=1 if daily else 7)
    periods, current = [], min(starts)
    while current <= max(starts):
        periods.append({"start": current.isoformat(), "count": starts[current]})
        current += step
    return {"unit": "day" if daily else "week", "periods": periods}


def _contributors(contributions, people) -> dict:
    named, anonymous_people, anonymous_contributions = {}, set(), 0
    for contribution in contributions:
        attribution = _attribution(contribution)
        if attribution["anonymous"]:
            anonymous_people.add(people[contribution.pk])
            anonymous_contributions += 1
            continue
        row = named.setdefault(people[contribution.pk], {
            "name": attribution["author"], "organisation": attribution["organisation"],
            "organisation_kind": contribution.organisation_kind or (contribution.organisation.kind
                                                                    if contribution.organisation_id else ""),
            "country": contribution.country_code.upper(), "contributions": 0})
        row["contributions"] += 1
    return {"named": sorted(named.values(), key=lambda row: (row["name"].casefold(), row["organisation"].casefold())),
            "anonymous": {"contributors": len(anonymous_people), "contributions": anonymous_contributions}}


def input_digest(questions, contributions, answers) -> str:
    """SHA-256 of everything the analysis reads: the questions and, for each published contribution,
    who wrote it as the public sees it, when, in what language, from where, and its answers."""
    numbers = {q.pk: q.number for q in questions}
    content = {
        "questions": [[q.number, q.text] for q in questions],
        "contributions": [[str(c.uuid), c.language, c.country_code, c.organisation_kind, c.submitted_at.isoformat(),
                           _attribution(c), [[a.position, numbers.get(a.question_id), a.text] for a in answers[c.pk]]]
                          for c in contributions],
    }
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def request_report(consultation: Consultation, user=None) -> Report:
    """A new version of the report, queued; the background job (recorded in this transaction) starts once
    this is committed."""
    from . import tasks  # tasks imports this module

    Consultation.objects.select_for_update().filter(pk=consultation.pk).first()  # one version number at a time
    version = (consultation.reports.aggregate(last=Max("version"))["last"] or 0) + 1
    report = Report.objects.create(consultation=consultation, version=version, status=Report.Status.QUEUED,
                                   parameters=default_parameters(consultation), requested_by=user)
    tasks.generate_report(report.pk)
    return report


def generate(report: Report) -> Report:
    """Compute a report's data and its candidate practices. A failure is recorded on the report
    (FAILED, with the error) and raised again, so that the job may be retried."""
    report.status, report.error = Report.Status.RUNNING, ""
    report.save(update_fields=["status", "error"])
    try:
        data = build_report_data(report.consultation, report.parameters)
    except Exception as error:
        report.status, report.error = Report.Status.FAILED, f"{type(error).__name__}: {error}"
        report.save(update_fields=["status", "error"])
        raise
    with transaction.atomic():
        report.data, report.input_digest = data, data["input_digest"]
        report.status, report.generated_at = Report.Status.READY, timezone.now()
        report.save(update_fields=["data", "input_digest", "status", "generated_at"])
        _replace_candidates(report, data["practices"])
    return report


def _replace_candidates(report: Report, practices: list[dict]) -> None:
    contributions = {str(uuid): pk for uuid, pk in report.consultation.contributions.filter(
        uuid__in={p["contribution"] for p in practices}).values_list("uuid", "pk")}
    questions = dict(report.consultation.questions.values_list("number", "pk"))
    report.candidate_practices.all().delete()
    CandidatePractice.objects.bulk_create([
        CandidatePractice(report=report, contribution_id=contributions[p["contribution"]],
                          question_id=questions.get(p["question"]), text=p["text"], language=p["language"],
                          actor=p["actor"][:255], places=p["places"], tags=p["tags"], score=p["score"])
        for p in practices])


def document(report: Report) -> dict:
    """The report as exports show it: its data with the organiser's edits applied. The data is
    copied only where edits change it, not in depth (it can be large)."""
    edits = report.edits or {}
    changes = edits.get("questions", {})
    questions = []
    for question in report.data.get("questions", []):
        change = changes.get(str(question["number"]), {})
        hidden, labels = set(change.get("hidden_excerpts", [])), change.get("theme_labels", {})
        questions.append({**question, "summary": change.get("summary", ""), "themes": [
            {**theme, "label": labels.get(str(index)) or theme["label"],
             "excerpts": [{**excerpt, "hidden": excerpt["contribution"] in hidden} for excerpt in theme["excerpts"]]}
            for index, theme in enumerate(question["themes"])]})
    return {**report.data, "introduction": edits.get("introduction", ""), "conclusion": edits.get("conclusion", ""),
            "questions": questions}


def save_edits(report: Report, edits: dict) -> None:
    """Keep the organiser's changes after checking their shape (ValueError says what is wrong)."""
    if report.status not in (Report.Status.READY, Report.Status.PUBLISHED):
        raise ValueError("Only a generated report can be edited.")
    if not isinstance(edits, dict) or set(edits) - EDIT_KEYS:
        raise ValueError(f"Edits must be an object with the keys {', '.join(sorted(EDIT_KEYS))}.")
    for key in ("introduction", "conclusion"):
        if not isinstance(edits.get(key, ""), str):
            raise ValueError(f'"{key}" must be text.')
    questions = {str(q["number"]): q for q in report.data.get("questions", [])}
    changes = edits.get("questions", {})
    if not isinstance(changes, dict):
        raise ValueError('"questions" must be an object keyed by question number.')
    for number, change in changes.items():
        if number not in questions:
            raise ValueError(f"The report has no question {number}.")
        if not isinstance(change, dict) or set(change) - QUESTION_EDIT_KEYS:
            raise ValueError(f"The edits of question {number} may only have the keys "
                             f"{', '.join(sorted(QUESTION_EDIT_KEYS))}.")
        if not isinstance(change.get("summary", ""), str):
            raise ValueError(f"The summary of question {number} must be text.")
        excerpts = {e["contribution"] for theme in questions[number]["themes"] for e in theme["excerpts"]}
        hidden = change.get("hidden_excerpts", [])
        if not isinstance(hidden, list) or not set(map(str, hidden)) <= excerpts:
            raise ValueError(f"The hidden excerpts of question {number} must be contributions quoted in it.")
        labels = change.get("theme_labels", {})
        themes = len(questions[number]["themes"])
        if not isinstance(labels, dict) or not all(
                str(index).isdigit() and int(index) < themes and isinstance(label, str)
                for index, label in labels.items()):
            raise ValueError(f"The theme labels of question {number} must be texts keyed by theme index "
                             f"(0 to {themes - 1}).")
    report.edits = edits
    report.save(update_fields=["edits"])


@transaction.atomic
def publish(report: Report, by) -> Report:
    """Publish a report ready for review; the consultation is then consolidated. Earlier published
    versions stay; the newest published one is the one shown."""
    if report.status != Report.Status.READY:
        raise ValueError("Only a report ready for review can be published.")
    report.status, report.published_by, report.published_at = Report.Status.PUBLISHED, by, timezone.now()
    report.save(update_fields=["status", "published_by", "published_at"])
    Consultation.objects.filter(pk=report.consultation_id).update(status=Consultation.Status.CONSOLIDATED,
                                                                  updated_at=timezone.now())
    report.consultation.status = Consultation.Status.CONSOLIDATED
    return report


def practice_title(text: str) -> str:
    """The first sentence of a passage, cut at a word within TITLE_LENGTH characters."""
    match = _FIRST_SENTENCE.match(text.strip())
    title = " ".join((match.group(1) if match else text).split())
    if len(title) <= TITLE_LENGTH:
        return title
    return title[:TITLE_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@transaction.atomic
def accept_candidate(candidate: CandidatePractice, by, tags: dict | None = None) -> GoodPractice:
    """A draft good practice of the library from a candidate: its passage as activities, the place
    it names, the contribution it comes from and the classification chosen (the candidate's own
    tags unless given)."""
    tags = candidate.tags if tags is None else tags
    contribution = candidate.contribution
    countries = [place["country_code"] for place in candidate.places if place.get("country_code")]
    practice = GoodPractice.objects.create(
        title=practice_title(candidate.text), content_language=candidate.language, activities=candidate.text,
        country_code=countries[0] if countries else contribution.country_code,
        region=", ".join(place["name"] for place in candidate.places if place.get("kind") == "city"),
        organisation_kind=contribution.organisation_kind,
        sources=f"{contribution.consultation.title} — {contribution.display_author}, "
                f"{timezone.localtime(contribution.submitted_at):%Y-%m-%d}",
        source_contribution=contribution, created_by=by, status=GoodPractice.Status.DRAFT)
    if contribution.organisation_id:
        practice.organisations.add(contribution.organisation_id)
    wanted = {(vocabulary, code) for vocabulary, codes in tags.items() for code in codes}
    practice.terms.set([term for term in TaxonomyTerm.objects.filter(vocabulary__in={v for v, _c in wanted})
                        if (term.vocabulary, term.code) in wanted])
    candidate.status, candidate.practice = CandidatePractice.Status.ACCEPTED, practice
    candidate.save(update_fields=["status", "practice"])
    return practice


def dismiss_candidate(candidate: CandidatePractice) -> None:
    candidate.status = CandidatePractice.Status.DISMISSED
    candidate.save(update_fields=["status"])
