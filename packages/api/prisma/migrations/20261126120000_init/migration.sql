-- btree_gist lets one GiST index combine equality on master_id with range overlap.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "MasterStatus" AS ENUM ('DRAFT', 'ACTIVE', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "OnboardingStep" AS ENUM ('PHONE', 'LOCATION', 'SCHEDULE', 'SLOTS', 'SERVICES');

-- CreateEnum
CREATE TYPE "PhoneVerificationMethod" AS ENUM ('OTP', 'TELEGRAM_CONTACT');

-- CreateEnum
CREATE TYPE "ContactChannel" AS ENUM ('TELEGRAM', 'PHONE', 'WHATSAPP', 'SMS');

-- CreateEnum
CREATE TYPE "ConsentKind" AS ENUM ('SHARE_CONTACT_WITH_PARTNERS');

-- CreateEnum
CREATE TYPE "BookingStatus" AS ENUM ('CONFIRMED', 'COMPLETED', 'NO_SHOW', 'CANCELLED');

-- CreateEnum
CREATE TYPE "BookingSource" AS ENUM ('CLIENT', 'MASTER');

-- CreateEnum
CREATE TYPE "BookingActor" AS ENUM ('CLIENT', 'MASTER', 'SYSTEM');

-- CreateEnum
CREATE TYPE "WebAppStage" AS ENUM ('APP_OPENED', 'AUTH_OK', 'AUTH_FAILED', 'ONBOARDING_STEP_SAVED', 'MASTER_ACTIVATED', 'SEARCH', 'SLOT_VIEWED', 'BOOKING_CREATED', 'BOOKING_FAILED', 'CLIENT_ERROR');

-- CreateTable
CREATE TABLE "telegram_users" (
    "telegram_id" BIGINT NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT,
    "username" TEXT,
    "language_code" TEXT,
    "is_premium" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "telegram_users_pkey" PRIMARY KEY ("telegram_id")
);

-- CreateTable
CREATE TABLE "cities" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "name_ru" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "country_code" CHAR(2) NOT NULL,
    "time_zone" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "is_active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "cities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "services" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "name_ru" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "default_duration_minutes" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "is_active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "services_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "masters" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "telegram_id" BIGINT NOT NULL,
    "status" "MasterStatus" NOT NULL DEFAULT 'DRAFT',
    "is_active" BOOLEAN NOT NULL DEFAULT false,
    "profile_completed_at" TIMESTAMPTZ(3),
    "display_name" TEXT NOT NULL,
    "about" TEXT,
    "phone" TEXT,
    "phone_verified_at" TIMESTAMPTZ(3),
    "phone_verification_method" "PhoneVerificationMethod",
    "city_id" UUID,
    "address" TEXT,
    "time_zone" TEXT,
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deactivated_at" TIMESTAMPTZ(3),
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "masters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "master_onboarding_steps" (
    "master_id" UUID NOT NULL,
    "step" "OnboardingStep" NOT NULL,
    "completed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "master_onboarding_steps_pkey" PRIMARY KEY ("master_id","step")
);

-- CreateTable
CREATE TABLE "slot_settings" (
    "master_id" UUID NOT NULL,
    "step_minutes" INTEGER NOT NULL,
    "buffer_minutes" INTEGER NOT NULL DEFAULT 0,
    "min_notice_minutes" INTEGER NOT NULL DEFAULT 60,
    "horizon_days" INTEGER NOT NULL DEFAULT 30,
    "cancellation_cutoff_minutes" INTEGER NOT NULL DEFAULT 120,

    CONSTRAINT "slot_settings_pkey" PRIMARY KEY ("master_id")
);

-- CreateTable
CREATE TABLE "schedule_intervals" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "master_id" UUID NOT NULL,
    "weekday" SMALLINT NOT NULL,
    "start_minute" SMALLINT NOT NULL,
    "end_minute" SMALLINT NOT NULL,

    CONSTRAINT "schedule_intervals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "days_off" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "master_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "reason" TEXT,

    CONSTRAINT "days_off_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "time_blocks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "master_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "time_blocks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "master_services" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "master_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "price_minor" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'RUB',
    "duration_minutes" INTEGER NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "master_services_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clients" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "telegram_id" BIGINT NOT NULL,
    "first_name" TEXT,
    "last_name" TEXT,
    "username" TEXT,
    "language_code" TEXT,
    "phone" TEXT,
    "preferred_channels" "ContactChannel"[] DEFAULT ARRAY[]::"ContactChannel"[],
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "erased_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "clients_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_consents" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "client_id" UUID NOT NULL,
    "kind" "ConsentKind" NOT NULL,
    "text_version" TEXT NOT NULL,
    "granted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawn_at" TIMESTAMPTZ(3),

    CONSTRAINT "client_consents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bookings" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "master_id" UUID NOT NULL,
    "client_id" UUID,
    "master_service_id" UUID,
    "service_id" UUID,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "BookingStatus" NOT NULL DEFAULT 'CONFIRMED',
    "source" "BookingSource" NOT NULL,
    "client_name" TEXT,
    "client_phone" TEXT,
    "comment" TEXT,
    "price_minor" INTEGER,
    "currency" CHAR(3),
    "idempotency_key" TEXT,
    "cancelled_at" TIMESTAMPTZ(3),
    "cancelled_by" "BookingActor",
    "cancellation_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "bookings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_service_stats" (
    "client_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "city_id" UUID NOT NULL,
    "bookings_count" INTEGER NOT NULL DEFAULT 0,
    "last_booked_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "client_service_stats_pkey" PRIMARY KEY ("client_id","service_id","city_id")
);

-- CreateTable
CREATE TABLE "client_service_interest" (
    "client_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "city_id" UUID NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "client_service_interest_pkey" PRIMARY KEY ("client_id","service_id","city_id")
);

-- CreateTable
CREATE TABLE "webapp_events" (
    "id" BIGSERIAL NOT NULL,
    "stage" "WebAppStage" NOT NULL,
    "telegram_id" BIGINT,
    "platform" TEXT,
    "app_version" TEXT,
    "path" TEXT,
    "details" JSONB,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webapp_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "cities_slug_key" ON "cities"("slug");

-- CreateIndex
CREATE INDEX "cities_is_active_position_id_idx" ON "cities"("is_active", "position", "id");

-- CreateIndex
CREATE UNIQUE INDEX "services_slug_key" ON "services"("slug");

-- CreateIndex
CREATE INDEX "services_is_active_position_id_idx" ON "services"("is_active", "position", "id");

-- CreateIndex
CREATE INDEX "services_category_idx" ON "services"("category");

-- CreateIndex
CREATE UNIQUE INDEX "masters_telegram_id_key" ON "masters"("telegram_id");

-- CreateIndex
CREATE INDEX "masters_city_id_is_active_status_idx" ON "masters"("city_id", "is_active", "status");

-- CreateIndex
CREATE INDEX "masters_status_last_activity_at_idx" ON "masters"("status", "last_activity_at");

-- CreateIndex
CREATE INDEX "schedule_intervals_master_id_weekday_start_minute_idx" ON "schedule_intervals"("master_id", "weekday", "start_minute");

-- CreateIndex
CREATE UNIQUE INDEX "days_off_master_id_date_key" ON "days_off"("master_id", "date");

-- CreateIndex
CREATE INDEX "time_blocks_master_id_starts_at_idx" ON "time_blocks"("master_id", "starts_at");

-- CreateIndex
CREATE INDEX "master_services_service_id_is_active_master_id_idx" ON "master_services"("service_id", "is_active", "master_id");

-- CreateIndex
CREATE UNIQUE INDEX "master_services_master_id_service_id_key" ON "master_services"("master_id", "service_id");

-- CreateIndex
CREATE UNIQUE INDEX "clients_telegram_id_key" ON "clients"("telegram_id");

-- CreateIndex
CREATE INDEX "client_consents_client_id_kind_withdrawn_at_idx" ON "client_consents"("client_id", "kind", "withdrawn_at");

-- CreateIndex
CREATE INDEX "bookings_master_id_starts_at_idx" ON "bookings"("master_id", "starts_at");

-- CreateIndex
CREATE INDEX "bookings_client_id_starts_at_idx" ON "bookings"("client_id", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "bookings_client_id_idempotency_key_key" ON "bookings"("client_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "client_service_stats_service_id_city_id_last_booked_at_clie_idx" ON "client_service_stats"("service_id", "city_id", "last_booked_at" DESC, "client_id");

-- CreateIndex
CREATE INDEX "client_service_interest_service_id_city_id_last_seen_at_cli_idx" ON "client_service_interest"("service_id", "city_id", "last_seen_at" DESC, "client_id");

-- CreateIndex
CREATE INDEX "webapp_events_stage_occurred_at_idx" ON "webapp_events"("stage", "occurred_at");

-- CreateIndex
CREATE INDEX "webapp_events_occurred_at_idx" ON "webapp_events"("occurred_at");

-- AddForeignKey
ALTER TABLE "masters" ADD CONSTRAINT "masters_telegram_id_fkey" FOREIGN KEY ("telegram_id") REFERENCES "telegram_users"("telegram_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "masters" ADD CONSTRAINT "masters_city_id_fkey" FOREIGN KEY ("city_id") REFERENCES "cities"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "master_onboarding_steps" ADD CONSTRAINT "master_onboarding_steps_master_id_fkey" FOREIGN KEY ("master_id") REFERENCES "masters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot_settings" ADD CONSTRAINT "slot_settings_master_id_fkey" FOREIGN KEY ("master_id") REFERENCES "masters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedule_intervals" ADD CONSTRAINT "schedule_intervals_master_id_fkey" FOREIGN KEY ("master_id") REFERENCES "masters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "days_off" ADD CONSTRAINT "days_off_master_id_fkey" FOREIGN KEY ("master_id") REFERENCES "masters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "time_blocks" ADD CONSTRAINT "time_blocks_master_id_fkey" FOREIGN KEY ("master_id") REFERENCES "masters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "master_services" ADD CONSTRAINT "master_services_master_id_fkey" FOREIGN KEY ("master_id") REFERENCES "masters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "master_services" ADD CONSTRAINT "master_services_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clients" ADD CONSTRAINT "clients_telegram_id_fkey" FOREIGN KEY ("telegram_id") REFERENCES "telegram_users"("telegram_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_consents" ADD CONSTRAINT "client_consents_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_master_id_fkey" FOREIGN KEY ("master_id") REFERENCES "masters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_master_service_id_fkey" FOREIGN KEY ("master_service_id") REFERENCES "master_services"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_service_stats" ADD CONSTRAINT "client_service_stats_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_service_stats" ADD CONSTRAINT "client_service_stats_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_service_stats" ADD CONSTRAINT "client_service_stats_city_id_fkey" FOREIGN KEY ("city_id") REFERENCES "cities"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_service_interest" ADD CONSTRAINT "client_service_interest_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_service_interest" ADD CONSTRAINT "client_service_interest_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_service_interest" ADD CONSTRAINT "client_service_interest_city_id_fkey" FOREIGN KEY ("city_id") REFERENCES "cities"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Raw SQL below: what Prisma's schema language cannot express.

-- Two bookings of one master that are not cancelled can never overlap in time. This is the
-- final guard against double-booking, and the API maps its violation to SLOT_UNAVAILABLE.
ALTER TABLE "bookings"
  ADD CONSTRAINT "bookings_time_range_check" CHECK ("starts_at" < "ends_at"),
  ADD CONSTRAINT "bookings_no_overlap" EXCLUDE USING gist (
    "master_id" WITH =,
    tstzrange("starts_at", "ends_at", '[)') WITH &&
  ) WHERE ("status" <> 'CANCELLED');

ALTER TABLE "time_blocks"
  ADD CONSTRAINT "time_blocks_time_range_check" CHECK ("starts_at" < "ends_at");

ALTER TABLE "schedule_intervals"
  ADD CONSTRAINT "schedule_intervals_weekday_check" CHECK ("weekday" BETWEEN 1 AND 7),
  ADD CONSTRAINT "schedule_intervals_minutes_check"
    CHECK ("start_minute" >= 0 AND "start_minute" < "end_minute" AND "end_minute" <= 1440);

ALTER TABLE "slot_settings"
  ADD CONSTRAINT "slot_settings_step_check" CHECK ("step_minutes" BETWEEN 5 AND 120),
  ADD CONSTRAINT "slot_settings_buffer_check" CHECK ("buffer_minutes" >= 0),
  ADD CONSTRAINT "slot_settings_min_notice_check" CHECK ("min_notice_minutes" >= 0),
  ADD CONSTRAINT "slot_settings_horizon_check" CHECK ("horizon_days" BETWEEN 1 AND 365),
  ADD CONSTRAINT "slot_settings_cutoff_check" CHECK ("cancellation_cutoff_minutes" >= 0);

ALTER TABLE "master_services"
  ADD CONSTRAINT "master_services_price_check" CHECK ("price_minor" >= 0),
  ADD CONSTRAINT "master_services_duration_check" CHECK ("duration_minutes" BETWEEN 5 AND 480);

ALTER TABLE "client_service_stats"
  ADD CONSTRAINT "client_service_stats_count_check" CHECK ("bookings_count" >= 0);

-- An active master has completed the wizard: the search relies on it.
ALTER TABLE "masters"
  ADD CONSTRAINT "masters_active_completed_check"
    CHECK (NOT "is_active" OR ("status" = 'ACTIVE' AND "profile_completed_at" IS NOT NULL));
