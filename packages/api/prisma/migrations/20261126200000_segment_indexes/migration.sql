-- Segment reads (analytics/segments.service.ts) as index-only scans: the (service, city,
-- recency) indexes also carry the remaining columns a member needs, so a page or a count
-- never visits the table (index names unchanged, as schema.prisma declares them, since
-- Prisma cannot express INCLUDE).
DROP INDEX "client_service_stats_service_id_city_id_last_booked_at_clie_idx";
CREATE INDEX "client_service_stats_service_id_city_id_last_booked_at_clie_idx" ON "client_service_stats"("service_id", "city_id", "last_booked_at" DESC, "client_id") INCLUDE ("bookings_count");

DROP INDEX "client_service_interest_service_id_city_id_last_seen_at_cli_idx";
CREATE INDEX "client_service_interest_service_id_city_id_last_seen_at_cli_idx" ON "client_service_interest"("service_id", "city_id", "last_seen_at" DESC, "client_id") INCLUDE ("first_seen_at");

-- Erased clients are few: segments leave them out with an anti-join against this small
-- partial index instead of looking up every member.
CREATE INDEX "clients_erased_idx" ON "clients"("id") WHERE "erased_at" IS NOT NULL;
