import { type CompareRow, headlineCodes } from "../api/types.ts";
import { formatCount } from "../app/format.ts";
import { useI18n } from "../i18n/index.tsx";
import { HeadlineValue } from "./HeadlineValue.tsx";
import { ScrollTable } from "./ScrollTable.tsx";

/**
 * One row per site or kiosk (or per answer of a local question), every headline with its
 * interval so overlaps are visible.
 */
export function CompareTable({ rows, label }: { rows: CompareRow[]; label?: string }) {
  const { t, lang } = useI18n();
  return (
    <ScrollTable label={label ?? t("compareTitle")}>
      <table className="compare">
        <thead>
          <tr>
            <th scope="col">{t("name")}</th>
            <th scope="col" className="numeric">
              {t("responses")}
            </th>
            {headlineCodes.map((code) => (
              <th key={code} scope="col">
                {t(`h_${code}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">{row.name}</th>
              <td className="numeric">{formatCount(row.responses, lang)}</td>
              {headlineCodes.map((code) => (
                <td key={code}>
                  <HeadlineValue value={row[code]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
