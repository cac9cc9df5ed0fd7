from django.urls import path

from orderdesk.exports import schedule_views, views

app_name = "exports"
urlpatterns = [
    path("", views.export_list, name="list"),
    path("<int:job_id>/download/", views.export_download, name="download"),
    path("<int:job_id>/delete/", views.export_delete, name="delete"),
    path("schedules/", schedule_views.schedule_list, name="schedules"),
    path("schedules/<int:schedule_id>/", schedule_views.schedule_detail, name="schedule"),
    path("schedules/<int:schedule_id>/run/", schedule_views.schedule_run_now, name="schedule_run"),
    path(
        "schedules/<int:schedule_id>/delete/",
        schedule_views.schedule_delete_view,
        name="schedule_delete",
    ),
]
