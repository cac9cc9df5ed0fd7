from django.urls import path

from orderdesk.reconciliation import views

app_name = "reconciliation"
urlpatterns = [
    path("", views.reconciliation_home, name="home"),
    path("profiles/", views.profile_list_view, name="profiles"),
    path("profiles/<int:profile_id>/", views.profile_edit_view, name="profile_edit"),
    path("<int:statement_id>/", views.statement_detail, name="statement"),
    path("<int:statement_id>/confirm/", views.statement_confirm_view, name="confirm"),
    path("<int:statement_id>/rematch/", views.statement_rematch_view, name="rematch"),
    path("<int:statement_id>/discard/", views.statement_discard_view, name="discard"),
    path("<int:statement_id>/export/", views.statement_export, name="export"),
]
