from rest_framework.routers import SimpleRouter

from .api import ModuleViewSet

# Under /api/v1/ next to the directory's routes, whose DefaultRouter provides the API root.
router = SimpleRouter()
router.register("learning/modules", ModuleViewSet, basename="learning-module")
urlpatterns = router.urls
