-- AlterTable
ALTER TABLE "client_consents" ADD COLUMN     "former_client_id" UUID,
ALTER COLUMN "client_id" DROP NOT NULL;
