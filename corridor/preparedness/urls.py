from django.urls import path

from .views import incidents, planning, public, registers

app_name = "preparedness"
urlpatterns = [
    # Public: emergency contacts, public focal points and plans of a territory.
    path("", public.home, name="home"),
    path("places/<path:territory_path>", public.place, name="place"),
    path("plans/<uuid:uuid>/", planning.plan, name="plan"),
    # A person: register, see/correct/withdraw their entry, answer a check-in (signed links, no account).
    path("join/<uuid:uuid>/", public.join, name="join"),
    path("me/<str:token>/", public.me, name="me"),
    path("me/<str:token>/confirm/", public.me_confirm, name="me-confirm"),
    path("me/<str:token>/withdraw/", public.me_withdraw, name="me-withdraw"),
    path("answer/<str:token>/", public.answer, name="answer"),
    # An organisation's members.
    path("organisations/<uuid:uuid>/", registers.organisation, name="organisation"),
    path("organisations/<uuid:uuid>/localities/", registers.locality_add, name="locality-add"),
    path("organisations/<uuid:uuid>/localities/<int:pk>/delete/", registers.locality_delete, name="locality-delete"),
    path("organisations/<uuid:uuid>/focal-points/new/", registers.focal_point_edit, name="focal-point-new"),
    path("organisations/<uuid:uuid>/focal-points/<int:pk>/", registers.focal_point_edit, name="focal-point"),
    path("organisations/<uuid:organisation_uuid>/registers/new/", registers.register_edit, name="register-new"),
    path("organisations/<uuid:organisation_uuid>/plans/new/", planning.plan_edit, name="plan-new"),
    path("registers/<uuid:uuid>/", registers.register, name="register"),
    path("registers/<uuid:uuid>/edit/", registers.register_edit, name="register-edit"),
    path("registers/<uuid:uuid>/qr.svg", registers.join_qr, name="join-qr"),
    path("registers/<uuid:uuid>/entries/", registers.entries, name="entries"),
    path("registers/<uuid:uuid>/entries/new/", registers.entry_new, name="entry-new"),
    path("registers/<uuid:uuid>/entries/<uuid:entry_uuid>/", registers.entry, name="entry"),
    path("registers/<uuid:uuid>/entries/<uuid:entry_uuid>/link/", registers.entry_send_link, name="entry-link"),
    path("registers/<uuid:uuid>/entries/<uuid:entry_uuid>/delete/", registers.entry_delete, name="entry-delete"),
    path("registers/<uuid:uuid>/register.csv", registers.export, name="export"),
    path("registers/<uuid:uuid>/incidents/new/", incidents.incident_new, name="incident-new"),
    path("incidents/<uuid:uuid>/", incidents.incident, name="incident"),
    path("incidents/<uuid:uuid>/tally/", incidents.tally, name="tally"),
    path("incidents/<uuid:uuid>/send/", incidents.send, name="send"),
    path("incidents/<uuid:uuid>/status/", incidents.status, name="incident-status"),
    path("incidents/<uuid:uuid>/people/", incidents.people, name="people"),
    path("incidents/<uuid:uuid>/people/<uuid:checkin_uuid>/", incidents.record_answer, name="record-answer"),
    path("incidents/<uuid:uuid>/needs-help.csv", incidents.needs_help_export, name="needs-help-export"),
    # Territory administrators and plan editors.
    path("territories/<int:territory_id>/contacts/new/", planning.emergency_contact_edit, name="contact-new"),
    path("contacts/<int:pk>/", planning.emergency_contact_edit, name="contact"),
    path("territories/<int:territory_id>/plans/new/", planning.plan_edit, name="territory-plan-new"),
    path("plans/<uuid:uuid>/edit/", planning.plan_edit, name="plan-edit"),
    path("plan-tasks/<int:pk>/status/", planning.task_status, name="task-status"),
]
