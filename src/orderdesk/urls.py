from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from orderdesk.api.main import api
from orderdesk.consultations.views import public as public_requests

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="orders:list", permanent=False), name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),  # set_language: the public form's switch
    path("orders/", include("orderdesk.orders.urls")),
    path("settings/", include("orderdesk.accounts.urls")),
    path("consultations/", include("orderdesk.consultations.urls")),
    path("exports/", include("orderdesk.exports.urls")),
    path("reconciliation/", include("orderdesk.reconciliation.urls")),
    path("reports/", include("orderdesk.reports.urls")),
    path("request/", public_requests.request_form, name="request_form"),
    path("request/thanks/", public_requests.request_thanks, name="request_thanks"),
    path("request/embed/", public_requests.request_embed, name="request_embed"),
    path(
        "request/embed/thanks/", public_requests.request_embed_thanks, name="request_embed_thanks"
    ),
]
