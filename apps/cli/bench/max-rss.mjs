// Preloaded with `node --import` into a measured process: reports its peak resident memory and
// the CPU time it used (user + system), which a loaded machine's wall time hides.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nBAGUI_BENCH_MAX_RSS_KB=${usage.maxRSS}\nBAGUI_BENCH_CPU_US=${usage.userCPUTime + usage.systemCPUTime}\n`);
});
