"""Similar practices: TF-IDF over each published practice's words and tags, ranked by cosine
similarity, offline with scikit-learn.

Words are the word keys of the consultations' analysis (stemmed, stop words removed) of the practice's
texts in its own language and in its published translations, so a French and an English practice on
language courses share "cour"/"course" only through their translations, but always through their tags:
phase, category, target group, sector and SDG target are added as tokens ("category:language"), which
do not depend on language at all. The fitted matrix is kept per process until a practice changes."""
import threading

from django.db.models import Count, Max
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel

from corridor.consultations.analysis.text import analyser

from .models import GoodPractice
from .template import TRANSLATED_FIELDS

MIN_SCORE = 0.05  # below it two practices share a common word or two, not a subject

_lock = threading.Lock()
_cache: dict = {}


def tokens(practice: GoodPractice) -> list[str]:
    keys = []
    versions = [(practice.content_language, {name: getattr(practice, name) for name in TRANSLATED_FIELDS}),
                *practice.published_translations().items()]
    for language, texts in versions:
        words = analyser(language.split("-")[0])
        for name in TRANSLATED_FIELDS:
            keys += words.keys(texts.get(name) or "")
    keys += [f"{term.vocabulary}:{term.code}" for term in practice.terms.all()]
    keys += [f"sector:{code}" for code in practice.sectors] + [f"sdg:{code}" for code in practice.sdg_targets]
    return keys


def _published_matrix():
    """(keys of the published practices, their TF-IDF rows, the fitted vectorizer), rebuilt when one of
    them changes."""
    published = GoodPractice.objects.filter(status=GoodPractice.Status.PUBLISHED)
    signature = tuple(published.aggregate(n=Count("pk"), changed=Max("updated_at"), last=Max("pk")).values())
    with _lock:
        if _cache.get("signature") != signature:
            practices = list(published.prefetch_related("terms").order_by("pk"))
            vectorizer = TfidfVectorizer(analyzer=lambda keys: keys, sublinear_tf=True)
            matrix = vectorizer.fit_transform([tokens(practice) for practice in practices]) if practices else None
            _cache.update(signature=signature, keys=[p.pk for p in practices], matrix=matrix, vectorizer=vectorizer)
        return _cache["keys"], _cache["matrix"], _cache["vectorizer"]


def similar(practice: GoodPractice, limit: int = 3) -> list[tuple[GoodPractice, float]]:
    """The published practices most like this one, with their similarity (0 to 1), best first."""
    keys, matrix, vectorizer = _published_matrix()
    if matrix is None:
        return []
    if practice.pk in keys:
        row = matrix[keys.index(practice.pk)]
    else:  # a draft, compared with the published practices as they stand
        row = vectorizer.transform([tokens(practice)])
    scores = linear_kernel(row, matrix).ravel()
    ranked = sorted(((score, key) for key, score in zip(keys, scores) if key != practice.pk and score >= MIN_SCORE),
                    reverse=True)[:limit]
    found = GoodPractice.objects.in_bulk([key for _score, key in ranked])
    return [(found[key], float(score)) for score, key in ranked]
