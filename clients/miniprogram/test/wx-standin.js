// A stand-in for the mini-program's `wx` under Node that holds code to the platform's rules, so that a
// module passing here does not meet them first on a phone: wx.request sends only OPTIONS, GET, HEAD,
// POST, PUT, DELETE, TRACE and CONNECT (no PATCH), at most 5 requests at once, and binary bodies only
// as ArrayBuffer; storage outlives the process (a file), as wx storage outlives an app restart.
const fs = require('node:fs')
const http = require('node:http')

const ALLOWED_METHODS = ['OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'CONNECT']
const MAX_AT_ONCE = 5

function createWx({ storageFile, onResponse = () => true }) {
  const storage = fs.existsSync(storageFile) ? JSON.parse(fs.readFileSync(storageFile, 'utf8')) : {}
  const save = () => fs.writeFileSync(storageFile, JSON.stringify(storage))
  const seen = { methods: new Set(), maxAtOnce: 0 }
  let atOnce = 0

  function request(o) {
    const method = (o.method || 'GET').toUpperCase()
    const fail = (errMsg) => setImmediate(() => o.fail && o.fail({ errMsg }))
    if (!ALLOWED_METHODS.includes(method)) return fail(`request:fail method ${method} is not supported`)
    if (atOnce >= MAX_AT_ONCE) return fail('request:fail exceed max task count')
    const headers = Object.assign({}, o.header)
    let body
    if (o.data instanceof ArrayBuffer) body = Buffer.from(o.data)
    else if (ArrayBuffer.isView(o.data)) return fail('request:fail data must be an ArrayBuffer, not a typed array or Buffer')
    else if (typeof o.data === 'string') body = o.data
    else if (o.data !== undefined) {
      body = JSON.stringify(o.data)
      headers['Content-Type'] = headers['Content-Type'] || 'application/json'
    }
    seen.methods.add(method)
    seen.maxAtOnce = Math.max(seen.maxAtOnce, ++atOnce)
    const req = http.request(o.url, { method, headers }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => {
        atOnce--
        const text = Buffer.concat(chunks).toString('utf8')
        let data = text
        if (o.dataType !== 'text') try { data = JSON.parse(text) } catch { /* wx gives the text when it is not JSON */ }
        const result = { statusCode: res.statusCode, header: res.headers, data }
        if (onResponse(method, o, result) !== false) o.success && o.success(result)
      })
    })
    req.on('error', (e) => { atOnce--; fail(`request:fail ${e.message}`) })
    req.end(body)
    return { abort: () => req.destroy() }
  }

  function getFileSystemManager() {
    const done = (o, f) => { try { o.success(f()) } catch (e) { o.fail && o.fail({ errMsg: `fail ${e.message}` }) } }
    return {
      getFileInfo: (o) => done(o, () => ({ size: fs.statSync(o.filePath).size })),
      readFile: (o) => done(o, () => {
        const buffer = Buffer.alloc(o.length)
        const fd = fs.openSync(o.filePath, 'r')
        try { fs.readSync(fd, buffer, 0, o.length, o.position) } finally { fs.closeSync(fd) }
        return { data: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + o.length) }
      }),
    }
  }

  return {
    seen,
    request,
    getFileSystemManager,
    getStorageSync: (key) => (key in storage ? storage[key] : ''),
    setStorageSync: (key, value) => { storage[key] = value; save() },
    removeStorageSync: (key) => { delete storage[key]; save() },
  }
}

module.exports = { createWx, ALLOWED_METHODS, MAX_AT_ONCE }
