from django.shortcuts import render

from feedback import conf
from feedback.figures import cached_figures, chart


def figures(request):
    data = cached_figures()
    return render(
        request,
        "feedback/figures_page.html",
        {
            **data,
            "chart": chart(data["months"]),
            "accept_days": conf.get("FEEDBACK_ACCEPT_WORKING_DAYS"),
            "reply_days": conf.get("FEEDBACK_REPLY_WORKING_DAYS"),
            "auto_close_days": conf.get("FEEDBACK_AUTO_CLOSE_DAYS"),
        },
    )
