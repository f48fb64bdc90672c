"""Posts modelled on the M4D e-discussion: several answers in one post, in English, French and Spanish,
and the numbered lists inside one answer that must not be taken for answers."""
import pytest

from corridor.consultations.splitting import own_words, question_references, split_answers

QUESTIONS = range(1, 6)


def numbers(parts):
    return [number for number, _ in parts]


def test_spanish_post_answering_three_questions_keeps_its_heading_with_the_first_answer():
    post = ("Respuestas - Semana 1\n\n"
            "Pregunta 1: Se deberían coordinar y unir esfuerzos entre autoridades para evitar redundar en acciones.\n\n"
            "Pregunta 3: Entre las estrategias que se puede tomar, esta el desarrollo de programas de empleo.\n\n"
            "Pregunta 5: Uno de los factores determinantes ha sido que la migración ha sido considerada positiva.")

    parts = split_answers(post, QUESTIONS)

    assert numbers(parts) == [1, 3, 5]
    assert parts[0][1] == ("Respuestas - Semana 1\n\n"
                           "Se deberían coordinar y unir esfuerzos entre autoridades para evitar redundar en acciones.")
    assert parts[1][1].startswith("Entre las estrategias") and "Pregunta" not in parts[1][1]
    assert parts[2][1].endswith("considerada positiva.")


def test_french_post_with_reply_and_numero_forms():
    post = ("Bonjour à toutes et à tous,\n\n"
            "Réponse à la question 2 : il existe depuis longtemps un ministère en charge de la migration.\n\n"
            "Question n° 4 – Au Sénégal, les plans locaux ne parlent de la migration qu'au travers des transferts.\n\n"
            "Re question 5\n"
            "La coopération décentralisée est un instrument majeur.\n\n"
            "Bien cordialement,\nMamadou Sene")

    parts = split_answers(post, QUESTIONS)

    assert parts == [
        (2, "Bonjour à toutes et à tous,\n\nil existe depuis longtemps un ministère en charge de la migration."),
        (4, "Au Sénégal, les plans locaux ne parlent de la migration qu'au travers des transferts."),
        (5, "La coopération décentralisée est un instrument majeur.\n\nBien cordialement,\nMamadou Sene"),
    ]


def test_english_short_forms_and_emphasis():
    post = ("Q1) RLAs should concert with homologues in the North and in the South.\n"
            "Q.2 - Decentralised cooperation depends on the level of decentralisation.\n"
            "**Question 3:** Milano is building a platform with Paris, Barcelona and Dakar.\n"
            "- Answer to question 4: Morocco, through its regional development agencies.")

    assert split_answers(post, QUESTIONS) == [
        (1, "RLAs should concert with homologues in the North and in the South."),
        (2, "Decentralised cooperation depends on the level of decentralisation."),
        (3, "Milano is building a platform with Paris, Barcelona and Dakar."),
        (4, "Morocco, through its regional development agencies."),
    ]


def test_a_marker_naming_several_questions_gives_the_text_to_each():
    post = "Preguntas 1 y 2: La coordinación y el empoderamiento de las autoridades locales."

    assert split_answers(post, QUESTIONS) == [
        (1, "La coordinación y el empoderamiento de las autoridades locales."),
        (2, "La coordinación y el empoderamiento de las autoridades locales."),
    ]


def test_markers_run_together_on_one_line_are_found_after_a_sentence():
    post = ("Processes of mainstreaming migration are underway in Naga City. Question 5: Local actors have to "
            "overcome their perception that they do not have the mandate.")

    assert split_answers(post, QUESTIONS) == [
        (5, "Processes of mainstreaming migration are underway in Naga City.\n\n"
            "Local actors have to overcome their perception that they do not have the mandate."),
    ]


def test_numbered_paragraphs_after_a_greeting_are_answers():
    post = ("Dear M4D colleagues,\n\n"
            "1. Decentralised cooperation should build institutional corridors between North and South.\n\n"
            "2. Coordination depends on whether RLAs are recognised as key cooperation actors.\n\n"
            "4. In Ecuador, the canton of Chunchi treats migration as a cross-cutting theme.")

    parts = split_answers(post, QUESTIONS)

    assert numbers(parts) == [1, 2, 4]
    assert parts[0][1].startswith("Dear M4D colleagues,\n\nDecentralised cooperation")
    assert parts[2][1] == "In Ecuador, the canton of Chunchi treats migration as a cross-cutting theme."


LIST_AFTER_AN_EXPLICIT_QUESTION = (
    "Question 4: The challenges not only for RLAs but also for migrants and advocates\n\n"
    "1. Migrants and their families are not the priority of RLAs since they are not the poorest of the poor;\n\n"
    "2. The majority of RLAs and migrants are not aware of the link between migration and development;\n\n"
    "3. There are none or minimal programs existing which engage the migrants as actors in development.")
LIST_UNDER_A_QUOTED_QUESTION = (
    "Q: What were the main factors and challenges for dealing with migration as a cross-cutting issue?\n\n"
    "1) Local actors have to overcome their perception that they do not have the mandate.\n\n"
    "2) Understanding how exactly migrants' contribution can be harnessed.\n\n"
    "3) Often trust between diaspora actors and local government actors is key.")
LIST_INTRODUCED_BY_A_COLON = (
    "Some of the ways of ensuring success include:\n\n"
    "1. Establishing a regular forum for local government officials and line agencies.\n\n"
    "2. Developing local information sources on population statistics.\n\n"
    "3. Using public spaces as facilitators of engagement with migrant communities.")
LIST_WITH_NUMBERS_THAT_ARE_NOT_QUESTIONS = (
    "Hello,\n\n1. Housing.\n\n2. Language courses.\n\n3. Recognition of diplomas.\n\n4. Jobs.\n\n5. Health.\n\n"
    "6. Schools for the children.")
LIST_OF_CONSECUTIVE_LINES = "Three obstacles stand out\n1. Housing\n2. Language\n3. Recognition of diplomas"
LIST_AFTER_A_LONG_INTRODUCTION = (
    "Atikha assisted the RLAs in Region 4 A, which has the highest number of overseas Filipinos, in addressing the "
    "social cost of migration and in ensuring that remittances contribute to the long term development of the "
    "migrants, their families and communities. What we learned:\n\n1. Start small.\n\n2. Involve the families.")


@pytest.mark.parametrize("post", [LIST_UNDER_A_QUOTED_QUESTION, LIST_INTRODUCED_BY_A_COLON,
                                  LIST_WITH_NUMBERS_THAT_ARE_NOT_QUESTIONS, LIST_OF_CONSECUTIVE_LINES,
                                  LIST_AFTER_A_LONG_INTRODUCTION],
                         ids=["quoted question", "colon", "not question numbers", "consecutive lines",
                              "long introduction"])
def test_a_numbered_list_inside_an_answer_is_not_split(post):
    assert split_answers(post, QUESTIONS) == [(None, post)]


def test_a_numbered_list_after_an_explicit_question_stays_in_that_answer():
    parts = split_answers(LIST_AFTER_AN_EXPLICIT_QUESTION, QUESTIONS)

    assert numbers(parts) == [4]
    assert "1. Migrants and their families" in parts[0][1] and "3. There are none" in parts[0][1]


def test_numbered_paragraphs_that_do_not_rise_are_a_list():
    post = "Hello,\n\n2. Second.\n\n1. First."

    assert split_answers(post, QUESTIONS) == [(None, post)]


def test_a_question_named_in_a_sentence_is_not_a_marker():
    post = ("Question 2 is the hardest one for us.\n"
            "In our experience the question 3 of last week already covered it.")

    assert split_answers(post, QUESTIONS) == [(None, post)]


def test_a_post_naming_no_question_is_one_part():
    post = ("En relación con los factores relacionados con las migraciones, creo que un tema muy importante es "
            "cómo la degradación ambiental afecta a las migraciones.")

    assert split_answers(f"\n{post}\n", QUESTIONS) == [(None, post)]
    assert split_answers("  \n ", QUESTIONS) == []


def test_a_long_introduction_is_a_part_of_its_own():
    introduction = ("I am the executive director of Atikha Overseas Workers and Communities Initiatives. Our project "
                    "on maximising the gains and minimising the social cost of migration in the Philippines was one "
                    "of the projects assisted by the JMDI.")
    post = f"{introduction}\n\nQuestion 4: One Stop Migration Resource Centres for migrants and their families."

    assert split_answers(post, QUESTIONS) == [
        (None, introduction),
        (4, "One Stop Migration Resource Centres for migrants and their families."),
    ]


def test_explicit_numbers_are_kept_even_when_they_are_not_questions():
    parts = split_answers("Question 7: The institutions at the forefront are the regional councils.", QUESTIONS)

    assert parts == [(7, "The institutions at the forefront are the regional councils.")]


def test_arabic_markers_with_arabic_digits():
    post = "السؤال ١: التعاون اللامركزي أداة مهمة.\nالسؤال 2: يجب تنسيق الجهود مع الاستراتيجيات الوطنية."

    assert split_answers(post, QUESTIONS) == [
        (1, "التعاون اللامركزي أداة مهمة."),
        (2, "يجب تنسيق الجهود مع الاستراتيجيات الوطنية."),
    ]


def test_own_words_leave_out_quoted_lines_and_the_signature():
    text = ("Je rejoins Daniel sur ce point.\n> Local actors have to overcome their perception.\n>> older quote\n"
            "Merci.\n-- \nAyad Zarouali\nConsultant au Maroc")

    assert own_words(text) == "Je rejoins Daniel sur ce point.\nMerci."


@pytest.mark.parametrize("subject, expected", [
    ("Re: Question 3", [3]),
    ("Q2 and Q4 - Marco Grandi", [2, 4]),
    ("Réponses aux questions 1, 3 et 5", [1, 3, 5]),
    ("Respuestas - Semana 1", []),
    ("Contribution Ayad Zarouali - Week1", []),
])
def test_question_references_in_a_subject(subject, expected):
    assert question_references(subject) == expected
