/*
 * 協働ハンドブック 案内チャット: embeddable web chat widget for the Rasa "webchat" channel.
 * Usage (two lines; BOT is the bot server's address, e.g. https://bot.example.jp):
 *   <div id="kyodo-chat"></div>
 *   <script src="BOT/webhooks/webchat/widget.js" defer></script>
 * No dependencies, no external resources. This entry reads the data-* attributes of its own <script> tag, loads
 * its parts from the same directory (widget-render.js: drawing a message as text, never as HTML; widget-chat.js:
 * the conversation), waits for them, then mounts the chat in the target element.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var BASE = new URL(".", (script && script.src) || window.location.href).href;
  var PARTS = ["widget-render.js", "widget-chat.js"]; /* in this order: the chat uses the renderer */
  var LOAD_FAILED = "申し訳ありません。サーバーに接続できませんでした。しばらくしてから、もう一度お試しください。";

  function attr(name, fallback) {
    return script && script.hasAttribute(name) ? script.getAttribute(name) : fallback;
  }

  var CONFIG = {
    target: attr("data-target", "kyodo-chat"),
    endpoint: attr("data-endpoint", BASE + "webhook"),
    replies: attr("data-replies", BASE + "replies"), /* coordinators' replies from the console, polled */
    greeting: attr("data-greeting", "/greet"),
    storageKey: attr("data-storage-key", "kyodoChat")
  };

  function loadPart(name) {
    return new Promise(function (resolve, reject) {
      var part = document.createElement("script");
      part.src = BASE + name;
      part.async = false; /* dynamic scripts run in insertion order */
      part.onload = resolve;
      part.onerror = function () { reject(new Error("widget part " + name)); };
      (document.head || document.documentElement).appendChild(part);
    });
  }

  /* Loaded once per page, even when widget.js is included twice (e.g. for two targets). */
  var ns = (window.KyodoChat = window.KyodoChat || {});
  if (!ns.ready) ns.ready = Promise.all(PARTS.map(loadPart));

  function targetElement() {
    var root = document.getElementById(CONFIG.target);
    if (!root) {
      root = document.createElement("div");
      root.id = CONFIG.target;
      document.body.appendChild(root);
    }
    return root;
  }

  function start() {
    var root = targetElement();
    if (root.getAttribute("data-kc-mounted")) return;
    root.setAttribute("data-kc-mounted", "true");
    if (!document.querySelector("link[href$='webchat.css']")) {
      var sheet = document.createElement("link");
      sheet.rel = "stylesheet";
      sheet.href = BASE + "webchat.css";
      document.head.appendChild(sheet);
    }
    ns.ready.then(function () {
      ns.mount(root, CONFIG);
    }, function () {
      var note = document.createElement("p");
      note.className = "kc-error";
      note.setAttribute("role", "alert");
      note.textContent = LOAD_FAILED;
      root.appendChild(note);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
