import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

export type RequestDrain = {
  /** Wraps the app: counts running requests; once draining, answers close their connection. */
  handler: RequestListener;
  running(): number;
  /** Starts draining; resolves true when every running request has finished, false on timeout. */
  drain(timeoutMs: number): Promise<boolean>;
};

export function requestDrain(
  app: (req: IncomingMessage, res: ServerResponse) => void,
): RequestDrain {
  let running = 0;
  let draining = false;
  const waiters = new Set<() => void>();
  const handler: RequestListener = (req, res) => {
    running += 1;
    // A kiosk's keep-alive connection must not carry a new request into a stopping server.
    if (draining) res.setHeader("connection", "close");
    res.once("close", () => {
      running -= 1;
      if (running === 0) for (const wake of waiters) wake();
    });
    app(req, res);
  };
  return {
    handler,
    running: () => running,
    drain(timeoutMs) {
      draining = true;
      if (running === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(true);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          resolve(false);
        }, timeoutMs);
        waiters.add(wake);
      });
    },
  };
}
