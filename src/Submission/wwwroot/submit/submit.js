// The reference submission page (docs/submission-page.md): sign in, describe the entry, send its
// files with tus (resumable: a dropped connection goes on from the server's offset), submit it,
// then watch the media check's findings and the entry's history. It talks only to the Submission
// API with a bearer token, so a union can copy it onto its own website.
(() => {
  "use strict";

  const settings = Object.assign({
    api: "",                      // the Submission service, e.g. "https://zhengji.example.org"; "" = the site serving this page
    campaign: null,               // offer only this campaign (its id); null = every campaign the service runs
    token: null,                  // a bearer token from your own sign-in …
    getToken: null,               // … or a function returning (a promise of) one
    chunkSize: 8 * 1024 * 1024,   // bytes per PATCH; a lost connection costs at most one chunk
    consentVersion: "c1-2021",    // C1: the version of the consent text below; change it with the text
    pollMilliseconds: 2000,
  }, window.CampaignSubmission);

  const lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "zh-Hans";

  const texts = {
    "zh-Hans": {
      heading: "作品申报", signIn: "登录", devHelp: "开发环境：选择一个示例用户登录。", sampleUser: "示例用户", signInButton: "登录",
      noToken: "请先在本网站登录。", signedInAs: "已登录：", entry: "作品", campaign: "活动", category: "子项目",
      port: "申报端口", "port.organization": "组织申报", "port.individual": "个人申报", organization: "报送单位",
      title: "标题", storyText: "故事正文", members: "作者（每行一位：工号 姓名；个人申报可留空）",
      consent: "本人（本单位）享有作品完整版权，同意主办方使用和传播本作品。", submit: "提交作品",
      yourEntry: "已提交的作品", entryId: "作品编号", status: "状态", checking: "媒体检测中…", findings: "检测结果",
      rule: "规则", result: "结果", measured: "测得", limit: "要求", note: "说明", history: "作品记录",
      window: "申报时间", closed: "（不在申报时间内）", characters: "字", "file.work": "作品文件",
      "file.work-photo": "工作照", "file.award-photo": "获奖照", caption: "照片署名（劳模姓名）",
      uploaded: "已上传", retrying: "连接中断，正在从服务器记录的位置继续…", connectionLost: "连接已断开。网络恢复后自动继续，也可点“继续上传”。",
      resume: "继续上传", held: "等待成员或单位管理员确认，确认后进行媒体检测。",
      "status.Submitted": "已提交", "status.MediaChecked": "媒体已检测", "status.Approved": "审核通过", "status.Rejected": "审核未通过",
      "status.Published": "已发布", "status.Judged": "已评审", "status.EngagementScored": "网络评价已计分", "status.Awarded": "获奖",
      "status.NotAwarded": "未获奖", "status.Withdrawn": "已撤回", "status.Disqualified": "已取消资格", "status.Held": "待确认",
      "status.Declined": "单位未确认", "verdict.0": "通过", "verdict.1": "需人工审核", "verdict.2": "未通过",
      "event.ConsentGiven": "同意版权条款", "event.EntrySubmitted": "提交作品", "event.EntryHeld": "待确认",
      "event.MediaChecked": "媒体检测完成", "event.EntryReviewed": "审核", "event.EntryPublished": "发布",
      "event.EntryJudged": "评审", "event.EngagementScored": "网络评价计分", "event.AwardDecided": "评奖",
      "event.EntryWithdrawn": "撤回", "event.EntryDisqualified": "取消资格", "event.EntryMediaChanged": "更换作品文件",
      "event.MemberConfirmed": "成员确认", "event.AffiliationConfirmed": "单位确认", "event.AffiliationDeclined": "单位未确认",
    },
    en: {
      heading: "Submit a work", signIn: "Sign in", devHelp: "Development: sign in as a sample user.", sampleUser: "Sample user", signInButton: "Sign in",
      noToken: "Please sign in on this website first.", signedInAs: "Signed in as", entry: "Entry", campaign: "Campaign", category: "Category",
      port: "Port", "port.organization": "Organization", "port.individual": "Individual", organization: "Organization",
      title: "Title", storyText: "Story text", members: "Authors (one a line: id name; may stay empty on the individual port)",
      consent: "I (my organization) hold the full copyright of this work and grant the organizers the right to use and distribute it.",
      submit: "Submit", yourEntry: "Your entry", entryId: "Entry id", status: "Status", checking: "Checking the media…", findings: "Findings",
      rule: "Rule", result: "Result", measured: "Measured", limit: "Limit", note: "Note", history: "History",
      window: "Submissions", closed: " (closed now)", characters: "characters", "file.work": "The work's file",
      "file.work-photo": "Work photo", "file.award-photo": "Award photo", caption: "Photo caption (the worker's name)",
      uploaded: "Uploaded", retrying: "Connection lost; going on from the server's offset…",
      connectionLost: "The connection is gone. The upload goes on when the network is back, or press Resume.",
      resume: "Resume upload", held: "Waiting for the members or the organization's administrator to confirm; the media are checked after that.",
      "status.Submitted": "Submitted", "status.MediaChecked": "Media checked", "status.Approved": "Approved", "status.Rejected": "Rejected",
      "status.Published": "Published", "status.Judged": "Judged", "status.EngagementScored": "Engagement scored", "status.Awarded": "Awarded",
      "status.NotAwarded": "Not awarded", "status.Withdrawn": "Withdrawn", "status.Disqualified": "Disqualified", "status.Held": "Held",
      "status.Declined": "Declined", "verdict.0": "Pass", "verdict.1": "Needs review", "verdict.2": "Fail",
      "event.ConsentGiven": "Consent given", "event.EntrySubmitted": "Submitted", "event.EntryHeld": "Held",
      "event.MediaChecked": "Media checked", "event.EntryReviewed": "Reviewed", "event.EntryPublished": "Published",
      "event.EntryJudged": "Judged", "event.EngagementScored": "Engagement scored", "event.AwardDecided": "Award decided",
      "event.EntryWithdrawn": "Withdrawn", "event.EntryDisqualified": "Disqualified", "event.EntryMediaChanged": "Files replaced",
      "event.MemberConfirmed": "Member confirmed", "event.AffiliationConfirmed": "Affiliation confirmed", "event.AffiliationDeclined": "Affiliation declined",
    },
  };
  const t = key => texts[lang][key] ?? key;

  // The API writes enums as numbers, in the order of EntryStatus (src/Submission/Entries/EntryStatus.cs).
  const statuses = ["Submitted", "MediaChecked", "Approved", "Rejected", "Published", "Judged", "EngagementScored",
    "Awarded", "NotAwarded", "Withdrawn", "Disqualified", "Held", "Declined"];
  const statusName = s => typeof s === "number" ? statuses[s] : s;

  const $ = id => document.getElementById(id);
  const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
  let token = settings.token;
  let campaigns = [];
  const uploaded = new Map();   // a refused entry does not send its files again

  // --- The API: JSON with the bearer token; a refusal is an RFC 7807 problem whose text is shown as it is.

  async function api(path, options = {}) {
    const response = await fetch(settings.api + path, {
      ...options,
      headers: {
        "Accept-Language": lang === "en" ? "en" : "zh-CN",
        ...(token && { Authorization: `Bearer ${token}` }),
        ...(options.body && { "Content-Type": "application/json" }),
      },
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error(problemText(response.status, body));
    return body;
  }

  function problemText(status, problem) {
    if (!problem?.title) return `HTTP ${status}`;
    const fields = Object.values(problem.errors ?? {}).flat();
    return [...new Set([problem.title, problem.detail, ...fields].filter(Boolean))].join(" — ");
  }

  function showProblem(text) {
    $("cs-problem").textContent = text ?? "";
    $("cs-problem").hidden = !text;
  }

  // --- Signing in: a token from the embedding site, or (development only) one for a sample user.

  async function signIn() {
    if (!token && settings.getToken) token = await settings.getToken();
    if (token) return start();
    const users = await fetch(settings.api + "/identity/dev/users").then(r => r.ok ? r.json() : null).catch(() => null);
    if (!users) return void ($("cs-no-token").hidden = false);
    for (const user of users.filter(u => u.roles.includes("submitter") || u.roles.includes("org-admin")))
      $("cs-user").add(new Option(`${user.name} (${user.id})`, user.id));
    $("cs-dev").hidden = false;
    $("cs-signin-button").onclick = async () => {
      try {
        token = (await api("/identity/dev/token", { method: "POST", body: JSON.stringify({ user: $("cs-user").value }) })).accessToken;
        await start();
      } catch (e) { showProblem(e.message); }
    };
  }

  // What the token says of its bearer, for display and the form's defaults only: the server reads the token itself.
  function claims() {
    try {
      const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), c => c.charCodeAt(0))));
    } catch { return {}; }
  }

  async function start() {
    const me = claims();
    $("cs-dev").hidden = true;
    $("cs-who").textContent = `${t("signedInAs")} ${me.name ?? me.sub ?? ""}`;
    $("cs-who").hidden = false;
    campaigns = settings.campaign ? [await api(`/campaigns/${encodeURIComponent(settings.campaign)}`)] : await api("/campaigns");
    $("cs-campaign").replaceChildren(...campaigns.map(c => new Option(c.name, c.id)));
    $("cs-campaign").onchange = () => showCampaign(me);
    $("cs-category").onchange = showCategory;
    $("cs-story").oninput = countStory;
    $("cs-form").onsubmit = submit;
    const administers = [].concat(me.role ?? []).includes("org-admin");
    document.querySelector(`input[name=port][value=${administers ? "organization" : "individual"}]`).checked = true;
    showCampaign(me);
    $("cs-form").hidden = false;
  }

  const campaign = () => campaigns.find(c => c.id === $("cs-campaign").value);
  const category = () => campaign().categories.find(c => c.id === $("cs-category").value);

  function showCampaign(me) {
    const c = campaign();
    $("cs-category").replaceChildren(...c.categories.map(k => new Option(k.name + (k.open ? "" : t("closed")), k.id)));
    $("cs-organization").replaceChildren(...c.organizations.map(o => new Option(o.name, o.id)));
    $("cs-organization").value = me?.org ?? me?.affiliation ?? c.organizations[0]?.id;
    for (const radio of document.querySelectorAll("input[name=port]")) radio.parentElement.hidden = !c.ports.includes(radio.value);
    showCategory();
  }

  function showCategory() {
    const k = category();
    $("cs-window").textContent = `${t("window")}: ${k.submissions.opens.replace("T", " ")} – ${k.submissions.closes.replace("T", " ")} (${campaign().timeZone})${k.open ? "" : t("closed")}`;
    $("cs-story-field").hidden = k.kind !== "story";
    countStory();
    const roles = k.media ? ["work"] : k.story?.requiredPhotos ?? [];
    $("cs-files").replaceChildren(...roles.map(role => fileRow(role, k)));
  }

  function countStory() {
    const s = category()?.story;
    // A rough count for comfort; the server counts 字数 as word processors do (S1) and decides.
    if (s) $("cs-story-count").textContent = `${[...$("cs-story").value.replace(/\s/g, "")].length} ${t("characters")} (${s.minCharacters}–${s.maxCharacters})`;
  }

  function fileRow(role, k) {
    const row = document.createElement("div");
    row.className = "cs-file";
    row.dataset.role = role;
    const accept = k.media ? k.media.containers.map(c => "." + c).join(",") : "image/*";
    row.innerHTML = `<label><span>${t("file." + role)}</span> <input type="file" accept="${accept}"></label>` +
      (role === "work" ? "" : `<label><span>${t("caption")}</span> <input class="cs-caption"></label>`) +
      `<progress max="100" value="0"></progress> <span class="cs-progress-text"></span> <button type="button" class="cs-resume" hidden>${t("resume")}</button>`;
    return row;
  }

  // --- Submitting: the files first (tus), then the entry naming them.

  async function submit(event) {
    event.preventDefault();
    showProblem(null);
    $("cs-submit").disabled = true;
    try {
      const media = [];
      for (const row of document.querySelectorAll("#cs-files .cs-file")) {
        const file = row.querySelector("input[type=file]").files[0];
        if (!file) continue;   // the server says what is missing
        media.push({ uploadId: await upload(file, row), role: row.dataset.role, caption: row.querySelector(".cs-caption")?.value || undefined });
      }
      const k = category();
      const entry = await api("/entries", {
        method: "POST",
        body: JSON.stringify({
          campaignId: campaign().id, categoryId: k.id, title: $("cs-title").value,
          organizationId: $("cs-organization").value, port: document.querySelector("input[name=port]:checked").value,
          consent: { textVersion: settings.consentVersion, accepted: $("cs-consent").checked },
          storyText: k.kind === "story" ? $("cs-story").value : undefined,
          members: $("cs-members").value.split("\n").map(line => line.trim().split(/\s+/)).filter(([id]) => id)
            .map(([id, ...name]) => ({ id, name: name.join(" ") || id })),
          media,
        }),
      });
      $("cs-form").hidden = true;
      await watch(entry.id);
    } catch (e) {
      showProblem(e.message);
    } finally {
      $("cs-submit").disabled = false;
    }
  }

  // One file through tus: the server keeps what it has received; after a dropped connection
  // tus-js-client asks it for the offset (HEAD) and sends only the rest.
  function upload(file, row) {
    const metadata = { campaignId: campaign().id, categoryId: category().id, filename: file.name };
    const key = JSON.stringify([metadata, file.size, file.lastModified]);
    if (uploaded.has(key)) return Promise.resolve(uploaded.get(key));
    const bar = row.querySelector("progress"), text = row.querySelector(".cs-progress-text"), resume = row.querySelector(".cs-resume");
    return new Promise((resolve, reject) => {
      const tusUpload = new tus.Upload(file, {
        endpoint: new URL("/uploads", settings.api || location.href).href,
        headers: { Authorization: `Bearer ${token}`, "Accept-Language": lang === "en" ? "en" : "zh-CN" },
        metadata,
        chunkSize: settings.chunkSize,
        retryDelays: [0, 1000, 3000, 5000, 10000],
        removeFingerprintOnSuccess: true,
        // Remembered per person, campaign and category, so a file begun for one category never resumes in another.
        fingerprint: async () => ["campaign-upload", claims().sub, key].join(":"),
        onProgress(sent, total) {
          bar.value = Math.floor(sent / total * 100);
          text.textContent = `${bar.value}% (${(sent / 1048576).toFixed(1)} / ${(total / 1048576).toFixed(1)} MB)`;
        },
        onShouldRetry(error) {
          const status = error.originalResponse?.getStatus() ?? 0;
          const retry = (status < 400 || status >= 500 || status === 409 || status === 423) && navigator.onLine;
          if (retry) text.textContent = t("retrying");
          return retry;
        },
        onSuccess() {
          const id = tusUpload.url.split("/").pop();
          uploaded.set(key, id);
          text.textContent = `${t("uploaded")} (${(file.size / 1048576).toFixed(1)} MB)`;
          resolve(id);
        },
        onError(error) {
          const status = error.originalResponse?.getStatus() ?? 0;
          // A refusal (too large, closed window, unknown category) is final: show the server's words.
          if (status >= 400 && status < 500) return reject(new Error(problemText(status, parseJson(error.originalResponse.getBody()))));
          text.textContent = t("connectionLost");
          resume.hidden = false;
          const goOn = () => { resume.hidden = true; window.removeEventListener("online", goOn); tusUpload.start(); };
          resume.onclick = goOn;
          window.addEventListener("online", goOn);
        },
      });
      // An upload of this file begun before a reload goes on where it stopped.
      tusUpload.findPreviousUploads().then(previous => {
        if (previous.length > 0) tusUpload.resumeFromPreviousUpload(previous[0]);
        tusUpload.start();
      });
    });
  }

  function parseJson(text) {
    try { return JSON.parse(text); } catch { return null; }
  }

  // --- After submitting: the entry's status, the media check's findings when they arrive, the history.

  async function watch(id) {
    $("cs-entry-id").textContent = id;
    for (;;) {
      // The history first, then the entry: the entry is then at least as new as the history it is shown
      // beside (its status moves inline with the events), so findings never sit beside a stale status.
      const history = await api(`/entries/${id}/history`);
      const entry = await api(`/entries/${id}`);
      const status = statusName(entry.status);
      $("cs-status").textContent = t("status." + status);
      $("cs-status").dataset.status = status;
      const checks = history.filter(h => h.type === "MediaChecked");
      showFindings(checks.at(-1)?.data);
      showHistory(history);
      $("cs-entry").hidden = false; // shown once it has its status and history, never blank
      const closed = ["Withdrawn", "Disqualified", "Declined"].includes(status);
      $("cs-checking").hidden = checks.length > 0 || closed;
      $("cs-checking").querySelector("span").textContent = status === "Held" ? t("held") : t("checking");
      if (checks.length > 0 || closed) return;
      await sleep(settings.pollMilliseconds);
    }
  }

  function showFindings(check) {
    const rows = (check?.findings ?? []).map(f => {
      const tr = document.createElement("tr");
      tr.dataset.rule = f.ruleId;
      tr.className = `cs-finding-${f.status}`;
      for (const cell of [f.ruleId, t("verdict." + f.status), f.measured, f.limit, lang === "en" ? f.messageEn ?? f.message : f.message]) {
        tr.insertCell().textContent = cell ?? "";
      }
      return tr;
    });
    $("cs-findings").tBodies[0].replaceChildren(...rows);
  }

  function showHistory(history) {
    $("cs-history").replaceChildren(...history.map(h => {
      const li = document.createElement("li");
      li.dataset.type = h.type;
      li.textContent = `${new Date(h.at).toLocaleString(lang)} — ${texts[lang]["event." + h.type] ?? h.type}`;
      return li;
    }));
  }

  for (const element of document.querySelectorAll("[data-t]")) element.textContent = t(element.dataset.t);
  document.documentElement.lang = lang;
  document.title = t("heading");
  signIn().catch(e => showProblem(e.message));
})();
