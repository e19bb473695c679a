-- rewrites: none; probes responses_kiosk_seq_idx in every partition once per kiosk (kiosk_health locked meanwhile; timed in npm run bench -- migrations)
-- The id of each kiosk's first response numbered 1 (issue #18). A sync bringing a seq 1 used to
-- ask responses whether the kiosk already had another seq 1; responses is partitioned by id,
-- the lookup is by kiosk, so PostgreSQL planned it over every monthly partition: ~45 ms of CPU
-- per such sync at 145 partitions, more than the rest of the sync. Any other seq 1 under a new
-- id is a restart (sync-server/queries/kiosk-health.ts), so this one id is all that is needed.
alter table kiosk_health add column first_seq_one_id uuid;

-- Not a scan: per kiosk, one probe of responses_kiosk_seq_idx in each monthly partition (the
-- lookup is by kiosk, so none is pruned): ~440 K probes for 3,000 kiosks at 145 partitions,
-- seconds, with kiosk_health locked by the ALTER until the migration commits.
update kiosk_health as h
   set first_seq_one_id = (
     select r.id from responses r
      where r.municipality_id = h.municipality_id and r.kiosk_id = h.kiosk_id and r.seq = 1
      order by r.id
      limit 1);
