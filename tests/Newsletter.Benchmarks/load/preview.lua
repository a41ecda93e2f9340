-- wrk: POST /api/preview with keywords people type.
local keywords = { '["SAM"]', '["diffusion","pruning"]', '["mixture of experts"]', '["LLM","-medical"]', '["self-supervised","segmentation"]' }
local i = 0
function request()
  i = i + 1
  local body = '{"keywords":' .. keywords[(i % #keywords) + 1] .. '}'
  return wrk.format("POST", "/api/preview", { ["Content-Type"] = "application/json" }, body)
end
function done(summary, latency, requests)
  io.write(string.format("requests/s: %.0f\np99 latency: %.1f ms\nnon-2xx or socket errors: %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
