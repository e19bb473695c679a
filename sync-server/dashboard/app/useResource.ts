import { useEffect, useState } from "react";

export type Resource<T> =
  | { state: "loading"; data?: T }
  | { state: "ready"; data: T }
  | { state: "error"; error: Error; data?: T };

/**
 * Loads data with an API function whenever `key` changes (filters, language-independent), and
 * again when `version` moves (live updates). Keeps the previous data while reloading so a
 * refresh does not blank the page; ignores answers that arrive after a newer request.
 */
export function useResource<T>(load: () => Promise<T>, key: string, version: number): Resource<T> {
  const [resource, setResource] = useState<Resource<T>>({ state: "loading" });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for everything `load` reads.
  useEffect(() => {
    let current = true;
    setResource((previous) =>
      previous.data === undefined
        ? { state: "loading" }
        : { state: "loading", data: previous.data },
    );
    load().then(
      (data) => current && setResource({ state: "ready", data }),
      (error: unknown) =>
        current &&
        setResource((previous) => ({
          state: "error",
          error: error instanceof Error ? error : new Error(String(error)),
          data: previous.data,
        })),
    );
    return () => {
      current = false;
    };
  }, [key, version]);
  return resource;
}
