-- The profile step (public name and description) is new: masters who already went public have
-- one, so their profile stays complete (in a migration of its own: the new enum value must be
-- committed before it is used)
INSERT INTO "master_onboarding_steps" ("master_id", "step")
SELECT "id", 'PROFILE' FROM "masters" WHERE "status" = 'ACTIVE'
ON CONFLICT DO NOTHING;
