import type { Answers, ImproveReason } from "../../shared/response.ts";
import type { Random } from "./random.ts";

/**
 * One citizen's answers, drawn near the study's distributions (figures 3–7 of
 * ../shared/study.md) with its skip rates: got_help 84/84 answered, guidance 70/84, seen_heard
 * 76/84, improve 74/84. `mood` (−1 … +1) shifts a visit a little for or against, so that
 * weekdays and weeks differ the way real desks do.
 */
export function drawAnswers(random: Random, mood: number): Answers {
  const answers: Answers = {};
  const tilt = (p: number) => Math.min(0.99, Math.max(0.01, p + mood * 0.06));
  answers.got_help = random.chance(tilt(0.83)) ? "yes" : "no";
  if (random.chance(0.97)) {
    answers.sent_on = random.chance(0.12) ? "yes" : "no";
    if (answers.sent_on === "yes" && random.chance(0.9))
      answers.referred_ok = random.chance(tilt(0.8)) ? "yes" : "no";
  }
  if (random.chance(70 / 84)) {
    answers.guidance = random.pick([
      ["very_good", 70 + mood * 8],
      ["good", 23],
      ["poor", 4 - mood * 2],
      ["unacceptable", 3 - mood * 1.5],
    ] as const);
  }
  if (random.chance(76 / 84)) answers.seen_heard = random.chance(tilt(0.95)) ? "yes" : "no";
  if (random.chance(74 / 84)) {
    answers.improve = random.chance(tilt(0.77)) ? "nothing" : "could_be_better";
    if (answers.improve === "could_be_better") {
      const reasons = (
        [
          ["shorter_wait", 0.5 - mood * 0.15],
          ["help_with_everything", 0.3],
          ["know_departments", 0.25],
          ["other", 0.1],
        ] as const
      )
        .filter(([, p]) => random.chance(p))
        .map(([reason]): ImproveReason => reason);
      if (reasons.length > 0) answers.improve_reasons = reasons;
      if (random.chance(0.25))
        answers.improve_text = random.pick(comments.map((text) => [text, 1] as const));
    }
  }
  return answers;
}

/** What citizens wrote under «could be better», in their words (no personal data). */
const comments = [
  "Ventetiden var alt for lang, over en time.",
  "Det var svært at finde ud af, hvilken kø jeg skulle stå i.",
  "Medarbejderen kunne ikke hjælpe med min skat, så jeg blev sendt hjem igen.",
  "Flere skranker åbne i frokosttiden, tak.",
  "Jeg havde glemt mit MitID, og det tog lang tid at få hjælp.",
  "Venlig betjening, men jeg måtte komme igen i morgen.",
  "Det ville være godt at kunne bestille tid på forhånd.",
  "Svært at høre, hvad der blev sagt ved skranken.",
  "Skiltningen til Borgerservice kunne være bedre.",
  "Jeg blev sendt rundt mellem tre afdelinger.",
  "Åbningstiden om torsdagen passer mig godt, men fredag lukker for tidligt.",
  "Mere hjælp til ældre med det digitale.",
];

/** Answers an abandoning citizen gave before walking off: the first few, in interview order. */
export function truncateAnswers(answers: Answers, random: Random): Answers {
  const order = [
    "got_help",
    "sent_on",
    "referred_ok",
    "guidance",
    "seen_heard",
    "improve",
  ] as const;
  const keep = random.int(0, 3);
  const kept: Answers = {};
  for (const code of order.slice(0, keep)) {
    const value = answers[code];
    if (value !== undefined) Object.assign(kept, { [code]: value });
  }
  return kept;
}
