-- wrk script: every connection is one parent after another doing the whole survey on a phone without JavaScript,
-- on the open link of a wave: the first page (the languages), the chosen language's introduction, begin, each
-- statement page read and saved as a draft (POST a face, follow the 303), the open questions read and saved,
-- the review, send, the thank-you. Run it with as many threads as connections (wrk -tN -cN): a thread's Lua
-- state does not know which of its connections answered, so each thread keeps exactly one connection and its
-- journey follows the answers in order.
--
-- Environment: BENCH_SLUG (the open link's slug), BENCH_ITEMS and BENCH_QUESTIONS (the statement and open
-- question ids in order, comma separated), BENCH_LANG (default nl).
-- Every answer is checked (status, where it leads, what the page asks); anything else counts as unexpected
-- under "kind status" and that parent starts again from the first page. `done` prints one JSON line: wrk's
-- figures, complete journeys, acknowledged sends, and per kind of page a latency histogram (buckets of 2 %).
local ffi = require("ffi")
ffi.cdef [[
   typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
   int clock_gettime(int clock, bench_timespec *t);
]]
local now_ts = ffi.new("bench_timespec")
local function now_us()
   ffi.C.clock_gettime(1, now_ts) -- CLOCK_MONOTONIC
   return tonumber(now_ts.tv_sec) * 1e6 + tonumber(now_ts.tv_nsec) / 1e3
end

local threads = {}
function setup(thread)
   table.insert(threads, thread)
end

local function split(text)
   local parts = {}
   for part in string.gmatch(text or "", "[^,]+") do table.insert(parts, part) end
   return parts
end

local LOG_STEP = math.log(1.02)
local function bucket(us)
   if us < 1 then us = 1 end
   return math.floor(math.log(us) / LOG_STEP)
end

function init(args)
   slug = os.getenv("BENCH_SLUG")
   lang = os.getenv("BENCH_LANG") or "nl"
   items = split(os.getenv("BENCH_ITEMS"))
   questions = split(os.getenv("BENCH_QUESTIONS"))
   tally = {} -- flat (wrk copies flat tables between threads): counters and "h|kind|bucket" histograms
   local parts = {}
   for _, q in ipairs(questions) do
      table.insert(parts, "text%5B" .. q .. "%5D=" .. "De+juf+groet+ons+elke+ochtend+bij+de+poort.")
   end
   open_form = table.concat(parts, "&") .. "&go=next"
   form_headers = {["Content-Type"] = "application/x-www-form-urlencoded"}
   restart()
end

function restart()
   step, page, token, thanks_path, cookies = "first", 0, nil, nil, {}
   journey_started = nil
end

local function count(key, n)
   tally[key] = (tally[key] or 0) + (n or 1)
end

local function headers_with_cookies(extra)
   local headers = {}
   for k, v in pairs(extra or {}) do headers[k] = v end
   local jar = {}
   for name, value in pairs(cookies) do table.insert(jar, name .. "=" .. value) end
   if #jar > 0 then headers["Cookie"] = table.concat(jar, "; ") end
   return headers
end

-- The request of the current step; called again for the same step when wrk reconnects.
function request()
   sent_at = now_us()
   if journey_started == nil then journey_started = sent_at end
   if step == "first" then
      kind = "first page"
      return wrk.format("GET", "/o/" .. slug, headers_with_cookies())
   elseif step == "intro" then
      kind = "intro"
      return wrk.format("GET", "/o/" .. slug .. "?lang=" .. lang, headers_with_cookies())
   elseif step == "begin" then
      kind = "begin (POST)"
      return wrk.format("POST", "/o/" .. slug .. "/start", headers_with_cookies(form_headers), "lang=" .. lang)
   elseif step == "read" then
      kind = page <= #items and "statement page" or (page == #items + 1 and "open questions" or "review")
      return wrk.format("GET", "/d/" .. token .. "/" .. page, headers_with_cookies())
   elseif step == "save" then
      local body
      if page <= #items then
         kind = "statement save (POST)"
         body = "face%5B" .. items[page] .. "%5D=" .. tostring(page % 5) .. "&go=next"
      else
         kind = "open questions save (POST)"
         body = open_form
      end
      return wrk.format("POST", "/d/" .. token .. "/" .. page, headers_with_cookies(form_headers), body)
   elseif step == "send" then
      kind = "send (POST)"
      return wrk.format("POST", "/d/" .. token .. "/submit", headers_with_cookies(form_headers), "")
   else -- "thanks"
      kind = "thank-you"
      return wrk.format("GET", thanks_path, headers_with_cookies())
   end
end

local function header(headers, name)
   for k, v in pairs(headers) do
      if string.lower(k) == name then return v end
   end
   return nil
end

local function has(body, text)
   return body ~= nil and string.find(body, text, 1, true) ~= nil
end

function response(status, headers, body)
   local took = now_us() - sent_at
   count("h|" .. kind .. "|" .. bucket(took))
   count("requests")
   local set = header(headers, "set-cookie")
   if set then
      local name, value = string.match(set, "^%s*([^=;]+)=([^;]*)")
      if name then cookies[name] = value end
   end
   local location = header(headers, "location")
   local ok = false
   if step == "first" then
      ok = status == 200 and has(body, 'href="/o/' .. slug .. '?lang=' .. lang .. '"')
      if ok then step = "intro" end
   elseif step == "intro" then
      ok = status == 200 and has(body, 'action="/o/' .. slug .. '/start"')
      if ok then step = "begin" end
   elseif step == "begin" then
      token = status == 303 and location and string.match(location, "^/d/([^/?]+)/1$")
      ok = token ~= nil
      if ok then step, page = "read", 1 end
   elseif step == "read" then
      if page <= #items then
         ok = status == 200 and has(body, 'name="face[' .. items[page] .. ']"')
      elseif page == #items + 1 then
         ok = status == 200 and has(body, 'name="text[' .. questions[1] .. ']"')
      else
         ok = status == 200 and has(body, 'action="/d/' .. token .. '/submit"')
      end
      if ok then step = page <= #items + 1 and "save" or "send" end
   elseif step == "save" then
      ok = status == 303 and location == "/d/" .. token .. "/" .. (page + 1)
      if ok then step, page = "read", page + 1 end
   elseif step == "send" then
      ok = status == 303 and location ~= nil and string.find(location, "/o/" .. slug .. "/thanks", 1, true) == 1
      if ok then
         count("acknowledged")
         step, thanks_path = "thanks", location
      end
   else
      ok = status == 200 and has(body, "<html")
      if ok then
         count("complete")
         count("h|whole journey|" .. bucket(now_us() - journey_started))
         restart()
      end
   end
   if not ok then
      count("unexpected|" .. kind .. " " .. status)
      restart()
   end
end

function done(summary, latency, requests)
   local merged = {}
   for _, thread in ipairs(threads) do
      for key, n in pairs(thread:get("tally") or {}) do
         merged[key] = (merged[key] or 0) + n
      end
   end
   local parts = {}
   for key, n in pairs(merged) do
      table.insert(parts, string.format('"%s": %d', key, n))
   end
   local e = summary.errors
   io.write(string.format(
      'JSON {"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, ' ..
      '"socket_errors": %d, "timeouts": %d, "tally": {%s}}\n',
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      e.connect + e.read + e.write, e.timeout, table.concat(parts, ", ")))
end
