from django.urls import path

from orderdesk.consultations.views import staff as views

app_name = "consultations"
urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("<str:code>/", views.consultation_detail, name="detail"),
]
