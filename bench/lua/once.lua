-- Sends every request path of a file exactly once (split between wrk threads), then
-- stops: used to create many keys fast (P11). Arguments as urls.lua.
-- Connections still busy at the end repeat their thread's last path (an idempotent
-- overwrite of the same key). wrk keeps running for its whole -d duration even after
-- wrk.thread:stop(), so when the last response arrives this script prints its own
-- summary line ("BENCHJSON" with the same fields) and exits the process: use -t1.
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "?.lua"
local common = require("common")

local counter = 0
local nthreads_total = 0
function setup(thread)
   thread:set("tid", counter)
   counter = counter + 1
end

local paths, method, headers, body
local first, last, i, responses, bad = 0, 0, 0, 0, 0


function init(args)
   local all = common.lines(args[1])
   method = args[2] or "PUT"
   body = common.body(args[3])
   headers = {}
   common.header(args[4], headers)
   common.header(args[5], headers)
   local nthreads = tonumber(args[6] or "1")
   local per = math.ceil(#all / nthreads)
   first = (tid or 0) * per + 1
   last = math.min(#all, first + per - 1)
   paths = {}
   for k = first, last do paths[#paths + 1] = all[k] end
   i = 0
end

function request()
   if i < #paths then i = i + 1 end
   local h = {}
   for hk, hv in pairs(headers) do h[hk] = hv end
   return wrk.format(method, paths[i], h, body)
end

function response(status, hdrs, b)
   responses = responses + 1
   if status >= 300 then bad = bad + 1 end
   if responses >= #paths then
      io.write(string.format('BENCHJSON {"once": true, "requests": %d, "duration_us": 0, "bytes": 0, ' ..
         '"err_connect": 0, "err_read": 0, "err_write": 0, "err_status": %d, "err_timeout": 0, ' ..
         '"lat_mean_us": 0, "lat_max_us": 0, "p50_us": 0, "p90_us": 0, "p99_us": 0, "p999_us": 0}\n',
         responses, bad))
      io.flush()
      os.exit(0)
   end
end

function done(summary, latency, requests)
   common.report(summary, latency)
end
