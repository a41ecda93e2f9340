-- Shared by the wrk scripts: one summary per run, in the README's terms.
function done(summary, latency, requests)
  io.write(string.format("requests/s: %.0f\np99 latency: %.1f ms\nnon-2xx or socket errors: %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
