-- wrk script for the benchmark: optionally rotate over paths read from a file (one a
-- line, given after `--`), and print one line "WRKJSON {...}" with the counts, the
-- errors and the latency percentiles (microseconds) that run.py reads.
local paths = {}
local counter = 0

function init(args)
  if args[1] then
    for line in io.lines(args[1]) do
      if #line > 0 then paths[#paths + 1] = line end
    end
  end
  -- Threads start at different places in the list.
  counter = math.random(0, math.max(#paths - 1, 0))
end

function request()
  if #paths > 0 then
    counter = counter + 1
    return wrk.format("GET", paths[(counter % #paths) + 1])
  end
  return wrk.format("GET")
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "status_errors": %d, "timeouts": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
