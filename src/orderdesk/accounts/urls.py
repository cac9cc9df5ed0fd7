from django.urls import path

from orderdesk.accounts import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile_view, name="profile"),
    path("users/", views.user_list, name="users"),
    path("users/<str:username>/", views.user_update_view, name="user_update"),
    path("api-keys/", views.apikey_list, name="api_keys"),
    path("api-keys/<str:name>/revoke/", views.apikey_revoke_view, name="apikey_revoke"),
]
