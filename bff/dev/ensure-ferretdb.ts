/** Builds and caches FerretDB ahead of time (CI runs this before the tests, so the build is not timed as a test). */
import { ensureFerretDb } from './database';

ensureFerretDb((line) => console.log(`[database] ${line}`))
  .then((binary) => console.log(`[database] FerretDB ready: ${binary}`))
  .catch((err: Error) => {
    console.error(`[database] FerretDB could not be built: ${err.message}`);
    process.exit(1);
  });
