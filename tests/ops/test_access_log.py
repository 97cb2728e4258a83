import datetime as dt
import json

from ops.access_log import access_record


def test_access_log_lines_stay_json_whatever_the_client_sends():
    atoms = {
        "h": "127.0.0.1",
        "m": "GET",
        "U": "/xueyu/",
        "q": 'q="x"',
        "s": "200",
        "B": 512,
        "f": "-",
        "a": 'Mozilla/5.0 "quoted" \\ 浏览器\n{"fake": 1}',
    }
    environ = {"HTTP_X_REAL_IP": "203.0.113.7"}

    line = json.dumps(access_record(atoms, environ, dt.timedelta(milliseconds=12.34)))
    record = json.loads(line)

    assert "\n" not in line
    assert record["agent"] == atoms["a"]
    assert record["remote"] == "203.0.113.7"
    assert record["status"] == 200
    assert record["duration_ms"] == 12.3
