"""Which page types keep a record, and what each entry says about a page.

`record` sits below the page apps and knows none of their models: an app
registers a metadata function for a page model, from its AppConfig.ready():

    registry.register(ArticlePage, article_metadata)

fn(page) returns a dict merged into the entry's metadata (only what a reader
is shown: title, bylines, body text…; strings, numbers, lists and dicts, as
they hash the same way after a round trip through the database). A model
with at least one function is recorded: each publication of one of its pages
is archived (record/signal_handlers.py), and other apps archive their own
events with record.archive.archive()."""

_functions: dict[type, list] = {}


def register(model, metadata) -> None:
    functions = _functions.setdefault(model, [])
    if metadata not in functions:
        functions.append(metadata)


def is_recorded(page) -> bool:
    return any(isinstance(page, model) for model in _functions)


def metadata_for(page) -> dict:
    data = {}
    for model, functions in _functions.items():
        if isinstance(page, model):
            for metadata in functions:
                data.update(metadata(page))
    return data


def recorded_models() -> list[type]:
    return list(_functions)
