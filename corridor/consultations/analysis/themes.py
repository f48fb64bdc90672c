"""Themes of the answers to one question: passages clustered across languages, named by keyphrases.

Each passage is a vector of its word keys (stemmed TF-IDF) and of the concepts of the lexicon it
names (TF-IDF too, weighted higher): the concepts are shared by all languages, the words carry the
detail. Reduced to a hundred dimensions (truncated SVD) and normalised, the vectors are grouped by
k-means; the number of themes is the one with the best silhouette between 2 and `max_themes`,
computed on a fixed sample so that large consultations stay fast.

A theme is named by its keyphrases: candidate phrases are runs of one to three content words
between stop words, punctuation and names, scored per language by class-based TF-IDF (frequent in
this theme, rare in the others), so that a theme has keyphrases in each of its languages. Fixed
random states and sorted ties make the same passages give the same themes."""
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from .lexicon import CONCEPT_PREFIX, concept_label, find_concepts
from .text import Passage, analyser, word_count

RANDOM_STATE = 0
SVD_DIMENSIONS = 100
WORD_WEIGHT = 0.6
CONCEPT_WEIGHT = 1.0
MIN_KEYS = 4                 # fewer content words and no concept: a greeting or a signature
MIN_THEME_SIZE = 8           # passages per theme on average, at least: small questions have few themes
SILHOUETTE_SAMPLE = 2000
KEYPHRASE_SAMPLE = 300       # passages per theme and language read for keyphrases, the most central
MAX_PHRASE_WORDS = 3
KEYPHRASES_PER_LANGUAGE = 5
EXCERPTS = 3
EXCERPT_MIN_WORDS = 12
CONCEPT_SHARE = 0.2          # a theme's concept is named by at least this share of its passages
# Words that every answer of a consultation on migration and development uses: no keyphrase alone.
GENERIC_WORDS = {
    "en": "migrant migrants migration development local national country countries territory territories project "
          "projects people authority authorities government city region offer offers support experience initiative "
          "initiatives programme programmes approach level role issue issues need needs",
    "fr": "migrant migrants migration développement local locale locaux locales national nationale pays territoire "
          "territoires projet projets personnes autorités ville région offre soutien initiative initiatives programme "
          "programmes niveau rôle besoin besoins",
    "es": "migrante migrantes migración desarrollo local locales nacional país países territorio territorios proyecto "
          "proyectos personas autoridades ciudad región ofrece apoyo iniciativa iniciativas programa programas nivel "
          "papel necesidades",
}
_SENTENCE_END = re.compile(r"[.!?؟:;\n]")


@dataclass
class Theme:
    """Indexes refer to the passages given to `find_themes`; `passages` are ordered from the most
    central. `excerpts` are 1 to 3 of them, by different contributors."""

    passages: list[int]
    excerpts: list[int]
    concepts: list[str]
    keyphrases: dict[str, list[str]] = field(default_factory=dict)
    label: str = ""


def find_themes(passages: list[Passage], language: str, max_themes: int = 6) -> list[Theme]:
    """The themes of some passages, largest first; `language` is the one labels are written in
    when the theme has passages in it. The same passages always give the same themes."""
    words, concepts = [], []
    for passage in passages:
        keys = analyser(passage.language).keys(passage.text)
        words.append(keys)
        concepts.append([CONCEPT_PREFIX + code for code in find_concepts(keys, passage.language)])
    eligible = [i for i in range(len(passages)) if len(words[i]) >= MIN_KEYS or concepts[i]]
    if not eligible:
        return []
    # One thread: on matrices this size, OpenMP (k-means) and OpenBLAS threads contend and are many
    # times slower than a single one.
    with threadpool_limits(limits=1):
        vectors = _vectors([words[i] for i in eligible], [concepts[i] for i in eligible])
        labels = _cluster(vectors, max_themes)
    themes = []
    for cluster in sorted(set(labels), key=lambda c: (-int(np.sum(labels == c)), int(np.argmax(labels == c)))):
        members = np.flatnonzero(labels == cluster)
        centre = vectors[members].mean(axis=0)
        closeness = vectors[members] @ centre
        ordered = [eligible[members[i]] for i in sorted(range(len(members)), key=lambda i: (-closeness[i], members[i]))]
        themes.append(Theme(ordered, _excerpts(ordered, passages), _concepts(ordered, concepts)))
    _name(themes, passages, language)
    return themes


def _vectors(words: list[list[str]], concepts: list[list[str]]) -> np.ndarray:
    """Unit vectors of the passages: TF-IDF of words and (weighted higher) of concepts, reduced by
    truncated SVD (latent semantic analysis) so that clustering works on a few dense dimensions."""
    def tfidf(documents, min_df):
        vectoriser = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=min_df)
        try:
            return vectoriser.fit_transform(documents)
        except ValueError:  # no feature at all (no concept named anywhere)
            return sparse.csr_matrix((len(documents), 0))

    word_vectors = tfidf(words, 2 if len(words) >= 20 else 1)
    concept_vectors = tfidf(concepts, 1)
    vectors = normalize(sparse.hstack([WORD_WEIGHT * word_vectors, CONCEPT_WEIGHT * concept_vectors]).tocsr())
    dimensions = min(SVD_DIMENSIONS, vectors.shape[0] - 1, vectors.shape[1] - 1)
    if dimensions < 2:
        return vectors.toarray()
    return normalize(TruncatedSVD(dimensions, random_state=RANDOM_STATE).fit_transform(vectors))


def _identity(document):
    return document


def _cluster(vectors: np.ndarray, max_themes: int) -> np.ndarray:
    """Cluster labels, for the number of clusters with the best silhouette (the smaller on a tie)."""
    count = vectors.shape[0]
    candidates = range(2, min(max_themes, count // MIN_THEME_SIZE) + 1)
    if not candidates:
        return np.zeros(count, dtype=int)
    sample = np.arange(count)
    if count > SILHOUETTE_SAMPLE:
        sample = np.sort(np.random.RandomState(RANDOM_STATE).choice(count, SILHOUETTE_SAMPLE, replace=False))
    best_score, best_labels = -2.0, None
    for clusters in candidates:
        labels = KMeans(n_clusters=clusters, n_init=4, random_state=RANDOM_STATE).fit_predict(vectors)
        sampled = labels[sample]
        if len(set(sampled)) < 2:
            continue
        score = round(float(silhouette_score(vectors[sample], sampled)), 6)
        if score > best_score:
            best_score, best_labels = score, labels
    return best_labels if best_labels is not None else np.zeros(count, dtype=int)


def _excerpts(ordered: list[int], passages: list[Passage]) -> list[int]:
    """The most central passages of different contributors, readable ones (a full sentence or
    more) first."""
    chosen, contributors = [], set()
    for readable_only in (True, False):
        for index in ordered:
            passage = passages[index]
            if len(chosen) == EXCERPTS:
                return chosen
            if passage.contributor in contributors or (readable_only and word_count(passage.text) < EXCERPT_MIN_WORDS):
                continue
            chosen.append(index)
            contributors.add(passage.contributor)
    return chosen


def _concepts(ordered: list[int], concepts: list[list[str]]) -> list[str]:
    shares = Counter(code for index in ordered for code in set(concepts[index]))
    named = [(code, count) for code, count in shares.items() if count >= CONCEPT_SHARE * len(ordered)]
    return [code[len(CONCEPT_PREFIX):] for code, _count in sorted(named, key=lambda item: (-item[1], item[0]))][:4]


def _name(themes: list[Theme], passages: list[Passage], language: str) -> None:
    languages = sorted({passages[i].language for theme in themes for i in theme.passages})
    for passage_language in languages:
        for theme, phrases in zip(themes, _keyphrases(themes, passages, passage_language)):
            if phrases:
                theme.keyphrases[passage_language] = phrases
    for theme in themes:
        if theme.keyphrases.get(language):
            names = theme.keyphrases[language][:2]
        elif theme.concepts:
            names = [concept_label(code, language) for code in theme.concepts[:2]]
        else:
            names = next(iter(theme.keyphrases.values()), [])[:2]
        label = ", ".join(names)
        theme.label = label[:1].upper() + label[1:]


def _keyphrases(themes: list[Theme], passages: list[Passage], language: str) -> list[list[str]]:
    """Class-based TF-IDF of candidate phrases, the themes being the classes: a phrase scores by
    its frequency in the theme times log(1 + average size of a theme / its frequency in all
    themes). A phrase must come from two passages, and one inside a longer chosen phrase is left out."""
    words = analyser(language)
    generic = generic_keys(language)
    counts, passages_with, surfaces = [], [], {}
    for theme in themes:
        theme_counts, theme_passages = Counter(), Counter()
        sample = [i for i in theme.passages if passages[i].language == language][:KEYPHRASE_SAMPLE]
        for index in sample:
            phrases = _phrases(words.tokens(passages[index].text), generic)
            for key, surface in phrases:
                theme_counts[key] += 1
                surfaces.setdefault(key, Counter())[surface] += 1
            theme_passages.update({key for key, _surface in phrases})
        counts.append(theme_counts)
        passages_with.append(theme_passages)
    totals = Counter()
    for theme_counts in counts:
        totals.update(theme_counts)
    average = sum(totals.values()) / max(1, len(themes))
    result = []
    for theme_counts, theme_passages in zip(counts, passages_with):
        size = sum(theme_counts.values()) or 1
        minimum = 2 if len(theme_passages) and max(theme_passages.values()) >= 2 else 1
        scored = sorted(((count / size * math.log(1 + average / totals[key]) * (1 + 0.25 * key.count(" ")), key)
                         for key, count in theme_counts.items() if theme_passages[key] >= minimum),
                        key=lambda item: (-item[0], item[1]))
        chosen = []
        for _score, key in scored:
            if any(_inside(key, other) or _inside(other, key) for other in chosen):
                continue
            chosen.append(key)
            if len(chosen) == KEYPHRASES_PER_LANGUAGE:
                break
        result.append([min(surfaces[key].items(), key=lambda item: (-item[1], item[0]))[0] for key in chosen])
    return result


def _phrases(tokens: list[tuple[str | None, str]], generic: frozenset) -> list[tuple[str, str]]:
    """(key, surface) of every run of 1 to MAX_PHRASE_WORDS content words. Names (a capital
    inside a sentence: places, organisations, people) are not topics and break runs; so do
    stop words and punctuation. A single word common to every answer in the genre is no keyphrase."""
    phrases, run, sentence_start = [], [], True
    for key, word in [*tokens, (None, ".")]:
        is_name = key and word[0].isupper() and not sentence_start
        sentence_start = key is None and bool(_SENTENCE_END.search(word))
        if key and not is_name:
            run.append((key, word.lower()))
            continue
        for start in range(len(run)):
            for end in range(start + 1, min(start + MAX_PHRASE_WORDS, len(run)) + 1):
                piece = run[start:end]
                if len(piece) > 1 or piece[0][0] not in generic:
                    phrases.append((" ".join(k for k, _w in piece), " ".join(w for _k, w in piece)))
        run = []
    return phrases


@cache
def generic_keys(language: str) -> frozenset:
    words = analyser(language)
    return frozenset(filter(None, map(words.key, GENERIC_WORDS.get(language, "").split())))


def _inside(short: str, long: str) -> bool:
    return f" {short} " in f" {long} "
