from django.urls import path

from .views import detail, lists, new, territory

app_name = "referrals"
urlpatterns = [
    path("", lists.home, name="home"),
    # An organisation's members.
    path("organisations/<uuid:uuid>/inbox/", lists.box, {"which": lists.INBOX}, name="inbox"),
    path("organisations/<uuid:uuid>/outbox/", lists.box, {"which": lists.OUTBOX}, name="outbox"),
    path("organisations/<uuid:uuid>/new/", new.new, name="new"),
    # The two organisations of a referral.
    path("<uuid:uuid>/", detail.detail, name="detail"),
    path("<uuid:uuid>/steps/<str:action>/", detail.act, name="act"),
    path("<uuid:uuid>/withdraw-consent/", detail.withdraw_consent, name="withdraw-consent"),
    # Territory administrators.
    path("pathways/", territory.pathway_list, name="pathways"),
    path("pathways/new/", territory.pathway_edit, name="pathway-new"),
    path("pathways/<uuid:uuid>/", territory.pathway_edit, name="pathway-edit"),
    path("pathways/<uuid:uuid>/delete/", territory.pathway_delete, name="pathway-delete"),
    path("statistics/", territory.statistics_page, name="statistics"),
]
