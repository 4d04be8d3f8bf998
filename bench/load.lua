-- Mixed load for `rapat serve`: 70 % reads (a meeting, a search), 30 % writes (plan a meeting for a
-- random person at a random slot: many collide on purpose, and the archive must refuse them with 409).
-- With RAPAT_MIX=get every request reads one meeting (GET /api/meetings/{id}).
-- Each thread counts its 201s; `done` prints the total so the script can compare it with the database.
local token = os.getenv("RAPAT_TOKEN")
local getOnly = os.getenv("RAPAT_MIX") == "get"
local ids = {}
if getOnly then for line in io.lines(os.getenv("RAPAT_IDS")) do ids[#ids + 1] = line end end
local nips = {}
for line in io.lines(os.getenv("RAPAT_NIPS")) do nips[#nips + 1] = line end
created, conflicts, missing, others = 0, 0, 0, 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  -- Each wrk of the run seeds apart (RAPAT_INSTANCE): with the same seed two wrks send the same requests in the
  -- same order, and every write of one instance is a copy of the other's.
  math.randomseed(os.time() + id * 7919 + (tonumber(os.getenv("RAPAT_INSTANCE")) or 0) * 104729)
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  if getOnly then return wrk.format("GET", "/api/meetings/" .. ids[math.random(#ids)]) end
  local r = math.random(100)
  if r <= 50 then
    return wrk.format("GET", string.format("/api/meetings/RP-2021-%04d", math.random(1, 20)))
  elseif r <= 70 then
    return wrk.format("GET", "/api/search?q=penyerapan&limit=5")
  end
  local day = math.random(1, 20)
  local month = 2 + math.floor((day - 1) / 20)
  local weekday = ({1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19, 22, 23, 24, 25, 26})[day]
  local hour = math.random(8, 14)
  local chair = nips[math.random(#nips)]
  local other = nips[math.random(#nips)]
  local body = string.format(
    '{"title":"Rapat koordinasi %d","chair":"%s","participants":["%s"],"start":"2021-%02d-%02d %02d:00","end":"2021-%02d-%02d %02d:30"}',
    math.random(1000000), chair, other, month, weekday, hour, month, weekday, hour)
  return wrk.format("POST", "/api/meetings", nil, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1
  elseif status == 409 or status == 422 then conflicts = conflicts + 1
  elseif status == 404 then missing = missing + 1  -- a read of a meeting no write has made yet
  elseif status ~= 200 then others = others + 1 end
end

function done(summary, latency, requests)
  local c, k, m, o = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); k = k + t:get("conflicts"); m = m + t:get("missing"); o = o + t:get("others")
  end
  io.write(string.format("created %d\nrefused %d\nnotyet %d\nunexpected %d\n", c, k, m, o))
  io.write(string.format("p99 %.2f ms\nrequests/s %.0f\n", latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end
