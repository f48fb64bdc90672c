"""Candidate good practices and lessons learned, found in passages by cues in English, French and
Spanish (and a few in Arabic).

A candidate practice is a concrete initiative: an actor ("the Regional Council of Louga", "la
commune de Ziguinchor", "el Ayuntamiento de Madrid", an acronym such as FASER) that did something
(created, mis en place, puso en marcha...) somewhere (a place the gazetteer knows) or at some time
(a year). Candidates are ranked by how much of this they show, plus figures of outputs, and tagged
with the directory's vocabularies through the concepts they name. A lesson is a passage that speaks
of lessons, challenges, obstacles or success factors."""
import re
from dataclasses import dataclass

from .lexicon import concept_tags, find_concepts
from .places import Place
from .text import Passage, analyser, word_count

_UPPER = "A-ZÀ-ÖØ-Ý"
_NAME = rf"[{_UPPER}][\w'’-]+(?:\s+[{_UPPER}][\w'’-]+)*"
_NAMED_ACTORS = {
    "en": re.compile(
        r"\b(?:(?i:the)\s+)?(?i:city\s+council|municipal\s+council|regional\s+council|regional\s+government|"
        r"provincial\s+government|city|municipality|town|region|province|county|district|government|ministry|"
        r"mayor|association|federation|network|cooperative|chamber|agency|university|foundation|department)"
        rf"\s+of\s+(?:the\s+)?{_NAME}"
        rf"|\b(?:[{_UPPER}][\w'’-]+\s+){{1,5}}(?:City\s+Council|Municipality|Regional\s+Council|Council|Association|"
        r"Federation|Foundation|Network|Agency|Ministry|Chamber|Cooperative|Department|Office|Initiative|"
        r"Programme|Program|Institute|Centre|Center|Union)\b"),
    "fr": re.compile(
        r"\b(?:(?i:la|le|les)\s+|(?i:l)['’]\s*)?(?i:conseil\s+régional|conseil\s+départemental|conseil\s+municipal|"
        r"communauté\s+urbaine|commune|ville|mairie|municipalité|région|département|province|collectivité|"
        r"ministère|gouvernement|association|fédération|ONG|réseau|coopérative|chambre|agence|université|fondation)"
        rf"\s+(?:(?i:de\s+la|de\s+l['’]|du|des|de|d['’])\s*)?{_NAME}"),
    "es": re.compile(
        r"\b(?:(?i:el|la|los|las)\s+)?(?i:gobierno\s+regional|gobierno\s+provincial|gobierno\s+municipal|"
        r"consejo\s+regional|ayuntamiento|municipalidad|municipio|alcaldía|ciudad|región|diputación|provincia|"
        r"ministerio|gobierno|asociación|federación|ONG|red|cooperativa|cámara|agencia|universidad|fundación|"
        r"consejería)"
        rf"\s+(?:(?i:de\s+la|de\s+los|del|de)\s+)?{_NAME}"),
}
_ACRONYM = re.compile(r"\b[A-Z][A-Z&-]{1,9}\b")
# Acronyms that name a kind of actor or a topic, not an actor.
GENERIC_ACRONYMS = frozenset(
    "NGO NGOS ONG ONGS CSO CSOS OSC RLA RLAS LRA LRAS ARL ALR M&D MD SDG SDGS ODD ODS ICT TIC USD EUR FCFA CFA "
    "II III IV VI PDF HTML FAQ OK UN".split())
_LEADING_ARTICLE = re.compile(r"^(?:the|la|le|les|l['’]|el|los|las)\s*", re.IGNORECASE)
_ACTIONS = {
    "en": r"\b(?:created|launched|set\s+up|established|implemented|organi[sz]ed|funded|financed|co-financed|"
          r"developed|introduced|opened|started|built|signed|piloted|initiated|supported|trained|ran|runs|"
          r"carried\s+out|founded|mobili[sz]ed|deployed)\b",
    "fr": r"\b(?:mis(?:e|es)?\s+en\s+place|mis(?:e|es)?\s+en\s+(?:œ|oe)uvre|cré(?:é|ée|és|ées)|lancé(?:e|s|es)?|"
          r"organisé(?:e|s|es)?|financé(?:e|s|es)?|cofinancé(?:e|s|es)?|ouvert(?:e|s|es)?|signé(?:e|s|es)?|"
          r"développé(?:e|s|es)?|instauré(?:e|s|es)?|fondé(?:e|s|es)?|initié(?:e|s|es)?|soutenu(?:e|s|es)?|"
          r"accompagné(?:e|s|es)?|formé(?:e|s|es)?|déployé(?:e|s|es)?)\b",
    "es": r"\b(?:puesto\s+en\s+marcha|puso\s+en\s+marcha|pusieron\s+en\s+marcha|cre(?:ó|aron|ado|ada|ados|adas)|"
          r"impuls(?:ó|aron|ado|ada)|organiz(?:ó|aron|ado|ada)|financi(?:ó|aron|ado|ada)|cofinanci(?:ó|aron|ado|ada)|"
          r"lanz(?:ó|aron|ado|ada)|implement(?:ó|aron|ado|ada)|establec(?:ió|ieron|ido|ida)|abri(?:ó|eron)|"
          r"firm(?:ó|aron|ado)|desarroll(?:ó|aron|ado|ada)|fund(?:ó|aron|ado|ada)|inici(?:ó|aron|ado|ada)|"
          r"apoy(?:ó|aron|ado|ada)|capacit(?:ó|aron|ado)|ejecut(?:ó|aron|ado|ada))\b",
    "ar": r"(?:أطلق|أطلقت|أنشأ|أنشأت|نظم|نظمت|موّل|مول|موّلت|افتتح|افتتحت|أسس|أسست)",
}
_LESSONS = {
    "en": r"\b(?:lessons?\s+learn(?:ed|t)|lessons?|learn(?:ed|t)|challenges?|obstacles?|difficult(?:y|ies)|"
          r"barriers?|constraints?|success\s+factors?|pitfalls?)\b",
    "fr": r"\b(?:leçons?|enseignements?|défis?|difficultés?|obstacles?|contraintes?|freins?|"
          r"facteurs?\s+de\s+(?:succès|réussite))\b",
    "es": r"\b(?:lecci(?:ón|ones)|aprendizajes?|desaf(?:ío|íos)|retos?|dificultad(?:es)?|obst(?:á|a)culos?|"
          r"barreras?|limitaciones|factores?\s+de\s+éxito)\b",
    "ar": r"(?:الدروس|الدرس|تحديات|التحديات|صعوبات|الصعوبات|عقبات|العقبات)",
}
_ACTION_PATTERNS = {language: re.compile(pattern, re.IGNORECASE) for language, pattern in _ACTIONS.items()}
_LESSON_PATTERNS = {language: re.compile(pattern, re.IGNORECASE) for language, pattern in _LESSONS.items()}
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_FIGURES = re.compile(
    r"\b\d[\d.,\s]*\s*(?:%|per\s*cent|pour\s*cent|por\s*ciento|migrants?|migrantes?|people|personnes|personas|"
    r"famil(?:y|ies)|familles?|familias?|jobs|emplois|empleos|projects|projets|proyectos|enterprises|businesses|"
    r"entreprises|empresas|euros?|dollars?|USD|EUR|FCFA|participants?|participantes?|beneficiar(?:y|ies)|"
    r"bénéficiaires|beneficiarios|returnees|women|femmes|mujeres|youth|jeunes|jóvenes)\b", re.IGNORECASE)
MIN_WORDS = 12


@dataclass
class Candidate:
    passage: int            # index in the passages given
    actor: str
    places: list[Place]
    tags: dict
    score: float


@dataclass
class Lesson:
    passage: int
    score: float


def find_actor(text: str, language: str) -> str:
    """The first named actor of a passage (the subject, usually), else its first acronym naming an
    actor, else ""."""
    pattern = _NAMED_ACTORS.get(language)
    named = pattern.search(text) if pattern else None
    if named:
        return _LEADING_ARTICLE.sub("", named.group()).strip()
    for match in _ACRONYM.finditer(text):
        if match.group().upper() not in GENERIC_ACRONYMS:
            return match.group()
    return ""


def find_candidates(passages: list[Passage], places: list[list[Place]]) -> list[Candidate]:
    """Passages describing an initiative, best first; `places` are those named in each passage."""
    candidates = []
    for index, passage in enumerate(passages):
        action = _ACTION_PATTERNS.get(passage.language)
        if not action or word_count(passage.text) < MIN_WORDS or not action.search(passage.text):
            continue
        actor = find_actor(passage.text, passage.language)
        year = _YEAR.search(passage.text) is not None
        if not actor or not (places[index] or year):
            continue
        concepts = find_concepts(analyser(passage.language).keys(passage.text), passage.language)
        named_actor = actor != actor.upper()
        score = (1.0 + (1.0 if named_actor else 0.6) + (1.0 if places[index] else 0) + (0.5 if year else 0)
                 + (0.5 if _FIGURES.search(passage.text) else 0) + 0.1 * min(3, len(set(concepts))))
        unique_places = list({place.key: place for place in places[index]}.values())
        candidates.append(Candidate(index, actor, unique_places, concept_tags(concepts), round(score, 3)))
    return sorted(candidates, key=lambda candidate: (-candidate.score, candidate.passage))


def find_lessons(passages: list[Passage]) -> list[Lesson]:
    """Passages about lessons learned and challenges, best first."""
    lessons = []
    for index, passage in enumerate(passages):
        pattern = _LESSON_PATTERNS.get(passage.language)
        if not pattern or word_count(passage.text) < MIN_WORDS:
            continue
        cues = len(pattern.findall(passage.text))
        if cues:
            concepts = set(find_concepts(analyser(passage.language).keys(passage.text), passage.language))
            lessons.append(Lesson(index, round(cues + 0.1 * min(3, len(concepts)), 3)))
    return sorted(lessons, key=lambda lesson: (-lesson.score, lesson.passage))
