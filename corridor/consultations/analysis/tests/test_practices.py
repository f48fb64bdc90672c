from corridor.consultations.analysis.places import find_places
from corridor.consultations.analysis.practices import find_actor, find_candidates, find_lessons
from corridor.consultations.analysis.text import Passage

LOUGA = ("In 2012 the Regional Council of Louga set up a one-stop office for returning migrants, which advised "
         "1,200 returnees in three years.")
TIZNIT = ("En 2014, la commune de Tiznit a créé un fonds de cofinancement avec la diaspora installée en France pour "
          "financer des projets productifs au Maroc.")
MADRID = ("En 2016 el Ayuntamiento de Madrid puso en marcha cursos de español gratuitos para mujeres migrantes en "
          "los barrios de la ciudad.")
OPINION = "Local authorities should create more offices for returning migrants and coordinate with civil society."
LESSON = ("The main lesson learned is that language courses must be combined with childcare, otherwise many women "
          "cannot attend.")


def passages(*texts_and_languages):
    return [Passage(text, language, f"c{i}", f"p{i}", 1, 0, 0, len(text))
            for i, (text, language) in enumerate(texts_and_languages)]


def places_of(items):
    return [[m.place for m in find_places([p.text])[0]] for p in items]


def test_actors_in_three_languages():
    assert find_actor(LOUGA, "en") == "Regional Council of Louga"
    assert find_actor(TIZNIT, "fr") == "commune de Tiznit"
    assert find_actor(MADRID, "es") == "Ayuntamiento de Madrid"
    assert find_actor("The city of Munich and the Harare City Council signed it.", "en") == "city of Munich"
    assert find_actor("Avec l'appui de la FASER et des NGO.", "fr") == "FASER"
    assert find_actor(OPINION, "en") == ""


def test_candidates_are_an_actor_doing_something_somewhere():
    items = passages((OPINION, "en"), (LOUGA, "en"), (TIZNIT, "fr"), (MADRID, "es"), (LESSON, "en"))
    candidates = find_candidates(items, places_of(items))
    assert sorted(c.passage for c in candidates) == [1, 2, 3]
    louga = next(c for c in candidates if c.passage == 1)
    assert louga.actor == "Regional Council of Louga"
    assert [p.name for p in louga.places] == ["Louga"]
    assert louga.tags == {"category": ["reintegration"], "phase": ["return"], "target_group": ["returnees"]}
    madrid = next(c for c in candidates if c.passage == 3)
    assert madrid.tags["category"] == ["language"] and madrid.tags["target_group"] == ["women"]
    # Actor, action, place, year and figures: Louga shows everything and ranks first.
    assert candidates[0].passage == 1 and candidates[0].score > candidates[-1].score


def test_no_candidate_without_an_action():
    items = passages(("The Regional Council of Louga is in Senegal and works with returnees since 2012.", "en"))
    assert find_candidates(items, places_of(items)) == []


def test_lessons_in_three_languages():
    items = passages((LESSON, "en"), (OPINION, "en"),
                     ("La principale difficulté reste le logement des travailleurs migrants dans la ville.", "fr"),
                     ("El principal reto es la vivienda: muchos migrantes viven en condiciones precarias.", "es"))
    assert sorted(lesson.passage for lesson in find_lessons(items)) == [0, 2, 3]
