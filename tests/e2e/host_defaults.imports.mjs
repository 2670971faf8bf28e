// Host functions for host_defaults.zena: `count` tells which arguments
// arrived, `echo` hands back its second one (the call's location when the
// program leaves it out).
export default {
  host: {
    count: (x, step, tag) => x * 1000 + step + (tag === null ? 0 : 500),
    echo: (msg, loc) => loc,
  },
};
