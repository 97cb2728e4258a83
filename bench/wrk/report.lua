-- Appended to every benchmark script: one line of JSON that
-- bench/page_bench.py reads (latencies in microseconds).
local report_threads = {}

function setup(thread)
  table.insert(report_threads, thread)
  thread:set("thread_id", #report_threads - 1)
end

function done(summary, latency, requests)
  local redirects, sent = 0, 0
  for _, thread in ipairs(report_threads) do
    redirects = redirects + (thread:get("redirects") or 0)
    sent = sent + (thread:get("sent") or 0)
  end
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,' ..
    '"p90_us":%d,"p99_us":%d,"max_us":%d,"connect_errors":%d,' ..
    '"read_errors":%d,"write_errors":%d,"status_errors":%d,"timeouts":%d,' ..
    '"redirects":%d,"sent":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout,
    redirects, sent))
end
