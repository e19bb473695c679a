import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

/**
 * WebKit, the iPad's engine, driven over W3C WebDriver: Debian's WebKitWebDriver starts
 * MiniBrowser (WebKitGTK) on an Xvfb display. Playwright cannot download its own WebKit here, so
 * this is a deliberately small WebDriver client: sessions, navigation, element clicks and scripts.
 */
export const webkitDriverPath = process.env.WEBKIT_DRIVER_PATH ?? "/usr/bin/WebKitWebDriver";
const miniBrowserCandidates = [
  "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
  "/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
  "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser",
];

export function webkitAvailable(): string | undefined {
  if (!fs.existsSync(webkitDriverPath))
    return `no ${webkitDriverPath} (apt-get install webkit2gtk-driver)`;
  if (!fs.existsSync("/usr/bin/Xvfb")) return "no Xvfb (apt-get install xvfb)";
  if (!miniBrowser()) return "no MiniBrowser (it comes with libwebkit2gtk)";
  return undefined;
}

function miniBrowser(): string | undefined {
  return miniBrowserCandidates.find((candidate) => fs.existsSync(candidate));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not listen on ${port}`);
}

type WebDriverValue = { value: unknown };

export class WebKitSession {
  private constructor(
    private readonly base: string,
    private readonly id: string,
    private readonly processes: ChildProcess[],
  ) {}

  static async start(): Promise<WebKitSession> {
    const display = `:${90 + Math.floor(Math.random() * 400)}`;
    const xvfb = spawn(
      "/usr/bin/Xvfb",
      // Square and large enough for the kiosk in landscape and in portrait (820×1180).
      [display, "-screen", "0", "1400x1400x24", "-nolisten", "tcp"],
      {
        stdio: "ignore",
      },
    );
    const port = await freePort();
    const driver = spawn(webkitDriverPath, [`--port=${port}`], {
      stdio: "ignore",
      env: { ...process.env, DISPLAY: display },
    });
    const processes = [driver, xvfb];
    try {
      await waitForPort(port, 15_000);
      const base = `http://127.0.0.1:${port}`;
      const response = await fetch(`${base}/session`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          capabilities: {
            alwaysMatch: {
              browserName: "MiniBrowser",
              "webkitgtk:browserOptions": { binary: miniBrowser(), args: ["--automation"] },
            },
          },
        }),
      });
      const body = (await response.json()) as { value: { sessionId?: string; message?: string } };
      if (!body.value.sessionId)
        throw new Error(`WebDriver session: ${JSON.stringify(body.value)}`);
      return new WebKitSession(base, body.value.sessionId, processes);
    } catch (error) {
      for (const child of processes) child.kill("SIGTERM");
      throw error;
    }
  }

  private async command(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const result = (await response.json()) as WebDriverValue;
    if (!response.ok)
      throw new Error(`WebDriver ${method} ${path}: ${JSON.stringify(result.value)}`);
    return result.value;
  }

  async goto(url: string): Promise<void> {
    await this.command("POST", "/url", { url });
  }

  /**
   * Replaces the window with a new one: the old page, and any page WebKit still keeps from its
   * history, is destroyed, so whatever IndexedDB transaction it held open is gone with it.
   */
  async freshWindow(): Promise<void> {
    const opened = (await this.command("POST", "/window/new", { type: "window" })) as {
      handle: string;
    };
    await this.command("DELETE", "/window");
    await this.command("POST", "/window", { handle: opened.handle });
  }

  /** Runs `script` (a function body; `arguments` are `args`) in the page and returns its result. */
  execute<T>(script: string, args: unknown[] = []): Promise<T> {
    return this.command("POST", "/execute/sync", { script, args }) as Promise<T>;
  }

  /** Like execute, but the body calls `arguments[arguments.length - 1](result)` when done. */
  executeAsync<T>(script: string, args: unknown[] = []): Promise<T> {
    return this.command("POST", "/execute/async", { script, args }) as Promise<T>;
  }

  private async find(selector: string): Promise<string> {
    const element = (await this.command("POST", "/element", {
      using: "css selector",
      value: selector,
    })) as Record<string, string>;
    const elementId = Object.values(element)[0];
    if (!elementId) throw new Error(`WebDriver found no ${selector}`);
    return elementId;
  }

  /** Clicks the first element matching a CSS selector, as a user would. */
  async click(selector: string): Promise<void> {
    await this.command("POST", `/element/${await this.find(selector)}/click`, {});
  }

  /**
   * Two taps on the middle of the element, `gapMs` apart, as one WebDriver action sequence: the
   * browser runs the pause itself, so the gap does not stretch with the test machine's load.
   */
  async tapTwice(selector: string, gapMs: number): Promise<void> {
    const element = await this.find(selector);
    const origin = { "element-6066-11e4-a52e-4f735466cecf": element };
    await this.command("POST", "/actions", {
      actions: [
        {
          type: "pointer",
          id: "finger",
          parameters: { pointerType: "mouse" },
          actions: [
            { type: "pointerMove", duration: 0, origin, x: 0, y: 0 },
            { type: "pointerDown", button: 0 },
            { type: "pointerUp", button: 0 },
            { type: "pause", duration: gapMs },
            { type: "pointerDown", button: 0 },
            { type: "pointerUp", button: 0 },
          ],
        },
      ],
    });
    await this.command("DELETE", "/actions");
  }

  /** Sizes the browser window so its page is about width × height CSS px. */
  async setViewport(width: number, height: number): Promise<void> {
    await this.command("POST", "/window/rect", { width, height });
  }

  private async element(selector: string): Promise<{ key: string; id: string }> {
    const element = (await this.command("POST", "/element", {
      using: "css selector",
      value: selector,
    })) as Record<string, string>;
    const [key = "", id = ""] = Object.entries(element)[0] ?? [];
    return { key, id };
  }

  /** Clears a field and types into it, key by key, as a user would. */
  async type(selector: string, text: string): Promise<void> {
    const { id } = await this.element(selector);
    await this.command("POST", `/element/${id}/clear`, {});
    await this.command("POST", `/element/${id}/value`, { text });
  }

  /** Presses on an element, holds for holdMs, releases (a long press). */
  async hold(selector: string, holdMs: number): Promise<void> {
    const { key, id } = await this.element(selector);
    await this.command("POST", "/actions", {
      actions: [
        {
          type: "pointer",
          id: "finger",
          parameters: { pointerType: "mouse" },
          actions: [
            { type: "pointerMove", origin: { [key]: id }, x: 0, y: 0 },
            { type: "pointerDown", button: 0 },
            { type: "pause", duration: holdMs },
            { type: "pointerUp", button: 0 },
          ],
        },
      ],
    });
    await this.command("DELETE", "/actions");
  }

  /** Polls `script` (returning a boolean) until true. */
  async waitFor(script: string, args: unknown[] = [], timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      try {
        if (await this.execute<boolean>(script, args)) return;
      } catch {
        // The page may be between documents during a reload.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Timed out waiting for: ${script}`);
  }

  async close(): Promise<void> {
    try {
      await this.command("DELETE", "");
    } finally {
      for (const child of this.processes) child.kill("SIGTERM");
    }
  }
}
