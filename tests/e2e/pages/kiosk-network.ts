import net from "node:net";

/**
 * The kiosk's network, as a switch both browsers obey: a TCP relay between the browser and the
 * server on its own port (the kiosk's origin), which can be cut. WebDriver has no offline
 * switch (Chromium's setOffline has no WebKit twin), so both engines lose the network the same
 * way: every open connection is reset and new ones are refused while it is down. The server
 * keeps running and the origin stays the same, so the kiosk finds its server again once the
 * relay is back, as a tablet does when the Wi-Fi returns.
 */
export type KioskNetwork = {
  /** The origin the browser uses. */
  readonly baseUrl: string;
  setOnline(online: boolean): void;
  close(): Promise<void>;
};

export async function startKioskNetwork(upstreamPort: number): Promise<KioskNetwork> {
  let online = true;
  const open = new Set<net.Socket>();
  const track = (socket: net.Socket, other: () => net.Socket | undefined) => {
    open.add(socket);
    // A reset on either side ends both: the relay holds nothing half-open.
    socket.on("error", () => other()?.destroy());
    socket.on("close", () => {
      open.delete(socket);
      other()?.destroy();
    });
  };
  const relay = net.createServer((client) => {
    if (!online) {
      client.on("error", () => {});
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(upstreamPort, "127.0.0.1");
    track(client, () => upstream);
    track(upstream, () => client);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    relay.once("error", reject);
    relay.listen(0, "127.0.0.1", () => {
      relay.off("error", reject);
      resolve();
    });
  });
  // Past listening, an error of the relay itself (not of a connection) is the test's to see.
  relay.on("error", (error) => console.error("kiosk network relay:", error));
  const { port } = relay.address() as net.AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    setOnline(next) {
      online = next;
      if (!online) for (const socket of open) socket.resetAndDestroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        relay.close(() => resolve());
      }),
  };
}
