import { createPrismaClient } from '../src/db.js';
import { seedCatalog, seedDemoData } from '../src/demo/demo-data.js';

/**
 * `npm run db:seed` loads the catalogue of cities and services into DATABASE_URL;
 * `npm run db:seed -- --demo` adds the demo masters and client.
 */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is required (the embedded database seeds itself on first start).');
  process.exit(1);
}
const prisma = createPrismaClient(url, 1);
try {
  if (process.argv.includes('--demo')) {
    await seedDemoData(prisma);
    console.log('catalogue and demo data loaded');
  } else {
    await seedCatalog(prisma);
    console.log('catalogue loaded');
  }
} finally {
  await prisma.$disconnect();
}
