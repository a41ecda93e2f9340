-- wrk: POST /api/preview with keywords people type.
local keywords = { '["SAM"]', '["diffusion","pruning"]', '["mixture of experts"]', '["LLM","-medical"]', '["self-supervised","segmentation"]' }
local i = 0
function request()
  i = i + 1
  local body = '{"keywords":' .. keywords[(i % #keywords) + 1] .. '}'
  return wrk.format("POST", "/api/preview", { ["Content-Type"] = "application/json" }, body)
end
dofile("tests/Newsletter.Benchmarks/load/report.lua")
