// Pulso's stand-in for Web Workers on pages opened from file://.
//
// Material runs its search in a Web Worker (`new Worker(url)`), and browsers refuse to start a worker
// from a file:// URL, so search would be dead on a site opened from disk. On file:// only, this
// replaces `window.Worker` with a class that runs the worker script in a hidden same-origin iframe
// and passes messages to and from it the way a worker would. Material's search worker looks for
// `parent.IFrameWorker` to learn that it runs in such a frame (then it finds its lunr scripts next to
// its own <script src>), and awaits `importScripts(...)`, so here that returns a promise.
//
// Listed in mkdocs.yml under extra.polyfills: the offline plugin then adds no CDN copy (it looks for
// "iframe-worker" in the polyfill paths). Written for Pulso; the page's own scripts need nothing else.
"use strict";
(() => {
  const loadScript = (doc, src) => new Promise((resolve, reject) => {
    const script = doc.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    doc.body.appendChild(script);
  });

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.url = new URL(String(url), document.baseURI).href;
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      document.body.appendChild(this.frame);
      const inner = this.frame.contentWindow;
      const doc = this.frame.contentDocument;
      // the worker's side: postMessage reaches this object, importScripts loads in order
      inner.postMessage = (data) => this.emit(new MessageEvent("message", { data: structuredClone(data) }));
      inner.importScripts = (...urls) =>
        urls.reduce((done, src) => done.then(() => loadScript(doc, src)), Promise.resolve());
      inner.addEventListener("error", (event) => this.emit(new ErrorEvent("error", { message: event.message })));
      this.ready = loadScript(doc, this.url).catch((error) => {
        this.emit(new ErrorEvent("error", { message: error.message }));
        throw error;
      });
    }

    emit(event) {
      this.dispatchEvent(event);
      const handler = event.type === "message" ? this.onmessage : this.onerror;
      if (typeof handler === "function") handler.call(this, event);
    }

    // the page's side: a message is delivered once the worker script has run
    postMessage(data) {
      const copy = structuredClone(data);
      this.ready.then(() => {
        const inner = this.frame.contentWindow;
        if (inner) inner.dispatchEvent(new inner.MessageEvent("message", { data: copy }));
      }, () => {});
    }

    terminate() {
      this.frame.remove();
    }
  }

  window.IFrameWorker = IFrameWorker;
  if (location.protocol === "file:") window.Worker = IFrameWorker;
})();
