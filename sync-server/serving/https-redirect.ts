import http from "node:http";

// A Host header is a DNS name, IPv4 or [IPv6], with an optional port: nothing else is echoed.
const hostPattern = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d+)?$/i;

/** Plain HTTP that only sends visitors (and old kiosks' POSTs: 308 keeps the method) to HTTPS. */
export function httpsRedirectServer(httpsPort: number): http.Server {
  return http.createServer((req, res) => {
    const match = hostPattern.exec(req.headers.host ?? "");
    if (!match?.[1]) {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: {
            code: "invalid_request",
            message: "Use HTTPS; this port only redirects requests that name a host.",
          },
        }),
      );
      return;
    }
    const port = httpsPort === 443 ? "" : `:${httpsPort}`;
    res.writeHead(308, { location: `https://${match[1]}${port}${req.url ?? "/"}` });
    res.end();
  });
}
