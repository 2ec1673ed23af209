-- wrk script for bench/web_load.sh: GET /api/search over a fixed mix of queries, each
-- connection walking the list from its own starting point, with the session cookie.
-- Env: NASKAH_COOKIE (naskah_session=...), NASKAH_QUERIES (a file, one query string per line:
-- what follows "/api/search?", already URL-encoded).
local cookie = os.getenv("NASKAH_COOKIE")
local queries = {}
for line in io.lines(os.getenv("NASKAH_QUERIES")) do
  if #line > 0 then queries[#queries + 1] = "/api/search?" .. line end
end
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("start", counter * 7)
end

function init(args)
  position = start or 0
end

function request()
  position = position + 1
  local path = queries[(position % #queries) + 1]
  return wrk.format("GET", path, { ["Cookie"] = cookie, ["Accept-Encoding"] = "gzip" })
end

function done(summary, latency, requests)
  io.write(string.format(
    "JSON {\"requests\": %d, \"seconds\": %.2f, \"rps\": %.1f, \"p50_ms\": %.2f, " ..
    "\"p90_ms\": %.2f, \"p99_ms\": %.2f, \"max_ms\": %.2f, \"errors_connect\": %d, " ..
    "\"errors_read\": %d, \"errors_write\": %d, \"errors_status\": %d, \"errors_timeout\": %d}\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
end
