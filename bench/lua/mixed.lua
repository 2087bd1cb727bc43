-- P15: a mixed workload. The file has "METHOD path" lines; each request picks an
-- operation by weight (GET 45, HEAD 30, PUT 15, DELETE 10 by default) and round-robins
-- over that operation's paths. GET/HEAD paths name objects that are never deleted;
-- PUT/DELETE paths name a separate set of keys. Arguments after "--":
--   1 file   2 PUT body size   3 PUT Content-Type header "Name: value"   4 weights "45,30,15,10"
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "?.lua"
local common = require("common")

local counter = 0
function setup(thread)
   thread:set("tid", counter)
   counter = counter + 1
end

local ops = { "GET", "HEAD", "PUT", "DELETE" }
local paths = { GET = {}, HEAD = {}, PUT = {}, DELETE = {} }
local idx = { GET = 0, HEAD = 0, PUT = 0, DELETE = 0 }
local cum = {}
local body, putHeaders

function init(args)
   for _, line in ipairs(common.lines(args[1])) do
      local m, p = line:match("^(%u+) (.*)$")
      if m and paths[m] then table.insert(paths[m], p) end
   end
   body = common.body(args[2])
   putHeaders = {}
   common.header(args[3], putHeaders)
   local w, total = {}, 0
   for x in (args[4] or "45,30,15,10"):gmatch("%d+") do w[#w + 1] = tonumber(x) end
   for k = 1, 4 do total = total + w[k]; cum[k] = total end
   for k = 1, 4 do cum[k] = cum[k] / total end
   math.randomseed(12345 + (tid or 0))
end

function request()
   local r = math.random()
   local op = ops[4]
   for k = 1, 4 do if r <= cum[k] then op = ops[k]; break end end
   local list = paths[op]
   idx[op] = idx[op] % #list + 1
   if op == "PUT" then
      local h = {}
      for hk, hv in pairs(putHeaders) do h[hk] = hv end
      return wrk.format("PUT", list[idx[op]], h, body)
   end
   return wrk.format(op, list[idx[op]], {}, nil)
end

function done(summary, latency, requests)
   common.report(summary, latency)
end
