from django.urls import path

from orderdesk.consultations.views import actions, bulk, staff

app_name = "consultations"
urlpatterns = [
    path("", staff.consultation_list, name="list"),
    path("bulk/", bulk.consultation_bulk_view, name="bulk"),
    path("export/", bulk.consultation_export, name="export"),
    path("export/selection/", bulk.consultation_export_selection, name="export_selection"),
    path("<str:code>/", staff.consultation_detail, name="detail"),
    path("<str:code>/take/", actions.consultation_take_view, name="take"),
    path("<str:code>/assign/", actions.consultation_assign_view, name="assign"),
    path("<str:code>/move/", actions.consultation_move_view, name="move"),
    path("<str:code>/notes/", actions.consultation_note_view, name="note"),
    path("<str:code>/follow-up/", actions.consultation_follow_up_view, name="follow_up"),
    path("<str:code>/convert/", actions.consultation_convert_view, name="convert"),
]
