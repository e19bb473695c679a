import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Stands between the kiosk page and the sync server, and serves the page itself (same origin).
 * It can drop a reply after the server has sent it (so the server committed and the kiosk never
 * hears), hold a reply for a while, and tells the test when a sync request passes.
 */
export type FaultProxy = {
  url: string;
  /**
   * The next n sync replies that accepted something are read from the server in full (so the
   * batch is committed), then the connection is cut instead of passing them on.
   */
  dropReplies(n: number): void;
  dropsLeft(): number;
  /** The next sync reply waits this long before it is passed on. */
  holdNextReply(ms: number): void;
  /** Called as each sync request is forwarded. */
  onSync(listener: (() => void) | undefined): void;
  syncRequests(): number;
  /** Ids the server answered as duplicates in replies that reached the kiosk. */
  duplicatesDelivered(): number;
  /** What became of the last sync requests ("200", "503", "cut", "upstream gone"): for reports. */
  recentOutcomes(): string[];
  close(): Promise<void>;
};

export async function startFaultProxy(
  upstreamPort: number,
  harnessJs: string,
): Promise<FaultProxy> {
  let drop = 0;
  let hold = 0;
  let listener: (() => void) | undefined;
  let syncs = 0;
  let duplicates = 0;
  const outcomes: string[] = [];
  const note = (isSync: boolean, outcome: string) => {
    if (!isSync) return;
    outcomes.push(outcome);
    if (outcomes.length > 12) outcomes.shift();
  };
  const page = `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>sync harness</title></head>
<body><script type="module" src="/harness/harness.js"></script></body></html>`;

  const server = http.createServer((req, res) => {
    if (req.url === "/harness/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
      return;
    }
    if (req.url === "/harness/harness.js") {
      res.writeHead(200, { "content-type": "text/javascript" }).end(harnessJs);
      return;
    }
    const isSync = req.url === "/api/v1/sync";
    if (isSync) syncs += 1;
    const holdThis = isSync ? hold : 0;
    if (isSync) hold = 0;
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: upstreamPort,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (reply) => {
        const chunks: Buffer[] = [];
        reply.on("data", (chunk: Buffer) => chunks.push(chunk));
        reply.on("error", () => req.socket.destroy());
        reply.on("end", () => {
          const body = Buffer.concat(chunks);
          const verdict =
            isSync && reply.statusCode === 200
              ? (JSON.parse(body.toString()) as { accepted: string[]; duplicates: string[] })
              : undefined;
          if (verdict && verdict.accepted.length > 0 && drop > 0) {
            drop -= 1;
            note(isSync, "cut");
            req.socket.destroy();
            return;
          }
          duplicates += verdict?.duplicates.length ?? 0;
          note(isSync, String(reply.statusCode));
          setTimeout(() => {
            res.writeHead(reply.statusCode ?? 502, reply.headers).end(body);
          }, holdThis);
        });
      },
    );
    // The server gone (killed, restarting) looks to the kiosk like a network failure.
    upstream.on("error", () => {
      note(isSync, "upstream gone");
      req.socket.destroy();
    });
    req.pipe(upstream);
    if (isSync) listener?.();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dropReplies: (n) => {
      drop = n;
    },
    holdNextReply: (ms) => {
      hold = ms;
    },
    onSync: (next) => {
      listener = next;
    },
    dropsLeft: () => drop,
    syncRequests: () => syncs,
    duplicatesDelivered: () => duplicates,
    recentOutcomes: () => [...outcomes],
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
