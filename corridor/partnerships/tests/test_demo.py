"""The demo loads on top of the directory's, and loading it again changes nothing."""
from corridor.directory import demo as directory_demo
from corridor.partnerships import agreement, demo, finder, lifecycle, risks
from corridor.partnerships.models import Corridor, CorridorFigure, Partnership, StageDocument, StageRecord
from corridor.territories.models import Territory


def test_the_demo_is_idempotent_and_shows_a_draft_with_gaps_and_risks(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    directory_demo.load()
    demo.load()
    counts = [model.objects.count() for model in (Corridor, CorridorFigure, Partnership, StageRecord, StageDocument)]
    demo.load()
    assert [model.objects.count() for model in (Corridor, CorridorFigure, Partnership, StageRecord,
                                                StageDocument)] == counts == [6, 41, 4, 14, 1]
    draft = lifecycle.with_details(Partnership.objects.all()).get(title__contains="Lausanne and Pristina")
    assert draft.stage == "drafting" and not draft.is_final
    assert [element.code for element in agreement.missing(draft)] == ["actions", "coherence", "sdgs", "budget"]
    assert [(risk.code, risk.side.territory.slug) for risk in risks.risks(draft)] == [
        ("single-person", "pristina"), ("no-mandate", "pristina")]
    signed = Partnership.objects.filter(stage="implementation")
    assert signed.count() == 2 and all(partnership.is_final for partnership in signed)
    _own, ranked = finder.find_partners(Territory.objects.get(path="ch/vaud/lausanne/"))
    assert [candidate.facts.territory.slug for candidate in ranked] == ["pristina", "pt"]
