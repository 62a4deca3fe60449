import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3Settings } from '../src/env.js';

export interface LocalS3 {
  settings: S3Settings;
  close(): Promise<void>;
}

/** An S3-compatible server of the test's own (s3rver) on a free loopback port, keeping its files in a new temporary folder. */
export async function startLocalS3(bucket = 'zapis-media'): Promise<LocalS3> {
  const directory = await mkdtemp(path.join(tmpdir(), 'zapis-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = await server.run();
  return {
    settings: {
      bucket,
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      // s3rver's well-known development credentials.
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    },
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
