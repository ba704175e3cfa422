/* briefings search page: answers the search form from the site's own Pagefind index.
   Every string comes from the page (the site's language); nothing is fetched from elsewhere. */
(function () {
  "use strict";
  var form = document.querySelector("form.search-form");
  if (!form) return;
  var input = form.querySelector("[name=q]");
  var dossier = form.querySelector("[name=dossier]");
  var kind = form.querySelector("[name=type]");
  var status = document.querySelector(".search-status[role=status]");
  var list = document.querySelector(".search-list");
  var more = document.querySelector(".search-more");
  var lang = document.documentElement.lang || "en";
  var plural = new Intl.PluralRules(lang);
  var numbers = new Intl.NumberFormat(lang);
  var PAGE = 10;
  var BATCH = 48;
  var pagefind = null;
  var results = [];
  var shown = 0;
  var generation = 0;
  var timer = null;

  function message(name, count, query) {
    return form.dataset[name]
      .replace("{count}", numbers.format(count))
      .replace("{query}", query);
  }

  /* The index of a large site is in shards (briefings/stages/search.py): the bundle's own, and
     those its shards.json lists, merged into it, each tagged with its number (`shard`). The list
     is fetched fresh, as Pagefind fetches its entry file: a cached list could name shards a later
     build no longer has. */
  function manifest(bundle) {
    return fetch(bundle + "shards.json?ts=" + Date.now())
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (data) {
        return { shards: data.shards || [], lexicon: data.lexicon || [], parts: data.parts || {} };
      });
  }

  function load() {
    if (!pagefind) {
      var bundle = form.dataset.bundle;
      var listed = manifest(bundle);
      pagefind = import(bundle + "pagefind.js").then(function (module) {
        return listed.then(function (found) {
          var split = found.lexicon.length > 0;
          // Results' addresses are whole paths, base path included: none is put before them.
          var options = split ? { baseUrl: "/", mergeFilter: { shard: "0" } } : { baseUrl: "/" };
          return module.options(options).then(function () {
            var merged = found.shards.map(function (folder) {
              var tag = { baseUrl: "/" };
              if (split) tag.mergeFilter = { shard: folder.slice(0, -1) };
              return module.mergeIndex(bundle + folder, tag);
            });
            merged = merged.concat(found.lexicon.map(function (folder) {
              var part = folder.split("/").slice(-2)[0];
              return module.mergeIndex(bundle + folder, { mergeFilter: { part: part } });
            }));
            return Promise.all(merged);
          }).then(function () { return { module: module, found: found }; });
        });
      });
    }
    return pagefind;
  }

  /* A searched text's words as Pagefind makes them: lower case, without punctuation, without
     accents, cut at spaces (pagefind-worker.js's `search`). */
  function words(text) {
    var kept = "";
    Array.from(text).forEach(function (c) {
      if (!/[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/u.test(c)) kept += c.toLocaleLowerCase();
    });
    kept = kept.replace(/\s+/g, " ").trim().normalize("NFD").replace(/\p{M}/gu, "");
    return kept ? kept.split(" ") : [];
  }

  /* The shards a search may find pages in, or null when the index is in one piece. A shard that
     lacks a word answers with the words that begin it (`de` for `désastreuse`), where one index
     holding it would not: the lexicon (briefings/stages/lexicon.py) tells, word by word, which
     shards hold it, or which hold the word one index would fall back on. */
  function shardsFor(loaded, query) {
    if (!loaded.found.lexicon.length) return Promise.resolve(null);
    var unique = words(query).filter(function (w, i, all) { return all.indexOf(w) === i; });
    // Every shard named in the filter, so that Pagefind counts the pages of each (it counts a
    // filter's values only when the search names the filter).
    var every = ["0"].concat(loaded.found.shards.map(function (f) { return f.slice(0, -1); }));
    return Promise.all(unique.map(function (word) {
      var part = loaded.found.parts[word.charAt(0)] || "_";
      var lexicon = { part: part, of: { any: every } };
      return loaded.module.search(word, { filters: lexicon }).then(function (found) {
        var counts = (found && found.filters && found.filters.of) || {};
        var held = Object.keys(counts).filter(function (shard) { return counts[shard] > 0; });
        if (!held.length || !found.results.length) return held;
        return found.results[0].data().then(function (data) {
          return begun(data, word) ? held : [];
        });
      });
    })).then(function (sets) {
      // A word no shard holds is left out of the search, as one index leaves out a word it
      // lacks (and does not fall back on): out of the query too, or the shards would fall back.
      var absent = unique.filter(function (word, i) { return !sets[i].length; });
      sets = sets.filter(function (set) { return set.length > 0; });
      if (!sets.length) return { shards: [], absent: absent };
      var kept = sets.reduce(function (kept, set) {
        return kept.filter(function (shard) { return set.indexOf(shard) >= 0; });
      });
      return { shards: kept, absent: absent };
    });
  }

  /* Whether the lexicon found words that `word` begins, or fell back on a shorter word that
     begins it. Pagefind falls back on the longest indexed word that begins a searched word among
     the words of the part of its index it loaded: a shard or a part of the lexicon, smaller, loads
     a wider range of words than one index of a large site, and found `de` pages for `débordent`,
     which such an index finds nothing for. A word found shares at least its stem with `word`, and
     a stem has four letters or the whole of a shorter word; a fallback, a short word. */
  function begun(data, word) {
    var tokens = data.content.split(/\s+/);
    return data.locations.some(function (at) {
      // Pagefind indexes a word whole and cut at its punctuation (`l'élargissement`).
      var token = tokens[at] || "";
      var pieces = words(token).concat(words(token.replace(/[^\p{L}\p{N}]+/gu, " ")));
      return pieces.some(function (piece) {
        var common = 0;
        while (common < piece.length && piece.charAt(common) === word.charAt(common)) common++;
        return common >= Math.min(4, word.length);
      });
    });
  }

  function find(query) {
    return load().then(function (loaded) {
      return shardsFor(loaded, query).then(function (split) {
        var chosen = filters();
        if (split) {
          if (!split.shards.length) return { results: [] };
          chosen.shard = { any: split.shards };
          if (split.absent.length && query.indexOf('"') < 0) {
            query = words(query).filter(function (w) { return split.absent.indexOf(w) < 0; }).join(" ");
          }
        }
        return loaded.module.search(query, { filters: chosen });
      });
    });
  }

  /* The rule of briefings/typography.py, again: Pagefind's excerpts come with plain spaces. */
  function french(text) {
    return text
      .replace(/«[ \t\u00a0\u202f]*/g, "«\u00a0")
      .replace(/[ \t\u00a0\u202f]*»/g, "\u00a0»")
      .replace(/[ \t\u00a0\u202f]+:/g, "\u00a0:")
      .replace(/[ \t\u00a0\u202f]+([;!?])/g, "\u202f$1");
  }

  /* Pagefind marks the matched words with <mark>; everything else becomes text, never HTML. */
  function excerpt(html, lang) {
    var paragraph = document.createElement("p");
    paragraph.className = "search-excerpt";
    if (/^fr\b/i.test(lang)) html = french(html);
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  /* The label of an option of a select of the form: a kind's, a dossier's title. */
  function label(select, value) {
    var option = Array.prototype.find.call(select.options, function (o) { return o.value === value; });
    return option ? option.textContent : "";
  }

  function entry(className, url, title, meta, excerptHtml, lang) {
    var li = document.createElement("li");
    li.className = "search-result " + className;
    var heading = document.createElement("h3");
    var link = document.createElement("a");
    link.href = url;
    link.textContent = title || url;
    heading.appendChild(link);
    li.appendChild(heading);
    meta = meta.filter(Boolean);
    if (meta.length) {
      var line = document.createElement("p");
      line.className = "search-meta";
      line.textContent = meta.join(form.dataset.separator);
      li.appendChild(line);
    }
    if (lang && lang !== document.documentElement.lang) li.lang = lang;
    li.appendChild(excerpt(excerptHtml || "", lang));
    return li;
  }

  /* An article's quotes are sections of its page (briefings/stages/search.py): Pagefind gives
     those that match as sub-results, each under its speaker's heading, with its paragraph's id;
     the page's filter `quoted` tells each quote's dossiers ("p-3 gaza"). */
  function quotesOf(data) {
    var dossiers = {};
    (data.filters.quoted || []).forEach(function (value) {
      var cut = value.indexOf(" ");
      var id = value.slice(0, cut);
      (dossiers[id] = dossiers[id] || []).push(value.slice(cut + 1));
    });
    return (data.sub_results || []).filter(function (sub) {
      var id = sub.anchor && sub.anchor.id;
      if (!id || !dossiers[id]) return false;
      return !dossier.value || dossiers[id].indexOf(dossier.value) >= 0;
    }).map(function (sub) { return { data: data, sub: sub, dossiers: dossiers[sub.anchor.id] }; });
  }

  function quoteItem(quote) {
    var data = quote.data;
    var titles = quote.dossiers.map(function (id) { return label(dossier, id); });
    var meta = [label(kind, "quote"), data.meta.date, data.meta.title, titles.filter(Boolean).join(", ")];
    var lang = (data.filters.lang || [])[0] || "";
    return entry("search-quote", quote.sub.url, quote.sub.title, meta, quote.sub.excerpt, lang);
  }

  function pageItem(data) {
    var kinds = data.filters.type || [];
    var name = kinds.indexOf("dossier") >= 0 ? "dossier" : kinds.length ? "article" : "result";
    var meta = [data.meta.kind, data.meta.date, data.meta.article, data.meta.dossiers];
    var lang = (data.filters.lang || [])[0] || "";
    var li = entry("search-" + name, data.url, data.meta.title, meta, data.excerpt, lang);
    var quotes = kind.value ? [] : quotesOf(data);  // with a kind chosen, its own results only
    if (quotes.length) {
      var nested = document.createElement("ol");
      nested.className = "search-quotes";
      quotes.forEach(function (quote) { nested.appendChild(quoteItem(quote)); });
      li.appendChild(nested);
    }
    return li;
  }

  function showMore() {
    var ticket = generation;
    var next = results.slice(shown, shown + PAGE);
    return Promise.all(next.map(function (r) { return r(); })).then(function (items) {
      if (ticket !== generation) return;
      items.forEach(function (li) { list.appendChild(li); });
      shown += next.length;
      more.hidden = shown >= results.length;
    });
  }

  /* With the kind `quote`, the matching quotes are found in the pages of the results, a batch
     of pages at a time (thousands of fetches at once make the browser refuse some): the first
     are shown as soon as there are enough of them, the count so far after each batch (a search
     of a common word reads thousands of pages, seconds on a large site), the exact count once
     every page is read. Meanwhile the status is busy, so that a screen reader announces only
     the last count rather than every one. */
  function quotesFound(search, ticket, query) {
    var from = 0;
    function batch() {
      var pages = search.results.slice(from, from + BATCH);
      from += BATCH;
      return Promise.all(pages.map(function (r) { return r.data(); })).then(function (all) {
        all.forEach(function (data) {
          quotesOf(data).forEach(function (quote) {
            results.push(function () { return Promise.resolve(quoteItem(quote)); });
          });
        });
      });
    }
    function first() {
      if (ticket !== generation) return null;
      if (results.length >= PAGE || from >= search.results.length) return showMore().then(rest);
      return batch().then(first);
    }
    function rest() {
      if (ticket !== generation) return null;
      if (from >= search.results.length) return tell(results.length, query);
      status.setAttribute("aria-busy", "true");
      status.textContent = message("counting", results.length, query);
      return batch().then(function () {
        if (ticket === generation) more.hidden = shown >= results.length;
        return rest();
      });
    }
    return first();
  }

  function tell(count, query) {
    status.removeAttribute("aria-busy");
    var name = count === 0 ? "none" : plural.select(count) === "one" ? "one" : "many";
    status.textContent = message(name, count, query);
  }

  function filters() {
    var chosen = {};
    if (dossier.value) chosen.dossier = dossier.value;
    if (kind.value) chosen.type = kind.value;
    return chosen;
  }

  function remember(query) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    if (dossier.value) params.set("dossier", dossier.value);
    if (kind.value) params.set("type", kind.value);
    var search = params.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++generation;
    form.dataset.state = "busy";
    remember(query);
    list.textContent = "";
    more.hidden = true;
    results = [];
    shown = 0;
    status.removeAttribute("aria-busy");
    if (!query) {
      status.textContent = "";
      form.dataset.state = "done";
      return Promise.resolve();
    }
    status.textContent = form.dataset.loading;
    return find(query)
      .then(function (search) {
        if (ticket !== generation || !search) return null;
        if (kind.value === "quote") return quotesFound(search, ticket, query);
        results = search.results.map(function (r) {
          return function () { return r.data().then(pageItem); };
        });
        tell(results.length, query);
        return showMore();
      })
      .catch(function () {
        if (ticket !== generation) return;
        status.removeAttribute("aria-busy");
        status.textContent = form.dataset.error;
      })
      .then(function () {
        if (ticket === generation) form.dataset.state = "done";
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  dossier.addEventListener("change", run);
  kind.addEventListener("change", run);
  more.addEventListener("click", showMore);

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  dossier.value = params.get("dossier") || "";
  kind.value = params.get("type") || "";
  if (!dossier.value) dossier.selectedIndex = 0;
  if (!kind.value) kind.selectedIndex = 0;
  run();
})();
