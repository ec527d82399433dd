from django.urls import path

from . import views

urlpatterns = [
    path("", views.subscribe, name="news_subscribe"),
    path("check-your-email/", views.subscribe_sent, name="news_subscribe_sent"),
    path("confirm/<str:token>/", views.confirm, name="news_confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="news_unsubscribe"),
]
