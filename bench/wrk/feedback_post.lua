-- Reader feedback at a steady rate: anonymous suggestions (private feedback,
-- open to every reader; public comments need a verified reader and are
-- bench/comment_bench.py's), every request a new message from a new
-- address (in X-Forwarded-For, the header the app is told to trust from
-- 127.0.0.1), spread over many articles, each with a signed form timestamp
-- issued before the run (bench/page_bench.py writes BENCH_FEEDBACK_FORMS:
-- one "article_id<TAB>issued" line per article).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } bench_timeval;
  int gettimeofday(bench_timeval *tv, void *tz);
]]
local clock = ffi.new("bench_timeval")
local function now_ms()
  ffi.C.gettimeofday(clock, nil)
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_usec) / 1000
end

local function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

local forms = {}
local interval_ms = 1000
local next_at = nil
sent = 0  -- a global: report.lua reads it from every thread
local message_prefix = urlencode("压测留言：建议把办事指南写得更清楚一些，编号 ")
redirects = 0

function init(args)
  for line in io.lines(os.getenv("BENCH_FEEDBACK_FORMS")) do
    local article, issued = line:match("^(%d+)\t(.+)$")
    if article then
      table.insert(forms, { article = article, issued = urlencode(issued) })
    end
  end
  local threads = tonumber(os.getenv("BENCH_THREADS"))
  interval_ms = 1000 * threads / tonumber(os.getenv("BENCH_RATE"))
end

function delay()
  local now = now_ms()
  if next_at == nil then next_at = now end
  local due = next_at
  next_at = next_at + interval_ms
  return math.max(0, math.floor(due - now))
end

function request()
  sent = sent + 1
  -- thread_id is set by setup() in report.lua.
  local index = thread_id * 50000 + sent
  local form = forms[index % #forms + 1]
  local address = string.format("198.%d.%d.%d", 18 + math.floor(index / 65536),
    math.floor(index / 256) % 256, index % 256)
  -- Unique in every run: the same text within a day is refused as a repeat.
  local body = "kind=suggestion&message=" .. message_prefix ..
    os.getenv("BENCH_RUN") .. "-" .. thread_id .. "-" .. sent ..
    "&display_name=&contact=&website=&issued=" .. form.issued
  local origin = wrk.scheme .. "://" .. wrk.host ..
    (wrk.port and (":" .. wrk.port) or "")
  return wrk.format("POST", "/feedback/article/" .. form.article .. "/", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = address,
    ["Origin"] = origin,
  }, body)
end

function response(status, headers, body)
  if status == 302 then redirects = redirects + 1 end
end
