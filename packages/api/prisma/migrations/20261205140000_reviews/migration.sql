-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('PUBLISHED', 'REPORTED', 'REMOVED');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'REVIEW_REQUEST';

-- CreateTable
CREATE TABLE "reviews" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "booking_id" UUID NOT NULL,
    "master_id" UUID NOT NULL,
    "client_id" UUID,
    "author_name" TEXT,
    "rating" SMALLINT NOT NULL,
    "text" TEXT,
    "status" "ReviewStatus" NOT NULL DEFAULT 'PUBLISHED',
    "reply" TEXT,
    "replied_at" TIMESTAMPTZ(3),
    "reported_at" TIMESTAMPTZ(3),
    "report_reason" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "master_ratings" (
    "master_id" UUID NOT NULL,
    "review_count" INTEGER NOT NULL DEFAULT 0,
    "rating_sum" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "master_ratings_pkey" PRIMARY KEY ("master_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "reviews_booking_id_key" ON "reviews"("booking_id");

-- CreateIndex
CREATE INDEX "reviews_master_id_status_created_at_idx" ON "reviews"("master_id", "status", "created_at" DESC);

-- CreateIndex
CREATE INDEX "reviews_status_reported_at_idx" ON "reviews"("status", "reported_at");

-- CreateIndex
CREATE INDEX "reviews_client_id_idx" ON "reviews"("client_id");

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "bookings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_master_id_fkey" FOREIGN KEY ("master_id") REFERENCES "masters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "master_ratings" ADD CONSTRAINT "master_ratings_master_id_fkey" FOREIGN KEY ("master_id") REFERENCES "masters"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Rules Prisma's schema language cannot say: a rating is 1 to 5, a reply comes with its time, a
-- reported review says when, and a master's published-review counters stay within what their
-- reviews can add up to
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_rating_check" CHECK ("rating" BETWEEN 1 AND 5);
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reply_check" CHECK (("reply" IS NULL) = ("replied_at" IS NULL));
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reported_check" CHECK ("status" <> 'REPORTED' OR "reported_at" IS NOT NULL);
ALTER TABLE "master_ratings" ADD CONSTRAINT "master_ratings_check"
  CHECK ("review_count" >= 0 AND "rating_sum" BETWEEN "review_count" AND 5 * "review_count");
