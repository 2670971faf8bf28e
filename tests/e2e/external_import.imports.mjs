// Host functions for external_import.zena (an import object: module -> name -> fn).
export default {
  host: {
    twice: (x) => x * 2,
    add64: (a, b) => a + b, // i64 arrives as BigInt
  },
};
