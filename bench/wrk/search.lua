-- search.lua: GET /api/v1/persons?q=NAME, cycling through BENCH_QUERIES (URL-encoded
-- queries separated by spaces) from a random start, with BENCH_AUTH as Authorization.
local queries = {}
for q in string.gmatch(os.getenv("BENCH_QUERIES"), "%S+") do queries[#queries + 1] = q end
local headers = { ["Authorization"] = os.getenv("BENCH_AUTH") }

local counter = 0
function setup(thread)
   counter = counter + 1
   thread:set("tid", counter)
end

local i = 0
function init(args)
   math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
   i = math.random(#queries)
end

function request()
   i = i % #queries + 1
   return wrk.format("GET", "/api/v1/persons?q=" .. queries[i], headers)
end
