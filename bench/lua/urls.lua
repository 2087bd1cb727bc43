-- Round-robin over a file of request paths (path + query, e.g. presigned URLs without
-- scheme and host). Arguments after "--":
--   1 url file   2 method (GET|HEAD|PUT|DELETE)   3 body size in bytes (0 = none)
--   4 extra header "Name: value" or "-"   5 another extra header or "-"
-- Each wrk thread starts at a different offset; requests are pre-formatted when small.
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "?.lua"
local common = require("common")

local counter = 0
function setup(thread)
   thread:set("tid", counter)
   counter = counter + 1
end

local reqs, paths, method, headers, body
local n, i = 0, 0

function init(args)
   paths = common.lines(args[1])
   method = args[2] or "GET"
   body = common.body(args[3])
   headers = {}
   common.header(args[4], headers)
   common.header(args[5], headers)
   n = #paths
   i = ((tid or 0) * 7919) % n
   local bodylen = body and #body or 0
   if n * (bodylen + 512) <= 64 * 1024 * 1024 then
      reqs = {}
      for k = 1, n do
         local h = {}
         for hk, hv in pairs(headers) do h[hk] = hv end
         reqs[k] = wrk.format(method, paths[k], h, body)
      end
   end
end

function request()
   i = i % n + 1
   if reqs then return reqs[i] end
   local h = {}
   for hk, hv in pairs(headers) do h[hk] = hv end
   return wrk.format(method, paths[i], h, body)
end

function done(summary, latency, requests)
   common.report(summary, latency)
end
