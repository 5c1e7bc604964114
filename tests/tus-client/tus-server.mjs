// The tus project's reference server, @tus/server with @tus/file-store: node tus-server.mjs PORT DIR
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';
import http from 'node:http';

const [port, directory] = process.argv.slice(2);
const tus = new Server({ path: '/files', datastore: new FileStore({ directory }) });
http.createServer((req, res) => tus.handle(req, res)).listen(Number(port), '127.0.0.1', () => console.log('listening'));
