/*
 * 協働ハンドブック 案内チャット, part 2 of the widget (loaded by widget.js): the conversation. Builds the chat box,
 * sends messages, polls the coordinators' replies, copies the transcript and keeps the log in sessionStorage.
 * Messages are drawn by window.KyodoChat.render (widget-render.js). Exposed as window.KyodoChat.mount(root, config).
 */
(function () {
  "use strict";

  var R = window.KyodoChat.render;
  var el = R.el;

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
    error: "申し訳ありません。サーバーに接続できませんでした。しばらくしてから、もう一度お試しください。",
    errorKept: "申し訳ありません。サーバーに接続できませんでした。入力した文章はそのまま残してあります。しばらくしてから、もう一度送信してください。"
  };

  var MAX_STORED = 200;
  var POLL_MS = 3000;
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

  function mount(root, CONFIG) {
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

    function renderEntry(entry) {
      var item = R.message(entry);
      log.insertBefore(item, typing.parentNode === log ? typing : null);
      if (entry.buttons && entry.buttons.length) {
        log.insertBefore(R.choices(entry.buttons, function (b) { send(b.payload, b.title, null); }), item.nextSibling);
      }
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
          var buttons = R.cleanButtons(m.buttons);
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

    /* Coordinators' replies (「担当者からの回答」): asked for now and every POLL_MS; the last one shown is kept in
       sessionStorage, so a page reopened in the same browser session shows the ones it has not shown yet. */
    function pollReplies() {
      var asked = sender, seenKey = CONFIG.storageKey + ".replies." + sender;
      var after = parseInt(storage.get(seenKey) || "0", 10) || 0;
      var url = CONFIG.replies + "?sender=" + encodeURIComponent(asked) + "&after=" + after;
      window.fetch(url, { credentials: "omit", cache: "no-store" }).then(function (res) {
        return res.ok ? res.json() : null;
      }).then(function (data) {
        if (asked !== sender || !data || !Array.isArray(data.replies)) return;
        data.replies.forEach(function (r) {
          if (!r || typeof r.text !== "string" || !(r.id > after)) return;
          after = r.id;
          var entry = { who: "bot", text: r.text };
          entries.push(entry);
          renderEntry(entry);
        });
        storage.set(seenKey, String(after));
        save();
      }).catch(function () { /* asked again at the next tick */ });
    }
    pollReplies();
    window.setInterval(pollReplies, POLL_MS);
  }

  window.KyodoChat.mount = mount;
})();
