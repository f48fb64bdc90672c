"""The demo loads on top of the directory's, twice without duplicating anything, with a project of each kind."""
from decimal import Decimal

from corridor.diaspora import demo, matching, pledges
from corridor.diaspora.models import DiasporaProfile, Pledge, PledgeEvent, Priority, Project
from corridor.directory import demo as directory_demo


def test_demo_is_coherent_and_idempotent(db):
    directory_demo.load()
    projects = demo.load()
    counts = [model.objects.count() for model in (Priority, Project, DiasporaProfile, Pledge, PledgeEvent)]
    demo.load()
    assert [model.objects.count() for model in (Priority, Project, DiasporaProfile, Pledge, PledgeEvent)] == counts
    assert counts == [4, 6, 5, 5, 12]
    assert {project.kind for project in projects.values()} == {"investment", "philanthropy", "volunteering",
                                                              "skills-transfer"}
    xof, eur = pledges.totals(projects["maternity"]).money
    assert (xof.fulfilled, eur.committed) == (Decimal(2_500_000), Decimal(400))
    moussa = DiasporaProfile.objects.get(display_name="Moussa D.")
    public = [p for p in projects.values() if p.accepts_pledges()]
    assert [(project, match.score) for project, match in matching.suggested_projects(moussa, public)][:2] == [
        (projects["holidays"], 100), (projects["cadastre"], 90)]  # the land register wants law too: 3 of 4 skills
