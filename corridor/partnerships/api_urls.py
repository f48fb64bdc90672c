from rest_framework.routers import SimpleRouter

from .api import CorridorViewSet, PartnershipViewSet

# Under /api/v1/ next to the directory's routes, whose DefaultRouter provides the API root.
router = SimpleRouter()
router.register("corridors", CorridorViewSet, basename="corridor")
router.register("partnerships", PartnershipViewSet, basename="partnership")
urlpatterns = router.urls
