// Host function for declare_overloads.zena: every overload of `measure`
// imports this one function; it tells them apart by what arrives.
export default {
  host: {
    measure: (...args) => args.length * 100 + (typeof args[0] === 'boolean' ? 7 : Math.round(args[0])),
  },
};
