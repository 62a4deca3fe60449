-- AlterTable
ALTER TABLE "clients" ADD COLUMN     "language_override" TEXT,
ADD COLUMN     "notify_booking_updates" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "notify_reminders" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "notify_review_requests" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "notify_waitlist_offers" BOOLEAN NOT NULL DEFAULT true;


-- The app offers Russian and English
ALTER TABLE "clients" ADD CONSTRAINT "clients_language_override_check" CHECK ("language_override" IN ('ru', 'en'));
