import { createPrismaClient } from '../src/db.js';
import { seedCatalog, seedDemoData } from '../src/demo/demo-data.js';
import { loadEnv } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { createMediaStorage } from '../src/modules/media/create-media-storage.js';

/**
 * `npm run db:seed` loads the catalogue of cities and services into DATABASE_URL;
 * `npm run db:seed -- --demo` adds the demo masters (with generated photos, stored where the
 * API keeps them: MEDIA_STORAGE), their reviews and the demo client.
 */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is required (the embedded database seeds itself on first start).');
  process.exit(1);
}
const prisma = createPrismaClient(url, 1);
try {
  if (process.argv.includes('--demo')) {
    await seedDemoData(prisma, { storage: createMediaStorage(loadEnv(), prisma), log: createLogger('info') });
    console.log('catalogue and demo data loaded');
  } else {
    await seedCatalog(prisma);
    console.log('catalogue loaded');
  }
} finally {
  await prisma.$disconnect();
}
