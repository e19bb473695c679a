/**
 * The four headline figures on the chief's "I dag" page, each a single proportion: got help,
 * guided well (the guidance top two), seen and heard, and nothing to improve. Shared so the
 * server and the dashboard name them alike.
 */
export const headlineCodes = [
  "got_help",
  "guided_well",
  "seen_heard",
  "nothing_to_improve",
] as const;
export type HeadlineCode = (typeof headlineCodes)[number];
