import type { Resource } from "../app/useResource.ts";
import { useI18n } from "../i18n/index.tsx";

/** Loading and error states shared by every page; the error text comes from the API. */
export function Status<T>({ resource }: { resource: Resource<T> }) {
  const { t } = useI18n();
  if (resource.state === "loading" && resource.data === undefined) {
    return (
      <p className="status" role="status">
        {t("loading")}
      </p>
    );
  }
  if (resource.state === "error") {
    return (
      <p className="status error" role="alert">
        {t("error")}: {resource.error.message}
      </p>
    );
  }
  return null;
}
