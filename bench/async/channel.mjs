// channel.mjs - a Promise-based channel, the way a JavaScript developer
// would write one: capacity 0 is a rendezvous (send waits for a receiver),
// otherwise send waits only while the buffer is full.  Waiters are served
// in arrival order.
export class Channel {
  #capacity;
  #buffer = [];     // values sent and not yet received
  #receivers = [];  // resolve functions of waiting receivers
  #senders = [];    // { value, resolve } of waiting senders

  constructor(capacity = 0) {
    this.#capacity = capacity;
  }

  async send(value) {
    const receiver = this.#receivers.shift();
    if (receiver) {
      receiver(value);
      return;
    }
    if (this.#buffer.length < this.#capacity) {
      this.#buffer.push(value);
      return;
    }
    await new Promise((resolve) => this.#senders.push({ value, resolve }));
  }

  async receive() {
    if (this.#buffer.length > 0) {
      const value = this.#buffer.shift();
      const sender = this.#senders.shift();
      if (sender) {
        this.#buffer.push(sender.value);
        sender.resolve();
      }
      return value;
    }
    const sender = this.#senders.shift();
    if (sender) {
      sender.resolve();
      return sender.value;
    }
    return new Promise((resolve) => this.#receivers.push(resolve));
  }
}
