from django.urls import path

from orderdesk.orders import views

app_name = "orders"
urlpatterns = [
    path("", views.order_list, name="list"),
    path("<str:code>/", views.order_detail, name="detail"),
]
