/*
 * 協働ハンドブック 案内チャット: embeddable web chat widget for the Rasa "webchat" channel.
 * Usage (two lines; BOT is the bot server's address, e.g. https://bot.example.jp):
 *   <div id="kyodo-chat"></div>
 *   <script src="BOT/webhooks/webchat/widget.js" defer></script>
 * No dependencies, no external resources. Every message is inserted as text (textContent), never as
 * HTML; only http(s) URLs and the server's search-phrase links (「…」で検索) become <a> elements, built one by one.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var BASE = new URL(".", (script && script.src) || window.location.href).href;

  function attr(name, fallback) {
    return script && script.hasAttribute(name) ? script.getAttribute(name) : fallback;
  }

  var CONFIG = {
    target: attr("data-target", "kyodo-chat"),
    endpoint: attr("data-endpoint", BASE + "webhook"),
    greeting: attr("data-greeting", "/greet"),
    storageKey: attr("data-storage-key", "kyodoChat")
  };

  var TEXT = {
    title: "協働ハンドブック 案内チャット",
    restart: "最初からやり直す",
    copy: "会話をコピー",
    copied: "会話をコピーしました。メールなどに貼り付けてお使いいただけます。",
    copyFailed: "申し訳ありません。会話をコピーできませんでした。お手数ですが、画面の文章を選択してコピーしてください。",
    copyEmpty: "コピーする会話がまだありません。",
    youLine: "あなた：",
    botLine: "ボット：",
    log: "会話の履歴",
    label: "質問を入力",
    placeholder: "例：協働とは何ですか",
    hint: "Enterキーで送信、Shift＋Enterで改行します。",
    send: "送信",
    typing: "回答を準備しています…",
    choices: "選択肢",
    you: "あなた：",
    bot: "アシスタント：",
    image: "画像を開く",
    error: "申し訳ありません。サーバーに接続できませんでした。しばらくしてから、もう一度お試しください。",
    errorKept: "申し訳ありません。サーバーに接続できませんでした。入力した文章はそのまま残してあります。しばらくしてから、もう一度送信してください。"
  };

  var MAX_STORED = 200;
  var URL_PATTERN = /https?:\/\/[A-Za-z0-9\-._~:\/?#\[\]@!$&'*+,;=%]+/g;
  var memory = {};
  var mounted = 0;

  var storage = {
    get: function (key) {
      if (Object.prototype.hasOwnProperty.call(memory, key)) return memory[key];
      try { return window.sessionStorage.getItem(key); } catch (e) { return null; }
    },
    set: function (key, value) {
      memory[key] = value;
      try { window.sessionStorage.setItem(key, value); } catch (e) { /* memory only */ }
    }
  };

  function newSenderId() {
    var c = window.crypto;
    if (c && typeof c.randomUUID === "function") return "wc-" + c.randomUUID();
    var bytes = new Uint8Array(16);
    c.getRandomValues(bytes);
    return "wc-" + Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  /* A new element with a class, text content (as text) and attributes. */
  function el(tag, className, text, attrs) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    return node;
  }

  function safeUrl(value) {
    try {
      var url = new URL(String(value));
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(className, text, href) {
    return el("a", className, text, { href: href, target: "_blank", rel: "noopener noreferrer" });
  }

  /* Append text to parent as text nodes, with http(s) URLs as links. */
  function appendLinkified(parent, text) {
    var last = 0;
    var match;
    URL_PATTERN.lastIndex = 0;
    while ((match = URL_PATTERN.exec(text)) !== null) {
      var raw = match[0].replace(/[.,;:!?'\]]+$/, "");
      var href = safeUrl(raw);
      if (!href) continue;
      if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      parent.appendChild(link("kc-link", raw, href));
      last = match.index + raw.length;
      URL_PATTERN.lastIndex = last;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /* Append text with the server's search phrases (「phrase」で検索) as links to a web search, other URLs linkified. */
  function appendText(parent, text, search) {
    var links = (Array.isArray(search) ? search : []).filter(function (s) {
      return s && typeof s.phrase === "string" && s.phrase && safeUrl(s.url);
    });
    var pos = 0;
    for (;;) {
      var best = null;
      links.forEach(function (s) {
        var at = text.indexOf("「" + s.phrase + "」で検索", pos);
        if (at >= 0 && (!best || at < best.at)) best = { at: at + 1, s: s };
      });
      if (!best) break;
      appendLinkified(parent, text.slice(pos, best.at));
      parent.appendChild(link("kc-link kc-search-link", best.s.phrase, safeUrl(best.s.url)));
      pos = best.at + best.s.phrase.length;
    }
    appendLinkified(parent, text.slice(pos));
  }

  function cleanButtons(buttons) {
    if (!Array.isArray(buttons)) return [];
    return buttons.filter(function (b) {
      return b && typeof b.title === "string" && (typeof b.payload === "string" || typeof b.url === "string");
    }).map(function (b) {
      return typeof b.url === "string" ? { title: b.title, url: b.url } : { title: b.title, payload: b.payload };
    });
  }

  function mount(root) {
    var id = ++mounted;
    var senderKey = CONFIG.storageKey + ".sender";
    var logKey = CONFIG.storageKey + ".log";
    var sender = storage.get(senderKey);
    if (!sender) { sender = newSenderId(); storage.set(senderKey, sender); }
    var entries = [];
    try { entries = JSON.parse(storage.get(logKey) || "[]"); } catch (e) { /* start empty */ }
    entries = Array.isArray(entries) ? entries.filter(function (e) { return e && typeof e === "object"; }) : [];
    var busy = false, generation = 0;

    var box = el("section", "kc-chat", null, { "aria-label": TEXT.title });
    var header = el("div", "kc-header");
    var restart = el("button", "kc-restart", TEXT.restart, { type: "button" });
    var copy = el("button", "kc-copy", TEXT.copy, { type: "button" });
    var tools = el("div", "kc-tools");
    tools.append(copy, restart);
    header.append(el("h2", "kc-title", TEXT.title), tools);
    var log = el("div", "kc-log", null, { role: "log", "aria-live": "polite", "aria-label": TEXT.log, tabindex: "0" });
    var typing = el("div", "kc-msg kc-bot kc-typing", null, { "aria-hidden": "true" });
    typing.appendChild(el("div", "kc-bubble")).append(el("span", "kc-dot"), el("span", "kc-dot"), el("span", "kc-dot"));
    var status = el("p", "kc-status", null, { role: "status" });
    var error = el("p", "kc-error", null, { role: "alert" });
    error.hidden = true;
    var form = el("form", "kc-form");
    var label = el("label", "kc-label", TEXT.label, { for: "kc-input-" + id });
    var input = el("textarea", "kc-input", null, {
      id: "kc-input-" + id, name: "message", rows: "2", maxlength: "1000", autocomplete: "off",
      placeholder: TEXT.placeholder, "aria-describedby": "kc-hint-" + id
    });
    var hint = el("p", "kc-hint", TEXT.hint, { id: "kc-hint-" + id });
    var sendButton = el("button", "kc-send", TEXT.send, { type: "submit" });
    var row = el("div", "kc-row");
    row.append(input, sendButton);
    form.append(label, row, hint);
    box.append(header, log, status, error, form);
    root.appendChild(box);

    function save() { storage.set(logKey, JSON.stringify(entries.slice(-MAX_STORED))); }
    function scrollDown() { log.scrollTop = log.scrollHeight; }

    function renderChoices(buttons) {
      var group = el("div", "kc-quick", null, { role: "group", "aria-label": TEXT.choices });
      buttons.forEach(function (b) {
        if (b.url) {
          var href = safeUrl(b.url);
          if (href) group.appendChild(link("kc-choice kc-choice-link", b.title, href));
          return;
        }
        var button = el("button", "kc-choice", b.title, { type: "button" });
        button.addEventListener("click", function () { send(b.payload, b.title, null); });
        group.appendChild(button);
      });
      return group;
    }

    function renderEntry(entry) {
      var item = el("div", "kc-msg kc-" + (entry.who === "user" ? "user" : "bot"));
      item.appendChild(el("span", "kc-sr", entry.who === "user" ? TEXT.you : TEXT.bot));
      var bubble = el("div", "kc-bubble");
      appendText(bubble, String(entry.text || ""), entry.search);
      var image = entry.image ? safeUrl(entry.image) : null;
      if (image) bubble.appendChild(link("kc-link kc-image-link", TEXT.image, image));
      item.appendChild(bubble);
      log.insertBefore(item, typing.parentNode === log ? typing : null);
      if (entry.buttons && entry.buttons.length) log.insertBefore(renderChoices(entry.buttons), item.nextSibling);
      scrollDown();
      return item;
    }

    function clearChoices() {
      Array.prototype.forEach.call(log.querySelectorAll(".kc-quick"), function (node) { node.remove(); });
      entries.forEach(function (entry) { delete entry.buttons; });
    }

    function setBusy(value) {
      busy = value;
      form.setAttribute("aria-busy", value ? "true" : "false");
      sendButton.setAttribute("aria-disabled", value ? "true" : "false");
      if (value) { log.appendChild(typing); status.textContent = TEXT.typing; scrollDown(); }
      else { typing.remove(); status.textContent = ""; }
    }

    function showError(message) { error.textContent = message; error.hidden = !message; }

    function send(payload, shown, typed) {
      if (busy || !payload) return;
      var gen = generation;
      var focusWasInChat = box.contains(document.activeElement);
      showError("");
      var userEntry = null, userNode = null;
      if (shown) {
        userEntry = { who: "user", text: shown };
        entries.push(userEntry);
        save();
        userNode = renderEntry(userEntry);
      }
      setBusy(true);
      window.fetch(CONFIG.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "omit",
        body: JSON.stringify({ sender: sender, message: payload })
      }).then(function (res) {
        if (!res.ok) throw new Error("HTTP " + res.status);
        return res.json();
      }).then(function (data) {
        if (gen !== generation) return;
        clearChoices();
        (data && Array.isArray(data.messages) ? data.messages : []).forEach(function (m) {
          m = m || {};
          var entry = { who: "bot", text: typeof m.text === "string" ? m.text : "" };
          var buttons = cleanButtons(m.buttons);
          if (buttons.length) entry.buttons = buttons;
          if (typeof m.image === "string") entry.image = m.image;
          if (Array.isArray(m.search) && m.search.length) entry.search = m.search;
          if (!entry.text && !entry.buttons && !entry.image) return;
          entries.push(entry);
          renderEntry(entry);
        });
        save();
      }).catch(function () {
        if (gen !== generation) return;
        if (userEntry) {
          entries.splice(entries.indexOf(userEntry), 1);
          userNode.remove();
          save();
        }
        if (typed && !input.value) input.value = typed;
        showError(typed ? TEXT.errorKept : TEXT.error);
      }).then(function () {
        if (gen !== generation) return;
        setBusy(false);
        /* A pressed quick reply is gone now: keep keyboard users in the chat. */
        if (focusWasInChat && !box.contains(document.activeElement)) input.focus();
      });
    }

    function submitTyped() {
      var text = input.value.trim();
      if (!text || busy) return;
      input.value = "";
      send(text, text, text);
    }

    function greet() { if (CONFIG.greeting) send(CONFIG.greeting, null, null); }

    var composing = false;
    input.addEventListener("compositionstart", function () { composing = true; });
    input.addEventListener("compositionend", function () { composing = false; });
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.shiftKey) return;
      /* Enter while an IME is converting only confirms the conversion: never send. */
      if (event.isComposing || composing || event.keyCode === 229) return;
      event.preventDefault();
      submitTyped();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submitTyped();
    });
    /* 「会話をコピー」: the transcript as plain text, one 「あなた：」/「ボット：」 entry per paragraph. */
    function transcript() {
      return entries.map(function (e) {
        return (e.who === "user" ? TEXT.youLine : TEXT.botLine) + String(e.text || e.image || "");
      }).join("\n\n");
    }

    function copyFallback(text) {
      var area = el("textarea", "kc-sr", null, { readonly: "", "aria-hidden": "true", tabindex: "-1" });
      area.value = text;
      box.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      copy.focus();
      return ok ? Promise.resolve() : Promise.reject(new Error("copy"));
    }

    copy.addEventListener("click", function () {
      var text = transcript();
      if (!entries.length) { status.textContent = TEXT.copyEmpty; return; }
      var clip = navigator.clipboard;
      var write = clip && window.isSecureContext ? clip.writeText(text) : Promise.reject(new Error("no clipboard"));
      write.catch(function () { return copyFallback(text); }).then(
        function () { status.textContent = TEXT.copied; },
        function () { status.textContent = TEXT.copyFailed; }
      );
    });

    restart.addEventListener("click", function () {
      generation += 1;
      setBusy(false);
      showError("");
      sender = newSenderId();
      storage.set(senderKey, sender);
      entries = [];
      save();
      while (log.firstChild) log.removeChild(log.firstChild);
      greet();
      input.focus();
    });

    entries.forEach(renderEntry);
    if (!entries.length) greet();
  }

  function start() {
    var root = document.getElementById(CONFIG.target);
    if (!root) {
      root = el("div");
      root.id = CONFIG.target;
      document.body.appendChild(root);
    }
    if (root.getAttribute("data-kc-mounted")) return;
    root.setAttribute("data-kc-mounted", "true");
    if (!document.querySelector("link[href$='webchat.css']")) {
      document.head.appendChild(el("link", null, null, { rel: "stylesheet", href: BASE + "webchat.css" }));
    }
    mount(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
