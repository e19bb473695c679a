/**
 * The rollup tables' count columns (db/migrations/0005_rollups.sql), as constant SQL fragments
 * shared by the ingest upsert, the backfill and the report queries so they can never disagree.
 * Nothing here comes from input. Column `<question>_<answer>` is aliased "<question>.<answer>"
 * in reports, so the report code maps it onto the questionnaire's codes.
 */

/**
 * The condition for a response to be counted anywhere: it answers at least one question. One
 * that answers none (Start, then Back or walking away, sent by kiosks before issue 11) is still
 * stored, because its seq matters to the gap check, but it is a passer-by, not a citizen's view.
 * Every rollup and every count from raw responses filters on it.
 */
export const answeredAnything = `num_nonnulls(got_help, sent_on, referred_ok, guidance, seen_heard,
  improve, improve_reasons, improve_text) > 0`;

/** The count columns, in table order. */
export const countColumns = `responses, abandoned, got_help_yes, got_help_no, sent_on_yes,
  sent_on_no, referred_ok_yes, referred_ok_no, guidance_very_good, guidance_good, guidance_poor,
  guidance_unacceptable, seen_heard_yes, seen_heard_no, improve_nothing, improve_could_be_better,
  improve_reasons_shorter_wait, improve_reasons_help_with_everything,
  improve_reasons_know_departments, improve_reasons_other`;

/** The same counts computed from raw `responses` rows (in countColumns order). */
export const countsFromResponses = `count(*),
  count(*) filter (where status = 'abandoned'),
  count(*) filter (where got_help = 'yes'),
  count(*) filter (where got_help = 'no'),
  count(*) filter (where sent_on = 'yes'),
  count(*) filter (where sent_on = 'no'),
  count(*) filter (where referred_ok = 'yes'),
  count(*) filter (where referred_ok = 'no'),
  count(*) filter (where guidance = 'very_good'),
  count(*) filter (where guidance = 'good'),
  count(*) filter (where guidance = 'poor'),
  count(*) filter (where guidance = 'unacceptable'),
  count(*) filter (where seen_heard = 'yes'),
  count(*) filter (where seen_heard = 'no'),
  count(*) filter (where improve = 'nothing'),
  count(*) filter (where improve = 'could_be_better'),
  count(*) filter (where 'shorter_wait' = any (improve_reasons)),
  count(*) filter (where 'help_with_everything' = any (improve_reasons)),
  count(*) filter (where 'know_departments' = any (improve_reasons)),
  count(*) filter (where 'other' = any (improve_reasons))`;

/** Sums of a batch's counts (a CTE named batch with the countColumns), for re-grouping. */
export const sumsOfBatch = `sum(responses), sum(abandoned), sum(got_help_yes), sum(got_help_no),
  sum(sent_on_yes), sum(sent_on_no), sum(referred_ok_yes), sum(referred_ok_no),
  sum(guidance_very_good), sum(guidance_good), sum(guidance_poor), sum(guidance_unacceptable),
  sum(seen_heard_yes), sum(seen_heard_no), sum(improve_nothing), sum(improve_could_be_better),
  sum(improve_reasons_shorter_wait), sum(improve_reasons_help_with_everything),
  sum(improve_reasons_know_departments), sum(improve_reasons_other)`;

/** ON CONFLICT … DO UPDATE: add the batch's counts to the stored row (alias t). */
export const addExcluded = `responses = t.responses + excluded.responses,
  abandoned = t.abandoned + excluded.abandoned,
  got_help_yes = t.got_help_yes + excluded.got_help_yes,
  got_help_no = t.got_help_no + excluded.got_help_no,
  sent_on_yes = t.sent_on_yes + excluded.sent_on_yes,
  sent_on_no = t.sent_on_no + excluded.sent_on_no,
  referred_ok_yes = t.referred_ok_yes + excluded.referred_ok_yes,
  referred_ok_no = t.referred_ok_no + excluded.referred_ok_no,
  guidance_very_good = t.guidance_very_good + excluded.guidance_very_good,
  guidance_good = t.guidance_good + excluded.guidance_good,
  guidance_poor = t.guidance_poor + excluded.guidance_poor,
  guidance_unacceptable = t.guidance_unacceptable + excluded.guidance_unacceptable,
  seen_heard_yes = t.seen_heard_yes + excluded.seen_heard_yes,
  seen_heard_no = t.seen_heard_no + excluded.seen_heard_no,
  improve_nothing = t.improve_nothing + excluded.improve_nothing,
  improve_could_be_better = t.improve_could_be_better + excluded.improve_could_be_better,
  improve_reasons_shorter_wait = t.improve_reasons_shorter_wait + excluded.improve_reasons_shorter_wait,
  improve_reasons_help_with_everything =
    t.improve_reasons_help_with_everything + excluded.improve_reasons_help_with_everything,
  improve_reasons_know_departments =
    t.improve_reasons_know_departments + excluded.improve_reasons_know_departments,
  improve_reasons_other = t.improve_reasons_other + excluded.improve_reasons_other,
  updated_at = now()`;

/** Report sums over rollup rows, aliased "<question>.<answer>" (int8 → number, see db.ts). */
export const reportSums = `sum(responses) as "responses",
  sum(got_help_yes) as "got_help.yes", sum(got_help_no) as "got_help.no",
  sum(sent_on_yes) as "sent_on.yes", sum(sent_on_no) as "sent_on.no",
  sum(referred_ok_yes) as "referred_ok.yes", sum(referred_ok_no) as "referred_ok.no",
  sum(guidance_very_good) as "guidance.very_good", sum(guidance_good) as "guidance.good",
  sum(guidance_poor) as "guidance.poor", sum(guidance_unacceptable) as "guidance.unacceptable",
  sum(seen_heard_yes) as "seen_heard.yes", sum(seen_heard_no) as "seen_heard.no",
  sum(improve_nothing) as "improve.nothing",
  sum(improve_could_be_better) as "improve.could_be_better",
  sum(improve_reasons_shorter_wait) as "improve_reasons.shorter_wait",
  sum(improve_reasons_help_with_everything) as "improve_reasons.help_with_everything",
  sum(improve_reasons_know_departments) as "improve_reasons.know_departments",
  sum(improve_reasons_other) as "improve_reasons.other"`;

/** The same report sums computed from raw responses: the benchmark's baseline and tests' oracle. */
export const reportCountsFromResponses = `count(*) as "responses",
  count(*) filter (where got_help = 'yes') as "got_help.yes",
  count(*) filter (where got_help = 'no') as "got_help.no",
  count(*) filter (where sent_on = 'yes') as "sent_on.yes",
  count(*) filter (where sent_on = 'no') as "sent_on.no",
  count(*) filter (where referred_ok = 'yes') as "referred_ok.yes",
  count(*) filter (where referred_ok = 'no') as "referred_ok.no",
  count(*) filter (where guidance = 'very_good') as "guidance.very_good",
  count(*) filter (where guidance = 'good') as "guidance.good",
  count(*) filter (where guidance = 'poor') as "guidance.poor",
  count(*) filter (where guidance = 'unacceptable') as "guidance.unacceptable",
  count(*) filter (where seen_heard = 'yes') as "seen_heard.yes",
  count(*) filter (where seen_heard = 'no') as "seen_heard.no",
  count(*) filter (where improve = 'nothing') as "improve.nothing",
  count(*) filter (where improve = 'could_be_better') as "improve.could_be_better",
  count(*) filter (where 'shorter_wait' = any (improve_reasons)) as "improve_reasons.shorter_wait",
  count(*) filter (where 'help_with_everything' = any (improve_reasons))
    as "improve_reasons.help_with_everything",
  count(*) filter (where 'know_departments' = any (improve_reasons))
    as "improve_reasons.know_departments",
  count(*) filter (where 'other' = any (improve_reasons)) as "improve_reasons.other"`;
