// Preloaded with `node --import` into a measured process: reports its peak resident memory.
process.on('exit', () => {
  process.stderr.write(`\nBAGUI_BENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
