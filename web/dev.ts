// `npm run dev`: Vite's dev server for the dashboard with hot reload, on 127.0.0.1:5173.
// It forwards /api to the API server, which must run separately on 127.0.0.1:8080
// (`npm start` or `npx hindsight serve`); see web/vite.config.ts.
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { API_TARGET, DEV_HOST, DEV_PORT } from './vite.config.ts';

const configFile = fileURLToPath(new URL('./vite.config.ts', import.meta.url));
console.log(`Starting Vite's dev server for web/ on http://${DEV_HOST}:${DEV_PORT}/ (/api is forwarded to ${API_TARGET}; start the API server there).`);
const server = await createServer({ configFile });
await server.listen();
server.printUrls();
