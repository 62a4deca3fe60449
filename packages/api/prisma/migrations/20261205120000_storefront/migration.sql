-- CreateEnum
CREATE TYPE "AddressVisibility" AS ENUM ('FULL', 'AREA');

-- AlterEnum
ALTER TYPE "OnboardingStep" ADD VALUE 'PROFILE';

-- DropIndex
DROP INDEX "master_services_master_id_service_id_key";

-- AlterTable: each city charges in its country's currency
ALTER TABLE "cities" ADD COLUMN     "currency" CHAR(3);
UPDATE "cities" SET "currency" = CASE "country_code"
  WHEN 'RU' THEN 'RUB' WHEN 'KZ' THEN 'KZT' WHEN 'GE' THEN 'GEL' WHEN 'RS' THEN 'RSD' WHEN 'CY' THEN 'EUR'
  WHEN 'ME' THEN 'EUR' WHEN 'DE' THEN 'EUR' WHEN 'AM' THEN 'AMD' WHEN 'BY' THEN 'BYN' WHEN 'UZ' THEN 'UZS'
  WHEN 'KG' THEN 'KGS' WHEN 'AZ' THEN 'AZN' WHEN 'TR' THEN 'TRY' WHEN 'AE' THEN 'AED' WHEN 'TH' THEN 'THB'
  ELSE 'RUB' END;
ALTER TABLE "cities" ALTER COLUMN "currency" SET NOT NULL;

-- AlterTable
ALTER TABLE "masters" ADD COLUMN     "address_visibility" "AddressVisibility" NOT NULL DEFAULT 'FULL',
ADD COLUMN     "area" TEXT,
ADD COLUMN     "telegram_contact_allowed" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "master_services" ADD COLUMN     "archived_at" TIMESTAMPTZ(3),
ADD COLUMN     "description" TEXT,
ADD COLUMN     "name" TEXT,
ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "currency" DROP DEFAULT;

-- Offers are priced in their master's city currency: the app could only enter roubles before,
-- whatever the city, so the amounts stay and the currency becomes the city's
UPDATE "master_services" AS ms SET "currency" = c."currency"
FROM "masters" AS m JOIN "cities" AS c ON c."id" = m."city_id"
WHERE ms."master_id" = m."id" AND ms."currency" <> c."currency";

-- CreateIndex
CREATE INDEX "master_services_master_id_position_idx" ON "master_services"("master_id", "position");

