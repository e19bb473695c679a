/**
 * Asks the browser to keep our IndexedDB even under storage pressure (Safari otherwise evicts
 * the data of sites not used for a while). The answer is recorded and shown in staff mode.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return false;
  try {
    if (await storage.persisted()) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}
