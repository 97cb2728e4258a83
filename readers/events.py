"""What the operations log (commentlog) records of verification and
consent. Until that app is installed these do nothing."""


def verified(request, reader, *, consents=()):
    return None


def nickname_set(request, reader):
    return None


def consented(request, reader, consents):
    return None


def submitted(request, reader, item):
    return None
