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
dofile("tests/Newsletter.Benchmarks/load/report.lua")
