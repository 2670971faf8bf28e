// Host functions for async_host.zena: async ones return promises.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export default {
  host: {
    delayedEcho: async (text, ms) => { await sleep(ms); return `<${text}>`; },
    square: async (x) => x * x,
    negate: async (b) => !b,
    tick: async () => { await sleep(1); },
    fail: async (why) => { throw new Error(why); },
    now: () => 7,
  },
};
