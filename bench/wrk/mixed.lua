-- mixed.lua: the mixed read/write workload of scripts/load.sh: 80% reads, 20% writes, as a
-- day at a migration service centre might spread them. Per request, drawn at random:
--   30%  GET /api/v1/persons/{id}           a person's record (API)
--   25%  GET /persons/{id}                  a person's page
--    5%  GET /persons/{id}/history          a person's history page
--    3%  GET /persons?page=N                the list page (N from 1 to 40)
--    2%  GET /api/v1/persons?limit=50&offset=50*K    the list (API, K from 0 to 39)
--    3%  GET /api/v1/persons?region=R&sex=S&age_min=A&age_max=A+15&limit=20   filters
--    5%  GET /api/v1/persons?q=NAME&limit=20 a name search (API)
--    3%  GET /persons?q=NAME                a name search (page)
--    4%  GET /api/v1/reference/{list}       a code list
--    8%  POST /api/v1/persons                a registration (JSON, random names and codes)
--   12%  PATCH /api/v1/persons/{id}          an edit: the locality and phone of a person whose
--                                            JSON this thread has just read (or created, or
--                                            edited), sending the version it read. If another
--                                            edit got there first the answer is 409, which
--                                            is expected; with nothing read yet, a read instead.
-- Environment: LOAD_IDS (a Lua file returning an array of person ids the user may see),
-- LOAD_TOKEN (a bearer token), LOAD_COOKIE (the Cookie header of a web session), LOAD_NAMES
-- (URL-encoded search names separated by spaces). done() prints one line per status and per
-- kind of request ("mixed: status 200 N", "mixed: sent view_json N") for scripts/load.sh.
local ids = dofile(os.getenv("LOAD_IDS"))
local api = { ["Authorization"] = "Bearer " .. os.getenv("LOAD_TOKEN") }
local json = { ["Authorization"] = api["Authorization"], ["Content-Type"] = "application/json" }
local web = { ["Cookie"] = os.getenv("LOAD_COOKIE") }
local names = {}
for q in string.gmatch(os.getenv("LOAD_NAMES"), "%S+") do names[#names + 1] = q end

local regions = { "KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35",
	"KZ-39", "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71", "KZ-75",
	"KZ-79" }
local lists = { "categories", "regions", "countries", "document_types", "legal_statuses" }
local towns = { "Алматы", "Астана", "Шымкент", "Қонаев", "Түркістан", "Ақтөбе", "Semey",
	"Taraz", "Oral", "Жаңаөзен" }
local family = { { "Сейітов", "Сейітова" }, { "Омаров", "Омарова" }, { "Karimov", "Karimova" },
	{ "Yusupov", "Yusupova" }, { "Иванов", "Иванова" }, { "Ахметов", "Ахметова" },
	{ "Wang", "Wang" }, { "Li", "Li" }, { "Батбаяр", "Батбаяр" }, { "Тоқтаров", "Тоқтарова" } }
local given = { male = { "Асқар", "Ерлан", "Aziz", "Bobur", "Wei", "Нұрлан", "Дмитрий" },
	female = { "Айгүл", "Жанар", "Dilnoza", "Malika", "Xiu", "Меруерт", "Ольга" } }
local categories = { "kandas", "kandas_candidate", "labour_migrant", "internal_migrant",
	"refugee", "asylum_seeker", "voluntary_resettler" }
local citizenships = { "UZ", "CN", "MN", "RU", "TJ", "KG", "TM", "AF" }

local counter = 0
local threads = {}
function setup(thread)
	counter = counter + 1
	threads[counter] = thread
	thread:set("tid", counter)
end

-- Per thread: the statuses seen, the requests sent by kind, and the persons read lately
-- ({id, version}), for the edits.
statuses = {}
sent = {}
local recent = {}
local RECENT_MAX = 256

function init(args)
	math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
end

local function pick(t) return t[math.random(#t)] end
local function count(kind) sent[kind] = (sent[kind] or 0) + 1 end

local function register()
	local sex = math.random(2) == 1 and "male" or "female"
	local f = pick(family)
	local year = 1950 + math.random(70)
	local body = string.format(
		'{"family_name":"%s","given_name":"%s","sex":"%s","birth_date":"%d-%02d-%02d",' ..
		'"citizenship":"%s","country_of_origin":"%s","categories":["%s"],"region":"%s",' ..
		'"locality":"%s","arrival_date":"2025-%02d-%02d","phone":"+7 70%d %03d %02d %02d",' ..
		'"documents":[{"type":"passport","number":"N%08d","country":"%s"}],' ..
		-- A worker who looked at the likely matches and judged this a new person (the
		-- check still runs, and is part of the cost); without it the random names here
		-- often meet a namesake born the same year, and the answer is 409.
		'"confirm_new":true}',
		f[sex == "male" and 1 or 2], pick(given[sex]), sex, year, math.random(12), math.random(28),
		pick(citizenships), pick(citizenships), pick(categories), pick(regions), pick(towns),
		math.random(12), math.random(28), math.random(0, 9), math.random(0, 999),
		math.random(0, 99), math.random(0, 99), math.random(0, 99999999), pick(citizenships))
	return wrk.format("POST", "/api/v1/persons", json, body)
end

local function edit()
	local n = #recent
	if n == 0 then return nil end
	local p = table.remove(recent, math.random(n))
	local body = string.format('{"version":%d,"locality":"%s","phone":"+7 70%d %03d %02d %02d"}',
		p[2], pick(towns), math.random(0, 9), math.random(0, 999), math.random(0, 99),
		math.random(0, 99))
	return wrk.format("PATCH", "/api/v1/persons/" .. p[1], json, body)
end

function request()
	local r = math.random(100)
	local id = ids[math.random(#ids)]
	if r <= 12 then
		local req = edit()
		if req then count("edit") return req end
		r = 21
	end
	if r <= 20 then count("register") return register() end
	if r <= 50 then count("view_json") return wrk.format("GET", "/api/v1/persons/" .. id, api) end
	if r <= 75 then count("view_html") return wrk.format("GET", "/persons/" .. id, web) end
	if r <= 80 then count("history_html") return wrk.format("GET", "/persons/" .. id .. "/history", web) end
	if r <= 83 then count("list_html") return wrk.format("GET", "/persons?page=" .. math.random(40), web) end
	if r <= 85 then
		count("list_json")
		return wrk.format("GET", "/api/v1/persons?limit=50&offset=" .. 50 * math.random(0, 39), api)
	end
	if r <= 88 then
		count("filter_json")
		local a = math.random(0, 60)
		return wrk.format("GET", string.format("/api/v1/persons?region=%s&sex=%s&age_min=%d&age_max=%d&limit=20",
			pick(regions), math.random(2) == 1 and "male" or "female", a, a + 15), api)
	end
	if r <= 93 then count("search_json") return wrk.format("GET", "/api/v1/persons?q=" .. pick(names) .. "&limit=20", api) end
	if r <= 96 then count("search_html") return wrk.format("GET", "/persons?q=" .. pick(names), web) end
	count("reference")
	return wrk.format("GET", "/api/v1/reference/" .. pick(lists), api)
end

function response(status, headers, body)
	statuses[status] = (statuses[status] or 0) + 1
	-- A person's JSON (a read, a registration or an edit): remember its id and version.
	if status < 300 and string.byte(body, 1) == 123 then
		local v = string.match(body, '"version":(%d+)')
		local i = v and string.match(body, '"id":(%d+)')
		if i then
			if #recent >= RECENT_MAX then table.remove(recent, 1) end
			recent[#recent + 1] = { tonumber(i), tonumber(v) }
		end
	end
end

function done(summary, latency, requests)
	local st, kinds = {}, {}
	for i = 1, counter do
		local t = threads[i]
		for k, v in pairs(t:get("statuses")) do st[k] = (st[k] or 0) + v end
		for k, v in pairs(t:get("sent")) do kinds[k] = (kinds[k] or 0) + v end
	end
	for k, v in pairs(st) do io.write(string.format("mixed: status %d %d\n", k, v)) end
	for k, v in pairs(kinds) do io.write(string.format("mixed: sent %s %d\n", k, v)) end
end
