-- wrk script for the overload test: counts answers by status (bench/report.lua) and the 503s that come
-- without a Retry-After header, which must be none.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

local base_init, base_response, base_done = init, response, done
function init(args)
   base_init(args)
   statuses[-1] = 0   -- 503 without Retry-After, kept as status -1
end

function response(status, headers, body)
   base_response(status, headers, body)
   if status == 503 and headers["Retry-After"] == nil and headers["retry-after"] == nil then
      statuses[-1] = statuses[-1] + 1
   end
end
