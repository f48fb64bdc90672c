from django.urls import path

from .views import calls, coverage, gaps, initiatives, needs, overlaps

app_name = "coordination"
urlpatterns = [
    # Who does what, where and for whom: the coverage matrix, the gaps, the overlaps.
    path("coverage/", coverage.matrix, name="coverage"),
    path("coverage/cell/", coverage.cell, name="coverage-cell"),
    path("coverage.csv", coverage.matrix_csv, name="coverage-csv"),
    path("briefing.pdf", coverage.briefing_pdf, name="briefing"),
    path("gaps/", gaps.gap_list, name="gaps"),
    path("gaps.csv", gaps.gap_csv, name="gaps-csv"),
    path("needs/", needs.need_list, name="needs"),
    path("needs/new/", needs.need_create, name="need-create"),
    path("needs/<uuid:uuid>/edit/", needs.need_edit, name="need-edit"),
    path("needs/<uuid:uuid>/delete/", needs.need_delete, name="need-delete"),
    path("overlaps/", overlaps.overlap_list, name="overlaps"),
    path("overlaps/reviewed/", overlaps.overlap_reviews, name="overlap-reviews"),
    path("overlaps/reviewed/<int:pk>/reopen/", overlaps.overlap_reopen, name="overlap-reopen"),
    path("overlaps.csv", overlaps.overlap_csv, name="overlaps-csv"),
    # Initiatives: who runs and funds what, with their results; exchanged as IATI XML and CSV.
    path("initiatives/", initiatives.initiative_list, name="initiatives"),
    path("initiatives/new/", initiatives.create, name="initiative-create"),
    path("initiatives/import/", initiatives.import_file, name="initiatives-import"),
    path("initiatives.csv", initiatives.export_csv, name="initiatives-csv"),
    path("initiatives.xml", initiatives.export_iati, name="initiatives-iati"),
    path("initiatives/<uuid:uuid>/", initiatives.detail, name="initiative"),
    path("initiatives/<uuid:uuid>/edit/", initiatives.edit, name="initiative-edit"),
    path("initiatives/<uuid:uuid>/delete/", initiatives.delete, name="initiative-delete"),
    path("initiatives/<uuid:uuid>/iati.xml", initiatives.initiative_iati, name="initiative-iati"),
    # Calls for proposals, proposals, reviews and decisions.
    path("calls/", calls.call_list, name="calls"),
    path("calls/new/", calls.create, name="call-create"),
    path("calls/<uuid:uuid>/", calls.detail, name="call"),
    path("calls/<uuid:uuid>/edit/", calls.edit, name="call-edit"),
    path("calls/<uuid:uuid>/open/", calls.open_call, name="call-open"),
    path("calls/<uuid:uuid>/reviewers/", calls.reviewers, name="call-reviewers"),
    path("calls/<uuid:uuid>/ranking/", calls.ranking, name="call-ranking"),
    path("calls/<uuid:uuid>/propose/", calls.propose, name="proposal-create"),
    path("proposals/<uuid:uuid>/", calls.proposal_detail, name="proposal"),
    path("proposals/<uuid:uuid>/edit/", calls.proposal_edit, name="proposal-edit"),
    path("proposals/<uuid:uuid>/submit/", calls.proposal_submit, name="proposal-submit"),
    path("proposals/<uuid:uuid>/delete/", calls.proposal_delete, name="proposal-delete"),
    path("proposals/<uuid:uuid>/review/", calls.review, name="proposal-review"),
    path("proposals/<uuid:uuid>/decide/", calls.decide, name="proposal-decide"),
]
