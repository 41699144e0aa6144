/*
 * 協働ハンドブック 案内チャット, part 1 of the widget (loaded by widget.js): the DOM rendering of one message.
 * Pure functions, no network and no storage. Every text is inserted as text (textContent / text nodes), never as
 * HTML; only http(s) URLs and the server's search-phrase links (「…」で検索) become <a> elements, built one by one.
 * Exposed as window.KyodoChat.render.
 */
(function () {
  "use strict";

  var TEXT = {
    choices: "選択肢",
    you: "あなた：",
    bot: "アシスタント：",
    image: "画像を開く"
  };

  var URL_PATTERN = /https?:\/\/[A-Za-z0-9\-._~:\/?#\[\]@!$&'*+,;=%]+/g;

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
  /* やさしい日本語 (issue 16): a reading written right after its kanji word, 交流館（こうりゅうかん）, is shown as
     <ruby>; the parentheses stay as <rp> for a browser without ruby. Built as nodes, never as HTML. */
  var READING = /([\u4e00-\u9fff\u3005\u3006\u30f6]+)\uff08([\u3041-\u3096\u30fc]+)\uff09/g;
  function appendRuby(parent, text) {
    var last = 0;
    var match;
    READING.lastIndex = 0;
    while ((match = READING.exec(text)) !== null) {
      if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var ruby = el("ruby", "kc-ruby", match[1]);
      ruby.append(el("rp", null, "（"), el("rt", null, match[2]), el("rp", null, "）"));
      parent.appendChild(ruby);
      last = match.index + match[0].length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function appendLinkified(parent, text) {
    var last = 0;
    var match;
    URL_PATTERN.lastIndex = 0;
    while ((match = URL_PATTERN.exec(text)) !== null) {
      var raw = match[0].replace(/[.,;:!?'\]]+$/, "");
      var href = safeUrl(raw);
      if (!href) continue;
      if (match.index > last) appendRuby(parent, text.slice(last, match.index));
      parent.appendChild(link("kc-link", raw, href));
      last = match.index + raw.length;
      URL_PATTERN.lastIndex = last;
    }
    if (last < text.length) appendRuby(parent, text.slice(last));
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

  /* The server's buttons kept as {title, url} or {title, payload}; anything else dropped. */
  function cleanButtons(buttons) {
    if (!Array.isArray(buttons)) return [];
    return buttons.filter(function (b) {
      return b && typeof b.title === "string" && (typeof b.payload === "string" || typeof b.url === "string");
    }).map(function (b) {
      return typeof b.url === "string" ? { title: b.title, url: b.url } : { title: b.title, payload: b.payload };
    });
  }

  /* The quick replies of a message: url buttons as links, payload buttons calling onPick(button). */
  function choices(buttons, onPick) {
    var group = el("div", "kc-quick", null, { role: "group", "aria-label": TEXT.choices });
    buttons.forEach(function (b) {
      if (b.url) {
        var href = safeUrl(b.url);
        if (href) group.appendChild(link("kc-choice kc-choice-link", b.title, href));
        return;
      }
      var button = el("button", "kc-choice", b.title, { type: "button" });
      button.addEventListener("click", function () { onPick(b); });
      group.appendChild(button);
    });
    return group;
  }

  /* One log entry ({who, text, search, image}) as its message element (buttons apart: see choices). */
  function message(entry) {
    var item = el("div", "kc-msg kc-" + (entry.who === "user" ? "user" : "bot"));
    item.appendChild(el("span", "kc-sr", entry.who === "user" ? TEXT.you : TEXT.bot));
    var bubble = el("div", "kc-bubble");
    appendText(bubble, String(entry.text || ""), entry.search);
    var image = entry.image ? safeUrl(entry.image) : null;
    if (image) bubble.appendChild(link("kc-link kc-image-link", TEXT.image, image));
    item.appendChild(bubble);
    return item;
  }

  var ns = (window.KyodoChat = window.KyodoChat || {});
  ns.render = { el: el, safeUrl: safeUrl, cleanButtons: cleanButtons, choices: choices, message: message };
})();
