import {
  type AnswerCode,
  type Answers,
  type ChoiceCode,
  isAsked,
  type QuestionCode,
  questionnaireVersion,
  questionsOf,
} from "../../shared/questionnaire.ts";
import type { Random } from "./random.ts";

/**
 * How a demo citizen answers each question, near the study's distributions (figures 3–7 of
 * ../shared/study.md) with its skip rates: got_help 84/84 answered, guidance 70/84, seen_heard
 * 76/84, improve 74/84. `answered` is the share who answer when asked; a single choice draws
 * one code by weight, a multi choice ticks each code with its own chance. `mood` (−1 … +1)
 * shifts a visit a little for or against, so that weekdays and weeks differ the way real
 * desks do. Keyed by the questionnaire's types: a question or code added there fails the
 * typecheck here until the demo says how it is answered.
 */
type DemoOf<C extends QuestionCode> = C extends ChoiceCode
  ? { answered: number; weights: (mood: number) => Record<AnswerCode<C>, number> }
  : { answered: number; texts: readonly string[] };

const tilt = (p: number, mood: number) => Math.min(0.99, Math.max(0.01, p + mood * 0.06));
const yesShare = (p: number) => (mood: number) => ({ yes: tilt(p, mood), no: 1 - tilt(p, mood) });

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

const demoAnswers: { [C in QuestionCode]: DemoOf<C> } = {
  got_help: { answered: 1, weights: yesShare(0.83) },
  // The study's reasons for not getting help, most often another authority's matter.
  no_help_reasons: {
    answered: 0.8,
    weights: () => ({ other_authority: 0.5, forgot_mitid: 0.25, staff_busy: 0.2, other: 0.1 }),
  },
  sent_on: { answered: 0.97, weights: () => ({ yes: 0.12, no: 0.88 }) },
  referred_ok: { answered: 0.9, weights: yesShare(0.8) },
  guidance: {
    answered: 70 / 84,
    weights: (mood) => ({
      very_good: 70 + mood * 8,
      good: 23,
      poor: 4 - mood * 2,
      unacceptable: 3 - mood * 1.5,
    }),
  },
  seen_heard: { answered: 76 / 84, weights: yesShare(0.95) },
  improve: {
    answered: 74 / 84,
    weights: (mood) => ({ nothing: tilt(0.77, mood), could_be_better: 1 - tilt(0.77, mood) }),
  },
  improve_reasons: {
    answered: 1,
    weights: (mood) => ({
      shorter_wait: 0.5 - mood * 0.15,
      help_with_everything: 0.3,
      know_departments: 0.25,
      other: 0.1,
    }),
  },
  improve_text: { answered: 0.25, texts: comments },
};

const entries = (record: Readonly<Record<string, number>>) => Object.entries(record);

/** One citizen's answers to the current questionnaire, walking its flow question by question. */
export function drawAnswers(random: Random, mood: number): Answers {
  const answers: Record<string, unknown> = {};
  for (const question of questionsOf(questionnaireVersion)) {
    const demo: DemoOf<QuestionCode> = demoAnswers[question.code];
    if (!isAsked(question, answers as Answers) || !random.chance(demo.answered)) continue;
    if ("texts" in demo) {
      answers[question.code] = random.pick(demo.texts.map((text) => [text, 1] as const));
    } else if (question.kind === "multi") {
      const ticked = entries(demo.weights(mood))
        .filter(([, p]) => random.chance(p))
        .map(([code]) => code);
      if (ticked.length > 0) answers[question.code] = ticked;
    } else {
      answers[question.code] = random.pick(entries(demo.weights(mood)));
    }
  }
  // Built from the questionnaire's own codes, question by question.
  return answers as Answers;
}

/** Answers an abandoning citizen gave before walking off: the first few questions, in order. */
export function truncateAnswers(answers: Answers, random: Random): Answers {
  const keep = random.int(0, 3);
  const kept: Record<string, unknown> = {};
  for (const question of questionsOf(questionnaireVersion).slice(0, keep)) {
    const value = answers[question.code];
    if (value !== undefined) kept[question.code] = value;
  }
  return kept as Answers;
}
