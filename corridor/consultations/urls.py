from django.urls import path

from .views import moderate, organise, public, reports

app_name = "consultations"
urlpatterns = [
    # Organisers' own pages come first: "organise" and "unsubscribe" cannot be short names (forms.RESERVED_SLUGS).
    path("organise/", organise.my_consultations, name="mine"),
    path("organise/new/", organise.create, name="create"),
    path("unsubscribe/<str:token>/", public.unsubscribe, name="unsubscribe"),
    # What participants read and do.
    path("", public.consultation_list, name="list"),
    path("<slug:slug>/", public.consultation_detail, name="detail"),
    path("<slug:slug>/contribute/", public.contribute, name="contribute"),
    path("<slug:slug>/follow/", public.follow, name="follow"),
    path("<slug:slug>/contributions/<uuid:uuid>/", public.contribution_detail, name="contribution"),
    path("<slug:slug>/contributions/<uuid:uuid>/reply/", public.contribute, name="reply"),
    path("<slug:slug>/contributions/<uuid:uuid>/sent/", public.contributed, name="contributed"),
    path("<slug:slug>/contributions/<uuid:uuid>/attachments/<int:pk>/", public.attachment, name="attachment"),
    path("<slug:slug>/report/", public.report, name="report"),
    path("<slug:slug>/reports/<uuid:uuid>/download.<str:fmt>", reports.download, name="report-download"),
    # Organising a consultation.
    path("<slug:slug>/organise/settings/", organise.edit, name="edit"),
    path("<slug:slug>/organise/questions/", organise.questions, name="questions"),
    path("<slug:slug>/organise/status/", organise.change_status, name="status"),
    path("<slug:slug>/organise/invitations/", organise.invite, name="invite"),
    # Moderation.
    path("<slug:slug>/organise/moderation/", moderate.queue, name="moderation"),
    path("<slug:slug>/organise/moderation/publish/", moderate.publish_selected, name="publish-selected"),
    path("<slug:slug>/organise/moderation/<uuid:uuid>/publish/", moderate.publish, name="publish"),
    path("<slug:slug>/organise/moderation/<uuid:uuid>/reject/", moderate.reject, name="reject"),
    path("<slug:slug>/organise/moderation/<uuid:uuid>/language/", moderate.correct_language,
         name="correct-language"),
    path("<slug:slug>/organise/moderation/answers/<int:pk>/", moderate.reassign_answer, name="reassign-answer"),
    # The consolidated report.
    path("<slug:slug>/organise/reports/", reports.reports, name="reports"),
    path("<slug:slug>/organise/reports/<uuid:uuid>/", reports.review, name="report-review"),
    path("<slug:slug>/organise/reports/<uuid:uuid>/edit/", reports.edit, name="report-edit"),
    path("<slug:slug>/organise/reports/<uuid:uuid>/publish/", reports.publish, name="report-publish"),
    path("<slug:slug>/organise/reports/<uuid:uuid>/candidates/<int:pk>/accept/", reports.accept_candidate,
         name="candidate-accept"),
    path("<slug:slug>/organise/reports/<uuid:uuid>/candidates/<int:pk>/dismiss/", reports.dismiss_candidate,
         name="candidate-dismiss"),
]
