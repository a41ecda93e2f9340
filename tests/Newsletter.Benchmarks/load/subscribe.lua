-- wrk: POST /api/subscriptions with a distinct address per request.
local counter = 0
local thread_id = 0
function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
function request()
  counter = counter + 1
  local body = string.format('{"email":"load-%d-%d-%d@example.org","keywords":["SAM","diffusion"],"cadence":"daily"}', tid, counter, math.random(1, 1000000000))
  return wrk.format("POST", "/api/subscriptions", { ["Content-Type"] = "application/json" }, body)
end
function done(summary, latency, requests)
  io.write(string.format("requests/s: %.0f\np99 latency: %.1f ms\nnon-2xx or socket errors: %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
