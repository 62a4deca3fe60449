-- Partner segments: partners, their API keys (hashes only, scoped to cities and services)
-- and the audit trail of every segment pull.

-- CreateTable
CREATE TABLE "partners" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "pseudonym_key" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partners_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "partner_api_keys" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "partner_id" UUID NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" BYTEA NOT NULL,
    "city_ids" UUID[] NOT NULL,
    "service_ids" UUID[] NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partner_api_keys_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "partner_api_keys_scope_check" CHECK (cardinality("city_ids") > 0 AND cardinality("service_ids") > 0)
);

-- CreateTable
CREATE TABLE "segment_pulls" (
    "id" BIGSERIAL NOT NULL,
    "partner_id" UUID NOT NULL,
    "key_id" UUID NOT NULL,
    "key_prefix" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "filter" JSONB NOT NULL,
    "members_count" INTEGER NOT NULL,
    "contacts_count" INTEGER NOT NULL,
    "withheld" BOOLEAN NOT NULL,
    "pulled_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "segment_pulls_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "segment_pulls_counts_check" CHECK ("members_count" >= 0 AND "contacts_count" >= 0 AND "contacts_count" <= "members_count")
);

-- CreateIndex
CREATE UNIQUE INDEX "partners_name_key" ON "partners"("name");

-- CreateIndex
CREATE UNIQUE INDEX "partner_api_keys_prefix_key" ON "partner_api_keys"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "partner_api_keys_key_hash_key" ON "partner_api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "partner_api_keys_partner_id_idx" ON "partner_api_keys"("partner_id");

-- CreateIndex
CREATE INDEX "segment_pulls_partner_id_pulled_at_idx" ON "segment_pulls"("partner_id", "pulled_at" DESC);

-- AddForeignKey
ALTER TABLE "partner_api_keys" ADD CONSTRAINT "partner_api_keys_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_pulls" ADD CONSTRAINT "segment_pulls_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_pulls" ADD CONSTRAINT "segment_pulls_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "partner_api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

