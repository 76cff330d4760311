-- The lecture-hall mix for wrk: every connection is a student who asks for something, reads for 0–4 s, and
-- asks again (the simulator's requests as its script makes them, naming its profile). Run by bench/run.sh; TARGET=app sends the real requests (sandbox sessions with five moves
-- each, quiz attempts started, each student behind its own X-Forwarded-For address so the per-client
-- limits apply as they would in a hall), TARGET=nginx asks nginx for the same bytes, recorded beforehand.
local target = os.getenv("TARGET") or "app"
local think_ms = tonumber(os.getenv("THINK_MS") or "4000")

-- What a hall asks for, with weights (relative: each is its share of their sum). A simulator (on its page or in a
-- lesson) asks for its trace and its ladder, so each trace has a ladder as often.
local mix = {
  { 20, "lesson",    "GET",  "/lessons/three-way-handshake?lang=en" },
  { 8,  "lesson",    "GET",  "/lessons/syn-flood?lang=zh" },
  { 8,  "simulator", "GET",  "/simulator/four-way-close?lang=en" },
  { 10, "script",    "GET",  "@SCRIPT@" },
  { 14, "trace",     "GET",  "/api/scenarios/four-way-close/trace?lang=en&form=compact&profile=rfc9293" },
  { 4,  "trace",     "GET",  "/api/scenarios/syn-flood/trace?lang=en&form=compact&profile=rfc9293" },
  { 14, "ladder",    "GET",  "/api/scenarios/four-way-close/ladder?profile=rfc9293&compact=false" },
  { 4,  "ladder",    "GET",  "/api/scenarios/syn-flood/ladder?profile=rfc9293&compact=false" },
  { 6,  "quiz",      "GET",  "/api/quizzes/why-three-steps?lang=en" },
  { 5,  "session",   "POST", "/api/sessions?lang=en" },
  { 25, "move",      "POST", "/api/sessions/%s/actions?lang=en&since=%d" },
}
-- Five moves that are possible one after another in a fresh three-way-handshake session: drop the SYN, let
-- it be sent again, deliver it, its SYN,ACK and the ACK.
local moves = {
  '{"type":"drop","segment":1}', '{"type":"advance"}', '{"type":"deliver","segment":2}',
  '{"type":"deliver","segment":3}', '{"type":"deliver","segment":4}',
}
-- The bytes nginx serves in place of each kind (bench/run.sh records them from the app).
local recorded = {
  lesson = "/rec/lesson.html", simulator = "/rec/simulator.html", script = "/rec/simulator-page.js",
  trace = "/rec/trace.json", ladder = "/rec/ladder.json", quiz = "/rec/quiz.json", session = "/rec/session.json", move = "/rec/move.json",
}

local script_url = os.getenv("SCRIPT_URL") or "/js/simulator-page.js"
local sessions = {}   -- sandbox sessions of this thread waiting for their next move: { id, moves }
-- Only a session's creator may move it: the students of one thread share one learner cookie (its form is a
-- UUID the server accepts as it would its own), each still behind its own address.
local learner

init = function(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
  learner = string.format("%08x-%04x-4%03x-a%03x-%012x", math.random(0, 0x7fffffff), math.random(0, 0xffff),
    math.random(0, 0xfff), math.random(0, 0xfff), math.random(0, 0x7fffffff))
end

local total = 0
for _, entry in ipairs(mix) do total = total + entry[1] end

local function pick()
  local r = math.random(total)
  for _, entry in ipairs(mix) do
    r = r - entry[1]
    if r <= 0 then return entry end
  end
  return mix[1]
end

local function student()
  return "10." .. math.random(0, 1) .. "." .. math.random(0, 15) .. "." .. math.random(1, 16)
end

request = function()
  local entry = pick()
  local kind, method, path = entry[2], entry[3], entry[4]
  if target == "nginx" then
    return wrk.format("GET", recorded[kind], { ["Accept-Encoding"] = "gzip" })
  end
  local headers = { ["Accept-Encoding"] = "gzip", ["X-Forwarded-For"] = student(), ["Cookie"] = "hl_learner=" .. learner }
  if kind == "script" then
    return wrk.format("GET", script_url, headers)
  end
  if kind == "session" or kind == "move" then
    -- The script reads the session's id and move count from these answers, so they come uncompressed.
    headers["Accept-Encoding"] = "identity"
  end
  if kind == "session" then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", path, headers, '{"scenario":"three-way-handshake"}')
  end
  if kind == "move" then
    local s = table.remove(sessions, 1)
    if s == nil then -- no session waiting for a move yet: read a lesson instead
      return wrk.format("GET", mix[1][4], headers)
    end
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", string.format(path, s.id, s.moves), headers, moves[s.moves + 1])
  end
  return wrk.format(method, path, headers)
end

-- A session's answers carry its id and move count: it waits for its next move until it has made five.
response = function(status, headers, body)
  if target ~= "app" or (status ~= 200 and status ~= 201) then return end
  local id = body:match('"id":"([0-9a-f%-]+)","scenario"')
  local count = tonumber(body:match('"moveCount":(%d+)') or "")
  if id ~= nil and count ~= nil and count < #moves then
    table.insert(sessions, { id = id, moves = count })
  end
end

delay = function()
  return math.random(0, think_ms)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT target=%s requests=%d errors_status=%d errors_timeout=%d p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    target, summary.requests, summary.errors.status, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
