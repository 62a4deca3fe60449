-- AlterEnum


ALTER TYPE "NotificationKind" ADD VALUE 'MOVED_BY_CLIENT';
ALTER TYPE "NotificationKind" ADD VALUE 'MOVED_BY_MASTER';
ALTER TYPE "NotificationKind" ADD VALUE 'MOVE_CONFIRMED';
ALTER TYPE "NotificationKind" ADD VALUE 'RELEASED_TO_CLIENT';
ALTER TYPE "NotificationKind" ADD VALUE 'RELEASED_TO_MASTER';

-- AlterTable
ALTER TABLE "slot_settings" ADD COLUMN     "confirmation_deadline_minutes" INTEGER NOT NULL DEFAULT 180,
ADD COLUMN     "require_confirmation" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "bookings" ADD COLUMN     "release_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "booking_moves" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "booking_id" UUID NOT NULL,
    "from_starts_at" TIMESTAMPTZ(3) NOT NULL,
    "from_ends_at" TIMESTAMPTZ(3) NOT NULL,
    "to_starts_at" TIMESTAMPTZ(3) NOT NULL,
    "to_ends_at" TIMESTAMPTZ(3) NOT NULL,
    "from_master_service_id" UUID,
    "to_master_service_id" UUID,
    "moved_by" "BookingActor" NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT clock_timestamp(),

    CONSTRAINT "booking_moves_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "booking_moves_booking_id_idempotency_key_key" ON "booking_moves"("booking_id", "idempotency_key");

-- AddForeignKey
ALTER TABLE "booking_moves" ADD CONSTRAINT "booking_moves_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "bookings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking_moves" ADD CONSTRAINT "booking_moves_from_master_service_id_fkey" FOREIGN KEY ("from_master_service_id") REFERENCES "master_services"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking_moves" ADD CONSTRAINT "booking_moves_to_master_service_id_fkey" FOREIGN KEY ("to_master_service_id") REFERENCES "master_services"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Rules Prisma's schema language cannot say: the release deadline leaves the client at least 2 hours
-- after the 24 h reminder and is at least an hour before the start, a release comes before the start,
-- and a move is made by the client or the master into a real interval
ALTER TABLE "slot_settings" ADD CONSTRAINT "slot_settings_confirmation_deadline_check"
  CHECK ("confirmation_deadline_minutes" BETWEEN 60 AND 1320);
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_release_at_check" CHECK ("release_at" IS NULL OR "release_at" < "starts_at");
ALTER TABLE "booking_moves" ADD CONSTRAINT "booking_moves_check"
  CHECK ("moved_by" <> 'SYSTEM' AND "from_starts_at" < "from_ends_at" AND "to_starts_at" < "to_ends_at");
