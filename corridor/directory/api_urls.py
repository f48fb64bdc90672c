from rest_framework.routers import DefaultRouter

from corridor.territories.api import TerritoryViewSet

from .api import OrganisationViewSet, ServiceViewSet, TaxonomyViewSet

router = DefaultRouter()
router.register("territories", TerritoryViewSet)
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("services", ServiceViewSet, basename="service")
router.register("taxonomy", TaxonomyViewSet, basename="taxonomy")
urlpatterns = router.urls
