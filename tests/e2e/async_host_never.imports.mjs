// Host function for async_host_never.zena: a promise that never settles.
export default { host: { never: () => new Promise(() => {}) } };
