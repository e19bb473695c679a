import http from "node:http";

/**
 * POSTs one prepared JSON body over a kept-alive connection. node:http rather than fetch: the
 * load generator shares the 2 cores with the server and PostgreSQL (real kiosks bring their
 * own), and fetch's stream machinery cost it about 5 µs of CPU per response sent.
 */
export function post(
  agent: http.Agent,
  url: URL,
  token: string,
  body: Buffer,
  /** Gives up (rejects with a TimeoutError) when the whole exchange takes longer. */
  timeoutMs?: number,
) {
  return new Promise<{ status: number; text: string; retryAfter: number | undefined }>(
    (resolve, reject) => {
      const request = http.request(url, {
        agent,
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": body.length,
          authorization: `Bearer ${token}`,
        },
      });
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              const error = new Error(`no reply within ${timeoutMs} ms`);
              error.name = "TimeoutError";
              request.destroy(error);
            }, timeoutMs);
      request.on("close", () => clearTimeout(timer));
      request.on("error", reject);
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const retryAfter = response.headers["retry-after"];
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString(),
            retryAfter: retryAfter === undefined ? undefined : Number(retryAfter),
          });
        });
      });
      request.end(body);
    },
  );
}
