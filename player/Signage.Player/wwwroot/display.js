// Shows what the player's rotation says is on screen now. The next image is decoded before the
// swap, so a change of slide never shows a black frame.
(() => {
  "use strict";
  const front = document.getElementById("front");
  const empty = document.getElementById("empty");
  const ticker = document.getElementById("ticker");
  const alertImage = document.getElementById("alert");
  const pairing = document.getElementById("pairing");
  const pairingCode = document.getElementById("pairing-code");
  const pairingQr = document.getElementById("pairing-qr");
  const preloaded = new Map();
  let shown = null;
  let confirmedAlert = null;

  // An alert covers everything (rotation, ticker, closed hours) until it ends. Once its picture is
  // on the display, the page tells the player, which confirms it to the server: the confirmation
  // means "seen on this screen", not "received by the agent".
  async function showAlert(alert) {
    if (!alert) {
      alertImage.hidden = true;
      delete alertImage.dataset.alertId;
      return;
    }
    if (alertImage.dataset.alertId !== alert.id) {
      const src = await preload(alert);
      if (!src) return;
      alertImage.src = src;
      alertImage.alt = alert.accessibleText;
      alertImage.dataset.alertId = alert.id;
      alertImage.dataset.sha256 = alert.sha256;
    }
    alertImage.hidden = false;
    if (confirmedAlert !== alert.id) {
      await new Promise(requestAnimationFrame);
      const response = await fetch("/api/alerts/" + alert.id + "/shown", { method: "POST" });
      if (response.ok) confirmedAlert = alert.id;
    }
  }

  function preload(item) {
    if (!item || preloaded.has(item.sha256)) return preloaded.get(item?.sha256);
    const img = new Image();
    img.src = "/media/" + item.sha256;
    const ready = img.decode().then(() => img.src, () => null);
    preloaded.set(item.sha256, ready);
    return ready;
  }

  // Tells the player what is on screen after every check, so that its proof-of-play journal records what the
  // display really showed (and a silent display, a dead browser, ends the play).
  function reportShown() {
    const itemId = pairing.hidden && alertImage.hidden && !front.hidden ? front.dataset.itemId : null;
    fetch("/api/shown", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ itemId: itemId || null }) })
      .catch(() => {});
  }

  async function tick() {
    try {
      const status = await (await fetch("/api/status", { cache: "no-store" })).json();
      const current = status.current;
      // Not paired yet: the code and its QR code are all there is to show.
      pairing.hidden = !status.pairing;
      if (status.pairing) {
        if (pairingCode.textContent !== status.pairing.display) {
          pairingCode.textContent = status.pairing.display;
          pairingQr.src = "/api/pairing/qr.png?code=" + encodeURIComponent(status.pairing.code);
        }
        return;
      }
      document.body.dataset.connected = status.connected;
      document.body.dataset.displayOn = status.displayOn;
      document.body.classList.toggle("alerting", !!status.alert);
      await showAlert(status.alert);
      ticker.hidden = !status.displayOn || !status.ticker;
      ticker.textContent = status.ticker || "";
      document.body.classList.toggle("with-ticker", !ticker.hidden);
      if (!status.displayOn) {
        // Outside opening hours: black, in case the power command is missing or failed.
        front.hidden = true;
        empty.hidden = true;
        shown = null;
      } else if (!current) {
        empty.hidden = false;
        front.hidden = true;
        shown = null;
      } else if (current.sha256 !== shown) {
        const src = await preload(current);
        if (src) {
          front.src = src;
          front.alt = current.accessibleText;
          front.dataset.itemId = current.id;
          front.dataset.sha256 = current.sha256;
          front.hidden = false;
          empty.hidden = true;
          shown = current.sha256;
        }
      } else {
        // Another item of the same picture: the same frame, a new play.
        front.dataset.itemId = current.id;
      }
      preload(status.next);
      for (const key of preloaded.keys()) {
        if (key !== current?.sha256 && key !== status.next?.sha256 && key !== status.alert?.sha256) preloaded.delete(key);
      }
    } catch {
      // The player process restarts under systemd; keep the last frame meanwhile.
    } finally {
      reportShown();
    }
  }

  tick();
  setInterval(tick, 500);
})();
