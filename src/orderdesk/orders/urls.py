from django.urls import path

from orderdesk.orders.views import actions, bulk, detail, edit, export, saved
from orderdesk.orders.views import list as list_views

app_name = "orders"
urlpatterns = [
    path("", list_views.order_list, name="list"),
    path("new/", edit.order_create_view, name="create"),
    path("match-count/", list_views.order_match_count, name="match_count"),
    path("bulk/", bulk.order_bulk_view, name="bulk"),
    path("export/", export.order_export, name="export"),
    path("export/selection/", export.order_export_selection, name="export_selection"),
    path("bulk/<int:job_id>/", bulk.order_bulk_job_view, name="bulk_job"),
    path("views/", saved.saved_view_create, name="saved_view_create"),
    path("views/<int:view_id>/delete/", saved.saved_view_delete, name="saved_view_delete"),
    path("<str:code>/", detail.order_detail, name="detail"),
    path("<str:code>/edit/", edit.order_edit_view, name="edit"),
    path("<str:code>/transition/", actions.order_transition_view, name="transition"),
    path("<str:code>/payments/", actions.order_payment_view, name="payment"),
    path("<str:code>/notes/", actions.order_note_view, name="note"),
    path("<str:code>/assign/", actions.order_assign_view, name="assign"),
    path("<str:code>/tags/", actions.order_tags_view, name="tags"),
]
