// The search page: finds articles by the words of their headline, summary, tags and the
// names they mention, and players, clubs and sources by name, misspelt or not.
// src/search.rs writes the index this reads; MiniSearch does the fuzzy matching.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || !window.fetch || !window.MiniSearch) return;
  var base = root.dataset.index;
  var shards = Number(root.dataset.shards);
  var chunk = Number(root.dataset.chunk);
  var form = root.querySelector("form");
  var status = root.querySelector(".search-status");
  var hits = root.querySelector(".entity-hits");
  var results = root.querySelector(".results");
  var more = root.querySelector(".more");
  var fields = { q: form.elements.q, player: form.elements.player, club: form.elements.club, source: form.elements.source, status: form.elements.status };
  var KINDS = { p: "Player", c: "Club", s: "Source" };
  var STOP = new Set("a an and are as at be but by for from has have he his in is it its of on or that the their they this to was will with".split(" "));
  var FOLD = { "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "ı": "i", "þ": "th", "ð": "d" };

  var files = new Map();
  function get(path) {
    if (!files.has(path)) {
      files.set(path, fetch(base + path).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      }));
    }
    return files.get(path);
  }

  // As src/search.rs folds words: lower case, no accents.
  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[øæœßđłıþð]/g, function (c) { return FOLD[c]; });
  }

  // The words of a query as the index keeps them: two characters or more, no common words.
  function words(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(function (w) { return w.length >= 2 && !STOP.has(w); });
  }

  function fnv(text) {
    var hash = 0x811c9dc5;
    var bytes = new TextEncoder().encode(text);
    for (var i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193) >>> 0;
    return hash;
  }

  function shardOf(term) {
    return fnv(term.indexOf(":") >= 0 ? term : term.slice(0, 2)) % shards;
  }

  // Each shard's words, as MiniSearch matches them, made once.
  var matchers = new Map();
  function shard(n) {
    return get("terms/" + n + ".json").then(function (postings) {
      if (!matchers.has(n)) {
        var terms = new MiniSearch({ fields: ["t"], idField: "t", tokenize: function (t) { return [t]; } });
        terms.addAll(Object.keys(postings).filter(function (t) { return t.indexOf(":") < 0; }).map(function (t) { return { t: t }; }));
        matchers.set(n, terms);
      }
      return { postings: postings, terms: matchers.get(n) };
    });
  }

  // The articles a word finds: those of every indexed word close to it in spelling.
  function articlesFor(word, last) {
    return shard(shardOf(word)).then(function (found) {
      var ids = new Set();
      var options = { fuzzy: word.length > 3 ? 0.2 : false, prefix: last };
      found.terms.search(word, options).forEach(function (hit) {
        found.postings[hit.id].forEach(function (id) { ids.add(id); });
      });
      return ids;
    });
  }

  function articlesWith(term) {
    return shard(shardOf(term)).then(function (found) { return new Set(found.postings[term] || []); });
  }

  var entities = null;
  function loadEntities() {
    if (!entities) {
      entities = get("entities.json").then(function (list) {
        var index = new MiniSearch({ fields: ["name", "aka"], storeFields: ["k"], idField: "i", processTerm: fold,
          extractField: function (doc, field) { return field === "aka" ? (doc.aka || []).join(" ") : doc[field]; } });
        index.addAll(list.map(function (e, i) { return Object.assign({ i: i }, e); }));
        ["p", "c", "s"].forEach(function (kind) {
          var options = document.getElementById("names-" + kind);
          if (!options || options.children.length) return;
          list.forEach(function (e) {
            if (e.k !== kind) return;
            var option = document.createElement("option");
            option.value = e.name;
            options.appendChild(option);
          });
        });
        return { list: list, index: index };
      });
    }
    return entities;
  }

  // The slug of the entity of `kind` a filter names, as typed: its name, or the nearest.
  function slugFor(known, kind, typed) {
    if (!typed) return null;
    var exact = known.list.find(function (e) { return e.k === kind && e.name.toLowerCase() === typed.toLowerCase(); });
    if (exact) return exact.slug;
    var near = known.index.search(typed, { fuzzy: 0.2, prefix: true, filter: function (hit) { return hit.k === kind; } })[0];
    return near ? known.list[near.id].slug : "";
  }

  function intersect(sets) {
    if (!sets.length) return null;
    sets.sort(function (a, b) { return a.size - b.size; });
    return Array.from(sets[0]).filter(function (id) { return sets.every(function (s) { return s.has(id); }); });
  }

  var shown = [];
  var generation = 0;
  function run() {
    var mine = ++generation;
    var query = fields.q.value.trim();
    var params = new URLSearchParams();
    Object.keys(fields).forEach(function (name) { if (fields[name].value.trim()) params.set(name, fields[name].value.trim()); });
    history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
    var filtered = ["player", "club", "source", "status"].some(function (name) { return fields[name].value; });
    if (!query && !filtered) {
      status.textContent = "Type a name or a few words.";
      hits.textContent = "";
      results.textContent = "";
      more.hidden = true;
      return;
    }
    status.textContent = "Searching…";
    loadEntities().then(function (known) {
      var qwords = words(query);
      var wordSets = qwords.map(function (w, i) { return articlesFor(w, i === qwords.length - 1); });
      var filterSets = [];
      [["player", "p"], ["club", "c"], ["source", "s"]].forEach(function (pair) {
        var slug = slugFor(known, pair[1], fields[pair[0]].value.trim());
        if (slug !== null) filterSets.push(articlesWith(pair[1] + ":" + slug));
      });
      if (fields.status.value) filterSets.push(articlesWith("st:" + fields.status.value));
      // A query that is a name, every word of it near a word of one player's, club's or
      // source's name, puts that one's articles first: they are what the reader is after,
      // and a misspelling the words miss still finds them.
      var named = query ? known.index.search(query, { fuzzy: 0.2, prefix: true, combineWith: "AND", boost: { name: 2 } }).slice(0, 8) : [];
      var best = named[0] ? known.list[named[0].id] : null;
      var first = best ? articlesWith(best.k + ":" + best.slug) : Promise.resolve(null);
      return Promise.all([Promise.all(wordSets), Promise.all(filterSets), first]).then(function (found) {
        if (mine !== generation) return;
        showEntities(known, named);
        var filter = found[1].length ? new Set(intersect(found[1])) : null;
        var seen = new Set();
        shown = [];
        var add = function (ids) {
          ids.sort(function (a, b) { return a - b; }).forEach(function (id) {
            if (!seen.has(id) && (!filter || filter.has(id))) { seen.add(id); shown.push(id); }
          });
        };
        if (found[2]) add(Array.from(found[2]));
        if (found[0].length) add(intersect(found[0]));
        if (!query && filter) add(Array.from(filter));
        results.textContent = "";
        status.textContent = shown.length === 1 ? "1 article" : shown.length + " articles";
        return page();
      });
    }).catch(function (error) {
      status.textContent = "Search is not available: " + error.message;
    });
  }

  function showEntities(known, found) {
    hits.textContent = "";
    found.forEach(function (hit) {
      var e = known.list[hit.id];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = e.url;
      a.textContent = e.name + " ";
      var small = document.createElement("small");
      small.textContent = KINDS[e.k] + ", " + e.n + (e.n === 1 ? " article" : " articles");
      a.appendChild(small);
      li.appendChild(a);
      hits.appendChild(li);
    });
  }

  // "27 Mar 2025", as the other lists of articles show a day, in the page's language.
  var months = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { month: "short", timeZone: "UTC" });
  function day(iso) {
    var parts = iso.split("-");
    return Number(parts[2]) + " " + months.format(new Date(iso + "T12:00:00Z")) + " " + parts[0];
  }

  // Shows the next twenty results, fetching only the files of result lines they are in.
  function page() {
    var from = results.children.length;
    var ids = shown.slice(from, from + 20);
    var needed = Array.from(new Set(ids.map(function (id) { return Math.floor(id / chunk); })));
    return Promise.all(needed.map(function (c) { return get("articles/" + c + ".json"); })).then(function (lines) {
      var byChunk = new Map(needed.map(function (c, i) { return [c, lines[i]]; }));
      ids.forEach(function (id) {
        var line = byChunk.get(Math.floor(id / chunk))[id % chunk];
        var li = document.createElement("li");
        li.className = "article-item";
        var time = document.createElement("time");
        time.dateTime = line[2];
        time.textContent = day(line[2]);
        var a = document.createElement("a");
        a.href = line[0];
        a.textContent = line[1];
        li.append(time, " ", a);
        line[3].forEach(function (s) {
          var badge = document.createElement("span");
          badge.className = "badge badge-" + s;
          var option = fields.status.querySelector('option[value="' + s + '"]');
          badge.textContent = option ? option.textContent : s;
          li.append(" ", badge);
        });
        results.appendChild(li);
      });
      more.hidden = results.children.length >= shown.length;
    });
  }

  var timer = 0;
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  more.addEventListener("click", page);
  fields.player.addEventListener("focus", loadEntities, { once: true });
  fields.club.addEventListener("focus", loadEntities, { once: true });
  fields.source.addEventListener("focus", loadEntities, { once: true });
  var params = new URLSearchParams(location.search);
  Object.keys(fields).forEach(function (name) { if (params.get(name)) fields[name].value = params.get(name); });
  run();
})();
