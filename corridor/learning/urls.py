from django.urls import path

from . import views

app_name = "learning"
urlpatterns = [
    path("", views.module_list, name="list"),
    path("import/", views.import_module, name="import"),  # "import" cannot be a module's slug
    path("<slug:slug>/", views.module_detail, name="module"),
    path("<slug:slug>/enrol/", views.enrol, name="enrol"),
    path("<slug:slug>/module.pdf", views.download_pdf, name="pdf"),
    path("<slug:slug>/topics/<int:number>/", views.topic_detail, name="topic"),
    path("<slug:slug>/topics/<int:number>/read/", views.mark_read, name="read"),
    path("<slug:slug>/topics/<int:number>/points/<int:point>/answer/", views.answer, name="answer"),
    path("<slug:slug>/cohorts/<int:pk>/", views.cohort_detail, name="cohort"),
]
