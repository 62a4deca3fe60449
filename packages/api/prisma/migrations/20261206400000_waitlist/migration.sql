-- CreateEnum
CREATE TYPE "WaitlistEntryEnd" AS ENUM ('FULFILLED', 'LEFT', 'REPLACED');

-- CreateEnum
CREATE TYPE "WaitlistOfferStatus" AS ENUM ('HELD', 'CLAIMED', 'EXPIRED', 'WITHDRAWN');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'WAITLIST_OFFER';
ALTER TYPE "NotificationKind" ADD VALUE 'WAITLIST_OFFER_EXPIRED';

-- AlterTable
ALTER TABLE "notification_deliveries" ADD COLUMN     "waitlist_offer_id" UUID,
ALTER COLUMN "booking_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "waitlist_entries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "client_id" UUID NOT NULL,
    "master_id" UUID NOT NULL,
    "master_service_id" UUID NOT NULL,
    "dates" DATE[],
    "wish_from" TIMESTAMPTZ(3) NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,
    "client_name" TEXT NOT NULL,
    "client_phone" TEXT NOT NULL,
    "preferred_channels" "ContactChannel"[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT clock_timestamp(),
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" "WaitlistEntryEnd",

    CONSTRAINT "waitlist_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "waitlist_offers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "entry_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "master_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "WaitlistOfferStatus" NOT NULL DEFAULT 'HELD',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "booking_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "waitlist_offers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "waitlist_entries_master_id_created_at_idx" ON "waitlist_entries"("master_id", "created_at");

-- CreateIndex
CREATE INDEX "waitlist_entries_client_id_ended_at_idx" ON "waitlist_entries"("client_id", "ended_at");

-- CreateIndex
CREATE UNIQUE INDEX "waitlist_offers_booking_id_key" ON "waitlist_offers"("booking_id");

-- CreateIndex
CREATE INDEX "waitlist_offers_entry_id_idx" ON "waitlist_offers"("entry_id");

-- CreateIndex
CREATE INDEX "waitlist_offers_master_id_starts_at_idx" ON "waitlist_offers"("master_id", "starts_at");

-- CreateIndex
CREATE INDEX "notification_deliveries_waitlist_offer_id_idx" ON "notification_deliveries"("waitlist_offer_id");

-- AddForeignKey
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_waitlist_offer_id_fkey" FOREIGN KEY ("waitlist_offer_id") REFERENCES "waitlist_offers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_master_id_fkey" FOREIGN KEY ("master_id") REFERENCES "masters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_master_service_id_fkey" FOREIGN KEY ("master_service_id") REFERENCES "master_services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "waitlist_entries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_master_id_fkey" FOREIGN KEY ("master_id") REFERENCES "masters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "bookings"("id") ON DELETE SET NULL ON UPDATE CASCADE;



-- Rules Prisma's schema language cannot say.
-- Two held offers of one master never overlap: a freed time is held by one waiting client at a time
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_no_overlap" EXCLUDE USING gist (
  "master_id" WITH =,
  tstzrange("starts_at", "ends_at", '[)') WITH &&
) WHERE ("status" = 'HELD');
-- An entry holds one offer at a time, and a claimed offer names its booking
CREATE UNIQUE INDEX "waitlist_offers_one_held_per_entry" ON "waitlist_offers"("entry_id") WHERE "status" = 'HELD';
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_check"
  CHECK ("starts_at" < "ends_at" AND ("status" = 'HELD') = ("ended_at" IS NULL) AND ("booking_id" IS NULL OR "status" = 'CLAIMED'));
-- One waiting entry per client and master's service: joining again replaces the wish
CREATE UNIQUE INDEX "waitlist_entries_one_waiting" ON "waitlist_entries"("client_id", "master_service_id") WHERE "ended_at" IS NULL;
-- The master's line of waiting entries
CREATE INDEX "waitlist_entries_waiting_line" ON "waitlist_entries"("master_id", "created_at", "id") WHERE "ended_at" IS NULL;
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_check"
  CHECK ("wish_from" < "until" AND ("ended_at" IS NULL) = ("end_reason" IS NULL) AND "dates" IS NOT NULL
    AND cardinality("preferred_channels") > 0);
-- A message is about a booking or a waitlist offer, never both
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_subject_check"
  CHECK (("booking_id" IS NULL) <> ("waitlist_offer_id" IS NULL));
