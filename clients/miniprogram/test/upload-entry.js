// Drives tus-upload.js under the wx stand-in against a running Submission service:
//   node test/upload-entry.js API_BASE TOKEN FILE STORAGE_FILE kill-after=N   the app dies after N chunks reached the server
//   node test/upload-entry.js API_BASE TOKEN FILE STORAGE_FILE resume        the app starts again, finishes, submits the entry
// Prints JSON: what happened, for the test to check against the server.
const { createWx } = require('./wx-standin')
const [apiBase, token, filePath, storageFile, mode] = process.argv.slice(2)
const killAfter = mode.startsWith('kill-after=') ? Number(mode.split('=')[1]) : Infinity

let chunks = 0
global.wx = createWx({
  storageFile,
  onResponse(method, o, res) {
    const chunk = method === 'POST' && o.header['X-HTTP-Method-Override'] === 'PATCH' && res.statusCode === 204
    if (chunk && ++chunks >= killAfter) {
      // Killed after the server kept the chunk and before the app heard: the answer is lost with the app.
      console.log(JSON.stringify({ killedAfter: Number(res.header['upload-offset']) }))
      process.exit(0)
    }
    return true
  },
})
const tus = require('../tus-upload')

async function main() {
  const progress = []
  const work = await tus.upload({
    endpoint: `${apiBase}/uploads`, token, filePath, chunkSize: 1024 * 1024,
    metadata: { campaignId: 'test-2026', categoryId: 'clip', filename: '小程序作品.mp4' },
    onProgress: (sent) => progress.push(sent),
  })
  const entry = await tus.submitEntry({
    apiBase, token,
    entry: { campaignId: 'test-2026', categoryId: 'clip', title: '小程序里的奋斗者', organizationId: 'city-a', port: 'individual', consent: { textVersion: 'v1', accepted: true } },
    media: [{ upload: work, role: 'work' }],
  })
  console.log(JSON.stringify({
    uploadUrl: work.uploadUrl, entryId: entry.id, resumedFrom: progress[0],
    methods: [...wx.seen.methods], maxAtOnce: wx.seen.maxAtOnce, kept: wx.getStorageSync(work.storageKey),
  }))
}
main().catch((e) => { console.error(e.stack || e.message); process.exit(1) })
