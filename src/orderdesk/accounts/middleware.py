"""Staff pages speak the signed-in user's language, whatever the browser asks for.

Runs after AuthenticationMiddleware and overrides what LocaleMiddleware chose from the cookie or
Accept-Language. The API is left alone: it follows Accept-Language (docs/api.md).
"""

from django.utils import translation

from orderdesk.accounts.preferences import SESSION_KEY, user_language


class StaffLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/") and request.user.is_authenticated:
            language = request.session.get(SESSION_KEY)
            if language is None:
                language = request.session[SESSION_KEY] = user_language(request.user)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
