"""Words and passages: what the rest of the analysis reads.

An answer is cut into passages (one to a few sentences of a paragraph, `split_passages`), and a
passage into word keys (`Analyser.tokens`): lower-cased, accent-free snowball stems for English,
French and Spanish, light-stemmed folded forms for Arabic, and `None` for what breaks a phrase
(stop words, numbers, punctuation). Every later step compares these keys, so that "investments"
and "investment", "réinsertion" and "reinsertion" are the same word."""
import re
import threading
from dataclasses import dataclass
from functools import cache
from importlib import resources

import snowballstemmer

from corridor.directory.search import normalise

STEMMERS = {"en": "english", "fr": "french", "es": "spanish", "pt": "portuguese", "it": "italian"}
# A passage grows sentence by sentence until it has this many words, and is never cut inside a
# sentence: long enough to be quoted, short enough to be about one thing.
PASSAGE_MIN_WORDS = 25
PASSAGE_MAX_WORDS = 80
# Words of the genre (a consultation about migration and development) that YAKE's general lists lack.
EXTRA_STOPWORDS = {
    "en": "also etc question questions example examples regard regards thank thanks dear contribution "
          "contributions discussion order way ways within well",
    "fr": "aussi ainsi question questions exemple exemples cas cordialement merci chers cher contribution "
          "contributions discussion égard afin notamment cadre niveau",
    "es": "también así pregunta preguntas ejemplo ejemplos caso saludos gracias estimados contribución "
          "contribuciones discusión respecto través nivel marco",
    "ar": "ايضا مثلا سؤال الاسئلة شكرا",
}
YAKE_STOPWORD_LANGUAGES = frozenset({"en", "fr", "es", "ar", "pt", "it"})
_WORD = re.compile(r"\w+")
# Only spaces, hyphens and apostrophes keep two words in one phrase ("one-stop", "l'accueil").
_JOINING = frozenset(" -'’\t")
_ARABIC_SUFFIXES = ("ات", "ون", "ين", "ان", "ه")
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+|\n+")
_PARAGRAPHS = re.compile(r"\n\s*\n|\n(?=\s*[-•*–]\s)")


@dataclass(frozen=True, slots=True)
class Passage:
    """A piece of an answer. `contribution` and `contributor` are the caller's keys (a contribution
    uuid, a key that is the same for every contribution of one person); `start` and `end` are
    character offsets in the answer's text."""

    text: str
    language: str
    contribution: str
    contributor: str
    question: int | None
    answer: int
    start: int
    end: int


@cache
def stopwords(language: str) -> frozenset:
    """YAKE's list of the language and the words of the genre."""
    words = set(EXTRA_STOPWORDS.get(language, "").split())
    if language in YAKE_STOPWORD_LANGUAGES:
        listing = resources.files("yake.core.StopwordsList").joinpath(f"stopwords_{language}.txt")
        words |= {line.strip().lower() for line in listing.read_text(encoding="utf-8").splitlines() if line.strip()}
    return frozenset(words)


class Analyser:
    """Word keys of one language, computed once per distinct word (snowball is slow). Shared by the
    job's threads: a snowball stemmer keeps state while it works, hence the lock."""

    def __init__(self, language: str):
        self._stopwords = stopwords(language)
        stemmer_name = STEMMERS.get(language)
        self._stemmer = snowballstemmer.stemmer(stemmer_name) if stemmer_name else None
        self._stemming = threading.Lock()
        self._keys: dict[str, str | None] = {}

    def key(self, word: str) -> str | None:
        """The key of a lower-case word, or None when it cannot be part of a phrase."""
        try:
            return self._keys[word]
        except KeyError:
            pass
        key = None
        if len(word) > 1 and word not in self._stopwords and not any(c.isdigit() for c in word):
            if self._stemmer:
                with self._stemming:
                    key = normalise(self._stemmer.stemWord(word))
            else:
                key = _light_stem(normalise(word))
            if key in self._stopwords:
                key = None
        self._keys[word] = key or None
        return self._keys[word]

    def tokens(self, text: str) -> list[tuple[str | None, str]]:
        """(key, word as written) for every word, with (None, punctuation) where punctuation breaks
        the phrase."""
        result, previous_end = [], 0
        for match in _WORD.finditer(text):
            gap = text[previous_end:match.start()]
            if previous_end and not _JOINING.issuperset(gap):
                result.append((None, gap))
            word = match.group()
            result.append((self.key(word.lower()), word))
            previous_end = match.end()
        return result

    def keys(self, text: str) -> list[str]:
        """The keys of the content words, in order."""
        return [key for key, _word in self.tokens(text) if key]


def _light_stem(word: str) -> str:
    """Arabic: folded by `normalise` (article, hamza and alif forms); strip one plural or feminine
    ending when enough of the word remains."""
    for suffix in _ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@cache
def analyser(language: str) -> Analyser:
    return Analyser(language)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def split_passages(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the passages of a text: sentences of a paragraph grouped until they
    reach PASSAGE_MIN_WORDS words without passing PASSAGE_MAX_WORDS; a short tail joins the
    passage before it."""
    spans = []
    for paragraph_start, paragraph_end in _pieces(text, 0, len(text), _PARAGRAPHS):
        group_start, group_end, group_words = None, None, 0
        paragraph_spans = []
        for start, end in _pieces(text, paragraph_start, paragraph_end, _SENTENCE_END):
            words = word_count(text[start:end])
            if group_start is not None and group_words + words > PASSAGE_MAX_WORDS:
                paragraph_spans.append([group_start, group_end, group_words])
                group_start, group_words = None, 0
            if group_start is None:
                group_start = start
            group_end, group_words = end, group_words + words
            if group_words >= PASSAGE_MIN_WORDS:
                paragraph_spans.append([group_start, group_end, group_words])
                group_start, group_words = None, 0
        if group_start is not None:
            if paragraph_spans and group_words < PASSAGE_MIN_WORDS // 2 \
                    and paragraph_spans[-1][2] + group_words <= PASSAGE_MAX_WORDS:
                paragraph_spans[-1][1] = group_end
            else:
                paragraph_spans.append([group_start, group_end, group_words])
        spans += [(start, end) for start, end, _words in paragraph_spans]
    return spans


def _pieces(text: str, start: int, end: int, separator: re.Pattern) -> list[tuple[int, int]]:
    """The non-blank pieces of text[start:end] between separators, trimmed, as offsets in `text`."""
    pieces, piece_start = [], start
    for match in separator.finditer(text, start, end):
        pieces.append((piece_start, match.start()))
        piece_start = match.end()
    pieces.append((piece_start, end))
    trimmed = []
    for piece_start, piece_end in pieces:
        piece = text[piece_start:piece_end]
        if piece.strip():
            leading, trailing = len(piece) - len(piece.lstrip()), len(piece) - len(piece.rstrip())
            trimmed.append((piece_start + leading, piece_end - trailing))
    return trimmed
