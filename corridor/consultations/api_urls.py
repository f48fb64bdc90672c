from rest_framework.routers import SimpleRouter

from .api import ConsultationViewSet

# Under /api/v1/ next to the directory's routes, whose DefaultRouter provides the API root.
router = SimpleRouter()
router.register("consultations", ConsultationViewSet, basename="consultation")
urlpatterns = router.urls
