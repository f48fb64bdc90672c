"""A small module of two topics and three points for reflection, imported from Markdown, with two
published case studies and a draft one; learners and a facilitator around it."""
import textwrap

import pytest
from django.contrib.auth import get_user_model

from corridor.learning import markdown_import
from corridor.library.models import GoodPractice

MODULE = """\
---
slug: welcome-services
title: Welcoming newcomers
language: en
status: published
---
How a *municipality* welcomes the people who arrive.
"""
MODULE_FR = """\
---
title: Accueillir les nouveaux arrivants
---
Comment une commune accueille les personnes qui arrivent.
"""
TOPIC_1 = """\
---
title: Information on arrival
order: 1
phase: destination
objectives:
  - Describe what newcomers need to know.
  - Name who can tell them.
case_studies:
  - Multilingual phone line
points_for_reflection:
  - question: Which information do newcomers miss in your town?
    guidance: Think of the first three weeks.
  - Who could give it in their languages?
key_learning_points:
  - Information in the languages people speak.
---
Newcomers get lost among offices.

## Sessions and packs

Regular **sessions** and packs help.

### In practice

- a portal
- a phone line

## Involving diasporas

Associations know what is missing.
"""
TOPIC_1_FR = """\
---
title: L'information à l'arrivée
points_for_reflection:
  - question: Quelles informations manquent aux nouveaux arrivants dans votre ville ?
    guidance: Pensez aux trois premières semaines.
  - Qui pourrait les donner dans leurs langues ?
---
Les nouveaux arrivants se perdent entre les guichets.

## Séances et dossiers

Des **séances** régulières aident.

## Associer les diasporas

Les associations savent ce qui manque.
"""
TOPIC_2 = """\
---
title: Language courses
order: 2
case_studies:
  - {practice}
  - Multilingual phone line
points_for_reflection:
  - Who is left out of language courses where you live?
---
Affordable courses open every other door.
"""


def module_files(**overrides) -> dict[str, bytes]:
    """The module's files by name; an override of None leaves a file out."""
    files = {"module.md": MODULE, "module.fr.md": MODULE_FR, "01-arrival.md": TOPIC_1, "01-arrival.fr.md": TOPIC_1_FR,
             "02-language.md": TOPIC_2.format(practice=GoodPractice.objects.get(title="Language map").uuid)}
    files.update(overrides)
    return {name: textwrap.dedent(text).encode() for name, text in files.items() if text is not None}


@pytest.fixture
def practices(db):
    return {
        "phone": GoodPractice.objects.create(title="Multilingual phone line", status=GoodPractice.Status.PUBLISHED,
                                             region="Lombardy", country_code="IT",
                                             activities="A free line answering in eight languages.",
                                             translations={"fr": {"title": "Ligne téléphonique multilingue"}}),
        "map": GoodPractice.objects.create(title="Language map", status=GoodPractice.Status.PUBLISHED,
                                           objectives="Show every language course of the city on a map."),
        "draft": GoodPractice.objects.create(title="Draft practice"),
    }


@pytest.fixture
def module(practices):
    return markdown_import.import_files(module_files())


@pytest.fixture
def people(users):
    """Two learners, a facilitator and someone else, besides the shared roles."""
    User = get_user_model()
    return {name: User.objects.create_user(name, f"{name}@example.org", f"pw-{name}-123")
            for name in ("amina", "bruno", "chloe", "facilitator", "outsider")} | users
