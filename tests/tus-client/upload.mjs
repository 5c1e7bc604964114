// Uploads a file with tus-js-client: node upload.mjs ENDPOINT TOKEN FILE CAMPAIGN CATEGORY [interrupt|parallel]
// With "interrupt", the upload is aborted once half is sent and then resumed from the server's offset.
// With "parallel", four parts go on four connections (parallelUploads: 4, the concatenation extension).
// Prints {"url": …, "interruptedAt": …, "seconds": …, "cpuSeconds": …, "joinSeconds": …} on success (the upload's time, this client's CPU
// in it, and with "parallel" the time of the last request, the final upload's creation, which the server answers once it has joined the parts).
import * as tus from 'tus-js-client';
import fs from 'node:fs';

const [endpoint, token, file, campaignId, categoryId, mode] = process.argv.slice(2);
const size = fs.statSync(file).size;
const started = process.hrtime.bigint();
const cpuAtStart = process.cpuUsage();
let interruptedAt = null;
let joinStarted = null;
let joinSeconds = null;
const isFinal = (req) => String(req.getHeader('Upload-Concat') ?? '').startsWith('final');

const parallel = mode === 'parallel';
const upload = new tus.Upload(fs.createReadStream(file), {
  endpoint,
  // tus-js-client learns the size from the file when it splits it; it refuses uploadSize with parallelUploads.
  ...(parallel ? { parallelUploads: 4 } : { uploadSize: size }),
  chunkSize: 64 * 1024 * 1024,
  retryDelays: [0, 250, 1000],
  headers: token ? { Authorization: `Bearer ${token}` } : {},
  metadata: { campaignId, categoryId, filename: 'work.mp4' },
  onBeforeRequest(req) {
    if (isFinal(req)) joinStarted = process.hrtime.bigint();
  },
  onAfterResponse(req) {
    if (isFinal(req)) joinSeconds = Number(process.hrtime.bigint() - joinStarted) / 1e9;
  },
  onProgress(sent, total) {
    if (mode === 'interrupt' && interruptedAt === null && sent > total / 2) {
      interruptedAt = sent;
      upload.abort().then(() => setTimeout(() => upload.start(), 300));
    }
  },
  onSuccess() {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const { user, system } = process.cpuUsage(cpuAtStart);
    console.log(JSON.stringify({ url: upload.url, interruptedAt, seconds, cpuSeconds: (user + system) / 1e6, joinSeconds }));
  },
  onError(error) {
    console.error(`upload failed: ${error}`);
    process.exit(1);
  },
});
upload.start();
