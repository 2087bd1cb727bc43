-- Shared by the bench/*.lua wrk scripts: loading a URL list and printing one JSON
-- summary line that bench/harness.py parses ("BENCHJSON {...}").
local M = {}

function M.lines(path)
   local t = {}
   for line in io.lines(path) do
      if line ~= "" then t[#t + 1] = line end
   end
   return t
end

-- "-" or "" mean "none"; "Name: value" is one extra header.
function M.header(arg, headers)
   if arg and arg ~= "" and arg ~= "-" then
      local k, v = arg:match("^([^:]+):%s*(.*)$")
      if k then headers[k] = v end
   end
end

function M.body(size)
   size = tonumber(size or "0") or 0
   if size <= 0 then return nil end
   -- Deterministic, not all the same byte (no server-side shortcut can apply).
   local chunk = {}
   for i = 1, 256 do chunk[i] = string.char((i * 37 + 11) % 256) end
   chunk = table.concat(chunk)
   local reps = math.floor(size / 256)
   return string.rep(chunk, reps) .. chunk:sub(1, size - reps * 256)
end

function M.report(summary, latency)
   local e = summary.errors
   io.write(string.format(
      'BENCHJSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
      '"err_connect": %d, "err_read": %d, "err_write": %d, "err_status": %d, "err_timeout": %d, ' ..
      '"lat_mean_us": %.1f, "lat_max_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "p999_us": %d}\n',
      summary.requests, summary.duration, summary.bytes,
      e.connect, e.read, e.write, e.status, e.timeout,
      latency.mean, latency.max, latency:percentile(50), latency:percentile(90),
      latency:percentile(99), latency:percentile(99.9)))
end

return M
