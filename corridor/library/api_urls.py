from rest_framework.routers import SimpleRouter

from .api import PracticeViewSet

# Under /api/v1/ next to the directory's routes, whose DefaultRouter provides the API root.
router = SimpleRouter()
router.register("practices", PracticeViewSet, basename="practice")
urlpatterns = router.urls
