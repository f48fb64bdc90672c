from rest_framework.routers import SimpleRouter

from .api import PriorityViewSet, ProjectViewSet

# Under /api/v1/ next to the directory's routes, whose DefaultRouter provides the API root.
router = SimpleRouter()
router.register("diaspora/priorities", PriorityViewSet, basename="diaspora-priority")
router.register("diaspora/projects", ProjectViewSet, basename="diaspora-project")
urlpatterns = router.urls
