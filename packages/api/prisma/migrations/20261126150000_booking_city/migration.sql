-- AlterTable
ALTER TABLE "bookings" ADD COLUMN     "city_id" UUID;

-- AddForeignKey
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_city_id_fkey" FOREIGN KEY ("city_id") REFERENCES "cities"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Bookings made before this column existed take their master's current city.
UPDATE "bookings" AS b SET "city_id" = m."city_id" FROM "masters" AS m WHERE m."id" = b."master_id" AND b."city_id" IS NULL;
