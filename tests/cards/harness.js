// Card checker run in headless Chromium after Microsoft's renderer (adaptivecards.min.js).
//
// window.checkCard(payload, targetVersion, hostId) parses `payload` with a SerializationContext whose
// targetVersion is the card's own version, so that elements and properties newer than that version
// are reported (the renderer otherwise drops them silently), collects
//   - every parse event of the context (unknown element/action types, unsupported properties,
//     invalid values, ...), and every element/action the parser accepted (onParseElement/onParseAction),
//   - every event of card.validateProperties() (duplicate ids, inputs without labels or error
//     messages, unsupported card version, ...),
// then renders the card into a fresh <div id=hostId> for the screenshot.
(function () {
  "use strict";
  const AC = window.AdaptiveCards;

  function describe(source) {
    if (!source) return "";
    try {
      const type = typeof source.getJsonTypeName === "function" ? source.getJsonTypeName() : "";
      return source.id ? `${type}#${source.id}` : type;
    } catch (e) {
      return "";
    }
  }

  function plain(events) {
    return events.map((e) => ({
      phase: AC.ValidationPhase[e.phase],
      event: AC.ValidationEvent[e.event],
      message: e.message,
      source: describe(e.source),
    }));
  }

  // Teams renders a markdown subset in TextBlocks and facts; the renderer has no markdown processor
  // of its own. This one does what matters here: backslash escapes, **bold**, _italic_ and
  // [text](url) links, everything else literal (HTML escaped). The artifacts then look like Teams,
  // and a link that reaches the DOM is a sign of unescaped user input.
  function escapeHtml(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function teamsMarkdown(text) {
    const stash = [];
    let s = text.replace(/\\([\\`*_\[\]<>#~|(){}.!+-])/g, (m, c) => {
      stash.push(escapeHtml(c));
      return `\u0000${stash.length - 1}\u0000`;
    });
    s = escapeHtml(s);
    s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
    s = s.replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
    s = s.replace(/(^|[^A-Za-z0-9])_([^_]+)_(?=[^A-Za-z0-9]|$)/g, "$1<em>$2</em>");
    s = s.replace(/\n/g, "<br>");
    return s.replace(/\u0000(\d+)\u0000/g, (m, i) => stash[Number(i)]);
  }
  // Teams' own CodeBlock element (a snippet with a Copy button on desktop and web; other clients
  // show its fallback). The renderer does not know it, so it is registered here as Teams registers
  // it in its host: with its three properties, so any other property is still a parse event.
  class TeamsCodeBlock extends AC.CardElement {
    getJsonTypeName() {
      return "CodeBlock";
    }
    internalRender() {
      const box = document.createElement("div");
      box.className = "teams-codeblock";
      box.style.cssText = "display:flex;gap:8px;align-items:center;background:#f0f0f0;padding:6px;font-family:Consolas,monospace";
      const code = document.createElement("code");
      code.textContent = this.getValue(TeamsCodeBlock.codeSnippetProperty) || "";
      code.style.cssText = "flex:1;word-break:break-all";
      const copy = document.createElement("button");
      copy.textContent = "Copy";
      box.append(code, copy);
      return box;
    }
  }
  TeamsCodeBlock.codeSnippetProperty = new AC.StringProperty(AC.Versions.v1_0, "codeSnippet");
  TeamsCodeBlock.languageProperty = new AC.StringProperty(AC.Versions.v1_0, "language");
  TeamsCodeBlock.startLineNumberProperty = new AC.NumProperty(AC.Versions.v1_0, "startLineNumber");
  AC.GlobalRegistry.elements.register("CodeBlock", TeamsCodeBlock, AC.Versions.v1_5);

  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = teamsMarkdown(text);
    result.didProcess = true;
  };

  window.checkCard = function (payload, targetVersion, hostId) {
    const result = { parse: [], validation: [], elements: [], actions: [], inputs: [], links: [], rendered: false, errors: [] };
    try {
      const versionContext = new AC.SerializationContext();
      const version = AC.Version.parse(targetVersion, versionContext);
      if (!version || !version.isValid) {
        result.errors.push(`unparseable version ${JSON.stringify(targetVersion)}`);
        return result;
      }
      const context = new AC.SerializationContext(version);
      context.onParseElement = (element) => result.elements.push(describe(element));
      context.onParseAction = (action) => result.actions.push(describe(action));

      const card = new AC.AdaptiveCard();
      card.parse(payload, context);
      const events = [];
      for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
      result.parse = plain(events);
      result.validation = plain(card.validateProperties().validationEvents);
      result.inputs = card.getAllInputs(true).map((input) => input.id);

      const host = document.createElement("div");
      host.id = hostId;
      host.className = "card-host";
      document.body.appendChild(host);
      const element = card.render();
      if (element) {
        host.appendChild(element);
        result.rendered = true;
        result.links = Array.from(element.querySelectorAll("a[href]")).map((a) => a.getAttribute("href"));
      }
    } catch (e) {
      result.errors.push(String(e && e.stack ? e.stack : e));
    }
    return result;
  };
})();
