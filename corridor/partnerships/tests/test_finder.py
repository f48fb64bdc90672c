"""The partner finder's ranking on facts whose scores are computed by hand, then on the database."""
from decimal import Decimal

from corridor.partnerships import finder
from corridor.partnerships.finder import Facts, Own
from corridor.partnerships.models import Corridor, CorridorFigure, Partnership, PartnershipSide

OWN = Own("Lausanne", frozenset({"education", "health", "governance", "housing"}), organisations=10)
PRISTINA = Facts("Pristina", figures={"diaspora": (2024, 2000), "flow": (2024, 100), "remittances": (2024, 20_000_000)},
                 sectors=frozenset({"education", "governance", "agriculture"}), organisations=4,
                 associations=("Fédération", "Shoqata"), together=("MoU Lausanne–Pristina",))
PORTO = Facts("Porto", figures={"diaspora": (2024, 10000), "flow": (2024, 400), "remittances": (2024, 40_000_000)},
              organisations=8, associations=("Centro Lusitano",), elsewhere=2)
DAKAR = Facts("Dakar", figures={"diaspora": (2023, 1000)},
              sectors=frozenset({"health", "housing", "education", "governance"}))


def points(candidate) -> dict:
    return {component.code: component.points for component in candidate.components}


def test_candidates_are_ranked_by_the_sum_of_the_four_components():
    ranked = finder.rank(OWN, [PRISTINA, DAKAR, PORTO])
    assert [(c.rank, c.facts.territory, c.score) for c in ranked] == [
        (1, "Porto", Decimal("63.8")), (2, "Pristina", Decimal("54.0")), (3, "Dakar", Decimal("26.3"))]
    porto, pristina, dakar = ranked
    # Porto: the strongest corridor of each kind (40); no sectors recorded (0); 8 of 8 organisations and 1 of 2
    # associations (25 × 0.75 = 18.75, 18.8); partnerships elsewhere only (5).
    assert points(porto) == {"corridor": Decimal("40.0"), "sectors": Decimal("0.0"), "actors": Decimal("18.8"),
                             "partnerships": Decimal("5.0")}
    # Pristina: 40 × (0.2 + 0.25 + 0.5) / 3 = 12.67; 2 of 4 sectors; 4 of 8 organisations and 2 of 2 associations;
    # a partnership together.
    assert points(pristina) == {"corridor": Decimal("12.7"), "sectors": Decimal("12.5"), "actors": Decimal("18.8"),
                                "partnerships": Decimal("10.0")}
    # Dakar: only a diaspora of 1000 of 10000 (40 × 0.1 / 3 = 1.33); all 4 sectors; no actor; no partnership.
    assert points(dakar) == {"corridor": Decimal("1.3"), "sectors": Decimal("25.0"), "actors": Decimal("0.0"),
                             "partnerships": Decimal("0.0")}


def test_each_component_is_explained_in_words_and_numbers():
    pristina = next(c for c in finder.rank(OWN, [PRISTINA, DAKAR, PORTO]) if c.facts.territory == "Pristina")
    corridor, sectors, actors, partnerships = pristina.components
    assert corridor.maximum == 40 and sectors.maximum == 25 and actors.maximum == 25 and partnerships.maximum == 10
    assert corridor.details == (
        "Diaspora (people): 2,000 in 2024, 20% of the highest among the candidates.",
        "Arrivals in the year (people): 100 in 2024, 25% of the highest among the candidates.",
        "Remittances sent home (US dollars): $20,000,000 in 2024, 50% of the highest among the candidates.")
    assert sectors.details == ("2 of your 4 sectors of interest are also theirs: Education, Governance and "
                               "participation.",)
    assert actors.details[0] == "4 organisations of the directory in Pristina, 50% of the most among the candidates."
    assert actors.details[1].startswith("2 diaspora associations active on the corridor (Fédération, Shoqata), 100%")
    assert actors.details[2] == "On your side: 10 organisations of the directory."
    assert partnerships.details == ("A partnership already links you: “MoU Lausanne–Pristina”.",)
    dakar = next(c for c in finder.rank(OWN, [PRISTINA, DAKAR, PORTO]) if c.facts.territory == "Dakar")
    assert "Arrivals in the year (people): not recorded, counts as 0." in dakar.components[0].details


def test_without_own_sectors_the_sectors_give_nothing_and_say_why():
    ranked = finder.rank(Own("Lausanne"), [DAKAR])
    assert ranked[0].components[1].points == Decimal("0.0")
    assert ranked[0].components[1].details == (
        "Your territory has not recorded its sectors of interest: record them to compare.",)


def test_equal_scores_share_a_rank_and_are_ordered_by_name():
    twin = Facts("Braga", figures=PORTO.figures, organisations=8, associations=("Centro Lusitano",), elsewhere=2)
    ranked = finder.rank(OWN, [PORTO, twin, DAKAR])
    assert [(c.rank, c.facts.territory) for c in ranked] == [(1, "Braga"), (1, "Porto"), (3, "Dakar")]


def test_facts_are_read_from_corridors_interests_directory_and_partnerships(world, corridor):
    # The opposite corridor adds its people to the same latest year; an ended partnership does not count.
    back = Corridor.objects.create(origin=world["lausanne"], destination=world["pristina"])
    CorridorFigure.objects.create(corridor=back, year=2024, kind="diaspora", value=50, source="Register (test)")
    portugal = Corridor.objects.create(origin=world["portugal"], destination=world["lausanne"])
    CorridorFigure.objects.create(corridor=portugal, year=2024, kind="diaspora", value=11080, source="Register (test)")
    together = Partnership.objects.create(title="Lausanne–Pristina", stage="drafting")
    ended = Partnership.objects.create(title="Old twinning", stage="ended")
    elsewhere = Partnership.objects.create(title="Pristina–Tirana", stage="implementation")
    for partnership, territories in ((together, ("lausanne", "pristina")), (ended, ("lausanne", "portugal")),
                                     (elsewhere, ("pristina", "geneva"))):
        for name in territories:
            PartnershipSide.objects.create(partnership=partnership, territory=world[name])

    own, ranked = finder.find_partners(world["lausanne"])

    assert own.sectors == {"education", "health", "governance"} and own.organisations == 3  # 2 fixtures + association
    facts = {candidate.facts.territory.slug: candidate.facts for candidate in ranked}
    assert facts["pristina"].figures == {"diaspora": (2024, Decimal(2000)), "flow": (2024, Decimal(105)),
                                         "remittances": (2024, Decimal(25_600_000))}
    assert facts["pristina"].associations == ("Shoqata e kosovarëve",)
    assert facts["pristina"].organisations == 1
    assert facts["pristina"].together == ("Lausanne–Pristina",) and facts["pristina"].elsewhere == 1
    assert facts["pt"].together == () and facts["pt"].elsewhere == 0
    # Pristina: 40 × (2000/11080 + 1 + 1) / 3 = 29.1; 2 of 3 sectors = 16.7; 25; 10.
    # Portugal: 40 × 1 / 3 = 13.3; no sectors; no actor; nothing.
    assert [(c.facts.territory.slug, c.score) for c in ranked] == [("pristina", Decimal("80.8")),
                                                                  ("pt", Decimal("13.3"))]
