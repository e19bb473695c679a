import { nextOpening, type OpeningHours, type Weekday } from "../../shared/opening-hours.ts";
import { useFocusHeading } from "../components/useFocusHeading.ts";

/**
 * Outside the site's opening hours (when the site turned this on): a calm closed screen that
 * starts no interview. Danish first, English beneath, as on the building's own signs.
 */
const dayNames: Record<Weekday, { da: string; en: string }> = {
  mon: { da: "mandag", en: "Monday" },
  tue: { da: "tirsdag", en: "Tuesday" },
  wed: { da: "onsdag", en: "Wednesday" },
  thu: { da: "torsdag", en: "Thursday" },
  fri: { da: "fredag", en: "Friday" },
  sat: { da: "lørdag", en: "Saturday" },
  sun: { da: "søndag", en: "Sunday" },
};

function opensAgain(hours: OpeningHours, timeZone: string): { da: string; en: string } | undefined {
  let next: ReturnType<typeof nextOpening>;
  try {
    next = nextOpening(hours, timeZone, new Date());
  } catch {
    return undefined;
  }
  if (!next) return undefined;
  const day =
    next.daysAhead === 0
      ? { da: "i dag", en: "today" }
      : next.daysAhead === 1
        ? { da: "i morgen", en: "tomorrow" }
        : { da: dayNames[next.day].da, en: `on ${dayNames[next.day].en}` };
  return {
    da: `Vi åbner igen ${day.da} kl. ${next.time.replace(":", ".")}.`,
    en: `We open again ${day.en} at ${next.time}.`,
  };
}

export function SleepScreen(props: { timezone: string; openingHours: OpeningHours }) {
  const heading = useFocusHeading<HTMLHeadingElement>("sleep");
  const again = opensAgain(props.openingHours, props.timezone);
  return (
    <section className="screen sleep" data-screen="sleep" lang="da" dir="ltr">
      <h1 ref={heading} tabIndex={-1}>
        Borgerservice er lukket
      </h1>
      {again ? <p className="intro">{again.da}</p> : null}
      <p className="intro" lang="en">
        Citizen service is closed.{again ? ` ${again.en}` : ""}
      </p>
    </section>
  );
}
