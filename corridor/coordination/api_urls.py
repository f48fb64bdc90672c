from rest_framework.routers import SimpleRouter

from .api import InitiativeViewSet

# Under /api/v1/ next to the directory's routes, whose DefaultRouter provides the API root.
router = SimpleRouter()
router.register("initiatives", InitiativeViewSet, basename="initiative")
urlpatterns = router.urls
