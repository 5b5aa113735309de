/** npm run build (npm start runs it first): bundles the server into dist/server.mjs. */
import { buildServer } from './lib/build-server';

console.log(`server dibundel ke ${buildServer()}`);
