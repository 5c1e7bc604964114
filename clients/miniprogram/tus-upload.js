// Resumable uploads (tus 1.0) for a WeChat mini-program, then the entry that attaches them.
// Copy this one file into the mini-program. It uses only wx.request, wx.getFileSystemManager and
// wx storage: wx.request cannot send PATCH, so chunks go as POST with X-HTTP-Method-Override, which
// the Submission service accepts. The upload's address is kept in storage, so an upload goes on
// where it stopped after the app is closed, killed or loses its network.
//
//   const tus = require('./tus-upload')
//   const photo = await tus.upload({ endpoint: 'https://host/uploads', token, filePath,
//     metadata: { campaignId, categoryId, filename: '工作照.jpg' }, onProgress: (sent, total) => {} })
//   const entry = await tus.submitEntry({ apiBase: 'https://host', token,
//     entry: { campaignId, categoryId, title, organizationId, port: 'individual', consent: { textVersion, accepted: true } },
//     media: [{ upload: photo, role: 'work' }] })

const CHUNK = 2 * 1024 * 1024 // wx.request bodies stay small on a phone's memory
const RETRIES = 5

function request(options) {
  return new Promise((resolve, reject) => {
    wx.request(Object.assign({}, options, {
      success: resolve,
      fail: (e) => reject(new Error(e && e.errMsg || 'request:fail')),
    }))
  })
}

function header(res, name) {
  const headers = res.header || {}
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) return headers[key]
  return undefined
}

function fileSize(fs, filePath) {
  return new Promise((resolve, reject) => fs.getFileInfo({ filePath, success: (r) => resolve(r.size), fail: (e) => reject(new Error(e.errMsg)) }))
}

function readChunk(fs, filePath, position, length) {
  return new Promise((resolve, reject) => fs.readFile({ filePath, position, length, success: (r) => resolve(r.data), fail: (e) => reject(new Error(e.errMsg)) }))
}

// tus metadata values are base64 of UTF-8: file names are Chinese more often than not.
function base64Utf8(text) {
  const bytes = unescape(encodeURIComponent(String(text)))
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes.charCodeAt(i) << 16) | ((bytes.charCodeAt(i + 1) || 0) << 8) | (bytes.charCodeAt(i + 2) || 0)
    out += abc[n >> 18 & 63] + abc[n >> 12 & 63] + (i + 1 < bytes.length ? abc[n >> 6 & 63] : '=') + (i + 2 < bytes.length ? abc[n & 63] : '=')
  }
  return out
}

function resolve(endpoint, location) {
  if (/^https?:\/\//.test(location)) return location
  return endpoint.match(/^https?:\/\/[^/]+/)[0] + location
}

function problem(res) {
  const d = res.data && typeof res.data === 'object' ? res.data : {}
  return new Error(`${res.statusCode} ${d.title || ''} ${d.detail || ''}`.trim())
}

const wait = (ms) => new Promise((r) => setTimeout(r, ms))

async function upload({ endpoint, token, filePath, metadata, chunkSize = CHUNK, onProgress = () => {} }) {
  const fs = wx.getFileSystemManager()
  const size = await fileSize(fs, filePath)
  const storageKey = `tus:${metadata.campaignId}:${metadata.categoryId}:${filePath}:${size}`
  const tus = { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${token}` }

  async function offsetOf(url) {
    const res = await request({ url, method: 'HEAD', header: tus })
    return res.statusCode === 200 ? Number(header(res, 'Upload-Offset')) : null
  }

  async function create() {
    const res = await request({
      url: endpoint, method: 'POST',
      header: Object.assign({}, tus, {
        'Upload-Length': String(size),
        'Upload-Metadata': Object.keys(metadata).map((k) => `${k} ${base64Utf8(metadata[k])}`).join(','),
      }),
    })
    if (res.statusCode !== 201) throw problem(res) // a refusal (too large: V3, closed window: T1) is final
    const url = resolve(endpoint, header(res, 'Location'))
    wx.setStorageSync(storageKey, url)
    return url
  }

  let url = wx.getStorageSync(storageKey) || null
  let offset = url ? await offsetOf(url) : null
  if (offset === null) { url = await create(); offset = 0 }
  onProgress(offset, size)

  let failures = 0
  while (offset < size) {
    let error = null
    try {
      const data = await readChunk(fs, filePath, offset, Math.min(chunkSize, size - offset))
      const res = await request({
        url, method: 'POST', data,
        header: Object.assign({}, tus, {
          'X-HTTP-Method-Override': 'PATCH', 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream',
        }),
      })
      if (res.statusCode === 204) {
        offset = Number(header(res, 'Upload-Offset'))
        failures = 0
        onProgress(offset, size)
        continue
      }
      if (res.statusCode === 404 || res.statusCode === 410) wx.removeStorageSync(storageKey) // expired: start again next time
      // 409 (offset moved, or busy) and 460 (checksum) are asked again; other refusals are final.
      if (res.statusCode < 500 && res.statusCode !== 409 && res.statusCode !== 460) throw Object.assign(problem(res), { final: true })
      error = problem(res)
    } catch (e) {
      if (e.final) throw e
      error = e // the network: the answer may be lost although the chunk arrived
    }
    if (++failures > RETRIES) throw error
    await wait(500 * failures)
    const at = await offsetOf(url).catch(() => null)
    if (at !== null) offset = at
  }
  return { uploadUrl: url, uploadId: url.split('/').pop(), storageKey }
}

async function submitEntry({ apiBase, token, entry, media }) {
  const res = await request({
    url: `${apiBase}/entries`, method: 'POST',
    header: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    data: Object.assign({}, entry, { media: media.map((m) => ({ uploadId: m.upload.uploadId, role: m.role, caption: m.caption })) }),
  })
  if (res.statusCode !== 201) throw problem(res)
  media.forEach((m) => wx.removeStorageSync(m.upload.storageKey)) // the entry holds them now
  return res.data
}

module.exports = { upload, submitEntry }
