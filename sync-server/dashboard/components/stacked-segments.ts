/** Geometry of a 100 % stacked bar (pure; unit-tested). */
export type AnswerFigureLike = {
  code: string;
  label: { da: string; en: string };
  percent: number | null;
};

export type Segment = { code: string; index: number; start: number; width: number };

/**
 * Segments in answer order, each as wide as its share. Rounded shares can add up to 99.9 or
 * 100.1, so when every share is shown the last segment ends at exactly 100. A hidden (null)
 * share is not drawn and nothing is stretched over its place: that would invent figures.
 */
export function segmentsOf(answers: readonly AnswerFigureLike[]): Segment[] {
  const complete = answers.every((answer) => answer.percent !== null);
  const shown = answers
    .map((answer, index) => ({ answer, index, percent: answer.percent ?? 0 }))
    .filter((item) => item.percent > 0);
  let start = 0;
  return shown.map((item, position) => {
    const last = complete && position === shown.length - 1;
    const width = last ? 100 - start : item.percent;
    const segment = { code: item.answer.code, index: item.index, start, width };
    start += width;
    return segment;
  });
}
