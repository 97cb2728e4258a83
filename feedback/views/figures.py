from django.conf import settings
from django.shortcuts import render

from feedback.figures import cached_figures, chart


def figures(request):
    data = cached_figures()
    return render(
        request,
        "feedback/figures_page.html",
        {
            **data,
            "chart": chart(data["months"]),
            "accept_days": settings.FEEDBACK_ACCEPT_WORKING_DAYS,
            "reply_days": settings.FEEDBACK_REPLY_WORKING_DAYS,
            "auto_close_days": settings.FEEDBACK_AUTO_CLOSE_DAYS,
        },
    )
