// The demo: seeds the campaign of demo/campaigns/demo-campaign.json through the platform's public HTTP API, the way a web page,
// an app or a platform's data feed would, and drives part of it through every stage — submission with uploads (tus),
// media checks, review and publication, judging, engagement figures, closing, awards — leaving some of it undone so
// every page has something to show. Nothing here touches a database; every call is one a front end can make.
//
//   node demo/demo.mjs        (started by `bash scripts/run.sh --demo` once the services answer)
//
// Where the services are: SUBMISSION_URL, JUDGING_URL, ENGAGEMENT_URL, AWARDS_URL (default: the ports of the README's
// "What you see"); DASHBOARD_URL is printed when set. DEMO_SUMMARY names a file to write what was made (for the test).
import * as tus from 'tus-js-client';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const url = {
  submission: process.env.SUBMISSION_URL ?? 'http://localhost:5101',
  judging: process.env.JUDGING_URL ?? 'http://localhost:5103',
  engagement: process.env.ENGAGEMENT_URL ?? 'http://localhost:5104',
  awards: process.env.AWARDS_URL ?? 'http://localhost:5105',
};
const campaign = 'demo-2026';
const started = Date.now();
const say = (line) => console.log(`[demo ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

// ---------------------------------------------------------------------------------------------------------------
// The API, as any front end calls it: a bearer token per user, JSON in and out, refusals as problem details.
// ---------------------------------------------------------------------------------------------------------------

const tokens = new Map();

/** A token of a sample user of the development issuer (a real deployment signs in with its identity provider). */
async function tokenOf(user) {
  if (!tokens.has(user)) {
    const response = await fetch(`${url.submission}/identity/dev/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }),
    });
    if (!response.ok) throw new Error(`no token for ${user}: ${response.status} ${await response.text()}`);
    tokens.set(user, (await response.json()).accessToken);
  }
  return tokens.get(user);
}

/** One call as `user` (or anonymously when null); a refusal throws with the problem's detail and rule id. */
async function call(user, method, address, body) {
  const headers = { 'accept-language': 'en' };
  if (user) headers.authorization = `Bearer ${await tokenOf(user)}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(address, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
  if (!response.ok) {
    const error = new Error(`${method} ${address} as ${user ?? 'anonymous'}: ${response.status} ${json.ruleId ?? ''} ${json.detail ?? json.title ?? text}`);
    error.status = response.status;
    throw error;
  }
  return json;
}

/** Asks again until `probe` returns something (the services meet through events, so a fact arrives a moment later). */
async function eventually(what, probe, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const found = await probe().catch((e) => (Date.now() < deadline ? null : Promise.reject(e)));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Runs `work` over `items`, `width` at a time. */
async function inParallel(items, width, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) { const i = next++; results[i] = await work(items[i], i); }
  }));
  return results;
}

// ---------------------------------------------------------------------------------------------------------------
// What the demo submits: a few dozen works of five organizations in the three categories.
// ---------------------------------------------------------------------------------------------------------------

const organizations = ['demo-harbor', 'demo-steel', 'demo-river', 'demo-zone', 'demo-rail'];
const people = ['王建国', '李秀英', '张卫东', '刘海燕', '陈志强', '杨丽娟', '赵国庆', '黄小平', '周明', '吴桂兰', '徐立新', '孙红梅'];
const videoTitles = ['炉火映初心', '高铁线上的守护者', '港口夜色', '一线的温度', '匠心筑梦', '电网铁军', '凌晨四点的车间', '绿色矿山', '我的师傅', '平凡岗位'];
const recitationTitles = ['工人阶级的歌', '致劳动者', '春天的车间', '我爱这土地', '钢铁之歌', '向劳模致敬', '灯火', '奋斗者'];
const storyTitles = ['三十年守护一炉火', '她把图纸画进了田野', '焊花里的青春', '检修班长的一天', '桥梁上的“绣花针”', '老站长和他的徒弟们',
  '从学徒到大国工匠', '渔港边的守望', '铁路线上的“活地图”', '把实验室搬到车间'];
const storyLine = '他在一线岗位上坚守多年，带出了一支技术过硬的队伍，攻克了多项生产难题，用汗水诠释了劳模精神、劳动精神和工匠精神。';

// Organization port: each organization's administrator submits for its people. Stories take the cities' quota places (Q3).
const plan = [
  ...videoTitles.map((title, i) => ({ category: 'video', title, organization: organizations[i % 5] })),
  ...recitationTitles.map((title, i) => ({ category: 'recitation', title, organization: organizations[(i + 1) % 5] })),
  ...storyTitles.map((title, i) => ({ category: 'story', title, organization: organizations[i % 3] })),
].map((work, i) => ({ ...work, member: { id: `demo-staff-${String(i + 1).padStart(3, '0')}`, name: people[i % people.length] } }));

// ---------------------------------------------------------------------------------------------------------------
// Media made on the spot: a few seconds at 640×360 with a tone (and, for micro-videos, a Chinese subtitle track).
// ---------------------------------------------------------------------------------------------------------------

const ffmpeg = promisify(execFile);
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-demo-'));

async function makeMedia(work, i) {
  const file = path.join(folder, `work-${i}.mp4`);
  const seconds = work.category === 'video' ? 4 : 5;
  // A moving picture (a still corner would look like a watermark, V6), and a tone whose pitch makes every file unique.
  const picture = `testsrc2=s=640x360:r=25:d=${seconds},rotate=a=PI*t/2:fillcolor=gray`;
  const tone = `sine=f=${300 + 37 * i}:d=${seconds},volume=0.1`;
  const h264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '10', '-pix_fmt', 'yuv420p', '-c:a', 'aac'];
  const args = work.category === 'video'
    ? ['-f', 'lavfi', '-i', picture, '-f', 'lavfi', '-i', tone, '-i', subtitles(work.title),
      '-map', '0:v', '-map', '1:a', '-map', '2:s', ...h264, '-c:s', 'mov_text', '-metadata:s:s:0', 'language=chi']
    : ['-f', 'lavfi', '-i', picture, '-f', 'lavfi', '-i', tone, ...h264];
  await ffmpeg('ffmpeg', ['-y', '-loglevel', 'error', ...args, file]);
  return file;
}

function subtitles(title) {
  const file = path.join(folder, `${title}.srt`);
  fs.writeFileSync(file, `1\n00:00:00,000 --> 00:00:03,000\n${title}\n`);
  return file;
}

/** A resumable upload with tus-js-client, as a web page does it; the upload's id is the last part of its address. */
function upload(file, user, work) {
  return tokenOf(user).then((token) => new Promise((resolve, reject) => {
    const transfer = new tus.Upload(fs.createReadStream(file), {
      endpoint: `${url.submission}/uploads`,
      uploadSize: fs.statSync(file).size,
      retryDelays: [0, 1000, 3000],
      headers: { Authorization: `Bearer ${token}` },
      metadata: { campaignId: campaign, categoryId: work.category, filename: `${work.title}.mp4` },
      onSuccess: () => resolve(transfer.url.split('/').pop()),
      onError: reject,
    });
    transfer.start();
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// The stages.
// ---------------------------------------------------------------------------------------------------------------

/** Submission: the organizations' administrators upload the files and submit the works (consent C1 included). */
async function submit() {
  const media = plan.filter((w) => w.category !== 'story');
  say(`making ${media.length} media files with ffmpeg in ${folder}`);
  await inParallel(media, 2, async (work) => { work.file = await makeMedia(work, plan.indexOf(work)); });
  return inParallel(plan, 4, async (work, i) => {
    const admin = `admin-${work.organization}`;
    const body = {
      campaignId: campaign, categoryId: work.category, title: work.title, organizationId: work.organization, port: 'organization',
      consent: { textVersion: 'demo-consent-v1', accepted: true }, members: [work.member],
    };
    if (work.file) body.media = [{ uploadId: await upload(work.file, admin, work), role: 'work' }];
    else body.storyText = `${work.member.name}：${storyLine.repeat(1 + (i % 2))}`;
    const entry = await call(admin, 'POST', `${url.submission}/entries`, body);
    return { ...work, id: entry.id, file: undefined };
  });
}

/** MediaCheck → Judging: every work reaches the reviewers' queue once its media (or story text) is checked. */
async function awaitChecks(entries) {
  return eventually('every work to be checked and reach review', async () => {
    const queue = await call('reviewer-1', 'GET', `${url.judging}/review/queue?campaignId=${campaign}`);
    const queued = new Set(queue.map((e) => e.id));
    return entries.every((e) => queued.has(e.id)) ? queue : null;
  }, 300);
}

/** P1: reviewers approve most works (ticking the category's checklist), reject one, leave a few for you; approved works are published. */
async function review(entries, checklists) {
  const reviewed = [];
  for (const category of ['video', 'recitation', 'story']) {
    const works = entries.filter((e) => e.category === category);
    const left = category === 'story' ? 3 : 2; // waiting in the review queue
    for (const [i, work] of works.slice(0, works.length - left).entries()) {
      const reject = category === 'story' && i === 0;
      await call(`reviewer-${1 + (i % 2)}`, 'POST', `${url.judging}/review/${work.id}`, reject
        ? { approved: false, reason: '演示：故事缺少具体事迹，请补充后重新报送。 Demo: the story needs concrete deeds.' }
        : { approved: true, checked: checklists[category] });
      work.reviewed = reject ? 'rejected' : 'approved';
      if (reject) continue;
      for (const platform of platformsOf[category])
        await call('reviewer-1', 'POST', `${url.judging}/entries/${work.id}/publications`,
          { platformId: platform, url: `https://${platform}.example.org/works/${work.id}` });
      work.published = true;
      reviewed.push(work);
    }
  }
  return reviewed;
}

const platformsOf = { video: ['demo-website', 'demo-app'], recitation: ['demo-website', 'demo-app'], story: ['demo-website'] };
const judges = ['judge-1', 'judge-2', 'judge-3'];

/** J1, J2: three judges on every panel; they score and submit every approved micro-video and story, half the recitations. */
async function judge(entries) {
  for (const category of ['video', 'recitation', 'story'])
    await call('organizer', 'PUT', `${url.judging}/panels/${campaign}/${category}`,
      { judges: judges.map((id, i) => ({ id, name: ['周评委 Judge Zhou', '吴评委 Judge Wu', '郑评委 Judge Zheng'][i] })) });
  const approved = entries.filter((e) => e.reviewed === 'approved');
  const toScore = approved.filter((e) => e.category !== 'recitation' || approved.filter((r) => r.category === 'recitation').indexOf(e) % 2 === 0);
  for (const [j, judgeId] of judges.entries()) {
    const assigned = new Set((await call(judgeId, 'GET', `${url.judging}/judging/assignments`)).map((a) => a.entryId));
    for (const [i, work] of toScore.entries()) {
      if (!assigned.has(work.id)) throw new Error(`${work.title} is not assigned to ${judgeId}`);
      const score = 60 + ((i * 7 + j * 11) % 38);
      await call(judgeId, 'PUT', `${url.judging}/judging/entries/${work.id}/score`, { score, comment: `演示评语：第${i + 1}件作品，${score}分。` });
      await call(judgeId, 'POST', `${url.judging}/judging/entries/${work.id}/submit`);
      work.judged = true;
    }
  }
}

/** J1: the organizer invites two more judges to the recitations' panel; each link, shown once, signs its judge in. */
async function invite() {
  const links = [];
  for (const name of ['李评委 Judge Li', '王评委 Judge Wang'])
    links.push({ name, category: 'recitation', ...(await call('organizer', 'POST', `${url.judging}/panels/${campaign}/recitation/invitations`, { name })) });
  return links;
}

/** E1: each platform's feed posts its figures of the published works — three snapshots over the last two days. */
async function engage(entries) {
  const hour = 3600 * 1000;
  const moments = [48, 24, 1].map((h) => new Date(Date.now() - h * hour).toISOString());
  for (const platform of ['demo-website', 'demo-app']) {
    const works = entries.filter((e) => e.published && platformsOf[e.category].includes(platform));
    const rows = works.flatMap((work, i) => moments.map((takenAt, m) => {
      const views = (200 + ((i * 131) % 900)) * (m + 1) * (platform === 'demo-app' ? 3 : 1);
      return { entryId: work.id, takenAt, figures: { views, likes: Math.round(views / 12), shares: Math.round(views / 60), comments: Math.round(views / 90) } };
    }));
    // A publication reaches Engagement a moment after Judging records it: rows refused until then are posted again.
    await eventually(`${platform}'s figures to be recorded`, async () => {
      const result = await call(`feed-${platform}`, 'POST', `${url.engagement}/engagement/snapshots`, { snapshots: rows });
      return result.refused === 0 ? result : null;
    });
  }
}

/** J2, E1 → A1, A2: micro-videos and stories are closed on both sides; Awards allocates them. Recitations stay open. */
async function close() {
  for (const category of ['video', 'story']) {
    await call('organizer', 'POST', `${url.judging}/panels/${campaign}/${category}/close`);
    await call('organizer', 'POST', `${url.engagement}/engagement/${campaign}/${category}/close`);
  }
  for (const category of ['video', 'story'])
    await eventually(`the awards of ${category}`, () => call(null, 'GET', `${url.awards}/public/results/${campaign}/${category}`).catch((e) => {
      if (e.status === 404) return null;
      throw e;
    }));
}

// ---------------------------------------------------------------------------------------------------------------

const alreadySeeded = await call('organizer', 'GET', `${url.judging}/panels/${campaign}/story`).then((p) => p.closed, () => false);
let entries = [];
if (alreadySeeded) {
  say('the demo campaign was seeded by an earlier run: showing its links again (with new judges\' invitations)');
} else {
  entries = await submit();
  say(`submitted ${entries.length} works (${['video', 'recitation', 'story'].map((c) => `${entries.filter((e) => e.category === c).length} ${c}`).join(', ')})`);
  const queue = await awaitChecks(entries);
  say(`every work checked: ${queue.filter((e) => entries.some((w) => w.id === e.id)).length} in the review queue`);
  // The human-review items of demo-campaign.json that a reviewer confirms before approving (P1).
  await review(entries, { video: ['V5', 'V6'], recitation: ['R4', 'R5'], story: ['S4'] });
  say(`reviewed: ${entries.filter((e) => e.reviewed === 'approved').length} approved and published, ${entries.filter((e) => e.reviewed === 'rejected').length} rejected, ${entries.filter((e) => !e.reviewed).length} left in the review queue`);
  await judge(entries);
  say(`judged: ${entries.filter((e) => e.judged).length} works scored by three judges each; half the recitations wait for their judges`);
  await engage(entries);
  say('engagement: the platforms\' feeds posted three snapshots of every published work');
  await close();
  say('closed judging and engagement of micro-videos and stories: awards allocated and announced');
}
const invitations = await invite();

const links = {
  judgesSignIn: invitations.map((i) => ({ name: i.name, category: i.category, link: i.link })),
  judgingUi: `${url.judging}/ui`,
  engagementUi: `${url.engagement}/ui/`,
  results: ['video', 'story'].map((c) => `${url.awards}/ui/results/${campaign}/${c}`),
  publicAnnouncement: ['video', 'story'].map((c) => `${url.awards}/ui/public/${campaign}/${c}`),
  organizations: `${url.awards}/ui/organizations/${campaign}`,
  apiReference: `${url.submission}/api`,
  ...(process.env.DASHBOARD_URL ? { dashboard: process.env.DASHBOARD_URL } : {}),
};
console.log(`
The demo campaign ${campaign} is ready (${((Date.now() - started) / 1000).toFixed(0)} s).

Judges' sign-in links (recitations; each signs its judge in and seats them on the panel):
${links.judgesSignIn.map((j) => `  ${j.name.padEnd(18)} ${j.link}`).join('\n')}
Review queue, panels and the judges' pages (sign in as reviewer-1, organizer or judge-1):  ${links.judgingUi}
Engagement figures (organizer):                                                          ${links.engagementUi}
Results (organizer):                  ${links.results.join('\n                                      ')}
Public announcement (公示, no sign-in): ${links.publicAnnouncement.join('\n                                      ')}
Outstanding organizing units:         ${links.organizations}
API reference (Scalar):               ${links.apiReference}${links.dashboard ? `\nAspire dashboard:                     ${links.dashboard}` : ''}
`);
if (process.env.DEMO_SUMMARY)
  fs.writeFileSync(process.env.DEMO_SUMMARY, JSON.stringify({ campaign, seconds: (Date.now() - started) / 1000, entries, links }, null, 2));
fs.rmSync(folder, { recursive: true, force: true });
