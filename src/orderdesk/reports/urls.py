from django.urls import path

from orderdesk.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_page, name="page"),
    path("<slug:slug>.csv", views.report_table_csv, name="csv"),
]
