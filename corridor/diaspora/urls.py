from django.urls import path

from .views import manage, people, pledging, public

app_name = "diaspora"
urlpatterns = [
    # What everyone reads.
    path("", public.project_list, name="projects"),
    path("priorities/", public.priority_list, name="priorities"),
    path("projects/<uuid:uuid>/", public.project_detail, name="project"),
    # Members of the diaspora: registration, the signed link, their profile.
    path("register/", people.register, name="register"),
    path("register/sent/", people.link_sent, name="link-sent"),
    path("link/", people.link_request, name="link-request"),
    path("access/<str:token>/", people.access_link, name="access"),
    path("me/", people.me, name="me"),
    path("me/edit/", people.edit, name="me-edit"),
    path("me/data.json", people.data, name="me-data"),
    path("me/close-links/", people.close_links, name="me-close-links"),
    path("me/withdraw/", people.withdraw, name="me-withdraw"),
    path("me/sign-out/", people.sign_out, name="me-sign-out"),
    path("associations/register/", people.association_register, name="association-register"),
    path("associations/<uuid:uuid>/", people.association, name="association"),
    path("associations/<uuid:uuid>/edit/", people.association_edit, name="association-edit"),
    path("associations/<uuid:uuid>/withdraw/", people.association_withdraw, name="association-withdraw"),
    # Pledges and their follow-up.
    path("projects/<uuid:uuid>/pledge/", pledging.pledge_create, name="pledge-create"),
    path("pledges/<uuid:uuid>/", pledging.pledge_detail, name="pledge"),
    path("pledges/<uuid:uuid>/step/", pledging.pledge_step, name="pledge-step"),
    path("pledges/<uuid:uuid>/withdraw/", pledging.pledge_withdraw, name="pledge-withdraw"),
    # The territory's side.
    path("manage/", manage.home, name="manage"),
    path("manage/priorities/new/", manage.priority_create, name="priority-create"),
    path("priorities/<uuid:uuid>/edit/", manage.priority_edit, name="priority-edit"),
    path("priorities/<uuid:uuid>/delete/", manage.priority_delete, name="priority-delete"),
    path("manage/projects/new/", manage.project_create, name="project-create"),
    path("projects/<uuid:uuid>/edit/", manage.project_edit, name="project-edit"),
    path("projects/<uuid:uuid>/delete/", manage.project_delete, name="project-delete"),
    path("projects/<uuid:uuid>/people/", manage.people, name="project-people"),
    path("projects/<uuid:uuid>/people/<uuid:profile>/contact/", manage.contact, name="contact"),
]
