from rest_framework.routers import SimpleRouter

from .api import ProfileTemplateViewSet, ProfileViewSet

# Under /api/v1/ next to the directory's routes, whose DefaultRouter provides the API root.
router = SimpleRouter()
router.register("profiles", ProfileViewSet, basename="profile")
router.register("profile-templates", ProfileTemplateViewSet, basename="profile-template")
urlpatterns = router.urls
