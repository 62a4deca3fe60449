-- Search pages: the masters of a city in the page order (name, then id), so a page reads its rows
-- in order and stops after first + 1 of them instead of sorting the whole city. Partial, on the
-- parts of the visibility rule (master.visibility.ts) that Prisma sends as plain boolean tests,
-- so that the planner can match them: its status test is a cast of a parameter, which a
-- predicate could not be proven from, and is checked on the rows instead. Prisma's schema
-- language cannot say a partial index, hence hand-written.
CREATE INDEX "masters_search_page_idx" ON "masters" ("city_id", "display_name", "id")
  WHERE "is_active" AND "profile_completed_at" IS NOT NULL;
