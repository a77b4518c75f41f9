-- wrk script: every request sends one complete survey draft (POST /d/TOKEN/submit). The drafts' tokens are
-- read from the file in BENCH_TOKENS; thread i of n (n in BENCH_THREADS) sends every n-th one. When a thread
-- runs out it sends an unknown token, which is answered without a thank-you and so not counted as stored.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

local base_setup = setup
local count = 0
function setup(thread)
   thread:set("index", count)
   count = count + 1
   base_setup(thread)
end

local base_init = init
function init(args)
   base_init(args)
   tokens, next_token = {}, 1
   local n, line_number = tonumber(os.getenv("BENCH_THREADS")), 0
   for line in io.lines(os.getenv("BENCH_TOKENS")) do
      if line_number % n == index then table.insert(tokens, line) end
      line_number = line_number + 1
   end
end

function request()
   local token = tokens[next_token] or "used-up"
   next_token = next_token + 1
   return wrk.format("POST", "/d/" .. token .. "/submit", {["Content-Type"] = "application/x-www-form-urlencoded"}, "")
end
