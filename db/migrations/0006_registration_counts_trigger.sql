-- Keeps registration_counts equal to count(*) grouped by (org, course, payment status, status).
-- Statement-level with transition tables, so a set-based insert of 100,000 rows costs one upsert per
-- group. All deltas of a statement go in one upsert in key order, so concurrent payments and voids
-- lock counter rows in the same order (no deadlock between them).
create or replace function bursar_registration_counts_ins() returns trigger language plpgsql as $$
begin
  insert into registration_counts (org_id, course_id, payment_status, status, n)
  select org_id, course_id, payment_status, status, count(*) from new_rows group by 1, 2, 3, 4 order by 1, 2, 3, 4
  on conflict (org_id, course_id, payment_status, status) do update set n = registration_counts.n + excluded.n;
  return null;
end $$;
--> statement-breakpoint
create or replace function bursar_registration_counts_del() returns trigger language plpgsql as $$
begin
  insert into registration_counts (org_id, course_id, payment_status, status, n)
  select org_id, course_id, payment_status, status, -count(*) from old_rows group by 1, 2, 3, 4 order by 1, 2, 3, 4
  on conflict (org_id, course_id, payment_status, status) do update set n = registration_counts.n + excluded.n;
  return null;
end $$;
--> statement-breakpoint
create or replace function bursar_registration_counts_upd() returns trigger language plpgsql as $$
begin
  insert into registration_counts (org_id, course_id, payment_status, status, n)
  select org_id, course_id, payment_status, status, sum(n) from (
    select o.org_id, o.course_id, o.payment_status, o.status, -1 as n
    from old_rows o join new_rows w on w.id = o.id
    where (o.course_id, o.payment_status, o.status) is distinct from (w.course_id, w.payment_status, w.status)
    union all
    select w.org_id, w.course_id, w.payment_status, w.status, 1
    from old_rows o join new_rows w on w.id = o.id
    where (o.course_id, o.payment_status, o.status) is distinct from (w.course_id, w.payment_status, w.status)
  ) d
  group by 1, 2, 3, 4 having sum(n) <> 0 order by 1, 2, 3, 4
  on conflict (org_id, course_id, payment_status, status) do update set n = registration_counts.n + excluded.n;
  return null;
end $$;
--> statement-breakpoint
create trigger registrations_counts_ins after insert on registrations
  referencing new table as new_rows for each statement execute function bursar_registration_counts_ins();
--> statement-breakpoint
create trigger registrations_counts_del after delete on registrations
  referencing old table as old_rows for each statement execute function bursar_registration_counts_del();
--> statement-breakpoint
create trigger registrations_counts_upd after update on registrations
  referencing old table as old_rows new table as new_rows for each statement execute function bursar_registration_counts_upd();
