-- wrk script of bench/student-loop.sh.
--
--   wrk -t T -s bench/student-loop.lua URL -- MODE T ARG
--
-- MODE "loop": children doing activities. ARG is a file with one line per
-- signed-in child, "cookie csrf version", written by
-- build/bench/sign-in-children. Each child sends GET the activity page,
-- POST a right answer with a fresh idempotency key, then GET /eleve.
-- MODE "page": the same children, GET the activity page only.
-- MODE "static": GET the path ARG with no cookie (the nginx baseline).
-- T repeats wrk's thread count, which init() cannot read otherwise.
--
-- wrk calls request() per thread, not per connection, so each thread takes
-- its share of the children in turn: every request carries its child's
-- cookie, and each child's requests follow the order above. wrk itself
-- counts answers of status 400 and more as errors.

local activity = "maths-ce2-nombres-jusqu-a-10000"
local answers = "q0=1&q1=3+506&q2b0=6&q2b1=2&q2b2=8&q3=1&q4=5+000"

local thread_number = 0

function setup(thread)
	thread:set("id", thread_number)
	thread_number = thread_number + 1
end

local mode
local static_path
local children = {}
local next_child = 1
local run_id
local key_count = 0

function init(args)
	mode = args[1]
	local threads = tonumber(args[2])
	if mode == "static" then
		static_path = args[3]
		return
	end
	if (mode ~= "loop" and mode ~= "page") or not threads then
		error("usage: -- loop|page THREADS SESSIONS_FILE, or -- static THREADS PATH")
	end
	local i = 0
	for line in io.lines(args[3]) do
		local cookie, csrf, version = line:match("^(%S+) (%S+) (%d+)$")
		if cookie then
			-- Thread t of n takes children t, t + n, t + 2n, ...
			if i % threads == id then
				table.insert(children, { cookie = cookie, csrf = csrf, version = version, step = 0 })
			end
			i = i + 1
		end
	end
	if #children == 0 then
		error("no child for thread " .. id .. " in " .. args[3])
	end
	run_id = (os.time() % 100000000) * 100 + id
end

-- A 43-character idempotency key, unique to this run, thread and request.
local function fresh_key()
	key_count = key_count + 1
	return string.format("b%010d%032d", run_id, key_count)
end

function request()
	if mode == "static" then
		return wrk.format("GET", static_path)
	end
	local child = children[next_child]
	next_child = next_child % #children + 1
	local headers = { Cookie = "ardoise_session=" .. child.cookie }
	local step = 0
	if mode == "loop" then
		step = child.step
		child.step = (step + 1) % 3
	end
	if step == 0 then
		return wrk.format("GET", "/activite/" .. activity, headers)
	elseif step == 1 then
		headers["Content-Type"] = "application/x-www-form-urlencoded"
		local body = "csrf=" .. child.csrf .. "&cle=" .. fresh_key() .. "&version=" .. child.version ..
			"&debut=" .. os.time() .. "&" .. answers
		return wrk.format("POST", "/activite/" .. activity, headers, body)
	end
	return wrk.format("GET", "/eleve", headers)
end

function done(summary, latency, requests)
	local seconds = summary.duration / 1e6
	local e = summary.errors
	local errors = e.connect + e.read + e.write + e.timeout + e.status
	io.write(string.format("requests %d in %.2f s: %.0f req/s\n", summary.requests, seconds, summary.requests / seconds))
	io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
		latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
	io.write(string.format("errors: connect %d, read %d, write %d, timeout %d, status >= 400: %d\n",
		e.connect, e.read, e.write, e.timeout, e.status))
	io.write(string.format("RESULT rps=%.0f p50=%.2f p99=%.2f errors=%d\n", summary.requests / seconds,
		latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
