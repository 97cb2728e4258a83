"""gunicorn's access log as one JSON object a line (deploy/gunicorn.conf.py).

gunicorn's own access_log_format does not escape what it fills in, so a
quote in a User-Agent would break a JSON template: build the line here."""

import json
import time

from gunicorn.glogging import Logger


def access_record(atoms: dict, environ: dict, request_time) -> dict:
    status = atoms.get("s", "-")
    return {
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "level": "INFO",
        "logger": "gunicorn.access",
        "remote": environ.get("HTTP_X_REAL_IP") or atoms.get("h", "-"),
        "method": atoms.get("m", "-"),
        "path": atoms.get("U", "-"),
        "query": atoms.get("q", ""),
        "status": int(status) if str(status).isdigit() else status,
        "bytes": atoms.get("B"),
        "duration_ms": round(request_time.total_seconds() * 1000, 1),
        "referer": atoms.get("f", "-"),
        "agent": atoms.get("a", "-"),
    }


class JsonAccessLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        record = access_record(
            self.atoms(resp, req, environ, request_time), environ, request_time
        )
        self.access_log.info(json.dumps(record, ensure_ascii=False))
