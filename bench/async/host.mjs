// host.mjs - the host functions the async benchmarks import (`env`), passed
// to zena-run with --imports=: a clock and memory figures, read inside the
// program so that Node's start and the module's compilation are not timed.
export default {
  env: {
    now: () => performance.now(),                               // ms
    rssMb: () => process.memoryUsage.rss() / 1048576,           // resident now
    peakRssMb: () => process.resourceUsage().maxRSS / 1024,     // peak so far
  },
};
