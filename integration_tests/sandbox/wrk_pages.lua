-- wrk script for the sandbox's throughput figure (README, "Sandbox"): every request asks for a
-- different page of 100 Zendesk Sell stages, so each page is built on first read, not cached.
--   wrk -t2 -c8 -d10s -s integration_tests/sandbox/wrk_pages.lua \
--       -H "Authorization: Bearer sandbox-zendesk-sell-token-7f3a9c2e5b" http://127.0.0.1:8000 -- 2
-- The argument after "--" is the number of wrk threads (-t), so the threads interleave pages.
local threads = 0

function setup(thread)
  thread:set("first", threads)
  threads = threads + 1
end

function init(args)
  step = tonumber(args[1]) or 1
  page = first
end

function request()
  page = page + step
  return wrk.format("GET", "/v2/stages?per_page=100&page=" .. page)
end
