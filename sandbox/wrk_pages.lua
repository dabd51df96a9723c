-- wrk script to measure the sandbox's throughput (its README.md, "Throughput"): every request asks for a
-- different page of 100 stages of a large:N dataset, so each page is built on first read, not cached.
--   wrk -t2 -c8 -d10s -s sandbox/wrk_pages.lua \
--       -H "Authorization: Bearer sandbox-zendesk-sell-token-7f3a9c2e5b" http://127.0.0.1:8000 -- 2
--   wrk -t2 -c8 -d10s -s sandbox/wrk_pages.lua \
--       -H "Authorization: Bearer sandbox-ruddr-api-key-41d8e6b0c3" http://127.0.0.1:8000 -- 2 ruddr
-- The first argument after "--" is the number of wrk threads (-t), so the threads interleave pages.
-- "ruddr" pages Ruddr stages by cursor: startingAfter = the id of the last stage of the page before.
-- Start the server with more pages than a run asks for (large:10000000 has 100,000): pages past the
-- end are cheap (Zendesk Sell) or a 400 (Ruddr), and a restarted server has no page cached.
local threads = 0

function setup(thread)
  thread:set("first", threads)
  threads = threads + 1
end

function init(args)
  step = tonumber(args[1]) or 1
  ruddr = args[2] == "ruddr"
  page = first
end

-- The id of Ruddr stage number i of large:N, as resources/ruddr_opportunity_stages.py makes it (LARGE_IDS, salt
-- 0x51A6E5); the products are split into limbs so that every step stays exact in a double.
local function ruddr_stage_id(i)
  local head = ((i * 40503) % 65536 * 65536 + i * 31153 + 0x51A6E5) % 4294967296  -- 2654435761 = 40503 * 2^16 + 31153
  local node = ((i * 1502) % 16777216 * 16777216 + i * 15525485 + 0x51A6E5) % 281474976710656  -- 0x5DEECE66D = 1502 * 2^24 + 15525485
  return string.format("%08x-a6e5-4%03x-a6e5-%06x%06x", head, i % 4096,
                       math.floor(node / 16777216), node % 16777216)
end

function request()
  page = page + step
  if ruddr then
    return wrk.format("GET", "/api/workspace/opportunity-stages?limit=100&startingAfter=" ..
                      ruddr_stage_id((page - 1) * 100 - 1))
  end
  return wrk.format("GET", "/v2/stages?per_page=100&page=" .. page)
end
