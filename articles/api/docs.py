"""The schema and the human documentation, served by the site itself: Swagger
UI from drf-spectacular-sidecar's static files (no CDN), started by a script
file of ours, so the page runs under the site's Content-Security-Policy
(scripts from our origin only, no inline script)."""

from django.urls import reverse
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView, SpectacularJSONAPIView

from articles.api.base import ClientRateThrottle


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema, YAML (or JSON when the client accepts only that)."""

    throttle_classes = [ClientRateThrottle]
    http_method_names = ["get", "head", "options"]


class JSONSchemaView(SpectacularJSONAPIView):
    throttle_classes = [ClientRateThrottle]
    http_method_names = ["get", "head", "options"]


class DocsView(TemplateView):
    template_name = "api/docs.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(schema_url=reverse("api:schema-json"), **kwargs)
