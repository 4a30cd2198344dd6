-- random_ids.lua: GET PREFIX..ID for IDs drawn at random from a list, for bench/run.sh.
-- Environment: BENCH_IDS (a Lua file that returns an array of ids), BENCH_PREFIX (such as
-- "/api/v1/persons/"), and optionally BENCH_AUTH (an Authorization header value) and
-- BENCH_COOKIE (a Cookie header value).
local ids = dofile(os.getenv("BENCH_IDS"))
local prefix = os.getenv("BENCH_PREFIX")
local headers = {}
if os.getenv("BENCH_AUTH") then headers["Authorization"] = os.getenv("BENCH_AUTH") end
if os.getenv("BENCH_COOKIE") then headers["Cookie"] = os.getenv("BENCH_COOKIE") end

local counter = 0
function setup(thread)
   counter = counter + 1
   thread:set("tid", counter)
end

function init(args)
   math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
end

local n = #ids
function request()
   return wrk.format("GET", prefix .. ids[math.random(n)], headers)
end
