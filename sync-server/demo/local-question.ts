import type { LocalQuestionDraft } from "../../shared/local-questions.ts";
import type { Random } from "./random.ts";

/**
 * The demo's local question, issue 14's example: what the citizen came for. Each errand has its
 * share of visits and a tilt of the visit's mood (a forgotten MitID or a pension matter goes
 * less well than a passport), so the local breakdown shows differences worth reading.
 */
const errands = [
  { code: "pas", label: { da: "Pas", en: "Passport" }, share: 30, mood: 0.15 },
  { code: "korekort", label: { da: "Kørekort", en: "Driving licence" }, share: 20, mood: 0.1 },
  {
    code: "sundhedskort",
    label: { da: "Sundhedskort", en: "Health insurance card" },
    share: 15,
    mood: 0,
  },
  { code: "mitid", label: { da: "MitID", en: "MitID" }, share: 15, mood: -0.5 },
  {
    code: "pension_boligstotte",
    label: { da: "Pension eller boligstøtte", en: "Pension or housing benefit" },
    share: 10,
    mood: -0.35,
  },
  { code: "andet", label: { da: "Andet", en: "Something else" }, share: 10, mood: 0 },
] as const;

export const demoLocalQuestion: { code: string; draft: LocalQuestionDraft } = {
  code: "errand",
  draft: {
    text: { da: "Hvad kom du for?", en: "What did you come for?" },
    answers: errands.map(({ code, label }) => ({ code, label })),
  },
};

/** The share of citizens who answer it when they reach it (it comes last, so most do). */
const answered = 0.9;

export type DemoErrand = { code: string; mood: number; answered: boolean };

/** One visit's errand: what it was, how it tilts the mood, and whether the citizen said so. */
export function drawErrand(random: Random): DemoErrand {
  const errand = random.pick(errands.map((candidate) => [candidate, candidate.share] as const));
  return { code: errand.code, mood: errand.mood, answered: random.chance(answered) };
}
