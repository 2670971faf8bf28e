// Host function for async_host_error.zena: its promise rejects.
export default {
  host: {
    fail: async (why) => { throw new Error(why); },
  },
};
