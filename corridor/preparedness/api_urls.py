from django.urls import path
from rest_framework.routers import SimpleRouter

from .api import EmergencyContactViewSet, RegisterEntriesView

# Under /api/v1/ next to the directory's routes, whose DefaultRouter provides the API root.
router = SimpleRouter()
router.register("emergency-contacts", EmergencyContactViewSet, basename="emergency-contact")
urlpatterns = [
    *router.urls,
    path("contact-registers/<uuid:uuid>/entries/", RegisterEntriesView.as_view(), name="contact-register-entries"),
]
