// sinoreport site search: Material's search box over a per-locale static index.
//
// How pages are indexed is decided in src/sinoreport/search/ (engine.py: the file format; tokens.py:
// Chinese as character bigrams, other words folded). search/<locale>/meta.bin tells this script how
// to read a query the same way — token patterns, the alias table from data/, cross-script tables —
// and where the index shards are. Nothing loads until the reader opens the search, only the shards
// a query needs are fetched, and nothing comes from another host.

const FIRST_PAGE = 5; // results rendered at once (each fetches its document file)
const MORE_PAGE = 10;
const DEBOUNCE_MS = 120;
const MAX_VARIANTS = 4;
const MIN_COVERAGE = 0.5; // share of a query's tokens a page must contain to be listed
const PART_OF_NAME = 0.6;
const K1 = 1.2; // as engine.py
const MAX_WEIGHT = 127;
// For a topic, the reporting first: articles and briefs, then company profiles, then the pages that
// explain (glossary terms, the data page, about pages) — engine.py KIND_CODES.
const TIER = { a: 2, b: 2, c: 1, t: 0, d: 0, o: 0 };
const KINDS = { c: "company", a: "article", b: "brief", t: "term", d: "data", o: "about" };

// --------------------------------------------------------------------------- tokens (tokens.py)

export function stem(w) {
  if (w.length <= 3 || !/^\p{L}+$/u.test(w)) return w;
  if (w.endsWith("ies") && w.length > 4) return w.slice(0, -3) + "y";
  if (w.endsWith("sses")) return w.slice(0, -2);
  if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

// --------------------------------------------------------------------------- reading a query

// A query as pages were indexed: folded like names, converted into the page's script, with known
// names (data/) replaced by how this locale's pages write them.
export class QueryReader {
  constructor(data) {
    this.data = data;
    this.han = new RegExp(data.rules.han, "u");
    this.hanAll = new RegExp(data.rules.han, "gu");
    this.hanRuns = new RegExp(data.rules.han + "+", "gu");
    this.sep = new RegExp(data.rules.sep, "gu");
    this.chars = new Map();
    const pairs = [...(data.chars || "")];
    for (let i = 0; i + 1 < pairs.length; i += 2) this.chars.set(pairs[i], pairs[i + 1]);
    this.phrases = data.phrases || {};
    this.maxPhrase = Math.max(0, ...Object.keys(this.phrases).map((k) => [...k].length));
    this.forms = data.forms || {};
    this.maxForm = Math.max(0, ...Object.keys(this.forms).map((k) => [...k].length));
  }

  fold(s) {
    return s.normalize("NFKC").toLowerCase().replace(this.sep, " ").trim();
  }

  // Into the page's script: known phrases first (晶片 → 芯片 on zh-Hans), then character by character.
  convert(s) {
    if (!this.chars.size) return s;
    const cs = [...s];
    let out = "";
    for (let i = 0; i < cs.length; ) {
      let n = Math.min(this.maxPhrase, cs.length - i);
      for (; n >= 2; n--) {
        const p = this.phrases[cs.slice(i, i + n).join("")];
        if (p) {
          out += p;
          break;
        }
      }
      if (n >= 2) {
        i += n;
      } else {
        out += this.chars.get(cs[i]) ?? cs[i];
        i += 1;
      }
    }
    return out;
  }

  isWordChar(c) {
    return c !== undefined && /[\p{L}\p{N}]/u.test(c) && !this.han.test(c);
  }

  // Known names in a folded query, longest first, left to right; Latin names only as whole words.
  names(f) {
    const cs = [...f];
    const spans = [];
    for (let i = 0; i < cs.length; ) {
      let found = null;
      for (let n = Math.min(this.maxForm, cs.length - i); n >= 2 && !found; n--) {
        const ids = this.forms[cs.slice(i, i + n).join("")];
        if (!ids) continue;
        if (!this.han.test(cs[i]) && this.isWordChar(cs[i - 1])) continue;
        if (!this.han.test(cs[i + n - 1]) && this.isWordChar(cs[i + n])) continue;
        found = { start: i, end: i + n, entry: ids[0] };
      }
      if (found) spans.push(found);
      i = found ? found.end : i + 1;
    }
    return spans;
  }

  // Part of a name: a Chinese query that is most of a spelling of one company's names and sits in
  // no other company's (伟达 of 英伟达, 头哥 of 平头哥; "most" is PART_OF_NAME, so that a common
  // word like 数据 does not turn into 万国数据), or a Latin name still being typed (nvid, alib).
  partName(f, typing) {
    const cs = [...f];
    const han = cs.every((c) => this.han.test(c));
    if (han ? cs.length < 2 : !typing || cs.length < 3 || cs.some((c) => this.han.test(c))) return null;
    let profile = -1;
    let entry = null;
    for (const [form, ids] of Object.entries(this.forms)) {
      if (han ? !form.includes(f) : !form.startsWith(f)) continue;
      for (const id of ids) {
        const p = this.data.entries[id][3];
        if (p < 0 && !han) return null; // also the start of a topic's name (open → open source)
        if (p < 0) continue;
        if (profile >= 0 && p !== profile) return null; // part of two companies' names
        profile = p;
        if (!han || cs.length >= PART_OF_NAME * [...form].length) entry ??= id;
      }
    }
    return entry === null ? null : { start: 0, end: cs.length, entry };
  }

  hanRunCount(v) {
    return (v.match(this.hanRuns) || []).length;
  }

  // The texts to search (at most MAX_VARIANTS), the profile (document number) to put first when the
  // whole query names one company or product, and the terms to highlight.
  read(q) {
    const f = this.fold(q);
    if (!f) return null;
    const cs = [...f];
    const own = this.convert(f);
    // the last word is still being typed unless the query ends with a space
    const typing = /[\p{L}\p{N}]$/u.test(q);
    let spans = this.names(f);
    if (!spans.length) {
      const part = this.partName(f, typing) || this.partName(own, typing);
      if (part) spans = [part];
    }
    const variants = [];
    const add = (v) => {
      v = v.replace(/\s+/g, " ").trim();
      if (v && !variants.some((x) => x.text === v) && variants.length < MAX_VARIANTS) {
        // a variant that splits the reader's Chinese at names (英伟达芯片 → 英伟达 芯片) ranks its
        // matches a little below pages with the reader's own run
        variants.push({ text: v, split: this.hanRunCount(v) > this.hanRunCount(own) });
      }
    };
    if (spans.length) {
      const rest = (a, b) => this.convert(cs.slice(a, b).join(""));
      const build = (k) => {
        let out = "";
        let at = 0;
        for (const s of spans) {
          const search = this.data.entries[s.entry][2];
          out += `${rest(at, s.start)} ${search[Math.min(k, search.length - 1)]} `;
          at = s.end;
        }
        return out + rest(at, cs.length);
      };
      const most = Math.max(...spans.map((s) => this.data.entries[s.entry][2].length));
      for (let k = 0; k < most; k++) add(build(k));
    }
    add(own);
    add(f);
    const whole = spans.length === 1 && !cs.slice(0, spans[0].start).join("").trim() &&
      !cs.slice(spans[0].end).join("").trim();
    const profile = whole ? this.data.entries[spans[0].entry][3] : -1;
    const terms = new Set();
    for (const v of variants) for (const t of this.terms(v.text)) terms.add(t);
    return { variants, profile, typing, terms: [...terms] };
  }

  // What a variant asks for: Chinese runs (as bigrams) and other words (tokens.py `words`).
  units(text, typing) {
    const runs = (text.match(this.hanRuns) || []).map((r) => [...r]);
    const plain = text.normalize("NFKC").toLowerCase().replace(this.hanAll, " ");
    const ws = (plain.match(/[\p{L}\p{N}]+/gu) || []).filter((w) => w.length >= 2).map(stem);
    const units = [];
    for (const r of runs) {
      if (r.length >= 2) {
        for (let i = 0; i + 1 < r.length; i++) units.push({ token: r[i] + r[i + 1], run: r.join("") });
      }
    }
    // a lone Chinese character matters only when it is all there is (云): bigrams that start with it
    if (!units.length && runs.length) units.push({ token: runs[0][0], prefix: true });
    ws.forEach((w, i) => units.push({ token: w, prefix: typing && i === ws.length - 1 && /\p{L}$/u.test(w) }));
    return units;
  }

  // What to highlight: Chinese runs and whole words.
  terms(v) {
    return v
      .split(/\s+/)
      .flatMap((w) => (this.han.test(w) ? w.match(this.hanRuns) || [] : [stem(w)]))
      .filter((t) => t && (this.han.test(t) || [...t].length >= 2));
  }
}

// --------------------------------------------------------------------------- the index

async function inflate(response) {
  if (!response.ok) throw new Error(`search index: HTTP ${response.status} for ${response.url}`);
  const stream = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export function decodeShard(bytes) {
  // engine.py encode_shard: varints — [count][token length, token][n][doc delta, weight]…
  let pos = 0;
  const read = () => {
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[pos++];
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
      shift += 7;
    }
  };
  const utf8 = new TextDecoder();
  const out = new Map();
  for (let count = read(); count > 0; count--) {
    const size = read();
    const token = utf8.decode(bytes.subarray(pos, pos + size));
    pos += size;
    const n = read();
    const postings = new Uint32Array(n * 2);
    let doc = 0;
    for (let i = 0; i < n; i++) {
      doc += read();
      postings[2 * i] = doc;
      postings[2 * i + 1] = read();
    }
    out.set(token, postings);
  }
  return out;
}

class Index {
  static async load(bundle, lang) {
    const dir = new URL(`${lang}/`, bundle);
    const meta = JSON.parse(new TextDecoder().decode(await inflate(await fetch(new URL("meta.bin", dir), {
      cache: "no-cache",
    }))));
    return new Index(meta, new URL(`${meta.build}/`, dir), new URL("..", bundle));
  }

  constructor(meta, files, root) {
    this.meta = meta;
    this.files = files;
    this.root = root;
    this.shards = new Map(); // shard number → Promise<Map<token, postings>>
    this.reader = new QueryReader(meta);
  }

  shardOf(token) {
    // the last shard whose first token is <= token (shards are sorted by UTF-16 code units)
    const b = this.meta.shards;
    let lo = 0;
    let hi = b.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (b[mid] <= token) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  shard(n) {
    if (!this.shards.has(n)) {
      this.shards.set(n, fetch(new URL(`s${n}.bin`, this.files)).then(inflate).then(decodeShard));
    }
    return this.shards.get(n);
  }

  // postings for a token, or for every token starting with it: Map<doc, weight>
  async postings(token, prefix) {
    const first = this.shardOf(token);
    const last = prefix ? this.shardOf(token + "\uffff") : first;
    const out = new Map();
    for (let n = first; n <= last; n++) {
      for (const [t, p] of await this.shard(n)) {
        if (prefix ? !t.startsWith(token) : t !== token) continue;
        for (let i = 0; i < p.length; i += 2) out.set(p[i], Math.max(out.get(p[i]) || 0, p[i + 1]));
      }
    }
    return out;
  }

  document(n) {
    return fetch(new URL(`d${n}.bin`, this.files))
      .then(inflate)
      .then((b) => JSON.parse(new TextDecoder().decode(b)));
  }

  idf(df) {
    const n = this.meta.n;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  // Ranked hits: [{ doc, exact, tier, profile, score }]. `exact` is the share of a variant's
  // tokens the page contains (lowered for split variants); pages below MIN_COVERAGE are left out.
  async search(q) {
    const read = this.reader.read(q);
    if (!read) return null;
    const plans = read.variants.map((v) => ({ ...v, units: this.reader.units(v.text, read.typing) }));
    const lists = new Map();
    const key = (u) => (u.prefix ? "*" : "=") + u.token;
    await Promise.all(plans.flatMap((p) => p.units).map(async (u) => {
      if (!lists.has(key(u))) lists.set(key(u), this.postings(u.token, u.prefix));
    }));
    const best = new Map();
    for (const plan of plans) {
      if (!plan.units.length) continue;
      const seen = new Map(); // doc → [present units, score]
      for (const u of plan.units) {
        const p = await lists.get(key(u));
        const idf = this.idf(p.size);
        for (const [doc, w] of p) {
          const s = seen.get(doc) || [0, 0];
          s[0] += 1;
          s[1] += idf * (w / MAX_WEIGHT) * (K1 + 1);
          seen.set(doc, s);
        }
      }
      const total = plan.units.length;
      for (const [doc, [present, score]] of seen) {
        const coverage = present / total;
        if (coverage < MIN_COVERAGE || (total <= 2 && present < total)) continue;
        const hit = {
          doc,
          exact: coverage * (plan.split ? 0.9 : 1),
          tier: TIER[this.meta.docs[doc]] ?? 0,
          profile: doc === read.profile,
          score,
        };
        const old = best.get(doc);
        if (!old || rank(hit, old) < 0) best.set(doc, hit);
      }
    }
    if (read.profile >= 0 && !best.has(read.profile)) {
      best.set(read.profile, { doc: read.profile, exact: 1, tier: 1, profile: true, score: 0 });
    }
    return { hits: [...best.values()].sort(rank), terms: read.terms };
  }

  url(href) {
    return new URL(href || "", this.root).href;
  }
}

// profile of the named company first, then pages containing the query, by TIER, then the BM25 score
function rank(a, b) {
  return (b.profile - a.profile) || (b.exact - a.exact) || (b.tier - a.tier) || (b.score - a.score);
}

// --------------------------------------------------------------------------- rendering

function termPattern(terms, han) {
  const pats = [...new Set(terms)]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map((t) => {
      const p = t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return han.test(t) ? p : `(?<![\\p{L}\\p{N}])${p}[\\p{L}\\p{N}]*`;
    });
  return pats.length ? new RegExp(pats.join("|"), "giu") : null;
}

// a fragment with <mark> around every occurrence of a term (whole words for Latin)
function highlight(text, re) {
  const frag = document.createDocumentFragment();
  let at = 0;
  if (re) {
    for (const m of text.matchAll(re)) {
      if (m.index > at) frag.append(text.slice(at, m.index));
      const mark = document.createElement("mark");
      mark.textContent = m[0];
      frag.append(mark);
      at = m.index + m[0].length;
    }
  }
  if (at < text.length) frag.append(text.slice(at));
  return frag;
}

// the stretch of a page's text with the most distinct query terms
export function excerpt(blocks, re, size) {
  const text = blocks.join(" · ");
  const found = re ? [...text.matchAll(re)] : [];
  let start = 0;
  if (found.length) {
    let bestCount = -1;
    for (const m of found) {
      const lead = Math.max(0, m.index - Math.floor(size / 5));
      const inside = new Set(found.filter((x) => x.index >= lead && x.index < lead + size).map((x) => x[0].toLowerCase()));
      if (inside.size > bestCount) {
        bestCount = inside.size;
        start = lead;
      }
    }
    // begin at a sentence or word boundary close before the window
    const cut = text.slice(Math.max(0, start - 20), start);
    const b = Math.max(cut.lastIndexOf("。"), cut.lastIndexOf(". "), cut.lastIndexOf(" · "), cut.lastIndexOf("，"));
    if (b >= 0) start = start - cut.length + b + 1;
    else if (start > 0 && /\s/.test(text)) start = Math.max(0, text.lastIndexOf(" ", start) + 1);
  }
  const body = text.slice(start, start + size).trim();
  return (start > 0 ? "…" : "") + body + (start + size < text.length ? "…" : "");
}

function setUp(box) {
  const toggle = document.getElementById("__search");
  const input = box.querySelector("input[name=q]");
  const form = box.querySelector("form");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const bundle = new URL(box.dataset.bundle, document.baseURI);
  const lang = document.documentElement.lang || "en";
  const t = box.dataset;
  let index = null;
  let seq = 0;
  let timer = 0;
  let shown = { hits: [], re: null, next: 0 };

  const load = () => {
    index ??= Index.load(bundle, lang);
    return index;
  };

  const open = () => {
    if (toggle && !toggle.checked) toggle.checked = true;
    input.focus();
    load().catch(() => {});
  };

  const close = () => {
    if (toggle) toggle.checked = false;
    input.blur();
  };

  const item = (ix, hit, d) => {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = ix.url(d.u);
    const art = document.createElement("article");
    art.className = "md-search-result__article md-typeset";
    const icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    const h = document.createElement("h1");
    h.append(highlight(d.t || "", shown.re));
    const kind = document.createElement("p");
    kind.className = "sr-search-kind";
    const label = hit.profile ? ix.meta.t.search_profile : ix.meta.t[`search_kind_${d.k}`];
    kind.textContent = [label, d.d].filter(Boolean).join(" · ");
    const p = document.createElement("p");
    p.append(highlight(excerpt(d.x || [], shown.re, ix.reader.han.test(d.t || "") ? 90 : 200), shown.re));
    art.append(icon, h, kind, p);
    a.append(art);
    li.append(a);
    return li;
  };

  const more = async (ix, mySeq, count) => {
    const slice = shown.hits.slice(shown.next, shown.next + count);
    shown.next += slice.length;
    const docs = await Promise.all(slice.map((h) => ix.document(h.doc)));
    if (mySeq !== seq) return;
    list.querySelector(".sr-search-more")?.remove();
    slice.forEach((h, i) => list.append(item(ix, h, docs[i])));
    if (shown.next < shown.hits.length) {
      const li = document.createElement("li");
      li.className = "sr-search-more";
      const b = document.createElement("button");
      b.type = "button";
      b.className = "md-search-result__link";
      b.textContent = `${ix.meta.t.search_more} (${shown.hits.length - shown.next})`;
      b.addEventListener("click", () => more(ix, mySeq, MORE_PAGE));
      li.append(b);
      list.append(li);
    }
  };

  const run = async (q) => {
    const mySeq = ++seq;
    q = q.trim();
    if (!q) {
      meta.textContent = t.tPlaceholder;
      list.replaceChildren();
      box.removeAttribute("data-sr-state");
      return;
    }
    let ix;
    let found;
    try {
      ix = await load();
      found = await ix.search(q);
    } catch (err) {
      console.error("sinoreport search:", err);
      if (mySeq !== seq) return;
      index = null; // try again on the next query
      list.replaceChildren();
      meta.textContent = ix ? ix.meta.t.search_error : t.tInitializer;
      box.dataset.srState = "error";
      return;
    }
    if (mySeq !== seq) return;
    list.replaceChildren();
    const hits = found ? found.hits : [];
    shown = { hits, re: termPattern(found ? found.terms : [], ix.reader.han), next: 0 };
    if (!hits.length) {
      meta.textContent = ix.meta.t.search_no_results.replace("{q}", q);
      const li = document.createElement("li");
      li.className = "sr-search-hint";
      li.textContent = ix.meta.t.search_no_results_hint;
      list.append(li);
      box.dataset.srState = "empty";
      return;
    }
    meta.textContent = hits.length === 1 ? t.tOne : t.tOther.replace("#", String(hits.length));
    box.dataset.srState = "loading";
    await more(ix, mySeq, FIRST_PAGE);
    if (mySeq === seq) box.dataset.srState = "ready";
  };

  const links = () => [...list.querySelectorAll(".md-search-result__link")];

  input.addEventListener("focus", () => {
    if (toggle && !toggle.checked) toggle.checked = true;
    load().catch(() => {});
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), DEBOUNCE_MS);
  });
  form.addEventListener("submit", (ev) => {
    // Enter in the box opens the first result
    ev.preventDefault();
    const first = list.querySelector("a.md-search-result__link");
    if (first) window.location.href = first.href;
  });
  form.addEventListener("reset", () => {
    setTimeout(() => {
      run("");
      input.focus();
    });
  });
  toggle?.addEventListener("change", () => {
    if (toggle.checked) open();
  });

  document.addEventListener("keydown", (ev) => {
    const target = ev.target;
    const typing = target instanceof HTMLElement &&
      (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName));
    const isOpen = toggle ? toggle.checked : document.activeElement === input;
    if (!isOpen) {
      // Material's shortcuts: / or s opens the search
      if (!typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey && (ev.key === "/" || ev.key === "s")) {
        ev.preventDefault();
        open();
      }
      return;
    }
    if (ev.key === "Escape") {
      ev.preventDefault();
      close();
      return;
    }
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
    const all = [input, ...links()];
    const at = all.indexOf(document.activeElement);
    const next = ev.key === "ArrowDown" ? Math.min(at + 1, all.length - 1) : Math.max(at - 1, 0);
    if (all[next]) {
      ev.preventDefault();
      all[next].focus();
    }
  });

  // a shareable search: ?q=QUERY on any page opens the search with that query
  const q = new URLSearchParams(window.location.search).get("q");
  if (q) {
    input.value = q;
    open();
    run(q);
  }
}

const searchBox = document.querySelector("[data-sr-search]");
if (searchBox) setUp(searchBox);
