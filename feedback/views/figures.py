from django.shortcuts import render

from feedback.figures import cached_figures, chart


def figures(request):
    data = cached_figures()
    return render(
        request,
        "feedback/figures_page.html",
        {**data, "chart": chart(data["months"])},
    )
