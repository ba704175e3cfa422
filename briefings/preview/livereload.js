// briefings serve: added to HTML pages as they are served, never written to the built site.
// The server decides when this page must reload; the script reloads it keeping the scroll
// position, and shows a build error over the last good page until the file is fixed.
(function (config) {
  "use strict";
  var scrollKey = "briefings:scroll:" + location.pathname + location.search;

  var saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    var y = Number(saved) || 0;
    var restore = function () { window.scrollTo(0, y); };
    restore();
    // Again once images and styles are in, when the page has its full height.
    window.addEventListener("load", restore);
  }

  var overlay = null;
  function showError(text) {
    if (overlay === null) {
      overlay = document.createElement("div");
      overlay.id = "briefings-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5rem 2rem;" +
        "background:rgba(24,24,27,.94);color:#fafafa;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;";
      var title = document.createElement("p");
      title.style.cssText = "margin:0 0 1rem;font-weight:bold;color:#fca5a5;";
      title.textContent = "briefings: the build failed. The page shows the last good build; " +
        "fix the file and save to rebuild.";
      var details = document.createElement("pre");
      details.style.cssText = "margin:0;white-space:pre-wrap;";
      overlay.appendChild(title);
      overlay.appendChild(details);
      document.body.appendChild(overlay);
    }
    // textContent, never innerHTML: the message quotes the user's files.
    overlay.lastChild.textContent = text;
  }
  function hideError() {
    if (overlay !== null) {
      overlay.remove();
      overlay = null;
    }
  }

  var query = "?version=" + encodeURIComponent(config.version);
  config.pages.forEach(function (page) { query += "&page=" + encodeURIComponent(page); });
  var events = new EventSource(config.events + query);
  events.addEventListener("reload", function () {
    sessionStorage.setItem(scrollKey, String(window.scrollY));
    // Only this script puts the page back where it was: the browser's own restoring, after the
    // load, would move it again (by scroll anchoring, when the text above changed).
    history.scrollRestoration = "manual";
    events.close();
    location.reload();
  });
  events.addEventListener("build-error", function (event) { showError(event.data); });
  events.addEventListener("build-ok", hideError);
})
