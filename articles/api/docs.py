"""The API's root, its schema and its human documentation, served by the site
itself: Swagger UI from drf-spectacular-sidecar's static files (no CDN),
started by a script file of ours, so the page runs under the site's
Content-Security-Policy (scripts from our origin only, no inline script)."""

from django.urls import reverse
from django.views.generic import TemplateView
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularJSONAPIView
from rest_framework.response import Response

from articles.api import params
from articles.api.base import ClientRateThrottle, PublicAPIView
from articles.api.schema import ERRORS, NOT_MODIFIED

# What /api/v1/ lists: name -> URL name in the ``api`` namespace.
ENDPOINTS = {
    "articles": "api:articles",
    "articles_export": "api:export",
    "regions": "api:regions",
    "topics": "api:topics",
    "sources": "api:sources",
    "entities": "api:entities",
    "schema": "api:schema-json",
    "docs": "api:docs",
}


class RootView(PublicAPIView):
    """/api/v1/, the address the README gives: what the API offers, with the
    absolute address of each list and of the documentation."""

    @extend_schema(
        operation_id="root",
        summary="The API's endpoints and documentation",
        responses={200: OpenApiTypes.OBJECT, **NOT_MODIFIED, **ERRORS},
        tags=["about"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def respond(self, request):
        params.check_names(request.GET, ())
        return Response(
            {
                "name": "Warta Industri API",
                "version": "v1",
                "endpoints": {
                    name: request.build_absolute_uri(reverse(url_name))
                    for name, url_name in ENDPOINTS.items()
                },
                "site": request.build_absolute_uri("/"),
            }
        )


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
