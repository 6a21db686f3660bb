from django.core.exceptions import BadRequest


def reject_nul_bytes(get_response):
    """Answer 400 to a query string or form holding a NUL character.

    No legitimate parameter contains one, and PostgreSQL refuses them in text, so
    they would otherwise surface as server errors deep in a query.
    """

    def middleware(request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("The request contains a NUL character.")
        return get_response(request)

    return middleware
