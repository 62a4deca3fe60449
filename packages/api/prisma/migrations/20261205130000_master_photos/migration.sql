-- CreateEnum
CREATE TYPE "PhotoKind" AS ENUM ('AVATAR', 'PORTFOLIO');

-- CreateTable
CREATE TABLE "master_photos" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "master_id" UUID NOT NULL,
    "kind" "PhotoKind" NOT NULL,
    "avatar_of_id" UUID,
    "caption" TEXT,
    "master_service_id" UUID,
    "position" INTEGER NOT NULL DEFAULT 0,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "thumb_key" TEXT NOT NULL,
    "display_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "master_photos_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stored_files" (
    "key" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stored_files_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "master_photos_avatar_of_id_key" ON "master_photos"("avatar_of_id");

-- CreateIndex
CREATE INDEX "master_photos_master_id_kind_position_idx" ON "master_photos"("master_id", "kind", "position");

-- CreateIndex
CREATE INDEX "master_photos_thumb_key_idx" ON "master_photos"("thumb_key");

-- CreateIndex
CREATE INDEX "master_photos_display_key_idx" ON "master_photos"("display_key");

-- AddForeignKey
ALTER TABLE "master_photos" ADD CONSTRAINT "master_photos_master_id_fkey" FOREIGN KEY ("master_id") REFERENCES "masters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "master_photos" ADD CONSTRAINT "master_photos_avatar_of_id_fkey" FOREIGN KEY ("avatar_of_id") REFERENCES "masters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "master_photos" ADD CONSTRAINT "master_photos_master_service_id_fkey" FOREIGN KEY ("master_service_id") REFERENCES "master_services"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Raw SQL. The avatar names its master a second time, in avatar_of_id: that makes it a one-to-one
-- relation of the master and, the column being unique, allows one avatar per master. Portfolio
-- photos leave it null
ALTER TABLE "master_photos"
  ADD CONSTRAINT "master_photos_avatar_of_check"
    CHECK (("kind" = 'AVATAR') = ("avatar_of_id" IS NOT NULL) AND ("avatar_of_id" IS NULL OR "avatar_of_id" = "master_id")),
  ADD CONSTRAINT "master_photos_size_check" CHECK ("width" > 0 AND "height" > 0);
